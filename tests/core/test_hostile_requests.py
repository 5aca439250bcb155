"""Requests built to crash the server answer 4xx, on every route, now and for new apps.

Each test walks what the project declares (every URL pattern, every API operation of
the OpenAPI schema, every FilterSet of the registers and the API) with the demo's
data, so a route or a filter added later is probed without anyone listing it here."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import django_filters as df
import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter
from drf_spectacular.generators import SchemaGenerator

from fuwu.core.filtersets import FilterSet
from fuwu.core.ids import MAX_ID, parse_id
from fuwu.core.models import User
from fuwu.core.registers import REGISTRY

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # past a 64-bit integer: SQLite's OverflowError
HOSTILE_NUMBERS = [HUGE, f"-{HUGE}", "²", "1e400", "9" * 5000]
DEEP_JSON = "[" * 100_000 + "]" * 100_000


@pytest.fixture(scope="module", autouse=True)
def demo(demo_scene, django_db_blocker) -> Iterator[None]:
    """The demo's two organizations, seeded once for the module and rolled back after."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def client() -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="demo"))
    return client


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    """(path template, method, operation) of every API operation."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (path, method.upper(), operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    ]


def fill(template: str, value: str) -> str:
    return re.sub(r"\{[^}]+\}", value, template)


def page_patterns(
    resolver: URLResolver | None = None, prefix: str = ""
) -> Iterator[tuple[str, dict]]:
    """Every path() pattern of the pages (the API is walked through its schema),
    with its converters."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = str(entry.pattern)
        if prefix + route in ("admin/", "api/v1/"):  # Django's admin; the API: below
            continue
        if isinstance(entry, URLResolver):
            yield from page_patterns(entry, prefix + route)
        elif isinstance(entry, URLPattern) and hasattr(entry.pattern, "converters"):
            yield prefix + route, entry.pattern.converters


def crashes(response) -> bool:
    return response.status_code >= 500


def crashing_filters(client: Client, url: str, names: list[str]) -> list[str]:
    """Each hostile number in every filter of `url` at once (each filter is validated on
    its own, so one request tries them all); a crash is narrowed to the filter."""
    failed = []
    for value in HOSTILE_NUMBERS:
        if not names or not crashes(client.get(url, dict.fromkeys(names, value))):
            continue
        alone = [name for name in names if crashes(client.get(url, {name: value}))]
        failed += [f"{url}?{name}={value[:24]}" for name in alone] or [
            f"{url} with every filter ={value[:24]}"
        ]
    return failed


# -- ids ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [("12", 12), (12, 12), (str(MAX_ID), MAX_ID), (str(MAX_ID + 1), None), (HUGE, None),
     ("0", None), ("-1", None), ("²", None), ("١٢", None), (" 1", None), ("1.0", None),
     ("", None), (None, None), (True, None), ([1], None)],
)  # fmt: skip
def test_an_id_is_ascii_digits_within_the_databases_range(value, expected):
    assert parse_id(value) == expected


def test_every_page_route_with_a_huge_id_is_not_found(client):
    """/sites/99999999999999999999/ and every other path with a number: 404, never 500."""
    failed = []
    for route, converters in page_patterns():
        if not any(isinstance(c, IntConverter) for c in converters.values()):
            continue
        url = "/" + re.sub(
            r"<(?:(\w+):)?(\w+)>",
            lambda m: HUGE if m.group(1) == "int" else "x",
            route,
        )
        for method in (client.get, client.post):
            response = method(url)
            if crashes(response):
                failed.append(f"{method.__name__.upper()} {url}: {response.status_code}")
    assert not failed


def test_every_api_route_with_a_huge_id_is_not_found(client):
    failed = []
    for path, method, _operation in operations():
        if "{" not in path or method not in ("GET", "DELETE"):
            continue
        url = fill(path, HUGE)
        response = client.generic(method, url)
        if crashes(response):
            failed.append(f"{method} {url}: {response.status_code}")
    assert not failed


# -- filters -------------------------------------------------------------------------


def test_every_filterset_derives_from_the_core_one():
    """So that every number filter is bounded (and new apps inherit the bound)."""
    filtersets = {register.filterset for register in REGISTRY.values()}
    filtersets |= {getattr(view, "filterset_class", None) for view in _api_views()} - {None}
    assert filtersets
    strays = [f.__qualname__ for f in filtersets if not issubclass(f, FilterSet)]
    assert not strays


