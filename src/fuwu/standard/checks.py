"""Conformity checks of the clauses the standard app itself serves (clause 1: scope)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.models import Organization

from .conformity import CheckResult, RecordLink, check
from .models import Scope


@check("1", id="standard.scope_stated", title=gettext_lazy("The scope of the SMS is stated"))
def scope_stated(organization: Organization) -> CheckResult:
    scope = Scope.objects.filter(organization=organization).first()
    link = RecordLink(str(_("Scope and applicability")), reverse("standard:scope"))
    if scope is None or not (scope.statement_en.strip() or scope.statement_zh.strip()):
        return CheckResult.failed(
            _("No scope statement yet: say which services and sites the SMS covers."), [link]
        )
    if not scope.all_sites and not scope.sites.exists():
        return CheckResult.failed(_("The scope names no site."), [link])
    return CheckResult.passed(_("The scope of the SMS is stated."), [link])
