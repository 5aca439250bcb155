from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "fuwu.documents"
    label = "documents"
    verbose_name = _("Documents and records")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from fuwu.core import navigation, permissions
        from fuwu.core.services.records import register_deletion_guard

        from . import retention
        from .permissions import CAPABILITIES

        permissions.register_capabilities(CAPABILITIES)
        retention.register_defaults()
        register_deletion_guard(retention.refuse_deleting_retained)
        navigation.add_entry(
            "documents",
            navigation.Entry(
                _("Controlled documents"), "documents:document_list", "documents.view"
            ),
        )
        navigation.add_entry(
            "documents",
            navigation.Entry(_("Service manual"), "documents:manual", "documents.view"),
        )
        navigation.add_entry(
            "documents",
            navigation.Entry(_("Record retention"), "documents:retention", "documents.view"),
        )
        # Every app contributes its sections of the service manual from its `manual`
        # module (fuwu.documents.manual is one of them).
        autodiscover_modules("manual")
