from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImprovementConfig(AppConfig):
    name = "fuwu.improvement"
    label = "improvement"
    verbose_name = _("Improvement")

    def ready(self) -> None:
        from fuwu.core import navigation, permissions

        from .permissions import CAPABILITIES
        from .sources import register_source

        permissions.register_capabilities(CAPABILITIES)
        register_source(
            "manual",
            label=_("Manual entry"),
            model="improvement.Nonconformity",
            capability="improvement.raise_nonconformity",
        )
        for label, url_name, capability in (
            (_("Nonconformities"), "improvement:nonconformity_list", "improvement.view"),
            (_("Actions"), "improvement:action_list", "improvement.view"),
            (_("Pareto analysis"), "improvement:pareto", "improvement.view"),
            (_("Deadlines"), "improvement:settings", "improvement.manage_settings"),
        ):
            navigation.add_entry("improvement", navigation.Entry(label, url_name, capability))
