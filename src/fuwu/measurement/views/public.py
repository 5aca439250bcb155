"""The customer's page at a collection point, `/e/<token>/`: no login, no
JavaScript needed (a plain form post), one small HTML page with inline CSS.

The form carries no CSRF token: it acts on no session or account, and the
submission id makes a replay count once. Posts are rate-limited per IP."""

from __future__ import annotations

import base64
import hashlib
import secrets
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from fuwu.core.middleware import ContentSecurityPolicyMiddleware

from ..models import LOW_RATING, CollectionPoint, QuestionType
from ..services.call_backs import consent_texts
from ..services.collection import LANGUAGES, SubmissionInvalid, evaluation_submit, point_for_token
from ..throttles import SLOW_DOWN, EvaluationThrottle, evaluation_rate, hit

# Progressive enhancement, inline (the page makes no other request): the follow-up
# question stays hidden until a rating is low, the call-back contact until consent
# is ticked. Without JavaScript everything shows and the form works the same. The
# page's CSP allows this script alone, by its hash.
SCRIPT = (
    "(function(){var f=document.getElementById('ev');if(!f||!f.querySelectorAll)return;"
    "function low(){var l=false;f.querySelectorAll('input[data-r]:checked').forEach("
    "function(i){if(+i.value<=LOW)l=true});f.querySelectorAll('.follow').forEach("
    "function(e){var t=e.querySelector('textarea');e.hidden=!l&&!(t&&t.value)})}"
    "function cb(){var c=document.getElementById('cb-consent'),d=document.getElementById("
    "'cb-contact');if(c&&d)d.hidden=!c.checked&&!d.querySelector('input').value}"
    "f.addEventListener('change',function(){low();cb()});low();cb()})();"
).replace("LOW", str(LOW_RATING))
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
POLICY = ContentSecurityPolicyMiddleware.POLICY.format(extra=f" '{SCRIPT_HASH}'")

__all__ = ["SLOW_DOWN", "evaluation_page"]


def _language(request: HttpRequest) -> str:
    """The language asked for by the switch, else the browser's (Accept-Language)."""
    asked = request.GET.get("lang") or request.POST.get("language") or ""
    if asked in LANGUAGES:
        return asked
    return "zh-hans" if (request.LANGUAGE_CODE or "").startswith("zh") else "en"


def _rows(
    point: CollectionPoint, values: dict[str, str], errors: dict[str, str]
) -> list[dict[str, Any]]:
    version = point.instrument.current_version
    questions = version.questions.select_related("characteristic") if version else []
    rows = []
    for question in questions:
        key = str(question.pk)
        if question.type in (QuestionType.CHOICE, QuestionType.KANO):
            choices = list(enumerate(question.options(translation.get_language() or "en")))
        elif question.type == QuestionType.YES_NO:
            choices = [(1, translation.gettext("Yes")), (0, translation.gettext("No"))]
        elif question.scale:
            low, high = question.scale
            # A rating's faces are drawn by the template (SVG symbols, so no emoji font is needed).
            choices = [(n, "") for n in range(low, high + 1)]
        else:
            choices = []
        rows.append(
            {
                "question": question,
                "key": key,
                "choices": choices,
                "value": values.get(key, ""),
                "error": errors.get(key, ""),
            }
        )
    return rows


# Shown beside their field; any other error is said at the top of the page.
BESIDE = ("comment", "call_back")


def _general(errors: dict[str, str], rows: list[dict[str, Any]]) -> tuple[bool, list[str]]:
    """Whether some error is marked beside a field, and what the top of the page must
    say itself: an error no field shows (a guest would find nothing marked below)."""
    keys = {row["key"] for row in rows}
    marked = any(key in keys or key in BESIDE for key in errors)
    general: list[str] = []
    for key, message in errors.items():
        if key in keys or key in BESIDE:
            continue
        if key.isdigit():
            # An answer to a question the form no longer asks: it was changed meanwhile.
            message = translation.gettext(
                "The form has changed since you opened it. Please check your answers "
                "and send them again."
            )
        if message not in general:
            general.append(message)
    return marked, general


@csrf_exempt
@never_cache
def evaluation_page(request: HttpRequest, token: str) -> HttpResponse:
    point = point_for_token(token)
    language = _language(request)
    with translation.override(language):
        if point is None or point.instrument.current_version_id is None:
            return render(
                request, "measurement/public/unknown.html", {"language": language}, status=404
            )
        status = 200
        errors: dict[str, str] = {}
        values: dict[str, str] = {}
        submission_id = secrets.token_urlsafe(16)
        if request.method == "POST":
            # The same counter as the public API's throttle (measurement/throttles.py).
            allowed, retry_after = hit(request, EvaluationThrottle.scope, evaluation_rate())
            if not allowed:
                slow = render(
                    request, "measurement/public/slow_down.html", {"language": language}, status=429
                )
                slow["Retry-After"] = str(retry_after)
                return slow
            values = {k: v for k, v in request.POST.items() if k.isdigit()}
            submission_id = request.POST.get("submission_id", "")
            try:
                evaluation_submit(
                    point=point,
                    submission_id=submission_id,
                    answers=values,
                    language=language,
                    comment=request.POST.get("comment", ""),
                    visit_id=request.POST.get("visit_id", ""),
                    channel="link" if request.POST.get("channel") == "link" else "qr",
                    call_back={
                        "consent": request.POST.get("call_back_consent", ""),
                        "contact": request.POST.get("call_back_contact", ""),
                    },
                )
            except SubmissionInvalid as invalid:
                errors, status = invalid.errors, 400
            else:
                return render(
                    request,
                    "measurement/public/thanks.html",
                    {"point": point, "language": language},
                )
        rows = _rows(point, values, errors)
        marked, general = _general(errors, rows)
        response = render(
            request,
            "measurement/public/form.html",
            {
                "point": point,
                "rows": rows,
                "errors": errors,
                "marked": marked,
                "general": general,
                "submission_id": submission_id,
                "language": language,
                "comment": request.POST.get("comment", ""),
                "call_back": point.instrument.offer_call_back,
                "consent_text": consent_texts(language)[1],
                "consented": bool(request.POST.get("call_back_consent")),
                "contact": request.POST.get("call_back_contact", ""),
                "script": mark_safe(SCRIPT),  # a constant: no input of anyone's in it
            },
            status=status,
        )
        response["Content-Language"] = language
        response["Content-Security-Policy"] = POLICY
        return response
