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
from fuwu.design.models import (
    Characteristic,
    CharacteristicKey,
    ContactPoint,
    Indicator,
    SpecificationItem,
)
from fuwu.design.models.specifications import CATEGORY_CHARACTERISTIC
from fuwu.documents.models import Status

from ..models.evaluations import (
    Dimension,
    Instrument,
    InstrumentKind,
    InstrumentVersion,
    PairRole,
    Question,
    QuestionType,
)

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
    "pair_key",
    "role",
    "dimension",
)


class QuestionsInvalid(ValidationError):
    """What is wrong with a revision, by question number (1-based): nothing was written."""

    def __init__(self, by_question: dict[str, str]) -> None:
        summary = "; ".join(
            _("Question %(n)s: %(errors)s") % {"n": n, "errors": text}
            for n, text in by_question.items()
        )
        super().__init__({"questions": summary})
        self.by_question = by_question


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
# Whatever is written by hand: a form far longer is not answered, and the page must stay small.
MAX_QUESTIONS = 20
# A study asks pairs: SERVQUAL's 22 items (Parasuraman et al. 1988) make 44 questions.
MAX_STUDY_QUESTIONS = 44
MAX_OPTIONS = 10
MAX_OPTION_LENGTH = 80
MAX_TEXT = 300


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


