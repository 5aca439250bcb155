"""The generic importer: reading files, matching headers, all or nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fuwu.core import imports
from fuwu.core.imports import ImportColumn, ImportRefused, read_table, records, run_import
from fuwu.core.models import Site

COLUMNS = [ImportColumn("code", "Code", required=True), ImportColumn("name_en", "Name (English)")]


def test_a_csv_with_a_bom_and_a_guarded_formula():
    table = read_table(SimpleUploadedFile("a.csv", "\ufeffCode,Name (English)\nA,'=1+1\n".encode()))
    assert records(table, COLUMNS) == [(2, {"code": "A", "name_en": "=1+1"})]


def test_headers_match_whatever_their_case_and_spacing():
    rows = records([[" code ", "NAME  (english)", "Other"], ["A", "Alpha", "ignored"]], COLUMNS)
    assert rows == [(2, {"code": "A", "name_en": "Alpha"})]


def test_empty_rows_are_skipped_and_numbers_are_the_spreadsheets():
    rows = records([["Code"], ["A"], ["", ""], ["B"]], COLUMNS)
    assert [number for number, _ in rows] == [2, 4]


@pytest.mark.parametrize(
    ("table", "message"),
    [([], "empty"), ([["Name (English)"], ["x"]], "missing"), ([["Code"]], "no rows")],
)
def test_files_that_cannot_be_imported(table, message):
    with pytest.raises(ImportRefused, match=message):
        records(table, COLUMNS)


def test_too_many_rows(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    with pytest.raises(ImportRefused, match="more than 2 rows"):
        records([["Code"], ["A"], ["B"], ["C"]], COLUMNS)


@pytest.mark.django_db
def test_one_failing_row_rolls_back_every_row(world):
    def apply(values: dict[str, str]) -> bool:
        if values["code"] == "BAD":
            raise ValidationError({"code": "No good."})
        Site.objects.create(organization=world.org, code=values["code"], name_en="x")
        return True

    rows = [(2, {"code": "A1"}), (3, {"code": "BAD"}), (4, {"code": "A2"})]
    result = run_import(rows, apply, COLUMNS)
    assert [(e.row, e.column, e.message) for e in result.errors] == [(3, "Code", "No good.")]
    assert (result.created, result.updated) == (0, 0)
    assert not Site.objects.filter(code__in=["A1", "A2"]).exists()
