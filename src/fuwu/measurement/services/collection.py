"""Collection points and the evaluations customers submit through them.

A submission is validated whole before anything is written (an error per
question), and counted once per `submission_id` whatever the retries.

Evaluations are append-only (ADR 0030): each row is written with the digest of its
content and takes no audit-chain lock; core's sealing job chains them into the
audit trail in batches. The public path is a handful of queries: the point by
token, the submission id, then one insert of the evaluation and one of its answers
(the questions of a version never change, so they are kept in memory)."""

from __future__ import annotations

import json
import re
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import (
    DEFAULT_DB_ALIAS,
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    connections,
    transaction,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core.models import Organization, Site, User
from fuwu.core.permissions import can, in_site_scope, require
from fuwu.core.services import record_create
from fuwu.core.text import CONTROL_MESSAGE, NOT_PRINTABLE
from fuwu.design.models import ContactPoint

from ..digests import digest_of, evaluation_digest
from ..models import (
    KANO_ANSWERS,
    LOW_RATING,
    Answer,
    Channel,
    CollectionPoint,
    Evaluation,
    Instrument,
    InstrumentKind,
    InstrumentVersion,
    Question,
    QuestionType,
)
from .call_backs import call_back_create, clean_call_back
from .evaluations import MANAGE, instrument_generate
from .raising import raise_follow_up

SUBMISSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
LANGUAGES = ("en", "zh-hans")
MAX_TEXT = 2000
MAX_BULK = 1000  # evaluations per bulk call
CHANNELS = frozenset(Channel.values)


class SubmissionInvalid(ValidationError):
    """What is wrong with a submission, by field or question id: nothing was stored."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def collection_point_create(
    *,
    actor: User,
    organization: Organization,
    site: Site,
    contact_point: ContactPoint,
    instrument: Instrument | None = None,
) -> CollectionPoint:
    """The collection point of a contact point at a site, with a new token; its
    instrument is the one given, the point's own, or one generated for it."""
    require(actor, organization, MANAGE)
    if site is None or site.organization_id != organization.pk:
        raise ValidationError({"site": _("Choose a site of this organization.")})
    if contact_point is None or contact_point.organization_id != organization.pk:
        raise ValidationError({"contact_point": _("Choose a contact point of this organization.")})
    if not in_site_scope(actor, organization, site.pk):
        raise PermissionDenied(_("This site is outside your sites."))
    if instrument is not None and instrument.organization_id != organization.pk:
        raise ValidationError({"instrument": _("Choose an instrument of this organization.")})
    with transaction.atomic():
        if CollectionPoint.objects.filter(site=site, contact_point=contact_point).exists():
            raise ValidationError(
                {"contact_point": _("This contact point already collects at this site.")}
            )
        instrument = instrument or (
            Instrument.objects.filter(
                organization=organization,
                is_active=True,
                contact_points=contact_point,
                kind=InstrumentKind.STANDARD,  # a study is chosen, never picked for a point
            )
            .exclude(current_version=None)
            .first()
        )
        if instrument is None:
            instrument = instrument_generate(
                actor=actor, organization=organization, contact_point=contact_point
            )
        return record_create(
            CollectionPoint,
            actor=actor,
            data={
                "organization": organization,
                "site": site,
                "contact_point": contact_point,
                "instrument": instrument,
                "token": secrets.token_urlsafe(24),
                "owner": actor,
            },
        )


def point_for_token(token: str, *, cached: bool = False) -> CollectionPoint | None:
    """The active collection point of a token (None for any other string).

    `cached`: the submission path may use what this process read in the last
    POINT_CACHE_SECONDS (a point deactivated, or its instrument revised, is seen by
    every process within that time); the page and the form always read afresh."""
    if not token or len(token) > 64:
        return None
    if cached:
        hit = _POINTS.get(token)
        if hit is not None and hit[0] > time.monotonic():
            return hit[1]
    point = (
        CollectionPoint.objects.filter(token=token, is_active=True, site__is_active=True)
        .select_related("site", "contact_point", "instrument__current_version", "organization")
        .first()
    )
    if point is not None:
        if len(_POINTS) > 10_000:
            _POINTS.clear()
        _POINTS[token] = (time.monotonic() + POINT_CACHE_SECONDS, point)
    return point


POINT_CACHE_SECONDS = 10
_POINTS: dict[str, tuple[float, CollectionPoint]] = {}


def point_in_memory(token: str) -> CollectionPoint | None:
    """The point of a token as `point_for_token(token, cached=True)` read it in the
    last POINT_CACHE_SECONDS, without reading the database: None when it did not."""
    hit = _POINTS.get(token)
    return hit[1] if hit is not None and hit[0] > time.monotonic() else None


def _number(question: Question, value: Any) -> int | None:
    if question.type == QuestionType.YES_NO and isinstance(value, str):
        value = {"yes": 1, "no": 0}.get(value.lower(), value)
    if question.type == QuestionType.KANO and value in KANO_ANSWERS:
        value = KANO_ANSWERS.index(value)  # "like" ... "dislike", or the index
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,3}", value.strip()):
        value = int(value.strip())
    if not isinstance(value, int):
        return None
    if question.type == QuestionType.CHOICE:
        return value if 0 <= value < len(question.options("en")) else None
    low, high = question.scale or (0, 0)
    return value if low <= value <= high else None


