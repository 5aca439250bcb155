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


# -- customer requirements and their review (4.4.2), service commitments (4.4.5) -------------
#
# 4.4.2.1: requirements are identified in a register, with their source and type.
# 4.4.2.2: each committed requirement was reviewed before the commitment, by a review whose
# decision allowed it. 4.4.5: no commitment is in force without an approved capability
# review; each in force is measured, and each period not kept raised a nonconformity.

from .models import (  # noqa: E402
    IN_FORCE,
    Commitment,
    CustomerRequirement,
    FulfilmentRecord,
    RequirementStatus,
)

REQUIREMENT_PERIOD_DAYS = 365
MEASURED_WITHIN_DAYS = 62


@evidence
def read_requirements(organization: Organization) -> list[CustomerRequirement]:
    return list(
        CustomerRequirement.objects.filter(organization=organization)
        .prefetch_related("reviews")
        .order_by("received_on", "pk")
    )


@dataclass
class Commitments:
    in_force: list[Commitment]
    periods: list[FulfilmentRecord]


@evidence
def read_commitments(organization: Organization) -> Commitments:
    since = timezone.localdate() - timedelta(days=REQUIREMENT_PERIOD_DAYS)
    return Commitments(
        list(
            Commitment.objects.filter(organization=organization, status__in=IN_FORCE)
            .prefetch_related("reviews")
            .order_by("number", "pk")
        ),
        list(
            FulfilmentRecord.objects.filter(organization=organization, period_end__gte=since)
            .select_related("commitment")
            .order_by("period_start", "pk")
        ),
    )


@check(
    "4.4.2.1",
    id="operations.requirements_identified",
    title=gettext_lazy("Customer requirements are recorded with their source and type"),
)
def requirements_identified(organization: Organization) -> CheckResult:
    records = read_requirements(organization)
    if not records:
        return CheckResult.not_applicable(_("No customer requirement is recorded yet."))
    sources = {r.get_source_display() for r in records}
    return CheckResult.passed(
        _("%(count)s customer requirements are recorded, from: %(sources)s.")
        % {
            "count": len(records),
            "sources": pgettext("list separator", ", ").join(sorted(str(s) for s in sources)),
        }
    )


@check(
    "4.4.2.2",
    id="operations.requirements_reviewed_before_commitment",
    title=gettext_lazy("Each committed requirement was reviewed before the commitment"),
)
def requirements_reviewed_before_commitment(organization: Organization) -> CheckResult:
    records = read_requirements(organization)
    committed = [r for r in records if r.status == RequirementStatus.COMMITTED]
    waiting = sum(1 for r in records if r.status == RequirementStatus.RECORDED)
    if not committed:
        return CheckResult.not_applicable(
            _("No customer requirement is committed yet; %(waiting)s await their review.")
            % {"waiting": waiting}
        )
    unreviewed = []
    for record in committed:
        before = [
            r
            for r in record.reviews.all()
            if record.committed_at is None or r.reviewed_at <= record.committed_at
        ]
        latest = max(before, key=lambda r: (r.reviewed_at, r.pk), default=None)
        if latest is None or not latest.allows_commitment:
            unreviewed.append(record)
    if unreviewed:
        return CheckResult.failed(
            _(
                "%(count)s committed requirements had no review allowing the commitment "
                "before it was made: %(records)s."
            )
            % {"count": len(unreviewed), "records": _names(unreviewed)},
            _links(unreviewed),
        )
    return CheckResult.passed(
        _(
            "Each of the %(count)s committed requirements was reviewed — capability against "
            "the tangible and intangible characteristics, and a decision — before it was "
            "committed; %(waiting)s await their review."
        )
        % {"count": len(committed), "waiting": waiting}
    )


@check(
    "4.4.5",
    id="operations.commitments_reviewed",
    title=gettext_lazy("No commitment is in force without an approved capability review"),
)
def commitments_reviewed(organization: Organization) -> CheckResult:
    in_force = read_commitments(organization).in_force
    if not in_force:
        return CheckResult.not_applicable(_("No service commitment is in force."))
    unreviewed = []
    for record in in_force:
        before = [
            r
            for r in record.reviews.all()
            if record.activated_at is None or r.reviewed_at <= record.activated_at
        ]
        latest = max(before, key=lambda r: (r.reviewed_at, r.pk), default=None)
        if latest is None or not latest.approved:
            unreviewed.append(record)
    if unreviewed:
        return CheckResult.failed(
            _(
                "%(count)s commitments are in force without an approved capability review: "
                "%(records)s."
            )
            % {"count": len(unreviewed), "records": _names(unreviewed)},
            _links(unreviewed),
        )
    return CheckResult.passed(
        _("Each of the %(count)s commitments in force was approved by a capability review.")
        % {"count": len(in_force)}
    )


