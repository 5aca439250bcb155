"""The registry of manual sections: each app contributes its own from its `manual.py`.

The documents app discovers them at start-up (`autodiscover_modules("manual")` in
`DocumentsConfig.ready()`, like the admin and the conformity checks), so neither
`documents/` nor `standard/` imports a domain app::

    # fuwu/design/manual.py
    from django.utils.translation import gettext_lazy as _

    from fuwu.core.manual import BulletList, Paragraph, manual_section


    @manual_section(
        order=60, key="contact_process", title=_("The contact process"), clauses=("4.6.3 d",)
    )
    def contact_process(context):
        points = ContactPoint.objects.filter(organization=context.organization)
        return [Paragraph.of(_("Our contact points:")), BulletList.of(p.name for p in points)]

A section registered with `placeholder=True` holds a place until an app contributes
the real content under the same key: the real section replaces it whichever module is
imported first. Two real sections with one key are an error.

`clauses` are the SB/T 10382-2004 clauses the section addresses; the clause
cross-reference of the manual is built from them (a clause not named by any section is
covered by the section that names its nearest parent).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.functional import Promise

from ..render.blocks import Block

if TYPE_CHECKING:
    from fuwu.core.models import Organization, User
    from fuwu.documents.models import Document, DocumentVersion


@dataclass(frozen=True)
class SectionRef:
    """A section as the others see it while the manual is assembled."""

    key: str
    number: str
    title: str
    clauses: tuple[str, ...]


@dataclass
class ManualContext:
    """What a section function is given. The active language is already set (gettext
    and the bilingual fields of models follow it); `language` says which it is."""

    organization: Organization
    language: str
    sections: list[SectionRef]
    generated_at: datetime
    manual: Document | None = None  # the manual's controlled document, if there is one
    version: DocumentVersion | None = None  # the version being prepared, if any
    prepared_by: User | None = None
    # Whose live manual this is: its rows are cut to what they may see (site scope).
    # None: the whole organization, as a version prepared for approval is.
    reader: User | None = None
    # Data several sections need (e.g. the statement of applicability), computed once.
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def chinese(self) -> bool:
        return self.language.lower().startswith("zh")

    def section(self, key: str) -> SectionRef | None:
        return next((s for s in self.sections if s.key == key), None)

    def number_of(self, key: str) -> str:
        found = self.section(key)
        return found.number if found else ""

    def visible(self, qs: QuerySet) -> QuerySet:
        """`qs` (of a tenant-owned model) cut to what the reader may see."""
        if self.reader is None:
            return qs
        seen = qs.model.objects.for_user(self.reader, organization=self.organization)
        return qs.filter(pk__in=seen.values("pk"))

    def visible_site_ids(self) -> set[int] | None:
        """The reader's sites, for lists of sites on a row (None: all of them)."""
        if self.reader is None:
            return None
        from fuwu.core.models import Site

        sites = self.visible(Site.objects.filter(organization=self.organization))
        return set(sites.values_list("pk", flat=True))

    def shared(self, key: str, compute: Callable[[], Any]) -> Any:
        """`compute()` once per manual: for data more than one section reads."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]


SectionFunction = Callable[[ManualContext], list[Block]]


@dataclass(frozen=True)
class ManualSection:
    key: str
    order: int
    title: Promise | str
    function: SectionFunction
    clauses: tuple[str, ...] = ()
    placeholder: bool = False

    @property
    def origin(self) -> str:
        return f"{self.function.__module__}.{self.function.__qualname__}"


REGISTRY: dict[str, ManualSection] = {}


def manual_section(
    *,
    order: int,
    key: str,
    title: Promise | str,
    clauses: tuple[str, ...] | list[str] = (),
    placeholder: bool = False,
) -> Callable[[SectionFunction], SectionFunction]:
    """Register a section of the service manual. `order` places it (sections are
    numbered 1, 2, 3 … in that order); `key` names it for other sections and for
    replacement; `title` is translated when the manual is built."""

    def register(function: SectionFunction) -> SectionFunction:
        section = ManualSection(key, order, title, function, tuple(clauses), placeholder)
        existing = REGISTRY.get(key)
        if existing is None or existing.origin == section.origin:
            REGISTRY[key] = section
        elif existing.placeholder and not placeholder:
            REGISTRY[key] = section  # the real content replaces the placeholder
        elif placeholder and not existing.placeholder:
            pass  # the real content is already there
        else:
            raise ValueError(
                f"manual section {key!r} is registered twice: {existing.origin} and "
                f"{section.origin}"
            )
        return function

    return register


def sections() -> list[ManualSection]:
    """The registered sections in their order."""
    return sorted(REGISTRY.values(), key=lambda s: (s.order, s.key))
