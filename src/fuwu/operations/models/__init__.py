"""Models of operations (4.2.2, 4.4.2, 4.4.4-4.4.8); only `fuwu.operations.services`
writes them. Each capability keeps its models in its own module."""

from .choices import (
    OPEN_STATUSES,
    Channel,
    Confirmation,
    EventKind,
    Priority,
    RequestKind,
    RequestStatus,
)
from .requests import CustomerRequest, RequestEvent
from .settings import DEFAULT_TARGETS, OperationsSettings, target_key

__all__ = [
    "DEFAULT_TARGETS",
    "OPEN_STATUSES",
    "Channel",
    "Confirmation",
    "CustomerRequest",
    "EventKind",
    "OperationsSettings",
    "Priority",
    "RequestEvent",
    "RequestKind",
    "RequestStatus",
    "target_key",
]

# Customer requirements and their review (4.4.2), service commitments (4.4.5)
from .commitments import (
    IN_FORCE,
    Commitment,
    CommitmentKind,
    CommitmentReview,
    CommitmentStatus,
    Comparison,
    FulfilmentRecord,
)
from .requirements import (
    COMMITTING_DECISIONS,
    CustomerRequirement,
    RequirementKind,
    RequirementReview,
    RequirementSource,
    RequirementStatus,
    ReviewDecision,
)

__all__ += [
    "COMMITTING_DECISIONS",
    "IN_FORCE",
    "Commitment",
    "CommitmentKind",
    "CommitmentReview",
    "CommitmentStatus",
    "Comparison",
    "CustomerRequirement",
    "FulfilmentRecord",
    "RequirementKind",
    "RequirementReview",
    "RequirementSource",
    "RequirementStatus",
    "ReviewDecision",
]

# Customer communication (4.4.4) and customer property (4.4.7).
from .communications import (  # noqa: E402
    DEFAULT_ENQUIRY_RESPONSE_MINUTES,
    Communication,
    CommunicationSettings,
    Purpose,
)
from .property import PropertyItem, PropertyStatus  # noqa: E402

__all__ += [
    "DEFAULT_ENQUIRY_RESPONSE_MINUTES",
    "Communication",
    "CommunicationSettings",
    "PropertyItem",
    "PropertyStatus",
    "Purpose",
]

# Shift hand-over.
from .handovers import DEFAULT_ACKNOWLEDGE_HOURS, Handover, HandoverSettings  # noqa: E402

__all__ += ["DEFAULT_ACKNOWLEDGE_HOURS", "Handover", "HandoverSettings"]

# Maintenance and return visits (4.4.8).
from .visits import ReturnVisit, ReturnVisitRule, VisitStatus, VisitTrigger  # noqa: E402

__all__ += ["ReturnVisit", "ReturnVisitRule", "VisitStatus", "VisitTrigger"]
