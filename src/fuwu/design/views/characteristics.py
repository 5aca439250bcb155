"""The service characteristic model (3.7, A.4.2.2): the eight characteristics and
the indicators customers judge them by."""

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
from ..forms import CharacteristicForm, IndicatorForm
from ..models import Characteristic, Indicator, Kind
from .common import DesignView


class CharacteristicsView(DesignView):
    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        organization = request.organization
        action = request.POST.get("action", "")
        forms_of = {
            "rename": CharacteristicForm,
            "add": IndicatorForm,
            "update": IndicatorForm,
        }
        if action not in (*forms_of, "retire", "activate", "delete"):
            return self.render_page(request, errors=[_("Unknown action.")], status=400)
        characteristic = indicator = None
        if action in ("rename", "add"):
            characteristic = get_object_or_404(
                Characteristic.objects.filter(organization=organization),
                pk=parse_id(request.POST.get("characteristic")) or 0,
            )
        else:
            indicator = get_object_or_404(
                Indicator.objects.filter(organization=organization),
                pk=parse_id(request.POST.get("indicator")) or 0,
            )
        form = forms_of[action](request.POST, prefix=action) if action in forms_of else None
        target = characteristic or indicator
        if form is not None and not form.is_valid():
            return self.render_page(request, bound=(action, target, form), status=400)
        try:
            self.act(request, action, characteristic, indicator, form)
        except ValidationError as exc:
            if form is not None:
                apply_validation_error(form, exc)
                return self.render_page(
                    request, bound=(action, target, form), status=status_for(exc)
                )
            return self.render_page(request, errors=exc.messages, status=status_for(exc))
        key = characteristic.key if characteristic else indicator.characteristic.key
        return redirect(f"{request.path}#characteristic-{key}")

    def act(
        self, request: HttpRequest, action: str, characteristic: Any, indicator: Any, form: Any
    ) -> None:
        actor = request.user
        if action == "rename":
            services.characteristic_update(
                actor=actor, characteristic=characteristic, data=form.cleaned_data
            )
        elif action == "add":
            services.indicator_create(
                actor=actor,
                organization=request.organization,
                data=form.cleaned_data | {"characteristic": characteristic},
            )
        elif action == "update":
            services.indicator_update(actor=actor, indicator=indicator, data=form.cleaned_data)
        elif action in ("retire", "activate"):
            services.indicator_update(
                actor=actor, indicator=indicator, data={"is_active": action == "activate"}
            )
        elif action == "delete":
            services.indicator_delete(actor=actor, indicator=indicator)
            messages.success(request, _("Deleted."))
            return
        messages.success(request, _("Saved."))

    def render_page(
        self,
        request: HttpRequest,
        *,
        bound: tuple[str, Any, Any] | None = None,
        errors: list[str] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        characteristics = selectors.characteristics_of(request.organization)
        may_manage = self.may(request, "design.manage_model")
        editing: dict[str, Any] = {}
        if bound is not None:
            editing[bound[0]] = (bound[1].pk, bound[2])
        elif may_manage:
            editing = self.editing_from_query(request, characteristics)
        groups = [
            (Kind(kind).label, [c for c in characteristics if c.kind == kind])
            for kind in Kind.values
        ]
        ctx = {
            "groups": groups,
            "may_manage": may_manage,
            "editing": editing,
            "errors": errors or [],
        }
        return render(request, "design/characteristics.html", ctx, status=status)

    @staticmethod
    def editing_from_query(
        request: HttpRequest, characteristics: list[Characteristic]
    ) -> dict[str, Any]:
        editing: dict[str, Any] = {}
        wanted = request.GET.get("rename", "")
        for characteristic in characteristics:
            if wanted == str(characteristic.pk):
                editing["rename"] = (
                    characteristic.pk,
                    CharacteristicForm(
                        prefix="rename",
                        initial={
                            "name_en": characteristic.name_en,
                            "name_zh": characteristic.name_zh,
                        },
                    ),
                )
            for indicator in characteristic.indicators.all():
                if request.GET.get("edit", "") == str(indicator.pk):
                    editing["update"] = (
                        indicator.pk,
                        IndicatorForm(
                            prefix="update",
                            initial={
                                "name_en": indicator.name_en,
                                "name_zh": indicator.name_zh,
                                "is_active": indicator.is_active,
                            },
                        ),
                    )
        return editing
