"""`fuwu worker`: run background tasks and fire scheduled jobs when due."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from fuwu.core.jobs import enqueue_due

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the task worker and the scheduler of periodic jobs."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between queue polls"
        )
        parser.add_argument(
            "--schedule-every", type=float, default=60.0, help="seconds between schedule checks"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        every = options["schedule_every"]

        def scheduler() -> None:
            while not stop.is_set():
                try:
                    fired = enqueue_due()
                    if fired:
                        log.info("scheduled jobs enqueued: %s", ", ".join(fired))
                except Exception:  # the scheduler must outlive a failed check
                    log.exception("scheduler check failed")
                finally:
                    close_old_connections()
                stop.wait(every)

        thread = threading.Thread(target=scheduler, name="fuwu-scheduler", daemon=True)
        thread.start()
        try:
            call_command("db_worker", interval=options["interval"], verbosity=options["verbosity"])
        finally:
            stop.set()
