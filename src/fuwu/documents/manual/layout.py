"""The assembled service manual (build.py) as blocks for fuwu.core.render: the title
page with the version and approval block, the contents, and every section on a new
page, its title numbered."""

from __future__ import annotations

from fuwu.core.render import Block, Document, Facts, Heading, PageBreak, Paragraph, Span, Table

from .build import ManualData


def layout(data: ManualData) -> Document:
    L = data.labels
    running = (
        f"{data.document_number} · {L['version']} {data.version}"
        if data.controlled
        else f"{L['uncontrolled']} · {data.generated}"
    )
    blocks: list[Block] = []
    for section in data.sections:
        blocks.append(PageBreak())
        blocks.append(Heading(section.title, level=1, number=section.number))
        blocks.extend(section.blocks)
    return Document(
        title=data.title,
        language=data.language,
        author=data.organization,
        lead=data.standard,
        subtitle=data.title_other,
        name=data.organization,
        cover=(Facts(((L["version"], data.version), (L["date"], data.date))),),
        cover_foot=(
            Paragraph.of(Span(L["approval"], bold=True)),
            Table(rows=tuple(data.approval), widths=(1, 2.4)),
            Paragraph.of(data.approval_note, "note"),
        ),
        contents=L["contents"],
        contents_hint=L["toc_hint"],
        header=(f"{data.organization} · {data.title}", running),
        footer=(f"SB/T 10382-2004 · {data.date}", L["page_of"]),
        status="approved" if data.approved else "draft",
        subject=data.standard,
        labels={"figure": L["figure"]},
        blocks=tuple(blocks),
    )
