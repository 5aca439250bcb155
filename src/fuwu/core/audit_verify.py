"""Verifying the audit trail: every row of every chain, every fault named.

A chain is read in order of `seq`, all of it: rows before #1, gaps, duplicates,
rows beyond or without a chain head. A value that cannot be read is a fault of
its entry, never a crash, and a chain that fails to be read is reported as such
while the next organization is still checked.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db import models
from django.db.models.functions import Cast
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext, ngettext

from .audit import GENESIS, HASH_VERSIONS, compute_hash
from .models import AuditChainHead, AuditEntry, Organization

SEAL_OBJECT_TYPE = "core.seal"  # core/seals.py

log = logging.getLogger(__name__)

MAX_FAULTS = 50  # named per chain; the rest are counted


def _messages() -> dict[str, str]:
    return {
        "altered": gettext("entry #%(seq)s was altered (its hash does not match)"),
        "unlinked": gettext("entry #%(seq)s does not link to the entry before it"),
        "missing": gettext("entry #%(seq)s is missing (next found is #%(next)s)"),
        "removed": gettext("entries after #%(found)s were removed (chain head is #%(head)s)"),
        "replaced": gettext("entry #%(seq)s does not match the chain head (it was replaced)"),
        "beyond_head": gettext(
            "entry #%(seq)s is not recorded in the chain head (head is #%(head)s)"
        ),
        "no_head": gettext("the chain has no chain head (its entries #%(seq)s to #%(last)s)"),
        "bad_seq": gettext("entry #%(seq)s has an impossible position (a chain starts at #1)"),
        "duplicate": gettext("entry #%(seq)s is stored twice"),
        "bad_time": gettext("entry #%(seq)s has an unreadable time (%(value)s)"),
        "bad_version": gettext("entry #%(seq)s has an unknown hash version (%(version)s)"),
        "downgrade": gettext(
            "entry #%(seq)s uses hash version %(version)s after an entry of version %(before)s"
        ),
        "orphan": gettext("entry #%(seq)s belongs to no organization"),
        "error": gettext("entry #%(seq)s could not be checked (%(error)s)"),
        "chain_error": gettext("the chain could not be checked (%(error)s)"),
        # Against the anchors kept outside the database (core/audit_anchors.py).
        "anchor_rewritten": gettext(
            "entry #%(seq)s differs from the anchor of %(when)s (the chain was rewritten)"
        ),
        "anchor_missing": gettext("entry #%(seq)s, anchored on %(when)s, is missing"),
        "anchor_truncated": gettext(
            "the chain ends at #%(last)s, below #%(seq)s anchored on %(when)s "
            "(entries were removed)"
        ),
        "anchor_deleted": gettext(
            "the chain, anchored at #%(seq)s on %(when)s, was deleted with its head"
        ),
        "anchor_no_organization": gettext(
            "the organization, anchored at #%(seq)s on %(when)s, no longer exists"
        ),
        # Append-only records sealed in batches (core/seals.py, ADR 0030).
        "seal_altered": gettext(
            "%(kind)s %(id)s, sealed by entry #%(seq)s, was altered (its content does not "
            "match its digest)"
        ),
        "seal_deleted": gettext(
            "%(n)s of the %(count)s %(kind)s rows sealed by entry #%(seq)s were deleted"
        ),
        "seal_inserted": gettext(
            "%(n)s %(kind)s rows were inserted into the %(count)s sealed by entry #%(seq)s"
        ),
        "seal_replaced": gettext(
            "the %(count)s %(kind)s rows sealed by entry #%(seq)s are not those sealed "
            "(rows were replaced or their digests rewritten)"
        ),
        "seal_kind": gettext("entry #%(seq)s seals an unknown kind of record (%(kind)s)"),
        "seal_unrecorded": gettext(
            "seal %(seal)s (%(kind)s, %(rows)s rows) is not recorded in the audit trail"
        ),
        "unsealed": gettext(
            "%(n)s %(kind)s rows older than %(minutes)s minutes are not sealed "
            "(the first is %(first)s): the sealing job has not run, or they were inserted"
        ),
    }


@dataclass(frozen=True)
class Fault:
    """One thing wrong with a chain; `code` and `params` are stored, the message is
    written in the reader's language when shown."""

    seq: int | None
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        text = _messages().get(self.code, self.code)
        try:
            return text % {"seq": self.seq, **self.params}
        except (KeyError, ValueError, TypeError):  # a stored fault of another shape
            return f"#{self.seq}: {self.code} {self.params}"

    def as_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "code": self.code, "params": self.params}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fault:
        return cls(data.get("seq"), str(data.get("code", "")), dict(data.get("params") or {}))


