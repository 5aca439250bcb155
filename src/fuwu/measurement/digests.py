"""The content digest of a customer evaluation (ADR 0030): what the seal chains into
the audit trail. Computed when the row is written (no lock) and recomputed from the
stored rows by `fuwu verify-audit`, by this one function both times.

Covered: everything the customer sent and where and when (answers included); not
covered: the storage address (the id, which the seal covers), the bookkeeping times
and the link to the follow-up a low rating opened (written after, by the service)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from fuwu.core.seals import content_digest, utc_text

FIELDS = (
    "organization_id",
    "collection_point_id",
    "site_id",
    "contact_point_id",
    "instrument_version_id",
    "submission_id",
    "submitted_at",
    "language",
    "channel",
    "visit_id",
    "comment",
    "low",
)


def evaluation_digest(row: dict[str, Any], answers: Iterable[tuple[int, int | None, str]]) -> str:
    """`row`: the evaluation's FIELDS; `answers`: (question id, value, text) each."""
    content = {name: row[name] for name in FIELDS}
    submitted = content["submitted_at"]
    content["submitted_at"] = utc_text(submitted) if isinstance(submitted, datetime) else submitted
    content["answers"] = sorted([int(q), v, t or ""] for q, v, t in answers)
    return content_digest(content)


def digest_of(evaluation: Any, answers: Iterable[Any]) -> str:
    """The digest of an Evaluation about to be stored, with its Answer objects."""
    row = {name: getattr(evaluation, name) for name in FIELDS}
    return evaluation_digest(row, ((a.question_id, a.value, a.text) for a in answers))


def stored_digests(evaluations: Any, pks: Sequence[int]) -> dict[int, str]:
    """{pk: digest} recomputed from the stored rows (`evaluations`: the manager to
    read), their answers from the evaluation's own `answered` (ADR 0041)."""
    rows = evaluations.filter(pk__in=pks).values("id", "answered", *FIELDS)
    return {row["id"]: evaluation_digest(row, row["answered"]) for row in rows}
