"""Importing rows of a register from a spreadsheet (CSV or Excel).

A register declares its columns (`ImportColumn`) and a function that turns one
row into a service call. `run_import` applies every row inside one transaction,
each behind a savepoint, so that it can report the errors of *every* row; if any
row fails, the whole transaction is rolled back: nothing is imported.

Headers are matched, case-insensitively, against each column's name and its
label in English and Chinese, so a file exported from the register (headings in
the reader's language) can be imported again. Unknown columns are ignored.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
FORMULA_GUARD = ("'=", "'+", "'-", "'@")  # what the CSV export puts before formula-like text


class ImportRefused(ValueError):
    """The file as a whole cannot be read (type, size, encoding, missing columns)."""


@dataclass(frozen=True)
class ImportColumn:
    name: str
    label: Promise | str
    required: bool = False


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_table(upload: Any) -> list[list[str]]:
    """The rows of the first sheet of an uploaded .csv or .xlsx file, as text."""
    name = (getattr(upload, "name", "") or "").lower()
    if getattr(upload, "size", 0) > MAX_BYTES:
        raise ImportRefused(_("The file is larger than 5 MB: split it into smaller files."))
    data = upload.read()
    if name.endswith(".xlsx"):
        return _xlsx_rows(data)
    if name.endswith((".csv", ".txt")):
        return _csv_rows(data)
    raise ImportRefused(_("Choose a CSV (.csv) or Excel (.xlsx) file."))


def _csv_rows(data: bytes) -> list[list[str]]:
    # UTF-8 (with or without BOM) first; Chinese Excel saves CSV as GB18030/GBK.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [row for row in csv.reader(io.StringIO(text))]
    raise ImportRefused(_("The file's text encoding is not UTF-8 or GB18030; save it as UTF-8."))


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportRefused(_("The Excel file could not be read.")) from exc
    sheet = book.worksheets[0]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _key(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


def _names(column: ImportColumn) -> set[str]:
    names = {_key(column.name)}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            names.add(_key(column.label))
    return names


def records(
    table: list[list[str]], columns: Iterable[ImportColumn]
) -> list[tuple[int, dict[str, str]]]:
    """(row number, {column name: text}) for each non-empty row below the header."""
    columns = list(columns)
    if not table:
        raise ImportRefused(_("The file is empty."))
    wanted = {name: column for column in columns for name in _names(column)}
    positions = {i: wanted[_key(h)].name for i, h in enumerate(table[0]) if _key(h) in wanted}
    missing = [c for c in columns if c.required and c.name not in positions.values()]
    if missing:
        raise ImportRefused(
            _("These columns are missing: %(columns)s.")
            % {"columns": ", ".join(str(c.label) for c in missing)}
        )
    body = table[1:]
    if len(body) > MAX_ROWS:
        raise ImportRefused(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    found = []
    for number, row in enumerate(body, start=2):
        values = {positions[i]: _clean(v) for i, v in enumerate(row) if i in positions}
        if any(values.values()):
            found.append((number, values))
    if not found:
        raise ImportRefused(_("The file has no rows below its header."))
    return found


def _clean(value: Any) -> str:
    text = str(value or "").strip()
    return text[1:] if text.startswith(FORMULA_GUARD) else text


def run_import(
    rows: list[tuple[int, dict[str, str]]],
    apply: Callable[[dict[str, str]], bool],
    columns: Iterable[ImportColumn],
) -> ImportResult:
    """Apply each row (`apply` returns True when it created a record, False when it
    updated one); all or nothing."""
    labels = {c.name: str(c.label) for c in columns}
    result = ImportResult()
    with transaction.atomic():
        for number, values in rows:
            try:
                with transaction.atomic():
                    created = apply(values)
            except ValidationError as exc:
                result.errors.extend(_row_errors(number, exc, labels))
                continue
            except PermissionDenied as exc:
                result.errors.append(RowError(number, "", str(exc) or _("Not allowed.")))
                continue
            if created:
                result.created += 1
            else:
                result.updated += 1
        if result.errors:
            transaction.set_rollback(True)
            result.created = result.updated = 0
    return result


def _row_errors(number: int, exc: ValidationError, labels: dict[str, str]) -> list[RowError]:
    if hasattr(exc, "error_dict"):
        return [
            RowError(number, labels.get(name, "" if name == "__all__" else name), message)
            for name, errors in exc.message_dict.items()
            for message in errors
        ]
    return [RowError(number, "", message) for message in exc.messages]


def template_csv(columns: Iterable[ImportColumn]) -> str:
    """A CSV with just the header row, in the reader's language (with a BOM for Excel)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([str(c.label) for c in columns])
    return "\ufeff" + buffer.getvalue()
