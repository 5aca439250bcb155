"""Operations in the service manual (4.6.3 b, c): first-inquiry responsibility and
complaint handling (4.2.2), with the targets the organization set and the figures of
the last 90 days. Discovered at start-up like every app's `manual.py`."""

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

from .models import Confirmation, CustomerRequest, Priority, RequestKind
from .services.settings import settings_of


@manual_section(
    order=62,
    key="requests",
    title=gettext_lazy("Customer requests and complaints"),
    clauses=("4.2.2",),
)
def requests(context: ManualContext) -> list[Block]:
    organization = context.organization
    targets = settings_of(organization)
    since = timezone.now() - timedelta(days=90)
    logged = context.visible(
        CustomerRequest.objects.filter(organization=organization, received_at__gte=since)
    )
    by_kind = dict(logged.order_by().values_list("kind").annotate(n=Count("pk")))
    complaints = logged.filter(kind=RequestKind.COMPLAINT, closed_at__isnull=False)
    by_confirmation = dict(
        complaints.order_by().values_list("confirmation").annotate(n=Count("pk"))
    )
    blocks: list[Block] = [
        Paragraph.of(
            _(
                "Whoever a customer asks first logs the request, enquiry, complaint or "
                "compliment at once and is its first owner until it is closed, even when the "
                "work is handed over (each hand-over is recorded: from whom, to whom, when "
                "and why). What can be met at once is done at once; what cannot, the customer "
                "is told at once."
            )
        ),
        BulletList.of(
            [
                _(
                    "A complaint is numbered, acknowledged, assessed, investigated and "
                    "answered; the decision is communicated and it is closed by a site "
                    "manager with the customer's confirmation."
                ),
                _(
                    "A complaint closed unresolved or with the customer not satisfied raises "
                    "a nonconformity with a remedial action."
                ),
                _("A request past its target is escalated to the site manager automatically."),
                _(
                    "The customer's name and contact are kept only with their consent, for a "
                    "stated purpose, and erased when it is served."
                ),
            ]
        ),
        Heading(_("Targets"), level=3),
        Table(
            tuple(
                (
                    str(kind_label),
                    str(priority_label),
                    _("%(minutes)s min") % {"minutes": targets.response_minutes(kind, priority)},
                    _("%(hours)s h") % {"hours": targets.resolution_hours(kind, priority)},
                )
                for kind, kind_label in RequestKind.choices
                for priority, priority_label in Priority.choices
            ),
            columns=(_("Type"), _("Priority"), _("First response"), _("Resolution")),
            widths=(1.2, 1.0, 1.0, 1.0),
        ),
        Heading(_("The last 90 days"), level=3),
        Table(
            (
                *((str(label), str(by_kind.get(kind, 0))) for kind, label in RequestKind.choices),
                *(
                    (
                        _("Complaints closed: %(answer)s") % {"answer": label},
                        str(by_confirmation.get(value, 0)),
                    )
                    for value, label in Confirmation.choices
                ),
            ),
            widths=(2.0, 1.0),
        ),
    ]
    return blocks
