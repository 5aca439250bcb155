"""What the standard's pages share: access and the reading mode (EN / 中文 / both)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from fuwu.core.permissions import can, require

from ..conformity import ClauseConformity
from ..models import Clause

READING_MODES = ("en", "zh", "both")


def member_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in, working in an organization, allowed to read the standard's pages."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.organization is None:
            return render(request, "core/no_organization.html", status=403)
        require(request.user, request.organization, "standard.view")
        return view(request, *args, **kwargs)

    return wrapped


def reading_mode(request: HttpRequest) -> str:
    """`?view=en|zh|both`; empty: the interface language."""
    mode = request.GET.get("view", "")
    return mode if mode in READING_MODES else ""


@dataclass(frozen=True)
class Text:
    lang: str  # the HTML lang of the value: "en" or "zh-Hans"
    value: Any


class Texts:
    """The bilingual fields (`<name>_en`, `<name>_zh`) of a row in the reading mode:
    `texts["title"]` is a list of Text, one per language shown."""

    def __init__(self, obj: Any, mode: str) -> None:
        self.obj = obj
        self.mode = mode or ("zh" if (get_language() or "en").startswith("zh") else "en")

    def __getitem__(self, name: str) -> list[Text]:
        try:
            en = getattr(self.obj, f"{name}_en")
            zh = getattr(self.obj, f"{name}_zh")
        except AttributeError as exc:
            raise KeyError(name) from exc
        if self.mode == "both":
            return [Text("zh-Hans", zh), Text("en", en)] if (en or zh) else []
        if self.mode == "zh":
            return [Text("zh-Hans", zh)] if zh else ([Text("en", en)] if en else [])
        return [Text("en", en)] if en else ([Text("zh-Hans", zh)] if zh else [])


@dataclass
class Node:
    """A clause of the tree with its status and its children."""

    item: ClauseConformity
    texts: Texts
    children: list[Node] = field(default_factory=list)

    @property
    def clause(self) -> Clause:
        return self.item.clause

    @property
    def shows_status(self) -> bool:
        """Clauses with a requirement, and the headings that roll them up."""
        return self.clause.assessable or any(c.shows_status for c in self.children)


def node(item: ClauseConformity, mode: str) -> Node:
    return Node(item, Texts(item.clause, mode), [node(child, mode) for child in item.children])


def may(request: HttpRequest, capability: str) -> bool:
    return can(request.user, request.organization, capability)
