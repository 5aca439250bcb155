"""Maintenance and return visits (4.4.8): a rule per contact point plans a visit
three days after a check-out entered by staff (or after a request closed, by the
worker); the visit is assigned and performed, the satisfaction answer stored as an
evaluation with channel "return visit", a maintenance need logged as a request; each
refusal leaves nothing half-written; staff at their sites only; overdue visits
flagged; the 4.4.8 checks; the API; the pages and their query counts."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from rest_framework.test import APIClient

from fuwu.core.errors import StateConflict
from fuwu.core.models import AuditEntry, Role
from fuwu.design.models import ContactPoint
from fuwu.design.services import seed_reference_data
from fuwu.measurement.models import Answer, Evaluation
from fuwu.measurement.services.collection import collection_point_create
from fuwu.operations.jobs import plan_return_visits
from fuwu.operations.models import CustomerRequest, ReturnVisit, VisitStatus
from fuwu.operations.services import requests as request_services
from fuwu.operations.services import visits as services
from fuwu.standard.conformity import REGISTRY, CheckStatus
from tests.conftest import ROLES_ALL_SITES, World
from tests.factories import MembershipFactory, OrganizationFactory, SiteFactory, UserFactory

pytestmark = pytest.mark.django_db


def build() -> World:
    org = OrganizationFactory(name_en="Lakeside Hotels", name_zh="湖畔酒店集团", slug="lakeside")
    sites = [SiteFactory(organization=org, code=f"H{i}") for i in (1, 2)]
    other = OrganizationFactory(name_en="Harbor Café", name_zh="海港咖啡", slug="harbor")
    w = World(org=org, sites=sites, other_org=other, other_site=SiteFactory(organization=other))
    for username, role in ROLES_ALL_SITES.items():
        w.users[username] = MembershipFactory(
            user=UserFactory(username=username), organization=org, role=role
        ).user
    for username, role in (("manager", Role.SITE_MANAGER), ("staff", Role.STAFF)):
        w.users[username] = MembershipFactory(
            user=UserFactory(username=username), organization=org, role=role, sites=[sites[0]]
        ).user
    w.users["outsider"] = MembershipFactory(
        user=UserFactory(username="outsider"), organization=other, role=Role.ADMIN
    ).user
    seed_reference_data(org)
    w.checkout = ContactPoint.objects.create(  # type: ignore[attr-defined]
        organization=org, code="CHECKOUT", name_en="Check-out", name_zh="退房结账", stage="after"
    )
    w.room = ContactPoint.objects.create(  # type: ignore[attr-defined]
        organization=org, code="ROOM", name_en="Guest room", name_zh="客房", stage="during"
    )
    for site in sites:
        collection_point_create(
            actor=w.users["quality"], organization=org, site=site, contact_point=w.checkout
        )
    w.rule = services.rule_create(  # type: ignore[attr-defined]
        actor=w.users["manager"],
        organization=org,
        site=sites[0],
        contact_point=w.checkout,
        trigger="service_ended",
        days_after=3,
        purpose_en="How was the stay?",
    )
    return w


@pytest.fixture(scope="module")
def scene(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


def plan(w, *, actor="staff", site=0, ago_hours=1, **extra):
    data = {"customer_reference": "Room 1208"} | extra
    return services.visit_plan(
        actor=w.users[actor],
        organization=w.org,
        site=w.sites[site],
        contact_point=w.checkout,
        service_ended_at=timezone.now() - timedelta(hours=ago_hours),
        **data,
    )


def perform(w, visit, *, actor="staff", **extra):
    data = {"outcome_en": "The guest liked the stay", "satisfaction": 4} | extra
    return services.visit_perform(actor=w.users[actor], visit=visit, **data)


def api(w, username):
    client = APIClient()
    client.force_authenticate(w.users[username])
    return client


def text(response) -> str:
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def run(check_id, org):
    return REGISTRY[check_id].run(org)


def test_a_check_out_plans_its_visit_and_the_answer_becomes_an_evaluation(scene):
    visit = plan(
        scene,
        customer_name="Mr Wang",
        customer_contact="13912345678",
        consent=True,
        consent_purpose="To call after the stay",
    )
    assert visit.number.startswith("RV-") and visit.rule == scene.rule
    assert visit.due_on == timezone.localdate(visit.service_ended_at) + timedelta(days=3)
    assert visit.status == VisitStatus.PLANNED and not visit.is_overdue
    services.visit_assign(
        actor=scene.users["manager"], visit=visit, assigned_to=scene.users["staff"]
    )
    done = perform(scene, visit, maintenance_en="Send the invoice again")
    assert (
        done.status == VisitStatus.DONE and done.on_time and done.performed_by.username == "staff"
    )
    evaluation = Evaluation.objects.get(pk=done.evaluation_id)
    assert evaluation.channel == "revisit" and evaluation.get_channel_display() == "Return visit"
    assert evaluation.contact_point == scene.checkout and evaluation.site == scene.sites[0]
    assert evaluation.comment == "The guest liked the stay"
    assert Answer.objects.get(evaluation=evaluation).value == 4
    request = CustomerRequest.objects.get(pk=done.maintenance_request_id)
    assert request.kind == "request" and done.number in request.summary_en
    assert request.first_owner.username == "staff" and request.contact_point == scene.checkout
    with pytest.raises(StateConflict):
        perform(scene, done)
    with pytest.raises(StateConflict):
        services.visit_assign(
            actor=scene.users["manager"], visit=done, assigned_to=scene.users["staff"]
        )
    # The guest's identity is never written to the audit trail; a site manager erases it.
    assert not AuditEntry.objects.filter(after__icontains="13912345678").exists()
    with pytest.raises(PermissionDenied):
        services.visit_erase_identity(actor=scene.users["staff"], visit=done)
    erased = services.visit_erase_identity(actor=scene.users["manager"], visit=done)
    assert erased.customer_contact == "" and erased.identity_erased_at is not None


def test_a_customer_not_reached_gives_no_answer(scene):
    visit = plan(scene)
    with pytest.raises(ValidationError):
        perform(scene, visit, reached=False)  # with a satisfaction answer
    missed = perform(scene, visit, reached=False, satisfaction=None, outcome_zh="无人接听")
    assert missed.status == VisitStatus.NOT_REACHED and missed.evaluation_id is None


def test_bad_input_is_refused_and_nothing_is_half_written(scene):
    w = scene
    for bad in ({"days_after": 400}, {"trigger": "birthday"}, {"purpose_en": ""}):
        with pytest.raises(ValidationError):
            services.rule_create(
                **{
                    "actor": w.users["manager"],
                    "organization": w.org,
                    "site": w.sites[0],
                    "contact_point": w.room,
                    "trigger": "service_ended",
                    "days_after": 3,
                    "purpose_en": "Ask",
                }
                | bad
            )
    with pytest.raises(ValidationError):  # one rule per point and event
        services.rule_create(
            actor=w.users["manager"],
            organization=w.org,
            site=w.sites[0],
            contact_point=w.checkout,
            trigger="service_ended",
            days_after=2,
            purpose_en="x",
        )
    with pytest.raises(ValidationError):
        plan(w, ago_hours=-2)  # a check-out in the future
    with pytest.raises(ValidationError):
        plan(w, customer_reference="")  # whom to visit?
    with pytest.raises(ValidationError):
        plan(w, customer_name="Mr Wang")  # without consent
    with pytest.raises(ValidationError):  # no rule here: the due date is needed
        services.visit_plan(
            actor=w.users["staff"],
            organization=w.org,
            site=w.sites[0],
            contact_point=w.room,
            customer_reference="Room 806",
        )
    visit = plan(w)
    for bad in ({"satisfaction": 6}, {"outcome_en": ""}, {"channel": "pigeon"}):
        with pytest.raises(ValidationError):
            perform(w, visit, **bad)
    # No collection point at the room: the answer cannot be stored, nothing is written.
    elsewhere = services.visit_plan(
        actor=w.users["staff"],
        organization=w.org,
        site=w.sites[0],
        contact_point=w.room,
        customer_reference="Room 806",
        due_on=timezone.localdate(),
    )
    with pytest.raises(ValidationError) as refused:
        perform(w, elsewhere, maintenance_en="Fix the lamp")
    assert "collection point" in str(refused.value)
    elsewhere.refresh_from_db()
    visit.refresh_from_db()
    assert elsewhere.is_planned and visit.is_planned
    assert visit.evaluation_id is None and elsewhere.evaluation_id is None
    ids = [f"return-visit-{w.org.pk}-{v.pk}" for v in (visit, elsewhere)]
    assert not Evaluation.objects.filter(submission_id__in=ids).exists()
    assert not CustomerRequest.objects.filter(summary_en__contains="Fix the lamp").exists()


def test_staff_work_at_their_sites_only(scene):
    w = scene
    with pytest.raises(PermissionDenied):
        plan(w, site=1)
    with pytest.raises(PermissionDenied):
        plan(w, actor="viewer")
    with pytest.raises(PermissionDenied):
        services.rule_create(
            actor=w.users["staff"],
            organization=w.org,
            site=w.sites[0],
            contact_point=w.room,
            trigger="service_ended",
            days_after=1,
            purpose_en="x",
        )
    elsewhere = plan(w, actor="quality", site=1, due_on=timezone.localdate())
    with pytest.raises(PermissionDenied):
        perform(w, elsewhere)
    with pytest.raises(PermissionDenied):
        services.visit_assign(
            actor=w.users["manager"], visit=elsewhere, assigned_to=w.users["quality"]
        )
    mine = plan(w)
    # Staff take a visit for themselves, but do not hand it to others.
    services.visit_assign(actor=w.users["staff"], visit=mine, assigned_to=w.users["staff"])
    assert mine.number in w.client("staff").get("/my-work/").text
    with pytest.raises(PermissionDenied):
        services.visit_assign(actor=w.users["staff"], visit=mine, assigned_to=w.users["manager"])
    with pytest.raises(ValidationError):  # not at the site
        services.visit_assign(
            actor=w.users["quality"], visit=elsewhere, assigned_to=w.users["staff"]
        )
    staff = w.client("staff")
    assert staff.get(elsewhere.get_absolute_url()).status_code == 404
    assert staff.post(f"/operations/return-visits/{elsewhere.pk}/perform/").status_code == 404
    exported = text(w.client("manager").get("/operations/return-visits/?export=csv"))
    assert mine.number in exported and elsewhere.number not in exported
    assert w.client("outsider").get(mine.get_absolute_url()).status_code == 404
    assert api(w, "outsider").get(f"/api/v1/return-visits/{mine.pk}/").status_code == 404


def test_the_worker_plans_after_requests_closed_and_flags_overdue_visits(scene):
    w = scene
    services.rule_create(
        actor=w.users["manager"],
        organization=w.org,
        site=w.sites[0],
        contact_point=w.room,
        trigger="request_closed",
        days_after=2,
        purpose_zh="问客人问题是否已解决",
    )
    request = request_services.request_log(
        actor=w.users["staff"],
        organization=w.org,
        site=w.sites[0],
        kind="request",
        contact_point=w.room,
        summary_en="Extra pillows",
    )
    request_services.request_step(
        actor=w.users["staff"], request=request, step="respond", text_en="Brought"
    )
    request_services.request_close(actor=w.users["staff"], request=request)
    late = plan(w, ago_hours=24 * 6)  # checked out six days ago: due three days ago
    assert late.is_overdue
    assert plan_return_visits.call() == {"planned": 1, "flagged": 1}
    assert plan_return_visits.call() == {"planned": 0, "flagged": 0}
    after = ReturnVisit.objects.get(source_request=request)
    assert after.trigger == "request_closed" and after.customer_reference == request.number
    assert after.due_on == timezone.localdate(request.closed_at) + timedelta(days=2)
    late.refresh_from_db()
    assert late.overdue_flagged_at is not None
    listed = w.client("staff").get("/operations/return-visits/?overdue=true")
    assert late.number in listed.text and after.number not in listed.text
    moved = services.visit_update(actor=w.users["staff"], visit=late, due_on=timezone.localdate())
    assert moved.overdue_flagged_at is None and not moved.is_overdue


def test_the_4_4_8_checks(scene):
    w = scene
    done = run("operations.return_visits_done", w.org)
    assert done.status == CheckStatus.NOT_APPLICABLE
    today = timezone.localdate()
    visits = [plan(w, ago_hours=24 * 10, due_on=today - timedelta(days=5)) for _ in range(3)]
    for visit in visits[:2]:
        perform(w, visit, performed_at=timezone.now() - timedelta(days=6))
    failed = run("operations.return_visits_done", w.org)
    assert failed.status == CheckStatus.FAIL and visits[2].number in failed.message
    perform(
        w,
        visits[2],
        maintenance_en="Post the charger left in the room",
        performed_at=timezone.now() - timedelta(days=5, hours=-1),
    )
    passed = run("operations.return_visits_done", w.org)
    assert passed.status == CheckStatus.PASS, passed.message
    assert "3 of 3" in passed.message
    # The maintenance asked for is open and within its target.
    assert run("operations.maintenance_completed", w.org).status == CheckStatus.PASS
    CustomerRequest.objects.filter(summary_en__contains="charger").update(
        resolution_due_at=timezone.now() - timedelta(hours=1)
    )
    assert run("operations.maintenance_completed", w.org).status == CheckStatus.FAIL


def test_the_api_plans_performs_filters_and_refuses(scene):
    w = scene
    staff = api(w, "staff")
    created = staff.post(
        "/api/v1/return-visits/",
        {"site": w.sites[0].pk, "contact_point": w.checkout.pk, "customer_reference": "Room 702"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "planned" and body["trigger"] == "service_ended"
    url = f"/api/v1/return-visits/{body['id']}/"
    bad = staff.post(url + "perform/", {"outcome_en": "ok", "satisfaction": 9}, format="json")
    assert bad.status_code == 400
    done = staff.post(
        url + "perform/",
        {"outcome_zh": "满意", "satisfaction": 5, "language": "zh-hans"},
        format="json",
    )
    assert done.status_code == 200 and done.json()["evaluation"] and done.json()["on_time"]
    assert staff.post(url + "perform/", {"outcome_en": "again"}, format="json").status_code == 409
    assert staff.patch(url, {"customer_reference": "x"}, format="json").status_code == 409
    listed = staff.get(f"/api/v1/return-visits/?status=done&site={w.sites[0].pk}").json()
    assert body["id"] in [r["id"] for r in listed["results"]]
    assert api(w, "viewer").post(url + "perform/", {"outcome_en": "x"}).status_code == 403
    rules = staff.get("/api/v1/return-visit-rules/").json()["results"]
    assert [r["days_after"] for r in rules] == [3]
    refused = staff.post(
        "/api/v1/return-visit-rules/",
        {
            "site": w.sites[0].pk,
            "contact_point": w.room.pk,
            "trigger": "service_ended",
            "days_after": 1,
            "purpose_en": "x",
        },
        format="json",
    )
    assert refused.status_code == 403


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_plan_perform_and_do_not_grow_with_the_data(scene):
    w = scene
    client = w.client("staff")
    assert client.get("/operations/return-visits/add/").status_code == 200
    added = client.post(
        "/operations/return-visits/add/",
        {"site": w.sites[0].pk, "contact_point": w.checkout.pk, "customer_reference": "Room 1512"},
    )
    assert added.status_code == 302, added.content
    visit = ReturnVisit.objects.get(customer_reference="Room 1512")
    page = client.get(visit.get_absolute_url())
    assert page.status_code == 200 and 'data-testid="perform"' in page.text
    bad = client.post(
        f"/operations/return-visits/{visit.pk}/perform/",
        {"reached": "yes", "channel": "phone", "satisfaction": "5", "outcome": ""},
    )
    assert bad.status_code == 400
    done = client.post(
        f"/operations/return-visits/{visit.pk}/perform/",
        {"reached": "yes", "channel": "phone", "satisfaction": "5", "outcome": "Very happy"},
    )
    assert done.status_code == 302
    again = client.post(
        f"/operations/return-visits/{visit.pk}/perform/",
        {"reached": "yes", "channel": "phone", "outcome": "Again"},
    )
    assert again.status_code == 409
    assert client.get(f"/operations/return-visits/{visit.pk}/edit/").status_code == 403
    zh = client.get("/operations/return-visits/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "回访" in zh.text
    assert visit.number in text(w.client("manager").get("/operations/return-visits/?export=csv"))
    pages = [
        "/operations/return-visits/",
        "/operations/return-visits/rules/",
        f"/operations/return-visits/{visit.pk}/",
        "/api/v1/return-visits/",
    ]
    client.get("/")
    before = [count(client, url) for url in pages]
    for _ in range(5):
        perform(w, plan(w), maintenance_en="Fix it")
        plan(w, actor="quality", site=1, due_on=timezone.localdate())
    assert [count(client, url) for url in pages] == before


def test_the_home_card_counts_planned_overdue_and_mine_at_the_readers_sites(scene):
    w = scene
    due = plan(w, ago_hours=24 * 5)  # due two days ago: overdue
    plan(w)  # due in three days
    ago = timezone.localdate() - timedelta(days=1)
    plan(w, actor="admin", site=1, ago_hours=24 * 5, due_on=ago)  # another site, by hand
    services.visit_assign(actor=w.users["manager"], visit=due, assigned_to=w.users["staff"])
    staff = w.client("staff").get("/")
    card = staff.content.decode().split('data-card="operations.return_visits"')[1]
    card = card.split("data-card=")[0]
    figures = {
        key: re.search(rf'data-testid="visits-{key}">(\d+)<', card).group(1)
        for key in ("planned", "overdue", "mine")
    }
    assert figures == {"planned": "2", "overdue": "1", "mine": "1"}
    assert due.number in card
    admin = w.client("admin").get("/").content.decode()
    assert 'data-testid="visits-planned">3<' in admin and 'data-testid="visits-overdue">2<' in admin
    with translation.override("zh-hans"):
        chinese = w.client("staff").get("/", headers={"accept-language": "zh-hans"})
    assert "回访" in chinese.content.decode()
