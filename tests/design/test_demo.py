"""The demo's service design tells a true story: a hotel journey mostly specified
and approved, with two gaps the dashboard names; a café that has just begun."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from fuwu.core.audit import verify_chain
from fuwu.core.models import Organization
from fuwu.design.models import ContactPoint, Specification, SpecificationItem
from fuwu.documents.models import Status
from fuwu.standard.conformity import REGISTRY, CheckStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference_data() -> None:
    """Not the design tests' two organizations: the demo makes its own."""


def test_the_demo_seeds_the_journeys_with_their_gaps(demo_scene):
    lakeside = Organization.objects.get(slug="lakeside")
    cafe = Organization.objects.get(slug="harbor-cafe")
    points = ContactPoint.objects.filter(organization=lakeside)
    assert points.count() == 9
    assert points.get(code="RES-WEB").manned is False
    assert points.get(code="HZ01-PIER").site.code == "HZ01"
    # A person owns every point: the site manager the hotels' own, the quality manager the chain's.
    assert all(point.owner_id for point in points)
    assert points.get(code="HZ01-PIER").owner.username == "manager"
    approved = Specification.objects.filter(
        organization=lakeside, local=False, document__status=Status.APPROVED
    )
    assert approved.count() == 22  # 8 points, 3 each, less the two gaps
    local = Specification.objects.get(organization=lakeside, local=True)
    assert (local.site.code, local.document.status) == ("HZ01", Status.APPROVED)
    room = Specification.objects.get(contact_point__code="ROOM", kind="service", local=False)
    assert room.document.versions.filter(status=Status.DRAFT).get().change_reason
    assert SpecificationItem.objects.filter(organization=lakeside, indicator__isnull=False).exists()

    def run(check_id, org):
        return REGISTRY[check_id].run(org)

    missing = run("design.specifications_approved", lakeside)
    assert missing.status == CheckStatus.FAIL
    assert "FOLLOW-UP" in missing.message and "RES-WEB" in missing.message
    assert run("design.stage_planned_after", lakeside).status == CheckStatus.FAIL
    assert run("design.stage_planned_before", lakeside).status == CheckStatus.PASS
    assert run("design.personnel_first", lakeside).status == CheckStatus.PASS
    assert ContactPoint.objects.filter(organization=cafe).count() == 3
    assert verify_chain(lakeside).intact and verify_chain(cafe).intact
    call_command("seed_demo", verbosity=0)  # a second run changes nothing
    assert ContactPoint.objects.filter(organization=lakeside).count() == 9