AnswerValue = tuple[Question, int | None, str]


def _unprintable(text: str) -> str | None:
    """What core.text refuses in any text field (PostgreSQL cannot even store NUL or a
    lone surrogate): the message, or None."""
    found = NOT_PRINTABLE.search(text)
    if found is None:
        return None
    return str(
        CONTROL_MESSAGE % {"char": f"U+{ord(found.group()):04X}", "position": found.start() + 1}
    )


def _answer_values(questions: list[Question], answers: Any) -> tuple[list[AnswerValue], dict]:
    """The answers to keep as (question, value, text), and an error per question id
    that is wrong."""
    errors: dict[str, str] = {}
    if not isinstance(answers, dict):
        return [], {"answers": _("Send the answers as an object of question id and value.")}
    by_id = {str(q.pk): q for q in questions}
    for key in answers:
        if str(key) not in by_id:
            errors[str(key)[:64]] = _("This question is not on the form.")
    rows: list[AnswerValue] = []
    for key, question in by_id.items():
        value = answers.get(key)
        if value is None or value == "":
            if question.required:
                errors[key] = _("Please answer this question.")
            continue
        if question.type == QuestionType.TEXT:
            if not isinstance(value, str) or len(value) > MAX_TEXT:
                errors[key] = _("Write at most %(n)s characters.") % {"n": MAX_TEXT}
            elif unprintable := _unprintable(value):
                errors[key] = unprintable
            else:
                rows.append((question, None, value.strip()))
            continue
        number = _number(question, value)
        if number is None:
            low, high = question.scale or (0, max(len(question.options("en")) - 1, 0))
            errors[key] = _("Choose a value from %(low)s to %(high)s.") % {"low": low, "high": high}
        else:
            rows.append((question, number, ""))
    return rows, errors


def _answers(questions: list[Question], answers: Any) -> tuple[list[Answer], dict[str, str]]:
    """The answers to keep, and an error per question id that is wrong."""
    values, errors = _answer_values(questions, answers)
    return [_answer(question, value, text) for question, value, text in values], errors


_QUESTION_FIELD = Answer._meta.get_field("question")


def _answer(question: Question, value: int | None, text: str) -> Answer:
    """An answer tied to its question by id, the question kept at hand (what
    `Answer(question=...)` does, at a third of the cost: bulk paths make thousands)."""
    answer = Answer(question_id=question.pk, value=value, text=text)
    _QUESTION_FIELD.set_cached_value(answer, question)
    return answer


def _is_low(rows: list[Answer]) -> bool:
    return _low_values([(a.question, a.value, a.text) for a in rows])


def _low_values(values: list[AnswerValue]) -> bool:
    """A rating of LOW_RATING or less, or a "what went wrong" answer."""
    return any(
        question.type == QuestionType.RATING and value is not None and value <= LOW_RATING
        for question, value, _text in values
    ) or any(question.after_low_rating and text for question, _value, text in values)


