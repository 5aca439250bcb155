"""Conformity of one organization computed over a large data set: every check, every clause.

Seeds N controlled documents for one organization beside a small second one, then times
`evaluate()` — all registered checks and the roll-up — several times, and prints the
number of queries (which follows the distinct `@evidence` reads, not the number of
checks). Target: 500 ms at a million records where the reference workload takes 0.1 s,
as a ratio against that reference measured in the same run.

Seeding a million documents takes minutes; `--reuse` times the organization a previous
run seeded in the same database (when it holds as many documents) instead.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import timedelta

from _reference import reference_seconds, verdict
from _setup import django_ready, fresh_org

SLUG = "bench-conformity"
EVALUATE_RATIO = 5  # ≈ 0.5 s where the reference takes 0.1 s


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


def prepared(records: int, reuse: bool) -> tuple:
    """The benchmark organization with `records` documents, and the seeding time (or None)."""
    from fuwu.core.models import Membership, Organization, Role
    from fuwu.documents.models import Document

    if reuse:
        org = Organization.objects.filter(slug=SLUG).first()
        if org is not None and Document.objects.filter(organization=org).count() == records:
            return org, None
    org, root = fresh_org(SLUG)
    Membership.objects.create(user=root, organization=org, role=Role.ADMIN)
    start = time.perf_counter()
    seed(org, root, records)
    return org, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="time an already seeded organization")
    args = parser.parse_args()
    vendor = django_ready()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fuwu.core.jobs import database_maintenance
    from fuwu.standard.conformity import REGISTRY, evaluate

    org, seeded = prepared(args.records, args.reuse)
    database_maintenance.call()  # what the worker's daily job does on SQLite
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum does after a bulk load
            cursor.execute("VACUUM ANALYZE documents_document")

    evaluate(org)  # warm-up: translations, URL resolver, plans
    timings = []
    for _ in range(args.runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            report = evaluate(org)
            timings.append(time.perf_counter() - start)
    reference = reference_seconds()
    how = "reused" if seeded is None else f"seeded in {seeded:.1f} s"
    print(f"database: {vendor}; {args.records:,} documents {how}")
    print(
        f"{len(REGISTRY)} checks over {len(report.by_ref)} clauses: "
        f"median {statistics.median(timings) * 1000:.0f} ms, "
        f"max {max(timings) * 1000:.0f} ms, {len(ctx.captured_queries)} queries"
    )
    print(f"score {report.score()}%, counts {report.counts()}")
    ok = verdict(
        f"conformity of {args.records:,} documents",
        statistics.median(timings),
        reference,
        EVALUATE_RATIO,
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
