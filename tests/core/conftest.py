"""Fixtures for the web UI and API tests of core.

`scene` dresses up the shared `world`: every row of Lakeside carries the marker
LAKESIDE_MARK, so "the other organization sees nothing of ours" is a plain
substring check on pages, exports and JSON; Harbor's rows carry HARBOR_MARK so
the same checks also prove the other organization does see its own data.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook
from rest_framework.test import APIClient

from fuwu.core import services
from fuwu.core.models import (
    Attachment,
    AuditEntry,
    Membership,
    Organization,
    Role,
    Site,
    User,
)
from tests.conftest import World
from tests.factories import MembershipFactory, UserFactory

LAKESIDE_MARK = "Zqxlakeside"
HARBOR_MARK = "Harborvisible"

# A real (tiny) PDF, so the upload passes the content check.
SMALL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 3 3]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Scene:
    world: World
    audit_entry: AuditEntry  # one entry of Lakeside's audit trail
    other_audit_entry: AuditEntry  # one entry of Harbor's

    def __getattr__(self, name: str) -> Any:
        return getattr(self.world, name)

    def membership(self, username: str, organization: Organization | None = None) -> Membership:
        return Membership.objects.get(
            user__username=username, organization=organization or self.world.org
        )


@pytest.fixture
def scene(world: World) -> Scene:
    """The world with marked names and an audit trail in both organizations."""
    admin, outsider = world.users["admin"], world.users["outsider"]
    for site in world.sites:
        site.name_en = f"{LAKESIDE_MARK} {site.code} Hotel"
        site.name_zh = f"{LAKESIDE_MARK} {site.code} 酒店"
        site.address = f"{site.code} Lake Road"
        site.save()
    world.other_site.name_en = f"{HARBOR_MARK} Pier"
    world.other_site.save()
    for username, user in world.users.items():
        if username in ("outsider", "root"):
            continue
        user.last_name = LAKESIDE_MARK
        user.email = f"{username}@{LAKESIDE_MARK.lower()}.example"
        user.save()
    outsider.last_name = HARBOR_MARK
    outsider.save()
    # Audited writes, so each organization has a trail.
    ours = services.site_update(
        actor=admin, site=world.sites[2], data={"address": f"{LAKESIDE_MARK} Quay 3"}
    )
    theirs = services.site_update(
        actor=outsider, site=world.other_site, data={"address": f"{HARBOR_MARK} Quay"}
    )
    assert ours and theirs
    return Scene(
        world=world,
        audit_entry=AuditEntry.objects.filter(organization=world.org).latest("seq"),
        other_audit_entry=AuditEntry.objects.filter(organization=world.other_org).latest("seq"),
    )


@pytest.fixture
def twin(world: World) -> User:
    """A person who administers both organizations."""
    user = UserFactory(username="twin")
    MembershipFactory(user=user, organization=world.org, role=Role.ADMIN)
    MembershipFactory(user=user, organization=world.other_org, role=Role.ADMIN)
    world.users["twin"] = user
    return user


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def api_client(world: World, username: str) -> APIClient:
    client = APIClient()
    client.force_login(world.users[username])
    return client


def token_client(world: World, username: str) -> APIClient:
    _token, key = services.api_token_create(user=world.users[username])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def tenant_state(organization: Organization) -> dict[str, list]:
    """Everything of one organization a request could change, for before/after checks."""
    return {
        "organization": list(Organization.objects.filter(pk=organization.pk).values()),
        "sites": list(Site.objects.filter(organization=organization).order_by("pk").values()),
        "memberships": list(
            Membership.objects.filter(organization=organization).order_by("pk").values()
        ),
        "scopes": list(
            Membership.sites.through.objects.filter(
                membership__organization=organization
            ).values_list("membership_id", "site_id")
        ),
        "users": list(
            User.objects.filter(memberships__organization=organization)
            .order_by("pk")
            .values("pk", "username", "last_name", "email", "is_active", "language")
        ),
        "audit": list(
            AuditEntry.objects.filter(organization=organization)
            .order_by("seq")
            .values_list("seq", "hash")
        ),
        "attachments": list(
            Attachment.objects.filter(organization=organization).values_list("pk", "name")
        ),
    }


def content_of(response) -> str:
    """The body as text, whatever kind of response it is."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8-sig")
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        return "\n".join("\t".join(map(str, row)) for row in xlsx_rows(response))
    return response.content.decode()


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 BOM for Excel"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[tuple]:
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    sheet = book.active
    return [tuple("" if v is None else v for v in row) for row in sheet.iter_rows(values_only=True)]


def login(client: Client, username: str, password: str = "pw") -> Any:
    return client.post("/login/", {"username": username, "password": password})
