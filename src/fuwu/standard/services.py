"""Every write of the standard app: scope, applicability, manual assessments, snapshots."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.models import Organization, User
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import require
from fuwu.core.services import record_create, record_update

from .conformity import evaluate
from .models import Applicability, Assessment, AssessmentResult, Clause, ConformitySnapshot, Scope

SCOPE_FIELDS = (
    "statement_en",
    "statement_zh",
    "all_sites",
    "iso9001_certificate",
    "iso9001_certifier_en",
    "iso9001_certifier_zh",
    "iso9001_valid_until",
)


def scope_update(*, actor: User, organization: Organization, data: dict[str, Any]) -> Scope:
    """Create or change the organization's scope statement."""
    require(actor, organization, "standard.manage_scope")
    fields = {k: v for k, v in data.items() if k in SCOPE_FIELDS}
    sites = list(data.get("sites") or [])
    if any(site.organization_id != organization.pk for site in sites):
        raise ValidationError({"sites": _("Choose sites of this organization only.")})
    if fields.get("all_sites") is False and not sites:
        raise ValidationError({"sites": _("Choose the sites in scope, or tick “all sites”.")})
    if "sites" in data:
        fields["sites"] = [] if fields.get("all_sites", True) else sites
    existing = Scope.objects.filter(organization=organization).first()
    if existing is None:
        return record_create(Scope, actor=actor, data={"organization": organization, **fields})
    return record_update(existing, actor=actor, data=fields)


def applicability_set(
    *,
    actor: User,
    organization: Organization,
    clause: Clause,
    applicable: bool,
    justification_en: str = "",
    justification_zh: str = "",
) -> Applicability:
    """Record that a clause applies, or exclude it with a written justification (in
    English, Chinese or both). Only clauses the standard allows to exclude can be excluded."""
    require(actor, organization, "standard.manage_scope")
    justification_en = (justification_en or "").strip()
    justification_zh = (justification_zh or "").strip()
    if not applicable and not clause.excludable:
        raise ValidationError(
            {
                "applicable": _(
                    "Clause %(ref)s cannot be excluded: the standard requires it of every "
                    "organization."
                )
                % {"ref": clause.ref_id}
            }
        )
    # Ten characters of English say less than ten Chinese characters, but either is a sentence.
    if not applicable and len(justification_en) < 10 and len(justification_zh) < 4:
        raise ValidationError(
            {"justification_en": _("Explain in a sentence or more why this clause does not apply.")}
        )
    with transaction.atomic():
        decision = (
            Applicability.objects.select_for_update()
            .filter(organization=organization, clause=clause)
            .first()
        )
        before = snapshot(decision) if decision else None
        if decision is None:
            decision = Applicability(organization=organization, clause=clause)
        decision.applicable = applicable
        decision.justification_en = justification_en
        decision.justification_zh = justification_zh
        decision.decided_by = actor
        decision.decided_at = timezone.now()
        decision.full_clean()
        decision.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE if before else AuditAction.CREATE,
            instance=decision,
            object_repr=f"{clause.ref_id} {clause.title_en}",
            before=before,
            after=snapshot(decision),
        )
        return decision


def assessment_record(
    *,
    actor: User,
    organization: Organization,
    clause: Clause,
    result: str,
    note_en: str = "",
    note_zh: str = "",
    evidence: str = "",
) -> Assessment:
    """An auditor's judgement of a clause; the latest one counts."""
    require(actor, organization, "standard.assess")
    if not clause.assessable:
        raise ValidationError(
            _("Clause %(ref)s holds no requirement to assess.") % {"ref": clause.ref_id}
        )
    if result not in AssessmentResult.values:
        raise ValidationError({"result": _("Choose a valid result.")})
    note_en, note_zh = note_en.strip(), note_zh.strip()
    if result in AssessmentResult.nonconforming() and not (note_en or note_zh):
        raise ValidationError({"note_en": _("Describe the nonconformity that was found.")})
    return record_create(
        Assessment,
        actor=actor,
        data={
            "organization": organization,
            "clause": clause,
            "result": result,
            "note_en": note_en,
            "note_zh": note_zh,
            "evidence": evidence,
            "assessed_by": actor,
            "assessed_at": timezone.now(),
        },
    )


def snapshot_take(*, organization: Organization, on: date | None = None) -> ConformitySnapshot:
    """Store today's conformity (derived data, recomputed at will: not audited)."""
    on = on or timezone.localdate()
    report = evaluate(organization)
    processes = {item.clause.process for item in report.clauses()}
    summary = {
        "overall": report.counts(),
        "score": report.score(),
        "processes": {p: report.counts(p) for p in sorted(processes)},
    }
    statuses = {
        ref: item.status.value for ref, item in report.by_ref.items() if item.clause.assessable
    }
    with transaction.atomic():
        row, _ = ConformitySnapshot.objects.update_or_create(
            organization=organization,
            taken_on=on,
            defaults={"summary": summary, "statuses": statuses},
        )
    return row
