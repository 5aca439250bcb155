"""A reference workload measured in the same run as a benchmark, so that targets are
ratios that hold on a fast laptop and on a busy two-core CI machine alike.

The reference is plain CPU work of the kind a request does (hashing, JSON, string
building), pinned in size: about a tenth of a second on one core of the two-core machines
Fuwu is developed and tested on. A target
says "at most R times the reference"; `verdict()` prints the figures and the ratio.
"""

from __future__ import annotations

import hashlib
import json
import statistics
import time


def _workload() -> None:
    rows = [{"id": i, "name": f"Contact point {i}", "score": i % 97 / 7} for i in range(40_000)]
    text = json.dumps(rows)
    digest = b""
    for _ in range(40):
        digest = hashlib.sha256(digest + text[:100_000].encode()).digest()
    "".join(f"<td>{row['name']}</td>" for row in rows)


def reference_seconds(runs: int = 5) -> float:
    """The median time of the reference workload on this machine, now."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        _workload()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def verdict(label: str, seconds: float, reference: float, target_ratio: float) -> bool:
    """Print one measured figure against its target; True when within it."""
    ratio = seconds / reference
    ok = ratio <= target_ratio
    print(
        f"{label}: {seconds:.2f} s = {ratio:.1f}x reference ({reference * 1000:.0f} ms); "
        f"target ≤ {target_ratio:g}x → {'OK' if ok else 'TOO SLOW'}"
    )
    return ok
