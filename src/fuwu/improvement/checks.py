"""Conformity checks of improvement (found by the standard app).

4.5.2: every nonconformity of the last twelve months got its disposition within the
organization's deadline. 4.5.4 a: major and critical nonconformities get a corrective
action; completed corrective actions are verified once their waiting time is over;
none is long overdue. 4.5.4 b: preventive actions are planned and none is long
overdue. 4.5.4 c: a customer who met a nonconforming service got a remedy. Each
failure names the records at fault; "long" is the organization's setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from fuwu.core.models import Organization
from fuwu.standard.conformity import CheckResult, RecordLink, check, evidence

from .models import (
    Action,
    ActionKind,
    ActionStatus,
    ImprovementSettings,
    Nonconformity,
    Severity,
)
from .services.settings import settings_for

PERIOD_DAYS = 365
MAX_LINKS = 10


@dataclass
class Improvement:
    """The last twelve months of nonconformities and the actions of the organization,
    read once per evaluation."""

    today: date
    settings: ImprovementSettings
    nonconformities: list[Nonconformity]
    actions: list[Action]

    def actions_of(self, nc: Nonconformity) -> list[Action]:
        return [a for a in self.actions if a.nonconformity_id == nc.pk]


@evidence
def read_improvement(organization: Organization) -> Improvement:
    today = timezone.localdate()
    since = today - timedelta(days=PERIOD_DAYS)
    ncs = list(
        Nonconformity.objects.filter(
            organization=organization, detected_at__date__gte=since
        ).order_by("detected_at", "pk")
    )
    actions = list(
        Action.objects.filter(organization=organization)
        .exclude(status=ActionStatus.EFFECTIVE, updated_at__date__lt=since)
        .order_by("due_on", "pk")
    )
    return Improvement(today, settings_for(organization), ncs, actions)


def _names(records: list) -> str:
    shown = pgettext("list separator", ", ").join(r.number for r in records[:MAX_LINKS])
    more = len(records) - MAX_LINKS
    return shown + (_(" and %(count)s more") % {"count": more} if more > 0 else "")


def _links(records: list) -> list[RecordLink]:
    return [RecordLink(r.label, r.get_absolute_url()) for r in records[:MAX_LINKS]]


def _register(name: str, label: str) -> RecordLink:
    return RecordLink(label, reverse(f"improvement:{name}_list"))


def _none_recorded() -> CheckResult:
    return CheckResult.not_applicable(_("No nonconformity was recorded in the last twelve months."))


# -- 4.5.2 control of nonconforming service ------------------------------------------------


@check(
    "4.5.2",
    id="improvement.disposition_in_time",
    title=gettext_lazy("Nonconformities get a disposition within the deadline"),
)
def disposition_in_time(organization: Organization) -> CheckResult:
    data = read_improvement(organization)
    if not data.nonconformities:
        return _none_recorded()
    days = data.settings.disposition_days
    late = []
    for nc in data.nonconformities:
        deadline = timezone.localdate(nc.detected_at) + timedelta(days=days)
        decided = timezone.localdate(nc.disposed_at) if nc.disposed_at else None
        if (decided or data.today) > deadline:
            late.append(nc)
    if late:
        return CheckResult.failed(
            _(
                "%(count)s of %(total)s nonconformities of the last twelve months had no "
                "disposition within %(days)s days: %(records)s."
            )
            % {
                "count": len(late),
                "total": len(data.nonconformities),
                "days": days,
                "records": _names(late),
            },
            _links(late),
        )
    return CheckResult.passed(
        _(
            "All %(total)s nonconformities of the last twelve months got their disposition "
            "within %(days)s days."
        )
        % {"total": len(data.nonconformities), "days": days},
        [_register("nonconformity", str(_("Nonconformities")))],
    )


# -- 4.5.4 a corrective action -------------------------------------------------------------


@check(
    "4.5.4 a",
    id="improvement.corrective_planned",
    title=gettext_lazy("Major and critical nonconformities get a corrective action"),
)
def corrective_planned(organization: Organization) -> CheckResult:
    data = read_improvement(organization)
    serious = [
        nc for nc in data.nonconformities if nc.severity in (Severity.MAJOR, Severity.CRITICAL)
    ]
    if not serious:
        return CheckResult.not_applicable(
            _("No major or critical nonconformity in the last twelve months.")
        )
    grace = data.settings.disposition_days
    missing = [
        nc
        for nc in serious
        if timezone.localdate(nc.detected_at) + timedelta(days=grace) < data.today
        and not any(a.kind == ActionKind.CORRECTIVE for a in data.actions_of(nc))
    ]
    if missing:
        return CheckResult.failed(
            _("No corrective action was planned within %(days)s days for: %(records)s.")
            % {"days": grace, "records": _names(missing)},
            _links(missing),
        )
    return CheckResult.passed(
        _("Each of the %(count)s major or critical nonconformities has a corrective action.")
        % {"count": len(serious)}
    )


def _long_overdue(data: Improvement, kind: str) -> list[Action]:
    limit = data.today - timedelta(days=data.settings.overdue_days)
    return [
        a
        for a in data.actions
        if a.kind == kind and a.status == ActionStatus.PLANNED and a.due_on < limit
    ]


def _verification_overdue(data: Improvement, kind: str) -> list[Action]:
    limit = data.today - timedelta(days=data.settings.overdue_days)
    return [
        a
        for a in data.actions
        if a.kind == kind
        and a.status == ActionStatus.COMPLETED
        and a.verify_on is not None
        and a.verify_on < limit
    ]


@check(
    "4.5.4 a",
    id="improvement.corrective_verified",
    title=gettext_lazy("Corrective actions are verified effective, none long overdue"),
)
def corrective_verified(organization: Organization) -> CheckResult:
    data = read_improvement(organization)
    corrective = [a for a in data.actions if a.kind == ActionKind.CORRECTIVE]
    if not corrective:
        if not data.nonconformities:
            return _none_recorded()
        return CheckResult.failed(
            _("Nonconformities were recorded but no corrective action was taken."),
            [_register("nonconformity", str(_("Nonconformities")))],
        )
    days = data.settings.overdue_days
    overdue = _long_overdue(data, ActionKind.CORRECTIVE)
    unverified = _verification_overdue(data, ActionKind.CORRECTIVE)
    problems = []
    if overdue:
        problems.append(
            _("%(count)s more than %(days)s days overdue (%(records)s)")
            % {"count": len(overdue), "days": days, "records": _names(overdue)}
        )
    if unverified:
        problems.append(
            _(
                "%(count)s completed but not verified %(days)s days after verification was due "
                "(%(records)s)"
            )
            % {"count": len(unverified), "days": days, "records": _names(unverified)}
        )
    if problems:
        return CheckResult.failed(
            _("Corrective actions: %(problems)s.")
            % {"problems": pgettext("list separator", "; ").join(str(p) for p in problems)},
            _links(overdue + unverified),
        )
    effective = sum(1 for a in corrective if a.status == ActionStatus.EFFECTIVE)
    return CheckResult.passed(
        _(
            "%(effective)s of %(count)s corrective actions verified effective; none is long "
            "overdue or waits long for its verification."
        )
        % {"effective": effective, "count": len(corrective)},
        [_register("action", str(_("Actions")))],
    )


# -- 4.5.4 b preventive action -------------------------------------------------------------


@check(
    "4.5.4 b",
    id="improvement.preventive_taken",
    title=gettext_lazy("Preventive actions are planned and none is long overdue"),
)
def preventive_taken(organization: Organization) -> CheckResult:
    data = read_improvement(organization)
    preventive = [a for a in data.actions if a.kind == ActionKind.PREVENTIVE]
    if not preventive:
        return CheckResult.failed(
            _(
                "No preventive action in the last twelve months: look at trends, analyses and "
                "audit observations for the dissatisfaction still to come."
            ),
            [_register("action", str(_("Actions")))],
        )
    late = _long_overdue(data, ActionKind.PREVENTIVE) + _verification_overdue(
        data, ActionKind.PREVENTIVE
    )
    if late:
        return CheckResult.failed(
            _("Preventive actions long overdue or waiting long for verification: %(records)s.")
            % {"records": _names(late)},
            _links(late),
        )
    return CheckResult.passed(
        _("%(count)s preventive actions, none long overdue.") % {"count": len(preventive)},
        [_register("action", str(_("Actions")))],
    )


# -- 4.5.4 c remedial action ---------------------------------------------------------------


@check(
    "4.5.4 c",
    id="improvement.remedial_for_customers",
    title=gettext_lazy("A customer who met a nonconforming service gets a remedy"),
)
def remedial_for_customers(organization: Organization) -> CheckResult:
    data = read_improvement(organization)
    affected = [nc for nc in data.nonconformities if nc.customer_affected]
    if not affected:
        return CheckResult.not_applicable(
            _("No nonconformity of the last twelve months affected a customer.")
        )
    missing = [
        nc
        for nc in affected
        if not (nc.immediate_remedy_en or nc.immediate_remedy_zh)
        and not any(a.kind == ActionKind.REMEDIAL for a in data.actions_of(nc))
    ]
    if missing:
        return CheckResult.failed(
            _(
                "A customer met these nonconformities, with neither an immediate remedy nor a "
                "remedial action recorded: %(records)s."
            )
            % {"records": _names(missing)},
            _links(missing),
        )
    return CheckResult.passed(
        _("Each of the %(count)s nonconformities that affected a customer has its remedy.")
        % {"count": len(affected)}
    )
