"""Single public evaluations over HTTP under the production server (granian, as
`fuwu serve` runs it) against a bare WSGI app that only inserts one row with psycopg
(benchmarks/bare_insert_app.py), served the same way, on a throwaway PostgreSQL
database. Targets (issue 11): throughput at least 0.6x the reference; p99 under
50 ms at half of Fuwu's maximum rate.

    DATABASE_URL is not needed: the script creates and drops its own database on
    127.0.0.1:5432 (BENCH_ADMIN_URL to change).
    python benchmarks/evaluation_submit.py --requests 6000 --connections 16
"""

from __future__ import annotations

import argparse
import os
import sys

import _evaluations as bench


def bodies(info: dict, prefix: str, n: int) -> list[dict]:
    q = [str(pk) for pk in info["questions"]]
    return [
        {
            "token": info["token"],
            "submission_id": f"{prefix}-{i:08d}",
            "language": "zh-hans" if i % 3 else "en",
            "answers": {q[0]: 3 + i % 3, q[1]: 4, q[2]: 5 - i % 2},
            "comment": "" if i % 4 else "Quick and friendly.",
            "visit_id": f"visit-{i // 3}",
        }
        for i in range(n)
    ]


def line(label: str, outcome: dict) -> None:
    print(
        f"{label}: {outcome['requests']} requests in {outcome['seconds']:.2f} s = "
        f"{outcome['rate']:,.0f}/s; latency p50 {outcome['p50']:.1f} ms, "
        f"p95 {outcome['p95']:.1f} ms, p99 {outcome['p99']:.1f} ms; statuses {outcome['statuses']}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=6000, help="per measured run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="granian workers (both servers)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds, best kept")
    args = parser.parse_args()

    with bench.throwaway_database("fuwu_bench_submit"):
        bench.django_ready()
        info = bench.collection_point()
        import bare_insert_app

        bare_insert_app.setup()
        from django.db import connection

        print(f"database: PostgreSQL {connection.cursor().connection.info.server_version}")
        print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
        n, c = args.requests, args.connections
        best_ref = best_fuwu = None
        with (
            bench.served("bare_insert_app:application", args.workers, {}, "/") as ref_port,
            bench.served(
                "fuwu.wsgi:application", args.workers, bench.fuwu_env(), "/healthz"
            ) as fuwu_port,
        ):
            path = "/api/v1/public/evaluations/"
            bench.load(ref_port, "/", bodies(info, "warm-ref", 500), connections=c)
            bench.load(fuwu_port, path, bodies(info, "warm", 500), connections=c)
            for r in range(args.rounds):
                ref = bench.load(ref_port, "/", bodies(info, f"ref{r}", n), connections=c)
                line(f"reference round {r + 1}", ref)
                fuwu = bench.load(fuwu_port, path, bodies(info, f"max{r}", n), connections=c)
                line(f"fuwu      round {r + 1}", fuwu)
                if best_ref is None or ref["rate"] > best_ref["rate"]:
                    best_ref = ref
                if best_fuwu is None or fuwu["rate"] > best_fuwu["rate"]:
                    best_fuwu = fuwu
            half = best_fuwu["rate"] / 2
            paced = bench.load(
                fuwu_port,
                path,
                bodies(info, "half", int(half * 10)),
                connections=c,
                rate=half,
            )
            line(f"fuwu at half its maximum ({half:,.0f}/s)", paced)
        from fuwu.measurement.models import Evaluation

        stored = Evaluation.objects.count()
        expected = 500 + n * args.rounds + int(half * 10)
        ratio = best_fuwu["rate"] / best_ref["rate"]
        ok_rate = ratio >= 0.6
        ok_p99 = paced["p99"] < 50
        ok_all = all(s == 201 for s in best_fuwu["statuses"]) and stored == expected
        print(f"evaluations stored: {stored} (expected {expected})")
        print(
            f"throughput: fuwu {best_fuwu['rate']:,.0f}/s vs reference {best_ref['rate']:,.0f}/s "
            f"= {ratio:.2f}x; target >= 0.6x -> {'OK' if ok_rate else 'TOO SLOW'}"
        )
        print(
            f"p99 at half the maximum rate: {paced['p99']:.1f} ms; target < 50 ms -> "
            f"{'OK' if ok_p99 else 'TOO SLOW'}"
        )
        return 0 if ok_rate and ok_p99 and ok_all else 1


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main())
