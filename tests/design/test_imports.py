"""Importing contact points: every row checked, all or nothing, errors by row."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from fuwu.core.models import AuditEntry
from fuwu.design.imports import import_contact_points
from fuwu.design.models import ContactPoint

from .conftest import make_point

pytestmark = pytest.mark.django_db

URL = "/design/contact-points/import/"
LIST = "/design/contact-points/"
HEADER = "Code,Name (English),Name (Chinese),Stage,Order,Channel,Manned,Status,Deployed at\n"


def upload(client: Client, data: str | bytes, name: str = "points.csv", encoding: str = "utf-8"):
    content = data.encode(encoding) if isinstance(data, str) else data
    return client.post(URL, {"file": SimpleUploadedFile(name, content)}, follow=False)


def export(client: Client, fmt: str = "csv") -> bytes:
    response = client.get(f"{LIST}?export={fmt}")
    assert response.status_code == 200
    return b"".join(response.streaming_content) if fmt == "csv" else response.content


def errors(response: Any) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.message) for e in response.context["errors"]]


def audits() -> int:
    return AuditEntry.objects.filter(object_type="design.contactpoint").count()


def test_a_valid_file_creates_the_points_with_audit_entries(world):
    text = HEADER + (
        "CHECKIN,Check-in,入住登记,during,10,in_person,yes,active,H1、H2\n"
        "WEB,Web booking,网上预订,Before service provision,1,Web,no,planned,H1\n"
    )
    client = world.client("quality")
    response = upload(client, text)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == LIST
    web = ContactPoint.objects.get(code="WEB")
    assert (web.stage, web.channel, web.manned, web.order) == ("before", "web", False, 1)
    checkin = ContactPoint.objects.get(code="CHECKIN")
    assert {s.code for s in checkin.sites.all()} == {"H1", "H2"}
    assert audits() == 2
    page = client.get(LIST).content.decode()
    assert "Imported: 2 created, 0 updated." in page


def test_one_bad_row_imports_nothing_and_names_the_row(world):
    text = HEADER + (
        "OK,Fine,好,during,1,in_person,yes,active,H1\n"
        "BAD,Broken,坏,sometime,inf,carrier pigeon,maybe,active,ZZ\n"
    )
    response = upload(world.client("quality"), text)
    assert response.status_code == 400
    assert errors(response) == [
        (3, "Stage", "“sometime” is not one of the choices."),
        (3, "Order", "Write a whole number, 0 or more."),
        (3, "Channel", "“carrier pigeon” is not one of the choices."),
        (3, "Manned", "Write yes or no."),
        (3, "Deployed at", "No site of this organization has the code “ZZ”."),
    ]
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert page.count('data-testid="import-error"') == 5
    assert "<td>3</td>" in page  # the spreadsheet's row number
    assert not ContactPoint.objects.exists() and audits() == 0


def test_the_services_errors_are_row_errors_too(world):
    make_point(world, "FD")
    text = "Code,Name (English),Stage,Owner (person)\n" + (
        "NEW,,during,\n"  # no name: the service's check
        f"{'X' * 31},Long code,during,\n"  # the model's length, not a database error
        "FD,Front desk,during,outsider\n"  # a member of another organization
        "NEW2,New,during,quality\n"
        "new2,Other,during,\n"
        "NEW2,Again,during,\n"
    )
    response = upload(world.client("quality"), text)
    assert response.status_code == 400
    assert errors(response) == [
        (2, "Name (English)", "Give the contact point a name in English or Chinese."),
        (3, "Code", "Ensure this value has at most 30 characters (it has 31)."),
        (4, "Owner (person)", "“outsider” is not an active member."),
        (7, "Code", "Row 5 has the same value."),
    ]
    assert ContactPoint.objects.count() == 1


def test_an_existing_code_is_updated_and_empty_cells_keep(world):
    point = make_point(world, "FD", name_en="Old name")
    response = upload(world.client("quality"), "Code,Name (English),Stage\nFD,New name,\n")
    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.name_en, point.name_zh, point.stage) == ("New name", "前台 FD", "during")
    assert AuditEntry.objects.filter(object_id=str(point.pk), action="update").count() == 1


def test_chinese_headers_and_gbk_encoding(world):
    # As a Chinese spreadsheet saves it: Chinese headings and values, GB18030.
    header = "编码,名称（英文）,名称（中文）,阶段,渠道,有人值守,状态,部署门店\n"  # noqa: RUF001
    text = header + "TEA,Tea corner,茶歇区,服务提供中,现场,是,启用,H1；H3\n"  # noqa: RUF001
    response = upload(world.client("quality"), text, encoding="gb18030")
    assert response.status_code == 302, response.content.decode()[:2000]
    tea = ContactPoint.objects.get(code="TEA")
    assert (tea.stage, tea.channel, tea.manned, tea.status) == (
        "during",
        "in_person",
        True,
        "active",
    )
    assert {s.code for s in tea.sites.all()} == {"H1", "H3"}


def test_a_chinese_reader_sees_chinese_columns_and_round_trips(world):
    user = world.users["quality"]
    user.language = "zh-hans"
    user.save()
    make_point(world, "FD", stage="before", channel="web", manned=False, owner_role="staff")
    client = world.client("quality")
    exported = export(client)
    assert exported.decode("utf-8-sig").startswith("编码,名称,名称（英文）")  # noqa: RUF001
    response = upload(client, exported, name="export.csv")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert audits() == 1  # the labels read back as the same values: nothing changed
    bad = upload(client, "编码,阶段,名字\nFD,从不,x\n")
    assert bad.status_code == 400
    assert errors(bad) == [(2, "阶段", "“从不”不是可选值之一。")]
    assert bad.context["ignored"] == ["名字"]


def test_excel_works(world):
    book = Workbook()
    sheet = book.active
    sheet.append(["Code", "Name (English)", "Stage", "Order", "Channel", "Manned", "Status"])
    sheet.append(["KIOSK", "Self check-in kiosk", "during", 3, "self_service", False, "active"])
    data = io.BytesIO()
    book.save(data)
    response = upload(world.client("quality"), data.getvalue(), name="points.xlsx")
    assert response.status_code == 302
    kiosk = ContactPoint.objects.get(code="KIOSK")
    assert (kiosk.channel, kiosk.order, kiosk.manned) == ("self_service", 3, False)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_can_be_imported_again(world, fmt):
    make_point(world, "FD", description_en="-1 means closed", owner_role="staff")
    make_point(world, "WEB", stage="before", channel="web", manned=False, order=4)
    make_point(world, "LOCAL", site=world.sites[0], owner=world.users["manager"])
    client = world.client("quality")
    exported = export(client, fmt)
    before = audits()
    response = upload(client, exported, name=f"export.{fmt}")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert audits() == before  # nothing changed, nothing written
    page = client.get(LIST).content.decode()
    assert "Imported: 0 created, 0 updated, 3 unchanged." in page
    assert "These columns were ignored: Name, Approved specifications." in page


def test_an_edited_export_updates_what_changed(world):
    make_point(world, "FD")
    make_point(world, "WEB", stage="before", channel="web")
    client = world.client("quality")
    book = load_workbook(io.BytesIO(export(client, "xlsx")))
    sheet = book.active
    names = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=names.index("Name (English)") + 1, value="Web booking")
    sheet.append(["NEW", None, "New point", None, "After service provision"])
    data = io.BytesIO()
    book.save(data)
    response = upload(client, data.getvalue(), name="edited.xlsx")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ContactPoint.objects.get(code="WEB").name_en == "Web booking"
    assert ContactPoint.objects.get(code="NEW").stage == "after"
    assert "1 created, 1 updated, 1 unchanged" in client.get(LIST).content.decode()


def test_another_organizations_site_is_refused(world):
    text = (
        f"Code,Name (English),Stage,Deployed at,Site's own\nX,X,during,{world.other_site.code},P1\n"
    )
    response = upload(world.client("quality"), text)
    assert response.status_code == 400
    assert {column for _, column, _ in errors(response)} == {"Deployed at", "Site's own"}
    assert not ContactPoint.objects.exists()


def test_a_site_manager_imports_only_their_sites_points(world):
    text = (
        "Code,Name (English),Stage,Site's own\n"
        f"MINE,Mine,during,{world.sites[0].code}\n"
        f"THEIRS,Theirs,during,{world.sites[1].code}\n"
        "CHAIN,The organization's,during,\n"
    )
    response = upload(world.client("manager"), text)
    assert response.status_code == 400
    assert errors(response) == [
        (3, "", "This site is outside your scope."),
        (4, "", "You may only keep the contact points of your own sites."),
    ]
    assert "<td>3</td>" in response.content.decode()
    assert not ContactPoint.objects.exists()


def test_a_site_manager_may_import_the_register_they_exported(world):
    make_point(world, "CHAIN")  # the organization's: they may not change it
    make_point(world, "MINE", site=world.sites[0])
    client = world.client("manager")
    text = export(client).decode("utf-8-sig").replace("Front desk MINE", "My desk")
    response = upload(client, text)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ContactPoint.objects.get(code="MINE").name_en == "My desk"
    changed = text.replace("Front desk CHAIN", "Theirs")
    response = upload(client, changed)
    assert response.status_code == 400
    assert ContactPoint.objects.get(code="CHAIN").name_en == "Front desk CHAIN"


@pytest.mark.parametrize("username", ["staff", "viewer", "auditor"])
def test_who_may_not_import(world, username):
    client = world.client(username)
    page = client.get(URL)
    assert page.status_code == 200  # they may read how, and prepare a file
    assert 'data-testid="import-not-allowed"' in page.content.decode()
    assert 'data-testid="import-form"' not in page.content.decode()
    assert upload(client, HEADER + "A,A,A,during,1,web,no,active,H1\n").status_code == 403
    assert not ContactPoint.objects.exists()
    with pytest.raises(PermissionDenied):
        import_contact_points(
            actor=world.users[username],
            organization=world.org,
            uploaded_file=SimpleUploadedFile("p.csv", b"Code\nA\n"),
        )


def test_files_that_cannot_be_read_are_refused_clearly(world):
    client = world.client("quality")
    wrong_type = upload(client, "x", name="points.pdf")
    assert wrong_type.status_code == 400
    assert "CSV (.csv) or Excel" in wrong_type.content.decode()
    missing = upload(client, "Name (English)\nOnly a name\n")
    assert missing.status_code == 400 and "missing: Code" in missing.content.decode()
    assert upload(client, "Code\n").status_code == 400
    assert upload(client, "x" * 10, name="x.xlsx").status_code == 400
    assert client.post(URL, {}).status_code == 400  # no file at all
    assert not ContactPoint.objects.exists()


def test_the_page_the_template_and_the_register_link(world):
    client = world.client("quality")
    page = client.get(URL).content.decode()
    assert 'data-testid="import-form"' in page and 'accept=".csv,.txt,.xlsx' in page
    assert "in_person (In person)" in page  # the accepted values, from the choices
    template = client.get(URL + "?template=csv")
    assert template["Content-Disposition"].endswith('-contact-points-template.csv"')
    assert template.content.decode().lstrip("\ufeff").startswith("Code,Name (English),")
    assert 'data-testid="import"' in client.get(LIST).content.decode()
    assert 'data-testid="import"' not in world.client("staff").get(LIST).content.decode()


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
