from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("documents", views.DocumentViewSet, basename="document")

versions = views.VersionViewSet.as_view({"get": "list", "post": "create"})
version = views.VersionViewSet.as_view(
    {"get": "retrieve", "put": "update", "patch": "partial_update"}
)


def transition(name: str):
    return views.VersionViewSet.as_view({"post": name})


urlpatterns = [
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
