"""Helpers for the operations tests: a request or a complaint in one call."""

from __future__ import annotations

from typing import Any

from fuwu.operations.services import requests as services


def log(world: Any, *, actor: str = "staff", site: int = 0, kind: str = "complaint", **extra: Any):
    data = {
        "summary_en": "Noise from the bar kept the guest awake",
        "summary_zh": "酒吧噪音使客人无法入睡",
        "priority": "normal",
        "channel": "in_person",
    } | extra
    return services.request_log(
        actor=world.users[actor], organization=world.org, site=world.sites[site], kind=kind, **data
    )


def step(world: Any, record: Any, name: str, actor: str = "staff", **extra: Any):
    texts = {"text_en": f"{name} done"} if name != "acknowledge" else {}
    return services.request_step(
        actor=world.users[actor], request=record, step=name, **(texts | extra)
    )


def through(world: Any, record: Any, *names: str, actor: str = "staff"):
    for name in names:
        record = step(world, record, name, actor=actor)
    return record


COMPLAINT_STEPS = ("acknowledge", "assess", "investigate", "respond", "decide")
