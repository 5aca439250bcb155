"""Operations' part of "my work" (core/work.py): the open requests a person handles
or first took, and those escalated to them."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fuwu.core.work import WorkItem, contributes

from . import selectors


@contributes(order=10)
def my_requests(user: Any, organization: Any) -> list[WorkItem]:
    items = []
    for record in selectors.mine(user, organization):
        if record.escalated_to_id == user.pk and record.handler_id != user.pk:
            what = _("Escalated to you")
        elif record.handler_id == user.pk:
            what = record.get_kind_display()
        else:
            what = _("You are its first owner")
        items.append(
            WorkItem(
                what,
                record.label,
                record.get_absolute_url(),
                timezone.localdate(record.resolution_due_at),
                "ti-headset",
            )
        )
    return items
