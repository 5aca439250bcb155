"""`POST /api/v1/evaluations/bulk/`: up to 1,000 evaluations a call, all or nothing,
an error per row and field, idempotent by submission id, within the caller's sites,
for those who manage instruments; a constant number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from fuwu.core.models import AuditEntry, Membership, Role, User
from fuwu.measurement import services
from fuwu.measurement.models import Answer, Evaluation, QuestionType

pytestmark = pytest.mark.django_db
URL = "/api/v1/evaluations/bulk/"


@pytest.fixture
def collection(world, point):
    cache.clear()
    return services.collection_point_create(
        actor=world.users["quality"],
        organization=world.org,
        site=world.sites[0],
        contact_point=point,
    )


@pytest.fixture
def other_site_point(world, point):
    return services.collection_point_create(
        actor=world.users["quality"],
        organization=world.org,
        site=world.sites[1],
        contact_point=point,
    )


def client(world, username="quality"):
    api = APIClient()
    api.force_authenticate(world.users[username])
    return api


def rating(point) -> str:
    return str(point.instrument.current_version.questions.filter(type=QuestionType.RATING)[0].pk)


def row(point, n, **extra):
    return {
        "token": point.token,
        "submission_id": f"bulk-row-{n:05d}",
        "submitted_at": (timezone.now() - timedelta(days=1, minutes=n)).isoformat(),
        "language": "zh-hans",
        "channel": "kiosk",
        "answers": {rating(point): 1 + n % 5},
        "comment": f"comment {n}",
        "visit_id": f"visit-{n // 2}",
    } | extra


def test_a_batch_is_stored_whole_with_its_answers_and_no_audit_entry(world, collection):
    entries = AuditEntry.objects.count()
    rows = [row(collection, n) for n in range(3)]
    rows[2] = {k: v for k, v in rows[2].items() if k != "token"} | {
        "collection_point": collection.pk
    }
    response = client(world).post(URL, {"evaluations": rows}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["created"] == 3 and body["existing"] == 0
    assert all(r["created"] for r in body["results"])
    stored = Evaluation.objects.get(pk=body["results"][0]["id"])
    assert stored.channel == "kiosk" and stored.language == "zh-hans" and stored.digest
    assert stored.submitted_at < timezone.now() - timedelta(hours=23)
    assert Answer.objects.count() == 3
    assert AuditEntry.objects.count() == entries  # sealed later, in a batch


def test_the_same_submission_ids_again_are_reported_not_counted_twice(world, collection):
    rows = [row(collection, n) for n in range(2)]
    first = client(world).post(URL, {"evaluations": rows}, format="json").json()
    again = client(world).post(URL, {"evaluations": [*rows, row(collection, 9)]}, format="json")
    assert again.status_code == 201
    body = again.json()
    assert (body["created"], body["existing"]) == (1, 2)
    assert [r["id"] for r in body["results"][:2]] == [r["id"] for r in first["results"]]
    assert [r["created"] for r in body["results"]] == [False, False, True]
    only_old = client(world).post(URL, {"evaluations": rows}, format="json")
    assert only_old.status_code == 200 and only_old.json()["created"] == 0
    assert Evaluation.objects.count() == 3


def test_bad_rows_are_named_by_index_and_field_and_nothing_is_stored(world, collection):
    future = (timezone.now() + timedelta(days=2)).isoformat()
    rows = [
        row(collection, 0),
        row(collection, 1, answers={rating(collection): 9}),
        row(collection, 2, submitted_at=future),
        row(collection, 3, token="no-such-token"),
        row(collection, 4, submission_id="x"),
        row(collection, 5, submission_id="bulk-row-00000"),
        row(collection, 6, submitted_at="yesterday"),
        row(collection, 7, comment=12),
        "not an object",
    ]
    response = client(world).post(URL, {"evaluations": rows}, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"7", "8"}  # the shape first: types, objects
    del rows[7:]
    response = client(world).post(URL, {"evaluations": rows}, format="json")
    errors = response.json()["errors"]
    assert set(errors) == {"1", "2", "3", "4", "5", "6"}
    assert set(errors["1"]) == {rating(collection)}
    assert errors["2"] == {"submitted_at": "The time lies in the future."}
    assert set(errors["3"]) == {"token"} and set(errors["4"]) == {"submission_id"}
    assert "Row 0" in errors["5"]["submission_id"]
    assert "ISO 8601" in errors["6"]["submitted_at"]
    assert not Evaluation.objects.exists()


def test_errors_are_in_the_readers_language(world, collection):
    rows = [row(collection, 0, submitted_at=(timezone.now() + timedelta(days=2)).isoformat())]
    response = client(world).post(
        URL, {"evaluations": rows}, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.json()["errors"]["0"]["submitted_at"] == "该时间晚于现在。"


def test_more_than_a_thousand_is_refused(world, collection):
    rows = [row(collection, n) for n in range(1001)]
    response = client(world).post(URL, {"evaluations": rows}, format="json")
    assert response.status_code == 400 and "1000" in str(response.json()["evaluations"])
    for body in ({}, {"evaluations": []}, {"evaluations": "x"}, [1, 2]):
        assert client(world).post(URL, body, format="json").status_code == 400
    assert not Evaluation.objects.exists()


def test_only_those_who_manage_instruments_may_and_within_their_sites(
    world, collection, other_site_point
):
    rows = [row(collection, 0), row(other_site_point, 1)]
    assert client(world, "staff").post(URL, {"evaluations": rows}, format="json").status_code == 403
    assert client(world, "outsider").post(
        URL, {"evaluations": rows}, format="json"
    ).status_code in (
        400,
        403,
    )
    Membership.objects.filter(user=world.users["quality"]).update(
        all_sites=False, role=Role.QUALITY_MANAGER
    )
    Membership.objects.get(user=world.users["quality"]).sites.set([world.sites[0]])
    world.users["quality"] = User.objects.get(pk=world.users["quality"].pk)  # no cached scope
    response = client(world).post(URL, {"evaluations": rows}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"1"}
    assert "outside your sites" in response.json()["errors"]["1"]["token"]
    assert not Evaluation.objects.exists()
    assert APIClient().post(URL, {"evaluations": rows}, format="json").status_code in (401, 403)


def test_another_organizations_token_is_unknown(world, collection):
    rows = [row(collection, 0)]
    response = client(world, "outsider").post(URL, {"evaluations": rows}, format="json")
    assert response.status_code in (400, 403)
    assert not Evaluation.objects.exists()


def test_the_query_count_does_not_grow_with_the_rows(
    world, collection, other_site_point, django_assert_max_num_queries
):
    api = client(world)
    api.post(URL, {"evaluations": [row(collection, 0)]}, format="json")  # the questions are read
    rows = [row(collection if n % 2 else other_site_point, n) for n in range(1, 301)]
    with django_assert_max_num_queries(20):
        response = api.post(URL, {"evaluations": rows}, format="json")
    assert response.status_code == 201 and response.json()["created"] == 300
