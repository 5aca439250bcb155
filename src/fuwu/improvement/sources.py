"""Where nonconformities come from: a registry that apps contribute to.

An app that raises nonconformities registers its source from its AppConfig.ready()::

    from fuwu.improvement.sources import register_source

    register_source(
        "inspection",
        label=_("Inspection"),
        model="measurement.InspectionItemResult",
        capability="measurement.perform_inspections",
    )

and passes the key and the record to `services.nonconformities.raise_nonconformity()`.
Raising from a source takes the source's `capability` (the one by which the actor
made the source record, so an auditor's finding raises its nonconformity), or
`improvement.raise_nonconformity` when it has none; the site must be in the actor's
scope either way. The nonconformity keeps the key and the record's id
(`source_type`, `source_id`) and links back to it: `source_link()` gives the
record's label and URL (its `get_absolute_url()`, else its register's page) for a
reader, and hides them from someone who may not see the record. Improvement
registers "manual" itself; "inspection" and "audit" belong to measurement, the
sources to come (customer evaluations, control-chart signals, complaints,
commitment breaches, lost customer property) to their apps. See
docs/explanation/improvement.md and ADR 0023.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class Source:
    key: str
    label: Promise | str
    model: str  # "app_label.ModelName"
    # What an actor needs to raise a nonconformity from this source (the capability
    # by which they made the source record: an auditor records findings). None:
    # improvement's own raise capability. Readers follow the link back if they may
    # read the record (its register's view capability, tenancy and site scope).
    capability: str | None = None

    def model_class(self) -> type[models.Model] | None:
        try:
            return apps.get_model(self.model)
        except (LookupError, ValueError):
            return None


SOURCES: dict[str, Source] = {}


def register_source(
    key: str, *, label: Promise | str, model: str, capability: str | None = None
) -> Source:
    """Register a source of nonconformities (idempotent for the same declaration)."""
    source = Source(key, label, model, capability)
    if key in SOURCES and SOURCES[key] != source:
        raise ValueError(f"nonconformity source {key!r} is registered twice")
    SOURCES[key] = source
    return source


def get_source(key: str) -> Source | None:
    return SOURCES.get(key)


def source_choices() -> list[tuple[str, Promise | str]]:
    return [(s.key, s.label) for s in SOURCES.values()]


def source_label(key: str) -> str:
    source = SOURCES.get(key)
    return str(source.label) if source is not None else key


@dataclass(frozen=True)
class SourceLink:
    """The record behind a nonconformity, as a reader may see it."""

    label: str
    url: str  # empty: no page, or the reader may not open it


def _record_url(record: Any) -> str:
    get_url = getattr(record, "get_absolute_url", None)
    if callable(get_url):
        return str(get_url())
    from fuwu.core.registers import REGISTRY

    register = REGISTRY.get(record._meta.label_lower)
    return register.url("detail", record) if register is not None else ""


def _record_label(record: Any) -> str:
    return str(getattr(record, "label", None) or record)


def resolve(source_type: str, source_id: str) -> Any | None:
    """The source record itself (unscoped: callers check who may see it)."""
    source = SOURCES.get(source_type)
    model = source.model_class() if source is not None else None
    if model is None or not source_id:
        return None
    try:
        return model._default_manager.filter(pk=source_id).first()
    except (ValueError, TypeError):
        return None


def source_link(nonconformity: Any, user: Any = None) -> SourceLink | None:
    """The link back to the record that raised `nonconformity`, for `user` (None: no
    reader check). None for a manual entry or a record that is gone."""
    from fuwu.core.permissions import can

    source = SOURCES.get(nonconformity.source_type)
    record = resolve(nonconformity.source_type, nonconformity.source_id)
    if source is None or record is None:
        return None
    if user is not None:
        # The reader follows the link if they may read the record: its register's view
        # capability (the source's capability is the one that raises, not the one that reads)
        # and the record's tenancy and site scope.
        from fuwu.core.registers import REGISTRY

        register = REGISTRY.get(record._meta.label_lower)
        if register is not None and not can(
            user, nonconformity.organization, register.view_capability
        ):
            return SourceLink(str(source.label), "")
        manager = type(record)._default_manager
        if (
            hasattr(manager, "for_user")
            and not manager.for_user(user).filter(pk=record.pk).exists()
        ):
            return SourceLink(str(source.label), "")
    return SourceLink(_record_label(record), _record_url(record))
