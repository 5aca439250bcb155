"""What the record pages of nonconformities and actions show beside their fields: the
source record, the cause analysis, the actions and what this reader may do now."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from fuwu.core.permissions import can, in_site_scope

from .forms import CauseForm, CompleteForm, DispositionForm, PlanForm, VerifyForm
from .models import Action, ActionStatus, Nonconformity
from .sources import source_label, source_link
from .workflow import ACTION_WORKFLOW, NONCONFORMITY_WORKFLOW, closure_refusal


def _in_scope(request: HttpRequest, site_id: int | None) -> bool:
    return in_site_scope(request.user, request.organization, site_id)


def nonconformity_context(request: HttpRequest, nc: Nonconformity) -> dict[str, Any]:
    user, organization = request.user, request.organization
    actions = list(nc.actions.select_related("owner").order_by("pk"))
    may_plan = (
        can(user, organization, "improvement.plan_actions")
        and _in_scope(request, nc.site_id)
        and not nc.is_closed
    )
    plan_form = None
    if may_plan:
        plan_form = PlanForm(organization=organization, user=user)
    return {
        "nc": nc,
        "source": source_label(nc.source_type),
        "source_link": source_link(nc, user),
        "actions": actions,
        "may_plan": may_plan,
        "plan_form": plan_form,
        "cause_form": CauseForm(
            initial={
                "cause_category": nc.cause_category,
                "whys_en": nc.whys_en,
                "whys_zh": nc.whys_zh,
                "root_cause_en": nc.root_cause_en,
                "root_cause_zh": nc.root_cause_zh,
            }
        )
        if may_plan
        else None,
        "disposition_form": DispositionForm(
            initial={
                "disposition_en": nc.disposition_en,
                "disposition_zh": nc.disposition_zh,
                "customer_informed": nc.customer_informed,
            }
        )
        if may_plan
        else None,
        "options": NONCONFORMITY_WORKFLOW.options(user, nc),
        "closure_refusal": None if nc.is_closed else closure_refusal(nc, actions),
    }


def action_context(request: HttpRequest, action: Action) -> dict[str, Any]:
    user = request.user
    options = {o.transition.name: o for o in ACTION_WORKFLOW.options(user, action)}
    today = timezone.localdate()
    return {
        "action": action,
        "verifications": list(action.verifications.select_related("verified_by")),
        "complete_option": options.get("complete"),
        "verify_option": options.get("verify"),
        "complete_form": CompleteForm() if "complete" in options else None,
        "verify_form": VerifyForm() if "verify" in options else None,
        "overdue": action.status == ActionStatus.PLANNED and action.due_on < today,
    }
