"""Editing an instrument's questions in the browser and through the API: every
save is a new version, the versions before it keep what they asked."""

from __future__ import annotations

import re

import pytest
from rest_framework.test import APIClient

from fuwu.measurement import services
from fuwu.measurement.models import Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def instrument(world, point):
    return services.instrument_generate(
        actor=world.users["quality"], organization=world.org, contact_point=point
    )


def form_data(page: str) -> dict[str, str]:
    """What the browser would post back: every input, select and textarea as shown."""
    data: dict[str, str] = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page):
        data[name] = value
    for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', page):
        data[name] = value
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        data[name] = chosen.group(1) if chosen else ""
    for name in re.findall(r'<input[^>]*type="checkbox" name="([^"]+)" checked', page):
        data[name] = "on"
    data.pop("csrfmiddlewaretoken", None)
    return data


def test_the_quality_manager_edits_reorders_removes_and_adds(
    world, instrument, django_assert_max_num_queries
):
    client = world.client("quality")
    url = f"/measurement/instruments/{instrument.pk}/edit/"
    with django_assert_max_num_queries(20):
        page = client.get(url)
    assert page.status_code == 200 and page.text.count('data-testid="question-card"') == 5
    data = form_data(page.text)
    first = instrument.current_version
    # The recommendation first, the overall rating second, the follow-up removed,
    # a new yes/no question added in the first blank card, in both languages.
    data |= {"q-0-order": "2", "q-1-order": "1", "q-2-remove": "on"}
    data |= {
        "q-3-type": "yes_no",
        "q-3-text_en": "Would you come back?",
        "q-3-text_zh": "还会再来吗？",  # noqa: RUF001
        "q-3-required": "on",
        "q-3-order": "3",
        "offer_call_back": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    instrument.refresh_from_db()
    second = instrument.current_version
    assert second.number == 2 and instrument.offer_call_back
    asked = [(q.type, q.text_en, q.required) for q in second.questions.all()]
    assert [a[0] for a in asked] == ["nps", "rating", "yes_no"]
    assert asked[2] == ("yes_no", "Would you come back?", True)
    assert [q.type for q in first.questions.all()] == ["rating", "nps", "text"]
    detail = client.get(f"/measurement/instruments/{instrument.pk}/").text
    assert "Version 1" in detail and "Version 2" in detail and "What went wrong?" in detail


def test_an_unchanged_save_writes_no_version_and_bad_input_is_400(world, instrument):
    client = world.client("quality")
    url = f"/measurement/instruments/{instrument.pk}/edit/"
    data = form_data(client.get(url).text)
    assert client.post(url, data).status_code == 302
    instrument.refresh_from_db()
    assert instrument.current_version.number == 1
    before = Question.objects.count()
    bad = data | {"q-1-type": "choice"}  # a single choice without options
    response = client.post(url, bad)
    assert response.status_code == 400 and "needs its options" in response.text
    assert Question.objects.count() == before
    chinese = world.client("quality")
    chinese.cookies["django_language"] = "zh-hans"
    assert "编辑问题" in chinese.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").text


def test_only_managers_edit(world, instrument):
    url = f"/measurement/instruments/{instrument.pk}/edit/"
    assert world.client("auditor").get(url).status_code == 403
    assert world.client("staff").post(url, {"rows": "0"}).status_code == 403
    assert world.client("outsider").get(url).status_code in (403, 404)
    instrument.refresh_from_db()
    assert instrument.current_version.number == 1


def api(world, username):
    client = APIClient()
    client.force_authenticate(world.users[username])
    return client


def test_the_api_revises_into_a_new_version(world, instrument):
    client = api(world, "quality")
    got = client.get(f"/api/v1/instruments/{instrument.pk}/").json()
    easy = {"type": "ces", "text_en": "How easy was it?", "text_zh": "办理是否方便？"}  # noqa: RUF001
    questions = [*got["questions"][:2], easy]
    url = f"/api/v1/instruments/{instrument.pk}/revise/"
    response = client.post(url, {"questions": questions}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"] == 2
    assert [q["type"] for q in body["questions"]] == ["rating", "nps", "ces"]
    assert client.get(f"/api/v1/instruments/{instrument.pk}/").json()["version"] == 2


def test_the_api_answers_400_per_question(world, instrument):
    client = api(world, "quality")
    url = f"/api/v1/instruments/{instrument.pk}/revise/"
    response = client.post(
        url,
        {
            "questions": [
                {"type": "rating", "text_en": "Fine?"},
                {"type": "stars", "text_en": "?"},
                {"type": "rating", "text_en": "?", "characteristic": "no-such"},
            ]
        },
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["questions"]) == {"3"}
    response = client.post(
        url, {"questions": [{"type": "rating", "text_en": "ok"}, {"type": "stars"}]}, format="json"
    )
    assert response.status_code == 400 and set(response.json()["questions"]) == {"2"}
    for body in ({}, {"questions": []}, {"questions": "x"}, {"questions": [1]}):
        assert client.post(url, body, format="json").status_code == 400
    assert api(world, "auditor").post(url, {"questions": []}, format="json").status_code == 403
    assert api(world, "outsider").post(url, {"questions": []}, format="json").status_code == 404
    instrument.refresh_from_db()
    assert instrument.current_version.number == 1
