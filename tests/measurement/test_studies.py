"""Design studies (ADR 0029): Kano pairs and SERVQUAL expectation / perception
pairs, answered on the customer's page, their results per study with a chart, a
table and exports, and through the API."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from fuwu.measurement import services
from fuwu.measurement.models import CollectionPoint, InstrumentKind, Question
from fuwu.measurement.services.collection import evaluation_submit
from fuwu.measurement.services.studies import parse_items, study_create

pytestmark = pytest.mark.django_db


def make_study(world, kind, items):
    return study_create(
        actor=world.users["quality"],
        organization=world.org,
        kind=kind,
        name_en="Room study",
        name_zh="客房调查",
        items=items,
    )


@pytest.fixture
def kano_study(world):
    return make_study(
        world,
        InstrumentKind.KANO,
        [
            {"name_en": "Free Wi-Fi", "name_zh": "免费无线网络"},
            {"name_en": "Late check-out", "name_zh": "延迟退房"},
        ],
    )


@pytest.fixture
def servqual_study(world):
    return make_study(
        world,
        InstrumentKind.SERVQUAL,
        parse_items(
            "reliability | Done right the first time | 一次做对\n"
            "tangibles | Clean rooms | 客房整洁\n"
            "tangibles | Modern equipment | 设备现代",
            InstrumentKind.SERVQUAL,
        ),
    )


def collect(world, study, point):
    cache.clear()
    return services.collection_point_create(
        actor=world.users["quality"],
        organization=world.org,
        site=world.sites[0],
        contact_point=point,
        instrument=study,
    )


def pairs(study):
    """{pair key: {role: question id}} of the current version."""
    out: dict[str, dict[str, str]] = {}
    for q in study.current_version.questions.all():
        out.setdefault(q.pair_key, {})[q.role] = str(q.pk)
    return out


def test_a_kano_study_asks_pairs_in_both_languages(kano_study):
    questions = list(kano_study.current_version.questions.all())
    assert [(q.pair_key, q.role, q.type) for q in questions] == [
        ("free-wi-fi", "functional", "kano"),
        ("free-wi-fi", "dysfunctional", "kano"),
        ("late-check-out", "functional", "kano"),
        ("late-check-out", "dysfunctional", "kano"),
    ]
    assert questions[0].text_en == "Free Wi-Fi: if it is there, how do you feel?"
    assert questions[1].text_zh.startswith("免费无线网络") and "没有" in questions[1].text_zh
    assert questions[0].options("zh-hans")[0] == "我喜欢"


def test_a_study_keeps_its_pairs_whole(world, kano_study, servqual_study):
    broken = [
        {"type": "kano", "text_en": "Wi-Fi?", "pair_key": "wifi", "role": "functional"},
    ]
    with pytest.raises(ValidationError):
        services.instrument_revise(
            actor=world.users["quality"], instrument=kano_study, questions=broken
        )
    mixed = [
        {"type": "scale7", "text_en": "E", "pair_key": "x", "role": "expectation",
         "dimension": "empathy"},
        {"type": "scale7", "text_en": "P", "pair_key": "x", "role": "perception",
         "dimension": "assurance"},
    ]  # fmt: skip
    with pytest.raises(ValidationError):
        services.instrument_revise(
            actor=world.users["quality"], instrument=servqual_study, questions=mixed
        )
    with pytest.raises(ValidationError):
        make_study(world, InstrumentKind.SERVQUAL, [{"name_en": "No dimension"}])
    with pytest.raises(ValidationError):  # a Kano answer belongs to a study
        services.instrument_create(
            actor=world.users["quality"],
            organization=world.org,
            data={"name_en": "Plain"},
            questions=[{"type": "kano", "text_en": "?"}],
        )


def test_the_customer_answers_a_kano_study_on_the_plain_page(world, kano_study, point):
    collection = collect(world, kano_study, point)
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans", REMOTE_ADDR="10.2.2.2")
    page = client.get(f"/e/{collection.token}/").text
    assert "客房调查" in page and "我喜欢" in page and "能忍受" in page
    assert len(page.encode()) < 50 * 1024
    submission = re.search(r'name="submission_id" value="([^"]+)"', page).group(1)
    wifi = pairs(kano_study)["free-wi-fi"]
    response = client.post(
        f"/e/{collection.token}/",
        {"submission_id": submission, wifi["functional"]: "0", wifi["dysfunctional"]: "4"},
    )
    assert response.status_code == 200 and "谢谢" in response.text


def test_kano_results_classify_each_respondents_pair(world, kano_study, point):
    collection = collect(world, kano_study, point)
    wifi = pairs(kano_study)["free-wi-fi"]
    # (like, dislike) O; (like, neutral) A; (neutral, dislike) M; (dislike, dislike) Q.
    for n, (functional, dysfunctional) in enumerate(
        [("like", "dislike"), ("like", "neutral"), ("neutral", "dislike"), ("dislike", "dislike")]
    ):
        evaluation_submit(
            point=collection,
            submission_id=f"kano-{n:04d}",
            answers={wifi["functional"]: functional, wifi["dysfunctional"]: dysfunctional},
        )
    client = APIClient()
    client.force_authenticate(world.users["auditor"])
    body = client.get(f"/api/v1/instruments/{kano_study.pk}/results/").json()
    assert body["kind"] == "kano" and body["respondents"] == 4
    (attribute,) = body["attributes"]
    assert attribute["key"] == "free-wi-fi" and attribute["label"].startswith("Free Wi-Fi")
    assert attribute["counts"] == {"A": 1, "O": 1, "M": 1, "I": 0, "R": 0, "Q": 1}
    # Berger et al. 1993: better = (A+O)/(A+O+M+I), worse = -(O+M)/(A+O+M+I); Q left out.
    assert attribute["better"] == pytest.approx(2 / 3, abs=1e-4)
    assert attribute["worse"] == pytest.approx(-2 / 3, abs=1e-4)
    assert attribute["category"] == "M"  # a tie: must-be first (Matzler & Hinterhuber)


def test_servqual_results_gap_per_item_and_dimension(world, servqual_study, point):
    collection = collect(world, servqual_study, point)
    ids = pairs(servqual_study)
    scores = {  # (expectation, perception) of two respondents per item
        "done-right-the-first-time": [(7, 5), (6, 5)],
        "clean-rooms": [(6, 6), (6, 7)],
        "modern-equipment": [(5, 3), (5, 4)],
    }
    for respondent in range(2):
        answers = {}
        for key, values in scores.items():
            expected, perceived = values[respondent]
            answers[ids[key]["expectation"]] = expected
            answers[ids[key]["perception"]] = perceived
        evaluation_submit(point=collection, submission_id=f"sq-{respondent:05d}", answers=answers)
    client = APIClient()
    client.force_authenticate(world.users["quality"])
    body = client.get(f"/api/v1/instruments/{servqual_study.pk}/results/").json()
    gaps = {item["key"]: item["gap"] for item in body["items"]}
    assert gaps == pytest.approx(
        {"done-right-the-first-time": -1.5, "clean-rooms": 0.5, "modern-equipment": -1.5}
    )
    assert body["dimensions"] == pytest.approx({"tangibles": -0.5, "reliability": -1.5})
    assert body["overall"] == pytest.approx(-1.0)
    page = world.client("quality").get(f"/measurement/instruments/{servqual_study.pk}/results/")
    assert page.status_code == 200 and 'data-study-chart="study-data"' in page.text
    assert "Clean rooms" in page.text and "-1.50" in page.text
    csv = world.client("quality").get(
        f"/measurement/instruments/{servqual_study.pk}/results/?export=csv"
    )
    assert csv.status_code == 200 and "Modern equipment" in b"".join(csv.streaming_content).decode()


def test_the_results_page_has_a_table_a_chart_and_exports(
    world, kano_study, point, django_assert_max_num_queries
):
    collection = collect(world, kano_study, point)
    ids = pairs(kano_study)
    for n in range(3):
        evaluation_submit(
            point=collection,
            submission_id=f"kano-page-{n}",
            answers={
                ids["late-check-out"]["functional"]: 0,
                ids["late-check-out"]["dysfunctional"]: 2,
            },
        )
    client = world.client("quality")
    url = f"/measurement/instruments/{kano_study.pk}/results/"
    with django_assert_max_num_queries(15):
        page = client.get(url)
    assert page.status_code == 200 and 'data-testid="study-table"' in page.text
    assert "Attractive" in page.text and "echarts.min.js" in page.text
    excel = client.get(url + "?export=xlsx")
    assert excel.status_code == 200 and excel["Content-Type"].startswith("application/vnd")
    assert world.client("outsider").get(url).status_code == 404
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert chinese.status_code == 200


def test_a_standard_instrument_has_no_study_results(world, point):
    instrument = services.instrument_generate(
        actor=world.users["quality"], organization=world.org, contact_point=point
    )
    client = APIClient()
    client.force_authenticate(world.users["quality"])
    assert client.get(f"/api/v1/instruments/{instrument.pk}/results/").status_code == 400
    page = world.client("quality").get(f"/measurement/instruments/{instrument.pk}/results/")
    assert page.status_code == 302


def test_the_quality_manager_creates_a_study_on_the_page(world):
    client = world.client("quality")
    response = client.post(
        "/measurement/instruments/",
        {
            "kind": "kano",
            "name_en": "Breakfast study",
            "name_zh": "早餐调查",
            "items": "Fresh juice | 鲜榨果汁\nHot dishes | 热菜\n",
        },
    )
    assert response.status_code == 302
    study = Question.objects.filter(pair_key="fresh-juice").first().version.instrument
    assert study.kind == "kano" and study.current_version.questions.count() == 4
    bad = client.post(
        "/measurement/instruments/", {"kind": "servqual", "items": "Juice"}, follow=True
    )
    assert "Name the study" in bad.text or "dimension" in bad.text
    assert world.client("auditor").post("/measurement/instruments/", {}).status_code == 403


def test_a_study_is_chosen_for_a_collection_point_never_picked(world, kano_study, point):
    services.instrument_update(
        actor=world.users["quality"], instrument=kano_study, data={"contact_points": [point]}
    )
    client = world.client("quality")
    site = world.sites[0]
    client.post("/measurement/collection-points/", {"site": site.pk, "contact_point": point.pk})
    everyday = CollectionPoint.objects.get(site=site, contact_point=point)
    assert everyday.instrument.kind == "standard"  # generated: the study is not picked
    other = world.sites[1]
    client.post(
        "/measurement/collection-points/",
        {"site": other.pk, "contact_point": point.pk, "instrument": kano_study.pk},
    )
    assert CollectionPoint.objects.get(site=other, contact_point=point).instrument == kano_study
