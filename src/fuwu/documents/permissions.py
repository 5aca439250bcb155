"""Who may read, write and approve controlled documents, and who controls records.

Site managers hold `documents.edit`, but the services also ask `in_site_scope()`:
they may change only the documents of their own sites, never organization-wide
ones. Auditors and viewers read everything in their scope.
"""

from fuwu.core.models import Role
from fuwu.core.permissions import EVERYONE, MANAGERS

CAPABILITIES = {
    "documents.view": EVERYONE,
    "documents.edit": MANAGERS | {Role.SITE_MANAGER},
    "documents.approve": MANAGERS,
    "documents.manage_records": MANAGERS,
}
