"""Nonconformities (4.5.2): raised from any registered source, analysed, disposed of,
closed once their corrective actions are verified effective."""

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
from fuwu.core.permissions import require
from fuwu.core.services import number_next, record_create, record_update
from fuwu.design.models import CharacteristicKey, ContactPoint

from ..models import CauseCategory, NCStatus, Nonconformity, Severity
from ..sources import get_source
from ..workflow import CLOSE, NONCONFORMITY_WORKFLOW
from .common import check_site, require_text

RAISE_CAPABILITY = "improvement.raise_nonconformity"
EDITABLE = (
    "site",
    "contact_point",
    "characteristic",
    "severity",
    "description_en",
    "description_zh",
    "detected_at",
    "customer_affected",
    "immediate_remedy_en",
    "immediate_remedy_zh",
    "customer_informed",
)


def _source_id(source_key: str, source_object: Any) -> str:
    source = get_source(source_key)
    if source is None:
        raise ValidationError({"source_type": _("Unknown source of nonconformities.")})
    if source_object is None:
        return ""
    model = source.model_class()
    if model is None or not isinstance(source_object, model):
        raise ValidationError({"source_type": _("The record does not match its source.")})
    return str(source_object.pk)


def _org_of(record: Any) -> Any:
    return getattr(record, "organization_id", None)


def _check_contact_point(organization: Organization, site: Site, point: Any) -> None:
    if point is None:
        return
    if not isinstance(point, ContactPoint) or point.organization_id != organization.pk:
        raise ValidationError({"contact_point": _("Choose a contact point of this organization.")})
    if point.site_id is not None and point.site_id != site.pk:
        raise ValidationError({"contact_point": _("This contact point belongs to another site.")})


def _check_fields(organization: Organization, data: dict[str, Any]) -> None:
    if data.get("characteristic") and data["characteristic"] not in CharacteristicKey.values:
        raise ValidationError({"characteristic": _("Choose one of the eight characteristics.")})
    if data.get("severity") not in Severity.values:
        raise ValidationError({"severity": _("Choose minor, major or critical.")})
    require_text(
        "description",
        data.get("description_en", ""),
        data.get("description_zh", ""),
        _("Describe the nonconformity in at least one language."),
    )
    _check_contact_point(organization, data["site"], data.get("contact_point"))


