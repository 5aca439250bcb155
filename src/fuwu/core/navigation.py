"""The navigation mirrors the standard. Domain apps add entries to sections with
`add_entry()`; a section without entries shows what it will hold and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .permissions import can


@dataclass
class Entry:
    label: Promise | str
    url_name: str
    capability: str
    superuser_only: bool = False


@dataclass
class Section:
    slug: str
    title: Promise | str
    icon: str
    clauses: str
    purpose: Promise | str
    holds: list[Promise | str]
    entries: list[Entry] = field(default_factory=list)


SECTIONS: list[Section] = [
    Section(
        "leadership",
        _("Leadership"),
        "ti-flag",
        "4.2",
        _("How top management directs the service management system."),
        [
            _("Service policy and objectives bound to live metrics"),
            _("Responsibilities and authorities"),
            _("Management representative and internal communication"),
            _("Management review"),
        ],
    ),
    Section(
        "resources",
        _("Resources"),
        "ti-users",
        "4.3",
        _("The people and material resources each contact point needs."),
        [
            _("Staff competence against contact-point requirements"),
            _("Training records and gaps"),
            _("Facilities, supplies and environment with their inspections and maintenance"),
        ],
    ),
    Section(
        "design",
        _("Service design"),
        "ti-route",
        "4.4.1, 4.4.3",
        _("The contact process and what is specified for each contact point."),
        [
            _("Contact process in three stages: before, during and after service"),
            _("Contact points, manned and unmanned"),
            _("Service, service provision and service control specifications"),
            _("Service blueprint"),
        ],
    ),
    Section(
        "operations",
        _("Operations"),
        "ti-headset",
        "4.2.2, 4.4.2, 4.4.4-4.4.8",
        _("Day-to-day work with customers at the contact points."),
        [
            _("Customer requests owned from first inquiry to closure"),
            _("Customer requirements and their review"),
            _("Service commitments and capability review"),
            _("Customer communication, customer property, shift hand-overs, return visits"),
        ],
    ),
    Section(
        "measurement",
        _("Measurement"),
        "ti-chart-bar",
        "4.5.1, 4.5.3",
        _("How the organization knows how well each contact point serves customers."),
        [
            _("Customer evaluations by QR code at each contact point"),
            _("Inspections from control specifications"),
            _("Internal audits"),
            _("Satisfaction analysis and control charts"),
        ],
    ),
    Section(
        "improvement",
        _("Improvement"),
        "ti-tool",
        "4.5.2, 4.5.4",
        _("Dealing with what went wrong and preventing it from happening again."),
        [
            _("Nonconformities from every source"),
            _("Remedial, corrective and preventive actions"),
            _("Root causes and effectiveness verification"),
        ],
    ),
    Section(
        "documents",
        _("Documents"),
        "ti-files",
        "4.6",
        _("Controlled documents and records, and the service manual."),
        [
            _("Controlled documents with versions and approval"),
            _("Record retention and disposal"),
            _("The service manual generated from live data"),
        ],
    ),
    Section(
        "conformity",
        _("Conformity"),
        "ti-checklist",
        "1, 4.1",
        _("Where the organization stands against SB/T 10382, clause by clause."),
        [
            _("Scope statement and statement of applicability"),
            _("Automated checks per clause"),
            _("Manual assessments and the conformity trend"),
        ],
    ),
]

ADMINISTRATION = Section(
    "administration",
    _("Administration"),
    "ti-settings",
    "",
    _("Sites, members and the audit trail of the organization."),
    [],
    [
        Entry(_("Sites"), "core:site_list", "core.view_sites"),
        Entry(_("Members"), "core:membership_list", "core.view_members"),
        Entry(_("Audit trail"), "core:auditentry_list", "core.view_audit"),
        Entry(_("Organizations"), "core:organization_list", "", superuser_only=True),
    ],
)


def section(slug: str) -> Section | None:
    return next((s for s in [*SECTIONS, ADMINISTRATION] if s.slug == slug), None)


def add_entry(section_slug: str, entry: Entry) -> None:
    found = section(section_slug)
    if found is None:
        raise KeyError(section_slug)
    found.entries.append(entry)


def visible(request: Any, entry: Entry) -> bool:
    user = request.user
    if entry.superuser_only:
        return user.is_superuser
    return not entry.capability or can(user, request.organization, entry.capability)


def navigation_for(request: Any) -> list[dict[str, Any]]:
    items = []
    for sec in [*SECTIONS, ADMINISTRATION]:
        links = []
        for entry in sec.entries:
            if not visible(request, entry):
                continue
            try:
                links.append({"label": entry.label, "url": reverse(entry.url_name)})
            except NoReverseMatch:
                continue
        if sec is ADMINISTRATION and not links:
            continue
        url = reverse("core:section", args=[sec.slug]) if sec is not ADMINISTRATION else None
        active = request.path.startswith(url) if url else False
        active = active or any(request.path.startswith(link["url"]) for link in links)
        items.append({"section": sec, "url": url, "links": links, "active": active})
    return items
