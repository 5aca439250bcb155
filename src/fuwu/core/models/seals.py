"""Seals: batches of append-only records chained into the audit trail (ADR 0030).

A record kind that is written often and never edited (customer evaluations) does not
take the organization's audit-chain lock per row. Each row carries the digest of its
content; the worker seals the rows not yet sealed in batches, and one audit entry per
batch records how many rows, the first and last id and the digest of them all.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Seal(models.Model):
    """One sealed batch of an append-only kind. The audit entry that records it is
    what verification trusts; this row is where the batch's records point."""

    tenant_org_field = "organization"

    organization = models.ForeignKey(
        "core.Organization", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=100)  # the sealed model's label ("measurement.evaluation")
    sealed_at = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)
    first_id = models.PositiveBigIntegerField(default=0)
    last_id = models.PositiveBigIntegerField(default=0)
    digest = models.CharField(max_length=64)

    class Meta:
        ordering = ["organization_id", "pk"]
        verbose_name = _("seal")
        verbose_name_plural = _("seals")
        indexes = [models.Index(fields=["organization", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.first_id}-{self.last_id} ({self.count})"


class SealedRecord(models.Model):
    """Abstract base of an append-only record kind: the digest of its content, written
    with the row (no lock), and the seal that chained it into the audit trail.
    Register the kind with `fuwu.core.seals.register_append_only`."""

    digest = models.CharField(max_length=64, editable=False, default="")
    seal = models.ForeignKey(
        Seal, null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
