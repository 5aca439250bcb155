"""The register of shift hand-overs: a declaration; core's generic views list, filter,
export, show and keep the history. Handing over has its own phone-first page and the
record page adds the acknowledgement (views/handovers.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fuwu.core.permissions import can
from fuwu.core.registers import Column, ComputedColumn, Register

from .filtersets_handovers import HandoverFilterSet
from .models import Handover


def _state(handover: Handover) -> str:
    if handover.acknowledged_at is not None:
        return str(pgettext_lazy("hand-over", "Acknowledged"))
    if handover.flagged_at is not None:
        return str(_("Flagged to the site manager"))
    return str(_("Waiting"))


class HandoverRegister(Register):
    model = Handover
    slug = "handover"
    namespace = "operations"
    url_prefix = "handovers/"
    title = _("Shift hand-overs")
    item_title = _("Shift hand-over")
    filterset = HandoverFilterSet
    form = None  # handed over on its own page (views/handovers.py)
    default_sort = "-handed_over_at"
    view_capability = "operations.view"
    manage_capability = "operations.hand_over"
    can_delete = False  # what the next shift was told stays on record
    select_related = ("site", "contact_point", "outgoing", "acknowledged_by", "flagged_to")
    detail_template = "operations/handover_detail.html"
    empty_text = _(
        "No hand-over yet. At the end of a shift, hand it over: the open requests and the "
        "property in custody come with it, and the next person acknowledges."
    )
    columns = [
        Column("number", _("Number"), sort="number", link=True),
        Column("handed_over_at", _("Handed over"), sort="handed_over_at"),
        Column("site", _("Site"), sort="site__code"),
        Column("contact_point", _("Contact point")),
        Column("outgoing.display_name", _("Handed over by"), sort="outgoing__username"),
        ComputedColumn("state", _("Acknowledgement"), compute=_state),
        Column("acknowledged_by.display_name", _("Acknowledged by"), listed=False),
        Column("acknowledged_at", pgettext_lazy("hand-over", "Acknowledged"), listed=False),
        Column("flagged_at", _("Flagged"), listed=False),
        Column("flagged_to.display_name", _("Flagged to"), listed=False),
        ComputedColumn(
            "requests", _("Open requests"), compute=lambda h: len(h.open_requests), listed=False
        ),
        ComputedColumn(
            "property",
            _("Property in custody"),
            compute=lambda h: len(h.property_in_custody),
            listed=False,
        ),
        Column("notes", _("For the next shift"), listed=False),
    ]
    # The record page stays short on a phone: the notes and what was handed over follow.
    detail_fields = columns[:6]

    def list_links(self, request: HttpRequest) -> list[tuple[str, str, str]]:
        links = [
            (
                reverse("operations:handover_list") + "?unacknowledged=true",
                str(_("Unacknowledged")),
                "ti-alert-circle",
            )
        ]
        if self.may_manage(request):
            links.insert(
                0,
                (
                    reverse("operations:handover_new"),
                    str(pgettext_lazy("shift", "Hand over")),
                    "ti-arrows-exchange",
                ),
            )
        if can(request.user, request.organization, "operations.manage_settings"):
            links.append(
                (
                    reverse("operations:handover_settings"),
                    str(_("Acknowledgement time")),
                    "ti-settings",
                )
            )
        return links

    def detail_context(self, request: HttpRequest, obj: Handover) -> dict[str, Any]:
        from .views.handovers import detail_context

        return detail_context(request, obj)


handovers = HandoverRegister()
