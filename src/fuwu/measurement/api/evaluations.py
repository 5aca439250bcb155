"""The evaluation API: the public form and submission (no login, by token), and
the authenticated registers of instruments, collection points and evaluations."""

from __future__ import annotations

from typing import Any

import django_filters as df
from django.db.models import QuerySet
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fuwu.core.api.views import OrganizationScopedMixin, target_organization
from fuwu.core.filtersets import FilterSet

from ..models import CollectionPoint, Evaluation, Instrument, Question
from ..qr import qr_png, qr_svg
from ..services.collection import (
    MAX_BULK,
    BulkInvalid,
    SubmissionInvalid,
    evaluation_submit,
    evaluations_bulk,
    point_for_token,
)
from ..throttles import SLOW_DOWN, EvaluationThrottle, FormThrottle


class QuestionSerializer(serializers.ModelSerializer):
    min = serializers.SerializerMethodField()
    max = serializers.SerializerMethodField()
    characteristic = serializers.SlugRelatedField(slug_field="key", read_only=True)
    options_en = serializers.SerializerMethodField()
    options_zh = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = [
            "id", "type", "required", "min", "max", "text_en", "text_zh",
            "options_en", "options_zh", "characteristic", "indicator", "after_low_rating",
        ]  # fmt: skip

    def get_min(self, question: Question) -> int | None:
        return question.scale[0] if question.scale else None

    def get_max(self, question: Question) -> int | None:
        return question.scale[1] if question.scale else None

    def get_options_en(self, question: Question) -> list[str]:
        return question.options("en")

    def get_options_zh(self, question: Question) -> list[str]:
        return question.options("zh-hans")


class PublicFormSerializer(serializers.Serializer):
    contact_point_en = serializers.CharField()
    contact_point_zh = serializers.CharField()
    site = serializers.CharField()
    version = serializers.IntegerField()
    questions = QuestionSerializer(many=True)


class SubmissionSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=64)
    submission_id = serializers.CharField(max_length=64)
    language = serializers.CharField(max_length=10, required=False, default="en")
    answers = serializers.DictField(child=serializers.JSONField())
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    visit_id = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    channel = serializers.ChoiceField(choices=["qr", "link", "kiosk"], required=False, default="qr")


# The fields of a submission: (default when left out or None, longest text). The
# hot path checks them by hand: the serializer above documents them, but building and
# running it cost a fifth of a request's time.
SUBMISSION_FIELDS: dict[str, tuple[Any, int]] = {
    "token": (None, 64),
    "submission_id": (None, 64),
    "language": ("en", 10),
    "comment": ("", 2000),
    "visit_id": ("", 64),
    "channel": ("qr", 10),
}
PUBLIC_CHANNELS = ("qr", "link", "kiosk")


def submission_fields(data: Any) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The submission's fields and an error per field, as the serializer gives them."""
    if not isinstance(data, dict):
        return {}, {"non_field_errors": [_("Send the evaluation as a JSON object.")]}
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, (default, longest) in SUBMISSION_FIELDS.items():
        value = data.get(name)
        if value is None:
            if default is None:
                errors[name] = [_("This field is required.")]
            values[name] = default
        elif not isinstance(value, str | int) or isinstance(value, bool):
            errors[name] = [_("Not a valid string.")]
        elif len(str(value)) > longest:
            errors[name] = [
                _("Ensure this field has no more than %(n)s characters.") % {"n": longest}
            ]
        else:
            values[name] = str(value)
    if values.get("channel") not in PUBLIC_CHANNELS and "channel" not in errors:
        errors["channel"] = [_("Unknown channel.")]
    answers = data.get("answers")
    if not isinstance(answers, dict):
        errors["answers"] = [_("Send the answers as an object of question id and value.")]
    values["answers"] = answers
    return values, errors


class SubmittedSerializer(serializers.Serializer):
    id = serializers.IntegerField()


class PublicView(APIView):
    """No login; limited per address (measurement/throttles.py), and a 429 says so
    kindly, in the customer's language, with Retry-After."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]  # apps and kiosks: JSON only, nothing to negotiate

    def throttled(self, request: Request, wait: float | None) -> None:
        slow = exceptions.Throttled(detail=_(SLOW_DOWN))  # our words only, no seconds
        slow.wait = wait  # still sent as Retry-After
        raise slow


class PublicFormView(PublicView):
    """The form of a collection point, for a customer's app or kiosk."""

    throttle_classes = [FormThrottle]

    @extend_schema(responses=PublicFormSerializer)
    def get(self, request: Request, token: str) -> Response:
        point = point_for_token(token)
        if point is None or point.instrument.current_version_id is None:
            return Response({"detail": _("This evaluation form is not available")}, status=404)
        version = point.instrument.current_version
        data = {
            "contact_point_en": point.contact_point.name_en,
            "contact_point_zh": point.contact_point.name_zh,
            "site": point.site.name,
            "version": version.number,
            "questions": version.questions.select_related("characteristic"),
        }
        return Response(PublicFormSerializer(data).data)


