"""Service commitments (4.4.5, A.4.4): what the organization promised its customers —
in a contract, by word of mouth, or published (a posted service promise, advertising)
— each with a measurable fulfilment criterion, an owner and where it is published.

A commitment is drafted, reviewed for capability and only then made active (or
published); its fulfilment is measured per period, from Fuwu's own data where a
fulfilment source can read it (fulfilment.py) and by hand otherwise. A period that
misses the target is a breach and raises a nonconformity."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fuwu.core.models import Site, TenantModel
from fuwu.core.models.base import OrganizationWideOrSite
from fuwu.core.models.bilingual import BilingualText


class CommitmentKind(models.TextChoices):
    CONTRACTUAL = "contractual", _("Contractual")
    VERBAL = "verbal", _("Verbal")
    PUBLISHED = "published", _("Published (posted promise, advertising)")


class CommitmentStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("commitment status", "Draft")
    ACTIVE = "active", pgettext_lazy("commitment status", "Active")
    PUBLISHED = "published", pgettext_lazy("commitment status", "Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("commitment status", "Withdrawn")


IN_FORCE = frozenset({CommitmentStatus.ACTIVE, CommitmentStatus.PUBLISHED})


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("At least")
    AT_MOST = "at_most", _("At most")


def _user(verbose_name: str, *, null: bool = True) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=null,
        blank=null,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=verbose_name,
    )


class Commitment(OrganizationWideOrSite, TenantModel):
    """A promise to customers and how its keeping is measured."""

    tenant_site_field = "site"

    number = models.CharField(_("number"), max_length=30)
    kind = models.CharField(_("type"), max_length=12, choices=CommitmentKind.choices)
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("site"),
    )
    promise_en = models.TextField(_("promise (English)"), blank=True)
    promise_zh = models.TextField(_("promise (Chinese)"), blank=True)
    criterion_en = models.TextField(_("fulfilment criterion (English)"), blank=True)
    criterion_zh = models.TextField(_("fulfilment criterion (Chinese)"), blank=True)
    comparison = models.CharField(
        _("kept when the measure is"),
        max_length=10,
        choices=Comparison.choices,
        default=Comparison.AT_LEAST,
    )
    target = models.DecimalField(_("target"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    published_where_en = models.CharField(
        _("where it is published (English)"), max_length=300, blank=True
    )
    published_where_zh = models.CharField(
        _("where it is published (Chinese)"), max_length=300, blank=True
    )
    owner = _user(_("owner"), null=False)
    requirement = models.ForeignKey(
        "operations.CustomerRequirement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("requirement"),
    )
    contact_point = models.ForeignKey(
        "design.ContactPoint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("contact point"),
    )
    characteristic = models.ForeignKey(
        "design.Characteristic",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("service characteristic"),
    )
    # Where the delivered figure comes from (fulfilment.py): "manual" or one of Fuwu's
    # own readings.
    fulfilment_source = models.CharField(_("fulfilment measured from"), max_length=40)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.DRAFT,
    )
    activated_at = models.DateTimeField(_("in force since"), null=True, blank=True)
    activated_by = _user(_("put in force by"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # The promise last changed after its drafting: a review before it no longer counts.
    revised_at = models.DateTimeField(_("promise revised"), null=True, blank=True)

    promise = BilingualText()
    criterion = BilingualText()
    published_where = BilingualText()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("service commitment")
        verbose_name_plural = _("service commitments")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="commitment_number_unique_per_org"
            )
        ]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        text = (self.promise_en or self.promise_zh).splitlines()
        return f"{self.number} {text[0][:80] if text else ''}".strip()

    @property
    def label(self) -> str:
        first = self.promise.splitlines()
        return f"{self.number} {first[0][:80] if first else ''}".strip()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("operations:commitment_detail", args=[self.pk])

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE

    def kept(self, delivered: Decimal) -> bool:
        if self.comparison == Comparison.AT_MOST:
            return delivered <= self.target
        return delivered >= self.target

    def approved_review(self) -> CommitmentReview | None:
        return self.reviews.filter(approved=True).order_by("-reviewed_at", "-pk").first()


class CommitmentReview(OrganizationWideOrSite, TenantModel):
    """The capability review of a commitment (A.4.4): can the tangible and the
    intangible characteristics keep it? Approved or not."""

    tenant_site_field = "commitment__site"

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("commitment"),
    )
    reviewer = _user(_("reviewer"), null=False)
    reviewed_at = models.DateTimeField(_("reviewed"))
    tangible_en = models.TextField(_("capability, tangible characteristics (English)"), blank=True)
    tangible_zh = models.TextField(_("capability, tangible characteristics (Chinese)"), blank=True)
    intangible_en = models.TextField(
        _("capability, intangible characteristics (English)"), blank=True
    )
    intangible_zh = models.TextField(
        _("capability, intangible characteristics (Chinese)"), blank=True
    )
    approved = models.BooleanField(_("approved"))
    note_en = models.TextField(_("note (English)"), blank=True)
    note_zh = models.TextField(_("note (Chinese)"), blank=True)

    tangible = BilingualText()
    intangible = BilingualText()
    note = BilingualText()

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        verbose_name = _("commitment review")
        verbose_name_plural = _("commitment reviews")

    def __str__(self) -> str:
        return f"{self.commitment_id} {'approved' if self.approved else 'refused'}"


class FulfilmentRecord(OrganizationWideOrSite, TenantModel):
    """What was delivered against a commitment in one period: measured from Fuwu's
    data or recorded by hand; a period that misses the target is a breach."""

    tenant_site_field = "commitment__site"

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.PROTECT,
        related_name="fulfilment",
        verbose_name=_("commitment"),
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    delivered = models.DecimalField(_("delivered"), max_digits=10, decimal_places=2)
    target = models.DecimalField(_("promised"), max_digits=10, decimal_places=2)
    sample_size = models.PositiveIntegerField(_("sample size"), null=True, blank=True)
    kept = models.BooleanField(_("kept"))
    source = models.CharField(_("measured from"), max_length=40)
    recorded_by = _user(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"))
    note_en = models.TextField(_("note (English)"), blank=True)
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    nonconformity = models.ForeignKey(
        "improvement.Nonconformity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nonconformity"),
    )

    note = BilingualText()

    class Meta:
        ordering = ["period_start", "pk"]
        verbose_name = _("fulfilment record")
        verbose_name_plural = _("fulfilment records")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "period_start", "period_end"],
                name="fulfilment_once_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} {self.period_start}/{self.period_end}"

    @property
    def label(self) -> str:
        return f"{self.commitment.number} {self.period_start:%Y-%m-%d}/{self.period_end:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return self.commitment.get_absolute_url()