@check(
    "4.4.5",
    id="operations.commitment_breaches_handled",
    title=gettext_lazy("Commitments are measured, and each one not kept is handled"),
)
def commitment_breaches_handled(organization: Organization) -> CheckResult:
    now = timezone.now()
    data = read_commitments(organization)
    in_force, records = data.in_force, data.periods
    if not in_force and not records:
        return CheckResult.not_applicable(_("No service commitment is in force."))
    recent = timezone.localdate() - timedelta(days=MEASURED_WITHIN_DAYS)
    measured = {r.commitment_id for r in records if r.period_end >= recent}
    unmeasured = [
        c
        for c in in_force
        if c.pk not in measured
        and c.activated_at is not None
        and c.activated_at < now - timedelta(days=MEASURED_WITHIN_DAYS)
    ]
    breaches = [r for r in records if not r.kept]
    unhandled = [r.commitment for r in breaches if r.nonconformity_id is None]
    values = {
        "periods": len(records),
        "breaches": len(breaches),
        "days": MEASURED_WITHIN_DAYS,
    }
    if unhandled:
        return CheckResult.failed(
            _("%(count)s periods not kept raised no nonconformity: %(records)s.")
            % {"count": len(unhandled), "records": _names(unhandled)},
            _links(unhandled),
        )
    if unmeasured:
        return CheckResult.failed(
            _(
                "%(count)s commitments in force had no fulfilment measured in the last %(days)s "
                "days: %(records)s."
            )
            % {**values, "count": len(unmeasured), "records": _names(unmeasured)},
            _links(unmeasured),
        )
    return CheckResult.passed(
        _(
            "%(periods)s periods measured in the last year; %(breaches)s not kept, each of "
            "which raised a nonconformity."
        )
        % values
    )


# -- 4.4.4 customer communication ---------------------------------------------------------------

from fuwu.design.models import ContactPoint  # noqa: E402
from fuwu.design.models.contact_points import ContactPointStatus  # noqa: E402

from .models import Communication, PropertyItem, PropertyStatus, Purpose  # noqa: E402


@dataclass
class Communications:
    now: datetime
    in_period: list[Communication]
    points: list[ContactPoint]
    target_minutes: int


@evidence
def read_communications(organization: Organization) -> Communications:
    from .services.communications import communication_settings_of

    now = timezone.now()
    since = now - timedelta(days=PERIOD_DAYS)
    return Communications(
        now,
        list(
            Communication.objects.filter(organization=organization, occurred_at__gte=since)
            .select_related("site")
            .order_by("occurred_at", "pk")
        ),
        list(
            ContactPoint.objects.filter(
                organization=organization, status=ContactPointStatus.ACTIVE, manned=True
            ).order_by("order", "code")
        ),
        communication_settings_of(organization).enquiry_response_minutes,
    )


@check(
    "4.4.4",
    id="operations.communication_logged",
    title=gettext_lazy(
        "Customers are informed, guided, answered and asked for their opinion at each "
        "staffed contact point"
    ),
)
def communication_logged(organization: Organization) -> CheckResult:
    data = read_communications(organization)
    if not data.points and not data.in_period:
        return CheckResult.not_applicable(
            _("No staffed contact point is active and no communication was logged.")
        )
    with_communication = {c.contact_point_id for c in data.in_period}
    silent = [p for p in data.points if p.pk not in with_communication]
    used = {c.purpose for c in data.in_period}
    missing = [label for value, label in Purpose.choices if value not in used]
    values = {
        "total": len(data.in_period),
        "points": len(data.points),
        "days": PERIOD_DAYS,
    }
    problems = []
    if silent:
        problems.append(
            _("No communication was logged at %(points)s in the last %(days)s days.")
            % {
                "points": pgettext("list separator", ", ").join(p.code for p in silent),
                "days": PERIOD_DAYS,
            }
        )
    if missing:
        problems.append(
            _("No communication had the purpose: %(purposes)s.")
            % {"purposes": pgettext("list separator", ", ").join(str(m) for m in missing)}
        )
    if problems:
        return CheckResult.failed(" ".join(problems))
    return CheckResult.passed(
        _(
            "%(total)s communications were logged in the last %(days)s days, at each of the "
            "%(points)s staffed contact points, for each purpose: informing about the "
            "service, guiding customers, answering enquiries and asking for opinions."
        )
        % values
    )


