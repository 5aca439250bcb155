"""`fuwu import-evaluations FILE`: CSV or Excel, headers in either language, a column
per question; all or nothing per file with an error per row and column; a file can
be imported again (stored submission ids are skipped)."""

from __future__ import annotations

import csv
from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import Workbook

from fuwu import cli
from fuwu.core.models import AuditEntry
from fuwu.measurement import services
from fuwu.measurement.models import Answer, Evaluation, QuestionType

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(world, point):
    cache.clear()
    collection = services.collection_point_create(
        actor=world.users["quality"],
        organization=world.org,
        site=world.sites[0],
        contact_point=point,
    )
    # Two ratings to import (a generated form may ask only one).
    services.instrument_revise(
        actor=world.users["quality"],
        instrument=collection.instrument,
        questions=[
            {"type": "rating", "text_en": "Waiting time", "text_zh": "等候时间"},
            {"type": "rating", "text_en": "Courtesy", "text_zh": "礼貌"},
            {"type": "text", "text_en": "Anything else?", "text_zh": "还有什么"},
        ],
    )
    collection.instrument.refresh_from_db()
    return collection


def ratings(point) -> list[int]:
    version = point.instrument.current_version
    return [q.pk for q in version.questions.filter(type=QuestionType.RATING)][:2]


def write_csv(path, header, rows):
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def sheet(collection, n, start=0):
    first, second = ratings(collection)
    when = timezone.localtime() - timedelta(days=2)
    header = ["Token", "Submission id", "Submitted at", "Language", "Comment", f"q{first}", second]
    rows = [
        [
            collection.token,
            f"paper-{i:05d}",
            (when + timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M"),
            "zh",
            f"comment {i}",
            1 + i % 5,
            "" if i % 3 else 4,
        ]
        for i in range(start, start + n)
    ]
    return header, rows


def run(path, *extra):
    out = StringIO()
    call_command(
        "import_evaluations", str(path), "--user", "quality", "--no-progress", *extra, stdout=out
    )
    return out.getvalue()


def test_a_csv_is_imported_and_a_second_run_skips_what_is_stored(world, collection, tmp_path):
    entries = AuditEntry.objects.count()
    path = write_csv(tmp_path / "paper.csv", *sheet(collection, 40))
    out = run(path)
    assert "40 rows, 40 evaluations imported, 0 stored before" in out
    assert Evaluation.objects.filter(channel="import", language="zh-hans").count() == 40
    assert Answer.objects.count() == 40 + 14  # the second question answered every third row
    assert AuditEntry.objects.count() == entries  # sealed by the worker, in a batch
    stored = Evaluation.objects.get(submission_id="paper-00001")
    assert stored.comment == "comment 1" and stored.submitted_at < timezone.now()
    assert "0 evaluations imported, 40 stored before" in run(path)


def test_chinese_headers_and_excel_are_read(world, collection, tmp_path):
    header, rows = sheet(collection, 5)
    header[:5] = ["令牌", "提交编号", "提交时间", "语言", "意见"]
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "kiosk.xlsx")
    assert "5 evaluations imported" in run(tmp_path / "kiosk.xlsx")


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_imported(
    world, collection, tmp_path
):
    header, rows = sheet(collection, 6)
    rows[1][5] = 9  # out of range
    rows[2][2] = "2099-01-01 10:00"  # future
    rows[3][0] = "no-such-token"
    rows[4][1] = rows[0][1]  # repeated submission id
    path = write_csv(tmp_path / "bad.csv", header, rows)
    report = tmp_path / "errors.csv"
    with pytest.raises(CommandError, match=r"4 error\(s\) in 6 rows.*nothing was imported"):
        run(path, "--report", str(report))
    lines = list(csv.reader(report.open(encoding="utf-8")))
    assert lines[0] == ["Row", "Column", "Message"]
    by_row = {int(line[0]): line[1:] for line in lines[1:]}
    assert by_row[3][0] == f"q{ratings(collection)[0]}"
    assert by_row[4] == ["Submitted at", "The time lies in the future."]
    assert by_row[5][0] == "Token"
    assert by_row[6] == ["Submission id", "Row 2 has the same submission id."]
    assert not Evaluation.objects.exists()


def test_a_file_without_the_key_columns_is_refused(world, collection, tmp_path):
    path = write_csv(tmp_path / "odd.csv", ["Name", "Score"], [["x", "1"]])
    with pytest.raises(CommandError, match="columns are missing"):
        run(path)


def test_the_fuwu_command_imports_with_a_progress_bar(world, collection, tmp_path, capsys):
    (tmp_path / "fuwu.sqlite3").touch()  # Django is already set up on the test database
    path = write_csv(tmp_path / "paper.csv", *sheet(collection, 12))
    code = cli.main(
        ["import-evaluations", str(path), "--user", "quality", "--data-dir", str(tmp_path)]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "12 evaluations imported" in captured.out
    assert "Checking rows" in captured.err and "Writing" in captured.err
    assert cli.main(["import-evaluations", str(path), "--user", "staff"]) == 1
    assert "permission" in capsys.readouterr().err


def upload(path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")


def test_the_upload_page_imports_a_file_or_lists_its_errors(
    world, collection, tmp_path, django_assert_max_num_queries
):
    url = "/measurement/collection-points/import/"
    viewer = world.client("viewer")
    with django_assert_max_num_queries(15):
        page = viewer.get(url)
    assert page.status_code == 200 and 'data-testid="import-not-allowed"' in page.text
    template = viewer.get(url + "?template=csv")
    assert template["Content-Type"].startswith("text/csv") and "Submission id" in template.text
    header, rows = sheet(collection, 8)
    assert (
        viewer.post(url, {"file": upload(write_csv(tmp_path / "a.csv", header, rows))}).status_code
        == 403
    )
    quality = world.client("quality")
    rows[2][5] = 7
    bad = quality.post(url, {"file": upload(write_csv(tmp_path / "bad.csv", header, rows))})
    assert bad.status_code == 400 and bad.text.count('data-testid="import-error"') == 1
    assert not Evaluation.objects.exists()
    rows[2][5] = 3
    good = quality.post(url, {"file": upload(write_csv(tmp_path / "good.csv", header, rows))})
    assert good.status_code == 302 and Evaluation.objects.count() == 8
    listed = quality.get("/measurement/collection-points/")
    assert 'data-testid="evaluation-import"' in listed.text
