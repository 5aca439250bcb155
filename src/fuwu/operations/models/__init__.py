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

# Customer communication (4.4.4) and customer property (4.4.7).
from .communications import (
    DEFAULT_ENQUIRY_RESPONSE_MINUTES,
    Communication,
    CommunicationSettings,
    Purpose,
)
from .property import PropertyItem, PropertyStatus

__all__ += [
    "DEFAULT_ENQUIRY_RESPONSE_MINUTES",
    "Communication",
    "CommunicationSettings",
    "PropertyItem",
    "PropertyStatus",
    "Purpose",
]
