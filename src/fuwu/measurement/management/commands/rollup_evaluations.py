"""`fuwu rollup-evaluations [--rebuild]`: bring the evaluation rollups up to date now
(the worker does it every few minutes), or rebuild them from the raw rows."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from fuwu.measurement.rollups import refresh


class Command(BaseCommand):
    help = "Roll customer evaluations up into the daily and monthly rollups dashboards read."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="recompute every rollup from the raw evaluations (after a restore, "
            "an erasure or a change of time zone)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        outcome = refresh(rebuild=options["rebuild"])
        self.stdout.write(
            f"{outcome['evaluations']} evaluations rolled up, {outcome['days']} days "
            f"recomputed, watermark {outcome['watermark']} "
            f"({time.perf_counter() - started:.1f} s)"
        )
