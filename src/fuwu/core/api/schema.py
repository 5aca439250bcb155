"""Choice fields that name their enum in the OpenAPI schema.

drf-spectacular names an enum after its field, so one app's `status`, `kind`,
`category` and `key` would collide with another's (and warn, and get
hashed names). A `NamedChoiceField` says its enum's name itself: the schema refers
to that component, and the API stays free of naming warnings without a global
ENUM_NAME_OVERRIDES entry per choice set.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_choice_field
from rest_framework import serializers


class NamedChoiceField(serializers.ChoiceField):
    def __init__(self, *args: Any, enum_name: str, **kwargs: Any) -> None:
        self.enum_name = enum_name
        super().__init__(*args, **kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def get_name(self) -> str:
        return self.target.enum_name

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        schema = build_choice_field(self.target)
        schema.pop("x-spec-enum-id", None)
        if None in schema["enum"]:  # null is said by the property (nullable), not the enum
            schema["enum"] = [choice for choice in schema["enum"] if choice is not None]
        return schema
