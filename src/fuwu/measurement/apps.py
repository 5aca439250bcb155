from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasurementConfig(AppConfig):
    name = "fuwu.measurement"
    label = "measurement"
    verbose_name = _("Measurement")

    def ready(self) -> None:
        from fuwu.core import navigation, permissions

        from .permissions import CAPABILITIES

        permissions.register_capabilities(CAPABILITIES)
        for label, url_name, capability in (
            (_("Inspections"), "measurement:round_list", "measurement.view_inspections"),
            (_("Inspection schedule"), "measurement:schedule", "measurement.view_inspections"),
            (_("Internal audits"), "measurement:audit_list", "measurement.view_audits"),
            (_("Audit programmes"), "measurement:programme_list", "measurement.view_audits"),
            (
                _("Evaluation instruments"),
                "measurement:instrument_list",
                "measurement.view_instruments",
            ),
            (
                _("Collection points"),
                "measurement:collection_points",
                "measurement.view_instruments",
            ),
            (
                _("Coverage of characteristics"),
                "measurement:coverage",
                "measurement.view_instruments",
            ),
            (
                _("Customer satisfaction"),
                "measurement:satisfaction",
                "measurement.view_satisfaction",
            ),
            (_("Analysis reviews"), "measurement:review_list", "measurement.view_satisfaction"),
            (
                _("Call-back requests"),
                "measurement:call_backs",
                "measurement.handle_call_backs",
            ),
            (_("Measurement settings"), "measurement:settings", "measurement.manage_settings"),
        ):
            navigation.add_entry("measurement", navigation.Entry(label, url_name, capability))
        from fuwu.core.seals import register_append_only

        from .digests import stored_digests
        from .models import Evaluation

        # Append-only: written without the chain lock, sealed in batches (ADR 0030).
        register_append_only(
            Evaluation, digests=lambda pks: stored_digests(Evaluation.objects, pks)
        )
        from fuwu.improvement import sources

        # Raising takes the capability by which the source record was made.
        sources.register_source(
            "inspection",
            label=_("Inspection"),
            model="measurement.InspectionRound",
            capability="measurement.perform_inspections",
        )
        sources.register_source(
            "audit",
            label=_("Internal audit"),
            model="measurement.Audit",
            capability="measurement.record_findings",
        )
        # Raised in the name of the collection point's owner (a customer has no account).
        sources.register_source(
            "evaluation",
            label=_("Customer evaluation"),
            model="measurement.Evaluation",
            capability="measurement.manage_instruments",
        )
        # The dashboards' one click: a control-chart signal or a figure below target
        # (raised with improvement's own capability, at a site in the actor's scope).
        sources.register_source(
            "satisfaction",
            label=_("Customer satisfaction analysis"),
            model="measurement.CollectionPoint",
        )
