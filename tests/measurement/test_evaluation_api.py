"""The evaluation API: the public form and submission by token (idempotent,
validated, rate-limited), and the authenticated registers."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from fuwu.measurement import services
from fuwu.measurement.models import Evaluation, QuestionType

from .conftest import controlled_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(world, point):
    cache.clear()
    return services.collection_point_create(
        actor=world.users["quality"],
        organization=world.org,
        site=world.sites[0],
        contact_point=point,
    )


def submit(collection, submission_id="api-submission-1", **answers):
    body = {"token": collection.token, "submission_id": submission_id, "answers": answers}
    return APIClient().post("/api/v1/public/evaluations/", body, format="json")


def test_the_public_form_lists_questions_in_both_languages(collection):
    response = APIClient().get(f"/api/v1/public/forms/{collection.token}/")
    assert response.status_code == 200
    question = response.json()["questions"][0]
    assert question["type"] == "rating" and (question["min"], question["max"]) == (1, 5)
    assert question["text_en"] and question["text_zh"]
    # The point's specifications name no characteristic: the short default form.
    types = [q["type"] for q in response.json()["questions"]]
    assert types == ["rating", "nps", "text"] and question["characteristic"] is None
    assert APIClient().get("/api/v1/public/forms/nope/").status_code == 404


def test_a_submission_is_201_then_200_with_the_same_id(collection):
    form = APIClient().get(f"/api/v1/public/forms/{collection.token}/").json()
    first = str(form["questions"][0]["id"])
    created = submit(collection, **{first: 4})
    assert created.status_code == 201
    again = submit(collection, **{first: 4})
    assert again.status_code == 200 and again.json()["id"] == created.json()["id"]
    assert Evaluation.objects.count() == 1


def test_bad_answers_are_400_per_question(collection):
    question = collection.instrument.current_version.questions.filter(type=QuestionType.RATING)[0]
    response = submit(collection, **{str(question.pk): 6, "0": 3})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {str(question.pk), "0"}
    assert submit(collection, submission_id="x").status_code == 400
    assert not Evaluation.objects.exists()


def test_the_api_is_rate_limited(collection, settings):
    settings.FUWU_EVALUATION_RATE = 2
    question = str(collection.instrument.current_version.questions.first().pk)
    codes = [submit(collection, f"rate-limit-{n}", **{question: 3}).status_code for n in range(3)]
    assert codes == [201, 201, 429]


def test_a_throttled_customer_is_told_kindly_in_their_language_and_when(collection, settings):
    settings.FUWU_EVALUATION_RATE = 1
    question = str(collection.instrument.current_version.questions.first().pk)
    client = APIClient(HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = {"token": collection.token, "answers": {question: 4}}
    post = "/api/v1/public/evaluations/"
    assert (
        client.post(post, body | {"submission_id": "kind-429-1"}, format="json").status_code == 201
    )
    slow = client.post(post, body | {"submission_id": "kind-429-2"}, format="json")
    assert slow.status_code == 429
    assert 1 <= int(slow["Retry-After"]) <= 61
    assert slow.json()["detail"].startswith("刚才从此网络收到的评价过多")
    assert Evaluation.objects.count() == 1


def test_the_page_and_the_api_share_one_limit(collection, settings):
    settings.FUWU_EVALUATION_RATE = 2
    question = str(collection.instrument.current_version.questions.first().pk)
    page = APIClient().post(
        f"/e/{collection.token}/", {"submission_id": "shared-limit-1", question: "4"}
    )
    assert page.status_code == 200
    assert submit(collection, "shared-limit-2", **{question: 4}).status_code == 201
    assert submit(collection, "shared-limit-3", **{question: 4}).status_code == 429
    slow_page = APIClient().post(
        f"/e/{collection.token}/", {"submission_id": "shared-limit-4", question: "4"}
    )
    assert slow_page.status_code == 429 and slow_page["Retry-After"]


def test_reading_the_form_is_throttled_at_five_times_the_rate(collection, settings):
    settings.FUWU_EVALUATION_RATE = 1
    url = f"/api/v1/public/forms/{collection.token}/"
    codes = [APIClient().get(url).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]


def test_registers_are_scoped(world, collection):
    other_point = controlled_point(world, code="BR")
    services.collection_point_create(
        actor=world.users["quality"],
        organization=world.org,
        site=world.sites[1],
        contact_point=other_point,
    )
    submit(collection, **{str(collection.instrument.current_version.questions.first().pk): 5})
    manager = APIClient()
    manager.force_authenticate(world.users["manager"])
    points = manager.get("/api/v1/collection-points/").json()["results"]
    assert [p["site"] for p in points] == [world.sites[0].pk]
    assert points[0]["page_url"].endswith(f"/e/{collection.token}/")
    assert points[0]["qr_svg"].startswith("<svg")
    png = manager.get(f"/api/v1/collection-points/{points[0]['id']}/png/")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    outsider = APIClient()
    outsider.force_authenticate(world.users["outsider"])
    assert outsider.get("/api/v1/collection-points/").json()["results"] == []
    assert outsider.get("/api/v1/evaluations/").json()["results"] == []
    auditor = APIClient()
    auditor.force_authenticate(world.users["auditor"])
    listed = auditor.get("/api/v1/evaluations/", {"site": world.sites[0].pk, "channel": "qr"})
    assert len(listed.json()["results"]) == 1
    assert len(auditor.get("/api/v1/instruments/").json()["results"]) == 2


def test_a_malformed_submission_is_400_per_field(collection):
    post = "/api/v1/public/evaluations/"
    api = APIClient()
    cases = [
        ({"submission_id": "shape-0001", "answers": {}}, {"token"}),
        ({"token": collection.token, "submission_id": "shape-0002", "answers": [1]}, {"answers"}),
        (
            {"token": collection.token, "submission_id": "s" * 65, "answers": {}, "channel": "x"},
            {"submission_id", "channel"},
        ),
        ({"token": ["x"], "submission_id": True, "answers": {}}, {"token", "submission_id"}),
    ]
    for body, fields in cases:
        response = api.post(post, body, format="json")
        assert response.status_code == 400 and set(response.json()) == fields, body
    assert api.post(post, [1, 2], format="json").status_code == 400
    assert not Evaluation.objects.exists()
