"""Internal audits: the programme, audits planned in it, findings recorded by the
auditor, completion (the engine's verdicts kept, nonconformities raised for minor
and major findings, findings of a re-audited clause closed) and re-audits."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from fuwu.core.compose import labelled
from fuwu.core.errors import StateConflict
from fuwu.core.models import Membership, Organization, User
from fuwu.core.permissions import can, in_site_scope, require
from fuwu.core.services import number_next, record_create, record_delete, record_update

from .. import periods
from ..models import Audit, AuditFinding, AuditProgramme, AuditStatus, FindingGrade
from .raising import raise_for_finding

AUDIT_FIELDS = (
    "site",
    "process_en",
    "process_zh",
    "clauses",
    "auditor",
    "planned_start",
    "planned_end",
)


def programme_create(
    *, actor: User, organization: Organization, data: dict[str, Any]
) -> AuditProgramme:
    """A programme for one cycle: it ends the organization's cycle after it starts."""
    from ..selectors import settings_of

    require(actor, organization, "measurement.manage_audits")
    starts_on = data.get("starts_on")
    if not isinstance(starts_on, date):
        raise ValidationError({"starts_on": _("Enter the day the programme starts.")})
    months = settings_of(organization).audit_cycle_months
    with transaction.atomic():
        return record_create(
            AuditProgramme,
            actor=actor,
            data={
                "organization": organization,
                "title_en": data.get("title_en")
                or f"Internal audit programme from {starts_on:%Y-%m}",
                "title_zh": data.get("title_zh")
                or f"{starts_on.year}年{starts_on.month}月起内部审核方案",
                "starts_on": starts_on,
                "ends_on": periods.add_months(starts_on, months),
            },
        )


def programme_update(
    *, actor: User, programme: AuditProgramme, data: dict[str, Any]
) -> AuditProgramme:
    """Retitle or move a programme; its end keeps the organization's cycle."""
    from ..selectors import settings_of

    require(actor, programme.organization, "measurement.manage_audits")
    fields = {k: v for k, v in data.items() if k in ("title_en", "title_zh", "starts_on")}
    if "starts_on" in fields:
        months = settings_of(programme.organization).audit_cycle_months
        fields["ends_on"] = periods.add_months(fields["starts_on"], months)
    with transaction.atomic():
        return record_update(programme, actor=actor, data=fields)


def _check_audit(organization: Organization, actor: User, fields: dict[str, Any]) -> None:
    from ..checklist import auditable_refs

    site = fields.get("site")
    if site is not None:
        if site.organization_id != organization.pk:
            raise ValidationError({"site": _("Choose a site of this organization.")})
        if not in_site_scope(actor, organization, site.pk):
            raise PermissionDenied(_("This site is outside your sites."))
    clauses = fields.get("clauses")
    if clauses is not None:
        known = set(auditable_refs(organization))
        if not clauses or not isinstance(clauses, list):
            raise ValidationError({"clauses": _("Choose the clauses this audit covers.")})
        unknown = [c for c in clauses if c not in known]
        if unknown:
            raise ValidationError(
                {
                    "clauses": _("Not an applicable clause: %(refs)s")
                    % {"refs": ", ".join(map(str, unknown))}
                }
            )
    auditor = fields.get("auditor")
    if (
        auditor is not None
        and not Membership.objects.filter(
            user=auditor, organization=organization, is_active=True
        ).exists()
    ):
        raise ValidationError({"auditor": _("The auditor must be a member of this organization.")})
    start, end = fields.get("planned_start"), fields.get("planned_end")
    if start and end and end < start:
        raise ValidationError({"planned_end": _("The audit cannot end before it starts.")})


