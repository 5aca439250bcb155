"""Shared by the evaluation benchmarks: a throwaway PostgreSQL database, one
organization with a collection point, servers started the way `fuwu serve` starts
them (granian, WSGI), and a small load generator (processes of threads, each with a
keep-alive http.client connection; loopback only)."""

from __future__ import annotations

import json
import multiprocessing
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")


# -- the database ------------------------------------------------------------------------


@contextmanager
def throwaway_database(prefix: str):
    """Create a database for this run, point DATABASE_URL at it, drop it afterwards."""
    import psycopg

    name = f"{prefix}_{os.getpid()}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    os.environ["DATABASE_URL"] = url
    try:
        yield url
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def django_ready() -> None:
    os.environ.setdefault("FUWU_DATA_DIR", str(Path("/tmp") / f"fuwu-bench-{os.getpid()}"))
    os.environ.setdefault("FUWU_DEBUG", "1")
    os.environ.setdefault("FUWU_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fuwu.settings")
    Path(os.environ["FUWU_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def collection_point(questions: int = 5) -> dict[str, Any]:
    """An organization with a site, a contact point, an instrument of `questions`
    ratings and its collection point; the quality manager's API key."""
    from fuwu.core.models import Membership, Organization, Role, User
    from fuwu.core.services import organization_create, site_create
    from fuwu.core.services.tokens import api_token_create
    from fuwu.design import services as design
    from fuwu.measurement.services.collection import collection_point_create
    from fuwu.measurement.services.evaluations import instrument_create

    root, _ = User.objects.get_or_create(username="bench-root", defaults={"is_superuser": True})
    slug = f"bench-{Organization.objects.count()}"
    org = organization_create(actor=root, data={"name_en": "Bench Hotels", "slug": slug})
    quality = User.objects.create(username=f"bench-quality-{slug}")
    Membership.objects.create(user=quality, organization=org, role=Role.QUALITY_MANAGER)
    site = site_create(actor=root, organization=org, data={"code": "B1", "name_en": "Bench"})
    point = design.contact_point_create(
        actor=root,
        organization=org,
        data={
            "code": "FD",
            "name_en": "Front desk",
            "name_zh": "前台",
            "stage": "during",
            "manned": True,
            "channel": "in_person",
            "status": "active",
            "sites": [site],
        },
    )
    instrument = instrument_create(
        actor=root,
        organization=org,
        data={"name_en": "Front desk", "contact_points": [point]},
        questions=[
            {"type": "rating", "text_en": f"Question {n}", "text_zh": f"问题 {n}"}
            for n in range(questions)
        ],
    )
    collection = collection_point_create(
        actor=root, organization=org, site=site, contact_point=point, instrument=instrument
    )
    _token, key = api_token_create(user=quality)
    question_ids = list(
        instrument.current_version.questions.order_by("order").values_list("pk", flat=True)
    )
    return {
        "organization": org,
        "user": quality,
        "point": collection,
        "token": collection.token,
        "questions": question_ids,
        "api_key": key,
    }


# -- servers -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def granian_command(target: str, port: int, workers: int) -> list[str]:
    """As `fuwu serve` runs granian (fuwu/cli.py `_granian`)."""
    return [
        sys.executable, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1",
        "--port", str(port), "--workers", str(workers), "--blocking-threads", "4", "--no-ws",
        target,
    ]  # fmt: skip


@contextmanager
def served(target: str, workers: int, env: dict[str, str], ready_path: str):
    port = free_port()
    child_env = os.environ | env
    child_env["PYTHONPATH"] = os.pathsep.join([str(HERE), child_env.get("PYTHONPATH", "")])
    process = subprocess.Popen(
        granian_command(target, port, workers),
        env=child_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _body, _s = request("127.0.0.1", port, "GET", ready_path, None, {})
                if status < 500:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{target} did not start: {process.stderr.read().decode()}")
            time.sleep(0.2)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def fuwu_env() -> dict[str, str]:
    """Production mode, as `fuwu serve` would run: a real key, no debug."""
    return {
        "FUWU_DEBUG": "0",
        "FUWU_SECRET_KEY": secrets.token_urlsafe(50),
        "FUWU_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "FUWU_SECURE_COOKIES": "0",
        "FUWU_EVALUATION_RATE": "1000000000",  # one address sends everything here
        "FUWU_LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "fuwu.settings",
    }


# -- HTTP ----------------------------------------------------------------------------------


def request(
    host: str, port: int, method: str, path: str, body: Any, headers: dict[str, str]
) -> tuple[int, bytes, float]:
    import http.client

    connection = http.client.HTTPConnection(host, port, timeout=60)
    try:
        return send(connection, method, path, body, headers)
    finally:
        connection.close()


def send(connection: Any, method: str, path: str, body: Any, headers: dict[str, str]):
    data = json.dumps(body).encode() if body is not None else None
    head = {"Content-Type": "application/json", "Host": "127.0.0.1"} | headers
    started = time.perf_counter()
    connection.request(method, path, body=data, headers=head)
    response = connection.getresponse()
    content = response.read()
    return response.status, content, time.perf_counter() - started


def _client(args: tuple) -> list[tuple[float, float, int]]:
    """One process of the load generator: `threads` keep-alive connections, each
    sending the bodies of its share, closed-loop (rate None) or paced to `rate`
    requests/s in all. Returns (start offset, latency, status) per request."""
    import http.client
    import threading

    port, path, bodies, threads, rate, start_at = args
    results: list[tuple[float, float, int]] = []
    lock = threading.Lock()

    def run(share: list[Any], index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        interval = threads_total / rate if rate else 0.0
        while time.time() < start_at:
            time.sleep(0.001)
        t0 = time.perf_counter()
        for n, body in enumerate(share):
            if rate:
                due = t0 + (n + index / threads) * interval
                wait = due - time.perf_counter()
                if wait > 0:
                    time.sleep(wait)
            offset = time.perf_counter() - t0
            status, _content, seconds = send(connection, "POST", path, body, {})
            mine.append((offset, seconds, status))
        connection.close()
        with lock:
            results.extend(mine)

    threads_total = threads * PROCESSES
    shares = [bodies[i::threads] for i in range(threads)]
    workers = [threading.Thread(target=run, args=(s, i)) for i, s in enumerate(shares)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


PROCESSES = 2  # load-generator processes (each with its threads)


def load(
    port: int, path: str, bodies: list[Any], *, connections: int, rate: float | None = None
) -> dict[str, float]:
    """Send every body once over `connections` keep-alive connections; returns the
    throughput, latency percentiles (ms) and the statuses."""
    threads = max(1, connections // PROCESSES)
    start_at = time.time() + 0.5
    parts = [bodies[i::PROCESSES] for i in range(PROCESSES)]
    with multiprocessing.get_context("fork").Pool(PROCESSES) as pool:
        started = time.perf_counter()
        outcomes = pool.map(_client, [(port, path, p, threads, rate, start_at) for p in parts])
        elapsed = time.perf_counter() - started - max(0.0, start_at - time.time())
    results = [r for part in outcomes for r in part]
    span = max(offset + seconds for offset, seconds, _status in results)
    latencies = sorted(seconds * 1000 for _offset, seconds, _status in results)
    statuses: dict[int, int] = {}
    for _offset, _seconds, status in results:
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "requests": len(results),
        "seconds": span,
        "wall": elapsed,
        "rate": len(results) / span,
        "p50": statistics.median(latencies),
        "p95": latencies[int(len(latencies) * 0.95) - 1],
        "p99": latencies[int(len(latencies) * 0.99) - 1],
        "statuses": statuses,
    }
