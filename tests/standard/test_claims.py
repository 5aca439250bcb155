"""What Fuwu does for a clause: the library's `fuwu` claims, validated, and shown on the clause
page and in the API only while the app that provides them is installed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fuwu.standard import claims
from fuwu.standard.library import FUWU_APPS, library_path, load_library

from .test_library import VALID, errors_of, line_of, mutate

NOT_YET_EN = "Fuwu does not support this yet"
NOT_YET_ZH = "Fuwu尚不支持此项"
REVIEW_CLAIM = "assembles the review inputs from live data"

CLAIMS = """\
    fuwu:
      - app: design
        en: Fuwu keeps the service record.
        zh: Fuwu保存服务记录。
      - app: [operations, improvement]
        en: A late service opens a nonconformity.
        zh: 服务延误即登记不合格。
"""
WITH_CLAIMS = mutate(VALID, "      - 服务记录\n", "      - 服务记录\n" + CLAIMS)


# -- the library validator -------------------------------------------------------------


def test_the_validator_accepts_claims_with_one_app_or_several() -> None:
    node = load_library(WITH_CLAIMS).node("4.1")
    assert [(c.apps, c.en, c.zh) for c in node.fuwu] == [
        (("design",), "Fuwu keeps the service record.", "Fuwu保存服务记录。"),
        (
            ("operations", "improvement"),
            "A late service opens a nonconformity.",
            "服务延误即登记不合格。",
        ),
    ]


REFUSED = {
    "unknown app": ("app: design", "app: desing", "app: desing", "app 'desing' is not a Fuwu app"),
    "unknown app in a list": (
        "[operations, improvement]",
        "[operations, improvment]",
        "improvment",
        "app 'improvment' is not a Fuwu app",
    ),
    "claim without chinese": (
        "        zh: Fuwu保存服务记录。\n",
        "",
        "      - app: design",
        "claim: missing required field 'zh'",
    ),
    "chinese claim in english": (
        "zh: Fuwu保存服务记录。",
        "zh: Fuwu keeps it.",
        "zh: Fuwu keeps it.",
        "'zh' must be written in Chinese",
    ),
    "unknown claim key": ("en: Fuwu keeps", "text: Fuwu keeps", "text: Fuwu", "unknown key 'text'"),
    "empty app list": ("[operations, improvement]", "[]", "app: []", "'app' must be an app label"),
    "claims not a list": (
        CLAIMS,
        "    fuwu: design\n",
        "fuwu: design",
        "'fuwu' must be a non-empty",
    ),
    "guidance that names fuwu": (
        "    fuwu:\n",
        "    guidance_en: Fuwu checks it for you.\n    guidance_zh: Fuwu替你检查。\n    fuwu:\n",
        "guidance_en: Fuwu",
        "'guidance_en' says what Fuwu does: put that in 'fuwu'",
    ),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_the_validator_refuses_bad_claims(case: str) -> None:
    old, new, marker, words = REFUSED[case]
    text = mutate(WITH_CLAIMS, old, new)
    errors = errors_of(text)
    line = line_of(text, marker)
    assert any(e.startswith(f"line {line}: ") and words in e for e in errors), (line, errors)


def test_packaged_guidance_says_what_auditors_look_for_and_claims_name_their_apps() -> None:
    sbt = load_library(library_path("sbt-10382-2004"))
    assert not [n.ref_id for n in sbt.nodes if "Fuwu" in n.guidance_en + n.guidance_zh]
    apps = {app for node in sbt.nodes for claim in node.fuwu for app in claim.apps}
    assert {"standard", "documents", "design", "leadership", "operations"} <= apps
    assert apps <= set(FUWU_APPS)
    review = sbt.node("4.2.5").fuwu
    assert [c.apps for c in review] == [("leadership",)] and REVIEW_CLAIM in review[0].en


# -- the clause page and the API ---------------------------------------------------------


@pytest.fixture
def with_leadership(monkeypatch):
    """As if the leadership app were installed (the registry is what decides, not the library)."""
    present = claims.installed_apps() | {"leadership"}
    monkeypatch.setattr(claims, "installed_apps", lambda: present)


def page(world, ref: str, language: str = "en", view: str = "") -> str:
    client = world.client("viewer")
    url = reverse("standard:clause", args=[ref]) + (f"?view={view}" if view else "")
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.mark.django_db
def test_the_review_page_says_fuwu_does_not_support_it_yet(world):
    assert "leadership" not in claims.installed_apps()
    html = page(world, "4.2.5")
    assert 'data-testid="in-fuwu"' in html and NOT_YET_EN in html
    assert REVIEW_CLAIM not in html
    assert "Auditors look for reviews at the planned interval" in html  # the guidance stays
    zh = page(world, "4.2.5", "zh-hans")
    assert NOT_YET_ZH in zh and "根据实时数据汇集评审输入" not in zh


@pytest.mark.django_db
def test_the_review_claim_turns_on_when_the_leadership_app_is_installed(world, with_leadership):
    html = page(world, "4.2.5", view="both")
    assert REVIEW_CLAIM in html and "根据实时数据汇集评审输入" in html
    assert NOT_YET_EN not in html


@pytest.mark.django_db
def test_the_service_design_pages_show_what_the_design_app_does_today(world):
    html = page(world, "4.4.3")
    assert "Fuwu designs the service contact point by contact point" in html
    assert NOT_YET_EN not in html
    zh = page(world, "4.4.3", "zh-hans")
    assert "Fuwu按接触点进行服务设计" in zh
    # A clause with claims of several apps shows those of the apps installed.
    control = page(world, "4.4.3.4")
    assert "inspection items lack a method" in control
    assert "becomes a scheduled inspection" in control and NOT_YET_EN not in control


@pytest.mark.django_db
def test_a_claim_of_an_app_still_to_come_stays_silent(world):
    # Inspections and customer evaluations are measurement's; the analyses that weight
    # the later moments of the contact process are still to come.
    html = page(world, "4.5.1")
    assert "Fuwu records staff inspections and mystery-shopper visits." in html
    assert "collects customer evaluations" in html
    assert "analyses weight the dominant" not in page(world, "4.5.3")


@pytest.mark.django_db
def test_a_claim_needing_two_apps_waits_for_both(world, monkeypatch):
    present = claims.installed_apps() - {"measurement", "improvement"}
    monkeypatch.setattr(claims, "installed_apps", lambda: present | {"measurement"})
    html = page(world, "4.4.3.4")
    assert "becomes a scheduled inspection" in html
    assert "A failed inspection opens a nonconformity" not in html
    monkeypatch.setattr(claims, "installed_apps", lambda: present | {"measurement", "improvement"})
    assert "A failed inspection opens a nonconformity" in page(world, "4.4.3.4")


@pytest.mark.django_db
def test_a_clause_without_claims_has_no_in_fuwu_card(world):
    assert 'data-testid="in-fuwu"' not in page(world, "4.2.6")


@pytest.mark.django_db
def test_the_api_gives_the_live_claims_or_the_not_yet_line(world, monkeypatch):
    client = world.client("viewer")
    body = client.get("/api/v1/clauses/4.2.5/").json()
    assert body["fuwu_apps"] == [] and body["fuwu_en"].startswith(NOT_YET_EN)
    assert body["fuwu_zh"].startswith(NOT_YET_ZH)
    assert "fuwu" not in body  # never the raw claims, which promise what is not installed
    design = client.get("/api/v1/clauses/4.4.1/").json()
    assert design["fuwu_apps"] == ["design"] and "service blueprint" in design["fuwu_en"]
    assert "服务蓝图" in design["fuwu_zh"]
    assert client.get("/api/v1/clauses/4.2.6/").json()["fuwu_en"] == ""
    present = claims.installed_apps() | {"leadership"}
    monkeypatch.setattr(claims, "installed_apps", lambda: present)
    body = client.get("/api/v1/clauses/4.2.5/").json()
    assert body["fuwu_apps"] == ["leadership"] and REVIEW_CLAIM in body["fuwu_en"]
