"""Conformity checks of measurement (found by the standard app).

4.5.1 a: the inspection rounds each contact point's approved control specification
schedules were done in the last 90 days (a round counts once its period has ended).
4.5.1 c: the current audit programme covers every applicable clause within its
cycle, and no planned audit is long overdue.
4.5.1 b: every active contact point (one with a collection point at an active site)
had enough customer evaluations in the last 90 days (the minimum: a setting).
4.4.6: every characteristic the approved specifications of such a point name is
covered by an evaluation question or an inspection item.
4.5.3: the analysis of customer evaluations was reviewed in the last 90 days.
4.2.1 d: at least one active collection point received evaluations in 30 days.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import F, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from fuwu.core.models import Organization
from fuwu.design.models import ContactPointStatus
from fuwu.standard.conformity import CheckResult, RecordLink, check, evidence

from . import periods
from .coverage import Coverage, coverage_of
from .models import (
    AnalysisReview,
    Audit,
    AuditProgramme,
    AuditStatus,
    CollectionPoint,
    InspectionRound,
    Question,
    RoundStatus,
)
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


# -- the customer's voice: 4.5.1 b, 4.4.6, 4.5.3, 4.2.1 d ------------------------------

LIVE_DAYS = 30  # a channel is live when it received an evaluation this recently


@dataclass
class Voice:
    """The active collection points (at active sites, of active contact points) and,
    per collection point, the evaluations of the period and of the last LIVE_DAYS."""

    points: list[CollectionPoint]
    counts: dict[int, int]
    recent: dict[int, int]
    minimum: int


@evidence
def _voice(organization: Organization) -> Voice:
    """Counted like the satisfaction figures (the rollups plus the recent tail, study
    answers left out), over whole days of the organization's calendar: the last 90
    days are today and the 89 before it."""
    from .satisfaction import responses_per_point
    from .selectors import settings_of

    points = list(
        CollectionPoint.objects.filter(
            organization=organization,
            is_active=True,
            site__is_active=True,
            contact_point__status=ContactPointStatus.ACTIVE,
        )
        .select_related("site", "contact_point", "instrument")
        .order_by("contact_point__order", "contact_point__code", "site__code")
    )
    today = timezone.localdate()
    period = responses_per_point(organization, today - timedelta(days=PERIOD_DAYS - 1), today)
    live = responses_per_point(organization, today - timedelta(days=LIVE_DAYS - 1), today)
    counts = {p.pk: period.get((p.site_id, p.contact_point_id), 0) for p in points}
    recent = {p.pk: live.get((p.site_id, p.contact_point_id), 0) for p in points}
    return Voice(points, counts, recent, settings_of(organization).min_responses)


def collecting_points(organization: Organization) -> list[CollectionPoint]:
    """The active collection points (active sites, active contact points)."""
    return _voice(organization).points


def _collection_points_link() -> RecordLink:
    return RecordLink(str(_("Collection points")), reverse("measurement:collection_points"))


def _no_collection_point() -> CheckResult:
    return CheckResult.failed(
        _(
            "No active contact point has a collection point at an active site: customers "
            "have nowhere to evaluate. Create collection points and print their QR codes."
        ),
        [_collection_points_link()],
    )


def _by_point(points: list[CollectionPoint]) -> dict[int, list[CollectionPoint]]:
    grouped: dict[int, list[CollectionPoint]] = {}
    for point in points:
        grouped.setdefault(point.contact_point_id, []).append(point)
    return grouped


@check(
    "4.5.1 b",
    id="measurement.contact_points_measured",
    title=gettext_lazy(
        "Every active contact point is measured by customer evaluations with enough responses"
    ),
)
def contact_points_measured(organization: Organization) -> CheckResult:
    voice = _voice(organization)
    if not voice.points:
        return _no_collection_point()
    short = [p for p in voice.points if voice.counts.get(p.pk, 0) < voice.minimum]
    settings_link = RecordLink(str(_("Measurement settings")), reverse("measurement:settings"))
    if short:
        # Named by contact point with a count of sites, never by site (the report is
        # read by every member).
        names, links = [], []
        for group in _by_point(short).values():
            point = group[0].contact_point
            label = ngettext(
                "%(point)s at %(count)s site",
                "%(point)s at %(count)s sites",
                len(group),
            ) % {"point": point.label, "count": len(group)}
            names.append(label)
            links.append(
                RecordLink(
                    label, reverse("measurement:satisfaction") + f"?contact_point={point.pk}"
                )
            )
        return CheckResult.failed(
            _(
                "In the last %(days)s days these contact points had fewer than %(minimum)s "
                "customer evaluations: %(points)s. Put their QR codes where customers see "
                "them, or change the minimum in the settings."
            )
            % {"days": PERIOD_DAYS, "minimum": voice.minimum, "points": _join(names)},
            [*links[:MAX_LINKS], settings_link],
        )
    total = sum(voice.counts.get(p.pk, 0) for p in voice.points)
    return CheckResult.passed(
        _(
            "All %(count)s collection points of active contact points had at least "
            "%(minimum)s customer evaluations in the last %(days)s days (%(total)s in all)."
        )
        % {
            "count": len(voice.points),
            "minimum": voice.minimum,
            "days": PERIOD_DAYS,
            "total": total,
        },
        [RecordLink(str(_("Customer satisfaction")), reverse("measurement:satisfaction"))],
    )


@dataclass
class Covered:
    """The characteristics of one contact point: those its approved specifications
    name, those an evaluation question asks about, those an inspection item checks."""

    named: set[str] = field(default_factory=set)
    asked: set[str] = field(default_factory=set)
    inspected: set[str] = field(default_factory=set)

    @property
    def missing(self) -> set[str]:
        return self.named - self.asked - self.inspected


@evidence
def characteristic_coverage(organization: Organization) -> dict[int, Covered]:
    """Per active contact point with a collection point, its Covered (4.4.6; the
    coverage matrix page shows it). Three queries whatever the number of points."""
    from fuwu.design.models import SpecificationItem
    from fuwu.design.models.specifications import CATEGORY_CHARACTERISTIC, ItemCategory
    from fuwu.documents.models import Status

    voice = _voice(organization)
    point_ids = {p.contact_point_id for p in voice.points}
    coverage = {pk: Covered() for pk in point_ids}
    items = SpecificationItem.objects.filter(
        organization=organization,
        specification__contact_point_id__in=point_ids,
        specification__local=False,
        specification__document__status=Status.APPROVED,
        version_id=F("specification__document__current_version"),
        applies=True,
    ).values_list("specification__contact_point_id", "characteristic__key", "category")
    for point_id, key, category in items:
        key = key or CATEGORY_CHARACTERISTIC.get(category)
        if not key:
            continue
        coverage[point_id].named.add(key)
        if category == ItemCategory.INSPECTION:
            coverage[point_id].inspected.add(key)
    versions: dict[int, set[int]] = {}
    for point in voice.points:
        if point.instrument.current_version_id:
            versions.setdefault(point.instrument.current_version_id, set()).add(
                point.contact_point_id
            )
    asked = Question.objects.filter(
        version_id__in=list(versions), characteristic__isnull=False
    ).values_list("version_id", "characteristic__key")
    for version_id, key in asked:
        for point_id in versions.get(version_id, ()):
            coverage[point_id].asked.add(key)
    return coverage


@check(
    "4.4.6",
    id="measurement.characteristics_covered",
    title=gettext_lazy(
        "Every characteristic of each active contact point is evaluated or inspected"
    ),
)
def characteristics_covered(organization: Organization) -> CheckResult:
    from fuwu.design.models import CharacteristicKey

    voice = _voice(organization)
    if not voice.points:
        return _no_collection_point()
    coverage = characteristic_coverage(organization)
    labels = dict(CharacteristicKey.choices)
    names, links = [], []
    checked = 0
    for point_id, group in _by_point(voice.points).items():
        covered = coverage[point_id]
        checked += len(covered.named)
        missing = sorted(covered.missing)
        if not missing:
            continue
        point = group[0].contact_point
        label = _("%(point)s: %(characteristics)s") % {
            "point": point.label,
            "characteristics": pgettext("list separator", ", ").join(
                str(labels.get(key, key)) for key in missing
            ),
        }
        names.append(label)
        links.append(
            RecordLink(
                label, reverse("measurement:instrument_detail", args=[group[0].instrument_id])
            )
        )
    if names:
        return CheckResult.failed(
            _(
                "No evaluation question and no inspection item covers these characteristics "
                "the approved specifications name: %(points)s. Add a question to the "
                "instrument (or regenerate it), or an inspection item to the control "
                "specification."
            )
            % {"points": _join(names)},
            links[:MAX_LINKS],
        )
    return CheckResult.passed(
        _(
            "Every characteristic the approved specifications of the %(count)s active "
            "contact points name (%(checked)s in all) is covered by an evaluation question "
            "or an inspection item."
        )
        % {"count": len(coverage), "checked": checked},
        [RecordLink(str(_("Coverage of characteristics")), reverse("measurement:coverage"))],
    )


@evidence
def _reviews(organization: Organization) -> list[AnalysisReview]:
    """The analysis reviews of the period, newest first."""
    since = timezone.localdate() - timedelta(days=PERIOD_DAYS)
    return list(
        AnalysisReview.objects.filter(organization=organization, reviewed_on__gte=since).order_by(
            "-reviewed_on", "-pk"
        )
    )


@check(
    "4.5.3",
    id="measurement.analysis_reviewed",
    title=gettext_lazy("The analysis of customer evaluations was reviewed in the period"),
)
def analysis_reviewed(organization: Organization) -> CheckResult:
    reviews = _reviews(organization)
    reviews_link = RecordLink(str(_("Analysis reviews")), reverse("measurement:review_list"))
    if not reviews:
        return CheckResult.failed(
            _(
                "Nobody recorded a review of the customer-evaluation analysis in the last "
                "%(days)s days: read the satisfaction dashboards and record the review."
            )
            % {"days": PERIOD_DAYS},
            [
                RecordLink(str(_("Customer satisfaction")), reverse("measurement:satisfaction")),
                reviews_link,
            ],
        )
    latest = reviews[0]
    link = RecordLink(latest.number, reverse("measurement:review_detail", args=[latest.pk]))
    if not any(r.site_id is None for r in reviews):
        sites = {p.site_id for p in _voice(organization).points}
        missing = sites - {r.site_id for r in reviews}
        if missing:
            return CheckResult.failed(
                ngettext(
                    "The reviews of the last %(days)s days each cover one site; %(count)s "
                    "site with collection points was not reviewed. Review the organization "
                    "as a whole or each site.",
                    "The reviews of the last %(days)s days each cover one site; %(count)s "
                    "sites with collection points were not reviewed. Review the organization "
                    "as a whole or each site.",
                    len(missing),
                )
                % {"days": PERIOD_DAYS, "count": len(missing)},
                [link, reviews_link],
            )
    return CheckResult.passed(
        _("The analysis was last reviewed on %(day)s (%(number)s).")
        % {"day": latest.reviewed_on.isoformat(), "number": latest.number},
        [link],
    )


@check(
    "4.2.1 d",
    id="measurement.customer_channel_live",
    title=gettext_lazy("Customers have a live channel for their opinions"),
)
def customer_channel_live(organization: Organization) -> CheckResult:
    voice = _voice(organization)
    if not voice.points:
        return _no_collection_point()
    live = [p for p in voice.points if voice.recent.get(p.pk)]
    if not live:
        return CheckResult.failed(
            _(
                "None of the %(count)s active collection points received a customer "
                "evaluation in the last %(days)s days: check that the QR codes are up and "
                "the page opens."
            )
            % {"count": len(voice.points), "days": LIVE_DAYS},
            [_collection_points_link()],
        )
    return CheckResult.passed(
        ngettext(
            "%(live)s of %(count)s active collection point received customer evaluations "
            "in the last %(days)s days.",
            "%(live)s of %(count)s active collection points received customer evaluations "
            "in the last %(days)s days.",
            len(voice.points),
        )
        % {"live": len(live), "count": len(voice.points), "days": LIVE_DAYS},
        [_collection_points_link()],
    )
