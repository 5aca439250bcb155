"""Pages of measurement: inspections and internal audits."""

from django.urls import path

from .registrations import audits, programmes, reviews, rounds
from .views import audits as audit_views
from .views import coverage, evaluations, inspections, report, satisfaction

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
        "instruments/<int:pk>/edit/",
        evaluations.InstrumentEditView.as_view(),
        name="instrument_edit",
    ),
    path(
        "instruments/<int:pk>/results/",
        evaluations.InstrumentResultsView.as_view(),
        name="instrument_results",
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
        "collection-points/posters/<int:pk>/",
        evaluations.SitePostersView.as_view(),
        name="site_posters",
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
    path("coverage/", coverage.CoverageView.as_view(), name="coverage"),
    path("satisfaction/", satisfaction.SatisfactionView.as_view(), name="satisfaction"),
    path(
        "satisfaction/follow-up/",
        satisfaction.FollowUpView.as_view(),
        name="satisfaction_follow_up",
    ),
    path("call-backs/", evaluations.CallBackListView.as_view(), name="call_backs"),
    path(
        "call-backs/<int:pk>/done/",
        evaluations.CallBackActionView.as_view(action="done"),
        name="call_back_done",
    ),
    path(
        "call-backs/<int:pk>/erase/",
        evaluations.CallBackActionView.as_view(action="erase"),
        name="call_back_erase",
    ),
    *rounds.urls(),
    *programmes.urls(),
    *audits.urls(),
    *reviews.urls(),
]
