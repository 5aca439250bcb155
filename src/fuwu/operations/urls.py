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
