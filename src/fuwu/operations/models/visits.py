"""Maintenance and return visits of service quality (4.4.8, A.4.6): rules per site and
contact point say when a return visit is due after a service event (a check-out
entered by staff, a request closed, an item of property handed back); the visits
they plan are assigned, performed (reached or not, the outcome, the customer's
satisfaction recorded as an evaluation with channel "return visit") and flagged
when overdue. A maintenance need found on the visit becomes a customer request,
tracked to completion as every request is (ADR 0038)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fuwu.core.models import Site, TenantModel
from fuwu.core.models.bilingual import BilingualText

from .choices import Channel


def _user(verbose_name: str, *, null: bool = True) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=null,
        blank=null,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=verbose_name,
    )


class VisitTrigger(models.TextChoices):
    """The service event a return visit follows."""

    SERVICE_ENDED = "service_ended", _("Service ended (entered by staff, e.g. check-out)")
    REQUEST_CLOSED = "request_closed", _("Request or complaint closed")
    PROPERTY_RETURNED = "property_returned", _("Customer property handed back")


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", pgettext_lazy("return visit status", "Done")
    NOT_REACHED = "not_reached", _("Customer not reached")


class ReturnVisitRule(TenantModel):
    """When a return visit is due: so many days after a service event at a contact
    point of a site."""

    tenant_site_field = "site"

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    contact_point = models.ForeignKey(
        "design.ContactPoint",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("contact point"),
    )
    trigger = models.CharField(_("after"), max_length=20, choices=VisitTrigger.choices)
    days_after = models.PositiveSmallIntegerField(_("days after"))
    purpose_en = models.TextField(_("what to ask (English)"), blank=True)
    purpose_zh = models.TextField(_("what to ask (Chinese)"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = _user(_("set up by"), null=False)

    purpose = BilingualText()

    class Meta:
        ordering = ["site__code", "contact_point__code", "trigger"]
        verbose_name = _("return-visit rule")
        verbose_name_plural = _("return-visit rules")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "contact_point", "trigger"], name="return_visit_rule_once"
            )
        ]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        return f"{self.site_id}/{self.contact_point_id} {self.trigger} +{self.days_after}d"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("operations:visitrule_detail", args=[self.pk])

    @property
    def label(self) -> str:
        return _("%(days)s days after: %(trigger)s") % {
            "days": self.days_after,
            "trigger": self.get_trigger_display(),
        }


class ReturnVisit(TenantModel):
    """One return visit: planned from a rule (or by hand), assigned, performed. The
    customer's identity is kept only with consent for the visit; a visit planned from
    a request or an item reaches the customer through that record."""

    tenant_site_field = "site"

    number = models.CharField(_("number"), max_length=30)
    rule = models.ForeignKey(
        ReturnVisitRule,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("rule"),
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    contact_point = models.ForeignKey(
        "design.ContactPoint",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("contact point"),
    )
    trigger = models.CharField(_("after"), max_length=20, choices=VisitTrigger.choices)
    service_ended_at = models.DateTimeField(_("service event"))
    source_request = models.ForeignKey(
        "operations.CustomerRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("after request"),
    )
    source_property = models.ForeignKey(
        "operations.PropertyItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("after item handed back"),
    )
    customer_reference = models.CharField(
        _("customer reference (room, booking)"), max_length=120, blank=True
    )
    customer_name = models.CharField(_("customer name"), max_length=120, blank=True)
    customer_contact = models.CharField(_("customer phone or e-mail"), max_length=254, blank=True)
    consent_purpose = models.CharField(
        _("purpose of keeping the identity"), max_length=300, blank=True
    )
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    identity_erased_at = models.DateTimeField(_("identity erased at"), null=True, blank=True)
    due_on = models.DateField(_("due"))
    planned_by = _user(_("planned by"))
    assigned_to = _user(_("assigned to"))
    status = models.CharField(
        _("status"), max_length=12, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    overdue_flagged_at = models.DateTimeField(_("flagged overdue"), null=True, blank=True)
    performed_at = models.DateTimeField(_("performed"), null=True, blank=True)
    performed_by = _user(_("performed by"))
    channel = models.CharField(_("how"), max_length=12, choices=Channel.choices, blank=True)
    outcome_en = models.TextField(_("outcome (English)"), blank=True)
    outcome_zh = models.TextField(_("outcome (Chinese)"), blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction (1-5)"), null=True, blank=True)
    evaluation = models.ForeignKey(
        "measurement.Evaluation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("evaluation"),
    )
    maintenance_request = models.ForeignKey(
        "operations.CustomerRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("maintenance request"),
    )

    outcome = BilingualText()

    class Meta:
        ordering = ["-due_on", "-pk"]
        verbose_name = _("return visit")
        verbose_name_plural = _("return visits")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="return_visit_number_unique_per_org"
            ),
            # The worker plans one visit per event and rule, however often it runs.
            models.UniqueConstraint(
                fields=["rule", "source_request"],
                condition=models.Q(source_request__isnull=False),
                name="return_visit_once_per_request",
            ),
            models.UniqueConstraint(
                fields=["rule", "source_property"],
                condition=models.Q(source_property__isnull=False),
                name="return_visit_once_per_item",
            ),
        ]
        indexes = [models.Index(fields=["organization", "status", "due_on"])]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("operations:returnvisit_detail", args=[self.pk])

    @property
    def label(self) -> str:
        return f"{self.number} {self.customer_reference}".strip()

    @property
    def has_identity(self) -> bool:
        return bool(self.customer_name or self.customer_contact)

    @property
    def is_planned(self) -> bool:
        return self.status == VisitStatus.PLANNED

    @property
    def is_overdue(self) -> bool:
        return self.is_planned and self.due_on < timezone.localdate()

    @property
    def on_time(self) -> bool | None:
        """Performed (reached or not) by its due date; None while planned."""
        if self.performed_at is None:
            return None
        return timezone.localdate(self.performed_at) <= self.due_on
