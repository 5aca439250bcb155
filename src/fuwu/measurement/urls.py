"""Pages of measurement: inspections and internal audits."""

from django.urls import path

from .registrations import audits, programmes, rounds
from .views import audits as audit_views
from .views import evaluations, inspections, report

app_name = "measurement"
urlpatterns = [
    path("inspections/start/", inspections.RoundStartView.as_view(), name="round_start"),
    path("inspections/schedule/", inspections.ScheduleView.as_view(), name="schedule"),
    path(
        "inspections/<int:pk>/complete/",
        inspections.RoundCompleteView.as_view(),
        name="round_complete",
    ),
    path(
        "inspection-items/<int:pk>/record/",
        inspections.ResultRecordView.as_view(),
        name="result_record",
    ),
    path("settings/", inspections.SettingsView.as_view(), name="settings"),
    path("audits/<int:pk>/action/", audit_views.AuditActionView.as_view(), name="audit_action"),
    path("audits/<int:pk>/report/", report.AuditReportView.as_view(), name="audit_report"),
    path("instruments/", evaluations.InstrumentListView.as_view(), name="instrument_list"),
    path(
        "instruments/<int:pk>/",
        evaluations.InstrumentDetailView.as_view(),
        name="instrument_detail",
    ),
    path(
        "instruments/<int:pk>/regenerate/",
        evaluations.InstrumentRegenerateView.as_view(),
        name="instrument_regenerate",
    ),
    path(
        "collection-points/",
        evaluations.CollectionPointListView.as_view(),
        name="collection_points",
    ),
    path(
        "collection-points/import/",
        evaluations.EvaluationImportView.as_view(),
        name="evaluation_import",
    ),
    path(
        "collection-points/<int:pk>/print/",
        evaluations.CollectionPointPrintView.as_view(),
        name="collection_point_print",
    ),
    *rounds.urls(),
    *programmes.urls(),
    *audits.urls(),
]
