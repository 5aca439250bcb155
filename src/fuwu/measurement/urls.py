"""Pages of measurement: inspections and internal audits."""

from django.urls import path

from .registrations import audits, programmes, rounds
from .views import audits as audit_views
from .views import inspections, report

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
    *rounds.urls(),
    *programmes.urls(),
    *audits.urls(),
]