def _follow_up(evaluation: Evaluation, rows: list[Answer], call_back: bool = False) -> None:
    """A low rating, a "what went wrong" answer or a call-back request opens a
    remedial follow-up for the site (4.5.2), in the collection point's owner's name:
    one a day per point, the day's later ones join it."""
    if not (evaluation.low or call_back):
        return
    point = evaluation.collection_point
    same_day = (
        Evaluation.objects.filter(
            collection_point=point,
            submitted_at__date=timezone.localdate(evaluation.submitted_at),
            nonconformity_id__isnull=False,
        )
        .values_list("nonconformity_id", flat=True)
        .first()
    )
    if same_day is None:
        owner = point.owner
        if owner is None or not can(owner, point.organization, MANAGE):
            return  # nobody answers for the point: the evaluation stays marked low
        if not in_site_scope(owner, point.organization, point.site_id):
            return
        same_day = raise_follow_up(
            actor=owner, evaluation=evaluation, answers=rows, call_back=call_back
        ).pk
    Evaluation.objects.filter(pk=evaluation.pk).update(nonconformity_id=same_day)
    evaluation.nonconformity_id = same_day


def questions_of_version(version: InstrumentVersion | None) -> list[Question]:
    """The questions of a version, kept in memory: a version is written whole and
    never changed (an edit writes a new one), so the cache cannot go stale."""
    if version is None:
        return []
    # With its creation time: an id a rolled-back or restored database gives again
    # never finds the questions of the version that had it before.
    key = (version.pk, version.created_at)
    questions = _QUESTIONS.get(key)
    if questions is None:
        questions = list(Question.objects.filter(version_id=version.pk).order_by("order", "pk"))
        if len(_QUESTIONS) > 2000:
            _QUESTIONS.clear()
        _QUESTIONS[key] = questions
    return questions


_QUESTIONS: dict[tuple[int, Any], list[Question]] = {}


def _checked(
    *,
    questions: list[Question],
    answers: Any,
    comment: Any,
    visit_id: Any,
    channel: Any,
    submission_id: str,
) -> tuple[list[Answer], dict[str, str]]:
    """The answers to keep and an error per field or question id."""
    rows, errors = _answers(questions, answers)
    _field_errors(errors, rows, comment, visit_id, channel, submission_id)
    return rows, errors


def _field_errors(
    errors: dict[str, str],
    rows: list,
    comment: Any,
    visit_id: Any,
    channel: Any,
    submission_id: str,
) -> None:
    """Adds to `errors` what is wrong with the fields beside the answers."""
    if not SUBMISSION_ID.match(submission_id):
        errors["submission_id"] = _("The form's submission id is missing.")
    if not isinstance(comment, str) or len(comment) > MAX_TEXT:
        errors["comment"] = _("Write at most %(n)s characters.") % {"n": MAX_TEXT}
    elif unprintable := _unprintable(comment):
        errors["comment"] = unprintable
    if not isinstance(visit_id, str) or len(visit_id) > 64:
        errors["visit_id"] = _("The visit id is too long.")
    elif unprintable := _unprintable(visit_id):
        errors["visit_id"] = unprintable
    if channel not in CHANNELS:
        errors["channel"] = _("Unknown channel.")
    if not rows and not errors:
        errors["answers"] = _("Please answer at least one question.")


_POINT_FIELD = Evaluation._meta.get_field("collection_point")


