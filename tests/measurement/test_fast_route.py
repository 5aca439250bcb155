"""The public submission's fast route (measurement/fast_route.py, ADR 0033) answers
exactly as the DRF view does: the same statuses, bodies and headers, the same
idempotency and throttle, and everything it does not take is the view's answer."""

from __future__ import annotations

import io
import json

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler

from fuwu.measurement import services
from fuwu.measurement.fast_route import with_fast_route
from fuwu.measurement.models import Evaluation, QuestionType
from fuwu.measurement.services.collection import _POINTS, point_for_token

pytestmark = pytest.mark.django_db
PATH = "/api/v1/public/evaluations/"


@pytest.fixture(autouse=True)
def connection_kept():
    """As Django's test client does: the test's transaction keeps its connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def collection(world, point):
    cache.clear()
    _POINTS.clear()
    made = services.collection_point_create(
        actor=world.users["quality"],
        organization=world.org,
        site=world.sites[0],
        contact_point=point,
    )
    point_for_token(made.token, cached=True)  # as the first submission of a process does
    return made


def call(app, body, *, content_type="application/json", **extra):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": PATH,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(data)),
        "wsgi.input": io.BytesIO(data),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "10.0.0.7",
    } | extra
    answered = {}

    def start_response(status, headers, exc_info=None):
        answered["status"], answered["headers"] = status, headers

    content = b"".join(app(environ, start_response))
    headers = {k.lower(): v for k, v in answered["headers"]}
    headers.pop("x-request-id")
    return int(answered["status"][:3]), headers, content


def ratings(collection):
    return [
        str(q.pk)
        for q in collection.instrument.current_version.questions.all()
        if q.type == QuestionType.RATING
    ]


def test_a_plain_submission_is_answered_as_the_view_answers_it(collection, monkeypatch):
    django = WSGIHandler()
    fast = with_fast_route(django)
    taken = []
    from fuwu.measurement import fast_route

    real = fast_route.evaluation_store_plain
    monkeypatch.setattr(fast_route, "evaluation_store_plain", lambda p: taken.append(1) or real(p))
    q = ratings(collection)[0]
    body = {"token": collection.token, "submission_id": "fast-route-01", "answers": {q: 4}}
    status, headers, content = call(fast, body, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert taken and status == 201
    stored = Evaluation.objects.get()
    assert json.loads(content) == {"id": stored.pk} and stored.language == "en"
    # The view, for another submission: the same headers, the same shape.
    slow = call(django, body | {"submission_id": "fast-route-02"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert slow[0] == 201
    del headers["content-length"], slow[1]["content-length"]
    assert headers == slow[1] and headers["content-language"] == "zh-hans"
    # The same id again: 200 with the same id, from both.
    again = call(fast, body)
    assert again[0] == 200 and json.loads(again[2]) == {"id": stored.pk}
    assert call(django, body)[2] == again[2]
    assert Evaluation.objects.count() == 2


def test_the_row_is_the_one_the_service_writes(collection):
    from fuwu.measurement.digests import stored_digests

    q = ratings(collection)[0]
    body = {
        "token": collection.token,
        "submission_id": "fast-route-digest",
        "answers": {q: 5},
        "comment": "  Quick  ",
        "visit_id": "v-1",
        "language": "zh-hans",
        "channel": "kiosk",
    }
    assert call(with_fast_route(WSGIHandler()), body)[0] == 201
    row = Evaluation.objects.get()
    assert (row.comment, row.visit_id, row.language, row.channel, row.low) == (
        "Quick",
        "v-1",
        "zh-hans",
        "kiosk",
        False,
    )
    assert stored_digests(Evaluation.objects, [row.pk])[row.pk] == row.digest


@pytest.mark.parametrize(
    "change",
    [
        {"answers": {"0": 3}},  # not on the form: 400 per question
        {"submission_id": "x"},  # 400
        {"token": "unknown-token"},  # 400
        {"comment": "bad\x00"},  # a control character: 400, never a 500
        {"answers": "nope"},  # 400 per field
    ],
)
def test_what_is_refused_is_the_views_refusal(collection, change):
    q = ratings(collection)[0]
    body = {"token": collection.token, "submission_id": "fast-route-bad", "answers": {q: 3}}
    body |= change
    fast = call(with_fast_route(WSGIHandler()), body)
    cache.clear()
    slow = call(WSGIHandler(), body)
    assert fast[0] == slow[0] == 400
    assert fast[2] == slow[2]
    assert not Evaluation.objects.exists()


def test_a_low_rating_goes_through_the_service_and_opens_its_follow_up(collection, monkeypatch):
    q = ratings(collection)[0]
    body = {"token": collection.token, "submission_id": "fast-route-low", "answers": {q: 1}}
    status, _headers, _content = call(with_fast_route(WSGIHandler()), body)
    stored = Evaluation.objects.get()
    assert status == 201 and stored.low and stored.nonconformity_id is not None


def test_other_bodies_and_cookies_are_the_views(collection):
    q = ratings(collection)[0]
    body = {"token": collection.token, "submission_id": "fast-route-other", "answers": {q: 4}}
    fast = with_fast_route(WSGIHandler())
    assert call(fast, b"{not json")[0] == 400  # DRF's parse error
    assert call(fast, b"[" * 100 + b"]" * 100)[0] == 400  # too deep
    assert call(fast, body, content_type="text/plain")[0] == 415
    assert call(fast, body, HTTP_COOKIE="django_language=zh-hans")[0] == 201
    assert call(fast, body, HTTP_HOST="evil.example")[0] == 400


def test_the_fast_route_and_the_view_share_one_throttle(collection, settings):
    settings.FUWU_EVALUATION_RATE = 2
    q = ratings(collection)[0]
    fast = with_fast_route(WSGIHandler())
    django = WSGIHandler()

    def body(n):
        return {"token": collection.token, "submission_id": f"fast-throttle-{n}", "answers": {q: 4}}

    assert call(fast, body(1))[0] == 201
    assert call(django, body(2))[0] == 201
    slow = call(fast, body(3), HTTP_ACCEPT_LANGUAGE="zh-hans")
    view = call(django, body(4), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert slow[0] == view[0] == 429
    assert slow[2] == view[2] and json.loads(slow[2])["detail"].startswith("刚才从此网络")
    for answer in (slow, view):
        answer[1].pop("retry-after")
        answer[1].pop("content-length")
    assert slow[1] == view[1]
    assert Evaluation.objects.count() == 2


def test_hsts_is_sent_as_the_middleware_sends_it(collection, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    q = ratings(collection)[0]
    fast = call(
        with_fast_route(WSGIHandler()),
        {"token": collection.token, "submission_id": "fast-hsts-1", "answers": {q: 4}},
        HTTP_X_FORWARDED_PROTO="https",
    )
    view = call(
        WSGIHandler(),
        {"token": collection.token, "submission_id": "fast-hsts-2", "answers": {q: 4}},
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert fast[1]["strict-transport-security"] == view[1]["strict-transport-security"]
