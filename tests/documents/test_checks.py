"""The conformity checks of documents and records, failing and passing, and how
they make clauses 4.2.3.1, 4.6.4 and 4.6.5 conforming in the engine."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fuwu.core.models import Attachment
from fuwu.documents import services
from fuwu.documents.models import Document, RecordType
from fuwu.standard.conformity import REGISTRY, CheckStatus, Status, evaluate

from .conftest import ALL_ELEMENTS, approve, make_document

pytestmark = pytest.mark.django_db

ELEMENT_CHECKS = [
    "documents.policy_element_lasting_satisfaction",
    "documents.policy_element_positioning",
    "documents.policy_element_brand_image",
    "documents.policy_element_customer_contact",
]


def run(check_id, organization):
    return REGISTRY[check_id].run(organization)


def test_the_checks_are_registered_against_their_clauses():
    clauses = {c.id: c.clause for c in REGISTRY.values() if c.id.startswith("documents.")}
    assert clauses == {
        "documents.policy_approved": "4.2.3.1",
        "documents.policy_element_lasting_satisfaction": "4.2.3.1 a",
        "documents.policy_element_positioning": "4.2.3.1 b",
        "documents.policy_element_brand_image": "4.2.3.1 c",
        "documents.policy_element_customer_contact": "4.2.3.1 d",
        "documents.reviews_current": "4.6.4",
        "documents.owned": "4.6.4",
        "documents.retention_defined": "4.6.5",
        "documents.disposal_timely": "4.6.5",
        "documents.policy_documented": "4.6.2 a",
        "documents.manual_documented": "4.6.2 b",
        "documents.manual_approved": "4.6.3",
    }


def test_no_policy_fails_with_a_link_to_the_register(world):
    result = run("documents.policy_approved", world.org)
    assert result.status == CheckStatus.FAIL
    assert "no service policy" in result.message
    assert result.records[0].url == "/documents/?category=policy"


def test_a_draft_policy_fails_and_names_it(world):
    policy = make_document(world, category="policy", title_en="Service policy")
    result = run("documents.policy_approved", world.org)
    assert result.status == CheckStatus.FAIL
    assert policy.number in result.message
    assert result.records[0].url == f"/documents/{policy.pk}/"
    for check_id in ELEMENT_CHECKS:
        assert run(check_id, world.org).status == CheckStatus.FAIL


def test_an_approved_policy_passes_with_all_four_elements(world):
    policy = make_document(world, category="policy", title_en="Service policy")
    approve(world, policy, confirmed=ALL_ELEMENTS)
    assert run("documents.policy_approved", world.org).status == CheckStatus.PASS
    for check_id in ELEMENT_CHECKS:
        assert run(check_id, world.org).status == CheckStatus.PASS
    # The other organization has none.
    assert run("documents.policy_approved", world.other_org).status == CheckStatus.FAIL


def test_a_policy_approved_without_an_element_fails_that_element(world):
    """A policy approved before the checklist existed (or imported) lacks a confirmation."""
    policy = make_document(world, category="policy", title_en="Service policy")
    version = approve(world, policy)
    version.checklist = {"lasting_satisfaction": True}
    version.save(update_fields=["checklist"])
    results = {check_id: run(check_id, world.org) for check_id in ELEMENT_CHECKS}
    assert results[ELEMENT_CHECKS[0]].status == CheckStatus.PASS
    failed = results[ELEMENT_CHECKS[1]]
    assert failed.status == CheckStatus.FAIL and policy.number in failed.message


def test_clause_4_2_3_1_conforms_in_the_engine_once_the_policy_is_approved(world):
    before = evaluate(world.org).by_ref["4.2.3.1"]
    assert before.status == Status.NONCONFORMING
    policy = make_document(world, category="policy", title_en="Service policy")
    approve(world, policy)
    after = evaluate(world.org).by_ref["4.2.3.1"]
    assert after.status == Status.CONFORMING
    assert all(child.status == Status.CONFORMING for child in after.children)


def test_overdue_documents_fail_4_6_4_and_are_named(world):
    assert run("documents.reviews_current", world.org).status == CheckStatus.FAIL  # none approved
    fresh = make_document(world, title_en="Fresh")
    approve(world, fresh)
    assert run("documents.reviews_current", world.org).status == CheckStatus.PASS
    old = make_document(world, title_en="Shift hand-over")
    approve(world, old, approved_on=timezone.localdate() - timedelta(days=400))
    result = run("documents.reviews_current", world.org)
    assert result.status == CheckStatus.FAIL
    assert "Shift hand-over" in result.message and fresh.number not in result.message
    assert [r.url for r in result.records] == [f"/documents/{old.pk}/"]
    assert evaluate(world.org).by_ref["4.6.4"].status == Status.NONCONFORMING


def test_documents_without_an_owner_fail_4_6_4(world):
    document = make_document(world)
    assert run("documents.owned", world.org).status == CheckStatus.PASS
    Document.objects.filter(pk=document.pk).update(owner=None)
    result = run("documents.owned", world.org)
    assert result.status == CheckStatus.FAIL and document.number in result.message
    # An owner who left the organization counts as none.
    Document.objects.filter(pk=document.pk).update(owner=world.users["outsider"])
    assert run("documents.owned", world.org).status == CheckStatus.FAIL


def test_record_types_need_retention_periods(world):
    assert run("documents.retention_defined", world.org).status == CheckStatus.FAIL
    services.record_types_seed(actor=world.users["quality"], organization=world.org)
    assert run("documents.retention_defined", world.org).status == CheckStatus.PASS
    attachments = RecordType.objects.get(organization=world.org, model_label="core.attachment")
    RecordType.objects.filter(pk=attachments.pk).update(retention_months=None)
    result = run("documents.retention_defined", world.org)
    assert result.status == CheckStatus.FAIL and "Attachments" in result.message
    assert result.records[0].url == f"/documents/record-types/{attachments.pk}/"


def test_records_waiting_too_long_for_disposal_fail_4_6_5(world, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fuwu.core.services import attachment_add

    services.record_types_seed(actor=world.users["quality"], organization=world.org)
    attachment = attachment_add(
        actor=world.users["quality"],
        record=make_document(world),
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n", content_type="application/pdf"),
    )
    assert run("documents.disposal_timely", world.org).status == CheckStatus.PASS
    # Due for disposal since ten days: still within the 30 days allowed.
    Attachment.objects.filter(pk=attachment.pk).update(
        created_at=timezone.now() - timedelta(days=3 * 365 + 10)
    )
    assert run("documents.disposal_timely", world.org).status == CheckStatus.PASS
    Attachment.objects.filter(pk=attachment.pk).update(
        created_at=timezone.now() - timedelta(days=3 * 365 + 45)
    )
    result = run("documents.disposal_timely", world.org)
    assert result.status == CheckStatus.FAIL and "Attachments (1)" in result.message
    rtype = RecordType.objects.get(organization=world.org, model_label="core.attachment")
    services.records_dispose_due(actor=world.users["quality"], record_type=rtype)
    assert run("documents.disposal_timely", world.org).status == CheckStatus.PASS
    assert evaluate(world.org).by_ref["4.6.5"].status == Status.CONFORMING


def test_the_manual_check_follows_the_manual_through_its_workflow(world):
    """4.6.3: no manual fails; a prepared draft still fails; an approved one passes."""
    from fuwu.documents.services import manual_version_prepare, version_approve, version_submit

    first = run("documents.manual_approved", world.org)
    assert first.status == CheckStatus.FAIL
    assert first.records[0].url == "/documents/manual/"
    version = manual_version_prepare(
        actor=world.users["quality"],
        organization=world.org,
        language="en",
        change_reason_en="First issue of the manual",
    )
    assert run("documents.manual_approved", world.org).status == CheckStatus.FAIL
    assert run("documents.manual_documented", world.org).status == CheckStatus.FAIL
    version_submit(actor=world.users["quality"], version=version)
    version_approve(actor=world.users["admin"], version=version)
    passed = run("documents.manual_approved", world.org)
    assert passed.status == CheckStatus.PASS
    assert version.document.number in passed.message
    assert run("documents.manual_approved", world.other_org).status == CheckStatus.FAIL
