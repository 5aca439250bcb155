# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Customer property in custody (4.4.7 b, d): received with its condition (and a
photo), kept at a storage location, handed back to its owner — or lost or damaged,
which raises a nonconformity through improvement's source registry and records when
and how the customer was told. Items past their expected return are flagged by the
worker (jobs.py).

A loss or damage, a return, an erasure are refused with 409 when the item's state
does not allow them. The owner's identity is kept only with consent and a purpose,
never written to the audit trail, and erasable."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.errors import StateConflict
from fuwu.core.models import Organization, Site
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import in_site_scope, require
from fuwu.core.services import number_next
from fuwu.design.models import ContactPoint

from ..models import Channel, PropertyItem, PropertyStatus
from .common import check_contact_point, check_site, require_text
from .requests import _identity

KEEP = "operations.keep_property"
ERASE = "operations.erase_customer_data"
IDENTITY = ("owner_name", "owner_contact")
PHOTO_TYPES = {
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".png": b"\x89PNG",
    ".webp": b"RIFF",
}
PHOTO_MAX_MB = 10
INCIDENTS = {PropertyStatus.LOST, PropertyStatus.DAMAGED}


def _audited(item: PropertyItem) -> dict[str, Any]:
    data = snapshot(item)
    for name in IDENTITY:
        if data.get(name):
            data[name] = "(given)"
        elif item.identity_erased_at:
            data[name] = "(erased)"
    if data.get("returned_to"):
        data["returned_to"] = "(given)"
    return data


def _save(actor: Any, item: PropertyItem, **changes: Any) -> PropertyItem:
    before = _audited(item)
    for name, value in changes.items():
        setattr(item, name, value)
    item.full_clean()
    item.save(update_fields=[*changes, "updated_at"])
    after = _audited(item)
    if before != after:
        audit_record(
            actor=actor, action=AuditAction.UPDATE, instance=item, before=before, after=after
        )
    return item


def _in_scope(actor: Any, item: PropertyItem) -> None:
    require(actor, item.organization, KEEP)
    if not in_site_scope(actor, item.organization, item.site_id):
        raise PermissionDenied(_("This item is at a site outside your sites."))


def _locked(item: PropertyItem) -> PropertyItem:
    return PropertyItem.objects.select_for_update().get(pk=item.pk)


def check_photo(photo: UploadedFile) -> None:
    """A photo of the condition: a JPEG, PNG or WebP image of at most 10 MB (and no
    more than the site-wide upload limit), whose content is what its name says."""
    name = (photo.name or "").lower()
    ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if ext not in PHOTO_TYPES:
        raise ValidationError({"photo": _("The photo must be a JPEG, PNG or WebP image.")})
    limit = min(PHOTO_MAX_MB, settings.FUWU_MAX_UPLOAD_MB)
    if photo.size > limit * 1024 * 1024:
        raise ValidationError({"photo": _("The photo is larger than %(mb)s MB.") % {"mb": limit}})
    head = photo.read(16)
    photo.seek(0)
    if not head.startswith(PHOTO_TYPES[ext]):
        raise ValidationError({"photo": _("The file content does not match its type.")})


def _attach(actor: Any, item: PropertyItem, photo: UploadedFile | None) -> None:
    if photo is None:
        return
    from fuwu.core.services.attachments import attachment_add

    try:
        attachment_add(actor=actor, record=item, upload=photo)
    except PermissionDenied as exc:
        raise ValidationError({"photo": _("You may not attach a photo.")}) from exc


def _owner(name: str, contact: str, consent: bool, purpose: str) -> dict[str, Any]:
    identity = _identity(name, contact, consent, purpose)
    renamed = {
        "customer_name": "owner_name",
        "customer_contact": "owner_contact",
    }
    return {renamed.get(k, k): v for k, v in identity.items()}


