from django.urls import path
from rest_framework.routers import SimpleRouter

from ..manual import api as manual
from . import records, views

router = SimpleRouter()
router.register("documents", views.DocumentViewSet, basename="document")
router.register("record-types", records.RecordTypeViewSet, basename="recordtype")

versions = views.VersionViewSet.as_view({"get": "list", "post": "create"})
version = views.VersionViewSet.as_view(
    {"get": "retrieve", "put": "update", "patch": "partial_update"}
)


def transition(name: str):
    return views.VersionViewSet.as_view({"post": name})


urlpatterns = [
    path("service-manual/", manual.ServiceManualView.as_view(), name="service-manual"),
    path(
        "service-manual/versions/",
        manual.ServiceManualVersionsView.as_view(),
        name="service-manual-versions",
    ),
    path(
        "service-manual/versions/<int:number>/file/",
        manual.ServiceManualVersionFileView.as_view(),
        name="service-manual-version-file",
    ),
    *router.urls,
    path("documents/<int:document_pk>/versions/", versions, name="document-versions"),
    path("documents/<int:document_pk>/versions/<int:number>/", version, name="document-version"),
    *[
        path(
            f"documents/<int:document_pk>/versions/<int:number>/{name}/",
            transition(name),
            name=f"document-version-{name}",
        )
        for name in ("submit", "approve", "reject", "obsolete")
    ],
]