def audit_create(
    *, actor: User, organization: Organization, programme: AuditProgramme, data: dict[str, Any]
) -> Audit:
    require(actor, organization, "measurement.manage_audits")
    if programme.organization_id != organization.pk:
        raise ValidationError({"programme": _("Choose a programme of this organization.")})
    fields = {k: v for k, v in data.items() if k in AUDIT_FIELDS}
    if "clauses" in fields:
        fields["clauses"] = sorted(set(fields["clauses"]), key=_clause_order)
    _check_audit(organization, actor, fields | {"clauses": fields.get("clauses", [])})
    with transaction.atomic():
        year = (fields.get("planned_start") or timezone.localdate()).year
        return record_create(
            Audit,
            actor=actor,
            data=fields
            | {
                "organization": organization,
                "programme": programme,
                "number": number_next(organization=organization, prefix="IA", year=year),
                "follow_up_of": data.get("follow_up_of"),
            },
        )


def _clause_order(ref: str) -> list:
    return [int(p) if p.isdigit() else p for p in ref.replace(" ", ".").split(".")]


def audit_update(*, actor: User, audit: Audit, data: dict[str, Any]) -> Audit:
    require(actor, audit.organization, "measurement.manage_audits")
    if audit.status == AuditStatus.COMPLETED:
        raise StateConflict(_("This audit is completed; its plan can no longer change."))
    fields = {k: v for k, v in data.items() if k in AUDIT_FIELDS}
    _check_audit(audit.organization, actor, fields)
    with transaction.atomic():
        return record_update(audit, actor=actor, data=fields)


def _check_auditor(actor: User, audit: Audit) -> None:
    """The audit's auditor, or a manager of audits, records its findings."""
    require(actor, audit.organization, "measurement.record_findings")
    if audit.site_id and not in_site_scope(actor, audit.organization, audit.site_id):
        raise PermissionDenied(_("This site is outside your sites."))
    if actor.pk != audit.auditor_id and not can(
        actor, audit.organization, "measurement.manage_audits"
    ):
        raise PermissionDenied(_("Only the audit's auditor records its findings."))


def audit_start(*, actor: User, audit: Audit) -> Audit:
    _check_auditor(actor, audit)
    with transaction.atomic():
        Audit.objects.select_for_update().filter(pk=audit.pk).exists()  # lock the row
        audit.refresh_from_db()
        if audit.status != AuditStatus.PLANNED:
            raise StateConflict(_("Only a planned audit can start."))
        return record_update(
            audit,
            actor=actor,
            data={"status": AuditStatus.IN_PROGRESS, "started_at": timezone.now()},
        )


FINDING_FIELDS = (
    "clause",
    "grade",
    "description_en",
    "description_zh",
    "evidence_en",
    "evidence_zh",
)


def finding_record(*, actor: User, audit: Audit, data: dict[str, Any]) -> AuditFinding:
    """A graded finding on a clause of the audit's scope, with its evidence."""
    _check_auditor(actor, audit)
    if audit.status != AuditStatus.IN_PROGRESS:
        raise StateConflict(_("Findings are recorded while the audit is in progress."))
    fields = {k: v for k, v in data.items() if k in FINDING_FIELDS}
    if fields.get("clause") not in audit.clauses:
        raise ValidationError({"clause": _("Choose a clause in this audit's scope.")})
    if fields.get("grade") not in FindingGrade.values:
        raise ValidationError({"grade": _("Choose a grade.")})
    if not (fields.get("description_en", "").strip() or fields.get("description_zh", "").strip()):
        raise ValidationError({"description_en": _("Describe the finding.")})
    if fields["grade"] != FindingGrade.CONFORMITY and not (
        fields.get("evidence_en", "").strip() or fields.get("evidence_zh", "").strip()
    ):
        raise ValidationError({"evidence_en": _("Say what evidence the finding rests on.")})
    site = audit.site or data.get("site")
    if site is not None and site.organization_id != audit.organization_id:
        raise ValidationError({"site": _("Choose a site of this organization.")})
    if site is None and fields["grade"] in FindingGrade.nonconforming():
        # A nonconformity belongs to a site: where was it found?
        raise ValidationError({"site": _("Say at which site the nonconformity was found.")})
    with transaction.atomic():
        return record_create(
            AuditFinding,
            actor=actor,
            data=fields
            | {
                "organization": audit.organization,
                "audit": audit,
                "site": site,
                "recorded_by": actor,
            },
        )


