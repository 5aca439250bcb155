"""The contact process (4.4.1): its three stages, the activities planned for each
and the contact points the customer meets in each, in order."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from fuwu.core.errors import status_for
from fuwu.core.ids import parse_id
from fuwu.core.registers import apply_validation_error

from .. import selectors, services
from ..forms import ActivityForm
from ..models import STAGE_CLAUSES, ContactActivity, Stage
from .common import DesignView


class ProcessView(DesignView):
    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        action = request.POST.get("action", "")
        activity = None
        if action != "add":
            activity = get_object_or_404(
                ContactActivity.objects.filter(organization=request.organization),
                pk=parse_id(request.POST.get("activity")) or 0,
            )
        form = ActivityForm(request.POST, prefix=action if action in ("add", "update") else None)
        try:
            if action in ("add", "update"):
                if not form.is_valid():
                    return self.render_page(request, bound=(action, activity, form), status=400)
                if action == "add":
                    services.activity_create(
                        actor=request.user,
                        organization=request.organization,
                        data=form.cleaned_data,
                    )
                else:
                    services.activity_update(
                        actor=request.user, activity=activity, data=form.cleaned_data
                    )
                messages.success(request, _("Saved."))
            elif action in ("up", "down"):
                services.activity_move(actor=request.user, activity=activity, up=action == "up")
            elif action == "delete":
                services.activity_delete(actor=request.user, activity=activity)
                messages.success(request, _("Deleted."))
            else:
                return self.render_page(request, errors=[_("Unknown action.")], status=400)
        except ValidationError as exc:
            if action in ("add", "update"):
                apply_validation_error(form, exc)
                return self.render_page(
                    request, bound=(action, activity, form), status=status_for(exc)
                )
            return self.render_page(request, errors=exc.messages, status=status_for(exc))
        return redirect(request.path + (f"#stage-{activity.stage}" if activity else ""))

    def render_page(
        self,
        request: HttpRequest,
        *,
        bound: tuple[str, Any, ActivityForm] | None = None,
        errors: list[str] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        organization = request.organization
        activities = selectors.activities_by_stage(organization)
        points = selectors.journey(organization, user=request.user)
        may_manage = self.may(request, "design.manage_model")
        editing = None
        if bound and bound[0] == "update":
            editing = (bound[1].pk, bound[2])
        elif may_manage and (wanted := parse_id(request.GET.get("edit", ""))):
            activity = next(
                (a for rows in activities.values() for a in rows if a.pk == wanted),
                None,
            )
            if activity is not None:
                editing = (
                    activity.pk,
                    ActivityForm(
                        prefix="update",
                        initial={
                            name: getattr(activity, name) for name in ActivityForm.base_fields
                        },
                    ),
                )
        add_bound = bound[2] if bound and bound[0] == "add" else None
        stages = [
            {
                "key": stage,
                "label": Stage(stage).label,
                "clause": STAGE_CLAUSES[stage],
                "activities": activities[stage],
                "points": [p for p in points if p.stage == stage],
                "add_form": add_bound
                if add_bound is not None and add_bound.data.get("add-stage") == stage
                else ActivityForm(prefix="add", initial={"stage": stage}),
            }
            for stage in Stage.values
        ]
        ctx = {
            "stages": stages,
            "may_manage": may_manage,
            "may_manage_points": self.may(request, "design.manage"),
            "editing": editing,
            "errors": errors or [],
        }
        return render(request, "design/process.html", ctx, status=status)
