"""Demo data: core seeds the organizations, sites and users; other apps add theirs
by registering a seeder here (found by autodiscovery of `demo` modules)."""

from __future__ import annotations

from collections.abc import Callable

SEEDERS: list[tuple[int, Callable[..., None]]] = []


def seeder(order: int = 100) -> Callable:
    """Register `fn(*, organizations: dict[str, Organization], users: dict[str, User])`."""

    def wrap(fn: Callable[..., None]) -> Callable[..., None]:
        SEEDERS.append((order, fn))
        return fn

    return wrap
