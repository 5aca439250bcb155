"""The steps of requests and complaints, declared with core's engine.

A request, an enquiry or a compliment is received, responded to and closed. A
complaint follows ISO 10002: received (numbered CP-YEAR-NNNN), acknowledged, assessed,
investigated, responded to, the decision communicated, closed with the customer's
confirmation — by a site manager or above. A step taken from the wrong status is
refused as a state conflict (409). Transfers are not a step: the handler changes,
the first owner stays (services/requests.py).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.workflow import Transition, Workflow

from .models import CustomerRequest, RequestStatus

S = RequestStatus
HANDLE = "operations.handle_requests"
CLOSE_COMPLAINTS = "operations.close_complaints"


def _place(record: CustomerRequest) -> tuple[Any, int | None]:
    return record.organization, record.site_id


def _wrong_status(record: CustomerRequest) -> str:
    return _("This %(kind)s is %(status)s.") % {
        "kind": record.get_kind_display().lower(),
        "status": record.get_status_display().lower(),
    }


OUT_OF_SCOPE = gettext_lazy("This request is at a site outside your sites.")

# -- requests, enquiries, compliments ----------------------------------------------------

RESPOND = Transition(
    "respond",
    gettext_lazy("Respond"),
    frozenset({S.RECEIVED}),
    S.RESPONDED,
    HANDLE,
    icon="ti-message-reply",
)
CLOSE = Transition(
    "close",
    gettext_lazy("Close"),
    frozenset({S.RESPONDED}),
    S.CLOSED,
    HANDLE,
    button="btn-success",
    icon="ti-circle-check",
)
REQUEST_WORKFLOW = Workflow(
    transitions=(RESPOND, CLOSE),
    place=_place,
    out_of_scope=OUT_OF_SCOPE,
    wrong_status=_wrong_status,
)

# -- complaints (ISO 10002) ----------------------------------------------------------------

ACKNOWLEDGE = Transition(
    "acknowledge",
    gettext_lazy("Acknowledge"),
    frozenset({S.RECEIVED}),
    S.ACKNOWLEDGED,
    HANDLE,
    icon="ti-mail-check",
)
ASSESS = Transition(
    "assess",
    gettext_lazy("Assess"),
    frozenset({S.ACKNOWLEDGED}),
    S.ASSESSED,
    HANDLE,
    icon="ti-scale",
)
INVESTIGATE = Transition(
    "investigate",
    gettext_lazy("Record the investigation"),
    frozenset({S.ASSESSED}),
    S.INVESTIGATED,
    HANDLE,
    icon="ti-search",
)
COMPLAINT_RESPOND = Transition(
    "respond",
    gettext_lazy("Respond"),
    frozenset({S.INVESTIGATED}),
    S.RESPONDED,
    HANDLE,
    icon="ti-message-reply",
)
DECIDE = Transition(
    "decide",
    gettext_lazy("Communicate the decision"),
    frozenset({S.RESPONDED}),
    S.DECIDED,
    HANDLE,
    icon="ti-speakerphone",
)
COMPLAINT_CLOSE = Transition(
    "close",
    gettext_lazy("Close with the customer's confirmation"),
    frozenset({S.DECIDED}),
    S.CLOSED,
    CLOSE_COMPLAINTS,
    button="btn-success",
    icon="ti-circle-check",
)
COMPLAINT_WORKFLOW = Workflow(
    transitions=(ACKNOWLEDGE, ASSESS, INVESTIGATE, COMPLAINT_RESPOND, DECIDE, COMPLAINT_CLOSE),
    place=_place,
    out_of_scope=OUT_OF_SCOPE,
    wrong_status=_wrong_status,
)


def workflow_for(record: CustomerRequest) -> Workflow:
    return COMPLAINT_WORKFLOW if record.is_complaint else REQUEST_WORKFLOW


def transition(record: CustomerRequest, name: str) -> Transition | None:
    return workflow_for(record).by_name.get(name)
