"""Customer requirements and their review before commitment (4.4.2, A.4.2.1).

A requirement is recorded from where it came (a contract or order, the customer's
words, a law or regulation, a social responsibility or industry norm), as explicit,
implicit or potential, for a customer or a segment, with the contact points and the
service characteristics it concerns. Before Fuwu commits to it, it is reviewed: the
organization's capability against the tangible and the intangible characteristics, a
decision (accept, accept with conditions, propose an alternative with reasons,
decline) and when and how the customer was told. Only a review whose decision allows
it lets a requirement be marked committed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fuwu.core.models import Site, TenantModel
from fuwu.core.models.base import OrganizationWideOrSite
from fuwu.core.models.bilingual import BilingualText

from .choices import Channel


class RequirementSource(models.TextChoices):
    CONTRACT = "contract", _("Contract or order")
    CUSTOMER = "customer", _("The customer's words")
    LAW = "law", _("Law or regulation")
    NORM = "norm", _("Social responsibility or industry norm")
    OTHER = "other", pgettext_lazy("requirement source", "Other")


class RequirementKind(models.TextChoices):
    EXPLICIT = "explicit", _("Explicit")
    IMPLICIT = "implicit", _("Implicit")
    POTENTIAL = "potential", _("Potential")


class RequirementStatus(models.TextChoices):
    RECORDED = "recorded", _("Recorded, not reviewed")
    REVIEWED = "reviewed", pgettext_lazy("requirement status", "Reviewed")
    COMMITTED = "committed", _("Committed")
    DECLINED = "declined", pgettext_lazy("requirement status", "Declined")


class ReviewDecision(models.TextChoices):
    """A.4.2.1: accept, accept with conditions, or propose an alternative with the
    reasons; or decline."""

    ACCEPT = "accept", _("Accept")
    CONDITIONS = "conditions", _("Accept with conditions")
    ALTERNATIVE = "alternative", _("Propose an alternative")
    DECLINE = "decline", pgettext_lazy("review decision", "Decline")


# Decisions that let the requirement be committed (an alternative: once the customer
# agreed to it); each but a plain acceptance needs the customer told first.
COMMITTING_DECISIONS = frozenset(
    {ReviewDecision.ACCEPT, ReviewDecision.CONDITIONS, ReviewDecision.ALTERNATIVE}
)
REASONED_DECISIONS = frozenset(
    {ReviewDecision.CONDITIONS, ReviewDecision.ALTERNATIVE, ReviewDecision.DECLINE}
)


class CustomerRequirement(OrganizationWideOrSite, TenantModel):
    """One requirement of a customer or a segment (organization-wide without a site)."""

    tenant_site_field = "site"

    number = models.CharField(_("number"), max_length=30)
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("site"),
    )
    source = models.CharField(_("source"), max_length=10, choices=RequirementSource.choices)
    kind = models.CharField(_("type"), max_length=10, choices=RequirementKind.choices)
    customer_en = models.CharField(_("customer or segment (English)"), max_length=200, blank=True)
    customer_zh = models.CharField(_("customer or segment (Chinese)"), max_length=200, blank=True)
    text_en = models.TextField(_("requirement (English)"), blank=True)
    text_zh = models.TextField(_("requirement (Chinese)"), blank=True)
    reference = models.CharField(_("reference (contract, order, law)"), max_length=200, blank=True)
    contact_points = models.ManyToManyField(
        "design.ContactPoint", blank=True, related_name="+", verbose_name=_("contact points")
    )
    characteristics = models.ManyToManyField(
        "design.Characteristic",
        blank=True,
        related_name="+",
        verbose_name=_("service characteristics"),
    )
    received_on = models.DateField(_("received on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RequirementStatus.choices,
        default=RequirementStatus.RECORDED,
    )
    committed_at = models.DateTimeField(_("committed"), null=True, blank=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("committed by"),
    )

    customer = BilingualText()
    text = BilingualText()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("customer requirement")
        verbose_name_plural = _("customer requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="customer_requirement_number_unique"
            )
        ]
        indexes = [models.Index(fields=["organization", "status", "received_on"])]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        text = (self.text_en or self.text_zh).splitlines()
        return f"{self.number} {text[0][:80] if text else ''}".strip()

    @property
    def label(self) -> str:
        first = self.text.splitlines()
        return f"{self.number} {first[0][:80] if first else ''}".strip()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("operations:requirement_detail", args=[self.pk])

    def latest_review(self) -> RequirementReview | None:
        return self.reviews.order_by("-reviewed_at", "-pk").first()


class RequirementReview(OrganizationWideOrSite, TenantModel):
    """The review of a requirement before commitment: capability, decision, the
    customer told. A requirement may be reviewed again (the latest review counts)."""

    tenant_site_field = "requirement__site"

    requirement = models.ForeignKey(
        CustomerRequirement,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("requirement"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"))
    tangible_en = models.TextField(_("capability, tangible characteristics (English)"), blank=True)
    tangible_zh = models.TextField(_("capability, tangible characteristics (Chinese)"), blank=True)
    intangible_en = models.TextField(
        _("capability, intangible characteristics (English)"), blank=True
    )
    intangible_zh = models.TextField(
        _("capability, intangible characteristics (Chinese)"), blank=True
    )
    decision = models.CharField(_("decision"), max_length=12, choices=ReviewDecision.choices)
    reasons_en = models.TextField(_("conditions, alternative or reasons (English)"), blank=True)
    reasons_zh = models.TextField(_("conditions, alternative or reasons (Chinese)"), blank=True)
    customer_told_at = models.DateTimeField(_("customer told"), null=True, blank=True)
    customer_told_how = models.CharField(
        _("customer told how"), max_length=12, choices=Channel.choices, blank=True
    )
    customer_agreed = models.BooleanField(_("customer agreed"), null=True, blank=True)

    tangible = BilingualText()
    intangible = BilingualText()
    reasons = BilingualText()

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        verbose_name = _("requirement review")
        verbose_name_plural = _("requirement reviews")

    def __str__(self) -> str:
        return f"{self.requirement_id} {self.decision} {self.reviewed_at:%Y-%m-%d}"

    @property
    def allows_commitment(self) -> bool:
        if self.decision not in COMMITTING_DECISIONS:
            return False
        if self.decision == ReviewDecision.ACCEPT:
            return True
        if self.customer_told_at is None:
            return False
        return self.decision != ReviewDecision.ALTERNATIVE or bool(self.customer_agreed)