def _evaluation(
    point: CollectionPoint,
    *,
    submission_id: str,
    submitted_at: datetime,
    language: Any,
    channel: str,
    visit_id: str,
    comment: str,
    rows: list[Answer],
) -> Evaluation:
    """An evaluation ready to insert, its answers tied to it, its digest computed."""
    evaluation = Evaluation(
        organization_id=point.organization_id,
        collection_point_id=point.pk,
        site_id=point.site_id,
        contact_point_id=point.contact_point_id,
        instrument_version_id=point.instrument.current_version_id,
        submission_id=submission_id,
        submitted_at=submitted_at,
        language=language if language in LANGUAGES else "en",
        channel=channel,
        visit_id=visit_id.strip(),
        comment=comment.strip(),
        low=_is_low(rows),
    )
    _POINT_FIELD.set_cached_value(evaluation, point)
    evaluation.answered = [[a.question_id, a.value, a.text or ""] for a in rows]
    evaluation.digest = digest_of(evaluation, rows)
    for row in rows:
        row.organization_id = point.organization_id
    return evaluation


def evaluation_submit(
    *,
    point: CollectionPoint,
    submission_id: Any,
    answers: Any,
    language: Any = "en",
    comment: Any = "",
    visit_id: Any = "",
    channel: str = Channel.QR,
    call_back: Any = None,
) -> tuple[Evaluation, bool]:
    """Store a customer's evaluation: (the evaluation, whether it is new). The same
    submission id again returns the stored one and writes nothing. No audit entry
    and no chain lock: the sealing job chains it into the audit trail. `call_back`:
    {"consent", "contact"} when the customer asks to be called back (ADR 0029)."""
    submission_id = str(submission_id or "")
    if not SUBMISSION_ID.match(submission_id):
        raise SubmissionInvalid({"submission_id": _("The form's submission id is missing.")})
    if connection.vendor != "postgresql":  # PostgreSQL: the insert itself says (ON CONFLICT)
        stored = Evaluation.objects.filter(
            organization_id=point.organization_id, submission_id=submission_id
        ).first()
        if stored is not None:
            return stored, False
    rows, errors = _checked(
        questions=questions_of_version(point.instrument.current_version),
        answers=answers,
        comment=comment,
        visit_id=visit_id,
        channel=channel,
        submission_id=submission_id,
    )
    asked = clean_call_back(call_back, offered=point.instrument.offer_call_back)
    if isinstance(asked, str):
        errors["call_back"] = asked
    if errors:
        raise SubmissionInvalid(errors)
    evaluation = _evaluation(
        point,
        submission_id=submission_id,
        submitted_at=timezone.now(),
        language=language,
        channel=channel,
        visit_id=visit_id,
        comment=comment,
        rows=rows,
    )
    if connection.vendor == "postgresql":
        pk = _insert_in_one_statement(evaluation)
        if pk is None:  # a retry or a double tap stored it first
            stored = Evaluation.objects.filter(
                organization_id=point.organization_id, submission_id=submission_id
            ).first()
            if stored is None:  # pragma: no cover - it was there a moment ago
                raise IntegrityError("submission id conflict without a stored evaluation")
            return stored, False
        evaluation.pk = pk
        evaluation._state.adding = False
        for row in rows:
            row.evaluation = evaluation
        if evaluation.low or asked is not None:
            with transaction.atomic():
                if asked is not None:
                    contact, kind = asked
                    call_back_create(
                        evaluation=evaluation, contact=contact, kind=kind, language=language
                    )
                _follow_up(evaluation, rows, call_back=asked is not None)
        return evaluation, True
    try:
        with transaction.atomic():
            evaluation.save(force_insert=True)
            for row in rows:
                row.evaluation = evaluation
            if asked is not None:
                contact, kind = asked
                call_back_create(
                    evaluation=evaluation, contact=contact, kind=kind, language=language
                )
            _follow_up(evaluation, rows, call_back=asked is not None)
    except IntegrityError:
        # A double tap raced us: the other request stored it.
        stored = Evaluation.objects.filter(
            organization_id=point.organization_id, submission_id=submission_id
        ).first()
        if stored is None:
            raise
        return stored, False
    return evaluation, True


# `answered` last: `_row` and `_INSERT` send it as JSON text.
_EVALUATION_COLUMNS = (
    "organization_id", "created_at", "updated_at", "digest", "collection_point_id", "site_id",
    "contact_point_id", "instrument_version_id", "submission_id", "submitted_at", "language",
    "channel", "visit_id", "comment", "low", "answered",
)  # fmt: skip


