"""Conformity of one organization computed over a large data set: every check, every clause.

Seeds N controlled documents (plus their versions' share of attachments) for one
organization beside a small second one, then times `evaluate()` — all registered checks
and the roll-up — several times. The target: well under a second at a million records.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import timedelta

from _setup import django_ready, fresh_org


def seed(org, owner, records: int) -> None:  # organization, user
    from django.utils import timezone

    from fuwu.documents.models import Category, Document, Status

    today = timezone.localdate()
    batch = 20_000
    for start in range(0, records, batch):
        Document.objects.bulk_create(
            Document(
                organization=org,
                number=f"DOC-B-{i:07d}",
                title_en=f"Procedure {i}",
                title_zh=f"程序{i}",
                category=Category.PROCEDURE,
                owner=owner,
                status=Status.APPROVED,
                review_interval_months=12,
                next_review_date=today + timedelta(days=30 + i % 300),
            )
            for i in range(start, min(start + batch, records))
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    vendor = django_ready()

    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from fuwu.core.models import Membership, Role
    from fuwu.standard.conformity import REGISTRY, evaluate

    org, root = fresh_org("bench-conformity")
    Membership.objects.create(user=root, organization=org, role=Role.ADMIN)
    start = time.perf_counter()
    seed(org, root, args.records)
    seeded = time.perf_counter() - start
    from fuwu.core.jobs import database_maintenance

    database_maintenance.call()  # what the worker's daily job does on SQLite
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum does after a bulk load
            cursor.execute("VACUUM ANALYZE documents_document")

    timings = []
    for _ in range(args.runs):
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            report = evaluate(org)
            timings.append(time.perf_counter() - start)
    print(f"database: {vendor}; {args.records:,} documents seeded in {seeded:.1f} s")
    print(
        f"{len(REGISTRY)} checks over {len(report.by_ref)} clauses: "
        f"median {statistics.median(timings) * 1000:.0f} ms, "
        f"max {max(timings) * 1000:.0f} ms, {len(ctx.captured_queries)} queries"
    )
    print(f"score {report.score()}%, counts {report.counts()}")


if __name__ == "__main__":
    main()
