"""Comparing two versions of a controlled document: texts as a word-level diff in
both languages, the metadata side by side, drafts only for those who may read them."""

from __future__ import annotations

import re

import pytest

from tests.documents.conftest import approve, make_document, revise

EDITED_EN = "# Complaint handling\n\n1. Listen carefully.\n2. Resolve within **24 hours**.\n"
EDITED_ZH = "# 投诉处理程序\n\n1. 认真倾听。\n2. **24小时**内解决。\n"


@pytest.fixture
def document(world):
    document = make_document(world)
    approve(world, document)
    revise(world, document, body_en=EDITED_EN, body_zh=EDITED_ZH, change_reason_en="Clearer steps.")
    approve(world, document)
    revise(world, document, body_en="Draft text.", change_reason_en="Work in progress.")
    return document  # v1 obsolete, v2 approved, v3 draft


def test_the_compare_view_shows_both_texts_as_diffs_and_the_metadata(world, document):
    html = world.client("auditor").get(f"/documents/{document.pk}/compare/?a=1&b=2").content
    html = html.decode()
    assert re.search(r"<ins[^>]*> ?carefully ?</ins>", html)
    assert re.search(r"<ins[^>]*>认真</ins>", html)
    assert "Text (English)" in html and "Text (Chinese)" in html
    assert 'data-testid="compare-metadata"' in html
    assert world.users["admin"].display_name in html  # the approver
    assert "Clearer steps." in html


def test_the_document_page_offers_the_comparison(world, document):
    html = world.client("viewer").get(f"/documents/{document.pk}/").content.decode()
    assert f"/documents/{document.pk}/compare/" in html and 'name="a"' in html


@pytest.mark.parametrize(
    ("username", "draft_status"),
    [("quality", 200), ("auditor", 200), ("admin", 200), ("viewer", 404), ("staff", 404)],
)
def test_drafts_are_compared_only_by_those_who_may_read_them(
    world, document, username, draft_status
):
    client = world.client(username)
    assert client.get(f"/documents/{document.pk}/compare/?a=1&b=2").status_code == 200
    response = client.get(f"/documents/{document.pk}/compare/?a=2&b=3")
    assert response.status_code == draft_status
    if draft_status == 404:
        assert "Draft text." not in response.content.decode()


@pytest.mark.parametrize(
    "query", ["", "?a=1", "?a=x&b=2", "?a=1&b=²", "?a=1&b=99999999999999999999"]
)
def test_bad_parameters_answer_400_with_a_message(world, document, query):
    response = world.client("auditor").get(f"/documents/{document.pk}/compare/{query}")
    assert response.status_code == 400
    assert "Choose two versions to compare." in response.content.decode()


def test_an_unknown_version_answers_404_in_the_readers_language(world, document):
    client = world.client("auditor")
    assert client.get(f"/documents/{document.pk}/compare/?a=1&b=9").status_code == 404
    client.cookies["django_language"] = "zh-hans"
    response = client.get(f"/documents/{document.pk}/compare/?a=1&b=9")
    assert response.status_code == 404
    assert "There is no such version" not in response.content.decode()


def test_another_organizations_document_is_not_found(world, document):
    assert (
        world.client("outsider").get(f"/documents/{document.pk}/compare/?a=1&b=2").status_code
        == 404
    )
