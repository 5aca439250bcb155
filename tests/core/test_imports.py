"""The generic importer: reading files, matching headers, checking rows, all or nothing."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from fuwu.core import imports
from fuwu.core.imports import (
    ImportColumn,
    ImportRefused,
    Outcome,
    import_file,
    read_table,
    records,
    run_import,
    template_csv,
)
from fuwu.core.models import Site


def _number(text: str) -> int:
    if not text.isdigit():
        raise ValidationError("Write a number.")
    return int(text)


# Labels as registers give them: translated, so Chinese headings match too.
COLUMNS = [
    ImportColumn("code", gettext_lazy("Code"), required=True, unique=True),
    ImportColumn("name_en", gettext_lazy("Name (English)")),
    ImportColumn("order", gettext_lazy("Order"), parse=_number),
]


def upload(data: bytes | str, name: str = "a.csv", encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data.encode(encoding) if isinstance(data, str) else data)


def xlsx(*rows: list[Any]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# -- reading files -----------------------------------------------------------


def test_a_csv_with_a_bom_and_a_guarded_formula():
    table = read_table(upload("\ufeffCode,Name (English)\nA,'=1+1\n"))
    assert records(table, COLUMNS).rows == [(2, {"code": "A", "name_en": "=1+1"})]


def test_a_csv_without_a_bom_keeps_line_breaks_within_cells():
    table = read_table(upload('Code,Name (English)\nA,"two\nlines"\nB,b\n'))
    assert records(table, COLUMNS).rows == [
        (2, {"code": "A", "name_en": "two\nlines"}),
        (3, {"code": "B", "name_en": "b"}),  # the spreadsheet's row, not the file's line
    ]


def test_a_gbk_csv_with_chinese_headers():
    # What Chinese Excel saves as "CSV": GBK (read as GB18030), headings in Chinese.
    text = "编码,名称（英文）\nA,前台\n"  # noqa: RUF001
    table = read_table(upload(text, encoding="gbk"))
    assert records(table, COLUMNS).rows == [(2, {"code": "A", "name_en": "前台"})]


def test_semicolons_and_utf16_tab_separated_text():
    table = read_table(upload("Code;Name (English)\nA;Alpha\n"))
    assert records(table, COLUMNS).rows == [(2, {"code": "A", "name_en": "Alpha"})]
    utf16 = upload("Code\tName (English)\r\nB\tBeta\r\n", name="a.txt", encoding="utf-16")
    assert records(read_table(utf16), COLUMNS).rows == [(2, {"code": "B", "name_en": "Beta"})]


def test_an_xlsx_sheet_with_numbers_and_blank_rows():
    data = xlsx([], ["Code", "Order", "Name (English)"], [101, 10.0, None], [], [" C ", 3, "x"])
    assert records(read_table(upload(data, "a.xlsx")), COLUMNS).rows == [
        (3, {"code": "101", "order": "10", "name_en": ""}),
        (5, {"code": "C", "order": "3", "name_en": "x"}),
    ]


def test_an_xlsx_file_that_understates_its_size_is_read_whole():
    # Some tools write <dimension ref="A1"/> whatever the sheet holds.
    source = zipfile.ZipFile(io.BytesIO(xlsx(["Code", "Name (English)"], ["A", "Alpha"])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', content)
            target.writestr(item, content)
    table = read_table(upload(buffer.getvalue(), "a.xlsx"))
    assert records(table, COLUMNS).rows == [(2, {"code": "A", "name_en": "Alpha"})]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"Code\nA\n", "a.pdf", "CSV"),
        (b"\xff\xfe\xfd\xff\x80", "a.csv", "encoding"),
        (b"not a workbook", "a.xlsx", "Excel file could not be read"),
        (b'Code,Name (English)\nA,"' + b"x" * 200_000 + b'"\n', "a.csv", "CSV file could not"),
    ],
)
def test_files_that_cannot_be_read(data, name, message):
    with pytest.raises(ImportRefused, match=message):
        read_table(upload(data, name))


def test_the_size_limit(monkeypatch):
    monkeypatch.setattr(imports, "MAX_BYTES", 1024 * 1024)
    with pytest.raises(ImportRefused, match="larger than 1 MB"):
        read_table(upload(b"Code\n" + b"A\n" * 600_000))
    read_table(upload(b"Code\n" + b"A\n" * 1000))


def test_the_row_limit_counts_rows_with_something_in_them(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    assert len(records([["Code"], ["A"], [""], [""], ["B"]], COLUMNS).rows) == 2
    with pytest.raises(ImportRefused, match="more than 2 rows"):
        records([["Code"], ["A"], ["B"], ["C"]], COLUMNS)


def test_an_excel_sheet_stops_being_read_after_too_many_rows(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    monkeypatch.setattr(imports, "SCAN_FACTOR", 2)
    with pytest.raises(ImportRefused, match="more than 2 rows"):
        read_table(upload(xlsx(*[["x"]] * 7), "a.xlsx"))


# -- the header ----------------------------------------------------------------


def test_headers_match_whatever_their_case_and_spacing_and_others_are_named():
    sheet = records([[" code ", "NAME  (english)", "Other", ""], ["A", "Alpha", "no"]], COLUMNS)
    assert sheet.rows == [(2, {"code": "A", "name_en": "Alpha"})]
    assert sheet.ignored == ["Other"]


def test_the_header_is_the_first_row_with_something_in_it():
    sheet = records([["", ""], ["Code"], ["A"]], COLUMNS)
    assert sheet.rows == [(3, {"code": "A"})]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ([], "empty"),
        ([[""], [" "]], "empty"),
        ([["Name (English)"], ["x"]], "missing: Code"),
        ([["Code", "code"], ["x", "y"]], "Code appears twice"),
        ([["Code"], [""]], "no rows"),
    ],
)
def test_tables_that_cannot_be_imported(table, message):
    with pytest.raises(ImportRefused, match=message):
        records(table, COLUMNS)


def test_the_template_is_the_header_in_the_readers_language():
    assert template_csv(COLUMNS) == "\ufeffCode,Name (English),Order\r\n"


# -- checking and applying -----------------------------------------------------


def _create_site(world: Any) -> Any:
    def apply(data: dict[str, Any]) -> Outcome:
        if data["code"] == "BAD":
            raise ValidationError({"code": "No good.", "name_en": "Nor this."})
        if data["code"] == "NOPE":
            raise PermissionDenied("Not yours.")
        Site.objects.create(organization=world.org, code=data["code"], name_en="x")
        return Outcome.CREATED

    return apply


@pytest.mark.django_db
def test_every_rows_errors_are_reported_and_nothing_is_kept(world):
    rows = [
        (2, {"code": "A1", "order": "1"}),
        (3, {"code": "A3", "order": "x"}),  # a cell error: not applied
        (4, {"code": "BAD"}),  # the service refuses it
        (5, {"code": "A1"}),  # the file repeats a key
        (6, {"code": "", "name_en": "no code"}),
        (7, {"code": "NOPE"}),
        (8, {"code": "A2"}),
    ]
    result = run_import(rows, columns=COLUMNS, build_row=dict, apply=_create_site(world))
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "Order", "Write a number."),
        (4, "Code", "No good."),
        (4, "Name (English)", "Nor this."),
        (5, "Code", "Row 2 has the same value."),
        (6, "Code", "This cell is required."),
        (7, "", "Not yours."),
    ]
    assert not result.ok and (result.created, result.updated) == (0, 0)
    assert not Site.objects.filter(code__in=["A1", "A2"]).exists()


@pytest.mark.django_db
def test_a_good_file_is_applied_and_counted(world):
    seen = []

    def build(data: dict[str, Any]) -> dict[str, Any]:
        seen.append(data)
        return data

    data = b"Code,Order,Note\nA1,1,x\n\x00A2,,y\n"
    result = import_file(upload(data), columns=COLUMNS, build_row=build, apply=_create_site(world))
    assert result.ok and (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert result.ignored == ["Note"]
    assert seen == [{"code": "A1", "order": 1}, {"code": "A2"}]  # parsed, empty cells left out
    assert Site.objects.filter(code__in=["A1", "A2"]).count() == 2
