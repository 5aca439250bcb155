"""Evaluation instruments: generated from the characteristic model of a contact
point (A.4.2.2), revised into new versions, never rewritten."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.models import Organization, User
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import require
from fuwu.core.services import record_create, record_update
from fuwu.design.models import Characteristic, ContactPoint, Indicator, SpecificationItem
from fuwu.design.models.specifications import CATEGORY_CHARACTERISTIC
from fuwu.documents.models import Status

from ..models.evaluations import Instrument, InstrumentVersion, Question, QuestionType

MANAGE = "measurement.manage_instruments"
QUESTION_FIELDS = (
    "type",
    "required",
    "text_en",
    "text_zh",
    "options_en",
    "options_zh",
    "characteristic",
    "indicator",
    "after_low_rating",
)


def point_characteristics(point: ContactPoint) -> list[Characteristic]:
    """The characteristics the point's approved specifications refer to: an item's
    own characteristic, or the one its category is (4.4.3.2, 4.4.3.3)."""
    items = SpecificationItem.objects.filter(
        specification__contact_point=point,
        specification__local=False,
        specification__document__status=Status.APPROVED,
        # Only the approved version's items: its document's current version.
        version_id=F("specification__document__current_version"),
        applies=True,
    ).values_list("characteristic__key", "category")
    keys = {key or CATEGORY_CHARACTERISTIC.get(category) for key, category in items}
    keys.discard(None)
    return list(Characteristic.objects.filter(organization_id=point.organization_id, key__in=keys))


def _both(message: str) -> tuple[str, str]:
    with override("en"):
        english = _(message)
    with override("zh-hans"):
        chinese = _(message)
    return english, chinese


# A customer answers at the desk in under 30 seconds (issue 11): about ten taps. So a
# generated form asks at most two indicators of each characteristic (the first in the
# order the quality manager gave the model) and at most eight ratings in all; the
# quality manager adds others by editing the questions.
MAX_PER_CHARACTERISTIC = 2
MAX_RATINGS = 8


def _follow_up_question() -> dict[str, Any]:
    english, chinese = _both(gettext_noop("What went wrong?"))
    return {
        "type": QuestionType.TEXT,
        "text_en": english,
        "text_zh": chinese,
        "after_low_rating": True,
    }


def _default_questions() -> list[dict[str, Any]]:
    """The short form of a point whose specifications name no characteristic: how
    satisfied overall, whether they would recommend us, and what went wrong."""
    overall_en, overall_zh = _both(gettext_noop("Overall, how satisfied are you?"))
    nps_en, nps_zh = _both(
        gettext_noop("How likely are you to recommend us to a friend or colleague?")
    )
    return [
        {
            "type": QuestionType.RATING,
            "text_en": overall_en,
            "text_zh": overall_zh,
        },
        {"type": QuestionType.NPS, "text_en": nps_en, "text_zh": nps_zh},
        _follow_up_question(),
    ]


def _generated_questions(point: ContactPoint) -> list[dict[str, Any]]:
    characteristics = point_characteristics(point)
    if not characteristics:
        return _default_questions()
    indicators = Indicator.objects.filter(
        characteristic__in=characteristics, is_active=True
    ).select_related("characteristic")
    chosen: list[Indicator] = []
    per_characteristic: dict[int, int] = {}
    for indicator in indicators:  # the model's order: characteristic, then indicator
        asked = per_characteristic.get(indicator.characteristic_id, 0)
        if asked < MAX_PER_CHARACTERISTIC and len(chosen) < MAX_RATINGS:
            per_characteristic[indicator.characteristic_id] = asked + 1
            chosen.append(indicator)
    if not chosen:
        return _default_questions()
    questions: list[dict[str, Any]] = [
        {
            "type": QuestionType.RATING,
            "required": False,
            "text_en": indicator.name_en or indicator.name_zh,
            "text_zh": indicator.name_zh or indicator.name_en,
            "characteristic": indicator.characteristic,
            "indicator": indicator,
        }
        for indicator in chosen
    ]
    questions.append(_follow_up_question())
    return questions


def _clean_question(organization: Organization, index: int, data: dict[str, Any]) -> Question:
    unknown = set(data) - set(QUESTION_FIELDS)
    if unknown:
        raise ValidationError({"questions": _("Unknown field: %(f)s") % {"f": sorted(unknown)[0]}})
    question = Question(organization=organization, order=index, **data)
    errors: dict[str, Any] = {}
    if question.type not in QuestionType.values:
        errors["type"] = _("Choose a question type.")
    if not (question.text_en.strip() or question.text_zh.strip()):
        errors["text_en"] = _("Write the question in at least one language.")
    if question.type == QuestionType.CHOICE and not question.options("en"):
        errors["options_en"] = _("A single choice question needs its options.")
    for name in ("characteristic", "indicator"):
        related = getattr(question, name)
        if related is not None and related.organization_id != organization.pk:
            errors[name] = _("Choose one of this organization.")
    if errors:
        raise ValidationError(
            {
                "questions": _("Question %(n)s: %(errors)s")
                % {"n": index + 1, "errors": "; ".join(str(e) for e in errors.values())}
            }
        )
    return question


def _write_version(
    instrument: Instrument, *, actor: User, questions: list[dict[str, Any]]
) -> InstrumentVersion:
    """A new version with these questions (inside the caller's transaction)."""
    organization = instrument.organization
    if not questions:
        raise ValidationError({"questions": _("An instrument needs at least one question.")})
    rows = [_clean_question(organization, i, q) for i, q in enumerate(questions)]
    last = instrument.versions.order_by("-number").values_list("number", flat=True).first()
    version = record_create(
        InstrumentVersion,
        actor=actor,
        data={
            "organization": organization,
            "instrument": instrument,
            "number": (last or 0) + 1,
            "created_by": actor,
        },
    )
    for row in rows:
        row.version = version
    Question.objects.bulk_create(rows)
    # One entry for the questions: they are the version's content, written at once.
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=version,
        object_type="measurement.question",
        object_id=str(version.pk),
        object_repr=f"{version} questions",
        after={"questions": [snapshot(q) for q in version.questions.all()]},
    )
    record_update(instrument, actor=actor, data={"current_version": version})
    return version


