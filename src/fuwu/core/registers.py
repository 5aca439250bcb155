"""The generic register: list (filter, search, sort, paginate, export), detail,
create, edit, delete and history for any tenant-owned model.

A register is a declaration (see `core/registrations.py` for Sites and Members,
and docs/howto/add-a-register.md); the views below do the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_filters import FilterSet

from . import exports
from .audit import history_for
from .audit_display import describe
from .models import Attachment
from .permissions import can, in_site_scope

PAGE_SIZES = (25, 50, 100, 200)
REGISTRY: dict[str, Register] = {}  # model label -> its register, filled by `urls()`


@dataclass
class Column:
    """One column of the list and of the exports."""

    accessor: str
    label: Promise | str
    sort: str | None = None  # the ordering field; None: not sortable
    link: bool = False
    export: bool = True
    listed: bool = True  # False: in exports and detail only

    def value(self, obj: Any) -> Any:
        value: Any = obj
        for part in self.accessor.split("."):
            value = getattr(value, part, None)
            if callable(value) and not isinstance(value, models.Manager):
                value = value()
        if isinstance(value, models.Manager):
            value = ", ".join(str(v) for v in value.all())
        return value


@dataclass
class ComputedColumn(Column):
    """A column whose value is computed from the row (HTML when `listed` only)."""

    compute: Callable[[Any], Any] = field(default=lambda obj: None)

    def value(self, obj: Any) -> Any:
        return self.compute(obj)


class Register:
    """Declare one per model. Subclasses set the attributes and the three writes."""

    model: type[models.Model]
    slug: str  # URL names are "<namespace>:<slug>_list" etc.
    namespace: str = "core"
    url_prefix: str = ""
    title: Promise | str = ""
    item_title: Promise | str = ""
    filterset: type[FilterSet]
    form: type[forms.Form] | None = None
    columns: list[Column] = []
    detail_fields: list[Column] = []
    default_sort: str = "pk"
    view_capability: str = ""
    manage_capability: str = ""
    can_delete: bool = True
    empty_text: Promise | str = gettext_lazy("Nothing here yet.")
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    # A record page with more than its fields (it extends the generic one).
    detail_template: str = "core/register/detail.html"
    # The page that imports rows from a spreadsheet (core/imports.py), if any.
    import_url_name: str = ""

    # -- reads ---------------------------------------------------------
    def queryset(self, request: HttpRequest) -> models.QuerySet:
        qs = self.model.objects.for_user(request.user, organization=request.organization)
        return qs.select_related(*self.select_related).prefetch_related(*self.prefetch_related)

    def get_object(self, request: HttpRequest, pk: int) -> models.Model:
        return get_object_or_404(self.queryset(request), pk=pk)

    # -- permissions ---------------------------------------------------
    def may_view(self, request: HttpRequest) -> bool:
        return can(request.user, request.organization, self.view_capability)

    def may_manage(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        if not self.manage_capability or not can(
            request.user, request.organization, self.manage_capability
        ):
            return False
        if obj is None or self.model.tenant_site_field is None:
            return True
        site_id = obj.pk if self.model.tenant_site_field == "pk" else getattr(obj, "site_id", None)
        return in_site_scope(request.user, request.organization, site_id)

    # -- writes (services) ---------------------------------------------
    def form_class(self, obj: models.Model | None) -> type[forms.Form]:
        assert self.form is not None
        return self.form

    def form_kwargs(self, request: HttpRequest, obj: models.Model | None) -> dict[str, Any]:
        return {"organization": request.organization}

    def initial(self, obj: models.Model) -> dict[str, Any]:
        return forms.models.model_to_dict(obj)

    def list_links(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        """Further buttons on the list page: (url, label, Tabler icon name)."""
        return []

    def history(self, request: HttpRequest, obj: models.Model) -> models.QuerySet:
        """The audit entries of `obj` this person may read, for the record's page and its
        history. A register whose records hold what not every reader may see (drafts,
        other sites) narrows them here: the route walk checks every history page."""
        return history_for(obj)

    def detail_context(self, request: HttpRequest, obj: models.Model) -> dict[str, Any]:
        """What `detail_template` shows beside the fields."""
        return {}

    # A template shown above the list (with `list_context`), e.g. the audit trail's
    # last verification.
    list_notice_template: str = ""

    def list_context(self, request: HttpRequest) -> dict[str, Any]:
        return {}

    def create(self, request: HttpRequest, data: dict[str, Any]) -> models.Model:
        raise NotImplementedError

    def update(self, request: HttpRequest, obj: models.Model, data: dict[str, Any]) -> models.Model:
        raise NotImplementedError

    def delete(self, request: HttpRequest, obj: models.Model) -> None:
        raise NotImplementedError

    # -- wiring --------------------------------------------------------
    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    has_attachments: bool = True

    def url(self, action: str, obj: models.Model | None = None) -> str:
        name = f"{self.namespace}:{self.slug}_{action}"
        return reverse(name, args=[obj.pk]) if obj is not None else reverse(name)

    def list_urls(self) -> dict[str, str]:
        urls = {"list": self.url("list")}
        if self.form is not None:
            urls["add"] = self.url("add")
        return urls

    def object_urls(self, obj: models.Model) -> dict[str, str]:
        urls = {"detail": self.url("detail", obj), "history": self.url("history", obj)}
        if self.form is not None:
            urls["edit"] = self.url("edit", obj)
        if self.can_delete:
            urls["delete"] = self.url("delete", obj)
        return urls

    def urls(self) -> list:
        REGISTRY[self.label] = self
        p, s = self.url_prefix, self.slug
        views = [
            path(f"{p}", RegisterListView.as_view(register=self), name=f"{s}_list"),
            path(f"{p}<int:pk>/", RegisterDetailView.as_view(register=self), name=f"{s}_detail"),
            path(
                f"{p}<int:pk>/history/",
                RegisterHistoryView.as_view(register=self),
                name=f"{s}_history",
            ),
        ]
        if self.form is not None:
            views += [
                path(f"{p}add/", RegisterEditView.as_view(register=self), name=f"{s}_add"),
                path(
                    f"{p}<int:pk>/edit/", RegisterEditView.as_view(register=self), name=f"{s}_edit"
                ),
            ]
        if self.can_delete:
            views.append(
                path(
                    f"{p}<int:pk>/delete/",
                    RegisterDeleteView.as_view(register=self),
                    name=f"{s}_delete",
                )
            )
        return views

    def export_columns(self) -> list[exports.Column]:
        return [(c.accessor, c.label, c.value) for c in self.columns if c.export]


class RegisterView(View):
    register: Register = None  # type: ignore[assignment]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if request.organization is None:
            return render(request, "core/no_organization.html", status=403)
        if not self.register.may_view(request):
            raise PermissionDenied(_("You do not have permission to see this register."))
        return super().dispatch(request, *args, **kwargs)

    def context(self, **extra: Any) -> dict[str, Any]:
        obj = extra.get("object")
        urls = self.register.list_urls()
        if obj is not None:
            urls |= self.register.object_urls(obj)
        return {"register": self.register, "urls": urls, **extra}


class RegisterListView(RegisterView):
    def get(self, request: HttpRequest) -> HttpResponse:
        reg = self.register
        filterset = reg.filterset(
            request.GET or None, queryset=reg.queryset(request), request=request
        )
        if filterset.is_bound and not filterset.is_valid():
            qs = reg.queryset(request).none()
        else:
            qs = filterset.qs
        sort = self.sort_key(request)
        qs = qs.order_by(*self.ordering(sort))
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            return self.export(request, qs, export)
        if export:
            return render(request, "400.html", {"message": _("Unknown export format.")}, status=400)
        per_page = self.per_page(request)
        page = Paginator(qs, per_page).get_page(request.GET.get("page"))
        ctx = self.context(
            filterset=filterset,
            page=page,
            rows=[
                (reg.url("detail", obj), [(c, c.value(obj)) for c in reg.columns if c.listed])
                for obj in page.object_list
            ],
            columns=[c for c in reg.columns if c.listed],
            sort=sort,
            per_page=per_page,
            page_sizes=PAGE_SIZES,
            query=self.query_without("page", request),
            # On a phone the filters fold away unless one of them is in use.
            filters_active=any(request.GET.get(name) for name in filterset.form.fields),
            may_add=reg.form is not None and reg.may_manage(request),
            import_url=reverse(reg.import_url_name)
            if reg.import_url_name and reg.may_manage(request)
            else "",
            may_export=can(request.user, request.organization, "core.export"),
            list_notice=reg.list_notice_template,
            **reg.list_context(request),
            links=reg.list_links(request),
        )
        template = "core/register/list.html"
        if request.htmx and not request.htmx.boosted:
            template += "#results"
        return render(request, template, ctx)

    def sort_key(self, request: HttpRequest) -> str:
        wanted = request.GET.get("sort", "")
        allowed = {c.sort for c in self.register.columns if c.sort}
        return wanted if wanted.lstrip("-") in allowed else self.register.default_sort

    @staticmethod
    def ordering(sort: str) -> list[str]:
        return [sort, "-pk" if sort.startswith("-") else "pk"]

    @staticmethod
    def per_page(request: HttpRequest) -> int:
        try:
            value = int(request.GET.get("per_page", PAGE_SIZES[0]))
        except ValueError:
            return PAGE_SIZES[0]
        return value if value in PAGE_SIZES else PAGE_SIZES[0]

    @staticmethod
    def query_without(key: str, request: HttpRequest) -> str:
        params = request.GET.copy()
        params.pop(key, None)
        params.pop("export", None)
        return params.urlencode()

    def export(self, request: HttpRequest, qs: models.QuerySet, fmt: str) -> HttpResponse:
        if not can(request.user, request.organization, "core.export"):
            raise PermissionDenied(_("You do not have permission to export."))
        reg = self.register
        filename = f"{request.organization.slug}-{reg.slug}s"
        if fmt == "csv":
            return exports.csv_response(
                filename, reg.export_columns(), qs.iterator(chunk_size=2000)
            )
        return exports.xlsx_response(filename, str(reg.title), reg.export_columns(), qs)


class RegisterDetailView(RegisterView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        reg = self.register
        obj = reg.get_object(request, pk)
        attachments = Attachment.objects.filter(
            organization=request.organization,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
        )
        ctx = self.context(
            object=obj,
            fields=[(c, c.value(obj)) for c in reg.detail_fields or reg.columns],
            may_manage=reg.may_manage(request, obj),
            attachments=attachments,
            may_attach=can(request.user, request.organization, "core.attach_files")
            and reg.may_manage(request, obj),
            history=reg.history(request, obj)[:5],
            **reg.detail_context(request, obj),
        )
        return render(request, reg.detail_template, ctx)


class RegisterHistoryView(RegisterView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.register.get_object(request, pk)
        entries = describe(self.register.history(request, obj), request)
        return render(
            request, "core/register/history.html", self.context(object=obj, entries=entries)
        )


def apply_validation_error(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field when it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class RegisterEditView(RegisterView):
    """Create when there is no pk, edit otherwise. Invalid input answers 400."""

    def setup_object(self, request: HttpRequest, pk: int | None) -> models.Model | None:
        obj = self.register.get_object(request, pk) if pk is not None else None
        if not self.register.may_manage(request, obj):
            raise PermissionDenied(_("You do not have permission to change this."))
        return obj

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        obj = self.setup_object(request, pk)
        initial = self.register.initial(obj) if obj is not None else None
        form = self.register.form_class(obj)(
            initial=initial, **self.register.form_kwargs(request, obj)
        )
        return self.respond(request, form, obj)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        obj = self.setup_object(request, pk)
        reg = self.register
        form = reg.form_class(obj)(request.POST, request.FILES, **reg.form_kwargs(request, obj))
        if form.is_valid():
            try:
                saved = (
                    reg.create(request, form.cleaned_data)
                    if obj is None
                    else reg.update(request, obj, form.cleaned_data)
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                from django.contrib import messages

                messages.success(request, _("Saved."))
                return redirect(reg.url("detail", saved))
        return self.respond(request, form, obj, status=400)

    def respond(
        self, request: HttpRequest, form: forms.Form, obj: Any, status: int = 200
    ) -> HttpResponse:
        ctx = self.context(form=form, object=obj)
        return render(request, "core/register/form.html", ctx, status=status)


class RegisterDeleteView(RegisterView):
    def setup_object(self, request: HttpRequest, pk: int) -> models.Model:
        obj = self.register.get_object(request, pk)
        if not self.register.may_manage(request, obj):
            raise PermissionDenied(_("You do not have permission to delete this."))
        return obj

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.setup_object(request, pk)
        return render(request, "core/register/delete.html", self.context(object=obj))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.setup_object(request, pk)
        try:
            self.register.delete(request, obj)
        except ValidationError as exc:
            ctx = self.context(object=obj, errors=exc.messages)
            return render(request, "core/register/delete.html", ctx, status=409)
        from django.contrib import messages

        messages.success(request, _("Deleted."))
        return redirect(self.register.url("list"))
