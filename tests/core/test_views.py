"""The web UI of core as its users meet it: who may do what, the register lists
(filters, sorting, pages, HTMX, exports), forms and their errors, the audit
trail behind every write, members, organization and language switching,
attachments, login throttling, error pages and bounded query counts."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from fuwu.core import services
from fuwu.core.middleware import SESSION_ORG
from fuwu.core.models import (
    Attachment,
    AuditEntry,
    LoginThrottle,
    Membership,
    Organization,
    Role,
    Site,
    User,
)
from tests.factories import MembershipFactory, OrganizationFactory, SiteFactory, UserFactory

from .conftest import (
    HARBOR_MARK,
    LAKESIDE_MARK,
    SMALL_PDF,
    content_of,
    csv_rows,
    login,
    tenant_state,
    xlsx_rows,
)

pytestmark = pytest.mark.django_db

ROLES = ["admin", "quality", "manager", "staff", "auditor", "viewer", "root"]
ADMINS = {"admin", "root"}
AUDIT_READERS = {"admin", "quality", "auditor", "root"}
SCOPED = {"manager", "staff"}  # see sites[0] only


def row_codes(html: str) -> list[str]:
    """The site codes of the list table, in order."""
    return re.findall(r'<td[^>]*><a href="/sites/\d+/">([^<]+)</a></td>', html)


# -- who may do what -----------------------------------------------------------

# (url, roles that get 200, roles that get 404 rather than 403)
PAGES = [
    ("/", set(ROLES), set()),
    ("/sites/", set(ROLES), set()),
    ("/sites/add/", ADMINS, set()),
    ("/sites/{s0}/", set(ROLES), set()),
    ("/sites/{s0}/edit/", ADMINS, set()),
    ("/sites/{s0}/history/", set(ROLES), set()),
    ("/sites/{s2}/", set(ROLES) - SCOPED, SCOPED),
    ("/sites/{s2}/delete/", ADMINS, SCOPED),
    ("/sites/?export=csv", set(ROLES) - {"staff"}, set()),
    ("/sites/?export=xlsx", set(ROLES) - {"staff"}, set()),
    ("/members/", set(ROLES), set()),
    ("/members/add/", ADMINS, set()),
    ("/members/{viewer}/", set(ROLES), set()),
    ("/members/{viewer}/edit/", ADMINS, set()),
    ("/members/{viewer}/history/", set(ROLES), set()),
    ("/members/?export=csv", set(ROLES) - {"staff"}, set()),
    ("/audit/", AUDIT_READERS, set()),
    ("/audit/{entry}/", AUDIT_READERS, set()),
    ("/audit/?export=csv", AUDIT_READERS, set()),
    ("/organizations/", {"root"}, set()),
    ("/organizations/add/", {"root"}, set()),
    ("/organizations/{org}/", {"root"}, set()),
    ("/organizations/{org}/edit/", {"root"}, set()),
    ("/organizations/?export=xlsx", {"root"}, set()),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url, allowed, hidden", PAGES, ids=[p[0] for p in PAGES])
def test_pages_per_role(scene, role, url, allowed, hidden):
    url = url.format(
        s0=scene.sites[0].pk,
        s2=scene.sites[2].pk,
        viewer=scene.membership("viewer").pk,
        entry=scene.audit_entry.pk,
        org=scene.org.pk,
    )
    response = scene.client(role).get(url)
    expected = 200 if role in allowed else 404 if role in hidden else 403
    assert response.status_code == expected
    if expected == 403:
        assert "You do not have permission to do this." in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_add_sites(scene, role):
    response = scene.client(role).post(
        "/sites/add/", {"code": "NEW", "name_en": "New hotel", "is_active": "on"}
    )
    created = Site.objects.filter(organization=scene.org, code="NEW").exists()
    if role in ADMINS:
        assert response.status_code == 302
        assert created
    else:
        assert response.status_code == 403
        assert not created


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_edit_and_delete_sites(scene, role):
    client = scene.client(role)
    before = tenant_state(scene.org)
    site = scene.sites[2]
    edit = client.post(f"/sites/{site.pk}/edit/", {"code": "H3", "name_en": "Renamed"})
    delete = client.post(f"/sites/{site.pk}/delete/")
    if role in ADMINS:
        assert (edit.status_code, delete.status_code) == (302, 302)
        assert not Site.objects.filter(pk=site.pk).exists()
    else:
        expected = 404 if role in SCOPED else 403
        assert (edit.status_code, delete.status_code) == (expected, expected)
        assert tenant_state(scene.org) == before


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_manage_members(scene, role):
    client = scene.client(role)
    before = tenant_state(scene.org)
    add = client.post("/members/add/", {"username": "newbie", "role": "staff", "all_sites": "on"})
    edit = client.post(
        f"/members/{scene.membership('viewer').pk}/edit/",
        {"role": "auditor", "all_sites": "on", "is_active": "on"},
    )
    if role in ADMINS:
        assert (add.status_code, edit.status_code) == (302, 302)
        assert scene.membership("newbie").role == Role.STAFF
        assert scene.membership("viewer").role == Role.AUDITOR
    else:
        assert (add.status_code, edit.status_code) == (403, 403)
        assert not User.objects.filter(username="newbie").exists()
        assert tenant_state(scene.org) == before


@pytest.mark.parametrize("role", ROLES)
def test_controls_shown_match_what_the_role_may_do(scene, role):
    client = scene.client(role)
    sites = client.get("/sites/").content.decode()
    detail = client.get(f"/sites/{scene.sites[0].pk}/").content.decode()
    members = client.get("/members/").content.decode()
    assert ('href="/sites/add/"' in sites) == (role in ADMINS)
    assert ('href="/members/add/"' in members) == (role in ADMINS)
    assert ("export=csv" in sites) == (role != "staff")
    assert (f'href="/sites/{scene.sites[0].pk}/edit/"' in detail) == (role in ADMINS)
    assert (f'href="/sites/{scene.sites[0].pk}/delete/"' in detail) == (role in ADMINS)
    # The navigation offers the audit trail and organizations only to who may open them.
    assert ('href="/audit/"' in sites) == (role in AUDIT_READERS)
    assert ('href="/organizations/"' in sites) == (role == "root")


def test_anonymous_visitor_is_sent_to_login(world):
    for url in ["/", "/sites/", f"/sites/{world.sites[0].pk}/", "/sites/?export=csv", "/audit/"]:
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next="), url


def test_user_without_organization_is_told_so(world):
    UserFactory(username="loner")
    client = Client()
    client.force_login(User.objects.get(username="loner"))
    response = client.get("/sites/")
    assert response.status_code == 403
    assert "You are not a member of any organization yet." in response.content.decode()


# -- register lists: filter, sort, paginate, HTMX --------------------------------


def test_search_filters_the_list(scene):
    client = scene.client("admin")
    assert row_codes(client.get("/sites/?q=h2").content.decode()) == ["H2"]
    assert row_codes(client.get("/sites/?q=H3 酒店").content.decode()) == ["H3"]
    assert row_codes(client.get("/sites/?q=Lake Road").content.decode()) == ["H1", "H2"]
    assert row_codes(client.get("/sites/?q=zqx").content.decode()) == ["H1", "H2", "H3"]
    nothing = client.get("/sites/?q=nowhere").content.decode()
    assert row_codes(nothing) == []
    assert "Nothing matches these filters." in nothing


def test_member_search_and_role_filter(scene):
    client = scene.client("admin")
    html = client.get("/members/?q=auditor@").content.decode()
    assert ">auditor</a>" in html
    assert ">viewer</a>" not in html
    html = client.get("/members/?role=site_manager").content.decode()
    assert ">manager</a>" in html
    assert ">admin</a>" not in html


def test_active_filter(scene):
    Site.objects.filter(pk=scene.sites[2].pk).update(is_active=False)
    client = scene.client("admin")
    assert row_codes(client.get("/sites/?is_active=1").content.decode()) == ["H1", "H2"]
    assert row_codes(client.get("/sites/?is_active=0").content.decode()) == ["H3"]
    assert row_codes(client.get("/sites/?is_active=").content.decode()) == ["H1", "H2", "H3"]
    # A value that is not a choice shows nothing rather than everything.
    bad = client.get("/sites/?is_active=maybe")
    assert bad.status_code == 200
    assert row_codes(bad.content.decode()) == []


def test_sorting(scene):
    client = scene.client("admin")
    assert row_codes(client.get("/sites/?sort=code").content.decode()) == ["H1", "H2", "H3"]
    assert row_codes(client.get("/sites/?sort=-code").content.decode()) == ["H3", "H2", "H1"]
    # The column header offers the reverse order of the current one.
    assert "sort=-code" in client.get("/sites/?sort=code").content.decode()
    # Only declared columns sort; anything else falls back to the default order.
    for sort in ["address", "organization__name_en", "-password", "'; drop"]:
        response = client.get(f"/sites/?sort={sort}")
        assert response.status_code == 200
        assert row_codes(response.content.decode()) == ["H1", "H2", "H3"]


@pytest.fixture
def many_sites(scene) -> list[Site]:
    extra = [SiteFactory(organization=scene.org, code=f"X{i:02d}") for i in range(30)]
    return scene.sites + extra  # 33 in all


def test_pagination(scene, many_sites):
    client = scene.client("admin")
    first = client.get("/sites/").content.decode()
    assert len(row_codes(first)) == 25
    assert "Showing 1 to 25 of 33" in first
    assert "1 / 2" in first
    second = client.get("/sites/?page=2").content.decode()
    assert row_codes(second) == [f"X{i:02d}" for i in range(22, 30)]
    assert "Showing 26 to 33 of 33" in second
    assert len(row_codes(client.get("/sites/?per_page=50").content.decode())) == 33
    # Page sizes are a fixed choice; a wrong page falls back to the nearest one.
    assert len(row_codes(client.get("/sites/?per_page=7").content.decode())) == 25
    assert len(row_codes(client.get("/sites/?per_page=lots").content.decode())) == 25
    assert "Showing 26 to 33" in client.get("/sites/?page=99").content.decode()
    assert "Showing 1 to 25" in client.get("/sites/?page=abc").content.decode()


def test_pagination_links_keep_filters_and_sort(scene, many_sites):
    html = scene.client("admin").get("/sites/?q=X&sort=-code&per_page=25").content.decode()
    next_link = re.search(r'href="\?([^"]*page=2)"', html)
    assert next_link is not None
    query = next_link.group(1).replace("&amp;", "&")
    assert "q=X" in query and "sort=-code" in query and "per_page=25" in query


def test_htmx_request_gets_only_the_results(scene):
    client = scene.client("admin")
    response = client.get("/sites/?q=H2", headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode().strip()
    assert html.startswith('<div id="results">')
    assert "<html" not in html and "<form" not in html
    assert row_codes(html) == ["H2"]
    # A boosted navigation is a whole page.
    boosted = client.get("/sites/", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in boosted.content.decode()
    # And the plain page holds the same results inside the whole layout.
    assert '<div id="results">' in client.get("/sites/").content.decode()


LIST_PAGES = {
    "sites": ("admin", "/sites/"),
    "members": ("admin", "/members/"),
    "audit": ("admin", "/audit/"),
    "organizations": ("root", "/organizations/"),
}


def _grow(name: str, scene, total: int) -> None:
    admin = scene.users["admin"]
    if name == "sites":
        for i in range(total - Site.objects.filter(organization=scene.org).count()):
            SiteFactory(organization=scene.org, code=f"G{i:03d}")
    elif name == "members":
        for i in range(total - Membership.objects.filter(organization=scene.org).count()):
            scoped = [scene.sites[i % 3], scene.sites[(i + 1) % 3]] if i % 2 else None
            MembershipFactory(
                user=UserFactory(username=f"grown{i}"), organization=scene.org, sites=scoped
            )
    elif name == "audit":
        have = AuditEntry.objects.filter(organization=scene.org).count()
        for i in range(have, total):
            services.site_update(actor=admin, site=scene.sites[i % 3], data={"address": f"{i}"})
    else:
        for _i in range(total - Organization.objects.count()):
            OrganizationFactory()


@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_query_count_does_not_grow_with_rows(scene, name, django_assert_max_num_queries):
    username, url = LIST_PAGES[name]
    url += "?per_page=100"
    client = scene.client(username)
    _grow(name, scene, 3)
    client.get(url)  # the first request of a session stores the organization
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _grow(name, scene, 60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert "of 60" in response.content.decode() or name == "organizations"


# -- forms: errors answer 400 and write nothing -----------------------------------


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"code": "", "name_en": "No code"}, "code", "This field is required."),
        ({"code": "X" * 31, "name_en": "Long"}, "code", "at most 30 characters"),
        ({"code": "H1", "name_en": "Duplicate"}, "code", "Another site of this organization"),
        ({"code": "OK", "name_en": ""}, "name_en", "This field is required."),
    ],
    ids=["empty-code", "long-code", "duplicate-code", "no-name"],
)
def test_invalid_site_answers_400_inline_and_writes_nothing(scene, data, field, message):
    client = scene.client("admin")
    before = tenant_state(scene.org)
    response = client.post("/sites/add/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="register-form"' in html
    # The message sits under its field, in the form the user is looking at.
    after_field = html.split(f'id="id_{field}"', 1)[1]
    assert message in after_field.split("<label", 1)[0]
    assert f'value="{data["name_en"]}"' in html or not data["name_en"]  # input is kept
    assert tenant_state(scene.org) == before


def test_duplicate_code_is_fine_in_another_organization(scene):
    response = scene.client("outsider").post("/sites/add/", {"code": "H1", "name_en": "Harbor H1"})
    assert response.status_code == 302
    assert Site.objects.filter(organization=scene.other_org, code="H1").exists()


def test_invalid_edit_keeps_the_site(scene):
    site = scene.sites[1]
    before = tenant_state(scene.org)
    response = scene.client("admin").post(f"/sites/{site.pk}/edit/", {"code": "H1", "name_en": "x"})
    assert response.status_code == 400
    assert "Another site of this organization has this code." in response.content.decode()
    assert tenant_state(scene.org) == before


def test_saving_without_changes_writes_no_audit_entry(scene):
    site = scene.sites[0]
    data = {"code": site.code, "name_en": site.name_en, "name_zh": site.name_zh}
    data |= {"address": site.address, "is_active": "on"}
    before = AuditEntry.objects.count()
    assert scene.client("admin").post(f"/sites/{site.pk}/edit/", data).status_code == 302
    assert AuditEntry.objects.count() == before


def test_deleting_a_site_in_a_member_scope_is_refused(scene):
    before = tenant_state(scene.org)
    response = scene.client("admin").post(f"/sites/{scene.sites[0].pk}/delete/")
    assert response.status_code == 409
    assert "This site is in the scope of members" in response.content.decode()
    assert tenant_state(scene.org) == before


def test_unknown_export_format_is_a_bad_request(scene):
    response = scene.client("admin").get("/sites/?export=pdf")
    assert response.status_code == 400
    assert "Unknown export format." in response.content.decode()


# -- every write leaves one audit entry with actor and request id -------------------


ALL = {"all_sites": "on"}
ON = {"is_active": "on"}
ORG = {"name_en": "Renamed Co", "default_language": "en", "is_active": "on"}


def _write(name: str, scene) -> tuple[str, str, dict]:
    """(username, url, data) of one successful write."""
    s0, s1 = scene.sites[0], scene.sites[1]
    viewer = scene.membership("viewer").pk
    return {
        "site-create": ("admin", "/sites/add/", {"code": "H9", "name_en": "Nine"}),
        "site-edit": ("admin", f"/sites/{s1.pk}/edit/", {"code": "H2", "name_en": "Two"}),
        "site-delete": ("admin", f"/sites/{s1.pk}/delete/", {}),
        "member-add": ("admin", "/members/add/", {"username": "new", "role": "staff"} | ALL),
        "member-edit": ("admin", f"/members/{viewer}/edit/", {"role": "auditor"} | ALL | ON),
        "member-deactivate": ("admin", f"/members/{viewer}/edit/", {"role": "viewer"} | ALL),
        "org-create": ("root", "/organizations/add/", ORG | {"slug": "newco"}),
        "org-edit": ("root", f"/organizations/{scene.org.pk}/edit/", ORG | {"slug": "lakeside"}),
        "attachment-upload": ("admin", f"/attachments/core.site/{s0.pk}/add/", {}),
        "attachment-remove": ("admin", "/attachments/{attachment}/remove/", {}),
    }[name]


WRITES = [
    "site-create",
    "site-edit",
    "site-delete",
    "member-add",
    "member-edit",
    "member-deactivate",
    "org-create",
    "org-edit",
    "attachment-upload",
    "attachment-remove",
]


@pytest.mark.parametrize("name", WRITES)
def test_every_write_leaves_exactly_one_audit_entry(scene, media, name):
    username, url, data = _write(name, scene)
    if name == "attachment-upload":
        data = {"file": SimpleUploadedFile("plan.pdf", SMALL_PDF)}
    if name == "attachment-remove":
        attachment = services.attachment_add(
            actor=scene.users["admin"],
            record=scene.sites[0],
            upload=SimpleUploadedFile("old.pdf", SMALL_PDF),
        )
        url = url.format(attachment=attachment.pk)
    before = AuditEntry.objects.count()
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    client = scene.client(username)
    response = client.post(url, data, headers={"X-Request-ID": f"test-{name}"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["X-Request-ID"] == f"test-{name}"
    # A new organization also gets its reference data from the apps (one more entry).
    assert AuditEntry.objects.count() == before + (2 if name == "org-create" else 1)
    entry = AuditEntry.objects.filter(pk__gt=last).order_by("pk").first()
    assert entry.actor == scene.users[username]
    assert entry.actor_name == username
    assert entry.request_id == f"test-{name}"
    # The entry shows in the audit trail, under who made it.
    trail = client.get(f"/audit/?q=test-{name}")
    if entry.organization_id == scene.org.pk:
        assert row_count(trail.content.decode()) == 1


def row_count(html: str) -> int:
    return len(re.findall(r'<td[^>]*><a href="/audit/\d+/">', html))


def test_request_id_is_generated_when_not_given(scene):
    response = scene.client("admin").post("/sites/add/", {"code": "H8", "name_en": "Eight"})
    rid = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", rid)
    assert AuditEntry.objects.latest("pk").request_id == rid


def test_unsafe_request_id_is_replaced(scene):
    bad = "x" * 65
    response = scene.client("admin").post(
        "/sites/add/", {"code": "H8", "name_en": "Eight"}, headers={"X-Request-ID": bad}
    )
    assert response["X-Request-ID"] != bad
    assert AuditEntry.objects.latest("pk").request_id == response["X-Request-ID"]


def test_history_page_shows_the_change(scene):
    client = scene.client("admin")
    client.post(
        f"/sites/{scene.sites[0].pk}/edit/", {"code": "H1", "name_en": "Lakeside Grand", **ON}
    )
    html = client.get(f"/sites/{scene.sites[0].pk}/history/").content.decode()
    assert "Lakeside Grand" in html
    assert f"{LAKESIDE_MARK} H1 Hotel" in html  # the value before
    assert ">admin<" in html


# -- members -------------------------------------------------------------------------


def test_member_add_creates_user_and_scoped_membership(scene):
    client = scene.client("admin")
    response = client.post(
        "/members/add/",
        {
            "username": "lin.wei",
            "first_name": "Wei",
            "last_name": "Lin",
            "email": "lin.wei@example.com",
            "password": "Harbour-Lantern-42",
            "role": Role.SITE_MANAGER,
            "sites": [scene.sites[1].pk, scene.sites[2].pk],
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="lin.wei")
    assert (user.first_name, user.last_name, user.email) == ("Wei", "Lin", "lin.wei@example.com")
    membership = Membership.objects.get(user=user, organization=scene.org)
    assert membership.role == Role.SITE_MANAGER
    assert membership.all_sites is False
    assert {s.pk for s in membership.sites.all()} == {scene.sites[1].pk, scene.sites[2].pk}
    assert response["Location"] == f"/members/{membership.pk}/"
    # The new person logs in with that password and sees their two sites only.
    newcomer = Client()
    assert login(newcomer, "lin.wei", "Harbour-Lantern-42").status_code == 302
    assert row_codes(newcomer.get("/sites/").content.decode()) == ["H2", "H3"]


def test_member_add_of_an_existing_login_is_refused(scene):
    before = tenant_state(scene.org)
    response = scene.client("admin").post(
        "/members/add/", {"username": "outsider", "role": "viewer", **ALL}
    )
    assert response.status_code == 400
    assert "invite them by e-mail" in response.content.decode()
    assert HARBOR_MARK not in response.content.decode()
    assert tenant_state(scene.org) == before
    assert scene.users["outsider"].check_password("pw")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"username": "viewer", "role": "staff", **ALL}, "This person is already a member."),
        ({"username": "nobody", "role": "staff"}, "Choose at least one site"),
        ({"username": "bad name!", "role": "staff", **ALL}, "Use letters, digits"),
        ({"username": "weak", "role": "staff", "password": "123", **ALL}, "too short"),
        ({"username": "nobody", "role": "owner", **ALL}, "Select a valid choice"),
    ],
    ids=["existing-member", "no-scope", "bad-username", "weak-password", "bad-role"],
)
def test_member_add_errors(scene, data, message):
    before = tenant_state(scene.org)
    users = User.objects.count()
    response = scene.client("admin").post("/members/add/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert tenant_state(scene.org) == before
    assert User.objects.count() == users


def test_member_scope_cannot_name_sites_of_another_organization(scene):
    response = scene.client("admin").post(
        "/members/add/", {"username": "nobody", "role": "staff", "sites": [scene.other_site.pk]}
    )
    assert response.status_code == 400
    assert not User.objects.filter(username="nobody").exists()


def test_deactivating_a_member(scene):
    membership = scene.membership("viewer")
    response = scene.client("admin").post(
        f"/members/{membership.pk}/edit/", {"role": "viewer", **ALL}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.is_active is False
    entry = AuditEntry.objects.latest("pk")
    assert (entry.before["is_active"], entry.after["is_active"]) == (True, False)
    # They keep their login but no longer reach the organization's registers.
    assert scene.client("viewer").get("/sites/").status_code == 403
    listed = scene.client("admin").get("/members/?is_active=0").content.decode()
    assert ">viewer</a>" in listed


def test_member_scope_can_be_narrowed(scene):
    membership = scene.membership("quality")
    response = scene.client("admin").post(
        f"/members/{membership.pk}/edit/",
        {"role": "quality_manager", "sites": [scene.sites[2].pk], **ON},
    )
    assert response.status_code == 302
    assert row_codes(scene.client("quality").get("/sites/").content.decode()) == ["H3"]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"role": "viewer", **ALL, **ON}, "You cannot remove your own administrator rights."),
        ({"role": "admin", **ALL}, "You cannot remove your own administrator rights."),
    ],
    ids=["demote", "deactivate"],
)
def test_member_cannot_demote_themself(scene, data, message):
    own = scene.membership("admin")
    before = tenant_state(scene.org)
    response = scene.client("admin").post(f"/members/{own.pk}/edit/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert tenant_state(scene.org) == before
    assert scene.client("admin").get("/members/add/").status_code == 200


def test_members_have_no_delete(scene):
    pk = scene.membership("viewer").pk
    assert scene.client("admin").post(f"/members/{pk}/delete/").status_code == 404
    assert Membership.objects.filter(pk=pk).exists()


# -- organizations (superusers) -------------------------------------------------------


def test_superuser_creates_an_organization(world):
    client = world.client("root")
    response = client.post(
        "/organizations/add/",
        {"name_en": "Riverside Inns", "name_zh": "河畔", "slug": "riverside", **ON}
        | {"default_language": "zh-hans"},
    )
    assert response.status_code == 302
    org = Organization.objects.get(slug="riverside")
    assert org.default_language == "zh-hans"
    creations = AuditEntry.objects.filter(organization=org, object_type="core.organization")
    assert creations.count() == 1
    duplicate = client.post(
        "/organizations/add/", {"name_en": "Again", "slug": "riverside", "default_language": "en"}
    )
    assert duplicate.status_code == 400
    assert Organization.objects.filter(slug="riverside").count() == 1


def test_organization_detail_offers_no_attachments(world, media):
    """An organization is not a record that files hang on."""
    client = world.client("root")
    html = client.get(f"/organizations/{world.org.pk}/").content.decode()
    assert "/attachments/core.organization/" not in html
    response = client.post(
        f"/attachments/core.organization/{world.org.pk}/add/",
        {"file": SimpleUploadedFile("a.pdf", SMALL_PDF)},
    )
    assert response.status_code == 404
    assert not Attachment.objects.exists()


# -- organization switcher -----------------------------------------------------------


def test_organization_switcher(scene, twin):
    client = scene.client("twin")
    page = client.get("/").content.decode()
    assert '<select name="organization"' in page
    assert f'<option value="{scene.org.pk}" selected>' in page
    assert f'<option value="{scene.other_org.pk}"' in page
    assert f"{LAKESIDE_MARK} H1 Hotel" in client.get("/sites/").content.decode()

    response = client.post("/organization/switch/", {"organization": scene.other_org.pk})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session[SESSION_ORG] == scene.other_org.pk
    sites = client.get("/sites/").content.decode()
    assert HARBOR_MARK in sites
    assert LAKESIDE_MARK not in sites
    # Writes now land in the organization switched to.
    client.post("/sites/add/", {"code": "P2", "name_en": "Pier 2"})
    assert Site.objects.get(code="P2").organization == scene.other_org


@pytest.mark.parametrize("value", ["third", "", "abc", "99999999999999999999999"])
def test_cannot_switch_into_an_organization_one_is_not_in(scene, twin, value):
    third = OrganizationFactory(slug="third")
    SiteFactory(organization=third, code="T1")
    client = scene.client("twin")
    client.get("/")
    response = client.post(
        "/organization/switch/", {"organization": third.pk if value == "third" else value}
    )
    assert response.status_code == 404
    assert client.session[SESSION_ORG] == scene.org.pk
    assert "T1" not in row_codes(client.get("/sites/").content.decode())


def test_cannot_switch_into_an_inactive_organization_or_membership(scene, twin):
    client = scene.client("twin")
    Membership.objects.filter(user=twin, organization=scene.other_org).update(is_active=False)
    assert client.post(
        "/organization/switch/", {"organization": scene.other_org.pk}
    ).status_code == (404)


def test_leaving_the_chosen_organization_falls_back(scene, twin):
    client = scene.client("twin")
    client.post("/organization/switch/", {"organization": scene.other_org.pk})
    Membership.objects.filter(user=twin, organization=scene.other_org).update(is_active=False)
    sites = client.get("/sites/").content.decode()
    assert LAKESIDE_MARK in sites and HARBOR_MARK not in sites
    assert client.session[SESSION_ORG] == scene.org.pk


def test_single_organization_shows_its_name_not_a_switcher(scene):
    page = scene.client("viewer").get("/").content.decode()
    assert '<select name="organization"' not in page
    assert 'data-testid="org-name">Lakeside Hotels<' in page


# -- language --------------------------------------------------------------------------


def html_lang(response) -> str:
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert match is not None
    return match.group(1)


def test_language_switch_is_saved_on_the_user(scene):
    client = scene.client("viewer")
    response = client.post("/language/", {"language": "zh-hans", "next": "/sites/"})
    assert response.status_code == 302
    assert response["Location"] == "/sites/"
    scene.users["viewer"].refresh_from_db()
    assert scene.users["viewer"].language == "zh-hans"
    page = client.get("/sites/")
    assert html_lang(page) == "zh-hans"
    assert page["Content-Language"] == "zh-hans"
    # It follows the person to another browser (no cookie), whatever that browser asks for.
    elsewhere = scene.client("viewer").get("/sites/", headers={"Accept-Language": "en"})
    assert html_lang(elsewhere) == "zh-hans"
    # And back.
    client.post("/language/", {"language": "en", "next": "/sites/"})
    assert html_lang(client.get("/sites/")) == "en"


def test_language_switch_rejects_unknown_language_and_foreign_next(scene):
    client = scene.client("viewer")
    response = client.post("/language/", {"language": "fr"})
    assert response.status_code == 400
    assert "Unknown language." in response.content.decode()
    scene.users["viewer"].refresh_from_db()
    assert scene.users["viewer"].language == ""
    response = client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert client.get("/language/").status_code == 405


def test_browser_language_is_used_without_a_preference(scene):
    client = scene.client("viewer")
    page = client.get("/sites/", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert page["Content-Language"] == "zh-hans"
    assert html_lang(page) == "zh-hans"
    english = client.get("/sites/", headers={"Accept-Language": "en-US"})
    assert english["Content-Language"] == "en"
    # The login page too, before anyone is known.
    anonymous = Client().get("/login/", headers={"Accept-Language": "zh-CN"})
    assert html_lang(anonymous) == "zh-hans"


def test_saved_preference_beats_the_browser(scene):
    User.objects.filter(pk=scene.users["viewer"].pk).update(language="en")
    page = scene.client("viewer").get("/sites/", headers={"Accept-Language": "zh-CN"})
    assert page["Content-Language"] == "en"
    assert html_lang(page) == "en"


def test_anonymous_language_switch_uses_a_cookie(world):
    client = Client()
    response = client.post("/language/", {"language": "zh-hans", "next": "/login/"})
    assert response.status_code == 302
    assert html_lang(client.get("/login/")) == "zh-hans"


# -- error pages -------------------------------------------------------------------------


@pytest.mark.parametrize("username", [None, "viewer"])
def test_unknown_page_is_a_styled_404(scene, username):
    client = scene.client(username) if username else Client()
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "<html" in html and "This page does not exist." in html
    assert "vendor/tabler/tabler.min.css" in html


def test_unknown_page_in_chinese(scene):
    response = scene.client("viewer").get("/nowhere/", headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 404
    assert html_lang(response) == "zh-hans"


@pytest.mark.parametrize("username", [None, "viewer"])
@pytest.mark.parametrize("url", ["/api/nothing/", "/api/v1/nothing/", "/api/v1/sites/0/"])
def test_unknown_api_url_is_json_404(scene, username, url):
    client = scene.client(username) if username else Client()
    response = client.get(url)
    if username is None and url.startswith("/api/v1/sites/"):
        assert response.status_code in (401, 403)  # the API asks who you are first
    else:
        assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_forbidden_page_is_styled(scene):
    response = scene.client("viewer").get("/sites/add/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "<html" in html and "You do not have permission to do this." in html


# -- exports ----------------------------------------------------------------------------


def test_csv_export_has_bom_header_and_rows(scene):
    response = scene.client("admin").get("/sites/?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="lakeside-sites.csv"'
    rows = csv_rows(response)
    assert rows[0] == ["Code", "Name", "Name (English)", "Name (Chinese)", "Address", "Active"]
    assert [r[0] for r in rows[1:]] == ["H1", "H2", "H3"]
    assert rows[1][3] == f"{LAKESIDE_MARK} H1 酒店"  # Chinese survives the round trip


def test_csv_export_follows_filters_and_sort(scene):
    rows = csv_rows(scene.client("admin").get("/sites/?q=Lake&sort=-code&export=csv"))
    assert [r[0] for r in rows[1:]] == ["H3", "H2", "H1"]
    rows = csv_rows(scene.client("admin").get("/sites/?q=H2&export=csv"))
    assert [r[0] for r in rows[1:]] == ["H2"]


def test_xlsx_export_opens_in_openpyxl(scene):
    response = scene.client("admin").get("/sites/?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="lakeside-sites.xlsx"'
    rows = xlsx_rows(response)
    assert rows[0] == ("Code", "Name", "Name (English)", "Name (Chinese)", "Address", "Active")
    assert [r[0] for r in rows[1:]] == ["H1", "H2", "H3"]
    assert rows[2][3] == f"{LAKESIDE_MARK} H2 酒店"


def test_member_and_audit_exports(scene):
    client = scene.client("admin")
    members = csv_rows(client.get("/members/?export=csv"))
    assert members[0][:4] == ["Username", "Name", "Email", "Role"]
    assert {row[0] for row in members[1:]} == {
        "admin",
        "quality",
        "auditor",
        "viewer",
        "manager",
        "staff",
    }
    audit = xlsx_rows(client.get("/audit/?export=xlsx"))
    assert audit[0][0] == "No." and "Hash" in audit[0]
    assert len(audit) == 2  # the header and the one entry of the scene


def test_xlsx_export_keeps_formula_like_text_as_text(scene):
    """A name that starts with "=" is exported as the text typed, never as a live formula."""
    Site.objects.filter(pk=scene.sites[0].pk).update(name_en='=HYPERLINK("http://x.example","a")')
    response = scene.client("admin").get("/sites/?export=xlsx")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).active
    cell = sheet["C2"]
    assert cell.value == '=HYPERLINK("http://x.example","a")'
    assert cell.data_type == "s"


def test_names_are_escaped_everywhere(scene):
    evil = "<script>alert(1)</script>"
    admin = scene.client("admin")
    admin.post(f"/sites/{scene.sites[0].pk}/edit/", {"code": "H1", "name_en": evil, **ON})
    entry = AuditEntry.objects.latest("pk")
    for url in [
        "/sites/",
        f"/sites/{scene.sites[0].pk}/",
        f"/sites/{scene.sites[0].pk}/history/",
        "/audit/",
        f"/audit/{entry.pk}/",
        "/",
    ]:
        html = admin.get(url).content.decode()
        assert evil not in html, url
    assert "&lt;script&gt;" in admin.get("/sites/").content.decode()


def test_staff_cannot_export(scene):
    for url in ["/sites/?export=csv", "/sites/?export=xlsx", "/members/?export=csv"]:
        response = scene.client("staff").get(url)
        assert response.status_code == 403
        assert LAKESIDE_MARK not in content_of(response)


# -- attachments ----------------------------------------------------------------------


def upload(client: Client, site: Site, name: str, content: bytes):
    return client.post(
        f"/attachments/core.site/{site.pk}/add/",
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("setup.exe", b"MZ\x90\x00binary", "This file type is not accepted."),
        ("report.pdf", b"MZ\x90\x00 not a pdf", "The file content does not match its type."),
        ("photo.png", b"%PDF-1.4 hello", "The file content does not match its type."),
        ("notes.txt", b"text\x00with nul", "The file content does not match its type."),
        ("empty.pdf", b"", "The submitted file is empty."),
        ("noextension", b"%PDF-1.4", "This file type is not accepted."),
    ],
    ids=["exe", "fake-pdf", "fake-png", "binary-txt", "empty", "no-extension"],
)
def test_refused_uploads_say_why(scene, media, name, content, message):
    before = tenant_state(scene.org)
    response = upload(scene.client("admin"), scene.sites[0], name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert tenant_state(scene.org) == before
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_too_large_upload_is_refused(scene, media, settings):
    settings.FUWU_MAX_UPLOAD_MB = 1
    response = upload(scene.client("admin"), scene.sites[0], "big.pdf", b"%PDF" + b"0" * 2**20)
    assert "The file is larger than 1 MB." in response.content.decode()
    assert not Attachment.objects.exists()


def test_pdf_upload_is_stored_listed_and_downloadable(scene, media):
    client = scene.client("admin")
    response = upload(client, scene.sites[0], "Floor plan 平面图.pdf", SMALL_PDF)
    assert "File attached." in response.content.decode()
    attachment = Attachment.objects.get()
    assert (attachment.name, attachment.size, attachment.mime_type) == (
        "Floor plan 平面图.pdf",
        len(SMALL_PDF),
        "application/pdf",
    )
    assert attachment.uploaded_by == scene.users["admin"]
    # Stored under a random name, never the uploaded one.
    assert "Floor" not in attachment.file.name
    detail = client.get(f"/sites/{scene.sites[0].pk}/").content.decode()
    assert f'href="/attachments/{attachment.pk}/"' in detail
    # Any member who sees the site downloads it, even read-only ones.
    for username in ["admin", "viewer", "manager", "staff"]:
        download = scene.client(username).get(f"/attachments/{attachment.pk}/")
        assert download.status_code == 200, username
        assert b"".join(download.streaming_content) == SMALL_PDF
        assert "attachment;" in download["Content-Disposition"]
    # The other organization: nothing there.
    assert scene.client("outsider").get(f"/attachments/{attachment.pk}/").status_code == 404


def test_attachment_of_a_site_outside_scope_is_hidden(scene, media):
    attachment = services.attachment_add(
        actor=scene.users["admin"],
        record=scene.sites[1],
        upload=SimpleUploadedFile("h2.pdf", SMALL_PDF),
    )
    assert scene.client("manager").get(f"/attachments/{attachment.pk}/").status_code == 404
    assert scene.client("viewer").get(f"/attachments/{attachment.pk}/").status_code == 200


@pytest.mark.parametrize("username", ["viewer", "auditor", "manager", "staff"])
def test_read_only_roles_cannot_attach_or_remove(scene, media, username):
    attachment = services.attachment_add(
        actor=scene.users["admin"],
        record=scene.sites[0],
        upload=SimpleUploadedFile("kept.pdf", SMALL_PDF),
    )
    client = scene.client(username)
    response = client.post(
        f"/attachments/core.site/{scene.sites[0].pk}/add/",
        {"file": SimpleUploadedFile("x.pdf", SMALL_PDF)},
    )
    assert response.status_code == 403
    assert client.post(f"/attachments/{attachment.pk}/remove/").status_code == 403
    assert list(Attachment.objects.values_list("name", flat=True)) == ["kept.pdf"]
    html = client.get(f"/sites/{scene.sites[0].pk}/").content.decode()
    assert 'type="file"' not in html


def test_attachment_remove(scene, media):
    attachment = services.attachment_add(
        actor=scene.users["admin"],
        record=scene.sites[0],
        upload=SimpleUploadedFile("old.pdf", SMALL_PDF),
    )
    response = scene.client("admin").post(f"/attachments/{attachment.pk}/remove/", follow=True)
    assert "Attachment removed." in response.content.decode()
    assert not Attachment.objects.exists()
    assert scene.client("admin").get(f"/attachments/{attachment.pk}/").status_code == 404


def test_attachments_only_on_registers_that_have_them(scene, media):
    client = scene.client("admin")
    for url in [
        f"/attachments/core.auditentry/{scene.audit_entry.pk}/add/",
        f"/attachments/core.nothing/{scene.sites[0].pk}/add/",
        f"/attachments/core.site/{scene.other_site.pk}/add/",
    ]:
        response = client.post(url, {"file": SimpleUploadedFile("a.pdf", SMALL_PDF)})
        assert response.status_code in (403, 404), url
    assert not Attachment.objects.exists()


# -- login and throttling --------------------------------------------------------------


def test_login_and_logout(world):
    client = Client()
    response = login(client, "viewer")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/sites/").status_code == 200
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/")["Location"] == "/login/"
    assert client.get("/sites/").status_code == 302


def test_login_redirects_only_to_own_site(world):
    response = Client().post(
        "/login/?next=https://evil.example/", {"username": "viewer", "password": "pw"}
    )
    assert response["Location"] == "/"
    response = Client().post("/login/", {"username": "viewer", "password": "pw", "next": "/audit/"})
    assert response["Location"] == "/audit/"


def test_wrong_password_answers_400(world):
    response = login(Client(), "viewer", "nope")
    assert response.status_code == 400
    assert "Please enter a correct username and password" in response.content.decode()


def test_login_is_throttled_after_five_failures(world):
    client = Client()
    for _attempt in range(5):
        assert login(client, "viewer", "wrong").status_code == 400
    response = login(client, "viewer", "pw")
    assert response.status_code == 429
    assert "Too many failed attempts. Try again in 5 minutes." in response.content.decode()
    assert client.get("/sites/").status_code == 302  # still not logged in
    # The lock is per person and address: others are not locked out.
    assert login(Client(), "admin").status_code == 302
    other_address = Client(REMOTE_ADDR="10.1.2.3")
    assert login(other_address, "viewer").status_code == 302
    # The username is matched without regard to case or spaces.
    assert login(client, " VIEWER ", "pw").status_code == 429


def test_login_works_again_after_the_lock_expires(world):
    client = Client()
    for _attempt in range(5):
        login(client, "viewer", "wrong")
    LoginThrottle.objects.update(locked_until="2000-01-01T00:00:00Z")
    assert login(client, "viewer", "pw").status_code == 302
    assert not LoginThrottle.objects.exists()


def test_successful_login_resets_the_count(world):
    client = Client()
    for _attempt in range(4):
        login(client, "viewer", "wrong")
    assert login(client, "viewer", "pw").status_code == 302
    client.post("/logout/")
    for _attempt in range(4):
        assert login(client, "viewer", "wrong").status_code == 400
    assert login(client, "viewer", "pw").status_code == 302


# -- misc ----------------------------------------------------------------------------------


def test_healthz(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def dashboard_sites(client: Client) -> str:
    html = client.get("/").content.decode()
    return re.search(r'data-testid="count-sites">(\d+)<', html).group(1)


def test_dashboard_counts_what_the_user_sees(scene):
    assert dashboard_sites(scene.client("admin")) == "3"
    assert dashboard_sites(scene.client("manager")) == "1"
    assert dashboard_sites(scene.client("outsider")) == "1"


def test_section_pages(scene):
    client = scene.client("viewer")
    assert client.get("/section/leadership/").status_code == 200
    assert client.get("/section/nowhere/").status_code == 404
