"""Internal audit pages: the checklist with the engine's evidence per clause, the
auditor's findings, start, completion, re-audit, and the report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from fuwu.core.errors import status_for
from fuwu.core.ids import parse_id
from fuwu.core.permissions import can, in_site_scope
from fuwu.core.registers import apply_validation_error

from .. import selectors, services
from ..checklist import checklist
from ..forms import CompleteAuditForm, FindingForm, FollowUpForm
from ..models import Audit, AuditStatus
from .common import MeasurementView


def may_record(request: HttpRequest, audit: Audit) -> bool:
    org = request.organization
    if not can(request.user, org, "measurement.record_findings"):
        return False
    if audit.site_id and not in_site_scope(request.user, org, audit.site_id):
        return False
    return request.user.pk == audit.auditor_id or can(
        request.user, org, "measurement.manage_audits"
    )


def audit_context(
    request: HttpRequest, audit: Audit, forms: dict[str, Any] | None = None
) -> dict[str, Any]:
    forms = forms or {}
    rows = checklist(audit)
    raised = selectors.nonconformities_seen(
        request.user,
        request.organization,
        [f.nonconformity_id for r in rows for f in r.findings],
    )
    for row in rows:
        for finding in row.findings:
            finding.nonconformity = raised.get(finding.nonconformity_id)
    follow_ups = list(audit.follow_ups.all())
    return {
        "checklist": rows,
        "may_record": may_record(request, audit),
        "may_plan": can(request.user, request.organization, "measurement.manage_audits"),
        "finding_form": forms.get("finding") or FindingForm(audit=audit),
        "complete_form": forms.get("complete") or CompleteAuditForm(),
        "follow_up_form": forms.get("follow_up") or FollowUpForm(),
        "follow_ups": follow_ups,
        "open_nonconformities": [
            f for r in rows for f in r.findings if f.raises_nonconformity and not f.closed_by_id
        ],
        "is_planned": audit.status == AuditStatus.PLANNED,
        "is_open": audit.status == AuditStatus.IN_PROGRESS,
        "is_completed": audit.status == AuditStatus.COMPLETED,
    }


def _render(
    request: HttpRequest,
    audit: Audit,
    *,
    forms: dict[str, Any] | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    from ..registrations import audits

    ctx = {
        "register": audits,
        "object": audit,
        "urls": audits.list_urls() | audits.object_urls(audit),
        "fields": [(c, c.value(audit)) for c in audits.detail_fields or audits.columns],
        "may_manage": audits.may_manage(request, audit),
        "history": audits.history(request, audit)[:5],
        "errors": errors or [],
        **audit_context(request, audit, forms),
    }
    return render(request, audits.detail_template, ctx, status=status)


class AuditActionView(MeasurementView):
    """Every write on an audit's page, by `action`: start, finding, remove_finding,
    complete, follow_up."""

    capability = "measurement.view_audits"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        audit = get_object_or_404(
            Audit.objects.for_user(request.user, organization=request.organization), pk=pk
        )
        action = request.POST.get("action", "")
        form: Any = None
        key = ""
        try:
            if action == "start":
                services.audit_start(actor=request.user, audit=audit)
            elif action == "finding":
                key, form = "finding", FindingForm(request.POST, audit=audit)
                if not form.is_valid():
                    return _render(request, audit, forms={key: form}, status=400)
                services.finding_record(actor=request.user, audit=audit, data=form.cleaned_data)
            elif action == "remove_finding":
                finding = get_object_or_404(
                    audit.findings.all(), pk=parse_id(request.POST.get("finding", "")) or 0
                )
                services.finding_delete(actor=request.user, finding=finding)
            elif action == "complete":
                key, form = "complete", CompleteAuditForm(request.POST)
                if not form.is_valid():
                    return _render(request, audit, forms={key: form}, status=400)
                services.audit_complete(actor=request.user, audit=audit, **form.cleaned_data)
            elif action == "follow_up":
                key, form = "follow_up", FollowUpForm(request.POST)
                if not form.is_valid():
                    return _render(request, audit, forms={key: form}, status=400)
                follow = services.audit_follow_up_create(
                    actor=request.user, audit=audit, data=form.cleaned_data
                )
                messages.success(request, _("The re-audit is planned."))
                return redirect("measurement:audit_detail", pk=follow.pk)
            else:
                return _render(request, audit, errors=[_("Unknown action.")], status=400)
        except ValidationError as exc:
            if form is not None:
                apply_validation_error(form, exc)
                return _render(
                    request, audit, forms={key: form}, errors=exc.messages, status=status_for(exc)
                )
            return _render(request, audit, errors=exc.messages, status=status_for(exc))
        messages.success(request, _("Saved."))
        return redirect("measurement:audit_detail", pk=audit.pk)