def _label(text: str) -> str:
    """A question's text as a reader compares it: case, spaces and punctuation aside."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _asked_as(indicator: Indicator) -> tuple[str, str]:
    """The rating question of an indicator in both languages, named with its
    characteristic: the model shares indicators between characteristics (A.4.2.2 b and
    c both judge "safe and reliable", 安全可靠), so the indicator alone can ask the
    same question twice."""
    characteristic = indicator.characteristic
    standard = characteristic.key in CharacteristicKey.values
    texts = []
    for language, field, other in (("en", "en", "zh"), ("zh-hans", "zh", "en")):
        with override(language):
            name = (
                getattr(characteristic, f"name_{field}")
                or (str(CharacteristicKey(characteristic.key).label) if standard else "")
                or getattr(characteristic, f"name_{other}")
            )
            judged = getattr(indicator, f"name_{field}") or getattr(indicator, f"name_{other}")
            # Translators: a generated rating question, e.g. "Service facilities: safe and
            # reliable"; in Chinese with the full-width colon.
            text = _("%(characteristic)s: %(indicator)s") % {
                "characteristic": name,
                "indicator": judged,
            }
        texts.append(text[:MAX_TEXT])
    return texts[0], texts[1]


def _generated_questions(point: ContactPoint) -> list[dict[str, Any]]:
    characteristics = point_characteristics(point)
    if not characteristics:
        return _default_questions()
    indicators = Indicator.objects.filter(
        characteristic__in=characteristics, is_active=True
    ).select_related("characteristic")
    chosen: list[tuple[Indicator, str, str]] = []
    per_characteristic: dict[int, int] = {}
    asked: set[str] = set()
    for indicator in indicators:  # the model's order: characteristic, then indicator
        count = per_characteristic.get(indicator.characteristic_id, 0)
        if count >= MAX_PER_CHARACTERISTIC or len(chosen) >= MAX_RATINGS:
            continue
        english, chinese = _asked_as(indicator)
        labels = {"en:" + _label(english), "zh:" + _label(chinese)}
        if labels & asked:
            continue  # never the same question twice, in either language: the next one
        asked |= labels
        per_characteristic[indicator.characteristic_id] = count + 1
        chosen.append((indicator, english, chinese))
    if not chosen:
        return _default_questions()
    questions: list[dict[str, Any]] = [
        {
            "type": QuestionType.RATING,
            "required": False,
            "text_en": english,
            "text_zh": chinese,
            "characteristic": indicator.characteristic,
            "indicator": indicator,
        }
        for indicator, english, chinese in chosen
    ]
    questions.append(_follow_up_question())
    return questions


def _question_errors(organization: Organization, question: Question) -> list[str]:
    errors: list[str] = []
    if question.type not in QuestionType.values:
        errors.append(_("Choose a question type."))
    if not (question.text_en.strip() or question.text_zh.strip()):
        errors.append(_("Write the question in at least one language."))
    if question.type == QuestionType.CHOICE and not question.options("en"):
        errors.append(_("A single choice question needs its options."))
    lines = [
        [o for o in text.splitlines() if o.strip()]
        for text in (question.options_en, question.options_zh)
    ]
    if any(len(options) > MAX_OPTIONS for options in lines) or any(
        len(option.strip()) > MAX_OPTION_LENGTH for options in lines for option in options
    ):
        errors.append(
            _("Give at most %(n)s options of at most %(length)s characters each.")
            % {"n": MAX_OPTIONS, "length": MAX_OPTION_LENGTH}
        )
    if question.type == QuestionType.CHOICE and all(lines) and len(lines[0]) != len(lines[1]):
        errors.append(_("Give as many options in Chinese as in English."))
    for name in ("characteristic", "indicator"):
        related = getattr(question, name)
        if related is not None and related.organization_id != organization.pk:
            errors.append(_("Choose one of this organization."))
    indicator, characteristic = question.indicator, question.characteristic
    if indicator and characteristic and indicator.characteristic_id != characteristic.pk:
        errors.append(_("The indicator belongs to another characteristic."))
    if question.role and question.role not in PairRole.values:
        errors.append(_("Choose the question's role in its pair."))
    if question.dimension and question.dimension not in Dimension.values:
        errors.append(_("Choose a SERVQUAL dimension."))
    for name, limit in (("text_en", 300), ("text_zh", 300), ("pair_key", 40)):
        if len(getattr(question, name)) > limit:
            errors.append(_("Write at most %(n)s characters.") % {"n": limit})
    return errors


def _clean_question(
    organization: Organization, index: int, data: Any
) -> tuple[Question | None, list[str]]:
    if not isinstance(data, dict):
        return None, [_("Send each question as an object.")]
    unknown = set(data) - set(QUESTION_FIELDS)
    if unknown:
        return None, [_("Unknown field: %(f)s") % {"f": sorted(unknown)[0]}]
    values = {
        k: ("" if v is None else v)
        for k, v in data.items()
        if k not in ("characteristic", "indicator")
    }
    for name in (
        "text_en",
        "text_zh",
        "options_en",
        "options_zh",
        "pair_key",
        "role",
        "dimension",
        "type",
    ):
        if name in values and not isinstance(values[name], str):
            return None, [_("Write %(field)s as text.") % {"field": name}]
    for name in ("required", "after_low_rating"):
        if name in values and not isinstance(values[name], bool):
            return None, [_("Give %(field)s as true or false.") % {"field": name}]
    values["pair_key"] = values.get("pair_key", "").strip()
    question = Question(
        organization=organization,
        order=index,
        characteristic=data.get("characteristic"),
        indicator=data.get("indicator"),
        **values,
    )
    return question, _question_errors(organization, question)


# What each kind of study asks: the type of both halves of a pair and their roles.
PAIRS = {
    InstrumentKind.KANO: (QuestionType.KANO, (PairRole.FUNCTIONAL, PairRole.DYSFUNCTIONAL)),
    InstrumentKind.SERVQUAL: (QuestionType.SCALE7, (PairRole.EXPECTATION, PairRole.PERCEPTION)),
}


def _pair_errors(kind: str, rows: list[Question]) -> dict[str, str]:
    """A study's pairs are whole: each pair key has exactly one question of each
    role, of the study's type (SERVQUAL's with one dimension)."""
    errors: dict[str, str] = {}
    if kind not in PAIRS:
        for n, row in enumerate(rows, 1):
            if row.role or row.pair_key or row.type == QuestionType.KANO:
                errors[str(n)] = _("Only Kano and SERVQUAL studies ask questions in pairs.")
        return errors
    answer_type, roles = PAIRS[kind]
    pairs: dict[str, list[tuple[int, Question]]] = {}
    for n, row in enumerate(rows, 1):
        if row.type == answer_type or row.role or row.pair_key:
            if row.type != answer_type or row.role not in roles or not row.pair_key:
                errors[str(n)] = _(
                    "A study question needs its pair key, the role %(roles)s and the type %(type)s."
                ) % {
                    "roles": " / ".join(str(PairRole(r).label) for r in roles),
                    "type": QuestionType(answer_type).label,
                }
                continue
            pairs.setdefault(row.pair_key, []).append((n, row))
    for members in pairs.values():
        if sorted(row.role for _n, row in members) != sorted(roles):
            for n, _row in members:
                errors.setdefault(str(n), _("Each pair needs exactly one question of each role."))
        elif kind == InstrumentKind.SERVQUAL and (
            len({row.dimension for _n, row in members}) != 1 or not members[0][1].dimension
        ):
            for n, _row in members:
                errors.setdefault(str(n), _("Both questions of a pair name the same dimension."))
    if not pairs and not errors:
        errors["1"] = _("A study needs at least one pair of questions.")
    return errors


def max_questions(kind: str) -> int:
    return MAX_QUESTIONS if kind == InstrumentKind.STANDARD else MAX_STUDY_QUESTIONS


def _write_version(
    instrument: Instrument, *, actor: User, questions: list[dict[str, Any]]
) -> InstrumentVersion:
    """A new version with these questions (inside the caller's transaction)."""
    organization = instrument.organization
    if not isinstance(questions, list) or not questions:
        raise ValidationError({"questions": _("An instrument needs at least one question.")})
    limit = max_questions(instrument.kind)
    if len(questions) > limit:
        raise ValidationError(
            {"questions": _("An instrument asks at most %(n)s questions.") % {"n": limit}}
        )
    rows: list[Question] = []
    errors: dict[str, str] = {}
    for i, data in enumerate(questions):
        row, wrong = _clean_question(organization, i, data)
        if wrong:
            errors[str(i + 1)] = "; ".join(str(e) for e in wrong)
        if row is not None:
            rows.append(row)
    if not errors:
        errors = _pair_errors(instrument.kind, rows)
    if errors:
        raise QuestionsInvalid(errors)
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
    if instrument.kind != InstrumentKind.STANDARD:
        raise ValidationError(_("A study's questions are its pairs: edit them instead."))
    point = instrument.contact_points.order_by("pk").first()
    if point is None:
        raise ValidationError(_("The instrument serves no contact point to generate from."))
    with transaction.atomic():
        return _write_version(instrument, actor=actor, questions=_generated_questions(point))


def instrument_update(*, actor: User, instrument: Instrument, data: dict[str, Any]) -> Instrument:
    """Names, contact points, whether it is in use and whether it offers a call-back:
    no new version."""
    require(actor, instrument.organization, MANAGE)
    allowed = {"name_en", "name_zh", "contact_points", "is_active", "offer_call_back"}
    if set(data) - allowed:
        raise ValidationError(
            _("Only the names, contact points, status and call-back offer change here.")
        )
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
