"""Helpers shared by the tests of core's mechanisms."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from fuwu.core.models import AuditChainHead, AuditEntry, Organization

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")

requires_postgres = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="concurrent writers need a server database: SQLite serializes every writer "
    "(run with DATABASE_URL=postgres://...)",
)


def run_in_threads(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run `work(i)` in `count` threads that start together; each thread uses (and
    closes) its own database connection. Re-raises the first error of any thread."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count
    errors: list[BaseException] = []

    def target(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = work(i)
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a worker thread hung"
    if errors:
        raise errors[0]
    return results


def chain_state(organization: Organization) -> tuple[list[int], int, str]:
    """The organization's audit seqs, and its chain head (last seq, last hash)."""
    seqs = list(
        AuditEntry.objects.filter(organization=organization)
        .order_by("seq")
        .values_list("seq", flat=True)
    )
    head = AuditChainHead.objects.filter(organization=organization).first()
    return seqs, (head.last_seq if head else 0), (head.last_hash if head else "")


# -- the `fuwu` command as a child process ----------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def child_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a `fuwu` child: SQLite in `data_dir` with the production
    settings module, whatever DATABASE_URL or test settings this process has."""
    env = dict(os.environ)
    for name in (
        "DATABASE_URL",
        "DJANGO_SETTINGS_MODULE",
        "FUWU_SECRET_KEY",
        "FUWU_DEBUG",
        "FUWU_MEDIA_DIR",
    ):
        env.pop(name, None)
    env["FUWU_DATA_DIR"] = str(data_dir)
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def run_fuwu(
    *args: str, data_dir: Path, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fuwu", *args],
        env=env if env is not None else child_env(data_dir),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
