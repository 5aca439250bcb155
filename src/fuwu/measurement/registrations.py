"""The registers of measurement: inspection rounds, audit programmes and internal
audits, declared on core's generic Register."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.permissions import can, in_site_scope
from fuwu.core.registers import Column, ComputedColumn, Register

from . import selectors, services
from .filtersets import AuditFilterSet, ProgrammeFilterSet, ReviewFilterSet, RoundFilterSet
from .forms import AuditForm, ProgrammeForm, ReviewForm
from .models import AnalysisReview, Audit, AuditProgramme, InspectionRound

STATUS_BADGES = {
    "planned": "bg-azure-lt",
    "in_progress": "bg-yellow-lt",
    "completed": "bg-green-lt",
}


def _status(obj: Any) -> str:
    css = STATUS_BADGES.get(obj.status, "bg-secondary-lt")
    if getattr(obj, "overdue", False) and obj.status == "planned":
        return format_html(
            '<span class="badge {}">{}</span> <span class="badge bg-red-lt">{}</span>',
            css,
            obj.get_status_display(),
            _("Overdue"),
        )
    return format_html('<span class="badge {}">{}</span>', css, obj.get_status_display())


class RoundRegister(Register):
    model = InspectionRound
    slug = "round"
    namespace = "measurement"
    url_prefix = "inspections/"
    title = gettext_lazy("Inspection rounds")
    item_title = gettext_lazy("Inspection round")
    filterset = RoundFilterSet
    form = None
    can_delete = False
    has_attachments = False
    default_sort = "-due_on"
    view_capability = "measurement.view_inspections"
    manage_capability = "measurement.perform_inspections"
    detail_template = "measurement/round_detail.html"
    empty_text = gettext_lazy(
        "No inspection rounds yet. Rounds come from the inspection items of approved "
        "control specifications: start one, or let the worker create those due."
    )
    columns = [
        Column("number", gettext_lazy("Number"), sort="number", link=True),
        Column("due_on", gettext_lazy("Due on"), sort="due_on"),
        Column("site.code", gettext_lazy("Site"), sort="site__code"),
        Column("contact_point.label", gettext_lazy("Contact point"), sort="contact_point__code"),
        Column("get_kind_display", gettext_lazy("Type"), sort="kind"),
        Column("get_frequency_display", gettext_lazy("Frequency"), sort="frequency"),
        ComputedColumn(
            "status", gettext_lazy("Status"), sort="status", export=False, compute=_status
        ),
        Column("get_status_display", gettext_lazy("Status"), listed=False),
        Column("overdue", gettext_lazy("Overdue"), listed=False),
        Column("failed", gettext_lazy("Failed items"), sort="failed"),
        Column("performed_by", gettext_lazy("Performed by"), listed=False),
        Column("completed_at", gettext_lazy("Completed at"), listed=False),
        Column(
            "specification_version", gettext_lazy("Control specification version"), listed=False
        ),
    ]

    def queryset(self, request: HttpRequest) -> models.QuerySet:
        return selectors.rounds_for(request.user, request.organization)

    def list_links(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        links = [(reverse("measurement:schedule"), str(_("Schedule")), "calendar")]
        if can(request.user, request.organization, "measurement.perform_inspections"):
            links.insert(0, (reverse("measurement:round_start"), str(_("Start a round")), "plus"))
        return links

    def detail_context(self, request: HttpRequest, obj: InspectionRound) -> dict[str, Any]:
        from .views.inspections import round_context

        return round_context(request, obj)


class ProgrammeRegister(Register):
    model = AuditProgramme
    slug = "programme"
    namespace = "measurement"
    url_prefix = "audit-programmes/"
    title = gettext_lazy("Audit programmes")
    item_title = gettext_lazy("Audit programme")
    filterset = ProgrammeFilterSet
    form = ProgrammeForm
    can_delete = False
    has_attachments = False
    default_sort = "-starts_on"
    view_capability = "measurement.view_audits"
    manage_capability = "measurement.manage_audits"
    detail_template = "measurement/programme_detail.html"
    columns = [
        Column("title", gettext_lazy("Title"), sort="title_en", link=True),
        Column("starts_on", gettext_lazy("Starts on"), sort="starts_on"),
        Column("ends_on", gettext_lazy("Ends on"), sort="ends_on"),
    ]

    def create(self, request: HttpRequest, data: dict[str, Any]) -> AuditProgramme:
        return services.programme_create(
            actor=request.user, organization=request.organization, data=data
        )

    def update(
        self, request: HttpRequest, obj: AuditProgramme, data: dict[str, Any]
    ) -> AuditProgramme:
        return services.programme_update(actor=request.user, programme=obj, data=data)

    def detail_context(self, request: HttpRequest, obj: AuditProgramme) -> dict[str, Any]:
        from .coverage import coverage_of

        return {"coverage": coverage_of(obj, user=request.user)}


class AuditRegister(Register):
    model = Audit
    slug = "audit"
    namespace = "measurement"
    url_prefix = "audits/"
    title = gettext_lazy("Internal audits")
    item_title = gettext_lazy("Internal audit")
    filterset = AuditFilterSet
    form = AuditForm
    can_delete = False
    default_sort = "-planned_start"
    view_capability = "measurement.view_audits"
    manage_capability = "measurement.manage_audits"
    select_related = ("site", "auditor", "programme", "follow_up_of")
    detail_template = "measurement/audit_detail.html"
    empty_text = gettext_lazy(
        "No internal audits yet. Start a programme for the cycle, then plan its audits."
    )
    columns = [
        Column("number", gettext_lazy("Number"), sort="number", link=True),
        Column("process", gettext_lazy("Process audited"), sort="process_en"),
        Column("site", gettext_lazy("Site"), sort="site__code"),
        Column("auditor.display_name", gettext_lazy("Auditor"), sort="auditor__username"),
        Column("planned_start", gettext_lazy("Planned start"), sort="planned_start"),
        Column("planned_end", gettext_lazy("Planned end"), sort="planned_end"),
        ComputedColumn(
            "status", gettext_lazy("Status"), sort="status", export=False, compute=_status
        ),
        Column("get_status_display", gettext_lazy("Status"), listed=False),
        Column("clauses_text", gettext_lazy("Clauses in scope"), listed=False),
        Column("programme.title", gettext_lazy("Programme"), listed=False),
        Column("follow_up_of", gettext_lazy("Re-audit of"), listed=False),
        Column("conclusion", gettext_lazy("Conclusion"), listed=False),
    ]

    detail_fields = [
        Column("number", gettext_lazy("Number")),
        Column("process", gettext_lazy("Process audited")),
        Column("site", gettext_lazy("Site")),
        Column("auditor.display_name", gettext_lazy("Auditor")),
        Column("planned_start", gettext_lazy("Planned start")),
        Column("planned_end", gettext_lazy("Planned end")),
        ComputedColumn("status", gettext_lazy("Status"), compute=_status),
        Column("clauses_text", gettext_lazy("Clauses in scope")),
        Column("programme.title", gettext_lazy("Programme")),
        Column("follow_up_of", gettext_lazy("Re-audit of")),
        Column("conclusion", gettext_lazy("Conclusion")),
    ]

    def form_kwargs(self, request: HttpRequest, obj: models.Model | None) -> dict[str, Any]:
        return {"organization": request.organization, "user": request.user}

    def initial(self, obj: Audit) -> dict[str, Any]:
        return {
            name: getattr(obj, name)
            for name in ("programme", "site", "process_en", "process_zh", "clauses", "auditor")
        } | {"planned_start": obj.planned_start, "planned_end": obj.planned_end}

    def may_manage(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        if not can(request.user, request.organization, self.manage_capability):
            return False
        site_id = getattr(obj, "site_id", None)
        return site_id is None or in_site_scope(request.user, request.organization, site_id)

    def create(self, request: HttpRequest, data: dict[str, Any]) -> Audit:
        return services.audit_create(
            actor=request.user,
            organization=request.organization,
            programme=data["programme"],
            data=data,
        )

    def update(self, request: HttpRequest, obj: Audit, data: dict[str, Any]) -> Audit:
        return services.audit_update(actor=request.user, audit=obj, data=data)

    def list_links(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        return [(reverse("measurement:programme_list"), str(_("Audit programmes")), "calendar")]

    def detail_context(self, request: HttpRequest, obj: Audit) -> dict[str, Any]:
        from .views.audits import audit_context

        return audit_context(request, obj)


class ReviewRegister(Register):
    """The reviews of the customer-evaluation analysis (4.5.3)."""

    model = AnalysisReview
    slug = "review"
    namespace = "measurement"
    url_prefix = "analysis-reviews/"
    title = gettext_lazy("Analysis reviews")
    item_title = gettext_lazy("Analysis review")
    filterset = ReviewFilterSet
    form = ReviewForm
    can_delete = False
    has_attachments = False
    default_sort = "-reviewed_on"
    view_capability = "measurement.view_satisfaction"
    manage_capability = "measurement.review_analysis"
    select_related = ("site", "reviewed_by")
    detail_template = "measurement/review_detail.html"
    empty_text = gettext_lazy(
        "No analysis review yet. Read the customer satisfaction dashboards for a period, "
        "then record here what you concluded and decided (4.5.3)."
    )
    columns = [
        Column("number", gettext_lazy("Number"), sort="number", link=True),
        Column("reviewed_on", gettext_lazy("Reviewed on"), sort="reviewed_on"),
        Column("period_start", gettext_lazy("Period from"), sort="period_start"),
        Column("period_end", gettext_lazy("Period until"), sort="period_end"),
        Column("site", gettext_lazy("Site"), sort="site__code"),
        Column("reviewed_by.display_name", gettext_lazy("Reviewed by")),
        Column("conclusions", gettext_lazy("Conclusions"), listed=False),
        Column("decisions", gettext_lazy("Decisions"), listed=False),
        Column("notes", gettext_lazy("Notes"), listed=False),
    ]
    detail_fields = [
        Column("number", gettext_lazy("Number")),
        Column("reviewed_on", gettext_lazy("Reviewed on")),
        Column("reviewed_by.display_name", gettext_lazy("Reviewed by")),
        Column("period_start", gettext_lazy("Period from")),
        Column("period_end", gettext_lazy("Period until")),
        Column("site", gettext_lazy("Site")),
        Column("notes", gettext_lazy("Notes")),
        Column("conclusions", gettext_lazy("Conclusions")),
        Column("decisions", gettext_lazy("Decisions")),
    ]

    def form_kwargs(self, request: HttpRequest, obj: models.Model | None) -> dict[str, Any]:
        return {"organization": request.organization, "user": request.user}

    def initial(self, obj: AnalysisReview) -> dict[str, Any]:
        names = ("period_start", "period_end", "site", "reviewed_on")
        texts = ("notes", "conclusions", "decisions")
        return (
            {name: getattr(obj, name) for name in names}
            | {f"{t}_{lang}": getattr(obj, f"{t}_{lang}") for t in texts for lang in ("en", "zh")}
            | {
                "nonconformities": list(obj.nonconformities.all()),
                "actions": list(obj.actions.all()),
            }
        )

    def may_manage(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        if not can(request.user, request.organization, self.manage_capability):
            return False
        site_id = getattr(obj, "site_id", None)
        return site_id is None or in_site_scope(request.user, request.organization, site_id)

    def create(self, request: HttpRequest, data: dict[str, Any]) -> AnalysisReview:
        return services.review_create(
            actor=request.user, organization=request.organization, data=data
        )

    def update(
        self, request: HttpRequest, obj: AnalysisReview, data: dict[str, Any]
    ) -> AnalysisReview:
        return services.review_update(actor=request.user, review=obj, data=data)

    def list_links(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        return [
            (reverse("measurement:satisfaction"), str(_("Customer satisfaction")), "chart-line")
        ]

    def detail_context(self, request: HttpRequest, obj: AnalysisReview) -> dict[str, Any]:
        from fuwu.improvement.models import Action, Nonconformity

        user, organization = request.user, request.organization
        return {
            "raised_nonconformities": Nonconformity.objects.for_user(
                user, organization=organization
            ).filter(pk__in=obj.nonconformities.values("pk")),
            "raised_actions": Action.objects.for_user(user, organization=organization).filter(
                pk__in=obj.actions.values("pk")
            ),
        }


rounds = RoundRegister()
programmes = ProgrammeRegister()
audits = AuditRegister()
reviews = ReviewRegister()
