from django.urls import path

from . import views, views_account
from .registrations import audit_trail, invitations, members, organizations, sites

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("language/", views.language_set, name="language"),
    path("organization/switch/", views.organization_switch, name="organization_switch"),
    path("account/tokens/", views_account.tokens, name="account_tokens"),
    path(
        "account/tokens/<int:pk>/revoke/", views_account.token_revoke, name="account_token_revoke"
    ),
    path("invitations/<str:token>/", views_account.invitation_accept, name="invitation_accept"),
    path(
        "members/invitations/<int:pk>/revoke/",
        views_account.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "account/set-password/<uidb64>/<token>/",
        views_account.SetPasswordView.as_view(),
        name="set_password",
    ),
    path("my-work/", views.my_work, name="my_work"),
    path("section/<slug:slug>/", views.section_view, name="section"),
    path(
        "attachments/<str:object_type>/<int:object_id>/add/",
        views.attachment_upload,
        name="attachment_upload",
    ),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
    *sites.urls(),
    *invitations.urls(),
    *members.urls(),
    *audit_trail.urls(),
    *organizations.urls(),
]
