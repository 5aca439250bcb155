"""Routes of customer requirements (4.4.2) and service commitments (4.4.5), added to
the app's urlpatterns by urls.py."""

from django.urls import path

from .registrations import commitments, requirements
from .views import commitments as commitment_views
from .views import requirements as requirement_views

urlpatterns = [
    *requirements.urls(),
    path(
        "requirements/<int:pk>/review/",
        requirement_views.RequirementReviewView.as_view(),
        name="requirement_review",
    ),
    path(
        "requirements/<int:pk>/commit/",
        requirement_views.RequirementCommitView.as_view(),
        name="requirement_commit",
    ),
    *commitments.urls(),
    path(
        "commitments/<int:pk>/review/",
        commitment_views.CommitmentReviewView.as_view(),
        name="commitment_review",
    ),
    path(
        "commitments/<int:pk>/activate/",
        commitment_views.CommitmentActivateView.as_view(),
        name="commitment_activate",
    ),
    path(
        "commitments/<int:pk>/withdraw/",
        commitment_views.CommitmentWithdrawView.as_view(),
        name="commitment_withdraw",
    ),
    path(
        "commitments/<int:pk>/fulfilment/",
        commitment_views.FulfilmentView.as_view(),
        name="commitment_fulfilment",
    ),
    path(
        "commitments/<int:pk>/fulfilment/record/",
        commitment_views.FulfilmentRecordView.as_view(),
        name="commitment_fulfilment_record",
    ),
]
