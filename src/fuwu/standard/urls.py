"""Pages of the standard: the clause catalog, scope and applicability, the conformity
dashboard and its report. Mounted at /standard/."""

from django.urls import path, register_converter

from . import views

app_name = "standard"


class ClauseRefConverter:
    """A clause reference as the catalog writes it: "4.4.7", "4.4.7 b", "A.4.2.2 a".
    Spaces arrive URL-encoded (%20); `reverse()` encodes them again."""

    regex = r"[0-9A-Za-z][0-9A-Za-z. ]{0,29}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ClauseRefConverter, "clause_ref")

urlpatterns = [
    path("", views.tree, name="tree"),
    path("clause/<clause_ref:ref>/", views.clause_detail, name="clause"),
    path("clause/<clause_ref:ref>/assess/", views.clause_assess, name="clause_assess"),
    path(
        "clause/<clause_ref:ref>/applicability/",
        views.clause_applicability,
        name="clause_applicability",
    ),
    path("glossary/", views.glossary, name="glossary"),
    path("iso-9001/", views.iso_mapping, name="iso"),
    path("scope/", views.scope, name="scope"),
    path("scope/edit/", views.scope_edit, name="scope_edit"),
    path("conformity/", views.dashboard, name="dashboard"),
    path("conformity/snapshot/", views.snapshot, name="snapshot"),
    path("conformity/report/", views.report, name="report"),
]
