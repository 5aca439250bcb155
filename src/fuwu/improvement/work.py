"""Improvement's part of "my work" (core/work.py): the actions a person owns, the
effectiveness verifications and closings waiting for a quality manager, and the
dispositions a site manager owes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fuwu.core.permissions import can
from fuwu.core.work import SOON_DAYS, WorkItem, contributes

from . import selectors


@contributes(order=20)
def my_actions(user: Any, organization: Any) -> list[WorkItem]:
    return [
        WorkItem(
            action.get_kind_display(),
            action.label,
            action.get_absolute_url(),
            action.due_on,
            "ti-tool",
        )
        for action in selectors.actions_owned(user, organization)
    ]


@contributes(order=21)
def verifications(user: Any, organization: Any) -> list[WorkItem]:
    if not can(user, organization, "improvement.verify_actions"):
        return []
    until = timezone.localdate() + timedelta(days=SOON_DAYS)
    items = [
        WorkItem(
            _("Verify effectiveness"),
            action.label,
            action.get_absolute_url(),
            action.verify_on,
            "ti-rosette-discount-check",
        )
        for action in selectors.verifications_waiting(user, organization, until)
    ]
    items += [
        WorkItem(
            _("Close the nonconformity"), nc.label, nc.get_absolute_url(), None, "ti-circle-check"
        )
        for nc in selectors.ready_to_close(user, organization)
    ]
    return items


@contributes(order=22)
def dispositions(user: Any, organization: Any) -> list[WorkItem]:
    if not can(user, organization, "improvement.plan_actions"):
        return []
    return [
        WorkItem(_("Decide the disposition"), nc.label, nc.get_absolute_url(), due, "ti-gavel")
        for nc, due in selectors.dispositions_due(user, organization)
    ]
