"""API routes of service design, under /api/v1/ (a SimpleRouter: core's router
serves the API root). The nested routes of specifications and their items are
plain paths, as the versions of a document are."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import contact_points, model, specifications

router = SimpleRouter()
router.register("contact-points", contact_points.ContactPointViewSet, basename="contactpoint")
router.register("contact-process/activities", model.ActivityViewSet, basename="contactactivity")
router.register("characteristics", model.CharacteristicViewSet, basename="characteristic")
router.register("indicators", model.IndicatorViewSet, basename="indicator")

SPECIFICATIONS = "contact-points/<int:point_pk>/specifications/"
ITEMS = SPECIFICATIONS + "<int:spec_pk>/items/"
Specs = specifications.SpecificationViewSet
Items = specifications.SpecificationItemViewSet

nested = [
    path(
        SPECIFICATIONS,
        Specs.as_view({"get": "list", "post": "create"}),
        name="contactpoint-specifications",
    ),
    path(
        SPECIFICATIONS + "<int:pk>/",
        Specs.as_view({"get": "retrieve"}),
        name="contactpoint-specification",
    ),
    path(ITEMS, Items.as_view({"get": "list", "post": "create"}), name="specificationitem-list"),
    path(
        ITEMS + "not-applicable/",
        Items.as_view({"post": "not_applicable"}),
        name="specificationitem-not-applicable",
    ),
    path(
        ITEMS + "<int:pk>/",
        Items.as_view(
            {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}
        ),
        name="specificationitem-detail",
    ),
]

urlpatterns = [
    path("contact-process/stages/", model.StagesView.as_view(), name="contact-process-stages"),
    *nested,
    *router.urls,
]

# The blueprint's view is being written in api/blueprint.py: route it once it is there.
try:
    from .blueprint import BlueprintApiView
except ImportError:  # pragma: no cover - until api/blueprint.py defines it
    BlueprintApiView = None

if BlueprintApiView is not None:
    urlpatterns.append(path("blueprint/", BlueprintApiView.as_view(), name="design-blueprint"))
