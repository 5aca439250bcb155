"""Call-back requests with consent (PIPL; ADR 0029): asked only with an explicit,
purpose-bound consent; the contact kept apart from the evaluation and out of the
audit trail; seen by those who call back at their sites; erasable."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from fuwu.core.models.audit import AuditEntry
from fuwu.improvement.models import Nonconformity
from fuwu.measurement import services
from fuwu.measurement.models import CallBackRequest, Evaluation, QuestionType

pytestmark = pytest.mark.django_db

PHONE = "+86 138 0013 8000"


@pytest.fixture
def collection(world, point):
    cache.clear()
    collection = services.collection_point_create(
        actor=world.users["quality"],
        organization=world.org,
        site=world.sites[0],
        contact_point=point,
    )
    services.instrument_update(
        actor=world.users["quality"],
        instrument=collection.instrument,
        data={"offer_call_back": True},
    )
    collection.instrument.refresh_from_db()
    return collection


def rating(collection):
    return str(
        collection.instrument.current_version.questions.filter(type=QuestionType.RATING)[0].pk
    )


def page_post(collection, **data):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans", REMOTE_ADDR="10.1.1.1")
    page = client.get(f"/e/{collection.token}/").text
    submission = re.search(r'name="submission_id" value="([^"]+)"', page).group(1)
    body = {"submission_id": submission, "language": "zh-hans", rating(collection): "4"}
    return client.post(f"/e/{collection.token}/", body | data)


def test_the_page_offers_a_call_back_only_when_the_instrument_does(world, collection):
    page = Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get(f"/e/{collection.token}/").text
    assert 'name="call_back_consent"' in page and "仅用于就本次评价与我联系" in page
    services.instrument_update(
        actor=world.users["quality"],
        instrument=collection.instrument,
        data={"offer_call_back": False},
    )
    assert "call_back_consent" not in Client().get(f"/e/{collection.token}/").text


def test_a_contact_without_consent_is_refused_and_never_stored(collection):
    response = page_post(collection, call_back_contact=PHONE)
    assert response.status_code == 400 and "同意" in response.text
    assert PHONE in response.text  # given back to correct, not kept
    assert not Evaluation.objects.exists() and not CallBackRequest.objects.exists()
    assert not AuditEntry.objects.filter(after__icontains="0013").exists()


@pytest.mark.parametrize("contact", ["12", "not an e-mail@", "call me maybe", "a@b"])
def test_a_contact_that_is_no_phone_or_e_mail_is_400(collection, contact):
    response = page_post(collection, call_back_consent="1", call_back_contact=contact)
    assert response.status_code == 400
    assert not CallBackRequest.objects.exists()


def test_consent_and_a_phone_number_store_a_request_beside_the_evaluation(world, collection):
    response = page_post(collection, call_back_consent="1", call_back_contact=PHONE)
    assert response.status_code == 200 and "谢谢" in response.text
    evaluation = Evaluation.objects.get()
    request = evaluation.call_back
    assert (request.contact, request.contact_kind, request.status) == (PHONE, "phone", "open")
    assert (
        request.purpose == "就本次评价与您联系"
        and "仅用于就本次评价与我联系" in request.consent_text
    )
    assert request.consented_at == evaluation.submitted_at and request.site == world.sites[0]
    assert PHONE not in evaluation.comment
    # A call-back opens the remedial follow-up even after a good rating, without the contact.
    nc = Nonconformity.objects.get(pk=evaluation.nonconformity_id)
    assert nc.source_type == "evaluation" and "called back" in nc.description_en
    assert "0013" not in nc.description_en + nc.description_zh
    # The audit trail records the request, never the contact.
    assert AuditEntry.objects.filter(object_type="measurement.callbackrequest").exists()
    assert not any("0013" in str(e.after) + str(e.before) for e in AuditEntry.objects.all())


def test_the_api_asks_for_consent_and_counts_a_retry_once(collection):
    form = APIClient().get(f"/api/v1/public/forms/{collection.token}/").json()
    assert form["offers_call_back"] and "this evaluation" in form["call_back_consent_en"]
    body = {
        "token": collection.token,
        "submission_id": "api-call-back-1",
        "answers": {rating(collection): 2},
        "call_back": {"contact": "guest@example.com"},
    }
    refused = APIClient().post("/api/v1/public/evaluations/", body, format="json")
    assert refused.status_code == 400 and "consent" in refused.json()["errors"]["call_back"]
    assert not CallBackRequest.objects.exists()
    body["call_back"]["consent"] = True
    created = APIClient().post("/api/v1/public/evaluations/", body, format="json")
    again = APIClient().post("/api/v1/public/evaluations/", body, format="json")
    assert (created.status_code, again.status_code) == (201, 200)
    request = CallBackRequest.objects.get()
    assert request.contact_kind == "email" and request.purpose.startswith("To contact you")
    evaluation = Evaluation.objects.get()
    assert evaluation.low and evaluation.nonconformity_id
    listed = APIClient()
    listed.force_authenticate(evaluation.collection_point.owner)
    shown = listed.get(f"/api/v1/evaluations/{evaluation.pk}/").content.decode()
    assert "guest@example.com" not in shown


def test_staff_see_their_sites_requests_mark_them_done_and_erase(world, collection, point):
    page_post(collection, call_back_consent="1", call_back_contact=PHONE)
    other = services.collection_point_create(
        actor=world.users["quality"],
        organization=world.org,
        site=world.sites[1],
        contact_point=point,
    )
    request = CallBackRequest.objects.get()
    quality = world.client("quality")
    listed = quality.get("/measurement/call-backs/")
    assert listed.status_code == 200 and PHONE in listed.text
    assert world.client("staff").get("/measurement/call-backs/").status_code == 403
    assert world.client("auditor").get("/measurement/call-backs/").status_code == 403
    assert other.site != request.site
    manager = world.client("manager")  # a site manager of the request's site
    assert PHONE in manager.get("/measurement/call-backs/").text
    assert world.client("outsider").post(
        f"/measurement/call-backs/{request.pk}/done/"
    ).status_code in (403, 404)
    assert quality.post(f"/measurement/call-backs/{request.pk}/done/").status_code == 302
    request.refresh_from_db()
    assert request.status == "done" and request.done_by == world.users["quality"]
    assert PHONE in quality.get("/measurement/call-backs/?status=done").text
    assert quality.post(f"/measurement/call-backs/{request.pk}/erase/").status_code == 302
    request.refresh_from_db()
    assert request.contact == "" and request.erased_at is not None
    done = quality.get("/measurement/call-backs/?status=done").text
    assert PHONE not in done and "erased" in done
    erasure = (
        AuditEntry.objects.filter(object_type="measurement.callbackrequest", action="update")
        .order_by("seq")
        .last()
    )
    assert erasure.after["contact"] == "(erased)" and erasure.actor == world.users["quality"]
