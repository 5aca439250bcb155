"""Adding people: a new login made by an administrator, or an invitation by e-mail
that the person accepts. Nobody's personal data reaches another tenant's
administrator, and the superuser never becomes a member."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from fuwu.core.models import AuditEntry, Invitation, Membership, User

from .conftest import HARBOR_MARK, LAKESIDE_MARK, api_client, tenant_state

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/invitations/(\S+)/")
SET_PASSWORD = re.compile(r"https?://\S+(/account/set-password/\S+/)")


def invite(client, email: str, **extra):
    return client.post(
        "/api/v1/invitations/", {"email": email, "role": "viewer", **extra}, format="json"
    )


def link_in(message) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return f"/invitations/{found.group(1)}/"


# -- the fault: adding a person of another tenant by username ---------------------------


@pytest.mark.parametrize("username", ["quality", "root"], ids=["other-tenant", "superuser"])
def test_an_existing_login_cannot_be_added_by_username(scene, username):
    before = tenant_state(scene.other_org)
    response = api_client(scene.world, "outsider").post(
        "/api/v1/members/",
        {"organization": scene.other_org.pk, "username": username, "role": "viewer"},
        format="json",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert LAKESIDE_MARK not in body and "@" not in body
    assert "invite them by e-mail" in response.json()["username"][0]
    assert tenant_state(scene.other_org) == before
    assert not Membership.objects.filter(
        user__username=username, organization=scene.other_org
    ).exists()
    # The page refuses the same way.
    page = scene.client("outsider").post(
        "/members/add/", {"username": username, "role": "viewer", "all_sites": "on"}
    )
    assert page.status_code == 400
    assert LAKESIDE_MARK not in page.content.decode()
    assert tenant_state(scene.other_org) == before


def test_the_refusal_does_not_say_whose_username_it_is(scene):
    """A taken username and a taken username in another letter case read the same."""
    client = api_client(scene.world, "outsider")
    answers = {
        name: client.post(
            "/api/v1/members/",
            {"organization": scene.other_org.pk, "username": name, "role": "viewer"},
            format="json",
        ).json()
        for name in ("quality", "QUALITY")
    }
    assert answers["quality"] == answers["QUALITY"]


# -- a new login made by the administrator ---------------------------------------------


def test_a_new_member_without_password_gets_a_set_password_link(scene):
    response = api_client(scene.world, "admin").post(
        "/api/v1/members/",
        {"username": "zhou.min", "email": "zhou@example.com", "role": "staff"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert [m.to for m in mail.outbox] == [["zhou@example.com"]]
    path = SET_PASSWORD.search(mail.outbox[0].body).group(1)
    client = Client()
    form = client.get(path, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Tea-Garden-Lantern-7", "new_password2": "Tea-Garden-Lantern-7"},
    )
    assert done.status_code == 302
    assert (
        Client()
        .post("/login/", {"username": "zhou.min", "password": "Tea-Garden-Lantern-7"})
        .status_code
        == 302
    )
    # The link works once.
    assert not Client().get(path, follow=True).context["validlink"]


def test_a_mail_server_that_fails_leaves_nothing_behind(scene, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    before = tenant_state(scene.org)
    users = User.objects.count()
    client = api_client(scene.world, "admin")
    response = client.post(
        "/api/v1/members/",
        {"username": "zhou.min", "email": "zhou@example.com", "role": "staff"},
        format="json",
    )
    assert response.status_code == 400
    assert "could not be sent" in str(response.json())
    response = invite(client, "new.person@example.com")
    assert response.status_code == 400
    assert (tenant_state(scene.org), User.objects.count()) == (before, users)
    assert not Invitation.objects.exists()


# -- invitations --------------------------------------------------------------------------


def test_an_invited_person_with_a_login_accepts_and_only_then_joins(scene):
    quality = scene.users["quality"]
    harbor = api_client(scene.world, "outsider")
    response = invite(harbor, quality.email, organization=scene.other_org.pk)
    assert response.status_code == 201, response.content
    body = response.content.decode()
    assert LAKESIDE_MARK not in body.replace(quality.email, "")  # only the typed address
    assert response.json()["status"] == "pending"
    assert [m.to for m in mail.outbox] == [[quality.email]]
    assert "invites you to join Harbor Café in Fuwu as Viewer." in mail.outbox[0].body
    # Nothing of the person is shown before they accept: no member, no name.
    members = harbor.get(f"/api/v1/members/?organization={scene.other_org.pk}")
    assert LAKESIDE_MARK not in members.content.decode()
    page = scene.client("outsider").get("/members/invitations/").content.decode()
    assert LAKESIDE_MARK not in page.replace(quality.email, "")
    assert not Membership.objects.filter(user=quality, organization=scene.other_org).exists()

    link = link_in(mail.outbox[0])
    anonymous = Client().get(link)
    assert anonymous.status_code == 200
    assert "Harbor" in anonymous.content.decode()
    client = scene.client("quality")
    assert client.get(link).status_code == 200
    accepted = client.post(link)
    assert accepted.status_code == 302
    membership = Membership.objects.get(user=quality, organization=scene.other_org)
    assert (membership.role, membership.is_active) == ("viewer", True)
    entry = AuditEntry.objects.filter(organization=scene.other_org).latest("seq")
    assert entry.actor_name == "quality"  # the person who accepted
    assert Invitation.objects.get().status == "accepted"
    # The link works once.
    again = scene.client("viewer").get(link)
    assert again.status_code == 404
    assert "no longer valid" in again.content.decode()


def test_an_invited_person_creates_a_login_with_the_invitation(scene):
    response = invite(
        api_client(scene.world, "admin"),
        "new.person@example.com",
        role="staff",
        all_sites=False,
        sites=[scene.sites[1].pk],
    )
    assert response.status_code == 201
    link = link_in(mail.outbox[0])
    client = Client()
    weak = client.post(
        link,
        {"username": "new.person", "password": "123", "password_again": "123"},
    )
    assert weak.status_code == 400
    assert not User.objects.filter(username="new.person").exists()
    taken = client.post(
        link,
        {"username": "Viewer", "password": "Jade-Lantern-58", "password_again": "Jade-Lantern-58"},
    )
    assert taken.status_code == 400
    assert LAKESIDE_MARK not in taken.content.decode()
    done = client.post(
        link,
        {
            "username": "new.person",
            "first_name": "Xin",
            "last_name": "Wu",
            "password": "Jade-Lantern-58",
            "password_again": "Jade-Lantern-58",
        },
    )
    assert done.status_code == 302
    user = User.objects.get(username="new.person")
    assert user.email == "new.person@example.com"
    membership = Membership.objects.get(user=user)
    assert membership.organization == scene.org and membership.site_ids() == {scene.sites[1].pk}
    assert client.get("/sites/").status_code == 200  # logged in, in that organization


def test_a_revoked_or_expired_invitation_opens_nothing(scene):
    client = api_client(scene.world, "admin")
    first = invite(client, "a@example.com").json()
    second = invite(client, "b@example.com").json()
    revoked_link, expired_link = link_in(mail.outbox[0]), link_in(mail.outbox[1])
    assert client.delete(f"/api/v1/invitations/{first['id']}/").status_code == 204
    assert client.get(f"/api/v1/invitations/{first['id']}/").json()["status"] == "revoked"
    assert client.delete(f"/api/v1/invitations/{first['id']}/").status_code == 409
    Invitation.objects.filter(pk=second["id"]).update(expires_at=timezone.now() - timedelta(1))
    for link in (revoked_link, expired_link, "/invitations/not-a-token/"):
        assert Client().get(link).status_code == 404
        assert scene.client("viewer").post(link).status_code == 404
    assert Membership.objects.filter(organization=scene.org).count() == 6


def test_the_superuser_cannot_accept_an_invitation(scene):
    invite(api_client(scene.world, "admin"), "root@example.com")
    link = link_in(mail.outbox[0])
    response = scene.client("root").post(link, follow=True)
    assert "cannot be a member" in response.content.decode()
    assert not Membership.objects.filter(user__username="root").exists()
    assert Invitation.objects.get().status == "pending"


def test_invitation_errors_write_nothing(scene):
    client = api_client(scene.world, "admin")
    cases = [
        ({"email": "not-an-email"}, "email"),
        ({"email": "x@example.com", "role": "owner"}, "role"),
        ({"email": "x@example.com", "all_sites": False}, "sites"),
        ({"email": "x@example.com", "all_sites": False, "sites": [scene.other_site.pk]}, "sites"),
        ({"email": "viewer@zqxlakeside.example"}, "email"),  # a member already
    ]
    for data, field in cases:
        response = client.post("/api/v1/invitations/", {"role": "viewer", **data}, format="json")
        assert response.status_code == 400, data
        assert field in response.json(), response.json()
    assert invite(client, "x@example.com").status_code == 201
    again = invite(client, "X@example.com")
    assert again.status_code == 400 and "pending invitation" in str(again.json())
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


@pytest.mark.parametrize("username", ["quality", "manager", "staff", "auditor", "viewer"])
def test_only_administrators_of_all_sites_invite_and_see_invitations(scene, username):
    invite(api_client(scene.world, "admin"), "x@example.com")
    client = api_client(scene.world, username)
    assert invite(client, "y@example.com").status_code == 403
    assert client.get("/api/v1/invitations/").status_code == 403
    assert scene.client(username).get("/members/invitations/").status_code == 403
    # Nor another organization's administrator.
    harbor = api_client(scene.world, "outsider")
    assert harbor.get("/api/v1/invitations/").json()["results"] == []
    pk = Invitation.objects.get().pk
    assert harbor.get(f"/api/v1/invitations/{pk}/").status_code == 404
    assert harbor.delete(f"/api/v1/invitations/{pk}/").status_code == 404
    assert Invitation.objects.get().status == "pending"


def test_invitation_pages_invite_list_and_revoke(scene):
    client = scene.client("admin")
    assert "/members/invitations/" in client.get("/members/").content.decode()
    assert client.get("/members/invitations/add/").status_code == 200
    response = client.post(
        "/members/invitations/add/",
        {"email": "li@example.com", "role": "auditor", "all_sites": "on"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert response["Location"] == f"/members/invitations/{invitation.pk}/"
    listed = client.get("/members/invitations/").content.decode()
    assert "li@example.com" in listed and "Pending" in listed
    detail = client.get(f"/members/invitations/{invitation.pk}/").content.decode()
    assert "Revoke the invitation" in detail
    assert client.get(f"/members/invitations/{invitation.pk}/edit/").status_code == 404
    assert client.post(f"/members/invitations/{invitation.pk}/revoke/").status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    history = client.get(f"/members/invitations/{invitation.pk}/history/").content.decode()
    assert "admin" in history
    # Another organization's administrator cannot revoke it, nor see it.
    harbor = scene.client("outsider")
    assert harbor.get(f"/members/invitations/{invitation.pk}/").status_code == 404
    assert harbor.post(f"/members/invitations/{invitation.pk}/revoke/").status_code == 404
    assert HARBOR_MARK not in listed


def test_the_invitation_email_is_in_the_organization_language(scene):
    scene.other_org.default_language = "zh-hans"
    scene.other_org.save()
    invite(api_client(scene.world, "outsider"), "z@example.com")
    assert "邀请" in mail.outbox[0].subject
    assert "以“查看者”的身份加入" in mail.outbox[0].body  # the role, in Chinese too
    assert LINK.search(mail.outbox[0].body)
