"""Who may inspect and audit.

Staff and site managers perform inspections at their own sites only (the services
also ask `in_site_scope()`). Auditors read everything in scope and record findings;
they change nothing else. Planning audits is the quality manager's.
"""

from fuwu.core.models import Role
from fuwu.core.permissions import EVERYONE, MANAGERS

CAPABILITIES = {
    "measurement.view_inspections": EVERYONE,
    "measurement.perform_inspections": MANAGERS | {Role.SITE_MANAGER, Role.STAFF},
    "measurement.view_audits": MANAGERS | {Role.SITE_MANAGER, Role.AUDITOR, Role.VIEWER},
    "measurement.manage_audits": MANAGERS,
    "measurement.record_findings": MANAGERS | {Role.AUDITOR},
    "measurement.manage_settings": MANAGERS,
    # Evaluation instruments: the quality manager writes them; everyone reads.
    "measurement.view_instruments": EVERYONE,
    "measurement.manage_instruments": MANAGERS,
    # Customer satisfaction: the dashboards and the comments; the analysis reviews (4.5.3).
    "measurement.view_satisfaction": MANAGERS | {Role.SITE_MANAGER, Role.AUDITOR, Role.VIEWER},
    "measurement.review_analysis": MANAGERS,
    # Call-back requests hold a customer's contact (PIPL): only those who call back
    # see them, at their own sites.
    "measurement.handle_call_backs": MANAGERS | {Role.SITE_MANAGER},
}
