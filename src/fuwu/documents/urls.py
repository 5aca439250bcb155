from django.urls import path

from . import views
from .manual import views as manual_views
from .registrations import documents, record_types

app_name = "documents"

urlpatterns = [
    *manual_views.urls(),
    *documents.urls(),
    path(
        "<int:pk>/versions/<int:number>/",
        views.DocumentDetailView.as_view(register=documents),
        name="version_detail",
    ),
    path(
        "<int:pk>/versions/new/",
        views.VersionCreateView.as_view(register=documents),
        name="version_create",
    ),
    path(
        "<int:pk>/versions/<int:number>/edit/",
        views.VersionEditView.as_view(register=documents),
        name="version_edit",
    ),
    path(
        "<int:pk>/versions/<int:number>/file/",
        views.VersionFileView.as_view(register=documents),
        name="version_file",
    ),
    path(
        "<int:pk>/versions/<int:number>/file/word/",
        views.VersionFileView.as_view(register=documents, field="word_file"),
        name="version_word_file",
    ),
    path(
        "<int:pk>/versions/<int:number>/<slug:name>/",
        views.VersionTransitionView.as_view(register=documents),
        name="version_transition",
    ),
    path(
        "<int:pk>/compare/",
        views.VersionCompareView.as_view(register=documents),
        name="version_compare",
    ),
    path(
        "<int:pk>/review/",
        views.DocumentReviewView.as_view(register=documents),
        name="document_review",
    ),
    path("retention/", views.RetentionView.as_view(register=record_types), name="retention"),
    path(
        "retention/defaults/",
        views.RetentionSeedView.as_view(register=record_types),
        name="retention_seed",
    ),
    path(
        "retention/<int:pk>/due/",
        views.RetentionDueView.as_view(register=record_types),
        name="retention_due",
    ),
    path(
        "retention/<int:pk>/dispose/",
        views.RetentionDisposeView.as_view(register=record_types),
        name="retention_dispose",
    ),
    *record_types.urls(),
]
