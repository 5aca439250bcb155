"""Text that would break outputs is refused at the input, by forms, the API and imports
alike, with a translated message on the field, and nothing is stored.

The rule lives once in core/text.py and reaches every text field of every model; these
tests take representative fields: a contact point's name (one line), its description
(several lines), an activity's name, an assessment's note and an attachment's file name."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from rest_framework.test import APIClient

from fuwu.core.models import Attachment, AuditEntry
from fuwu.core.services import attachment_add
from fuwu.design.models import ContactActivity, ContactPoint, SpecificationItem
from fuwu.documents.services import version_draft_create
from fuwu.standard.models import Assessment, Clause

from .conftest import make_point, specified

pytestmark = pytest.mark.django_db

# Control characters (C0, DEL, C1), bidi controls and zero-width characters.
BAD = {
    "bell": "\u0007",
    "backspace": "\u0008",
    "device-control": "\u0011",
    "escape": "\u001b",
    "vertical-tab": "\u000b",
    "delete": "\u007f",
    "c1": "\u0085",
    "rtl-override": "\u202e",
    "rtl-isolate": "\u2067",
    "zero-width-space": "\u200b",
    "word-joiner": "\u2060",
    "bom": "\ufeff",
}
CONTROLS = {k: v for k, v in BAD.items() if ord(v) < 0xA0}
HEADER = "Code,Name (English),Name (Chinese),Stage,Order,Channel,Manned,Status,Deployed at\n"


def code_of(char: str) -> str:
    return f"U+{ord(char):04X}"


def api(world: Any, username: str = "quality") -> APIClient:
    client = APIClient()
    client.default_format = "json"
    client.force_authenticate(world.users[username])
    return client


def point_data(world: Any, **extra: Any) -> dict[str, Any]:
    return {
        "code": "CI",
        "name_en": "Check-in",
        "name_zh": "入住登记",
        "stage": "during",
        "order": 20,
        "channel": "in_person",
        "status": "active",
        "sites": [world.sites[0].pk],
    } | extra


def nothing_stored() -> bool:
    points = ContactPoint.objects.filter(code="CI").exists()
    return not points and not AuditEntry.objects.filter(object_type="design.contactpoint").exists()


@pytest.mark.parametrize("char", BAD.values(), ids=BAD.keys())
def test_the_api_refuses_the_character_in_a_name(world, char):
    response = api(world).post(
        "/api/v1/contact-points/", point_data(world, name_en=f"Front{char}desk"), format="json"
    )
    assert response.status_code == 400
    assert code_of(char) in " ".join(response.json()["name_en"])
    assert nothing_stored()


@pytest.mark.parametrize("char", BAD.values(), ids=BAD.keys())
def test_the_form_refuses_the_character_in_a_name(world, char):
    data = point_data(world, name_en=f"Front{char}desk", manned="on")
    response = world.client("quality").post("/design/contact-points/add/", data)
    assert response.status_code == 400  # the form again, with its error
    assert code_of(char) in " ".join(response.context["form"].errors["name_en"])
    assert nothing_stored()


@pytest.mark.parametrize("char", BAD.values(), ids=BAD.keys())
def test_an_import_refuses_the_character_in_a_name(world, char):
    text = HEADER + f"CI,Front{char}desk,入住登记,during,10,in_person,yes,active,H1\n"
    upload = SimpleUploadedFile("points.csv", text.encode("utf-8"))
    response = world.client("quality").post("/design/contact-points/import/", {"file": upload})
    assert response.status_code == 400
    errors = [(e.row, e.column, e.message) for e in response.context["errors"]]
    assert any(
        row == 2 and column == "Name (English)" and code_of(char) in message
        for row, column, message in errors
    ), errors
    assert nothing_stored()


def test_an_import_refuses_a_control_character_in_any_cell(world):
    text = HEADER + "CI,Front desk,入住登记,during\u0007,10,in_person,yes,active,H1\u0008\n"
    upload = SimpleUploadedFile("points.csv", text.encode("utf-8"))
    response = world.client("quality").post("/design/contact-points/import/", {"file": upload})
    assert response.status_code == 400
    errors = {(e.column, e.message) for e in response.context["errors"]}
    assert any(column == "Stage" and "U+0007" in message for column, message in errors)
    assert any(column == "Deployed at" and "U+0008" in message for column, message in errors)
    assert nothing_stored()


@pytest.mark.parametrize("char", CONTROLS.values(), ids=CONTROLS.keys())
def test_a_description_refuses_control_characters(world, char):
    data = point_data(world, description_en=f"First line\nsecond{char}line")
    response = api(world).post("/api/v1/contact-points/", data, format="json")
    assert response.status_code == 400
    assert code_of(char) in " ".join(response.json()["description_en"])
    assert nothing_stored()


def test_chinese_emoji_tabs_and_newlines_pass_where_they_belong(world):
    data = point_data(
        world,
        # a zero-width joiner inside an emoji (a family) is part of it
        name_en="Front desk \U0001f600 \U0001f468\u200d\U0001f469\u200d\U0001f467 \u2764\ufe0f",
        name_zh="前台 大堂 \U0001f600",
        description_zh="第一行\n\tsecond line \U0001f600\r\n"
        "\u05e9\u05dc\u05d5\u05dd \u202bRTL\u202c",
    )
    response = api(world).post("/api/v1/contact-points/", data, format="json")
    assert response.status_code == 201, response.json()
    point = ContactPoint.objects.get(code="CI")
    assert point.name_en == data["name_en"] and point.description_zh == data["description_zh"]


@pytest.mark.parametrize("name", ["\u3164", "\u200b\u200b", "\u2800", "\u00a0\u3164\u00a0"])
def test_a_name_of_only_invisible_characters_is_refused(world, name):
    response = api(world).post(
        "/api/v1/contact-points/", point_data(world, name_en=name), format="json"
    )
    assert response.status_code == 400
    assert "name_en" in response.json()
    assert nothing_stored()


def test_a_line_break_in_a_one_line_name_is_refused(world):
    response = api(world).post(
        "/api/v1/contact-points/", point_data(world, name_en="Front\ndesk"), format="json"
    )
    assert response.status_code == 400
    assert "name_en" in response.json()


def test_the_message_is_translated(world):
    client = api(world)
    with translation.override("zh-hans"):
        response = client.post(
            "/api/v1/contact-points/",
            point_data(world, name_en="Front\u0007desk"),
            format="json",
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
    assert response.status_code == 400
    message = " ".join(response.json()["name_en"])
    assert "U+0007" in message and "控制字符" in message


def test_an_activity_name_is_checked_through_the_api(world):
    stage = ContactActivity.objects.filter(organization=world.org).first().stage
    before = ContactActivity.objects.count()
    response = api(world).post(
        "/api/v1/contact-process/activities/",
        {"stage": stage, "name_en": "Greet\u0011", "description_en": ""},
        format="json",
    )
    assert response.status_code == 400
    assert "U+0011" in " ".join(response.json()["name_en"])
    assert ContactActivity.objects.count() == before


def test_an_assessment_note_is_checked_through_the_api(world):
    clause = Clause.objects.filter(assessable=True).first()
    response = api(world).post(
        "/api/v1/assessments/",
        {"clause": clause.ref_id, "result": "conforming", "note_en": "Seen\u0008"},
        format="json",
    )
    assert response.status_code == 400, response.json()
    assert "U+0008" in " ".join(response.json()["note_en"])
    assert not Assessment.objects.exists()


def test_an_attachment_named_with_a_bidi_override_is_refused(world):
    # Django's upload parser already drops such characters from names sent over HTTP;
    # the service refuses them from any other caller.
    upload = SimpleUploadedFile("invoice\u202efdp.txt", b"hello")
    with pytest.raises(ValidationError) as refused:
        attachment_add(actor=world.users["admin"], record=world.sites[0], upload=upload)
    assert "U+202E" in " ".join(refused.value.message_dict["file"])
    assert not Attachment.objects.exists()
    response = world.client("admin").post(
        f"/attachments/core.site/{world.sites[0].pk}/add/",
        {"file": SimpleUploadedFile("invoice\u202efdp.txt", b"hello")},
    )
    assert response.status_code == 302
    assert Attachment.objects.get().name == "invoicefdp.txt"


def test_an_old_bad_value_does_not_block_other_work_and_can_be_corrected(world):
    """Rows written before the rule: editing another field, moving, or starting a new draft
    copied from them works; a new bad value is still refused; the old one can be fixed."""
    point = make_point(world, code="OLD")
    spec = specified(world, point, ["service"])[0]
    ContactPoint.objects.filter(pk=point.pk).update(name_en="Old\u0007name")
    SpecificationItem.objects.filter(version__document=spec.document).update(
        text_en="Old\u0008text", criterion_en="\u202eold"
    )
    client = api(world)
    url = f"/api/v1/contact-points/{point.pk}/"
    assert client.patch(url, {"order": 5}, format="json").status_code == 200
    refused = client.patch(url, {"name_zh": "新\u0011"}, format="json")
    assert refused.status_code == 400 and "name_zh" in refused.json()
    assert client.patch(url, {"name_en": "New name"}, format="json").status_code == 200
    draft = version_draft_create(actor=world.users["quality"], document=spec.document)
    copied = SpecificationItem.objects.filter(version=draft)
    assert copied.exists() and all(i.text_en == "Old\u0008text" for i in copied)
