"""Who may do what at the contact points.

Anyone at the front line logs a request, enquiry, complaint or compliment at their
site and becomes its first owner; the front line also handles them (acknowledges,
responds, transfers). Site managers, the quality manager and the administrator close
complaints with the customer's confirmation and erase a customer's identity; the
quality manager sets the response and resolution targets. Auditors and viewers read.
Services also ask `in_site_scope()`: a site-scoped member acts on their own sites only.
"""

from fuwu.core.models import Role
from fuwu.core.permissions import EVERYONE, MANAGERS

FRONT_LINE = MANAGERS | {Role.SITE_MANAGER, Role.STAFF}
SITE_MANAGERS = MANAGERS | {Role.SITE_MANAGER}

CAPABILITIES = {
    "operations.view": EVERYONE,
    "operations.log_requests": FRONT_LINE,
    "operations.handle_requests": FRONT_LINE,
    "operations.close_complaints": SITE_MANAGERS,
    "operations.erase_customer_data": SITE_MANAGERS,
    "operations.manage_settings": MANAGERS,
}

# Customer requirements and their review (4.4.2): the front line records what customers
# require; site managers and above review and commit. Service commitments (4.4.5): site
# managers and above draft them, review their capability, put them in force and record
# their fulfilment.
CAPABILITIES |= {
    "operations.record_requirements": FRONT_LINE,
    "operations.review_requirements": SITE_MANAGERS,
    "operations.manage_commitments": SITE_MANAGERS,
    "operations.review_commitments": SITE_MANAGERS,
    "operations.record_fulfilment": SITE_MANAGERS,
}
# Customer communication (4.4.4) and customer property (4.4.7): the front line logs
# what it told and answered customers and keeps their property at its sites (receives,
# hands back, reports a loss or damage, which raises a nonconformity); the quality
# manager sets the enquiry response target.
CAPABILITIES.update(
    {
        "operations.log_communications": FRONT_LINE,
        "operations.keep_property": FRONT_LINE,
    }
)
# Shift hand-over: the front line hands its shift over at its sites and the incoming
# person acknowledges; an unacknowledged one is flagged to the site manager (the worker).
CAPABILITIES["operations.hand_over"] = FRONT_LINE

# Maintenance and return visits (4.4.8): site managers and above set the rules and
# assign the visits; the front line enters the end of a service (e.g. a check-out)
# and performs the visits at its sites.
CAPABILITIES.update(
    {
        "operations.plan_visits": SITE_MANAGERS,
        "operations.perform_visits": FRONT_LINE,
    }
)
