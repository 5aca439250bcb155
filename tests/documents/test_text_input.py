"""Document texts follow the one text rule (core/text.py): a title, a body and the reason
of a transition, which the documents services set without a full `full_clean()`."""

from __future__ import annotations

import pytest

from fuwu.documents.models import Document, DocumentVersion, Status

from .conftest import api, make_document

pytestmark = pytest.mark.django_db


def test_a_title_or_body_with_a_control_character_is_refused(world):
    client = api(world, "quality")
    response = client.post(
        "/api/v1/documents/",
        {"title_en": "Policy\u0007", "category": "policy", "body_en": "# Policy\n\ttext \u0008"},
        format="json",
    )
    assert response.status_code == 400
    assert "U+0007" in " ".join(response.json()["title_en"])
    assert not Document.objects.exists()


def test_a_rejection_reason_with_a_control_character_is_refused(world):
    document = make_document(world)
    base = f"/api/v1/documents/{document.pk}/versions/1/"
    assert api(world, "quality").post(base + "submit/").status_code == 200
    response = api(world, "admin").post(base + "reject/", {"reason": "Fix\u001b"}, format="json")
    assert response.status_code == 400
    assert "U+001B" in json_text(response.json())
    version = DocumentVersion.objects.get(document=document, number=1)
    assert version.status == Status.IN_REVIEW and not version.rejection_reason


def json_text(body: dict) -> str:
    return " ".join(" ".join(v) if isinstance(v, list) else str(v) for v in body.values())
