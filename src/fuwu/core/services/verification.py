"""One verification run of the audit trail: verify every chain, compare it with the
anchors kept outside the database, append the new heads there, record the run
(for the audit trail page) and send the anchors on.

A run is an operational record, like a scheduled job's last run: it is not an
audit entry itself (it changes no register, and a chain may be broken).
Writing or sending the anchor can fail; that is logged and recorded, and never
breaks the verification. Anchors not yet delivered go out with the next run.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.db import DatabaseError, transaction
from django.utils import timezone, translation

from ..audit_anchors import (
    AnchorFileError,
    anchor_line,
    append_anchor,
    check_anchors,
    read_anchors,
)
from ..audit_verify import ChainReport, verify_all
from ..models import AuditChainCheck, AuditVerification, Organization

log = logging.getLogger("fuwu.core.audit")

PENDING_LIMIT = 60  # undelivered anchors sent again at most (about two months of days)


@dataclass
class Outcome:
    reports: list[ChainReport]
    anchor_notes: list[str] = field(default_factory=list)  # lines of the file that are not anchors
    anchors_checked: int = 0
    run: AuditVerification | None = None

    @property
    def broken(self) -> list[ChainReport]:
        return [r for r in self.reports if not r.intact]


def verify_against(anchor_file: Path | None) -> Outcome:
    """Every chain, compared with the anchors of `anchor_file` when it is given.

    Raises AnchorFileError when the file cannot be read."""
    reports = verify_all()
    outcome = Outcome(reports)
    if anchor_file is not None:
        anchors, outcome.anchor_notes = read_anchors(anchor_file)
        outcome.anchors_checked = len(anchors)
        reports += check_anchors(reports, anchors)
    return outcome


def run_verification(*, source: str, anchor_file: Path | None, record_anchor: bool) -> Outcome:
    """Verify, compare with the anchor file (if it exists), append the heads to it
    (`record_anchor`), record the run and deliver pending anchors."""
    started = timezone.now()
    existing = anchor_file if anchor_file is not None and anchor_file.exists() else None
    anchor_error = ""
    try:
        outcome = verify_against(existing)
    except AnchorFileError as exc:  # still verify the chains themselves
        anchor_error = str(exc)
        log.error("%s", exc)
        outcome = verify_against(None)
    line = None
    if record_anchor and anchor_file is not None:
        line = anchor_line(outcome.reports, started)
        try:
            append_anchor(anchor_file, line)
        except OSError as exc:
            anchor_error = f"cannot append to the anchor file {anchor_file}: {exc}"
            log.error("%s", anchor_error)
            line = None
    try:
        outcome.run = _record(outcome, source, started, line, anchor_error)
        if line is not None:
            deliver_pending()
    except DatabaseError:  # e.g. a read-only database: the verification still stands
        log.exception("the audit verification run could not be recorded")
    return outcome


def _record(
    outcome: Outcome,
    source: str,
    started,
    line: dict | None,
    anchor_error: str,
) -> AuditVerification:
    existing = set(Organization.objects.values_list("pk", flat=True))
    reports = outcome.reports
    anchored = {h["organization"]: h for h in (line or {}).get("heads", [])}
    with translation.override("en"), transaction.atomic():  # the summary is for operators
        run = AuditVerification.objects.create(
            started_at=started,
            finished_at=timezone.now(),
            source=source,
            organizations=len(existing),
            entries=sum(r.entries for r in reports),
            broken=len(outcome.broken),
            summary="\n".join(
                f"{r.organization}: {r.entries} entries, "
                + ("intact" if r.intact else f"BROKEN: {r.problem}")
                for r in reports
            ),
            anchors_checked=outcome.anchors_checked,
            anchor=line,
            anchor_error=anchor_error,
            email_pending=line is not None and bool(settings.FUWU_AUDIT_ANCHOR_EMAIL),
            webhook_pending=line is not None and bool(settings.FUWU_AUDIT_ANCHOR_WEBHOOK),
        )
        AuditChainCheck.objects.bulk_create(
            AuditChainCheck(
                run=run,
                organization_id=r.organization_id,
                entries=r.entries,
                intact=r.intact,
                fault_count=r.fault_count,
                faults=[f.as_dict() for f in r.faults],
                anchored_seq=anchored.get(r.organization_id, {}).get("seq"),
                anchored_hash=anchored.get(r.organization_id, {}).get("hash", ""),
            )
            for r in reports
            if r.organization_id in existing
        )
    return run


# -- delivery --------------------------------------------------------------------------------


def deliver_pending() -> None:
    """Send every anchor not yet delivered, per channel; a failure stays pending."""
    for flag, send in (("email_pending", _send_email), ("webhook_pending", _send_webhook)):
        runs = list(
            AuditVerification.objects.filter(**{flag: True}).order_by("-started_at")[:PENDING_LIMIT]
        )
        if not runs:
            continue
        lines = [run.anchor for run in reversed(runs) if run.anchor]
        try:
            send(lines)
        except Exception as exc:  # any failure to deliver: log, keep pending, go on
            error = f"{flag.split('_')[0]}: {exc}"
            log.warning("audit anchors not delivered (retried with the next run): %s", error)
            AuditVerification.objects.filter(pk=runs[0].pk).update(delivery_error=error[:1000])
            continue
        AuditVerification.objects.filter(pk__in=[r.pk for r in runs]).update(**{flag: False})


def _payload(lines: list[dict]) -> str:
    return "\n".join(json.dumps(line, sort_keys=True, ensure_ascii=False) for line in lines)


def _send_email(lines: list[dict]) -> None:
    newest = lines[-1]["anchored_at"] if lines else ""
    send_mail(
        subject=f"Fuwu audit anchor {newest}",
        message="Audit chain heads (one JSON line per verification run); keep this "
        "message: `fuwu verify-audit --anchors FILE` compares the database with them.\n\n"
        + _payload(lines)
        + "\n",
        from_email=None,
        recipient_list=settings.FUWU_AUDIT_ANCHOR_EMAIL,
    )


def _send_webhook(lines: list[dict]) -> None:
    url = settings.FUWU_AUDIT_ANCHOR_WEBHOOK
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"not an http(s) URL: {url}")
    body = json.dumps({"anchors": lines}, ensure_ascii=False).encode()
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=15) as response:
        if not 200 <= response.status < 300:
            raise urllib.error.HTTPError(url, response.status, "refused", response.headers, None)
