"""Policies decided after review: who manages members, and safe CSV exports."""

import pytest
from django.core.exceptions import PermissionDenied

from fuwu.core.models import Membership, Role
from fuwu.core.services import membership_add, membership_update
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoped_admin(world):
    return MembershipFactory(
        user=UserFactory(username="scoped-admin"),
        organization=world.org,
        role=Role.ADMIN,
        sites=[world.sites[1]],
    )


def test_a_site_scoped_admin_cannot_widen_their_own_scope(world, scoped_admin):
    with pytest.raises(PermissionDenied):
        membership_update(
            actor=scoped_admin.user,
            membership=scoped_admin,
            role=Role.ADMIN,
            all_sites=True,
            sites=[],
        )
    scoped_admin.refresh_from_db()
    assert not scoped_admin.all_sites


def test_a_site_scoped_admin_cannot_appoint_members(world, scoped_admin):
    with pytest.raises(PermissionDenied):
        membership_add(
            actor=scoped_admin.user, organization=world.org, username="newcomer", role=Role.ADMIN
        )
    assert not Membership.objects.filter(user__username="newcomer").exists()


def test_the_members_register_hides_the_add_button_from_a_scoped_admin(world, scoped_admin):
    from django.test import Client

    client = Client()
    client.force_login(scoped_admin.user)
    assert client.get("/members/add/").status_code == 403
    assert "/members/add/" not in client.get("/members/").content.decode()


def test_csv_export_keeps_formula_like_text_inert(world):
    site = world.sites[0]
    site.name_en = "=HYPERLINK(1)"
    site.save()
    response = world.client("admin").get("/sites/?export=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body
