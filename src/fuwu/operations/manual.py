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


# -- customer requirements and their review (4.4.2), service commitments (4.4.5) -------------

from .fulfilment import source_label  # noqa: E402
from .models import (  # noqa: E402
    IN_FORCE,
    Commitment,
    CustomerRequirement,
    RequirementSource,
    RequirementStatus,
)


@manual_section(
    order=63,
    key="operations-requirements",
    title=gettext_lazy("Customer requirements and their review"),
    clauses=("4.4.2.1", "4.4.2.2"),
)
def customer_requirements(context: ManualContext) -> list[Block]:
    organization = context.organization
    records = context.visible(CustomerRequirement.objects.filter(organization=organization))
    by_source = dict(records.order_by().values_list("source").annotate(n=Count("pk")))
    by_status = dict(records.order_by().values_list("status").annotate(n=Count("pk")))
    return [
        Paragraph.of(
            _(
                "Customer requirements are recorded as they are identified: from the contract "
                "or order, from what the customer says, from laws and regulations, from the "
                "social responsibility and industry norms we adopted, and the potential ones "
                "we notice. Each is explicit, implicit or potential, names the customer or "
                "segment, the contact points and the service characteristics it concerns; "
                "every change is kept in its history."
            )
        ),
        BulletList.of(
            [
                _(
                    "Before we commit to a requirement, a site manager reviews our capability "
                    "against the tangible characteristics (personnel, facilities, supplies, "
                    "environment) and the intangible ones (scope, procedure, skills, etiquette)."
                ),
                _(
                    "The review decides: accept; accept with conditions; propose an alternative "
                    "with the reasons; or decline. Conditions and alternatives are told to the "
                    "customer (when and how are recorded) before the commitment."
                ),
                _(
                    "Fuwu refuses to mark a requirement committed without a review whose "
                    "decision allows it."
                ),
            ]
        ),
        Table(
            (
                *(
                    (str(label), str(by_source.get(value, 0)))
                    for value, label in RequirementSource.choices
                ),
                *(
                    (str(label), str(by_status.get(value, 0)))
                    for value, label in RequirementStatus.choices
                ),
            ),
            widths=(2.0, 1.0),
        ),
    ]


@manual_section(
    order=64,
    key="operations-commitments",
    title=gettext_lazy("Service commitments"),
    clauses=("4.4.5",),
)
def service_commitments(context: ManualContext) -> list[Block]:
    organization = context.organization
    in_force = (
        context.visible(Commitment.objects.filter(organization=organization, status__in=IN_FORCE))
        .select_related("owner", "site")
        .order_by("number")
    )
    blocks: list[Block] = [
        Paragraph.of(
            _(
                "We keep a register of every promise made to customers — in contracts, by "
                "word of mouth, and published on posters, websites or in advertising — each "
                "with a measurable fulfilment criterion, an owner and where it is published. "
                "We make no promise merely to win the market: a commitment is put in force or "
                "published only after a capability review has approved it, and again after "
                "any change to the promise."
            )
        ),
        BulletList.of(
            [
                _(
                    "Fulfilment is measured period by period from Fuwu's own data where it "
                    "can be (customers' evaluations, response times), and recorded by hand "
                    "otherwise."
                ),
                _("A period in which a promise was not kept raises a nonconformity."),
            ]
        ),
    ]
    if in_force:
        blocks.append(Heading(_("Commitments in force"), level=3))
        blocks.append(
            Table(
                tuple(
                    (
                        c.number,
                        c.promise,
                        f"{c.get_comparison_display()} {c.target} {c.unit}".strip(),
                        c.owner.display_name,
                        source_label(c.fulfilment_source),
                    )
                    for c in in_force
                ),
                columns=(
                    _("Number"),
                    _("Promise"),
                    _("Target"),
                    _("Owner"),
                    _("Fulfilment measured from"),
                ),
                widths=(1.0, 2.4, 1.0, 1.0, 1.2),
            )
        )
    return blocks


# -- customer communication (4.4.4) and customer property (4.4.7) -------------------------------


@manual_section(
    order=66,
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
    order=67,
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


# Shift hand-over and maintenance and return visits (4.4.8): sections in their own modules.
from . import manual_handovers, manual_visits  # noqa: E402, F401
