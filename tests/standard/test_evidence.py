"""Checks share their reads (`@evidence`): the cost of `evaluate()` does not grow with
the number of checks, and every evaluation sees the writes made before it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fuwu.core.models import Membership
from fuwu.core.services.tenancy import membership_deactivate
from fuwu.documents import services as documents
from fuwu.documents.models import Document
from fuwu.standard import conformity
from fuwu.standard.conformity import REGISTRY, CheckResult, CheckStatus, Status, evaluate
from tests.design.conftest import make_point, specified
from tests.documents.conftest import approve, make_document

pytestmark = pytest.mark.django_db


def queries_of_evaluate(organization) -> int:
    with CaptureQueriesContext(connection) as captured:
        evaluate(organization)
    return len(captured.captured_queries)


@pytest.fixture
def furnished(world):
    """An organization with something for every check to read: an approved policy
    and procedure, record types and a fully specified contact point."""
    approve(world, make_document(world, category="policy", title_en="Service policy"))
    approve(world, make_document(world, title_en="Shift hand-over"))
    documents.record_types_seed(actor=world.users["quality"], organization=world.org)
    specified(world, make_point(world, "FD"))
    return world


def test_an_evidence_runs_once_per_evaluation_however_many_checks_read_it(world, monkeypatch):
    monkeypatch.setattr(conformity, "REGISTRY", {})
    reads = []

    @conformity.evidence
    def counted(organization):
        reads.append(organization.pk)
        return organization.pk

    for n in range(5):
        conformity.check("4.2.4.1", id=f"t.reader{n}", title="reader")(
            lambda o: CheckResult.passed(str(counted(o)))
        )
    evaluate(world.org)
    assert reads == [world.org.pk]
    evaluate(world.org)  # a new evaluation reads again: nothing is kept between them
    assert reads == [world.org.pk, world.org.pk]
    with conformity.evaluation():  # one evaluation over two organizations keeps them apart
        assert counted(world.org) == world.org.pk
        assert counted(world.other_org) == world.other_org.pk
        assert counted(world.org) == world.org.pk
    assert reads == [world.org.pk] * 3 + [world.other_org.pk]


def test_the_queries_do_not_grow_with_the_checks_on_the_same_records(furnished, monkeypatch):
    """Wave after wave of checks on the same models: as many queries as before."""
    before = queries_of_evaluate(furnished.org)
    monkeypatch.setattr(conformity, "REGISTRY", dict(REGISTRY))
    for existing in list(conformity.REGISTRY.values()):
        for n in (1, 2, 3):  # three more checks beside each, reading what it reads
            conformity.check(existing.clause, id=f"{existing.id}.again{n}", title="again")(
                existing.function
            )
    assert len(conformity.REGISTRY) == 4 * len(REGISTRY)
    assert queries_of_evaluate(furnished.org) == before


def test_a_check_that_crashes_does_not_poison_the_others(world, monkeypatch):
    monkeypatch.setattr(conformity, "REGISTRY", {})

    @conformity.evidence
    def broken(organization):
        raise RuntimeError("database gone")

    conformity.check("4.2.4.1", id="t.broken", title="broken")(lambda o: broken(o))
    conformity.check("4.2.4.2", id="t.fine", title="fine")(lambda o: CheckResult.passed("ok"))
    report = evaluate(world.org)
    assert report.by_ref["4.2.4.1"].checks[0][1].status == CheckStatus.FAIL
    assert report.by_ref["4.2.4.2"].status == Status.CONFORMING


def test_each_evaluation_reflects_the_writes_before_it(furnished):
    org, quality = furnished.org, furnished.users["quality"]
    assert evaluate(org).by_ref["4.4.3.1"].status == Status.CONFORMING
    assert evaluate(org).by_ref["4.6.4"].status == Status.CONFORMING

    # A new active contact point without specifications: 4.4.3.1 fails at once.
    make_point(furnished, "BAR")
    report = evaluate(org)
    assert report.by_ref["4.4.3.1"].status == Status.NONCONFORMING
    assert "BAR" in report.by_ref["4.4.3.1"].failing[0][1].message

    # The owner of a document leaves the organization: 4.6.4 fails at once.
    document = Document.objects.get(organization=org, title_en="Shift hand-over")
    viewer = furnished.users["viewer"]
    documents.document_update(actor=quality, document=document, data={"owner": viewer})
    assert evaluate(org).by_ref["4.6.4"].status == Status.CONFORMING
    membership = Membership.objects.get(organization=org, user=viewer)
    membership_deactivate(actor=furnished.users["admin"], membership=membership)
    report = evaluate(org)
    assert report.by_ref["4.6.4"].status == Status.NONCONFORMING
    assert document.number in report.by_ref["4.6.4"].failing[0][1].message

    # The policy goes obsolete: 4.2.3.1 and its elements fail at once.
    policy = Document.objects.get(organization=org, category="policy")
    documents.document_obsolete(actor=quality, document=policy, reason="Replaced")
    assert evaluate(org).by_ref["4.2.3.1"].status == Status.NONCONFORMING


def test_only_the_documents_to_name_are_sorted_by_the_database(furnished):
    """Sorting the few policies or the manual in SQL walks the (organization, number) or
    primary-key index over every document; only the first ten to name are sorted there."""
    org = furnished.org
    policy = Document.objects.get(organization=org, category="policy")
    Document.objects.filter(pk=policy.pk).update(owner=None)  # an orphan to name
    with CaptureQueriesContext(connection) as captured:
        report = evaluate(org)
    assert report.by_ref["4.6.4"].status == Status.NONCONFORMING
    sorted_reads = [
        query["sql"]
        for query in captured.captured_queries
        if 'FROM "documents_document"' in query["sql"] and "ORDER BY" in query["sql"]
    ]
    assert sorted_reads and all("LIMIT 11" in sql for sql in sorted_reads), sorted_reads


def test_the_dashboard_and_the_api_show_the_write_just_made(furnished):
    """Two readers, one write between their requests: neither sees the old status."""
    api, page = furnished.client("viewer"), furnished.client("quality")

    def api_status(clause: str) -> str:
        rows = api.get("/api/v1/conformity/").json()
        return next(row["status"] for row in rows if row["clause"] == clause)

    assert api_status("4.4.3.1") == "conforming"
    assert "BAR" not in page.get("/standard/conformity/").content.decode()
    make_point(furnished, "BAR")
    assert api_status("4.4.3.1") == "nonconforming"
    assert "BAR" in page.get("/standard/conformity/").content.decode()
