"""Verification considers every row of the audit table: forged positions, gaps,
duplicates, unreadable values, rows beyond or without a chain head, rows of no
organization. It names each fault, never crashes, and goes on to the next chain."""

from __future__ import annotations

import pytest
from django.db import connection

from fuwu.core import services
from fuwu.core.audit import compute_hash, verify_all, verify_chain
from fuwu.core.models import AuditChainHead, AuditEntry, Organization
from fuwu.core.models.audit import AuditAction
from tests.core.helpers import ON_POSTGRES, requires_postgres


@pytest.fixture
def chain(world) -> list[AuditEntry]:
    """Five entries in Lakeside's chain, two in Harbor's."""
    admin, outsider = world.users["admin"], world.users["outsider"]
    for n in range(5):
        services.site_update(actor=admin, site=world.sites[1], data={"address": f"No. {n}"})
    for n in range(2):
        services.site_update(actor=outsider, site=world.other_site, data={"address": f"P{n}"})
    return list(AuditEntry.objects.filter(organization=world.org).order_by("seq"))


def lakeside(world):
    return verify_chain(Organization.objects.get(pk=world.org.pk))


def forge(world, seq: int, after: dict | None = None, prev_hash: str = "0" * 64) -> AuditEntry:
    """An entry written straight into the table, with a hash that fits its content."""
    entry = AuditEntry(
        organization_id=world.org.pk,
        seq=seq,
        created_at=AuditEntry.objects.filter(organization=world.org).latest("seq").created_at,
        actor_name="mallory",
        action=AuditAction.UPDATE,
        object_type="core.site",
        object_id=str(world.sites[0].pk),
        object_repr="forged",
        after=after or {"address": "forged"},
        prev_hash=prev_hash,
    )
    entry.hash = compute_hash(entry)
    entry.save()
    return entry


def test_a_forged_entry_at_position_zero_is_named(world, chain):
    forge(world, 0)
    report = lakeside(world)
    assert not report.intact
    assert "#0" in report.problem
    assert report.entries == 6  # every row of the chain is counted


def test_a_malformed_time_is_named_and_the_next_organization_still_checked(world, chain):
    if ON_POSTGRES:
        pytest.skip("PostgreSQL refuses a malformed timestamp at the input")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditentry SET created_at = 'not a time' WHERE id = %s", [chain[2].pk]
        )
    reports = {r.organization_id: r for r in verify_all()}
    assert not reports[world.org.pk].intact
    assert reports[world.org.pk].broken_seq == 3
    assert "#3" in reports[world.org.pk].problem
    assert reports[world.org.pk].entries == 5
    assert reports[world.other_org.pk].intact
    assert reports[world.other_org.pk].entries == 2


def test_an_impossible_date_is_named(world, chain):
    if ON_POSTGRES:
        pytest.skip("PostgreSQL refuses a malformed timestamp at the input")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditentry SET created_at = '2026-13-45 10:00:00' WHERE id = %s",
            [chain[0].pk],
        )
    report = lakeside(world)
    assert report.broken_seq == 1


def test_every_fault_is_named_not_only_the_first(world, chain):
    AuditEntry.objects.filter(pk=chain[1].pk).update(actor_name="someone-else")
    AuditEntry.objects.filter(pk=chain[3].pk).update(after={"address": "forged"})
    report = lakeside(world)
    assert [f.seq for f in report.faults] == [2, 4]
    assert all("altered" in f.message for f in report.faults)
    assert report.entries == 5  # the count is the whole chain, not what came before the break


def test_a_gap_and_a_later_alteration_are_both_named(world, chain):
    AuditEntry.objects.filter(pk=chain[1].pk).delete()
    AuditEntry.objects.filter(pk=chain[3].pk).update(request_id="forged")
    report = lakeside(world)
    messages = [f.message for f in report.faults]
    assert messages[0].startswith("entry #2 is missing")
    assert any("#4" in m and "altered" in m for m in messages)


@requires_postgres  # SQLite cannot drop the unique constraint without rebuilding the table
def test_a_duplicate_position_is_named(world, chain):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks before ALTER
        cursor.execute("ALTER TABLE core_auditentry DROP CONSTRAINT audit_seq_unique_per_org")
    forge(world, 3, prev_hash=chain[1].hash)
    report = lakeside(world)
    assert not report.intact
    assert any("#3" in f.message and "twice" in f.message for f in report.faults)
    assert report.entries == 6


def test_a_chain_without_its_head_still_names_its_altered_entries(world, chain):
    AuditChainHead.objects.filter(organization=world.org).delete()
    AuditEntry.objects.filter(pk=chain[2].pk).update(object_repr="forged")
    report = lakeside(world)
    messages = [f.message for f in report.faults]
    assert any("chain head" in m for m in messages)
    assert any("#3" in m and "altered" in m for m in messages)


