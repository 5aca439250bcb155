"""The standard's pages: the clause tree and pages, glossary, ISO 9001 mapping, scope and
applicability, the conformity dashboard. Each role reads; only some write; tenants
never see each other."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fuwu.core.models import AuditEntry
from fuwu.standard import conformity, services
from fuwu.standard.conformity import CheckResult, RecordLink
from fuwu.standard.models import (
    Applicability,
    Assessment,
    AssessmentResult,
    Clause,
    ConformitySnapshot,
    Scope,
)

pytestmark = pytest.mark.django_db

ROLES = ["admin", "quality", "auditor", "viewer", "manager", "staff"]
PAGES = [
    ("standard:tree", []),
    ("standard:clause", ["4.4.7 b"]),
    ("standard:clause", ["4.2.4"]),
    ("standard:clause", ["3"]),
    ("standard:clause", ["A.4.2.2 a"]),
    ("standard:glossary", []),
    ("standard:iso", []),
    ("standard:scope", []),
    ("standard:dashboard", []),
]
ASSESSORS = {"admin", "quality", "auditor"}
SCOPE_MANAGERS = {"admin", "quality"}


def clause(ref: str) -> Clause:
    return Clause.objects.get(library__ref_id="SB/T 10382-2004", ref_id=ref)


def url(name: str, *args: str) -> str:
    return reverse(name, args=args)


@pytest.fixture
def registry(monkeypatch):
    """Only the checks a test registers (other apps' checks do not interfere)."""
    monkeypatch.setattr(conformity, "REGISTRY", {})
    return conformity.REGISTRY


# -- reading --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args"), PAGES)
def test_every_member_reads_every_page(world, role, name, args):
    response = world.client(role).get(url(name, *args))
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_anonymous_is_sent_to_login(client, world, name, args):
    response = client.get(url(name, *args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_urls_take_clause_refs_with_dots_and_spaces(world):
    assert url("standard:clause", "4.4.7 b") == "/standard/clause/4.4.7%20b/"
    response = world.client("viewer").get("/standard/clause/4.4.7%20b/")
    assert response.status_code == 200
    assert "Protection of customer property" in response.content.decode()
    assert world.client("viewer").get("/standard/clause/9.9.9/").status_code == 404


def test_tree_shows_sections_annex_and_status_badges(world):
    html = world.client("viewer").get(url("standard:tree")).content.decode()
    for ref in ("1", "2", "3", "4", "4.4.7 b", "A", "A.4.2.2 h"):
        assert f'data-ref="{ref}"' in html
    assert "<details" in html
    assert 'data-status="not_assessed"' in html
    assert 'href="/standard/clause/4.4.7%20b/"' in html


@pytest.mark.parametrize(
    ("mode", "present", "absent"),
    [
        ("en", "Service resource management", "服务资源管理"),
        ("zh", "服务资源管理", "Service resource management"),
        ("both", "服务资源管理", None),
    ],
)
def test_reading_mode_en_zh_both(world, mode, present, absent):
    html = world.client("viewer").get(url("standard:tree") + f"?view={mode}").content.decode()
    assert present in html
    if absent:
        assert absent not in html
    else:
        assert "Service resource management" in html


def test_tree_follows_the_interface_language(world):
    client = world.client("viewer")
    client.post(reverse("core:language"), {"language": "zh-hans", "next": "/"})
    html = client.get(url("standard:tree")).content.decode()
    assert "服务资源管理" in html
    assert "Service resource management" not in html


def test_clause_page_shows_requirement_mappings_and_children(world):
    html = (
        world.client("viewer").get(url("standard:clause", "4.4.7") + "?view=both").content.decode()
    )
    assert "Customer contact control" in html and "顾客接触控制" in html
    assert 'data-testid="requirement"' in html
    assert "GB/T 19001-2000" in html
    iso = clause("4.4.7").iso9001_2015
    assert iso and all(ref in html for ref in iso)
    assert 'href="/standard/clause/4.4.7%20b/?view=both"' in html  # a child


def test_clause_page_shows_iso_titles(world):
    from fuwu.standard.selectors import iso_titles

    html = world.client("viewer").get(url("standard:clause", "1")).content.decode()
    titles = iso_titles()
    for ref in clause("1").iso9001_2015:
        assert titles[ref].title_en in html


def test_glossary_has_the_thirteen_terms_in_both_languages(world):
    html = world.client("viewer").get(url("standard:glossary")).content.decode()
    assert len(re.findall(r'id="term-3\.\d+"', html)) == 13
    assert "contact point" in html and "接触点" in html
    assert "service management system" in html and "服务管理体系" in html


def test_iso_mapping_lists_sbt_clauses_under_iso_clauses(world):
    html = world.client("viewer").get(url("standard:iso")).content.decode()
    assert "Determining the scope of the quality management system" in html
    assert 'href="/standard/clause/1/"' in html  # 1 maps to ISO 4.3


# -- the failing check and its records ------------------------------------------------


def test_clause_page_shows_a_failing_check_with_its_record_link(world, registry):
    conformity.check("4.4.3.1", id="t.specs", title="Specifications approved")(
        lambda org: CheckResult.failed(
            "2 active contact points have no approved service specification: Front desk, Spa",
            [RecordLink("Front desk", "/design/contact-points/7/")],
        )
    )
    html = world.client("viewer").get(url("standard:clause", "4.4.3.1")).content.decode()
    assert 'data-check="t.specs"' in html
    assert "Specifications approved" in html
    assert 'data-check-status="fail"' in html
    assert "no approved service specification" in html
    assert 'href="/design/contact-points/7/"' in html
    assert 'data-status="nonconforming"' in html

    dashboard = world.client("viewer").get(url("standard:dashboard")).content.decode()
    row = dashboard.split('data-ref="4.4.3.1"')[1].split("</tr>")[0]
    assert "no approved service specification" in row
    assert 'href="/design/contact-points/7/"' in row
    assert 'href="/standard/clause/4.4.3.1/"' in dashboard


def test_a_crashing_check_does_not_break_the_pages(world, registry):
    def broken(org):
        raise RuntimeError("boom")

    conformity.check("4.2.5", id="t.broken", title="Broken")(broken)
    response = world.client("viewer").get(url("standard:clause", "4.2.5"))
    assert response.status_code == 200
    assert "could not run" in response.content.decode()


# -- manual assessments ---------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_record_an_assessment(world, role):
    response = world.client(role).post(
        url("standard:clause_assess", "4.2.5"), {"result": "conforming", "note_en": "Minutes seen"}
    )
    saved = Assessment.objects.filter(organization=world.org, clause=clause("4.2.5")).count()
    if role in ASSESSORS:
        assert response.status_code == 302
        assert response["Location"] == "/standard/clause/4.2.5/#assessments"
        assert saved == 1
    else:
        assert response.status_code == 403
        assert saved == 0


def test_assessment_form_only_for_assessors(world):
    assert 'data-testid="assess-form"' in (
        world.client("auditor").get(url("standard:clause", "4.2.5")).content.decode()
    )
    assert 'data-testid="assess-form"' not in (
        world.client("viewer").get(url("standard:clause", "4.2.5")).content.decode()
    )


def test_a_nonconformity_without_a_note_is_refused_inline(world):
    response = world.client("auditor").post(
        url("standard:clause_assess", "4.2.5"), {"result": "major", "note_en": ""}
    )
    assert response.status_code == 400
    assert "Describe the nonconformity" in response.content.decode()
    assert not Assessment.objects.filter(organization=world.org).exists()


def test_assessment_history_and_latest(world):
    client = world.client("auditor")
    client.post(url("standard:clause_assess", "4.2.6"), {"result": "minor", "note_en": "No plan"})
    client.post(
        url("standard:clause_assess", "4.2.6"), {"result": "conforming", "note_en": "Fixed"}
    )
    html = client.get(url("standard:clause", "4.2.6")).content.decode()
    latest = html.split('data-testid="latest-assessment"')[1].split("</div>\n      </div>")[0]
    assert "Conforming" in latest and "Fixed" in latest
    assert 'data-testid="assessment-history"' in html
    assert "No plan" in html
    assert 'data-status="conforming"' in html.split('data-testid="clause-status"')[1][:400]


def test_headings_cannot_be_assessed(world):
    response = world.client("auditor").post(
        url("standard:clause_assess", "4.2"), {"result": "conforming"}
    )
    assert response.status_code == 400
    assert "holds no requirement" in response.content.decode()


# -- applicability --------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_exclude(world, role):
    response = world.client(role).post(
        url("standard:clause_applicability", "4.4.7 b"),
        {"applicable": "excluded", "justification_en": "Customers never leave property with us."},
    )
    decided = Applicability.objects.filter(organization=world.org).exists()
    if role in SCOPE_MANAGERS:
        assert response.status_code == 302
        assert decided
    else:
        assert response.status_code == 403
        assert not decided


def test_excluding_a_clause_the_standard_requires_is_refused_inline(world):
    audit_before = AuditEntry.objects.count()
    response = world.client("quality").post(
        url("standard:clause_applicability", "4.2.5"),
        {"applicable": "excluded", "justification_en": "We do not hold management reviews."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "cannot be excluded" in html
    assert 'data-testid="applicability-form"' in html  # shown again, with the message
    assert not Applicability.objects.exists()
    assert AuditEntry.objects.count() == audit_before


def test_an_exclusion_needs_a_justification(world):
    response = world.client("quality").post(
        url("standard:clause_applicability", "4.1.1.2"),
        {"applicable": "excluded", "justification_en": " "},
    )
    assert response.status_code == 400
    assert "Explain in a sentence" in response.content.decode()
    assert not Applicability.objects.exists()


def test_a_valid_exclusion_shows_as_excluded_everywhere(world):
    client = world.client("quality")
    response = client.post(
        url("standard:clause_applicability", "4.1.1.2"),
        {
            "applicable": "excluded",
            "justification_en": "Rooms only: no tangible products are sold.",
        },
    )
    assert response.status_code == 302
    decision = Applicability.objects.get(organization=world.org)
    assert decision.decided_by == world.users["quality"]

    dashboard = client.get(url("standard:dashboard") + "?status=excluded").content.decode()
    row = dashboard.split('data-ref="4.1.1.2"')[1].split("</tr>")[0]
    assert 'data-status="excluded"' in row
    assert "Rooms only" in row
    assert 'data-count="excluded">1<' in dashboard

    page = client.get(url("standard:clause", "4.1.1.2")).content.decode()
    assert "Rooms only" in page and "Decided by" in page
    scope = client.get(url("standard:scope")).content.decode()
    assert "Rooms only" in scope

    # re-include
    client.post(url("standard:clause_applicability", "4.1.1.2"), {"applicable": "applicable"})
    assert Applicability.objects.get(organization=world.org).applicable


def test_the_other_organization_does_not_see_our_decisions(world):
    world.client("quality").post(
        url("standard:clause_applicability", "4.1.1.2"),
        {
            "applicable": "excluded",
            "justification_en": "Rooms only: no tangible products are sold.",
        },
    )
    world.client("auditor").post(
        url("standard:clause_assess", "4.2.5"), {"result": "minor", "note_en": "Lakeside finding"}
    )
    Scope.objects.create(organization=world.org, statement_en="Lakeside secret scope")
    outsider = world.client("outsider")
    for name, args in PAGES:
        html = outsider.get(url(name, *args)).content.decode()
        assert "Rooms only" not in html
        assert "Lakeside finding" not in html
        assert "Lakeside secret scope" not in html
    assert 'data-count="excluded">0<' in outsider.get(url("standard:dashboard")).content.decode()


# -- scope ----------------------------------------------------------------------------


def test_scope_edit_saves_through_the_service(world):
    client = world.client("quality")
    assert client.get(url("standard:scope_edit")).status_code == 200
    response = client.post(
        url("standard:scope_edit"),
        {
            "statement_en": "Rooms, restaurants and spa of three hotels",
            "statement_zh": "三家酒店的客房、餐饮和水疗服务",
            "sites": [world.sites[0].pk, world.sites[1].pk],
            "iso9001_certificate": "CN-QMS-2024-0042",
            "iso9001_certifier_en": "CQC",
            "iso9001_valid_until": "2027-06-30",
        },
    )
    assert response.status_code == 302
    scope = Scope.objects.get(organization=world.org)
    assert not scope.all_sites
    assert set(scope.sites.all()) == {world.sites[0], world.sites[1]}
    html = client.get(url("standard:scope") + "?view=both").content.decode()
    assert "三家酒店" in html and "Rooms, restaurants" in html
    assert "CN-QMS-2024-0042" in html and "2027-06-30" in html
    assert world.sites[2].code not in html.split('data-testid="scope-sites"')[1][:600]
    assert AuditEntry.objects.filter(object_type="standard.scope").exists()


def test_scope_without_sites_is_refused_inline(world):
    response = world.client("admin").post(url("standard:scope_edit"), {"statement_en": "All"})
    assert response.status_code == 400
    assert "tick" in response.content.decode()
    assert not Scope.objects.exists()


def test_scope_refuses_another_organizations_site(world):
    response = world.client("admin").post(
        url("standard:scope_edit"), {"statement_en": "x", "sites": [world.other_site.pk]}
    )
    assert response.status_code == 400
    assert not Scope.objects.exists()


@pytest.mark.parametrize("role", ["auditor", "viewer", "manager", "staff"])
def test_only_scope_managers_edit_the_scope(world, role):
    client = world.client(role)
    assert client.get(url("standard:scope_edit")).status_code == 403
    assert client.post(url("standard:scope_edit"), {"all_sites": "on"}).status_code == 403
    assert not Scope.objects.exists()


def test_statement_of_applicability_lists_excludable_and_always_applicable(world):
    html = world.client("viewer").get(url("standard:scope")).content.decode()
    excludable = html.split('data-testid="soa-excludable"')[1].split("</table>")[0]
    for ref in Clause.objects.filter(excludable=True).values_list("ref_id", flat=True):
        assert f'data-ref="{ref}"' in excludable
    always = html.split('data-testid="soa-always"')[1].split("</table>")[0]
    assert 'data-ref="4.2.5"' in always and 'data-ref="4.4.7 b"' not in always
    # A table an auditor reads: every row says applicable, and why.
    rows = always.count("<tr data-ref=")
    assert rows > 50
    assert always.count('data-status="applicable"') == rows


def test_statement_of_applicability_shows_each_decision_with_who_and_when(world):
    clause = Clause.objects.get(ref_id="4.4.7 b")
    services.applicability_set(
        actor=world.users["admin"],
        organization=world.org,
        clause=clause,
        applicable=False,
        justification_en="Guests never leave property with us.",
    )
    html = world.client("auditor").get(url("standard:scope")).content.decode()
    row = html.split('data-ref="4.4.7 b"')[1].split("</tr>")[0]
    assert 'data-status="excluded"' in row
    assert "Guests never leave property with us." in row
    assert world.users["admin"].display_name in row
    assert timezone.localdate().isoformat() in row


# -- dashboard ------------------------------------------------------------------------


def test_dashboard_filters_by_status_and_process(world, registry):
    conformity.check("4.3.2", id="t.fail", title="fails")(lambda o: CheckResult.failed("nope"))
    conformity.check("4.5.3", id="t.ok", title="passes")(lambda o: CheckResult.passed("fine"))
    client = world.client("viewer")

    everything = client.get(url("standard:dashboard")).content.decode()
    assert 'data-ref="4.3.2"' in everything and 'data-ref="4.5.3"' in everything

    bad = client.get(url("standard:dashboard") + "?status=nonconforming").content.decode()
    table = bad.split('data-testid="clause-table"')[1]
    assert re.findall(r'<tr data-ref="([^"]+)"', table) == ["4.3.2"]

    measurement = client.get(url("standard:dashboard") + "?process=measurement").content.decode()
    refs = re.findall(r'<tr data-ref="([^"]+)"', measurement)
    assert "4.5.3" in refs and "4.3.2" not in refs
    assert all(clause(r).process == "measurement" for r in refs)

    none = client.get(url("standard:dashboard") + "?status=nonconforming&process=measurement")
    assert 'data-testid="no-rows"' in none.content.decode()


def test_dashboard_htmx_filter_returns_the_table_only(world):
    response = world.client("viewer").get(
        url("standard:dashboard") + "?status=not_assessed", HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="clause-table">')
    assert "<html" not in html


def test_dashboard_ignores_unknown_filters(world):
    response = world.client("viewer").get(url("standard:dashboard") + "?status=nope&process=x")
    assert response.status_code == 200
    assert 'data-ref="4.2.5"' in response.content.decode()


def test_dashboard_process_cards_use_the_standards_words(world):
    client = world.client("viewer")
    client.post(reverse("core:language"), {"language": "zh-hans", "next": "/"})
    html = client.get(url("standard:dashboard")).content.decode()
    cards = html.split('data-testid="processes"')[1]
    for words in (
        "服务管理职责",
        "服务资源管理",
        "服务实现",
        "服务的测量、分析和改进",
        "服务管理体系文件",
    ):
        assert words in cards


def test_dashboard_empty_trend_and_taking_a_snapshot(world):
    client = world.client("quality")
    html = client.get(url("standard:dashboard")).content.decode()
    assert 'data-testid="trend-empty"' in html
    assert 'data-testid="take-snapshot"' in html
    response = client.post(url("standard:snapshot"))
    assert response.status_code == 302
    assert ConformitySnapshot.objects.filter(organization=world.org).count() == 1
    html = client.get(url("standard:dashboard")).content.decode()
    assert 'data-testid="trend-chart"' in html
    data = json.loads(
        html.split('<script id="conformity-trend" type="application/json">')[1].split("</script>")[
            0
        ]
    )
    assert data["dates"] == [timezone.localdate().isoformat()]
    assert {s["key"] for s in data["series"]} == {
        "conforming",
        "nonconforming",
        "not_assessed",
        "excluded",
    }
    assert "<script>" not in html  # no inline script (CSP)


@pytest.mark.parametrize("role", ["auditor", "viewer", "manager", "staff"])
def test_only_admins_and_quality_managers_take_snapshots(world, role):
    client = world.client(role)
    assert (
        'data-testid="take-snapshot"' not in client.get(url("standard:dashboard")).content.decode()
    )
    assert client.post(url("standard:snapshot")).status_code == 403
    assert not ConformitySnapshot.objects.exists()


def test_chart_uses_the_chinese_locale_on_chinese_pages(world):
    from fuwu.standard.services import snapshot_take

    snapshot_take(organization=world.org)
    client = world.client("viewer")
    assert 'data-locale="EN"' in client.get(url("standard:dashboard")).content.decode()
    client.post(reverse("core:language"), {"language": "zh-hans", "next": "/"})
    html = client.get(url("standard:dashboard")).content.decode()
    assert 'data-locale="ZH"' in html
    assert "langZH.js" in html and "conformity.js" in html


def test_dashboard_query_count_does_not_grow_with_assessments(world, registry):
    client = world.client("viewer")
    client.get(url("standard:dashboard"))  # warm caches (content types, sessions)
    refs = list(
        Clause.objects.filter(assessable=True, library__ref_id="SB/T 10382-2004")
        .order_by("order")
        .values_list("ref_id", flat=True)
    )

    def record(n: int) -> None:
        for i in range(n):
            Assessment.objects.create(
                organization=world.org,
                clause=clause(refs[i % len(refs)]),
                result=AssessmentResult.CONFORMING,
                assessed_by=world.users["auditor"],
                assessed_at=timezone.now(),
            )
            ConformitySnapshot.objects.create(
                organization=world.org,
                taken_on=timezone.localdate() - timedelta(days=Assessment.objects.count()),
                summary={"overall": {"conforming": i}, "score": i},
            )

    record(2)
    with CaptureQueriesContext(connection) as few:
        client.get(url("standard:dashboard"))
    record(60)
    Applicability.objects.create(
        organization=world.org,
        clause=clause("4.1.1.2"),
        applicable=False,
        justification_en="Rooms only, no products",
        decided_by=world.users["quality"],
        decided_at=timezone.now(),
    )
    with CaptureQueriesContext(connection) as many:
        client.get(url("standard:dashboard"))
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(few.captured_queries) <= 12


def test_export_buttons_for_members_who_may_export(world):
    assert 'data-testid="report-export"' in (
        world.client("auditor").get(url("standard:dashboard")).content.decode()
    )
    assert 'data-testid="report-export"' not in (
        world.client("staff").get(url("standard:dashboard")).content.decode()
    )


def test_navigation_lists_the_standards_pages(world):
    html = world.client("viewer").get(reverse("core:dashboard")).content.decode()
    for name in ("standard:dashboard", "standard:tree", "standard:scope", "standard:iso"):
        assert f'href="{url(name)}"' in html
    assert f'href="{url("standard:glossary")}"' in html


def test_record_links_are_urlencoded(world):
    assert quote("4.4.7 b") in url("standard:clause_applicability", "4.4.7 b")
