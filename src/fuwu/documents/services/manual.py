"""The service manual as a controlled document: created on first use, and a version
prepared for approval by freezing a rendering (PDF and Word) of the live data on a
draft. From there the normal workflow applies (submit → approve); the approved
version's files are the approved manual and are never rendered again."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from fuwu.core.errors import StateConflict
from fuwu.core.manual import registry
from fuwu.core.models import Organization, User
from fuwu.core.permissions import require

from ..manual.build import LANGUAGES, TITLES, ManualData, approved_rendering, build_manual
from ..manual.files import filename, render
from ..manual.selectors import manual_document
from ..models import Category, Document, DocumentVersion, Status
from .common import lock_document, open_version, require_for_document
from .documents import document_create
from .versions import APPROVAL_HOOKS, version_draft_create, version_update


def manual_document_ensure(*, actor: User, organization: Organization) -> Document:
    """The organization's service manual document; created (as DOC-<year>-NNNN, with
    the organization as its subject) the first time it is needed."""
    require(actor, organization, "documents.edit")
    found = manual_document(organization)
    if found is not None:
        return found
    with transaction.atomic():
        # One manual per organization, also when two people prepare it at once.
        Organization.objects.select_for_update().filter(pk=organization.pk).exists()
        found = manual_document(organization)
        if found is not None:
            return found
        return document_create(
            actor=actor,
            organization=organization,
            data={
                "title_en": TITLES["en"],
                "title_zh": TITLES["zh-hans"],
                "category": Category.MANUAL,
            },
            subject=organization,
        )


def _summary(
    language: str, manual_language: str, moment: str, actor: User, files: list[tuple[str, bytes]]
) -> str:
    """The version's text, in `language`: what was frozen, when and by whom, with the
    files' SHA-256 so that a copy can be checked against the approved rendering."""
    with translation.override(language):
        names = {"en": _("English"), "zh-hans": _("Chinese")}
        lines = [
            _("Service manual prepared from live data on %(date)s by %(who)s, in %(language)s.")
            % {"date": moment, "who": actor.display_name, "language": names[manual_language]},
            "",
        ]
        lines += [
            f"- `{name}` (SHA-256 `{hashlib.sha256(content).hexdigest()}`)"
            for name, content in files
        ]
        lines += ["", _("Sections:"), ""]
        lines += [f"{n}. {section.title}" for n, section in enumerate(registry.sections(), start=1)]
        return "\n".join(lines) + "\n"


def manual_version_prepare(
    *,
    actor: User,
    organization: Organization,
    language: str | None = None,
    change_reason_en: str = "",
    change_reason_zh: str = "",
) -> DocumentVersion:
    """Render the manual now, as PDF and Word in `language` (default: the
    organization's), and freeze both on a draft version of the manual: the open draft
    if there is one, else a new one. A version in review must be approved or returned
    to draft first (StateConflict)."""
    language = language or organization.default_language
    if language not in LANGUAGES:
        raise ValidationError({"language": _("Choose en or zh-hans.")})
    require(actor, organization, "documents.edit")
    with transaction.atomic():
        document = manual_document_ensure(actor=actor, organization=organization)
        require_for_document(actor, document, "documents.edit")
        document = lock_document(document)
        version = open_version(document)
        if version is not None and version.status == Status.IN_REVIEW:
            raise StateConflict(
                _(
                    "Version %(number)s of the service manual is in review: approve it or "
                    "return it to draft before preparing another."
                )
                % {"number": version.number}
            )
        if version is None:
            version = version_draft_create(actor=actor, document=document)
    # Rendering takes a moment: outside the transaction, so nobody waits for it.
    data = build_manual(
        organization, language=language, prepared_by=actor, version=version, document=document
    )
    pdf, docx = render(data, "pdf"), render(data, "docx")
    pdf_name = filename(organization, "pdf", language, version.number)
    docx_name = filename(organization, "docx", language, version.number)
    moment = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    files = [(pdf_name, pdf), (docx_name, docx)]
    frozen = json.dumps(data.as_dict(), ensure_ascii=False).encode()
    replaced = [f.name for f in (version.file, version.word_file, version.frozen_content) if f]
    data = {
        "file": ContentFile(pdf, name=pdf_name),
        "word_file": ContentFile(docx, name=docx_name),
        "frozen_content": ContentFile(frozen, name=f"{pdf_name.rsplit('.', 1)[0]}.json"),
        "body_en": _summary("en", language, moment, actor, files),
        "body_zh": _summary("zh-hans", language, moment, actor, files),
    }
    for field, reason in (
        ("change_reason_en", change_reason_en),
        ("change_reason_zh", change_reason_zh),
    ):
        if reason.strip():
            data[field] = reason.strip()
    with transaction.atomic():
        version = version_update(actor=actor, version=version, data=data)
        storage = version.file.storage
        for name in replaced:  # the renderings this draft had before
            transaction.on_commit(lambda name=name: storage.delete(name))
    return version


def manual_version_approving(
    version: DocumentVersion, *, approver: User, approved_at: datetime
) -> dict[str, Any]:
    """Approval hook: a frozen manual is drawn again, unchanged but for its title page
    and approval block, which now say approved, by whom and when. Returns the fields
    the approval writes (in its own audited transition); {} for any other document."""
    if not version.frozen_content:
        return {}
    with version.frozen_content.open("rb") as stored:
        frozen = ManualData.from_dict(json.loads(stored.read()))
    data = approved_rendering(
        frozen, number=version.number, approver=approver, approved_at=approved_at
    )
    pdf, docx = render(data, "pdf"), render(data, "docx")
    organization = version.organization
    pdf_name = filename(organization, "pdf", data.language, version.number)
    docx_name = filename(organization, "docx", data.language, version.number)
    files = [(pdf_name, pdf), (docx_name, docx)]
    moment = timezone.localtime(approved_at).strftime("%Y-%m-%d %H:%M")
    storage = version.file.storage
    for name in [f.name for f in (version.file, version.word_file) if f]:
        transaction.on_commit(lambda name=name: storage.delete(name))
    return {
        "file": ContentFile(pdf, name=pdf_name),
        "word_file": ContentFile(docx, name=docx_name),
        "body_en": _approved_summary("en", data, moment, approver, files),
        "body_zh": _approved_summary("zh-hans", data, moment, approver, files),
    }


def _approved_summary(
    language: str, data: ManualData, moment: str, approver: User, files: list[tuple[str, bytes]]
) -> str:
    with translation.override(language):
        lines = [
            _(
                "Service manual prepared from live data on %(date)s, approved by %(who)s "
                "on %(when)s. The approved files:"
            )
            % {"date": data.generated, "who": approver.display_name, "when": moment},
            "",
        ]
        lines += [
            f"- `{name}` (SHA-256 `{hashlib.sha256(content).hexdigest()}`)"
            for name, content in files
        ]
        lines += ["", _("Sections:"), ""]
        lines += [f"{s.number}. {s.title}" for s in data.sections]
        return "\n".join(lines) + "\n"


APPROVAL_HOOKS.append(manual_version_approving)
