"""The API fuzz run is its own CI step: collected only when asked for by path
(`pytest tests/api_fuzz`), not by the whole suite's `pytest`."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent.resolve()


def pytest_ignore_collect(collection_path: Path, config) -> bool | None:
    asked = [Path(str(arg).split("::")[0]).resolve() for arg in config.args]
    if any(path == HERE or HERE in path.parents for path in asked):
        return None
    return True