def _row(evaluation: Evaluation) -> list[Any]:
    """The evaluation's `_EVALUATION_COLUMNS` as a statement or COPY takes them (its
    answers as JSON text: ids and values are integers or null, texts any Unicode)."""
    values = [getattr(evaluation, name) for name in _EVALUATION_COLUMNS]
    values[-1] = json.dumps(values[-1], ensure_ascii=False)
    return values


def _insert_in_one_statement(evaluation: Evaluation) -> int | None:
    """PostgreSQL: the evaluation, its answers in it, in ONE statement (`_INSERT`): the
    evaluation's id, or None when its submission id is stored already."""
    now = timezone.now()
    evaluation.created_at = evaluation.updated_at = now
    return _insert(_row(evaluation))


# One row, one round trip; ON CONFLICT DO NOTHING writes nothing when the submission id
# is stored already.
_INSERT = (
    f"INSERT INTO {Evaluation._meta.db_table} ({', '.join(_EVALUATION_COLUMNS)}) "
    f"VALUES ({', '.join(['%s'] * (len(_EVALUATION_COLUMNS) - 1))}, %s::jsonb) "
    "ON CONFLICT ON CONSTRAINT evaluation_submission_once DO NOTHING RETURNING id"
)
_STORED = (
    f"SELECT id FROM {Evaluation._meta.db_table} WHERE organization_id = %s AND submission_id = %s"
)


def _insert(values: list[Any]) -> int | None:
    found = _prepared(_INSERT, values)
    return found[0] if found else None


def _prepared(sql: str, params: list[Any]) -> tuple | None:
    """PostgreSQL: one row of `sql`, run as a prepared statement on this thread's
    connection (parsed and planned once per connection, the values sent apart: no
    quoting them into the text). Errors are Django's, as from any cursor.

    Django checks a reused connection with a `SELECT 1` before the first query of each
    request (CONN_HEALTH_CHECKS), a round trip as long as the insert's. This skips it:
    when the first statement of a request finds the connection dead (the database
    restarted), it reconnects and runs the statement once more. Only statements safe
    to run twice come here: the insert does nothing the second time when the first
    stored the row (ON CONFLICT), and the caller reads the stored id then."""
    import psycopg

    database = connections[DEFAULT_DB_ALIAS]  # once: each `connection.x` looks it up

    def run() -> tuple | None:
        database.ensure_connection()
        with database.wrap_database_errors, psycopg.Cursor(database.connection) as cursor:
            cursor.execute(sql, params, prepare=True)
            return cursor.fetchone()

    retry = (
        database.health_check_enabled
        and not database.health_check_done
        and not database.in_atomic_block
        and database.connection is not None
    )
    try:
        found = run()
    except (OperationalError, InterfaceError):
        if not retry:
            raise
        database.close()
        found = run()
    database.health_check_done = True
    return found


@dataclass
class PlainSubmission:
    """A valid submission with no low rating and no call-back, ready to store: the
    evaluation's columns (`_EVALUATION_COLUMNS`, its answers among them)."""

    values: list[Any]
    organization_id: int
    submission_id: str
    fields: dict[str, Any]


