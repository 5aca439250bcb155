"""Requests, enquiries, complaints and compliments under first-inquiry responsibility
(4.2.2): the person who logs one is its first owner until it is closed, whoever
handles it meanwhile; each step and each transfer is a line of its timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import Site, TenantModel
from fuwu.core.models.bilingual import BilingualText

from .choices import (
    Channel,
    Confirmation,
    EventKind,
    Priority,
    RequestKind,
    RequestStatus,
)


def _user(verbose_name: str, *, null: bool = True) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=null,
        blank=null,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=verbose_name,
    )


class CustomerRequest(TenantModel):
    """What a customer asked at a contact point, and what became of it.

    The customer's identity is optional, kept only with their consent for a stated
    purpose, never written to the audit trail, and erasable (the record stays)."""

    tenant_site_field = "site"

    number = models.CharField(_("number"), max_length=30)
    kind = models.CharField(_("type"), max_length=12, choices=RequestKind.choices)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    channel = models.CharField(
        _("channel"), max_length=12, choices=Channel.choices, default=Channel.IN_PERSON
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    contact_point = models.ForeignKey(
        "design.ContactPoint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("contact point"),
    )
    received_at = models.DateTimeField(_("received"))
    summary_en = models.TextField(_("what the customer asked (English)"), blank=True)
    summary_zh = models.TextField(_("what the customer asked (Chinese)"), blank=True)
    # At once: met there and then, or the customer told what happens next.
    immediate_action_en = models.TextField(_("immediate action (English)"), blank=True)
    immediate_action_zh = models.TextField(_("immediate action (Chinese)"), blank=True)
    met_at_once = models.BooleanField(_("met at once"), default=False)
    customer_told_at_once = models.BooleanField(_("customer told at once"), default=False)
    # The customer, only with consent and for a purpose (PIPL: minimal, erasable).
    customer_name = models.CharField(_("customer name"), max_length=120, blank=True)
    customer_contact = models.CharField(_("customer phone or e-mail"), max_length=254, blank=True)
    consent_purpose = models.CharField(
        _("purpose of keeping the identity"), max_length=300, blank=True
    )
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    identity_erased_at = models.DateTimeField(_("identity erased at"), null=True, blank=True)
    # First-inquiry responsibility: the first owner never changes; the handler may.
    first_owner = _user(_("first owner"), null=False)
    handler = _user(_("handled by"), null=False)
    status = models.CharField(
        _("status"), max_length=15, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    # The targets in force when it was received (organization settings).
    response_due_at = models.DateTimeField(_("response due"))
    resolution_due_at = models.DateTimeField(_("resolution due"))
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    escalated_to = _user(_("escalated to"))
    # The steps' texts (a complaint fills them all).
    assessment_en = models.TextField(_("assessment (English)"), blank=True)
    assessment_zh = models.TextField(_("assessment (Chinese)"), blank=True)
    findings_en = models.TextField(_("investigation findings (English)"), blank=True)
    findings_zh = models.TextField(_("investigation findings (Chinese)"), blank=True)
    response_en = models.TextField(_("response (English)"), blank=True)
    response_zh = models.TextField(_("response (Chinese)"), blank=True)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    decision_en = models.TextField(_("decision (English)"), blank=True)
    decision_zh = models.TextField(_("decision (Chinese)"), blank=True)
    decided_at = models.DateTimeField(_("decision communicated"), null=True, blank=True)
    # Closure, with the customer's confirmation.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = _user(_("closed by"))
    confirmation = models.CharField(
        _("customer's confirmation"), max_length=15, choices=Confirmation.choices, blank=True
    )
    resolved = models.BooleanField(_("resolved"), null=True, blank=True)
    closure_note_en = models.TextField(_("closure note (English)"), blank=True)
    closure_note_zh = models.TextField(_("closure note (Chinese)"), blank=True)
    nonconformity = models.ForeignKey(
        "improvement.Nonconformity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nonconformity"),
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("customer request")
        verbose_name_plural = _("customer requests")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="customer_request_number_unique_per_org"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "status", "received_at"]),
            models.Index(fields=["organization", "site", "received_at"]),
            models.Index(fields=["organization", "kind", "received_at"]),
        ]

    summary = BilingualText()
    immediate_action = BilingualText()
    assessment = BilingualText()
    findings = BilingualText()
    response = BilingualText()
    decision = BilingualText()
    closure_note = BilingualText()

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        text = (self.summary_en or self.summary_zh).splitlines()
        return f"{self.number} {text[0][:80] if text else ''}".strip()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("operations:request_detail", args=[self.pk])

    @property
    def label(self) -> str:
        first = self.summary.splitlines()
        return f"{self.number} {first[0][:80] if first else ''}".strip()

    @property
    def is_complaint(self) -> bool:
        return self.kind == RequestKind.COMPLAINT

    @property
    def is_closed(self) -> bool:
        return self.status == RequestStatus.CLOSED

    @property
    def has_identity(self) -> bool:
        return bool(self.customer_name or self.customer_contact)

    def response_late(self, now: object) -> bool:
        """The first response came (or is still missing) after its target."""
        return (self.first_response_at or now) > self.response_due_at  # type: ignore[operator]

    def resolution_late(self, now: object) -> bool:
        return (self.closed_at or now) > self.resolution_due_at  # type: ignore[operator]


class RequestEvent(TenantModel):
    """A line of the timeline: a step, a transfer (from, to, why) or an escalation."""

    tenant_site_field = "request__site"

    request = models.ForeignKey(
        CustomerRequest,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("request"),
    )
    kind = models.CharField(_("event"), max_length=15, choices=EventKind.choices)
    at = models.DateTimeField(_("when"))
    actor = _user(_("by"))
    from_user = _user(_("from"))
    to_user = _user(_("to"))
    note_en = models.TextField(_("note (English)"), blank=True)
    note_zh = models.TextField(_("note (Chinese)"), blank=True)

    note = BilingualText()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("request event")
        verbose_name_plural = _("request events")

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"
