"""Pages of the shell: login, dashboard, sections, language and organization
switching, attachments, health check and error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import services, work
from .auth import LoginForm
from .forms import AttachmentForm
from .home import cards_for
from .ids import parse_id
from .middleware import SESSION_ORG
from .models import Attachment, Organization
from .navigation import SECTIONS, visible
from .navigation import section as find_section
from .permissions import can
from .registers import REGISTRY


@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = LoginForm(request, data=request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            auth_login(request, form.get_user())
            target = request.POST.get("next") or request.GET.get("next") or ""
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                target = ""
            return redirect(target or "core:dashboard")
        # A lock becomes 429 with Retry-After in LoginLockoutMiddleware.
        status = 400
    return render(
        request,
        "core/login.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=status,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return redirect("core:login")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if request.organization is None:
        return render(request, "core/no_organization.html", status=403)
    ctx = {
        "cards": cards_for(request),
        # Parts of the standard no app serves yet: named, never shown as features.
        "planned": [s for s in SECTIONS if not s.entries],
    }
    return render(request, "core/dashboard.html", ctx)


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """What the person has to do in this organization, from every app (core/work.py)."""
    if request.organization is None:
        return render(request, "core/no_organization.html", status=403)
    found = work.summary(request.user, request.organization)
    return render(request, "core/my_work.html", {"work": found, "today": timezone.localdate()})


@login_required
def section_view(request: HttpRequest, slug: str) -> HttpResponse:
    found = find_section(slug)
    if found is None:
        raise Http404
    entries = [e for e in found.entries if visible(request, e)]
    return render(request, "core/section.html", {"section": found, "entries": entries})


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered on the user and in a cookie."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return render(request, "400.html", {"message": _("Unknown language.")}, status=400)
    if request.user.is_authenticated:
        request.user.language = language
        request.user.save(update_fields=["language"])
    translation.activate(language)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "/"
    response = redirect(target or "/")
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax"
    )
    return response


@login_required
@require_POST
def organization_switch(request: HttpRequest) -> HttpResponse:
    wanted = parse_id(request.POST.get("organization", ""))
    org = Organization.objects.for_user(request.user).filter(pk=wanted).first() if wanted else None
    if org is None:
        raise Http404
    request.session[SESSION_ORG] = org.pk
    messages.info(request, _("You are now working in %(name)s.") % {"name": org.name})
    return redirect("core:dashboard")


def _attachment_record(request: HttpRequest, object_type: str, object_id: int):
    register = REGISTRY.get(object_type)
    if register is None or not register.has_attachments or not register.may_view(request):
        raise Http404
    return register, register.get_object(request, object_id)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, object_type: str, object_id: int) -> HttpResponse:
    register, record = _attachment_record(request, object_type, object_id)
    if not register.may_manage(request, record):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                actor=request.user, record=record, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(register.url("detail", record))
        messages.success(request, _("File attached."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(register.url("detail", record))


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment.objects.for_user(request.user), pk=pk)
    _attachment_record(request, attachment.object_type, int(attachment.object_id))
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment.objects.for_user(request.user), pk=pk)
    register, record = _attachment_record(
        request, attachment.object_type, int(attachment.object_id)
    )
    if not register.may_manage(request, record) or not can(
        request.user, request.organization, "core.attach_files"
    ):
        raise PermissionDenied
    try:
        services.attachment_delete(actor=request.user, attachment=attachment)
    except ValidationError as exc:  # e.g. a record still under its retention period
        for message in exc.messages:
            messages.error(request, message)
        return redirect(register.url("detail", record))
    messages.success(request, _("Attachment removed."))
    return redirect(register.url("detail", record))


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    body = {"status": "ok", "database": "ok", "version": settings.VERSION}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure to reach the database is reported, never raised
        body.update(status="error", database="error")
        return JsonResponse(body, status=503)
    return JsonResponse(body)


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("You do not have permission to do this.")}, status=403)
    return render(request, "403.html", {"message": str(exception) if exception else ""}, status=403)


def error_400(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
