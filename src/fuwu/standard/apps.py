from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StandardConfig(AppConfig):
    name = "fuwu.standard"
    label = "standard"
    verbose_name = _("Standard and conformity")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from fuwu.core.permissions import register_capabilities

        from . import jobs  # noqa: F401  (registers the daily snapshot)
        from .loading import load_after_migrate
        from .permissions import CAPABILITIES

        register_capabilities(CAPABILITIES)
        add_navigation()

        # Every app contributes its conformity checks from its `checks` module.
        autodiscover_modules("checks")
        post_migrate.connect(load_after_migrate, sender=self)


def add_navigation() -> None:
    """The standard's pages, under the "Conformity" section of the menu."""
    from fuwu.core.navigation import Entry, add_entry, section

    conformity = section("conformity")
    present = {entry.url_name for entry in conformity.entries} if conformity else set()
    for label, url_name in (
        (_("Conformity dashboard"), "standard:dashboard"),
        (_("SB/T 10382 clauses"), "standard:tree"),
        (_("Scope and applicability"), "standard:scope"),
        (_("ISO 9001 mapping"), "standard:iso"),
        (_("Glossary"), "standard:glossary"),
    ):
        if url_name not in present:
            add_entry("conformity", Entry(label, url_name, "standard.view"))
