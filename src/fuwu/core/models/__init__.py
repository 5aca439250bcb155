"""Core models, one module per mechanism."""

from .attachments import Attachment
from .audit import AuditChainCheck, AuditChainHead, AuditEntry, AuditVerification
from .base import OrganizationWideOrSite, TenantModel, TenantQuerySet
from .jobs import ScheduledJobRun
from .numbering import NumberSequence
from .security import ApiToken, LoginThrottle
from .tenancy import Membership, Organization, Role, Site, User

__all__ = [
    "ApiToken",
    "Attachment",
    "AuditChainCheck",
    "AuditChainHead",
    "AuditEntry",
    "AuditVerification",
    "LoginThrottle",
    "Membership",
    "NumberSequence",
    "Organization",
    "OrganizationWideOrSite",
    "Role",
    "ScheduledJobRun",
    "Site",
    "TenantModel",
    "TenantQuerySet",
    "User",
]
