"""The service characteristic model (3.7, Annex A.4.2.2): eight characteristics,
four tangible and four intangible, each judged by customers through indicators.
Evaluations, inspections, objectives and analyses all refer to it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import TenantModel
from fuwu.core.models.bilingual import BilingualText


class Kind(models.TextChoices):
    TANGIBLE = "tangible", _("Tangible")
    INTANGIBLE = "intangible", _("Intangible")


class CharacteristicKey(models.TextChoices):
    """The eight characteristics of 3.7; tangible ones belong to resources,
    intangible ones to activities."""

    PERSONNEL = "personnel", _("Service personnel")
    FACILITIES = "facilities", _("Service facilities")
    SUPPLIES = "supplies", _("Service supplies")
    ENVIRONMENT = "environment", _("Service environment")
    SCOPE = "scope", _("Service scope")
    PROCEDURE = "procedure", _("Service procedure")
    SKILLS = "skills", _("Service skills")
    ETIQUETTE = "etiquette", _("Service etiquette")


TANGIBLE_KEYS = (
    CharacteristicKey.PERSONNEL,
    CharacteristicKey.FACILITIES,
    CharacteristicKey.SUPPLIES,
    CharacteristicKey.ENVIRONMENT,
)


class Characteristic(TenantModel):
    """One of the organization's eight service characteristics. The organization
    may rename it; the key ties it to the standard."""

    key = models.CharField(_("characteristic"), max_length=20, choices=CharacteristicKey.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    clause = models.CharField(_("clause"), max_length=20, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("service characteristic")
        verbose_name_plural = _("service characteristics")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "key"], name="characteristic_once_per_org"
            )
        ]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        return self.name_en or self.name_zh

    name = BilingualText()


class Indicator(TenantModel):
    """A customer's psychological indicator of one characteristic (A.4.2.2).
    Retired, not deleted, once anything refers to it."""

    characteristic = models.ForeignKey(
        Characteristic,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("characteristic"),
    )
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    from_standard = models.BooleanField(_("from the standard"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["characteristic__order", "order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        indexes = [models.Index(fields=["organization", "characteristic", "order"])]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        return self.name_en or self.name_zh

    name = BilingualText()
