"""The conformity engine: every combination of checks, assessments and applicability."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fuwu.standard import conformity
from fuwu.standard.conformity import CheckResult, CheckStatus, Status, own_status, roll_up
from fuwu.standard.models import Applicability, Assessment, AssessmentResult, Clause

PASS = CheckResult.passed("ok")
FAIL = CheckResult.failed("broken")
NA = CheckResult.not_applicable("n/a")


def assessment(result: str) -> Assessment:
    return Assessment(result=result, assessed_at=timezone.now())


EXCLUDED = Applicability(
    applicable=False, justification_en="no products", decided_at=timezone.now()
)
APPLICABLE = Applicability(applicable=True, decided_at=timezone.now())


@pytest.mark.parametrize(
    ("results", "manual", "decision", "expected"),
    [
        ([], None, None, Status.NOT_ASSESSED),
        ([NA], None, None, Status.NOT_ASSESSED),
        ([PASS], None, None, Status.CONFORMING),
        ([PASS, NA], None, APPLICABLE, Status.CONFORMING),
        ([PASS, FAIL], None, None, Status.NONCONFORMING),
        ([FAIL], "conforming", None, Status.NONCONFORMING),
        ([], "conforming", None, Status.CONFORMING),
        ([], "observation", None, Status.CONFORMING),
        ([], "ofi", None, Status.CONFORMING),
        ([], "minor", None, Status.NONCONFORMING),
        ([PASS], "major", None, Status.NONCONFORMING),
        ([FAIL], None, EXCLUDED, Status.EXCLUDED),
        ([], "major", EXCLUDED, Status.EXCLUDED),
    ],
)
def test_own_status(results, manual, decision, expected):
    manual_row = assessment(manual) if manual else None
    assert own_status(results, manual_row, decision) == expected


@pytest.mark.parametrize(
    ("own", "children", "evidence", "expected"),
    [
        (Status.NOT_ASSESSED, [Status.CONFORMING, Status.CONFORMING], False, Status.CONFORMING),
        (Status.NOT_ASSESSED, [Status.CONFORMING, Status.NOT_ASSESSED], False, Status.NOT_ASSESSED),
        (
            Status.CONFORMING,
            [Status.NONCONFORMING, Status.NOT_ASSESSED],
            True,
            Status.NONCONFORMING,
        ),
        (Status.NONCONFORMING, [Status.CONFORMING], True, Status.NONCONFORMING),
        (Status.NOT_ASSESSED, [Status.CONFORMING], True, Status.NOT_ASSESSED),
        (Status.NOT_ASSESSED, [Status.EXCLUDED, Status.CONFORMING], False, Status.CONFORMING),
        (Status.NOT_ASSESSED, [Status.EXCLUDED, Status.EXCLUDED], False, Status.EXCLUDED),
        (Status.EXCLUDED, [Status.NONCONFORMING], False, Status.EXCLUDED),
        (Status.CONFORMING, [], True, Status.CONFORMING),
    ],
)
def test_roll_up(own, children, evidence, expected):
    assert roll_up(own, children, evidence) == expected


@pytest.fixture
def registry(monkeypatch):
    """An empty check registry for the test, so app checks do not interfere."""
    monkeypatch.setattr(conformity, "REGISTRY", {})
    return conformity.REGISTRY


@pytest.mark.django_db
def test_evaluate_combines_checks_assessments_and_exclusions(world, registry):
    org = world.org
    verdicts = {"ok": PASS, "bad": FAIL}
    conformity.check("4.2.4.1", id="t.ok", title="ok")(lambda o: verdicts["ok"])
    conformity.check("4.2.4.2", id="t.bad", title="bad")(lambda o: verdicts["bad"])
    clause = Clause.objects.get(library__ref_id="SB/T 10382-2004", ref_id="4.2.4.3")
    Assessment.objects.create(
        organization=org,
        clause=clause,
        result=AssessmentResult.CONFORMING,
        assessed_at=timezone.now(),
    )
    excluded = Clause.objects.get(library__ref_id="SB/T 10382-2004", ref_id="4.1.1.2")
    Applicability.objects.create(
        organization=org,
        clause=excluded,
        applicable=False,
        justification_en="Rooms only",
        decided_at=timezone.now(),
    )

    report = conformity.evaluate(org)

    assert report.by_ref["4.2.4.1"].status == Status.CONFORMING
    assert report.by_ref["4.2.4.2"].status == Status.NONCONFORMING
    assert report.by_ref["4.2.4.2"].failing[0][1].message == "broken"
    assert report.by_ref["4.2.4.3"].status == Status.CONFORMING
    assert report.by_ref["4.2.4"].status == Status.NONCONFORMING  # a child fails
    assert report.by_ref["4.1.1.2"].status == Status.EXCLUDED
    assert report.by_ref["4.1.1.2"].justification == "Rooms only"
    assert report.by_ref["4.2.5"].status == Status.NOT_ASSESSED  # never silently conforming
    assert report.by_ref["4"].status == Status.NONCONFORMING

    verdicts["bad"] = PASS
    fixed = conformity.evaluate(org)
    assert fixed.by_ref["4.2.4.2"].status == Status.CONFORMING
    assert fixed.by_ref["4.2.4"].status == Status.CONFORMING


@pytest.mark.django_db
def test_the_latest_assessment_counts_and_tenants_do_not_mix(world, registry):
    clause = Clause.objects.get(library__ref_id="SB/T 10382-2004", ref_id="4.2.6")
    earlier = timezone.now() - timedelta(days=3)
    Assessment.objects.create(
        organization=world.org, clause=clause, result=AssessmentResult.MAJOR, assessed_at=earlier
    )
    Assessment.objects.create(
        organization=world.org,
        clause=clause,
        result=AssessmentResult.CONFORMING,
        assessed_at=timezone.now(),
    )
    Assessment.objects.create(
        organization=world.other_org,
        clause=clause,
        result=AssessmentResult.MINOR,
        assessed_at=timezone.now(),
    )
    assert conformity.evaluate(world.org).by_ref["4.2.6"].status == Status.CONFORMING
    assert conformity.evaluate(world.other_org).by_ref["4.2.6"].status == Status.NONCONFORMING


@pytest.mark.django_db
def test_counts_and_score_cover_clauses_not_items(world, registry):
    report = conformity.evaluate(world.org)
    counts = report.counts()
    assert counts[Status.NOT_ASSESSED] == len(report.clauses())
    assert all(" " not in item.clause.ref_id for item in report.clauses())
    assert report.score() == 0


def test_a_check_id_cannot_be_registered_twice(registry):
    conformity.check("4.2.5", id="t.dup", title="a")(lambda o: PASS)
    with pytest.raises(ValueError, match="registered twice"):
        conformity.check("4.2.5", id="t.dup", title="b")(lambda o: FAIL)


def test_check_result_helpers():
    assert CheckResult.failed("x").status == CheckStatus.FAIL
    assert NA.status == CheckStatus.NOT_APPLICABLE
