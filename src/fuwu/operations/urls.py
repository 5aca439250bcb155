from django.urls import path

from .registrations import requests
from .views import requests as request_views
from .views import settings

app_name = "operations"

urlpatterns = [
    path("requests/log/", request_views.RequestLogView.as_view(), name="request_log"),
    path("requests/overdue/", request_views.OverdueView.as_view(), name="request_overdue"),
    *requests.urls(),
    path(
        "requests/<int:pk>/step/<slug:step>/",
        request_views.RequestStepView.as_view(),
        name="request_step",
    ),
    path(
        "requests/<int:pk>/transfer/",
        request_views.RequestTransferView.as_view(),
        name="request_transfer",
    ),
    path(
        "requests/<int:pk>/close/", request_views.RequestCloseView.as_view(), name="request_close"
    ),
    path(
        "requests/<int:pk>/erase/", request_views.RequestEraseView.as_view(), name="request_erase"
    ),
    path("settings/", settings.SettingsView.as_view(), name="settings"),
]

# Customer requirements and their review (4.4.2), service commitments (4.4.5)
from . import urls_commitments  # noqa: E402

urlpatterns += urls_commitments.urlpatterns
# Customer communication (4.4.4) and customer property (4.4.7).
from .registrations import communications, property_register  # noqa: E402
from .views import communications as communication_views  # noqa: E402
from .views import property as property_views  # noqa: E402

urlpatterns += [
    path(
        "communications/settings/",
        communication_views.CommunicationSettingsView.as_view(),
        name="communication_settings",
    ),
    *communications.urls(),
    path(
        "communications/<int:pk>/answer/",
        communication_views.CommunicationAnswerView.as_view(),
        name="communication_answer",
    ),
    path(
        "communications/<int:pk>/erase/",
        communication_views.CommunicationEraseView.as_view(),
        name="communication_erase",
    ),
    path(
        "property/overdue/", property_views.PropertyOverdueView.as_view(), name="property_overdue"
    ),
    *property_register.urls(),
    path(
        "property/<int:pk>/return/",
        property_views.PropertyReturnView.as_view(),
        name="property_return",
    ),
    path(
        "property/<int:pk>/report/",
        property_views.PropertyReportView.as_view(),
        name="property_report",
    ),
    path(
        "property/<int:pk>/inform/",
        property_views.PropertyInformView.as_view(),
        name="property_inform",
    ),
    path(
        "property/<int:pk>/erase/",
        property_views.PropertyEraseView.as_view(),
        name="property_erase",
    ),
    path("property/<int:pk>/tag/", property_views.PropertyTagView.as_view(), name="property_tag"),
]
# Shift hand-over.
from . import urls_handovers  # noqa: E402

urlpatterns += urls_handovers.urlpatterns

# Maintenance and return visits (4.4.8).
from .registrations_visits import visit_rules, visits  # noqa: E402
from .views import visits as visit_views  # noqa: E402

urlpatterns += [
    *visit_rules.urls(),
    *visits.urls(),
    path(
        "return-visits/<int:pk>/perform/",
        visit_views.VisitPerformView.as_view(),
        name="returnvisit_perform",
    ),
    path(
        "return-visits/<int:pk>/assign/",
        visit_views.VisitAssignView.as_view(),
        name="returnvisit_assign",
    ),
    path(
        "return-visits/<int:pk>/erase/",
        visit_views.VisitEraseView.as_view(),
        name="returnvisit_erase",
    ),
]
