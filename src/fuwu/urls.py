"""Top-level URLs. Each app mounts its own pages and API routes."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from fuwu.core import views as core_views
from fuwu.measurement.api.urls import public_urlpatterns as evaluation_api_public
from fuwu.measurement.views import public as evaluation_public

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # Customers, at volume: their page (short, because it sits in a QR code) and the
    # public API are resolved first.
    path("e/<str:token>/", evaluation_public.evaluation_page, name="evaluation_form"),
    path("api/v1/", include(evaluation_api_public)),
    path("api/v1/", include("fuwu.core.api.urls")),
    path("api/v1/", include("fuwu.standard.api.urls")),
    path("api/v1/", include("fuwu.documents.api.urls")),
    path("api/v1/", include("fuwu.design.api.urls")),
    path("api/v1/", include("fuwu.improvement.api.urls")),
    path("api/v1/", include("fuwu.measurement.api.urls")),
    path("api/v1/", include("fuwu.operations.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("admin/", admin.site.urls),
    path("standard/", include("fuwu.standard.urls")),
    path("documents/", include("fuwu.documents.urls")),
    path("design/", include("fuwu.design.urls")),
    path("measurement/", include("fuwu.measurement.urls")),
    path("improvement/", include("fuwu.improvement.urls")),
    path("operations/", include("fuwu.operations.urls")),
    path("", include("fuwu.core.urls")),
]

handler400 = "fuwu.core.views.error_400"
handler403 = "fuwu.core.views.error_403"
handler404 = "fuwu.core.views.error_404"
handler500 = "fuwu.core.views.error_500"
