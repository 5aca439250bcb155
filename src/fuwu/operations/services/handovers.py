"""Shift hand-over: the outgoing person hands the shift over at a site (and contact
point) with their notes; the open requests and the items in custody there are copied
into the hand-over as they stand (both languages); the incoming person — anyone else
of the front line at that site — acknowledges it once. The worker (jobs.py) flags a
hand-over nobody acknowledged within the organization's hours to the site manager,
the way requests escalate."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.errors import StateConflict
from fuwu.core.models import Organization, Site
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import in_site_scope, require
from fuwu.core.services import number_next
from fuwu.design.models import ContactPoint

from ..models import (
    DEFAULT_ACKNOWLEDGE_HOURS,
    OPEN_STATUSES,
    CustomerRequest,
    Handover,
    HandoverSettings,
    PropertyItem,
    PropertyStatus,
)
from .common import check_contact_point, check_site, number_setting_update
from .requests import overdue_q, site_manager_of

HAND_OVER = "operations.hand_over"
MAX_ACKNOWLEDGE_HOURS = 7 * 24
# What a hand-over copies at most of each (a shift with more reads the registers).
SNAPSHOT_LIMIT = 100


def _save(actor: Any, handover: Handover, **changes: Any) -> Handover:
    before = snapshot(handover)
    for name, value in changes.items():
        setattr(handover, name, value)
    handover.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=handover,
        before=before,
        after=snapshot(handover),
    )
    return handover


# -- what is handed over ----------------------------------------------------------------------


def _at_point(qs: QuerySet, point: ContactPoint | None) -> QuerySet:
    """At the contact point, or at none in particular (the whole site's); every one of the
    site's without a contact point."""
    if point is None:
        return qs
    return qs.filter(Q(contact_point=point) | Q(contact_point__isnull=True))


def open_requests_at(
    organization: Organization, site: Site, point: ContactPoint | None, now: datetime
) -> list[dict[str, Any]]:
    # Open at `now`: received by then and not closed by then (the same as open today
    # when `now` is the present; the demo hands over in its history).
    qs = _at_point(
        CustomerRequest.objects.filter(
            organization=organization, site=site, received_at__lte=now
        ).filter(Q(status__in=OPEN_STATUSES) | Q(closed_at__gt=now)),
        point,
    )
    overdue = set(qs.filter(overdue_q(now)).values_list("pk", flat=True))
    return [
        {
            "id": r.pk,
            "number": r.number,
            "kind": r.kind,
            "priority": r.priority,
            # Closed since: its state at `now` is not kept, only that it was open.
            "status": "" if r.closed_at and r.closed_at > now else r.status,
            "summary_en": r.summary_en,
            "summary_zh": r.summary_zh,
            "overdue": r.pk in overdue,
        }
        for r in qs.order_by("received_at", "pk")[:SNAPSHOT_LIMIT]
    ]


def property_in_custody_at(
    organization: Organization, site: Site, point: ContactPoint | None, now: datetime
) -> list[dict[str, Any]]:
    qs = _at_point(
        PropertyItem.objects.filter(
            organization=organization, site=site, received_at__lte=now
        ).filter(
            Q(status=PropertyStatus.IN_CUSTODY) | Q(returned_at__gt=now) | Q(incident_at__gt=now)
        ),
        point,
    )
    today = timezone.localdate(now)
    return [
        {
            "id": i.pk,
            "number": i.number,
            "description_en": i.description_en,
            "description_zh": i.description_zh,
            "storage_location": i.storage_location,
            "expected_return_on": i.expected_return_on.isoformat()
            if i.expected_return_on
            else None,
            "overdue": i.expected_return_on is not None and i.expected_return_on < today,
        }
        for i in qs.order_by("received_at", "pk")[:SNAPSHOT_LIMIT]
    ]


def handover_create(
    *,
    actor: Any,
    organization: Organization,
    site: Site,
    contact_point: ContactPoint | None = None,
    notes_en: str = "",
    notes_zh: str = "",
) -> Handover:
    """Hand the shift over at a site of the actor's (and a contact point): the open
    requests and the items in custody there are copied into it as they stand now, with
    the outgoing person's notes (either language; none when there is nothing to add).
    Numbered HO-YEAR-NNNN; one transaction, audited."""
    require(actor, organization, HAND_OVER)
    check_site(actor, organization, site)
    check_contact_point(organization, site, contact_point)
    now = timezone.now()
    with transaction.atomic():
        handover = Handover(
            organization=organization,
            number=number_next(organization=organization, prefix="HO"),
            site=site,
            contact_point=contact_point,
            handed_over_at=now,
            outgoing=actor,
            notes_en=(notes_en or "").strip(),
            notes_zh=(notes_zh or "").strip(),
            open_requests=open_requests_at(organization, site, contact_point, now),
            property_in_custody=property_in_custody_at(organization, site, contact_point, now),
        )
        handover.full_clean()
        handover.save()
        audit_record(
            actor=actor, action=AuditAction.CREATE, instance=handover, after=snapshot(handover)
        )
        return handover


def handover_acknowledge(*, actor: Any, handover: Handover) -> Handover:
    """The incoming person takes the shift over: anyone of the front line at the
    hand-over's site but the person who handed it over; once (409 otherwise)."""
    require(actor, handover.organization, HAND_OVER)
    if not in_site_scope(actor, handover.organization, handover.site_id):
        raise PermissionDenied(_("This hand-over is at a site outside your sites."))
    with transaction.atomic():
        handover = Handover.objects.select_for_update().get(pk=handover.pk)
        if handover.acknowledged_at is not None:
            by = handover.acknowledged_by
            raise StateConflict(
                _("This hand-over was acknowledged already, by %(name)s at %(time)s.")
                % {
                    "name": by.display_name if by else "—",
                    "time": timezone.localtime(handover.acknowledged_at).strftime("%Y-%m-%d %H:%M"),
                }
            )
        if handover.outgoing_id == actor.pk:
            raise StateConflict(
                _(
                    "You handed this shift over: the person who takes it over acknowledges "
                    "it, not you."
                )
            )
        return _save(actor, handover, acknowledged_at=timezone.now(), acknowledged_by=actor)


# -- unacknowledged (the worker) ----------------------------------------------------------------


def handover_settings_of(organization: Organization) -> HandoverSettings:
    """The saved settings, or the defaults (unsaved) when there are none yet."""
    found = HandoverSettings.objects.filter(organization=organization).first()
    return found or HandoverSettings(
        organization=organization, acknowledge_within_hours=DEFAULT_ACKNOWLEDGE_HOURS
    )


def handover_settings_update(
    *, actor: Any, organization: Organization, acknowledge_within_hours: Any
) -> HandoverSettings:
    """Set the hours within which a hand-over is acknowledged (1 to a week)."""
    return number_setting_update(
        actor=actor,
        organization=organization,
        model=HandoverSettings,
        field="acknowledge_within_hours",
        value=acknowledge_within_hours,
        maximum=MAX_ACKNOWLEDGE_HOURS,
    )


def unacknowledged_q(now: datetime, hours: int) -> Q:
    """Not acknowledged within `hours` of being handed over."""
    return Q(acknowledged_at__isnull=True, handed_over_at__lt=now - timedelta(hours=hours))


def handovers_flag_unacknowledged(*, organization: Organization) -> int:
    """Flag every hand-over not acknowledged in time to its site's manager, once; run
    by `fuwu worker` (jobs.py). Returns how many were flagged."""
    now = timezone.now()
    hours = handover_settings_of(organization).acknowledge_within_hours
    count = 0
    candidates = Handover.objects.filter(
        unacknowledged_q(now, hours), organization=organization, flagged_at__isnull=True
    ).values_list("pk", "site_id")
    for pk, site_id in list(candidates):
        manager = site_manager_of(organization, site_id)
        with transaction.atomic():
            handover = Handover.objects.select_for_update().get(pk=pk)
            if handover.flagged_at is not None or handover.acknowledged_at is not None:
                continue
            _save(None, handover, flagged_at=now, flagged_to=manager)
            count += 1
    return count
