"""Helpers for the tests of controlled documents: documents written through the
services, taken through the workflow, and clients for pages and the API."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from rest_framework.test import APIClient

from fuwu.core.models import AuditEntry
from fuwu.documents import services
from fuwu.documents.checklists import POLICY_ELEMENTS
from fuwu.documents.models import Category, Document, DocumentVersion
from tests.conftest import World

ALL_ELEMENTS = [item.key for item in POLICY_ELEMENTS]
TEXT_EN = "# Complaint handling\n\n1. Listen.\n2. Resolve within **24 hours**.\n"
TEXT_ZH = "# 投诉处理程序\n\n1. 倾听。\n2. **24小时**内解决。\n"


def make_document(
    world: World,
    actor: str = "quality",
    *,
    organization: Any = None,
    body_en: str = TEXT_EN,
    body_zh: str = TEXT_ZH,
    **data: Any,
) -> Document:
    data.setdefault("title_en", "Complaint handling")
    data.setdefault("title_zh", "投诉处理程序")
    data.setdefault("category", Category.PROCEDURE)
    return services.document_create(
        actor=world.users[actor],
        organization=organization or world.org,
        data=data,
        body_en=body_en,
        body_zh=body_zh,
    )


def open_version(document: Document) -> DocumentVersion:
    return document.versions.get(status__in=["draft", "in_review"])


def approve(
    world: World,
    document: Document,
    *,
    author: str = "quality",
    approver: str = "admin",
    approved_on: date | None = None,
    confirmed: list[str] | None = None,
) -> DocumentVersion:
    """Submit the open version (as `author`) and approve it (as `approver`)."""
    version = open_version(document)
    if version.status == "draft":
        services.version_submit(actor=world.users[author], version=version)
    version = services.version_approve(
        actor=world.users[approver],
        version=version,
        confirmed=ALL_ELEMENTS if confirmed is None else confirmed,
        approved_on=approved_on,
    )
    document.refresh_from_db()
    return version


def revise(
    world: World, document: Document, actor: str = "quality", **data: Any
) -> DocumentVersion:
    version = services.version_draft_create(actor=world.users[actor], document=document)
    data.setdefault("change_reason_en", "Clearer steps.")
    return services.version_update(actor=world.users[actor], version=version, data=data)


def entries_for(instance: Any) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            organization_id=instance.organization_id,
            object_type=instance._meta.label_lower,
            object_id=str(instance.pk),
        ).order_by("seq")
    )


def api(world: World, username: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.users[username])
    return client


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
