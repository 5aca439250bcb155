"""Texts that both languages read: an `<x>_en` / `<x>_zh` field pair and, under the
plain name `<x>`, a read-only attribute giving the reader's language (ADR 0022).

    class Item(TenantModel):
        criterion_en = models.CharField(...)
        criterion_zh = models.CharField(...)
        criterion = BilingualText()

Readers (templates, sheets, manuals, reports) keep using `item.criterion`; writers
(forms, API, imports, demo) write the two fields.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

LANGUAGES = ("en", "zh")


def bilingual(en: str, zh: str) -> str:
    """The text in the active language, falling back to the other one when empty."""
    language = (get_language() or "en").lower()
    if language.startswith("zh"):
        return zh or en
    return en or zh


class BilingualText:
    """The `<name>_en` / `<name>_zh` pair of a model, read in the reader's language.

    Read-only: there is no single text to write, a writer says which language it has."""

    name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @property
    def fields(self) -> tuple[str, str]:
        return f"{self.name}_en", f"{self.name}_zh"

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        en, zh = self.fields
        return bilingual(getattr(instance, en), getattr(instance, zh))

    def __set__(self, instance: Any, value: Any) -> None:
        # A text written to the plain name would be lost: say which language it is.
        raise AttributeError(f"write {self.fields[0]} or {self.fields[1]}, not {self.name}")


def bilingual_texts(model: type) -> list[str]:
    """The names of a model's bilingual texts (`BilingualText` attributes)."""
    return [
        name
        for klass in reversed(model.__mro__)
        for name, value in vars(klass).items()
        if isinstance(value, BilingualText)
    ]
