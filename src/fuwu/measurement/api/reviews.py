"""`/api/v1/analysis-reviews/`: the reviews of the customer-evaluation analysis
(4.5.3), through the same services as the page."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import mixins, viewsets

from fuwu.core.api.views import OrganizationScopedMixin, target_organization
from fuwu.core.models import Organization
from fuwu.core.permissions import can

from ..filtersets import ReviewFilterSet
from ..models import AnalysisReview
from ..services.reviews import review_create, review_update
from .serializers import AnalysisReviewSerializer


class AnalysisReviewViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Analysis reviews: read with measurement.view_satisfaction, recorded and
    corrected by the quality manager (measurement.review_analysis)."""

    serializer_class = AnalysisReviewSerializer
    filterset_class = ReviewFilterSet
    ordering_fields = ["number", "reviewed_on", "period_start"]

    def get_queryset(self) -> QuerySet:
        user = self.request.user
        allowed = [
            org.pk
            for org in Organization.objects.for_user(user)
            if can(user, org, "measurement.view_satisfaction")
        ]
        qs = AnalysisReview.objects.for_user(user).filter(organization_id__in=allowed)
        qs = qs.prefetch_related("nonconformities", "actions")
        return self.scope(qs).order_by("organization_id", "-reviewed_on", "-pk")

    def perform_create(self, serializer: AnalysisReviewSerializer) -> None:
        serializer.instance = review_create(
            actor=self.request.user,
            organization=target_organization(self.request),
            data=serializer.validated_data,
        )

    def perform_update(self, serializer: AnalysisReviewSerializer) -> None:
        serializer.instance = review_update(
            actor=self.request.user, review=serializer.instance, data=serializer.validated_data
        )
