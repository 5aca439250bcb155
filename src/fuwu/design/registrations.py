"""The contact point register: a declaration on core's generic Register, with a
record page that gathers everything about the point."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.registers import Column, ComputedColumn, Register
from fuwu.documents.models import Status

from . import selectors, services
from .filtersets import ContactPointFilterSet
from .forms import ContactPointForm
from .models import ContactPoint, SpecificationKind

STATUS_BADGES = {"planned": "bg-azure-lt", "active": "bg-green-lt", "retired": "bg-dark-lt"}


def _sites(point: ContactPoint) -> str:
    return ", ".join(site.code for site in point.sites.all())


def _specifications_cell(point: ContactPoint) -> str:
    """One badge per specification: green approved, grey missing or not approved."""
    standard = {s.kind: s for s in point.specifications.all() if not s.local}
    badges = []
    for kind in SpecificationKind.values:
        spec = standard.get(kind)
        approved = spec is not None and spec.document and spec.document.status == Status.APPROVED
        css = "bg-green-lt" if approved else ("bg-yellow-lt" if spec else "bg-secondary-lt")
        badges.append((css, SpecificationKind(kind).label, kind[0].upper()))
    return format_html_join(" ", '<span class="badge {}" title="{}">{}</span>', badges)


def _specifications_text(point: ContactPoint) -> str:
    standard = {s.kind: s for s in point.specifications.all() if not s.local}
    approved = [
        k for k, s in standard.items() if s.document and s.document.status == Status.APPROVED
    ]
    return f"{len(approved)}/3"


class ContactPointRegister(Register):
    model = ContactPoint
    slug = "contactpoint"
    namespace = "design"
    url_prefix = "contact-points/"
    title = gettext_lazy("Contact points")
    item_title = gettext_lazy("Contact point")
    filterset = ContactPointFilterSet
    form = ContactPointForm
    default_sort = "order"
    view_capability = "design.view"
    manage_capability = "design.manage"
    select_related = ("owner", "site")
    prefetch_related = ("sites", "specifications__document")
    detail_template = "design/contactpoint_detail.html"
    import_url_name = "design:contactpoint_import"
    empty_text = gettext_lazy(
        "No contact points yet. Add the places where customers meet the organization, "
        "from the first inquiry to the follow-up after the service, or import them."
    )
    columns = [
        Column("code", gettext_lazy("Code"), sort="code", link=True),
        Column("name", gettext_lazy("Name"), sort="name_en"),
        Column("name_en", gettext_lazy("Name (English)"), listed=False),
        Column("name_zh", gettext_lazy("Name (Chinese)"), listed=False),
        Column("get_stage_display", gettext_lazy("Stage"), sort="stage"),
        Column("order", gettext_lazy("Order"), sort="order"),
        Column("get_channel_display", gettext_lazy("Channel"), sort="channel"),
        Column("manned", gettext_lazy("Manned"), sort="manned"),
        ComputedColumn(
            "status_badge",
            gettext_lazy("Status"),
            sort="status",
            export=False,
            compute=lambda p: format_html(
                '<span class="badge {}">{}</span>',
                STATUS_BADGES.get(p.status, ""),
                p.get_status_display(),
            ),
        ),
        Column("get_status_display", gettext_lazy("Status"), listed=False),
        ComputedColumn(
            "site",
            gettext_lazy("Site's own"),
            listed=False,
            compute=lambda p: p.site.code if p.site_id else "",
        ),
        ComputedColumn("sites", gettext_lazy("Deployed at"), compute=_sites),
        Column("get_owner_role_display", gettext_lazy("Owner (role)"), listed=False),
        ComputedColumn(
            "owner",
            gettext_lazy("Owner (person)"),
            listed=False,
            compute=lambda p: p.owner.username if p.owner_id else "",
        ),
        Column("description_en", gettext_lazy("Description (English)"), listed=False),
        Column("description_zh", gettext_lazy("Description (Chinese)"), listed=False),
        ComputedColumn(
            "specifications",
            gettext_lazy("Specifications"),
            export=False,
            compute=_specifications_cell,
        ),
        ComputedColumn(
            "approved_specifications",
            gettext_lazy("Approved specifications"),
            listed=False,
            compute=_specifications_text,
        ),
    ]
    detail_fields = [
        Column("code", gettext_lazy("Code")),
        Column("name_en", gettext_lazy("Name (English)")),
        Column("name_zh", gettext_lazy("Name (Chinese)")),
        Column("get_stage_display", gettext_lazy("Stage")),
        Column("order", gettext_lazy("Order in the journey")),
        Column("get_channel_display", gettext_lazy("Channel")),
        Column("manned", gettext_lazy("Manned")),
        Column("get_status_display", gettext_lazy("Status")),
        ComputedColumn(
            "site",
            gettext_lazy("Site's own"),
            compute=lambda p: str(p.site) if p.site_id else _("No: the organization's"),
        ),
        ComputedColumn("sites", gettext_lazy("Deployed at"), compute=_sites),
        Column("get_owner_role_display", gettext_lazy("Owner (role)")),
        ComputedColumn(
            "owner",
            gettext_lazy("Owner (person)"),
            compute=lambda p: p.owner.display_name if p.owner_id else "",
        ),
        # In the reader's language (the form shows both; exports carry both).
        Column("description", gettext_lazy("Description")),
    ]

    def queryset(self, request: HttpRequest) -> models.QuerySet:
        # "Deployed at" names only the sites this person may see.
        return (
            super()
            .queryset(request)
            .prefetch_related(None)
            .prefetch_related(selectors.deployed_sites(request.user), "specifications__document")
        )

    def form_kwargs(self, request: HttpRequest, obj: models.Model | None) -> dict[str, Any]:
        return super().form_kwargs(request, obj) | {"user": request.user}

    def initial(self, obj: ContactPoint) -> dict[str, Any]:
        data = {name: getattr(obj, name) for name in services.contact_points.FIELDS}
        data["sites"] = list(obj.sites.all())
        return data

    def detail_context(self, request: HttpRequest, obj: ContactPoint) -> dict[str, Any]:
        from .views.specifications import specification_panel

        return {"panel": specification_panel(request, obj)}

    def create(self, request: HttpRequest, data: dict[str, Any]) -> ContactPoint:
        return services.contact_point_create(
            actor=request.user, organization=request.organization, data=data
        )

    def update(self, request: HttpRequest, obj: ContactPoint, data: dict[str, Any]) -> ContactPoint:
        return services.contact_point_update(actor=request.user, point=obj, data=data)

    def delete(self, request: HttpRequest, obj: ContactPoint) -> None:
        services.contact_point_delete(actor=request.user, point=obj)


contact_points = ContactPointRegister()