def _check_expected(expected_return_on: date | None, received_at: datetime) -> None:
    if expected_return_on is not None and expected_return_on < timezone.localdate(received_at):
        raise ValidationError(
            {"expected_return_on": _("The expected return cannot be before it was received.")}
        )


def property_receive(
    *,
    actor: Any,
    organization: Organization,
    site: Site,
    description_en: str = "",
    description_zh: str = "",
    storage_location: str = "",
    contact_point: ContactPoint | None = None,
    condition_en: str = "",
    condition_zh: str = "",
    expected_return_on: date | None = None,
    owner_name: str = "",
    owner_contact: str = "",
    consent: bool = False,
    consent_purpose: str = "",
    received_at: datetime | None = None,
    photo: UploadedFile | None = None,
) -> PropertyItem:
    """Take an item into custody at a site of the actor's: what, its condition (a
    photo optional), where it is kept, when it should go back; the owner only with
    consent. Numbered CL-YEAR-NNNN (the claim tag's number); one transaction, audited."""
    require(actor, organization, KEEP)
    check_site(actor, organization, site)
    check_contact_point(organization, site, contact_point)
    require_text(
        "description",
        description_en,
        description_zh,
        _("Say what the item is, in either language."),
    )
    require_text(
        "condition",
        condition_en,
        condition_zh,
        _("Describe its condition when received (e.g. no visible damage)."),
    )
    storage_location = (storage_location or "").strip()
    if not storage_location:
        raise ValidationError({"storage_location": _("Say where the item is kept.")})
    now = timezone.now()
    received_at = received_at or now
    if received_at > now:
        raise ValidationError({"received_at": _("An item cannot be received in the future.")})
    _check_expected(expected_return_on, received_at)
    owner = _owner(owner_name, owner_contact, consent, consent_purpose)
    if photo is not None:
        check_photo(photo)
    with transaction.atomic():
        item = PropertyItem(
            organization=organization,
            number=number_next(organization=organization, prefix="CL"),
            description_en=description_en or "",
            description_zh=description_zh or "",
            site=site,
            contact_point=contact_point,
            received_at=received_at,
            received_by=actor,
            condition_en=condition_en or "",
            condition_zh=condition_zh or "",
            storage_location=storage_location[:200],
            expected_return_on=expected_return_on,
            **owner,
        )
        item.full_clean()
        item.save()
        audit_record(actor=actor, action=AuditAction.CREATE, instance=item, after=_audited(item))
        _attach(actor, item, photo)
        return item


def property_update(
    *,
    actor: Any,
    item: PropertyItem,
    description_en: str | None = None,
    description_zh: str | None = None,
    condition_en: str | None = None,
    condition_zh: str | None = None,
    storage_location: str | None = None,
    expected_return_on: date | None = None,
    contact_point: ContactPoint | None = None,
    photo: UploadedFile | None = None,
) -> PropertyItem:
    """Correct an item in custody: what, its condition, where it is kept, the expected
    return (a new date clears the overdue flag). 409 once it is back, lost or damaged."""
    _in_scope(actor, item)
    changes: dict[str, Any] = {}
    for name, value in (
        ("description_en", description_en),
        ("description_zh", description_zh),
        ("condition_en", condition_en),
        ("condition_zh", condition_zh),
    ):
        if value is not None:
            changes[name] = value
    require_text(
        "description",
        changes.get("description_en", item.description_en),
        changes.get("description_zh", item.description_zh),
        _("Say what the item is, in either language."),
    )
    require_text(
        "condition",
        changes.get("condition_en", item.condition_en),
        changes.get("condition_zh", item.condition_zh),
        _("Describe its condition when received (e.g. no visible damage)."),
    )
    if storage_location is not None:
        if not storage_location.strip():
            raise ValidationError({"storage_location": _("Say where the item is kept.")})
        changes["storage_location"] = storage_location.strip()[:200]
    if contact_point is not None:
        check_contact_point(item.organization, item.site, contact_point)
        changes["contact_point"] = contact_point
    _check_expected(expected_return_on, item.received_at)
    if expected_return_on != item.expected_return_on:
        changes["expected_return_on"] = expected_return_on
        changes["overdue_flagged_at"] = None
    if photo is not None:
        check_photo(photo)
    with transaction.atomic():
        item = _locked(item)
        if not item.in_custody:
            raise StateConflict(_("This item is no longer in custody; its record is closed."))
        if changes:
            _save(actor, item, **changes)
        _attach(actor, item, photo)
        return item


