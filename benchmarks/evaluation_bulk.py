"""Bulk ingestion of customer evaluations, through the API (`POST
/api/v1/evaluations/bulk/`, 1,000 a call, over HTTP under granian as `fuwu serve`
runs it) and through the import (`fuwu import-evaluations FILE`, a CSV), against
psycopg `COPY` of the same rows (evaluations and their answers) into the same
tables, on a throwaway PostgreSQL database. Target (issue 11): each at least 0.3x
the rate of COPY.

    python benchmarks/evaluation_bulk.py --rows 20000
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import _evaluations as bench

ANSWERS = 3


def rows(info: dict, prefix: str, n: int) -> list[dict]:
    from django.utils import timezone

    start = timezone.now() - timedelta(days=30)
    q = [str(pk) for pk in info["questions"]]
    return [
        {
            "token": info["token"],
            "submission_id": f"{prefix}-{i:08d}",
            "submitted_at": (start + timedelta(seconds=i * 7)).isoformat(),
            "language": "zh-hans" if i % 3 else "en",
            "channel": "kiosk",
            "answers": {q[k]: 1 + (i + k) % 5 for k in range(ANSWERS)},
            "comment": "" if i % 4 else "Quick and friendly.",
            "visit_id": f"visit-{i // 3}",
        }
        for i in range(n)
    ]


def copy_reference(info: dict, batch: list[dict]) -> float:
    """COPY the same evaluations, their answers in them, into the same table, ids taken
    from its sequence first (as COPY cannot return them): seconds."""
    import psycopg
    from django.utils.dateparse import parse_datetime

    point = info["point"]
    now = time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime())
    started = time.perf_counter()
    with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
        ids = [
            r[0]
            for r in connection.execute(
                "SELECT nextval(pg_get_serial_sequence('measurement_evaluation', 'id')) "
                "FROM generate_series(1, %s)",
                (len(batch),),
            )
        ]
        with connection.cursor().copy(
            "COPY measurement_evaluation (id, organization_id, created_at, updated_at, digest, "
            "collection_point_id, site_id, contact_point_id, instrument_version_id, "
            "submission_id, submitted_at, language, channel, visit_id, comment, low, answered) "
            "FROM STDIN"
        ) as copy:
            for pk, row in zip(ids, batch, strict=True):
                answered = [[int(q), value, ""] for q, value in row["answers"].items()]
                copy.write_row(
                    (
                        pk, point.organization_id, now, now, "", point.pk, point.site_id,
                        point.contact_point_id, point.instrument.current_version_id,
                        row["submission_id"], parse_datetime(row["submitted_at"]),
                        row["language"], row["channel"], row["visit_id"], row["comment"], False,
                        json.dumps(answered),
                    )
                )  # fmt: skip
        connection.commit()
    return time.perf_counter() - started


def through_api(info: dict, batch: list[dict], port: int) -> float:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    headers = {"Authorization": f"Token {info['api_key']}"}
    started = time.perf_counter()
    for start in range(0, len(batch), 1000):
        status, content, _seconds = bench.send(
            connection,
            "POST",
            "/api/v1/evaluations/bulk/",
            {"evaluations": batch[start : start + 1000]},
            headers,
        )
        if status != 201:
            raise RuntimeError(f"bulk call answered {status}: {content[:300]!r}")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def through_import(info: dict, batch: list[dict]) -> float:
    from django.core.management import call_command

    questions = [str(pk) for pk in info["questions"]][:ANSWERS]
    header = ["token", "submission_id", "submitted_at", "language", "channel", "comment"]
    header += ["visit_id", *(f"q{q}" for q in questions)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "evaluations.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for row in batch:
                writer.writerow(
                    [row[name] for name in header[:7]] + [row["answers"][q] for q in questions]
                )
        started = time.perf_counter()
        call_command(
            "import_evaluations", str(path), "--user", info["user"].username, "--no-progress"
        )
        return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds, best kept")
    args = parser.parse_args()
    n = args.rows
    with bench.throwaway_database("fuwu_bench_bulk"):
        bench.django_ready()
        info = bench.collection_point(questions=5)
        print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
        print(f"{n} evaluations of {ANSWERS} answers each, per way and round")
        best: dict[str, float] = {}
        with bench.served("fuwu.wsgi:application", 2, bench.fuwu_env(), "/healthz") as port:
            through_api(info, rows(info, "warm", 1000), port)
            for r in range(args.rounds):
                for way, run in (
                    ("COPY", lambda p: copy_reference(info, rows(info, p, n))),
                    ("API", lambda p: through_api(info, rows(info, p, n), port)),
                    ("import", lambda p: through_import(info, rows(info, p, n))),
                ):
                    seconds = run(f"{way}{r}")
                    print(
                        f"round {r + 1} {way}: {seconds:.2f} s = {n / seconds:,.0f} evaluations/s"
                    )
                    best[way] = max(best.get(way, 0.0), n / seconds)
        from fuwu.measurement.models import Answer, Evaluation

        expected = 1000 + 3 * n * args.rounds
        stored = Evaluation.objects.count()
        print(
            f"evaluations stored: {stored} (expected {expected}); answers {Answer.objects.count()}"
        )
        ok = stored == expected
        for way in ("API", "import"):
            ratio = best[way] / best["COPY"]
            fine = ratio >= 0.3
            ok = ok and fine
            print(
                f"{way}: {best[way]:,.0f}/s vs COPY {best['COPY']:,.0f}/s = {ratio:.2f}x; "
                f"target >= 0.3x -> {'OK' if fine else 'TOO SLOW'}"
            )
        return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main())
