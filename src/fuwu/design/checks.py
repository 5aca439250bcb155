"""Conformity checks of service design (found by the standard app).

4.4.1 (and a to c): the contact process has active contact points, and each stage
has its activities planned. 4.4.3.1 and 4.6.2 c: every active contact point has
its three specifications approved. 4.4.3.2 to 4.4.3.4 and their lettered items:
each approved specification covers each of its categories (or says why one
does not apply); inspection items say how, how often and against what. 4.3.1 a
and b: provision specifications put people first at manned contact points, and
cover facilities or environment where customers come in person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from fuwu.core.models import Organization
from fuwu.documents.models import Status
from fuwu.standard.conformity import CheckResult, RecordLink, check, evidence

from . import selectors
from .models import (
    CATEGORIES,
    CATEGORY_CLAUSES,
    STAGE_CLAUSES,
    ContactActivity,
    ContactPoint,
    ContactPointStatus,
    ItemCategory,
    Specification,
    SpecificationItem,
    SpecificationKind,
    Stage,
)

MAX_LINKS = 10


@dataclass
class Design:
    """The active contact points with their approved standard specifications and
    the items of those versions: read in three queries, once per evaluation
    (`@evidence`), however many checks look at them."""

    points: list[ContactPoint]
    approved: dict[tuple[int, str], Specification] = field(default_factory=dict)
    items: dict[int, list[SpecificationItem]] = field(default_factory=dict)

    def specification(self, point: ContactPoint, kind: str) -> Specification | None:
        return self.approved.get((point.pk, kind))

    def items_of(self, point: ContactPoint, kind: str) -> list[SpecificationItem] | None:
        """The items of the approved specification, or None when there is none."""
        spec = self.specification(point, kind)
        if spec is None:
            return None
        return self.items.get(spec.document.current_version_id, [])


@evidence
def read_design(organization: Organization) -> Design:
    points = list(
        ContactPoint.objects.filter(
            organization=organization, status=ContactPointStatus.ACTIVE
        ).order_by("order", "code")
    )
    design = Design(points)
    for spec in selectors.standard_specifications(organization):
        document = spec.document
        if (
            document is not None
            and document.status == Status.APPROVED
            and document.current_version_id
        ):
            design.approved[(spec.contact_point_id, spec.kind)] = spec
    design.items = selectors.items_of_versions(
        spec.document.current_version_id for spec in design.approved.values()
    )
    return design


def _link(point: ContactPoint) -> RecordLink:
    return RecordLink(point.label, reverse("design:contactpoint_detail", args=[point.pk]))


def _names(points: list[ContactPoint]) -> str:
    shown = pgettext("list separator", ", ").join(p.label for p in points[:MAX_LINKS])
    more = len(points) - MAX_LINKS
    return shown + (_(" and %(count)s more") % {"count": more} if more > 0 else "")


def _register_link() -> RecordLink:
    return RecordLink(str(_("Contact points")), reverse("design:contactpoint_list"))


def _process_link() -> RecordLink:
    return RecordLink(str(_("Contact process")), reverse("design:process"))


def _over_points(
    design: Design,
    failing: Callable[[ContactPoint], bool],
    passed: str,
    failed: str,
    **values: object,
) -> CheckResult:
    """Pass when no active contact point fails; otherwise name those that do.
    `passed` may name %(count)s, `failed` %(points)s and %(count)s, both `values`."""
    if not design.points:
        return CheckResult.failed(
            _("No contact point is active yet: record the contact points and set them active."),
            [_register_link()],
        )
    bad = [point for point in design.points if failing(point)]
    if bad:
        return CheckResult.failed(
            failed % ({"points": _names(bad), "count": len(bad)} | values),
            [_link(p) for p in bad[:MAX_LINKS]],
        )
    return CheckResult.passed(passed % ({"count": len(design.points)} | values), [_register_link()])


# -- 4.4.1 service planning ----------------------------------------------------------------


@check(
    "4.4.1",
    id="design.contact_points_in_stages",
    title=gettext_lazy("Contact points are placed in the stages of the contact process"),
)
def contact_points_in_stages(organization: Organization) -> CheckResult:
    design = read_design(organization)
    if not design.points:
        return _over_points(design, lambda p: False, "", "")
    stages = {point.stage for point in design.points}
    counts = pgettext("list separator", ", ").join(
        f"{Stage(stage).label} {sum(p.stage == stage for p in design.points)}"
        for stage in Stage.values
    )
    message = _("%(count)s active contact points across the contact process (%(stages)s).") % {
        "count": len(design.points),
        "stages": counts,
    }
    if stages != set(Stage.values):
        return CheckResult.passed(
            message
            + " "
            + _("Some stages have no contact point; that is allowed where the service has none."),
            [_process_link()],
        )
    return CheckResult.passed(message, [_process_link()])


@evidence
def _active_activities(organization: Organization) -> dict[str, list[ContactActivity]]:
    return selectors.activities_by_stage(organization, active_only=True)


def _stage_check(stage: str) -> Callable[[Organization], CheckResult]:
    def stage_planned(organization: Organization) -> CheckResult:
        activities = _active_activities(organization)[stage]
        label = Stage(stage).label
        if not activities:
            return CheckResult.failed(
                _("No activity is planned for the stage “%(stage)s”.") % {"stage": label},
                [_process_link()],
            )
        unplanned = [a for a in activities if not a.description.strip()]
        if unplanned:
            return CheckResult.failed(
                _(
                    "In the stage “%(stage)s”, these activities do not say yet who does them, "
                    "when and how: %(activities)s."
                )
                % {
                    "stage": label,
                    "activities": pgettext("list separator", ", ").join(a.name for a in unplanned),
                },
                [_process_link()],
            )
        return CheckResult.passed(
            _("All %(count)s activities of the stage “%(stage)s” are planned.")
            % {"count": len(activities), "stage": label},
            [_process_link()],
        )

    return stage_planned


for _stage in Stage.values:
    check(
        STAGE_CLAUSES[_stage],
        id=f"design.stage_planned_{_stage}",
        title=gettext_lazy("The activities of this stage are planned"),
    )(_stage_check(_stage))


# -- 4.4.3.1 and 4.6.2 c: the three specifications, approved ---------------------------------


def _missing_kinds(design: Design, point: ContactPoint) -> bool:
    return any(design.specification(point, kind) is None for kind in SpecificationKind.values)


@check(
    "4.4.3.1",
    id="design.specifications_approved",
    title=gettext_lazy("Every active contact point has its three specifications approved"),
)
def specifications_approved(organization: Organization) -> CheckResult:
    design = read_design(organization)
    return _over_points(
        design,
        lambda point: _missing_kinds(design, point),
        _(
            "All %(count)s active contact points have their service, provision and control "
            "specifications approved."
        ),
        _(
            "These contact points lack an approved service, provision or control specification: "
            "%(points)s."
        ),
    )


@check(
    "4.6.2 c",
    id="design.specifications_documented",
    title=gettext_lazy("The specifications exist as approved controlled documents"),
)
def specifications_documented(organization: Organization) -> CheckResult:
    return specifications_approved(organization)


# -- 4.4.3.2 to 4.4.3.4: each specification covers its categories ---------------------------


def _covers(items: list[SpecificationItem] | None, category: str) -> bool:
    return items is not None and any(item.category == category for item in items)


def _incomplete_control(items: list[SpecificationItem] | None) -> bool:
    """Inspection items need method, frequency and criterion; analysis items a frequency."""
    for item in items or []:
        if not item.applies:
            continue
        if item.category == ItemCategory.INSPECTION and not (
            item.method and item.frequency and item.criterion
        ):
            return True
        if item.category == ItemCategory.ANALYSIS and not item.frequency:
            return True
    return False


def _kind_check(kind: str) -> Callable[[Organization], CheckResult]:
    label = SpecificationKind(kind).label

    def covered(organization: Organization) -> CheckResult:
        design = read_design(organization)

        def failing(point: ContactPoint) -> bool:
            items = design.items_of(point, kind)
            gaps = any(not _covers(items, c) for c in CATEGORIES[kind])
            return gaps or (kind == SpecificationKind.CONTROL and _incomplete_control(items))

        failed = _(
            "The approved %(kind)s of these contact points is missing or leaves a category "
            "uncovered: %(points)s."
        )
        if kind == SpecificationKind.CONTROL:
            failed = _(
                "The approved %(kind)s of these contact points is missing, leaves a category "
                "uncovered, or has inspection items without method, frequency and criterion: "
                "%(points)s."
            )
        return _over_points(
            design,
            failing,
            _(
                "The approved %(kind)s of all %(count)s active contact points covers its "
                "four categories."
            ),
            failed,
            kind=label,
        )

    return covered


def _category_check(kind: str, category: str) -> Callable[[Organization], CheckResult]:
    label = ItemCategory(category).label

    def covered(organization: Organization) -> CheckResult:
        design = read_design(organization)
        return _over_points(
            design,
            lambda point: not _covers(design.items_of(point, kind), category),
            _(
                "“%(category)s” is specified, or said not to apply, for all %(count)s active "
                "contact points."
            ),
            _("“%(category)s” is not covered by an approved specification for: %(points)s."),
            category=label,
        )

    return covered


for _kind, _categories in CATEGORIES.items():
    check(
        {"service": "4.4.3.2", "provision": "4.4.3.3", "control": "4.4.3.4"}[_kind],
        id=f"design.{_kind}_specification_covered",
        title=gettext_lazy("Each approved specification covers its four categories"),
    )(_kind_check(_kind))
    for _category in _categories:
        check(
            CATEGORY_CLAUSES[_category],
            id=f"design.category_{_category}",
            title=gettext_lazy("Every active contact point has this category specified"),
        )(_category_check(_kind, _category))


# -- 4.3.1 people-oriented resources -----------------------------------------------------------


def _has_applicable(items: list[SpecificationItem] | None, categories: tuple[str, ...]) -> bool:
    return any(item.applies and item.category in categories for item in items or [])


@check(
    "4.3.1 a",
    id="design.personnel_first",
    title=gettext_lazy("Manned contact points specify their service personnel"),
)
def personnel_first(organization: Organization) -> CheckResult:
    design = read_design(organization)
    manned = Design([p for p in design.points if p.manned], design.approved, design.items)
    if design.points and not manned.points:
        return CheckResult.not_applicable(_("No active contact point is manned."))
    return _over_points(
        manned,
        lambda p: (
            not _has_applicable(
                manned.items_of(p, SpecificationKind.PROVISION), (ItemCategory.PERSONNEL,)
            )
        ),
        _(
            "The approved provision specifications of all %(count)s manned contact points state "
            "personnel requirements."
        ),
        _("These manned contact points have no approved personnel requirements: %(points)s."),
    )


@check(
    "4.3.1 b",
    id="design.resources_meet_needs",
    title=gettext_lazy("Where customers come in person, facilities and environment are specified"),
)
def resources_meet_needs(organization: Organization) -> CheckResult:
    design = read_design(organization)
    physical = Design([p for p in design.points if p.is_physical], design.approved, design.items)
    if design.points and not physical.points:
        return CheckResult.not_applicable(
            _("No active contact point is used by customers in person.")
        )
    wanted = (ItemCategory.FACILITIES, ItemCategory.ENVIRONMENT)
    return _over_points(
        physical,
        lambda p: not _has_applicable(physical.items_of(p, SpecificationKind.PROVISION), wanted),
        _(
            "The approved provision specifications of all %(count)s contact points customers use "
            "in person cover facilities or environment."
        ),
        _(
            "These contact points customers use in person have no approved facility or "
            "environment requirements: %(points)s."
        ),
    )
