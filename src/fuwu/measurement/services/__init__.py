"""Every write of measurement: keyword-only, one transaction, audited."""

from .audits import (
    audit_complete,
    audit_create,
    audit_follow_up_create,
    audit_start,
    audit_update,
    finding_delete,
    finding_record,
    programme_create,
    programme_update,
)
from .call_backs import call_back_done, call_back_erase
from .collection import collection_point_create, evaluation_submit
from .evaluations import (
    instrument_create,
    instrument_generate,
    instrument_regenerate,
    instrument_revise,
    instrument_update,
)
from .inspections import (
    SETTINGS_FIELDS,
    due_rounds_create,
    overdue_rounds_flag,
    result_record,
    round_complete,
    round_create,
    settings_update,
)
from .reviews import review_create, review_update

__all__ = [
    "SETTINGS_FIELDS",
    "audit_complete",
    "audit_create",
    "audit_follow_up_create",
    "audit_start",
    "audit_update",
    "call_back_done",
    "call_back_erase",
    "collection_point_create",
    "due_rounds_create",
    "evaluation_submit",
    "finding_delete",
    "finding_record",
    "instrument_create",
    "instrument_generate",
    "instrument_regenerate",
    "instrument_revise",
    "instrument_update",
    "overdue_rounds_flag",
    "programme_create",
    "programme_update",
    "result_record",
    "review_create",
    "review_update",
    "round_complete",
    "round_create",
    "settings_update",
]
