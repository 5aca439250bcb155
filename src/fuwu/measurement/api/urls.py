"""API routes of measurement, under /api/v1/ (a SimpleRouter: core's router serves
the API root)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .evaluations import (
    CallBackViewSet,
    CollectionPointViewSet,
    EvaluationViewSet,
    InstrumentViewSet,
    PublicEvaluationView,
    PublicFormView,
)
from .reviews import AnalysisReviewViewSet
from .satisfaction import SatisfactionView
from .views import AuditViewSet, RoundViewSet

router = SimpleRouter()
router.register("inspections", RoundViewSet, basename="inspectionround")
router.register("audits", AuditViewSet, basename="audit")
router.register("instruments", InstrumentViewSet, basename="instrument")
router.register("collection-points", CollectionPointViewSet, basename="collectionpoint")
router.register("evaluations", EvaluationViewSet, basename="evaluation")
router.register("call-backs", CallBackViewSet, basename="callbackrequest")
router.register("analysis-reviews", AnalysisReviewViewSet, basename="analysisreview")

# No login: a customer's app or kiosk, by the collection point's token. Mounted first
# by fuwu/urls.py (the busiest routes, resolved without trying every other one).
public_urlpatterns = [
    path("public/forms/<str:token>/", PublicFormView.as_view(), name="public-form"),
    path("public/evaluations/", PublicEvaluationView.as_view(), name="public-evaluation"),
]

urlpatterns = [
    # Figures, not rows: responses, index, NPS, CSAT, CES per group (ADR 0031).
    path("satisfaction/", SatisfactionView.as_view(), name="satisfaction"),
    *router.urls,
]
