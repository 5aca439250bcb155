"""API routes of operations, under /api/v1/ (a SimpleRouter: core's router serves the
API root). Each capability registers its viewsets here from its own module."""

from rest_framework.routers import SimpleRouter

from .requests import CustomerRequestViewSet

router = SimpleRouter()
router.register("requests", CustomerRequestViewSet, basename="request")

urlpatterns = router.urls
