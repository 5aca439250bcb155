"""The demo tells a true story: Lakeside's approved policy and procedures, one
overdue for review, one due soon; Harbor Café's draft policy."""

from __future__ import annotations

import pytest

from fuwu.core.audit import verify_chain
from fuwu.core.models import Organization
from fuwu.documents.models import Document, RecordType, ReviewReminder, Status
from fuwu.standard.conformity import REGISTRY, CheckStatus

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_documents_and_records(demo_scene):
    lakeside = Organization.objects.get(slug="lakeside")
    cafe = Organization.objects.get(slug="harbor-cafe")
    policy = Document.objects.get(organization=lakeside, category="policy")
    assert policy.status == Status.APPROVED and policy.current_version.number == 2
    assert policy.versions.get(number=1).status == Status.OBSOLETE
    assert policy.current_version.approver.username == "demo"
    assert policy.current_version.author.username == "quality"
    overdue = [d.title_en for d in Document.objects.filter(organization=lakeside) if d.is_overdue()]
    assert overdue == ["Shift hand-over"]
    assert ReviewReminder.objects.filter(organization=lakeside).count() == 2
    assert RecordType.objects.filter(organization=lakeside).count() == 3
    cafe_docs = Document.objects.filter(organization=cafe).exclude(category="specification")
    assert [(d.category, d.status) for d in cafe_docs] == [("policy", Status.DRAFT)]
    assert not RecordType.objects.filter(organization=cafe).exists()

    def status(check_id, org):
        return REGISTRY[check_id].run(org).status

    assert status("documents.policy_approved", lakeside) == CheckStatus.PASS
    assert status("documents.reviews_current", lakeside) == CheckStatus.FAIL
    assert status("documents.policy_approved", cafe) == CheckStatus.FAIL
    assert verify_chain(lakeside).intact and verify_chain(cafe).intact
