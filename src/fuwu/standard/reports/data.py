"""What the conformity report says, gathered once and rendered as PDF, Word or Excel.

Everything here is computed in the active language (the caller activates it): clause
titles through the catalog's bilingual fields, sentences through gettext.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fuwu.core.dates import day_text
from fuwu.core.models import Organization

from .. import selectors
from ..conformity import STATUS_LABELS, CheckStatus, ClauseConformity, Status
from ..models import Applicability, AssessmentResult, Library

# The clause whose title names each process: the standard's own words, in both languages.
PROCESS_CLAUSES = {
    "system": "4.1",
    "responsibility": "4.2",
    "resources": "4.3",
    "realization": "4.4",
    "measurement": "4.5",
    "documentation": "4.6",
}


def process_labels(by_ref: dict[str, ClauseConformity]) -> dict[str, str]:
    """Each process named by the title of its clause (4.1 … 4.6) in the active language."""
    labels = {}
    for process in selectors.PROCESSES:
        item = by_ref.get(PROCESS_CLAUSES[process])
        labels[process] = item.clause.title if item else process
    return labels


def _who(user: Any) -> str:
    return user.display_name if user is not None else _("unknown")


def reasons(item: ClauseConformity) -> list[str]:
    """Why a clause has its status: failing checks, an auditor's finding, an exclusion."""
    status = item.status
    if status == Status.EXCLUDED:
        if item.justification:
            return [_("Excluded: %(justification)s") % {"justification": item.justification}]
        return [_("Every item of this clause is excluded.")]
    lines = [r.message for _c, r in item.checks if r.status == CheckStatus.FAIL]
    manual = item.manual
    if manual is not None and manual.result in AssessmentResult.nonconforming():
        lines.append(
            _("%(result)s (%(who)s, %(date)s): %(note)s")
            % {
                "result": manual.get_result_display(),
                "who": _who(manual.assessed_by),
                "date": day_text(manual.assessed_at),
                "note": manual.note,
            }
        )
    items = [c for c in item.children if c.clause.assessable]
    excluded = [c.clause.ref_id for c in items if c.status == Status.EXCLUDED]
    if excluded:
        lines.append(_("Excluded items: %(refs)s") % {"refs": ", ".join(excluded)})
    if status == Status.NONCONFORMING:
        bad = [c.clause.ref_id for c in items if c.status == Status.NONCONFORMING]
        if bad:
            lines.append(_("Nonconforming items: %(refs)s") % {"refs": ", ".join(bad)})
        return lines
    if status == Status.NOT_ASSESSED:
        if item.own_status == Status.NOT_ASSESSED:
            skipped = [r.message for _c, r in item.checks if r.status == CheckStatus.NOT_APPLICABLE]
            lines += skipped or [_("No automated check and no assessment yet.")]
        pending = [c.clause.ref_id for c in items if c.status == Status.NOT_ASSESSED]
        if pending:
            lines.append(_("Items not assessed yet: %(refs)s") % {"refs": ", ".join(pending)})
        return lines
    lines += [r.message for _c, r in item.checks if r.status == CheckStatus.PASS]
    if manual is not None:
        verdict = _("%(result)s (%(who)s, %(date)s)") % {
            "result": manual.get_result_display(),
            "who": _who(manual.assessed_by),
            "date": day_text(manual.assessed_at),
        }
        if manual.note:
            verdict = _("%(verdict)s: %(note)s") % {"verdict": verdict, "note": manual.note}
        lines.append(verdict)
    if not lines and items:
        lines.append(_("Every item of this clause conforms."))
    return lines


@dataclass
class ProcessRow:
    key: str
    ref: str
    label: str
    score: int | None
    counts: dict[str, int]


@dataclass
class ClauseRow:
    ref: str
    title: str
    item: bool  # a lettered item, folded into its clause in the counts
    process: str
    status: str
    status_label: str
    reasons: list[str]


@dataclass
class ExclusionRow:
    ref: str
    title: str
    justification: str
    decided_by: str
    decided_on: str


@dataclass
class ReportData:
    language: str
    title: str
    standard: str
    organization: str
    generated: str
    score: int | None
    counts: dict[str, int]
    scope: str
    processes: list[ProcessRow] = field(default_factory=list)
    clauses: list[ClauseRow] = field(default_factory=list)
    exclusions: list[ExclusionRow] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    status_labels: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def score_text(self) -> str:
        return f"{self.score} %" if self.score is not None else "—"


def labels() -> dict[str, str]:
    return {
        "title": _("Conformity report"),
        "organization": _("Organization"),
        "generated": _("Date"),
        "score": _("Overall conformity"),
        "score_note": _(
            "Share of the applicable clauses that conform today, computed from the automated "
            "checks, the latest manual assessments and the statement of applicability."
        ),
        "scope": _("Scope of the service management system"),
        "no_scope": _("No scope statement yet."),
        "summary": _("Summary by process"),
        "process": _("Process"),
        "clause": _("Clause"),
        "title_column": _("Title"),
        "status": _("Status"),
        "reasons": _("Reasons"),
        "clauses": _("Every clause"),
        "clauses_note": _(
            "Lettered items are indented under their clause; the clause's status includes them."
        ),
        "exclusions": _("Exclusions"),
        "no_exclusions": _("No clause is excluded: the whole standard applies."),
        "justification": _("Justification"),
        "decided_by": _("Decided by"),
        "decided_on": _("Decided on"),
        "page_of": _("Page %(page)s of %(total)s"),
        "summary_sheet": _("Summary"),
        "clauses_sheet": _("Clauses"),
        "exclusions_sheet": _("Exclusions"),
        "count": _("Clauses"),
    }


def collect(organization: Organization) -> ReportData:
    """Gather the report of `organization` now, in the active language."""
    report = selectors.conformity_report(organization)
    names = process_labels(report.by_ref)
    library = Library.objects.filter(urn=selectors.SBT_URN).first()
    scope = selectors.scope_of(organization)
    data = ReportData(
        language=get_language() or "en",
        title=_("Conformity report"),
        standard=f"{library.ref_id} {library.name}" if library else "SB/T 10382-2004",
        organization=organization.name,
        generated=timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        score=report.score(),
        counts=report.counts(),
        scope=scope.statement if scope else "",
        labels=labels(),
        status_labels={s.value: str(STATUS_LABELS[s]) for s in Status},
    )
    for process in selectors.PROCESSES:
        counts = report.counts(process)
        if sum(counts.values()):
            data.processes.append(
                ProcessRow(
                    process, PROCESS_CLAUSES[process], names[process], report.score(process), counts
                )
            )
    for item in report.by_ref.values():
        if not item.clause.assessable:
            continue
        data.clauses.append(
            ClauseRow(
                ref=item.clause.ref_id,
                title=item.clause.title,
                item=" " in item.clause.ref_id,
                process=names.get(item.clause.process, ""),
                status=item.status.value,
                status_label=str(item.status.label),
                reasons=reasons(item),
            )
        )
    exclusions = (
        Applicability.objects.filter(organization=organization, applicable=False)
        .select_related("clause", "decided_by")
        .order_by("clause__order")
    )
    data.exclusions = [
        ExclusionRow(
            ref=d.clause.ref_id,
            title=d.clause.title,
            justification=d.justification,
            decided_by=_who(d.decided_by),
            decided_on=day_text(d.decided_at),
        )
        for d in exclusions
    ]
    return data
