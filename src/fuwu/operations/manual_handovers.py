"""Shift hand-over in the service manual (imported by manual.py): how the work at a
contact point passes from one shift to the next, with the organization's
acknowledgement time and the figures of the last 90 days."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from fuwu.core.manual import (
    Block,
    BulletList,
    Heading,
    ManualContext,
    Paragraph,
    Table,
    manual_section,
)


@manual_section(
    order=68,
    key="operations-handovers",
    title=gettext_lazy("Shift hand-over"),
    clauses=("4.4.6",),
)
def shift_handover(context: ManualContext) -> list[Block]:
    from .models import Handover
    from .services.handovers import handover_settings_of

    organization = context.organization
    hours = handover_settings_of(organization).acknowledge_within_hours
    since = timezone.now() - timedelta(days=90)
    handed = context.visible(
        Handover.objects.filter(organization=organization, handed_over_at__gte=since)
    )
    counts = handed.aggregate(
        n=Count("pk"),
        acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
        flagged=Count("pk", filter=Q(flagged_at__isnull=False)),
    )
    return [
        Paragraph.of(
            _(
                "At the end of each shift the outgoing person hands the work over at their "
                "site and contact point: the open requests and the customer property in "
                "custody are assembled from the records as they stand, with the outgoing "
                "person's notes for the next shift. The incoming person reads it and "
                "acknowledges it; the hand-over keeps what they were told."
            )
        ),
        BulletList.of(
            [
                _(
                    "A hand-over is acknowledged by someone other than the person who handed "
                    "it over, once."
                ),
                _(
                    "A hand-over not acknowledged within %(hours)s hours is flagged to the "
                    "site's manager."
                )
                % {"hours": hours},
            ]
        ),
        Heading(_("The last 90 days"), level=3),
        Table(
            (
                (_("Hand-overs"), str(counts["n"])),
                (pgettext("hand-over", "Acknowledged"), str(counts["acknowledged"])),
                (_("Flagged to the site manager"), str(counts["flagged"])),
            ),
            widths=(2.0, 1.0),
        ),
    ]
