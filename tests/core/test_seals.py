"""Append-only records sealed into the audit chain in batches (ADR 0030): a customer
evaluation takes no chain lock and writes no audit entry; the sealing job chains
it, and `fuwu verify-audit` names any sealed row altered, deleted or inserted, any
seal the chain does not record, and rows left unsealed too long."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone

from fuwu.core.audit import verify_chain
from fuwu.core.jobs import SCHEDULE, seal_append_only
from fuwu.core.models import AuditEntry, Organization, Seal
from fuwu.core.seals import seal_pending
from fuwu.design import services as design
from fuwu.measurement import services
from fuwu.measurement.models import Evaluation, QuestionType
from fuwu.measurement.services.collection import evaluation_submit
from tests.measurement.conftest import controlled_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(world):
    cache.clear()
    design.seed_reference_data(world.org)
    return services.collection_point_create(
        actor=world.users["quality"],
        organization=world.org,
        site=world.sites[0],
        contact_point=controlled_point(world),
    )


def rating(collection) -> str:
    version = collection.instrument.current_version
    return str(version.questions.filter(type=QuestionType.RATING).first().pk)


def submit(collection, n: int) -> list[Evaluation]:
    first = rating(collection)
    return [
        evaluation_submit(
            point=collection, submission_id=f"sealed-{i:04d}", answers={first: 3 + i % 3}
        )[0]
        for i in range(n)
    ]


def report(world):
    return verify_chain(Organization.objects.get(pk=world.org.pk))


def codes(world) -> list[str]:
    return [fault.code for fault in report(world).faults]


def test_a_submission_writes_no_audit_entry_and_the_job_seals_it(world, collection):
    before = AuditEntry.objects.filter(organization=world.org).count()
    submit(collection, 3)
    assert AuditEntry.objects.filter(organization=world.org).count() == before
    assert Evaluation.objects.filter(seal__isnull=True).count() == 3
    assert "core.seal_append_only" in SCHEDULE
    assert seal_append_only.call() == 3
    entry = AuditEntry.objects.filter(organization=world.org).latest("seq")
    assert entry.action == "seal" and entry.object_type == "core.seal"
    assert entry.after["count"] == 3 and entry.after["kind"] == "measurement.evaluation"
    assert not Evaluation.objects.filter(seal__isnull=True).exists()
    assert seal_pending() == 0  # nothing left: no empty seals
    assert report(world).intact


def test_seals_come_in_batches(world, collection):
    submit(collection, 5)
    assert seal_pending(organization_id=world.org.pk, batch=2) == 5
    assert list(Seal.objects.order_by("pk").values_list("count", flat=True)) == [2, 2, 1]
    assert report(world).intact


def test_an_altered_sealed_evaluation_or_answer_is_named(world, collection):
    first, second, _third = submit(collection, 3)
    seal_pending()
    Evaluation.objects.filter(pk=first.pk).update(comment="forged praise")
    # An answer changed: its value inside the evaluation's row (ADR 0041).
    [[question, _value, text]] = second.answered
    Evaluation.objects.filter(pk=second.pk).update(answered=[[question, 5, text]])
    faults = report(world).faults
    altered = [f for f in faults if f.code == "seal_altered"]
    assert {f.params["id"] for f in altered} == {first.pk, second.pk}
    assert str(first.pk) in altered[0].message or str(second.pk) in altered[0].message


def test_content_and_digest_rewritten_together_is_named(world, collection):
    first, *_rest = submit(collection, 2)
    seal_pending()
    Evaluation.objects.filter(pk=first.pk).update(digest="f" * 64)
    assert "seal_altered" in codes(world)
    Evaluation.objects.filter(pk=first.pk).update(digest=first.digest, low=True)
    assert "seal_altered" in codes(world)


def test_a_deleted_sealed_evaluation_is_named(world, collection):
    evaluations = submit(collection, 3)
    seal_pending()
    Evaluation.objects.filter(pk=evaluations[1].pk).delete()
    assert codes(world) == ["seal_deleted"]
    assert "1 of the 3" in report(world).problem


def test_an_evaluation_inserted_into_a_seal_is_named(world, collection):
    submit(collection, 2)
    seal_pending()
    seal = Seal.objects.get()
    (forged,) = submit(collection.__class__.objects.get(pk=collection.pk), 3)[2:]
    Evaluation.objects.filter(pk=forged.pk).update(seal=seal)
    assert codes(world) == ["seal_inserted"]


def test_an_old_unsealed_evaluation_is_named_a_fresh_one_is_not(world, collection):
    first, _second = submit(collection, 2)
    assert report(world).intact  # written just now: the job has not had its turn yet
    Evaluation.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=1))
    faults = report(world).faults
    assert [f.code for f in faults] == ["unsealed"] and faults[0].params["n"] == 1
    seal_pending()
    assert report(world).intact


def test_a_seal_the_chain_does_not_record_is_named(world, collection):
    (evaluation,) = submit(collection, 1)
    forged = Seal.objects.create(
        organization=world.org,
        kind="measurement.evaluation",
        sealed_at=timezone.now(),
        count=1,
        first_id=evaluation.pk,
        last_id=evaluation.pk,
        digest=evaluation.digest,
    )
    Evaluation.objects.filter(pk=evaluation.pk).update(seal=forged)
    assert codes(world) == ["seal_unrecorded"]


def test_verify_audit_reports_tampering_with_sealed_rows(world, collection):
    first, *_rest = submit(collection, 2)
    seal_pending()
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact" in out.getvalue()
    Evaluation.objects.filter(pk=first.pk).update(answered=[])  # its answers removed
    with pytest.raises(CommandError, match="was altered"):
        call_command("verify_audit", stdout=StringIO())
