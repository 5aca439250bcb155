"""The home page: cards that apps contribute, per role, within the reader's
organization and sites, with a fixed number of queries.

One scene for the module (built once, rolled back at the end): Lakeside with
three sites and a member per role, Harbor as the other tenant."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fuwu.core.home import REGISTRY
from fuwu.core.models import Role
from fuwu.documents import services as documents
from fuwu.standard.models import ConformitySnapshot
from tests.conftest import World
from tests.design.conftest import approve as approve_spec
from tests.design.conftest import fill, make_point
from tests.documents.conftest import approve, make_document, open_version
from tests.factories import MembershipFactory, OrganizationFactory, SiteFactory, UserFactory

pytestmark = pytest.mark.django_db


def build() -> World:
    org = OrganizationFactory(name_en="Lakeside Hotels", slug="lakeside")
    sites = [SiteFactory(organization=org, code=f"H{i}", name_en=f"Hotel {i}") for i in (1, 2, 3)]
    other = OrganizationFactory(name_en="Harbor Café", slug="harbor")
    other_site = SiteFactory(organization=other, code="P1", name_en="Pier One")
    w = World(org=org, sites=sites, other_org=other, other_site=other_site)
    for username, role in {
        "admin": Role.ADMIN,
        "quality": Role.QUALITY_MANAGER,
        "auditor": Role.AUDITOR,
        "viewer": Role.VIEWER,
    }.items():
        w.users[username] = MembershipFactory(
            user=UserFactory(username=username), organization=org, role=role
        ).user
    for username, role in {"manager": Role.SITE_MANAGER, "staff": Role.STAFF}.items():
        w.users[username] = MembershipFactory(
            user=UserFactory(username=username), organization=org, role=role, sites=[sites[0]]
        ).user
    w.users["outsider"] = MembershipFactory(
        user=UserFactory(username="outsider"), organization=other, role=Role.ADMIN
    ).user
    w.users["harbor2"] = MembershipFactory(
        user=UserFactory(username="harbor2"), organization=other, role=Role.QUALITY_MANAGER
    ).user

    today = timezone.localdate()
    # An organization-wide procedure approved long ago: its review is overdue.
    old = make_document(w, title_en="Complaint handling")
    approve(w, old, approved_on=today - timedelta(days=400))
    # In review, written and submitted by the quality manager (site H2).
    documents.version_submit(
        actor=w.users["quality"],
        version=open_version(make_document(w, title_en="Pool safety", site=sites[1])),
    )
    # In review, written by the site manager of H1.
    documents.version_submit(
        actor=w.users["manager"],
        version=open_version(make_document(w, "manager", title_en="Breakfast", site=sites[0])),
    )
    # Came into force today at H2 only.
    approve(w, make_document(w, title_en="Spa hygiene", site=sites[1]))
    # A draft the quality manager is still writing.
    make_document(w, title_en="Lost property")
    # The other tenant: a version in review, a snapshot, a contact point.
    documents.version_submit(
        actor=w.users["harbor2"],
        version=open_version(
            make_document(w, "harbor2", organization=other, title_en="Harbor secret")
        ),
    )

    # Front desk at H1 and H2 with its service specification in force; the bar at
    # H2 only; the front desk's provision specification still a draft.
    from fuwu.design import services as design

    front = make_point(w, "FD", sites=sites[:2])
    service = design.specification_start(actor=w.users["quality"], point=front, kind="service")
    fill(w, service)
    approve_spec(w, service)
    design.specification_start(actor=w.users["quality"], point=front, kind="provision")
    bar = make_point(w, "BAR", name_en="Lobby bar", sites=[sites[1]])
    bar_spec = design.specification_start(actor=w.users["quality"], point=bar, kind="service")
    fill(w, bar_spec)
    approve_spec(w, bar_spec)

    for org_, score, days in ((org, 50, 30), (org, 64, 0), (other, 99, 0)):
        ConformitySnapshot.objects.create(
            organization=org_,
            taken_on=today - timedelta(days=days),
            summary={"score": score, "overall": {"conforming": 3}},
        )
    return w


@pytest.fixture(scope="module")
def scene(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


def home(scene: World, username: str) -> str:
    response = scene.client(username).get("/")
    assert response.status_code == 200
    return response.content.decode()


def cards(page: str) -> list[str]:
    return re.findall(r'data-card="([^"]+)"', page)


def card(page: str, key: str) -> str:
    """The HTML of one card (up to the next one)."""
    start = page.index(f'data-card="{key}"')
    following = page.find("data-card=", start + 10)
    return page[start : following if following > 0 else None]


EVERY_CARD = [
    "core.my_work",
    "design.at_my_site",
    "standard.conformity",
    "documents.approvals",
    "operations.requests",
    "operations.handovers",
    "operations.customer_property",
    "operations.return_visits",
    "documents.reviews",
    "improvement.nonconformities",
    "measurement.inspections",
    "measurement.satisfaction_now",
    "design.my_work",
    "documents.in_force",
    "core.sites",
    "core.changes",
]
SEES = {
    "admin": [k for k in EVERY_CARD if k != "design.at_my_site"],
    "quality": [k for k in EVERY_CARD if k != "design.at_my_site"],
    "manager": [k for k in EVERY_CARD if k not in {"documents.approvals", "core.changes"}],
    "staff": [
        "core.my_work",
        "design.at_my_site",
        "operations.requests",
        "operations.handovers",
        "operations.customer_property",
        "operations.return_visits",
        "measurement.inspections",
        "documents.in_force",
        "core.sites",
    ],
    "auditor": [
        "core.my_work",
        "standard.conformity",
        "operations.requests",
        "operations.customer_property",
        "improvement.nonconformities",
        "measurement.inspections",
        "measurement.satisfaction_now",
        "documents.in_force",
        "core.sites",
        "core.changes",
    ],
    "viewer": [
        "core.my_work",
        "standard.conformity",
        "measurement.satisfaction_now",
        "documents.in_force",
        "core.sites",
    ],
}


def test_every_app_contributes_its_cards():
    assert set(EVERY_CARD) <= set(REGISTRY)


@pytest.mark.parametrize("username", list(SEES))
def test_each_role_sees_its_cards_in_order(scene, username):
    assert cards(home(scene, username)) == SEES[username]


@pytest.mark.parametrize("username", list(SEES))
def test_nobody_sees_the_other_organization(scene, username):
    page = home(scene, username)
    assert "Harbor secret" not in page
    assert "99 %" not in page


def test_conformity_score_and_trend(scene):
    page = card(home(scene, "quality"), "standard.conformity")
    assert 'data-testid="home-score">64 %<' in page
    assert "+14 points since" in page
    assert 'data-testid="home-trend"' in page
    assert 'href="/standard/conformity/"' in page


def test_approvals_respect_four_eyes_and_scope(scene):
    admin = card(home(scene, "admin"), "documents.approvals")
    assert "Pool safety" in admin and "Breakfast" in admin
    # The quality manager submitted "Pool safety": someone else approves it.
    quality = card(home(scene, "quality"), "documents.approvals")
    assert "Breakfast" in quality and "Pool safety" not in quality
    assert "1 version waits for approval" in quality


def test_reviews_due_for_the_organization_not_for_a_site_manager(scene):
    assert "Review overdue since" in card(home(scene, "quality"), "documents.reviews")
    manager = card(home(scene, "manager"), "documents.reviews")
    assert "Complaint handling" not in manager
    assert 'data-testid="card-empty"' in manager and 'href="/documents/"' in manager


def test_my_open_work(scene):
    quality = card(home(scene, "quality"), "design.my_work")
    assert "Lost property" in quality and "Pool safety" in quality
    assert "Service provision specification" in quality  # FD's provision: not in force
    admin = card(home(scene, "admin"), "design.my_work")
    assert "Lost property" not in admin  # not the administrator's draft
    manager = card(home(scene, "manager"), "design.my_work")
    assert "Breakfast" in manager
    assert "Service provision specification" not in manager  # the organization's, not H1's


def test_staff_see_what_applies_at_their_site(scene):
    page = home(scene, "staff")
    mine = card(page, "design.at_my_site")
    assert 'data-code="FD"' in mine and "Service specification" in mine
    assert "BAR" not in mine  # deployed at H2 only
    assert "sheet.pdf?site=" in mine
    news = card(page, "documents.in_force")
    assert "Spa hygiene" not in news  # H2's document
    assert "Pool safety" not in page and "Lost property" not in page  # drafts, not in force
    assert 'data-testid="count-sites">1<' in page


def test_recently_in_force_for_the_whole_organization(scene):
    news = card(home(scene, "viewer"), "documents.in_force")
    assert "Spa hygiene" in news and "In force since" in news
    assert "Lost property" not in news


def test_the_other_organization_sees_its_own(scene):
    page = home(scene, "outsider")
    assert "Harbor secret" in card(page, "documents.approvals")
    assert 'data-testid="home-score">99 %<' in page
    assert "Spa hygiene" not in page and "Front desk" not in page


def test_empty_cards_say_so_with_a_next_step(db):
    org = OrganizationFactory(slug="new")
    user = MembershipFactory(user=UserFactory(username="new"), organization=org, role=Role.ADMIN)
    from django.test import Client

    client = Client()
    client.force_login(user.user)
    page = client.get("/").content.decode()
    for key in ("standard.conformity", "documents.approvals", "documents.reviews"):
        assert 'data-testid="card-empty"' in card(page, key), key
    assert "No conformity snapshot yet" in page
    assert "Nothing waits for your approval" in page


def test_apps_to_come_are_not_presented_as_features(scene):
    page = home(scene, "admin")
    shown = page.split('data-testid="home-cards"')[1]
    planned = re.search(r'data-testid="home-planned">(.*?)</p>', page, re.S).group(1)
    for section in ("Leadership", "Resources"):
        assert section in planned
        assert f'href="/section/{section.lower()}/"' not in shown


def test_home_in_chinese(scene):
    client = scene.client("staff")
    scene.users["staff"].language = "zh-hans"
    scene.users["staff"].save(update_fields=["language"])
    try:
        page = client.get("/").content.decode()
    finally:
        scene.users["staff"].language = "en"
        scene.users["staff"].save(update_fields=["language"])
    assert "本门店适用的规范" in page and "服务规范" in page
    assert "近期生效" in page and "您的门店" in page
    assert "What applies at your site" not in page


@pytest.mark.parametrize("username", ["admin", "staff", "manager"])
def test_query_count_does_not_grow_with_data(scene, username):
    client = scene.client(username)
    client.get("/")
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    w = scene
    for n in range(3):
        documents.version_submit(
            actor=w.users["manager"],
            version=open_version(
                make_document(w, "manager", title_en=f"More {n}", site=w.sites[0])
            ),
        )
        doc = make_document(w, title_en=f"Old {n}")
        approve(w, doc, approved_on=timezone.localdate() - timedelta(days=400))
        make_point(w, f"X{n}", sites=w.sites[:1])
    with CaptureQueriesContext(connection) as after:
        client.get("/")
    assert len(after) == len(before), [q["sql"] for q in after.captured_queries]


def test_a_quality_manager_scoped_to_one_site_approves_only_there(scene):
    from django.test import Client

    scoped = MembershipFactory(
        user=UserFactory(username="qm-h1"),
        organization=scene.org,
        role=Role.QUALITY_MANAGER,
        sites=[scene.sites[0]],
    ).user
    client = Client()
    client.force_login(scoped)
    page = card(client.get("/").content.decode(), "documents.approvals")
    assert "Breakfast" in page  # H1
    assert "Pool safety" not in page  # H2


def test_the_only_approver_sees_their_own_version(db):
    """Four eyes gives way where nobody else may approve (a café with one administrator)."""
    from django.test import Client

    cafe = OrganizationFactory(slug="cafe")
    owner = MembershipFactory(
        user=UserFactory(username="owner"), organization=cafe, role=Role.ADMIN
    ).user
    w = World(org=cafe, sites=[], other_org=cafe, other_site=None, users={"owner": owner})
    version = open_version(make_document(w, "owner", title_en="Opening hours"))
    documents.version_submit(actor=owner, version=version)
    client = Client()
    client.force_login(owner)
    assert "Opening hours" in card(client.get("/").content.decode(), "documents.approvals")


def test_a_superuser_sees_every_card_of_the_organization_chosen(scene):
    from django.test import Client

    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(root)
    client.post("/organization/switch/", {"organization": scene.org.pk})
    assert cards(client.get("/").content.decode()) == EVERY_CARD


def test_a_card_key_is_registered_once():
    from fuwu.core.home import card as home_card

    def again(request):
        return {}

    again.__module__ = "fuwu.documents.cards"
    again.__name__ = "approvals"
    with pytest.raises(ValueError):
        home_card(order=1, permission="documents.view", title="x", template="x.html")(again)
