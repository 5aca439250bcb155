"""Chain heads anchored outside the database.

Someone who can write to the database can rewrite a chain and its head so that
it verifies. A copy of the heads kept elsewhere cannot be rewritten with it: each
daily verification appends the heads to an append-only file (one JSON line per
run) and can send them by e-mail or to a webhook. Checking the database against
those anchors shows any rewrite, truncation or deleted chain up to the last one.
docs/explanation/audit-trail.md says what this proves and what it does not.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.utils.dateparse import parse_datetime

from .audit_verify import ChainReport
from .models import AuditEntry

ANCHOR_FORMAT = 1


@dataclass(frozen=True)
class Anchor:
    """One organization's chain head as a run saw it."""

    anchored_at: str
    organization: int
    slug: str
    seq: int
    hash: str

    @property
    def when(self) -> str:
        moment = parse_datetime(self.anchored_at)
        return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else self.anchored_at


class AnchorFileError(Exception):
    """The anchor file cannot be read at all."""


def anchor_line(reports: list[ChainReport], now: datetime) -> dict[str, Any]:
    """The heads the run read (those it verified up to), for every organization."""
    heads = [
        {
            "organization": r.organization_id,
            "slug": r.slug,
            "seq": r.head_seq,
            "hash": r.head_hash,
            "intact": r.intact,
        }
        for r in reports
        if r.head_seq is not None
    ]
    return {"format": ANCHOR_FORMAT, "anchored_at": now.isoformat(), "heads": heads}


def append_anchor(path: Path, line: dict[str, Any]) -> None:
    """Append one line in a single write, then make it durable: O_APPEND never
    overwrites what is there, and fsync survives a crash right after."""
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists()
    data = (json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n").encode()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    if not existed:  # the new directory entry must be durable too
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def read_anchors(path: Path) -> tuple[list[Anchor], list[str]]:
    """Every anchor in the file, and a note for each line that is not one."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnchorFileError(f"cannot read the anchor file {path}: {exc}") from exc
    anchors, bad = [], []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
            when = str(line["anchored_at"])
            for head in line["heads"]:
                anchors.append(
                    Anchor(
                        when,
                        int(head["organization"]),
                        str(head.get("slug", "")),
                        int(head["seq"]),
                        str(head["hash"]),
                    )
                )
        except (ValueError, KeyError, TypeError) as exc:
            bad.append(f"line {number} of {path} is not an anchor ({exc})")
    return anchors, bad


def check_anchors(reports: list[ChainReport], anchors: list[Anchor]) -> list[ChainReport]:
    """Add to each report what differs from its anchors; returns reports for anchored
    organizations that no longer exist."""
    by_org: dict[int, list[Anchor]] = defaultdict(list)
    for anchor in anchors:
        if anchor.seq > 0:  # an empty chain anchors nothing
            by_org[anchor.organization].append(anchor)
    known = {r.organization_id: r for r in reports}
    gone = []
    for org_id, own in sorted(by_org.items()):
        own.sort(key=lambda a: (a.seq, a.anchored_at))
        report = known.get(org_id)
        if report is None:
            last = own[-1]
            report = ChainReport(org_id, f"{last.slug} (organization {org_id})", slug=last.slug)
            report.add(last.seq, "anchor_no_organization", when=last.when)
            gone.append(report)
            continue
        _check_one(report, own)
    return gone


def _check_one(report: ChainReport, anchors: list[Anchor]) -> None:
    rows = AuditEntry.objects.filter(organization_id=report.organization_id)
    last = rows.filter(seq__gte=1).order_by("-seq").values_list("seq", flat=True).first()
    if last is None:
        newest = anchors[-1]
        report.add(newest.seq, "anchor_deleted", when=newest.when)
        return
    stored: dict[int, set[str]] = defaultdict(set)
    for seq, digest in rows.filter(seq__in={a.seq for a in anchors}).values_list("seq", "hash"):
        stored[seq].add(digest)
    seen: set[tuple[int, str]] = set()
    for anchor in anchors:
        if (anchor.seq, anchor.hash) in seen:
            continue  # the same head anchored by several runs
        seen.add((anchor.seq, anchor.hash))
        if anchor.seq not in stored:
            if anchor.seq > last:
                report.add(anchor.seq, "anchor_truncated", last=last, when=anchor.when)
            else:
                report.add(anchor.seq, "anchor_missing", when=anchor.when)
        elif anchor.hash not in stored[anchor.seq]:
            report.add(anchor.seq, "anchor_rewritten", when=anchor.when)
