"""Append-only record kinds, sealed into the audit chain in batches (ADR 0030).

A kind that is written often and never edited (customer evaluations) must not wait
on the organization's audit-chain lock for each row. Instead:

- each row carries `digest`, the SHA-256 of its canonical content (`content_digest`),
  computed by the writer without any lock (`SealedRecord`, core/models/seals.py);
- `seal_pending()` (the worker, every few minutes, and on demand) takes the rows not
  yet sealed, in id order and batches of at most `SEAL_BATCH`, points them at a new
  `Seal` and appends ONE audit entry per batch: kind, count, first and last id and
  the digest of every (id, digest) of the batch, in order;
- `verify_seals()` (run by `fuwu verify-audit` for each chain) recomputes every row of
  every seal the chain records from its stored content, and names rows altered,
  deleted from or inserted into a sealed batch, seals the chain does not record, and
  rows older than `FUWU_SEAL_GRACE_MINUTES` that are still unsealed.

An app registers its kind once (`register_append_only(Model, digests=...)`), with a
function that recomputes the digests of given rows from what is stored, in bulk.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from .audit import _locked_head, audit_record
from .audit_verify import SEAL_OBJECT_TYPE
from .models import AuditEntry, Seal
from .models.audit import AuditAction

SEAL_BATCH = 5000  # rows per seal: one audit entry each
VERIFY_BATCH = 2000  # rows recomputed per query while verifying


@dataclass(frozen=True)
class AppendOnlyKind:
    model: type[models.Model]
    # pks -> {pk: digest recomputed from the stored content}; a pk it cannot find is left out
    digests: Callable[[Sequence[int]], dict[int, str]]

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


KINDS: dict[str, AppendOnlyKind] = {}


def register_append_only(
    model: type[models.Model], *, digests: Callable[[Sequence[int]], dict[int, str]]
) -> None:
    """Declare `model` (a `SealedRecord` with an `organization`) append-only: sealed by
    the worker, verified by `fuwu verify-audit`."""
    kind = AppendOnlyKind(model, digests)
    KINDS[kind.label] = kind


# -- digests -------------------------------------------------------------------------------


def utc_text(moment: datetime) -> str:
    """A time as the digest reads it: UTC, to the microsecond (what the database keeps)."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def content_digest(content: dict[str, Any]) -> str:
    """SHA-256 of a row's canonical content (sorted-key JSON, no spaces). Give plain
    JSON values (times as `utc_text`): what is not is written as Django's encoder
    writes it."""
    text = json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder
    )
    return hashlib.sha256(text.encode()).hexdigest()


def combined_digest(rows: Iterable[tuple[int, str]]) -> str:
    """The digest of a batch: every (id, digest) in id order, one line each."""
    digest = hashlib.sha256()
    for pk, row_digest in rows:
        digest.update(f"{pk}:{row_digest}\n".encode())
    return digest.hexdigest()


# -- sealing -------------------------------------------------------------------------------


def _unsealed(kind: AppendOnlyKind, organization_id: int) -> models.QuerySet:
    return kind.model._default_manager.filter(organization_id=organization_id, seal__isnull=True)


def seal_batch(kind: AppendOnlyKind, organization_id: int, batch: int = SEAL_BATCH) -> int:
    """Seal up to `batch` unsealed rows of one organization; returns how many. The chain
    lock is taken first, so two sealers of an organization take turns."""
    with transaction.atomic():
        _locked_head(organization_id)
        rows = list(
            _unsealed(kind, organization_id).order_by("pk").values_list("pk", "digest")[:batch]
        )
        if not rows:
            return 0
        pks = [pk for pk, _digest in rows]
        seal = Seal.objects.create(
            organization_id=organization_id,
            kind=kind.label,
            sealed_at=timezone.now(),
            count=len(rows),
            first_id=pks[0],
            last_id=pks[-1],
            digest=combined_digest(rows),
        )
        kind.model._default_manager.filter(pk__in=pks, seal__isnull=True).update(seal=seal)
        audit_record(
            actor=None,
            action=AuditAction.SEAL,
            organization_id=organization_id,
            object_type=SEAL_OBJECT_TYPE,
            object_id=str(seal.pk),
            object_repr=f"{kind.model._meta.verbose_name_plural} #{pks[0]}-#{pks[-1]}",
            after={
                "seal": seal.pk,
                "kind": kind.label,
                "count": seal.count,
                "first_id": seal.first_id,
                "last_id": seal.last_id,
                "digest": seal.digest,
            },
        )
        return len(rows)


