"""Nonconformities raised by inspections and audits, through the improvement app's
register (4.5.2). The improvement app owns nonconformities; measurement only asks
it to raise one and keeps the number for the link back."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from fuwu.core.services import record_update
from fuwu.improvement.services.nonconformities import raise_nonconformity

from ..models import InspectionResult, InspectionRound, NonconformityGrain, Outcome


def _raise(**kwargs: Any) -> Any:
    return raise_nonconformity(**kwargs)


def _failure_text(result: InspectionResult, language: str) -> str:
    with override(language):
        text = result.text
        criterion = result.criterion
        parts = [_("Inspection item failed: %(item)s") % {"item": text}]
        if criterion:
            parts.append(_("Criterion: %(criterion)s") % {"criterion": criterion})
        if result.measured_value is not None:
            parts.append(_("Measured: %(value)s") % {"value": result.measured_value.normalize()})
        if result.note:
            parts.append(result.note)
        return "\n".join(parts)


def raise_for_round(*, actor: Any, round: InspectionRound) -> list[Any]:
    """Raise the nonconformities of a completed round's failed items."""
    from ..selectors import settings_of

    failed = list(round.results.filter(outcome=Outcome.FAIL).order_by("order", "pk"))
    if not failed:
        return []
    grain = settings_of(round.organization).nonconformity_grain
    groups = [failed] if grain == NonconformityGrain.ROUND else [[r] for r in failed]
    raised = []
    for group in groups:
        head = f"{round.number} {round.contact_point.code}"
        description_en = head + "\n" + "\n\n".join(_failure_text(r, "en") for r in group)
        description_zh = head + "\n" + "\n\n".join(_failure_text(r, "zh-hans") for r in group)
        characteristics = {r.characteristic for r in group if r.characteristic}
        nonconformity = _raise(
            actor=actor,
            organization=round.organization,
            site=round.site,
            source="inspection",
            source_object=round,
            description_en=description_en,
            description_zh=description_zh,
            severity="minor",
            contact_point=round.contact_point,
            characteristic=characteristics.pop() if len(characteristics) == 1 else "",
            immediate_remedy_en=round.reaction_en,
            immediate_remedy_zh=round.reaction_zh,
            detected_at=round.completed_at,
        )
        if nonconformity is None:
            continue
        raised.append(nonconformity)
        for result in group:  # the link back, audited like any change
            record_update(result, actor=actor, data={"nonconformity_id": nonconformity.pk})
    return raised


__all__ = ["raise_for_finding", "raise_for_round"]


def raise_for_finding(*, actor: Any, finding: Any) -> Any:
    """Raise the nonconformity of a minor or major audit finding."""
    audit = finding.audit
    texts = {}
    for language, key in (("en", "en"), ("zh-hans", "zh")):
        with override(language):
            texts[key] = "\n".join(
                part
                for part in (
                    _("Internal audit %(number)s, clause %(clause)s: %(finding)s")
                    % {
                        "number": audit.number,
                        "clause": finding.clause,
                        "finding": finding.description,
                    },
                    _("Evidence: %(evidence)s") % {"evidence": finding.evidence}
                    if finding.evidence
                    else "",
                )
                if part
            )
    nonconformity = _raise(
        actor=actor,
        organization=audit.organization,
        site=audit.site or finding.site,
        source="audit",
        source_object=audit,
        description_en=texts["en"],
        description_zh=texts["zh"],
        severity="major" if finding.grade == "major" else "minor",
        detected_at=audit.completed_at,
    )
    if nonconformity is not None:
        record_update(finding, actor=actor, data={"nonconformity_id": nonconformity.pk})
    return nonconformity


def _evaluation_text(evaluation: Any, answers: list[Any], language: str, call_back: bool) -> str:
    with override(language):
        point = evaluation.collection_point.contact_point.name
        lines = []
        if evaluation.low:
            lines.append(_("A customer rated %(point)s low.") % {"point": point})
        if call_back:
            # Never the contact itself: it is erasable, a nonconformity is kept for years.
            lines.append(
                _("A customer of %(point)s asked to be called back (see the call-back requests).")
                % {"point": point}
            )
        for answer in answers:
            question = answer.question
            if answer.value is not None and question.type == "rating" and answer.value <= 2:
                lines.append(f"{question.text}: {answer.value}/5")
            elif answer.text:
                lines.append(f"{question.text} {answer.text}")
        if evaluation.comment:
            lines.append(evaluation.comment)
        return "\n".join(lines)


def raise_follow_up(
    *, actor: Any, evaluation: Any, answers: list[Any], call_back: bool = False
) -> Any:
    """The remedial follow-up of a low customer evaluation or a call-back request
    (source "evaluation")."""
    point = evaluation.collection_point
    low = [a for a in answers if a.value is not None and a.question.type == "rating"]
    worst = min(low, key=lambda a: a.value) if low else None
    characteristic = worst.question.characteristic if worst else None
    return _raise(
        actor=actor,
        organization=point.organization,
        site=point.site,
        source="evaluation",
        source_object=evaluation,
        description_en=_evaluation_text(evaluation, answers, "en", call_back),
        description_zh=_evaluation_text(evaluation, answers, "zh-hans", call_back),
        contact_point=point.contact_point,
        characteristic=characteristic.key if characteristic else "",
        detected_at=evaluation.submitted_at,
    )
