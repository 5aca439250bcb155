"""Remedial, corrective and preventive actions (4.5.4): planned with an owner and a
due date, completed with evidence, verified effective (or not) by someone else."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.errors import StateConflict
from fuwu.core.models import Membership, Organization
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import require
from fuwu.core.services import number_next, record_create, record_update, validate_text

from ..models import (
    Action,
    ActionKind,
    ActionStatus,
    NCStatus,
    Nonconformity,
    PreventiveOrigin,
    Verification,
)
from ..workflow import ACTION_WORKFLOW, COMPLETE, VERIFY
from .common import check_site, require_text
from .settings import settings_for
from .status import follow_actions

PLAN_CAPABILITY = "improvement.plan_actions"
REWORK_DAYS = 14  # a reopened action's new due date, unless one is given


def _check_owner(organization: Organization, owner: Any) -> None:
    if (
        owner is None
        or not Membership.objects.filter(
            organization=organization, user=owner, is_active=True
        ).exists()
    ):
        raise ValidationError({"owner": _("Choose an active member of this organization.")})


def action_plan(
    *,
    actor: Any,
    organization: Organization,
    kind: str,
    owner: Any,
    due_on: date,
    description_en: str = "",
    description_zh: str = "",
    nonconformity: Nonconformity | None = None,
    site: Any = None,
    origin: str = "",
) -> Action:
    """Plan an action. Remedial and corrective ones answer a nonconformity (and take its
    site); a preventive one may stand alone with its origin, at a site or for the
    whole organization."""
    require(actor, organization, PLAN_CAPABILITY)
    if kind not in ActionKind.values:
        raise ValidationError({"kind": _("Choose remedial, corrective or preventive.")})
    if nonconformity is not None:
        if nonconformity.organization_id != organization.pk:
            raise ValidationError(
                {"nonconformity": _("Choose a nonconformity of this organization.")}
            )
        if nonconformity.status == NCStatus.CLOSED:
            raise StateConflict(_("This nonconformity is closed; plan no more actions on it."))
        site = nonconformity.site
        origin = ""
    elif kind != ActionKind.PREVENTIVE:
        raise ValidationError(
            {"nonconformity": _("A remedial or corrective action answers a nonconformity.")}
        )
    elif origin not in PreventiveOrigin.values:
        raise ValidationError(
            {
                "origin": _(
                    "Say where the preventive action comes from: a trend, an analysis, "
                    "an audit observation."
                )
            }
        )
    check_site(actor, organization, site, required=False)
    if site is None:
        # Organization-wide: for those who act for every site.
        from fuwu.core.permissions import unscoped

        if not unscoped(actor, organization):
            raise PermissionDenied(
                _("Only those who act for all sites plan organization-wide actions.")
            )
    _check_owner(organization, owner)
    require_text("description", description_en, description_zh, _("Describe the action."))
    if due_on is None:
        raise ValidationError({"due_on": _("Give a due date.")})
    with transaction.atomic():
        number = number_next(organization=organization, prefix="ACT")
        action = record_create(
            Action,
            actor=actor,
            data={
                "organization": organization,
                "number": number,
                "kind": kind,
                "nonconformity": nonconformity,
                "site": site,
                "origin": origin or "",
                "description_en": description_en or "",
                "description_zh": description_zh or "",
                "owner": owner,
                "due_on": due_on,
                "planned_by": actor,
            },
        )
        follow_actions(nonconformity, actor=actor)
    return action


def action_update(*, actor: Any, action: Action, data: dict[str, Any]) -> Action:
    """Change the owner, due date or description of an action still to do."""
    require(actor, action.organization, PLAN_CAPABILITY)
    check_site(actor, action.organization, action.site, required=False)
    if action.status != ActionStatus.PLANNED:
        raise StateConflict(_("Only an action still to do can be changed."))
    fields = {
        k: v
        for k, v in data.items()
        if k in ("owner", "due_on", "description_en", "description_zh")
    }
    if "owner" in fields:
        _check_owner(action.organization, fields["owner"])
    require_text(
        "description",
        fields.get("description_en", action.description_en),
        fields.get("description_zh", action.description_zh),
        _("Describe the action."),
    )
    return record_update(action, actor=actor, data=fields)


def _transition(action: Action, actor: Any, changes: dict[str, Any]) -> Action:
    before = snapshot(action)
    for name, value in changes.items():
        setattr(action, name, value)
    validate_text(action, changes)
    action.save()
    after = snapshot(action)
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        instance=action,
        before={k: before[k] for k in changes if k in before},
        after={k: after[k] for k in changes if k in after},
    )
    return action


def action_complete(
    *, actor: Any, action: Action, evidence_en: str = "", evidence_zh: str = ""
) -> Action:
    """The owner (or a planner) records it done, with evidence. A corrective or
    preventive action then waits the organization's time before verification."""
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        ACTION_WORKFLOW.require_transition(actor, action, COMPLETE)
        require_text("evidence", evidence_en, evidence_zh, _("Say what was done: the evidence."))
        today = timezone.localdate()
        verify_on = None
        if action.needs_verification:
            verify_on = today + timedelta(days=settings_for(action.organization).verification_days)
        _transition(
            action,
            actor,
            {
                "status": ActionStatus.COMPLETED,
                "evidence_en": evidence_en or "",
                "evidence_zh": evidence_zh or "",
                "completed_at": timezone.now(),
                "verify_on": verify_on,
            },
        )
        follow_actions(action.nonconformity, actor=actor)
    return action


def action_verify(
    *,
    actor: Any,
    action: Action,
    effective: bool,
    evidence_en: str = "",
    evidence_zh: str = "",
    due_on: date | None = None,
) -> Verification:
    """Verify a completed corrective or preventive action — by someone other than its
    owner, once its waiting time is over. Effective: done. Not effective: the action
    is reopened (due again, counted as rework) and its nonconformity is under action."""
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        ACTION_WORKFLOW.require_transition(actor, action, VERIFY)
        require_text(
            "evidence", evidence_en, evidence_zh, _("Give the evidence of the verification.")
        )
        new_due = due_on or timezone.localdate() + timedelta(days=REWORK_DAYS)
        if not effective and new_due < timezone.localdate():
            raise ValidationError({"due_on": _("The new due date cannot be in the past.")})
        verification = record_create(
            Verification,
            actor=actor,
            data={
                "organization": action.organization,
                "action": action,
                "effective": bool(effective),
                "evidence_en": evidence_en or "",
                "evidence_zh": evidence_zh or "",
                "verified_by": actor,
                "verified_at": timezone.now(),
            },
        )
        if effective:
            _transition(action, actor, {"status": ActionStatus.EFFECTIVE})
        else:
            _transition(
                action,
                actor,
                {
                    "status": ActionStatus.PLANNED,
                    "due_on": new_due,
                    "rework_count": action.rework_count + 1,
                    "completed_at": None,
                    "verify_on": None,
                },
            )
        follow_actions(action.nonconformity, actor=actor)
    return verification
