"""A register list page with many rows: time per request and query count."""

from __future__ import annotations

import argparse
import statistics
import time

from _setup import django_ready, fresh_org


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    vendor = django_ready()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fuwu.core.models import Membership, Role, Site

    org, root = fresh_org("bench-list")
    Site.objects.bulk_create(
        Site(organization=org, code=f"S{i:05d}", name_en=f"Store {i}", name_zh=f"门店{i}")
        for i in range(args.rows)
    )
    Membership.objects.create(user=root, organization=org, role=Role.ADMIN)
    client = Client()
    client.force_login(root)
    session = client.session
    session["fuwu_organization_id"] = org.pk
    session.save()

    timings, queries = [], 0
    for i in range(args.requests):
        url = f"/sites/?page={i % 10 + 1}&sort=-code"
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - start)
        assert response.status_code == 200
        queries = max(queries, len(ctx.captured_queries))
    start = time.perf_counter()
    export = client.get("/sites/?export=csv")
    body = b"".join(export.streaming_content)
    export_s = time.perf_counter() - start
    print(f"database: {vendor}; {args.rows} sites")
    print(
        f"list page: median {statistics.median(timings) * 1000:.1f} ms, "
        f"max {max(timings) * 1000:.1f} ms, at most {queries} queries per page"
    )
    print(
        f"CSV export of {args.rows} rows: {export_s * 1000:.0f} ms, {len(body):,} bytes "
        f"({args.rows / export_s:,.0f} rows/s)"
    )


if __name__ == "__main__":
    main()
