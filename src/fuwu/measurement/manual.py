"""Monitoring and measurement in the service manual (4.6.3, 4.5.1 a and c): how
inspections follow the control specifications, how failures become nonconformities,
and the internal audit programme of the current cycle. Discovered at start-up like
every app's `manual.py`; a fixed number of queries."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.manual import (
    Block,
    BulletList,
    Heading,
    ManualContext,
    Paragraph,
    Table,
    manual_section,
)
from fuwu.design.models import Frequency

from .models import Audit, AuditProgramme, NonconformityGrain
from .selectors import settings_of
from .snapshot import control_plans


def _day(value: object) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


@manual_section(
    order=65,
    key="measurement",
    title=gettext_lazy("Monitoring and measurement"),
    clauses=("4.5.1 a", "4.5.1 c"),
)
def measurement(context: ManualContext) -> list[Block]:
    organization = context.organization
    settings = settings_of(organization)
    grain = (
        _("one nonconformity for each failed item")
        if settings.nonconformity_grain == NonconformityGrain.ITEM
        else _("one nonconformity for each round with failed items")
    )
    blocks: list[Block] = [
        Heading(_("Inspections (internal evaluation)"), level=2, note="4.5.1 a"),
        Paragraph.of(
            _(
                "Each contact point is inspected against the inspection and measurement items "
                "of its approved service control specification, with the site's approved "
                "addendum, at the frequency each item sets. A round keeps the items and the "
                "specification version it was generated from. Staff and managers record each "
                "item as passed, failed or not applicable, with the measured value where the "
                "criterion is a number; mystery-shopper visits check the same items as a "
                "customer meets them. A completed round with failed items raises %(grain)s, "
                "with the reaction the control specification prescribes."
            )
            % {"grain": grain}
        ),
    ]
    plans = control_plans(organization, sites=context.visible_site_ids())
    frequencies: dict[int, tuple[str, set[str], set[str]]] = {}
    for plan in plans.values():
        _label, sites, found = frequencies.setdefault(
            plan.point.pk, (plan.point.label, set(), set())
        )
        sites.add(plan.site.code)
        found.update(plan.frequencies())
    order = list(Frequency.values)
    blocks.append(
        Table(
            columns=(_("Contact point"), _("Inspected"), _("Sites")),
            rows=tuple(
                (
                    label,
                    ", ".join(str(Frequency(f).label) for f in sorted(found, key=order.index)),
                    ", ".join(sorted(sites)),
                )
                for label, sites, found in frequencies.values()
            ),
            widths=(3, 3, 2),
            empty=_(
                "No contact point has an approved control specification with inspection items yet."
            ),
        )
    )
    blocks.append(Heading(_("Internal audits"), level=2, note="4.5.1 c"))
    blocks.append(
        Paragraph.of(
            _(
                "An internal audit programme covers every applicable clause of SB/T 10382 "
                "within a cycle of %(months)s months. Each audit checks the clauses in its "
                "scope against the conformity engine's evidence; the auditor grades each "
                "finding (conformity, observation, opportunity for improvement, minor or "
                "major nonconformity). Minor and major nonconformities enter the "
                "nonconformity register; a re-audit confirms they are corrected."
            )
            % {"months": settings.audit_cycle_months}
        )
    )
    today = timezone.localdate()
    programme = (
        AuditProgramme.objects.filter(organization=organization, starts_on__lte=today)
        .order_by("-starts_on")
        .first()
    )
    if programme is None:
        blocks.append(Paragraph.of(_("No internal audit programme is recorded yet."), "notice"))
        return blocks
    audits = Audit.objects.filter(programme=programme).select_related("site", "auditor")
    if context.reader is not None:
        audits = Audit.objects.for_user(context.reader, organization=organization).filter(
            programme=programme
        )
    blocks.append(
        BulletList.of(
            [
                _("Current programme: %(title)s, %(start)s to %(end)s.")
                % {
                    "title": programme.title,
                    "start": _day(programme.starts_on),
                    "end": _day(programme.ends_on),
                }
            ]
        )
    )
    blocks.append(
        Table(
            columns=(_("Audit"), _("Process audited"), _("Site"), _("Planned"), _("Status")),
            rows=tuple(
                (
                    a.number,
                    a.process,
                    a.site.code if a.site_id else _("The whole organization"),
                    _day(a.planned_start),
                    str(a.get_status_display()),
                )
                for a in audits.order_by("planned_start", "pk")
            ),
            widths=(1.3, 3, 1.5, 1.3, 1.2),
            empty=_("No audit is planned in this programme yet."),
        )
    )
    return blocks
