"""The document workflow as data: which transitions exist, from which status to
which, who may take them, and the guards that must hold.

    draft ──submit──▶ in_review ──approve──▶ approved ──obsolete──▶ obsolete
      ▲                   │                      (the previous approved version
      └──────reject───────┘                       becomes obsolete on approval)
    draft ──obsolete──▶ obsolete                 (an abandoned draft)

The engine is core's (core/workflow.py); this module declares the transitions and
guards of a document version. The services (`services/versions.py`) enforce it
through `refuse()`; pages and the API show the transitions `options()` allows now.
Decisions, and why, are in docs/adr/0008-controlled-documents.md.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.models import Membership
from fuwu.core.permissions import CAPABILITIES
from fuwu.core.workflow import FORBIDDEN, Option, Refusal, Transition, Workflow

from .models import DocumentVersion, Status
from .structured import structured_content

__all__ = ["Option", "Refusal", "Transition", "options", "refuse", "require_transition"]


# -- guards ------------------------------------------------------------------------


def has_text(actor: Any, version: DocumentVersion) -> Refusal | None:
    content = structured_content(version.document)
    if content is not None:
        if content.has_content(version):
            return None
        return Refusal(_("Add the content of the document before submitting it."))
    if version.body_en.strip() or version.body_zh.strip() or version.file:
        return None
    return Refusal(
        _("Write the text of the document, in English or Chinese, before submitting it.")
    )


def has_change_reason(actor: Any, version: DocumentVersion) -> Refusal | None:
    if version.number == 1 or version.change_reason.strip():
        return None
    return Refusal(_("Say what changed and why (the reason for change) before submitting it."))


def other_approvers(version: DocumentVersion, actor: Any) -> bool:
    """Whether anyone but `actor` may approve this document: an active member holding
    documents.approve whose scope covers the document's site."""
    document = version.document
    scope = Q(all_sites=True)
    if document.site_id is not None:
        scope |= Q(sites=document.site_id)
    return (
        Membership.objects.filter(
            organization_id=version.organization_id,
            is_active=True,
            user__is_active=True,
            role__in=CAPABILITIES["documents.approve"],
        )
        .filter(scope)
        .exclude(user_id=actor.pk)
        .exists()
    )


def someone_else_approves(actor: Any, version: DocumentVersion) -> Refusal | None:
    """Four eyes: whoever wrote or submitted a version does not approve it, unless
    nobody else in the organization may (a café with a single administrator)."""
    if actor.pk not in {version.author_id, version.submitted_by_id}:
        return None
    if not other_approvers(version, actor):
        return None
    return Refusal(
        _("You wrote or submitted this version, so another approver must approve it."), FORBIDDEN
    )


# -- the transitions ---------------------------------------------------------------

SUBMIT = Transition(
    "submit",
    gettext_lazy("Submit for review"),
    frozenset({Status.DRAFT}),
    Status.IN_REVIEW,
    "documents.edit",
    guards=(has_text, has_change_reason),
    icon="ti-send",
)
APPROVE = Transition(
    "approve",
    gettext_lazy("Approve"),
    frozenset({Status.IN_REVIEW}),
    Status.APPROVED,
    "documents.approve",
    guards=(someone_else_approves,),
    button="btn-success",
    icon="ti-circle-check",
)
REJECT = Transition(
    "reject",
    gettext_lazy("Return to draft"),
    frozenset({Status.IN_REVIEW}),
    Status.DRAFT,
    "documents.approve",
    needs_reason=True,
    button="btn-outline-warning",
    icon="ti-arrow-back-up",
)
OBSOLETE = Transition(
    "obsolete",
    gettext_lazy("Make obsolete"),
    frozenset({Status.DRAFT, Status.APPROVED}),
    Status.OBSOLETE,
    "documents.approve",
    needs_reason=True,
    button="btn-outline-danger",
    icon="ti-archive",
)

TRANSITIONS: dict[str, Transition] = {t.name: t for t in (SUBMIT, APPROVE, REJECT, OBSOLETE)}

VERSIONS = Workflow(
    transitions=tuple(TRANSITIONS.values()),
    place=lambda version: (version.organization, version.document.site_id),
    out_of_scope=gettext_lazy("This document belongs to a site outside your scope."),
    wrong_status=lambda version: (
        _("Version %(number)s is %(status)s: it cannot be changed that way.")
        % {"number": version.number, "status": version.get_status_display()}
    ),
)


def refuse(actor: Any, version: DocumentVersion, transition: Transition) -> Refusal | None:
    """Why `actor` may not take `transition` on `version` now; None when they may."""
    return VERSIONS.refuse(actor, version, transition)


def require_transition(actor: Any, version: DocumentVersion, transition: Transition) -> None:
    VERSIONS.require_transition(actor, version, transition)


def options(actor: Any, version: DocumentVersion) -> list[Option]:
    """The transitions from the version's status this person may see, with why not."""
    return VERSIONS.options(actor, version)
