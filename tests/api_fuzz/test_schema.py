"""A schema-driven fuzz run over the whole API: every operation of the OpenAPI
schema (/api/schema/), called through the WSGI app with the demo's data and the
token of the demo's administrator, with values generated from the schema (valid
and invalid ones). It fails on any answer 5xx.

    pytest tests/api_fuzz --dist load     (about a minute and a half on two cores)

A generated id in the path is replaced by the id of a real record (found through
the list above it), so that detail operations reach the demo's records rather than
404 almost always; ids that no record has are probed by tests/core/test_hostile_requests.py.

Bounded and deterministic by default: FUWU_FUZZ_EXAMPLES (examples per operation,
default 30; 100 or more for a deeper run), FUWU_FUZZ_RANDOM=1 (a new random run each
time) and FUWU_FUZZ_COVERAGE=1 (add schemathesis's coverage phase: boundary and
type-confused values, several thousand more calls) change that."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck, settings

from fuwu.core.models import User
from fuwu.core.services.tokens import api_token_create

EXAMPLES = int(os.environ.get("FUWU_FUZZ_EXAMPLES", "30"))

PHASES = ["examples", "fuzzing"] + (["coverage"] if os.environ.get("FUWU_FUZZ_COVERAGE") else [])
CONFIG = schemathesis.Config.from_dict(
    {"phases": {"enabled": False, **{phase: {"enabled": True} for phase in PHASES}}}
)

# The app as the server runs it (middleware included), on the test settings.
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json", get_wsgi_application(), config=CONFIG
)


@pytest.fixture(scope="module")
def token(demo_scene, django_db_blocker) -> Iterator[str]:
    """The demo's two organizations and a token of its administrator, made once for
    the run and rolled back after it."""
    with django_db_blocker.unblock():
        _token, key = api_token_create(user=User.objects.get(username="demo"))
        yield key


REAL_IDS: dict[str, list[Any]] = {}


def real_ids(url: str, name: str, headers: dict[str, str]) -> list[Any]:
    """The ids (or `name` values, as a version's number) of the list at `url`."""
    if url not in REAL_IDS:
        answer = Client().get(url, headers=headers)
        rows: Any = answer.json() if answer.status_code == 200 else []
        rows = rows.get("results", []) if isinstance(rows, dict) else rows
        ids = [row.get(name, row.get("id")) for row in rows if isinstance(row, dict)]
        REAL_IDS[url] = ids or [1]
    return REAL_IDS[url]


def use_real_ids(case: Any, headers: dict[str, str]) -> None:
    """Replace each generated positive integer in the path by a real record's id."""
    template = case.path
    for match in re.finditer(r"\{(\w+)\}", template):
        name = match.group(1)
        value = (case.path_parameters or {}).get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return  # an invalid value on purpose: leave it, and those after it
        prefix = template[: match.start()]
        for earlier, filled in case.path_parameters.items():
            prefix = prefix.replace("{" + earlier + "}", str(filled))
        ids = real_ids(prefix, name, headers)
        case.path_parameters[name] = ids[value % len(ids)]


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("FUWU_FUZZ_RANDOM") != "1",
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_5xx(case, token):
    headers = {"Authorization": f"Token {token}"}
    use_real_ids(case, headers)
    response = case.call(headers=headers)
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} answered {response.status_code}\n"
        f"{case.as_curl_command(headers=headers)}"
    )
