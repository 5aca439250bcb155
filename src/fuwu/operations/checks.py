"""Conformity checks of operations (found by the standard app).

4.2.2, first-inquiry responsibility: every open request is owned — its handler is
still an active member who works at its site — and the response targets were met in
the last 90 days (at least 90 % of the requests answered within their target; each
late one named). Each capability adds its checks in its own module beside this one
as the app grows (requirements 4.4.2, commitments 4.4.5, ...)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from fuwu.core.models import Organization
from fuwu.core.permissions import can, in_site_scope
from fuwu.standard.conformity import CheckResult, RecordLink, check, evidence

from .models import OPEN_STATUSES, CustomerRequest

PERIOD_DAYS = 90
TARGET_SHARE = 0.9
MAX_LINKS = 10


@dataclass
class Requests:
    now: datetime
    in_period: list[CustomerRequest]
    still_open: list[CustomerRequest]


@evidence
def read_requests(organization: Organization) -> Requests:
    now = timezone.now()
    since = now - timedelta(days=PERIOD_DAYS)
    base = CustomerRequest.objects.filter(organization=organization).select_related(
        "handler", "site"
    )
    return Requests(
        now,
        list(base.filter(received_at__gte=since).order_by("received_at", "pk")),
        list(base.filter(status__in=OPEN_STATUSES).order_by("received_at", "pk")),
    )


def _names(records: list) -> str:
    shown = pgettext("list separator", ", ").join(r.number for r in records[:MAX_LINKS])
    more = len(records) - MAX_LINKS
    return shown + (_(" and %(count)s more") % {"count": more} if more > 0 else "")


def _links(records: list) -> list[RecordLink]:
    return [RecordLink(r.label, r.get_absolute_url()) for r in records[:MAX_LINKS]]


@check(
    "4.2.2",
    id="operations.requests_owned",
    title=gettext_lazy("Every open customer request has an owner who can act on it"),
)
def requests_owned(organization: Organization) -> CheckResult:
    data = read_requests(organization)
    if not data.in_period and not data.still_open:
        return CheckResult.not_applicable(
            _("No customer request was logged in the last %(days)s days.") % {"days": PERIOD_DAYS}
        )
    orphaned = [
        r
        for r in data.still_open
        if not (
            can(r.handler, organization, "operations.handle_requests")
            and in_site_scope(r.handler, organization, r.site_id)
        )
    ]
    if orphaned:
        return CheckResult.failed(
            _(
                "%(count)s open requests are handled by someone who no longer handles requests "
                "at their site: %(records)s. Transfer them."
            )
            % {"count": len(orphaned), "records": _names(orphaned)},
            _links(orphaned),
        )
    return CheckResult.passed(
        _(
            "Each of the %(open)s open requests has its first owner and a handler at its "
            "site; %(total)s were logged in the last %(days)s days."
        )
        % {"open": len(data.still_open), "total": len(data.in_period), "days": PERIOD_DAYS}
    )


@check(
    "4.2.2",
    id="operations.response_targets_met",
    title=gettext_lazy("Customers get a first response within the target"),
)
def response_targets_met(organization: Organization) -> CheckResult:
    data = read_requests(organization)
    due = [r for r in data.in_period if r.first_response_at or r.response_due_at < data.now]
    if not due:
        return CheckResult.not_applicable(
            _("No customer request was due for a response in the last %(days)s days.")
            % {"days": PERIOD_DAYS}
        )
    late = [r for r in due if r.response_late(data.now)]
    share = 1 - len(late) / len(due)
    values = {
        "met": len(due) - len(late),
        "total": len(due),
        "share": round(share * 100),
        "target": round(TARGET_SHARE * 100),
        "days": PERIOD_DAYS,
        "records": _names(late),
    }
    if share < TARGET_SHARE:
        return CheckResult.failed(
            _(
                "%(met)s of %(total)s requests of the last %(days)s days got their first "
                "response within the target (%(share)s %%, below %(target)s %%). Late: "
                "%(records)s."
            )
            % values,
            _links(late),
        )
    message = (
        _(
            "%(met)s of %(total)s requests of the last %(days)s days got their first response "
            "within the target (%(share)s %%; at least %(target)s %% required)."
        )
        % values
    )
    if late:
        message += " " + _("Late: %(records)s.") % values
    return CheckResult.passed(message, _links(late))
