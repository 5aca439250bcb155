"""Collection points and the evaluations customers submit through them.

A submission is validated whole before anything is written (an error per
question), and counted once per `submission_id` whatever the retries."""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record, audit_record_many, snapshot
from fuwu.core.models import Organization, Site, User
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import can, in_site_scope, require
from fuwu.core.services import record_create
from fuwu.design.models import ContactPoint

from ..models import (
    KANO_ANSWERS,
    LOW_RATING,
    Answer,
    Channel,
    CollectionPoint,
    Evaluation,
    Instrument,
    InstrumentKind,
    Question,
    QuestionType,
)
from .call_backs import call_back_create, clean_call_back
from .evaluations import MANAGE, instrument_generate
from .raising import raise_follow_up

SUBMISSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
LANGUAGES = ("en", "zh-hans")
MAX_TEXT = 2000


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


def point_for_token(token: str) -> CollectionPoint | None:
    """The active collection point of a token (None for any other string)."""
    if not token or len(token) > 64:
        return None
    return (
        CollectionPoint.objects.filter(token=token, is_active=True, site__is_active=True)
        .select_related("site", "contact_point", "instrument__current_version", "organization")
        .first()
    )


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


def _answers(questions: list[Question], answers: Any) -> tuple[list[Answer], dict[str, str]]:
    """The answers to keep, and an error per question id that is wrong."""
    errors: dict[str, str] = {}
    if not isinstance(answers, dict):
        return [], {"answers": _("Send the answers as an object of question id and value.")}
    by_id = {str(q.pk): q for q in questions}
    for key in answers:
        if str(key) not in by_id:
            errors[str(key)[:64]] = _("This question is not on the form.")
    rows: list[Answer] = []
    for key, question in by_id.items():
        value = answers.get(key)
        if value is None or value == "":
            if question.required:
                errors[key] = _("Please answer this question.")
            continue
        if question.type == QuestionType.TEXT:
            if not isinstance(value, str) or len(value) > MAX_TEXT:
                errors[key] = _("Write at most %(n)s characters.") % {"n": MAX_TEXT}
            else:
                rows.append(Answer(question=question, text=value.strip()))
            continue
        number = _number(question, value)
        if number is None:
            low, high = question.scale or (0, max(len(question.options("en")) - 1, 0))
            errors[key] = _("Choose a value from %(low)s to %(high)s.") % {"low": low, "high": high}
        else:
            rows.append(Answer(question=question, value=number))
    return rows, errors


def _is_low(rows: list[Answer]) -> bool:
    return any(
        a.question.type == QuestionType.RATING and a.value is not None and a.value <= LOW_RATING
        for a in rows
    ) or any(a.question.after_low_rating and a.text for a in rows)


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
    submission id again returns the stored one and writes nothing. `call_back`:
    {"consent", "contact"} when the customer asks to be called back (ADR 0029)."""
    submission_id = str(submission_id or "")
    if not SUBMISSION_ID.match(submission_id):
        raise SubmissionInvalid({"submission_id": _("The form's submission id is missing.")})
    stored = Evaluation.objects.filter(
        organization_id=point.organization_id, submission_id=submission_id
    ).first()
    if stored is not None:
        return stored, False
    version = point.instrument.current_version
    questions = list(version.questions.all()) if version else []
    rows, errors = _answers(questions, answers)
    if not isinstance(comment, str) or len(comment) > MAX_TEXT:
        errors["comment"] = _("Write at most %(n)s characters.") % {"n": MAX_TEXT}
    if not isinstance(visit_id, str) or len(visit_id) > 64:
        errors["visit_id"] = _("The visit id is too long.")
    if channel not in Channel.values:
        errors["channel"] = _("Unknown channel.")
    asked = clean_call_back(call_back, offered=point.instrument.offer_call_back)
    if isinstance(asked, str):
        errors["call_back"] = asked
    if not rows and not errors:
        errors["answers"] = _("Please answer at least one question.")
    if errors:
        raise SubmissionInvalid(errors)
    language = language if language in LANGUAGES else "en"
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                organization_id=point.organization_id,
                collection_point=point,
                site_id=point.site_id,
                contact_point_id=point.contact_point_id,
                instrument_version=version,
                submission_id=submission_id,
                submitted_at=timezone.now(),
                language=language,
                channel=channel,
                visit_id=visit_id.strip(),
                comment=comment.strip(),
                low=_is_low(rows),
            )
            for row in rows:
                row.organization_id = point.organization_id
                row.evaluation = evaluation
            Answer.objects.bulk_create(rows)
            # A customer, not a user: the entry has no actor.
            audit_record(
                actor=None,
                action=AuditAction.CREATE,
                instance=evaluation,
                after=snapshot(evaluation)
                | {
                    "answers": {
                        str(a.question_id): a.value if a.value is not None else a.text for a in rows
                    }
                },
            )
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


def evaluations_import(
    *, point: CollectionPoint, rows: list[dict[str, Any]], channel: str = Channel.IMPORT
) -> int:
    """Evaluations collected elsewhere (paper, a kiosk offline, the demo), each row
    {submission_id, submitted_at, language, answers, comment, visit_id}: all or
    nothing, validated like a customer's, in bulk with one audit entry each.
    Returns the number stored (rows whose submission id is stored already are
    skipped)."""
    version = point.instrument.current_version
    questions = list(version.questions.all()) if version else []
    stored = set(
        Evaluation.objects.filter(
            organization_id=point.organization_id,
            submission_id__in=[str(r.get("submission_id", "")) for r in rows],
        ).values_list("submission_id", flat=True)
    )
    evaluations, answers, errors = [], [], {}
    for index, row in enumerate(rows):
        submission_id = str(row.get("submission_id", ""))
        if submission_id in stored:
            continue
        kept, wrong = _answers(questions, row.get("answers"))
        if not SUBMISSION_ID.match(submission_id):
            wrong["submission_id"] = _("The form's submission id is missing.")
        if wrong or not kept:
            errors[str(index + 1)] = "; ".join(wrong.values()) or _(
                "Please answer at least one question."
            )
            continue
        stored.add(submission_id)
        evaluations.append(
            Evaluation(
                organization_id=point.organization_id,
                collection_point=point,
                site_id=point.site_id,
                contact_point_id=point.contact_point_id,
                instrument_version=version,
                submission_id=submission_id,
                submitted_at=row.get("submitted_at") or timezone.now(),
                language=row.get("language") if row.get("language") in LANGUAGES else "en",
                channel=channel,
                visit_id=str(row.get("visit_id", ""))[:64],
                comment=str(row.get("comment", ""))[:MAX_TEXT],
                low=_is_low(kept),
            )
        )
        answers.append(kept)
    if errors:
        raise SubmissionInvalid(errors)
    with transaction.atomic():
        Evaluation.objects.bulk_create(evaluations)
        for evaluation, kept in zip(evaluations, answers, strict=True):
            for answer in kept:
                answer.organization_id = point.organization_id
                answer.evaluation = evaluation
        Answer.objects.bulk_create([a for kept in answers for a in kept], batch_size=1000)
        audit_record_many(
            actor=None,
            action=AuditAction.CREATE,
            records=[(e, snapshot(e)) for e in evaluations],
        )
    return len(evaluations)
