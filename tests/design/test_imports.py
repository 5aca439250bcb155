"""Importing contact points: every row checked, all or nothing, errors by row."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from fuwu.core.models import AuditEntry
from fuwu.design.models import ContactPoint

from .conftest import make_point

pytestmark = pytest.mark.django_db

URL = "/design/contact-points/import/"
HEADER = "Code,Name (English),Name (Chinese),Stage,Order,Channel,Manned,Status,Deployed at\n"


def upload(client, text: str, name: str = "points.csv", encoding: str = "utf-8"):
    return client.post(URL, {"file": SimpleUploadedFile(name, text.encode(encoding))})


def test_a_valid_file_creates_the_points_with_audit_entries(world):
    text = HEADER + (
        "CHECKIN,Check-in,入住登记,during,10,in_person,yes,active,H1 H2\n"
        "WEB,Web booking,网上预订,Before service provision,1,Web,no,planned,H1\n"
    )
    response = upload(world.client("quality"), text)
    assert response.status_code == 302, response.content.decode()[:3000]
    web = ContactPoint.objects.get(code="WEB")
    assert (web.stage, web.channel, web.manned) == ("before", "web", False)
    checkin = ContactPoint.objects.get(code="CHECKIN")
    assert {s.code for s in checkin.sites.all()} == {"H1", "H2"}
    assert AuditEntry.objects.filter(object_type="design.contactpoint").count() == 2


def test_one_bad_row_imports_nothing_and_names_the_row(world):
    text = HEADER + (
        "OK,Fine,好,during,1,in_person,yes,active,H1\n"
        "BAD,Broken,坏,sometime,x,carrier pigeon,maybe,active,ZZ\n"
    )
    response = upload(world.client("quality"), text)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert page.count('data-testid="import-error"') >= 4
    assert "<td>3</td>" in page  # the spreadsheet's row number
    assert not ContactPoint.objects.exists()


def test_an_existing_code_is_updated(world):
    make_point(world, "FD", name_en="Old name")
    response = upload(world.client("quality"), "Code,Name (English)\nFD,New name\n")
    assert response.status_code == 302
    point = ContactPoint.objects.get(code="FD")
    assert point.name_en == "New name" and point.name_zh == "前台 FD"  # empty cells keep


def test_chinese_headers_and_gbk_encoding(world):
    # As a Chinese spreadsheet saves it: Chinese headings and values, GB18030.
    header = "编码,名称（英文）,名称（中文）,阶段,渠道,有人值守,状态\n"  # noqa: RUF001
    text = header + "TEA,Tea corner,茶歇区,服务提供中,现场,是,启用\n"
    response = upload(world.client("quality"), text, encoding="gb18030")
    assert response.status_code == 302, response.content.decode()[:2000]
    tea = ContactPoint.objects.get(code="TEA")
    assert (tea.stage, tea.channel, tea.manned, tea.status) == (
        "during",
        "in_person",
        True,
        "active",
    )


def test_excel_works(world):
    book = Workbook()
    sheet = book.active
    sheet.append(["Code", "Name (English)", "Stage", "Channel", "Status"])
    sheet.append(["KIOSK", "Self check-in kiosk", "during", "self_service", "active"])
    data = io.BytesIO()
    book.save(data)
    response = world.client("quality").post(
        URL, {"file": SimpleUploadedFile("points.xlsx", data.getvalue())}
    )
    assert response.status_code == 302
    assert ContactPoint.objects.get(code="KIOSK").channel == "self_service"


def test_the_export_can_be_imported_again(world):
    make_point(world, "FD")
    make_point(world, "WEB", stage="before", channel="web", manned=False)
    client = world.client("quality")
    exported = b"".join(client.get("/design/contact-points/?export=csv").streaming_content)
    response = client.post(URL, {"file": SimpleUploadedFile("export.csv", exported)})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ContactPoint.objects.count() == 2


def test_another_organizations_site_is_refused(world):
    text = f"Code,Name (English),Stage,Deployed at\nX,X,during,{world.other_site.code}\n"
    response = upload(world.client("quality"), text)
    assert response.status_code == 400
    assert not ContactPoint.objects.exists()


def test_a_site_manager_imports_only_their_sites_points(world):
    text = (
        "Code,Name (English),Stage,Site's own\n"
        f"MINE,Mine,during,{world.sites[0].code}\n"
        f"THEIRS,Theirs,during,{world.sites[1].code}\n"
    )
    response = upload(world.client("manager"), text)
    assert response.status_code == 400
    assert "<td>3</td>" in response.content.decode()
    assert not ContactPoint.objects.exists()


@pytest.mark.parametrize("username", ["staff", "viewer", "auditor"])
def test_who_may_not_import(world, username):
    assert world.client(username).get(URL).status_code == 403
    assert upload(world.client(username), HEADER).status_code == 403


def test_files_that_cannot_be_read_are_refused_clearly(world):
    client = world.client("quality")
    assert "CSV (.csv) or Excel" in upload(client, "x", name="points.pdf").content.decode()
    missing = upload(client, "Name (English)\nOnly a name\n")
    assert missing.status_code == 400 and "missing" in missing.content.decode()
    assert upload(client, "Code\n").status_code == 400
    broken = client.post(URL, {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")})
    assert broken.status_code == 400


def test_the_template_and_the_register_link(world):
    client = world.client("quality")
    template = client.get(URL + "?template=csv")
    assert template.content.decode().lstrip("\ufeff").startswith("Code,")
    assert 'data-testid="import"' in client.get("/design/contact-points/").content.decode()
    assert (
        'data-testid="import"'
        not in world.client("staff").get("/design/contact-points/").content.decode()
    )


def test_the_api_imports_all_or_nothing(world):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.users["quality"])
    good = SimpleUploadedFile("p.csv", (HEADER + "A,A,A,during,1,web,no,active,H1\n").encode())
    response = api.post("/api/v1/contact-points/import/", {"file": good}, format="multipart")
    assert response.status_code == 200 and response.json()["created"] == 1
    bad = SimpleUploadedFile("p.csv", (HEADER + "B,B,B,never,1,web,no,active,H1\n").encode())
    response = api.post("/api/v1/contact-points/import/", {"file": bad}, format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"][0]["row"] == 2
    assert not ContactPoint.objects.filter(code="B").exists()
    staff = APIClient()
    staff.force_authenticate(world.users["staff"])
    assert staff.post("/api/v1/contact-points/import/", {"file": good}).status_code == 403
