"""API routes of improvement, under /api/v1/ (a SimpleRouter: core's router serves the
API root)."""

from rest_framework.routers import SimpleRouter

from .views import ActionViewSet, NonconformityViewSet

router = SimpleRouter()
router.register("nonconformities", NonconformityViewSet, basename="nonconformity")
router.register("actions", ActionViewSet, basename="action")

urlpatterns = router.urls
