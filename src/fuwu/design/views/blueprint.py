"""The service blueprint page and its SVG download (`?site=<id>` for one site)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from fuwu.core.downloads import BuiltFile
from fuwu.core.ids import parse_id
from fuwu.core.models import Site

from ..blueprint import build, render_svg
from .common import DesignView


def chosen_site(request: HttpRequest) -> Site | None:
    """The site asked for, among those this person may see; 404 for any other."""
    wanted = request.GET.get("site", "")
    if not wanted:
        return None
    sites = Site.objects.for_user(request.user, organization=request.organization)
    site = sites.filter(pk=pk).first() if (pk := parse_id(wanted)) else None
    if site is None:
        raise Http404(_("No such site."))
    return site


class BlueprintView(DesignView):
    def get(self, request: HttpRequest) -> HttpResponse:
        site = chosen_site(request)
        blueprint = build(request.organization, site=site, user=request.user)
        sites = Site.objects.for_user(request.user, organization=request.organization).filter(
            is_active=True
        )
        ctx = {
            "blueprint": blueprint,
            # render_svg escapes every text it draws.
            "svg": mark_safe(render_svg(blueprint)),
            "sites": sites.order_by("code"),
            "site": site,
            "query": f"?site={site.pk}" if site else "",
        }
        return render(request, "design/blueprint.html", ctx)


class BlueprintSvgView(DesignView):
    def get(self, request: HttpRequest) -> HttpResponse:
        site = chosen_site(request)
        svg = render_svg(build(request.organization, site=site, user=request.user))
        name = f"{request.organization.slug}-blueprint{'-' + site.code if site else ''}.svg"
        return BuiltFile(svg.encode(), "image/svg+xml; charset=utf-8", name).response()
