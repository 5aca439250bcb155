"""The migration step that turns one text field into an `_en` / `_zh` pair (ADR 0022).

Between adding the pair and removing the old field, each stored text moves to the
field of its language: Chinese text (`is_chinese`: mostly Chinese characters) to
`<x>_zh`, anything else to `<x>_en`. Going back joins them again (the English one
first when both are written, since the old field held one text)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from .text import split_by_language


def split_texts(app_label: str, model_name: str, fields: tuple[str, ...]) -> migrations.RunPython:
    """A RunPython that moves each of `fields` into its `_en` / `_zh` pair."""

    def forward(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        rows = []
        for row in model.objects.all().only("pk", *fields).iterator(chunk_size=2000):
            for field in fields:
                en, zh = split_by_language(getattr(row, field) or "")
                setattr(row, f"{field}_en", en)
                setattr(row, f"{field}_zh", zh)
            rows.append(row)
        fields_after = [f"{f}_{language}" for f in fields for language in ("en", "zh")]
        model.objects.bulk_update(rows, fields_after, batch_size=500)

    def backward(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        rows = []
        for row in model.objects.all().iterator(chunk_size=2000):
            for field in fields:
                en, zh = getattr(row, f"{field}_en"), getattr(row, f"{field}_zh")
                setattr(row, field, "\n\n".join(t for t in (en, zh) if t))
            rows.append(row)
        model.objects.bulk_update(rows, list(fields), batch_size=500)

    return migrations.RunPython(forward, backward)
