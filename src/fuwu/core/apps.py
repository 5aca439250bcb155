from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "fuwu.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Apps contribute demo data and scheduled jobs through registries (see docs).
        from django.utils.module_loading import autodiscover_modules

        from fuwu.core import checks, jobs  # noqa: F401  (registers core's checks and jobs)

        autodiscover_modules("demo", "jobs")
