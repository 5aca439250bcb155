"""Staff and viewers read what is or was in force, and site managers their own sites:
on the history of a document, in the live service manual and its frozen files, and
in the audit-log API (issue 8, section 1). The route walk (tests/security) checks
the same on every URL; these say it for each fault on its own."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fuwu.documents import services

from .conftest import api, approve, make_document, revise

pytestmark = pytest.mark.django_db

DRAFT_TEXT = "Call the guest back within ten minutes."
DRAFT_REASON = "Guests asked for faster call-backs."


@pytest.fixture
def revised(world):
    """An approved procedure with a draft beside it, and a never-approved draft."""
    procedure = make_document(world)
    approve(world, procedure)
    revise(world, procedure, body_en=DRAFT_TEXT, change_reason_en=DRAFT_REASON)
    unapproved = make_document(world, title_en="Lost keys", body_en="Keys never leave the desk.")
    return procedure, unapproved


@pytest.mark.parametrize("username", ["staff", "viewer"])
def test_history_shows_no_draft_to_those_who_read_what_is_in_force(world, revised, username):
    procedure, unapproved = revised
    client = world.client(username)
    for document in (procedure, unapproved):
        for url in (
            reverse("documents:document_history", args=[document.pk]),
            reverse("documents:document_detail", args=[document.pk]),
        ):
            text = client.get(url).content.decode()
            assert DRAFT_TEXT not in text, url
            assert DRAFT_REASON not in text, url
            assert "Keys never leave the desk." not in text, url
    # The approval of what they may read is still in the history.
    text = client.get(reverse("documents:document_history", args=[procedure.pk])).content.decode()
    assert "Approved" in text


def test_history_shows_drafts_to_those_who_may_read_them(world, revised):
    procedure, _unapproved = revised
    url = reverse("documents:document_history", args=[procedure.pk])
    assert DRAFT_REASON in world.client("auditor").get(url).content.decode()


def test_the_live_manual_cites_only_what_is_in_force_of_the_readers_sites(world):
    org_wide = make_document(world, title_en="Greeting guests")
    approve(world, org_wide)
    own = make_document(world, title_en="West desk rota", site=world.sites[0])
    approve(world, own)
    other = make_document(world, title_en="East desk rota", site=world.sites[1])
    approve(world, other)
    make_document(world, title_en="Unapproved procedure")
    in_review = make_document(world, title_en="Procedure in review")
    services.version_submit(actor=world.users["quality"], version=in_review.versions.get())
    quality = world.client("quality").get(reverse("documents:manual")).content.decode()
    assert "Greeting guests" in quality and "East desk rota" in quality
    assert "Unapproved procedure" not in quality
    assert "Procedure in review" not in quality
    manager = world.client("manager").get(reverse("documents:manual")).content.decode()
    assert "Greeting guests" in manager and "West desk rota" in manager
    assert "East desk rota" not in manager
    assert world.sites[1].code not in manager


def test_frozen_manual_files_only_for_readers_of_every_site(world, media):
    version = services.manual_version_prepare(actor=world.users["quality"], organization=world.org)
    services.version_submit(actor=world.users["quality"], version=version)
    approve(world, version.document)
    url = reverse("documents:manual_version_file", args=[1, "docx"])
    assert world.client("viewer").get(url).status_code == 200  # approved: in force
    # A frozen manual names every site: a site-scoped reader reads the live one.
    assert world.client("manager").get(url).status_code == 404
    assert world.client("staff").get(url).status_code == 404
    assert api(world, "manager").get("/api/v1/service-manual/versions/1/file/").status_code == 404


@pytest.mark.parametrize("username", ["manager", "staff", "viewer"])
def test_the_audit_log_api_refuses_as_the_page_does(world, username):
    assert world.client(username).get("/audit/").status_code == 403
    response = api(world, username).get("/api/v1/audit-log/")
    assert response.status_code == 403
    assert "audit trail" in response.json()["detail"]


def test_the_audit_log_api_answers_those_who_may_read_it(world):
    assert api(world, "auditor").get("/api/v1/audit-log/").status_code == 200
