"""Audit trail: appends per second through a real service, and verification speed."""

from __future__ import annotations

import argparse
import time

from _setup import django_ready, fresh_org


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=3000)
    args = parser.parse_args()
    vendor = django_ready()

    from fuwu.core.audit import verify_chain
    from fuwu.core.services import site_update

    org, root = fresh_org("bench-audit")
    from fuwu.core.services import site_create

    site = site_create(actor=root, organization=org, data={"code": "B1", "name_en": "Bench"})
    start = time.perf_counter()
    for i in range(args.entries):
        site_update(actor=root, site=site, data={"address": f"{i} Bench Road"})
    append_s = time.perf_counter() - start

    start = time.perf_counter()
    report = verify_chain(org)
    verify_s = time.perf_counter() - start
    assert report.intact, report.problem
    n = report.entries
    print(f"database: {vendor}")
    print(
        f"appended {args.entries} audited updates in {append_s:.2f} s: "
        f"{args.entries / append_s:,.0f} writes/s ({append_s / args.entries * 1000:.2f} ms each)"
    )
    print(f"verified {n} entries in {verify_s:.2f} s: {n / verify_s:,.0f} entries/s")


if __name__ == "__main__":
    main()
