"""Who may read, write and approve controlled documents, and who controls records.

Site managers hold `documents.edit`, but the services also ask `in_site_scope()`:
they may change only the documents of their own sites, never organization-wide
ones. Auditors and viewers read everything in their scope, but staff and viewers
read only what is in force: approved and obsolete versions, never drafts or
versions in review (`documents.view_drafts`).
"""

from fuwu.core.models import Role
from fuwu.core.permissions import EVERYONE, MANAGERS

CAPABILITIES = {
    "documents.view": EVERYONE,
    "documents.view_drafts": MANAGERS | {Role.SITE_MANAGER, Role.AUDITOR},
    "documents.edit": MANAGERS | {Role.SITE_MANAGER},
    "documents.approve": MANAGERS,
    "documents.manage_records": MANAGERS,
}
