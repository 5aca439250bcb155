"""Conformity checks of the clauses the standard app itself serves (clause 1: scope)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.models import Organization

from .conformity import CheckResult, RecordLink, check, evidence
from .models import Scope


@evidence
def _scope(organization: Organization) -> tuple[Scope | None, bool]:
    """The scope statement and whether it names a site (or all of them)."""
    scope = Scope.objects.filter(organization=organization).first()
    return scope, scope is not None and (scope.all_sites or scope.sites.exists())


@check("1", id="standard.scope_stated", title=gettext_lazy("The scope of the SMS is stated"))
def scope_stated(organization: Organization) -> CheckResult:
    scope, names_sites = _scope(organization)
    link = RecordLink(str(_("Scope and applicability")), reverse("standard:scope"))
    if scope is None or not (scope.statement_en.strip() or scope.statement_zh.strip()):
        return CheckResult.failed(
            _("No scope statement yet: say which services and sites the SMS covers."), [link]
        )
    if not names_sites:
        return CheckResult.failed(_("The scope names no site."), [link])
    return CheckResult.passed(_("The scope of the SMS is stated."), [link])
