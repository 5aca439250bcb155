from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "fuwu.documents"
    label = "documents"
    verbose_name = _("Documents and records")

    def ready(self) -> None:
        from fuwu.core import navigation, permissions
        from fuwu.core.services.records import register_deletion_guard

        from . import retention
        from .permissions import CAPABILITIES

        permissions.register_capabilities(CAPABILITIES)
        retention.register_defaults()
        register_deletion_guard(retention.refuse_deleting_retained)
        navigation.add_entry(
            "documents",
            navigation.Entry(_("Documents"), "documents:document_list", "documents.view"),
        )
        navigation.add_entry(
            "documents",
            navigation.Entry(_("Record retention"), "documents:retention", "documents.view"),
        )
