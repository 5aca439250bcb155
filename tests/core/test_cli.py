"""The `fuwu` command: help, the refusal to serve without a key, migrate and seed
on a fresh SQLite data directory, verify-audit, the worker and the demo end to end.

Child processes get an environment without DATABASE_URL and without the test
settings, so they run exactly as a user's `fuwu` on SQLite would."""

from __future__ import annotations

import http.cookiejar
import json
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from fuwu import __version__, cli
from fuwu.core import services
from fuwu.core.models import AuditEntry
from tests.core.helpers import child_env, free_port, run_fuwu

COMMANDS = [
    "demo",
    "serve",
    "worker",
    "manage",
    "verify-audit",
    "rollup-evaluations",
    "import-evaluations",
]
# Runs `fuwu` as a program on its own SQLite data directory, whatever DATABASE_URL says:
# the run on PostgreSQL skips it as a repeat (tests/conftest.py).
program = pytest.mark.program

DEMO_USERS = ["demo", "auditor", "manager", "staff", "quality", "viewer", "cafe", "admin"]


def sqlite_rows(data_dir: Path, sql: str, *params) -> list[tuple]:
    db = sqlite3.connect(f"file:{data_dir / 'fuwu.sqlite3'}?mode=ro", uri=True)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def table_counts(data_dir: Path) -> dict[str, int]:
    tables = [
        "core_organization",
        "core_site",
        "core_user",
        "core_membership",
        "core_membership_sites",
        "core_auditentry",
        "core_auditchainhead",
    ]
    return {t: sqlite_rows(data_dir, f"SELECT count(*) FROM {t}")[0][0] for t in tables}


