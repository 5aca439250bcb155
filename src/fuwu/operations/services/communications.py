"""The communication log (4.4.4): an exchange with a customer logged by whoever had
it, at their site; the answer to an enquiry with its time; the customer's reference
only with their consent, never written to the audit trail, and erasable."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.errors import StateConflict
from fuwu.core.models import Organization, Site
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import in_site_scope, require
from fuwu.design.models import ContactPoint

from ..models import (
    DEFAULT_ENQUIRY_RESPONSE_MINUTES,
    Channel,
    Communication,
    CommunicationSettings,
    Purpose,
)
from .common import check_contact_point, check_site, number_setting_update, require_text

LOG = "operations.log_communications"
ERASE = "operations.erase_customer_data"
MAX_ENQUIRY_MINUTES = 7 * 24 * 60


def _audited(record: Communication) -> dict[str, Any]:
    data = snapshot(record)
    if data.get("customer_reference"):
        data["customer_reference"] = "(given)"
    elif record.reference_erased_at:
        data["customer_reference"] = "(erased)"
    return data


def _check_times(purpose: str, occurred_at: datetime, answered_at: datetime | None) -> None:
    now = timezone.now()
    if occurred_at > now:
        raise ValidationError({"occurred_at": _("A communication cannot be in the future.")})
    if answered_at is not None:
        if purpose != Purpose.RESPOND:
            raise ValidationError(
                {"answered_at": _("Only the answer to an enquiry has an answer time.")}
            )
        if answered_at < occurred_at:
            raise ValidationError({"answered_at": _("The answer cannot come before the enquiry.")})
        if answered_at > now:
            raise ValidationError({"answered_at": _("The answer cannot be in the future.")})


def _reference(reference: str, consent: bool) -> dict[str, Any]:
    reference = (reference or "").strip()
    if not reference:
        return {"customer_reference": ""}
    if not consent:
        raise ValidationError(
            {"consent": _("Keep the customer's reference only with their consent: ask them first.")}
        )
    return {"customer_reference": reference[:120], "consented_at": timezone.now()}


def communication_log(
    *,
    actor: Any,
    organization: Organization,
    purpose: str,
    site: Site,
    summary_en: str = "",
    summary_zh: str = "",
    channel: str = Channel.IN_PERSON,
    contact_point: ContactPoint | None = None,
    occurred_at: datetime | None = None,
    answered_at: datetime | None = None,
    customer_reference: str = "",
    consent: bool = False,
) -> Communication:
    """Log an exchange with a customer at a site of the actor's; one transaction,
    audited (a customer's reference only as "(given)")."""
    require(actor, organization, LOG)
    check_site(actor, organization, site)
    if purpose not in Purpose.values:
        raise ValidationError(
            {"purpose": _("Choose inform, guide, respond to an enquiry or ask for opinions.")}
        )
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose how the customer was reached.")})
    check_contact_point(organization, site, contact_point)
    require_text("summary", summary_en, summary_zh, _("Write what was said, in either language."))
    occurred_at = occurred_at or timezone.now()
    _check_times(purpose, occurred_at, answered_at)
    with transaction.atomic():
        record = Communication(
            organization=organization,
            purpose=purpose,
            channel=channel,
            site=site,
            contact_point=contact_point,
            occurred_at=occurred_at,
            answered_at=answered_at,
            summary_en=summary_en or "",
            summary_zh=summary_zh or "",
            logged_by=actor,
            **_reference(customer_reference, consent),
        )
        record.full_clean()
        record.save()
        audit_record(
            actor=actor, action=AuditAction.CREATE, instance=record, after=_audited(record)
        )
        return record


def _may_change(actor: Any, record: Communication) -> None:
    require(actor, record.organization, LOG)
    if not in_site_scope(actor, record.organization, record.site_id):
        raise PermissionDenied(_("This communication is at a site outside your sites."))


def communication_update(
    *, actor: Any, communication: Communication, **changes: Any
) -> Communication:
    """Correct what was logged (summary, channel, contact point, times); the site
    stays. The reference cannot be added here without consent, as at logging."""
    record = communication
    _may_change(actor, record)
    allowed = {
        "purpose",
        "channel",
        "contact_point",
        "occurred_at",
        "answered_at",
        "summary_en",
        "summary_zh",
    }
    values = {k: v for k, v in changes.items() if k in allowed}
    purpose = values.get("purpose", record.purpose)
    if purpose not in Purpose.values:
        raise ValidationError(
            {"purpose": _("Choose inform, guide, respond to an enquiry or ask for opinions.")}
        )
    if values.get("channel", record.channel) not in Channel.values:
        raise ValidationError({"channel": _("Choose how the customer was reached.")})
    if "contact_point" in values:
        check_contact_point(record.organization, record.site, values["contact_point"])
    require_text(
        "summary",
        values.get("summary_en", record.summary_en),
        values.get("summary_zh", record.summary_zh),
        _("Write what was said, in either language."),
    )
    _check_times(
        purpose,
        values.get("occurred_at") or record.occurred_at,
        values.get("answered_at", record.answered_at),
    )
    with transaction.atomic():
        record = Communication.objects.select_for_update().get(pk=record.pk)
        before = _audited(record)
        for name, value in values.items():
            if name == "occurred_at" and value is None:
                continue
            setattr(record, name, "" if value is None and name.startswith("summary") else value)
        record.full_clean()
        record.save()
        after = _audited(record)
        if before != after:
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                instance=record,
                before=before,
                after=after,
            )
        return record


