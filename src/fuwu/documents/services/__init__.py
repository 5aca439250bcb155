"""Every write of controlled documents and record control.

Keyword-only arguments, one transaction each, audit entries through core.audit.
Other apps create and revise their documents through these functions too.
"""

from .documents import (
    document_create,
    document_obsolete,
    document_review_confirm,
    document_update,
)
from .manual import manual_document_ensure, manual_version_prepare
from .records import (
    record_dispose,
    record_type_create,
    record_type_delete,
    record_type_update,
    record_types_seed,
    records_dispose_due,
)
from .reminders import review_reminders_create
from .versions import (
    version_approve,
    version_dispose,
    version_draft_create,
    version_obsolete,
    version_reject,
    version_submit,
    version_update,
)

__all__ = [
    "document_create",
    "document_obsolete",
    "document_review_confirm",
    "document_update",
    "manual_document_ensure",
    "manual_version_prepare",
    "record_dispose",
    "record_type_create",
    "record_type_delete",
    "record_type_update",
    "record_types_seed",
    "records_dispose_due",
    "review_reminders_create",
    "version_approve",
    "version_dispose",
    "version_draft_create",
    "version_obsolete",
    "version_reject",
    "version_submit",
    "version_update",
]
