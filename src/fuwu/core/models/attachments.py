"""Files attached to any tenant-owned record."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import TenantModel


def attachment_path(instance: "Attachment", filename: str) -> str:
    # Stored under a random name: the original name is kept in `name` only.
    return f"attachments/{instance.organization_id}/{instance.token}"


class Attachment(TenantModel):
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    token = models.CharField(max_length=32, unique=True)
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    mime_type = models.CharField(_("type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [models.Index(fields=["organization", "object_type", "object_id"])]

    def __str__(self) -> str:
        return self.name
