"""Core models, one module per mechanism."""

from .attachments import Attachment
from .audit import AuditChainCheck, AuditChainHead, AuditEntry, AuditVerification
from .base import OrganizationWideOrSite, TenantModel, TenantQuerySet
from .invitations import Invitation, InvitationStatus
from .jobs import ScheduledJobRun
from .numbering import NumberSequence
from .seals import Seal, SealedRecord
from .security import ApiToken, LoginThrottle
from .tenancy import Membership, Organization, Role, Site, User

__all__ = [
    "ApiToken",
    "Attachment",
    "AuditChainCheck",
    "AuditChainHead",
    "AuditEntry",
    "AuditVerification",
    "Invitation",
    "InvitationStatus",
    "LoginThrottle",
    "Membership",
    "NumberSequence",
    "Organization",
    "OrganizationWideOrSite",
    "Role",
    "ScheduledJobRun",
    "Seal",
    "SealedRecord",
    "Site",
    "TenantModel",
    "TenantQuerySet",
    "User",
]
