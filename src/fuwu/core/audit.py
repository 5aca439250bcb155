"""Writing and verifying the hash-chained audit trail.

Services call `audit_record()` inside their transaction; the chain head row of
the organization is locked first, so concurrent writers append one after another.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .context import request_id as current_request_id
from .models import AuditChainHead, AuditEntry, Organization

GENESIS = "0" * 64
SKIPPED_FIELDS = {"password", "digest"}


def jsonable(data: Any) -> Any:
    """Normalize to what a JSON column gives back, so hashes match after a round trip."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The audited state of a row: concrete fields plus many-to-many ids."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS:
            continue
        value = field.value_from_object(instance)
        if isinstance(field, models.FileField):
            value = value.name or ""  # the stored path, not the file object
        data[field.attname] = value
    if instance.pk:
        for field in instance._meta.many_to_many:
            data[field.name] = sorted(obj.pk for obj in getattr(instance, field.name).all())
    return jsonable(data)


def object_type_of(instance_or_model: Any) -> str:
    return instance_or_model._meta.label_lower


def canonical(entry: AuditEntry) -> bytes:
    created = entry.created_at.astimezone(UTC).isoformat(timespec="microseconds")
    body = {
        "organization": entry.organization_id,
        "seq": entry.seq,
        "created_at": created,
        "actor_name": entry.actor_name,
        "request_id": entry.request_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "before": entry.before,
        "after": entry.after,
    }
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode()


def compute_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(canonical(entry) + entry.prev_hash.encode()).hexdigest()


def _locked_head(organization_id: int) -> AuditChainHead:
    heads = AuditChainHead.objects.select_for_update()
    try:
        return heads.get(organization_id=organization_id)
    except AuditChainHead.DoesNotExist:
        try:
            with transaction.atomic():
                AuditChainHead.objects.create(organization_id=organization_id)
        except IntegrityError:
            pass  # another writer created it first
        return heads.get(organization_id=organization_id)


def audit_record(
    *,
    actor: Any,
    action: str,
    instance: models.Model | None = None,
    organization_id: int | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Append one entry to the organization's chain. Must run inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record() must run inside the service's transaction")
    if instance is not None:
        organization_id = organization_id or instance.organization_id
        object_type = object_type or object_type_of(instance)
        object_id = object_id or str(instance.pk)
        object_repr = object_repr or _repr(instance)
    if organization_id is None:
        raise ValueError("an audit entry needs an organization")
    head = _locked_head(organization_id)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    entry = AuditEntry(
        organization_id=organization_id,
        seq=head.last_seq + 1,
        created_at=timezone.now(),
        actor=actor if authenticated else None,
        actor_name=actor.get_username() if authenticated else "system",
        request_id=current_request_id.get(),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=object_repr[:300],
        before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
        prev_hash=head.last_hash,
    )
    entry.hash = compute_hash(entry)
    entry.save()
    head.last_seq, head.last_hash = entry.seq, entry.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return entry


def _repr(instance: models.Model) -> str:
    names = [getattr(instance, f, "") for f in ("name_en", "name_zh")]
    label = " / ".join(n for n in names if n)
    return label or str(instance)


@dataclass
class ChainReport:
    organization_id: int
    organization: str
    entries: int
    broken_seq: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_seq is None and not self.problem


def verify_chain(organization: Organization, batch: int = 2000) -> ChainReport:
    """Recompute an organization's chain; report the first entry that does not fit.

    The chain head is read first. Entries are committed together with their head,
    so every entry up to the head is already visible, and entries appended while
    this runs (a live system) are left for the next run instead of looking removed.
    """
    report = ChainReport(organization.pk, organization.name_en, 0)
    head = AuditChainHead.objects.filter(organization_id=organization.pk).first()
    last_seq, last_hash = (head.last_seq, head.last_hash) if head else (0, GENESIS)
    expected_prev, expected_seq = GENESIS, 1
    for entry in _entries(organization.pk, batch, upto=last_seq):
        report.entries += 1
        if entry.seq != expected_seq:
            report.broken_seq = expected_seq
            report.problem = f"entry #{expected_seq} is missing (next found is #{entry.seq})"
            return report
        if entry.prev_hash != expected_prev:
            report.broken_seq = entry.seq
            report.problem = f"entry #{entry.seq} does not link to the entry before it"
            return report
        if compute_hash(entry) != entry.hash:
            report.broken_seq = entry.seq
            report.problem = f"entry #{entry.seq} was altered (its hash does not match)"
            return report
        expected_prev, expected_seq = entry.hash, entry.seq + 1
    found = expected_seq - 1
    if found < last_seq:
        report.broken_seq = expected_seq
        report.problem = f"entries after #{found} were removed (chain head is #{last_seq})"
    elif expected_prev != last_hash:
        report.broken_seq = found
        report.problem = f"entry #{found} does not match the chain head (it was replaced)"
    else:
        _check_beyond_head(organization.pk, last_seq, report)
    return report


def _check_beyond_head(organization_id: int, last_seq: int, report: ChainReport) -> None:
    """Entries past the head are fine if a writer appended them meanwhile (it moves
    the head in the same transaction); otherwise they were inserted behind its back."""
    beyond = AuditEntry.objects.filter(organization_id=organization_id, seq__gt=last_seq)
    highest = beyond.aggregate(highest=models.Max("seq"))["highest"]
    if highest is None:
        return
    head = AuditChainHead.objects.filter(organization_id=organization_id).first()
    if head is None or head.last_seq < highest:
        report.broken_seq = last_seq + 1
        report.problem = (
            f"entry #{last_seq + 1} is not recorded in the chain head (head is #{last_seq})"
        )


def _entries(organization_id: int, batch: int, upto: int) -> Iterator[AuditEntry]:
    last = 0
    while True:
        rows = list(
            AuditEntry.objects.filter(
                organization_id=organization_id, seq__gt=last, seq__lte=upto
            ).order_by("seq")[:batch]
        )
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def verify_all(organizations: Iterable[Organization] | None = None) -> list[ChainReport]:
    orgs = organizations if organizations is not None else Organization.objects.order_by("pk")
    return [verify_chain(org) for org in orgs]


def history_for(instance: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        organization_id=instance.organization_id,
        object_type=object_type_of(instance),
        object_id=str(instance.pk),
    ).select_related("actor")


def changes(before: dict | None, after: dict | None) -> list[tuple[str, Any, Any]]:
    """Field-by-field differences, for the history page."""
    before, after = before or {}, after or {}
    keys = sorted(set(before) | set(after))
    skip = {"updated_at", "created_at"}
    return [
        (k, before.get(k), after.get(k))
        for k in keys
        if k not in skip and before.get(k) != after.get(k)
    ]