class PublicEvaluationView(PublicView):
    """A customer's evaluation: 201 when stored, 200 with the same id when this
    submission id was stored before, 400 with an error per question, 429 when this
    address sent more than FUWU_EVALUATION_RATE this minute."""

    throttle_classes = [EvaluationThrottle]

    @extend_schema(
        request=SubmissionSerializer, responses={200: SubmittedSerializer, 201: SubmittedSerializer}
    )
    def post(self, request: Request) -> Response:
        data, errors = submission_fields(request.data)
        if errors:
            return Response(errors, status=400)
        point = point_for_token(data["token"], cached=True)
        if point is None or point.instrument.current_version_id is None:
            return Response({"token": [_("This evaluation form is not available")]}, status=400)
        try:
            evaluation, created = evaluation_submit(
                point=point, **{k: v for k, v in data.items() if k != "token"}
            )
        except SubmissionInvalid as invalid:
            return Response({"errors": invalid.errors}, status=400)
        return Response({"id": evaluation.pk}, status=201 if created else 200)


class InstrumentSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(
        source="current_version.number", read_only=True, default=None
    )
    questions = serializers.SerializerMethodField()

    class Meta:
        model = Instrument
        fields = [
            "id",
            "organization",
            "name_en",
            "name_zh",
            "contact_points",
            "is_active",
            "version",
            "questions",
        ]

    @extend_schema(responses=QuestionSerializer(many=True))
    def get_questions(self, instrument: Instrument) -> Any:
        if instrument.current_version_id is None:
            return []
        return QuestionSerializer(instrument.current_version.questions.all(), many=True).data


