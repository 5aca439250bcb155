"""Shared scene for the tests: two organizations, sites and a user per role.

`world` is Lakeside-like (three sites) and `other` is the second tenant, so
every test can ask "and the other organization sees nothing?"."""

from __future__ import annotations

import copy
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import translation
from pytest_django.plugin import blocking_manager_key

from fuwu.core import schema
from fuwu.core.models import Organization, Role, Site, User
from tests.factories import MembershipFactory, OrganizationFactory, SiteFactory, UserFactory


@dataclass
class World:
    org: Organization
    sites: list[Site]
    other_org: Organization
    other_site: Site
    users: dict[str, User] = field(default_factory=dict)

    def client(self, username: str) -> Client:
        client = Client()
        client.force_login(self.users[username])
        return client


ROLES_ALL_SITES = {
    "admin": Role.ADMIN,
    "quality": Role.QUALITY_MANAGER,
    "auditor": Role.AUDITOR,
    "viewer": Role.VIEWER,
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The test database, created from the models (settings_test: TEST MIGRATE False)
    with the views of unmanaged models, its migrations recorded as applied, so a test
    can walk them back and forth."""
    global _database_ready
    with django_db_blocker.unblock():
        schema.create_views()
        schema.record_applied()
    _database_ready = True
    yield
    _database_ready = False
    with django_db_blocker.unblock():
        _shared_world.close()
        _shared_demo.close()


def build_world() -> World:
    org = OrganizationFactory(name_en="Lakeside Hotels", name_zh="湖畔酒店集团", slug="lakeside")
    sites = [SiteFactory(organization=org, code=f"H{i}") for i in (1, 2, 3)]
    other = OrganizationFactory(name_en="Harbor Café", name_zh="海港咖啡", slug="harbor")
    other_site = SiteFactory(organization=other, code="P1")
    w = World(org=org, sites=sites, other_org=other, other_site=other_site)
    for username, role in ROLES_ALL_SITES.items():
        w.users[username] = MembershipFactory(
            user=UserFactory(username=username), organization=org, role=role
        ).user
    w.users["manager"] = MembershipFactory(
        user=UserFactory(username="manager"),
        organization=org,
        role=Role.SITE_MANAGER,
        sites=[sites[0]],
    ).user
    w.users["staff"] = MembershipFactory(
        user=UserFactory(username="staff"), organization=org, role=Role.STAFF, sites=[sites[0]]
    ).user
    w.users["outsider"] = MembershipFactory(
        user=UserFactory(username="outsider"), organization=other, role=Role.ADMIN
    ).user
    w.users["root"] = UserFactory(username="root", is_superuser=True, is_staff=True)
    return w


@pytest.fixture
def world(db) -> World:
    """The two organizations. Built once per run of consecutive tests that ask for it
    (see _SharedScene); each test gets its own copy of the Python objects, and its
    writes are rolled back to the shared rows after it."""
    if _shared_world.value is not None:
        return copy.deepcopy(_shared_world.value)
    return build_world()


@pytest.fixture
def admin_client(world: World) -> Client:
    return world.client("admin")


@pytest.fixture(autouse=True)
def reader_language_restored() -> Iterator[None]:
    """A test that activates Chinese (or a request that does) leaves the next test in the
    language it found: Django keeps the active language per thread."""
    language = translation.get_language()
    yield
    if language:
        translation.activate(language)
    else:
        translation.deactivate_all()


@pytest.fixture(autouse=True)
def audit_anchor_file(settings, tmp_path):
    """Each test anchors the audit chain heads in its own file."""
    settings.FUWU_AUDIT_ANCHOR_FILE = tmp_path / "audit-anchors.jsonl"
    settings.FUWU_AUDIT_ANCHOR_EMAIL = []
    settings.FUWU_AUDIT_ANCHOR_WEBHOOK = ""
    return settings.FUWU_AUDIT_ANCHOR_FILE


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """A request in Chinese (a language cookie) leaves Chinese active in the thread: the next
    test would read translated messages where it expects the English ones."""
    yield
    translation.activate("en")


class _SharedScene:
    """Rows built once per test process inside a transaction kept open while the tests
    that read them run one after another (they are collected together), and rolled
    back before the first test that does not. Each test's own writes are a savepoint
    inside it (pytest-django's atomic nests). Building the demo per module cost a
    dozen seeds per run; building `world` per test cost a third of the suite."""

    def __init__(self, build: Callable[[], Any]) -> None:
        self.build = build
        self.atomic: transaction.Atomic | None = None
        self.value: Any = None

    def open(self) -> None:
        if self.atomic is None:
            _forget_rolled_back_rows()
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            try:
                self.value = self.build()
            except BaseException:
                self.close()  # the next reader builds again rather than find nothing
                raise

    def close(self) -> None:
        if self.atomic is not None:
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
            self.atomic = None
            self.value = None
            _forget_rolled_back_rows()


def _forget_rolled_back_rows() -> None:
    """A rolled-back demo gives its ids and claimed times again to the next one: the
    in-memory cache of a version's questions would answer with the rows of the old one."""
    from fuwu.measurement.services import collection

    collection._QUESTIONS.clear()


def _seed_demo() -> str:
    """The demo as `fuwu demo` seeds it; its progress lines are the scene's value."""
    out = io.StringIO()
    call_command("seed_demo", "--progress", stdout=out)
    return out.getvalue()


def demo_progress() -> str:
    """What seeding the shared demo printed (inside a module that reads the demo)."""
    return _shared_demo.value


_shared_demo = _SharedScene(_seed_demo)
_shared_world = _SharedScene(build_world)
_database_ready = False  # set once the session's test database exists


@pytest.fixture(scope="module")
def demo_scene(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo's two organizations for a module that reads them; what the module adds is
    rolled back after it (a savepoint inside the shared demo)."""
    with django_db_blocker.unblock():
        _shared_demo.open()
        with transaction.atomic():
            try:
                yield
            finally:
                transaction.set_rollback(True)


def _transactional(item: pytest.Item) -> bool:
    """A test whose writes are committed (a live server, another connection) cannot
    run inside a shared transaction."""
    if {"transactional_db", "live_server", "django_db_serialized_rollback"} & set(
        item.fixturenames
    ):
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    options = ("transaction", "reset_sequences", "serialized_rollback")
    return bool(marker.args and marker.args[0]) or any(marker.kwargs.get(o) for o in options)


def _shares_world(item: pytest.Item) -> bool:
    return (
        "world" in item.fixturenames
        and "demo_scene" not in item.fixturenames
        and not _transactional(item)
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The modules that read the demo first, then the tests that read `world`, so that
    each process seeds the demo once and builds the world once per module at most.
    (pytest-xdist keeps this order: --no-loadscope-reorder in pyproject.toml.)"""
    items.sort(key=lambda item: ("demo_scene" not in item.fixturenames, not _shares_world(item)))
    if os.environ.get("DATABASE_URL"):
        repeat = pytest.mark.skip(
            reason="runs `fuwu` on its own SQLite data directory: the SQLite run covers it"
        )
        for item in items:
            if item.get_closest_marker("program"):
                item.add_marker(repeat)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before the test's own fixtures: close what it does not read, open the world
    when it reads it (the demo is opened by its module fixture)."""
    wants_world = _shares_world(item)
    with item.config.stash[blocking_manager_key].unblock():
        if not wants_world:
            _shared_world.close()
        if "demo_scene" not in item.fixturenames:
            _shared_demo.close()
        if wants_world and _database_ready:
            _shared_world.open()