@dataclass
class ChainReport:
    organization_id: int
    organization: str
    entries: int = 0
    slug: str = ""
    head_seq: int | None = None  # the chain head as it was read, for the anchor
    head_hash: str = ""
    faults: list[Fault] = field(default_factory=list)
    more_faults: int = 0

    def add(self, seq: int | None, code: str, **params: Any) -> None:
        if len(self.faults) < MAX_FAULTS:
            self.faults.append(Fault(seq, code, params))
        else:
            self.more_faults += 1

    @property
    def fault_count(self) -> int:
        return len(self.faults) + self.more_faults

    @property
    def intact(self) -> bool:
        return not self.faults

    @property
    def broken_seq(self) -> int | None:
        return self.faults[0].seq if self.faults else None

    @property
    def problem(self) -> str:
        return self.faults[0].message if self.faults else ""


# -- reading rows, whatever they hold ---------------------------------------------------


def _parse_time(raw: Any) -> datetime | None:
    """The stored time, or None when it is not a time (the raw text is read, so a
    malformed value cannot break the query)."""
    if isinstance(raw, datetime):
        value = raw
    else:
        try:
            value = parse_datetime(str(raw).strip())
        except (ValueError, TypeError):
            return None
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _rows(organization_id: int, **where: Any) -> models.QuerySet[AuditEntry]:
    return (
        AuditEntry.objects.filter(organization_id=organization_id, **where)
        .defer("created_at")
        .annotate(created_raw=Cast("created_at", models.TextField()))
        .order_by("seq", "pk")
    )


def _read(entry: AuditEntry) -> AuditEntry:
    entry.created_at = _parse_time(entry.created_raw)  # type: ignore[attr-defined]
    return entry


def _batches(
    organization_id: int, batch: int, after: int, upto: int | None
) -> Iterator[AuditEntry]:
    """Rows with after < seq <= upto, in order, duplicates included."""
    last_seq, last_pk = after, 0
    while True:
        where = models.Q(seq__gt=last_seq) | models.Q(seq=last_seq, pk__gt=last_pk)
        qs = _rows(organization_id).filter(where, seq__gt=after)
        if upto is not None:
            qs = qs.filter(seq__lte=upto)
        rows = list(qs[:batch])
        if not rows:
            return
        yield from (_read(row) for row in rows)
        last_seq, last_pk = rows[-1].seq, rows[-1].pk


# -- walking one chain --------------------------------------------------------------------


@dataclass
class _Walk:
    report: ChainReport
    expected: int = 1
    prev_hash: str = GENESIS
    last_seq: int = 0
    version: int = 0
    seals: list[tuple[int, Any]] = field(default_factory=list)  # (seq, after) of seal entries

    def check(self, entry: AuditEntry) -> None:
        report = self.report
        report.entries += 1
        seq = entry.seq
        if seq == self.last_seq:
            report.add(seq, "duplicate")
            return
        linked = seq == self.expected
        if not linked:
            report.add(self.expected, "missing", next=seq)
        try:
            self._check_content(entry, linked)
        except Exception as exc:  # a value no check foresaw: name it, go on
            report.add(seq, "error", error=str(exc)[:200])
        self.expected, self.prev_hash, self.last_seq = seq + 1, entry.hash, seq

    def _check_content(self, entry: AuditEntry, linked: bool) -> None:
        report, seq = self.report, entry.seq
        if linked and entry.prev_hash != self.prev_hash:
            report.add(seq, "unlinked")
        version = entry.hash_version
        if version not in HASH_VERSIONS:
            report.add(seq, "bad_version", version=version)
            return
        if version < self.version:
            report.add(seq, "downgrade", version=version, before=self.version)
        self.version = max(self.version, version)
        if entry.object_type == SEAL_OBJECT_TYPE:
            self.seals.append((seq, entry.after))
        if entry.created_at is None:
            raw = str(entry.created_raw)[:40]  # type: ignore[attr-defined]
            report.add(seq, "bad_time", value=raw)
        elif compute_hash(entry) != entry.hash:
            report.add(seq, "altered")


