"""Importing customer evaluations from a spreadsheet (CSV or Excel): the command
`fuwu import-evaluations FILE` and the upload page share this.

Columns (headers in English or Chinese, any case; other columns are named and
ignored):

- `token` or `collection_point` (its id): where it was collected;
- `submission_id`: the form's id (8 to 64 letters, digits, `-`, `_`); a row whose id
  is stored already is skipped and counted as such, so a file can be imported again;
- `submitted_at`: ISO 8601 (`2026-12-01 09:14`, `2026-12-01T09:14:00+08:00`; without a
  zone, the server's), never in the future; `language` (`en`, `zh-hans`; `zh`, `中文`);
  `channel` (`qr`, `link`, `kiosk`, `import`: the default); `comment`; `visit_id`;
- one column per question, headed by its id: `41`, `q41` or `问题41`, a value per cell
  (empty: not answered); or an `answers` column holding `{"41": 5}` as JSON.

All or nothing per file: every row is checked first (in memory, a chunk of 1,000 rows
at a time, a query per chunk), and if any row is wrong nothing is written and every
wrong row is reported. Otherwise the new rows are written in chunks of 1,000 inside
ONE transaction: the file is imported whole or not at all.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core import imports
from fuwu.core.imports import ImportColumn, ImportRefused, RowError
from fuwu.core.models import Organization, User
from fuwu.core.permissions import require

from .services.collection import (
    MAX_BULK,
    evaluations_prepare,
    evaluations_write,
    points_for,
)
from .services.evaluations import MANAGE

CHUNK = MAX_BULK
QUESTION = re.compile(r"^(?:q|question|问题)?\s*#?\s*(\d{1,9})$", re.IGNORECASE)

COLUMNS = [
    ImportColumn("token", gettext_lazy("Token"), help=gettext_lazy("or the collection point's id")),
    ImportColumn("collection_point", gettext_lazy("Collection point")),
    ImportColumn("submission_id", gettext_lazy("Submission id"), required=True),
    ImportColumn(
        "submitted_at",
        gettext_lazy("Submitted at"),
        help=gettext_lazy("ISO 8601, e.g. 2026-12-01 09:14; not in the future"),
    ),
    ImportColumn("language", gettext_lazy("Language"), help="en, zh-hans"),
    ImportColumn("channel", gettext_lazy("Channel"), help="qr, link, kiosk, import"),
    ImportColumn("comment", gettext_lazy("Comment")),
    ImportColumn("visit_id", gettext_lazy("Visit")),
    ImportColumn(
        "answers",
        gettext_lazy("Answers"),
        help=gettext_lazy('JSON, e.g. {"41": 5}; or a column per question headed by its id'),
    ),
]


@dataclass
class EvaluationImport:
    """What an import did, or would have done: rows read, stored, stored before, and
    the errors by row (as the spreadsheet numbers it) and column."""

    rows: int = 0
    created: int = 0
    existing: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# -- reading ---------------------------------------------------------------------------


def _key(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


def _header(header: list[str]) -> tuple[dict[int, str], list[str]]:
    """{position: column name or "q:<question id>"} and the headers not used."""
    names: dict[str, str] = {}
    for column in COLUMNS:
        names[_key(column.name)] = column.name
        for language in ("en", "zh-hans"):
            with translation.override(language):
                names[_key(column.label)] = column.name
    positions: dict[int, str] = {}
    ignored = []
    for index, heading in enumerate(header):
        text = str(heading or "").strip()
        name = names.get(_key(text))
        question = QUESTION.match(text.replace(" ", ""))
        if name is None and question:
            name = f"q:{question.group(1)}"
        if name is None or name in positions.values():
            if text:
                ignored.append(text)
            continue
        positions[index] = name
    if "submission_id" not in positions.values():
        raise ImportRefused(
            _("These columns are missing: %(columns)s.") % {"columns": str(COLUMNS[2].label)}
        )
    if "token" not in positions.values() and "collection_point" not in positions.values():
        raise ImportRefused(
            _("These columns are missing: %(columns)s.")
            % {"columns": f"{COLUMNS[0].label} / {COLUMNS[1].label}"}
        )
    return positions, ignored


def _language(text: str) -> str:
    lowered = text.strip().lower()
    return "zh-hans" if lowered.startswith(("zh", "中")) else "en"


def _row(number: int, cells: list[str], positions: dict[int, str]) -> dict[str, Any] | None:
    """One row as the service reads it (None for an empty row)."""
    values = {
        name: imports._clean(cells[i]) if i < len(cells) else "" for i, name in positions.items()
    }
    if not any(values.values()):
        return None
    answers: Any = {}
    problems: dict[str, str] = {}
    if values.get("answers"):
        try:
            answers = json.loads(values["answers"])
        except ValueError:
            problems["answers"] = _('Write the answers as JSON, e.g. {"41": 5}.')
        if not isinstance(answers, dict):
            answers = {}
    for name, text in values.items():
        if name.startswith("q:") and text:
            answers[name[2:]] = text
    row: dict[str, Any] = {
        "row": number,
        "submission_id": values.get("submission_id", ""),
        "submitted_at": values.get("submitted_at") or None,
        "language": _language(values.get("language", "")),
        "channel": (values.get("channel") or "").strip().lower() or None,
        "comment": values.get("comment", ""),
        "visit_id": values.get("visit_id", ""),
        "answers": answers,
        "problems": problems,
    }
    if values.get("token"):
        row["token"] = values["token"]
    elif values.get("collection_point", "").isdigit():
        row["collection_point"] = int(values["collection_point"])
    return row


def table_rows(table: Iterable[list[str]]) -> tuple[Iterator[dict[str, Any]], list[str]]:
    """The rows of a table (header first; blank lines before it skipped)."""
    lines = iter(table)
    number = 0
    for cells in lines:
        number += 1
        if any(str(c or "").strip() for c in cells):
            positions, ignored = _header(list(cells))
            break
    else:
        raise ImportRefused(_("The file is empty."))

    def rows() -> Iterator[dict[str, Any]]:
        for offset, cells in enumerate(lines, start=number + 1):
            row = _row(offset, list(cells), positions)
            if row is not None:
                yield row

    return rows(), ignored


def file_table(path: Path) -> Iterator[list[str]]:
    """The rows of a CSV (UTF-8, GB18030 or UTF-16, as core reads them) or .xlsx file
    of any length, read as a stream (the command; the page uses core's limits)."""
    name = path.name.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportRefused(_("The Excel file could not be read.")) from exc
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        return (
            [imports._cell_text(v) for v in values] for values in sheet.iter_rows(values_only=True)
        )
    if not name.endswith((".csv", ".txt")):
        raise ImportRefused(_("Choose a CSV (.csv) or Excel (.xlsx) file."))
    text = imports._decode(path.read_bytes())
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


# -- importing -------------------------------------------------------------------------


def _labels() -> dict[str, str]:
    return {c.name: str(c.label) for c in COLUMNS}


def _chunks(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def import_evaluations(
    *,
    actor: User,
    organization: Organization,
    table: Iterable[list[str]],
    progress: Callable[[str, int], None] | None = None,
    max_errors: int = 1000,
) -> EvaluationImport:
    """Check every row, then write the new ones in one transaction (see the module's
    docstring). `progress(stage, rows)` is called as rows are checked ("check") and
    written ("write")."""
    require(actor, organization, MANAGE)
    rows, ignored = table_rows(table)
    result = EvaluationImport(ignored=ignored)
    labels = _labels()
    checked = []
    seen: dict[str, int] = {}
    for chunk in _chunks(rows, CHUNK):
        keyed, points, outside = points_for(actor=actor, organization=organization, rows=chunk)
        prepared = evaluations_prepare(
            organization_id=organization.pk, rows=keyed, points=points, seen=seen
        )
        result.rows += len(chunk)
        wrong = prepared.errors | outside
        for index, row in enumerate(chunk):
            problems = row["problems"] | wrong.get(index, {})
            if not row.get("token") and not row.get("collection_point"):
                problems = {"token": _("Give the collection point's token or its id.")}
            for name, message in problems.items():
                if len(result.errors) < max_errors:
                    column = labels.get(name) or (f"q{name}" if name.isdigit() else name)
                    result.errors.append(RowError(row["row"], column, message))
        if not result.errors:
            checked.append(prepared)
        else:
            checked = []  # nothing will be written: keep no rows in memory
        if progress:
            progress("check", len(chunk))
    if result.errors:
        return result
    with transaction.atomic():
        for prepared in checked:
            outcome = evaluations_write(prepared)
            result.created += outcome.created_count
            result.existing += outcome.existing_count
            if progress:
                progress("write", len(outcome.ids))
    return result


def error_report(result: EvaluationImport) -> str:
    """The errors as CSV: row, column, message (the header in the reader's language)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Row"), _("Column"), _("Message")])
    for error in result.errors:
        writer.writerow([error.row, error.column, error.message])
    return buffer.getvalue()
