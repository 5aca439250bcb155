from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("sites", views.SiteViewSet, basename="site")
router.register("members", views.MembershipViewSet, basename="membership")
router.register("invitations", views.InvitationViewSet, basename="invitation")
router.register("audit-log", views.AuditEntryViewSet, basename="auditentry")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("", include(router.urls)),
]
