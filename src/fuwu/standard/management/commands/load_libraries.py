"""`fuwu manage load_libraries`: (re)load the packaged clause libraries."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fuwu.standard.library import LibraryInvalid
from fuwu.standard.loading import load_packaged_libraries


class Command(BaseCommand):
    help = "Validate and load the packaged clause libraries (SB/T 10382-2004, ISO 9001:2015)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = load_packaged_libraries()
        except LibraryInvalid as exc:
            raise CommandError(str(exc)) from exc
        for ref, count in counts.items():
            self.stdout.write(f"{ref}: {count} clauses")
        self.stdout.write(self.style.SUCCESS("Clause libraries loaded."))
