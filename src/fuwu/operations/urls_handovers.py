"""Pages of shift hand-over (included by urls.py)."""

from django.urls import path

from .registrations_handovers import handovers
from .views import handovers as views

urlpatterns = [
    path("handovers/new/", views.HandoverNewView.as_view(), name="handover_new"),
    path("handovers/settings/", views.HandoverSettingsView.as_view(), name="handover_settings"),
    *handovers.urls(),
    path(
        "handovers/<int:pk>/acknowledge/",
        views.HandoverAcknowledgeView.as_view(),
        name="handover_acknowledge",
    ),
]