def evaluation_prepare_plain(
    *,
    point: CollectionPoint,
    submission_id: Any,
    answers: Any,
    language: Any = "en",
    comment: Any = "",
    visit_id: Any = "",
    channel: str = Channel.QR,
    call_back: Any = None,
) -> PlainSubmission | None:
    """The common case of `evaluation_submit`, checked exactly as it checks, without
    writing or reading anything: a valid submission with no low rating and no
    call-back. None for everything else (anything to refuse, a low rating and its
    follow-up, a call-back): `evaluation_submit` answers for those."""
    submission_id = str(submission_id or "")
    if clean_call_back(call_back, offered=point.instrument.offer_call_back) is not None:
        return None
    version = point.instrument.current_version
    if version is None:
        return None
    checked, errors = _answer_values(questions_of_version(version), answers)
    _field_errors(errors, checked, comment, visit_id, channel, submission_id)
    if errors or _low_values(checked):
        return None
    now = timezone.now()
    row = {
        "organization_id": point.organization_id,
        "collection_point_id": point.pk,
        "site_id": point.site_id,
        "contact_point_id": point.contact_point_id,
        "instrument_version_id": version.pk,
        "submission_id": submission_id,
        "submitted_at": now,
        "language": language if language in LANGUAGES else "en",
        "channel": channel,
        "visit_id": visit_id.strip(),
        "comment": comment.strip(),
        "low": False,
        "created_at": now,
        "updated_at": now,
    }
    stored = [[question.pk, value, text] for question, value, text in checked]
    row["digest"] = evaluation_digest(row, stored)
    row["answered"] = json.dumps(stored, ensure_ascii=False)
    return PlainSubmission(
        values=[row[name] for name in _EVALUATION_COLUMNS],
        organization_id=point.organization_id,
        submission_id=submission_id,
        fields={
            "point": point,
            "submission_id": submission_id,
            "answers": answers,
            "language": language,
            "comment": comment,
            "visit_id": visit_id,
            "channel": channel,
        },
    )


def evaluation_store_plain(prepared: PlainSubmission) -> tuple[int, bool]:
    """Store what `evaluation_prepare_plain` checked, as `evaluation_submit` stores it
    (the same row, digest and single statement; no audit entry, the seal chains it):
    (its id, whether it is new). The same submission id again writes nothing."""
    if connection.vendor != "postgresql":
        evaluation, created = evaluation_submit(**prepared.fields)
        return evaluation.pk, created
    pk = _insert(prepared.values)
    if pk is not None:
        return pk, True
    found = _prepared(_STORED, [prepared.organization_id, prepared.submission_id])
    if found is None:  # pragma: no cover - it was there a moment ago
        raise IntegrityError("submission id conflict without a stored evaluation")
    return found[0], False


# -- in bulk: the API, the import command and page, the demo --------------------------------


@dataclass
class BulkOutcome:
    """What a bulk call stored: per row of the input, the evaluation's id and whether
    this call created it (False: its submission id was stored before)."""

    ids: list[int] = field(default_factory=list)
    created: list[bool] = field(default_factory=list)

    @property
    def created_count(self) -> int:
        return sum(self.created)

    @property
    def existing_count(self) -> int:
        return len(self.created) - self.created_count


class BulkInvalid(ValidationError):
    """Errors per row (its index in the input, from 0) and field: nothing was stored."""

    def __init__(self, errors: dict[int, dict[str, str]]) -> None:
        super().__init__(_("Some evaluations are not valid: nothing was stored."))
        self.errors = errors


def _when(value: Any, now: datetime) -> tuple[datetime | None, str]:
    """A submission time (a datetime or ISO 8601 text), never in the future."""
    if value in (None, ""):
        return now, ""
    moment = value
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        try:
            moment = parse_datetime(value.strip())
        except ValueError:
            moment = None
    if not isinstance(moment, datetime):
        return None, _("Give the time as ISO 8601, e.g. 2026-05-01T09:30:00+08:00.")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > now + timedelta(minutes=5):  # clocks drift a little
        return None, _("The time lies in the future.")
    return moment, ""


def _store(prepared: list[tuple[int, Evaluation, list[Answer]]]) -> None:
    if connection.vendor == "postgresql":
        _copy(prepared)
        return
    with transaction.atomic():
        Evaluation.objects.bulk_create([e for _i, e, _a in prepared], batch_size=1000)
        for _index, evaluation, rows in prepared:
            for row in rows:
                row.evaluation = evaluation


@dataclass
class Prepared:
    """Rows checked in memory: the evaluations to insert (with their index in the
    input), what was stored before, and the errors by index and field."""

    rows: list[tuple[int, Evaluation, list[Answer]]]
    outcome: BulkOutcome
    errors: dict[int, dict[str, str]]


