"""Improvement in the service manual (4.6.3 b, c): how nonconforming service is
controlled (4.5.2) and how the organization improves (4.5.4), with the deadlines it set
and the figures of the last twelve months. Discovered at start-up like every app's
`manual.py`; reads three queries whatever the data."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from fuwu.core.manual import (
    Block,
    BulletList,
    Heading,
    ManualContext,
    Paragraph,
    Table,
    manual_section,
)

from .models import Action, ActionKind, ActionStatus, CauseCategory, NCStatus, Nonconformity
from .services.settings import settings_for
from .sources import SOURCES


@manual_section(
    order=75,
    key="improvement",
    title=gettext_lazy("Nonconforming service and improvement"),
    clauses=("4.5.2", "4.5.4"),
)
def improvement(context: ManualContext) -> list[Block]:
    organization = context.organization
    deadlines = settings_for(organization)
    since = timezone.now() - timedelta(days=365)
    ncs = context.visible(
        Nonconformity.objects.filter(organization=organization, detected_at__gte=since)
    )
    by_status = dict(ncs.order_by().values_list("status").annotate(n=Count("pk")))
    by_cause = dict(ncs.order_by().values_list("cause_category").annotate(n=Count("pk")))
    actions = context.visible(Action.objects.filter(organization=organization))
    counted = actions.filter(updated_at__gte=since).order_by().values_list("kind", "status")
    kinds: dict[tuple[str, str], int] = {}
    for kind, status in counted:
        kinds[(kind, status)] = kinds.get((kind, status), 0) + 1
    sources = pgettext("list separator", ", ").join(str(s.label) for s in SOURCES.values())
    blocks: list[Block] = [
        Paragraph.of(
            _(
                "A service cannot be held back once delivered: whoever finds a nonconforming "
                "service records it at once as a nonconformity, with what was done for the "
                "customer there and then (the immediate remedy). Nonconformities come from: "
                "%(sources)s."
            )
            % {"sources": sources}
        ),
        BulletList.of(
            [
                _("The disposition is decided within %(days)s days of detection.")
                % {"days": deadlines.disposition_days},
                _(
                    "The cause is analysed (five whys) and named by the standard's factors: "
                    "people, method, facilities, supplies, environment, customer."
                ),
                _(
                    "Remedial actions make the customer whole (4.5.4 c); corrective actions "
                    "remove the cause (4.5.4 a); preventive actions remove the cause of a "
                    "potential nonconformity, from trends, analyses and audit observations "
                    "(4.5.4 b). Each has an owner and a due date."
                ),
                _(
                    "%(days)s days after completion, someone other than the owner verifies "
                    "that a corrective or preventive action worked; one that did not is "
                    "reopened."
                )
                % {"days": deadlines.verification_days},
                _(
                    "A nonconformity is closed by the quality manager once its corrective "
                    "actions are verified effective. An action more than %(days)s days "
                    "overdue is reported on the conformity dashboard."
                )
                % {"days": deadlines.overdue_days},
            ]
        ),
    ]
    total = sum(by_status.values())
    rows = [
        (_("Nonconformities recorded"), str(total)),
        (_("Closed"), str(by_status.get(NCStatus.CLOSED, 0))),
        (_("Still open"), str(total - by_status.get(NCStatus.CLOSED, 0))),
    ]
    for kind, label in ActionKind.choices:
        done = kinds.get((kind, ActionStatus.EFFECTIVE), 0) + kinds.get(
            (kind, ActionStatus.COMPLETED), 0
        )
        planned = kinds.get((kind, ActionStatus.PLANNED), 0)
        rows.append(
            (str(label), _("%(done)s done, %(planned)s to do") % {"done": done, "planned": planned})
        )
    blocks.append(Heading(_("The last twelve months"), level=3))
    blocks.append(Table(tuple(rows), widths=(2.0, 1.0)))
    causes = [
        (str(label), str(by_cause[value]))
        for value, label in CauseCategory.choices
        if by_cause.get(value)
    ]
    if causes:
        blocks.append(
            Table(
                tuple(sorted(causes, key=lambda row: -int(row[1]))),
                columns=(_("Cause category"), _("Nonconformities")),
                widths=(2.0, 1.0),
            )
        )
    return blocks
