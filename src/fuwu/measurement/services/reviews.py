"""Reviews of the customer-evaluation analysis (4.5.3): recorded by the quality
manager, numbered AR-YEAR-NNNN, audited like any record."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core.models import Organization, Site, User
from fuwu.core.permissions import in_site_scope, require
from fuwu.core.services import number_next, record_create, record_update

from ..models import AnalysisReview

CAPABILITY = "measurement.review_analysis"
FIELDS = (
    "period_start",
    "period_end",
    "site",
    "reviewed_on",
    "notes_en",
    "notes_zh",
    "conclusions_en",
    "conclusions_zh",
    "decisions_en",
    "decisions_zh",
    "nonconformities",
    "actions",
)


def _clean(actor: User, organization: Organization, data: dict[str, Any]) -> dict[str, Any]:
    fields = {k: v for k, v in data.items() if k in FIELDS}
    errors: dict[str, str] = {}
    start, end = fields.get("period_start"), fields.get("period_end")
    if not isinstance(start, date):
        errors["period_start"] = _("Enter the first day of the period reviewed.")
    if not isinstance(end, date):
        errors["period_end"] = _("Enter the last day of the period reviewed.")
    if isinstance(start, date) and isinstance(end, date) and start > end:
        errors["period_end"] = _("The period must start before it ends.")
    reviewed_on = fields.get("reviewed_on") or timezone.localdate()
    if not isinstance(reviewed_on, date) or reviewed_on > timezone.localdate():
        errors["reviewed_on"] = _("A review cannot be recorded for a day still to come.")
    fields["reviewed_on"] = reviewed_on
    site = fields.get("site")
    if site is not None:
        if not isinstance(site, Site) or site.organization_id != organization.pk:
            errors["site"] = _("Choose a site of this organization.")
        elif not in_site_scope(actor, organization, site.pk):
            errors["site"] = _("This site is outside your sites.")
    if not any(
        (fields.get(name) or "").strip()
        for name in ("conclusions_en", "conclusions_zh", "notes_en", "notes_zh")
    ):
        errors["conclusions_en"] = _("Write what the review concluded in at least one language.")
    for name in ("nonconformities", "actions"):
        rows = list(fields.get(name) or [])
        if any(row.organization_id != organization.pk for row in rows):
            errors[name] = _("Choose records of this organization.")
        elif site is not None and any(row.site_id not in (None, site.pk) for row in rows):
            errors[name] = _("Choose records of the site reviewed.")
        fields[name] = rows
    if errors:
        raise ValidationError(errors)
    return fields


def review_create(
    *, actor: User, organization: Organization, data: dict[str, Any]
) -> AnalysisReview:
    """Record that the analysis of a period was reviewed, with its conclusions and
    the nonconformities and preventive actions raised from it."""
    require(actor, organization, CAPABILITY)
    fields = _clean(actor, organization, data)
    with transaction.atomic():
        number = number_next(organization=organization, prefix="AR")
        return record_create(
            AnalysisReview,
            actor=actor,
            data=fields | {"organization": organization, "number": number, "reviewed_by": actor},
        )


def review_update(*, actor: User, review: AnalysisReview, data: dict[str, Any]) -> AnalysisReview:
    """Correct a review: the audit trail keeps what it said before."""
    organization = review.organization
    require(actor, organization, CAPABILITY)
    if review.site_id is not None and not in_site_scope(actor, organization, review.site_id):
        raise ValidationError({"site": _("This site is outside your sites.")})
    current = {
        name: getattr(review, name) for name in FIELDS if name not in ("nonconformities", "actions")
    } | {
        "nonconformities": list(review.nonconformities.all()),
        "actions": list(review.actions.all()),
    }
    fields = _clean(actor, organization, current | data)
    with transaction.atomic():
        return record_update(review, actor=actor, data=fields)
