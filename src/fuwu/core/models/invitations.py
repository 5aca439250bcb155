"""Invitations to join an organization, accepted by the person invited.

Only the sha256 of the invitation's token is stored: the link in the e-mail is the
one place the token exists. A membership is created only when the invitee accepts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .base import TenantModel
from .tenancy import Role, Site


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class Invitation(TenantModel):
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    all_sites = models.BooleanField(_("all sites"), default=True)
    sites = models.ManyToManyField(Site, blank=True, related_name="+", verbose_name=_("sites"))
    digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["organization", "email"])]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    def get_status_display(self) -> str:
        return str(InvitationStatus(self.status).label)

    @property
    def is_pending(self) -> bool:
        return self.status == InvitationStatus.PENDING

    @property
    def scope_label(self) -> str:
        if self.all_sites:
            return str(_("All sites"))
        return ", ".join(str(site) for site in self.sites.all())

    @classmethod
    def visibility_q(cls, user: object) -> Q:
        # Invitations name people who are not members yet: only the organization's
        # administrators of all sites see them.
        from ..permissions import CAPABILITIES
        from .tenancy import Membership

        managers = Membership.objects.filter(
            user=user,
            is_active=True,
            organization__is_active=True,
            role__in=CAPABILITIES["core.manage_members"],
            all_sites=True,
        )
        return Q(organization__in=managers.values("organization_id"))
