"""Invitations: an administrator invites a person by e-mail; the membership exists
only once that person accepts, logged in or with a new account.

Nothing about an existing account is shown to the inviter, before or instead of
the acceptance: the invitation names an e-mail address, not a person.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..mail import send_invitation
from ..models import Invitation, Membership, Organization, Role, Site, User
from .records import record_create, record_update
from .tenancy import _check_scope, _require_members_manager, refuse_superuser
from .tokens import token_digest


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link carries, whatever its state; None for an unknown token."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("organization", "invited_by")
        .filter(digest=token_digest(token))
        .first()
    )


def invitation_create(
    *,
    actor: User,
    organization: Organization,
    email: str,
    role: str,
    all_sites: bool = True,
    sites: list[Site] | None = None,
    base_url: str = "",
) -> Invitation:
    """Record an invitation and e-mail its link. The token exists only in the e-mail."""
    _require_members_manager(actor, organization)
    sites = list(sites or [])
    email = BaseUserManager.normalize_email((email or "").strip())
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from exc
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    _check_scope(organization, all_sites, sites)
    pending = Invitation.objects.filter(
        organization=organization,
        email__iexact=email,
        accepted_at=None,
        revoked_at=None,
        expires_at__gt=timezone.now(),
    )
    if pending.exists():
        raise ValidationError(
            {"email": _("This address already has a pending invitation. Revoke it first.")}
        )
    # Only members of this organization, whom the inviter may see anyway, are checked.
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise ValidationError({"email": _("A member of this organization has this address.")})
    token = secrets.token_urlsafe(32)
    fields = {
        "organization": organization,
        "email": email,
        "role": role,
        "all_sites": all_sites,
        "digest": token_digest(token),
        "expires_at": timezone.now() + timedelta(days=settings.FUWU_INVITATION_DAYS),
        "invited_by": actor,
    }
    draft = Invitation(**fields)
    draft.full_clean()
    # Sent before anything is written: no lock is held while the mail server answers,
    # and a failure leaves nothing behind.
    send_invitation(invitation=draft, token=token, base_url=base_url)
    return record_create(
        Invitation, actor=actor, data=fields | {"sites": [] if all_sites else sites}
    )


def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    _require_members_manager(actor, invitation.organization)
    if not invitation.is_pending:
        raise ValidationError(_("Only a pending invitation can be revoked."))
    return record_update(invitation, actor=actor, data={"revoked_at": timezone.now()})


def invitation_accept(*, user: User, invitation: Invitation) -> Membership:
    """The invited person accepts: their membership starts now, with the invited role."""
    refuse_superuser(user)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_pending:
            raise ValidationError(_("This invitation is no longer valid."))
        organization = invitation.organization
        sites = [] if invitation.all_sites else list(invitation.sites.all())
        _check_scope(organization, invitation.all_sites, sites)
        data = {"role": invitation.role, "all_sites": invitation.all_sites, "sites": sites}
        existing = Membership.objects.filter(user=user, organization=organization).first()
        if existing is not None and existing.is_active:
            raise ValidationError(_("You are already a member of this organization."))
        if existing is not None:  # a former member comes back
            membership = record_update(existing, actor=user, data=data | {"is_active": True})
        else:
            membership = record_create(
                Membership, actor=user, data=data | {"user": user, "organization": organization}
            )
        record_update(
            invitation, actor=user, data={"accepted_at": timezone.now(), "accepted_by": user}
        )
        return membership


def invitation_accept_with_new_account(
    *,
    invitation: Invitation,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
) -> Membership:
    """The invited person creates their login with the invitation's address, and accepts."""
    if not invitation.is_pending:
        raise ValidationError(_("This invitation is no longer valid."))
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": _("This username is taken. Choose another one.")})
        user = User(
            username=username,
            email=invitation.email,
            first_name=first_name,
            last_name=last_name,
        )
        user.full_clean(exclude=["password"])
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from exc
        user.set_password(password)
        user.save()
        return invitation_accept(user=user, invitation=invitation)
