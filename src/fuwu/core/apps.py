from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "fuwu.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Apps contribute demo data, scheduled jobs and home page cards through
        # registries (see docs/explanation/architecture.md).
        from django.utils.module_loading import autodiscover_modules

        from fuwu.core import (  # noqa: F401  (core's own system checks and jobs register)
            checks,
            jobs,
            text,
        )

        # Every text field of every Fuwu model refuses what would break outputs.
        text.install()

        autodiscover_modules("demo", "jobs", "cards", "work")


class FuwuAdminConfig(admin_apps.AdminConfig):
    """Django's admin with Fuwu's site: its login and password forms share the one
    login lockout (core/admin_site.py)."""

    default = False  # named in INSTALLED_APPS; CoreConfig stays this module's default
    default_site = "fuwu.core.admin_site.FuwuAdminSite"
