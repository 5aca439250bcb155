"""The transitions of nonconformities and actions, declared with core's engine.

A nonconformity's status otherwise follows its actions (services/status.py); closing
is the one decision, and it is refused (409) until its disposition is recorded, no
action is open and every corrective action is verified effective (a major or critical
one needs at least one). An action is planned, completed by its owner (or a planner), and — when
corrective or preventive — verified by someone else: effective, or not effective,
which reopens it.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.permissions import can
from fuwu.core.workflow import CONFLICT, FORBIDDEN, INVALID, Refusal, Transition, Workflow

from .models import ActionKind, ActionStatus, NCStatus, Nonconformity, Severity


def closure_refusal(nc: Nonconformity, actions: list[Any] | None = None) -> Refusal | None:
    """Why the nonconformity may not close yet (None: it may)."""
    actions = list(nc.actions.all()) if actions is None else actions
    if not nc.disposed_at:
        return Refusal(_("Record the disposition before closing the nonconformity."), CONFLICT)
    corrective = [a for a in actions if a.kind == ActionKind.CORRECTIVE]
    if not corrective and nc.severity != Severity.MINOR:
        # A minor one-off may end with its correction; a major or critical one needs
        # its cause removed (4.5.4 a).
        return Refusal(
            _(
                "A %(severity)s nonconformity closes once a corrective action is verified "
                "effective: plan one."
            )
            % {"severity": nc.get_severity_display().lower()},
            CONFLICT,
        )
    unverified = [a for a in corrective if a.status != ActionStatus.EFFECTIVE]
    if unverified:
        return Refusal(
            _("It closes only when its corrective actions are verified effective: %(numbers)s.")
            % {"numbers": ", ".join(a.number for a in unverified)},
            CONFLICT,
        )
    still_open = [a for a in actions if a.status == ActionStatus.PLANNED]
    if still_open:
        return Refusal(
            _("Complete its open actions first: %(numbers)s.")
            % {"numbers": ", ".join(a.number for a in still_open)},
            CONFLICT,
        )
    return None


def _closable(actor: Any, nc: Nonconformity) -> Refusal | None:
    return closure_refusal(nc)


CLOSE = Transition(
    "close",
    gettext_lazy("Close"),
    frozenset({NCStatus.OPEN, NCStatus.UNDER_ACTION, NCStatus.AWAITING_VERIFICATION}),
    NCStatus.CLOSED,
    "improvement.verify_actions",
    guards=(_closable,),
    button="btn-success",
    icon="ti-circle-check",
)

NONCONFORMITY_WORKFLOW = Workflow(
    transitions=(CLOSE,),
    place=lambda nc: (nc.organization, nc.site_id),
    out_of_scope=gettext_lazy("This nonconformity is at a site outside your sites."),
    wrong_status=lambda nc: (
        _("This nonconformity is %(status)s.") % {"status": nc.get_status_display().lower()}
    ),
)


# -- actions -------------------------------------------------------------------------


def _owner_or_planner(actor: Any, action: Any) -> Refusal | None:
    if action.owner_id == actor.pk or can(actor, action.organization, "improvement.plan_actions"):
        return None
    return Refusal(_("Only its owner or a manager may complete this action."), FORBIDDEN)


def _not_the_owner(actor: Any, action: Any) -> Refusal | None:
    if action.owner_id == actor.pk:
        return Refusal(
            _("Someone other than the owner verifies an action's effectiveness."), FORBIDDEN
        )
    return None


def _is_verified_kind(actor: Any, action: Any) -> Refusal | None:
    if not action.needs_verification:
        return Refusal(_("A remedial action is completed, not verified."), INVALID)
    return None


def _time_has_come(actor: Any, action: Any) -> Refusal | None:
    today = timezone.localdate()
    if action.verify_on and action.verify_on > today:
        return Refusal(
            _("Effectiveness can be verified from %(date)s, once it has had time to show.")
            % {"date": action.verify_on.isoformat()},
            CONFLICT,
        )
    return None


COMPLETE = Transition(
    "complete",
    gettext_lazy("Complete"),
    frozenset({ActionStatus.PLANNED}),
    ActionStatus.COMPLETED,
    "improvement.complete_actions",
    guards=(_owner_or_planner,),
    icon="ti-check",
)
VERIFY = Transition(
    "verify",
    gettext_lazy("Verify effectiveness"),
    frozenset({ActionStatus.COMPLETED}),
    ActionStatus.EFFECTIVE,
    "improvement.verify_actions",
    guards=(_is_verified_kind, _not_the_owner, _time_has_come),
    button="btn-success",
    icon="ti-rosette-discount-check",
)

ACTION_WORKFLOW = Workflow(
    transitions=(COMPLETE, VERIFY),
    place=lambda action: (action.organization, action.site_id),
    out_of_scope=gettext_lazy("This action is at a site outside your sites."),
    wrong_status=lambda action: (
        _("This action is %(status)s.") % {"status": action.get_status_display().lower()}
    ),
)
