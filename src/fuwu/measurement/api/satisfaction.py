"""`GET /api/v1/satisfaction/`: satisfaction figures of an organization, in total or
per group, within the reader's site scope (read from the rollups plus the recent
tail: see fuwu.measurement.satisfaction)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fuwu.core.api.schema import NamedChoiceField
from fuwu.core.api.views import target_organization
from fuwu.core.dates import EARLIEST_DAY
from fuwu.core.ids import MAX_ID
from fuwu.core.models import Site
from fuwu.core.permissions import in_site_scope
from fuwu.design.models import Characteristic, CharacteristicKey, ContactPoint

from .. import satisfaction as reads
from ..models import Channel

# The longest period one request may ask for (about ten years).
MAX_DAYS = 3700
DEFAULT_DAYS = 30


class SatisfactionQuerySerializer(serializers.Serializer):
    start = serializers.DateField(
        required=False, help_text="First day of the period (default: 29 days before `end`)."
    )
    end = serializers.DateField(
        required=False, help_text="Last day of the period (default: today)."
    )
    site = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Only this site."
    )
    contact_point = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Only this contact point."
    )
    characteristic = NamedChoiceField(
        choices=CharacteristicKey.choices,
        enum_name="SatisfactionCharacteristicEnum",
        required=False,
        help_text="Only answers to questions about this characteristic.",
    )
    channel = NamedChoiceField(
        choices=Channel.choices,
        enum_name="SatisfactionChannelEnum",
        required=False,
        help_text="Only evaluations that came in by this channel.",
    )
    group_by = NamedChoiceField(
        choices=[(g, g) for g in reads.GROUPS],
        enum_name="SatisfactionGroupEnum",
        required=False,
        help_text="One row per group; without it, one row for everything.",
    )

    def validate(self, data: dict) -> dict:
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or end - timedelta(days=DEFAULT_DAYS - 1)
        if end < start:
            raise serializers.ValidationError({"end": [_("The period ends before it starts.")]})
        if start < EARLIEST_DAY:
            raise serializers.ValidationError(
                {"start": [_("Choose a period from the year 1900 on.")]}
            )
        if (end - start).days >= MAX_DAYS:
            raise serializers.ValidationError(
                {"start": [_("Ask for at most %(n)s days at a time.") % {"n": MAX_DAYS}]}
            )
        return data | {"start": start, "end": end}


class FiguresSerializer(serializers.Serializer):
    period = serializers.DateField(
        allow_null=True, help_text="First day of the group's day, week or month."
    )
    site = serializers.IntegerField(allow_null=True)
    contact_point = serializers.IntegerField(allow_null=True)
    characteristic = serializers.CharField(allow_null=True, help_text="Characteristic key.")
    label = serializers.CharField(help_text="The group's name in the reader's language.")
    responses = serializers.IntegerField()
    index = serializers.FloatField(allow_null=True, help_text="Satisfaction index, 0-100.")
    nps = serializers.FloatField(allow_null=True, help_text="Net Promoter Score, -100 to 100.")
    csat = serializers.FloatField(allow_null=True, help_text="Top-two-box share, percent.")
    ces = serializers.FloatField(allow_null=True, help_text="Mean effort, 1-7.")
    low = serializers.IntegerField(help_text="Low evaluations.")
    mean = serializers.FloatField(allow_null=True, help_text="Mean rating, 1-5.")
    ratings = serializers.IntegerField(help_text="Number of 1-5 ratings.")


FIGURES = ("label", "responses", "index", "nps", "csat", "ces", "low", "mean", "ratings")
ORGANIZATION = OpenApiParameter(
    "organization", int, description="Your organization's id (needed when you belong to several)."
)


class SatisfactionView(APIView):
    """Responses, satisfaction index, NPS, CSAT, CES, low evaluations and mean rating
    of the period, in total or per day / week / month / site / contact point /
    characteristic, for the sites in the reader's scope. Figures are exact and
    current (rollups plus the evaluations since the last roll-up)."""

    @extend_schema(
        parameters=[ORGANIZATION, SatisfactionQuerySerializer],
        responses=FiguresSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        organization = target_organization(request)
        query = SatisfactionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        errors = {}
        sites = contact_points = characteristic = None
        if "site" in data:
            site = Site.objects.filter(organization=organization, pk=data["site"]).first()
            if site is None or not in_site_scope(request.user, organization, site.pk):
                errors["site"] = [_("Choose one of your sites.")]
            else:
                sites = [site.pk]
        if "contact_point" in data:
            point = ContactPoint.objects.filter(organization=organization, pk=data["contact_point"])
            if not point.exists():
                errors["contact_point"] = [_("Choose one of the organization's contact points.")]
            else:
                contact_points = [data["contact_point"]]
        keys = {}
        if "characteristic" in data or data.get("group_by") == "characteristic":
            keys = dict(
                Characteristic.objects.filter(organization=organization).values_list("pk", "key")
            )
        if "characteristic" in data:
            found = [pk for pk, key in keys.items() if key == data["characteristic"]]
            if not found:
                errors["characteristic"] = [_("The organization has no such characteristic.")]
            else:
                characteristic = found[0]
        if errors:
            raise serializers.ValidationError(errors)
        group_by = data.get("group_by")
        try:
            figures = reads.satisfaction(
                organization=organization,
                user=request.user,
                start=data["start"],
                end=data["end"],
                sites=sites,
                contact_points=contact_points,
                characteristic=characteristic,
                channel=data.get("channel"),
                group_by=group_by,
            )
        except reads.FilterError as error:
            raise serializers.ValidationError({"group_by": [str(error)]}) from error
        rows = [
            {
                "period": f.key if group_by in ("day", "week", "month") else None,
                "site": f.key if group_by == "site" else None,
                "contact_point": f.key if group_by == "contact_point" else None,
                "characteristic": keys.get(f.key) if group_by == "characteristic" else None,
            }
            | {name: getattr(f, name) for name in FIGURES}
            for f in figures
        ]
        return Response(FiguresSerializer(rows, many=True).data)
