"""The demo's history carries the times it claims: records, versions and audit entries
are stamped when the story says they happened, not when the seeder ran, and the audit
chain still verifies with seq and time in step."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone

from fuwu.core.audit import verify_chain
from fuwu.core.models import AuditEntry, Organization, User
from fuwu.design.models import ContactPoint
from fuwu.documents.models import Document, DocumentVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo(demo_scene, django_db_blocker) -> Iterator[None]:
    """The demo, seeded once for the module and rolled back after."""
    with django_db_blocker.unblock():
        yield


def test_records_are_dated_as_the_story_says():
    lakeside = Organization.objects.get(slug="lakeside")
    a_year_ago = timezone.now() - timedelta(days=365)
    assert lakeside.created_at < a_year_ago
    policy = Document.objects.get(organization=lakeside, category="policy")
    first = policy.versions.get(number=1)
    assert first.created_at < a_year_ago and policy.created_at < a_year_ago
    # Lakeside mapped its journey and approved its specifications about thirteen months
    # ago, so that a year of inspections can follow; the café began weeks ago.
    points = ContactPoint.objects.filter(organization=lakeside, site=None)
    assert all(p.created_at < a_year_ago for p in points)
    approvals = DocumentVersion.objects.filter(
        organization=lakeside, document__category="specification", approved_at__isnull=False
    )
    first = min(v.approved_at for v in approvals)
    assert timedelta(days=380) < timezone.now() - first < timedelta(days=420)
    cafe = ContactPoint.objects.filter(organization__slug="harbor-cafe")
    assert all(p.created_at > a_year_ago for p in cafe)
    # The logins joined when the organizations began, not when the demo was seeded.
    joined = User.objects.filter(username__in=["demo", "staff", "cafe"])
    assert all(user.date_joined < a_year_ago for user in joined)


def test_no_version_is_approved_before_it_was_written_or_submitted():
    approved = DocumentVersion.objects.exclude(approved_at=None)
    assert approved.count() > 10
    for version in approved:
        assert version.created_at <= version.submitted_at <= version.approved_at, version
        assert version.approved_at <= timezone.now()
    # Not everything happened in the last minute.
    assert approved.filter(approved_at__lt=timezone.now() - timedelta(days=60)).exists()


def test_audit_times_follow_the_sequence_and_the_chain_holds():
    for organization in Organization.objects.filter(slug__in=["lakeside", "harbor-cafe"]):
        times = list(
            AuditEntry.objects.filter(organization=organization)
            .order_by("seq")
            .values_list("seq", "created_at")
        )
        assert [seq for seq, _ in times] == list(range(1, len(times) + 1))
        assert all(a[1] <= b[1] for a, b in itertools.pairwise(times))
        assert times[0][1] < timezone.now() - timedelta(days=365)
        assert verify_chain(organization).intact
    # The approval's entry is stamped at the approval, not at seeding.
    version = DocumentVersion.objects.filter(approved_at__isnull=False).earliest("approved_at")
    stamps = AuditEntry.objects.filter(
        object_type="documents.documentversion", object_id=str(version.pk), action="transition"
    ).values_list("created_at", flat=True)
    assert version.approved_at in stamps


def test_the_trend_shows_a_year_of_improvement():
    from fuwu.standard.models import ConformitySnapshot

    lakeside = Organization.objects.get(slug="lakeside")
    snapshots = list(ConformitySnapshot.objects.filter(organization=lakeside).order_by("taken_on"))
    assert len(snapshots) == 366
    days = [s.taken_on for s in snapshots]
    assert all((b - a).days == 1 for a, b in itertools.pairwise(days))
    scores = [s.summary["score"] for s in snapshots]
    assert scores[0] < scores[-1] and scores == sorted(scores)  # the year got better
    assert snapshots[100].created_at.date() == snapshots[100].taken_on


def test_the_claimed_time_stays_in_its_block_and_its_thread():
    from threading import Thread

    from fuwu.core import clock

    past = timezone.now() - timedelta(days=400)
    seen: list = []
    with clock.seeding_at(past):
        assert timezone.now() == past
        other = Thread(target=lambda: seen.append(timezone.now()))
        other.start()
        other.join()
    assert seen[0] > past + timedelta(days=399)  # another thread keeps the real clock
    assert timezone.now() > past + timedelta(days=399)
    with clock.seeding_at(timezone.now() + timedelta(days=5)):
        assert timezone.now() <= clock.real_now()  # never a time still to come
