"""History reads like a record: verbose names, choice labels, names of related rows
(never one the reader may not see), dates in one format, long texts as a diff."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fuwu.core.audit_display import describe, word_diff
from fuwu.core.models import AuditEntry
from fuwu.documents import services
from tests.documents.conftest import approve, make_document, open_version, revise

EDITED = "# Complaint handling\n\n1. Listen carefully.\n2. Resolve within **24 hours**.\n"


def _approved_and_revised(world):
    document = make_document(world)
    approve(world, document)
    version = revise(world, document, body_en=EDITED, change_reason_en="Clearer steps.")
    return document, version


def _zh(client):
    client.cookies["django_language"] = "zh-hans"
    return client


def test_word_diff_marks_words_and_chinese_characters():
    assert word_diff("The quick fox", "The slow fox") == [
        ("equal", "The "),
        ("delete", "quick"),
        ("insert", "slow"),
        ("equal", " fox"),
    ]
    assert ("insert", "品") in word_diff("服务质量", "服务品质量")


def test_document_history_shows_verbose_names_labels_and_names(world):
    document, _version = _approved_and_revised(world)
    html = world.client("auditor").get(f"/documents/{document.pk}/history/").content.decode()
    for raw in ("approver_id", "in_review", "body_en", "'status'"):
        assert raw not in html
    assert "Approver" in html and "Text (English)" in html
    assert world.users["admin"].display_name in html  # the approver, by name
    assert "Approved" in html
    # The changed words of the long text are marked, not the whole text twice.
    assert re.search(r"<ins[^>]*> ?carefully ?</ins>", html)
    assert 'data-changed="1"' in html


def test_document_history_in_chinese(world):
    document, _version = _approved_and_revised(world)
    client = _zh(world.client("auditor"))
    html = client.get(f"/documents/{document.pk}/history/").content.decode()
    assert "正文（英文）" in html  # noqa: RUF001 and "已批准" in html
    assert "Text (English)" not in html


def test_the_audit_entry_page_lists_every_field_changed_ones_in_bold(world):
    _document, _version = _approved_and_revised(world)
    entry = AuditEntry.objects.filter(
        object_type="documents.documentversion", action="transition"
    ).latest("seq")
    html = world.client("auditor").get(f"/audit/{entry.pk}/").content.decode()
    assert 'data-testid="entry-changes"' in html
    assert "Approver" in html and "approver_id" not in html
    assert "{&#x27;" not in html and "{'" not in html  # no raw dicts
    zh = _zh(world.client("auditor")).get(f"/audit/{entry.pk}/").content.decode()
    assert "审批人" in zh or "批准人" in zh


def test_a_related_row_the_reader_may_not_see_shows_as_its_id(world):
    """A staff member scoped to the first site reads an entry naming another site."""
    hidden = world.sites[1]
    document = make_document(world, site=world.sites[0])
    entry = AuditEntry.objects.filter(object_type="documents.document").latest("seq")
    entry.after = {**(entry.after or {}), "site_id": hidden.pk}
    entry.before = {**(entry.before or {}), "site_id": world.sites[0].pk}
    request = RequestFactory().get("/")
    request.user, request.organization = world.users["staff"], world.org
    changes = {c.key: c for c in describe([entry], request)[0][1]}
    assert changes["site_id"].after == f"#{hidden.pk}"
    assert changes["site_id"].before == str(world.sites[0])
    assert hidden.name not in str(changes)
    assert document.pk


def test_history_queries_do_not_grow_with_the_entries(world):
    document, _version = _approved_and_revised(world)
    client = world.client("auditor")
    url = f"/documents/{document.pk}/history/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(4):
        services.version_update(
            actor=world.users["quality"],
            version=open_version(document),
            data={"change_reason_en": f"Reason {n}"},
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) <= len(few)
    assert len(many) <= 25


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_audit_list_uses_the_one_date_format(world, language):
    make_document(world)
    entry = AuditEntry.objects.filter(organization=world.org).latest("seq")
    client = world.client("auditor")
    client.cookies["django_language"] = language
    html = client.get("/audit/").content.decode()
    assert timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M") in html
    assert "p.m." not in html and "a.m." not in html and "下午" not in html


def test_the_register_history_page_reads_like_a_record_with_bounded_queries(world):
    from fuwu.core import services as core_services

    admin, site = world.users["admin"], world.sites[1]
    core_services.site_update(actor=admin, site=site, data={"address": "1 Lake Road"})
    client = world.client("admin")
    url = f"/sites/{site.pk}/history/"
    with CaptureQueriesContext(connection) as few:
        html = client.get(url).content.decode()
    assert "Address" in html and "<code>address</code>" not in html
    core_services.site_update(actor=admin, site=site, data={"is_active": False})
    for n in range(4):
        core_services.site_update(actor=admin, site=site, data={"address": f"{n} Lake Road"})
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert "Active" in html and "No</mark>" in html
    assert len(many) <= len(few)
    zh = _zh(world.client("admin")).get(url).content.decode()
    assert "地址" in zh