def _api_views() -> Iterator[type]:
    def walk(resolver: URLResolver) -> Iterator[type]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry)
            else:
                view = getattr(entry.callback, "cls", None)
                if view is not None:
                    yield view

    yield from walk(get_resolver())


def test_out_of_range_numbers_in_any_api_filter_answer_400_or_nothing(client):
    """?site=99999999999999999999 on documents, ?characteristic= on indicators,
    ?organization= on assessments... every query parameter of every list."""
    failed = []
    for path, method, operation in operations():
        if method != "GET" or "{" in path:
            continue
        names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
        failed += crashing_filters(client, path, names)
    assert not failed


def test_the_documents_api_answers_an_empty_list_for_a_site_out_of_range(client):
    response = client.get("/api/v1/documents/", {"site": HUGE})
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_the_indicators_api_refuses_a_characteristic_out_of_range(client):
    response = client.get("/api/v1/indicators/", {"characteristic": HUGE})
    assert response.status_code == 400
    assert "characteristic" in response.json()


def test_out_of_range_numbers_in_any_register_filter_are_ignored(client):
    """The register pages share the FilterSets: /documents/?site=999... and the rest."""
    failed = []
    for register in REGISTRY.values():
        url = register.url("list")
        failed += crashing_filters(client, url, list(register.filterset.base_filters))
    assert not failed


def test_a_number_filter_of_a_new_app_is_bounded_too():
    class Later(FilterSet):
        amount = df.NumberFilter(field_name="pk")

        class Meta:
            model = User
            fields: list[str] = []

    filterset = Later(data={"amount": HUGE}, queryset=User.objects.all())
    assert not filterset.is_valid()
    assert "amount" in filterset.errors


# -- JSON bodies ---------------------------------------------------------------------


def test_deeply_nested_json_to_every_api_write_answers_400(client):
    failed = []
    for path, method, _operation in operations():
        if method not in ("POST", "PUT", "PATCH"):
            continue
        url = fill(path, "1")
        response = client.generic(method, url, DEEP_JSON, content_type="application/json")
        if crashes(response):
            failed.append(f"{method} {url}: {response.status_code}")
    assert not failed


def test_deeply_nested_json_gets_a_message_in_the_readers_language(client):
    response = client.post("/api/v1/sites/", DEEP_JSON, content_type="application/json")
    assert response.status_code == 400
    assert "32" in response.json()["detail"]
    chinese = client.post(
        "/api/v1/sites/",
        "[" * 40 + "]" * 40,  # within what the decoder reads
        content_type="application/json",
        headers={"accept-language": "zh-hans"},
    )
    assert chinese.status_code == 400
    assert "32" in chinese.json()["detail"]
    assert re.search(r"[\u4e00-\u9fff]", chinese.json()["detail"])


def test_json_nested_a_little_is_read_as_before(client):
    response = client.post(
        "/api/v1/sites/",
        json.dumps({"code": "DEEP1", "name_en": "Nested", "extra": [[[[1]]]]}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content


# -- the log -------------------------------------------------------------------------


def test_a_refused_request_logs_one_line_without_a_traceback(client):
    """403, 404 and 400 (a bad body, a Host header not ours: django.security) answered on
    purpose are not errors of the server: the log
    (the console handler of settings.LOGGING) gets one line for each."""
    console = next(h for h in logging.getLogger().handlers if h.name == "console")
    viewer = Client(raise_request_exception=False)
    viewer.force_login(User.objects.get(username="viewer"))
    log = io.StringIO()
    # Not setStream(): it flushes the old stream, which an earlier test's captured stderr
    # (tests/core/test_cli.py runs commands in-process) may have left closed.
    before, console.stream = console.stream, log
    try:
        answers = [
            viewer.get("/sites/add/").status_code,  # a page the role may not use
            viewer.post("/api/v1/sites/", {"code": "V1", "name_en": "V"}).status_code,
            client.get(f"/sites/{HUGE}/").status_code,
            client.post("/api/v1/sites/", DEEP_JSON, content_type="application/json").status_code,
            Client().get("/", headers={"host": "elsewhere.invalid"}).status_code,  # not ours
        ]
    finally:
        console.stream = before
    assert answers == [403, 403, 404, 400, 400]
    lines = log.getvalue().splitlines()
    assert "Traceback" not in log.getvalue()
    assert len(lines) == 5, lines
    assert "Forbidden (Permission denied): /sites/add/" in lines[0]
