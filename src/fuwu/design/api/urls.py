"""API routes of service design (being built)."""

urlpatterns: list = []
