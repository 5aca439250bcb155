# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Service commitments (4.4.5, A.4.4): drafted with a measurable fulfilment criterion
and an owner, reviewed for capability, put in force (active, or published for a
published promise) only with an approved review — 409 with the reason otherwise —
and measured per period: from Fuwu's own data through a fulfilment source
(fulfilment.py), or recorded by hand. A period that misses the target is a breach: it
raises a nonconformity through improvement's source registry ("commitment_breach")."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.dates import EARLIEST_DAY
from fuwu.core.errors import StateConflict
from fuwu.core.models import Organization, Site
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import can, in_site_scope, require
from fuwu.core.services import number_next
from fuwu.design.models import Characteristic, ContactPoint

from .. import fulfilment
from ..models import (
    Commitment,
    CommitmentKind,
    CommitmentReview,
    CommitmentStatus,
    Comparison,
    CustomerRequirement,
    FulfilmentRecord,
    RequirementStatus,
)
from .common import require_text

MANAGE = "operations.manage_commitments"
REVIEW = "operations.review_commitments"
RECORD = "operations.record_fulfilment"
EDITABLE = (
    "kind",
    "site",
    "promise_en",
    "promise_zh",
    "criterion_en",
    "criterion_zh",
    "comparison",
    "target",
    "unit",
    "published_where_en",
    "published_where_zh",
    "owner",
    "requirement",
    "contact_point",
    "characteristic",
    "fulfilment_source",
)


def _scope(actor: Any, organization: Organization, site_id: int | None) -> None:
    if not in_site_scope(actor, organization, site_id):
        raise PermissionDenied(
            _("This site is outside your sites.")
            if site_id
            else _("Only someone who works for every site manages an organization-wide one.")
        )


def _clean(organization: Organization, data: dict[str, Any]) -> dict[str, Any]:
    if data.get("kind") not in CommitmentKind.values:
        raise ValidationError({"kind": _("Choose contractual, verbal or published.")})
    site = data.get("site")
    if site is not None and (not isinstance(site, Site) or site.organization_id != organization.pk):
        raise ValidationError({"site": _("Choose a site of this organization.")})
    require_text(
        "promise",
        data.get("promise_en", ""),
        data.get("promise_zh", ""),
        _("Write what is promised, in either language."),
    )
    require_text(
        "criterion",
        data.get("criterion_en", ""),
        data.get("criterion_zh", ""),
        _("Say how keeping the promise is measured."),
    )
    if data.get("comparison") not in Comparison.values:
        raise ValidationError({"comparison": _("Choose at least or at most.")})
    try:
        target = Decimal(str(data.get("target")))
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValidationError({"target": _("Give the target as a number.")}) from exc
    if not target.is_finite() or abs(target) >= Decimal("1e8"):
        raise ValidationError({"target": _("Give the target as a number.")})
    data["target"] = target.quantize(Decimal("0.01"))
    if data.get("kind") == CommitmentKind.PUBLISHED:
        require_text(
            "published_where",
            data.get("published_where_en", ""),
            data.get("published_where_zh", ""),
            _("Say where the promise is published (a poster, the website, an advertisement)."),
        )
    owner = data.get("owner")
    if owner is None or not can(owner, organization, "operations.view"):
        raise ValidationError({"owner": _("Choose a member of this organization as its owner.")})
    if site is not None and not in_site_scope(owner, organization, site.pk):
        raise ValidationError({"owner": _("The owner must work at the commitment's site.")})
    requirement = data.get("requirement")
    if requirement is not None and (
        not isinstance(requirement, CustomerRequirement)
        or requirement.organization_id != organization.pk
    ):
        raise ValidationError({"requirement": _("Choose a requirement of this organization.")})
    point = data.get("contact_point")
    if point is not None:
        if not isinstance(point, ContactPoint) or point.organization_id != organization.pk:
            raise ValidationError(
                {"contact_point": _("Choose a contact point of this organization.")}
            )
        if site is not None and point.site_id not in (None, site.pk):
            raise ValidationError(
                {"contact_point": _("This contact point belongs to another site.")}
            )
    characteristic = data.get("characteristic")
    if characteristic is not None and (
        not isinstance(characteristic, Characteristic)
        or characteristic.organization_id != organization.pk
    ):
        raise ValidationError(
            {"characteristic": _("Choose a characteristic of this organization.")}
        )
    source = data.get("fulfilment_source") or fulfilment.MANUAL
    if fulfilment.get_source(source) is None:
        raise ValidationError({"fulfilment_source": _("Choose where fulfilment is measured from.")})
    data["fulfilment_source"] = source
    for name in (
        "promise_en",
        "promise_zh",
        "criterion_en",
        "criterion_zh",
        "unit",
        "published_where_en",
        "published_where_zh",
    ):
        data[name] = (data.get(name) or "").strip()
    return data


