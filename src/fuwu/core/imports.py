"""Importing the rows of a register from a spreadsheet (CSV or Excel), all or nothing.

A register declares its columns (`ImportColumn`: how to read a cell, lookups
included) and `apply`, which calls its service for one row (and, if it needs
checks across cells, `build_row`). `run_import` reads every row first, then
applies them inside ONE transaction, each behind a savepoint so that it can report
the errors of *every* row; any error and the whole transaction is rolled back:
nothing is imported.

Headers are matched, case-insensitively, against each column's name and its label
in English and Chinese, so a file exported from the register (headings in the
reader's language) can be imported again. Other columns are ignored, and named.
"""

from __future__ import annotations

import codecs
import csv
import enum
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar
from xml.parsers import expat

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader

from .text import text_error

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# Rows an Excel sheet may hold, blank ones included, before we stop reading: a few
# kilobytes of zipped XML can unpack into a million empty rows.
SCAN_FACTOR = 10
# An Excel file is zipped XML: 100 KB can hold a row of a million cells, or unpack to
# gigabytes. Its size unpacked, its columns and its cells are checked first, by a
# streaming scan of the sheet that stops at the first limit, before openpyxl reads it.
MAX_UNZIPPED_BYTES = 20 * 1024 * 1024
MAX_COLUMNS = 100
MAX_CELLS = 200_000
FORMULA_GUARD = ("'=", "'+", "'-", "'@")  # what the CSV export puts before formula-like text

T = TypeVar("T")
Row = tuple[int, dict[str, str]]  # (row number as the spreadsheet shows it, {column: text})


class ImportRefused(ValueError):
    """The file as a whole cannot be read (type, size, encoding, header, rows)."""


class Outcome(enum.Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class ImportColumn:
    name: str  # the service's field name: its ValidationErrors point at this column
    label: Promise | str
    required: bool = False  # the header must be there and every row must fill the cell
    parse: Callable[[str], Any] = str  # a filled cell's text -> value; ValidationError
    unique: bool = False  # a key: two rows of the file may not repeat a value
    help: Promise | str = ""  # what the cell accepts, for the upload page


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str  # the column's label, "" for the row as a whole
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # headers of the file not imported

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)


@dataclass(frozen=True)
class Sheet:
    rows: list[Row]
    ignored: list[str]


# -- reading the file ------------------------------------------------------


