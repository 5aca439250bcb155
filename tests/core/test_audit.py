"""The audit trail: one hash-chained entry per service call, nothing on failure,
and `verify_chain` finds every kind of tampering, naming the first broken entry."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import ProtectedError

from fuwu.core import services
from fuwu.core.audit import (
    GENESIS,
    audit_record,
    canonical,
    changes,
    compute_hash,
    history_for,
    verify_all,
    verify_chain,
)
from fuwu.core.context import request_id
from fuwu.core.models import (
    Attachment,
    AuditChainHead,
    AuditEntry,
    Membership,
    Organization,
    Role,
    Site,
    User,
)
from fuwu.core.models.audit import AuditAction
from tests.core.helpers import chain_state, requires_postgres, run_in_threads
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

REQUEST_ID = "req-audit-0001"
PDF = b"%PDF-1.4\n% a tiny pdf\n"


@pytest.fixture
def rid():
    token = request_id.set(REQUEST_ID)
    yield REQUEST_ID
    request_id.reset(token)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def fresh(user: User) -> User:
    """The user as a new request would load it (no cached memberships)."""
    return User.objects.get(pk=user.pk)


def membership_of(world, username: str) -> Membership:
    return Membership.objects.get(user=world.users[username], organization=world.org)


def database_state() -> dict[str, list]:
    """Every row a core service may write, for "nothing changed" comparisons."""
    return {
        "organizations": list(Organization.objects.order_by("pk").values()),
        "sites": list(Site.objects.order_by("pk").values()),
        "memberships": list(Membership.objects.order_by("pk").values()),
        "scopes": list(
            Membership.sites.through.objects.order_by("pk").values("membership_id", "site_id")
        ),
        "users": list(
            User.objects.order_by("pk").values("pk", "username", "password", "is_active")
        ),
        "attachments": list(Attachment.objects.order_by("pk").values()),
        "audit": list(AuditEntry.objects.order_by("pk").values()),
        "heads": list(AuditChainHead.objects.order_by("pk").values()),
    }


def new_entries(since: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(pk__gt=since).order_by("pk"))


def last_pk() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def the_one_entry(since: int) -> AuditEntry:
    entries = new_entries(since)
    assert len(entries) == 1, [str(e) for e in entries]
    return entries[0]


def assert_entry(entry: AuditEntry, *, actor: User, action: str, instance_type: str, pk):
    assert entry.actor_id == actor.pk
    assert entry.actor_name == actor.username
    assert entry.action == action
    assert entry.object_type == instance_type
    assert entry.object_id == str(pk)
    assert entry.request_id == REQUEST_ID
    assert entry.hash == compute_hash(entry)
    head = AuditChainHead.objects.get(organization_id=entry.organization_id)
    assert (head.last_seq, head.last_hash) == (entry.seq, entry.hash)


# -- one entry per service call -----------------------------------------------------


def test_organization_create_starts_a_new_chain(world, rid):
    root = world.users["root"]
    since = last_pk()
    org = services.organization_create(
        actor=root, data={"name_en": "River Spa", "name_zh": "河畔水疗", "slug": "river-spa"}
    )
    entries = new_entries(since)
    # The organization's own entry opens its chain; the apps then give it reference data.
    assert [e.object_type for e in entries] == ["core.organization", "design.referencedata"]
    entry = entries[0]
    assert_entry(
        entries[1],
        actor=root,
        action=AuditAction.CREATE,
        instance_type="design.referencedata",
        pk=org.pk,
    )
    assert (entry.actor_id, entry.action, entry.object_id) == (
        root.pk,
        AuditAction.CREATE,
        str(org.pk),
    )
    assert entry.organization_id == org.pk
    assert entry.seq == 1 and entry.prev_hash == GENESIS
    assert entry.before is None
    assert entry.after["slug"] == "river-spa"
    assert entry.after["name_zh"] == "河畔水疗"
    assert entry.object_repr == "River Spa / 河畔水疗"
    assert verify_chain(org).intact


def test_organization_update(world, rid):
    root = world.users["root"]
    since = last_pk()
    services.organization_update(
        actor=root, organization=world.org, data={"name_en": "Lakeside Group"}
    )
    entry = the_one_entry(since)
    assert_entry(
        entry,
        actor=root,
        action=AuditAction.UPDATE,
        instance_type="core.organization",
        pk=world.org.pk,
    )
    assert entry.before["name_en"] == "Lakeside Hotels"
    assert entry.after["name_en"] == "Lakeside Group"
    assert ("name_en", "Lakeside Hotels", "Lakeside Group") in changes(entry.before, entry.after)


def test_site_create(world, rid):
    admin = world.users["admin"]
    since = last_pk()
    site = services.site_create(
        actor=admin,
        organization=world.org,
        data={"code": "NB01", "name_en": "Lakeside Ningbo", "name_zh": "湖畔宁波店"},
    )
    entry = the_one_entry(since)
    assert_entry(
        entry, actor=admin, action=AuditAction.CREATE, instance_type="core.site", pk=site.pk
    )
    assert entry.organization_id == world.org.pk
    assert entry.before is None
    assert entry.after["code"] == "NB01"
    assert entry.after["name_zh"] == "湖畔宁波店"
    assert entry.after["organization_id"] == world.org.pk
    assert list(history_for(site)) == [entry]


def test_site_update(world, rid):
    admin, site = world.users["admin"], world.sites[1]
    since = last_pk()
    services.site_update(actor=admin, site=site, data={"address": "1 Lake Road"})
    entry = the_one_entry(since)
    assert_entry(
        entry, actor=admin, action=AuditAction.UPDATE, instance_type="core.site", pk=site.pk
    )
    assert entry.before["address"] == ""
    assert entry.after["address"] == "1 Lake Road"
    assert [c[0] for c in changes(entry.before, entry.after)] == ["address"]


def test_update_without_a_change_writes_no_entry(world, rid):
    site = world.sites[1]
    since = last_pk()
    services.site_update(actor=world.users["admin"], site=site, data={"code": site.code})
    assert new_entries(since) == []


def test_site_delete(world, rid):
    admin, site = world.users["admin"], world.sites[2]
    pk = site.pk
    since = last_pk()
    services.site_delete(actor=admin, site=site)
    entry = the_one_entry(since)
    assert_entry(entry, actor=admin, action=AuditAction.DELETE, instance_type="core.site", pk=pk)
    assert entry.before["code"] == "H3"
    assert entry.after is None
    assert not Site.objects.filter(pk=pk).exists()


def test_membership_add(world, rid):
    admin = world.users["admin"]
    since = last_pk()
    membership = services.membership_add(
        actor=admin,
        organization=world.org,
        username="newcomer",
        role=Role.STAFF,
        all_sites=False,
        sites=[world.sites[1]],
    )
    entry = the_one_entry(since)
    assert_entry(
        entry,
        actor=admin,
        action=AuditAction.CREATE,
        instance_type="core.membership",
        pk=membership.pk,
    )
    assert entry.after["role"] == "staff"
    assert entry.after["all_sites"] is False
    assert entry.after["sites"] == [world.sites[1].pk]
    assert "password" not in entry.after


def test_membership_update(world, rid):
    admin, membership = world.users["admin"], membership_of(world, "viewer")
    since = last_pk()
    services.membership_update(
        actor=admin,
        membership=membership,
        role=Role.SITE_MANAGER,
        all_sites=False,
        sites=[world.sites[1], world.sites[2]],
    )
    entry = the_one_entry(since)
    assert_entry(
        entry,
        actor=admin,
        action=AuditAction.UPDATE,
        instance_type="core.membership",
        pk=membership.pk,
    )
    assert (entry.before["role"], entry.after["role"]) == ("viewer", "site_manager")
    assert entry.before["sites"] == []
    assert entry.after["sites"] == sorted([world.sites[1].pk, world.sites[2].pk])


def test_membership_deactivate(world, rid):
    admin, membership = world.users["admin"], membership_of(world, "viewer")
    since = last_pk()
    services.membership_deactivate(actor=admin, membership=membership)
    entry = the_one_entry(since)
    assert_entry(
        entry,
        actor=admin,
        action=AuditAction.UPDATE,
        instance_type="core.membership",
        pk=membership.pk,
    )
    assert (entry.before["is_active"], entry.after["is_active"]) == (True, False)


def test_attachment_add_and_delete(world, rid, media, django_capture_on_commit_callbacks):
    admin, site = world.users["admin"], world.sites[0]
    since = last_pk()
    attachment = services.attachment_add(
        actor=admin, record=site, upload=SimpleUploadedFile("检查报告.pdf", PDF)
    )
    entry = the_one_entry(since)
    assert_entry(
        entry,
        actor=admin,
        action=AuditAction.CREATE,
        instance_type="core.attachment",
        pk=attachment.pk,
    )
    assert entry.after["name"] == "检查报告.pdf"
    assert entry.after["object_type"] == "core.site"
    assert entry.after["object_id"] == str(site.pk)
    stored = media / attachment.file.name
    assert stored.read_bytes() == PDF

    since = last_pk()
    pk = attachment.pk
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_delete(actor=admin, attachment=attachment)
    entry = the_one_entry(since)
    assert_entry(
        entry, actor=admin, action=AuditAction.DELETE, instance_type="core.attachment", pk=pk
    )
    assert entry.before["name"] == "检查报告.pdf"
    assert entry.after is None
    assert not Attachment.objects.filter(pk=pk).exists()
    assert not stored.exists()


def test_entries_without_a_logged_in_actor_name_the_system(world):
    with transaction.atomic():
        entry = audit_record(
            actor=None,
            action=AuditAction.TRANSITION,
            instance=world.sites[0],
            after={"status": "x"},
        )
    assert entry.actor is None and entry.actor_name == "system"
    assert entry.request_id == ""  # no request around


def test_audit_record_refuses_to_run_outside_a_transaction(transactional_db):
    org = OrganizationFactory()
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        audit_record(actor=None, action=AuditAction.UPDATE, organization_id=org.pk)
    assert not AuditEntry.objects.exists()


def test_audit_record_needs_an_organization(world):
    with transaction.atomic(), pytest.raises(ValueError):
        audit_record(actor=None, action=AuditAction.UPDATE, object_type="x", object_id="1")


def test_request_id_of_a_web_request_is_recorded(world):
    client = world.client("admin")
    response = client.post(
        "/sites/add/",
        {"code": "WEB1", "name_en": "Added on the web", "is_active": "on"},
        HTTP_X_REQUEST_ID="web-req-42",
    )
    assert response.status_code in (200, 302), response.content[:500]
    assert response["X-Request-ID"] == "web-req-42"
    entry = AuditEntry.objects.get(object_type="core.site", action=AuditAction.CREATE)
    assert entry.request_id == "web-req-42"
    assert entry.actor == world.users["admin"]
    assert request_id.get() == ""  # reset after the request


# -- a failed service writes nothing ------------------------------------------------


def _site_create_duplicate(w):
    services.site_create(
        actor=w.users["admin"], organization=w.org, data={"code": "H1", "name_en": "Again"}
    )


def _site_update_invalid(w):
    services.site_update(actor=w.users["admin"], site=w.sites[1], data={"code": ""})


def _membership_add_bad_username(w):
    services.membership_add(
        actor=w.users["admin"], organization=w.org, username="no spaces!", role=Role.STAFF
    )


def _attachment_add_bad_type(w):
    services.attachment_add(
        actor=w.users["admin"],
        record=w.sites[0],
        upload=SimpleUploadedFile("virus.exe", b"MZ\x90\x00"),
    )


def _attachment_add_wrong_content(w):
    services.attachment_add(
        actor=w.users["admin"],
        record=w.sites[0],
        upload=SimpleUploadedFile("report.pdf", b"\x89PNG not a pdf"),
    )


FAILING_CALLS = {
    "organization_create by a non-superuser": (
        PermissionDenied,
        lambda w: services.organization_create(
            actor=w.users["admin"], data={"name_en": "X", "slug": "x"}
        ),
    ),
    "organization_create with a taken slug": (
        ValidationError,
        lambda w: services.organization_create(
            actor=w.users["root"], data={"name_en": "X", "slug": "lakeside"}
        ),
    ),
    "organization_update by a non-superuser": (
        PermissionDenied,
        lambda w: services.organization_update(
            actor=w.users["admin"], organization=w.org, data={"name_en": "X"}
        ),
    ),
    "organization_update with an invalid slug": (
        ValidationError,
        lambda w: services.organization_update(
            actor=w.users["root"], organization=w.org, data={"slug": "not a slug!"}
        ),
    ),
    "site_create by a viewer": (
        PermissionDenied,
        lambda w: services.site_create(
            actor=w.users["viewer"], organization=w.org, data={"code": "N1", "name_en": "N"}
        ),
    ),
    "site_create with a duplicate code": (ValidationError, _site_create_duplicate),
    "site_create without a name": (
        ValidationError,
        lambda w: services.site_create(
            actor=w.users["admin"], organization=w.org, data={"code": "N1"}
        ),
    ),
    "site_update by a site manager": (
        PermissionDenied,
        lambda w: services.site_update(
            actor=w.users["manager"], site=w.sites[0], data={"name_en": "Mine"}
        ),
    ),
    "site_update with an empty code": (ValidationError, _site_update_invalid),
    "site_delete by an auditor": (
        PermissionDenied,
        lambda w: services.site_delete(actor=w.users["auditor"], site=w.sites[2]),
    ),
    "site_delete of a site in a member's scope": (
        ValidationError,
        lambda w: services.site_delete(actor=w.users["admin"], site=w.sites[0]),
    ),
    "site_delete by the admin of another organization": (
        PermissionDenied,
        lambda w: services.site_delete(actor=w.users["outsider"], site=w.sites[2]),
    ),
    "membership_add by a quality manager": (
        PermissionDenied,
        lambda w: services.membership_add(
            actor=w.users["quality"], organization=w.org, username="n", role=Role.STAFF
        ),
    ),
    "membership_add of an existing member": (
        ValidationError,
        lambda w: services.membership_add(
            actor=w.users["admin"], organization=w.org, username="viewer", role=Role.STAFF
        ),
    ),
    "membership_add with a site of another organization": (
        ValidationError,
        lambda w: services.membership_add(
            actor=w.users["admin"],
            organization=w.org,
            username="n",
            role=Role.STAFF,
            all_sites=False,
            sites=[w.other_site],
        ),
    ),
    "membership_add with an unknown role": (
        ValidationError,
        lambda w: services.membership_add(
            actor=w.users["admin"], organization=w.org, username="n", role="king"
        ),
    ),
    "membership_add with an invalid username": (ValidationError, _membership_add_bad_username),
    "membership_update of oneself to a lesser role": (
        ValidationError,
        lambda w: services.membership_update(
            actor=w.users["admin"],
            membership=membership_of(w, "admin"),
            role=Role.VIEWER,
            all_sites=True,
            sites=[],
        ),
    ),
    "membership_update by a viewer": (
        PermissionDenied,
        lambda w: services.membership_update(
            actor=w.users["viewer"],
            membership=membership_of(w, "staff"),
            role=Role.ADMIN,
            all_sites=True,
            sites=[],
        ),
    ),
    "membership_deactivate of oneself": (
        ValidationError,
        lambda w: services.membership_deactivate(
            actor=w.users["admin"], membership=membership_of(w, "admin")
        ),
    ),
    "membership_deactivate by the admin of another organization": (
        PermissionDenied,
        lambda w: services.membership_deactivate(
            actor=w.users["outsider"], membership=membership_of(w, "viewer")
        ),
    ),
    "attachment_add by an auditor": (
        PermissionDenied,
        lambda w: services.attachment_add(
            actor=w.users["auditor"],
            record=w.sites[0],
            upload=SimpleUploadedFile("a.pdf", PDF),
        ),
    ),
    "attachment_add outside the staff's sites": (
        ValidationError,
        lambda w: services.attachment_add(
            actor=w.users["staff"], record=w.sites[1], upload=SimpleUploadedFile("a.pdf", PDF)
        ),
    ),
    "attachment_add of a forbidden type": (ValidationError, _attachment_add_bad_type),
    "attachment_add whose content is not its type": (
        ValidationError,
        _attachment_add_wrong_content,
    ),
    "attachment_add of an empty file": (
        ValidationError,
        lambda w: services.attachment_add(
            actor=w.users["admin"], record=w.sites[0], upload=SimpleUploadedFile("e.txt", b"")
        ),
    ),
}


@pytest.mark.parametrize("case", FAILING_CALLS)
def test_a_failed_service_writes_nothing(world, rid, media, case):
    error, call = FAILING_CALLS[case]
    # Some history first, so "the chain head is unchanged" means something.
    services.site_update(actor=world.users["admin"], site=world.sites[1], data={"address": "A"})
    before = database_state()
    with pytest.raises(error):
        call(world)
    assert database_state() == before
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    assert verify_chain(world.org).intact


def test_failed_attachment_delete_writes_nothing(world, rid, media):
    attachment = services.attachment_add(
        actor=world.users["admin"], record=world.sites[0], upload=SimpleUploadedFile("a.pdf", PDF)
    )
    before = database_state()
    with pytest.raises(PermissionDenied):
        services.attachment_delete(actor=fresh(world.users["viewer"]), attachment=attachment)
    assert database_state() == before
    assert (media / attachment.file.name).exists()


def test_a_failure_after_the_entry_is_written_rolls_the_entry_back(world, rid):
    """The entry of a delete is written before the row goes; if the delete then fails
    (a record still refers to the site), the entry and the chain head roll back too."""
    site = world.sites[2]
    services.site_update(actor=world.users["admin"], site=site, data={"address": "B"})
    before = database_state()
    protected = ProtectedError("still referenced", set())
    with (
        mock.patch.object(Site, "delete", side_effect=protected),
        pytest.raises(ValidationError, match="deactivate it instead"),
    ):
        services.site_delete(actor=world.users["admin"], site=site)
    assert database_state() == before
    assert verify_chain(world.org).intact


# -- verify_chain --------------------------------------------------------------------


@pytest.fixture
def chain(world, rid) -> list[AuditEntry]:
    """Five entries in Lakeside's chain, one in the other organization's."""
    admin = world.users["admin"]
    services.site_create(
        actor=admin, organization=world.org, data={"code": "C1", "name_en": "One", "name_zh": "一"}
    )
    services.site_update(actor=admin, site=world.sites[1], data={"address": "湖滨路1号"})
    services.site_update(actor=admin, site=world.sites[2], data={"name_zh": "太湖"})
    services.membership_deactivate(actor=admin, membership=membership_of(world, "viewer"))
    services.site_delete(actor=admin, site=world.sites[2])
    services.site_update(
        actor=world.users["outsider"], site=world.other_site, data={"address": "Pier"}
    )
    entries = list(AuditEntry.objects.filter(organization=world.org).order_by("seq"))
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    return entries


def broken(world):
    return verify_chain(Organization.objects.get(pk=world.org.pk))


def test_an_untouched_chain_is_intact(world, chain):
    report = broken(world)
    assert report.intact
    assert (report.entries, report.broken_seq, report.problem) == (5, None, "")
    assert report.organization == "Lakeside Hotels"
    for entry in chain[1:]:
        assert entry.prev_hash == chain[entry.seq - 2].hash


def test_an_empty_chain_is_intact(world):
    report = verify_chain(world.org)
    assert report.intact and report.entries == 0


def test_chains_are_per_organization(world, chain):
    other = list(AuditEntry.objects.filter(organization=world.other_org).order_by("seq"))
    assert [e.seq for e in other] == [1]
    assert other[0].prev_hash == GENESIS
    assert chain[0].prev_hash == GENESIS
    assert chain_state(world.org)[1:] == (5, chain[-1].hash)
    assert chain_state(world.other_org)[1:] == (1, other[0].hash)
    assert all(r.intact for r in verify_all())


def test_an_altered_after_is_detected(world, chain):
    AuditEntry.objects.filter(pk=chain[2].pk).update(after={"name_zh": "被篡改"})
    report = broken(world)
    assert report.broken_seq == 3
    assert "altered" in report.problem and "#3" in report.problem
    assert verify_chain(world.other_org).intact  # the other tenant's chain is unaffected


def test_an_altered_actor_name_is_detected(world, chain):
    AuditEntry.objects.filter(pk=chain[1].pk).update(actor_name="someone-else")
    assert broken(world).broken_seq == 2


@pytest.mark.parametrize(
    "field, value",
    [
        ("before", None),
        ("request_id", "forged"),
        ("action", AuditAction.CREATE),
        ("object_id", "999"),
    ],
)
def test_any_altered_field_is_detected(world, chain, field, value):
    AuditEntry.objects.filter(pk=chain[3].pk).update(**{field: value})
    assert broken(world).broken_seq == 4


def test_an_altered_timestamp_is_detected(world, chain):
    AuditEntry.objects.filter(pk=chain[0].pk).update(created_at=datetime(2020, 1, 1, tzinfo=UTC))
    assert broken(world).broken_seq == 1


def test_a_removed_middle_entry_is_detected(world, chain):
    AuditEntry.objects.filter(pk=chain[2].pk).delete()
    report = broken(world)
    assert report.broken_seq == 3
    assert "missing" in report.problem and "#3" in report.problem


def test_a_removed_first_entry_is_detected(world, chain):
    AuditEntry.objects.filter(pk=chain[0].pk).delete()
    assert broken(world).broken_seq == 1


def test_a_removed_last_entry_is_detected(world, chain):
    AuditEntry.objects.filter(pk=chain[4].pk).delete()
    report = broken(world)
    assert report.broken_seq == 5
    assert "removed" in report.problem and "#5" in report.problem


def test_removed_tail_entries_are_detected(world, chain):
    AuditEntry.objects.filter(organization=world.org, seq__gte=3).delete()
    assert broken(world).broken_seq == 3


def test_a_relinked_prev_hash_is_detected(world, chain):
    # Entry 4 now claims to follow entry 2, as if entry 3 had never been there.
    AuditEntry.objects.filter(pk=chain[3].pk).update(prev_hash=chain[1].hash)
    report = broken(world)
    assert report.broken_seq == 4
    assert "does not link" in report.problem


def test_swapped_prev_hashes_are_detected(world, chain):
    AuditEntry.objects.filter(pk=chain[2].pk).update(prev_hash=chain[2].hash)
    AuditEntry.objects.filter(pk=chain[3].pk).update(prev_hash=chain[1].hash)
    assert broken(world).broken_seq == 3


def test_swapped_entries_are_detected(world, chain):
    """Entries 2 and 3 trade places (their seq numbers are swapped)."""
    AuditEntry.objects.filter(pk=chain[1].pk).update(seq=1000)
    AuditEntry.objects.filter(pk=chain[2].pk).update(seq=2)
    AuditEntry.objects.filter(pk=chain[1].pk).update(seq=3)
    assert broken(world).broken_seq == 2


def _rehash(entry_pk: int, **fields) -> AuditEntry:
    """Tamper the way a careful attacker would: change a row and recompute its hash."""
    entry = AuditEntry.objects.get(pk=entry_pk)
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.hash = compute_hash(entry)
    AuditEntry.objects.filter(pk=entry_pk).update(hash=entry.hash, **fields)
    return entry


def test_a_rehashed_middle_entry_breaks_the_link_of_the_next(world, chain):
    _rehash(chain[1].pk, actor_name="mallory")
    report = broken(world)
    assert report.broken_seq == 3
    assert "does not link" in report.problem


def test_a_rehashed_last_entry_no_longer_matches_the_chain_head(world, chain):
    _rehash(chain[4].pk, before={"code": "FORGED"})
    report = broken(world)
    assert report.broken_seq == 5
    assert "chain head" in report.problem


def test_an_entry_appended_behind_the_chain_heads_back_is_detected(world, chain):
    forged = AuditEntry(
        organization_id=world.org.pk,
        seq=6,
        created_at=chain[4].created_at,
        actor_name="mallory",
        action=AuditAction.DELETE,
        object_type="core.site",
        object_id="1",
        prev_hash=chain[4].hash,
    )
    forged.hash = compute_hash(forged)
    forged.save()
    report = broken(world)
    assert report.broken_seq == 6
    assert "chain head" in report.problem


def test_a_deleted_chain_head_is_detected(world, chain):
    AuditChainHead.objects.filter(organization=world.org).delete()
    assert broken(world).broken_seq == 1


def test_verify_all_reports_every_organization(world, chain):
    AuditEntry.objects.filter(pk=chain[3].pk).update(actor_name="x")
    reports = {r.organization_id: r for r in verify_all()}
    assert set(reports) == {world.org.pk, world.other_org.pk}
    assert reports[world.org.pk].broken_seq == 4
    assert reports[world.other_org.pk].intact


def test_verify_reads_long_chains_in_batches(world, rid):
    admin = world.users["admin"]
    for n in range(7):
        services.site_update(actor=admin, site=world.sites[1], data={"address": f"No. {n}"})
    assert verify_chain(world.org, batch=3).intact
    AuditEntry.objects.filter(organization=world.org, seq=6).delete()
    report = verify_chain(world.org, batch=3)
    assert (report.broken_seq, report.entries) == (6, 6)


# -- the hash survives a database round trip ----------------------------------------


ROUND_TRIP = {
    "名称": "湖畔酒店（西湖店）",  # noqa: RUF001 (full-width brackets on purpose)
    "emoji and quotes": 'say "你好" \u2014 ok',
    "price": Decimal("1288.50"),
    "tiny": Decimal("0.000001"),
    "day": date(2026, 2, 28),
    "moment": datetime(2026, 3, 1, 8, 30, 15, 123456, tzinfo=UTC),
    "nothing": None,
    "flags": [True, False, None],
    "count": 12345678901234,
    "ratio": 0.1,
    "nested": {"b": [1, "二", {"c": None}], "a": ""},
}


def test_hash_is_stable_across_a_database_round_trip(world):
    with transaction.atomic():
        entry = audit_record(
            actor=world.users["admin"],
            action=AuditAction.UPDATE,
            organization_id=world.org.pk,
            object_type="test.thing",
            object_id="42",
            object_repr="东西 / thing",
            before=ROUND_TRIP,
            after={**ROUND_TRIP, "price": Decimal("1300.00")},
        )
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert canonical(stored) == canonical(entry)
    assert compute_hash(stored) == stored.hash == entry.hash
    assert stored.before["price"] == "1288.50"
    assert stored.before["day"] == "2026-02-28"
    assert stored.before["名称"] == ROUND_TRIP["名称"]
    assert stored.before["nothing"] is None
    assert verify_chain(world.org).intact


def test_snapshot_of_a_real_row_round_trips(world):
    site = services.site_create(
        actor=world.users["admin"],
        organization=world.org,
        data={
            "code": "ZH1",
            "name_en": "Hangzhou",
            "name_zh": "湖畔酒店·杭州「西湖」店",
            "address": "—",
        },
    )
    services.site_update(actor=world.users["admin"], site=site, data={"name_en": "West Lake"})
    for stored in AuditEntry.objects.filter(organization=world.org):
        assert compute_hash(stored) == stored.hash
    assert verify_chain(world.org).intact


# -- concurrency (PostgreSQL) ---------------------------------------------------------


@pytest.fixture
def shared_org(transactional_db):
    """An organization and its admin, committed so that other connections see them."""
    org = OrganizationFactory(name_en="Concurrent Hotels")
    admin = MembershipFactory(
        user=UserFactory(username="concurrent-admin"), organization=org, role=Role.ADMIN
    ).user
    return org, admin


def _append_sites(org: Organization, admin: User, thread: int, count: int) -> None:
    actor = User.objects.get(pk=admin.pk)  # own instance: permission caches are per object
    organization = Organization.objects.get(pk=org.pk)
    for n in range(count):
        services.site_create(
            actor=actor,
            organization=organization,
            data={"code": f"T{thread}-{n:02d}", "name_en": f"Thread {thread} site {n}"},
        )


@requires_postgres
def test_concurrent_writers_append_one_gapless_chain(shared_org):
    org, admin = shared_org
    run_in_threads(4, lambda i: _append_sites(org, admin, i, 25))
    seqs, last_seq, last_hash = chain_state(org)
    assert seqs == list(range(1, 101))
    assert last_seq == 100
    assert last_hash == AuditEntry.objects.get(organization=org, seq=100).hash
    assert Site.objects.filter(organization=org).count() == 100
    report = verify_chain(org)
    assert report.intact, report.problem
    assert report.entries == 100


@requires_postgres
def test_concurrent_writers_create_a_missing_chain_head_once(shared_org):
    org, admin = shared_org
    AuditChainHead.objects.filter(organization=org).delete()
    run_in_threads(6, lambda i: _append_sites(org, admin, i, 5))
    seqs, last_seq, _ = chain_state(org)
    assert seqs == list(range(1, 31)) and last_seq == 30
    assert AuditChainHead.objects.filter(organization=org).count() == 1
    assert verify_chain(org).intact


@requires_postgres
def test_verifying_while_writers_append_reports_no_false_break(shared_org):
    """The daily check runs on a live system: entries appended while it reads the
    chain must not look like removed entries."""
    org, admin = shared_org
    done = threading.Event()
    reports = []

    def verifier() -> None:
        try:
            organization = Organization.objects.get(pk=org.pk)
            while not done.is_set():
                reports.append(verify_chain(organization))
        finally:
            connection.close()

    thread = threading.Thread(target=verifier)
    thread.start()
    try:
        run_in_threads(4, lambda i: _append_sites(org, admin, i, 30))
    finally:
        done.set()
        thread.join(timeout=60)
    assert len(reports) > 5
    assert [r.problem for r in reports if not r.intact] == []
    final = verify_chain(org)
    assert final.intact and final.entries == 120