def _save(actor: Any, record: Commitment, **changes: Any) -> Commitment:
    before = snapshot(record)
    for name, value in changes.items():
        setattr(record, name, value)
    record.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=record,
        before=before,
        after=snapshot(record),
    )
    return record


def commitment_create(
    *, actor: Any, organization: Organization, owner: Any = None, **data: Any
) -> Commitment:
    """Draft a commitment (numbered CMT-YEAR-NNNN); it is not in force until its
    capability review is approved and it is activated."""
    require(actor, organization, MANAGE)
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    site = data.get("site")
    _scope(actor, organization, getattr(site, "pk", None))
    data = _clean(
        organization, {"comparison": Comparison.AT_LEAST, **data, "owner": owner or actor}
    )
    with transaction.atomic():
        record = Commitment(
            organization=organization,
            number=number_next(organization=organization, prefix="CMT"),
            **data,
        )
        record.full_clean()
        record.save()
        audit_record(
            actor=actor, action=AuditAction.CREATE, instance=record, after=snapshot(record)
        )
        return record


def commitment_update(*, actor: Any, commitment: Commitment, data: dict[str, Any]) -> Commitment:
    """Change a commitment. Its promise or criterion changed while in force, it goes
    back to draft: a changed promise needs a new capability review (A.4.4)."""
    organization = commitment.organization
    require(actor, organization, MANAGE)
    _scope(actor, organization, commitment.site_id)
    values = {name: getattr(commitment, name) for name in EDITABLE}
    values |= {k: v for k, v in data.items() if k in EDITABLE}
    _scope(actor, organization, getattr(values.get("site"), "pk", None))
    values = _clean(organization, values)
    with transaction.atomic():
        record = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if record.status == CommitmentStatus.WITHDRAWN:
            raise StateConflict(_("This commitment is withdrawn; draft a new one."))
        changed = {k: v for k, v in values.items() if getattr(record, k) != v}
        if not changed:
            return record
        promise_fields = {
            "promise_en",
            "promise_zh",
            "criterion_en",
            "criterion_zh",
            "comparison",
            "target",
            "kind",
            "site",
            "contact_point",
            "characteristic",
        }
        if promise_fields & set(changed):
            # A changed promise needs a new capability review before it is in force.
            changed["revised_at"] = timezone.now()
            if record.in_force:
                changed |= {"status": CommitmentStatus.DRAFT, "activated_at": None}
        return _save(actor, record, **changed)


def commitment_review(
    *,
    actor: Any,
    commitment: Commitment,
    approved: bool,
    tangible_en: str = "",
    tangible_zh: str = "",
    intangible_en: str = "",
    intangible_zh: str = "",
    note_en: str = "",
    note_zh: str = "",
) -> CommitmentReview:
    """Review whether the organization can keep the promise: the tangible and the
    intangible characteristics, approved or not (a refusal says why)."""
    organization = commitment.organization
    require(actor, organization, REVIEW)
    _scope(actor, organization, commitment.site_id)
    require_text(
        "tangible",
        tangible_en,
        tangible_zh,
        _("Say whether the facilities, supplies, environment and people can keep it."),
    )
    require_text(
        "intangible",
        intangible_en,
        intangible_zh,
        _("Say whether the procedure, skills, etiquette and scope can keep it."),
    )
    if not approved:
        require_text("note", note_en, note_zh, _("Say why the commitment cannot be kept."))
    with transaction.atomic():
        record = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if record.status == CommitmentStatus.WITHDRAWN:
            raise StateConflict(_("This commitment is withdrawn; draft a new one."))
        review = CommitmentReview.objects.create(
            organization=organization,
            commitment=record,
            reviewer=actor,
            reviewed_at=timezone.now(),
            approved=bool(approved),
            tangible_en=tangible_en or "",
            tangible_zh=tangible_zh or "",
            intangible_en=intangible_en or "",
            intangible_zh=intangible_zh or "",
            note_en=note_en or "",
            note_zh=note_zh or "",
        )
        audit_record(
            actor=actor, action=AuditAction.CREATE, instance=review, after=snapshot(review)
        )
        return review


