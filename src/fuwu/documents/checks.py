"""Conformity checks of document and record control (found by the standard app).

4.2.3.1 and its four lettered elements: an approved service policy whose approver
confirmed each element. 4.6.4: approved documents reviewed on time, every
document owned. 4.6.5: every record type has a retention period, and nothing
waits for disposal more than 30 days past its retention.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from fuwu.core.compose import listed, noted
from fuwu.core.models import Membership, Organization
from fuwu.standard.conformity import CheckResult, RecordLink, check, evidence

from . import retention
from .checklists import POLICY_ELEMENTS, ChecklistItem
from .models import Category, Document, RecordType, Status

DISPOSAL_GRACE_DAYS = 30
MAX_LINKS = 10


def _link(document: Document) -> RecordLink:
    return RecordLink(
        f"{document.number} {document.title}",
        reverse("documents:document_detail", args=[document.pk]),
    )


def _names(documents: list[Document], count: int | None = None) -> str:
    """The first documents by number and title, and how many more (of `count` in all)."""
    shown = pgettext("list separator", ", ").join(
        f"{d.number} {d.title}" for d in documents[:MAX_LINKS]
    )
    more = (len(documents) if count is None else count) - MAX_LINKS
    return shown + (_(" and %(count)s more") % {"count": more} if more > 0 else "")


@evidence
def _policies(organization: Organization) -> list[Document]:
    # Sorted here, not in SQL (hence `order_by()`, which drops the model's ordering):
    # ORDER BY number would walk the (organization, number) index over every document
    # instead of the few policies.
    policies = (
        Document.objects.filter(organization=organization, category=Category.POLICY)
        .exclude(status=Status.OBSOLETE)
        .select_related("current_version")
        .order_by()
    )
    return sorted(policies, key=lambda d: d.number)


@check(
    "4.2.3.1",
    id="documents.policy_approved",
    title=gettext_lazy("An approved service policy is in force"),
)
def policy_approved(organization: Organization) -> CheckResult:
    policies = _policies(organization)
    approved = [p for p in policies if p.status == Status.APPROVED]
    register = RecordLink(
        str(_("Documents")), reverse("documents:document_list") + "?category=policy"
    )
    if approved:
        return CheckResult.passed(
            _("The service policy %(policy)s is approved and in force.")
            % {"policy": _names(approved)},
            [_link(p) for p in approved],
        )
    if policies:
        return CheckResult.failed(
            _("The service policy is not approved yet: %(policy)s.") % {"policy": _names(policies)},
            [_link(p) for p in policies[:MAX_LINKS]],
        )
    return CheckResult.failed(
        _("There is no service policy: add a document of the category “Policy” and approve it."),
        [register],
    )


def _element_check(item: ChecklistItem) -> Callable[[Organization], CheckResult]:
    """One check per element of the policy (4.2.3.1 a-d), so each lettered clause
    has its own evidence and rolls up into 4.2.3.1."""

    def element_confirmed(organization: Organization) -> CheckResult:
        approved = [p for p in _policies(organization) if p.status == Status.APPROVED]
        if not approved:
            return CheckResult.failed(
                _("No approved service policy confirms this element yet."),
                [
                    RecordLink(
                        str(_("Documents")), reverse("documents:document_list") + "?category=policy"
                    )
                ],
            )
        missing = [p for p in approved if not p.current_version.checklist.get(item.key)]
        if missing:
            return CheckResult.failed(
                _("The approver of %(policy)s did not confirm: %(element)s")
                % {"policy": _names(missing), "element": item.label},
                [_link(p) for p in missing],
            )
        return CheckResult.passed(
            _("The approver confirmed: %(element)s") % {"element": item.label},
            [_link(p) for p in approved],
        )

    element_confirmed.__name__ = f"policy_element_{item.key}"
    return element_confirmed


for _item in POLICY_ELEMENTS:
    check(
        _item.clause,
        id=f"documents.policy_element_{_item.key}",
        title=format_lazy(
            "{}{}{}",
            gettext_lazy("Service policy element confirmed"),
            gettext_lazy(":"),
            _item.label,
        ),
    )(_element_check(_item))


@check(
    "4.6.4",
    id="documents.reviews_current",
    title=gettext_lazy("Approved documents are reviewed on time"),
)
def reviews_current(organization: Organization) -> CheckResult:
    overdue, count = _overdue(organization)
    if overdue:
        return CheckResult.failed(
            ngettext(
                "%(count)s approved document is overdue for review: %(documents)s",
                "%(count)s approved documents are overdue for review: %(documents)s",
                count,
            )
            % {"count": count, "documents": _names(overdue, count)},
            [_link(d) for d in overdue],
        )
    approved = _tally(organization).approved
    if not approved:
        return CheckResult.failed(
            _("No document is approved yet: controlled documents are approved before use."),
            [RecordLink(str(_("Documents")), reverse("documents:document_list"))],
        )
    return CheckResult.passed(
        ngettext(
            "The approved document is within its review date.",
            "All %(count)s approved documents are within their review dates.",
            approved,
        )
        % {"count": approved}
    )


@dataclass(frozen=True)
class Tally:
    """The organization's documents counted in one pass: documents in use per owner
    and approved documents in all."""

    live_by_owner: dict[int | None, int]
    approved: int


@evidence
def _tally(organization: Organization) -> Tally:
    # One grouped row per owner and status, read from the (organization, owner, status)
    # index alone: a single scan, however many documents and checks. COUNT(*), not
    # COUNT(id): the id is not in that index and would send PostgreSQL to the table.
    rows = (
        Document.objects.filter(organization=organization)
        .values("owner_id", "status")
        .annotate(n=Count("*"))
        .order_by()
    )
    live: dict[int | None, int] = {}
    approved = 0
    for row in rows:
        if row["status"] != Status.OBSOLETE:
            live[row["owner_id"]] = live.get(row["owner_id"], 0) + row["n"]
        if row["status"] == Status.APPROVED:
            approved += row["n"]
    return Tally(live, approved)


@evidence
def _active_members(organization: Organization) -> set[int]:
    return set(
        Membership.objects.filter(
            organization=organization, is_active=True, user__is_active=True
        ).values_list("user_id", flat=True)
    )


@evidence
def _overdue(organization: Organization) -> tuple[list[Document], int]:
    """The first approved documents past their review date, and how many in all."""
    late = Document.objects.filter(
        organization=organization,
        status=Status.APPROVED,
        next_review_date__lt=timezone.localdate(),
    )
    # Read from the (organization, status, next_review_date) index; counted only when
    # there are more than can be named.
    first = list(late.order_by("next_review_date", "number")[: MAX_LINKS + 1])
    count = len(first) if len(first) <= MAX_LINKS else late.count()
    return first[:MAX_LINKS], count


@evidence
def _orphans(organization: Organization) -> tuple[list[Document], int]:
    """The first documents in use whose owner is no active member, and how many in all."""
    members = _active_members(organization)
    per_owner = _tally(organization).live_by_owner
    bad = [(owner, n) for owner, n in per_owner.items() if owner not in members]
    if not bad:
        return [], 0
    condition = Q(owner__in=[owner for owner, _n in bad if owner is not None])
    if any(owner is None for owner, _n in bad):
        condition |= Q(owner__isnull=True)
    live = Document.objects.filter(organization=organization).exclude(status=Status.OBSOLETE)
    # Any fifty of them sorted here: ORDER BY number would walk every document's index.
    orphans = sorted(live.filter(condition).order_by()[: MAX_LINKS * 5], key=lambda d: d.number)
    return orphans[:MAX_LINKS], sum(n for _owner, n in bad)


@check("4.6.4", id="documents.owned", title=gettext_lazy("Every document has an owner"))
def documents_owned(organization: Organization) -> CheckResult:
    orphans, count = _orphans(organization)
    if count:
        more = count - len(orphans)
        shown = _names(orphans) + (_(" and %(count)s more") % {"count": more} if more > 0 else "")
        return CheckResult.failed(
            ngettext(
                "%(count)s document has no owner among the active members: %(documents)s",
                "%(count)s documents have no owner among the active members: %(documents)s",
                count,
            )
            % {"count": count, "documents": shown},
            [_link(d) for d in orphans],
        )
    return CheckResult.passed(_("Every document in use has an owner."))


@evidence
def _record_types(organization: Organization) -> list[RecordType]:
    return list(RecordType.objects.filter(organization=organization).order_by("name_en"))


def _retention_link() -> RecordLink:
    return RecordLink(str(_("Record retention")), reverse("documents:retention"))


@check(
    "4.6.5",
    id="documents.retention_defined",
    title=gettext_lazy("Every record type has a retention period"),
)
def retention_defined(organization: Organization) -> CheckResult:
    types = _record_types(organization)
    if not types:
        return CheckResult.failed(
            _("No record types yet: say how long each kind of record is kept."),
            [_retention_link()],
        )
    undefined = [t for t in types if t.retention_months is None and not t.kept_permanently]
    if undefined:
        return CheckResult.failed(
            _("These record types have no retention period: %(types)s")
            % {"types": ", ".join(t.name for t in undefined)},
            [
                RecordLink(t.name, reverse("documents:recordtype_detail", args=[t.pk]))
                for t in undefined
            ],
        )
    return CheckResult.passed(
        _("Every record type has a retention period or is kept permanently."),
        [_retention_link()],
    )


@evidence
def _waiting_disposal(organization: Organization) -> list[tuple[RecordType, int]]:
    """Record types with records past retention for longer than the grace period."""
    late_since = timezone.localdate() - timedelta(days=DISPOSAL_GRACE_DAYS)
    waiting = []
    for record_type in _record_types(organization):
        rows = retention.due_rows(record_type, today=late_since)
        if rows is not None:
            count = rows.count()
            if count:
                waiting.append((record_type, count))
    return waiting


@check(
    "4.6.5",
    id="documents.disposal_timely",
    title=gettext_lazy("Records past retention are disposed of within 30 days"),
)
def disposal_timely(organization: Organization) -> CheckResult:
    waiting = _waiting_disposal(organization)
    if waiting:
        return CheckResult.failed(
            _("Records past retention for more than %(days)s days await disposal: %(types)s")
            % {
                "days": DISPOSAL_GRACE_DAYS,
                "types": listed(noted(t.name, n) for t, n in waiting),
            },
            [
                RecordLink(t.name, reverse("documents:retention_due", args=[t.pk]))
                for t, _n in waiting
            ],
        )
    return CheckResult.passed(
        _("No record waits for disposal more than %(days)s days past its retention.")
        % {"days": DISPOSAL_GRACE_DAYS},
        [_retention_link()],
    )


# -- 4.6.2 and 4.6.3: the documentation the SMS must include -------------------------


def _manual_link() -> RecordLink:
    return RecordLink(str(_("Service manual")), reverse("documents:manual"))


@evidence
def _manual(organization: Organization) -> Document | None:
    """The service manual (the first one, should there be several), picked here: ORDER BY
    id LIMIT 1 in SQL would walk the primary key over every document on SQLite."""
    from .manual.selectors import manual_documents

    documents = manual_documents(organization).select_related("current_version").order_by()
    return min(documents, key=lambda d: d.pk, default=None)


@check(
    "4.6.3",
    id="documents.manual_approved",
    title=gettext_lazy("An approved service manual is in force"),
)
def manual_approved(organization: Organization) -> CheckResult:
    manual = _manual(organization)
    if manual is None:
        return CheckResult.failed(
            _("No service manual yet: prepare a version from the live data and approve it."),
            [_manual_link()],
        )
    if manual.status != Status.APPROVED:
        return CheckResult.failed(
            _("The service manual %(manual)s has no approved version in force.")
            % {"manual": manual.number},
            [_manual_link(), _link(manual)],
        )
    return CheckResult.passed(
        _("The service manual %(manual)s is approved and in force.") % {"manual": manual.number},
        [_link(manual)],
    )


@check(
    "4.6.2 a",
    id="documents.policy_documented",
    title=gettext_lazy("The service policy is a documented, approved document"),
)
def policy_documented(organization: Organization) -> CheckResult:
    return policy_approved(organization)


@check(
    "4.6.2 b",
    id="documents.manual_documented",
    title=gettext_lazy("The service manual is part of the documentation"),
)
def manual_documented(organization: Organization) -> CheckResult:
    return manual_approved(organization)
