from django.urls import path

from .registrations import actions, nonconformities
from .views import pages, transitions

app_name = "improvement"

urlpatterns = [
    *nonconformities.urls(),
    *actions.urls(),
    path(
        "nonconformities/<int:pk>/cause/",
        transitions.NonconformityCauseView.as_view(),
        name="nonconformity_cause",
    ),
    path(
        "nonconformities/<int:pk>/disposition/",
        transitions.NonconformityDispositionView.as_view(),
        name="nonconformity_disposition",
    ),
    path(
        "nonconformities/<int:pk>/close/",
        transitions.NonconformityCloseView.as_view(),
        name="nonconformity_close",
    ),
    path(
        "nonconformities/<int:pk>/plan/",
        transitions.NonconformityPlanView.as_view(),
        name="nonconformity_plan",
    ),
    path(
        "actions/<int:pk>/complete/",
        transitions.ActionCompleteView.as_view(),
        name="action_complete",
    ),
    path("actions/<int:pk>/verify/", transitions.ActionVerifyView.as_view(), name="action_verify"),
    path("pareto/", pages.ParetoView.as_view(), name="pareto"),
    path("settings/", pages.SettingsView.as_view(), name="settings"),
]
