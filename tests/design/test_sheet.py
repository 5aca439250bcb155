"""The specification sheet of a contact point, as PDF and Word in both languages:
approved content only, local addenda on request, tenancy, bad requests and a fixed
number of queries."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from docx import Document as Docx
from docx.oxml.ns import qn

from fuwu.design import services
from fuwu.design.models import Indicator
from fuwu.design.sheet import data, sheet_bytes, sheet_file
from fuwu.documents import services as documents
from tests.documents.manual_support import dense, docx_text, needs_pdftotext, pdf_text

from .conftest import approve, fill, make_point, specified

pytestmark = pytest.mark.django_db

GREETING_EN = "Greet every guest within 10 seconds"
GREETING_ZH = "十秒内问候每位宾客"
# Typst markup in user text must come out as text.
MARKUP = "Keys #strong[x] $y$ <b>z</b>"


def add(world, specification, category, text_en, text_zh="", **extra):
    return services.item_create(
        actor=world.users["quality"],
        specification=specification,
        data={"category": category, "text_en": text_en, "text_zh": text_zh} | extra,
    )


@pytest.fixture
def scene(world, point):
    """FD with an approved service specification (an indicator, a criterion, a source and
    a category that does not apply) and approved provision and control specifications."""
    quality = world.users["quality"]
    service = services.specification_start(actor=quality, point=point, kind="service")
    indicator = Indicator.objects.filter(
        organization=world.org, characteristic__key="etiquette"
    ).first()
    add(world, service, "scope", "Check-in and check-out", "办理入住和退房")
    add(world, service, "procedure", MARKUP, "交付房卡")
    add(
        world,
        service,
        "etiquette",
        GREETING_EN,
        GREETING_ZH,
        indicator=indicator,
        criterion_en="≤ 10 s",
        reference_en="GB/T 14308-2010",
    )
    services.category_not_applicable(
        actor=quality, specification=service, category="skills", reason="Covered by training"
    )
    approve(world, service)
    specified(world, point, ["provision", "control"])
    world.indicator = indicator
    return world


def download(world, point, username="quality", fmt="pdf", **params):
    return world.client(username).get(f"/design/contact-points/{point.pk}/sheet.{fmt}", params)


# -- PDF -------------------------------------------------------------------------------------


@needs_pdftotext
def test_pdf_in_english(scene, point):
    content = sheet_bytes(point, "pdf", "en")
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    for expected in (
        "Specification sheet",
        "Lakeside Hotels",
        "FD Front desk FD",
        "During service provision",
        "In person",
        "Manned",
        "Service specification",
        "Service provision specification",
        "Service control specification",
        "Check-in and check-out",
        MARKUP,  # as text, not markup
        GREETING_EN,
        scene.indicator.name_en,
        "≤ 10 s",
        "GB/T 14308-2010",
        "Not applicable",
        "Covered by training",
        "Requirement for personnel",
        "Requirement for inspection",
        "Mystery guest",
        "Monthly",
        "Approved by",
        scene.users["admin"].display_name,
    ):
        assert expected in text, expected
    assert "Not approved yet" not in text


@needs_pdftotext
def test_pdf_in_chinese(scene, point):
    content = sheet_bytes(point, "pdf", "zh-hans")
    assert content.startswith(b"%PDF")
    text = dense(pdf_text(content))
    for expected in ("湖畔酒店集团", "前台FD", "办理入住和退房", "交付房卡", GREETING_ZH):
        assert expected in text, expected
    assert "Requirement for personnel" in pdf_text(content)  # written in English only


# -- Word ------------------------------------------------------------------------------------


def test_word_in_both_languages(scene, point):
    english = docx_text(sheet_bytes(point, "docx", "en"))
    for expected in ("FD Front desk FD", "Check-in and check-out", GREETING_EN, MARKUP):
        assert expected in english, expected
    assert "Covered by training" in english and "Mystery guest" in english
    content = sheet_bytes(point, "docx", "zh-hans")
    chinese = docx_text(content)
    for expected in ("湖畔酒店集团", "前台 FD", "办理入住和退房", GREETING_ZH):
        assert expected in chinese, expected
    # Word sets Chinese in the East Asian font of the styles.
    normal = Docx(BytesIO(content)).styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "SimSun"


# -- approved content only ---------------------------------------------------------------------


@needs_pdftotext
def test_a_specification_without_an_approved_version_says_so(world, point):
    draft = services.specification_start(actor=world.users["quality"], point=point, kind="service")
    add(world, draft, "scope", "Draft requirement")
    text = pdf_text(sheet_bytes(point, "pdf", "en"))
    assert text.count("Not approved yet") == 3  # a draft, and two not started
    assert draft.document.number in text
    assert "Draft requirement" not in text
    assert "Not approved yet" in docx_text(sheet_bytes(point, "docx", "en"))


def test_a_new_draft_does_not_change_the_sheet(scene, point):
    service = point.specifications.get(kind="service")
    documents.version_draft_create(actor=scene.users["quality"], document=service.document)
    add(scene, service, "scope", "Not approved yet either")
    response = download(scene, point, "staff", fmt="docx")
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "Check-in and check-out" in text
    assert "Not approved yet either" not in text


# -- local addenda -----------------------------------------------------------------------------


def test_a_site_adds_its_approved_local_addenda(world, point):
    specified(world, point, ["service"])
    site = world.sites[0]
    local = services.specification_start(
        actor=world.users["quality"], point=point, kind="service", site=site
    )
    add(world, local, "etiquette", "Offer lake-view tea")
    approve(world, local)
    with translation.override("en"):
        plain = data.collect(point).text()
        with_site = data.collect(point, site=site).text()
        other_site = data.collect(point, site=world.sites[1]).text()
    assert "Offer lake-view tea" not in plain
    assert "Offer lake-view tea" in with_site and "Local addendum" in with_site
    assert "Requirement for scope" in with_site  # the standard items stay
    assert "This site has no local addendum to it." in other_site
    response = download(world, point, "manager", fmt="docx", site=site.pk)
    assert response.status_code == 200
    assert "Offer lake-view tea" in docx_text(response.content)
    assert 'filename="lakeside-fd-specifications-h1-en.docx"' in response["Content-Disposition"]


# -- the view ----------------------------------------------------------------------------------


def test_the_view_downloads_in_the_readers_language(scene, point):
    response = download(scene, point)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    disposition = response["Content-Disposition"]
    assert disposition == 'attachment; filename="lakeside-fd-specifications-en.pdf"'
    user = scene.users["viewer"]
    user.language = "zh-hans"
    user.save()
    response = download(scene, point, "viewer", fmt="docx")
    assert response["Content-Disposition"].endswith('-zh.docx"')
    assert GREETING_ZH in docx_text(response.content)
    english = download(scene, point, "viewer", fmt="docx", lang="en")
    assert english["Content-Disposition"].endswith('-en.docx"')
    assert GREETING_EN in docx_text(english.content)


def test_staff_may_download(scene, point):
    response = download(scene, point, "staff", fmt="docx")
    assert response.status_code == 200
    assert GREETING_EN in docx_text(response.content)


@pytest.mark.parametrize(
    "params",
    [{"lang": "fr"}, {"lang": "zh"}, {"site": "abc"}, {"site": "999999"}, {"site": "-1"}],
)
def test_bad_parameters_are_refused(world, point, params):
    response = download(world, point, fmt="docx", **params)
    assert response.status_code == 400
    assert b"Choose" in response.content


def test_a_site_the_point_is_not_deployed_at_or_the_reader_cannot_see_is_refused(world, point):
    assert download(world, point, site=world.sites[2].pk).status_code == 400  # not deployed
    assert download(world, point, site=world.other_site.pk).status_code == 400
    # Staff of the first site may not read the second site's addenda.
    assert download(world, point, "staff", site=world.sites[1].pk).status_code == 400
    assert download(world, point, "staff", fmt="docx", site=world.sites[0].pk).status_code == 200


def test_unknown_format_is_not_found(world, point):
    assert download(world, point, fmt="xlsx").status_code == 404
    assert download(world, point, fmt="PDF").status_code == 404


def test_tenancy(world, point):
    assert download(world, point, "outsider").status_code == 404
    own = make_point(world, "H2-BAR", sites=[], site=world.sites[1])
    assert download(world, own, "staff", fmt="docx").status_code == 404  # staff of H1
    assert download(world, own, "manager", fmt="docx").status_code == 404
    assert download(world, own, "quality", fmt="docx").status_code == 200
    response = world.client("outsider").get(f"/design/contact-points/{point.pk}/sheet.pdf")
    assert response.status_code == 404


def test_anonymous_readers_log_in_first(world, point):
    from django.test import Client

    response = Client().get(f"/design/contact-points/{point.pk}/sheet.pdf")
    assert response.status_code == 302 and "login" in response["Location"]


# -- queries -----------------------------------------------------------------------------------


def queries(point, **kwargs) -> int:
    with translation.override("en"), CaptureQueriesContext(connection) as captured:
        data.collect(point, **kwargs)
    return len(captured)


def test_queries_do_not_grow_with_items(world, point):
    specified(world, point)
    site = world.sites[0]
    few = queries(point, site=site, user=world.users["staff"])
    assert few <= 4
    busy = make_point(world, "BUSY")
    for kind in ("service", "provision", "control"):
        spec = services.specification_start(actor=world.users["quality"], point=busy, kind=kind)
        for _round in range(3):
            fill(world, spec)
        approve(world, spec)
    local = services.specification_start(
        actor=world.users["quality"], point=busy, kind="service", site=site
    )
    fill(world, local)
    approve(world, local)
    assert queries(busy, site=site, user=world.users["staff"]) == few


def test_the_file_is_named_after_the_organization_and_the_code(world):
    point = make_point(world, "前台 1")
    built = sheet_file(point, "pdf", "zh-hans")
    assert built.filename == "lakeside-1-specifications-zh.pdf"
    with pytest.raises(ValueError):
        sheet_file(point, "xlsx", "en")
    with pytest.raises(ValueError):
        sheet_file(point, "pdf", "en", site=world.sites[2])  # not deployed there