def activation_refusal(commitment: Commitment) -> str:
    """Why the commitment cannot be put in force now ("" when it can)."""
    if commitment.in_force:
        return _("This commitment is in force already.")
    if commitment.status == CommitmentStatus.WITHDRAWN:
        return _("This commitment is withdrawn; draft a new one.")
    latest = commitment.reviews.order_by("-reviewed_at", "-pk").first()
    if latest is None or (commitment.revised_at and latest.reviewed_at < commitment.revised_at):
        return _(
            "A commitment is put in force only after a capability review has approved it "
            "(4.4.5): review it first."
        )
    if not latest.approved:
        return _(
            "Its latest capability review did not approve it: it cannot become active or published."
        )
    if commitment.requirement_id and commitment.requirement.status != RequirementStatus.COMMITTED:
        return _(
            "The requirement it answers is not committed: review and commit the requirement first."
        )
    return ""


def commitment_activate(*, actor: Any, commitment: Commitment) -> Commitment:
    """Put in force: active, or published for a published promise. Refused (409) without
    an approved capability review (the latest review decides)."""
    organization = commitment.organization
    require(actor, organization, MANAGE)
    _scope(actor, organization, commitment.site_id)
    with transaction.atomic():
        record = Commitment.objects.select_for_update().get(pk=commitment.pk)
        reason = activation_refusal(record)
        if reason:
            raise StateConflict(reason)
        status = (
            CommitmentStatus.PUBLISHED
            if record.kind == CommitmentKind.PUBLISHED
            else CommitmentStatus.ACTIVE
        )
        return _save(actor, record, status=status, activated_at=timezone.now(), activated_by=actor)


def commitment_withdraw(*, actor: Any, commitment: Commitment) -> Commitment:
    organization = commitment.organization
    require(actor, organization, MANAGE)
    _scope(actor, organization, commitment.site_id)
    with transaction.atomic():
        record = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if record.status == CommitmentStatus.WITHDRAWN:
            raise StateConflict(_("This commitment is withdrawn already."))
        return _save(actor, record, status=CommitmentStatus.WITHDRAWN, withdrawn_at=timezone.now())


# -- fulfilment -------------------------------------------------------------------------


def _period(start: Any, end: Any) -> tuple[date, date]:
    if not isinstance(start, date) or not isinstance(end, date):
        raise ValidationError({"period_start": _("Give the period's first and last day.")})
    if end < start:
        raise ValidationError({"period_end": _("The period must start before it ends.")})
    if start < EARLIEST_DAY:
        raise ValidationError({"period_start": _("Choose a period from the year 1900 on.")})
    if end > timezone.localdate():
        raise ValidationError({"period_end": _("A period still to come cannot be measured.")})
    if (end - start).days > 366:
        raise ValidationError({"period_end": _("Choose a period of at most a year.")})
    return start, end


