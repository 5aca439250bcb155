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

        # Every app contributes its conformity checks from its `checks` module.
        autodiscover_modules("checks")
        post_migrate.connect(load_after_migrate, sender=self)
