from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
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


class FuwuAdminConfig(admin_apps.AdminConfig):
    """Django's admin with Fuwu's site: its login and password forms share the one
    login lockout (core/admin_site.py)."""

    default = False  # named in INSTALLED_APPS; CoreConfig stays this module's default
    default_site = "fuwu.core.admin_site.FuwuAdminSite"
