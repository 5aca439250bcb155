"""Measurement models: inspections (4.5.1 a) and internal audits (4.5.1 c)."""

from .audits import (
    Audit,
    AuditFinding,
    AuditProgramme,
    AuditStatus,
    FindingGrade,
)
from .collection import Answer, Channel, CollectionPoint, Evaluation
from .evaluations import (
    LOW_RATING,
    SCALES,
    Instrument,
    InstrumentVersion,
    Question,
    QuestionType,
)
from .inspections import (
    InspectionKind,
    InspectionResult,
    InspectionRound,
    Outcome,
    RoundStatus,
)
from .reviews import AnalysisReview
from .settings import MeasurementSettings, NonconformityGrain

__all__ = [
    "LOW_RATING",
    "SCALES",
    "AnalysisReview",
    "Answer",
    "Audit",
    "AuditFinding",
    "AuditProgramme",
    "AuditStatus",
    "Channel",
    "CollectionPoint",
    "Evaluation",
    "FindingGrade",
    "InspectionKind",
    "InspectionResult",
    "InspectionRound",
    "Instrument",
    "InstrumentVersion",
    "MeasurementSettings",
    "NonconformityGrain",
    "Outcome",
    "Question",
    "QuestionType",
    "RoundStatus",
]
