"""/healthz, and what people see while the database cannot be reached.

The outage is simulated by making `connection.cursor()` raise, as a database
server that is down or unreachable does; nothing of Fuwu itself is replaced."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from fuwu.core import services
from fuwu.core.models import Site

pytestmark = pytest.mark.django_db

OUTAGES = [
    OperationalError('connection to server at "db" (10.0.0.5), port 5432 failed'),
    InterfaceError("connection already closed"),
]


def database_down(error: Exception = OUTAGES[0]):
    def cursor(*args, **kwargs):
        raise error

    return mock.patch.object(connection, "cursor", cursor)


def client_for(world, username: str | None = None) -> Client:
    # Like a real server: an error becomes a response, it is not re-raised to the test.
    client = Client(raise_request_exception=False)
    if username:
        client.force_login(world.users[username])
    return client


def assert_unavailable_page(response) -> None:
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert 'data-testid="unavailable"' in body
    assert "Fuwu cannot reach its database right now." in body
    assert "tabler" in body  # the styled page, not a bare error
    assert "Traceback" not in body and "OperationalError" not in body
    assert "10.0.0.5" not in body  # no server details leak


def test_healthz_answers_ok(world):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "version": settings.VERSION}
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Request-ID"]


def test_healthz_needs_no_login_and_ignores_the_session(world):
    response = client_for(world, "viewer").get("/healthz")
    assert response.status_code == 200 and response.json()["database"] == "ok"


@pytest.mark.parametrize("error", OUTAGES, ids=["operational", "interface"])
def test_healthz_reports_a_database_outage(world, error):
    with database_down(error):
        response = client_for(world).get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "status": "error",
        "database": "error",
        "version": settings.VERSION,
    }
    # And it recovers as soon as the database is back.
    assert Client().get("/healthz").status_code == 200


@pytest.mark.parametrize("error", OUTAGES, ids=["operational", "interface"])
def test_a_page_of_a_logged_in_user_answers_a_styled_503(world, error):
    client = client_for(world, "admin")
    with database_down(error):
        response = client.get("/")
    assert_unavailable_page(response)
    assert response["X-Request-ID"]
    assert client.get("/").status_code == 200  # back again


@pytest.mark.parametrize("url", ["/sites/", "/members/", "/audit/"])
def test_register_pages_answer_a_styled_503(world, url):
    client = client_for(world, "admin")
    with database_down():
        response = client.get(url)
    assert_unavailable_page(response)


def test_logging_in_answers_a_styled_503(world):
    client = client_for(world)
    assert client.get("/login/").status_code == 200  # the form itself needs no database
    with database_down():
        response = client.post("/login/", {"username": "admin", "password": "pw"})
    assert_unavailable_page(response)


def test_a_form_post_during_an_outage_answers_503_and_writes_nothing(world):
    client = client_for(world, "admin")
    with database_down():
        response = client.post("/sites/add/", {"code": "OUT1", "name_en": "Outage"})
    assert_unavailable_page(response)
    assert not Site.objects.filter(code="OUT1").exists()


@pytest.mark.parametrize("error", OUTAGES, ids=["operational", "interface"])
def test_api_answers_json_503_with_a_session(world, error):
    client = client_for(world, "admin")
    with database_down(error):
        response = client.get("/api/v1/sites/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "The database cannot be reached. Try again shortly."}


def test_api_answers_json_503_with_a_token(world):
    _token, key = services.api_token_create(user=world.users["admin"])
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get("/api/v1/sites/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 503
    assert response.json()["detail"] == "The database cannot be reached. Try again shortly."


def test_the_503_page_speaks_chinese(world):
    client = client_for(world, "admin")
    with database_down():
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 503
    body = response.content.decode()
    assert 'data-testid="unavailable"' in body
    assert "无法连接数据库" in body
    assert "Traceback" not in body


def test_the_api_503_speaks_chinese(world):
    client = client_for(world, "admin")
    with database_down():
        response = client.get("/api/v1/sites/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 503
    assert "无法连接数据库" in response.json()["detail"]


def test_a_request_id_is_kept_or_replaced(world):
    client = Client()
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234.abc")["X-Request-ID"] == "lb-1234.abc"
    unsafe = client.get("/healthz", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert unsafe["X-Request-ID"] != "<script>alert(1)</script>"
    assert len(unsafe["X-Request-ID"]) == 32
    first, second = client.get("/healthz"), client.get("/healthz")
    assert first["X-Request-ID"] != second["X-Request-ID"]