def seal_pending(
    *, organization_id: int | None = None, kind: str | None = None, batch: int = SEAL_BATCH
) -> int:
    """Seal every unsealed row (of one organization and kind, or all); returns how many."""
    total = 0
    for one in [KINDS[kind]] if kind else list(KINDS.values()):
        if organization_id is not None:
            organizations = [organization_id]
        else:  # the worker: a partial index on the unsealed rows answers this
            organizations = sorted(
                set(
                    one.model._default_manager.filter(seal__isnull=True)
                    .order_by()
                    .values_list("organization_id", flat=True)
                    .distinct()
                )
            )
        for org in organizations:
            while sealed := seal_batch(one, org, batch):
                total += sealed
    return total


def grace() -> timedelta:
    return timedelta(minutes=getattr(settings, "FUWU_SEAL_GRACE_MINUTES", 60))


# -- verifying -----------------------------------------------------------------------------


def seal_watermark(organization_id: int) -> int:
    """The highest seal id of an organization, read BEFORE the chain head: every seal
    up to it is committed with its audit entry, so it lies within the head."""
    top = Seal.objects.filter(organization_id=organization_id).aggregate(top=models.Max("pk"))
    return top["top"] or 0


def verify_seals(
    report: Any, sealed: list[tuple[int, dict]], watermark: int, now: datetime | None = None
) -> None:
    """Check each seal the chain records (`sealed`: (seq, after) of its seal entries)
    against the rows that point at it, then seals the chain does not record and rows
    left unsealed too long. Faults are added to the chain's `report`."""
    organization_id = report.organization_id
    recorded: set[int] = set()
    for seq, after in sealed:
        if not isinstance(after, dict):
            continue
        kind = KINDS.get(str(after.get("kind", "")))
        if kind is None:
            report.add(seq, "seal_kind", kind=str(after.get("kind", ""))[:100])
            continue
        try:
            seal_id = int(after["seal"])
        except (KeyError, TypeError, ValueError):
            report.add(seq, "seal_kind", kind=kind.label)
            continue
        recorded.add(seal_id)
        _verify_one(report, kind, seq, seal_id, after)
    unrecorded = Seal.objects.filter(organization_id=organization_id, pk__lte=watermark).exclude(
        pk__in=recorded
    )
    for seal in unrecorded.order_by("pk"):
        kind = KINDS.get(seal.kind)
        rows = kind.model._default_manager.filter(seal_id=seal.pk).count() if kind else 0
        report.add(None, "seal_unrecorded", seal=seal.pk, kind=seal.kind, rows=rows)
    cutoff = (now or timezone.now()) - grace()
    for kind in KINDS.values():
        late = (
            _unsealed(kind, organization_id)
            .filter(created_at__lt=cutoff)
            .aggregate(n=models.Count("pk"), first=models.Min("pk"))
        )
        if late["n"]:
            report.add(
                None,
                "unsealed",
                n=late["n"],
                kind=kind.label,
                first=late["first"],
                minutes=int(grace().total_seconds() // 60),
            )


def _verify_one(report: Any, kind: AppendOnlyKind, seq: int, seal_id: int, after: dict) -> None:
    rows = list(
        kind.model._default_manager.filter(seal_id=seal_id)
        .order_by("pk")
        .values_list("pk", "digest")
    )
    for start in range(0, len(rows), VERIFY_BATCH):
        chunk = rows[start : start + VERIFY_BATCH]
        recomputed = kind.digests([pk for pk, _digest in chunk])
        for pk, stored in chunk:
            if recomputed.get(pk) != stored:
                report.add(seq, "seal_altered", kind=kind.label, id=pk)
    count = int(after.get("count") or 0)
    if len(rows) < count:
        report.add(seq, "seal_deleted", kind=kind.label, n=count - len(rows), count=count)
    elif len(rows) > count:
        report.add(seq, "seal_inserted", kind=kind.label, n=len(rows) - count, count=count)
    elif combined_digest(rows) != after.get("digest") or (
        rows and (rows[0][0], rows[-1][0]) != (after.get("first_id"), after.get("last_id"))
    ):
        report.add(seq, "seal_replaced", kind=kind.label, count=count)


def seal_entries(entries: Iterable[AuditEntry]) -> list[tuple[int, dict]]:
    return [(e.seq, e.after) for e in entries if e.object_type == SEAL_OBJECT_TYPE]