def _copy(prepared: list[tuple[int, Evaluation, list[Answer]]]) -> None:
    """PostgreSQL: the evaluations, their answers in them, by COPY (ids taken from the
    sequence first, as COPY returns none), in one transaction: bulk paths write at
    nearly the speed of a plain COPY. A submission id stored meanwhile by another
    writer is an IntegrityError, as with an insert."""
    import psycopg

    now = timezone.now()
    table = Evaluation._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(prepared)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        raw = cursor.cursor  # psycopg's own cursor, under Django's wrapper
        try:
            with raw.copy(
                f"COPY {table} (id, {', '.join(_EVALUATION_COLUMNS)}) FROM STDIN"
            ) as copy:
                for pk, (_index, evaluation, rows) in zip(ids, prepared, strict=True):
                    evaluation.pk, evaluation.created_at, evaluation.updated_at = pk, now, now
                    evaluation._state.adding = False
                    copy.write_row([pk, *_row(evaluation)])
                    for answer in rows:
                        answer.evaluation = evaluation
        except psycopg.errors.UniqueViolation as exc:
            raise IntegrityError(str(exc)) from exc


def evaluations_prepare(
    *,
    organization_id: int,
    rows: Sequence[dict[str, Any]],
    points: dict[Any, CollectionPoint],
    default_channel: str = Channel.IMPORT,
    seen: dict[str, int] | None = None,
) -> Prepared:
    """Check every row in memory, with one query for the submission ids stored
    before. Each row: `point` (a key of `points`), submission_id, submitted_at,
    language, channel, answers, comment, visit_id. `seen` (submission id -> row
    index) carries the ids of earlier chunks of the same file."""
    now = timezone.now()
    wanted = [str(row.get("submission_id") or "") for row in rows]
    stored = dict(
        Evaluation.objects.filter(organization_id=organization_id, submission_id__in=wanted)
        .order_by()
        .values_list("submission_id", "pk")
    )
    errors: dict[int, dict[str, str]] = {}
    prepared: list[tuple[int, Evaluation, list[Answer]]] = []
    first_row: dict[str, int] = {} if seen is None else seen
    outcome = BulkOutcome(ids=[0] * len(rows), created=[False] * len(rows))
    for index, row in enumerate(rows):
        submission_id = wanted[index]
        if submission_id in stored:
            outcome.ids[index] = stored[submission_id]
            continue
        if submission_id and submission_id in first_row:
            errors[index] = {
                "submission_id": _("Row %(row)s has the same submission id.")
                % {"row": first_row[submission_id]}
            }
            continue
        first_row.setdefault(submission_id, row.get("row", index))
        point = points.get(row.get("point"))
        if point is None or point.instrument.current_version_id is None:
            errors[index] = {"token": _("This evaluation form is not available")}
            continue
        channel = row.get("channel") or default_channel
        answers, wrong = _checked(
            questions=questions_of_version(point.instrument.current_version),
            answers=row.get("answers"),
            comment=row.get("comment") or "",
            visit_id=row.get("visit_id") or "",
            channel=channel,
            submission_id=submission_id,
        )
        submitted_at, problem = _when(row.get("submitted_at"), now)
        if problem:
            wrong["submitted_at"] = problem
        if wrong:
            errors[index] = wrong
            continue
        evaluation = _evaluation(
            point,
            submission_id=submission_id,
            submitted_at=submitted_at,
            language=row.get("language"),
            channel=channel,
            visit_id=row.get("visit_id") or "",
            comment=row.get("comment") or "",
            rows=answers,
        )
        prepared.append((index, evaluation, answers))
    return Prepared(prepared, outcome, errors)


def evaluations_write(prepared: Prepared) -> BulkOutcome:
    """Insert what `evaluations_prepare` checked (in the caller's transaction, or its
    own): one insert of the evaluations, one of their answers."""
    if prepared.rows:
        _store(prepared.rows)
    outcome = prepared.outcome
    for index, evaluation, _answers in prepared.rows:
        outcome.ids[index], outcome.created[index] = evaluation.pk, True
    return outcome


