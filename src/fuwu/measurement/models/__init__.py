"""Measurement models: inspections (4.5.1 a) and internal audits (4.5.1 c)."""

from .audits import (
    Audit,
    AuditFinding,
    AuditProgramme,
    AuditStatus,
    FindingGrade,
)
from .inspections import (
    InspectionKind,
    InspectionResult,
    InspectionRound,
    Outcome,
    RoundStatus,
)
from .settings import MeasurementSettings, NonconformityGrain

__all__ = [
    "Audit",
    "AuditFinding",
    "AuditProgramme",
    "AuditStatus",
    "FindingGrade",
    "InspectionKind",
    "InspectionResult",
    "InspectionRound",
    "MeasurementSettings",
    "NonconformityGrain",
    "Outcome",
    "RoundStatus",
]
