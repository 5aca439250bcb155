"""The document register and the record types register: declarations on core's
generic Register. The document's own page (versions, editor, transitions) is a
custom view (views.py) wired in place of the generic detail page."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.registers import Column, ComputedColumn, Register

from . import services
from .filtersets import DocumentFilterSet, RecordTypeFilterSet
from .forms import DocumentEditForm, DocumentForm, RecordTypeForm
from .models import Document, RecordType, Status
from .selectors import documents_for, history_of

STATUS_BADGES = {
    Status.DRAFT: "bg-secondary-lt",
    Status.IN_REVIEW: "bg-azure-lt",
    Status.APPROVED: "bg-green-lt",
    Status.OBSOLETE: "bg-dark-lt",
}


def status_badge(status: str, label: str) -> str:
    return format_html('<span class="badge {}">{}</span>', STATUS_BADGES.get(status, ""), label)


def version_cell(document: Document) -> str:
    """ "v2" for the approved version, and the open one beside it: "v2 · v3 draft"."""
    parts = []
    if document.current_version_id is not None:
        parts.append(format_html("v{}", document.current_version.number))
    open_number = getattr(document, "open_number", None)
    if open_number is not None:
        label = Status(document.open_status).label
        parts.append(format_html('<span class="text-secondary">v{} {}</span>', open_number, label))
    return format_html(" · ".join(["{}"] * len(parts)), *parts) if parts else "—"


def version_text(document: Document) -> str:
    return f"v{document.current_version.number}" if document.current_version_id else ""


def review_cell(document: Document) -> str:
    due = document.next_review_date
    if due is None or document.status != Status.APPROVED:
        return "—"
    today = timezone.localdate()
    if due < today:
        return format_html(
            '<span class="badge bg-red-lt" data-testid="overdue">{} · {}</span>',
            due.isoformat(),
            _("Overdue"),
        )
    if getattr(document, "reminded", False):
        return format_html(
            '<span class="badge bg-yellow-lt" data-testid="due-soon">{} · {}</span>',
            due.isoformat(),
            _("Due soon"),
        )
    return due.isoformat()


class DocumentRegister(Register):
    model = Document
    slug = "document"
    namespace = "documents"
    url_prefix = ""
    title = gettext_lazy("Documents")
    item_title = gettext_lazy("Document")
    filterset = DocumentFilterSet
    form = DocumentForm
    default_sort = "number"
    view_capability = "documents.view"
    manage_capability = "documents.edit"
    can_delete = False  # documents are made obsolete, never deleted
    empty_text = gettext_lazy(
        "No controlled documents yet. Start with the service policy, then the procedures "
        "staff work by."
    )
    columns = [
        Column("number", gettext_lazy("Number"), sort="number", link=True),
        Column("title", gettext_lazy("Title"), sort="title_en"),
        Column("title_en", gettext_lazy("Title (English)"), listed=False),
        Column("title_zh", gettext_lazy("Title (Chinese)"), listed=False),
        Column("get_category_display", gettext_lazy("Category"), sort="category"),
        ComputedColumn(
            "site",
            gettext_lazy("Site"),
            sort="site__code",
            compute=lambda d: str(d.site) if d.site_id else _("Organization-wide"),
        ),
        ComputedColumn(
            "owner",
            gettext_lazy("Owner"),
            sort="owner__username",
            compute=lambda d: d.owner.display_name if d.owner_id else None,
        ),
        ComputedColumn(
            "status_badge",
            gettext_lazy("Status"),
            sort="status",
            export=False,
            compute=lambda d: status_badge(d.status, d.get_status_display()),
        ),
        Column("get_status_display", gettext_lazy("Status"), listed=False),
        ComputedColumn("version", gettext_lazy("Version"), export=False, compute=version_cell),
        ComputedColumn(
            "current_version", gettext_lazy("Version"), listed=False, compute=version_text
        ),
        Column("current_version.effective_date", gettext_lazy("Effective from"), listed=False),
        ComputedColumn(
            "review",
            gettext_lazy("Next review"),
            sort="next_review_date",
            export=False,
            compute=review_cell,
        ),
        Column("next_review_date", gettext_lazy("Next review"), listed=False),
        ComputedColumn(
            "overdue",
            gettext_lazy("Overdue for review"),
            listed=False,
            compute=lambda d: d.is_overdue(),
        ),
    ]

    def queryset(self, request: HttpRequest) -> models.QuerySet:
        return documents_for(request.user, request.organization)

    def history(self, request: HttpRequest, obj: models.Model) -> models.QuerySet:
        """The document's, its versions' and reminders' entries, as this person may
        read them: staff and viewers see a version's entries from its approval on."""
        return history_of(obj, user=request.user)

    def form_class(self, obj: models.Model | None) -> type:
        return DocumentForm if obj is None else DocumentEditForm

    def form_kwargs(self, request: HttpRequest, obj: models.Model | None) -> dict[str, Any]:
        return super().form_kwargs(request, obj) | {"user": request.user}

    def initial(self, obj: Document) -> dict[str, Any]:
        return {name: getattr(obj, name) for name in services.documents.FIELDS}

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Document:
        return services.document_create(
            actor=request.user, organization=request.organization, data=data
        )

    def update(self, request: HttpRequest, obj: Document, data: dict[str, Any]) -> Document:
        return services.document_update(actor=request.user, document=obj, data=data)

    def urls(self) -> list:
        """The generic list, add and edit pages; our own detail and history pages."""
        from . import views

        generic = [
            p for p in super().urls() if p.name not in {"document_detail", "document_history"}
        ]
        return [
            *generic,
            path(
                "<int:pk>/", views.DocumentDetailView.as_view(register=self), name="document_detail"
            ),
            path(
                "<int:pk>/history/",
                views.DocumentHistoryView.as_view(register=self),
                name="document_history",
            ),
        ]


