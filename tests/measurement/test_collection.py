"""Collection points and the customer's page `/e/<token>/`: no login, no JavaScript,
validated whole, counted once per submission id, rate-limited, small."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import Client

from fuwu.measurement import services
from fuwu.measurement.models import Answer, Evaluation, QuestionType
from fuwu.measurement.services.collection import SubmissionInvalid, evaluation_submit

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


def questions(collection):
    return list(collection.instrument.current_version.questions.all())


def rating_ids(collection):
    return [str(q.pk) for q in questions(collection) if q.type == QuestionType.RATING]


def test_a_collection_point_has_an_unguessable_token_and_an_instrument(world, collection):
    assert len(collection.token) >= 32
    assert collection.instrument.contact_points.filter(pk=collection.contact_point_id).exists()
    with pytest.raises(PermissionDenied):
        services.collection_point_create(
            actor=world.users["manager"],
            organization=world.org,
            site=world.sites[1],
            contact_point=collection.contact_point,
        )


def test_the_page_speaks_the_browsers_language_and_switches(collection):
    url = f"/e/{collection.token}/"
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get(url)
    assert english.status_code == 200 and 'lang="en"' in english.text
    chinese = Client(HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").get(url)
    assert 'lang="zh-Hans"' in chinese.text and "发送" in chinese.text
    switched = Client(HTTP_ACCEPT_LANGUAGE="zh-CN").get(url + "?lang=en")
    assert "Send" in switched.text


def test_the_first_load_is_small_and_self_contained(world, collection):
    services.instrument_update(
        actor=world.users["quality"],
        instrument=collection.instrument,
        data={"offer_call_back": True},  # the longest page: with the call-back
    )
    response = Client().get(f"/e/{collection.token}/")
    assert len(response.content) < 50 * 1024
    # One tiny inline script (progressive enhancement), allowed by its hash alone.
    assert not re.search(r'<(script [^>]*src|link rel="stylesheet"|img)', response.text)
    scripts = re.findall(r"<script>(.*?)</script>", response.text, re.S)
    assert len(scripts) == 1 and len(scripts[0]) < 1024
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    policy = response["Content-Security-Policy"]
    assert f"'sha256-{digest}'" in policy and "'unsafe-inline'" not in policy.split(";")[1]
    assert "http://" not in response.text and "https://" not in response.text


def test_a_plain_form_post_stores_it_once(collection):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans", REMOTE_ADDR="10.0.0.1")
    page = client.get(f"/e/{collection.token}/").text
    submission = re.search(r'name="submission_id" value="([^"]+)"', page).group(1)
    # The short default form: an overall rating and a recommendation (NPS).
    first = rating_ids(collection)[0]
    second = next(str(q.pk) for q in questions(collection) if q.type == QuestionType.NPS)
    data = {"submission_id": submission, "language": "zh-hans", first: "5", second: "4"}
    response = client.post(f"/e/{collection.token}/", data)
    assert response.status_code == 200 and "谢谢" in response.text
    again = client.post(f"/e/{collection.token}/", data)
    assert again.status_code == 200
    evaluation = Evaluation.objects.get()
    assert evaluation.language == "zh-hans" and evaluation.channel == "qr"
    assert evaluation.instrument_version == collection.instrument.current_version
    assert sorted(Answer.objects.values_list("value", flat=True)) == [4, 5]
    assert not evaluation.low


def test_bad_answers_are_400_with_an_error_per_question_and_nothing_stored(collection):
    first = rating_ids(collection)[0]
    response = Client().post(
        f"/e/{collection.token}/", {"submission_id": "abcdefgh12", first: "9", "99999": "3"}
    )
    assert response.status_code == 400
    assert "Choose a value from 1 to 5." in response.text
    with pytest.raises(SubmissionInvalid) as raised:
        evaluation_submit(
            point=collection, submission_id="abcdefgh12", answers={first: 0, "99999": 3}
        )
    assert set(raised.value.errors) == {first, "99999"}
    assert not Evaluation.objects.exists()


def test_a_low_rating_marks_the_evaluation(collection):
    evaluation, created = evaluation_submit(
        point=collection, submission_id="low-rating-1", answers={rating_ids(collection)[0]: 1}
    )
    assert created and evaluation.low


def test_posts_are_rate_limited_with_a_friendly_429(collection, settings):
    settings.FUWU_EVALUATION_RATE = 3
    client = Client(REMOTE_ADDR="10.9.9.9", HTTP_ACCEPT_LANGUAGE="zh-hans")
    first = rating_ids(collection)[0]
    statuses = [
        client.post(f"/e/{collection.token}/", {"submission_id": f"rate-{n:04d}", first: "4"})
        for n in range(5)
    ]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429, 429]
    assert "请稍候" in statuses[-1].text
    assert Evaluation.objects.count() == 3


def test_a_token_opens_only_its_own_organizations_point(world, collection):
    assert Client().get("/e/not-a-real-token/").status_code == 404
    page = Client().get(f"/e/{collection.token}/").text
    assert world.other_org.name_en not in page
    assert world.sites[0].name in page


def test_a_low_rating_opens_one_follow_up_a_day_for_the_site(world, collection):
    from fuwu.improvement.models import Nonconformity

    first = rating_ids(collection)[0]
    low, _ = evaluation_submit(point=collection, submission_id="low-one-01", answers={first: 1})
    nc = Nonconformity.objects.get(pk=low.nonconformity_id)
    assert nc.source_type == "evaluation" and nc.source_id == str(low.pk)
    assert nc.site == world.sites[0] and nc.contact_point == collection.contact_point
    assert "1/5" in nc.description_en and nc.description_zh
    follow = str(questions(collection)[-1].pk)
    later, _ = evaluation_submit(
        point=collection, submission_id="low-two-02", answers={follow: "Cold room"}
    )
    assert later.low and later.nonconformity_id == nc.pk
    good, _ = evaluation_submit(point=collection, submission_id="good-one-1", answers={first: 5})
    assert good.nonconformity_id is None
    assert Nonconformity.objects.filter(source_type="evaluation").count() == 1


def test_staff_pages_list_instruments_and_points_with_a_printable_qr(world, collection):
    quality = world.client("quality")
    assert collection.instrument.name_en in quality.get("/measurement/instruments/").text
    detail = quality.get(f"/measurement/instruments/{collection.instrument_id}/")
    assert detail.status_code == 200 and "What went wrong?" in detail.text
    listed = quality.get("/measurement/collection-points/")
    assert f"/e/{collection.token}/" in listed.text and "collection-point-add" in listed.text
    sheet = quality.get(f"/measurement/collection-points/{collection.pk}/print/")
    assert "<svg" in sheet.text and "Rate our" in sheet.text
    manager = world.client("manager")
    assert "collection-point-add" not in manager.get("/measurement/collection-points/").text
    assert manager.post("/measurement/collection-points/", {}).status_code == 403
    outsider = world.client("outsider")
    assert outsider.get(f"/measurement/collection-points/{collection.pk}/print/").status_code == 404


def test_the_quality_manager_adds_a_point_from_the_page(world, collection):
    from fuwu.measurement.models import CollectionPoint

    response = world.client("quality").post(
        "/measurement/collection-points/",
        {"site": world.sites[1].pk, "contact_point": collection.contact_point_id},
    )
    assert response.status_code == 302
    assert CollectionPoint.objects.filter(site=world.sites[1]).exists()
    again = world.client("quality").post(
        "/measurement/collection-points/",
        {"site": world.sites[1].pk, "contact_point": collection.contact_point_id},
        follow=True,
    )
    assert "already collects" in again.text
