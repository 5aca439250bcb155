"""Audit entries as people read them: verbose field names, choice labels, the
related row's name, dates in the reader's format, long texts as a word-level diff.

One helper for the audit entry page and every history page. Related names are
resolved in bulk (one query per related model) and only through what the reader
may see (the related model's register queryset); otherwise "#id".
"""

from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db import models
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from .models import AuditEntry, Membership, User

SKIPPED = {"updated_at", "created_at", "organization", "organization_id"}
LONG_TEXT = 80  # characters: longer texts are shown as a diff
# Chinese and full-width characters are compared one by one, other text by words and marks.
WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
TOKENS = re.compile(rf"[{WIDE}]|\s+|\w+|[^\w\s]")


@dataclass
class FieldChange:
    key: str
    label: str
    before: str | None
    after: str | None
    changed: bool = True
    # For long texts: (operation, text) with operation "equal", "delete" or "insert".
    diff: list[tuple[str, str]] = field(default_factory=list)


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Word-level (Chinese: character-level) differences of two texts."""
    a, b = TOKENS.findall(before or ""), TOKENS.findall(after or "")
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("insert", "".join(b[j1:j2])))
    return out


def _model(entry: AuditEntry) -> type[models.Model] | None:
    try:
        return apps.get_model(entry.object_type)
    except (LookupError, ValueError):
        return None


def _fields(model: type[models.Model] | None) -> dict[str, models.Field]:
    if model is None:
        return {}
    found: dict[str, models.Field] = {}
    for f in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        found[f.name] = f
        found[f.attname] = f
    return found


class _Names:
    """Names of related rows, fetched once per model for the ids the page needs."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.names: dict[type[models.Model], dict[Any, str]] = {}

    def want(self, model: type[models.Model], value: Any) -> None:
        for v in value if isinstance(value, list) else [value]:
            if v is not None:
                self.wanted[model].add(v)

    def resolve(self) -> None:
        from .registers import REGISTRY  # the registers import this module's users

        for model, ids in self.wanted.items():
            rows: Any = None
            if model is User:
                members = Membership.objects.filter(organization=self.request.organization)
                rows = User.objects.filter(pk__in=ids, memberships__in=members).distinct()
                self.names[model] = {u.pk: u.display_name for u in rows}
                continue
            register = REGISTRY.get(model._meta.label_lower)
            if register is not None and register.may_view(self.request):
                rows = register.queryset(self.request).filter(pk__in=ids)
                rows = rows.select_related(None).prefetch_related(None)
                self.names[model] = {o.pk: str(o) for o in rows}

    def name(self, model: type[models.Model], value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(self.name(model, v) for v in value) or "—"
        return self.names.get(model, {}).get(value) or f"#{value}"


def _plain(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _display(f: models.Field | None, value: Any, names: _Names) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if f is None:
        return _plain(value)
    if f.is_relation and f.related_model is not None:
        return names.name(f.related_model, value)
    if f.choices:
        labels = {k: str(v) for k, v in f.flatchoices}
        return labels.get(value, str(value))
    if isinstance(f, models.DateTimeField) and isinstance(value, str):
        moment = parse_datetime(value)
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if isinstance(f, models.DateField) and isinstance(value, str):
        day: date | datetime | None = parse_date(value)
        if day is not None:
            return formats.date_format(day, "SHORT_DATE_FORMAT")
    return _plain(value)


def _is_long(f: models.Field | None, before: Any, after: Any) -> bool:
    texts = [v for v in (before, after) if isinstance(v, str)]
    if not texts or (f is not None and (f.choices or f.is_relation)):
        return False
    return isinstance(f, models.TextField) or any(len(t) > LONG_TEXT for t in texts)


def _rows(
    entry: AuditEntry, names: _Names, *, every_field: bool
) -> list[tuple[models.Field | None, str, Any, Any, bool]]:
    fields = _fields(_model(entry))
    before, after = entry.before or {}, entry.after or {}
    rows = []
    for key in dict.fromkeys([*before, *after]):
        if key in SKIPPED:
            continue
        old, new = before.get(key), after.get(key)
        changed = old != new
        if not changed and not every_field:
            continue
        f = fields.get(key)
        if f is not None and f.is_relation and f.related_model is not None:
            names.want(f.related_model, old)
            names.want(f.related_model, new)
        rows.append((f, key, old, new, changed))
    return rows


def _changes(rows: list, names: _Names) -> list[FieldChange]:
    out = []
    for f, key, old, new, changed in rows:
        label = str(f.verbose_name) if f is not None else key.replace("_", " ")
        label = label[:1].upper() + label[1:]
        change = FieldChange(
            key=key,
            label=label,
            before=_display(f, old, names) if old is not None else None,
            after=_display(f, new, names) if new is not None else None,
            changed=changed,
        )
        if changed and _is_long(f, old, new):
            change.diff = word_diff(old or "", new or "")
        out.append(change)
    return out


def describe(
    entries: Any, request: HttpRequest, *, every_field: bool = False
) -> list[tuple[AuditEntry, list[FieldChange]]]:
    """Each entry with its readable changes; every_field also lists unchanged fields."""
    names = _Names(request)
    prepared = [(e, _rows(e, names, every_field=every_field)) for e in entries]
    names.resolve()
    return [(e, _changes(rows, names)) for e, rows in prepared]
