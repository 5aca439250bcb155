"""Service commitments (4.4.5, A.4.4): in force only with an approved capability review
(409 with the reason otherwise, in pages and API); fulfilment measured from Fuwu's data
or by hand; a period not kept raises a nonconformity; promised vs delivered over time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from fuwu.core.errors import StateConflict
from fuwu.improvement.models import Nonconformity
from fuwu.improvement.sources import source_link
from fuwu.operations import fulfilment
from fuwu.operations.models import CommitmentStatus
from fuwu.operations.services import commitments as services
from fuwu.operations.services import requirements as requirement_services
from fuwu.standard.conformity import REGISTRY
from tests.operations.conftest import log

pytestmark = pytest.mark.django_db

CAPABLE = {
    "tangible_en": "Four desk stations, ID scanners",
    "intangible_en": "Pre-registration; trained staff",
}


def draft(world, *, actor="manager", site=0, **extra):
    data = {
        "kind": "published",
        "site": world.sites[site] if site is not None else None,
        "promise_en": "Check-in within 5 minutes",
        "promise_zh": "5分钟内办妥入住",
        "criterion_en": "Share of timed check-ins within 5 minutes",
        "target": Decimal("95"),
        "unit": "%",
        "published_where_en": "Poster at the front desk",
        "owner": world.users["manager"],
    } | extra
    return services.commitment_create(actor=world.users[actor], organization=world.org, **data)


def approve(world, commitment, actor="manager", approved=True, **extra):
    return services.commitment_review(
        actor=world.users[actor], commitment=commitment, approved=approved, **(CAPABLE | extra)
    )


def last_month() -> tuple[date, date]:
    return services.month_bounds(timezone.localdate().replace(day=1) - timedelta(days=1))


def in_force(world, **extra):
    commitment = draft(world, **extra)
    approve(world, commitment)
    return services.commitment_activate(actor=world.users["manager"], commitment=commitment)


def test_a_commitment_is_drafted_with_criterion_owner_and_where_published(world):
    commitment = draft(world)
    assert commitment.number.startswith("CMT-") and commitment.status == CommitmentStatus.DRAFT
    assert commitment.fulfilment_source == fulfilment.MANUAL
    with pytest.raises(ValidationError) as exc:
        draft(world, published_where_en="")
    assert "published_where_en" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        draft(world, criterion_en="")
    assert "criterion_en" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        draft(world, owner=world.users["outsider"])
    assert "owner" in exc.value.message_dict
    with pytest.raises(ValidationError):
        draft(world, fulfilment_source="horoscope")


def test_activation_without_an_approved_review_is_a_conflict(world):
    commitment = draft(world)
    with pytest.raises(StateConflict) as exc:
        services.commitment_activate(actor=world.users["manager"], commitment=commitment)
    assert "capability review" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        approve(world, commitment, approved=False)  # a refusal says why
    approve(world, commitment, approved=False, note_en="Only two stations at peak")
    with pytest.raises(StateConflict) as exc:
        services.commitment_activate(actor=world.users["manager"], commitment=commitment)
    assert "did not approve" in exc.value.messages[0]
    approve(world, commitment)
    published = services.commitment_activate(actor=world.users["manager"], commitment=commitment)
    assert published.status == CommitmentStatus.PUBLISHED and published.activated_at
    contractual = in_force(world, kind="contractual", published_where_en="")
    assert contractual.status == CommitmentStatus.ACTIVE


def test_a_changed_promise_goes_back_to_draft_and_needs_a_new_review(world):
    commitment = in_force(world)
    changed = services.commitment_update(
        actor=world.users["manager"], commitment=commitment, data={"target": Decimal("98")}
    )
    assert changed.status == CommitmentStatus.DRAFT and changed.revised_at
    with pytest.raises(StateConflict):
        services.commitment_activate(actor=world.users["manager"], commitment=changed)
    approve(world, changed)
    assert services.commitment_activate(actor=world.users["manager"], commitment=changed).in_force
    # The owner alone changed: still in force.
    same = services.commitment_update(
        actor=world.users["manager"], commitment=changed, data={"owner": world.users["quality"]}
    )
    assert same.in_force


def test_a_commitment_answering_a_requirement_needs_it_committed(world):
    requirement = requirement_services.requirement_record(
        actor=world.users["staff"],
        organization=world.org,
        site=world.sites[0],
        source="contract",
        kind="explicit",
        customer_en="Tianyuan",
        text_en="Late check-out",
    )
    commitment = draft(world, kind="contractual", requirement=requirement)
    approve(world, commitment)
    with pytest.raises(StateConflict) as exc:
        services.commitment_activate(actor=world.users["manager"], commitment=commitment)
    assert "requirement" in exc.value.messages[0]


def test_roles_and_sites(world):
    with pytest.raises(PermissionDenied):
        draft(world, actor="staff")
    with pytest.raises(PermissionDenied):
        draft(world, site=1)
    commitment = draft(world, actor="quality", site=1, owner=world.users["quality"])
    with pytest.raises(PermissionDenied):
        approve(world, commitment, actor="manager")
    assert world.client("staff").get(commitment.get_absolute_url()).status_code == 404
    assert world.client("outsider").get(commitment.get_absolute_url()).status_code == 404


def test_fulfilment_by_hand_and_a_breach_raises_a_nonconformity(world):
    commitment = in_force(world)
    start, end = last_month()
    kept = services.fulfilment_record(
        actor=world.users["manager"],
        commitment=commitment,
        period_start=start,
        period_end=end,
        delivered=Decimal("96.5"),
        sample_size=120,
    )
    assert kept.kept and kept.nonconformity is None and kept.source == fulfilment.MANUAL
    with pytest.raises(StateConflict):
        services.fulfilment_record(
            actor=world.users["manager"],
            commitment=commitment,
            period_start=start,
            period_end=end,
            delivered=Decimal("96.5"),
        )
    before_start, before_end = services.month_bounds(start - timedelta(days=1))
    with pytest.raises(ValidationError) as exc:
        services.fulfilment_record(
            actor=world.users["manager"],
            commitment=commitment,
            period_start=before_start,
            period_end=before_end,
            delivered=Decimal("91"),
        )
    assert "note_en" in exc.value.message_dict
    breach = services.fulfilment_record(
        actor=world.users["manager"],
        commitment=commitment,
        period_start=before_start,
        period_end=before_end,
        delivered=Decimal("91"),
        note_en="Two desk stations down",
    )
    assert not breach.kept
    nc = breach.nonconformity
    assert nc.source_type == "commitment_breach" and nc.site == world.sites[0]
    assert commitment.number in nc.description_en and "91" in nc.description_en
    link = source_link(nc, world.users["manager"])
    assert link is not None and link.url == commitment.get_absolute_url()
    with pytest.raises(PermissionDenied):
        services.fulfilment_record(
            actor=world.users["staff"],
            commitment=commitment,
            period_start=start - timedelta(days=70),
            period_end=start - timedelta(days=65),
            delivered=Decimal("99"),
        )
    with pytest.raises(ValidationError):
        services.fulfilment_record(
            actor=world.users["manager"],
            commitment=commitment,
            period_start=timezone.localdate(),
            period_end=timezone.localdate() + timedelta(days=3),
            delivered=Decimal("99"),
        )


def test_a_draft_has_no_fulfilment(world):
    commitment = draft(world)
    start, end = last_month()
    with pytest.raises(StateConflict):
        services.fulfilment_record(
            actor=world.users["manager"],
            commitment=commitment,
            period_start=start,
            period_end=end,
            delivered=Decimal("99"),
        )


def test_fulfilment_is_measured_from_a_registered_source(world):
    calls = []

    def measure(commitment, start, end, reader):
        calls.append((commitment.pk, start, end, reader.pk))
        return fulfilment.Measured(Decimal("97.25"), 40)

    fulfilment.register_fulfilment_source("test_source", label="Test", measure=measure)
    try:
        commitment = in_force(world, fulfilment_source="test_source")
        start, end = last_month()
        entry = services.fulfilment_record(
            actor=world.users["manager"], commitment=commitment, period_start=start, period_end=end
        )
        assert entry.delivered == Decimal("97.25") and entry.sample_size == 40
        assert entry.source == "test_source" and calls
    finally:
        del fulfilment.SOURCES["test_source"]


def test_evaluation_sources_read_nothing_without_evaluations(world):
    commitment = in_force(world, fulfilment_source="evaluation_mean", target=Decimal("4"))
    start, end = last_month()
    with pytest.raises(ValidationError) as exc:
        services.fulfilment_record(
            actor=world.users["manager"], commitment=commitment, period_start=start, period_end=end
        )
    assert "Nothing to measure" in str(exc.value)
    # A manual commitment needs the figure.
    manual = in_force(world)
    with pytest.raises(ValidationError):
        services.fulfilment_record(
            actor=world.users["manager"], commitment=manual, period_start=start, period_end=end
        )


def test_request_sources_measure_the_share_answered_and_resolved_in_time(world):
    """Four requests of last month at West Lake (one elsewhere, one this month): two
    answered in time, one late, one never answered and past due; one closed in time."""
    start, end = last_month()
    received = timezone.make_aware(datetime.combine(start + timedelta(days=2), time(9)))
    records = [log(world, kind="request") for _ in range(4)]
    records.append(log(world, kind="request", site=1, actor="admin"))
    records.append(log(world, kind="request"))
    hour = timedelta(hours=1)
    answers = [received + hour, received + hour, received + 30 * hour, None, received + hour, None]
    for index, (record, answered) in enumerate(zip(records, answers, strict=True)):
        type(record).objects.filter(pk=record.pk).update(
            received_at=received if index < 5 else timezone.now(),
            response_due_at=received + 2 * hour,
            resolution_due_at=received + 48 * hour,
            first_response_at=answered,
            closed_at=received + 5 * hour if index == 0 else None,
        )
    commitment = in_force(world, fulfilment_source="request_first_response", target=Decimal("90"))
    entry = services.fulfilment_record(
        actor=world.users["manager"],
        commitment=commitment,
        period_start=start,
        period_end=end,
        note_en="Night shift short-staffed",
    )
    assert (entry.delivered, entry.sample_size, entry.kept) == (Decimal("50.00"), 4, False)
    assert entry.nonconformity is not None  # below the promise: a breach
    resolved = in_force(world, fulfilment_source="request_resolution", target=Decimal("20"))
    entry = services.fulfilment_record(
        actor=world.users["manager"], commitment=resolved, period_start=start, period_end=end
    )
    assert (entry.delivered, entry.sample_size, entry.kept) == (Decimal("25.00"), 4, True)


def test_pages_refuse_activation_with_409_and_show_promised_vs_delivered(world):
    commitment = draft(world)
    client = world.client("manager")
    page = client.get(commitment.get_absolute_url())
    assert page.status_code == 200 and b"activation-refusal" in page.content
    refused = client.post(reverse("operations:commitment_activate", args=[commitment.pk]))
    assert refused.status_code == 409 and b"capability review" in refused.content
    reviewed = client.post(
        reverse("operations:commitment_review", args=[commitment.pk]),
        {"approved": "yes", **CAPABLE},
    )
    assert reviewed.status_code == 302
    activated = client.post(reverse("operations:commitment_activate", args=[commitment.pk]))
    assert activated.status_code == 302
    start, end = last_month()
    recorded = client.post(
        reverse("operations:commitment_fulfilment_record", args=[commitment.pk]),
        {"period_start": start, "period_end": end, "delivered": "96.1", "sample_size": "80"},
    )
    assert recorded.status_code == 302
    view = client.get(reverse("operations:commitment_fulfilment", args=[commitment.pk]))
    assert view.status_code == 200 and b"chart-fulfilment" in view.content
    csv = client.get(
        reverse("operations:commitment_fulfilment", args=[commitment.pk]) + "?export=csv"
    )
    assert csv.status_code == 200 and b"96.10" in b"".join(csv.streaming_content)
    assert (
        client.get(
            reverse("operations:commitment_fulfilment", args=[commitment.pk]) + "?export=pdf"
        ).status_code
        == 400
    )
    listing = client.get(reverse("operations:commitment_list") + "?status=published&export=xlsx")
    assert listing.status_code == 200


def api(world, username):
    client = APIClient()
    client.force_authenticate(world.users[username])
    return client


def test_api_activate_is_refused_without_an_approved_review(world):
    client = api(world, "manager")
    created = client.post(
        "/api/v1/commitments/",
        {
            "kind": "verbal",
            "site": world.sites[0].pk,
            "promise_en": "Luggage in the room within 10 minutes",
            "criterion_en": "Share of deliveries within 10 minutes",
            "target": "90",
            "unit": "%",
            "owner": world.users["manager"].pk,
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    refused = client.post(f"/api/v1/commitments/{pk}/activate/")
    assert refused.status_code == 409 and "capability review" in str(refused.json())
    reviewed = client.post(
        f"/api/v1/commitments/{pk}/review/", {"approved": True, **CAPABLE}, format="json"
    )
    assert reviewed.status_code == 201, reviewed.content
    active = client.post(f"/api/v1/commitments/{pk}/activate/")
    assert active.status_code == 200 and active.json()["status"] == "active"
    start, end = last_month()
    breach = client.post(
        f"/api/v1/commitments/{pk}/fulfilment/",
        {
            "period_start": start.isoformat(),
            "period_end": end.isoformat(),
            "delivered": "80",
            "note_en": "Porters short-staffed",
        },
        format="json",
    )
    assert breach.status_code == 201, breach.content
    assert breach.json()["kept"] is False and breach.json()["nonconformity"]
    ancient = client.post(
        f"/api/v1/commitments/{pk}/fulfilment/",
        {"period_start": "0001-01-01", "period_end": "0002-01-01"},
        format="json",
    )
    assert ancient.status_code == 400 and "1900" in str(ancient.json())
    series = client.get(f"/api/v1/commitments/{pk}/fulfilment/")
    assert [row["delivered"] for row in series.json()] == ["80.00"]
    assert Nonconformity.objects.filter(source_type="commitment_breach").count() == 1
    assert api(world, "outsider").get(f"/api/v1/commitments/{pk}/").status_code == 404
    assert api(world, "staff").post(f"/api/v1/commitments/{pk}/withdraw/").status_code == 403


def test_the_checks_of_4_4_5(world):
    reviewed = REGISTRY["operations.commitments_reviewed"].function
    handled = REGISTRY["operations.commitment_breaches_handled"].function
    assert reviewed(world.org).status == "not_applicable"
    commitment = in_force(world)
    assert reviewed(world.org).status == "pass"
    start, end = last_month()
    entry = services.fulfilment_record(
        actor=world.users["manager"],
        commitment=commitment,
        period_start=start,
        period_end=end,
        delivered=Decimal("90"),
        note_en="Queues",
    )
    assert handled(world.org).status == "pass"
    type(entry).objects.filter(pk=entry.pk).update(nonconformity=None)
    assert handled(world.org).status == "fail"
    # In force without a review before it was put in force: the check names it.
    commitment.reviews.update(reviewed_at=timezone.now() + timedelta(hours=1))
    assert reviewed(world.org).status == "fail"


def test_my_work_asks_the_owner_to_record_last_month(world):
    commitment = in_force(world)
    type(commitment).objects.filter(pk=commitment.pk).update(
        activated_at=timezone.now() - timedelta(days=70)
    )
    client = world.client("manager")
    assert commitment.number.encode() in client.get(reverse("core:my_work")).content
    start, end = last_month()
    services.fulfilment_record(
        actor=world.users["manager"],
        commitment=commitment,
        period_start=start,
        period_end=end,
        delivered=Decimal("99"),
    )
    assert commitment.number.encode() not in client.get(reverse("core:my_work")).content


def test_a_withdrawn_commitment_stays_on_record_and_is_settled(world):
    commitment = in_force(world)
    withdrawn = services.commitment_withdraw(actor=world.users["manager"], commitment=commitment)
    assert withdrawn.status == CommitmentStatus.WITHDRAWN and withdrawn.withdrawn_at
    with pytest.raises(StateConflict):
        services.commitment_activate(actor=world.users["manager"], commitment=withdrawn)
    with pytest.raises(StateConflict):
        services.commitment_update(
            actor=world.users["manager"], commitment=withdrawn, data={"unit": "min"}
        )
    with pytest.raises(StateConflict):
        services.commitment_withdraw(actor=world.users["manager"], commitment=withdrawn)
    page = world.client("manager").get(withdrawn.get_absolute_url())
    assert page.status_code == 200 and b"withdraw-form" not in page.content
