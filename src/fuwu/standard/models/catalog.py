"""Clause libraries loaded from the packaged YAML (reference data, not tenant data)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models.bilingual import BilingualText, bilingual


class Library(models.Model):
    urn = models.CharField(max_length=200, unique=True)
    ref_id = models.CharField(_("reference"), max_length=50)
    kind = models.CharField(max_length=20)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    version = models.PositiveIntegerField(_("version"))
    description_en = models.TextField(blank=True)
    description_zh = models.TextField(blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("clause library")
        verbose_name_plural = _("clause libraries")

    def __str__(self) -> str:
        return self.ref_id

    name = BilingualText()


class Clause(models.Model):
    """A clause, sub-clause, lettered item or guidance point of a library."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="clauses")
    urn = models.CharField(max_length=200, unique=True)
    ref_id = models.CharField(_("clause"), max_length=30)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveIntegerField(_("order"))
    depth = models.PositiveSmallIntegerField(default=0)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    requirement_en = models.TextField(_("requirement (English)"), blank=True)
    requirement_zh = models.TextField(_("requirement (Chinese)"), blank=True)
    assessable = models.BooleanField(_("assessable"), default=False)
    process = models.CharField(_("process"), max_length=20, blank=True)
    excludable = models.BooleanField(_("may be excluded"), default=False)
    exclusion_condition_en = models.TextField(blank=True)
    exclusion_condition_zh = models.TextField(blank=True)
    gbt19001_2000 = models.JSONField(default=list, blank=True)
    iso9001_2015 = models.JSONField(default=list, blank=True)
    evidence_en = models.JSONField(default=list, blank=True)
    evidence_zh = models.JSONField(default=list, blank=True)
    guidance_en = models.TextField(blank=True)
    guidance_zh = models.TextField(blank=True)
    characteristic = models.CharField(max_length=20, blank=True)
    indicators_en = models.JSONField(default=list, blank=True)
    indicators_zh = models.JSONField(default=list, blank=True)
    # What Fuwu does for the clause: [{"apps": [label, ...], "en": ..., "zh": ...}]. Shown only
    # while the apps are installed (standard/claims.py), never as stored.
    fuwu = models.JSONField(default=list, blank=True)
    retired = models.BooleanField(default=False, help_text="No longer in the packaged library.")

    class Meta:
        ordering = ["library_id", "order"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        constraints = [
            models.UniqueConstraint(fields=["library", "ref_id"], name="clause_ref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.ref_id} {self.title}"

    title = BilingualText()

    requirement = BilingualText()

    guidance = BilingualText()

    exclusion_condition = BilingualText()

    @property
    def evidence(self) -> list[str]:
        return bilingual(self.evidence_en, self.evidence_zh)  # type: ignore[arg-type]

    @property
    def indicators(self) -> list[str]:
        return bilingual(self.indicators_en, self.indicators_zh)  # type: ignore[arg-type]


class Term(models.Model):
    """A defined term of section 3, shown in the glossary."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="terms")
    ref_id = models.CharField(max_length=20)
    term_en = models.CharField(max_length=200)
    term_zh = models.CharField(max_length=200)
    definition_en = models.TextField()
    definition_zh = models.TextField()

    class Meta:
        ordering = ["library_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["library", "ref_id"], name="term_ref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.ref_id} {self.term_en}"
