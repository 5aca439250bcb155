"""Scope of the SMS (clause 1) and the statement of applicability."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from fuwu.core.models import Site
from fuwu.core.registers import apply_validation_error

from .. import selectors, services
from ..forms import ScopeForm
from ..models import Applicability
from ..services import SCOPE_FIELDS
from .common import Texts, may, member_view, reading_mode


@require_GET
@member_view
def scope(request: HttpRequest) -> HttpResponse:
    org = request.organization
    mode = reading_mode(request)
    current = selectors.scope_of(org)
    decisions = {
        d.clause_id: d
        for d in Applicability.objects.filter(organization=org).select_related("decided_by")
    }
    clauses = list(selectors.sbt_clauses().filter(assessable=True))
    decided = [
        (c, Texts(c, mode), decisions.get(c.id))
        for c in clauses
        if c.excludable or (c.id in decisions and not decisions[c.id].applicable)
    ]
    shown = {c.id for c, _texts, _decision in decided}
    always = [(c, Texts(c, mode)) for c in clauses if c.id not in shown]
    # The sites in scope that this person may see: a site manager reads their own.
    visible = Site.objects.for_user(request.user, organization=org)
    if current is None or current.all_sites:
        sites = list(visible.filter(is_active=True).order_by("code"))
    else:
        sites = list(current.sites.filter(pk__in=visible.values("pk")).order_by("code"))
    return render(
        request,
        "standard/scope.html",
        {
            "scope": current,
            "scope_texts": Texts(current, mode) if current else None,
            "sites": sites,
            "decided": decided,
            "always": always,
            "excluded_count": sum(1 for d in decisions.values() if not d.applicable),
            "mode": mode,
            "may_manage": may(request, "standard.manage_scope"),
        },
    )


@require_http_methods(["GET", "POST"])
@member_view
def scope_edit(request: HttpRequest) -> HttpResponse:
    org = request.organization
    if not may(request, "standard.manage_scope"):
        raise PermissionDenied(_("You do not have permission to change the scope."))
    current = selectors.scope_of(org)
    if request.method == "POST":
        form = ScopeForm(request.POST, organization=org)
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in (*SCOPE_FIELDS, "sites")}
            data["sites"] = list(data["sites"])
            try:
                services.scope_update(actor=request.user, organization=org, data=data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("Scope saved."))
                return redirect("standard:scope")
        return render(request, "standard/scope_form.html", {"form": form}, status=400)
    initial = {"all_sites": True}
    if current is not None:
        initial = {name: getattr(current, name) for name in SCOPE_FIELDS}
        initial["sites"] = list(current.sites.all())
    form = ScopeForm(initial=initial, organization=org)
    return render(request, "standard/scope_form.html", {"form": form})
