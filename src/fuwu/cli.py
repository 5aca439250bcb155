"""The `fuwu` command: demo, serve, worker, manage, verify-audit, rollup-evaluations,
import-evaluations.

Each sub-command sets the environment (data directory, settings) before Django
starts, so one installed package serves the demo and production alike.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from fuwu.secret_key import key_problem

DEMO_LOGINS = [
    ("demo", "Lakeside Hotels: organization administrator and quality manager"),
    ("auditor", "Lakeside Hotels: read-only auditor"),
    ("manager", "Lakeside Hotels: site manager of Lakeside Hotel West Lake only"),
    ("staff", "Lakeside Hotels: front-line staff at Lakeside Hotel West Lake"),
    ("quality", "Lakeside Hotels: quality manager"),
    ("viewer", "Lakeside Hotels: read-only viewer"),
    ("cafe", "Harbor Café only"),
    ("admin", "superuser: manages organizations"),
]


def _data_dir(value: str | None) -> Path:
    path = Path(value or os.environ.get("FUWU_DATA_DIR") or "fuwu-data").expanduser().resolve()
    for sub in ("", "static", "media"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    os.environ["FUWU_DATA_DIR"] = str(path)
    return path


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fuwu.settings")
    import django

    django.setup()


def _call(*args: str) -> None:
    _django()
    from django.core.management import call_command

    call_command(*args)


def _demo_environment(data_dir: Path, host: str) -> None:
    """The demo: SQLite in the data directory, a key kept there, plain-HTTP cookies."""
    os.environ.pop("DATABASE_URL", None)
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    os.environ["FUWU_SECRET_KEY"] = key_file.read_text().strip()
    os.environ.setdefault("FUWU_SECURE_COOKIES", "0")
    # Invitation e-mails appear in the demo's console output.
    os.environ.setdefault("FUWU_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    hosts = {"localhost", "127.0.0.1", "[::1]", host}
    os.environ["FUWU_ALLOWED_HOSTS"] = ",".join(sorted(h for h in hosts if h and h != "0.0.0.0"))
    if host == "0.0.0.0":
        os.environ["FUWU_ALLOWED_HOSTS"] = "*"


def _granian(host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        "4",
        "--no-ws",
        "fuwu.wsgi:application",
    ]


def _run_children(children: list[subprocess.Popen]) -> int:
    """Wait until a child exits or Ctrl-C; then stop all of them cleanly."""
    stopping = False

    def stop(*_args: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    while not stopping:
        for child in children:
            if child.poll() is not None:
                code = child.returncode or 0
                stopping = True
        time.sleep(0.3)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGINT)
    deadline = time.monotonic() + 10
    for child in children:
        try:
            child.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
    print("Fuwu stopped.")
    return code


def cmd_demo(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args.data_dir)
    if args.reset:
        for name in ("fuwu.sqlite3", "fuwu.sqlite3-wal", "fuwu.sqlite3-shm"):
            (data_dir / name).unlink(missing_ok=True)
        shutil.rmtree(data_dir / "media", ignore_errors=True)
        print(f"Reset: demo data in {data_dir} wiped.")
    _demo_environment(data_dir, args.host)
    print(f"Preparing the demo in {data_dir}", flush=True)
    started = time.monotonic()
    # Step lines with their times, so the first run's half minute is never silent.
    print("  [1/3] Database:", end=" ", flush=True)
    _django()
    from fuwu.core import schema

    how = schema.migrate()
    done = "schema created" if how == "created" else "migrations applied"
    print(f"{done} ({time.monotonic() - started:.1f} s)", flush=True)
    print("  [2/3] Demo organizations:", flush=True)
    _call("seed_demo", "--progress")
    print(f"  [3/3] Starting the server{'' if args.no_worker else ' and the worker'}", flush=True)
    url = f"http://{'127.0.0.1' if args.host == '0.0.0.0' else args.host}:{args.port}/"
    print(f"\nFuwu demo at {url}  (Ctrl-C stops it; data stays in {data_dir})")
    print("Logins (password: demo):")
    for username, what in DEMO_LOGINS:
        print(f"  {username:<8} {what}")
    print(flush=True)
    children = [subprocess.Popen(_granian(args.host, args.port, 1))]
    if not args.no_worker:
        children.append(
            subprocess.Popen([sys.executable, "-m", "fuwu", "worker", "--data-dir", str(data_dir)])
        )
    return _run_children(children)


def cmd_serve(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args.data_dir)
    debug = os.environ.get("FUWU_DEBUG", "").lower() in {"1", "true", "yes", "on"}
    key = os.environ.get("FUWU_SECRET_KEY", "").strip()
    key_file = data_dir / "secret_key"
    if not key and key_file.is_file():
        key = key_file.read_text().strip()
    problem = key_problem(key)
    if not debug and problem:
        print(
            f"fuwu serve: refusing to start in production mode: {problem}.\n"
            "Set FUWU_SECRET_KEY to a long random string, for example:\n"
            '  export FUWU_SECRET_KEY="$(python3 -c '
            "'import secrets; print(secrets.token_urlsafe(50))')\"\n"
            "or set FUWU_DEBUG=1 for development only.",
            file=sys.stderr,
        )
        return 2
    if args.migrate:
        _call("migrate", "--no-input")
    print(
        f"Serving Fuwu at http://{args.host}:{args.port}/ with granian ({args.workers} workers)",
        flush=True,
    )
    return _run_children([subprocess.Popen(_granian(args.host, args.port, args.workers))])


def cmd_worker(args: argparse.Namespace) -> int:
    _data_dir(args.data_dir)
    _call("run_worker", f"--interval={args.interval}", f"--schedule-every={args.schedule_every}")
    return 0


def cmd_rollup_evaluations(args: argparse.Namespace) -> int:
    _data_dir(args.data_dir)
    _call("rollup_evaluations", *(["--rebuild"] if args.rebuild else []))
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    _data_dir(args.data_dir)
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["fuwu manage", *args.args])
    return 0


def cmd_verify_audit(args: argparse.Namespace) -> int:
    # Only reads: no directory, and no empty SQLite file, is created where none is.
    path = Path(args.data_dir or os.environ.get("FUWU_DATA_DIR") or "fuwu-data")
    path = path.expanduser().resolve()
    if not os.environ.get("DATABASE_URL") and not (path / "fuwu.sqlite3").is_file():
        print(
            f"fuwu verify-audit: there is no Fuwu database in {path} "
            "(give the data directory with --data-dir, or set DATABASE_URL)",
            file=sys.stderr,
        )
        return 2
    os.environ["FUWU_DATA_DIR"] = str(path)
    _django()
    from django.core.management import CommandError, call_command

    options = ["--anchors", args.anchors] if args.anchors else []
    try:
        call_command("verify_audit", *options)
    except CommandError as exc:
        print(f"fuwu verify-audit: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_import_evaluations(args: argparse.Namespace) -> int:
    _data_dir(args.data_dir)
    _django()
    from django.core.management import CommandError, call_command

    options = ["--user", args.user]
    if args.organization:
        options += ["--organization", args.organization]
    if args.report:
        options += ["--report", args.report]
    if args.no_progress:
        options.append("--no-progress")
    try:
        call_command("import_evaluations", args.file, *options)
    except CommandError as exc:
        print(f"fuwu import-evaluations: {exc}", file=sys.stderr)
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="fuwu",
        description="Fuwu (服务): service management per SB/T 10382-2004.",
        epilog="Settings come from the environment: DATABASE_URL, FUWU_SECRET_KEY, "
        "FUWU_ALLOWED_HOSTS, FUWU_DEBUG and more (docs/reference/settings.md).",
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def data_dir_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--data-dir",
            metavar="DIR",
            help="where Fuwu keeps its SQLite database, "
            "uploaded files and demo key (default: ./fuwu-data or $FUWU_DATA_DIR)",
        )

    demo = sub.add_parser(
        "demo",
        help="set up and serve the demo (SQLite, seeded demo organizations)",
        description="Migrate an SQLite database in the data directory, seed the demo "
        "organizations when empty, and serve Fuwu with granian beside a task worker.",
    )
    demo.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    demo.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    demo.add_argument("--reset", action="store_true", help="wipe the demo data and seed it again")
    demo.add_argument("--no-worker", action="store_true", help="do not start the background worker")
    data_dir_option(demo)
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser(
        "serve",
        help="serve Fuwu in production with granian",
        description="Serve against the configured database (DATABASE_URL). "
        "Refuses to start without a real FUWU_SECRET_KEY (not the development key, "
        "at least 50 random characters) unless FUWU_DEBUG=1.",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument(
        "--workers",
        type=int,
        default=max(1, (os.cpu_count() or 1)),
        help="worker processes (default: one per CPU)",
    )
    serve.add_argument("--migrate", action="store_true", help="apply database migrations first")
    data_dir_option(serve)
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser(
        "worker",
        help="run background tasks and scheduled jobs",
        description="Run queued background tasks (django-tasks, database backend) and enqueue "
        "scheduled jobs when due. Several workers may run; each job fires once per interval.",
    )
    worker.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help="seconds between polls of the task queue (default 1)",
    )
    worker.add_argument(
        "--schedule-every",
        type=float,
        default=60.0,
        help="seconds between checks for due scheduled jobs (default 60)",
    )
    data_dir_option(worker)
    worker.set_defaults(func=cmd_worker)

    manage = sub.add_parser(
        "manage",
        help="run a Django management command (fuwu manage help)",
        description="Pass the rest of the line to Django's management commands.",
    )
    data_dir_option(manage)
    manage.add_argument(
        "args", nargs=argparse.REMAINDER, help="the management command and its options"
    )
    manage.set_defaults(func=cmd_manage)

    verify = sub.add_parser(
        "verify-audit",
        help="re-compute every audit-trail hash chain",
        description="Exit 0 with a summary when every chain is intact; exit 1 "
        "naming every fault and the first broken record otherwise; exit 2 when there "
        "is no Fuwu database.",
    )
    verify.add_argument(
        "--anchors",
        metavar="FILE",
        help="also compare the chains with the heads anchored in FILE (the daily job "
        "appends them to $FUWU_AUDIT_ANCHOR_FILE): shows any rewrite, truncation or "
        "deleted chain before the last anchor",
    )
    data_dir_option(verify)
    verify.set_defaults(func=cmd_verify_audit)

    rollup = sub.add_parser(
        "rollup-evaluations",
        help="bring the rollups of customer evaluations up to date now",
        description="Roll the evaluations received since the last run into the daily and "
        "monthly rollups the satisfaction dashboards read (the worker does it every five "
        "minutes; figures are current meanwhile).",
    )
    rollup.add_argument(
        "--rebuild",
        action="store_true",
        help="recompute every rollup from the raw evaluations (after a restore, an erasure "
        "or a change of FUWU_TIME_ZONE)",
    )
    data_dir_option(rollup)
    rollup.set_defaults(func=cmd_rollup_evaluations)
    evaluations = sub.add_parser(
        "import-evaluations",
        help="import customer evaluations from a CSV or Excel file",
        description="Check every row of FILE, then import the new evaluations in one "
        "transaction: all or nothing. Rows whose submission id is stored already are "
        "skipped, so a file can be imported again. Exit 0 when imported; exit 1 with an "
        "error per row and column (nothing imported). Columns: docs/reference/cli.md.",
    )
    evaluations.add_argument("file", metavar="FILE", help="the .csv or .xlsx file")
    evaluations.add_argument(
        "--user",
        required=True,
        help="who imports: needs to manage instruments; their sites apply",
    )
    evaluations.add_argument(
        "--organization", metavar="SLUG", help="the organization (default: the user's only one)"
    )
    evaluations.add_argument(
        "--report",
        metavar="FILE",
        help="write the errors to FILE as CSV (row, column, message) instead of standard output",
    )
    evaluations.add_argument("--no-progress", action="store_true", help="no progress bar")
    data_dir_option(evaluations)
    evaluations.set_defaults(func=cmd_import_evaluations)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
