"""Customer evaluation instruments (3.11, 4.5.1 b, Annex A.4.2.2): the questions a
customer answers about a contact point.

An instrument is versioned: its questions belong to a version, and an edit writes a
new version. An answer keeps the question (and so the version) it answered, so an
edit never rewrites what customers said before.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fuwu.core.models import TenantModel
from fuwu.core.models.bilingual import BilingualText
from fuwu.design.models import ContactPoint


class QuestionType(models.TextChoices):
    RATING = "rating", _("Rating 1-5")
    NPS = "nps", _("Recommendation 0-10 (NPS)")
    CES = "ces", _("Effort 1-7 (CES)")
    YES_NO = "yes_no", _("Yes or no")
    CHOICE = "choice", _("Single choice")
    TEXT = "text", _("Free text")
    # Design studies (ADR 0029): a Kano answer (KANO_ANSWERS by index) and SERVQUAL's 1-7.
    KANO = "kano", _("Kano answer (like ... dislike)")
    SCALE7 = "scale7", _("Agreement 1-7 (SERVQUAL)")


class InstrumentKind(models.TextChoices):
    STANDARD = "standard", _("Evaluation")
    KANO = "kano", _("Kano study")
    SERVQUAL = "servqual", _("SERVQUAL study")


class PairRole(models.TextChoices):
    """Which half of a pair a study question is: answers keep their pair."""

    FUNCTIONAL = "functional", _("Functional (if it is there)")
    DYSFUNCTIONAL = "dysfunctional", _("Dysfunctional (if it is not)")
    EXPECTATION = "expectation", _("Expectation")
    PERCEPTION = "perception", _("Perception")


class Dimension(models.TextChoices):
    """SERVQUAL's five dimensions (Parasuraman, Zeithaml & Berry 1988)."""

    TANGIBLES = "tangibles", _("Tangibles")
    RELIABILITY = "reliability", _("Reliability")
    RESPONSIVENESS = "responsiveness", _("Responsiveness")
    ASSURANCE = "assurance", _("Assurance")
    EMPATHY = "empathy", _("Empathy")


# The five Kano answers in fuwu.analytics.kano.ANSWERS order: a Kano question's value
# is the index. Labels as customers read them.
KANO_ANSWERS = ("like", "must-be", "neutral", "live-with", "dislike")
KANO_LABELS = (
    _("I like it"),
    _("I expect it"),
    _("I am neutral"),
    _("I can live with it"),
    _("I dislike it"),
)


# The scale of each numeric type: (lowest, highest).
SCALES: dict[str, tuple[int, int]] = {
    QuestionType.RATING: (1, 5),
    QuestionType.NPS: (0, 10),
    QuestionType.CES: (1, 7),
    QuestionType.YES_NO: (0, 1),
    QuestionType.KANO: (0, 4),
    QuestionType.SCALE7: (1, 7),
}
# A rating at or below this is low: it shows the follow-up question and opens a
# remedial follow-up for the site.
LOW_RATING = 2


class Instrument(TenantModel):
    """An evaluation instrument of one contact point, or shared by several."""

    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    contact_points = models.ManyToManyField(
        ContactPoint, related_name="+", blank=True, verbose_name=_("contact points")
    )
    current_version = models.ForeignKey(
        "InstrumentVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("current version"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=InstrumentKind.choices, default=InstrumentKind.STANDARD
    )
    # The customer may ask to be called back, with consent (PIPL; ADR 0029).
    offer_call_back = models.BooleanField(_("offer a call-back"), default=False)

    class Meta:
        ordering = ["name_en", "pk"]
        verbose_name = _("evaluation instrument")
        verbose_name_plural = _("evaluation instruments")

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        return self.name_en or self.name_zh

    name = BilingualText()


class InstrumentVersion(TenantModel):
    """The questions of an instrument as they were from `created_at` on."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="versions", verbose_name=_("instrument")
    )
    number = models.PositiveIntegerField(_("version"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["instrument", "-number"]
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number"], name="instrument_version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} v{self.number}"


class Question(TenantModel):
    """One question of an instrument version. `after_low_rating`: shown only once a
    rating of the same form is low ("what went wrong?")."""

    version = models.ForeignKey(
        InstrumentVersion,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("version"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    type = models.CharField(_("type"), max_length=10, choices=QuestionType.choices)
    required = models.BooleanField(_("required"), default=False)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    text_zh = models.CharField(_("question (Chinese)"), max_length=300, blank=True)
    # Single choice: the options, one a line, in each language (same count).
    options_en = models.TextField(_("options (English)"), blank=True)
    options_zh = models.TextField(_("options (Chinese)"), blank=True)
    characteristic = models.ForeignKey(
        "design.Characteristic",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("characteristic"),
    )
    indicator = models.ForeignKey(
        "design.Indicator",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("indicator"),
    )
    after_low_rating = models.BooleanField(_("only after a low rating"), default=False)
    # Study pairs (ADR 0029): the two questions of one Kano attribute or SERVQUAL item
    # share a pair key, each with its role; SERVQUAL items name their dimension.
    pair_key = models.CharField(_("pair"), max_length=40, blank=True)
    role = models.CharField(
        _("role in the pair"), max_length=15, choices=PairRole.choices, blank=True
    )
    dimension = models.CharField(
        _("dimension"), max_length=15, choices=Dimension.choices, blank=True
    )

    class Meta:
        ordering = ["version", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        # Stable across languages: the audit trail stores it as the object's name.
        return (self.text_en or self.text_zh)[:80]

    text = BilingualText()

    @property
    def scale(self) -> tuple[int, int] | None:
        return SCALES.get(self.type)

    def options(self, language: str) -> list[str]:
        if self.type == QuestionType.KANO:
            from django.utils.translation import override

            with override(language):
                return [str(label) for label in KANO_LABELS]
        english = [o.strip() for o in self.options_en.splitlines() if o.strip()]
        chinese = [o.strip() for o in self.options_zh.splitlines() if o.strip()]
        if language.startswith("zh") and len(chinese) == len(english):
            return chinese
        return english or chinese
