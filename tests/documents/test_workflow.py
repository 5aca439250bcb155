"""The workflow: every transition by every role, the four-eyes rule, the guards,
and the audit entry each status change leaves."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fuwu.core.audit import verify_chain
from fuwu.core.errors import StateConflict
from fuwu.core.models import AuditEntry
from fuwu.documents import services, workflow
from fuwu.documents.models import Document, Status

from .conftest import (
    ALL_ELEMENTS,
    TEXT_EN,
    approve,
    entries_for,
    make_document,
    open_version,
    revise,
)

pytestmark = pytest.mark.django_db

ROLES = ["admin", "quality", "manager", "staff", "auditor", "viewer", "outsider", "root"]


def _try(call, **kwargs) -> bool:
    try:
        call(**kwargs)
    except PermissionDenied:
        return False
    return True


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("admin", True),
        ("quality", True),
        ("root", True),
        ("manager", False),  # an organization-wide document is outside a site's scope
        ("staff", False),
        ("auditor", False),
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_who_may_create_an_organization_wide_document(world, username, allowed):
    assert _try(make_document, world=world, actor=username) is allowed
    assert Document.objects.filter(organization=world.org).exists() is allowed


@pytest.mark.parametrize(("site", "allowed"), [(0, True), (1, False)])
def test_a_site_manager_keeps_documents_of_their_own_site(world, site, allowed):
    call = {"world": world, "actor": "manager", "site": world.sites[site]}
    assert _try(make_document, **call) is allowed


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("admin", True),
        ("quality", True),
        ("root", True),
        ("manager", False),
        ("staff", False),
        ("auditor", False),
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_who_may_submit(world, username, allowed):
    document = make_document(world)
    version = open_version(document)
    assert _try(services.version_submit, actor=world.users[username], version=version) is allowed
    version.refresh_from_db()
    assert version.status == (Status.IN_REVIEW if allowed else Status.DRAFT)


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("admin", True),
        ("root", True),
        ("quality", False),  # wrote and submitted it: someone else approves
        ("manager", False),
        ("staff", False),
        ("auditor", False),
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_who_may_approve(world, username, allowed):
    document = make_document(world)
    version = open_version(document)
    services.version_submit(actor=world.users["quality"], version=version)
    result = _try(
        services.version_approve,
        actor=world.users[username],
        version=version,
        confirmed=ALL_ELEMENTS,
    )
    assert result is allowed
    document.refresh_from_db()
    assert document.status == (Status.APPROVED if allowed else Status.IN_REVIEW)


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("admin", True),
        ("quality", True),  # returning one's own submission is fine
        ("root", True),
        ("manager", False),
        ("staff", False),
        ("auditor", False),
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_who_may_return_to_draft(world, username, allowed):
    version = open_version(make_document(world))
    services.version_submit(actor=world.users["quality"], version=version)
    call = {"actor": world.users[username], "version": version, "reason": "Add step 3."}
    assert _try(services.version_reject, **call) is allowed


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("admin", True),
        ("quality", True),
        ("root", True),
        ("manager", False),
        ("staff", False),
        ("auditor", False),
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_who_may_make_obsolete(world, username, allowed):
    document = make_document(world)
    version = approve(world, document)
    call = {"actor": world.users[username], "version": version, "reason": "Replaced."}
    assert _try(services.version_obsolete, **call) is allowed
    document.refresh_from_db()
    assert document.status == (Status.OBSOLETE if allowed else Status.APPROVED)


def test_a_site_document_goes_through_its_site_manager_and_an_approver(world):
    document = make_document(world, actor="manager", site=world.sites[0])
    version = open_version(document)
    services.version_submit(actor=world.users["manager"], version=version)
    with pytest.raises(PermissionDenied):
        services.version_approve(actor=world.users["manager"], version=version)
    services.version_approve(actor=world.users["quality"], version=version)
    document.refresh_from_db()
    assert document.status == Status.APPROVED and document.current_version == version


def test_the_sole_approver_of_an_organization_may_approve_their_own(world):
    """Harbor Café has one administrator: four eyes are not possible, so not demanded."""
    document = make_document(world, actor="outsider", organization=world.other_org)
    version = approve(world, document, author="outsider", approver="outsider")
    assert version.status == Status.APPROVED
    assert version.approver == version.author == world.users["outsider"]


def test_the_author_may_not_approve_even_as_administrator_when_others_can(world):
    document = make_document(world, actor="admin")
    version = open_version(document)
    services.version_submit(actor=world.users["admin"], version=version)
    with pytest.raises(PermissionDenied, match="another approver"):
        services.version_approve(actor=world.users["admin"], version=version)
    approve(world, document, approver="quality")


def test_submitting_needs_text(world):
    version = open_version(make_document(world, body_en="", body_zh="  "))
    with pytest.raises(ValidationError, match="Write the text"):
        services.version_submit(actor=world.users["quality"], version=version)


def test_a_revision_needs_a_reason_for_change(world):
    document = make_document(world)
    approve(world, document)
    draft = revise(world, document, change_reason_en="", body_en="# New")
    with pytest.raises(ValidationError, match="reason for change"):
        services.version_submit(actor=world.users["quality"], version=draft)


def test_returning_to_draft_needs_a_reason(world):
    version = open_version(make_document(world))
    services.version_submit(actor=world.users["quality"], version=version)
    with pytest.raises(ValidationError):
        services.version_reject(actor=world.users["admin"], version=version, reason=" ")


@pytest.mark.parametrize(
    ("status_after", "call"),
    [
        ("draft", lambda w, v: services.version_approve(actor=w.users["admin"], version=v)),
        (
            "draft",
            lambda w, v: services.version_reject(actor=w.users["admin"], version=v, reason="x"),
        ),
        ("approved", lambda w, v: services.version_submit(actor=w.users["quality"], version=v)),
    ],
    ids=["approve-a-draft", "reject-a-draft", "submit-an-approved"],
)
def test_transitions_from_the_wrong_status_are_conflicts(world, status_after, call):
    document = make_document(world)
    version = open_version(document) if status_after == "draft" else approve(world, document)
    with pytest.raises(StateConflict):
        call(world, version)


def test_every_status_change_leaves_a_transition_entry(world):
    document = make_document(world)
    version = open_version(document)
    services.version_submit(actor=world.users["quality"], version=version)
    services.version_reject(actor=world.users["admin"], version=version, reason="Add a table.")
    services.version_submit(actor=world.users["quality"], version=version)
    approve(world, document)
    draft = revise(world, document)
    services.version_submit(actor=world.users["quality"], version=draft)
    approve(world, document)
    services.version_obsolete(actor=world.users["admin"], version=draft, reason="Merged.")

    first = [
        (e.actor_name, e.before["status"], e.after["status"]) for e in entries_for(version)[1:]
    ]
    assert first == [
        ("quality", "draft", "in_review"),
        ("admin", "in_review", "draft"),
        ("quality", "draft", "in_review"),
        ("admin", "in_review", "approved"),
        ("admin", "approved", "obsolete"),  # superseded by version 2
    ]
    second = [(e.before["status"], e.after["status"]) for e in entries_for(draft)[1:]]
    assert second == [
        ("draft", "draft"),  # the edit of the draft (an update, not a transition)
        ("draft", "in_review"),
        ("in_review", "approved"),
        ("approved", "obsolete"),
    ]
    actions = [e.action for e in entries_for(draft)]
    assert actions == ["create", "update", "transition", "transition", "transition"]
    assert all(e.action == "transition" for e in entries_for(version)[1:])
    assert verify_chain(world.org).intact


def test_approval_records_who_and_when_and_obsoletes_the_previous_version(world):
    document = make_document(world, review_interval_months=6)
    first = approve(world, document)
    assert (first.approver, first.reviewer) == (world.users["admin"],) * 2
    assert first.approved_at is not None
    assert first.effective_date == timezone.localdate()
    second = revise(world, document, body_en="# Version two")
    services.version_submit(actor=world.users["quality"], version=second)
    approve(world, document)
    first.refresh_from_db()
    second.refresh_from_db()
    document.refresh_from_db()
    assert first.status == Status.OBSOLETE and first.obsoleted_at is not None
    assert first.body_en == TEXT_EN  # obsolete, still readable
    assert second.status == Status.APPROVED
    assert document.current_version == second and document.status == Status.APPROVED
    assert document.next_review_date is not None


def test_options_offer_only_what_this_person_may_do_now(world):
    document = make_document(world)
    version = open_version(document)

    def names(username):
        return {
            o.transition.name: o.allowed for o in workflow.options(world.users[username], version)
        }

    assert names("quality") == {"submit": True, "obsolete": True}
    assert names("manager") == {}  # organization-wide: outside their scope
    assert names("viewer") == {}
    services.version_submit(actor=world.users["quality"], version=version)
    version.refresh_from_db()
    assert names("quality") == {"approve": False, "reject": True}  # four eyes
    assert names("admin") == {"approve": True, "reject": True}
    assert names("auditor") == {}


def test_abandoning_the_only_draft_makes_the_document_obsolete(world):
    document = make_document(world)
    version = open_version(document)
    services.version_obsolete(actor=world.users["admin"], version=version, reason="Not needed.")
    document.refresh_from_db()
    assert document.status == Status.OBSOLETE
    assert AuditEntry.objects.filter(
        object_type="documents.documentversion", action="transition"
    ).exists()
