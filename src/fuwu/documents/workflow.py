"""The document workflow as data: which transitions exist, from which status to
which, who may take them, and the guards that must hold.

    draft ──submit──▶ in_review ──approve──▶ approved ──obsolete──▶ obsolete
      ▲                   │                      (the previous approved version
      └──────reject───────┘                       becomes obsolete on approval)
    draft ──obsolete──▶ obsolete                 (an abandoned draft)

The services (`services/versions.py`) enforce it through `refuse()`; pages and
the API show the transitions `options()` allows now. Decisions, and why, are in
docs/adr/0008-controlled-documents.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.models import Membership
from fuwu.core.permissions import CAPABILITIES, can, in_site_scope

from .errors import StateConflict
from .models import DocumentVersion, Status
from .structured import structured_content

CONFLICT, FORBIDDEN, INVALID = "conflict", "forbidden", "invalid"


@dataclass(frozen=True)
class Refusal:
    """Why a transition may not happen now. `kind`: conflict (the state forbids
    it: 409), forbidden (not this person: 403) or invalid (fix the input: 400)."""

    message: str
    kind: str = INVALID

    def exception(self) -> Exception:
        if self.kind == CONFLICT:
            return StateConflict(self.message)
        if self.kind == FORBIDDEN:
            return PermissionDenied(self.message)
        return ValidationError(self.message)


Guard = Callable[[Any, DocumentVersion], Refusal | None]


@dataclass(frozen=True)
class Transition:
    name: str
    label: Promise | str
    sources: frozenset[str]
    target: str
    capability: str
    guards: tuple[Guard, ...] = ()
    needs_reason: bool = False
    button: str = "btn-primary"
    icon: str = "ti-arrow-right"


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


# -- asking ------------------------------------------------------------------------


def _who(actor: Any, version: DocumentVersion, transition: Transition) -> Refusal | None:
    organization = version.organization
    if not can(actor, organization, transition.capability):
        return Refusal(_("You do not have permission to do this."), FORBIDDEN)
    if not in_site_scope(actor, organization, version.document.site_id):
        return Refusal(_("This document belongs to a site outside your scope."), FORBIDDEN)
    return None


def _guards(actor: Any, version: DocumentVersion, transition: Transition) -> Refusal | None:
    for guard in transition.guards:
        refusal = guard(actor, version)
        if refusal is not None:
            return refusal
    return None


def refuse(actor: Any, version: DocumentVersion, transition: Transition) -> Refusal | None:
    """Why `actor` may not take `transition` on `version` now; None when they may.
    Who comes first (403), then the state (409), then the guards."""
    refusal = _who(actor, version, transition)
    if refusal is not None:
        return refusal
    if version.status not in transition.sources:
        return Refusal(
            _("Version %(number)s is %(status)s: it cannot be changed that way.")
            % {"number": version.number, "status": version.get_status_display()},
            CONFLICT,
        )
    return _guards(actor, version, transition)


def require_transition(actor: Any, version: DocumentVersion, transition: Transition) -> None:
    refusal = refuse(actor, version, transition)
    if refusal is not None:
        raise refusal.exception()


@dataclass(frozen=True)
class Option:
    """A transition this person could take from the version's status: allowed now,
    or held back by a guard (the UI shows the reason instead of a button)."""

    transition: Transition
    refusal: Refusal | None

    @property
    def allowed(self) -> bool:
        return self.refusal is None


def options(actor: Any, version: DocumentVersion) -> list[Option]:
    """The transitions from the version's status that this person holds the
    capability and scope for, each with the guard that holds it back, if any."""
    return [
        Option(transition, _guards(actor, version, transition))
        for transition in TRANSITIONS.values()
        if version.status in transition.sources and _who(actor, version, transition) is None
    ]
