"""The customer's page as a guest meets its errors: every message is said where the
guest looks (at the top when no field shows it), each one tied to its field for a
screen reader, and a form changed while the guest answered says so."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from fuwu.measurement import services
from fuwu.measurement.models import QuestionType

pytestmark = pytest.mark.django_db


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


def post(collection, language="en", **data):
    client = Client(HTTP_ACCEPT_LANGUAGE=language, REMOTE_ADDR="10.2.2.2")
    page = client.get(f"/e/{collection.token}/").text
    submission = re.search(r'name="submission_id" value="([^"]+)"', page).group(1)
    return client.post(f"/e/{collection.token}/", {"submission_id": submission} | data)


def alert(page) -> str:
    return re.search(r'<div class="err" role="alert" id="errors">(.*?)</div>', page.text).group(1)


def rating(collection) -> str:
    version = collection.instrument.current_version
    return str(version.questions.filter(type=QuestionType.RATING)[0].pk)


def test_the_heading_reads_as_a_question_in_both_languages(collection):
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/e/{collection.token}/").text
    name = collection.contact_point.name_en
    assert f"{name} at {collection.site.name_en}: how was it?" in english
    chinese = Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get(f"/e/{collection.token}/").text
    assert f"您对{collection.site.name_zh}的{collection.contact_point.name_zh}满意吗" in chinese


def test_an_empty_form_says_what_to_do_at_the_top(collection):
    page = post(collection)
    assert page.status_code == 400
    top = alert(page)
    assert "Please answer at least one question." in top and "marked below" not in top
    chinese = post(collection, language="zh-hans")
    assert "请至少回答一个问题。" in alert(chinese)


def test_a_wrong_answer_is_marked_and_tied_to_its_question(collection):
    key = rating(collection)
    page = post(collection, **{key: "9"})
    assert page.status_code == 400
    assert "Please check the answers marked below." in alert(page)
    assert f'<p class="err" id="e{key}">' in page.text
    radios = re.findall(rf'<input type="radio" name="{key}"[^>]*>', page.text)
    assert radios and all(f'aria-describedby="e{key}"' in r for r in radios)
    assert all('aria-invalid="true"' in r for r in radios)


def test_an_answer_to_a_question_no_longer_asked_says_the_form_changed(collection):
    page = post(collection, **{rating(collection): "4", "999999": "5"})
    assert page.status_code == 400
    top = alert(page)
    assert "The form has changed since you opened it." in top and "marked below" not in top
    chinese = post(collection, language="zh-hans", **{rating(collection): "4", "999999": "5"})
    assert "评价表已有更新" in alert(chinese)


def test_the_call_back_contact_takes_a_phone_or_an_email_and_its_error_is_tied_to_it(collection):
    page = post(collection, **{rating(collection): "2", "call_back_consent": "1"})
    assert page.status_code == 400
    field = re.search(r'<input id="cb-value"[^>]*>', page.text).group(0)
    assert 'aria-describedby="e-call-back"' in field and 'aria-invalid="true"' in field
    assert "inputmode" not in field  # a phone's keyboard for either a number or an address
    assert 'id="e-call-back"' in page.text
