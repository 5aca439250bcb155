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
    order=45,
    key="operations-requests",
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


# -- customer communication (4.4.4) and customer property (4.4.7) -------------------------------


@manual_section(
    order=46,
    key="operations-communication",
    title=gettext_lazy("Customer communication"),
    clauses=("4.4.4",),
)
def communication(context: ManualContext) -> list[Block]:
    from .models import Communication, Purpose
    from .services.communications import communication_settings_of

    organization = context.organization
    target = communication_settings_of(organization).enquiry_response_minutes
    since = timezone.now() - timedelta(days=90)
    logged = context.visible(
        Communication.objects.filter(organization=organization, occurred_at__gte=since)
    )
    by_purpose = dict(logged.order_by().values_list("purpose").annotate(n=Count("pk")))
    return [
        Paragraph.of(
            _(
                "At each staffed contact point the staff tell customers what the service is, "
                "guide them where their cooperation is needed, answer their enquiries and ask "
                "for their opinions, and log each exchange: its purpose, channel, contact "
                "point and site, what was said, and for an enquiry when it was asked and "
                "answered."
            )
        ),
        BulletList.of(
            [
                _("An enquiry is answered within %(minutes)s minutes.") % {"minutes": target},
                _("A customer's reference is kept only with their consent, and erased on request."),
            ]
        ),
        Heading(_("The last 90 days"), level=3),
        Table(
            tuple((str(label), str(by_purpose.get(value, 0))) for value, label in Purpose.choices),
            widths=(2.0, 1.0),
        ),
    ]


@manual_section(
    order=47,
    key="operations-property",
    title=gettext_lazy("Customer property"),
    clauses=("4.4.7",),
)
def customer_property(context: ManualContext) -> list[Block]:
    from .models import PropertyItem, PropertyStatus

    organization = context.organization
    since = timezone.now() - timedelta(days=365)
    items = context.visible(
        PropertyItem.objects.filter(organization=organization, received_at__gte=since)
    )
    by_status = dict(items.order_by().values_list("status").annotate(n=Count("pk")))
    return [
        Paragraph.of(
            _(
                "Property a customer leaves in our care is received against a numbered claim "
                "tag: what it is, its condition (with a photo where useful), where and when it "
                "was received and by whom, where it is kept and when it is expected back. It "
                "is handed back to its owner, or to the person they send, and the hand-back "
                "is recorded."
            )
        ),
        BulletList.of(
            [
                _(
                    "An item lost or damaged in custody raises a nonconformity, and the "
                    "customer is told at once; when and how is recorded."
                ),
                _("Items not collected by their expected date are flagged every hour."),
                _(
                    "The owner's name and contact are kept only with their consent, for a "
                    "stated purpose, and erased when it is served."
                ),
            ]
        ),
        Heading(_("The last 12 months"), level=3),
        Table(
            tuple(
                (str(label), str(by_status.get(value, 0)))
                for value, label in PropertyStatus.choices
            ),
            widths=(2.0, 1.0),
        ),
    ]
