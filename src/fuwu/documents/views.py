"""Pages of controlled documents and record retention.

The document register (list, add, edit) is core's generic Register; the document
page is ours: versions, the rendered current text, the draft editor, the
transitions this person may take now, review dates and history. Every write
calls a service; refusals come back as the page with the message (400 for input,
409 for state) or 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fuwu.core.audit_display import describe, word_diff
from fuwu.core.errors import status_for
from fuwu.core.ids import parse_id
from fuwu.core.models import Attachment
from fuwu.core.permissions import can, in_site_scope
from fuwu.core.registers import RegisterView

from . import retention, selectors, services, workflow
from .actions import action_forms, actions
from .checklists import checklist_for
from .forms import ApproveForm, ReasonForm, ReviewForm, VersionForm
from .models import Document, DocumentVersion, RecordDisposal, RecordType, Status
from .structured import structured_content


def back_to(request: HttpRequest, default: str) -> str:
    """Where to go after an action: the page that offered it (`next`, same site
    only, as the design app's specification page does), or `default`."""
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default


class DocumentPage(RegisterView):
    """Shared by the document page and its actions: the document as this user may
    see it (404 otherwise), and what they may do with it."""

    def document(self, request: HttpRequest, pk: int) -> Document:
        return self.register.get_object(request, pk)

    def version(self, document: Document, number: int) -> DocumentVersion:
        return get_object_or_404(
            selectors.visible_versions(document, self.request.user), number=number
        )

    def may_approve(self, request: HttpRequest, document: Document) -> bool:
        return can(request.user, request.organization, "documents.approve") and in_site_scope(
            request.user, request.organization, document.site_id
        )

    def render_page(
        self,
        request: HttpRequest,
        document: Document,
        *,
        number: int | None = None,
        editor: VersionForm | None = None,
        errors: list[str] | None = None,
        failed: str = "",
        bound: dict[str, Any] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        versions = selectors.versions_of(document, request.user)
        by_number = {v.number: v for v in versions}
        if number is not None and number not in by_number:
            raise Http404
        current = (
            by_number.get(document.current_version.number) if document.current_version else None
        )
        open_version = next((v for v in versions if v.is_open), None)
        shown = by_number[number] if number is not None else current or open_version
        if shown is None and versions:
            shown = versions[0]
        user = request.user
        may_edit = self.register.may_manage(request, document)
        if editor is None and open_version is not None and open_version.status == Status.DRAFT:
            editor = VersionForm(
                initial={
                    "body_en": open_version.body_en,
                    "body_zh": open_version.body_zh,
                    "change_reason_en": open_version.change_reason_en,
                    "change_reason_zh": open_version.change_reason_zh,
                }
            )
        items = checklist_for(document)
        forms_for = action_forms(document, bound)
        today = timezone.localdate()
        reminder = (
            document.reminders.filter(due_date=document.next_review_date).first()
            if document.next_review_date
            else None
        )
        attachments = Attachment.objects.filter(
            organization=request.organization,
            object_type=document._meta.label_lower,
            object_id=str(document.pk),
        )
        structured = structured_content(document)
        ctx = self.context(
            object=document,
            document=document,
            structured=structured is not None,
            structured_html=mark_safe(structured.render(shown)) if structured and shown else "",
            structured_editor_url=structured.editor_url(document) if structured else "",
            versions=versions,
            current=current,
            open_version=open_version,
            shown=shown,
            may_edit=may_edit,
            may_approve=self.may_approve(request, document),
            may_attach=can(user, request.organization, "core.attach_files") and may_edit,
            attachments=attachments,
            editor=editor
            if may_edit and open_version and open_version.status == Status.DRAFT
            else None,
            open_actions=actions(user, open_version, forms_for),
            current_actions=actions(user, current, forms_for),
            checklist_items=items,
            overdue=document.is_overdue(today),
            reminder=reminder,
            review_form=ReviewForm(),
            pickers=compare_pickers(request, versions),
            history=self.register.history(request, document)[:12],
            errors=errors or [],
            failed=failed,
        )
        return render(request, "documents/document_detail.html", ctx, status=status)


class DocumentDetailView(DocumentPage):
    def get(self, request: HttpRequest, pk: int, number: int | None = None) -> HttpResponse:
        return self.render_page(request, self.document(request, pk), number=number)


class DocumentHistoryView(DocumentPage):
    """The history of the document together with its versions and reminders."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = self.document(request, pk)
        entries = describe(self.register.history(request, document), request)
        return render(
            request,
            "documents/document_history.html",
            self.context(object=document, entries=entries),
        )


class VersionCreateView(DocumentPage):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = self.document(request, pk)
        try:
            version = services.version_draft_create(actor=request.user, document=document)
        except ValidationError as exc:
            return self.render_page(request, document, errors=exc.messages, status=status_for(exc))
        messages.success(
            request, _("Version %(number)s started as a draft.") % {"number": version.number}
        )
        return redirect(f"{self.register.url('detail', document)}#editor")


class VersionEditView(DocumentPage):
    def post(self, request: HttpRequest, pk: int, number: int) -> HttpResponse:
        document = self.document(request, pk)
        version = self.version(document, number)
        form = VersionForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, document, editor=form, status=400)
        try:
            services.version_update(actor=request.user, version=version, data=form.cleaned_data)
        except ValidationError as exc:
            return self.render_page(
                request, document, editor=form, errors=exc.messages, status=status_for(exc)
            )
        messages.success(request, _("Draft saved."))
        return redirect(f"{self.register.url('detail', document)}#editor")


class VersionTransitionView(DocumentPage):
    """POST …/versions/<n>/<submit|approve|reject|obsolete>/"""

    def post(self, request: HttpRequest, pk: int, number: int, name: str) -> HttpResponse:
        document = self.document(request, pk)
        version = self.version(document, number)
        if name not in workflow.TRANSITIONS:
            raise Http404
        data = request.POST
        try:
            if name == "submit":
                services.version_submit(actor=request.user, version=version)
            elif name == "approve":
                form = ApproveForm(data, items=checklist_for(document), prefix="approve")
                confirmed = form.cleaned_data.get("checklist", []) if form.is_valid() else []
                services.version_approve(actor=request.user, version=version, confirmed=confirmed)
            else:
                form = ReasonForm(data, prefix=name)
                reason = form.cleaned_data["reason"] if form.is_valid() else ""
                call = services.version_reject if name == "reject" else services.version_obsolete
                call(actor=request.user, version=version, reason=reason)
        except ValidationError as exc:
            return self.render_page(
                request,
                document,
                errors=exc.messages,
                failed=name,
                bound={name: data},
                status=status_for(exc),
            )
        done = {
            "submit": _("Version %(number)s submitted for review."),
            "approve": _("Version %(number)s approved."),
            "reject": _("Version %(number)s returned to draft."),
            "obsolete": _("Version %(number)s made obsolete."),
        }[name]
        messages.success(request, done % {"number": number})
        return redirect(back_to(request, self.register.url("detail", document)))


class DocumentReviewView(DocumentPage):
    """The periodic review: the approved document is still adequate."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = self.document(request, pk)
        form = ReviewForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            document = services.document_review_confirm(
                actor=request.user, document=document, note=note
            )
        except ValidationError as exc:
            return self.render_page(request, document, errors=exc.messages, status=status_for(exc))
        messages.success(
            request,
            _("Review recorded. Next review: %(date)s.")
            % {"date": document.next_review_date.isoformat()},
        )
        return redirect(self.register.url("detail", document))


class VersionFileView(DocumentPage):
    field = "file"  # or "word_file"

    def get(self, request: HttpRequest, pk: int, number: int) -> HttpResponse:
        version = self.version(self.document(request, pk), number)
        stored = getattr(version, self.field)
        if not stored:
            raise Http404
        name = stored.name.rsplit("/", 1)[-1]
        return FileResponse(stored.open("rb"), as_attachment=True, filename=name)


# -- record retention ----------------------------------------------------------------


class RetentionPage(RegisterView):
    """Pages of record control; `register` is the record types register."""

    def may_manage_records(self, request: HttpRequest) -> bool:
        return can(request.user, request.organization, "documents.manage_records")

    def record_type(self, request: HttpRequest, pk: int) -> RecordType:
        return get_object_or_404(RecordType, organization=request.organization, pk=pk)


def _visible(rows: Any, user: Any) -> Any:
    """The rows `user` may see: site scope hides another site's records (an obsolete
    version of another site's document) as it does everywhere else."""
    manager = rows.model._default_manager
    if hasattr(manager, "for_user"):
        return rows.filter(pk__in=manager.for_user(user).values("pk"))
    return rows


class RetentionView(RetentionPage):
    def get(self, request: HttpRequest) -> HttpResponse:
        org = request.organization
        overview = selectors.retention_overview(org)
        have = {row.record_type.model_label for row in overview}
        missing = [
            k for label, k in retention.KINDS.items() if label not in have and k.default_name_en
        ]
        disposals = RecordDisposal.objects.filter(organization=org).select_related(
            "record_type", "disposed_by"
        )[:20]
        ctx = self.context(
            overview=overview,
            missing=missing,
            disposals=disposals,
            may_manage=self.may_manage_records(request),
        )
        return render(request, "documents/retention.html", ctx)


class RetentionSeedView(RetentionPage):
    def post(self, request: HttpRequest) -> HttpResponse:
        created = services.record_types_seed(actor=request.user, organization=request.organization)
        count = len(created)
        messages.success(
            request,
            ngettext("%(count)s record type added.", "%(count)s record types added.", count)
            % {"count": count},
        )
        return redirect("documents:retention")


class RetentionDueView(RetentionPage):
    PER_PAGE = 50

    def get(self, request: HttpRequest, pk: int, errors: list[str] | None = None) -> HttpResponse:
        record_type = self.record_type(request, pk)
        kind = retention.KINDS.get(record_type.model_label)
        rows = retention.due_rows(record_type)
        if rows is not None:
            rows = _visible(rows, request.user)
        page = Paginator(rows if rows is not None else [], self.PER_PAGE).get_page(
            request.GET.get("page")
        )
        items = [
            {
                "record": record,
                "date": kind.date_of(record) if kind else None,
                "until": retention.retained_until(
                    kind.date_of(record), record_type.retention_months
                )
                if kind and record_type.retention_months
                else None,
                "url": kind.url(record) if kind else None,
            }
            for record in page.object_list
        ]
        ctx = self.context(
            record_type=record_type,
            kind=kind,
            disposable=rows is not None,
            page=page,
            items=items,
            may_manage=self.may_manage_records(request),
            errors=errors or [],
        )
        return render(request, "documents/retention_due.html", ctx, status=409 if errors else 200)


class RetentionDisposeView(RetentionDueView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        record_type = self.record_type(request, pk)
        kind = retention.KINDS.get(record_type.model_label)
        try:
            if request.POST.get("all"):
                count = services.records_dispose_due(actor=request.user, record_type=record_type)
            else:
                wanted = parse_id(request.POST.get("record", ""))
                record = (
                    kind.rows(record_type.organization_id).filter(pk=wanted).first()
                    if kind and wanted
                    else None
                )
                if record is None:
                    raise Http404
                services.record_dispose(actor=request.user, record_type=record_type, record=record)
                count = 1
        except ValidationError as exc:
            return self.get(request, pk, errors=exc.messages)
        messages.success(
            request,
            ngettext("%(count)s record disposed of.", "%(count)s records disposed of.", count)
            % {"count": count},
        )
        return redirect("documents:retention_due", pk=record_type.pk)


def compare_pickers(request: HttpRequest, versions: list) -> list[tuple[str, str, int | None]]:
    """The two version choosers: what the request chose, else the two newest."""
    newest = [v.number for v in versions[:2]]  # versions come newest first
    a = parse_id(request.GET.get("a", "")) or (newest[-1] if newest else None)
    b = parse_id(request.GET.get("b", "")) or (newest[0] if newest else None)
    return [("a", _("From version"), a), ("b", _("To version"), b)]


class VersionCompareView(DocumentPage):
    """Two versions side by side: the texts (both languages) as a word-level diff and
    their metadata. Only versions this reader may read (drafts need view_drafts)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = self.document(request, pk)
        versions = selectors.versions_of(document, request.user)
        by_number = {v.number: v for v in versions}
        a, b = parse_id(request.GET.get("a", "")), parse_id(request.GET.get("b", ""))
        if a is None or b is None:
            return self.page(
                request, document, versions, status=400, error=_("Choose two versions to compare.")
            )
        if a not in by_number or b not in by_number:
            return self.page(
                request,
                document,
                versions,
                status=404,
                error=_("There is no such version of this document, or you may not read it."),
            )
        old, new = sorted((by_number[a], by_number[b]), key=lambda v: v.number)
        texts = [
            (
                capfirst(DocumentVersion._meta.get_field(name).verbose_name),
                word_diff(getattr(old, name), getattr(new, name)),
            )
            for name in ("body_en", "body_zh", "change_reason_en", "change_reason_zh")
        ]
        return self.page(request, document, versions, old=old, new=new, texts=texts)

    def page(
        self,
        request: HttpRequest,
        document: Document,
        versions: list,
        *,
        status: int = 200,
        error: str = "",
        **extra: Any,
    ) -> HttpResponse:
        ctx = self.context(object=document, document=document, versions=versions, error=error)
        ctx["pickers"] = compare_pickers(request, versions)
        return render(request, "documents/version_compare.html", {**ctx, **extra}, status=status)
