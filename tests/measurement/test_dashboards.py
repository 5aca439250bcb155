"""The customer satisfaction dashboards: figures from the read layer, every block a
chart with a table and an export, control-chart signals marked, comments filtered,
empty states that say what to do next, bounded queries; one click from a signal to
a nonconformity or a preventive action."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fuwu.core.models import AuditEntry
from fuwu.improvement.models import Action, Nonconformity
from fuwu.measurement.dashboard import Dashboard, Selection

from .conftest import controlled_point
from .voice import collection, feed

pytestmark = pytest.mark.django_db
URL = "/measurement/satisfaction/"


@pytest.fixture
def scene(world, point):
    """Two points at the first hotel: thirty calm days, then a front desk that
    degrades over the last four; comments in both languages; journeys across both."""
    desk = collection(world, point)
    bar = collection(world, controlled_point(world, "BAR"))
    for ago in range(34, 4, -1):
        feed(desk, 3, days_ago=ago + 0.5, rating=[4, 5, 4])
        feed(bar, 2, days_ago=ago + 0.5, rating=[5, 4])
    for ago in (4, 3, 2, 1):
        feed(desk, 3, days_ago=ago + 0.5, rating=[1, 2, 1], comment="Waited twenty minutes.")
    feed(desk, 2, days_ago=3.2, rating=2, comment="等了很久。", language="zh-hans")
    for n in range(3):
        feed(desk, 1, days_ago=10 + n, rating=2, visit_id=f"visit-{n}")
        feed(bar, 1, days_ago=10 + n - 0.1, rating=5, visit_id=f"visit-{n}")
    return desk, bar


def test_without_collection_points_the_page_says_what_to_do(world, django_assert_max_num_queries):
    client = world.client("quality")
    with django_assert_max_num_queries(20):
        page = client.get(URL)
    assert page.status_code == 200
    assert 'data-testid="dashboard-empty"' in page.text
    assert "/measurement/collection-points/" in page.text and "QR" in page.text


def test_the_dashboard_shows_every_block_in_bounded_queries(world, scene):
    client = world.client("quality")
    client.get("/")  # the session's first request reads what later ones have
    with CaptureQueriesContext(connection) as first:
        page = client.get(URL)
    assert page.status_code == 200 and len(first) <= 60
    text = page.text
    for key in (
        "trend",
        "sites",
        "contact_points",
        "characteristics",
        "weakest",
        "ipa",
        "individuals",
        "p_chart",
        "journeys",
        "comments",
    ):
        assert f'data-testid="block-{key}"' in text, key
    assert 'data-satisfaction-chart="chart-p_chart"' in text
    # The IPA matrix says where its importance comes from.
    assert "Importance is derived" in text
    # The degrading front desk signals on the control charts, offered for follow-up.
    assert 'data-testid="signals"' in text and 'data-testid="plan-preventive"' in text
    # Journeys: mean, peak-end and EWMA side by side.
    assert 'data-testid="journey-summary"' in text and "Peak-end" in text
    assert "Waited twenty minutes." in text and "等了很久。" in text
    # The same number of queries with four times the data: the page does not grow with it.
    desk, _bar = scene
    feed(desk, 90, days_ago=15)
    with CaptureQueriesContext(connection) as again:
        assert client.get(URL).status_code == 200
    assert len(again) == len(first)


def test_the_figures_and_signals_are_those_of_the_read_layer(world, scene):
    today = timezone.localdate()
    board = Dashboard(
        organization=world.org,
        user=world.users["quality"],
        selection=Selection(start=today - timedelta(days=40), end=today),
        target=80,
    )
    assert board.total.responses == sum(r["responses"] for r in board.by_site.rows)
    assert board.weakest.rows[0]["mean"] <= board.weakest.rows[-1]["mean"]
    signals = board.signals()
    assert signals and signals[0]["day"] >= today - timedelta(days=5)
    p_rows = board.p_chart.rows
    assert all(0 <= r["lcl"] <= r["center"] <= r["ucl"] <= 1 for r in p_rows)
    journeys = board.journeys.rows
    assert len(journeys) == 3 and all(r["count"] == 2 for r in journeys)
    # The bar is evaluated last (5), so the EWMA leans to it more than the mean does.
    assert all(r["ewma"] >= r["mean"] for r in journeys)


def test_journeys_name_the_contact_points_in_the_readers_language(world, scene):
    """A journey reads as the points a guest went through, by name; the codes stay
    beside them (the table and the export) for those who know them."""
    client = world.client("quality")
    english = client.get(URL).text
    assert "Front desk FD → Front desk BAR" in english
    assert "FD → BAR" in english
    chinese = client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans").text
    assert "前台 FD → 前台 BAR" in chinese and "Front desk FD → " not in chinese
    response = client.get(URL + "?export=csv&table=journeys")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header, first = rows[0], rows[1]
    assert first[header.index("Contact points in order")] == "Front desk FD → Front desk BAR"
    assert first[header.index("Codes")] == "FD → BAR"


def test_comments_filter_by_language_and_rating(world, scene):
    client = world.client("quality")
    chinese = client.get(URL + "?language=zh-hans").text
    assert "等了很久。" in chinese and "Waited twenty minutes." not in chinese
    other = client.get(URL + "?rating=other").text
    assert "Waited twenty minutes." not in other


def test_every_table_exports_as_csv_and_excel(world, scene):
    client = world.client("quality")
    response = client.get(URL + "?export=csv&table=sites")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Site" and rows[1][1].isdigit()
    for table in ("trend", "weakest", "ipa", "journeys", "individuals", "p_chart", "comments"):
        excel = client.get(URL + f"?export=xlsx&table={table}")
        assert excel.status_code == 200, table
        assert excel["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(URL + "?export=csv&table=nope").status_code == 400
    assert world.client("viewer").get(URL + "?export=csv&table=sites").status_code in (200, 403)


def test_bad_periods_are_refused_and_chinese_readers_read_chinese(world, scene):
    client = world.client("quality")
    bad = client.get(URL + "?start=2026-05-01&end=2026-01-01")
    assert bad.status_code == 400 and "The period must start before it ends." in bad.text
    chinese = client.get(URL, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "顾客满意" in chinese.text and 'data-locale="ZH"' in chinese.text


def test_who_sees_what(world, scene):
    assert world.client("staff").get(URL).status_code == 403
    manager = world.client("manager").get(URL + f"?site={world.sites[1].pk}")
    assert manager.status_code == 400  # not a site in their scope
    assert world.client("outsider").get(URL).text.count("Waited twenty minutes.") == 0


def test_one_click_from_a_signal_opens_a_nonconformity(world, scene):
    client = world.client("quality")
    site = world.sites[0]
    page = client.get(URL + f"?site={site.pk}").text
    assert 'data-testid="open-nonconformity"' in page
    today = timezone.localdate()
    response = client.post(
        "/measurement/satisfaction/follow-up/",
        {
            "kind": "nonconformity",
            "reason": "signal",
            "chart": "p_chart",
            "day": (today - timedelta(days=1)).isoformat(),
            "value": "1.0",
            "rules": "1",
            "start": (today - timedelta(days=89)).isoformat(),
            "end": today.isoformat(),
            "site": site.pk,
            "contact_point": scene[0].contact_point_id,
        },
    )
    nc = Nonconformity.objects.get(source_type="satisfaction")
    assert response.status_code == 302 and response["Location"].endswith(f"/{nc.pk}/")
    assert "Control chart signal" in nc.description_en and "控制图" in nc.description_zh
    assert nc.site == site and nc.contact_point_id == scene[0].contact_point_id
    assert AuditEntry.objects.filter(object_type="improvement.nonconformity").exists()
    assert world.client("viewer").post(
        "/measurement/satisfaction/follow-up/", {"kind": "nonconformity"}
    ).status_code in (302, 403)
    assert Nonconformity.objects.filter(source_type="satisfaction").count() == 1


def test_one_click_below_target_plans_a_preventive_action(world, scene):
    client = world.client("quality")
    today = timezone.localdate()
    start = today - timedelta(days=4)
    page = client.get(URL + f"?start={start.isoformat()}").text
    assert 'data-testid="below-target"' in page
    response = client.post(
        "/measurement/satisfaction/follow-up/",
        {
            "kind": "preventive",
            "reason": "below_target",
            "start": start.isoformat(),
            "end": today.isoformat(),
        },
    )
    action = Action.objects.get(kind="preventive")
    assert response.status_code == 302 and response["Location"].endswith(f"/{action.pk}/")
    assert action.origin == "analysis" and action.owner == world.users["quality"]
    assert "below the target of 80" in action.description_en
    # A figure that is not below target opens nothing.
    client.post(
        "/measurement/satisfaction/follow-up/",
        {
            "kind": "preventive",
            "reason": "below_target",
            "start": (today - timedelta(days=34)).isoformat(),
            "end": (today - timedelta(days=6)).isoformat(),
        },
    )
    assert Action.objects.filter(kind="preventive").count() == 1


def test_the_home_card_compares_periods_and_counts_follow_ups_and_signals(
    world, scene, django_assert_max_num_queries
):
    client = world.client("quality")
    home = client.get("/").text
    assert 'data-card="measurement.satisfaction_now"' in home
    assert 'data-testid="card-satisfaction-change"' in home
    signals = int(home.split('data-testid="card-signals">')[1].split("<")[0])
    assert signals >= 1
    follow_ups = int(home.split('data-testid="card-follow-ups">')[1].split("<")[0])
    # The low evaluations raised their remedial follow-ups (source "evaluation") only when
    # submitted by customers, not imported: count what is there, then add one.
    today = timezone.localdate()
    client.post(
        "/measurement/satisfaction/follow-up/",
        {
            "kind": "nonconformity",
            "reason": "signal",
            "chart": "individuals",
            "day": today.isoformat(),
            "value": "1.5",
            "rules": "1",
            "start": (today - timedelta(days=30)).isoformat(),
            "end": today.isoformat(),
            "site": world.sites[0].pk,
        },
    )
    home = client.get("/").text
    assert f'data-testid="card-follow-ups">{follow_ups + 1}<' in home
    assert 'data-card="measurement.satisfaction_now"' not in world.client("staff").get("/").text