def property_return(
    *,
    actor: Any,
    item: PropertyItem,
    returned_to: str = "",
    returned_at: datetime | None = None,
) -> PropertyItem:
    """Hand the item back (to whom: the owner, or the person they sent). An item in
    custody, or a damaged one, goes back; 409 for one returned already or lost."""
    _in_scope(actor, item)
    returned_to = (returned_to or "").strip()
    if not returned_to:
        raise ValidationError({"returned_to": _("Say to whom the item was handed back.")})
    now = timezone.now()
    returned_at = returned_at or now
    if returned_at > now:
        raise ValidationError({"returned_at": _("An item cannot be returned in the future.")})
    with transaction.atomic():
        item = _locked(item)
        if item.status == PropertyStatus.RETURNED:
            raise StateConflict(_("This item was handed back already."))
        if item.status == PropertyStatus.LOST:
            raise StateConflict(_("This item is lost; it cannot be handed back."))
        if returned_at < item.received_at:
            raise ValidationError(
                {"returned_at": _("An item cannot be returned before it was received.")}
            )
        return _save(
            actor,
            item,
            status=PropertyStatus.RETURNED,
            returned_at=returned_at,
            returned_to=returned_to[:120],
            returned_by=actor,
        )


def _informed(informed_at: datetime | None, how: str, after: datetime) -> dict[str, Any]:
    if informed_at is None:
        if how:
            raise ValidationError({"customer_informed_at": _("Say when the customer was told.")})
        return {}
    if how not in Channel.values:
        raise ValidationError({"customer_informed_how": _("Say how the customer was told.")})
    if informed_at > timezone.now():
        raise ValidationError(
            {"customer_informed_at": _("The customer cannot be told in the future.")}
        )
    if informed_at < after:
        raise ValidationError(
            {"customer_informed_at": _("The customer was told before the item was received?")}
        )
    return {"customer_informed_at": informed_at, "customer_informed_how": how}


def property_report(
    *,
    actor: Any,
    item: PropertyItem,
    kind: str,
    incident_en: str = "",
    incident_zh: str = "",
    found_at: datetime | None = None,
    customer_informed_at: datetime | None = None,
    customer_informed_how: str = "",
) -> PropertyItem:
    """Report the item lost or damaged: what happened, and (now or later) when and how
    the customer was told. Raises a nonconformity (source "customer_property") in the
    reporter's name. 409 unless the item is in custody."""
    _in_scope(actor, item)
    if kind not in INCIDENTS:
        raise ValidationError({"kind": _("Choose lost or damaged.")})
    require_text("incident", incident_en, incident_zh, _("Say what happened to the item."))
    now = timezone.now()
    found_at = found_at or now
    if found_at > now:
        raise ValidationError({"found_at": _("A loss or damage cannot be found in the future.")})
    with transaction.atomic():
        item = _locked(item)
        if not item.in_custody:
            raise StateConflict(
                _(
                    "Only an item in custody can be reported lost or damaged; this one is "
                    "%(status)s."
                )
                % {"status": item.get_status_display().lower()}
            )
        if found_at < item.received_at:
            raise ValidationError(
                {"found_at": _("A loss or damage cannot be found before the item was received.")}
            )
        informed = _informed(customer_informed_at, customer_informed_how, item.received_at)
        changes: dict[str, Any] = {
            "status": kind,
            "incident_at": found_at,
            "incident_en": incident_en or "",
            "incident_zh": incident_zh or "",
            "reported_by": actor,
            **informed,
        }
        _save(actor, item, **changes)
        nc = _raise_nonconformity(actor, item, found_at)
        return _save(actor, item, nonconformity=nc)


