"""A contact point's specifications: the panel on its page, and the page of one
specification, where its draft is written item by item and moved through review
and approval (the documents workflow)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from fuwu.core.errors import status_for
from fuwu.core.ids import parse_id
from fuwu.core.models import Site
from fuwu.core.permissions import can, in_site_scope
from fuwu.core.registers import apply_validation_error
from fuwu.documents import services as documents
from fuwu.documents.actions import action_forms, actions
from fuwu.documents.checklists import checklist_for
from fuwu.documents.models import DocumentVersion, Status

from .. import selectors, services
from ..content import specification_url
from ..forms import ChangeReasonForm, NotApplicableForm, SpecificationItemForm
from ..models import KIND_CLAUSES, ContactPoint, Specification, SpecificationItem, SpecificationKind
from .common import DesignView


def may_edit(request: HttpRequest, site_id: int | None) -> bool:
    organization = request.organization
    return (
        can(request.user, organization, "design.manage")
        and can(request.user, organization, "documents.edit")
        and in_site_scope(request.user, organization, site_id)
    )


# -- the panel on the contact point's page --------------------------------------------


@dataclass
class PanelRow:
    kind: str
    label: str
    clause: str
    specification: Specification | None
    url: str
    may_start: bool

    @property
    def document(self) -> Any:
        return self.specification.document if self.specification else None


def specification_panel(request: HttpRequest, point: ContactPoint) -> dict[str, Any]:
    specs = selectors.specifications_of(point, user=request.user)
    standard = {s.kind: s for s in specs if not s.local}
    rows = []
    for kind in SpecificationKind.values:
        spec = standard.get(kind)
        rows.append(
            PanelRow(
                kind=kind,
                label=str(SpecificationKind(kind).label),
                clause=KIND_CLAUSES[kind],
                specification=spec,
                url=specification_url(spec) if spec else _url(point.pk, kind),
                may_start=spec is None and may_edit(request, point.site_id),
            )
        )
    local = [s for s in specs if s.local]
    addable_sites = []
    if point.site_id is None:
        for site in point.sites.all():
            if may_edit(request, site.pk):
                addable_sites.append(site)
    return {
        "rows": rows,
        "local": [(s, specification_url(s)) for s in local],
        "addable_sites": addable_sites,
        "kinds": SpecificationKind.choices,
    }


def _url(point_id: int, kind: str, site_id: int | None = None) -> str:
    from django.urls import reverse

    if site_id is not None:
        return reverse("design:local_specification", args=[point_id, kind, site_id])
    return reverse("design:specification", args=[point_id, kind])


# -- the page of one specification ------------------------------------------------------

ACTIONS = (
    "start",
    "add",
    "update",
    "delete",
    "up",
    "down",
    "not_applicable",
    "change_reason",
    "new_version",
)


class SpecificationView(DesignView):
    """GET shows the specification; POST takes one `action` on its draft."""

    def setup_page(
        self, request: HttpRequest, pk: int, kind: str, site_id: int | None
    ) -> tuple[ContactPoint, Site | None, Specification | None]:
        if kind not in SpecificationKind.values:
            raise Http404
        point = get_object_or_404(
            ContactPoint.objects.for_user(request.user, organization=request.organization), pk=pk
        )
        site = None
        if site_id is not None:
            site = get_object_or_404(
                Site.objects.for_user(request.user, organization=request.organization),
                pk=site_id,
            )
        specs = Specification.objects.for_user(request.user, organization=request.organization)
        spec = (
            specs.filter(contact_point=point, kind=kind, local=site is not None)
            .filter(**({"site": site} if site else {}))
            .select_related("document", "document__current_version", "site")
            .first()
        )
        return point, site, spec

    def get(
        self, request: HttpRequest, pk: int, kind: str, site_id: int | None = None
    ) -> HttpResponse:
        point, site, spec = self.setup_page(request, pk, kind, site_id)
        return self.render_page(request, point, site, spec, kind)

    def post(
        self, request: HttpRequest, pk: int, kind: str, site_id: int | None = None
    ) -> HttpResponse:
        point, site, spec = self.setup_page(request, pk, kind, site_id)
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            return self.render_page(
                request, point, site, spec, kind, errors=[_("Unknown action.")], status=400
            )
        if action == "start":
            return self.start(request, point, site, kind)
        if spec is None:
            raise Http404
        try:
            done = getattr(self, f"do_{action}")(request, spec)
        except PermissionDenied:
            raise
        except ValidationError as exc:
            form = getattr(exc, "form", None)
            return self.render_page(
                request,
                point,
                site,
                spec,
                kind,
                errors=[] if form is not None else exc.messages,
                bound={action: form} if form is not None else None,
                status=status_for(exc),
            )
        if done:
            messages.success(request, done)
        return redirect(specification_url(spec) + "#draft")

    # -- actions ------------------------------------------------------------------
    def start(
        self, request: HttpRequest, point: ContactPoint, site: Site | None, kind: str
    ) -> HttpResponse:
        try:
            spec = services.specification_start(
                actor=request.user, point=point, kind=kind, site=site
            )
        except ValidationError as exc:
            return self.render_page(
                request, point, site, None, kind, errors=exc.messages, status=status_for(exc)
            )
        messages.success(
            request, _("Specification started: write its items, then submit it for review.")
        )
        return redirect(specification_url(spec) + "#draft")

    def _item(self, request: HttpRequest, spec: Specification) -> SpecificationItem:
        return get_object_or_404(
            SpecificationItem.objects.filter(specification=spec),
            pk=parse_id(request.POST.get("item")) or 0,
        )

    def _form(self, request: HttpRequest, spec: Specification, action: str) -> dict[str, Any]:
        form = SpecificationItemForm(request.POST, specification=spec, prefix=action)
        if not form.is_valid():
            raise _invalid(form)
        return form.cleaned_data

    def do_add(self, request: HttpRequest, spec: Specification) -> str:
        data = self._form(request, spec, "add")
        try:
            services.item_create(actor=request.user, specification=spec, data=data)
        except ValidationError as exc:
            raise _with_form(
                exc, SpecificationItemForm(request.POST, specification=spec, prefix="add")
            ) from None
        return _("Item added.")

    def do_update(self, request: HttpRequest, spec: Specification) -> str:
        item = self._item(request, spec)
        form = SpecificationItemForm(request.POST, specification=spec, prefix="update")
        form.item = item
        if not form.is_valid():
            raise _invalid(form)
        try:
            services.item_update(actor=request.user, item=item, data=form.cleaned_data)
        except ValidationError as exc:
            raise _with_form(exc, form) from None
        return _("Item saved.")

    def do_delete(self, request: HttpRequest, spec: Specification) -> str:
        services.item_delete(actor=request.user, item=self._item(request, spec))
        return _("Item removed.")

    def do_up(self, request: HttpRequest, spec: Specification) -> str:
        services.item_move(actor=request.user, item=self._item(request, spec), up=True)
        return ""

    def do_down(self, request: HttpRequest, spec: Specification) -> str:
        services.item_move(actor=request.user, item=self._item(request, spec), up=False)
        return ""

    def do_not_applicable(self, request: HttpRequest, spec: Specification) -> str:
        form = NotApplicableForm(request.POST, specification=spec, prefix="na")
        if not form.is_valid():
            raise _invalid(form, "not_applicable")
        try:
            services.category_not_applicable(
                actor=request.user,
                specification=spec,
                category=form.cleaned_data["category"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            raise _with_form(exc, form, "not_applicable") from None
        return _("Noted why the category does not apply.")

    def do_change_reason(self, request: HttpRequest, spec: Specification) -> str:
        version = selectors.open_version(spec)
        if version is None:
            raise ValidationError(_("There is no draft to change: start a new version first."))
        form = ChangeReasonForm(request.POST, prefix="reason")
        reasons = {
            name: form.cleaned_data[name] if form.is_valid() else ""
            for name in ("change_reason_en", "change_reason_zh")
        }
        documents.version_update(actor=request.user, version=version, data=reasons)
        return _("Draft saved.")

    def do_new_version(self, request: HttpRequest, spec: Specification) -> str:
        version = documents.version_draft_create(actor=request.user, document=spec.document)
        return _("Version %(number)s started as a draft.") % {"number": version.number}

    # -- the page -----------------------------------------------------------------
    def render_page(
        self,
        request: HttpRequest,
        point: ContactPoint,
        site: Site | None,
        spec: Specification | None,
        kind: str,
        *,
        errors: list[str] | None = None,
        bound: dict[str, Any] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        user = request.user
        belongs_to = site.pk if site else point.site_id
        editable_site = may_edit(request, belongs_to)
        ctx: dict[str, Any] = {
            "point": point,
            "site": site,
            "kind": kind,
            "kind_label": SpecificationKind(kind).label,
            "clause": KIND_CLAUSES[kind],
            "specification": spec,
            "may_start": spec is None and editable_site,
            "errors": errors or [],
            "page_url": request.path,
        }
        if site is not None:
            standard = selectors.standard_specification(point, kind)
            approved_standard = selectors.approved_version(standard) if standard else None
            ctx["standard"] = standard
            ctx["standard_categories"] = (
                selectors.items_by_category(standard, approved_standard)
                if approved_standard
                else []
            )
        if spec is not None:
            approved, opened = selectors.versions_to_show(spec, user)
            draft_editable = opened is not None and opened.status == Status.DRAFT and editable_site
            bound = bound or {}
            editing = _editing(request, spec, opened, draft_editable, bound.get("update"))
            ctx |= {
                "approved": approved,
                "approved_categories": selectors.items_by_category(spec, approved)
                if approved
                else [],
                "opened": opened,
                "draft_categories": selectors.items_by_category(spec, opened) if opened else [],
                "draft_editable": draft_editable,
                "editing": editing,
                "add_form": bound.get("add")
                or SpecificationItemForm(
                    specification=spec,
                    prefix="add",
                    initial={"category": request.GET.get("category")},
                ),
                "na_form": bound.get("not_applicable")
                or NotApplicableForm(specification=spec, prefix="na"),
                "reason_form": ChangeReasonForm(
                    prefix="reason",
                    initial={
                        name: getattr(opened, name) if opened else ""
                        for name in ("change_reason_en", "change_reason_zh")
                    },
                ),
                "may_new_version": opened is None
                and editable_site
                and spec.document.status != Status.OBSOLETE,
                "actions": _actions(user, spec, opened),
                "checklist_items": checklist_for(spec.document),
            }
        return render(request, "design/specification.html", ctx, status=status)


def _editing(
    request: HttpRequest,
    spec: Specification,
    opened: DocumentVersion | None,
    draft_editable: bool,
    bound: SpecificationItemForm | None,
) -> tuple[int, SpecificationItemForm] | None:
    """The item being edited in place (?edit=<id>), with its form."""
    if bound is not None:
        return bound.item.pk, bound
    wanted = parse_id(request.GET.get("edit", ""))
    if not (draft_editable and opened is not None and wanted):
        return None
    item = SpecificationItem.objects.filter(
        specification=spec, version=opened, pk=wanted, applies=True
    ).first()
    if item is None:
        return None
    initial = {name: getattr(item, name) for name in services.specifications.ITEM_FIELDS}
    return item.pk, SpecificationItemForm(specification=spec, prefix="update", initial=initial)


def _actions(
    user: Any, spec: Specification, opened: DocumentVersion | None
) -> list[tuple[Any, Any]]:
    """The workflow transitions this person may take on the open draft."""
    if opened is None:
        return []
    opened.document = spec.document
    return actions(user, opened, action_forms(spec.document))


def _invalid(form: Any, action: str = "") -> ValidationError:
    """The form that was sent is invalid: show it again with its errors."""
    exc = ValidationError(_("Correct the errors below."))
    exc.form = form  # type: ignore[attr-defined]
    return exc


def _with_form(exc: ValidationError, form: Any, action: str = "") -> ValidationError:
    """A service's refusal, shown on the form that was sent (the refusal keeps its
    kind: a state conflict still answers 409)."""
    form.is_valid()
    apply_validation_error(form, exc)
    exc.form = form  # type: ignore[attr-defined]
    return exc
