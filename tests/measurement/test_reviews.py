"""Analysis reviews (4.5.3): recorded by the quality manager on the page and through
`/api/v1/analysis-reviews/`, linked to what they raised, audited, scoped."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from rest_framework.test import APIClient

from fuwu.core.models import AuditEntry
from fuwu.improvement.services.nonconformities import raise_nonconformity
from fuwu.measurement import services
from fuwu.measurement.models import AnalysisReview

pytestmark = pytest.mark.django_db


def api(world, username):
    client = APIClient()
    client.force_authenticate(world.users[username])
    return client


def a_nonconformity(world, site=0):
    return raise_nonconformity(
        actor=world.users["quality"],
        organization=world.org,
        site=world.sites[site],
        source="manual",
        description_en="Front desk waits above five minutes",
        description_zh="前台等候超过五分钟",
    )


def test_the_quality_manager_records_a_review_on_the_page(world):
    nc = a_nonconformity(world)
    client = world.client("quality")
    today = timezone.localdate()
    page = client.get("/measurement/analysis-reviews/add/")
    assert page.status_code == 200
    response = client.post(
        "/measurement/analysis-reviews/add/",
        {
            "period_start": (today - timedelta(days=90)).isoformat(),
            "period_end": today.isoformat(),
            "site": world.sites[0].pk,
            "conclusions_en": "Waiting time is the weakest indicator.",
            "conclusions_zh": "等候时间是最弱的指标。",
            "decisions_en": "Open a second counter at peak hours.",
            "nonconformities": [nc.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    review = AnalysisReview.objects.get()
    assert review.number.startswith("AR-") and review.reviewed_by == world.users["quality"]
    assert list(review.nonconformities.all()) == [nc]
    entry = AuditEntry.objects.get(object_type="measurement.analysisreview", action="create")
    assert entry.object_id == str(review.pk) and entry.object_repr == review.number
    detail = client.get(f"/measurement/analysis-reviews/{review.pk}/")
    assert nc.number in detail.text and "Waiting time is the weakest indicator." in detail.text
    # Chinese readers read the Chinese text.
    chinese = client.get(
        f"/measurement/analysis-reviews/{review.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "等候时间是最弱的指标。" in chinese.text


def test_bad_input_is_refused_per_field(world):
    client = world.client("quality")
    today = timezone.localdate()
    response = client.post(
        "/measurement/analysis-reviews/add/",
        {"period_start": today.isoformat(), "period_end": (today - timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 400
    assert "The period must start before it ends." in response.text
    assert not AnalysisReview.objects.exists()


def test_only_the_quality_manager_records_and_readers_see_their_scope(world):
    today = timezone.localdate()
    data = {"period_start": today, "period_end": today, "conclusions_en": "Fine."}
    with pytest.raises(PermissionDenied):
        services.review_create(actor=world.users["manager"], organization=world.org, data=data)
    assert world.client("staff").get("/measurement/analysis-reviews/").status_code == 403
    other = services.review_create(
        actor=world.users["quality"], organization=world.org, data=data | {"site": world.sites[1]}
    )
    whole = services.review_create(actor=world.users["quality"], organization=world.org, data=data)
    listed = world.client("manager").get("/measurement/analysis-reviews/").text
    assert whole.number in listed and other.number not in listed
    assert (
        world.client("manager").get(f"/measurement/analysis-reviews/{other.pk}/").status_code == 404
    )


def test_the_api_records_lists_and_refuses(world):
    nc = a_nonconformity(world)
    client = api(world, "quality")
    made = client.post(
        "/api/v1/analysis-reviews/",
        {
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "conclusions_en": "Quarter read.",
            "nonconformities": [nc.pk],
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    body = made.json()
    assert body["number"].startswith("AR-") and body["nonconformities"] == [nc.pk]
    bad = client.post(
        "/api/v1/analysis-reviews/",
        {"period_start": "2026-03-01", "period_end": "2026-01-01"},
        format="json",
    )
    assert bad.status_code == 400 and "period_end" in bad.json()
    changed = client.patch(
        f"/api/v1/analysis-reviews/{body['id']}/",
        {"decisions_en": "Second counter."},
        format="json",
    )
    assert changed.status_code == 200 and changed.json()["decisions_en"] == "Second counter."
    assert api(world, "staff").get("/api/v1/analysis-reviews/").json()["count"] == 0
    assert api(world, "outsider").get("/api/v1/analysis-reviews/").json()["count"] == 0
    assert api(world, "viewer").post(
        "/api/v1/analysis-reviews/", {"period_start": "2026-01-01"}, format="json"
    ).status_code in (400, 403)
