"""The first run of `fuwu demo`, as a new user starts it: migrate, seed and serve.

Starts `fuwu demo` in a fresh data directory (with its worker, as the README's
command does), times until /healthz answers 200 and until the login page answers, then
stops it with Ctrl-C, and does the same for a second start on the seeded data. The
target (the demo serves within 20 s of a first run on a laptop) is a ratio against the
reference workload measured in the same run. Run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from _reference import reference_seconds, verdict

FIRST_RUN_RATIO = 200  # ≈ 20 s where the reference takes 0.1 s


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def run_once(data_dir: Path, log: Path, limit: float) -> tuple[float, float]:
    """Seconds until /healthz, then until /login/, answered 200."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FUWU_", "DATABASE_URL"))}
    command = [sys.executable, "-m", "fuwu", "demo", "--data-dir", str(data_dir)]
    command += ["--port", str(port)]
    started = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        try:
            marks = []
            for path in ("/healthz", "/login/"):
                while not answers(f"http://127.0.0.1:{port}{path}"):
                    if process.poll() is not None or time.perf_counter() - started > limit:
                        sys.exit(f"fuwu demo did not answer {path}; its output:\n{log.read_text()}")
                    time.sleep(0.05)
                marks.append(time.perf_counter() - started)
            return marks[0], marks[1]
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=float, default=300, help="give up after this many s")
    args = parser.parse_args()
    reference = reference_seconds()
    with tempfile.TemporaryDirectory(prefix="fuwu-demo-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        healthz, login = run_once(data_dir, Path(tmp) / "first.log", args.limit)
        print(f"first run: /healthz after {healthz:.1f} s, the login page after {login:.1f} s")
        again, again_login = run_once(data_dir, Path(tmp) / "second.log", args.limit)
        print(f"second run: /healthz after {again:.1f} s, the login page after {again_login:.1f} s")
    ok = verdict("demo first run, login page served", login, reference, FIRST_RUN_RATIO)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
