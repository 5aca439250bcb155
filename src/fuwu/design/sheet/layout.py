"""The specification sheet as blocks: what data.py gathered, laid out once for PDF and
Word (fuwu.core.render draws it)."""

from __future__ import annotations

from fuwu.core.render import Block, Document, Facts, Heading, Paragraph, Span, Table

from .data import SheetCategory, SheetData, SheetPart, SheetSpecification


def _items(spec: SheetSpecification, category: SheetCategory) -> Table:
    rows = []
    for item in category.items:
        requirement: str | tuple[Span, ...] = item.text
        if item.detail:  # the characteristic or indicator, small and grey under it
            requirement = (Span(item.text), Span("\n" + item.detail, grey=True, size="small"))
        rows.append((item.number, requirement, *item.cells))
    return Table(columns=tuple(spec.columns), rows=tuple(rows), widths=tuple(spec.widths))


def _category(
    sheet: SheetData, spec: SheetSpecification, category: SheetCategory, level: int
) -> list[Block]:
    blocks: list[Block] = [Heading(category.label, level=level, note=f"({category.clause})")]
    if category.not_applicable:
        label = Span(sheet.labels["not_applicable"] + sheet.labels["colon"], italic=True)
        blocks.append(Paragraph((label, Span(category.not_applicable))))
    elif not category.items:
        blocks.append(Paragraph.of("—", "note"))
    else:
        blocks.append(_items(spec, category))
    return blocks


def _part(sheet: SheetData, spec: SheetSpecification, part: SheetPart, level: int) -> list[Block]:
    blocks: list[Block] = []
    if part.facts:
        blocks.append(Facts(tuple(part.facts), columns=min(len(part.facts), 2), boxed=True))
    if part.note:
        blocks.append(Paragraph.of(part.note, "notice" if part.warning else "note"))
    for category in part.categories:
        blocks += _category(sheet, spec, category, level)
    return blocks


def layout(sheet: SheetData) -> Document:
    blocks: list[Block] = []
    for spec in sheet.specifications:
        blocks.append(Heading(spec.label, level=1, note=f"({spec.clause})"))
        blocks += _part(sheet, spec, spec.standard, 2)
        if spec.addendum is not None:
            blocks.append(Heading(spec.addendum.title, level=2))
            blocks += _part(sheet, spec, spec.addendum, 3)
    return Document(
        title=sheet.title,
        language=sheet.language,
        author=sheet.organization,
        lead="SB/T 10382-2004 · 4.4.3",
        name=sheet.subtitle,
        cover=(Facts(tuple(sheet.facts), columns=2),),
        title_page=False,
        header=(f"{sheet.organization} · {sheet.title} · {sheet.subtitle}", sheet.generated),
        footer=(sheet.labels["uncontrolled"], sheet.labels["page_of"]),
        status="approved",  # only approved versions are shown
        subject="SB/T 10382-2004 · 4.4.3",
        blocks=tuple(blocks),
    )
