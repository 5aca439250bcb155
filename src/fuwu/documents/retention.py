"""Which rows count as records of a kind, how old they are, and how to dispose of
them (SB/T 10382-2004, 4.6.5).

A record kind is keyed by a model label ("core.attachment"). An organization's
`RecordType` for that label sets the retention period and disposal method. Apps
add their kinds with `register_record_kind()`; disposal always goes through the
owning app's service, which writes its own audit entry.

Rows under retention cannot be deleted: `refuse_deleting_retained` is a deletion
guard that core's `record_delete` and `attachment_delete` consult.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.dates import add_months, local_day, start_of

from .models import DisposalMethod, RecordType


def _no_url(record: Any) -> str | None:
    return None


@dataclass(frozen=True)
class RecordKind:
    label: str  # model label, lower case
    title: Promise | str
    rows: Callable[[int], models.QuerySet]  # the records of an organization (by id)
    date_field: str = "created_at"  # retention runs from this date
    dispose: Callable[..., None] | None = None  # fn(*, actor, record); None: never disposed
    url: Callable[[Any], str | None] = _no_url
    # What `record_types_seed` creates for a new organization.
    default_name_en: str = ""
    default_name_zh: str = ""
    default_retention_months: int | None = None
    default_method: str = DisposalMethod.DELETE

    def date_of(self, record: Any) -> datetime | None:
        return getattr(record, self.date_field)

    @property
    def disposable(self) -> bool:
        return self.dispose is not None


KINDS: dict[str, RecordKind] = {}


def register_record_kind(kind: RecordKind) -> None:
    KINDS[kind.label] = kind


def kind_choices() -> list[tuple[str, str]]:
    return [(label, str(kind.title)) for label, kind in sorted(KINDS.items())]


def retained_until(record_date: datetime | date, months: int) -> date:
    """The first day on which a record dated `record_date` may be disposed of."""
    return add_months(local_day(record_date), months)


def cutoff(months: int, today: date | None = None) -> datetime:
    """Records dated before this moment are past a retention of `months`."""
    return start_of(add_months(today or timezone.localdate(), -months))


def due_rows(record_type: RecordType, today: date | None = None) -> models.QuerySet | None:
    """The records of this type past their retention, oldest first; None when the
    type is never disposed of (kept permanently, no period, or not disposable)."""
    kind = KINDS.get(record_type.model_label)
    if (
        kind is None
        or not kind.disposable
        or record_type.kept_permanently
        or record_type.retention_months is None
    ):
        return None
    moment = cutoff(record_type.retention_months, today)
    return (
        kind.rows(record_type.organization_id)
        .filter(**{f"{kind.date_field}__lt": moment})
        .order_by(kind.date_field, "pk")
    )


def refuse_deleting_retained(instance: models.Model) -> None:
    """Deletion guard: a record still under its retention period stays."""
    kind = KINDS.get(instance._meta.label_lower)
    organization_id = getattr(instance, "organization_id", None)
    if kind is None or organization_id is None:
        return
    record_type = RecordType.objects.filter(
        organization_id=organization_id, model_label=kind.label
    ).first()
    if record_type is None:
        return
    if not kind.rows(organization_id).filter(pk=instance.pk).exists():
        return  # not a record of this kind (yet): e.g. a draft version
    if record_type.kept_permanently:
        raise ValidationError(
            _("Records of the type “%(type)s” are kept permanently; this one cannot be deleted.")
            % {"type": record_type.name}
        )
    when = kind.date_of(instance)
    if record_type.retention_months is None or when is None:
        return
    until = retained_until(when, record_type.retention_months)
    if until > timezone.localdate():
        raise ValidationError(
            _(
                "This record is kept under the retention period of “%(type)s” until "
                "%(date)s; it cannot be deleted before then."
            )
            % {"type": record_type.name, "date": until.isoformat()}
        )


# -- the kinds Fuwu knows from the start -------------------------------------------


def _audit_entries(organization_id: int) -> models.QuerySet:
    from fuwu.core.models import AuditEntry

    return AuditEntry.objects.filter(organization_id=organization_id)


def _attachments(organization_id: int) -> models.QuerySet:
    from fuwu.core.models import Attachment

    return Attachment.objects.filter(organization_id=organization_id)


def _dispose_attachment(*, actor: Any, record: Any) -> None:
    from fuwu.core.services import attachment_delete

    attachment_delete(actor=actor, attachment=record)


def _attachment_url(record: Any) -> str:
    return reverse("core:attachment_download", args=[record.pk])


def _obsolete_versions(organization_id: int) -> models.QuerySet:
    from .models import DocumentVersion, Status

    return DocumentVersion.objects.filter(
        organization_id=organization_id, status=Status.OBSOLETE
    ).select_related("document")


def _dispose_version(*, actor: Any, record: Any) -> None:
    from .services import version_dispose

    version_dispose(actor=actor, version=record)


def _version_url(record: Any) -> str:
    return reverse("documents:version_detail", args=[record.document_id, record.number])


def register_defaults() -> None:
    register_record_kind(
        RecordKind(
            "core.auditentry",
            gettext_lazy("Audit trail entries"),
            _audit_entries,
            default_name_en="Audit trail",
            default_name_zh="审计追踪",
            default_method=DisposalMethod.KEEP,
        )
    )
    register_record_kind(
        RecordKind(
            "core.attachment",
            gettext_lazy("Attachments"),
            _attachments,
            dispose=_dispose_attachment,
            url=_attachment_url,
            default_name_en="Attachments",
            default_name_zh="附件",
            default_retention_months=36,
        )
    )
    register_record_kind(
        RecordKind(
            "documents.documentversion",
            gettext_lazy("Obsolete document versions"),
            _obsolete_versions,
            date_field="obsoleted_at",
            dispose=_dispose_version,
            url=_version_url,
            default_name_en="Obsolete document versions",
            default_name_zh="作废文件版本",
            default_retention_months=36,
        )
    )
