"""The service blueprint page and its SVG download (`?site=<id>` for one site's
journey; the download also takes `?lang=en|zh-hans`, like the specification sheet)."""

from __future__ import annotations

import re

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from fuwu.core.downloads import BuiltFile
from fuwu.core.ids import parse_id
from fuwu.core.models import Site

from ..blueprint import build, render_svg
from ..sheet import LANGUAGES
from .common import DesignView


def visible_sites(request: HttpRequest) -> QuerySet[Site]:
    return Site.objects.for_user(request.user, organization=request.organization)


def chosen_site(request: HttpRequest) -> Site | None:
    """The site asked for, among those this person may see; 404 for any other
    (another organization's, outside their scope, or not a number)."""
    wanted = request.GET.get("site", "").strip()
    if not wanted:
        return None
    site = visible_sites(request).filter(pk=pk).first() if (pk := parse_id(wanted)) else None
    if site is None:
        raise Http404(_("No such site."))
    return site


class BlueprintView(DesignView):
    def get(self, request: HttpRequest) -> HttpResponse:
        site = chosen_site(request)
        blueprint = build(request.organization, site=site, user=request.user)
        ctx = {
            "blueprint": blueprint,
            # render_svg escapes every text it draws; on the page the points link to theirs.
            "svg": mark_safe(render_svg(blueprint, links=True)),
            "sites": visible_sites(request).filter(is_active=True).order_by("code"),
            "site": site,
            "query": f"?site={site.pk}" if site else "",
            "unmanned": sum(1 for column in blueprint.columns if not column.manned),
        }
        return render(request, "design/blueprint.html", ctx)


class BlueprintSvgView(DesignView):
    def get(self, request: HttpRequest) -> HttpResponse:
        site = chosen_site(request)
        language = request.GET.get("lang", "")
        if language and language not in LANGUAGES:
            message = _("Choose a language: en or zh-hans.")
            return render(request, "400.html", {"message": message}, status=400)
        # Build inside the language too: names and texts are chosen as they are read.
        with translation.override(language or translation.get_language()):
            svg = render_svg(build(request.organization, site=site, user=request.user))
        return BuiltFile(
            svg.encode(), "image/svg+xml; charset=utf-8", filename(request, site)
        ).response()


def filename(request: HttpRequest, site: Site | None) -> str:
    """ASCII only, for the Content-Disposition header: a site code may be Chinese."""
    parts = [request.organization.slug, "blueprint"]
    if site is not None:
        parts.append(re.sub(r"[^A-Za-z0-9_-]+", "", site.code) or f"site{site.pk}")
    return "-".join(parts) + ".svg"
