"""The conformity checks of service design, in their pass and fail states."""

from __future__ import annotations

import pytest

from fuwu.design import services
from fuwu.design.models import ContactActivity, SpecificationItem
from fuwu.standard.conformity import REGISTRY, CheckStatus, Status, evaluate

from .conftest import approve, make_point, specified

pytestmark = pytest.mark.django_db


def run(world, check_id):
    return REGISTRY[check_id].run(world.org)


def plan_all_activities(world):
    ContactActivity.objects.filter(organization=world.org).update(description_en="Planned")


def test_without_contact_points_the_design_checks_fail(world):
    for check_id in ("design.contact_points_in_stages", "design.specifications_approved"):
        result = run(world, check_id)
        assert result.status == CheckStatus.FAIL
        assert "No contact point is active" in result.message


def test_stages_need_their_activities_planned(world):
    result = run(world, "design.stage_planned_before")
    assert result.status == CheckStatus.FAIL
    assert "Service commitment" in result.message
    plan_all_activities(world)
    assert run(world, "design.stage_planned_before").status == CheckStatus.PASS
    ContactActivity.objects.filter(organization=world.org, stage="after").update(is_active=False)
    assert run(world, "design.stage_planned_after").status == CheckStatus.FAIL


def test_specifications_approved_names_the_points_that_lack_them(world):
    good = make_point(world, "GOOD")
    bad = make_point(world, "BAD")
    specified(world, good)
    specified(world, bad, ["service", "provision"])
    result = run(world, "design.specifications_approved")
    assert result.status == CheckStatus.FAIL
    assert "BAD" in result.message and "GOOD" not in result.message
    assert [link.label for link in result.records] == [bad.label]
    specified(world, bad, ["control"])
    assert run(world, "design.specifications_approved").status == CheckStatus.PASS
    assert run(world, "design.specifications_documented").status == CheckStatus.PASS


def test_planned_and_retired_points_do_not_count(world):
    specified(world, make_point(world, "ON"))
    make_point(world, "SOON", status="planned")
    make_point(world, "GONE", status="retired")
    assert run(world, "design.specifications_approved").status == CheckStatus.PASS


def test_a_category_left_uncovered_fails_its_check(world):
    point = make_point(world, "FD")
    specified(world, point, ["provision", "control"])
    spec = services.specification_start(actor=world.users["quality"], point=point, kind="service")
    for category in ("scope", "procedure", "skills"):
        services.item_create(
            actor=world.users["quality"],
            specification=spec,
            data={"category": category, "text_en": category},
        )
    approve(world, spec)
    assert run(world, "design.category_scope").status == CheckStatus.PASS
    result = run(world, "design.category_etiquette")
    assert result.status == CheckStatus.FAIL and "FD" in result.message
    assert run(world, "design.service_specification_covered").status == CheckStatus.FAIL
    assert run(world, "design.provision_specification_covered").status == CheckStatus.PASS


def test_a_category_that_does_not_apply_counts_as_covered(world):
    point = make_point(world, "WEB", channel="web", manned=False)
    specified(world, point, ["service", "control"])
    spec = services.specification_start(actor=world.users["quality"], point=point, kind="provision")
    services.category_not_applicable(
        actor=world.users["quality"], specification=spec, category="personnel", reason="Unmanned"
    )
    for category in ("facilities", "supplies", "environment"):
        services.item_create(
            actor=world.users["quality"],
            specification=spec,
            data={"category": category, "text_en": category},
        )
    approve(world, spec)
    assert run(world, "design.provision_specification_covered").status == CheckStatus.PASS
    assert run(world, "design.personnel_first").status == CheckStatus.NOT_APPLICABLE
    assert run(world, "design.resources_meet_needs").status == CheckStatus.NOT_APPLICABLE


def test_control_items_need_method_frequency_and_criterion(world):
    point = make_point(world, "FD")
    [_, _, control] = specified(world, point)
    assert run(world, "design.control_specification_covered").status == CheckStatus.PASS
    # An item approved before the rule (say, imported) without a frequency.
    SpecificationItem.objects.filter(specification=control, category="inspection").update(
        frequency=""
    )
    result = run(world, "design.control_specification_covered")
    assert result.status == CheckStatus.FAIL and "FD" in result.message


def test_manned_points_need_personnel_requirements(world):
    point = make_point(world, "FD")
    specified(world, point, ["service", "control"])
    spec = services.specification_start(actor=world.users["quality"], point=point, kind="provision")
    services.category_not_applicable(
        actor=world.users["quality"], specification=spec, category="personnel", reason="none"
    )
    for category in ("facilities", "supplies", "environment"):
        services.item_create(
            actor=world.users["quality"],
            specification=spec,
            data={"category": category, "text_en": category},
        )
    approve(world, spec)
    assert run(world, "design.personnel_first").status == CheckStatus.FAIL
    assert run(world, "design.resources_meet_needs").status == CheckStatus.PASS


def test_clause_4_4_3_turns_conforming_with_the_data(world):
    plan_all_activities(world)
    point = make_point(world, "FD")
    report = evaluate(world.org)
    assert report.by_ref["4.4.3"].status == Status.NONCONFORMING
    specified(world, point)
    report = evaluate(world.org)
    assert report.by_ref["4.4.3"].status == Status.CONFORMING
    assert report.by_ref["4.4.1"].status == Status.CONFORMING


def test_the_checks_read_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for n in range(5):
        specified(world, make_point(world, f"P{n}"))
    with django_assert_max_num_queries(4):
        run(world, "design.control_specification_covered")
