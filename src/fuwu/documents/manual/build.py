"""Assemble the service manual: the title page, the version and approval block, and
every registered section, numbered, in one language. The renderers (PDF, Word, HTML)
draw what this returns and nothing else."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from fuwu.core.compose import labelled
from fuwu.core.manual import registry
from fuwu.core.models import Organization, User
from fuwu.core.render.blocks import Block, Heading, Paragraph, block_from_dict

from ..models import Document, DocumentVersion
from .selectors import approved_version, manual_document

log = logging.getLogger(__name__)

LANGUAGES = ("en", "zh-hans")
TITLES = {"en": "Service manual", "zh-hans": "服务手册"}


@dataclass
class BuiltSection:
    key: str
    number: str
    title: str
    clauses: tuple[str, ...]
    blocks: list[Block]

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "number": self.number,
            "title": self.title,
            "blocks": [block.as_dict() for block in self.blocks],
        }


@dataclass
class ManualData:
    language: str
    organization: str
    title: str
    title_other: str  # the title in the other language, under the main one
    standard: str
    date: str
    generated: str
    document_number: str
    version: str
    status: str
    approval: list[tuple[str, str]]
    approval_note: str
    controlled: bool  # a version prepared for approval (True) or a live rendering
    sections: list[BuiltSection] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    approved: bool = False  # the approved version's rendering (approved_rendering)

    def as_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "organization": self.organization,
            "title": self.title,
            "title_other": self.title_other,
            "standard": self.standard,
            "date": self.date,
            "generated": self.generated,
            "document_number": self.document_number,
            "version": self.version,
            "status": self.status,
            "approval": [list(row) for row in self.approval],
            "approval_note": self.approval_note,
            "controlled": self.controlled,
            "sections": [section.as_dict() for section in self.sections],
            "labels": self.labels,
            "approved": self.approved,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ManualData:
        """The manual `as_dict()` froze, to draw it again unchanged."""
        sections = [
            BuiltSection(
                s["key"], s["number"], s["title"], (), [block_from_dict(b) for b in s["blocks"]]
            )
            for s in data["sections"]
        ]
        fields = {k: v for k, v in data.items() if k not in ("sections", "approval")}
        return cls(
            **fields,
            approval=[tuple(row) for row in data["approval"]],
            sections=sections,
        )

    def headings(self) -> list[tuple[int, str, str]]:
        """(level, number, title) of the sections and their numbered headings: the
        contents."""
        rows = []
        for section in self.sections:
            rows.append((1, section.number, section.title))
            rows += [
                (2, b.number, b.title)
                for b in section.blocks
                if isinstance(b, Heading) and b.level == 2
            ]
        return rows

    def text(self) -> str:
        """Everything the manual says, for search and tests."""
        from fuwu.core.render.blocks import blocks_text

        parts = [self.organization, self.title, self.title_other, self.standard]
        parts += [labelled(label, value, self.language) for label, value in self.approval]
        for section in self.sections:
            parts += [f"{section.number} {section.title}", blocks_text(section.blocks)]
        return "\n".join(parts)


def labels() -> dict[str, str]:
    return {
        "contents": _("Contents"),
        "version": _("Version"),
        "date": _("Date"),
        "page_of": _("Page %(page)s of %(total)s"),
        "approval": _("Version and approval"),
        "figure": _("Figure"),
        "table": _("Table"),
        "uncontrolled": _("Uncontrolled copy"),
        "toc_hint": _(
            "Word fills in the page numbers when the table of contents is updated "
            "(right-click it, Update field)."
        ),
    }


def _day(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d") if moment else "—"


def _name(user: User | None) -> str:
    return user.display_name if user is not None else "—"


def _standard_title() -> str:
    from fuwu.standard.models import Library
    from fuwu.standard.selectors import SBT_URN

    library = Library.objects.filter(urn=SBT_URN).first()
    return f"{library.ref_id} {library.name}" if library else "SB/T 10382-2004"


def _approval(
    document: Document | None,
    version: DocumentVersion | None,
    prepared_by: User | None,
    now: datetime,
) -> tuple[str, str, list[tuple[str, str]], str]:
    """(version, status, rows, note) of the version and approval block."""
    number = document.number if document else "—"
    generated = timezone.localtime(now).strftime("%Y-%m-%d %H:%M")
    if version is not None:
        shown = str(version.number)
        status = _("Draft for approval")
        rows = [
            (_("Document number"), number),
            (_("Version"), shown),
            (_("Status"), status),
            (_("Prepared by"), f"{_name(prepared_by or version.author)} · {_day(now)}"),
            (_("Approved by"), _("Pending approval")),
            (_("Approval date"), "—"),
        ]
        note = _(
            "Version %(version)s of %(number)s, prepared from live data on %(date)s for "
            "approval. Once approved, this content is the approved service manual, "
            "unchanged, with who approved it and when on its title page."
        ) % {"version": shown, "number": number, "date": generated}
        return shown, status, rows, note
    current = approved_version(document)
    shown = _("Live rendering")
    if current is not None:
        status = _("Uncontrolled copy; version %(version)s is approved") % {
            "version": current.number
        }
        approver, approved_on = _name(current.approver), _day(current.approved_at)
        note = _(
            "Generated from live data on %(date)s. This copy is not controlled: the approved "
            "service manual is version %(version)s of %(number)s, approved by %(who)s on "
            "%(when)s."
        ) % {
            "date": generated,
            "version": current.number,
            "number": number,
            "who": approver,
            "when": approved_on,
        }
    else:
        status = _("Draft / not yet approved")
        approver, approved_on = "—", "—"
        note = _(
            "Generated from live data on %(date)s. No version of the service manual has been "
            "approved yet."
        ) % {"date": generated}
    rows = [
        (_("Document number"), number),
        (_("Version"), shown),
        (_("Status"), status),
        (_("Prepared by"), f"{_name(prepared_by)} · {_day(now)}"),
        (_("Approved by"), approver),
        (_("Approval date"), approved_on),
    ]
    return shown, status, rows, note


def _run(section: registry.ManualSection, context: registry.ManualContext) -> list[Block]:
    """The section's blocks. A section that crashes says so instead of taking the whole
    manual down with it."""
    try:
        return list(section.function(context))
    except Exception:
        log.exception("service manual section %s failed", section.key)
        return [
            Paragraph.of(
                _("This section could not be generated (error logged as %(key)s).")
                % {"key": section.key},
                "notice",
            )
        ]


def _numbered(number: str, blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    count = 0
    for block in blocks:
        if isinstance(block, Heading) and block.level == 2:
            count += 1
            block = replace(block, number=f"{number}.{count}")
        out.append(block)
    return out


def build_manual(
    organization: Organization,
    *,
    language: str,
    prepared_by: User | None = None,
    version: DocumentVersion | None = None,
    document: Document | None = None,
    reader: User | None = None,
) -> ManualData:
    """The service manual of `organization` from live data, in `language` ("en" or
    "zh-hans"). `version`: the draft this rendering is prepared for (its number and
    status go into the approval block); without it, a live rendering. `reader`: the
    person a live rendering is for, whose site scope it keeps to (None: every site)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown manual language {language!r}")
    now = timezone.now()
    with translation.override(language):
        document = document or (version.document if version else manual_document(organization))
        found = registry.sections()
        refs = [
            registry.SectionRef(s.key, str(n), str(s.title), s.clauses)
            for n, s in enumerate(found, start=1)
        ]
        context = registry.ManualContext(
            organization=organization,
            language=language,
            sections=refs,
            generated_at=now,
            manual=document,
            version=version,
            prepared_by=prepared_by,
            reader=reader,
        )
        built = [
            BuiltSection(ref.key, ref.number, ref.title, ref.clauses, _numbered(ref.number, blocks))
            for section, ref in zip(found, refs, strict=True)
            for blocks in [_run(section, context)]
        ]
        shown, status, rows, note = _approval(document, version, prepared_by, now)
        other = "en" if language == "zh-hans" else "zh-hans"
        return ManualData(
            language=language,
            organization=organization.name,
            title=TITLES[language],
            title_other=TITLES[other],
            standard=_standard_title(),
            date=timezone.localtime(now).strftime("%Y-%m-%d"),
            generated=timezone.localtime(now).strftime("%Y-%m-%d %H:%M"),
            document_number=document.number if document else "",
            version=shown,
            status=status,
            approval=rows,
            approval_note=note,
            controlled=version is not None,
            sections=built,
            labels=labels(),
        )


def approved_rendering(
    data: ManualData, *, number: int, approver: User, approved_at: datetime
) -> ManualData:
    """The frozen manual `data` as its approved version `number`: the same content,
    with the title page and the approval block saying approved, by whom and when."""
    with translation.override(data.language):
        prepared = dict(data.approval).get(_("Prepared by"), "—")
        approved_on = _day(approved_at)
        approver_name = _name(approver)
        status = _("Approved")
        rows = [
            (_("Document number"), data.document_number or "—"),
            (_("Version"), str(number)),
            (_("Status"), status),
            (_("Prepared by"), prepared),
            (_("Approved by"), approver_name),
            (_("Approval date"), approved_on),
        ]
        note = _(
            "Version %(version)s of %(number)s, prepared from live data on %(date)s and "
            "approved by %(who)s on %(when)s. This is the approved service manual; it stays "
            "as it is until a new version is approved."
        ) % {
            "version": number,
            "number": data.document_number or "—",
            "date": data.generated,
            "who": approver_name,
            "when": approved_on,
        }
    return replace(data, status=status, approval=rows, approval_note=note, approved=True)
