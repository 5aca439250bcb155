from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "fuwu.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Apps contribute demo data, scheduled jobs and home page cards through
        # registries (see docs/explanation/architecture.md).
        from django.utils.module_loading import autodiscover_modules

        from fuwu.core import (
            jobs,  # noqa: F401  (registers core's own jobs)
            text,
        )

        # Every text field of every Fuwu model refuses what would break outputs.
        text.install()

        autodiscover_modules("demo", "jobs", "cards")
