from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "fuwu.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from fuwu.core import navigation, permissions

        from .permissions import CAPABILITIES

        permissions.register_capabilities(CAPABILITIES)
        for label, url_name, capability in (
            (_("Requests and complaints"), "operations:request_list", "operations.view"),
            (_("Overdue requests"), "operations:request_overdue", "operations.view"),
            (_("Operations settings"), "operations:settings", "operations.manage_settings"),
        ):
            navigation.add_entry("operations", navigation.Entry(label, url_name, capability))
        from fuwu.improvement import sources

        # A complaint closed with the customer dissatisfied, or unresolved, raises a
        # nonconformity in the name of the person who closed it.
        sources.register_source(
            "complaint",
            label=_("Customer complaint"),
            model="operations.CustomerRequest",
            capability="operations.close_complaints",
        )
        # Customer requirements and their review (4.4.2), service commitments (4.4.5).
        for label, url_name, capability in (
            (_("Customer requirements"), "operations:requirement_list", "operations.view"),
            (_("Service commitments"), "operations:commitment_list", "operations.view"),
        ):
            navigation.add_entry("operations", navigation.Entry(label, url_name, capability))
        # A period in which a commitment was not kept raises a nonconformity in the
        # name of the person who recorded it.
        sources.register_source(
            "commitment_breach",
            label=_("Commitment not kept"),
            model="operations.FulfilmentRecord",
            capability="operations.record_fulfilment",
        )
        from . import (
            demo_commitments,  # noqa: F401 - registers its seeder
            fulfilment,  # noqa: F401 - the fulfilment sources operations knows
        )

        # Customer communication (4.4.4) and customer property (4.4.7).
        for label, url_name, capability in (
            (_("Customer communication"), "operations:communication_list", "operations.view"),
            (_("Customer property"), "operations:property_list", "operations.view"),
            (_("Property overdue for return"), "operations:property_overdue", "operations.view"),
        ):
            navigation.add_entry("operations", navigation.Entry(label, url_name, capability))
        # Customer property lost or damaged in custody raises a nonconformity in the
        # name of the person who reports it.
        sources.register_source(
            "customer_property",
            label=_("Customer property lost or damaged"),
            model="operations.PropertyItem",
            capability="operations.keep_property",
        )
        # Shift hand-over.
        navigation.add_entry(
            "operations",
            navigation.Entry(_("Shift hand-overs"), "operations:handover_list", "operations.view"),
        )
        from . import cards_handovers, demo_handovers  # noqa: F401 - register a card, a seeder

        # Maintenance and return visits (4.4.8).
        for label, url_name, capability in (
            (_("Return visits"), "operations:returnvisit_list", "operations.view"),
            (_("Return-visit rules"), "operations:visitrule_list", "operations.view"),
        ):
            navigation.add_entry("operations", navigation.Entry(label, url_name, capability))
        from . import cards_visits, demo_visits  # noqa: F401 - register a card, a seeder
