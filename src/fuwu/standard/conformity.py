"""The conformity engine: checks per clause, and the status of every clause.

Apps contribute checks from their `checks.py`::

    @check("4.4.3.1", id="design.specs_approved", title=_("Specifications approved"))
    def specs_approved(organization) -> CheckResult: ...

A clause's status combines its automated checks, the latest manual assessment
and the statement of applicability (docs/explanation/conformity.md):

- excluded: the organization excluded it (with a justification);
- nonconforming: a check fails, or the latest assessment found a nonconformity;
- conforming: every check passes (at least one ran), or an auditor judged it so;
- not_assessed: nothing has looked at it yet. Never silently conforming.

Parents roll up their children: one nonconforming child makes the parent
nonconforming; otherwise one not-assessed child makes it not assessed.

Checks read the database through `@evidence` functions, which one evaluation runs
once per organization however many checks read them: the cost of `evaluate()`
follows the number of distinct reads, not the number of checks::

    @evidence
    def read_design(organization) -> Design: ...

    @check("4.4.3.2 1", id="design.category_scope", title=_("..."))
    def scope_specified(organization) -> CheckResult:
        design = read_design(organization)  # shared, read once per evaluation

Nothing read is kept after the evaluation, so every evaluation sees the last write
(docs/adr/0014-conformity-evidence.md).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Applicability, Assessment, AssessmentResult, Clause

log = logging.getLogger(__name__)


class Status(StrEnum):
    CONFORMING = "conforming"
    NONCONFORMING = "nonconforming"
    NOT_ASSESSED = "not_assessed"
    EXCLUDED = "excluded"

    @property
    def label(self) -> Promise:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.CONFORMING: _("Conforming"),
    Status.NONCONFORMING: _("Nonconforming"),
    Status.NOT_ASSESSED: _("Not assessed"),
    Status.EXCLUDED: _("Excluded"),
}


class CheckStatus(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class RecordLink:
    """A record a check names: what to open to see (or fix) the cause."""

    label: str
    url: str


@dataclass(frozen=True)
class CheckResult:
    status: CheckStatus
    message: str
    records: tuple[RecordLink, ...] = ()

    @classmethod
    def passed(cls, message: str, records: Iterable[RecordLink] = ()) -> CheckResult:
        return cls(CheckStatus.PASS, message, tuple(records))

    @classmethod
    def failed(cls, message: str, records: Iterable[RecordLink] = ()) -> CheckResult:
        return cls(CheckStatus.FAIL, message, tuple(records))

    @classmethod
    def not_applicable(cls, message: str) -> CheckResult:
        return cls(CheckStatus.NOT_APPLICABLE, message)


CheckFunction = Callable[[Any], CheckResult]
T = TypeVar("T")

# What the evidence functions read during the evaluation under way, by (evidence,
# organization). Lives for one `evaluation()` only: nothing is kept between
# requests, so a write is seen by the next evaluation.
_EVIDENCE: ContextVar[dict[tuple[str, Any], Any] | None] = ContextVar(
    "conformity_evidence", default=None
)


@contextmanager
def evaluation() -> Iterator[None]:
    """Share evidence between the checks run inside; nested scopes join the outer one."""
    if _EVIDENCE.get() is not None:
        yield
        return
    token = _EVIDENCE.set({})
    try:
        yield
    finally:
        _EVIDENCE.reset(token)


def evidence(function: Callable[[Any], T]) -> Callable[[Any], T]:
    """Declare a read that several checks share: `function(organization)` runs once
    per evaluation and organization, and every check calling it gets the same value
    (treat it as read-only). Outside an evaluation it simply runs."""
    key = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def shared(organization: Any) -> T:
        memo = _EVIDENCE.get()
        if memo is None:
            return function(organization)
        slot = (key, organization.pk)
        if slot not in memo:
            memo[slot] = function(organization)
        return memo[slot]

    return shared


@dataclass(frozen=True)
class Check:
    id: str
    clause: str
    title: Promise | str
    function: CheckFunction

    def run(self, organization: Any) -> CheckResult:
        """The check's verdict. A check that crashes fails with a message instead of
        taking the whole report (dashboard, API, exports) down with it."""
        try:
            with evaluation():
                return self.function(organization)
        except Exception:
            log.exception("conformity check %s failed to run", self.id)
            return CheckResult.failed(
                str(_("This check could not run (error logged as %(id)s).") % {"id": self.id})
            )


REGISTRY: dict[str, Check] = {}


def check(
    clause: str, *, id: str, title: Promise | str
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a conformity check of `clause` (its ref_id in SB/T 10382-2004)."""

    def register(function: CheckFunction) -> CheckFunction:
        if id in REGISTRY and REGISTRY[id].function is not function:
            raise ValueError(f"conformity check {id!r} is registered twice")
        REGISTRY[id] = Check(id, clause, title, function)
        return function

    return register


def checks_for(clause_ref: str) -> list[Check]:
    return [c for c in REGISTRY.values() if c.clause == clause_ref]


