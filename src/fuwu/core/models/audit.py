"""The audit trail: one append-only, hash-chained change table per organization."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditAction(models.TextChoices):
    CREATE = "create", pgettext_lazy("audit action", "created")
    UPDATE = "update", pgettext_lazy("audit action", "updated")
    DELETE = "delete", pgettext_lazy("audit action", "deleted")
    TRANSITION = "transition", pgettext_lazy("audit action", "status changed")
    # A batch of append-only records chained into the trail (core/seals.py, ADR 0030).
    SEAL = "seal", pgettext_lazy("audit action", "sealed")


class AuditEntry(models.Model):
    """One change. `hash = sha256(canonical(entry) + prev_hash)`; `seq` numbers the
    organization's chain without gaps, so removing a row is detectable."""

    tenant_org_field = "organization"

    organization = models.ForeignKey(
        "core.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organization"),
    )
    seq = models.PositiveBigIntegerField(_("sequence"))
    created_at = models.DateTimeField(_("when"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        # Covered by the hash: a user who acted is deactivated, never deleted.
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(_("who"), max_length=150, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)
    # Which canonical form the hash uses (core/audit.py); entries written before
    # version 2 keep version 1 (migration 0002), so old chains stay verifiable.
    hash_version = models.PositiveSmallIntegerField(_("hash version"), default=2)

    class Meta:
        ordering = ["-organization_id", "-seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        constraints = [
            models.UniqueConstraint(fields=["organization", "seq"], name="audit_seq_unique_per_org")
        ]
        indexes = [
            models.Index(fields=["organization", "object_type", "object_id"]),
            models.Index(fields=["organization", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    @property
    def object_type_label(self) -> str:
        """The kind of record in the reader's language ("site", "门店"), else its label."""
        from django.apps import apps

        try:
            return str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            return self.object_type


class AuditChainHead(models.Model):
    """The last link of an organization's chain. Writers lock this row, which
    serializes appends per organization on PostgreSQL without a table lock."""

    organization = models.OneToOneField(
        "core.Organization", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"{self.organization_id}#{self.last_seq}"


class AuditVerification(models.Model):
    """One run of the verification (the daily job or `fuwu verify-audit`): what it
    found, the anchor it appended outside the database, and whether that anchor
    still has to be sent (a failed delivery is retried by the next run)."""

    class Source(models.TextChoices):
        SCHEDULED = "scheduled", _("daily job")
        COMMAND = "command", _("command")

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    organizations = models.PositiveIntegerField(_("organizations"), default=0)
    entries = models.PositiveBigIntegerField(_("entries"), default=0)
    broken = models.PositiveIntegerField(_("broken chains"), default=0)
    summary = models.TextField(_("summary"), blank=True)  # for operators: every chain
    anchors_checked = models.PositiveIntegerField(default=0)
    anchor = models.JSONField(null=True, blank=True)  # the line appended to the anchor file
    anchor_error = models.TextField(blank=True)
    email_pending = models.BooleanField(default=False)
    webhook_pending = models.BooleanField(default=False)
    delivery_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("audit verification")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.source}"


class AuditChainCheck(models.Model):
    """One organization's result in a verification run: what its audit trail page
    shows (never another organization's)."""

    tenant_org_field = "organization"

    run = models.ForeignKey(AuditVerification, on_delete=models.CASCADE, related_name="chains")
    organization = models.ForeignKey(
        "core.Organization", on_delete=models.CASCADE, related_name="+"
    )
    entries = models.PositiveBigIntegerField(default=0)
    intact = models.BooleanField(default=True)
    fault_count = models.PositiveIntegerField(default=0)
    faults = models.JSONField(default=list, blank=True)  # [{"seq", "code", "params"}]
    anchored_seq = models.PositiveBigIntegerField(null=True, blank=True)
    anchored_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-run__started_at", "-pk"]
        indexes = [models.Index(fields=["organization", "run"])]

    def __str__(self) -> str:
        return f"{self.organization_id} {'intact' if self.intact else 'broken'}"