def instrument_generate(
    *, actor: User, organization: Organization, contact_point: ContactPoint
) -> Instrument:
    """An instrument of a contact point from its characteristic model: a 1-5 rating
    per indicator of each characteristic its approved specifications refer to (a
    few of each, so the form stays short), and "what went wrong?" after a low
    rating; when they name none, an overall rating, a recommendation (NPS) and
    "what went wrong?"."""
    require(actor, organization, MANAGE)
    if contact_point is None or contact_point.organization_id != organization.pk:
        raise ValidationError({"contact_point": _("Choose a contact point of this organization.")})
    with transaction.atomic():
        english, chinese = _both(gettext_noop("Your evaluation of %(point)s"))
        instrument = record_create(
            Instrument,
            actor=actor,
            data={
                "organization": organization,
                "name_en": english % {"point": contact_point.name_en or contact_point.name_zh},
                "name_zh": chinese % {"point": contact_point.name_zh or contact_point.name_en},
                "contact_points": [contact_point],
            },
        )
        _write_version(instrument, actor=actor, questions=_generated_questions(contact_point))
        instrument.refresh_from_db()
        return instrument


def instrument_create(
    *, actor: User, organization: Organization, data: dict[str, Any], questions: list[dict]
) -> Instrument:
    """An instrument written by hand, possibly shared by several contact points."""
    require(actor, organization, MANAGE)
    points = list(data.get("contact_points", []))
    if any(p.organization_id != organization.pk for p in points):
        raise ValidationError({"contact_points": _("Choose contact points of this organization.")})
    with transaction.atomic():
        instrument = record_create(
            Instrument, actor=actor, data={**data, "organization": organization}
        )
        _write_version(instrument, actor=actor, questions=questions)
        instrument.refresh_from_db()
        return instrument


def instrument_revise(
    *, actor: User, instrument: Instrument, questions: list[dict[str, Any]]
) -> InstrumentVersion:
    """Edit the questions: a new version; the answers given to earlier ones stay
    with the questions they answered."""
    require(actor, instrument.organization, MANAGE)
    with transaction.atomic():
        return _write_version(instrument, actor=actor, questions=questions)


def instrument_regenerate(*, actor: User, instrument: Instrument) -> InstrumentVersion:
    """A new version from the characteristic model of the instrument's first contact
    point as approved now (after its specifications changed)."""
    require(actor, instrument.organization, MANAGE)
    point = instrument.contact_points.order_by("pk").first()
    if point is None:
        raise ValidationError(_("The instrument serves no contact point to generate from."))
    with transaction.atomic():
        return _write_version(instrument, actor=actor, questions=_generated_questions(point))


def instrument_update(*, actor: User, instrument: Instrument, data: dict[str, Any]) -> Instrument:
    """Names, contact points and whether it is in use: no new version."""
    require(actor, instrument.organization, MANAGE)
    allowed = {"name_en", "name_zh", "contact_points", "is_active"}
    if set(data) - allowed:
        raise ValidationError(_("Only the names, contact points and status change here."))
    points = list(data.get("contact_points", []))
    if any(p.organization_id != instrument.organization_id for p in points):
        raise ValidationError({"contact_points": _("Choose contact points of this organization.")})
    return record_update(instrument, actor=actor, data=data)


def questions_of(version: InstrumentVersion) -> list[dict[str, Any]]:
    """A version's questions as data for the next revision."""
    return [
        {name: getattr(q, name) for name in QUESTION_FIELDS}
        for q in version.questions.select_related("characteristic", "indicator")
    ]
