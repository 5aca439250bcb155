"""Contact points from a spreadsheet: the columns of the register's export, so an
exported list can be edited and imported again. A row whose code exists updates
that contact point (only the columns given, empty cells left as they are);
otherwise it creates one. Every row goes through the services (permissions, site
scope, meaning, audit); one bad row and nothing is imported."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.imports import ImportColumn, ImportResult, read_table, records, run_import
from fuwu.core.models import Membership, Organization, Role, Site, User

from . import services
from .models import Channel, ContactPoint, ContactPointStatus, Stage

COLUMNS = [
    ImportColumn("code", gettext_lazy("Code"), required=True),
    ImportColumn("name_en", gettext_lazy("Name (English)")),
    ImportColumn("name_zh", gettext_lazy("Name (Chinese)")),
    ImportColumn("stage", gettext_lazy("Stage")),
    ImportColumn("order", gettext_lazy("Order")),
    ImportColumn("channel", gettext_lazy("Channel")),
    ImportColumn("manned", gettext_lazy("Manned")),
    ImportColumn("status", gettext_lazy("Status")),
    ImportColumn("site", gettext_lazy("Site's own")),
    ImportColumn("sites", gettext_lazy("Deployed at")),
    ImportColumn("owner_role", gettext_lazy("Owner (role)")),
    ImportColumn("owner", gettext_lazy("Owner (person)")),
    ImportColumn("description", gettext_lazy("Description")),
]
YES = {"1", "yes", "y", "true", "是", "有"}
NO = {"0", "no", "n", "false", "否", "无"}
SEPARATORS = re.compile(r"[,，、;；\s]+")  # noqa: RUF001 (Chinese lists use full-width marks)


def _choice(value: str, choices: type[models.TextChoices], field: str) -> str:
    """A choice by its value or its label in English or Chinese."""
    wanted = value.casefold()
    for choice in choices:
        names = {choice.value.casefold()}
        for language in ("en", "zh-hans"):
            with translation.override(language):
                names.add(str(choice.label).casefold())
        if wanted in names:
            return choice.value
    raise ValidationError({field: _("“%(value)s” is not one of the choices.") % {"value": value}})


def _boolean(value: str) -> bool:
    wanted = value.casefold()
    for language in ("en", "zh-hans"):
        with translation.override(language):
            if wanted == _("Yes").casefold():
                return True
            if wanted == _("No").casefold():
                return False
    if wanted in YES or wanted in NO:
        return wanted in YES
    raise ValidationError({"manned": _("Write yes or no.")})


def _site(organization: Organization, code: str, field: str) -> Site:
    site = Site.objects.filter(organization=organization, code=code).first()
    if site is None:
        raise ValidationError(
            {field: _("No site of this organization has the code “%(code)s”.") % {"code": code}}
        )
    return site


def _owner(organization: Organization, username: str) -> User:
    member = (
        Membership.objects.filter(
            organization=organization, user__username=username, is_active=True
        )
        .select_related("user")
        .first()
    )
    if member is None:
        raise ValidationError(
            {"owner": _("“%(name)s” is not an active member.") % {"name": username}}
        )
    return member.user


def parse(organization: Organization, values: dict[str, str]) -> dict[str, Any]:
    """The row as service data: only the cells that hold something."""
    data: dict[str, Any] = {}
    given = {name: value for name, value in values.items() if value}
    parsers = {
        "stage": lambda v: _choice(v, Stage, "stage"),
        "channel": lambda v: _choice(v, Channel, "channel"),
        "status": lambda v: _choice(v, ContactPointStatus, "status"),
        "owner_role": lambda v: _choice(v, Role, "owner_role"),
        "manned": _boolean,
        "order": _order,
        "site": lambda v: _site(organization, v, "site"),
        "sites": lambda v: [_site(organization, c, "sites") for c in SEPARATORS.split(v) if c],
        "owner": lambda v: _owner(organization, v),
    }
    errors: dict[str, list[str]] = {}
    for name, value in given.items():
        try:
            data[name] = parsers[name](value) if name in parsers else value
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return data


def _order(value: str) -> int:
    try:
        number = int(float(value))
    except ValueError:
        number = -1
    if number < 0:
        raise ValidationError({"order": _("Write a whole number, 0 or more.")})
    return number


def import_contact_points(
    *, actor: User, organization: Organization, uploaded_file: Any
) -> ImportResult:
    """Read the file and import it, all or nothing. ImportRefused when the file as a
    whole cannot be read."""
    rows = records(read_table(uploaded_file), COLUMNS)

    def apply(values: dict[str, str]) -> bool:
        data = parse(organization, values)
        if not data.get("code"):
            raise ValidationError({"code": _("Give each contact point a code.")})
        point = ContactPoint.objects.filter(organization=organization, code=data["code"]).first()
        if point is None:
            services.contact_point_create(actor=actor, organization=organization, data=data)
            return True
        services.contact_point_update(actor=actor, point=point, data=data)
        return False

    return run_import(rows, apply, COLUMNS)
