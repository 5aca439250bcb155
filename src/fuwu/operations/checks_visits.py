"""Conformity checks of maintenance and return visits (4.4.8), registered through
checks.py: the return visits due in the last 90 days were done as planned (at
least 90 % performed by their due date, each late or missed one named), and each
maintenance request a visit raised is closed or still within its target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.models import Organization
from fuwu.standard.conformity import CheckResult, check, evidence

from .checks import MAX_LINKS, PERIOD_DAYS, TARGET_SHARE, _links, _names
from .models import RequestStatus, ReturnVisit, ReturnVisitRule


@dataclass
class Visits:
    now: datetime
    today: date
    rules: int
    due: list[ReturnVisit]
    maintenance: list[ReturnVisit]


@evidence
def read_visits(organization: Organization) -> Visits:
    now = timezone.now()
    today = timezone.localdate(now)
    base = ReturnVisit.objects.filter(organization=organization)
    return Visits(
        now,
        today,
        ReturnVisitRule.objects.filter(organization=organization, is_active=True).count(),
        list(
            base.filter(due_on__gte=today - timedelta(days=PERIOD_DAYS), due_on__lt=today)
            .select_related("site")
            .order_by("due_on", "pk")
        ),
        list(
            base.filter(maintenance_request__isnull=False)
            .filter(performed_at__gte=now - timedelta(days=365))
            .select_related("maintenance_request")
            .order_by("performed_at", "pk")
        ),
    )


def _missed(visit: ReturnVisit) -> bool:
    return visit.performed_at is None or timezone.localdate(visit.performed_at) > visit.due_on


@check(
    "4.4.8 b",  # return visits
    id="operations.return_visits_done",
    title=gettext_lazy("Return visits are done as planned"),
)
def return_visits_done(organization: Organization) -> CheckResult:
    data = read_visits(organization)
    if not data.due:
        if data.rules:
            return CheckResult.not_applicable(
                _("No return visit was due in the last %(days)s days.") % {"days": PERIOD_DAYS}
            )
        return CheckResult.not_applicable(
            _("No return visit is planned: no rule says when to visit customers.")
        )
    missed = [v for v in data.due if _missed(v)]
    share = 1 - len(missed) / len(data.due)
    values = {
        "done": len(data.due) - len(missed),
        "total": len(data.due),
        "share": round(share * 100),
        "target": round(TARGET_SHARE * 100),
        "days": PERIOD_DAYS,
        "records": _names(missed),
        "rated": sum(1 for v in data.due if v.evaluation_id),
    }
    if share < TARGET_SHARE:
        return CheckResult.failed(
            _(
                "%(done)s of %(total)s return visits due in the last %(days)s days were done "
                "by their due date (%(share)s %%, below %(target)s %%). Late or not done: "
                "%(records)s."
            )
            % values,
            _links(missed),
        )
    message = (
        _(
            "%(done)s of %(total)s return visits due in the last %(days)s days were done by "
            "their due date (%(share)s %%; at least %(target)s %% required); %(rated)s "
            "satisfaction answers went into the customer evaluations."
        )
        % values
    )
    if missed:
        message += " " + _("Late or not done: %(records)s.") % values
    return CheckResult.passed(message, _links(missed))


@check(
    "4.4.8 a",  # maintenance of service quality
    id="operations.maintenance_completed",
    title=gettext_lazy("Maintenance asked for on return visits is tracked to completion"),
)
def maintenance_completed(organization: Organization) -> CheckResult:
    data = read_visits(organization)
    if not data.maintenance:
        return CheckResult.not_applicable(
            _("No customer asked for maintenance on a return visit in the last year.")
        )
    late = [
        v
        for v in data.maintenance
        if v.maintenance_request.status != RequestStatus.CLOSED
        and v.maintenance_request.resolution_due_at < data.now
    ]
    closed = sum(
        1 for v in data.maintenance if v.maintenance_request.status == RequestStatus.CLOSED
    )
    values = {"total": len(data.maintenance), "closed": closed, "records": _names(late)}
    if late:
        return CheckResult.failed(
            _("Maintenance requests past their resolution target: %(records)s.") % values,
            _links(late[:MAX_LINKS]),
        )
    return CheckResult.passed(
        _(
            "%(closed)s of the %(total)s maintenance requests raised on return visits in the "
            "last year are closed; the others are within their resolution target."
        )
        % values
    )
