"""Models of improvement (4.5.2, 4.5.4); only `fuwu.improvement.services` writes them."""

from .actions import Action, Verification
from .choices import (
    VERIFIED_KINDS,
    ActionKind,
    ActionStatus,
    CauseCategory,
    NCStatus,
    PreventiveOrigin,
    Severity,
)
from .nonconformities import Nonconformity
from .settings import DEFAULTS, ImprovementSettings

__all__ = [
    "DEFAULTS",
    "VERIFIED_KINDS",
    "Action",
    "ActionKind",
    "ActionStatus",
    "CauseCategory",
    "ImprovementSettings",
    "NCStatus",
    "Nonconformity",
    "PreventiveOrigin",
    "Severity",
    "Verification",
]
