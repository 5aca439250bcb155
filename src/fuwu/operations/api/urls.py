"""API routes of operations, under /api/v1/ (a SimpleRouter: core's router serves the
API root). Each capability registers its viewsets here from its own module."""

from rest_framework.routers import SimpleRouter

from .requests import CustomerRequestViewSet

router = SimpleRouter()
router.register("requests", CustomerRequestViewSet, basename="request")

urlpatterns = router.urls

# Customer communication (4.4.4) and customer property (4.4.7).
from .communications import CommunicationViewSet  # noqa: E402
from .property import PropertyItemViewSet  # noqa: E402

router.register("communications", CommunicationViewSet, basename="communication")
router.register("property", PropertyItemViewSet, basename="propertyitem")
urlpatterns = router.urls
