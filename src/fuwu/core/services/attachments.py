"""Attachments: size- and type-checked files on any tenant-owned record."""

from __future__ import annotations

import mimetypes
import secrets
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from ..audit import audit_record, object_type_of, snapshot
from ..models import Attachment
from ..models.audit import AuditAction
from ..permissions import in_site_scope, require
from ..text import text_error
from .records import check_deletable

# Extension → the leading bytes a real file of that type starts with (None: text).
ALLOWED_TYPES: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF8",),
    ".webp": (b"RIFF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".csv": None,
    ".txt": None,
}


def _check_file(upload: UploadedFile) -> str:
    name = upload.name or ""
    # A bidi override can make "invoice\u202efdp.exe" read as "invoiceexe.pdf".
    problem = text_error(name, multiline=False)
    if problem is not None:
        raise ValidationError({"file": problem})
    ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED_TYPES:
        allowed = ", ".join(sorted(ALLOWED_TYPES))
        raise ValidationError(
            {"file": _("This file type is not accepted. Allowed: %(types)s") % {"types": allowed}}
        )
    limit = settings.FUWU_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            {"file": _("The file is larger than %(mb)s MB.") % {"mb": settings.FUWU_MAX_UPLOAD_MB}}
        )
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    head = upload.read(16)
    upload.seek(0)
    magic = ALLOWED_TYPES[ext]
    if magic is None:
        if b"\x00" in head:
            raise ValidationError({"file": _("The file content does not match its type.")})
    elif not any(head.startswith(m) for m in magic):
        raise ValidationError({"file": _("The file content does not match its type.")})
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _require_site_scope(actor: Any, organization: Any, record: models.Model) -> None:
    site_id = getattr(record, "site_id", None) if record._meta.model_name != "site" else record.pk
    if site_id is not None and not in_site_scope(actor, organization, site_id):
        raise ValidationError(_("This record is outside your sites."))


def attachment_add(*, actor: Any, record: models.Model, upload: UploadedFile) -> Attachment:
    organization = record.organization
    require(actor, organization, "core.attach_files")
    _require_site_scope(actor, organization, record)
    mime = _check_file(upload)
    with transaction.atomic():
        attachment = Attachment(
            organization=organization,
            object_type=object_type_of(record),
            object_id=str(record.pk),
            token=secrets.token_hex(16),
            name=upload.name[:255],
            size=upload.size,
            mime_type=mime,
            uploaded_by=actor,
        )
        attachment.file.save(attachment.token, upload, save=False)
        attachment.save()
        audit_record(
            actor=actor, action=AuditAction.CREATE, instance=attachment, after=snapshot(attachment)
        )
        return attachment


def attachment_delete(*, actor: Any, attachment: Attachment) -> None:
    require(actor, attachment.organization, "core.attach_files")
    try:
        model = apps.get_model(attachment.object_type)
    except (LookupError, ValueError):
        model = None
    record = model._default_manager.filter(pk=attachment.object_id).first() if model else None
    if record is not None:
        _require_site_scope(actor, attachment.organization, record)
    check_deletable(attachment)
    with transaction.atomic():
        audit_record(
            actor=actor, action=AuditAction.DELETE, instance=attachment, before=snapshot(attachment)
        )
        attachment.delete()
        stored = attachment.file
        transaction.on_commit(lambda: stored.delete(save=False))
