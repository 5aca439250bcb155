"""Call-back requests (PIPL; ADR 0029): a customer may ask to be contacted about
their evaluation, only with explicit consent to that one purpose. The contact is
kept apart from the evaluation, never written to the audit trail, and erasable."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.models import User
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import in_site_scope, require

from ..models import CallBackRequest, CallBackStatus, ContactKind, Evaluation

HANDLE = "measurement.handle_call_backs"
# What the customer agrees to, word for word (the page and the API show the same):
# kept with the request in the customer's language.
PURPOSE = gettext_noop("To contact you about this evaluation")
CONSENT = gettext_noop(
    "Please call me back. I agree that you keep my phone number or e-mail only to "
    "contact me about this evaluation, and erase it afterwards."
)
PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{4,22}$")


def consent_texts(language: str) -> tuple[str, str]:
    """(purpose, consent) as the customer reads them in `language`."""
    with override(language):
        return _(PURPOSE), _(CONSENT)


def clean_call_back(raw: Any, *, offered: bool) -> tuple[str, str] | str | None:
    """(contact, kind) of a call-back request, None when none is asked, or the
    message saying what is wrong. A contact without consent is refused whole:
    it is never stored."""
    if raw in (None, "", {}):
        return None
    if not isinstance(raw, dict):
        return _("Send the call-back as an object with consent and contact.")
    consent, contact = raw.get("consent"), raw.get("contact") or ""
    if not isinstance(contact, str):
        return _("Give a phone number or an e-mail address.")
    contact = contact.strip()
    if consent in (None, False, "", "false", "0") and not contact:
        return None  # the box left unticked and the field empty: no call-back asked
    if not offered:
        return _("This form does not offer a call-back.")
    if consent not in (True, "true", "on", "1", 1):
        return _(
            "To be called back, please tick the consent: without it we cannot keep your contact."
        )
    if not contact:
        return _("Give a phone number or an e-mail address so that we can call you back.")
    if len(contact) > 254:
        return _("Give a phone number or an e-mail address.")
    if "@" in contact:
        try:
            validate_email(contact)
        except ValidationError:
            return _("This e-mail address does not look right.")
        return contact, ContactKind.EMAIL
    digits = re.sub(r"\D", "", contact)
    if not PHONE.match(contact) or not 6 <= len(digits) <= 15:
        return _("This phone number does not look right.")
    return contact, ContactKind.PHONE


def _audited(request: CallBackRequest) -> dict[str, Any]:
    # The trail keeps that a contact was given and of which kind, never the contact.
    data = snapshot(request)
    data["contact"] = "(erased)" if request.erased_at else "(given)"
    return data


def call_back_create(
    *, evaluation: Evaluation, contact: str, kind: str, language: str
) -> CallBackRequest:
    """Inside the submission's transaction: the request beside the evaluation."""
    purpose, consent = consent_texts(language)
    request = CallBackRequest.objects.create(
        organization_id=evaluation.organization_id,
        evaluation=evaluation,
        site_id=evaluation.site_id,
        contact=contact,
        contact_kind=kind,
        purpose=purpose,
        consent_text=consent,
        consented_at=evaluation.submitted_at,
    )
    audit_record(actor=None, action=AuditAction.CREATE, instance=request, after=_audited(request))
    return request


def _check(actor: User, request: CallBackRequest) -> None:
    require(actor, request.organization, HANDLE)
    if not in_site_scope(actor, request.organization, request.site_id):
        raise PermissionDenied(_("This site is outside your sites."))


def _update(actor: User, request: CallBackRequest, **changes: Any) -> CallBackRequest:
    before = _audited(request)
    for name, value in changes.items():
        setattr(request, name, value)
    request.save(update_fields=[*changes, "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=request,
        before=before,
        after=_audited(request),
    )
    return request


def call_back_done(*, actor: User, request: CallBackRequest) -> CallBackRequest:
    """The customer was called back."""
    _check(actor, request)
    with transaction.atomic():
        request = CallBackRequest.objects.select_for_update().get(pk=request.pk)
        if request.status == CallBackStatus.DONE:
            return request
        return _update(
            actor, request, status=CallBackStatus.DONE, done_at=timezone.now(), done_by=actor
        )


def call_back_erase(*, actor: User, request: CallBackRequest) -> CallBackRequest:
    """Erase the contact (the purpose is served, or the customer asked): it is
    blanked; the request, its consent and the erasure stay on record."""
    _check(actor, request)
    with transaction.atomic():
        request = CallBackRequest.objects.select_for_update().get(pk=request.pk)
        if request.erased_at is not None:
            return request
        return _update(actor, request, contact="", erased_at=timezone.now())
