"""Customer requirements and their review before commitment (4.4.2, A.4.2.1).

Recorded by the front line; reviewed by a site manager or above — the capability
against the tangible and the intangible characteristics, a decision, the customer
told — and only then committed. Marking a requirement committed without a review
whose decision allows it answers 409 with the reason. Every change is audited (the
register's history)."""

from __future__ import annotations

from datetime import date, datetime
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
from fuwu.core.services import number_next
from fuwu.design.models import Characteristic, ContactPoint

from ..models import (
    Channel,
    CustomerRequirement,
    RequirementKind,
    RequirementReview,
    RequirementSource,
    RequirementStatus,
    ReviewDecision,
)
from ..models.requirements import REASONED_DECISIONS
from .common import require_text

RECORD = "operations.record_requirements"
REVIEW = "operations.review_requirements"
EDITABLE = (
    "site",
    "source",
    "kind",
    "customer_en",
    "customer_zh",
    "text_en",
    "text_zh",
    "reference",
    "received_on",
    "contact_points",
    "characteristics",
)


def _snapshot(record: CustomerRequirement) -> dict[str, Any]:
    # The contact points and characteristics are in it (many-to-many ids).
    return snapshot(record)


def _scope(actor: Any, organization: Organization, site: Site | None) -> None:
    if site is not None and (not isinstance(site, Site) or site.organization_id != organization.pk):
        raise ValidationError({"site": _("Choose a site of this organization.")})
    if not in_site_scope(actor, organization, site.pk if site else None):
        raise PermissionDenied(
            _("This site is outside your sites.")
            if site
            else _("Only someone who works for every site records an organization-wide one.")
        )


def _clean(organization: Organization, data: dict[str, Any]) -> dict[str, Any]:
    if data.get("source") not in RequirementSource.values:
        raise ValidationError({"source": _("Choose where the requirement comes from.")})
    if data.get("kind") not in RequirementKind.values:
        raise ValidationError({"kind": _("Choose explicit, implicit or potential.")})
    require_text(
        "text",
        data.get("text_en", ""),
        data.get("text_zh", ""),
        _("Write the requirement, in either language."),
    )
    require_text(
        "customer",
        data.get("customer_en", ""),
        data.get("customer_zh", ""),
        _("Name the customer or the segment of customers."),
    )
    received = data.get("received_on") or timezone.localdate()
    if not isinstance(received, date) or received > timezone.localdate():
        raise ValidationError({"received_on": _("A requirement cannot be received in the future.")})
    data["received_on"] = received
    site = data.get("site")
    points = list(data.get("contact_points") or [])
    for point in points:
        if not isinstance(point, ContactPoint) or point.organization_id != organization.pk:
            raise ValidationError(
                {"contact_points": _("Choose contact points of this organization.")}
            )
        if site is not None and point.site_id not in (None, site.pk):
            raise ValidationError(
                {"contact_points": _("A contact point of another site was chosen.")}
            )
    characteristics = list(data.get("characteristics") or [])
    for characteristic in characteristics:
        if (
            not isinstance(characteristic, Characteristic)
            or characteristic.organization_id != organization.pk
        ):
            raise ValidationError(
                {"characteristics": _("Choose characteristics of this organization.")}
            )
    data["contact_points"], data["characteristics"] = points, characteristics
    for name in ("customer_en", "customer_zh", "text_en", "text_zh", "reference"):
        data[name] = (data.get(name) or "").strip()
    return data


def requirement_record(
    *,
    actor: Any,
    organization: Organization,
    source: str,
    kind: str,
    text_en: str = "",
    text_zh: str = "",
    customer_en: str = "",
    customer_zh: str = "",
    site: Site | None = None,
    reference: str = "",
    received_on: date | None = None,
    contact_points: Any = (),
    characteristics: Any = (),
) -> CustomerRequirement:
    """Record a customer requirement (numbered REQ-YEAR-NNNN), not yet reviewed."""
    require(actor, organization, RECORD)
    _scope(actor, organization, site)
    data = _clean(
        organization,
        {
            "site": site,
            "source": source,
            "kind": kind,
            "text_en": text_en,
            "text_zh": text_zh,
            "customer_en": customer_en,
            "customer_zh": customer_zh,
            "reference": reference,
            "received_on": received_on,
            "contact_points": contact_points,
            "characteristics": characteristics,
        },
    )
    points, characteristics = data.pop("contact_points"), data.pop("characteristics")
    with transaction.atomic():
        record = CustomerRequirement(
            organization=organization,
            number=number_next(organization=organization, prefix="REQ"),
            recorded_by=actor,
            **data,
        )
        record.full_clean()
        record.save()
        record.contact_points.set(points)
        record.characteristics.set(characteristics)
        audit_record(
            actor=actor, action=AuditAction.CREATE, instance=record, after=_snapshot(record)
        )
        return record


def requirement_update(
    *, actor: Any, requirement: CustomerRequirement, data: dict[str, Any]
) -> CustomerRequirement:
    """Change what was recorded; a committed or declined requirement is settled (409).
    A reviewed one goes back to "recorded": it needs a new review."""
    organization = requirement.organization
    require(actor, organization, RECORD)
    _scope(actor, organization, requirement.site)
    values = {name: getattr(requirement, name) for name in EDITABLE if name not in data}
    values |= {k: v for k, v in data.items() if k in EDITABLE}
    if "contact_points" not in data:
        values["contact_points"] = list(requirement.contact_points.all())
    if "characteristics" not in data:
        values["characteristics"] = list(requirement.characteristics.all())
    _scope(actor, organization, values.get("site"))
    values = _clean(organization, values)
    points, characteristics = values.pop("contact_points"), values.pop("characteristics")
    with transaction.atomic():
        record = CustomerRequirement.objects.select_for_update().get(pk=requirement.pk)
        if record.status in (RequirementStatus.COMMITTED, RequirementStatus.DECLINED):
            raise StateConflict(
                _("This requirement is %(status)s: record a new one for what changed.")
                % {"status": record.get_status_display().lower()}
            )
        before = _snapshot(record)
        for name, value in values.items():
            setattr(record, name, value)
        record.status = RequirementStatus.RECORDED
        record.full_clean()
        record.save()
        record.contact_points.set(points)
        record.characteristics.set(characteristics)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=record,
            before=before,
            after=_snapshot(record),
        )
        return record


