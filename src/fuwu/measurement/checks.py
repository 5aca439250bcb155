"""Conformity checks of measurement (found by the standard app).

4.5.1 a: the inspection rounds each contact point's approved control specification
schedules were done in the last 90 days (a round counts once its period has ended).
4.5.1 c: the current audit programme covers every applicable clause within its
cycle, and no planned audit is long overdue.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from fuwu.core.models import Organization
from fuwu.standard.conformity import CheckResult, RecordLink, check, evidence

from . import periods
from .coverage import Coverage, coverage_of
from .models import Audit, AuditProgramme, AuditStatus, InspectionRound, RoundStatus
from .selectors import schedule

PERIOD_DAYS = 90
AUDIT_GRACE_DAYS = 30  # an audit this long past its planned end is "long overdue"
MAX_LINKS = 10


def _join(names: list[str]) -> str:
    shown = pgettext("list separator", ", ").join(names[:MAX_LINKS])
    more = len(names) - MAX_LINKS
    return shown + (_(" and %(count)s more") % {"count": more} if more > 0 else "")


@dataclass
class Inspections:
    lines: list[Any]
    done: Counter
    first_due: dict


@evidence
def _inspections(organization: Organization) -> Inspections:
    """The schedule, the rounds completed in the period and each series' first due
    date: read once per evaluation, however many checks look at them."""
    since = timezone.localdate() - timedelta(days=PERIOD_DAYS)
    done = Counter(
        (r["contact_point_id"], r["site_id"], r["frequency"])
        for r in InspectionRound.objects.filter(
            organization=organization,
            status=RoundStatus.COMPLETED,
            due_on__gte=since,
        )
        .exclude(frequency="")
        .values("contact_point_id", "site_id", "frequency")
    )
    first_due = {
        (r["contact_point_id"], r["site_id"], r["frequency"]): r["first"]
        for r in InspectionRound.objects.filter(organization=organization)
        .exclude(frequency="")
        .values("contact_point_id", "site_id", "frequency")
        .annotate(first=Min("due_on"))
    }
    return Inspections(schedule(organization), done, first_due)


@check(
    "4.5.1 a",
    id="measurement.inspections_as_scheduled",
    title=gettext_lazy("Inspection rounds are done as the control specifications schedule them"),
)
def inspections_as_scheduled(organization: Organization) -> CheckResult:
    today = timezone.localdate()
    since = today - timedelta(days=PERIOD_DAYS)
    evidence_read = _inspections(organization)
    lines, done, first_due = evidence_read.lines, evidence_read.done, evidence_read.first_due
    if not lines:
        return CheckResult.failed(
            _(
                "No contact point has an approved control specification with scheduled "
                "inspection items: there is nothing to inspect against."
            ),
            [RecordLink(str(_("Contact points")), reverse("design:contactpoint_list"))],
        )
    # Named by contact point and frequency, never by site: the conformity report is
    # read by every member, and a site-scoped one must not learn the other sites.
    missing: dict[tuple[int, str], list[Any]] = {}
    expected_total = 0
    for line in lines:
        key = (line.plan.point.pk, line.plan.site.pk, line.frequency)
        approved = line.plan.version.approved_at
        anchor = first_due.get(key) or (timezone.localdate(approved) if approved else today)
        ended, due = 0, anchor
        # Rounds due in the window whose period has ended are owed.
        while periods.next_due(due, line.frequency) <= today:
            if due >= since:
                ended += 1
            due = periods.next_due(due, line.frequency)
        expected_total += ended
        if done.get(key, 0) < ended:
            missing.setdefault((line.plan.point.pk, line.frequency), []).append(line)
    if missing:
        names, links = [], []
        for group in missing.values():
            line = group[0]
            label = ngettext(
                "%(point)s (%(frequency)s) at %(count)s site",
                "%(point)s (%(frequency)s) at %(count)s sites",
                len(group),
            ) % {
                "point": line.plan.point.label,
                "frequency": line.frequency_label,
                "count": len(group),
            }
            names.append(label)
            url = (
                reverse("measurement:round_list") + f"?contact_point={line.plan.point.pk}&overdue=1"
            )
            links.append(RecordLink(label, url))
        return CheckResult.failed(
            _(
                "In the last %(days)s days, scheduled inspection rounds were not done for: "
                "%(series)s."
            )
            % {"days": PERIOD_DAYS, "series": _join(names)},
            links[:MAX_LINKS],
        )
    return CheckResult.passed(
        _(
            "All %(count)s inspection series are on schedule: %(rounds)s rounds were due "
            "in the last %(days)s days and done."
        )
        % {"count": len(lines), "rounds": expected_total, "days": PERIOD_DAYS},
        [RecordLink(str(_("Inspection schedule")), reverse("measurement:schedule"))],
    )


@dataclass
class Audits:
    programme: AuditProgramme | None
    coverage: Coverage | None
    applicable: int
    overdue: list[Audit]
    any: bool


@evidence
def _audits(organization: Organization) -> Audits:
    """The current programme with its coverage and the audits long overdue."""
    today = timezone.localdate()
    programmes = AuditProgramme.objects.filter(organization=organization)
    programme = (
        programmes.filter(starts_on__lte=today, ends_on__gt=today).order_by("-starts_on").first()
        or programmes.filter(starts_on__lte=today).order_by("-starts_on").first()
    )
    coverage = coverage_of(programme) if programme is not None else None
    late = today - timedelta(days=AUDIT_GRACE_DAYS)
    audits = list(Audit.objects.filter(organization=organization).order_by("planned_end", "pk"))
    overdue = [a for a in audits if a.planned_end < late and a.status != AuditStatus.COMPLETED]
    applicable = len(coverage.applicable) if coverage is not None else 0
    return Audits(programme, coverage, applicable, overdue, bool(audits))


@check(
    "4.5.1 c",
    id="measurement.audit_programme_covers_clauses",
    title=gettext_lazy("The internal audit programme covers every applicable clause"),
)
def programme_covers_clauses(organization: Organization) -> CheckResult:
    read = _audits(organization)
    programme = read.programme
    programmes_link = RecordLink(str(_("Audit programmes")), reverse("measurement:programme_list"))
    if programme is None:
        return CheckResult.failed(
            _("There is no internal audit programme: plan one for the cycle."), [programmes_link]
        )
    link = RecordLink(programme.title, reverse("measurement:programme_detail", args=[programme.pk]))
    if programme.ends_on <= timezone.localdate():
        return CheckResult.failed(
            _("The last audit programme ended on %(day)s: plan the next cycle.")
            % {"day": programme.ends_on.isoformat()},
            [link],
        )
    coverage = read.coverage
    if coverage.uncovered:
        return CheckResult.failed(
            _("The programme “%(title)s” does not cover %(count)s applicable clauses: %(refs)s.")
            % {
                "title": programme.title,
                "count": len(coverage.uncovered),
                "refs": _join(coverage.uncovered),
            },
            [link],
        )
    return CheckResult.passed(
        _(
            "The programme “%(title)s” covers all %(count)s applicable clauses by "
            "%(end)s; %(audited)s are audited so far."
        )
        % {
            "title": programme.title,
            "count": read.applicable,
            "end": programme.ends_on.isoformat(),
            "audited": len(coverage.audited),
        },
        [link],
    )


@check(
    "4.5.1 c",
    id="measurement.audits_not_overdue",
    title=gettext_lazy("No internal audit is long overdue"),
)
def audits_not_overdue(organization: Organization) -> CheckResult:
    read = _audits(organization)
    overdue = read.overdue
    if overdue:
        return CheckResult.failed(
            _("These audits are more than %(days)s days past their planned end: %(audits)s.")
            % {
                "days": AUDIT_GRACE_DAYS,
                "audits": _join([f"{a.number} ({a.planned_end.isoformat()})" for a in overdue]),
            },
            [
                RecordLink(a.number, reverse("measurement:audit_detail", args=[a.pk]))
                for a in overdue[:MAX_LINKS]
            ],
        )
    if not read.any:
        return CheckResult.failed(
            _("No internal audit is planned or done yet."),
            [RecordLink(str(_("Internal audits")), reverse("measurement:audit_list"))],
        )
    return CheckResult.passed(
        _("Every planned internal audit is done or still within its dates."),
        [RecordLink(str(_("Internal audits")), reverse("measurement:audit_list"))],
    )
