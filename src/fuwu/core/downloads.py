"""A generated file (report, manual, specification sheet) and its download."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse


@dataclass(frozen=True)
class BuiltFile:
    content: bytes
    content_type: str
    filename: str

    def response(self) -> HttpResponse:
        """The file as an attachment (the browser saves it under `filename`)."""
        response = HttpResponse(self.content, content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response
