"""`POST /api/v1/public/evaluations/` answered ahead of Django's middleware and DRF,
for the submissions that arrive by the thousand (ADR 0033).

`with_fast_route(application)` wraps the WSGI application (fuwu/wsgi.py). A request
to exactly that path and method is answered here when it is the common case: a JSON
body of a valid submission with no low rating and no call-back, to a token whose
collection point this process read in the last POINT_CACHE_SECONDS, sent without
cookies. Everything else (another content type, a body that does not parse, anything
to refuse with a 400, an unknown or uncached token, a low rating and its follow-up, a
call-back, a cookie, a host not allowed, a database error) is passed on untouched to
Django, whose DRF view answers it as it always did. The decision is taken before
anything is counted or written, so the view sees the request as if this did not exist.

What is answered here is answered as the view would: 201 or 200 with the id, or 429
in the customer's language with Retry-After (the same per-address counter as the view
and the page), with the headers the middleware stack gives the view's responses (the
security headers, the content security policy, X-Request-ID, the language and Vary).
tests/measurement/test_fast_route.py holds the two side by side."""

from __future__ import annotations

import io
import json
import logging
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http.request import split_domain_port, validate_host
from django.utils import translation
from django.utils.translation import gettext as _

from fuwu.core.api.parsers import too_deep
from fuwu.core.context import request_id
from fuwu.core.middleware import SAFE_REQUEST_ID, ContentSecurityPolicyMiddleware

from .api.evaluations import submission_fields
from .services.collection import evaluation_prepare_plain, evaluation_store_plain, point_in_memory
from .throttles import SLOW_DOWN, EvaluationThrottle, evaluation_rate, hit

log = logging.getLogger(__name__)

PATH = "/api/v1/public/evaluations/"
JSON_TYPES = ("application/json", "application/json; charset=utf-8")
POLICY = ContentSecurityPolicyMiddleware.POLICY.format(extra="")
STATUS = {200: "200 OK", 201: "201 Created", 429: "429 Too Many Requests"}


class _Request:
    """What the throttle and the language choice read of a request: its META."""

    __slots__ = ("COOKIES", "META")

    def __init__(self, environ: dict[str, Any]) -> None:
        self.META = environ
        self.COOKIES: dict[str, str] = {}


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity: DRF's strict JSON refuses them too


_hosts: dict[str, bool] = {}


def _host_allowed(environ: dict[str, Any]) -> bool:
    """Whether Django's `request.get_host()` would accept this request's host."""
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        return False  # rare: Django decides
    host = environ.get("HTTP_HOST") or ""
    if not host:
        return False
    allowed = _hosts.get(host)
    if allowed is None:
        hosts = settings.ALLOWED_HOSTS
        if settings.DEBUG and not hosts:
            hosts = [".localhost", "127.0.0.1", "[::1]"]
        domain, _port = split_domain_port(host)
        allowed = bool(domain) and validate_host(domain, hosts)
        if len(_hosts) > 1000:
            _hosts.clear()
        _hosts[host] = allowed
    return allowed


def _secure(environ: dict[str, Any]) -> bool:
    """`request.is_secure()`."""
    header = settings.SECURE_PROXY_SSL_HEADER
    if header:
        name, value = header
        if name in environ:
            return environ[name].split(",", 1)[0].strip() == value
    return environ.get("wsgi.url_scheme") == "https"


def _taken_here(environ: dict[str, Any]) -> bool:
    """Whether this request may be answered here at all (before reading its body)."""
    if environ.get("HTTP_COOKIE"):  # a signed-in browser: its language, its session
        return False
    if environ.get("CONTENT_TYPE", "").lower() not in JSON_TYPES:
        return False
    try:
        size = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if size <= 0 or (limit is not None and size > limit):
        return False
    if settings.DISALLOWED_USER_AGENTS or settings.PREPEND_WWW:
        return False
    if settings.SECURE_SSL_REDIRECT and not _secure(environ):
        return False
    return _host_allowed(environ)


_static: dict[bool, list[tuple[str, str]]] = {}
_languages: dict[str, str] = {}


def _forget(**kwargs: Any) -> None:
    _static.clear()
    _hosts.clear()
    _languages.clear()


setting_changed.connect(_forget)  # tests change settings; servers never do


