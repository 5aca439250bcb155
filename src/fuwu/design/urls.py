"""Pages of service design, under /design/."""

from django.urls import path

from .registrations import contact_points
from .views import blueprint, characteristics, imports, process, sheet, specifications

app_name = "design"

urlpatterns = [
    path("process/", process.ProcessView.as_view(), name="process"),
    path("characteristics/", characteristics.CharacteristicsView.as_view(), name="characteristics"),
    path("blueprint/", blueprint.BlueprintView.as_view(), name="blueprint"),
    path("blueprint.svg", blueprint.BlueprintSvgView.as_view(), name="blueprint_svg"),
    path(
        "contact-points/import/",
        imports.ContactPointImportView.as_view(),
        name="contactpoint_import",
    ),
    *contact_points.urls(),
    path(
        "contact-points/<int:pk>/sheet.<str:fmt>",
        sheet.SpecificationSheetView.as_view(),
        name="sheet",
    ),
    path(
        "contact-points/<int:pk>/specifications/<str:kind>/",
        specifications.SpecificationView.as_view(),
        name="specification",
    ),
    path(
        "contact-points/<int:pk>/specifications/<str:kind>/sites/<int:site_id>/",
        specifications.SpecificationView.as_view(),
        name="local_specification",
    ),
]
