"""The e-mails Fuwu sends to people: invitations and set-password links.

Written in the organization's default language, since the recipient's own is not
known yet. Sent through Django's e-mail backend (`FUWU_EMAIL_*` settings); a
failure becomes a ValidationError so that the service writes nothing.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import Invitation, Organization, User

log = logging.getLogger(__name__)


def absolute_url(base_url: str, path: str) -> str:
    """FUWU_BASE_URL when set, else the address the request came to."""
    base = settings.FUWU_BASE_URL or base_url or "http://localhost:8000/"
    return base.rstrip("/") + path


def _send(
    *, organization: Organization, to: str, template: str, context: Callable[[], dict]
) -> None:
    with translation.override(organization.default_language):
        context = context()  # built in the e-mail's language (role names, dates)
        subject = render_to_string(f"core/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"core/email/{template}.txt", context)
        failed = _("The e-mail could not be sent, so nothing was saved. Try again later.")
    try:
        send_mail(" ".join(subject.split()), body, None, [to], fail_silently=False)
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("E-mail to a new member could not be sent: %s", exc)
        raise ValidationError(failed) from exc


def send_invitation(*, invitation: Invitation, token: str, base_url: str) -> None:
    link = absolute_url(base_url, reverse("core:invitation_accept", args=[token]))

    def context() -> dict:
        return {
            "organization": invitation.organization,
            "role": str(invitation.get_role_display()),
            "inviter": invitation.invited_by.display_name if invitation.invited_by else "",
            "link": link,
            "expires_at": invitation.expires_at,
        }

    _send(
        organization=invitation.organization,
        to=invitation.email,
        template="invitation",
        context=context,
    )


def send_set_password_link(*, user: User, organization: Organization, base_url: str) -> None:
    path = reverse(
        "core:set_password",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    link = absolute_url(base_url, path)
    _send(
        organization=organization,
        to=user.email,
        template="set_password",
        context=lambda: {"organization": organization, "user": user, "link": link},
    )
