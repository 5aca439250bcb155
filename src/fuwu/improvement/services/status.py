"""A nonconformity's status follows its actions: open (none planned), under action
(one is still to do), awaiting verification (all done, waiting for effectiveness and
the closing decision). Closing is the quality manager's decision (workflow.CLOSE)."""

from __future__ import annotations

from typing import Any

from fuwu.core.audit import audit_record
from fuwu.core.models.audit import AuditAction

from ..models import ActionStatus, NCStatus, Nonconformity


def status_from(actions: list[Any]) -> str:
    if not actions:
        return NCStatus.OPEN
    if any(a.status == ActionStatus.PLANNED for a in actions):
        return NCStatus.UNDER_ACTION
    return NCStatus.AWAITING_VERIFICATION


def follow_actions(nc: Nonconformity | None, *, actor: Any) -> None:
    """Move the nonconformity to the status its actions call for (inside the caller's
    transaction), with an audit entry when it changes. A closed one stays closed."""
    if nc is None:
        return
    nc = Nonconformity.objects.select_for_update().get(pk=nc.pk)
    if nc.status == NCStatus.CLOSED:
        return
    target = status_from(list(nc.actions.all()))
    if target == nc.status:
        return
    before = {"status": nc.status}
    nc.status = target
    nc.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        instance=nc,
        before=before,
        after={"status": target},
    )
