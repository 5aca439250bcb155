"""Who may read and shape the service design.

Site managers hold `design.manage`, but the services also ask `in_site_scope()`:
they keep their own site's contact points and the local addenda of their site's
specifications, never the organization's. Staff and viewers read the approved
specifications only: reading drafts takes `documents.view_drafts`, as for every
controlled document.
"""

from fuwu.core.models import Role
from fuwu.core.permissions import EVERYONE, MANAGERS

CAPABILITIES = {
    "design.view": EVERYONE,
    "design.manage": MANAGERS | {Role.SITE_MANAGER},
    "design.manage_model": MANAGERS,
}
