"""The specification sheet of a contact point, as PDF or Word: its approved
specifications on one printable document (`?lang=en|zh-hans`, `?site=<id>` for that
site's local addenda). Everyone who may read the design may download it: front-line
staff work to it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..models import ContactPoint
from ..sheet import FORMATS, LANGUAGES, sheet_file, site_for
from .common import DesignView


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"message": message}, status=400)


def reader_language() -> str:
    """The reader's active language, as one the sheet is written in."""
    return "zh-hans" if (get_language() or "en").lower().startswith("zh") else "en"


class SpecificationSheetView(DesignView):
    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        if fmt not in FORMATS:
            raise Http404
        point = get_object_or_404(
            ContactPoint.objects.for_user(request.user, organization=request.organization), pk=pk
        )
        language = request.GET.get("lang") or reader_language()
        if language not in LANGUAGES:
            return bad_request(request, _("Choose a language: en or zh-hans."))
        try:
            site = site_for(point, request.GET.get("site"), request.user)
        except ValidationError as exc:
            return bad_request(request, exc.messages[0])
        built = sheet_file(point, fmt, language, site=site, user=request.user)
        return built.response()
