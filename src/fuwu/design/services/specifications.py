"""The three specifications of a contact point and their items.

A specification is started once (its row and its controlled document, version 1
as a draft); from then on the documents services move its versions through
review and approval. Items change only in the open draft: approved versions are
what staff and inspections use, and never change.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from fuwu.core.audit import audit_record, snapshot
from fuwu.core.errors import StateConflict
from fuwu.core.models import Site, User
from fuwu.core.models.audit import AuditAction
from fuwu.core.permissions import in_site_scope, require
from fuwu.core.services import record_create, record_delete, record_update
from fuwu.core.text import stored_texts, tolerating
from fuwu.documents.models import Category, DocumentVersion, Status
from fuwu.documents.services import document_create
from fuwu.documents.services.common import require_draft

from ..models import (
    CATEGORIES,
    CATEGORY_CHARACTERISTIC,
    Characteristic,
    ContactPoint,
    Indicator,
    ItemCategory,
    Specification,
    SpecificationItem,
    SpecificationKind,
)

ITEM_FIELDS = (
    "category",
    "order",
    "text_en",
    "text_zh",
    "characteristic",
    "indicator",
    "criterion_en",
    "criterion_zh",
    "reference_en",
    "reference_zh",
    "method_en",
    "method_zh",
    "frequency",
    "responsible_en",
    "responsible_zh",
)
TEXT_FIELDS = tuple(
    f"{name}_{language}"
    for name in ("text", "criterion", "reference", "method", "responsible")
    for language in ("en", "zh")
)


# -- starting a specification -----------------------------------------------------------


def _titles(point: ContactPoint, kind: str, site: Site | None) -> dict[str, str]:
    """The document's title in both languages, whatever the writer's language."""
    titles = {}
    for language, field, name in (
        ("en", "title_en", point.name_en or point.name_zh),
        ("zh-hans", "title_zh", point.name_zh or point.name_en),
    ):
        with translation.override(language):
            title = _("%(kind)s: %(code)s %(name)s") % {
                "kind": SpecificationKind(kind).label,
                "code": point.code,
                "name": name,
            }
            if site is not None:
                title += _(" (local addendum, %(site)s)") % {"site": site.code}
        titles[field] = title[:200]
    return titles


def specification_start(
    *, actor: User, point: ContactPoint, kind: str, site: Site | None = None
) -> Specification:
    """Start the specification of `kind` for a contact point: its standard one, or
    with `site`, that site's local addendum (for the organization's contact points
    deployed there). Creates its controlled document with a first draft."""
    organization = point.organization
    require(actor, organization, "design.manage")
    if kind not in SpecificationKind.values:
        raise ValidationError({"kind": _("Choose a service, provision or control specification.")})
    local = site is not None
    if local:
        if point.site_id is not None:
            raise ValidationError(
                {
                    "site": _(
                        "A site's own contact point has no local addenda: edit its specification."
                    )
                }
            )
        if not point.sites.filter(pk=site.pk).exists():
            raise ValidationError({"site": _("The contact point is not deployed at this site.")})
    belongs_to = site if local else point.site
    if not in_site_scope(actor, organization, belongs_to.pk if belongs_to else None):
        raise PermissionDenied(
            _("Only those who keep the whole organization's design may start this specification.")
        )
    with transaction.atomic():
        ContactPoint.objects.select_for_update().filter(pk=point.pk).first()
        existing = Specification.objects.filter(contact_point=point, kind=kind, local=local)
        if local:
            existing = existing.filter(site=site)
        if existing.exists():
            raise StateConflict(_("This specification has already been started."))
        specification = Specification(
            organization=organization, contact_point=point, kind=kind, site=belongs_to, local=local
        )
        specification.full_clean()
        specification.save()
        document = document_create(
            actor=actor,
            organization=organization,
            data=_titles(point, kind, site)
            | {"category": Category.SPECIFICATION, "site": belongs_to, "owner": point.owner},
            subject=specification,
        )
        specification.document = document
        specification.save(update_fields=["document"])
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=specification,
            after=snapshot(specification),
        )
        return specification


# -- items of the open draft -----------------------------------------------------------


def _require_editor(actor: User, specification: Specification) -> None:
    organization = specification.organization
    require(actor, organization, "design.manage")
    require(actor, organization, "documents.edit")
    if not in_site_scope(actor, organization, specification.site_id):
        raise PermissionDenied(_("This specification belongs to a site outside your scope."))


def _locked_draft(specification: Specification) -> DocumentVersion:
    """The open draft of the specification, locked; StateConflict when there is none."""
    version = (
        DocumentVersion.objects.select_for_update()
        .filter(document_id=specification.document_id, status__in=[Status.DRAFT, Status.IN_REVIEW])
        .first()
    )
    if version is None:
        raise StateConflict(_("There is no draft to change: start a new version first."))
    require_draft(version)
    return version


def _clean(
    specification: Specification, fields: dict[str, Any], item: SpecificationItem | None = None
) -> dict[str, Any]:
    """Meaning: a category of this kind of specification, a text, a characteristic
    and indicator of this organization that go together, and for inspection and
    measurement what is checked how, how often and against what."""
    for name in TEXT_FIELDS:
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    value = lambda name: fields[name] if name in fields else getattr(item, name, None)  # noqa: E731
    category = value("category")
    if category not in CATEGORIES[specification.kind]:
        raise ValidationError(
            {"category": _("Choose one of the four categories of this specification.")}
        )
    if not (value("text_en") or value("text_zh")):
        raise ValidationError({"text_en": _("Write the requirement in English or Chinese.")})
    organization_id = specification.organization_id
    indicator: Indicator | None = value("indicator")
    characteristic: Characteristic | None = value("characteristic")
    if indicator is not None:
        if indicator.organization_id != organization_id:
            raise ValidationError({"indicator": _("Choose an indicator of this organization.")})
        if not indicator.is_active and (item is None or item.indicator_id != indicator.pk):
            raise ValidationError({"indicator": _("This indicator is retired; choose another.")})
        if characteristic is not None and characteristic.pk != indicator.characteristic_id:
            raise ValidationError(
                {"indicator": _("Choose an indicator of the chosen characteristic.")}
            )
        fields["characteristic"] = characteristic = indicator.characteristic
    if characteristic is not None and characteristic.organization_id != organization_id:
        raise ValidationError(
            {"characteristic": _("Choose a characteristic of this organization.")}
        )
    if characteristic is None and category in CATEGORY_CHARACTERISTIC:
        fields["characteristic"] = Characteristic.objects.filter(
            organization_id=organization_id, key=CATEGORY_CHARACTERISTIC[category]
        ).first()
    if category == ItemCategory.INSPECTION:
        missing = {
            "method_en": _("Say how it is checked (the method)."),
            "frequency": _("Say how often it is checked."),
            "criterion_en": _("Give the acceptance criterion."),
        }
        # A text is given when it is written in either language.
        given = lambda name: value(name) or value(name.replace("_en", "_zh"))  # noqa: E731
        errors = {name: message for name, message in missing.items() if not given(name)}
        if errors:
            raise ValidationError(errors)
    if category == ItemCategory.ANALYSIS and not value("frequency"):
        raise ValidationError({"frequency": _("Say how often the data are analysed.")})
    return fields


def _refuse_if_not_applicable(
    version: DocumentVersion, specification: Specification, category: str
) -> None:
    if SpecificationItem.objects.filter(
        version=version, specification=specification, category=category, applies=False
    ).exists():
        raise ValidationError(
            {"category": _("This category is marked as not applicable; remove that note first.")}
        )


def _next_order(version: DocumentVersion, category: str) -> int:
    last = (
        SpecificationItem.objects.filter(version=version, category=category)
        .order_by("-order")
        .first()
    )
    return (last.order if last else 0) + 10


def item_create(
    *, actor: User, specification: Specification, data: dict[str, Any]
) -> SpecificationItem:
    _require_editor(actor, specification)
    fields = _clean(specification, {k: v for k, v in data.items() if k in ITEM_FIELDS})
    with transaction.atomic():
        version = _locked_draft(specification)
        _refuse_if_not_applicable(version, specification, fields["category"])
        if fields.get("order") is None:
            fields["order"] = _next_order(version, fields["category"])
        return record_create(
            SpecificationItem,
            actor=actor,
            data=fields
            | {
                "organization_id": specification.organization_id,
                "specification": specification,
                "version": version,
                "applies": True,
            },
        )


def _locked_item(actor: User, item: SpecificationItem) -> SpecificationItem:
    _require_editor(actor, item.specification)
    version = _locked_draft(item.specification)
    if item.version_id != version.pk:
        raise StateConflict(_("Only the items of the open draft can be changed."))
    return SpecificationItem.objects.select_for_update().get(pk=item.pk)


def item_update(*, actor: User, item: SpecificationItem, data: dict[str, Any]) -> SpecificationItem:
    with transaction.atomic():
        item = _locked_item(actor, item)
        fields = {k: v for k, v in data.items() if k in ITEM_FIELDS}
        if not item.applies:
            fields = {k: v for k, v in fields.items() if k in ("text_en", "text_zh")}
            if not any(
                str(fields.get(n, getattr(item, n))).strip() for n in ("text_en", "text_zh")
            ):
                raise ValidationError({"text_en": _("Say why the category does not apply.")})
            return record_update(item, actor=actor, data=fields)
        fields = _clean(item.specification, fields, item)
        if fields.get("category", item.category) != item.category:
            _refuse_if_not_applicable(item.version, item.specification, fields["category"])
        return record_update(item, actor=actor, data=fields)


def item_delete(*, actor: User, item: SpecificationItem) -> None:
    with transaction.atomic():
        item = _locked_item(actor, item)
        record_delete(item, actor=actor)


def item_move(*, actor: User, item: SpecificationItem, up: bool) -> SpecificationItem:
    """Swap places with the neighbouring item of the same category (procedure steps
    are in order)."""
    with transaction.atomic():
        item = _locked_item(actor, item)
        siblings = list(
            SpecificationItem.objects.select_for_update()
            .filter(version=item.version, category=item.category)
            .order_by("order", "pk")
        )
        index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(siblings):
            siblings[index], siblings[other] = siblings[other], siblings[index]
            for position, sibling in enumerate(siblings, start=1):
                if sibling.order != position * 10:
                    record_update(sibling, actor=actor, data={"order": position * 10})
        return SpecificationItem.objects.get(pk=item.pk)


def category_not_applicable(
    *, actor: User, specification: Specification, category: str, reason: str
) -> SpecificationItem:
    """Record, in the draft, why a category does not apply to this contact point
    (an unmanned point has no service personnel, say)."""
    _require_editor(actor, specification)
    if category not in CATEGORIES[specification.kind]:
        raise ValidationError(
            {"category": _("Choose one of the four categories of this specification.")}
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the category does not apply.")})
    with transaction.atomic():
        version = _locked_draft(specification)
        if SpecificationItem.objects.filter(version=version, category=category).exists():
            raise ValidationError(
                {"category": _("This category already has items; remove them first.")}
            )
        language = translation.get_language() or "en"
        text = {"text_zh": reason} if language.startswith("zh") else {"text_en": reason}
        return record_create(
            SpecificationItem,
            actor=actor,
            data={
                "organization_id": specification.organization_id,
                "specification": specification,
                "version": version,
                "category": category,
                "order": 10,
                "applies": False,
                **text,
            },
        )


# -- structured content of the controlled document ------------------------------------


def copy_items(source: DocumentVersion | None, target: DocumentVersion) -> None:
    """A new draft starts with the items of the version it comes from (called by
    the documents services inside their transaction)."""
    if source is None:
        return
    for item in SpecificationItem.objects.filter(version=source).order_by(
        "category", "order", "pk"
    ):
        data = {f.attname: getattr(item, f.attname) for f in item._meta.concrete_fields}
        for name in ("id", "version_id", "created_at", "updated_at"):
            data.pop(name)
        with tolerating(stored_texts(item)):  # copied as it was, even from before the rule
            record_create(
                SpecificationItem, actor=target.author, data=data | {"version_id": target.pk}
            )
