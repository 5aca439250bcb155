"""The three specifications of a contact point (4.4.3.2 to 4.4.3.4).

Each is a controlled document (`documents.Document`, category "specification",
whose subject is the `Specification` row). Its content is structured: the items
of each version, in the four categories of its kind. An approved version's items
never change; a new draft starts with a copy of them. A chain's standard
specification applies wherever the contact point is deployed; a site may keep a
local addendum (`local`) whose items apply there on top of the standard ones.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import OrganizationWideOrSite, Site, TenantModel
from fuwu.core.models.bilingual import BilingualText

from .characteristics import Characteristic, CharacteristicKey, Indicator
from .contact_points import ContactPoint


class SpecificationKind(models.TextChoices):
    SERVICE = "service", _("Service specification")
    PROVISION = "provision", _("Service provision specification")
    CONTROL = "control", _("Service control specification")


class ItemCategory(models.TextChoices):
    # Service specification (4.4.3.2): the service activities.
    SCOPE = "scope", _("Service scope")
    PROCEDURE = "procedure", _("Service procedure")
    SKILLS = "skills", _("Service skills")
    ETIQUETTE = "etiquette", _("Service etiquette")
    # Service provision specification (4.4.3.3): the service resources.
    PERSONNEL = "personnel", _("Service personnel")
    FACILITIES = "facilities", _("Service facilities")
    SUPPLIES = "supplies", _("Service supplies")
    ENVIRONMENT = "environment", _("Service environment")
    # Service control specification (4.4.3.4): process control.
    INSPECTION = "inspection", _("Inspection and measurement")
    NONCONFORMITY = "nonconformity", _("Control of nonconformity")
    ANALYSIS = "analysis", _("Data analysis")
    IMPROVEMENT = "improvement", _("Continuous improvement")


C = ItemCategory
CATEGORIES: dict[str, tuple[str, ...]] = {
    SpecificationKind.SERVICE: (C.SCOPE, C.PROCEDURE, C.SKILLS, C.ETIQUETTE),
    SpecificationKind.PROVISION: (C.PERSONNEL, C.FACILITIES, C.SUPPLIES, C.ENVIRONMENT),
    SpecificationKind.CONTROL: (C.INSPECTION, C.NONCONFORMITY, C.ANALYSIS, C.IMPROVEMENT),
}
KIND_CLAUSES = {
    SpecificationKind.SERVICE: "4.4.3.2",
    SpecificationKind.PROVISION: "4.4.3.3",
    SpecificationKind.CONTROL: "4.4.3.4",
}
CATEGORY_CLAUSES = {
    C.SCOPE: "4.4.3.2 1",
    C.PROCEDURE: "4.4.3.2 2",
    C.SKILLS: "4.4.3.2 3",
    C.ETIQUETTE: "4.4.3.2 4",
    C.PERSONNEL: "4.4.3.3 a",
    C.FACILITIES: "4.4.3.3 b",
    C.SUPPLIES: "4.4.3.3 c",
    C.ENVIRONMENT: "4.4.3.3 d",
    C.INSPECTION: "4.4.3.4 a",
    C.NONCONFORMITY: "4.4.3.4 b",
    C.ANALYSIS: "4.4.3.4 c",
    C.IMPROVEMENT: "4.4.3.4 d",
}
# The service and provision categories are characteristics themselves: an item
# serves its category's characteristic unless it names another.
CATEGORY_CHARACTERISTIC = {
    category: category
    for category in CATEGORIES[SpecificationKind.SERVICE] + CATEGORIES[SpecificationKind.PROVISION]
}
assert set(CATEGORY_CHARACTERISTIC) <= set(CharacteristicKey.values)


class Frequency(models.TextChoices):
    EACH_SERVICE = "each_service", _("Every service")
    SHIFT = "shift", _("Every shift")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class Specification(OrganizationWideOrSite, TenantModel):
    """One specification of a contact point: its standard one, or a site's local
    addendum to it (`local`). `site` is the site it belongs to, like its document:
    empty for the standard specification of the organization's contact points, the
    point's site for a site's own contact point, the site of a local addendum."""

    tenant_site_field = "site"

    contact_point = models.ForeignKey(
        ContactPoint,
        on_delete=models.PROTECT,
        related_name="specifications",
        verbose_name=_("contact point"),
    )
    kind = models.CharField(_("specification"), max_length=10, choices=SpecificationKind.choices)
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("site"),
    )
    local = models.BooleanField(_("local addendum"), default=False)
    document = models.OneToOneField(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("controlled document"),
    )

    class Meta:
        ordering = ["contact_point", "kind", "site"]
        verbose_name = _("specification")
        verbose_name_plural = _("specifications")
        constraints = [
            models.UniqueConstraint(
                fields=["contact_point", "kind"],
                condition=Q(local=False),
                name="specification_standard_once",
            ),
            models.UniqueConstraint(
                fields=["contact_point", "kind", "site"],
                condition=Q(local=True),
                name="specification_local_once_per_site",
            ),
        ]
        indexes = [models.Index(fields=["organization", "kind"])]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        local = f" @{self.site_id}" if self.local else ""
        return f"{self.contact_point.code} {self.kind}{local}"

    @property
    def categories(self) -> tuple[str, ...]:
        return CATEGORIES[self.kind]

    @property
    def clause(self) -> str:
        return KIND_CLAUSES[self.kind]


class SpecificationItem(OrganizationWideOrSite, TenantModel):
    """One requirement of a specification version. `applies` False: the item says
    why its category does not apply to this contact point (its text is the reason)."""

    tenant_site_field = "specification__site"

    specification = models.ForeignKey(
        Specification,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("specification"),
    )
    version = models.ForeignKey(
        "documents.DocumentVersion",
        on_delete=models.CASCADE,
        related_name="specification_items",
        verbose_name=_("version"),
    )
    category = models.CharField(_("category"), max_length=20, choices=ItemCategory.choices)
    order = models.PositiveIntegerField(_("order"), default=0)
    applies = models.BooleanField(_("applies"), default=True)
    text_en = models.TextField(_("requirement (English)"), blank=True)
    text_zh = models.TextField(_("requirement (Chinese)"), blank=True)
    characteristic = models.ForeignKey(
        Characteristic,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("characteristic"),
    )
    indicator = models.ForeignKey(
        Indicator,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("indicator"),
    )
    criterion_en = models.CharField(_("measurable criterion (English)"), max_length=300, blank=True)
    criterion_zh = models.CharField(_("measurable criterion (Chinese)"), max_length=300, blank=True)
    reference_en = models.CharField(
        _("law, regulation or norm (English)"),
        max_length=300,
        blank=True,
        help_text=_("Where the requirement comes from, if it comes from one."),
    )
    reference_zh = models.CharField(
        _("law, regulation or norm (Chinese)"), max_length=300, blank=True
    )
    method_en = models.CharField(_("method (English)"), max_length=300, blank=True)
    method_zh = models.CharField(_("method (Chinese)"), max_length=300, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=Frequency.choices, blank=True
    )
    responsible_en = models.CharField(_("who (English)"), max_length=200, blank=True)
    responsible_zh = models.CharField(_("who (Chinese)"), max_length=200, blank=True)

    text = BilingualText()
    criterion = BilingualText()
    reference = BilingualText()
    method = BilingualText()
    responsible = BilingualText()

    class Meta:
        ordering = ["version", "category", "order", "pk"]
        verbose_name = _("specification item")
        verbose_name_plural = _("specification items")
        indexes = [models.Index(fields=["version", "category", "order"])]

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        text = (self.text_en or self.text_zh).strip().replace("\n", " ")
        return f"{self.category}: {text[:80]}"

    text = BilingualText()
