"""Core's services: who may call what (roles and site scope), what they refuse
and with which message, and what they create."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fuwu.core import services
from fuwu.core.models import (
    ApiToken,
    Attachment,
    AuditChainHead,
    LoginThrottle,
    Membership,
    Organization,
    Role,
    Site,
    User,
)
from fuwu.core.permissions import CAPABILITIES, can, in_site_scope
from fuwu.core.services.tokens import token_digest
from tests.factories import MembershipFactory, OrganizationFactory, SiteFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% test\n"
EVERY_USER = ["admin", "quality", "auditor", "viewer", "manager", "staff", "outsider", "root"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def fresh(user: User) -> User:
    """The user as a new request would load it (permission caches start empty)."""
    return User.objects.get(pk=user.pk)


def member(world, username: str) -> Membership:
    return Membership.objects.get(user__username=username, organization=world.org)


def messages_of(exc_info) -> str:
    return " ".join(exc_info.value.messages)


def allowed(call) -> bool:
    try:
        call()
    except PermissionDenied:
        return False
    return True


# -- who may call what --------------------------------------------------------------


def test_capabilities_table():
    assert CAPABILITIES["core.manage_sites"] == {Role.ADMIN}
    assert CAPABILITIES["core.manage_members"] == {Role.ADMIN}
    assert CAPABILITIES["core.attach_files"] == {
        Role.ADMIN,
        Role.QUALITY_MANAGER,
        Role.SITE_MANAGER,
        Role.STAFF,
    }
    assert Role.STAFF not in CAPABILITIES["core.view_audit"]


@pytest.mark.parametrize("username", EVERY_USER)
def test_who_may_create_sites(world, username):
    def call():
        return services.site_create(
            actor=fresh(world.users[username]),
            organization=world.org,
            data={"code": f"N-{username}", "name_en": "New"},
        )

    assert allowed(call) == (username in {"admin", "root"})
    assert Site.objects.filter(code=f"N-{username}").exists() == (username in {"admin", "root"})


def outcomes(calls: dict) -> dict[str, bool]:
    """Which of the calls (made in order) were allowed."""
    return {name: allowed(call) for name, call in calls.items()}


@pytest.mark.parametrize("username", EVERY_USER)
def test_who_may_change_and_delete_sites(world, username):
    may = username in {"admin", "root"}
    user = fresh(world.users[username])
    calls = {
        "update": lambda: services.site_update(
            actor=user, site=world.sites[1], data={"address": "Z"}
        ),
        "delete": lambda: services.site_delete(actor=user, site=world.sites[2]),
    }
    assert outcomes(calls) == dict.fromkeys(calls, may)
    assert Site.objects.filter(pk=world.sites[2].pk).exists() != may


@pytest.mark.parametrize("username", EVERY_USER)
def test_who_may_manage_members(world, username):
    may = username in {"admin", "root"}
    user = fresh(world.users[username])
    calls = {
        "add": lambda: services.membership_add(
            actor=user, organization=world.org, username=f"new-{username}", role=Role.VIEWER
        ),
        "update": lambda: services.membership_update(
            actor=user,
            membership=member(world, "viewer"),
            role=Role.AUDITOR,
            all_sites=True,
            sites=[],
        ),
        "deactivate": lambda: services.membership_deactivate(
            actor=user, membership=member(world, "staff")
        ),
    }
    assert outcomes(calls) == dict.fromkeys(calls, may)


@pytest.mark.parametrize("username", EVERY_USER)
def test_only_superusers_manage_organizations(world, username):
    user = fresh(world.users[username])
    calls = {
        "create": lambda: services.organization_create(
            actor=user, data={"name_en": "New Org", "slug": f"new-{username}"}
        ),
        "update": lambda: services.organization_update(
            actor=user, organization=world.org, data={"name_zh": "新名字"}
        ),
    }
    assert outcomes(calls) == dict.fromkeys(calls, username == "root")


@pytest.mark.parametrize(
    "username, may",
    [
        ("admin", True),
        ("quality", True),
        ("manager", True),
        ("staff", True),
        ("root", True),
        ("auditor", False),
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_who_may_attach_files(world, username, may):
    user = fresh(world.users[username])
    upload = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\nrest")
    # sites[0] is in the scope of the scoped manager and staff.
    outcome = allowed(
        lambda: services.attachment_add(actor=user, record=world.sites[0], upload=upload)
    )
    assert outcome == may


def test_the_denial_message(world):
    with pytest.raises(PermissionDenied, match="You do not have permission to do this"):
        services.site_create(
            actor=fresh(world.users["viewer"]), organization=world.org, data={"code": "X"}
        )
    with pytest.raises(PermissionDenied, match="Only superusers can create organizations"):
        services.organization_create(actor=fresh(world.users["admin"]), data={})


def test_an_inactive_membership_grants_nothing(world):
    Membership.objects.filter(user=world.users["admin"], organization=world.org).update(
        is_active=False
    )
    with pytest.raises(PermissionDenied):
        services.site_create(
            actor=fresh(world.users["admin"]),
            organization=world.org,
            data={"code": "N1", "name_en": "N"},
        )


def test_a_deactivated_organization_grants_nothing(world):
    Organization.objects.filter(pk=world.org.pk).update(is_active=False)
    org = Organization.objects.get(pk=world.org.pk)
    with pytest.raises(PermissionDenied):
        services.site_create(
            actor=fresh(world.users["admin"]), organization=org, data={"code": "N1", "name_en": "N"}
        )
    # A superuser can still repair it.
    services.organization_update(
        actor=world.users["root"], organization=org, data={"is_active": True}
    )
    assert Organization.objects.get(pk=org.pk).is_active


def test_a_deactivated_user_grants_nothing(world):
    User.objects.filter(pk=world.users["admin"].pk).update(is_active=False)
    with pytest.raises(PermissionDenied):
        services.site_update(
            actor=fresh(world.users["admin"]), site=world.sites[0], data={"address": "Z"}
        )


def test_an_admin_of_one_organization_has_no_rights_in_the_other(world):
    outsider = fresh(world.users["outsider"])
    services.site_update(actor=outsider, site=world.other_site, data={"address": "Pier 2"})
    with pytest.raises(PermissionDenied):
        services.site_update(actor=outsider, site=world.sites[0], data={"address": "Ours"})
    with pytest.raises(PermissionDenied):
        services.membership_add(
            actor=outsider, organization=world.org, username="spy", role=Role.ADMIN
        )
    assert not User.objects.filter(username="spy").exists()


def test_a_deactivated_member_loses_their_rights(world):
    services.membership_deactivate(actor=world.users["admin"], membership=member(world, "staff"))
    staff = fresh(world.users["staff"])
    assert not can(staff, world.org, "core.attach_files")
    with pytest.raises(PermissionDenied):
        services.attachment_add(
            actor=staff, record=world.sites[0], upload=SimpleUploadedFile("a.pdf", PDF)
        )


# -- site scope -----------------------------------------------------------------------


def test_site_scope_of_scoped_and_unscoped_members(world):
    first, second = world.sites[0], world.sites[1]
    for username in ("manager", "staff"):
        user = fresh(world.users[username])
        assert in_site_scope(user, world.org, first.pk)
        assert not in_site_scope(user, world.org, second.pk)
        assert not in_site_scope(user, world.org, None)
    for username in ("admin", "quality", "viewer", "root"):
        assert in_site_scope(fresh(world.users[username]), world.org, second.pk)
    assert not in_site_scope(fresh(world.users["outsider"]), world.org, first.pk)


@pytest.mark.parametrize("username", ["manager", "staff"])
def test_scoped_members_attach_only_within_their_sites(world, username):
    user = fresh(world.users[username])
    services.attachment_add(
        actor=user, record=world.sites[0], upload=SimpleUploadedFile("ok.pdf", PDF)
    )
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(
            actor=user, record=world.sites[1], upload=SimpleUploadedFile("no.pdf", PDF)
        )
    assert messages_of(exc) == "This record is outside your sites."
    assert list(Attachment.objects.values_list("name", flat=True)) == ["ok.pdf"]


def test_scoped_members_delete_attachments_only_within_their_sites(world):
    admin = world.users["admin"]
    theirs = services.attachment_add(
        actor=admin, record=world.sites[0], upload=SimpleUploadedFile("in-scope.pdf", PDF)
    )
    elsewhere = services.attachment_add(
        actor=admin, record=world.sites[1], upload=SimpleUploadedFile("elsewhere.pdf", PDF)
    )
    staff = fresh(world.users["staff"])
    with pytest.raises(ValidationError, match="outside your sites"):
        services.attachment_delete(actor=staff, attachment=elsewhere)
    services.attachment_delete(actor=staff, attachment=theirs)
    assert list(Attachment.objects.values_list("name", flat=True)) == ["elsewhere.pdf"]


def test_scope_after_membership_update(world):
    services.membership_update(
        actor=world.users["admin"],
        membership=member(world, "staff"),
        role=Role.STAFF,
        all_sites=False,
        sites=[world.sites[1], world.sites[2]],
    )
    staff = fresh(world.users["staff"])
    assert not in_site_scope(staff, world.org, world.sites[0].pk)
    assert in_site_scope(staff, world.org, world.sites[2].pk)
    assert member(world, "staff").site_ids() == {world.sites[1].pk, world.sites[2].pk}


# -- validation -----------------------------------------------------------------------


def test_a_site_code_is_unique_per_organization(world):
    admin = world.users["admin"]
    with pytest.raises(ValidationError) as exc:
        services.site_create(
            actor=admin, organization=world.org, data={"code": "H1", "name_en": "Twin"}
        )
    assert "code" in messages_of(exc).lower()
    assert Site.objects.filter(organization=world.org, code="H1").count() == 1
    # The same code in another organization is fine.
    services.site_create(
        actor=world.users["outsider"],
        organization=world.other_org,
        data={"code": "H1", "name_en": "Harbor H1"},
    )
    assert Site.objects.filter(code="H1").count() == 2


def test_a_site_cannot_take_the_code_of_another_on_update(world):
    with pytest.raises(ValidationError) as exc:
        services.site_update(actor=world.users["admin"], site=world.sites[1], data={"code": "H1"})
    assert "code" in messages_of(exc).lower()
    assert Site.objects.get(pk=world.sites[1].pk).code == "H2"
    # Keeping its own code is of course fine.
    services.site_update(
        actor=world.users["admin"], site=world.sites[1], data={"code": "H2", "name_en": "Two"}
    )


def test_site_fields_are_validated(world):
    with pytest.raises(ValidationError) as exc:
        services.site_create(
            actor=world.users["admin"], organization=world.org, data={"code": "", "name_en": ""}
        )
    assert set(exc.value.message_dict) >= {"code", "name_en"}


def test_site_create_ignores_fields_it_does_not_own(world):
    site = services.site_create(
        actor=world.users["admin"],
        organization=world.org,
        data={"code": "N1", "name_en": "N", "organization": world.other_org, "pk": 999999},
    )
    assert site.organization_id == world.org.pk and site.pk != 999999


def test_deleting_a_site_in_a_members_scope_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.site_delete(actor=world.users["admin"], site=world.sites[0])
    assert messages_of(exc) == (
        "This site is in the scope of members; remove it from their scope or deactivate it instead."
    )
    assert Site.objects.filter(pk=world.sites[0].pk).exists()
    # Taken out of every scope, it can go.
    for username in ("manager", "staff"):
        services.membership_update(
            actor=world.users["admin"],
            membership=member(world, username),
            role=member(world, username).role,
            all_sites=False,
            sites=[world.sites[1]],
        )
    services.site_delete(actor=world.users["admin"], site=world.sites[0])
    assert not Site.objects.filter(pk=world.sites[0].pk).exists()


def test_membership_scope_must_use_sites_of_the_same_organization(world):
    with pytest.raises(ValidationError) as exc:
        services.membership_add(
            actor=world.users["admin"],
            organization=world.org,
            username="mixed",
            role=Role.STAFF,
            all_sites=False,
            sites=[world.sites[0], world.other_site],
        )
    assert exc.value.message_dict == {"sites": ["Choose sites of this organization only."]}
    assert not User.objects.filter(username="mixed").exists()
    with pytest.raises(ValidationError) as exc:
        services.membership_update(
            actor=world.users["admin"],
            membership=member(world, "staff"),
            role=Role.STAFF,
            all_sites=False,
            sites=[world.other_site],
        )
    assert exc.value.message_dict == {"sites": ["Choose sites of this organization only."]}
    assert member(world, "staff").site_ids() == {world.sites[0].pk}


def test_a_restricted_scope_needs_a_site(world):
    with pytest.raises(ValidationError) as exc:
        services.membership_add(
            actor=world.users["admin"],
            organization=world.org,
            username="nowhere",
            role=Role.STAFF,
            all_sites=False,
            sites=[],
        )
    assert list(exc.value.message_dict) == ["sites"]
    assert "at least one site" in messages_of(exc)


def test_all_sites_ignores_a_site_list(world):
    membership = services.membership_add(
        actor=world.users["admin"],
        organization=world.org,
        username="everywhere",
        role=Role.VIEWER,
        all_sites=True,
        sites=[world.sites[1]],
    )
    assert membership.all_sites and membership.site_ids() is None
    assert list(membership.sites.all()) == []


def test_adding_an_existing_member_again_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.membership_add(
            actor=world.users["admin"], organization=world.org, username="viewer", role=Role.ADMIN
        )
    assert exc.value.message_dict == {"username": ["This person is already a member."]}
    assert member(world, "viewer").role == Role.VIEWER


def test_an_inactive_member_is_still_a_member(world):
    services.membership_deactivate(actor=world.users["admin"], membership=member(world, "viewer"))
    with pytest.raises(ValidationError, match="already a member"):
        services.membership_add(
            actor=world.users["admin"], organization=world.org, username="viewer", role=Role.VIEWER
        )


@pytest.mark.parametrize("username", ["outsider", "OUTSIDER", "root"])
def test_an_existing_login_is_never_added_directly(world, username):
    """Another tenant's person (or the superuser) is invited and accepts; adding them by
    username is refused without saying whether the username belongs to anyone."""
    outsider = world.users["outsider"]
    password = outsider.password
    with pytest.raises(ValidationError) as exc:
        services.membership_add(
            actor=world.users["admin"],
            organization=world.org,
            username=username,
            role=Role.AUDITOR,
            password="would-reset-it",
        )
    assert exc.value.message_dict == {
        "username": [
            "This username cannot be used for a new login. To add someone who already "
            "has a Fuwu login, invite them by e-mail."
        ]
    }
    assert User.objects.get(pk=outsider.pk).password == password
    assert Membership.objects.filter(user=outsider).count() == 1
    assert not Membership.objects.filter(user__username="root").exists()


def test_an_unknown_role_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.membership_add(
            actor=world.users["admin"], organization=world.org, username="x", role="owner"
        )
    assert exc.value.message_dict == {"role": ["Choose a valid role."]}


def test_you_cannot_deactivate_yourself(world):
    with pytest.raises(ValidationError) as exc:
        services.membership_deactivate(
            actor=world.users["admin"], membership=member(world, "admin")
        )
    assert messages_of(exc) == "You cannot deactivate yourself."
    assert member(world, "admin").is_active


@pytest.mark.parametrize(
    "changes", [{"role": Role.QUALITY_MANAGER}, {"role": Role.ADMIN, "is_active": False}]
)
def test_you_cannot_remove_your_own_admin_rights(world, changes):
    data = {"role": Role.ADMIN, "all_sites": True, "sites": [], **changes}
    with pytest.raises(ValidationError) as exc:
        services.membership_update(
            actor=world.users["admin"], membership=member(world, "admin"), **data
        )
    assert messages_of(exc) == "You cannot remove your own administrator rights."
    assert member(world, "admin").role == Role.ADMIN and member(world, "admin").is_active


def test_an_admin_may_narrow_their_own_scope(world):
    services.membership_update(
        actor=world.users["admin"],
        membership=member(world, "admin"),
        role=Role.ADMIN,
        all_sites=False,
        sites=[world.sites[1]],
    )
    assert member(world, "admin").site_ids() == {world.sites[1].pk}


def test_another_admin_may_deactivate_an_admin(world):
    second = MembershipFactory(
        user=UserFactory(username="second-admin"), organization=world.org, role=Role.ADMIN
    )
    services.membership_deactivate(actor=fresh(second.user), membership=member(world, "admin"))
    assert not member(world, "admin").is_active


# -- what membership_add creates ------------------------------------------------------


def test_membership_add_creates_a_user_with_the_given_password(world):
    membership = services.membership_add(
        actor=world.users["admin"],
        organization=world.org,
        username="liu.yang",
        role=Role.STAFF,
        all_sites=False,
        sites=[world.sites[2]],
        email="liu@example.com",
        first_name="Yang",
        last_name="Liu",
        password="s3cret-pass",
    )
    user = User.objects.get(username="liu.yang")
    assert membership.user == user
    assert user.has_usable_password()
    assert user.check_password("s3cret-pass")
    assert (user.email, user.first_name, user.last_name) == ("liu@example.com", "Yang", "Liu")
    assert user.is_active and not user.is_staff and not user.is_superuser
    assert membership.role == Role.STAFF
    assert membership.site_ids() == {world.sites[2].pk}
    assert world.client("admin").login(username="liu.yang", password="s3cret-pass")


def test_membership_add_without_a_password_leaves_it_unusable(world):
    services.membership_add(
        actor=world.users["admin"], organization=world.org, username="sso.only", role=Role.VIEWER
    )
    user = User.objects.get(username="sso.only")
    assert not user.has_usable_password()
    assert not user.check_password("")


# -- organizations ----------------------------------------------------------------------


def test_organization_create_sets_up_its_chain(world):
    org = services.organization_create(
        actor=world.users["root"],
        data={
            "name_en": "Jade Teahouse",
            "name_zh": "翡翠茶馆",
            "slug": "jade",
            "default_language": "zh-hans",
            "unknown": "ignored",
        },
    )
    head = AuditChainHead.objects.get(organization=org)
    # Its creation, then the reference data the apps give every new organization.
    assert head.last_seq == 2
    assert org.default_language == "zh-hans"
    assert org.name_zh == "翡翠茶馆"


def test_organization_slugs_are_unique(world):
    with pytest.raises(ValidationError) as exc:
        services.organization_create(
            actor=world.users["root"], data={"name_en": "Copy", "slug": "lakeside"}
        )
    assert "slug" in exc.value.message_dict


# -- API tokens and login throttling ---------------------------------------------------


def test_api_tokens_are_stored_hashed(world):
    token, key = services.api_token_create(user=world.users["admin"])
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == token_digest(key) != key
    assert key.startswith(stored.prefix) and len(stored.prefix) == 8
    assert not ApiToken.objects.filter(digest=key).exists()
    services.api_token_revoke(token=stored)
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_login_throttle_locks_after_too_many_failures(world, settings):
    settings.FUWU_LOGIN_MAX_FAILURES = 3
    where = {"username": "Admin ", "address": "10.0.0.1"}
    for _ in range(2):
        services.login_failed(**where)
    assert services.login_locked_until(**where) is None
    services.login_failed(**where)
    until = services.login_locked_until(**where)
    assert until is not None and until > timezone.now()
    # The key ignores case and surrounding spaces, but not the address.
    assert services.login_locked_until(username="admin", address="10.0.0.1") == until
    assert services.login_locked_until(username="admin", address="10.0.0.2") is None
    services.login_succeeded(**where)
    assert services.login_locked_until(**where) is None
    assert not LoginThrottle.objects.exists()


def test_an_expired_lock_starts_counting_again(world, settings):
    settings.FUWU_LOGIN_MAX_FAILURES = 2
    where = {"username": "viewer", "address": "10.0.0.9"}
    services.login_failed(**where)
    services.login_failed(**where)
    LoginThrottle.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    assert services.login_locked_until(**where) is None
    services.login_failed(**where)
    row = LoginThrottle.objects.get()
    assert (row.failures, row.locked_until) == (1, None)


# -- the other organization's rows stay untouched -----------------------------------------


def test_services_work_on_a_second_organization_independently(world):
    cafe = OrganizationFactory(slug="second")
    SiteFactory(organization=cafe, code="H1")
    boss = MembershipFactory(user=UserFactory(), organization=cafe, role=Role.ADMIN).user
    services.site_create(
        actor=fresh(boss), organization=cafe, data={"code": "H2", "name_en": "Second H2"}
    )
    assert Site.objects.filter(organization=world.org, code="H2").count() == 1
    assert Site.objects.filter(organization=cafe).count() == 2
