"""The conformity report of the demo's hotel chain as PDF, Word and Excel, in English
and in Chinese: median time of several builds after a warm-up that loads the fonts.

Target: each well under a second on a laptop, as a ratio against the reference
workload measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from _reference import reference_seconds, verdict
from _setup import django_ready

REPORT_RATIO = 8  # ≈ 0.8 s where the reference takes 0.1 s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    vendor = django_ready()

    from django.core.management import call_command

    from fuwu.core.models import Organization
    from fuwu.standard import reports

    call_command("seed_demo", verbosity=0)
    org = Organization.objects.get(slug="lakeside")
    reports.conformity_report(organization=org, fmt="pdf", language="en")  # fonts
    reference = reference_seconds()
    print(f"database: {vendor}; median of {args.runs} builds")
    ok = True
    for fmt in ("pdf", "docx", "xlsx"):
        for language in ("en", "zh-hans"):
            timings = []
            for _ in range(args.runs):
                started = time.perf_counter()
                reports.conformity_report(organization=org, fmt=fmt, language=language)
                timings.append(time.perf_counter() - started)
            label = f"conformity report {fmt:4} {language:7}"
            ok &= verdict(label, statistics.median(timings), reference, REPORT_RATIO)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
