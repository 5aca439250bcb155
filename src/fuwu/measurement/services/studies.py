"""Design studies (ADR 0029): a Kano study asks a functional and a dysfunctional
question of each attribute; a SERVQUAL study asks what customers expect and what
they found of each item, with its dimension. Each pair shares a pair key, so every
answer keeps the pair (and the role) it belongs to."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fuwu.core.models import Organization, User
from fuwu.core.permissions import require

from ..models import Dimension, Instrument, InstrumentKind, PairRole, QuestionType
from .evaluations import MANAGE, _both, instrument_create

# Question wordings (Kano: Berger et al. 1993's functional / dysfunctional form;
# SERVQUAL: Parasuraman et al. 1988's expectation / perception statements, 1-7).
WORDINGS = {
    PairRole.FUNCTIONAL: gettext_noop("%(item)s: if it is there, how do you feel?"),
    PairRole.DYSFUNCTIONAL: gettext_noop("%(item)s: if it is not there, how do you feel?"),
    PairRole.EXPECTATION: gettext_noop(
        "%(item)s: how much do you expect this of an excellent service?"
    ),
    PairRole.PERCEPTION: gettext_noop("%(item)s: how much did you find it here?"),
}
MAX_ITEMS = 20


def _key(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:32] or "item"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    taken.add(key)
    return key


def study_questions(kind: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pairs of questions of a study, from its attributes or items: each
    {"name_en", "name_zh"} (and "dimension" for SERVQUAL)."""
    if kind not in (InstrumentKind.KANO, InstrumentKind.SERVQUAL):
        raise ValidationError({"kind": _("Choose a Kano or SERVQUAL study.")})
    if not items:
        raise ValidationError({"items": _("Name at least one attribute or item.")})
    if len(items) > MAX_ITEMS:
        raise ValidationError({"items": _("A study asks about at most %(n)s.") % {"n": MAX_ITEMS}})
    kano = kind == InstrumentKind.KANO
    roles = (
        (PairRole.FUNCTIONAL, PairRole.DYSFUNCTIONAL)
        if kano
        else (PairRole.EXPECTATION, PairRole.PERCEPTION)
    )
    taken: set[str] = set()
    questions = []
    for n, item in enumerate(items, 1):
        english = str(item.get("name_en", "")).strip()
        chinese = str(item.get("name_zh", "")).strip()
        dimension = str(item.get("dimension", "")).strip().lower()
        if not (english or chinese) or len(english) > 200 or len(chinese) > 200:
            raise ValidationError(
                {"items": _("Line %(n)s: name it in at least one language.") % {"n": n}}
            )
        if not kano and dimension not in Dimension.values:
            raise ValidationError(
                {
                    "items": _("Line %(n)s: begin with a dimension: %(dimensions)s.")
                    % {"n": n, "dimensions": ", ".join(Dimension.values)}
                }
            )
        key = _key(english or chinese, taken)
        for role in roles:
            text_en, text_zh = _both(WORDINGS[role])
            questions.append(
                {
                    "type": QuestionType.KANO if kano else QuestionType.SCALE7,
                    "required": False,
                    "text_en": text_en % {"item": english or chinese},
                    "text_zh": text_zh % {"item": chinese or english},
                    "pair_key": key,
                    "role": role,
                    "dimension": "" if kano else dimension,
                }
            )
    return questions


def parse_items(text: str, kind: str) -> list[dict[str, str]]:
    """Lines of a form: "English | 中文", with "dimension | " before for SERVQUAL."""
    items = []
    for line in text.splitlines():
        parts = [p.strip() for p in re.split(r"[|｜]", line)]  # noqa: RUF001 - the full-width bar
        if not any(parts):
            continue
        dimension = parts.pop(0).lower() if kind == InstrumentKind.SERVQUAL and parts else ""
        english = parts[0] if parts else ""
        chinese = parts[1] if len(parts) > 1 else ""
        items.append({"dimension": dimension, "name_en": english, "name_zh": chinese})
    return items


def study_create(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    name_en: str,
    name_zh: str,
    items: list[dict[str, Any]],
    contact_points: list[Any] | None = None,
) -> Instrument:
    """A Kano or SERVQUAL study: an instrument of that kind whose first version asks
    the pairs of its attributes or items."""
    require(actor, organization, MANAGE)
    if not (name_en.strip() or name_zh.strip()):
        raise ValidationError({"name_en": _("Name the study in at least one language.")})
    questions = study_questions(kind, items)
    return instrument_create(
        actor=actor,
        organization=organization,
        data={
            "name_en": name_en.strip(),
            "name_zh": name_zh.strip(),
            "kind": kind,
            "contact_points": list(contact_points or []),
        },
        questions=questions,
    )