def read_table(upload: Any) -> list[list[str]]:
    """The rows of an uploaded .csv (or .txt) file, or of an .xlsx file's first sheet."""
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith((".csv", ".txt", ".xlsx")):
        raise ImportRefused(_("Choose a CSV (.csv) or Excel (.xlsx) file."))
    # Read one byte more than allowed: enough to know, whatever `size` claims.
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportRefused(
            _("The file is larger than %(size)s MB: split it into smaller files.")
            % {"size": MAX_BYTES // (1024 * 1024)}
        )
    return _xlsx_rows(data) if name.endswith(".xlsx") else _csv_rows(data)


def _decode(data: bytes) -> str:
    # UTF-8 (with or without BOM) is what we export; Chinese Excel saves "CSV" as
    # GB18030 (a superset of GBK); Excel's "Unicode text" is UTF-16 with a BOM.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = None
        if text is not None and _plausibly_gb(text):
            return text
    raise ImportRefused(
        _(
            "The file's text encoding could not be recognized for certain. Save it as "
            "UTF-8 (with or without BOM), UTF-16 with BOM or GB18030 (GBK), then import "
            "it again."
        )
    )


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _plausibly_gb(text: str) -> bool:
    """Whether text decoded as GB18030 is what a Chinese spreadsheet writes, rather
    than another encoding that happened to decode (GB18030 maps almost any bytes).
    Every character must be a two-byte GBK code outside GBK/3 (first byte 0x81-0xA0,
    rare characters): Shift-JIS kana and most kanji land exactly there, or in the
    four-byte codes, while GB2312's 7,445 common characters and symbols never do."""
    for char in set(_NON_ASCII.findall(text)):
        code = char.encode("gb18030")
        if len(code) != 2 or code[0] < 0xA1:
            return False
    return True


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _decode(data)
    # Some spreadsheets write ";" (European settings) or tabs: take the header's.
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:  # e.g. a cell longer than the csv module's limit
        raise ImportRefused(
            _("The CSV file could not be read: %(error)s") % {"error": exc}
        ) from exc


def _xlsx_rows(data: bytes) -> list[list[str]]:
    limit = (MAX_ROWS + 1) * SCAN_FACTOR
    _check_xlsx_size(data, max_rows=limit)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportRefused(_("The Excel file could not be read.")) from exc
    try:
        if not book.worksheets:
            raise ImportRefused(_("The file is empty."))
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # the size a file states may be wrong: read what is there
        rows = []
        for values in sheet.iter_rows(values_only=True):
            if len(rows) >= limit:
                raise ImportRefused(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
            rows.append([_cell_text(v) for v in values])
        return rows
    except ImportRefused:
        raise
    except Exception as exc:  # read-only sheets are parsed lazily, while iterating
        raise ImportRefused(_("The Excel file could not be read.")) from exc
    finally:
        book.close()


def _check_xlsx_size(data: bytes, *, max_rows: int) -> None:
    """Refuse an Excel file that unpacks to too much, or whose sheets (every one:
    openpyxl reads them all to size them) or shared strings hold too many rows,
    columns or cells, reading each part only up to the first limit passed."""
    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True)
        # zipfile never unpacks more than a member's declared size: the sum bounds all.
        unzipped = sum(member.file_size for member in reader.archive.infolist())
        if unzipped > MAX_UNZIPPED_BYTES:
            raise ImportRefused(
                _("The Excel file unpacks to more than %(size)s MB: split it into smaller files.")
                % {"size": MAX_UNZIPPED_BYTES // (1024 * 1024)}
            )
        reader.read_manifest()
        parts = []
        strings = reader.package.find(SHARED_STRINGS)
        if strings is not None:
            parts.append(strings.PartName[1:])
        reader.read_workbook()
        parts += [rel.target for _sheet, rel in reader.parser.find_sheets()]
        cells = 0
        for name in parts:
            if name in reader.valid_files:
                with reader.archive.open(name) as part:
                    cells += scan_sheet(part, max_rows=max_rows, max_cells=MAX_CELLS - cells)
    except ImportRefused:
        raise
    except Exception as exc:  # not a zip, no workbook, damaged XML...
        raise ImportRefused(_("The Excel file could not be read.")) from exc


_COLUMN = re.compile(r"[A-Z]+")


def _column_number(reference: str) -> int:
    letters = _COLUMN.match(reference)
    number = 0
    for letter in letters.group() if letters else "":
        number = number * 26 + ord(letter) - 64
    return number


def scan_sheet(part: Any, *, max_rows: int, max_cells: int = MAX_CELLS) -> int:
    """Count the rows, columns and cells (or shared strings) of a part's XML as it
    streams by, and refuse at the first limit passed: nothing after it is read.
    Returns the cells counted. Expat with a callback: no tree is built."""
    rows = cells = column = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal rows, cells, column
        tag = name.rsplit(":", 1)[-1]
        if tag == "row":
            rows, column = rows + 1, 0
            if rows > max_rows:
                raise ImportRefused(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
        elif tag in ("c", "si"):  # a cell, or a shared string
            cells += 1
            if tag == "c":
                reference = attributes.get("r")
                column = _column_number(reference) if reference else column + 1
            if column > MAX_COLUMNS:
                raise ImportRefused(
                    _("The file has more than %(max)s columns.") % {"max": MAX_COLUMNS}
                )
            if cells > max_cells:
                raise ImportRefused(_("The file has more than %(max)s cells.") % {"max": MAX_CELLS})

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    while chunk := part.read(64 * 1024):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return cells


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps every number as a float: 10.0 is 10
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


# -- the header and the rows -----------------------------------------------


def _key(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


def _names(column: ImportColumn) -> set[str]:
    names = {_key(column.name)}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            names.add(_key(column.label))
    return names


def records(table: list[list[str]], columns: Sequence[ImportColumn]) -> Sheet:
    """Match the header (the first non-empty row) and return the non-empty rows below it."""
    start = next((i for i, row in enumerate(table) if any(_clean(v) for v in row)), None)
    if start is None:
        raise ImportRefused(_("The file is empty."))
    positions, ignored = _match_header(table[start], columns)
    missing = [c for c in columns if c.required and c.name not in positions.values()]
    if missing:
        raise ImportRefused(
            _("These columns are missing: %(columns)s.")
            % {"columns": ", ".join(str(c.label) for c in missing)}
        )
    rows = []
    for number, row in enumerate(table[start + 1 :], start=start + 2):
        # Every column read, even past the end of a short row (Excel drops empty tails).
        values = {name: _clean(row[i]) if i < len(row) else "" for i, name in positions.items()}
        if any(values.values()):
            rows.append((number, values))
    if len(rows) > MAX_ROWS:
        raise ImportRefused(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    if not rows:
        raise ImportRefused(_("The file has no rows below its header."))
    return Sheet(rows, ignored)


def _match_header(
    header: list[str], columns: Sequence[ImportColumn]
) -> tuple[dict[int, str], list[str]]:
    """{position: column name} and the headers that name no column."""
    wanted = {name: column for column in columns for name in _names(column)}
    positions: dict[int, str] = {}
    ignored = []
    for i, heading in enumerate(header):
        column = wanted.get(_key(heading))
        if column is None:
            if _clean(heading):
                ignored.append(_clean(heading))
        elif column.name in positions.values():
            raise ImportRefused(
                _("The column %(column)s appears twice.") % {"column": column.label}
            )
        else:
            positions[i] = column.name
    return positions, ignored


def _clean(value: Any) -> str:
    # NUL cannot be stored by PostgreSQL; the guard is the export's, for round trips.
    text = str(value or "").replace("\x00", "").strip()
    return text[1:] if text.startswith(FORMULA_GUARD) else text


# -- checking and applying -------------------------------------------------


def parse_cells(values: dict[str, str], columns: Iterable[ImportColumn]) -> dict[str, Any]:
    """The filled cells, each through its column's `parse`; empty cells are left out.
    Raises one ValidationError with the errors of every cell."""
    parsed: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for column in columns:
        text = values.get(column.name, "")
        if not text:
            if column.required and column.name in values:
                errors[column.name] = [_("This cell is required.")]
            continue
        problem = text_error(text, multiline=True)  # the input rule of every text
        if problem is not None:
            errors[column.name] = problem.messages
            continue
        try:
            parsed[column.name] = column.parse(text)
        except ValidationError as exc:
            errors[column.name] = exc.messages
    if errors:
        raise ValidationError(errors)
    return parsed


def _as_is(data: dict[str, Any]) -> Any:
    return data


def run_import(
    rows: Sequence[Row],
    *,
    columns: Sequence[ImportColumn],
    apply: Callable[[T], Outcome],
    build_row: Callable[[dict[str, Any]], T] = _as_is,
) -> ImportResult:
    """Check every row (cells, keys, `build_row`), then apply the good ones in one
    transaction; if any row failed, at either step, roll everything back."""
    labels = {c.name: str(c.label) for c in columns}
    result = ImportResult()
    built: list[tuple[int, T]] = []
    seen: dict[tuple[str, str], int] = {}
    for number, values in rows:
        errors = _repeated(number, values, columns, seen)
        try:
            data = build_row(parse_cells(values, columns))
        except ValidationError as exc:
            errors += _row_errors(number, exc, labels)
        result.errors += errors
        if not errors:
            built.append((number, data))
    # Rows that read well are applied even when others did not, so that the report
    # also gives the services' errors (scope, a code taken...): one round of fixes.
    with transaction.atomic():
        for number, data in built:
            try:
                with transaction.atomic():
                    result.count(apply(data))
            except ValidationError as exc:
                result.errors += _row_errors(number, exc, labels)
            except PermissionDenied as exc:
                result.errors.append(RowError(number, "", str(exc) or _("Not allowed.")))
        if result.errors:
            transaction.set_rollback(True)
            result.created = result.updated = result.unchanged = 0
    result.errors.sort(key=lambda e: e.row)
    return result


def _repeated(
    number: int,
    values: dict[str, str],
    columns: Iterable[ImportColumn],
    seen: dict[tuple[str, str], int],
) -> list[RowError]:
    """A key (a unique column) the file already gave in an earlier row."""
    errors = []
    for column in columns:
        value = values.get(column.name, "")
        if not (column.unique and value):
            continue
        first = seen.setdefault((column.name, value), number)
        if first != number:
            message = _("Row %(row)s has the same value.") % {"row": first}
            errors.append(RowError(number, str(column.label), message))
    return errors


def _row_errors(number: int, exc: ValidationError, labels: dict[str, str]) -> list[RowError]:
    if hasattr(exc, "error_dict"):
        return [
            RowError(number, labels.get(name, "" if name == "__all__" else name), message)
            for name, errors in exc.message_dict.items()
            for message in errors
        ]
    return [RowError(number, "", message) for message in exc.messages]


def import_file(
    upload: Any,
    *,
    columns: Sequence[ImportColumn],
    apply: Callable[[T], Outcome],
    build_row: Callable[[dict[str, Any]], T] = _as_is,
) -> ImportResult:
    """Read an uploaded file and import it, all or nothing. Raises ImportRefused when
    the file as a whole cannot be read."""
    sheet = records(read_table(upload), columns)
    result = run_import(sheet.rows, columns=columns, build_row=build_row, apply=apply)
    result.ignored = sheet.ignored
    return result


def template_csv(columns: Iterable[ImportColumn]) -> str:
    """A CSV with just the header row, in the reader's language (with a BOM for Excel)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([str(c.label) for c in columns])
    return "\ufeff" + buffer.getvalue()
