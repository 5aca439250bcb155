"""The workflow engine: a record's status transitions declared as data — from which
statuses, to which, the capability that may take them, the guards that must hold —
for any versioned or staged record (controlled documents today: documents/workflow.py;
nonconformities and actions next).

An app declares its `Transition`s and guards and builds one `Workflow`; its services
enforce it with `require_transition()`, and its pages and API offer what `options()`
allows now (the shared panel: core/templates/core/workflow_panel.html).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .errors import StateConflict
from .permissions import can, in_site_scope

CONFLICT, FORBIDDEN, INVALID = "conflict", "forbidden", "invalid"


@dataclass(frozen=True)
class Refusal:
    """Why a transition may not happen now. `kind`: conflict (the state forbids
    it: 409), forbidden (not this person: 403) or invalid (fix the input: 400)."""

    message: str
    kind: str = INVALID

    def exception(self) -> Exception:
        if self.kind == CONFLICT:
            return StateConflict(self.message)
        if self.kind == FORBIDDEN:
            return PermissionDenied(self.message)
        return ValidationError(self.message)


# A guard looks at the actor and the record and says why not, or None.
Guard = Callable[[Any, Any], Refusal | None]


@dataclass(frozen=True)
class Transition:
    name: str
    label: Promise | str
    sources: frozenset[str]
    target: str
    capability: str
    guards: tuple[Guard, ...] = ()
    needs_reason: bool = False
    button: str = "btn-primary"
    icon: str = "ti-arrow-right"


@dataclass(frozen=True)
class Option:
    """A transition this person could take from the record's status: allowed now,
    or held back by a guard (the UI shows the reason instead of a button)."""

    transition: Transition
    refusal: Refusal | None

    @property
    def allowed(self) -> bool:
        return self.refusal is None


@dataclass(frozen=True)
class Workflow:
    """One kind of record's transitions. `place(record)` is its organization and
    site id (for the capability and the site scope); `out_of_scope` the message for a
    record outside the actor's sites; `wrong_status(record)` the message when the
    record's status does not allow the transition (409)."""

    transitions: tuple[Transition, ...]
    place: Callable[[Any], tuple[Any, int | None]]
    out_of_scope: Promise | str
    wrong_status: Callable[[Any], str]

    @property
    def by_name(self) -> dict[str, Transition]:
        return {t.name: t for t in self.transitions}

    def who(self, actor: Any, record: Any, transition: Transition) -> Refusal | None:
        organization, site_id = self.place(record)
        if not can(actor, organization, transition.capability):
            return Refusal(_("You do not have permission to do this."), FORBIDDEN)
        if not in_site_scope(actor, organization, site_id):
            return Refusal(str(self.out_of_scope), FORBIDDEN)
        return None

    @staticmethod
    def guards(actor: Any, record: Any, transition: Transition) -> Refusal | None:
        for guard in transition.guards:
            refusal = guard(actor, record)
            if refusal is not None:
                return refusal
        return None

    def refuse(self, actor: Any, record: Any, transition: Transition) -> Refusal | None:
        """Why `actor` may not take `transition` on `record` now; None when they may.
        Who comes first (403), then the state (409), then the guards."""
        refusal = self.who(actor, record, transition)
        if refusal is not None:
            return refusal
        if record.status not in transition.sources:
            return Refusal(self.wrong_status(record), CONFLICT)
        return self.guards(actor, record, transition)

    def require_transition(self, actor: Any, record: Any, transition: Transition) -> None:
        refusal = self.refuse(actor, record, transition)
        if refusal is not None:
            raise refusal.exception()

    def options(self, actor: Any, record: Any) -> list[Option]:
        """The transitions from the record's status that this person holds the
        capability and scope for, each with the guard that holds it back, if any."""
        return [
            Option(transition, self.guards(actor, record, transition))
            for transition in self.transitions
            if record.status in transition.sources and self.who(actor, record, transition) is None
        ]
