"""Whether an audit programme covers every applicable clause within its cycle."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .checklist import applicable_refs
from .models import Audit, AuditProgramme, AuditStatus


@dataclass
class Coverage:
    programme: AuditProgramme
    audits: list[Audit]
    audited: dict[str, list[Audit]] = field(default_factory=dict)  # completed
    planned: dict[str, list[Audit]] = field(default_factory=dict)  # not yet completed
    uncovered: list[str] = field(default_factory=list)
    applicable: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        if not self.applicable:
            return 100
        return round(100 * len(self.audited) / len(self.applicable))


def coverage_of(programme: AuditProgramme, *, user: Any = None) -> Coverage:
    applicable = applicable_refs(programme.organization)
    audits = Audit.objects.filter(programme=programme)
    if user is not None:
        audits = Audit.objects.for_user(user, organization=programme.organization).filter(
            programme=programme
        )
    audits = list(audits.select_related("site", "auditor").order_by("planned_start", "pk"))
    result = Coverage(programme, audits, applicable=applicable)
    for audit in audits:
        target = result.audited if audit.status == AuditStatus.COMPLETED else result.planned
        for ref in audit.clauses:
            target.setdefault(ref, []).append(audit)
    result.uncovered = [
        ref for ref in applicable if ref not in result.audited and ref not in result.planned
    ]
    return result
