"""Shift hand-over: the open requests and the property in custody at the site (and
contact point) copied into it as they stand, with the outgoing person's notes; the
incoming person acknowledges once (409 for the outgoing person and a second time);
staff at their sites only; the worker flags an unacknowledged one to the site
manager after the organization's hours; the API; the pages at a phone's pace, with
their export and query counts.

One scene for the module (built once, rolled back at the end)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from fuwu.core import clock
from fuwu.core.errors import StateConflict
from fuwu.core.models import AuditEntry, Role
from fuwu.operations.jobs import flag_unacknowledged_handovers
from fuwu.operations.models import Handover
from fuwu.operations.services import handovers as services
from fuwu.operations.services import property as custody
from fuwu.operations.services import requests as requests_services
from tests.conftest import World
from tests.design.conftest import make_point
from tests.factories import MembershipFactory, OrganizationFactory, SiteFactory, UserFactory

pytestmark = pytest.mark.django_db


def build() -> World:
    org = OrganizationFactory(name_en="Lakeside Hotels", slug="lakeside")
    sites = [SiteFactory(organization=org, code=f"H{i}") for i in (1, 2, 3)]
    other = OrganizationFactory(name_en="Harbor Café", slug="harbor")
    w = World(org=org, sites=sites, other_org=other, other_site=SiteFactory(organization=other))
    for username, role in {
        "admin": Role.ADMIN,
        "quality": Role.QUALITY_MANAGER,
        "auditor": Role.AUDITOR,
        "viewer": Role.VIEWER,
    }.items():
        w.users[username] = MembershipFactory(
            user=UserFactory(username=username), organization=org, role=role
        ).user
    for username, role, site in (
        ("manager", Role.SITE_MANAGER, sites[0]),
        ("staff", Role.STAFF, sites[0]),
        ("night", Role.STAFF, sites[0]),
        ("jinji", Role.STAFF, sites[1]),
    ):
        w.users[username] = MembershipFactory(
            user=UserFactory(username=username), organization=org, role=role, sites=[site]
        ).user
    w.users["outsider"] = MembershipFactory(
        user=UserFactory(username="outsider"), organization=other, role=Role.ADMIN
    ).user
    staff = w.users["staff"]
    w.desk = make_point(w, "FD", sites=[sites[0]], site=sites[0])  # type: ignore[attr-defined]
    w.bar = make_point(w, "BAR", sites=[sites[0]], site=sites[0])  # type: ignore[attr-defined]
    log = requests_services.request_log
    common = {"actor": staff, "organization": org, "site": sites[0]}
    w.open_at_desk = log(  # type: ignore[attr-defined]
        **common, kind="complaint", contact_point=w.desk, summary_zh="空调太吵"
    )
    w.open_at_bar = log(  # type: ignore[attr-defined]
        **common, kind="request", contact_point=w.bar, summary_en="More ice at the bar"
    )
    w.open_anywhere = log(  # type: ignore[attr-defined]
        **common, kind="enquiry", summary_en="Is the pool open tomorrow?"
    )
    w.closed = log(  # type: ignore[attr-defined]
        **common,
        kind="request",
        summary_en="Extra towels",
        immediate_action_en="Brought",
        met_at_once=True,
    )
    w.elsewhere = log(  # type: ignore[attr-defined]
        actor=w.users["quality"],
        organization=org,
        site=sites[1],
        kind="request",
        summary_en="Jinji Lake taxi",
    )
    w.suitcase = custody.property_receive(  # type: ignore[attr-defined]
        **common,
        contact_point=w.desk,
        description_en="Black suitcase",
        description_zh="黑色行李箱",
        condition_en="Scratched",
        storage_location="Luggage room A",
    )
    w.coat = custody.property_receive(  # type: ignore[attr-defined]
        actor=w.users["quality"],
        organization=org,
        site=sites[1],
        description_en="Grey coat",
        condition_en="Good",
        storage_location="Safe",
    )
    return w


@pytest.fixture(scope="module")
def scene(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


def hand_over(w: World, actor: str = "staff", site: int = 0, **extra) -> Handover:
    return services.handover_create(
        actor=w.users[actor], organization=w.org, site=w.sites[site], **extra
    )


def numbers(rows: list[dict]) -> set[str]:
    return {r["number"] for r in rows}


def api(w: World, username: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(w.users[username])
    return client


# -- the services -----------------------------------------------------------------------------


def test_a_hand_over_copies_what_is_open_at_the_site_as_it_stands(scene):
    handover = hand_over(scene, notes_zh="512房14点退房", notes_en="")
    assert handover.number.startswith("HO-") and handover.outgoing == scene.users["staff"]
    assert numbers(handover.open_requests) == {
        scene.open_at_desk.number,
        scene.open_at_bar.number,
        scene.open_anywhere.number,
    }
    complaint = next(r for r in handover.open_requests if r["number"] == scene.open_at_desk.number)
    assert complaint["summary_zh"] == "空调太吵" and complaint["kind"] == "complaint"
    assert numbers(handover.property_in_custody) == {scene.suitcase.number}
    assert handover.notes_zh == "512房14点退房"
    assert AuditEntry.objects.filter(object_id=str(handover.pk), action="create").exists()
    # The record keeps what the next shift was told, even once the item goes back.
    custody.property_return(actor=scene.users["staff"], item=scene.suitcase, returned_to="Owner")
    handover.refresh_from_db()
    assert numbers(handover.property_in_custody) == {scene.suitcase.number}
    assert numbers(hand_over(scene).property_in_custody) == set()


def test_at_a_contact_point_it_takes_that_points_and_the_sites_own(scene):
    handover = hand_over(scene, contact_point=scene.desk)
    assert numbers(handover.open_requests) == {
        scene.open_at_desk.number,
        scene.open_anywhere.number,
    }
    assert numbers(handover.property_in_custody) == {scene.suitcase.number}


def test_the_incoming_person_acknowledges_once(scene):
    handover = hand_over(scene)
    with pytest.raises(StateConflict, match="You handed this shift over"):
        services.handover_acknowledge(actor=scene.users["staff"], handover=handover)
    with pytest.raises(PermissionDenied):
        services.handover_acknowledge(actor=scene.users["jinji"], handover=handover)
    with pytest.raises(PermissionDenied):
        services.handover_acknowledge(actor=scene.users["viewer"], handover=handover)
    done = services.handover_acknowledge(actor=scene.users["night"], handover=handover)
    assert done.acknowledged_by == scene.users["night"] and done.is_acknowledged
    with pytest.raises(StateConflict, match="acknowledged already"):
        services.handover_acknowledge(actor=scene.users["manager"], handover=handover)


def test_staff_hand_over_at_their_sites_only(scene):
    with pytest.raises(PermissionDenied):
        hand_over(scene, site=1)
    with pytest.raises(PermissionDenied):
        hand_over(scene, actor="auditor")
    with pytest.raises(ValidationError):
        hand_over(scene, site=0, contact_point=make_point(scene, "POOL", site=scene.sites[1]))
    assert numbers(hand_over(scene, actor="jinji", site=1).open_requests) == {
        scene.elsewhere.number
    }
    assert not Handover.objects.for_user(scene.users["staff"]).filter(site=scene.sites[1]).exists()


def test_the_worker_flags_an_unacknowledged_hand_over_to_the_site_manager(scene):
    with pytest.raises(ValidationError):
        services.handover_settings_update(
            actor=scene.users["quality"], organization=scene.org, acknowledge_within_hours=0
        )
    with pytest.raises(PermissionDenied):
        services.handover_settings_update(
            actor=scene.users["manager"], organization=scene.org, acknowledge_within_hours=3
        )
    services.handover_settings_update(
        actor=scene.users["quality"], organization=scene.org, acknowledge_within_hours=3
    )
    with clock.seeding_at(timezone.now() - timedelta(hours=4)):
        late = hand_over(scene)
        taken = hand_over(scene)
    with clock.seeding_at(timezone.now() - timedelta(hours=3, minutes=50)):
        services.handover_acknowledge(actor=scene.users["night"], handover=taken)
    with clock.seeding_at(timezone.now() - timedelta(hours=2)):
        recent = hand_over(scene)
    assert flag_unacknowledged_handovers.call() == {"flagged": 1}
    late.refresh_from_db(), recent.refresh_from_db(), taken.refresh_from_db()
    assert late.flagged_at is not None and late.flagged_to == scene.users["manager"]
    assert recent.flagged_at is None and taken.flagged_at is None
    assert flag_unacknowledged_handovers.call() == {"flagged": 0}
    # Acknowledged late, it stays flagged: the record says it was late.
    services.handover_acknowledge(actor=scene.users["manager"], handover=late)
    late.refresh_from_db()
    assert late.flagged_at is not None and late.is_acknowledged


# -- the API ----------------------------------------------------------------------------------


def test_the_api_hands_over_and_acknowledges(scene):
    url = reverse("handover-list")
    created = api(scene, "staff").post(
        url, {"site": scene.sites[0].pk, "notes_en": "Call 512 back"}, format="json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["number"].startswith("HO-") and body["is_acknowledged"] is False
    assert scene.open_at_desk.number in {r["number"] for r in body["open_requests"]}
    ack = reverse("handover-acknowledge", args=[body["id"]])
    refused = api(scene, "staff").post(ack)
    assert refused.status_code == 409 and "You handed this shift over" in refused.json()["detail"]
    assert api(scene, "night").post(ack).json()["acknowledged_by"] == scene.users["night"].pk
    assert api(scene, "manager").post(ack).status_code == 409
    waiting = api(scene, "staff").get(url, {"unacknowledged": "true"}).json()
    assert body["id"] not in {r["id"] for r in waiting["results"]}
    done = api(scene, "staff").get(url, {"unacknowledged": "false"}).json()
    assert body["id"] in {r["id"] for r in done["results"]}
    # Tenancy: another site, another organization.
    assert (
        api(scene, "staff").post(url, {"site": scene.sites[1].pk}, format="json").status_code == 400
    )
    assert api(scene, "jinji").get(reverse("handover-detail", args=[body["id"]])).status_code == 404
    assert api(scene, "outsider").get(url).json()["count"] == 0
    assert api(scene, "viewer").post(
        url, {"site": scene.sites[0].pk}, format="json"
    ).status_code in (
        400,
        403,
    )


# -- the pages --------------------------------------------------------------------------------


def test_handing_over_on_the_phone_in_chinese_and_acknowledging(scene):
    client = scene.client("staff")
    client.cookies["django_language"] = "zh-hans"
    new = reverse("operations:handover_new")
    page = client.get(new, HTTP_ACCEPT_LANGUAGE="zh-hans")
    # One site: chosen already, and what goes with it counted before handing over.
    assert page.status_code == 200 and 'data-testid="preview"' in page.text
    assert "交接" in page.text
    sent = client.post(new, {"site": scene.sites[0].pk, "notes": "保险柜里有一顶儿童帽"})
    assert sent.status_code == 302
    handover = Handover.objects.latest("pk")
    assert handover.notes_zh == "保险柜里有一顶儿童帽" and handover.notes_en == ""
    mine = client.get(handover.get_absolute_url()).text
    assert 'data-testid="acknowledge"' not in mine and 'data-testid="waiting"' in mine
    night = scene.client("night")
    theirs = night.get(handover.get_absolute_url()).text
    assert 'data-testid="acknowledge"' in theirs and scene.open_at_desk.number in theirs
    ack = reverse("operations:handover_acknowledge", args=[handover.pk])
    assert client.post(ack).status_code == 409
    assert night.post(ack).status_code == 302
    again = scene.client("manager").post(ack)
    assert again.status_code == 409 and "acknowledged already" in again.text
    assert client.post(new, {"site": scene.sites[1].pk}).status_code == 400
    assert scene.client("viewer").get(new).status_code == 403


def test_the_register_filters_exports_and_keeps_its_query_count(scene):
    client = scene.client("manager")
    listing = reverse("operations:handover_list")

    def counted(url: str) -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            answer = client.get(url)
        assert answer.status_code == 200
        return len(queries), answer.content.decode()

    first = hand_over(scene)
    counted(listing)  # the session and the reader's caches warmed
    few, _ = counted(listing)
    one, _ = counted(first.get_absolute_url())
    for _i in range(4):
        services.handover_acknowledge(actor=scene.users["night"], handover=hand_over(scene))
    services.handover_acknowledge(actor=scene.users["night"], handover=first)
    late = hand_over(scene, notes_en="Nobody came")
    many, _ = counted(listing)
    assert many == few
    assert counted(late.get_absolute_url())[0] == one
    _n, waiting = counted(listing + "?unacknowledged=true")
    assert late.number in waiting and first.number not in waiting
    export = client.get(listing + "?unacknowledged=true&export=csv")
    rows = b"".join(export.streaming_content).decode()
    assert export.status_code == 200 and late.number in rows and first.number not in rows
    assert late.number not in scene.client("jinji").get(listing).content.decode()
    settings_page = reverse("operations:handover_settings")
    assert (
        scene.client("quality").post(settings_page, {"acknowledge_within_hours": "0"}).status_code
        == 400
    )
    assert (
        scene.client("quality").post(settings_page, {"acknowledge_within_hours": "4"}).status_code
        == 302
    )
    assert client.get(settings_page).status_code == 403
