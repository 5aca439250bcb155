"""Record control: record types with their retention, and disposal of records
whose retention has run out (each disposal logged and audited)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.models import Organization, User
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import require
from fuwu.core.services import record_create, record_update

from .. import retention
from ..models import RecordDisposal, RecordType

FIELDS = ("name_en", "name_zh", "model_label", "retention_months", "disposal_method", "notes")
CAPABILITY = "documents.manage_records"


def _pick(data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    allowed = FIELDS if creating else tuple(f for f in FIELDS if f != "model_label")
    return {k: v for k, v in data.items() if k in allowed}


def _check(
    organization: Organization, fields: dict[str, Any], record_type: RecordType | None
) -> None:
    label = fields.get("model_label")
    if record_type is None and label not in retention.KINDS:
        raise ValidationError({"model_label": _("Choose one of the kinds of records Fuwu keeps.")})
    if label and RecordType.objects.filter(organization=organization, model_label=label).exists():
        raise ValidationError(
            {"model_label": _("This organization already has a record type for these records.")}
        )
    months = fields.get("retention_months")
    if months is not None and not 1 <= months <= 1200:
        raise ValidationError(
            {"retention_months": _("Give a retention period between 1 and 1200 months.")}
        )


def record_type_create(
    *, actor: User, organization: Organization, data: dict[str, Any]
) -> RecordType:
    require(actor, organization, CAPABILITY)
    fields = _pick(data, creating=True)
    _check(organization, fields, None)
    return record_create(RecordType, actor=actor, data=fields | {"organization": organization})


def record_type_update(*, actor: User, record_type: RecordType, data: dict[str, Any]) -> RecordType:
    """Change name, retention or disposal method (the records it covers stay)."""
    require(actor, record_type.organization, CAPABILITY)
    fields = _pick(data, creating=False)
    _check(record_type.organization, fields, record_type)
    return record_update(record_type, actor=actor, data=fields)


def record_type_delete(*, actor: User, record_type: RecordType) -> None:
    require(actor, record_type.organization, CAPABILITY)
    if record_type.disposals.exists():
        raise ValidationError(
            _("Records of this type have been disposed of; its rule stays as their evidence.")
        )
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.DELETE,
            instance=record_type,
            before=snapshot(record_type),
        )
        record_type.delete()


def record_types_seed(*, actor: User, organization: Organization) -> list[RecordType]:
    """The default record types (audit trail, attachments, obsolete versions) that
    the organization does not have yet."""
    require(actor, organization, CAPABILITY)
    have = set(
        RecordType.objects.filter(organization=organization).values_list("model_label", flat=True)
    )
    created = []
    with transaction.atomic():
        for label, kind in retention.KINDS.items():
            if label in have or not kind.default_name_en:
                continue
            created.append(
                record_create(
                    RecordType,
                    actor=actor,
                    data={
                        "organization": organization,
                        "name_en": kind.default_name_en,
                        "name_zh": kind.default_name_zh,
                        "model_label": label,
                        "retention_months": kind.default_retention_months,
                        "disposal_method": kind.default_method,
                    },
                )
            )
    return created


def record_dispose(*, actor: User, record_type: RecordType, record: Any) -> RecordDisposal:
    """Dispose of one record past its retention: log the disposal (audited), then
    delete the record through its owner's service (which audits the deletion).
    Records under retention are refused with the date they may go."""
    require(actor, record_type.organization, CAPABILITY)
    kind = retention.KINDS.get(record_type.model_label)
    if kind is None or not kind.disposable or record_type.kept_permanently:
        raise ValidationError(_("Records of this type are kept permanently."))
    if record_type.retention_months is None:
        raise ValidationError(_("Set a retention period for this record type first."))
    if (
        record._meta.label_lower != kind.label
        or record.organization_id != record_type.organization_id
    ):
        raise ValidationError(_("This record is not of this record type."))
    record = kind.rows(record_type.organization_id).filter(pk=record.pk).first()
    if record is None:
        raise ValidationError(_("This record is not of this record type."))
    when = kind.date_of(record)  # as stored, not as the caller's copy says
    until = retention.retained_until(when, record_type.retention_months)
    if until > timezone.localdate():
        raise ValidationError(
            _("This record is under retention until %(date)s; it cannot be disposed of yet.")
            % {"date": until.isoformat()}
        )
    with transaction.atomic():
        disposal = record_create(
            RecordDisposal,
            actor=actor,
            data={
                "organization": record_type.organization,
                "record_type": record_type,
                "model_label": kind.label,
                "object_id": str(record.pk),
                "object_repr": str(record)[:300],
                "record_date": when,
                "retention_months": record_type.retention_months,
                "method": record_type.disposal_method,
                "disposed_by": actor,
            },
        )
        kind.dispose(actor=actor, record=record)
        return disposal


def records_dispose_due(*, actor: User, record_type: RecordType, limit: int = 200) -> int:
    """Dispose of up to `limit` records of this type that are past retention, oldest
    first, in one transaction. Returns how many went."""
    require(actor, record_type.organization, CAPABILITY)
    rows = retention.due_rows(record_type)
    if rows is None:
        raise ValidationError(_("Records of this type are kept permanently."))
    count = 0
    with transaction.atomic():
        for record in list(rows[:limit]):
            record_dispose(actor=actor, record_type=record_type, record=record)
            count += 1
    return count
