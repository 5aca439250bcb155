"""Audited create / update / delete of one row: the building blocks of services.

Each validates the row (`full_clean`) before writing, so bad input raises a
ValidationError and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from ..audit import audit_record, snapshot
from ..compose import listed
from ..errors import StateConflict
from ..models.audit import AuditAction
from ..text import stored_texts, tolerating, validator_for

M = TypeVar("M", bound=models.Model)

# Apps that control records (documents: retention periods, 4.6.5) refuse the
# deletion of a row they still hold by raising ValidationError from a guard.
DELETION_GUARDS: list[Callable[[models.Model], None]] = []


def register_deletion_guard(guard: Callable[[models.Model], None]) -> None:
    if guard not in DELETION_GUARDS:
        DELETION_GUARDS.append(guard)


def check_deletable(instance: models.Model) -> None:
    """Raise ValidationError when a guard keeps this row (e.g. under retention)."""
    for guard in DELETION_GUARDS:
        guard(instance)


def _apply(instance: models.Model, data: dict[str, Any]) -> dict[str, Iterable]:
    """Set plain fields; return many-to-many values to set after saving."""
    m2m_names = {f.name for f in instance._meta.many_to_many}
    m2m = {}
    for name, value in data.items():
        if name in m2m_names:
            m2m[name] = value
        else:
            setattr(instance, name, value)
    return m2m


def _without(key: str, data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != key}


def validate_text(instance: models.Model, names: Iterable[str]) -> None:
    """Check the text fields among `names` against the text rules (core/text.py): for
    services that set a few fields without `full_clean()` (status transitions)."""
    wanted = {f.name for f in instance._meta.fields if f.name in set(names) and validator_for(f)}
    if wanted:
        instance.clean_fields(
            exclude=[f.name for f in instance._meta.fields if f.name not in wanted]
        )


def record_create(model: type[M], *, actor: Any, data: dict[str, Any]) -> M:
    with transaction.atomic():
        instance = model()
        m2m = _apply(instance, data)
        instance.full_clean()
        instance.save()
        for name, value in m2m.items():
            getattr(instance, name).set(value)
        audit_record(
            actor=actor, action=AuditAction.CREATE, instance=instance, after=snapshot(instance)
        )
        return instance


def record_update(instance: M, *, actor: Any, data: dict[str, Any]) -> M:
    with transaction.atomic():
        before = snapshot(instance)
        stored = stored_texts(instance)
        m2m = _apply(instance, data)
        with tolerating(stored):  # an old value left as it was is not judged again
            instance.full_clean()
        instance.save()
        for name, value in m2m.items():
            getattr(instance, name).set(value)
        after = snapshot(instance)
        # `updated_at` moves on every save; only a change of data deserves an entry.
        if _without("updated_at", after) != _without("updated_at", before):
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                instance=instance,
                before=before,
                after=after,
            )
        return instance


def record_delete(instance: models.Model, *, actor: Any) -> None:
    """Delete with its audit entry. A row other records still refer to (a protected
    foreign key: an indicator a question asks about) is refused as a state conflict (409),
    naming what refers to it, and nothing is written."""
    check_deletable(instance)
    try:
        with transaction.atomic():
            before = snapshot(instance)
            audit_record(actor=actor, action=AuditAction.DELETE, instance=instance, before=before)
            instance.delete()
    except (ProtectedError, RestrictedError) as exc:
        kinds = sorted({str(row._meta.verbose_name_plural) for row in exc.args[1]})
        raise StateConflict(
            _("Other records still refer to this %(record)s (%(kinds)s): it cannot be deleted.")
            % {"record": instance._meta.verbose_name, "kinds": listed(kinds)}
        ) from exc
