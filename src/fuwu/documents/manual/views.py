"""The service manual page: a preview of the sections in the chosen language, live
downloads (PDF, Word), "prepare a new version for approval" and the frozen versions.

Everyone in the organization may read and download (documents.view); preparing a
version needs documents.edit for the whole organization; submitting and approving it
follow the documents workflow (the buttons are those of the document page).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from fuwu.core.errors import status_for
from fuwu.core.forms import StyledForm
from fuwu.core.permissions import can, in_site_scope
from fuwu.core.registers import RegisterView
from fuwu.core.render import figures
from fuwu.core.render.blocks import Diagram, Figure

from ..actions import action_forms, actions
from ..models import Status
from ..services import manual_version_prepare
from .build import LANGUAGES, build_manual
from .files import FORMATS, manual_file
from .selectors import (
    approved_version,
    manual_document,
    manual_versions,
    may_open_frozen,
    readable_manual_version,
)

LANGUAGE_CHOICES = [("en", "English"), ("zh-hans", "简体中文")]


class PrepareForm(StyledForm):
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=LANGUAGE_CHOICES)
    change_reason_en = forms.CharField(
        label=gettext_lazy("Reason for change (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "What changed since the approved version, and why. Needed to submit any version "
            "after the first."
        ),
    )
    change_reason_zh = forms.CharField(
        label=gettext_lazy("Reason for change (Chinese)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def language_of(request: HttpRequest) -> str | None:
    """`?lang=`, else the reader's chosen language, else the organization's; None for a
    language we do not have. The manual opens in the language its reader reads."""
    wanted = (
        request.GET.get("lang")
        or getattr(request.user, "language", "")
        or request.organization.default_language
    )
    return wanted if wanted in LANGUAGES else None


def may_prepare(request: HttpRequest) -> bool:
    return can(request.user, request.organization, "documents.edit") and in_site_scope(
        request.user, request.organization, None
    )


def bad_request(request: HttpRequest) -> HttpResponse:
    message = _("Choose a format (pdf or docx) and a language (en or zh-hans).")
    return render(request, "400.html", {"message": message}, status=400)


class ManualPageView(RegisterView):
    """`register`: the document register (its view capability is documents.view)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        language = language_of(request)
        if language is None:
            return bad_request(request)
        return self.render_page(request, language)

    def render_page(
        self,
        request: HttpRequest,
        language: str,
        *,
        form: PrepareForm | None = None,
        errors: list[str] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        org = request.organization
        document = manual_document(org)
        data = build_manual(
            org, language=language, prepared_by=request.user, document=document, reader=request.user
        )
        sections = [
            (
                section,
                [
                    (block, figures.data_uri(block.kind, block.data, language))
                    if isinstance(block, Diagram)
                    else (block, figures.svg_uri(block.svg) if isinstance(block, Figure) else "")
                    for block in section.blocks
                ],
            )
            for section in data.sections
        ]
        versions = manual_versions(document, request.user)
        open_version = next((v for v in versions if v.is_open), None)
        panel = (
            actions(request.user, open_version, action_forms(document))
            if open_version is not None
            else []
        )
        interface = "zh-hans" if (get_language() or "en").startswith("zh") else "en"
        ctx = self.context(
            data=data,
            sections=sections,
            language=language,
            languages=LANGUAGE_CHOICES,
            interface_language=interface,
            document=document,
            versions=versions,
            current=approved_version(document),
            may_open_files=may_open_frozen(request.user, org),
            open_version=open_version,
            actions=panel,
            may_prepare=may_prepare(request),
            form=form or PrepareForm(initial={"language": language}),
            errors=errors or [],
        )
        return render(request, "documents/manual/page.html", ctx, status=status)


class ManualDownloadView(RegisterView):
    """The manual built now: `?format=pdf|docx&lang=en|zh-hans`."""

    def get(self, request: HttpRequest) -> HttpResponse:
        fmt = request.GET.get("format", "pdf")
        language = language_of(request)
        if fmt not in FORMATS or language is None:
            return bad_request(request)
        built = manual_file(
            request.organization,
            fmt=fmt,
            language=language,
            prepared_by=request.user,
            reader=request.user,
        )
        return built.response()


class ManualPrepareView(ManualPageView):
    """POST: render the manual and freeze it on a draft version for approval."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PrepareForm(request.POST)
        language = request.POST.get("language", "")
        shown = language if language in LANGUAGES else request.organization.default_language
        if not form.is_valid():
            return self.render_page(request, shown, form=form, status=400)
        try:
            version = manual_version_prepare(
                actor=request.user,
                organization=request.organization,
                language=form.cleaned_data["language"],
                change_reason_en=form.cleaned_data["change_reason_en"],
                change_reason_zh=form.cleaned_data["change_reason_zh"],
            )
        except ValidationError as exc:
            return self.render_page(
                request,
                shown,
                form=form,
                errors=exc.messages,
                status=status_for(exc),
            )
        messages.success(
            request,
            _(
                "Version %(number)s of the service manual is prepared. Submit it for review "
                "when it reads right; once approved, these files are the approved manual."
            )
            % {"number": version.number},
        )
        return redirect(f"{reverse('documents:manual')}?lang={shown}#versions")


class ManualVersionFileView(RegisterView):
    """A frozen rendering of a version of the manual, as it was prepared (and, once
    approved, as it was approved): never rendered again."""

    def get(self, request: HttpRequest, number: int, fmt: str) -> HttpResponse:
        version = readable_manual_version(request.organization, request.user, number)
        if version is None or fmt not in FORMATS:
            raise Http404
        stored = version.file if fmt == "pdf" else version.word_file
        if not stored:
            raise Http404
        state = "-approved" if version.status == Status.APPROVED else ""
        name = f"{request.organization.slug}-service-manual-v{version.number}{state}.{fmt}"
        return FileResponse(
            stored.open("rb"), as_attachment=True, filename=name, content_type=FORMATS[fmt][0]
        )


def urls() -> list[Any]:
    from django.urls import path

    from ..registrations import documents

    return [
        path("manual/", ManualPageView.as_view(register=documents), name="manual"),
        path(
            "manual/download/",
            ManualDownloadView.as_view(register=documents),
            name="manual_download",
        ),
        path(
            "manual/prepare/", ManualPrepareView.as_view(register=documents), name="manual_prepare"
        ),
        path(
            "manual/versions/<int:number>/<slug:fmt>/",
            ManualVersionFileView.as_view(register=documents),
            name="manual_version_file",
        ),
    ]