@check(
    "4.4.4 d",  # prompt response
    id="operations.enquiries_answered",
    title=gettext_lazy("Customers' enquiries are answered promptly"),
)
def enquiries_answered(organization: Organization) -> CheckResult:
    data = read_communications(organization)
    target = data.target_minutes
    enquiries = [c for c in data.in_period if c.purpose == Purpose.RESPOND]
    due = [
        c
        for c in enquiries
        if c.answered_at is not None or c.occurred_at + timedelta(minutes=target) < data.now
    ]
    if not due:
        return CheckResult.not_applicable(
            _("No enquiry was due for an answer in the last %(days)s days.") % {"days": PERIOD_DAYS}
        )
    late = [c for c in due if c.response_minutes is None or c.response_minutes > target]
    share = 1 - len(late) / len(due)
    values = {
        "met": len(due) - len(late),
        "total": len(due),
        "share": round(share * 100),
        "target": round(TARGET_SHARE * 100),
        "minutes": target,
        "days": PERIOD_DAYS,
    }
    links = [RecordLink(c.label, c.get_absolute_url()) for c in late[:MAX_LINKS]]
    if share < TARGET_SHARE:
        return CheckResult.failed(
            _(
                "%(met)s of %(total)s enquiries of the last %(days)s days were answered within "
                "%(minutes)s minutes (%(share)s %%, below %(target)s %%)."
            )
            % values,
            links,
        )
    return CheckResult.passed(
        _(
            "%(met)s of %(total)s enquiries of the last %(days)s days were answered within "
            "%(minutes)s minutes (%(share)s %%; at least %(target)s %% required)."
        )
        % values,
        links,
    )


# -- 4.4.7 customer property --------------------------------------------------------------------


@evidence
def read_property(organization: Organization) -> list[PropertyItem]:
    since = timezone.now() - timedelta(days=365)
    return list(
        PropertyItem.objects.filter(organization=organization)
        .filter(_recent(since))
        .order_by("received_at", "pk")
    )


def _recent(since: datetime):
    """Items received in the last year, and every item still in custody."""
    from django.db.models import Q

    return Q(received_at__gte=since) | Q(status=PropertyStatus.IN_CUSTODY)


def _incomplete(item: PropertyItem) -> bool:
    if not (item.description_en or item.description_zh):
        return True
    if not (item.condition_en or item.condition_zh) or not item.storage_location:
        return True
    return item.status == PropertyStatus.RETURNED and not (item.returned_at and item.returned_to)


@check(
    "4.4.7 d",  # identification of customers and their property
    id="operations.custody_records_complete",
    title=gettext_lazy(
        "Each item in custody is recorded: what, condition, where kept, and whom it went back to"
    ),
)
def custody_records_complete(organization: Organization) -> CheckResult:
    items = read_property(organization)
    if not items:
        return CheckResult.not_applicable(
            _("No customer property was taken into custody in the last year.")
        )
    incomplete = [i for i in items if _incomplete(i)]
    today = timezone.localdate()
    overdue = [
        i
        for i in items
        if i.status == PropertyStatus.IN_CUSTODY
        and i.expected_return_on is not None
        and i.expected_return_on < today
    ]
    values = {
        "total": len(items),
        "custody": sum(1 for i in items if i.status == PropertyStatus.IN_CUSTODY),
        "overdue": len(overdue),
        "records": _names(incomplete),
    }
    if incomplete:
        return CheckResult.failed(
            _("%(total)s items recorded; incomplete: %(records)s.") % values, _links(incomplete)
        )
    return CheckResult.passed(
        _(
            "%(total)s items recorded with what, condition, storage and return; "
            "%(custody)s in custody now, %(overdue)s overdue for return (flagged)."
        )
        % values
    )


@check(
    "4.4.7 b",  # protection of customer property
    id="operations.property_losses_reported",
    title=gettext_lazy(
        "Customer property lost or damaged raised a nonconformity and the customer was told"
    ),
)
def property_losses_reported(organization: Organization) -> CheckResult:
    incidents = [i for i in read_property(organization) if i.incident_at is not None]
    if not incidents:
        return CheckResult.not_applicable(
            _("No customer property was lost or damaged in the last year.")
        )
    untold = [i for i in incidents if i.customer_informed_at is None or not i.nonconformity_id]
    if untold:
        return CheckResult.failed(
            _("Customers not yet told, or no nonconformity raised, for: %(records)s.")
            % {"records": _names(untold)},
            _links(untold),
        )
    return CheckResult.passed(
        _(
            "Each of the %(count)s items lost or damaged in the last year raised a "
            "nonconformity and its owner was told."
        )
        % {"count": len(incidents)}
    )


# -- 4.4.8 maintenance and return visits (their own module) --------------------------------------
from . import checks_visits  # noqa: E402, F401
