"""The contact process in the service manual (4.6.3 d): the stages and their activities,
the contact points in journey order and their approved specifications, in both
languages; the empty state; a fixed number of queries; the rendered files."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from fuwu.core.manual import BulletList, Heading, ManualContext, Paragraph, Table, registry
from fuwu.core.render.blocks import blocks_text
from fuwu.design import services
from fuwu.design.manual import contact_process
from fuwu.design.models import ContactActivity
from fuwu.documents.manual.build import build_manual
from fuwu.documents.manual.files import manual_file
from tests.documents.manual_support import dense, docx_text, needs_pdftotext, pdf_text

from .conftest import approve, fill, make_point, specified

pytestmark = pytest.mark.django_db

STEPS = (("Welcome the guest", "欢迎宾客"), ("Check the booking", "核对预订"))


def section(world, language="en"):
    data = build_manual(world.org, language=language)
    return next(s for s in data.sections if s.key == "contact_process")


@pytest.fixture
def scene(world):
    """Three contact points, one per stage: FD fully specified (with procedure steps, a
    category that does not apply and a local addendum at H1), WEB planned and without
    specifications, CB only with a draft."""
    quality = world.users["quality"]
    front = make_point(world, "FD", order=10)
    service = services.specification_start(actor=quality, point=front, kind="service")
    for en, zh in STEPS:
        services.item_create(
            actor=quality,
            specification=service,
            data={"category": "procedure", "text_en": en, "text_zh": zh},
        )
    for category in ("scope", "etiquette"):
        services.item_create(
            actor=quality,
            specification=service,
            data={"category": category, "text_en": f"About {category}"},
        )
    services.category_not_applicable(
        actor=quality, specification=service, category="skills", reason="No skills beyond greeting"
    )
    approve(world, service)
    specified(world, front, ["provision", "control"])
    local = services.specification_start(
        actor=quality, point=front, kind="service", site=world.sites[0]
    )
    fill(world, local)
    approve(world, local)
    make_point(
        world,
        "WEB",
        name_en="Booking website",
        name_zh="预订网站",
        stage="before",
        channel="web",
        manned=False,
        status="planned",
        sites=[],
    )
    callback = make_point(world, "CB", name_en="Callback", stage="after", channel="phone")
    services.specification_start(actor=quality, point=callback, kind="service")
    make_point(world, "OLD", stage="during", status="retired")
    world.front = front
    world.service = service.document
    return world


def test_it_replaces_the_placeholder():
    found = registry.REGISTRY["contact_process"]
    assert found.function is contact_process and not found.placeholder
    assert found.order == 60
    assert found.clauses == ("4.6.3 d", "4.4.1", "4.4.3")


def test_the_stages_and_their_active_activities(world):
    quality = world.users["quality"]
    design = ContactActivity.objects.get(organization=world.org, standard_key="design")
    services.activity_update(
        actor=quality, activity=design, data={"description_en": "Blueprints,\nreviewed yearly"}
    )
    feedback = ContactActivity.objects.get(organization=world.org, standard_key="feedback")
    services.activity_update(actor=quality, activity=feedback, data={"is_active": False})
    found = section(world)
    headings = [b.title for b in found.blocks if isinstance(b, Heading)]
    assert headings[:4] == [
        "The three stages",
        "Before service provision (4.4.1 a)",
        "During service provision (4.4.1 b)",
        "After service provision (4.4.1 c)",
    ]
    lists = [b.text() for b in found.blocks if isinstance(b, BulletList)]
    assert lists[0].splitlines() == [
        "Identify and determine customer requirements",
        "Customer communication",
        "Service commitment",
        "Service design: Blueprints, reviewed yearly",
    ]
    assert "Return visits" in lists[2] and "Feedback" not in lists[2]  # retired


def test_without_contact_points_it_says_where_to_record_them(world):
    found = section(world)
    notices = [b.text() for b in found.blocks if isinstance(b, Paragraph) and b.style == "notice"]
    assert notices == ["No contact points are recorded yet."]
    assert "/design/contact-points/" in blocks_text(found.blocks)
    assert not [b for b in found.blocks if isinstance(b, Table)]


def test_the_contact_points_in_journey_order(scene):
    found = section(scene)
    journey = next(b for b in found.blocks if isinstance(b, Table))
    assert journey.columns == (
        "Code",
        "Contact point",
        "Stage",
        "Channel",
        "Manned or unmanned",
        "Sites",
    )
    assert journey.rows == (
        ("WEB", "Booking website (planned)", "Before service provision", "Web", "Unmanned", "—"),
        ("FD", "Front desk FD", "During service provision", "In person", "Manned", "H1, H2"),
        ("CB", "Callback", "After service provision", "Phone", "Manned", "H1, H2"),
    )  # the retired one is left out
    assert "3 contact points, in the order the customer meets them: 2 manned, 1 unmanned." in (
        blocks_text(found.blocks)
    )


def test_each_contact_points_approved_specifications(scene):
    found = section(scene)
    text = blocks_text(found.blocks)
    tables = [b for b in found.blocks if isinstance(b, Table)][1:]
    assert len(tables) == 1  # FD's: the others have nothing approved
    front = tables[0]
    assert front.columns == ("Specification", "Document", "Version", "Approved on", "Content")
    service = front.rows[0]
    today = timezone.localdate().isoformat()
    assert service[:4] == ("Service specification (4.4.3.2)", scene.service.number, "1", today)
    assert service[4] == (
        "Service scope: 1 item, Service procedure: 2 items, "
        "Service skills: not applicable (No skills beyond greeting), Service etiquette: 1 item"
    )
    assert front.rows[2][0] == "Service control specification (4.4.3.4)"
    assert "Inspection and measurement: 1 item" in front.rows[2][4]
    notices = [b.text() for b in found.blocks if isinstance(b, Paragraph) and b.style == "notice"]
    # CB has a draft only; WEB nothing at all.
    assert notices == ["No specification is approved yet for: WEB Booking website, CB Callback."]
    # The service procedure, step by step; not every item's text.
    steps = next(b for b in found.blocks if isinstance(b, BulletList) and b.ordered)
    assert steps.text().splitlines() == [en for en, _zh in STEPS]
    assert "About scope" not in text
    assert "Approved local addenda: H1." in text


def test_in_chinese(scene):
    text = blocks_text(section(scene, "zh-hans").blocks)
    for expected in ("预订网站", "前台 FD", "欢迎宾客", "核对预订", "识别和确定顾客要求"):
        assert expected in text, expected


def test_queries_do_not_grow_with_contact_points(world):
    point = make_point(world, "P0")
    specified(world, point)

    def count() -> int:
        context = ManualContext(
            organization=world.org, language="en", sections=[], generated_at=timezone.now()
        )
        with translation.override("en"), CaptureQueriesContext(connection) as captured:
            contact_process(context)
        return len(captured)

    few = count()
    assert few <= 5
    for n in range(1, 5):
        specified(world, make_point(world, f"P{n}"))
    assert count() == few


def test_the_clause_cross_reference_points_here(scene):
    data = build_manual(scene.org, language="en")
    number = next(s.number for s in data.sections if s.key == "contact_process")
    crossref = next(s for s in data.sections if s.key == "crossref")
    rows = {r[0]: r for r in next(b for b in crossref.blocks if isinstance(b, Table)).rows}
    for ref in ("4.6.3 d", "4.4.1", "4.4.1 b", "4.4.3", "4.4.3.2"):
        assert rows[ref][2] == number, ref


@needs_pdftotext
def test_the_manual_files_describe_the_contact_points(scene):
    quality = scene.users["quality"]
    pdf = manual_file(scene.org, fmt="pdf", language="zh-hans", prepared_by=quality).content
    text = dense(pdf_text(pdf))
    for expected in ("预订网站", "前台FD", "欢迎宾客", "核对预订"):
        assert expected in text, expected
    word = manual_file(scene.org, fmt="docx", language="en", prepared_by=quality).content
    text = docx_text(word)
    assert "Booking website (planned)" in text and "Check the booking" in text


def test_a_specification_not_approved_yet_is_named_in_its_row(world):
    point = make_point(world, "FD")
    specified(world, point, ["service"])
    services.specification_start(actor=world.users["quality"], point=point, kind="control")
    table = [b for b in section(world).blocks if isinstance(b, Table)][1]
    assert table.rows[1] == (
        "Service provision specification (4.4.3.3)",
        "—",
        "—",
        "—",
        "Not approved yet",
    )
    assert table.rows[2][4] == "Not approved yet"  # a draft
