"""API routes of measurement, under /api/v1/ (a SimpleRouter: core's router serves
the API root)."""

from rest_framework.routers import SimpleRouter

from .views import AuditViewSet, RoundViewSet

router = SimpleRouter()
router.register("inspections", RoundViewSet, basename="inspectionround")
router.register("audits", AuditViewSet, basename="audit")

urlpatterns = router.urls