def _read_head(organization_id: int) -> tuple[int, str] | None:
    return (
        AuditChainHead.objects.filter(organization_id=organization_id)
        .values_list("last_seq", "last_hash")
        .first()
    )


def _verify(report: ChainReport, batch: int) -> None:
    """The head is read first. Entries are committed together with their head, so
    every entry up to it is visible; entries a live system appends meanwhile lie
    beyond it and are left for the next run instead of looking inserted."""
    pk = report.organization_id
    from .seals import seal_watermark, verify_seals

    watermark = seal_watermark(pk)  # before the head: every seal up to it lies within
    head = _read_head(pk)
    if head is not None:
        report.head_seq, report.head_hash = head
    walk = _Walk(report)
    for entry in _rows(pk, seq__lt=1):
        report.entries += 1
        report.add(entry.seq, "bad_seq")
    for entry in _batches(pk, batch, after=0, upto=head[0] if head else None):
        walk.check(entry)
    verify_seals(report, walk.seals, watermark)
    if head is None:
        if report.entries:
            report.add(1, "no_head", last=walk.last_seq)
        return
    last_seq, last_hash = head
    if walk.last_seq < last_seq:
        report.add(walk.last_seq + 1, "removed", found=walk.last_seq, head=last_seq)
    elif walk.prev_hash != last_hash:
        report.add(walk.last_seq, "replaced")
    _check_beyond_head(report, walk, last_seq, batch)


def _check_beyond_head(report: ChainReport, walk: _Walk, last_seq: int, batch: int) -> None:
    """Entries past the head are fine if a writer appended them meanwhile (it moves
    the head in the same transaction); otherwise they were inserted behind its back.
    The highest such entry is read before the head is read again, so an entry
    committed in between is covered by the head read after it."""
    pk = report.organization_id
    beyond = AuditEntry.objects.filter(organization_id=pk, seq__gt=last_seq)
    highest = beyond.aggregate(highest=models.Max("seq"))["highest"]
    if highest is None:
        return
    now = _read_head(pk)
    covered = max(last_seq, now[0] if now else 0)
    if highest <= covered:
        return
    first = None
    for entry in _batches(pk, batch, after=covered, upto=highest):
        first = first or entry.seq
        if covered == last_seq:
            walk.check(entry)  # the chain goes on: check its links too
        else:
            report.entries += 1
    if first is not None:
        report.add(first, "beyond_head", head=covered)


def verify_chain(organization: Organization, batch: int = 2000) -> ChainReport:
    """Recompute an organization's chain; name every entry that does not fit."""
    report = ChainReport(organization.pk, organization.name_en, slug=organization.slug)
    return _guarded(report, batch)


def _guarded(report: ChainReport, batch: int) -> ChainReport:
    try:
        _verify(report, batch)
    except Exception as exc:  # never stop the run: the next chains are still checked
        log.exception("audit chain of %s could not be checked", report.organization)
        report.add(None, "chain_error", error=str(exc)[:200])
    return report


def _orphans() -> list[ChainReport]:
    """Rows whose organization does not exist (its foreign key was bypassed)."""
    known = Organization.objects.values("pk")
    ids = (
        AuditEntry.objects.exclude(organization_id__in=known)
        .values_list("organization_id", flat=True)
        .distinct()
    )
    reports = []
    for org_id in sorted(set(ids)):
        report = ChainReport(org_id, gettext("organization %(id)s (missing)") % {"id": org_id})
        for seq in (
            AuditEntry.objects.filter(organization_id=org_id)
            .order_by("seq")
            .values_list("seq", flat=True)
        ):
            report.entries += 1
            report.add(seq, "orphan")
        reports.append(report)
    return reports


def verify_all(organizations: Iterable[Organization] | None = None) -> list[ChainReport]:
    """Every organization's chain, then any rows that belong to no organization."""
    everything = organizations is None
    orgs = Organization.objects.order_by("pk") if organizations is None else organizations
    reports = [verify_chain(org) for org in orgs]
    if everything:
        reports += _orphans()
    return reports


def fault_summary(report: ChainReport) -> str:
    """The faults of a chain on one line each (the first is `report.problem`)."""
    lines = [f.message for f in report.faults]
    if report.more_faults:
        lines.append(
            ngettext("and %(n)s more fault", "and %(n)s more faults", report.more_faults)
            % {"n": report.more_faults}
        )
    return "\n".join(lines)
