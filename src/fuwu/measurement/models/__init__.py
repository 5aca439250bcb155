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
from .rollups import AnswerRollup, EvaluationRollup, Level, RollupWatermark, Span
from .settings import MeasurementSettings, NonconformityGrain

__all__ = [
    "LOW_RATING",
    "SCALES",
    "Answer",
    "AnswerRollup",
    "Audit",
    "AuditFinding",
    "AuditProgramme",
    "AuditStatus",
    "Channel",
    "CollectionPoint",
    "Evaluation",
    "EvaluationRollup",
    "FindingGrade",
    "InspectionKind",
    "InspectionResult",
    "InspectionRound",
    "Instrument",
    "InstrumentVersion",
    "Level",
    "MeasurementSettings",
    "NonconformityGrain",
    "Outcome",
    "Question",
    "QuestionType",
    "RollupWatermark",
    "RoundStatus",
    "Span",
]
