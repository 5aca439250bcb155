"""The standard as pages: the clause tree, one clause, the glossary, the ISO 9001 mapping."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fuwu.core.registers import apply_validation_error

from .. import claims, selectors, services
from ..conformity import ClauseConformity, Report, Status
from ..forms import ApplicabilityForm, AssessmentForm
from ..models import Applicability, Assessment, Clause, Library, Term
from .common import Texts, may, member_view, node, reading_mode


@require_GET
@member_view
def tree(request: HttpRequest) -> HttpResponse:
    report = selectors.conformity_report(request.organization)
    mode = reading_mode(request)
    library = Library.objects.filter(urn=selectors.SBT_URN).first()
    return render(
        request,
        "standard/tree.html",
        {
            "nodes": [node(item, mode) for item in report.roots],
            "mode": mode,
            "library": library,
            "library_texts": Texts(library, mode) if library else None,
            "score": report.score(),
            "tally": tally(report),
        },
    )


def tally(report: Report) -> list[tuple[Status, int]]:
    counts = report.counts()
    return [(status, counts[status.value]) for status in Status]


def _clause(ref: str) -> Clause:
    try:
        return selectors.clause_by_ref(ref)
    except Clause.DoesNotExist as exc:
        raise Http404 from exc


def _ancestors(item: ClauseConformity, report: Report) -> list[ClauseConformity]:
    by_id = {i.clause.id: i for i in report.by_ref.values()}
    chain = []
    parent = by_id.get(item.clause.parent_id)
    while parent is not None:
        chain.append(parent)
        parent = by_id.get(parent.clause.parent_id)
    return chain[::-1]


def _render_clause(
    request: HttpRequest,
    clause: Clause,
    *,
    assess_form: AssessmentForm | None = None,
    applicability_form: ApplicabilityForm | None = None,
    status: int = 200,
) -> HttpResponse:
    org = request.organization
    mode = reading_mode(request)
    report = selectors.conformity_report(org)
    item = report.by_ref[clause.ref_id]
    iso = selectors.iso_titles()
    decision = (
        Applicability.objects.filter(organization=org, clause=clause)
        .select_related("decided_by")
        .first()
    )
    assessments = list(
        Assessment.objects.filter(organization=org, clause=clause)
        .select_related("assessed_by")
        .order_by("-assessed_at", "-pk")
    )
    may_assess = clause.assessable and may(request, "standard.assess")
    may_decide = clause.assessable and may(request, "standard.manage_scope")
    if may_assess and assess_form is None:
        assess_form = AssessmentForm()
    if may_decide and applicability_form is None:
        excluded = decision is not None and not decision.applicable
        initial = {
            "applicable": "excluded" if excluded else "applicable",
            "justification_en": decision.justification_en if decision else "",
            "justification_zh": decision.justification_zh if decision else "",
        }
        applicability_form = ApplicabilityForm(initial=initial)
    in_fuwu = claims.in_fuwu(clause)
    ctx = {
        "clause": clause,
        "item": item,
        "texts": Texts(clause, mode),
        "in_fuwu": in_fuwu,
        "fuwu_texts": [Texts(claim, mode) for claim in in_fuwu.claims] if in_fuwu else [],
        "not_yet": claims.not_yet(),
        "mode": mode,
        "ancestors": [(a, Texts(a.clause, mode)) for a in _ancestors(item, report)],
        "children": [node(child, mode) for child in item.children],
        "iso": [(ref, iso.get(ref)) for ref in clause.iso9001_2015],
        "decision": decision,
        "assessments": assessments,
        "latest": assessments[0] if assessments else None,
        "assess_form": assess_form if may_assess else None,
        "applicability_form": applicability_form if may_decide else None,
        "terms": _terms() if clause.ref_id == "3" else [],
        # Refusals that have no form on this page to sit in (e.g. assessing a heading).
        "errors": [
            error
            for form in (assess_form, applicability_form)
            if form is not None and form.is_bound and not clause.assessable
            for error in form.non_field_errors()
        ],
    }
    return render(request, "standard/clause.html", ctx, status=status)


@require_GET
@member_view
def clause_detail(request: HttpRequest, ref: str) -> HttpResponse:
    return _render_clause(request, _clause(ref))


@require_POST
@member_view
def clause_assess(request: HttpRequest, ref: str) -> HttpResponse:
    clause = _clause(ref)
    if not may(request, "standard.assess"):
        raise PermissionDenied(_("You do not have permission to assess clauses."))
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_record(
                actor=request.user,
                organization=request.organization,
                clause=clause,
                result=form.cleaned_data["result"],
                note_en=form.cleaned_data["note_en"],
                note_zh=form.cleaned_data["note_zh"],
                evidence=form.cleaned_data["evidence"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Assessment of %(ref)s recorded.") % {"ref": clause.ref_id})
            return redirect(reverse("standard:clause", args=[clause.ref_id]) + "#assessments")
    return _render_clause(request, clause, assess_form=form, status=400)


@require_POST
@member_view
def clause_applicability(request: HttpRequest, ref: str) -> HttpResponse:
    clause = _clause(ref)
    if not clause.assessable:
        raise Http404  # headings and guidance hold no requirement to decide on
    if not may(request, "standard.manage_scope"):
        raise PermissionDenied(_("You do not have permission to decide applicability."))
    form = ApplicabilityForm(request.POST)
    if form.is_valid():
        try:
            decision = services.applicability_set(
                actor=request.user,
                organization=request.organization,
                clause=clause,
                applicable=form.cleaned_data["applicable"],
                justification_en=form.cleaned_data["justification_en"],
                justification_zh=form.cleaned_data["justification_zh"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            if decision.applicable:
                text = _("Clause %(ref)s applies.")
            else:
                text = _("Clause %(ref)s is excluded.")
            messages.success(request, text % {"ref": clause.ref_id})
            return redirect(reverse("standard:clause", args=[clause.ref_id]) + "#applicability")
    return _render_clause(request, clause, applicability_form=form, status=400)


def _terms() -> list[Term]:
    return list(Term.objects.filter(library__urn=selectors.SBT_URN).order_by("id"))


@require_GET
@member_view
def glossary(request: HttpRequest) -> HttpResponse:
    mode = reading_mode(request) or "both"
    rows = [(term, Texts(term, mode)) for term in _terms()]
    return render(request, "standard/glossary.html", {"rows": rows, "mode": mode})


@require_GET
@member_view
def iso_mapping(request: HttpRequest) -> HttpResponse:
    mode = reading_mode(request)
    report = selectors.conformity_report(request.organization)
    coverage = selectors.iso_coverage(report)
    rows = [
        (c, Texts(c.iso, mode), [(i, Texts(i.clause, mode)) for i in c.clauses]) for c in coverage
    ]
    mapped = [c for c in coverage if c.clauses]
    return render(
        request,
        "standard/iso.html",
        {
            "rows": rows,
            "mode": mode,
            "scope": selectors.scope_of(request.organization),
            "mapped": len(mapped),
            "total": len(coverage),
            "conforming": sum(1 for c in mapped if _all_conform(c.clauses)),
        },
    )


def _all_conform(items: list[ClauseConformity]) -> bool:
    counted = [i.status for i in items if i.status != Status.EXCLUDED]
    return bool(counted) and all(s == Status.CONFORMING for s in counted)
