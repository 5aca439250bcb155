"""The demo's service design as data: one YAML file per organization beside this module
(lakeside.yaml, harbor.yaml). Every text there is a pair `{en: …, zh: …}`; `load` turns
each pair into the `<name>_en` / `<name>_zh` fields the services take, and gives each
contact point whose `control` names a subject, criterion and method the organization's
shared control specification (`control_template`) filled in with them."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("en", "zh")


def _is_pair(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == set(LANGUAGES)


def fields(data: Any) -> Any:
    """`data` with every `{name: {en, zh}}` written as `name_en` and `name_zh`."""
    if isinstance(data, list):
        return [fields(item) for item in data]
    if not isinstance(data, dict):
        return data
    out: dict[str, Any] = {}
    for key, value in data.items():
        if _is_pair(value):
            out |= {f"{key}_{language}": value[language] or "" for language in LANGUAGES}
        else:
            out[key] = fields(value)
    return out


def _control(template: list[dict[str, Any]], control: dict[str, Any]) -> list[dict[str, Any]]:
    """The shared control specification, with this point's subject, criterion and method."""

    def fill(value: Any, language: str) -> Any:
        if isinstance(value, str):
            return value.format(**{k: v[language] for k, v in control.items()})
        if _is_pair(value):
            return {lang: fill(value[lang], lang) for lang in LANGUAGES}
        if isinstance(value, dict):
            return {k: fill(v, language) for k, v in value.items()}
        return value

    return [fill(item, "en") for item in template]


@cache
def _read(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    # libyaml's parser where PyYAML has it: the demo reads these files on its first run.
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def raw(name: str) -> dict[str, Any]:
    """The file as written (pairs as pairs): what the tests check for both languages."""
    return _read(name)


def load(name: str) -> dict[str, Any]:
    """One organization's design, ready for the services (`lakeside` or `harbor`)."""
    data = dict(_read(name))
    template = data.pop("control_template", [])
    points = []
    for point in data.get("contact_points", []):
        control = point.get("control")
        if isinstance(control, dict):
            point = point | {"control": _control(template, control)}
        points.append(point)
    return fields(data | {"contact_points": points})
