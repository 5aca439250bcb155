"""Inspection rounds: generated from the approved control specification, performed,
completed, scheduled by the worker; a round keeps the version it answers to."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fuwu.core.errors import StateConflict
from fuwu.design import services as design
from fuwu.design.models import Specification
from fuwu.documents import services as documents
from fuwu.measurement import services
from fuwu.measurement.models import InspectionRound, Outcome, RoundStatus
from fuwu.measurement.selectors import schedule

from .conftest import approve

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def new_round(world, point, actor="staff", site=0, **kw):
    return services.round_create(
        actor=world.users[actor],
        organization=world.org,
        site=world.sites[site],
        contact_point=point,
        **kw,
    )


def test_a_round_snapshots_the_items_in_both_languages(world, point):
    round = new_round(world, point)
    results = list(round.results.order_by("order"))
    assert [r.text_en for r in results] == [
        "Waiting time at the counter",
        "Counter clean and dry",
        "Guests rating the desk",
    ]
    assert results[0].text_zh == "柜台等候时间"
    assert (results[0].criterion_en, results[0].criterion_zh) == ("≤ 5 min", "≤ 5 分钟")
    assert results[0].method_zh == "观察"
    assert round.reaction_en == "Apologize and serve at once"
    assert round.reaction_zh == "立即致歉并服务"
    assert round.number.startswith("IR-")


def test_a_round_of_one_frequency_takes_its_items(world, point):
    round = new_round(world, point, frequency="monthly")
    assert [r.text_en for r in round.results.all()] == ["Guests rating the desk"]


def test_a_round_keeps_its_version_after_a_new_one_is_approved(world, point):
    round = new_round(world, point)
    first = round.specification_version_id
    spec = Specification.objects.get(contact_point=point, kind="control", local=False)
    draft = documents.version_draft_create(actor=world.users["quality"], document=spec.document)
    item = draft.specification_items.get(text_en="Waiting time at the counter")
    design.item_update(actor=world.users["quality"], item=item, data={"text_en": "Queue time"})
    documents.version_update(
        actor=world.users["quality"],
        version=draft,
        data={"change_reason_en": "Shorter", "change_reason_zh": "更短"},
    )
    approve(world, spec)
    round.refresh_from_db()
    assert round.specification_version_id == first
    assert round.results.filter(text_en="Waiting time at the counter").exists()
    later = new_round(world, point)
    assert later.specification_version_id != first
    assert later.results.filter(text_en="Queue time").exists()


def test_no_approved_control_specification_is_a_conflict(world):
    bare = design.contact_point_create(
        actor=world.users["quality"],
        organization=world.org,
        data={
            "code": "BARE",
            "name_en": "Bare",
            "stage": "during",
            "channel": "in_person",
            "status": "active",
            "sites": world.sites[:1],
        },
    )
    with pytest.raises(StateConflict):
        new_round(world, bare)


def test_staff_perform_at_their_site_only(world, point):
    with pytest.raises(PermissionDenied):
        new_round(world, point, site=1)
    with pytest.raises(PermissionDenied):
        new_round(world, point, actor="auditor")
    round = new_round(world, point, actor="quality", site=1)
    with pytest.raises(PermissionDenied):
        services.result_record(
            actor=world.users["staff"], result=round.results.first(), outcome="pass"
        )


def test_a_measured_value_is_judged_against_the_criterion(world, point):
    round = new_round(world, point)
    waiting = round.results.get(order=0)
    done = services.result_record(
        actor=world.users["staff"], result=waiting, measured_value=Decimal("7.5")
    )
    assert done.outcome == Outcome.FAIL
    done = services.result_record(
        actor=world.users["staff"], result=waiting, measured_value=Decimal(4)
    )
    assert done.outcome == Outcome.PASS
    with pytest.raises(ValidationError):
        services.result_record(
            actor=world.users["staff"], result=waiting, outcome="pass", measured_value=Decimal(9)
        )
    plain = round.results.get(order=1)
    with pytest.raises(ValidationError):
        services.result_record(actor=world.users["staff"], result=plain)


def test_a_photo_is_attached_and_checked(world, point):
    round = new_round(world, point)
    result = round.results.get(order=1)
    photo = SimpleUploadedFile("spill.png", PNG, content_type="image/png")
    done = services.result_record(
        actor=world.users["staff"], result=result, outcome="fail", note="Wet", photo=photo
    )
    assert done.photo is not None and done.photo.name == "spill.png"
    with pytest.raises(ValidationError):
        services.result_record(
            actor=world.users["staff"],
            result=result,
            outcome="fail",
            photo=SimpleUploadedFile("notes.pdf", b"%PDF-1.4", content_type="application/pdf"),
        )


def test_completion_needs_every_item_and_then_freezes(world, point):
    round = new_round(world, point)
    with pytest.raises(ValidationError):
        services.round_complete(actor=world.users["staff"], round=round)
    for result in round.results.all():
        services.result_record(actor=world.users["staff"], result=result, outcome="pass")
    services.round_complete(actor=world.users["staff"], round=round)
    round.refresh_from_db()
    assert round.status == RoundStatus.COMPLETED and round.performed_by == world.users["staff"]
    with pytest.raises(StateConflict):
        services.result_record(
            actor=world.users["staff"], result=round.results.first(), outcome="fail"
        )
    with pytest.raises(StateConflict):
        services.round_complete(actor=world.users["staff"], round=round)


def test_the_worker_creates_due_rounds_and_flags_overdue_ones(world, point):
    monday = datetime.date(2026, 3, 2)
    lines = schedule(world.org)
    assert {(line.plan.site.code, line.frequency) for line in lines} == {
        ("H1", "weekly"),
        ("H1", "monthly"),
        ("H2", "weekly"),
        ("H2", "monthly"),
    }
    assert services.due_rounds_create(organization=world.org, today=monday) == 4
    assert services.due_rounds_create(organization=world.org, today=monday) == 0
    # A week on, the weekly rounds were not done: they are flagged, not piled up.
    later = monday + datetime.timedelta(days=7)
    assert services.overdue_rounds_flag(organization=world.org, today=later) == 2
    assert services.due_rounds_create(organization=world.org, today=later) == 0
    weekly = InspectionRound.objects.filter(frequency="weekly", site=world.sites[0]).get()
    assert weekly.overdue
    for result in weekly.results.all():
        services.result_record(actor=world.users["staff"], result=result, outcome="pass")
    services.round_complete(actor=world.users["staff"], round=weekly)
    assert services.due_rounds_create(organization=world.org, today=later) == 1
    nxt = InspectionRound.objects.filter(frequency="weekly", site=world.sites[0]).first()
    assert nxt.due_on == later


def _fail_one(world, round, actor="staff"):
    for result in round.results.order_by("order"):
        if result.order == 0:
            services.result_record(
                actor=world.users[actor], result=result, measured_value=Decimal(9), note="Queue"
            )
        else:
            services.result_record(actor=world.users[actor], result=result, outcome="pass")
    return services.round_complete(actor=world.users[actor], round=round)


def test_a_failed_item_raises_a_nonconformity_with_the_prescribed_reaction(world, point):
    from fuwu.improvement.models import Nonconformity

    round = _fail_one(world, new_round(world, point))
    nc = Nonconformity.objects.get()
    assert (nc.source_type, nc.source_id) == ("inspection", str(round.pk))
    assert nc.site == world.sites[0] and nc.contact_point == point
    assert "Waiting time at the counter" in nc.description_en
    assert "柜台等候时间" in nc.description_zh and "Measured: 9" in nc.description_en
    assert nc.immediate_remedy_en == "Apologize and serve at once"
    assert nc.immediate_remedy_zh == "立即致歉并服务"
    assert round.results.get(order=0).nonconformity_id == nc.pk


def test_one_nonconformity_per_round_when_the_organization_says_so(world, point):
    from fuwu.improvement.models import Nonconformity

    services.settings_update(
        actor=world.users["quality"], organization=world.org, data={"nonconformity_grain": "round"}
    )
    round = new_round(world, point)
    for result in round.results.all():
        services.result_record(actor=world.users["staff"], result=result, outcome="fail")
    services.round_complete(actor=world.users["staff"], round=round)
    nc = Nonconformity.objects.get()
    assert set(round.results.values_list("nonconformity_id", flat=True)) == {nc.pk}
    assert "Counter clean and dry" in nc.description_en


def test_passing_rounds_raise_nothing(world, point):
    from fuwu.improvement.models import Nonconformity

    round = new_round(world, point)
    for result in round.results.all():
        services.result_record(actor=world.users["staff"], result=result, outcome="not_applicable")
    services.round_complete(actor=world.users["staff"], round=round)
    assert not Nonconformity.objects.exists()


def test_check_4_5_1_a_fails_on_missed_rounds_and_passes_when_done(world, point):
    from fuwu.measurement.checks import inspections_as_scheduled
    from fuwu.standard.conformity import CheckStatus

    today = datetime.date.today()
    start = today - datetime.timedelta(days=14)
    services.due_rounds_create(organization=world.org, today=start)
    services.overdue_rounds_flag(organization=world.org, today=today)
    result = inspections_as_scheduled(world.org)
    assert result.status == CheckStatus.FAIL
    assert "FD Front desk FD (Weekly) at 2 sites" in result.message and result.records
    # Do every round owed, as the worker creates them, week by week.
    day = start
    while day <= today:
        services.due_rounds_create(organization=world.org, today=day)
        for round in InspectionRound.objects.filter(
            status="planned", due_on__lte=day - datetime.timedelta(days=6)
        ):
            for item in round.results.all():
                services.result_record(actor=world.users["quality"], result=item, outcome="pass")
            services.round_complete(actor=world.users["quality"], round=round)
        day += datetime.timedelta(days=1)
    result = inspections_as_scheduled(world.org)
    assert result.status == CheckStatus.PASS, result.message


def test_check_4_5_1_a_fails_without_any_control_specification(world):
    from fuwu.measurement.checks import inspections_as_scheduled
    from fuwu.standard.conformity import CheckStatus

    assert inspections_as_scheduled(world.org).status == CheckStatus.FAIL


def test_past_rounds_are_imported_in_bulk_each_with_its_entry(world, point):
    from django.utils import timezone

    from fuwu.core.audit import verify_chain
    from fuwu.core.models import AuditEntry
    from fuwu.measurement.services.imports import PastRound, rounds_import

    now = timezone.now()
    past = [
        PastRound(
            world.sites[0], point, "weekly", datetime.date(2026, 1, day), world.users["staff"], now
        )
        for day in (5, 12, 19)
    ]
    made = rounds_import(actor=world.users["staff"], organization=world.org, rounds=past)
    assert [r.number for r in made] == ["IR-2026-0001", "IR-2026-0002", "IR-2026-0003"]
    assert all(r.results.filter(outcome="pass").count() == 2 for r in made)
    assert AuditEntry.objects.filter(object_type="measurement.inspectionround").count() == 3
    assert verify_chain(world.org).intact
    with pytest.raises(PermissionDenied):
        rounds_import(
            actor=world.users["staff"],
            organization=world.org,
            rounds=[
                PastRound(
                    world.sites[1],
                    point,
                    "weekly",
                    datetime.date(2026, 1, 5),
                    world.users["staff"],
                    now,
                )
            ],
        )
