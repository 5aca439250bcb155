"""The vocabulary of 4.5.2 and 4.5.4: severities, statuses, cause factors, action kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Severity(models.TextChoices):
    MINOR = "minor", _("Minor")
    MAJOR = "major", _("Major")
    CRITICAL = "critical", _("Critical")


class NCStatus(models.TextChoices):
    """Follows the actions (services/status.py); only closing is a decision."""

    OPEN = "open", pgettext_lazy("nonconformity status", "Open")
    UNDER_ACTION = "under_action", _("Under action")
    AWAITING_VERIFICATION = "awaiting_verification", _("Awaiting verification")
    CLOSED = "closed", _("Closed")


class CauseCategory(models.TextChoices):
    """The standard's own factors of service quality: the four resources (3.5), the
    method (the service and control specifications) and the customer (A.4.3, A.4.5)."""

    PEOPLE = "people", _("People")
    METHOD = "method", _("Method")
    FACILITIES = "facilities", _("Facilities")
    SUPPLIES = "supplies", _("Supplies")
    ENVIRONMENT = "environment", _("Environment")
    CUSTOMER = "customer", _("Customer")


class ActionKind(models.TextChoices):
    """4.5.4 c, a and b."""

    REMEDIAL = "remedial", _("Remedial action")
    CORRECTIVE = "corrective", _("Corrective action")
    PREVENTIVE = "preventive", _("Preventive action")


# Kinds whose effectiveness is verified by someone other than the owner.
VERIFIED_KINDS = frozenset({ActionKind.CORRECTIVE, ActionKind.PREVENTIVE})


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    COMPLETED = "completed", _("Completed")
    EFFECTIVE = "effective", _("Verified effective")


class PreventiveOrigin(models.TextChoices):
    """Where a preventive action without a nonconformity comes from (4.5.4 b)."""

    TREND = "trend", _("Trend")
    ANALYSIS = "analysis", _("Data analysis")
    AUDIT_OBSERVATION = "audit_observation", _("Audit observation")
    OTHER = "other", _("Other")
