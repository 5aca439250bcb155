"""Internal audits: programme and coverage, findings by the auditor, completion
(verdicts kept, nonconformities raised), re-audit; who may do what."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fuwu.core.errors import StateConflict
from fuwu.measurement import services
from fuwu.measurement.checklist import auditable_refs, checklist
from fuwu.measurement.coverage import coverage_of
from fuwu.measurement.models import AuditStatus

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 4, 1)


@pytest.fixture
def programme(world):
    return services.programme_create(
        actor=world.users["quality"],
        organization=world.org,
        data={"title_en": "Audits 2026", "title_zh": "2026年审核", "starts_on": DAY},
    )


def plan(world, programme, clauses=("4.5.1", "4.5.2"), site=0, auditor="auditor"):
    return services.audit_create(
        actor=world.users["quality"],
        organization=world.org,
        programme=programme,
        data={
            "site": world.sites[site] if site is not None else None,
            "process_en": "Measurement and improvement",
            "process_zh": "测量和改进",
            "clauses": list(clauses),
            "auditor": world.users[auditor],
            "planned_start": DAY,
            "planned_end": DAY + datetime.timedelta(days=2),
        },
    )


def finding(world, audit, grade="minor", clause="4.5.1", actor="auditor", **extra):
    return services.finding_record(
        actor=world.users[actor],
        audit=audit,
        data={
            "clause": clause,
            "grade": grade,
            "description_en": "No inspection at the pool in March",
            "description_zh": "三月份泳池未检查",
            "evidence_en": "Inspection register, March",
        }
        | extra,
    )


def test_the_programme_runs_for_the_organizations_cycle(world, programme):
    assert programme.ends_on == datetime.date(2027, 4, 1)
    services.settings_update(
        actor=world.users["quality"], organization=world.org, data={"audit_cycle_months": 6}
    )
    other = services.programme_create(
        actor=world.users["quality"], organization=world.org, data={"starts_on": DAY}
    )
    assert other.ends_on == datetime.date(2026, 10, 1)


def test_coverage_names_the_clauses_not_yet_audited(world, programme):
    refs = auditable_refs(world.org)
    assert "4.5.1" in refs and "4.5.1 a" not in refs
    plan(world, programme)
    coverage = coverage_of(programme)
    assert "4.5.1" in coverage.planned and "4.5.1" not in coverage.uncovered
    assert "4.2.1" in coverage.uncovered


def test_unknown_clauses_are_refused(world, programme):
    with pytest.raises(ValidationError):
        plan(world, programme, clauses=["9.9.9"])


def test_the_auditor_records_findings_and_changes_nothing_else(world, programme):
    audit = plan(world, programme)
    with pytest.raises(StateConflict):
        finding(world, audit)  # not started
    services.audit_start(actor=world.users["auditor"], audit=audit)
    audit.refresh_from_db()
    finding(world, audit)
    with pytest.raises(PermissionDenied):
        services.audit_update(actor=world.users["auditor"], audit=audit, data={"process_en": "x"})
    with pytest.raises(PermissionDenied):
        finding(world, audit, actor="staff")
    with pytest.raises(PermissionDenied):
        finding(world, audit, actor="viewer")
    with pytest.raises(ValidationError):
        finding(world, audit, clause="4.2.1")  # not in scope
    with pytest.raises(ValidationError):
        finding(world, audit, evidence_en="")  # a nonconformity rests on evidence


def test_completion_keeps_verdicts_raises_ncs_and_a_reaudit_closes_them(world, programme):
    from fuwu.improvement.models import Nonconformity

    audit = plan(world, programme)
    services.audit_start(actor=world.users["auditor"], audit=audit)
    finding(world, audit, grade="major")
    finding(world, audit, grade="observation", clause="4.5.2")
    with pytest.raises(PermissionDenied):
        services.audit_complete(actor=world.users["staff"], audit=audit)
    services.audit_complete(
        actor=world.users["auditor"], audit=audit, conclusion_en="Mostly conforming"
    )
    audit.refresh_from_db()
    assert audit.status == AuditStatus.COMPLETED
    assert set(audit.results) == {"4.5.1", "4.5.2"}
    nc = Nonconformity.objects.get()
    assert (nc.source_type, nc.source_id, nc.severity) == ("audit", str(audit.pk), "major")
    assert "三月份泳池未检查" in nc.description_zh
    rows = checklist(audit)
    assert [r.ref for r in rows] == ["4.5.1", "4.5.2"]
    # The checks of the lettered items (4.5.1 a, 4.5.1 c) are the clause's evidence.
    assert any("internal audit programme" in e.message for e in rows[0].evidence)
    with pytest.raises(StateConflict):
        finding(world, audit)
    again = services.audit_follow_up_create(
        actor=world.users["quality"],
        audit=audit,
        data={
            "planned_start": DAY + datetime.timedelta(days=60),
            "planned_end": DAY + datetime.timedelta(days=60),
        },
    )
    assert again.clauses == ["4.5.1"] and again.follow_up_of == audit
    services.audit_start(actor=world.users["auditor"], audit=again)
    finding(world, again, grade="conformity", evidence_en="")
    services.audit_complete(actor=world.users["auditor"], audit=again)
    closed = audit.findings.get(grade="major")
    assert closed.closed_by == again
    with pytest.raises(StateConflict):
        services.audit_follow_up_create(actor=world.users["quality"], audit=audit, data={})


def test_an_organization_wide_finding_names_its_site(world, programme):
    audit = plan(world, programme, site=None)
    services.audit_start(actor=world.users["auditor"], audit=audit)
    with pytest.raises(ValidationError):
        finding(world, audit)
    made = finding(world, audit, site=world.sites[1])
    assert made.site == world.sites[1]


def test_check_4_5_1_c_coverage_and_overdue_audits(world):
    from fuwu.measurement.checklist import applicable_refs
    from fuwu.measurement.checks import audits_not_overdue, programme_covers_clauses
    from fuwu.standard.conformity import CheckStatus

    assert programme_covers_clauses(world.org).status == CheckStatus.FAIL
    assert audits_not_overdue(world.org).status == CheckStatus.FAIL
    today = datetime.date.today()
    programme = services.programme_create(
        actor=world.users["quality"],
        organization=world.org,
        data={"starts_on": today - datetime.timedelta(days=100)},
    )
    refs = applicable_refs(world.org)
    plan(world, programme, clauses=refs[:5])
    result = programme_covers_clauses(world.org)
    assert result.status == CheckStatus.FAIL and refs[5] in result.message
    late = plan(world, programme, clauses=refs[5:])
    assert programme_covers_clauses(world.org).status == CheckStatus.PASS
    assert audits_not_overdue(world.org).status == CheckStatus.FAIL  # DAY is long past
    assert late.number in audits_not_overdue(world.org).message
