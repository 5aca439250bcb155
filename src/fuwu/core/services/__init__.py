"""Every write of core. Keyword-only arguments, one transaction, one audit entry each."""

from .attachments import attachment_add, attachment_delete
from .invitations import (
    invitation_accept,
    invitation_accept_with_new_account,
    invitation_create,
    invitation_for_token,
    invitation_revoke,
)
from .numbering import number_next, numbers_next
from .records import record_create, record_delete, record_update, validate_text
from .tenancy import (
    membership_add,
    membership_deactivate,
    membership_update,
    organization_create,
    organization_update,
    site_create,
    site_delete,
    site_update,
)
from .throttle import login_failed, login_locked_until, login_succeeded
from .tokens import api_token_create, api_token_revoke

__all__ = [
    "api_token_create",
    "api_token_revoke",
    "attachment_add",
    "attachment_delete",
    "invitation_accept",
    "invitation_accept_with_new_account",
    "invitation_create",
    "invitation_for_token",
    "invitation_revoke",
    "login_failed",
    "login_locked_until",
    "login_succeeded",
    "membership_add",
    "membership_deactivate",
    "membership_update",
    "number_next",
    "numbers_next",
    "organization_create",
    "organization_update",
    "record_create",
    "record_delete",
    "record_update",
    "site_create",
    "site_delete",
    "site_update",
    "validate_text",
]