def finding_delete(*, actor: User, finding: AuditFinding) -> None:
    _check_auditor(actor, finding.audit)
    if finding.audit.status != AuditStatus.IN_PROGRESS:
        raise StateConflict(_("Findings of a completed audit stay as they were recorded."))
    with transaction.atomic():
        record_delete(finding, actor=actor)


def _verdicts(audit: Audit) -> dict[str, Any]:
    """The engine's verdict on each clause in scope, in both languages."""
    from fuwu.standard.conformity import evaluate

    from ..checklist import checks_of

    kept: dict[str, Any] = {}
    for language, key in (("en", "en"), ("zh-hans", "zh")):
        with override(language):
            report = evaluate(audit.organization)
            for ref in audit.clauses:
                item = report.by_ref.get(ref)
                if item is None:
                    continue
                entry = kept.setdefault(ref, {"status": item.status.value, "checks": []})
                for index, (check, result) in enumerate(checks_of(report, ref)):
                    if key == "en":
                        entry["checks"].append(
                            {
                                "id": check.id,
                                "status": result.status.value,
                                "en": labelled(check.title, result.message),
                            }
                        )
                    elif index < len(entry["checks"]):
                        entry["checks"][index]["zh"] = labelled(check.title, result.message)
    return kept


def audit_complete(
    *, actor: User, audit: Audit, conclusion_en: str = "", conclusion_zh: str = ""
) -> Audit:
    """Complete an audit: keep the engine's verdicts, raise nonconformities for minor
    and major findings, and close the findings a re-audit found put right."""
    _check_auditor(actor, audit)
    with transaction.atomic():
        Audit.objects.select_for_update().filter(pk=audit.pk).exists()  # lock the row
        audit.refresh_from_db()
        if audit.status != AuditStatus.IN_PROGRESS:
            raise StateConflict(_("Only an audit in progress can be completed."))
        findings = list(audit.findings.all())
        if not findings:
            raise ValidationError(_("Record at least one finding before completing the audit."))
        record_update(
            audit,
            actor=actor,
            data={
                "status": AuditStatus.COMPLETED,
                "completed_at": timezone.now(),
                "conclusion_en": conclusion_en,
                "conclusion_zh": conclusion_zh,
                "results": _verdicts(audit),
            },
        )
        for finding in findings:
            if finding.raises_nonconformity:
                raise_for_finding(actor=actor, finding=finding)
        if audit.follow_up_of_id:
            still = {f.clause for f in findings if f.raises_nonconformity}
            for earlier in AuditFinding.objects.filter(
                audit_id=audit.follow_up_of_id,
                grade__in=FindingGrade.nonconforming(),
                closed_by__isnull=True,
            ):
                if earlier.clause in audit.clauses and earlier.clause not in still:
                    record_update(earlier, actor=actor, data={"closed_by": audit})
        return audit


def audit_follow_up_create(*, actor: User, audit: Audit, data: dict[str, Any]) -> Audit:
    """A re-audit of the clauses where a completed audit found nonconformities."""
    require(actor, audit.organization, "measurement.manage_audits")
    if audit.status != AuditStatus.COMPLETED:
        raise StateConflict(_("Only a completed audit can be re-audited."))
    clauses = sorted(
        {f.clause for f in audit.findings.all() if f.raises_nonconformity and not f.closed_by_id},
        key=_clause_order,
    )
    if not clauses:
        raise StateConflict(_("This audit has no open nonconformity to re-audit."))
    return audit_create(
        actor=actor,
        organization=audit.organization,
        programme=audit.programme,
        data={
            "site": audit.site,
            "process_en": audit.process_en,
            "process_zh": audit.process_zh,
            "clauses": clauses,
            "auditor": data.get("auditor") or audit.auditor,
            "planned_start": data.get("planned_start"),
            "planned_end": data.get("planned_end"),
            "follow_up_of": audit,
        },
    )