class RecordTypeRegister(Register):
    model = RecordType
    slug = "recordtype"
    namespace = "documents"
    url_prefix = "record-types/"
    title = gettext_lazy("Record types")
    item_title = gettext_lazy("Record type")
    filterset = RecordTypeFilterSet
    form = RecordTypeForm
    default_sort = "name_en"
    view_capability = "documents.view"
    manage_capability = "documents.manage_records"
    has_attachments = False
    empty_text = gettext_lazy(
        "No record types yet. Add the default ones from the record retention page."
    )
    columns = [
        Column("name", gettext_lazy("Name"), sort="name_en", link=True),
        Column("name_en", gettext_lazy("Name (English)"), listed=False),
        Column("name_zh", gettext_lazy("Name (Chinese)"), listed=False),
        Column("model_label", gettext_lazy("Records"), sort="model_label"),
        Column(
            "retention_months", gettext_lazy("Retention period (months)"), sort="retention_months"
        ),
        Column("get_disposal_method_display", gettext_lazy("Disposal"), sort="disposal_method"),
        Column("notes", gettext_lazy("Notes"), listed=False),
    ]

    def form_kwargs(self, request: HttpRequest, obj: models.Model | None) -> dict[str, Any]:
        return super().form_kwargs(request, obj) | {"editing": obj is not None}

    def initial(self, obj: RecordType) -> dict[str, Any]:
        return {name: getattr(obj, name) for name in services.records.FIELDS}

    def create(self, request: HttpRequest, data: dict[str, Any]) -> RecordType:
        return services.record_type_create(
            actor=request.user, organization=request.organization, data=data
        )

    def update(self, request: HttpRequest, obj: RecordType, data: dict[str, Any]) -> RecordType:
        return services.record_type_update(actor=request.user, record_type=obj, data=data)

    def delete(self, request: HttpRequest, obj: RecordType) -> None:
        services.record_type_delete(actor=request.user, record_type=obj)


documents = DocumentRegister()
record_types = RecordTypeRegister()
