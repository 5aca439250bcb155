"""The audit report as blocks: what was audited, the checklist with the conformity
engine's evidence per clause, the graded findings, the conclusion."""

from __future__ import annotations

from django.utils.translation import gettext as _

from fuwu.core.render import Document, Facts, Heading, Paragraph, Span, Table

from ..models import FindingGrade
from .data import GRADE_TONES, AuditData

STATUS_TONES = {
    "conforming": "conforming",
    "nonconforming": "nonconforming",
    "not_assessed": "not_assessed",
    "excluded": "excluded",
}


def layout(data: AuditData) -> Document:
    facts = [
        (_("Audit"), data.number),
        (_("Process audited"), data.process),
        (_("Site"), data.site),
        (_("Auditor"), data.auditor),
        (_("Planned"), data.planned),
        (_("Performed"), data.performed or "—"),
        (_("Status"), data.status),
    ]
    if data.follow_up_of:
        facts.append((_("Re-audit of"), data.follow_up_of))
    summary = ", ".join(
        f"{FindingGrade(grade).label} {count}" for grade, count in data.counts.items() if count
    )
    evidence_note = (
        _("The conformity engine's results when the audit was completed.")
        if data.completed
        else _("The conformity engine's results when this report was drawn.")
    )
    return Document(
        title=_("Internal audit report"),
        language=data.language,
        author=data.organization,
        lead="SB/T 10382-2004 · 4.5.1 c",
        name=data.organization,
        cover=(Facts(tuple(facts)),),
        title_page=False,
        header=(f"{data.organization} · {_('Internal audit report')}", data.number),
        footer=("", _("Page %(page)s of %(total)s")),
        status="approved" if data.completed else "draft",
        sheet=_("Summary"),
        blocks=(
            Heading(_("Findings"), level=1),
            Paragraph.of(summary or _("No findings.")),
            Table(
                columns=(
                    _("Clause"),
                    _("Grade"),
                    _("Finding"),
                    _("Evidence"),
                    _("Site"),
                    _("Nonconformity"),
                    _("Closed by re-audit"),
                ),
                rows=tuple(
                    (
                        f.clause,
                        Span(f.grade_label, badge=GRADE_TONES.get(f.grade, "muted")),
                        f.description,
                        f.evidence,
                        f.site,
                        f.nonconformity,
                        f.closed_by,
                    )
                    for f in data.findings
                ),
                widths=(0.9, 1.4, 4, 3, 0.8, 1.3, 1.2),
                empty=_("No findings."),
                excel_only=(4, 6),
                sheet=_("Findings"),
                landscape=False,
            ),
            Heading(_("Checklist"), level=1),
            Paragraph.of(evidence_note, style="note"),
            Table(
                columns=(_("Clause"), _("Title"), _("Status"), _("Evidence")),
                rows=tuple(
                    (
                        row.ref,
                        row.title,
                        Span(
                            data.status_label(row.status),
                            badge=STATUS_TONES.get(row.status, "muted"),
                        ),
                        "\n".join(e.message for e in row.evidence) or "—",
                    )
                    for row in data.clauses
                ),
                widths=(0.9, 2.5, 1.5, 5),
                sheet=_("Checklist"),
            ),
            Heading(_("Conclusion"), level=1),
            Paragraph.of(data.conclusion or _("The audit is not completed yet.")),
        ),
    )
