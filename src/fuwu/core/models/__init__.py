"""Core models, one module per mechanism."""

from .attachments import Attachment
from .audit import AuditChainHead, AuditEntry
from .base import OrganizationWideOrSite, TenantModel, TenantQuerySet
from .invitations import Invitation, InvitationStatus
from .jobs import ScheduledJobRun
from .numbering import NumberSequence
from .security import ApiToken, LoginThrottle
from .tenancy import Membership, Organization, Role, Site, User

__all__ = [
    "ApiToken",
    "Attachment",
    "AuditChainHead",
    "AuditEntry",
    "Invitation",
    "InvitationStatus",
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