def test_entries_of_no_organization_are_named(world, chain):
    # The foreign key is checked at commit; a writer who switched it off could do this.
    AuditEntry.objects.filter(pk=chain[4].pk).update(organization_id=987654)
    reports = verify_all()
    orphan = [r for r in reports if r.organization_id == 987654]
    assert orphan and not orphan[0].intact
    assert "987654" in orphan[0].organization
    lake = next(r for r in reports if r.organization_id == world.org.pk)
    assert lake.broken_seq == 5  # and its own chain lost its last entry
    AuditEntry.objects.filter(pk=chain[4].pk).update(organization_id=world.org.pk)


def test_a_crash_in_one_chain_does_not_stop_the_others(world, chain, monkeypatch):
    """Whatever goes wrong while reading one chain is named; the others are checked."""
    import fuwu.core.audit_verify as verify

    real = verify.compute_hash

    def explode(entry):
        if entry.organization_id == world.org.pk and entry.seq == 2:
            raise RuntimeError("unexpected value")
        return real(entry)

    monkeypatch.setattr(verify, "compute_hash", explode)
    reports = {r.organization_id: r for r in verify_all()}
    assert reports[world.org.pk].broken_seq == 2
    assert "unexpected value" in reports[world.org.pk].problem
    assert reports[world.other_org.pk].intact


# -- what the hash covers -------------------------------------------------------------------


def test_a_changed_actor_is_detected(world, chain):
    """The pages link an entry to the user who acted: that link is covered too."""
    AuditEntry.objects.filter(pk=chain[1].pk).update(actor=world.users["viewer"])
    assert lakeside(world).broken_seq == 2


@pytest.mark.parametrize(
    "field, value",
    [
        ("actor_id", None),
        ("actor_name", "mallory"),
        ("request_id", "forged"),
        ("action", AuditAction.DELETE),
        ("object_type", "core.membership"),
        ("object_id", "999"),
        ("object_repr", "forged"),
        ("before", {"address": "forged"}),
        ("after", None),
    ],
)
def test_every_field_the_pages_show_is_covered(world, chain, field, value):
    AuditEntry.objects.filter(pk=chain[2].pk).update(**{field: value})
    report = lakeside(world)
    assert report.broken_seq == 3
    assert "altered" in report.problem


def test_a_user_who_acted_cannot_be_deleted(world, chain):
    """Deactivate people instead: their entries keep naming them, and the chain holds."""
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        world.users["admin"].delete()
    assert lakeside(world).intact


def as_version_1(world) -> None:
    """Turn Lakeside's chain into what Fuwu wrote before hash version 2."""
    prev = "0" * 64
    for entry in AuditEntry.objects.filter(organization=world.org).order_by("seq"):
        entry.hash_version, entry.prev_hash = 1, prev
        entry.hash = compute_hash(entry)
        entry.save(update_fields=["hash_version", "prev_hash", "hash"])
        prev = entry.hash
    AuditChainHead.objects.filter(organization=world.org).update(last_hash=prev)


def test_chains_written_before_version_2_stay_verifiable(world, chain):
    as_version_1(world)
    assert lakeside(world).intact
    services.site_update(actor=world.users["admin"], site=world.sites[1], data={"address": "v2"})
    latest = AuditEntry.objects.filter(organization=world.org).latest("seq")
    assert (latest.seq, latest.hash_version) == (6, 2)
    report = lakeside(world)
    assert report.intact and report.entries == 6
    # A version 1 entry still hashes by name only: its actor link is not covered.
    AuditEntry.objects.filter(pk=chain[0].pk).update(actor=None)
    assert lakeside(world).intact


def test_passing_an_entry_off_as_version_1_is_detected(world, chain):
    """Downgrading the last entry to escape the actor check, with its hash and the
    chain head recomputed, still shows: versions never go backwards in a chain."""
    entry = AuditEntry.objects.get(pk=chain[4].pk)
    entry.hash_version, entry.actor = 1, world.users["viewer"]
    entry.hash = compute_hash(entry)
    entry.save()
    AuditChainHead.objects.filter(organization=world.org).update(last_hash=entry.hash)
    report = lakeside(world)
    assert report.broken_seq == 5
    assert "version 1" in report.problem


def test_an_unknown_hash_version_is_named(world, chain):
    AuditEntry.objects.filter(pk=chain[1].pk).update(hash_version=9)
    report = lakeside(world)
    assert report.broken_seq == 2 and "unknown hash version" in report.problem


def test_the_api_tells_which_hash_version_an_entry_uses(world, chain):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(world.users["auditor"])
    body = client.get(f"/api/v1/audit-log/{chain[0].pk}/").json()
    assert body["hash_version"] == 2 and body["hash"] == chain[0].hash