def property_inform(
    *,
    actor: Any,
    item: PropertyItem,
    customer_informed_at: datetime | None = None,
    customer_informed_how: str = "",
) -> PropertyItem:
    """Record that the customer was told of the loss or damage (when, how). 409 for an
    item with no loss or damage, or one whose customer was told already."""
    _in_scope(actor, item)
    with transaction.atomic():
        item = _locked(item)
        if item.incident_at is None:
            raise StateConflict(_("Nothing happened to this item to tell the customer about."))
        if item.customer_informed_at is not None:
            raise StateConflict(_("The customer was told already."))
        informed = _informed(
            customer_informed_at or timezone.now(), customer_informed_how, item.received_at
        )
        # The nonconformity keeps what was known when it was raised; its disposition
        # (improvement) records the customer told, the item records when and how.
        return _save(actor, item, **informed)


def _description(item: PropertyItem, language: str) -> tuple[str, str]:
    what = (
        (item.description_en or item.description_zh)
        if language == "en"
        else (item.description_zh or item.description_en)
    )
    happened = (
        (item.incident_en or item.incident_zh)
        if language == "en"
        else (item.incident_zh or item.incident_en)
    )
    return what, happened


def _raise_nonconformity(actor: Any, item: PropertyItem, found_at: datetime) -> Any:
    from fuwu.improvement.services.nonconformities import raise_nonconformity

    lost = item.status == PropertyStatus.LOST
    what_en, happened_en = _description(item, "en")
    what_zh, happened_zh = _description(item, "zh")
    state_en = "lost" if lost else "damaged"
    state_zh = "遗失" if lost else "损坏"
    return raise_nonconformity(
        actor=actor,
        organization=item.organization,
        site=item.site,
        source="customer_property",
        source_object=item,
        contact_point=item.contact_point,
        severity="major" if lost else "minor",
        description_en=f"{item.number}: customer property {state_en} in custody: {what_en}\n"
        f"{happened_en}".strip(),
        description_zh=f"{item.number}：保管中的顾客财产{state_zh}：{what_zh}\n{happened_zh}".strip(),
        customer_informed=item.customer_informed_at is not None,
        customer_affected=True,
        detected_at=found_at,
    )


def property_erase_identity(*, actor: Any, item: PropertyItem) -> PropertyItem:
    """Erase the owner's name and contact (the purpose is served, or they asked): the
    item, its consent and the erasure stay on record."""
    require(actor, item.organization, ERASE)
    if not in_site_scope(actor, item.organization, item.site_id):
        raise PermissionDenied(_("This item is at a site outside your sites."))
    with transaction.atomic():
        item = _locked(item)
        if not item.has_identity:
            return item
        return _save(
            actor, item, owner_name="", owner_contact="", identity_erased_at=timezone.now()
        )


# -- overdue (the worker) -------------------------------------------------------------------


def overdue_items(organization: Organization, today: date | None = None):
    today = today or timezone.localdate()
    return PropertyItem.objects.filter(
        organization=organization,
        status=PropertyStatus.IN_CUSTODY,
        expected_return_on__lt=today,
    )


def property_flag_overdue(*, organization: Organization) -> int:
    """Flag every item in custody past its expected return, once; run by `fuwu
    worker` (jobs.py). Returns how many were flagged."""
    now = timezone.now()
    count = 0
    for pk in list(
        overdue_items(organization)
        .filter(overdue_flagged_at__isnull=True)
        .values_list("pk", flat=True)
    ):
        with transaction.atomic():
            item = PropertyItem.objects.select_for_update().get(pk=pk)
            if item.overdue_flagged_at is not None or not item.is_overdue:
                continue
            _save(None, item, overdue_flagged_at=now)
            count += 1
    return count