def _language(shim: _Request) -> str:
    """LocaleMiddleware's choice for a request without cookies: Accept-Language."""
    accept = shim.META.get("HTTP_ACCEPT_LANGUAGE", "")
    language = _languages.get(accept)
    if language is None:
        language = translation.get_language_from_request(shim)
        if len(_languages) > 1000:
            _languages.clear()
        _languages[accept] = language
    return language


def _security_headers(secure: bool) -> list[tuple[str, str]]:
    """What SecurityMiddleware, XFrameOptionsMiddleware and the content security policy
    add to the view's responses."""
    headers = [
        ("X-Frame-Options", settings.X_FRAME_OPTIONS.upper()),
        ("Content-Security-Policy", POLICY),
    ]
    if settings.SECURE_HSTS_SECONDS and secure:
        sts = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            sts += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            sts += "; preload"
        headers.append(("Strict-Transport-Security", sts))
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("X-Content-Type-Options", "nosniff"))
    policy = settings.SECURE_REFERRER_POLICY
    if policy:
        if isinstance(policy, str):
            policy = [v.strip() for v in policy.split(",")]
        headers.append(("Referrer-Policy", ",".join(policy)))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    return headers


def _headers(environ: dict[str, Any], rid: str, language: str, body: bytes) -> list:
    """The headers Fuwu's middleware stack gives the view's JSON responses."""
    secure = _secure(environ)
    static = _static.get(secure)
    if static is None:
        static = _static[secure] = _security_headers(secure)
    return [
        ("Content-Type", "application/json"),
        ("Allow", "POST, OPTIONS"),
        ("Content-Length", str(len(body))),
        ("Vary", "Accept-Language, Cookie"),
        ("Content-Language", language),
        ("X-Request-ID", rid),
        *static,
    ]


def _json(data: Any) -> bytes:
    """As DRF's JSONRenderer writes it (compact, UTF-8)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _answer(
    environ: dict[str, Any], start_response: Callable, body: bytes
) -> Iterable[bytes] | None:
    """The response to a submission taken here, or None to pass it on to Django."""
    try:
        data = json.loads(body.decode("utf-8"), parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return None  # DRF says what is wrong with it
    if too_deep(data):
        return None
    fields, errors = submission_fields(data)
    if errors:
        return None
    point = point_in_memory(fields.pop("token"))
    if point is None or point.instrument.current_version_id is None:
        return None
    prepared = evaluation_prepare_plain(point=point, **fields)
    if prepared is None:
        return None
    shim = _Request(environ)
    language = _language(shim)
    incoming = environ.get("HTTP_X_REQUEST_ID", "")
    rid = incoming if SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
    token = request_id.set(rid)
    try:
        allowed, retry_after = hit(shim, EvaluationThrottle.scope, evaluation_rate())
        if not allowed:
            with translation.override(language):
                status, payload = 429, _json({"detail": _(SLOW_DOWN)})
            extra = [("Retry-After", str(retry_after))]
        else:
            try:
                pk, created = evaluation_store_plain(prepared)
            except DatabaseError:
                log.warning("fast route: database error, passed on", exc_info=True)
                return None  # Django answers (503 when it cannot reach the database)
            status, payload, extra = (201 if created else 200), _json({"id": pk}), []
    finally:
        request_id.reset(token)
    start_response(STATUS[status], _headers(environ, rid, language, payload) + extra)
    return [payload]


def with_fast_route(application: WSGIHandler) -> Callable:
    """`application` with the public submission's common case answered first."""

    def fast(environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        if (
            environ.get("PATH_INFO") != PATH
            or environ.get("REQUEST_METHOD") != "POST"
            or not _taken_here(environ)
        ):
            return application(environ, start_response)
        body = environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"]))
        # What Django's request_started does for the database: drop a connection past
        # CONN_MAX_AGE or left broken, and check the next one (services: _prepared).
        database = connections[DEFAULT_DB_ALIAS]
        if not database.in_atomic_block:  # (a test's transaction: leave it be)
            database.close_if_unusable_or_obsolete()
        try:
            answered = _answer(environ, start_response, body)
        except Exception:  # a fault here must not cost the customer their evaluation
            log.exception("fast route failed; passed on to Django")
            answered = None
        if answered is not None:
            return answered
        environ["wsgi.input"] = io.BytesIO(body)
        return application(environ, start_response)

    return fast