def evaluations_store(
    *,
    organization_id: int,
    rows: Sequence[dict[str, Any]],
    points: dict[Any, CollectionPoint],
    default_channel: str = Channel.IMPORT,
) -> BulkOutcome:
    """Check every row in memory, then store the new ones in bulk, all or nothing.
    Rows whose submission id is stored already are reported with their id, not
    stored again. Raises BulkInvalid with an error per row and field. Three queries
    whatever the number of rows: the stored submission ids, the evaluations, the
    answers (plus the questions of a version not yet read)."""
    prepared = evaluations_prepare(
        organization_id=organization_id, rows=rows, points=points, default_channel=default_channel
    )
    if prepared.errors:
        raise BulkInvalid(prepared.errors)
    return evaluations_write(prepared)


def points_for(
    *, actor: User, organization: Organization, rows: Sequence[dict[str, Any]]
) -> tuple[list[dict[str, Any]], dict[Any, CollectionPoint], dict[int, dict[str, str]]]:
    """The collection points the rows name (by `token` or `collection_point` id), in
    two queries at most and one scope check per site: (the rows keyed by point, the
    points the actor may write to, an error per row naming a point outside their
    sites)."""
    tokens = {str(r.get("token")) for r in rows if r.get("token")}
    ids = {r.get("collection_point") for r in rows if r.get("collection_point")}
    found = CollectionPoint.objects.filter(organization=organization).select_related(
        "instrument__current_version"
    )
    by_key: dict[Any, CollectionPoint] = {}
    if tokens:
        by_key |= {("token", p.token): p for p in found.filter(token__in=tokens)}
    numbers = [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]
    if numbers:
        by_key |= {("id", p.pk): p for p in found.filter(pk__in=numbers)}
    # Site scope: one check per site, not per row; a point outside it is not offered.
    sites = {p.site_id for p in by_key.values()}
    allowed = {site for site in sites if in_site_scope(actor, organization, site)}
    points = {key: p for key, p in by_key.items() if p.site_id in allowed}
    keyed, outside = [], {}
    for index, row in enumerate(rows):
        token = row.get("token")
        key = ("token", str(token)) if token else ("id", row.get("collection_point"))
        if key in by_key and key not in points:
            outside[index] = {"token": _("This site is outside your sites.")}
        keyed.append(row | {"point": key})
    return keyed, points, outside


def evaluations_bulk(
    *, actor: User, organization: Organization, rows: Sequence[dict[str, Any]]
) -> BulkOutcome:
    """Evaluations collected elsewhere (a kiosk offline, a partner's system), each row
    naming its collection point by `token` or `collection_point` id: at most MAX_BULK,
    all or nothing, idempotent by submission id, within the actor's sites."""
    require(actor, organization, MANAGE)
    if len(rows) > MAX_BULK:
        raise ValidationError(
            {"evaluations": _("Send at most %(n)s evaluations a call.") % {"n": MAX_BULK}}
        )
    keyed, points, outside = points_for(actor=actor, organization=organization, rows=rows)
    for attempt in (1, 2):
        try:
            return evaluations_store(organization_id=organization.pk, rows=keyed, points=points)
        except BulkInvalid as invalid:
            raise BulkInvalid(invalid.errors | outside) from None
        except IntegrityError:
            # Another call stored one of these submission ids meanwhile: read again, once
            # (those rows are then reported as stored before).
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def evaluations_import(
    *, point: CollectionPoint, rows: list[dict[str, Any]], channel: str = Channel.IMPORT
) -> int:
    """Evaluations collected elsewhere for one point (paper, a kiosk offline, the
    demo), each row {submission_id, submitted_at, language, answers, comment,
    visit_id}: all or nothing, validated like a customer's, in bulk. Returns the
    number stored (rows whose submission id is stored already are skipped). Raises
    SubmissionInvalid with an error per row (numbered from 1)."""
    keyed = [{"channel": channel} | row | {"point": point.pk} for row in rows]
    try:
        outcome = evaluations_store(
            organization_id=point.organization_id, rows=keyed, points={point.pk: point}
        )
    except BulkInvalid as invalid:
        raise SubmissionInvalid(
            {str(index + 1): "; ".join(wrong.values()) for index, wrong in invalid.errors.items()}
        ) from None
    return outcome.created_count
