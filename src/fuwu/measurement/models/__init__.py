"""Measurement models: inspections (4.5.1 a) and internal audits (4.5.1 c)."""

from .audits import (
    Audit,
    AuditFinding,
    AuditProgramme,
    AuditStatus,
    FindingGrade,
)
from .collection import (
    Answer,
    CallBackRequest,
    CallBackStatus,
    Channel,
    CollectionPoint,
    ContactKind,
    Evaluation,
)
from .evaluations import (
    KANO_ANSWERS,
    KANO_LABELS,
    LOW_RATING,
    SCALES,
    Dimension,
    Instrument,
    InstrumentKind,
    InstrumentVersion,
    PairRole,
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
from .rollups import AnswerRollup, EvaluationRollup, Level, RollupWatermark, Span
from .settings import MeasurementSettings, NonconformityGrain

__all__ = [
    "KANO_ANSWERS",
    "KANO_LABELS",
    "LOW_RATING",
    "SCALES",
    "AnalysisReview",
    "Answer",
    "AnswerRollup",
    "Audit",
    "AuditFinding",
    "AuditProgramme",
    "AuditStatus",
    "CallBackRequest",
    "CallBackStatus",
    "Channel",
    "CollectionPoint",
    "ContactKind",
    "Dimension",
    "Evaluation",
    "EvaluationRollup",
    "FindingGrade",
    "InspectionKind",
    "InspectionResult",
    "InspectionRound",
    "Instrument",
    "InstrumentKind",
    "InstrumentVersion",
    "Level",
    "MeasurementSettings",
    "NonconformityGrain",
    "Outcome",
    "PairRole",
    "Question",
    "QuestionType",
    "RollupWatermark",
    "RoundStatus",
    "Span",
]