def fulfilment_record(
    *,
    actor: Any,
    commitment: Commitment,
    period_start: date,
    period_end: date,
    delivered: Any = None,
    sample_size: int | None = None,
    note_en: str = "",
    note_zh: str = "",
    site: Site | None = None,
) -> FulfilmentRecord:
    """Record what was delivered in a period. With an automatic fulfilment source
    and no `delivered`, it is measured from Fuwu's data (read only); by hand otherwise.
    A period below the promise is a breach: it raises a nonconformity at the
    commitment's site (or `site` for an organization-wide one) with a note."""
    organization = commitment.organization
    require(actor, organization, RECORD)
    _scope(actor, organization, commitment.site_id)
    commitment = Commitment.objects.select_related("site", "characteristic").get(pk=commitment.pk)
    if not commitment.in_force:
        raise StateConflict(_("Only a commitment in force has its fulfilment measured."))
    start, end = _period(period_start, period_end)
    source = fulfilment.get_source(commitment.fulfilment_source)
    source_key = fulfilment.MANUAL
    if delivered in (None, ""):
        if source is None or not source.automatic:
            raise ValidationError({"delivered": _("Give the figure delivered in the period.")})
        measured = source.measure(commitment, start, end, actor)
        if measured is None:
            raise ValidationError(
                {"delivered": _("Nothing to measure in this period: record the figure by hand.")}
            )
        delivered, sample_size, source_key = measured.value, measured.sample_size, source.key
    try:
        value = Decimal(str(delivered)).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValidationError({"delivered": _("Give the figure as a number.")}) from exc
    if not value.is_finite() or abs(value) >= Decimal("1e8"):
        raise ValidationError({"delivered": _("Give the figure as a number.")})
    if sample_size is not None and (not isinstance(sample_size, int) or sample_size < 0):
        raise ValidationError({"sample_size": _("Give the sample size as a whole number.")})
    kept = commitment.kept(value)
    breach_site = commitment.site or site
    if not kept:
        require_text(
            "note",
            note_en,
            note_zh,
            _("The promise was not kept: say what happened; it becomes the nonconformity."),
        )
        if breach_site is None:
            raise ValidationError({"site": _("Say at which site the promise was not kept.")})
        if breach_site.organization_id != organization.pk:
            raise ValidationError({"site": _("Choose a site of this organization.")})
    with transaction.atomic():
        record = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if FulfilmentRecord.objects.filter(
            commitment=record, period_start=start, period_end=end
        ).exists():
            raise StateConflict(_("This period is recorded already."))
        entry = FulfilmentRecord.objects.create(
            organization=organization,
            commitment=record,
            period_start=start,
            period_end=end,
            delivered=value,
            target=record.target,
            sample_size=sample_size,
            kept=kept,
            source=source_key,
            recorded_by=actor,
            recorded_at=timezone.now(),
            note_en=note_en or "",
            note_zh=note_zh or "",
        )
        if not kept:
            entry.nonconformity = _raise_breach(actor, record, entry, breach_site)
            entry.save(update_fields=["nonconformity", "updated_at"])
        audit_record(actor=actor, action=AuditAction.CREATE, instance=entry, after=snapshot(entry))
        return entry


def _raise_breach(actor: Any, commitment: Commitment, entry: FulfilmentRecord, site: Site) -> Any:
    from fuwu.improvement.services.nonconformities import raise_nonconformity

    figures = {
        "number": commitment.number,
        "start": entry.period_start.isoformat(),
        "end": entry.period_end.isoformat(),
        "delivered": entry.delivered,
        "target": entry.target,
        "unit": commitment.unit,
    }
    promise_en = commitment.promise_en or commitment.promise_zh
    promise_zh = commitment.promise_zh or commitment.promise_en
    return raise_nonconformity(
        actor=actor,
        organization=commitment.organization,
        site=site,
        source="commitment_breach",
        source_object=entry,
        contact_point=commitment.contact_point,
        characteristic=commitment.characteristic.key if commitment.characteristic else "",
        severity="major" if commitment.kind == CommitmentKind.CONTRACTUAL else "minor",
        description_en=(
            "{number} not kept from {start} to {end}: {delivered} {unit} delivered, "
            "{target} {unit} promised.".format(**figures)
            + f"\n{promise_en}\n{entry.note_en or entry.note_zh}"
        ).strip(),
        description_zh=(
            "{number}在{start}至{end}未兑现：实际{delivered} {unit}，承诺{target} {unit}。".format(
                **figures
            )
            + f"\n{promise_zh}\n{entry.note_zh or entry.note_en}"
        ).strip(),
        customer_affected=True,
    )


def month_bounds(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)
