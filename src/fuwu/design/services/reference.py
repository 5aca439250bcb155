"""The reference data every organization starts with: the eight service
characteristics with the customer indicators of Annex A.4.2.2, and the
activities 4.4.1 lists for each stage of the contact process.

Seeded when an organization is created (and, after a migration, for any that
lack it) in one bulk write with one audit entry naming everything it wrote.
"""

from __future__ import annotations

from functools import cache

from django.db import transaction

from fuwu.core.audit import audit_record
from fuwu.core.models import Organization
from fuwu.core.models.audit import AuditAction
from fuwu.standard.library import Library, Node, library_path, load_library

from ..models import Characteristic, CharacteristicKey, ContactActivity, Indicator, Kind, Stage

# The order the standard's definition (3.7) names them in: tangible, then intangible.
CHARACTERISTIC_ORDER = (
    CharacteristicKey.PERSONNEL,
    CharacteristicKey.FACILITIES,
    CharacteristicKey.SUPPLIES,
    CharacteristicKey.ENVIRONMENT,
    CharacteristicKey.SCOPE,
    CharacteristicKey.PROCEDURE,
    CharacteristicKey.SKILLS,
    CharacteristicKey.ETIQUETTE,
)

# 4.4.1 a to c: (key, stage, English, Chinese), in the standard's order.
STANDARD_ACTIVITIES = (
    (
        "requirements",
        Stage.BEFORE,
        "Identify and determine customer requirements",
        "识别和确定顾客要求",
    ),
    ("communication", Stage.BEFORE, "Customer communication", "顾客沟通"),
    ("commitment", Stage.BEFORE, "Service commitment", "服务承诺"),
    ("design", Stage.BEFORE, "Service design", "服务设计"),
    ("characteristic_control", Stage.DURING, "Service characteristic control", "服务特性控制"),
    ("contact_control", Stage.DURING, "Customer contact control", "顾客接触控制"),
    ("maintenance", Stage.AFTER, "Maintenance of service quality", "服务质量的维护"),
    ("return_visits", Stage.AFTER, "Return visits", "服务质量的回访"),
    ("feedback", Stage.AFTER, "Feedback", "信息反馈"),
)


@cache
def _standard() -> Library:
    return load_library(library_path("sbt-10382-2004"))


def annex_characteristics() -> dict[str, Node]:
    """The nodes of Annex A.4.2.2 by characteristic key: title, kind and indicators."""
    return {
        node.characteristic: node for node in _standard().children("A.4.2.2") if node.characteristic
    }


def seed_reference_data(organization: Organization, actor: object = None) -> bool:
    """Give the organization its characteristic model and contact activities, once.
    Returns whether anything was written."""
    with transaction.atomic():
        # Lock the organization: two processes seeding at once must not both write.
        Organization.objects.select_for_update().filter(pk=organization.pk).first()
        if Characteristic.objects.filter(organization=organization).exists():
            return False
        annex = annex_characteristics()
        characteristics = Characteristic.objects.bulk_create(
            Characteristic(
                organization=organization,
                key=key,
                kind=annex[key].characteristic_kind or Kind.TANGIBLE,
                name_en=annex[key].title_en,
                name_zh=annex[key].title_zh,
                order=index * 10,
                clause=annex[key].ref_id,
            )
            for index, key in enumerate(CHARACTERISTIC_ORDER, start=1)
        )
        by_key = {c.key: c for c in Characteristic.objects.filter(organization=organization)}
        indicators = Indicator.objects.bulk_create(
            Indicator(
                organization=organization,
                characteristic=by_key[key],
                name_en=english,
                name_zh=chinese,
                order=(position + 1) * 10,
                from_standard=True,
            )
            for key in CHARACTERISTIC_ORDER
            for position, (english, chinese) in enumerate(
                zip(annex[key].indicators_en, annex[key].indicators_zh, strict=True)
            )
        )
        activities = ContactActivity.objects.bulk_create(
            ContactActivity(
                organization=organization,
                stage=stage,
                name_en=english,
                name_zh=chinese,
                order=(position + 1) * 10,
                standard_key=key,
            )
            for position, (key, stage, english, chinese) in enumerate(STANDARD_ACTIVITIES)
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            organization_id=organization.pk,
            object_type="design.referencedata",
            object_id=str(organization.pk),
            object_repr="Service characteristic model and contact activities",
            after={
                "characteristics": [c.key for c in characteristics],
                "indicators": len(indicators),
                "activities": [a.standard_key for a in activities],
            },
        )
        return True


def seed_all_organizations(**_: object) -> None:
    """After migrating: organizations created before service design existed get it."""
    for organization in Organization.objects.exclude(
        pk__in=Characteristic.objects.values("organization_id")
    ):
        seed_reference_data(organization)
