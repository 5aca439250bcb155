"""Reads shared by the pages, the API, the exports and the service manual."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from fuwu.core.models import Organization

from .conformity import ClauseConformity, Report, evaluate
from .models import Clause, ConformitySnapshot, Scope

SBT_URN = "urn:fuwu:library:sbt-10382-2004"
ISO_URN = "urn:fuwu:library:iso-9001-2015"

PROCESSES = ("system", "responsibility", "resources", "realization", "measurement", "documentation")


def sbt_clauses() -> QuerySet[Clause]:
    return Clause.objects.filter(library__urn=SBT_URN, retired=False).order_by("order")


def clause_by_ref(ref_id: str) -> Clause:
    """The SB/T 10382 clause `ref_id`; Clause.DoesNotExist when there is none."""
    return sbt_clauses().get(ref_id=ref_id)


def iso_titles() -> dict[str, Clause]:
    return {c.ref_id: c for c in Clause.objects.filter(library__urn=ISO_URN)}


def scope_of(organization: Organization) -> Scope | None:
    return Scope.objects.filter(organization=organization).prefetch_related("sites").first()


def conformity_report(organization: Organization) -> Report:
    return evaluate(organization, SBT_URN)


def history(organization: Organization, days: int = 365) -> QuerySet[ConformitySnapshot]:
    return ConformitySnapshot.objects.filter(organization=organization).order_by("-taken_on")[:days]


@dataclass
class IsoCoverage:
    """How the SB/T 10382 clauses cover one ISO 9001:2015 clause."""

    iso: Clause
    clauses: list[ClauseConformity]


def iso_coverage(report: Report) -> list[IsoCoverage]:
    """For each ISO 9001:2015 clause, the SB/T 10382 clauses mapped to it, with status:
    what an organization certified to ISO 9001 already covers."""
    iso = iso_titles()
    mapped: dict[str, list[ClauseConformity]] = {ref: [] for ref in iso}
    for item in report.clauses():
        for ref in item.clause.iso9001_2015:
            if ref in mapped:
                mapped[ref].append(item)
    return [IsoCoverage(iso[ref], items) for ref, items in mapped.items()]


def recent_scores(organization: Organization, days: int = 90) -> list[ConformitySnapshot]:
    """The latest daily snapshots, oldest first, without the per-clause statuses
    (one query, for the home page's trend)."""
    rows = (
        ConformitySnapshot.objects.filter(organization=organization)
        .only("taken_on", "summary")
        .order_by("-taken_on")[:days]
    )
    return list(rows)[::-1]
