"""API routes of operations, under /api/v1/ (a SimpleRouter: core's router serves the
API root). Each capability registers its viewsets here from its own module."""

from rest_framework.routers import SimpleRouter

from .requests import CustomerRequestViewSet

router = SimpleRouter()
router.register("requests", CustomerRequestViewSet, basename="request")

urlpatterns = router.urls

# Customer requirements and their review (4.4.2), service commitments (4.4.5)
from .commitments import CommitmentViewSet, CustomerRequirementViewSet  # noqa: E402

router.register("requirements", CustomerRequirementViewSet, basename="requirement")
router.register("commitments", CommitmentViewSet, basename="commitment")
# Customer communication (4.4.4) and customer property (4.4.7).
from .communications import CommunicationViewSet  # noqa: E402
from .property import PropertyItemViewSet  # noqa: E402

router.register("communications", CommunicationViewSet, basename="communication")
router.register("property", PropertyItemViewSet, basename="propertyitem")
urlpatterns = router.urls
# Shift hand-over.
from .handovers import HandoverViewSet  # noqa: E402

router.register("handovers", HandoverViewSet, basename="handover")

# Maintenance and return visits (4.4.8).
from .visits import ReturnVisitRuleViewSet, ReturnVisitViewSet  # noqa: E402

router.register("return-visits", ReturnVisitViewSet, basename="returnvisit")
router.register("return-visit-rules", ReturnVisitRuleViewSet, basename="returnvisitrule")
urlpatterns = router.urls
