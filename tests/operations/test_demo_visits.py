"""The demo's return visits at Lakeside's West Lake hotel: three days after each
check-out for three months, done with the guests' satisfaction answers (evaluations
with channel "return visit"), some guests not reached, one visit overdue and
flagged, one maintenance request closed; true times, both languages; the 4.4.8
checks pass, and the pages answer in Chinese."""

from __future__ import annotations

import pytest
from django.utils import timezone

from fuwu.core.models import Organization
from fuwu.measurement.models import Evaluation
from fuwu.operations.models import RequestStatus, ReturnVisit, VisitStatus
from fuwu.standard.conformity import REGISTRY, CheckStatus


@pytest.fixture(scope="module")
def demo(demo_scene, django_db_blocker):
    with django_db_blocker.unblock():
        yield


pytestmark = pytest.mark.django_db


def test_three_months_of_return_visits_after_check_out(demo):
    lakeside = Organization.objects.get(slug="lakeside")
    visits = ReturnVisit.objects.filter(organization=lakeside).select_related("rule")
    assert visits.count() >= 20
    assert {v.rule.days_after for v in visits} == {3}
    oldest = visits.order_by("service_ended_at").first()
    assert (timezone.now() - oldest.service_ended_at).days >= 90
    # Entered when the guest left, performed when it says: the records' own times.
    assert all(v.created_at >= v.service_ended_at for v in visits)
    done = visits.filter(status=VisitStatus.DONE)
    assert done.count() >= 15 and all(v.performed_at <= v.updated_at for v in done)
    assert visits.filter(status=VisitStatus.NOT_REACHED).exists()
    overdue = [v for v in visits if v.is_overdue]
    assert len(overdue) == 1 and overdue[0].overdue_flagged_at is not None
    assert not done.filter(outcome_en="").exists() and not done.filter(outcome_zh="").exists()
    rated = Evaluation.objects.filter(organization=lakeside, channel="revisit")
    assert rated.count() == done.exclude(satisfaction=None).count() >= 15
    assert {e.language for e in rated} == {"en", "zh-hans"}
    maintenance = visits.exclude(maintenance_request=None).get()
    assert maintenance.maintenance_request.status == RequestStatus.CLOSED
    for check in ("operations.return_visits_done", "operations.maintenance_completed"):
        assert REGISTRY[check].run(lakeside).status == CheckStatus.PASS, check


def test_the_auditor_reads_them_in_chinese(demo, client):
    from fuwu.core.models import User

    client.force_login(User.objects.get(username="auditor"))
    visit = ReturnVisit.objects.filter(status=VisitStatus.DONE).first()
    page = client.get(visit.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200 and "回访" in page.text and visit.outcome_zh in page.text
    listed = client.get("/operations/return-visits/?overdue=true", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "已逾期" in listed.text
