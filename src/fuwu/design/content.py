"""How a specification's document works with the documents app: its content is
the items of each version (documents/structured.py), and the approver confirms
what a specification must contain (documents/checklists.py)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fuwu.documents.checklists import ChecklistItem, register_checklist
from fuwu.documents.structured import StructuredContent, register_structured_content

SUBJECT_TYPE = "design.specification"

SPECIFICATION_ELEMENTS = (
    ChecklistItem(
        "categories",
        _("Each of its four categories has items, or says why it does not apply."),
        "4.4.3.1",
    ),
    ChecklistItem(
        "measurable",
        _("Requirements have a measurable criterion wherever they can have one."),
        "4.4.3.1",
    ),
    ChecklistItem(
        "sources",
        _("Requirements that come from laws, regulations or industry norms name them."),
        "4.4.3.1",
    ),
)


def specification_url(specification: Any) -> str:
    kind = specification.kind
    point = specification.contact_point_id
    if specification.local:
        return reverse("design:local_specification", args=[point, kind, specification.site_id])
    return reverse("design:specification", args=[point, kind])


def _render(version: Any) -> str:
    from .selectors import items_by_category, specification_of_document

    specification = specification_of_document(version.document)
    if specification is None:
        return ""
    return render_to_string(
        "design/_items.html",
        {
            "specification": specification,
            "categories": items_by_category(specification, version),
            "editable": False,
        },
    )


def _editor_url(document: Any) -> str:
    from .selectors import specification_of_document

    specification = specification_of_document(document)
    return specification_url(specification) if specification is not None else ""


def register() -> None:
    from . import selectors, services

    register_checklist(SUBJECT_TYPE, SPECIFICATION_ELEMENTS)
    register_structured_content(
        StructuredContent(
            subject_type=SUBJECT_TYPE,
            copy=services.copy_items,
            has_content=selectors.has_items,
            render=_render,
            editor_url=_editor_url,
        )
    )