class InstrumentViewSet(OrganizationScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Evaluation instruments with the questions of their current version."""

    serializer_class = InstrumentSerializer
    ordering_fields = ["name_en"]

    def get_queryset(self) -> QuerySet:
        qs = Instrument.objects.for_user(self.request.user).select_related("current_version")
        return self.scope(qs.prefetch_related("contact_points")).order_by(
            "organization_id", "name_en", "pk"
        )


def page_url(request: Any, point: CollectionPoint) -> str:
    return request.build_absolute_uri(reverse("evaluation_form", args=[point.token]))


class CollectionPointSerializer(serializers.ModelSerializer):
    page_url = serializers.SerializerMethodField()
    qr_svg = serializers.SerializerMethodField()

    class Meta:
        model = CollectionPoint
        fields = [
            "id",
            "organization",
            "site",
            "contact_point",
            "instrument",
            "token",
            "is_active",
            "page_url",
            "qr_svg",
        ]

    def get_page_url(self, point: CollectionPoint) -> str:
        return page_url(self.context["request"], point)

    def get_qr_svg(self, point: CollectionPoint) -> str:
        return qr_svg(page_url(self.context["request"], point))


class CollectionPointViewSet(OrganizationScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Collection points of the sites in scope, with their page URL and QR code."""

    serializer_class = CollectionPointSerializer
    filterset_fields = ["site", "contact_point"]
    ordering_fields = ["site", "contact_point"]

    def get_queryset(self) -> QuerySet:
        qs = CollectionPoint.objects.for_user(self.request.user)
        return self.scope(qs).order_by("organization_id", "site_id", "contact_point_id", "pk")

    @extend_schema(responses={(200, "image/png"): bytes})
    @action(detail=True, methods=["get"])
    def png(self, request: Request, pk: Any = None) -> HttpResponse:
        point = self.get_object()
        return HttpResponse(qr_png(page_url(request, point)), content_type="image/png")


class EvaluationFilterSet(FilterSet):  # core's: numbers in queries are bounded
    submitted_after = df.IsoDateTimeFilter(field_name="submitted_at", lookup_expr="gte")
    submitted_before = df.IsoDateTimeFilter(field_name="submitted_at", lookup_expr="lt")

    class Meta:
        model = Evaluation
        fields = ["site", "contact_point", "channel", "low"]


class AnswerSerializer(serializers.Serializer):
    question = serializers.IntegerField(source="question_id")
    value = serializers.IntegerField(allow_null=True)
    text = serializers.CharField()


class EvaluationSerializer(serializers.ModelSerializer):
    answers = AnswerSerializer(many=True, read_only=True)
    version = serializers.IntegerField(source="instrument_version.number", read_only=True)

    class Meta:
        model = Evaluation
        fields = [
            "id", "organization", "site", "contact_point", "collection_point", "instrument_version",
            "version", "submitted_at", "language", "channel", "visit_id", "comment", "low",
            "answers",
        ]  # fmt: skip


class BulkRowSerializer(serializers.Serializer):
    """One evaluation of a bulk call (documented here; checked by the service, in
    memory, all rows at once)."""

    token = serializers.CharField(max_length=64, required=False, help_text="or collection_point")
    collection_point = serializers.IntegerField(required=False, help_text="or token")
    submission_id = serializers.CharField(max_length=64)
    submitted_at = serializers.DateTimeField(required=False, help_text="not in the future")
    language = serializers.CharField(max_length=10, required=False, default="en")
    channel = serializers.ChoiceField(
        choices=["qr", "link", "kiosk", "import"], required=False, default="import"
    )
    answers = serializers.DictField(child=serializers.JSONField())
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    visit_id = serializers.CharField(max_length=64, required=False, allow_blank=True)


class BulkSerializer(serializers.Serializer):
    evaluations = BulkRowSerializer(many=True, max_length=MAX_BULK)


class BulkResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    created = serializers.BooleanField()


class BulkOutcomeSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    existing = serializers.IntegerField()
    results = BulkResultSerializer(many=True)


ROW_FIELDS = {
    "token": str,
    "collection_point": int,
    "submission_id": str,
    "submitted_at": str,
    "language": str,
    "channel": str,
    "comment": str,
    "visit_id": str,
}


def bulk_rows(data: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The rows of a bulk body, and what is wrong with its shape (row index -> field
    -> message); the content is the service's to check."""
    rows = data.get("evaluations") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows:
        return [], {"evaluations": [_("Send the evaluations as a list (at least one).")]}
    if len(rows) > MAX_BULK:
        return [], {"evaluations": [_("Send at most %(n)s evaluations a call.") % {"n": MAX_BULK}]}
    errors: dict[str, Any] = {}
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            errors[str(index)] = {"evaluation": _("Send each evaluation as an object.")}
            continue
        wrong = {
            name: _("This value has the wrong type.")
            for name, kind in ROW_FIELDS.items()
            if row.get(name) is not None
            and (not isinstance(row[name], kind) or isinstance(row[name], bool))
        }
        if not row.get("token") and row.get("collection_point") is None:
            wrong["token"] = _("Give the collection point's token or its id.")
        if wrong:
            errors[str(index)] = wrong
    return rows, {"errors": errors} if errors else {}


class EvaluationBulkMixin:
    @extend_schema(
        request=BulkSerializer,
        responses={200: BulkOutcomeSerializer, 201: BulkOutcomeSerializer},
    )
    @action(detail=False, methods=["post"])
    def bulk(self, request: Request) -> Response:
        """Up to 1,000 evaluations collected elsewhere, all or nothing: 201 when any
        was stored, 200 when every submission id was stored before; 400 with an error
        per row index and field, nothing stored. Needs measurement.manage_instruments
        and the sites of the collection points."""
        rows, problem = bulk_rows(request.data)
        if problem:
            return Response(problem, status=400)
        try:
            outcome = evaluations_bulk(
                actor=request.user, organization=target_organization(request), rows=rows
            )
        except BulkInvalid as invalid:
            errors = {str(index): wrong for index, wrong in sorted(invalid.errors.items())}
            return Response({"errors": errors}, status=400)
        body = {
            "created": outcome.created_count,
            "existing": outcome.existing_count,
            "results": [
                {"id": pk, "created": created}
                for pk, created in zip(outcome.ids, outcome.created, strict=True)
            ],
        }
        return Response(body, status=201 if outcome.created_count else 200)


class EvaluationViewSet(
    EvaluationBulkMixin,
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Customer evaluations of the sites in scope (filters: site, contact point,
    channel, low, period)."""

    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilterSet
    ordering_fields = ["submitted_at"]

    def get_queryset(self) -> QuerySet:
        qs = Evaluation.objects.for_user(self.request.user).select_related("instrument_version")
        qs = qs.prefetch_related("answers")
        return self.scope(qs).order_by("organization_id", "-submitted_at", "-pk")
