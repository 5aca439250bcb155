"""`fuwu verify-audit`: recompute every organization's audit chain."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fuwu.core.audit import verify_all


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail of every organization."

    def handle(self, *args: Any, **options: Any) -> None:
        reports = verify_all()
        broken = [r for r in reports if not r.intact]
        for report in reports:
            state = "intact" if report.intact else f"BROKEN: {report.problem}"
            self.stdout.write(f"{report.organization}: {report.entries} entries, {state}")
        total = sum(r.entries for r in reports)
        if broken:
            first = broken[0]
            raise CommandError(
                f"audit trail broken in {len(broken)} organization(s); first broken record: "
                f"{first.organization} #{first.broken_seq} ({first.problem})"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail intact: {len(reports)} organizations, {total} entries verified."
            )
        )