def raise_nonconformity(
    *,
    actor: Any,
    organization: Organization,
    site: Site,
    source: str,
    source_object: Any = None,
    description_en: str,
    description_zh: str = "",
    severity: str = "minor",
    contact_point: ContactPoint | None = None,
    characteristic: str = "",
    immediate_remedy_en: str = "",
    immediate_remedy_zh: str = "",
    customer_informed: bool = False,
    customer_affected: bool | None = None,
    detected_at: datetime | None = None,
) -> Nonconformity:
    """Record a nonconformity raised from `source` (a key of the source registry) and,
    where there is one, the record that raised it. Raising takes the source's
    capability (improvement's own for a manual entry) and a site in the actor's scope.
    `customer_affected` defaults to whether anything was done for or told to a
    customer. One transaction, numbered NC-YEAR-NNNN, audited."""
    registered = get_source(source)
    require(
        actor, organization, (registered.capability if registered else None) or RAISE_CAPABILITY
    )
    check_site(actor, organization, site)
    source_id = _source_id(source, source_object)
    if source_object is not None and _org_of(source_object) not in (None, organization.pk):
        raise PermissionDenied(_("The source record belongs to another organization."))
    if customer_affected is None:
        customer_affected = bool(
            customer_informed
            or (immediate_remedy_en or "").strip()
            or (immediate_remedy_zh or "").strip()
        )
    data = {
        "site": site,
        "contact_point": contact_point,
        "characteristic": characteristic or "",
        "severity": severity,
        "description_en": description_en or "",
        "description_zh": description_zh or "",
        "detected_at": detected_at or timezone.now(),
        "customer_affected": customer_affected,
        "immediate_remedy_en": immediate_remedy_en or "",
        "immediate_remedy_zh": immediate_remedy_zh or "",
        "customer_informed": customer_informed,
    }
    _check_fields(organization, data)
    if data["detected_at"] > timezone.now():
        raise ValidationError(
            {"detected_at": _("A nonconformity cannot be detected in the future.")}
        )
    with transaction.atomic():
        number = number_next(organization=organization, prefix="NC")
        return record_create(
            Nonconformity,
            actor=actor,
            data=data
            | {
                "organization": organization,
                "number": number,
                "source_type": source,
                "source_id": source_id,
                "raised_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )


def _require_open(nc: Nonconformity) -> None:
    if nc.status == NCStatus.CLOSED:
        raise StateConflict(_("This nonconformity is closed; it can no longer be changed."))


def nonconformity_update(
    *, actor: Any, nonconformity: Nonconformity, data: dict[str, Any]
) -> Nonconformity:
    """Correct what was recorded (site, description, remedy, …) while it is open."""
    nc = nonconformity
    require(actor, nc.organization, RAISE_CAPABILITY)
    check_site(actor, nc.organization, nc.site)
    _require_open(nc)
    fields = {k: v for k, v in data.items() if k in EDITABLE}
    merged = {name: getattr(nc, name) for name in EDITABLE} | fields
    _check_fields(nc.organization, merged)
    check_site(actor, nc.organization, merged["site"])
    if nc.actions.exists() and merged["site"].pk != nc.site_id:
        raise StateConflict(
            _("Its actions are planned at its site: the site can no longer change.")
        )
    return record_update(nc, actor=actor, data=fields)


def nonconformity_analyse(
    *,
    actor: Any,
    nonconformity: Nonconformity,
    cause_category: str,
    root_cause_en: str = "",
    root_cause_zh: str = "",
    whys_en: str = "",
    whys_zh: str = "",
) -> Nonconformity:
    """Record the cause analysis: the factor (the standard's categories), five whys
    (one per line) and the root cause."""
    nc = nonconformity
    require(actor, nc.organization, "improvement.plan_actions")
    check_site(actor, nc.organization, nc.site)
    _require_open(nc)
    if cause_category not in CauseCategory.values:
        raise ValidationError({"cause_category": _("Choose a cause category.")})
    require_text("root_cause", root_cause_en, root_cause_zh, _("State the root cause."))
    for text in (whys_en, whys_zh):
        if len([line for line in (text or "").splitlines() if line.strip()]) > 5:
            raise ValidationError({"whys_en": _("Five whys at most, one per line.")})
    return record_update(
        nc,
        actor=actor,
        data={
            "cause_category": cause_category,
            "root_cause_en": root_cause_en or "",
            "root_cause_zh": root_cause_zh or "",
            "whys_en": (whys_en or "").strip(),
            "whys_zh": (whys_zh or "").strip(),
            "analysed_at": nc.analysed_at or timezone.now(),
        },
    )


def nonconformity_dispose(
    *,
    actor: Any,
    nonconformity: Nonconformity,
    disposition_en: str = "",
    disposition_zh: str = "",
    customer_informed: bool | None = None,
) -> Nonconformity:
    """Record the disposition: what was decided about the nonconforming service (redo,
    replace, refund, accept with the customer's agreement…), and whether the customer
    was informed."""
    nc = nonconformity
    require(actor, nc.organization, "improvement.plan_actions")
    check_site(actor, nc.organization, nc.site)
    _require_open(nc)
    require_text("disposition", disposition_en, disposition_zh, _("State the disposition."))
    data: dict[str, Any] = {
        "disposition_en": disposition_en or "",
        "disposition_zh": disposition_zh or "",
        "disposed_at": nc.disposed_at or timezone.now(),
        "disposed_by": nc.disposed_by or actor,
    }
    if customer_informed is not None:
        data["customer_informed"] = customer_informed
    return record_update(nc, actor=actor, data=data)


def nonconformity_close(*, actor: Any, nonconformity: Nonconformity) -> Nonconformity:
    """Close it: only once the disposition is recorded, no action is still open and
    every corrective action is verified effective (otherwise StateConflict, 409)."""
    with transaction.atomic():
        nc = Nonconformity.objects.select_for_update().get(pk=nonconformity.pk)
        NONCONFORMITY_WORKFLOW.require_transition(actor, nc, CLOSE)
        before = snapshot(nc)
        nc.status = NCStatus.CLOSED
        nc.closed_at = timezone.now()
        nc.closed_by = actor
        nc.save(update_fields=["status", "closed_at", "closed_by", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.TRANSITION,
            instance=nc,
            before={"status": before["status"]},
            after={"status": nc.status, "closed_at": nc.closed_at},
        )
    return nc
