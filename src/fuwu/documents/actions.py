"""The workflow action panel of a version, once for every page that shows one (a
document, the service manual, a contact point's specification): each transition
this person may take now, or the reason a guard holds it back, with the form it
needs. The template is documents/_actions.html."""

from __future__ import annotations

from typing import Any

from django import forms

from . import workflow
from .checklists import checklist_for
from .forms import ApproveForm, ReasonForm
from .models import Document, DocumentVersion


def action_forms(document: Document, bound: dict[str, Any] | None = None) -> dict[str, forms.Form]:
    """The form of each transition that asks for something; `bound` holds the data of
    a form that failed, shown again with its errors."""
    bound = bound or {}
    return {
        "approve": ApproveForm(
            bound.get("approve"), items=checklist_for(document), prefix="approve"
        ),
        "reject": ReasonForm(bound.get("reject"), prefix="reject"),
        "obsolete": ReasonForm(bound.get("obsolete"), prefix="obsolete"),
    }


def actions(
    user: Any, version: DocumentVersion | None, action_forms: dict[str, forms.Form]
) -> list[tuple[workflow.Option, forms.Form | None]]:
    """The panel's rows for `version` (none without a version)."""
    if version is None:
        return []
    return [
        (option, action_forms.get(option.transition.name))
        for option in workflow.options(user, version)
    ]
