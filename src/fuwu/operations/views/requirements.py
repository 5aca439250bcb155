"""Pages of customer requirements beyond the register (4.4.2): the review before
commitment and the commitment itself, on the requirement's page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from fuwu.core.permissions import can, in_site_scope

from ..forms_commitments import RequirementReviewForm
from ..models import CustomerRequirement, RequirementStatus
from ..registrations import requirements
from ..services import requirements as services
from .common import RecordWriteView


def may_review(request: HttpRequest, obj: CustomerRequirement) -> bool:
    user, organization = request.user, request.organization
    return (
        obj.status in (RequirementStatus.RECORDED, RequirementStatus.REVIEWED)
        and can(user, organization, services.REVIEW)
        and in_site_scope(user, organization, obj.site_id)
    )


def detail_context(request: HttpRequest, obj: CustomerRequirement) -> dict[str, Any]:
    reviewer = may_review(request, obj)
    return {
        "record": obj,
        "reviews": list(obj.reviews.select_related("reviewer").order_by("-reviewed_at", "-pk")),
        "review_form": RequirementReviewForm() if reviewer else None,
        "may_commit": reviewer and obj.status == RequirementStatus.REVIEWED,
        "commit_refusal": services.refusal(obj),
        "commitments": list(obj.commitments.all()),
    }


class RequirementReviewView(RecordWriteView):
    register = requirements
    form_class = RequirementReviewForm
    form_key = "review_form"
    done_message = gettext_lazy("Review recorded.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        services.requirement_review(actor=request.user, requirement=obj, **data)


class RequirementCommitView(RecordWriteView):
    register = requirements
    done_message = gettext_lazy("Committed: the review allowed it.")

    def write(self, request: HttpRequest, obj: Any, data: dict[str, Any], **kwargs: Any) -> None:
        services.requirement_commit(actor=request.user, requirement=obj)