def communication_answer(
    *, actor: Any, communication: Communication, answered_at: datetime | None = None
) -> Communication:
    """Record that an enquiry was answered (now, or at the time given). Refused with
    409 for a communication that is no enquiry, or one answered already."""
    record = communication
    _may_change(actor, record)
    with transaction.atomic():
        record = Communication.objects.select_for_update().get(pk=record.pk)
        if record.purpose != Purpose.RESPOND:
            raise StateConflict(_("Only an enquiry is answered."))
        if record.answered_at is not None:
            raise StateConflict(_("This enquiry was answered already."))
        answered_at = answered_at or timezone.now()
        _check_times(record.purpose, record.occurred_at, answered_at)
        before = _audited(record)
        record.answered_at = answered_at
        record.save(update_fields=["answered_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=record,
            before=before,
            after=_audited(record),
        )
        return record


def communication_erase_reference(*, actor: Any, communication: Communication) -> Communication:
    """Erase the customer's reference; the communication and the erasure stay."""
    record = communication
    require(actor, record.organization, ERASE)
    if not in_site_scope(actor, record.organization, record.site_id):
        raise PermissionDenied(_("This communication is at a site outside your sites."))
    with transaction.atomic():
        record = Communication.objects.select_for_update().get(pk=record.pk)
        if not record.customer_reference:
            return record
        before = _audited(record)
        record.customer_reference = ""
        record.reference_erased_at = timezone.now()
        record.save(update_fields=["customer_reference", "reference_erased_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=record,
            before=before,
            after=_audited(record),
        )
        return record


# -- the organization's target ------------------------------------------------------------


def communication_settings_of(organization: Organization) -> CommunicationSettings:
    """The saved settings, or the defaults (unsaved) when there are none yet."""
    found = CommunicationSettings.objects.filter(organization=organization).first()
    return found or CommunicationSettings(
        organization=organization, enquiry_response_minutes=DEFAULT_ENQUIRY_RESPONSE_MINUTES
    )


def communication_settings_update(
    *, actor: Any, organization: Organization, enquiry_response_minutes: Any
) -> CommunicationSettings:
    """Set the time within which an enquiry is answered (minutes, 1 to a week)."""
    return number_setting_update(
        actor=actor,
        organization=organization,
        model=CommunicationSettings,
        field="enquiry_response_minutes",
        value=enquiry_response_minutes,
        maximum=MAX_ENQUIRY_MINUTES,
    )
