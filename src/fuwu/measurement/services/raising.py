"""Nonconformities raised by inspections and audits, through the improvement app's
register (4.5.2). The improvement app owns nonconformities; measurement only asks
it to raise one and keeps the number for the link back."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from fuwu.core.services import record_update
from fuwu.improvement.services.nonconformities import raise_nonconformity

from ..models import CollectionPoint, InspectionResult, InspectionRound, NonconformityGrain, Outcome


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


__all__ = ["follow_up_from_dashboard", "raise_for_finding", "raise_for_round"]


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


FOLLOW_UP_DAYS = 30  # a preventive action from a dashboard is due in this many days


def _follow_up_texts(
    *,
    reason: str,
    chart: str,
    day: Any,
    value: Any,
    rules: str,
    start: Any,
    end: Any,
    where: str,
    index: Any,
    target: Any,
) -> tuple[str, str]:
    texts = []
    for language in ("en", "zh-hans"):
        with override(language):
            if reason == "signal":
                what = (
                    _("daily mean rating")
                    if chart == "individuals"
                    else _("daily share of low evaluations")
                )
                text = _(
                    "Control chart signal on %(day)s: the %(what)s was %(value)s "
                    "(Western Electric rules %(rules)s) — %(where)s."
                ) % {"day": day, "what": what, "value": value, "rules": rules, "where": where}
            else:
                text = _(
                    "The satisfaction index was %(index)s from %(start)s to %(end)s, below "
                    "the target of %(target)s — %(where)s."
                ) % {"index": index, "start": start, "end": end, "target": target, "where": where}
            texts.append(text)
    return texts[0], texts[1]


def follow_up_from_dashboard(
    *,
    actor: Any,
    organization: Any,
    kind: str,
    reason: str,
    start: Any,
    end: Any,
    chart: str = "",
    day: Any = None,
    value: Any = None,
    rules: str = "",
    site: Any = None,
    contact_point: Any = None,
    characteristic: Any = None,
) -> Any:
    """Open what a dashboard's signal or a figure below target calls for: a
    nonconformity (source "satisfaction", at a site) or a preventive action (origin
    "trend" for a signal, "analysis" for a figure below target; at a site or for the
    whole organization, owned by the actor, due in 30 days). Prefilled in both
    languages from the figures, recomputed here for a figure below target."""
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from fuwu.improvement.services.actions import action_plan

    from ..selectors import settings_of

    index = target = None
    if reason == "below_target":
        from ..satisfaction import satisfaction

        figures = satisfaction(
            organization=organization,
            user=actor,
            start=start,
            end=end,
            sites=[site.pk] if site is not None else None,
            contact_points=[contact_point.pk] if contact_point is not None else None,
            characteristic=characteristic.pk if characteristic is not None else None,
        )[0]
        target = settings_of(organization).satisfaction_target
        if figures.index is None or figures.index >= target:
            raise ValidationError({"reason": _("The satisfaction index is not below target.")})
        index = round(figures.index, 1)
    elif reason != "signal" or day is None:
        raise ValidationError({"reason": _("Say which signal the follow-up answers.")})
    parts = [
        site.code if site is not None else _("all sites"),
        contact_point.label if contact_point is not None else "",
        str(characteristic.name) if characteristic is not None else "",
    ]
    where = ", ".join(p for p in parts if p)
    english, chinese = _follow_up_texts(
        reason=reason,
        chart=chart,
        day=day,
        value=value,
        rules=rules,
        start=start,
        end=end,
        where=where,
        index=index,
        target=target,
    )
    point = None
    if site is not None and contact_point is not None:
        point = CollectionPoint.objects.filter(
            organization=organization, site=site, contact_point=contact_point
        ).first()
    if kind == "nonconformity":
        if site is None:
            raise ValidationError(
                {"site": _("Choose a site on the dashboard: a nonconformity belongs to one.")}
            )
        return _raise(
            actor=actor,
            organization=organization,
            site=site,
            source="satisfaction",
            source_object=point,
            description_en=english,
            description_zh=chinese,
            contact_point=contact_point
            if contact_point is not None
            and (contact_point.site_id is None or contact_point.site_id == site.pk)
            else None,
            characteristic=characteristic.key if characteristic is not None else "",
        )
    if kind == "preventive":
        return action_plan(
            actor=actor,
            organization=organization,
            kind="preventive",
            owner=actor,
            due_on=timezone.localdate() + timedelta(days=FOLLOW_UP_DAYS),
            description_en=english,
            description_zh=chinese,
            site=site,
            origin="trend" if reason == "signal" else "analysis",
        )
    raise ValidationError({"kind": _("Choose a nonconformity or a preventive action.")})
