"""Writing and verifying the hash-chained audit trail.

Services call `audit_record()` inside their transaction; the chain head row of
the organization is locked first, so concurrent writers append one after another.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .context import request_id as current_request_id
from .models import AuditChainHead, AuditEntry

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


def _body_v1(entry: AuditEntry) -> dict[str, Any]:
    """Entries written before actor and version were covered (kept verifiable)."""
    created = entry.created_at.astimezone(UTC).isoformat(timespec="microseconds")
    return {
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


def _body_v2(entry: AuditEntry) -> dict[str, Any]:
    """Every stored field the pages show or rely on, the acting user's id and the
    version itself (so an entry cannot be passed off as an older version)."""
    return {**_body_v1(entry), "actor": entry.actor_id, "hash_version": 2}


# docs/adr/0013-audit-hash-versions-and-anchors.md: old entries keep their formula.
HASH_VERSIONS = {1: _body_v1, 2: _body_v2}
HASH_VERSION = 2  # what new entries use


def canonical(entry: AuditEntry) -> bytes:
    body = HASH_VERSIONS[entry.hash_version](entry)
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
        hash_version=HASH_VERSION,
    )
    entry.hash = compute_hash(entry)
    entry.save()
    head.last_seq, head.last_hash = entry.seq, entry.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return entry


def audit_record_many(
    *, actor: Any, action: str, records: list[tuple[models.Model, dict | None]]
) -> int:
    """Append one entry per (instance, after) of one organization, chained in order,
    in one insert: for bulk paths (imports) that must log every row they write. Must
    run inside the service's transaction. Returns the number of entries."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record_many() must run inside the service's transaction")
    if not records:
        return 0
    organization_ids = {instance.organization_id for instance, _after in records}
    if len(organization_ids) != 1:
        raise ValueError("audit_record_many() writes the chain of one organization")
    head = _locked_head(organization_ids.pop())
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    now, request = timezone.now(), current_request_id.get()
    entries = []
    for instance, after in records:
        entry = AuditEntry(
            organization_id=instance.organization_id,
            seq=head.last_seq + 1,
            created_at=now,
            actor=actor if authenticated else None,
            actor_name=actor.get_username() if authenticated else "system",
            request_id=request,
            action=action,
            object_type=object_type_of(instance),
            object_id=str(instance.pk),
            object_repr=_repr(instance)[:300],
            before=None,
            after=jsonable(after) if after is not None else None,
            prev_hash=head.last_hash,
            hash_version=HASH_VERSION,
        )
        entry.hash = compute_hash(entry)
        head.last_seq, head.last_hash = entry.seq, entry.hash
        entries.append(entry)
    AuditEntry.objects.bulk_create(entries, batch_size=500)
    head.save(update_fields=["last_seq", "last_hash"])
    return len(entries)


def chain_in_time_order(organization_id: int) -> int:
    """Renumber and rehash a chain that was just written with claimed times
    (core/clock.py `seeding_at`) out of order, so seq and time agree.

    Only for a chain written within the current transaction by the demo seeder: its
    entries are stamped with the times they claim before any hash is published; here
    they are put in the order of those times (ties keep their order), rechained from
    genesis and rewritten in bulk. Returns the number of entries."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("chain_in_time_order() must run inside the seeding transaction")
    head = _locked_head(organization_id)
    entries = sorted(
        AuditEntry.objects.filter(organization_id=organization_id),
        key=lambda e: (e.created_at, e.seq),
    )
    prev = GENESIS
    for seq, entry in enumerate(entries, start=1):
        entry.pk, entry.seq, entry.prev_hash = None, seq, prev
        entry.hash = prev = compute_hash(entry)
    AuditEntry.objects.filter(organization_id=organization_id).delete()
    AuditEntry.objects.bulk_create(entries, batch_size=500)
    head.last_seq, head.last_hash = len(entries), prev
    head.save(update_fields=["last_seq", "last_hash"])
    return len(entries)


def _repr(instance: models.Model) -> str:
    names = [getattr(instance, f, "") for f in ("name_en", "name_zh")]
    label = " / ".join(n for n in names if n)
    return label or str(instance)


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


# Verification lives in its own module; these names stay importable from here.
from .audit_verify import ChainReport, Fault, verify_all, verify_chain  # noqa: E402

__all__ = [
    "GENESIS",
    "HASH_VERSION",
    "ChainReport",
    "Fault",
    "audit_record",
    "canonical",
    "chain_in_time_order",
    "changes",
    "compute_hash",
    "history_for",
    "snapshot",
    "verify_all",
    "verify_chain",
]
