"""`fuwu verify-audit`: recompute every organization's audit chain, and compare it
with the chain heads anchored outside the database (`--anchors FILE`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from fuwu.core.audit_anchors import AnchorFileError
from fuwu.core.services.verification import run_verification


def check_database() -> None:
    """A Fuwu database, up to date, must be there: say so plainly otherwise."""
    where = connection.settings_dict.get("NAME")
    try:
        tables = connection.introspection.table_names()
        if "core_auditentry" not in tables:
            raise CommandError(f"there is no Fuwu database at {where} (no audit trail table)")
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(
                f"the Fuwu database at {where} is not up to date: run `fuwu manage migrate`"
            )
    except DatabaseError as exc:
        raise CommandError(f"cannot open the Fuwu database at {where}: {exc}") from exc


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail of every organization."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--anchors",
            metavar="FILE",
            type=Path,
            help="compare the chains with the heads anchored in FILE "
            "(the daily job writes them to FUWU_AUDIT_ANCHOR_FILE)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("en"):  # the command speaks English, as its options do
            self._verify(options)

    def _verify(self, options: dict[str, Any]) -> None:
        check_database()
        anchors: Path | None = options.get("anchors")
        if anchors is not None and not anchors.is_file():
            raise CommandError(f"there is no anchor file at {anchors}")
        try:
            outcome = run_verification(source="command", anchor_file=anchors, record_anchor=False)
        except AnchorFileError as exc:
            raise CommandError(str(exc)) from exc
        reports = outcome.reports
        for report in reports:
            if report.intact:
                self.stdout.write(f"{report.organization}: {report.entries} entries, intact")
                continue
            self.stdout.write(
                f"{report.organization}: {report.entries} entries, BROKEN: {report.problem}"
            )
            for fault in report.faults[1:]:
                self.stdout.write(f"  also: {fault.message}")
            if report.more_faults:
                self.stdout.write(f"  and {report.more_faults} more faults")
        for note in outcome.anchor_notes:
            self.stdout.write(f"Anchor file: {note}")
        total = sum(r.entries for r in reports)
        checked = f", {outcome.anchors_checked} anchors compared" if anchors else ""
        broken = outcome.broken
        if broken or outcome.anchor_notes:
            if not broken:
                raise CommandError(f"the anchor file {anchors} has lines that are not anchors")
            first = broken[0]
            where = (
                f"{first.organization} #{first.broken_seq}"
                if first.broken_seq is not None
                else first.organization
            )
            raise CommandError(
                f"audit trail broken in {len(broken)} of {len(reports)} chain(s) "
                f"({total} entries in all{checked}); first broken record: {where} "
                f"({first.problem}); {first.organization} has {first.entries} entries in all "
                f"and {first.fault_count} fault(s)"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail intact: {len(reports)} organizations, "
                f"{total} entries verified{checked}."
            )
        )
