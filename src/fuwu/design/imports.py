"""Contact points from a spreadsheet: the columns of the register's export, so an
exported list can be edited and imported again. A row whose code exists updates
that contact point (only the cells given: empty cells leave its fields as they
are; a row equal to the point changes nothing); otherwise it creates one. Every
change goes through the services (permissions, site scope, meaning, audit); one
bad row and nothing is imported."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuwu.core.imports import ImportColumn, ImportResult, Outcome, import_file
from fuwu.core.models import Membership, Organization, Role, Site, User
from fuwu.core.permissions import require

from . import services
from .models import Channel, ContactPoint, ContactPointStatus, Stage

YES = {"1", "yes", "y", "true", "是", "有"}
NO = {"0", "no", "n", "false", "否", "无"}
SEPARATORS = re.compile(r"[,，、;；\s]+")  # noqa: RUF001 (Chinese lists use full-width marks)
MAX_ORDER = 2_147_483_647  # what a PositiveIntegerField holds on every database


@functools.cache
def _choice_names(choices: type[models.TextChoices]) -> dict[str, str]:
    """{value or label in English or Chinese, casefolded: value}; once per process, as
    5,000 rows would otherwise switch languages for every cell."""
    names = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            names |= {str(choice.label).casefold(): choice.value for choice in choices}
    return names | {choice.value.casefold(): choice.value for choice in choices}


def _choice(choices: type[models.TextChoices]) -> Callable[[str], str]:
    """A parser accepting a choice's value or its label in English or Chinese."""

    def parse(text: str) -> str:
        value = _choice_names(choices).get(text.casefold())
        if value is None:
            raise ValidationError(_("“%(value)s” is not one of the choices.") % {"value": text})
        return value

    return parse


def _choices_help(choices: type[models.TextChoices]) -> str:
    return ", ".join(f"{c.value} ({c.label})" for c in choices) + " " + _("or their names.")


def _boolean(text: str) -> bool:
    wanted = text.casefold()
    if wanted in YES or wanted in NO:
        return wanted in YES
    for language in ("en", "zh-hans"):  # what the export writes, in either language
        with translation.override(language):
            if wanted in (_("Yes").casefold(), _("No").casefold()):
                return wanted == _("Yes").casefold()
    raise ValidationError(_("Write yes or no."))


def _order(text: str) -> int:
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if not (number.is_integer() and 0 <= number <= MAX_ORDER):  # also refuses inf and nan
        raise ValidationError(_("Write a whole number, 0 or more."))
    return int(number)


def _codes(text: str) -> list[str]:
    return [code for code in SEPARATORS.split(text) if code]


_lazy_help = lazy(_choices_help, str)

COLUMNS = [
    ImportColumn(
        "code",
        gettext_lazy("Code"),
        required=True,
        unique=True,
        help=gettext_lazy(
            "Required. An existing code updates that contact point; a new one adds one."
        ),
    ),
    ImportColumn(
        "name_en",
        gettext_lazy("Name (English)"),
        help=gettext_lazy("A new contact point needs a name in English or Chinese."),
    ),
    ImportColumn("name_zh", gettext_lazy("Name (Chinese)")),
    ImportColumn("stage", gettext_lazy("Stage"), parse=_choice(Stage), help=_lazy_help(Stage)),
    ImportColumn(
        "order",
        gettext_lazy("Order"),
        parse=_order,
        help=gettext_lazy("A whole number, 0 or more: smaller comes first within its stage."),
    ),
    ImportColumn(
        "channel", gettext_lazy("Channel"), parse=_choice(Channel), help=_lazy_help(Channel)
    ),
    ImportColumn(
        "manned",
        gettext_lazy("Manned"),
        parse=_boolean,
        help=gettext_lazy("yes or no (also 1 or 0, true or false, 是 or 否)."),
    ),
    ImportColumn(
        "status",
        gettext_lazy("Status"),
        parse=_choice(ContactPointStatus),
        help=_lazy_help(ContactPointStatus),
    ),
    ImportColumn(
        "site",
        gettext_lazy("Site's own"),
        help=gettext_lazy("A site's code, for that site's own contact point."),
    ),
    ImportColumn(
        "sites",
        gettext_lazy("Deployed at"),
        parse=_codes,
        help=gettext_lazy("Site codes, separated by commas, 、, semicolons or spaces."),
    ),
    ImportColumn(
        "owner_role", gettext_lazy("Owner (role)"), parse=_choice(Role), help=_lazy_help(Role)
    ),
    ImportColumn(
        "owner",
        gettext_lazy("Owner (person)"),
        help=gettext_lazy("The username of an active member."),
    ),
    ImportColumn("description_en", gettext_lazy("Description (English)")),
    ImportColumn("description_zh", gettext_lazy("Description (Chinese)")),
]


def _columns_for(organization: Organization) -> list[ImportColumn]:
    """COLUMNS, with codes and usernames read as this organization's sites and members."""
    sites = {site.code: site for site in Site.objects.filter(organization=organization)}

    def site(code: str) -> Site:
        if code not in sites:
            raise ValidationError(
                _("No site of this organization has the code “%(code)s”.") % {"code": code}
            )
        return sites[code]

    members: dict[str, User] = {}

    def owner(username: str) -> User:
        if username not in members:
            members[username] = _member(organization, username)
        return members[username]

    parsers: dict[str, Callable[[str], Any]] = {
        "site": site,
        "sites": lambda text: [site(code) for code in _codes(text)],
        "owner": owner,
    }
    return [
        replace(column, parse=parsers[column.name]) if column.name in parsers else column
        for column in COLUMNS
    ]


def _member(organization: Organization, username: str) -> User:
    member = (
        Membership.objects.filter(
            organization=organization, user__username=username, is_active=True
        )
        .select_related("user")
        .first()
    )
    if member is None:
        raise ValidationError(_("“%(name)s” is not an active member.") % {"name": username})
    return member.user


def _same(point: ContactPoint, data: dict[str, Any], seen: set[int]) -> bool:
    """The row says what the point already is, as far as the importer sees it: an
    export names only the sites in their scope (`seen`)."""
    for name, value in data.items():
        if name == "sites":
            if {s.pk for s in value} != set(point.sites.values_list("pk", flat=True)) & seen:
                return False
        elif getattr(point, name) != value:
            return False
    return True


def import_contact_points(
    *, actor: User, organization: Organization, uploaded_file: Any
) -> ImportResult:
    """Read the file and import it, all or nothing. Raises ImportRefused when the file
    as a whole cannot be read, PermissionDenied when the actor may not manage."""
    require(actor, organization, "design.manage")
    seen = set(Site.objects.for_user(actor, organization=organization).values_list("pk", flat=True))

    def apply(data: dict[str, Any]) -> Outcome:
        point = ContactPoint.objects.filter(organization=organization, code=data["code"]).first()
        if point is None:
            services.contact_point_create(actor=actor, organization=organization, data=data)
            return Outcome.CREATED
        if _same(point, data, seen):
            # Nothing to write, so nothing to permit: an exported list can come back
            # from a site manager with rows of points they may not change.
            return Outcome.UNCHANGED
        services.contact_point_update(actor=actor, point=point, data=data)
        return Outcome.UPDATED

    return import_file(uploaded_file, columns=_columns_for(organization), apply=apply)
