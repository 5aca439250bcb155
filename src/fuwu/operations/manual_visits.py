"""Maintenance and return visits in the service manual (4.4.8, A.4.6): the rules the
organization set per contact point and the visits of the last 90 days. Registered
through manual.py."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone
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

from .models import ReturnVisit, ReturnVisitRule, VisitStatus


@manual_section(
    order=69,
    key="operations-return-visits",
    title=gettext_lazy("Maintenance and return visits"),
    clauses=("4.4.8",),
)
def return_visits(context: ManualContext) -> list[Block]:
    organization = context.organization
    rules = list(
        context.visible(
            ReturnVisitRule.objects.filter(organization=organization, is_active=True)
        ).select_related("site", "contact_point")
    )
    since = timezone.localdate() - timedelta(days=90)
    visits = context.visible(
        ReturnVisit.objects.filter(organization=organization, due_on__gte=since)
    )
    by_status = dict(visits.order_by().values_list("status").annotate(n=Count("pk")))
    blocks: list[Block] = [
        Paragraph.of(
            _(
                "Service continues after the customer leaves. A return visit is the "
                "continuation we initiate: each contact point's rule says how many days after "
                "which event (a check-out entered by the staff, a request closed, property "
                "handed back) the customer is called; the visit is assigned, performed and "
                "its outcome recorded. Maintenance is the continuation the customer asks for: "
                "it is logged as a customer request and tracked to its closure."
            )
        ),
        BulletList.of(
            [
                _(
                    "The customer's satisfaction answer on a visit is recorded as an "
                    "evaluation with channel “return visit”, and counts in the satisfaction "
                    "data."
                ),
                _("Visits not performed by their due date are flagged every hour."),
                _("A customer's name and contact are kept only with their consent, for the visit."),
            ]
        ),
    ]
    if rules:
        blocks += [
            Heading(_("Return-visit rules"), level=3),
            Table(
                tuple((f"{r.site} · {r.contact_point}", str(r.label), r.purpose) for r in rules),
                columns=(_("Where"), _("When"), _("What to ask")),
                widths=(1.5, 1.5, 2.0),
            ),
        ]
    blocks += [
        Heading(_("The last 90 days"), level=3),
        Table(
            tuple(
                (str(label), str(by_status.get(value, 0))) for value, label in VisitStatus.choices
            ),
            widths=(2.0, 1.0),
        ),
    ]
    return blocks
