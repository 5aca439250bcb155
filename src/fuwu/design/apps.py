from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DesignConfig(AppConfig):
    name = "fuwu.design"
    label = "design"
    verbose_name = _("Service design")

    def ready(self) -> None:
        from fuwu.core import navigation, permissions
        from fuwu.core.signals import organization_created

        from . import content, services
        from .permissions import CAPABILITIES

        permissions.register_capabilities(CAPABILITIES)
        content.register()
        for label, url_name, capability in (
            (_("Contact process"), "design:process", "design.view"),
            (_("Contact points"), "design:contactpoint_list", "design.view"),
            (_("Service blueprint"), "design:blueprint", "design.view"),
            (_("Service characteristics"), "design:characteristics", "design.view"),
        ):
            navigation.add_entry("design", navigation.Entry(label, url_name, capability))
        organization_created.connect(seed_new_organization, dispatch_uid="design-seed")
        post_migrate.connect(services.seed_all_organizations, sender=self)


def seed_new_organization(sender, organization, actor, **kwargs) -> None:
    """Every organization starts with the characteristic model and the activities
    of the standard's contact process."""
    from .services import seed_reference_data

    seed_reference_data(organization, actor)
