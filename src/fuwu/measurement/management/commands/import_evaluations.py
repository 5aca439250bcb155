"""`fuwu import-evaluations FILE`: customer evaluations from a CSV or Excel file,
all or nothing, with a progress bar and a row-level error report
(fuwu/measurement/evaluation_import.py says which columns and how)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from fuwu.core.imports import ImportRefused
from fuwu.core.models import Membership, Organization, User
from fuwu.measurement.evaluation_import import error_report, file_table, import_evaluations


class Command(BaseCommand):
    help = "Import customer evaluations from a CSV or Excel file, all or nothing."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path, help="the .csv or .xlsx file")
        parser.add_argument(
            "--user",
            required=True,
            help="who imports (needs measurement.manage_instruments; their sites apply)",
        )
        parser.add_argument(
            "--organization",
            metavar="SLUG",
            help="the organization (default: the user's only one)",
        )
        parser.add_argument(
            "--report",
            type=Path,
            metavar="FILE",
            help="write the errors there as CSV (row, column, message); default: standard output",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("en"):  # the command speaks English, as its options do
            self._import(options)

    def _who(self, options: dict[str, Any]) -> tuple[User, Organization]:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"there is no active user {options['user']!r}")
        memberships = Membership.objects.filter(user=user, is_active=True).select_related(
            "organization"
        )
        if options.get("organization"):
            organization = Organization.objects.filter(slug=options["organization"]).first()
            if organization is None:
                raise CommandError(f"there is no organization {options['organization']!r}")
        elif memberships.count() == 1:
            organization = memberships.get().organization
        else:
            raise CommandError("say which organization with --organization SLUG")
        return user, organization

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"there is no file {path}")
        user, organization = self._who(options)
        try:
            table = file_table(path)
            result = self._run(user, organization, table, not options["no_progress"])
        except ImportRefused as exc:
            raise CommandError(f"{path}: {exc}") from exc
        except PermissionDenied as exc:
            raise CommandError(f"{user.username}: {exc}") from exc
        if result.ignored:
            self.stderr.write(f"Columns ignored: {', '.join(result.ignored)}")
        if not result.ok:
            report = error_report(result)
            if options.get("report"):
                options["report"].write_text(report, encoding="utf-8")
                where = f"see {options['report']}"
            else:
                self.stdout.write(report, ending="")
                where = "listed above"
            raise CommandError(
                f"{path}: {len(result.errors)} error(s) in {result.rows} rows ({where}); "
                "nothing was imported"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{path}: {result.rows} rows, {result.created} evaluations imported, "
                f"{result.existing} stored before (skipped)."
            )
        )

    def _run(self, user: User, organization: Organization, table: Any, show: bool) -> Any:
        if not show:
            return import_evaluations(actor=user, organization=organization, table=table)
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
            checking = bar.add_task("Checking rows", total=None)
            writing = bar.add_task("Writing", total=None, visible=False)

            def progress(stage: str, rows: int) -> None:
                if stage == "check":
                    bar.advance(checking, rows)
                else:
                    done = bar.tasks[checking].completed
                    bar.update(checking, total=done)
                    bar.update(writing, total=done, visible=True)
                    bar.advance(writing, rows)

            return import_evaluations(
                actor=user, organization=organization, table=table, progress=progress
            )
