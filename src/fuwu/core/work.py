""" "My work": what a person has to do, due or overdue, from every app.

An app contributes a function in its `work.py` (autodiscovered by core at start-up,
like cards), so core imports no domain app::

    @contributes(order=20)
    def my_actions(user, organization) -> list[WorkItem]: ...

The function returns the person's items in that organization: what they must do and
by when (actions they own, verifications waiting for them, inspections due). It
reads only what the person may see and runs a fixed number of queries. The `/my-work/`
page, a home card and the daily e-mail digest (jobs.py) all read `work_for()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise

# Items due within this many days are "due soon" and go into the digest.
SOON_DAYS = 7


@dataclass(frozen=True)
class WorkItem:
    """One thing to do: `what` (e.g. "Corrective action"), `label` (the record),
    `url` (where to do it), `due` (None: as soon as possible)."""

    what: Promise | str
    label: str
    url: str
    due: date | None = None
    icon: str = "ti-point"

    def overdue(self, today: date | None = None) -> bool:
        return self.due is not None and self.due < (today or timezone.localdate())

    def due_soon(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.due is None or self.due <= today + timedelta(days=SOON_DAYS)


WorkFunction = Callable[[Any, Any], list[WorkItem]]
REGISTRY: dict[str, tuple[int, WorkFunction]] = {}


def contributes(
    *, order: int = 100, key: str | None = None
) -> Callable[[WorkFunction], WorkFunction]:
    """Register `function(user, organization) -> list[WorkItem]`."""

    def register(function: WorkFunction) -> WorkFunction:
        name = key or f"{function.__module__}.{function.__name__}"
        REGISTRY[name] = (order, function)
        return function

    return register


def work_for(user: Any, organization: Any) -> list[WorkItem]:
    """Everything the person has to do in the organization, most urgent first
    (overdue and dated items by date, then undated ones)."""
    if organization is None or not getattr(user, "is_authenticated", False):
        return []
    items: list[WorkItem] = []
    for _order, function in sorted(REGISTRY.values(), key=lambda pair: pair[0]):
        items.extend(function(user, organization))
    return sorted(items, key=lambda item: (item.due is None, item.due or date.max, item.label))


@dataclass(frozen=True)
class Summary:
    items: list[WorkItem]
    overdue: int
    due_soon: int


def summary(user: Any, organization: Any) -> Summary:
    items = work_for(user, organization)
    today = timezone.localdate()
    return Summary(
        items,
        sum(1 for item in items if item.overdue(today)),
        sum(1 for item in items if item.due_soon(today) and not item.overdue(today)),
    )


def send_digests(base_url: str = "") -> int:
    """The daily digest: one e-mail per person and organization with something overdue
    or due soon, in the person's language (else the organization's). Returns how many
    were sent; a failed send is logged and the others still go."""
    import logging
    import smtplib

    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from .mail import absolute_url
    from .models import Membership

    log = logging.getLogger(__name__)
    sent = 0
    today = timezone.localdate()
    memberships = (
        Membership.objects.filter(
            is_active=True, organization__is_active=True, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user", "organization")
        .order_by("organization_id", "user_id")
    )
    for membership in memberships:
        user, organization = membership.user, membership.organization
        language = user.language or organization.default_language
        with translation.override(language):
            items = [item for item in work_for(user, organization) if item.due_soon(today)]
            if not items:
                continue
            context = {
                "user": user,
                "organization": organization,
                "count": len(items),
                "items": [
                    {
                        "what": str(item.what),
                        "label": item.label,
                        "due": item.due,
                        "overdue": item.overdue(today),
                        "link": absolute_url(base_url, item.url),
                    }
                    for item in items
                ],
                "my_work": absolute_url(base_url, reverse("core:my_work")),
            }
            subject = render_to_string("core/email/work_digest_subject.txt", context)
            body = render_to_string("core/email/work_digest.txt", context)
        try:
            send_mail(" ".join(subject.split()), body, None, [user.email], fail_silently=False)
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("work digest to %s could not be sent: %s", user.username, exc)
            continue
        sent += 1
    return sent
