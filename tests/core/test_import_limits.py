"""Imported files that would stall the server or garble the data are refused, with a
message, before they are read in full: Excel files that unpack to too much, rows of
a million cells, and text whose encoding is not known for certain."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from fuwu.core import imports
from fuwu.core.imports import ImportRefused, read_table

PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
        "</Relationships>"
    ),
}
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_END = "</sheetData></worksheet>"


def sheet_xml(rows: list[str]) -> str:
    return SHEET_START + "".join(f"<row>{cells}</row>" for cells in rows) + SHEET_END


def xlsx(sheet: str) -> bytes:
    """A real .xlsx file (openpyxl reads it) with the sheet XML given, made by hand so
    that it can hold what no spreadsheet program would write."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def upload(data: bytes, name: str = "a.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


class Counting(io.RawIOBase):
    """A stream that counts the bytes taken from it."""

    def __init__(self, data: bytes) -> None:
        self.stream, self.taken = io.BytesIO(data), 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.taken += len(chunk)
        return chunk


MILLION_CELLS = sheet_xml(["<c><v>1</v></c>" * 1_000_000])


def test_a_small_file_of_a_million_cells_in_one_row_is_refused_at_once():
    data = xlsx(MILLION_CELLS)
    assert len(data) < 200 * 1024  # small enough to pass the size limit by far
    with pytest.raises(ImportRefused, match=f"more than {imports.MAX_COLUMNS} columns"):
        read_table(upload(data))


def test_the_sheet_is_read_only_up_to_the_first_limit():
    part = Counting(MILLION_CELLS.encode())
    with pytest.raises(ImportRefused):
        imports.scan_sheet(part, max_rows=10)
    assert part.taken < len(MILLION_CELLS) // 20  # stopped near the 101st cell


def test_too_many_cells_are_refused_even_in_few_columns():
    row = "".join(f"<c><v>{i}</v></c>" for i in range(80))
    data = xlsx(sheet_xml([row] * 3000))  # 240,000 cells in 80 columns
    with pytest.raises(ImportRefused, match="more than 200000 cells"):
        read_table(upload(data))


def test_a_zip_bomb_is_refused_by_its_unpacked_size():
    padding = " " * (imports.MAX_UNZIPPED_BYTES + 1)
    data = xlsx(SHEET_START + padding + SHEET_END)
    assert len(data) < imports.MAX_BYTES  # passes the upload's own size limit
    with pytest.raises(ImportRefused, match="unpacks to more than 20 MB"):
        read_table(upload(data))


def test_a_damaged_sheet_is_refused_not_a_500():
    with pytest.raises(ImportRefused, match="could not be read"):
        read_table(upload(xlsx(SHEET_START + "<row><c><v>1</v>")))
    with pytest.raises(ImportRefused, match="could not be read"):
        read_table(upload(b"PK\x03\x04 not really a zip"))


def test_an_ordinary_sheet_is_read_as_before():
    data = xlsx(sheet_xml(['<c t="inlineStr"><is><t>Code</t></is></c>', "<c><v>7</v></c>"]))
    assert read_table(upload(data)) == [["Code"], ["7"]]


@pytest.mark.django_db
def test_the_api_answers_400_with_the_message(world):
    api = APIClient()
    api.force_authenticate(world.users["quality"])
    response = api.post(
        "/api/v1/contact-points/import/",
        {"file": upload(xlsx(MILLION_CELLS), "points.xlsx"), "organization": world.org.pk},
        format="multipart",
    )
    assert response.status_code == 400
    assert f"more than {imports.MAX_COLUMNS} columns" in str(response.json())


# -- text encodings ------------------------------------------------------------------

SHIFT_JIS = "コード,名称\nA1,東京ホテル\nB2,さくら\n".encode("shift_jis")


def test_a_shift_jis_csv_is_refused_naming_the_encodings_accepted():
    with pytest.raises(ImportRefused) as refused:
        read_table(upload(SHIFT_JIS, "a.csv"))
    message = str(refused.value)
    for accepted in ("UTF-8", "UTF-16 with BOM", "GB18030"):
        assert accepted in message


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Café,Zoë\n", "cp1252"),  # Western European Excel: not one of ours
        ("Код,Имя\n", "koi8_r"),
    ],
)
def test_other_legacy_encodings_are_refused(text, encoding):
    with pytest.raises(ImportRefused, match="GB18030"):
        read_table(upload(text.encode(encoding), "a.csv"))


@pytest.mark.parametrize(
    "data",
    [
        "编号,名称\uff08中文\uff09\nH1,湖畔酒店·西湖店\n".encode("gb18030"),
        "編號,名稱\nH1,湖畔酒店\n".encode("gbk"),  # traditional characters, as GBK has them
        "\ufeff编号,名称\nH1,湖畔酒店\n".encode(),
        "编号,名称\nH1,湖畔酒店\n".encode(),
        "\ufeff编号,名称\nH1,湖畔酒店\n".encode("utf-16"),
    ],
)
def test_the_accepted_encodings_are_read(data):
    rows = read_table(upload(data, "a.csv"))
    assert rows[1][0] == "H1"
    assert "湖畔酒店" in rows[1][1]
