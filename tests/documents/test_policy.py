"""The service policy (4.2.3.1): approval needs the four elements confirmed, on
the service, the API and the page alike."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from fuwu.documents import services
from fuwu.documents.checklists import POLICY_ELEMENTS, checklist_for
from fuwu.documents.models import Status

from .conftest import ALL_ELEMENTS, api, approve, make_document, open_version

pytestmark = pytest.mark.django_db


def submitted_policy(world):
    document = make_document(world, category="policy", title_en="Service policy")
    version = open_version(document)
    services.version_submit(actor=world.users["quality"], version=version)
    return document, version


def test_the_policy_checklist_has_the_four_elements_of_the_standard(world):
    document, _version = submitted_policy(world)
    items = checklist_for(document)
    assert [i.clause for i in items] == ["4.2.3.1 a", "4.2.3.1 b", "4.2.3.1 c", "4.2.3.1 d"]
    assert checklist_for(make_document(world)) == ()  # procedures have none


@pytest.mark.parametrize("confirmed", [[], ALL_ELEMENTS[:3], ["lasting_satisfaction"]])
def test_approval_without_all_four_elements_is_refused(world, confirmed):
    _document, version = submitted_policy(world)
    with pytest.raises(ValidationError) as caught:
        services.version_approve(actor=world.users["admin"], version=version, confirmed=confirmed)
    message = " ".join(caught.value.messages)
    assert "Confirm every required element" in message
    missing = [item for item in POLICY_ELEMENTS if item.key not in confirmed]
    assert all(str(item.label) in message for item in missing)
    version.refresh_from_db()
    assert version.status == Status.IN_REVIEW


def test_approval_with_all_four_records_what_was_confirmed(world):
    document, _version = submitted_policy(world)
    version = approve(world, document)
    assert version.checklist == dict.fromkeys(ALL_ELEMENTS, True)


def test_unknown_checklist_keys_do_not_count(world):
    _document, version = submitted_policy(world)
    with pytest.raises(ValidationError):
        services.version_approve(
            actor=world.users["admin"], version=version, confirmed=["a", "b", "c", "d"]
        )


def test_the_api_refuses_approval_without_the_elements(world):
    document, version = submitted_policy(world)
    url = f"/api/v1/documents/{document.pk}/versions/{version.number}/approve/"
    client = api(world, "admin")
    refused = client.post(url, {"checklist": ALL_ELEMENTS[:2]}, format="json")
    assert refused.status_code == 400
    assert "Confirm every required element" in refused.json()["checklist"][0]
    approved = client.post(url, {"checklist": ALL_ELEMENTS}, format="json")
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == "approved"


def test_the_page_shows_the_checklist_and_refuses_without_it(world):
    document, version = submitted_policy(world)
    client = world.client("admin")
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert 'data-testid="approval-checklist"' in page
    for item in POLICY_ELEMENTS:
        assert str(item.label) in page
    url = f"/documents/{document.pk}/versions/{version.number}/approve/"
    refused = client.post(url, {"approve-checklist": ALL_ELEMENTS[:3]})
    assert refused.status_code == 400
    assert "Confirm every required element" in refused.content.decode()
    done = client.post(url, {"approve-checklist": ALL_ELEMENTS})
    assert done.status_code == 302
    version.refresh_from_db()
    assert version.status == Status.APPROVED
