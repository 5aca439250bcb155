"""The conformity card on the home page: the latest score and its trend."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from fuwu.core.home import card
from fuwu.core.models import Role
from fuwu.core.permissions import can

from . import selectors

# The sparkline's drawing box (SVG user units); the card scales it to its width.
WIDTH, HEIGHT = 300, 48


def sparkline(scores: list[int]) -> str:
    """SVG polyline points for scores of 0 to 100, drawn left (oldest) to right."""
    if len(scores) < 2:
        return ""
    step = WIDTH / (len(scores) - 1)
    return " ".join(
        f"{i * step:.1f},{HEIGHT - score * HEIGHT / 100:.1f}" for i, score in enumerate(scores)
    )


@card(
    order=10,
    permission="standard.view",
    # Front-line staff get what they must do first; the score is for those who
    # steer, assess or audit the system.
    roles=set(Role.values) - {Role.STAFF},
    title=_("Conformity"),
    template="standard/cards/conformity.html",
    icon="ti-checklist",
)
def conformity(request: HttpRequest) -> dict[str, Any]:
    snapshots = selectors.recent_scores(request.organization)
    snapshots = [s for s in snapshots if s.summary.get("score") is not None]
    if not snapshots:
        return {
            "latest": None,
            "may_snapshot": can(request.user, request.organization, "standard.manage_scope"),
        }
    latest = snapshots[-1]
    month_ago = latest.taken_on - timedelta(days=30)
    earlier = next((s for s in snapshots if s.taken_on >= month_ago), snapshots[0])
    score = latest.summary["score"]
    return {
        "latest": latest,
        "score": score,
        "change": score - earlier.summary["score"] if earlier is not latest else None,
        "since": earlier.taken_on,
        "counts": latest.summary.get("overall", {}),
        "points": sparkline([s.summary["score"] for s in snapshots]),
        "first": snapshots[0].taken_on,
        "width": WIDTH,
        "height": HEIGHT,
    }