def requirement_review(
    *,
    actor: Any,
    requirement: CustomerRequirement,
    decision: str,
    tangible_en: str = "",
    tangible_zh: str = "",
    intangible_en: str = "",
    intangible_zh: str = "",
    reasons_en: str = "",
    reasons_zh: str = "",
    customer_told_at: datetime | None = None,
    customer_told_how: str = "",
    customer_agreed: bool | None = None,
) -> RequirementReview:
    """Review a requirement before commitment. The capability against the tangible
    and the intangible characteristics is written for both; accepting with conditions,
    proposing an alternative or declining gives the conditions, the alternative with
    its reasons, or the reasons. Declining settles the requirement."""
    organization = requirement.organization
    require(actor, organization, REVIEW)
    if not in_site_scope(actor, organization, requirement.site_id):
        raise PermissionDenied(_("This requirement is outside your sites."))
    if decision not in ReviewDecision.values:
        raise ValidationError({"decision": _("Choose a decision.")})
    require_text(
        "tangible",
        tangible_en,
        tangible_zh,
        _("Say whether the facilities, supplies, environment and people can meet it."),
    )
    require_text(
        "intangible",
        intangible_en,
        intangible_zh,
        _("Say whether the procedure, skills, etiquette and scope can meet it."),
    )
    if decision in REASONED_DECISIONS:
        require_text(
            "reasons",
            reasons_en,
            reasons_zh,
            _("Give the conditions, the alternative with its reasons, or why it is declined."),
        )
    if customer_told_how and customer_told_how not in Channel.values:
        raise ValidationError({"customer_told_how": _("Choose how the customer was told.")})
    now = timezone.now()
    if customer_told_at is not None and customer_told_at > now:
        raise ValidationError({"customer_told_at": _("The customer cannot be told in the future.")})
    if customer_told_at is not None and not customer_told_how:
        raise ValidationError({"customer_told_how": _("Say how the customer was told.")})
    with transaction.atomic():
        record = CustomerRequirement.objects.select_for_update().get(pk=requirement.pk)
        if record.status in (RequirementStatus.COMMITTED, RequirementStatus.DECLINED):
            raise StateConflict(
                _("This requirement is %(status)s already; it is not reviewed again.")
                % {"status": record.get_status_display().lower()}
            )
        review = RequirementReview.objects.create(
            organization=organization,
            requirement=record,
            reviewer=actor,
            reviewed_at=now,
            decision=decision,
            tangible_en=tangible_en or "",
            tangible_zh=tangible_zh or "",
            intangible_en=intangible_en or "",
            intangible_zh=intangible_zh or "",
            reasons_en=reasons_en or "",
            reasons_zh=reasons_zh or "",
            customer_told_at=customer_told_at,
            customer_told_how=customer_told_how or "",
            customer_agreed=customer_agreed,
        )
        audit_record(
            actor=actor, action=AuditAction.CREATE, instance=review, after=snapshot(review)
        )
        before = _snapshot(record)
        record.status = (
            RequirementStatus.DECLINED
            if decision == ReviewDecision.DECLINE
            else RequirementStatus.REVIEWED
        )
        record.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=record,
            before=before,
            after=_snapshot(record),
        )
        return review


def refusal(requirement: CustomerRequirement) -> str:
    """Why the requirement cannot be committed now ("" when it can)."""
    if requirement.status == RequirementStatus.COMMITTED:
        return _("This requirement is committed already.")
    if requirement.status == RequirementStatus.DECLINED:
        return _("This requirement was declined; it cannot be committed.")
    review = requirement.latest_review()
    if review is None or requirement.status != RequirementStatus.REVIEWED:
        return _(
            "Review this requirement before committing to it: the capability against the "
            "tangible and intangible characteristics, and a decision (4.4.2)."
        )
    if review.decision == ReviewDecision.DECLINE:
        return _("The review declined this requirement; it cannot be committed.")
    if review.decision != ReviewDecision.ACCEPT and review.customer_told_at is None:
        return _(
            "The review accepted it only with conditions or an alternative: tell the customer "
            "first, and record when and how in a new review."
        )
    if review.decision == ReviewDecision.ALTERNATIVE and not review.customer_agreed:
        return _("The customer has not agreed to the alternative proposed; it cannot be committed.")
    return ""


def requirement_commit(*, actor: Any, requirement: CustomerRequirement) -> CustomerRequirement:
    """Mark the requirement committed: only after a review whose decision allows it
    (409 with the reason otherwise)."""
    organization = requirement.organization
    require(actor, organization, REVIEW)
    if not in_site_scope(actor, organization, requirement.site_id):
        raise PermissionDenied(_("This requirement is outside your sites."))
    with transaction.atomic():
        record = CustomerRequirement.objects.select_for_update().get(pk=requirement.pk)
        reason = refusal(record)
        if reason:
            raise StateConflict(reason)
        before = _snapshot(record)
        record.status = RequirementStatus.COMMITTED
        record.committed_at = timezone.now()
        record.committed_by = actor
        record.save(update_fields=["status", "committed_at", "committed_by", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=record,
            before=before,
            after=_snapshot(record),
        )
        return record
