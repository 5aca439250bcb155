"""Remedial, corrective and preventive actions (4.5.4) and the verifications of their
effectiveness."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fuwu.core.models import OrganizationWideOrSite, Site, TenantModel
from fuwu.core.models.bilingual import BilingualText

from .choices import VERIFIED_KINDS, ActionKind, ActionStatus, PreventiveOrigin


class Action(OrganizationWideOrSite, TenantModel):
    """One action with an owner and a due date. Remedial and corrective actions answer
    a nonconformity; a preventive action may stand alone (a trend, an analysis, an
    audit observation), and then may belong to the whole organization (no site)."""

    tenant_site_field = "site"

    number = models.CharField(_("number"), max_length=30)
    kind = models.CharField(_("kind"), max_length=12, choices=ActionKind.choices)
    nonconformity = models.ForeignKey(
        "improvement.Nonconformity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("nonconformity"),
    )
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("site"),
        help_text=_("Empty: for the whole organization."),
    )
    origin = models.CharField(
        _("origin"), max_length=20, choices=PreventiveOrigin.choices, blank=True
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    evidence_en = models.TextField(_("evidence (English)"), blank=True)
    evidence_zh = models.TextField(_("evidence (Chinese)"), blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    verify_on = models.DateField(
        _("verify effectiveness from"),
        null=True,
        blank=True,
        help_text=_("Set on completion: the organization's waiting time after it."),
    )
    rework_count = models.PositiveSmallIntegerField(
        _("reworked"), default=0, help_text=_("Times it was found not effective and reopened.")
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("planned by"),
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = pgettext_lazy("improvement", "action")
        verbose_name_plural = _("actions")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="action_number_unique_per_org"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "status", "due_on"]),
            models.Index(fields=["organization", "owner", "status"]),
            models.Index(fields=["organization", "kind"]),
        ]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        text = (self.description_en or self.description_zh).splitlines()
        return f"{self.number} {text[0][:80] if text else ''}".strip()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("improvement:action_detail", args=[self.pk])

    description = BilingualText()

    evidence = BilingualText()

    @property
    def label(self) -> str:
        first = self.description.splitlines()
        return f"{self.number} {first[0][:80] if first else ''}".strip()

    @property
    def needs_verification(self) -> bool:
        return self.kind in VERIFIED_KINDS

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.PLANNED


class Verification(TenantModel):
    """An effectiveness verification of a corrective or preventive action, by someone
    other than its owner. Kept even when the action is reworked: the record shows
    each attempt."""

    tenant_site_field = "action__site"

    action = models.ForeignKey(
        Action,
        on_delete=models.PROTECT,
        related_name="verifications",
        verbose_name=pgettext_lazy("improvement", "action"),
    )
    effective = models.BooleanField(_("effective"))
    evidence_en = models.TextField(_("evidence (English)"), blank=True)
    evidence_zh = models.TextField(_("evidence (Chinese)"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified"))

    class Meta:
        ordering = ["verified_at", "pk"]
        verbose_name = _("effectiveness verification")
        verbose_name_plural = _("effectiveness verifications")
        indexes = [models.Index(fields=["organization", "action"])]

    def __str__(self) -> str:
        return f"{self.action.number} {'effective' if self.effective else 'not effective'}"

    evidence = BilingualText()

    @classmethod
    def visibility_q(cls, user: Any) -> Q:
        # Follows the action's visibility (organization-wide actions included).
        return Q(action__in=Action.objects.filter(Action.visibility_q(user)).values("pk"))