def copy_data_dir(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


# -- in-process ------------------------------------------------------------------------


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert re.search(rf"^\s+{re.escape(command)}\s", out, re.MULTILINE), command
    assert "FUWU_SECRET_KEY" in out and "DATABASE_URL" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(capsys, command):
    with pytest.raises(SystemExit) as exit_:
        cli.main([command, "--help"])
    assert exit_.value.code == 0
    assert f"fuwu {command}" in capsys.readouterr().out


def test_a_command_is_required(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main([])
    assert exit_.value.code == 2
    assert "COMMAND" in capsys.readouterr().err


def test_demo_options():
    args = cli.parser().parse_args(["demo", "--port", "8123", "--no-worker", "--reset"])
    assert (args.port, args.no_worker, args.reset, args.host) == (8123, True, True, "127.0.0.1")
    assert args.func is cli.cmd_demo


def test_serve_refuses_without_a_secret_key_in_process(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("FUWU_SECRET_KEY", raising=False)
    monkeypatch.delenv("FUWU_DEBUG", raising=False)
    monkeypatch.setenv("FUWU_DATA_DIR", str(tmp_path))  # restored afterwards

    def no_server(*args, **kwargs):
        raise AssertionError(f"fuwu serve started a process: {args}")

    monkeypatch.setattr(cli.subprocess, "Popen", no_server)
    assert cli.main(["serve", "--data-dir", str(tmp_path / "data")]) == 2
    err = capsys.readouterr().err
    assert "FUWU_SECRET_KEY" in err
    assert "FUWU_DEBUG=1" in err


DEV_KEY = "fuwu-insecure-development-key-do-not-use-in-production"
REAL_KEY = "k7Qm2vX9pL4tR8wZ1nB6cY3hF5jD0sG2aE7uK9iO4pM1qW6xV8zN3"


@pytest.mark.parametrize(
    "key",
    [DEV_KEY, "django-insecure-" + "a1b2c3d4e5" * 5, "short-key", "a" * 60],
    ids=["fuwu-development-key", "django-insecure", "too-short", "one-character"],
)
def test_serve_refuses_a_development_or_weak_key(monkeypatch, tmp_path, capsys, key):
    monkeypatch.setenv("FUWU_SECRET_KEY", key)
    monkeypatch.delenv("FUWU_DEBUG", raising=False)
    monkeypatch.setenv("FUWU_DATA_DIR", str(tmp_path))

    def no_server(*args, **kwargs):
        raise AssertionError(f"fuwu serve started a process: {args}")

    monkeypatch.setattr(cli.subprocess, "Popen", no_server)
    assert cli.main(["serve", "--data-dir", str(tmp_path / "data")]) == 2
    assert "FUWU_SECRET_KEY" in capsys.readouterr().err


def test_serve_refuses_a_development_key_in_the_data_directory(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("FUWU_SECRET_KEY", raising=False)
    monkeypatch.delenv("FUWU_DEBUG", raising=False)
    monkeypatch.setenv("FUWU_DATA_DIR", str(tmp_path))
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "secret_key").write_text(DEV_KEY)
    monkeypatch.setattr(cli.subprocess, "Popen", lambda *a, **k: pytest.fail("started"))
    assert cli.main(["serve", "--data-dir", str(data_dir)]) == 2
    assert "FUWU_SECRET_KEY" in capsys.readouterr().err


def test_check_deploy_fails_with_the_development_key(settings, monkeypatch):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    # The browser tests set this for Playwright in the same process; a deployment never does.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    settings.SECRET_KEY = DEV_KEY
    with pytest.raises(SystemCheckError, match="FUWU_SECRET_KEY"):
        call_command("check", deploy=True, verbosity=0)
    settings.SECRET_KEY = REAL_KEY
    call_command("check", deploy=True, verbosity=0)  # no error left
    # Outside --deploy the development key is fine (tests, management commands).
    settings.SECRET_KEY = DEV_KEY
    call_command("check", verbosity=0)


@pytest.mark.django_db
def test_verify_audit_in_process(world, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("FUWU_DATA_DIR", str(tmp_path))
    (tmp_path / "fuwu.sqlite3").touch()  # Django is already set up on the test database
    admin = world.users["admin"]
    for n in range(3):
        services.site_update(actor=admin, site=world.sites[1], data={"address": f"No. {n}"})
    assert cli.main(["verify-audit", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Lakeside Hotels: 3 entries, intact" in out
    assert "Audit trail intact: 2 organizations, 3 entries verified." in out

    AuditEntry.objects.filter(organization=world.org, seq=2).update(after={"address": "forged"})
    assert cli.main(["verify-audit", "--data-dir", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    # The count is the whole chain, not only the entries before the break.
    assert "Lakeside Hotels: 3 entries, BROKEN: entry #2 was altered" in captured.out
    assert "first broken record: Lakeside Hotels #2" in captured.err
    assert "Lakeside Hotels has 3 entries in all" in captured.err


def test_verify_audit_without_a_database_creates_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)  # an SQLite data directory, as a user has
    missing = tmp_path / "no" / "such" / "place"
    assert cli.main(["verify-audit", "--data-dir", str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"there is no Fuwu database in {missing}" in err
    assert not missing.exists() and not (tmp_path / "no").exists()


# -- child processes on a fresh SQLite data directory --------------------------------------


@program
def test_help_as_a_program(tmp_path):
    result = run_fuwu("--help", data_dir=tmp_path, timeout=60)
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout


@program
def test_serve_refuses_without_a_secret_key(tmp_path):
    port = free_port()
    result = run_fuwu("serve", "--port", str(port), data_dir=tmp_path, timeout=30)
    assert result.returncode == 2, result.stderr
    assert "FUWU_SECRET_KEY" in result.stderr
    assert "Serving Fuwu" not in result.stdout
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass  # nothing listens


@program
def test_check_deploy_as_a_program_fails_without_a_key(tmp_path):
    result = run_fuwu("manage", "check", "--deploy", data_dir=tmp_path, timeout=60)
    assert result.returncode != 0
    assert "fuwu.E001" in result.stderr and "FUWU_SECRET_KEY" in result.stderr


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A data directory after `fuwu manage migrate` and `fuwu manage seed_demo`."""
    data_dir = tmp_path_factory.mktemp("seeded")
    migrate = run_fuwu("manage", "migrate", "--no-input", data_dir=data_dir)
    assert migrate.returncode == 0, migrate.stderr
    seed = run_fuwu("manage", "seed_demo", data_dir=data_dir)
    assert seed.returncode == 0, seed.stderr
    assert "Demo organizations seeded: Lakeside Hotels, Harbor Café." in seed.stdout
    return data_dir


@program
def test_migrate_and_seed_create_the_demo(seeded):
    assert (seeded / "fuwu.sqlite3").is_file()
    orgs = dict(sqlite_rows(seeded, "SELECT slug, name_en FROM core_organization"))
    assert orgs == {"lakeside": "Lakeside Hotels", "harbor-cafe": "Harbor Café"}
    lakeside_sites = sqlite_rows(
        seeded,
        "SELECT s.code FROM core_site s JOIN core_organization o ON o.id = s.organization_id "
        "WHERE o.slug = ? ORDER BY s.code",
        "lakeside",
    )
    assert [code for (code,) in lakeside_sites] == ["HZ01", "SZ01", "WX01"]
    members = sqlite_rows(
        seeded,
        "SELECT u.username, o.slug, m.role, m.all_sites FROM core_membership m "
        "JOIN core_user u ON u.id = m.user_id JOIN core_organization o ON o.id = m.organization_id",
    )
    by_user = {(user, org): (role, bool(all_sites)) for user, org, role, all_sites in members}
    assert by_user[("demo", "lakeside")] == ("admin", True)
    assert by_user[("auditor", "lakeside")] == ("auditor", True)
    assert by_user[("manager", "lakeside")] == ("site_manager", False)
    assert by_user[("staff", "lakeside")] == ("staff", False)
    assert by_user[("cafe", "harbor-cafe")] == ("admin", True)
    assert ("cafe", "lakeside") not in by_user
    scope = sqlite_rows(
        seeded,
        "SELECT u.username, s.code FROM core_membership_sites ms "
        "JOIN core_membership m ON m.id = ms.membership_id JOIN core_user u ON u.id = m.user_id "
        "JOIN core_site s ON s.id = ms.site_id ORDER BY u.username",
    )
    assert scope == [("manager", "HZ01"), ("staff", "HZ01")]
    superusers = sqlite_rows(seeded, "SELECT username FROM core_user WHERE is_superuser = 1")
    assert superusers == [("admin",)]


@program
def test_every_demo_user_logs_in_with_the_demo_password(seeded):
    code = (
        "import json; from django.contrib.auth import authenticate; "
        f"print(json.dumps({{u: authenticate(username=u, password='demo') is not None "
        f"for u in {DEMO_USERS!r}}}))"
    )
    result = run_fuwu("manage", "shell", "-c", code, data_dir=seeded)
    assert result.returncode == 0, result.stderr
    logins = json.loads(result.stdout.strip().splitlines()[-1])
    assert logins == dict.fromkeys(DEMO_USERS, True)


@program
def test_seeding_twice_changes_nothing(seeded, tmp_path):
    data_dir = copy_data_dir(seeded, tmp_path / "again")
    before = table_counts(data_dir)
    again = run_fuwu("manage", "seed_demo", data_dir=data_dir)
    assert again.returncode == 0, again.stderr
    assert "Demo data already present; nothing to do." in again.stdout
    assert table_counts(data_dir) == before
    assert before["core_organization"] == 2


@program
def test_verify_audit_of_the_demo(seeded):
    result = run_fuwu("verify-audit", "--data-dir", str(seeded), data_dir=seeded)
    assert result.returncode == 0, result.stderr
    total = table_counts(seeded)["core_auditentry"]
    assert total > 0
    assert "Lakeside Hotels: " in result.stdout and "intact" in result.stdout
    assert f"Audit trail intact: 2 organizations, {total} entries verified." in result.stdout


TAMPERING = {
    "altered": (
        "UPDATE core_auditentry SET actor_name = 'mallory' WHERE seq = 3 AND organization_id = "
        "(SELECT id FROM core_organization WHERE slug = 'lakeside')",
        "Lakeside Hotels #3",
    ),
    "removed": (
        "DELETE FROM core_auditentry WHERE seq = 2 AND organization_id = "
        "(SELECT id FROM core_organization WHERE slug = 'harbor-cafe')",
        "Harbor Café #2",
    ),
    "forged at position zero": (
        "INSERT INTO core_auditentry (organization_id, seq, created_at, actor_id, actor_name, "
        "request_id, action, object_type, object_id, object_repr, before, after, prev_hash, "
        "hash, hash_version) SELECT organization_id, 0, created_at, NULL, 'mallory', '', "
        "'delete', object_type, object_id, 'forged', before, after, prev_hash, hash, "
        "hash_version FROM core_auditentry WHERE seq = 1 AND organization_id = "
        "(SELECT id FROM core_organization WHERE slug = 'lakeside')",
        "Lakeside Hotels #0",
    ),
    "malformed time": (
        "UPDATE core_auditentry SET created_at = 'yesterday' WHERE seq = 4 AND organization_id "
        "= (SELECT id FROM core_organization WHERE slug = 'lakeside')",
        "Lakeside Hotels #4",
    ),
}


@program
@pytest.mark.parametrize("how", TAMPERING)
def test_verify_audit_names_the_first_broken_record(seeded, tmp_path, how):
    sql, named = TAMPERING[how]
    data_dir = copy_data_dir(seeded, tmp_path / "tampered")
    db = sqlite3.connect(data_dir / "fuwu.sqlite3")
    with db:
        assert db.execute(sql).rowcount == 1
    db.close()
    result = run_fuwu("verify-audit", "--data-dir", str(data_dir), data_dir=data_dir)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert f"first broken record: {named}" in result.stderr
    assert "Traceback" not in result.stderr
    # Every chain is still checked and counted in full.
    assert "Harbor Café: " in result.stdout
    lakeside = sqlite_rows(
        data_dir,
        "SELECT count(*) FROM core_auditentry WHERE organization_id = "
        "(SELECT id FROM core_organization WHERE slug = 'lakeside')",
    )[0][0]
    assert f"Lakeside Hotels: {lakeside} entries" in result.stdout


@program
def test_verify_audit_of_a_directory_without_a_database(tmp_path):
    """Issue 9: it created the directory and an empty database, then a traceback."""
    missing = tmp_path / "nothing-here"
    result = run_fuwu("verify-audit", "--data-dir", str(missing), data_dir=tmp_path)
    assert result.returncode == 2
    assert f"there is no Fuwu database in {missing}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not missing.exists()


@program
def test_the_worker_fires_the_scheduled_jobs(seeded, tmp_path):
    data_dir = copy_data_dir(seeded, tmp_path / "worker")
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "-m", "fuwu", "worker", "--data-dir", str(data_dir)],
        env=child_env(data_dir),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        core_tasks = {
            "fuwu.core.jobs.prune_login_throttles",
            "fuwu.core.jobs.verify_audit_chains",
        }
        done: dict[str, str] = {}
        while time.monotonic() < deadline and not core_tasks <= set(done):
            assert worker.poll() is None, (tmp_path / "worker.log").read_text()
            time.sleep(0.3)
            done = dict(
                sqlite_rows(
                    data_dir,
                    "SELECT task_path, return_value FROM django_tasks_database_dbtaskresult "
                    "WHERE status = 'SUCCESSFUL'",
                )
            )
        assert core_tasks <= set(done), (tmp_path / "worker.log").read_text()
        assert json.loads(done["fuwu.core.jobs.verify_audit_chains"]) == {"broken": 0}
        runs = {name for (name,) in sqlite_rows(data_dir, "SELECT name FROM core_scheduledjobrun")}
        assert runs >= {"core.prune_login_throttles", "core.verify_audit_chains"}
        worker.send_signal(signal.SIGINT)
        assert worker.wait(timeout=15) == 0, (tmp_path / "worker.log").read_text()
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        log.close()


# -- the demo, end to end -------------------------------------------------------------------


class Demo:
    """`fuwu demo` as a user starts it, with its output kept in a log file."""

    def __init__(self, data_dir: Path, log: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        self._log = log.open("w")
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "fuwu",
                "demo",
                "--data-dir",
                str(data_dir),
                "--port",
                str(self.port),
                "--no-worker",
            ],
            env=child_env(data_dir),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so a failed test can stop the server it started
        )

    @property
    def output(self) -> str:
        self._log.flush()
        return self.log_path.read_text()

    def wait_healthy(self, within: float) -> tuple[dict, float]:
        deadline = self.started + within
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the demo exited early:\n{self.output}"
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return json.load(response), time.monotonic() - self.started
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.1)
        pytest.fail(f"/healthz did not answer within {within} s:\n{self.output}")

    def interrupt(self, within: float = 15) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=within)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the demo did not stop within {within} s of Ctrl-C:\n{self.output}")

    def kill(self) -> None:
        if self.process.poll() is None:
            import os

            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self._log.close()


def log_in(base: str, username: str, password: str) -> tuple[int, str]:
    """Log in through the login form, as a browser would: the status and page reached."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/login/", timeout=10) as response:
        form = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    body = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    try:
        with opener.open(f"{base}/login/", data=body, timeout=10) as response:
            return response.status, response.url
    except urllib.error.HTTPError as error:
        return error.code, error.url


@program
def test_the_demo_end_to_end(tmp_path, request):
    data_dir = tmp_path / "demo-data"

    first = Demo(data_dir, tmp_path / "first.log")
    try:
        # A generous limit: a test does not assert speed (benchmarks/demo_first_run.py does).
        health, took = first.wait_healthy(within=180)
        assert health == {"status": "ok", "database": "ok", "version": __version__}
        request.node.user_properties.append(("demo_first_healthz_seconds", round(took, 2)))
        print(f"\nfuwu demo, first run: /healthz answered 200 after {took:.2f} s")
        assert "Demo organizations seeded" in first.output
        # Preparing says what it does, step by step, never a silent half minute.
        for line in (
            "[1/3] Database",
            "[2/3] Demo organizations",
            "customer journeys and specifications ... done",
            "[3/3]",
        ):
            assert line in first.output
        assert "Logins (password: demo)" in first.output
        assert log_in(first.base, "demo", "demo") == (200, f"{first.base}/")
        assert log_in(first.base, "demo", "wrong") == (400, f"{first.base}/login/")
        stopping = time.monotonic()
        assert first.interrupt(within=15) == 0, first.output
        print(f"fuwu demo stopped {time.monotonic() - stopping:.2f} s after Ctrl-C")
        assert "Fuwu stopped." in first.output
    finally:
        first.kill()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", first.port), timeout=1):
        pass  # the server went with it
    counts = table_counts(data_dir)

    second = Demo(data_dir, tmp_path / "second.log")
    try:
        second.wait_healthy(within=180)
        assert "Demo data already present; nothing to do." in second.output
        assert "Demo organizations seeded" not in second.output
        assert second.interrupt(within=15) == 0, second.output
    finally:
        second.kill()
    assert table_counts(data_dir) == counts
    lakeside_sites = sqlite_rows(
        data_dir,
        "SELECT count(*) FROM core_site s JOIN core_organization o ON o.id = s.organization_id "
        "WHERE o.slug = 'lakeside'",
    )
    assert lakeside_sites == [(3,)]
    assert (data_dir / "secret_key").read_text().strip()


# Harbor's chain: it collects no customer evaluations. Lakeside's seals of its
# evaluations would name such a truncation even without anchors (ADR 0030; below).
ANCHORED_TAMPERING = {
    "truncated, head rewound": (
        [
            "DELETE FROM core_auditentry WHERE seq > 2 AND organization_id = {harbor}",
            "UPDATE core_auditchainhead SET last_seq = 2, last_hash = (SELECT hash FROM "
            "core_auditentry WHERE seq = 2 AND organization_id = {harbor}) "
            "WHERE organization_id = {harbor}",
        ],
        "the chain ends at #2, below #",
    ),
    "deleted with its head": (
        [
            "DELETE FROM core_auditentry WHERE organization_id = {harbor}",
            "DELETE FROM core_auditchainhead WHERE organization_id = {harbor}",
        ],
        "was deleted with its head",
    ),
}


@program
@pytest.mark.parametrize("how", ANCHORED_TAMPERING)
def test_verify_audit_with_anchors_sees_what_the_chain_cannot(seeded, tmp_path, how):
    statements, named = ANCHORED_TAMPERING[how]
    data_dir = copy_data_dir(seeded, tmp_path / "anchored")
    job = "from fuwu.core.jobs import verify_audit_chains; print(verify_audit_chains.call())"
    result = run_fuwu("manage", "shell", "-c", job, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    anchors = data_dir / "audit-anchors.jsonl"
    assert json.loads(anchors.read_text().splitlines()[-1])["heads"]
    harbor = sqlite_rows(data_dir, "SELECT id FROM core_organization WHERE slug = 'harbor-cafe'")
    db = sqlite3.connect(data_dir / "fuwu.sqlite3")
    with db:
        for sql in statements:
            db.execute(sql.format(harbor=harbor[0][0]))
    db.close()
    plain = run_fuwu("verify-audit", "--data-dir", str(data_dir), data_dir=data_dir)
    assert plain.returncode == 0, plain.stdout  # the chain alone cannot tell
    checked = run_fuwu(
        "verify-audit", "--data-dir", str(data_dir), "--anchors", str(anchors), data_dir=data_dir
    )
    assert checked.returncode == 1, checked.stdout
    assert named in checked.stdout
    assert "first broken record: Harbor Café #" in checked.stderr
    assert "Traceback" not in checked.stderr


@program
def test_a_truncated_chain_is_named_by_the_seals_of_its_evaluations(seeded, tmp_path):
    data_dir = copy_data_dir(seeded, tmp_path / "sealed")
    lakeside = sqlite_rows(data_dir, "SELECT id FROM core_organization WHERE slug = 'lakeside'")
    db = sqlite3.connect(data_dir / "fuwu.sqlite3")
    with db:
        for sql in ANCHORED_TAMPERING["truncated, head rewound"][0]:
            db.execute(sql.format(harbor=lakeside[0][0]))
    db.close()
    plain = run_fuwu("verify-audit", "--data-dir", str(data_dir), data_dir=data_dir)
    assert plain.returncode == 1, plain.stdout
    assert "is not recorded in the audit trail" in plain.stdout
