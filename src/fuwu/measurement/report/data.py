"""What the audit report says, gathered in the active language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..checklist import ChecklistRow, checklist
from ..models import Audit, AuditStatus, FindingGrade

DASH = " \u2013 "  # an en dash between two dates
STATUS_LABELS = {
    "conforming": lambda: _("Conforming"),
    "nonconforming": lambda: _("Nonconforming"),
    "not_assessed": lambda: _("Not assessed"),
    "excluded": lambda: _("Excluded"),
}
GRADE_TONES = {
    FindingGrade.CONFORMITY: "success",
    FindingGrade.OBSERVATION: "muted",
    FindingGrade.OPPORTUNITY: "muted",
    FindingGrade.MINOR: "warning",
    FindingGrade.MAJOR: "danger",
}


@dataclass
class FindingLine:
    clause: str
    grade: str
    grade_label: str
    description: str
    evidence: str
    site: str
    nonconformity: str
    closed_by: str


@dataclass
class AuditData:
    language: str
    organization: str
    number: str
    process: str
    site: str
    auditor: str
    planned: str
    performed: str
    status: str
    completed: bool
    conclusion: str
    follow_up_of: str
    clauses: list[ChecklistRow] = field(default_factory=list)
    findings: list[FindingLine] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def status_label(self, status: str) -> str:
        label = STATUS_LABELS.get(status)
        return str(label()) if label else status


def _day(value: Any) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def collect(audit: Audit, numbers: dict[int, str] | None = None) -> AuditData:
    """`numbers`: the numbers of the nonconformities the findings raised, by id."""
    numbers = numbers or {}
    rows = checklist(audit)
    findings = [
        FindingLine(
            f.clause,
            f.grade,
            str(f.get_grade_display()),
            f.description,
            f.evidence,
            f.site.code if f.site_id else "",
            numbers.get(f.nonconformity_id, ""),
            f.closed_by.number if f.closed_by_id else "",
        )
        for row in rows
        for f in row.findings
    ]
    counts = {grade: sum(1 for f in findings if f.grade == grade) for grade in FindingGrade.values}
    performed = ""
    if audit.started_at:
        performed = _day(audit.started_at.date())
        if audit.completed_at:
            performed += DASH + _day(audit.completed_at.date())
    return AuditData(
        language=get_language() or "en",
        organization=audit.organization.name,
        number=audit.number,
        process=audit.process,
        site=audit.site.name if audit.site_id else str(_("The whole organization")),
        auditor=audit.auditor.display_name,
        planned=_day(audit.planned_start) + DASH + _day(audit.planned_end),
        performed=performed,
        status=str(audit.get_status_display()),
        completed=audit.status == AuditStatus.COMPLETED,
        conclusion=audit.conclusion,
        follow_up_of=audit.follow_up_of.number if audit.follow_up_of_id else "",
        clauses=rows,
        findings=findings,
        counts=counts,
    )