@dataclass
class ClauseConformity:
    clause: Clause
    status: Status
    own_status: Status
    checks: list[tuple[Check, CheckResult]] = field(default_factory=list)
    manual: Assessment | None = None
    decision: Applicability | None = None
    children: list[ClauseConformity] = field(default_factory=list)

    @property
    def applicable(self) -> bool:
        return self.decision is None or self.decision.applicable

    @property
    def justification(self) -> str:
        return self.decision.justification if self.decision else ""

    @property
    def failing(self) -> list[tuple[Check, CheckResult]]:
        return [(c, r) for c, r in self.checks if r.status == CheckStatus.FAIL]


def own_status(
    results: list[CheckResult], manual: Assessment | None, decision: Applicability | None
) -> Status:
    """The status from this clause's own evidence, before its children roll up."""
    if decision is not None and not decision.applicable:
        return Status.EXCLUDED
    ran = [r for r in results if r.status != CheckStatus.NOT_APPLICABLE]
    if any(r.status == CheckStatus.FAIL for r in ran):
        return Status.NONCONFORMING
    if manual is not None and manual.result in AssessmentResult.nonconforming():
        return Status.NONCONFORMING
    if manual is not None or ran:
        return Status.CONFORMING
    return Status.NOT_ASSESSED


def roll_up(own: Status, children: list[Status], has_own_evidence: bool) -> Status:
    """Combine a clause's own status with its children's (exclusions do not count)."""
    if own == Status.EXCLUDED:
        return Status.EXCLUDED
    counted = [s for s in children if s != Status.EXCLUDED]
    if has_own_evidence or not children:
        counted.append(own)
    if not counted:
        return Status.EXCLUDED  # every child was excluded
    for status in (Status.NONCONFORMING, Status.NOT_ASSESSED):
        if status in counted:
            return status
    return Status.CONFORMING


@dataclass
class Report:
    """Every assessable clause of the organization, as a tree and by ref."""

    roots: list[ClauseConformity]
    by_ref: dict[str, ClauseConformity]

    def clauses(self, process: str | None = None) -> list[ClauseConformity]:
        """Assessable clauses (not their lettered items, which roll up into them)."""
        return [
            item
            for item in self.by_ref.values()
            if item.clause.assessable
            and " " not in item.clause.ref_id
            and (process is None or item.clause.process == process)
        ]

    def counts(self, process: str | None = None) -> dict[str, int]:
        counts = {s.value: 0 for s in Status}
        for item in self.clauses(process):
            counts[item.status.value] += 1
        return counts

    def score(self, process: str | None = None) -> int | None:
        """Percent of applicable assessable clauses that conform."""
        counts = self.counts(process)
        applicable = sum(v for k, v in counts.items() if k != Status.EXCLUDED)
        return round(100 * counts[Status.CONFORMING] / applicable) if applicable else None


def evaluate(organization: Any, library_urn: str = "urn:fuwu:library:sbt-10382-2004") -> Report:
    """Compute the status of every clause now. Queries: three, plus those of each
    distinct `@evidence` the checks read (once each, however many checks read it)."""
    clauses = list(Clause.objects.filter(library__urn=library_urn, retired=False).order_by("order"))
    decisions = {d.clause_id: d for d in Applicability.objects.filter(organization=organization)}
    manual: dict[int, Assessment] = {}
    assessments = Assessment.objects.filter(organization=organization).select_related(
        "clause", "assessed_by"
    )
    for assessment in assessments.order_by("assessed_at", "pk"):
        manual[assessment.clause_id] = assessment  # later ones win
    with evaluation():
        results = {c.id: c.run(organization) for c in REGISTRY.values()}
    by_clause: dict[str, list[tuple[Check, CheckResult]]] = {}
    for c in REGISTRY.values():
        by_clause.setdefault(c.clause, []).append((c, results[c.id]))
    items: dict[int, ClauseConformity] = {}
    for clause in clauses:
        ran = by_clause.get(clause.ref_id, [])
        status = own_status([r for _c, r in ran], manual.get(clause.id), decisions.get(clause.id))
        items[clause.id] = ClauseConformity(
            clause, status, status, ran, manual.get(clause.id), decisions.get(clause.id)
        )
    roots = []
    for clause in clauses:
        item = items[clause.id]
        parent = items.get(clause.parent_id) if clause.parent_id else None
        (parent.children if parent else roots).append(item)
    for root in roots:
        _roll(root)
    return Report(roots, {item.clause.ref_id: item for item in items.values()})


def _roll(item: ClauseConformity) -> Status:
    child_statuses = [_roll(child) for child in item.children if _counts(child)]
    evidence = bool(item.checks) or item.manual is not None
    if item.own_status == Status.EXCLUDED or (not item.clause.assessable and not child_statuses):
        item.status = item.own_status
    else:
        item.status = roll_up(item.own_status, child_statuses, evidence)
    return item.status


def _counts(item: ClauseConformity) -> bool:
    """Guidance (Annex A) and glossary nodes hold no requirement: they do not roll up."""
    return item.clause.assessable or any(_counts(child) for child in item.children)
