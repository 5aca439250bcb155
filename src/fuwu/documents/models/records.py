"""Record control (SB/T 10382-2004, 4.6.5): retention per record type, and the log
of records disposed of when their retention ran out."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import TenantModel
from fuwu.core.models.bilingual import BilingualText


class DisposalMethod(models.TextChoices):
    DELETE = "delete", _("Delete from Fuwu")
    ARCHIVE = "archive", _("Export to the archive, then delete")
    KEEP = "keep", _("Keep permanently (never disposed of)")


class RecordType(TenantModel):
    """A kind of record the organization keeps, by the model it lives in
    (`model_label`, e.g. "core.attachment"; see retention.py for the kinds)."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    model_label = models.CharField(_("records"), max_length=100)
    retention_months = models.PositiveIntegerField(
        _("retention period (months)"), null=True, blank=True
    )
    disposal_method = models.CharField(
        _("disposal"), max_length=20, choices=DisposalMethod.choices, default=DisposalMethod.DELETE
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("record type")
        verbose_name_plural = _("record types")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "model_label"], name="record_type_unique_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.name

    name = BilingualText()

    @property
    def kept_permanently(self) -> bool:
        return self.disposal_method == DisposalMethod.KEEP


class RecordDisposal(TenantModel):
    """One record disposed of after its retention period: the evidence that
    disposal followed the rules, kept after the record itself is gone."""

    record_type = models.ForeignKey(
        RecordType,
        on_delete=models.PROTECT,
        related_name="disposals",
        verbose_name=_("record type"),
    )
    model_label = models.CharField(_("records"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=300)
    record_date = models.DateTimeField(_("record dated"))
    retention_months = models.PositiveIntegerField(_("retention period (months)"))
    method = models.CharField(_("disposal"), max_length=20, choices=DisposalMethod.choices)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("disposed by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("record disposal")
        verbose_name_plural = _("record disposals")
        indexes = [models.Index(fields=["organization", "record_type", "created_at"])]

    def __str__(self) -> str:
        return self.object_repr
