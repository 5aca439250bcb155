"""Who may do what with nonconformities and actions.

Staff raise nonconformities at their site and record what was done at once; site
managers analyse causes, decide the disposition and plan actions for their site;
the quality manager (and the administrator) verify effectiveness, close
nonconformities and set the deadlines. Auditors and viewers read. Services also
ask `in_site_scope()`: a site-scoped member acts on their own sites only.
"""

from fuwu.core.models import Role
from fuwu.core.permissions import EVERYONE, MANAGERS

FRONT_LINE = MANAGERS | {Role.SITE_MANAGER, Role.STAFF}

CAPABILITIES = {
    "improvement.view": EVERYONE,
    "improvement.raise_nonconformity": FRONT_LINE,
    "improvement.plan_actions": MANAGERS | {Role.SITE_MANAGER},
    "improvement.complete_actions": FRONT_LINE,  # their own actions; planners any in scope
    "improvement.verify_actions": MANAGERS,
    "improvement.manage_settings": MANAGERS,
}
