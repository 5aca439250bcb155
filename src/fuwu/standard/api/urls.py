from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("clauses", views.ClauseViewSet, basename="clause")
router.register("applicability", views.ApplicabilityViewSet, basename="applicability")
router.register("assessments", views.AssessmentViewSet, basename="assessment")

urlpatterns = [
    path("scope/", views.ScopeView.as_view(), name="scope"),
    path("conformity/", views.ConformityView.as_view(), name="conformity"),
    path("conformity/history/", views.ConformityHistoryView.as_view(), name="conformity-history"),
    path("conformity/report/", views.ConformityReportView.as_view(), name="conformity-report"),
    *router.urls,
]
