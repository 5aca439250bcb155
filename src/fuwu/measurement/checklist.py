"""An audit's checklist: the clauses in its scope, each with the conformity engine's
result and evidence (live while the audit is open, as kept once it is completed),
and the auditor's findings on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language

from fuwu.core.compose import labelled
from fuwu.core.models import Organization
from fuwu.standard.conformity import Report, Status, evaluate
from fuwu.standard.models import Applicability, Clause

from .models import Audit, AuditFinding, AuditStatus

LIBRARY = "urn:fuwu:library:sbt-10382-2004"


def applicable_refs(organization: Organization) -> list[str]:
    """The assessable clauses (not their lettered items) the organization has not
    excluded, in the standard's order: two queries, no evaluation (a conformity
    check may call it while the engine evaluates)."""
    excluded = set(
        Applicability.objects.filter(organization=organization, applicable=False).values_list(
            "clause_id", flat=True
        )
    )
    clauses = Clause.objects.filter(library__urn=LIBRARY, assessable=True, retired=False)
    return [
        c.ref_id for c in clauses.order_by("order") if " " not in c.ref_id and c.pk not in excluded
    ]


def auditable_refs(organization: Organization) -> list[str]:
    return applicable_refs(organization)


@dataclass
class Evidence:
    status: str
    message: str
    url: str = ""


@dataclass
class ChecklistRow:
    ref: str
    title: str
    status: str
    evidence: list[Evidence] = field(default_factory=list)
    findings: list[AuditFinding] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        try:
            return str(Status(self.status).label)
        except ValueError:
            return self.status


def checks_of(report: Report, ref: str) -> list[tuple[Any, Any]]:
    """The checks of a clause and of its lettered items ("4.5.1" and "4.5.1 a")."""
    found = []
    for item_ref, item in report.by_ref.items():
        if item_ref == ref or item_ref.startswith(f"{ref} "):
            found += item.checks
    return found


def checklist(audit: Audit, report: Report | None = None) -> list[ChecklistRow]:
    findings: dict[str, list[AuditFinding]] = {}
    for finding in audit.findings.select_related("recorded_by", "site").order_by("pk"):
        findings.setdefault(finding.clause, []).append(finding)
    titles = {
        c.ref_id: c for c in Clause.objects.filter(library__urn=LIBRARY, ref_id__in=audit.clauses)
    }
    chinese = (get_language() or "en").lower().startswith("zh")
    rows = []
    if audit.status == AuditStatus.COMPLETED and audit.results:
        for ref in audit.clauses:
            kept = audit.results.get(ref, {})
            clause = titles.get(ref)
            rows.append(
                ChecklistRow(
                    ref,
                    _title(clause, chinese),
                    kept.get("status", Status.NOT_ASSESSED.value),
                    [
                        Evidence(c["status"], c.get("zh" if chinese else "en") or c.get("en", ""))
                        for c in kept.get("checks", [])
                    ],
                    findings.get(ref, []),
                )
            )
        return rows
    report = report or evaluate(audit.organization)
    for ref in audit.clauses:
        item = report.by_ref.get(ref)
        clause = titles.get(ref)
        evidence = []
        if item is not None:
            for check, result in checks_of(report, ref):
                url = result.records[0].url if result.records else ""
                evidence.append(
                    Evidence(result.status.value, labelled(check.title, result.message), url)
                )
        rows.append(
            ChecklistRow(
                ref,
                _title(clause, chinese),
                item.status.value if item else Status.NOT_ASSESSED.value,
                evidence,
                findings.get(ref, []),
            )
        )
    return rows


def _title(clause: Clause | None, chinese: bool) -> str:
    if clause is None:
        return ""
    return (clause.title_zh if chinese else clause.title_en) or clause.title_en
