"""The conformity report as blocks: what data.py gathered, laid out once for PDF, Word
and Excel (fuwu.core.render draws it)."""

from __future__ import annotations

from fuwu.core.render import Document, Facts, Heading, Paragraph, Span, Table

from .data import ReportData

STATUSES = ("conforming", "nonconforming", "not_assessed", "excluded")


def _summary(data: ReportData) -> Table:
    L = data.labels
    return Table(
        columns=(L["clause"], L["process"], L["score"], *(data.status_labels[s] for s in STATUSES)),
        rows=tuple(
            (
                p.ref,
                p.label,
                f"{p.score} %" if p.score is not None else "—",
                *(p.counts[s] for s in STATUSES),
            )
            for p in data.processes
        ),
        widths=(1.2, 5.0, 1.6, 1.6, 1.6, 1.6, 1.6),
    )


def _clauses(data: ReportData) -> Table:
    """Every clause: lettered items indented and grey under their clause, whose
    reference is bold; the status as a coloured badge. Excel adds the process."""
    L = data.labels
    rows = []
    for c in data.clauses:
        ref = Span(c.ref, grey=True) if c.item else Span(c.ref, bold=True)
        title = Span(c.title, grey=True) if c.item else c.title
        reasons = Span("\n".join(c.reasons), size="small") if c.reasons else ""
        rows.append((ref, title, c.process, Span(c.status_label, badge=c.status), reasons))
    return Table(
        columns=(L["clause"], L["title_column"], L["process"], L["status"], L["reasons"]),
        rows=tuple(rows),
        widths=(1.1, 3.0, 2.2, 1.4, 4.6),
        indented=tuple(i for i, c in enumerate(data.clauses) if c.item),
        excel_only=(2,),
        sheet=L["clauses_sheet"],
    )


def _exclusions(data: ReportData) -> Table:
    L = data.labels
    return Table(
        columns=(
            L["clause"],
            L["title_column"],
            L["justification"],
            L["decided_by"],
            L["decided_on"],
        ),
        rows=tuple(
            (e.ref, e.title, e.justification, e.decided_by, e.decided_on) for e in data.exclusions
        ),
        widths=(1.0, 2.2, 4.0, 1.5, 1.3),
        empty=L["no_exclusions"],
        sheet=L["exclusions_sheet"],
    )


def layout(data: ReportData) -> Document:
    L = data.labels
    cover = (
        Facts(
            (
                (L["generated"], data.generated),
                (L["score"], Span(data.score_text, size="large")),
            )
        ),
        Paragraph.of(L["score_note"], "note"),
        Facts(
            tuple((Span(data.status_labels[s], badge=s), data.counts[s]) for s in STATUSES),
            columns=4,
        ),
        Heading(L["scope"], level=3),
        Paragraph.of(data.scope) if data.scope else Paragraph.of(L["no_scope"], "note"),
    )
    return Document(
        title=data.title,
        language=data.language,
        author=data.organization,
        lead=data.standard,
        name=data.organization,
        cover=cover,
        header=(f"{data.organization} · {data.title}", data.generated),
        footer=("", L["page_of"]),
        subject=data.standard,
        sheet=L["summary_sheet"],
        blocks=(
            Heading(L["summary"], level=1),
            _summary(data),
            Heading(L["clauses"], level=1),
            Paragraph.of(L["clauses_note"], "note"),
            _clauses(data),
            Heading(L["exclusions"], level=1),
            _exclusions(data),
        ),
    )
