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
        on_delete=models.SET_NULL,
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
