"""The evaluation API: the public form and submission (no login, by token), and
the authenticated registers of instruments, collection points and evaluations."""

from __future__ import annotations

from typing import Any

import django_filters as df
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fuwu.core.api.views import OrganizationScopedMixin
from fuwu.core.filtersets import FilterSet
from fuwu.core.ids import parse_id
from fuwu.core.models import Site
from fuwu.core.permissions import require
from fuwu.design.models import Characteristic, Indicator

from ..models import CollectionPoint, Evaluation, Instrument, InstrumentKind, Question
from ..posters import LANGUAGES as POSTER_LANGUAGES
from ..posters import points_of, poster_file
from ..qr import qr_png, qr_svg
from ..services.call_backs import consent_texts
from ..services.collection import SubmissionInvalid, evaluation_submit, point_for_token
from ..services.evaluations import MANAGE, MAX_QUESTIONS, QuestionsInvalid, instrument_revise
from ..studies import results_for
from ..views.public import SLOW_DOWN, rate_limited


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
            "pair_key", "role", "dimension",
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
    kind = serializers.CharField()
    questions = QuestionSerializer(many=True)
    offers_call_back = serializers.BooleanField()
    call_back_consent_en = serializers.CharField(
        help_text="What the customer agrees to by asking for a call-back: show it by the box."
    )
    call_back_consent_zh = serializers.CharField()


class CallBackSerializer(serializers.Serializer):
    consent = serializers.BooleanField(
        default=False,
        help_text="True only when the customer ticked the consent: to be contacted about "
        "this evaluation. A contact without it is refused (400) and never stored.",
    )
    contact = serializers.CharField(
        max_length=254, required=False, allow_blank=True, default="", help_text="Phone or e-mail."
    )


class SubmissionSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=64)
    submission_id = serializers.CharField(max_length=64)
    language = serializers.CharField(max_length=10, required=False, default="en")
    answers = serializers.DictField(child=serializers.JSONField())
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    visit_id = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    channel = serializers.ChoiceField(choices=["qr", "link", "kiosk"], required=False, default="qr")
    call_back = CallBackSerializer(required=False, allow_null=True, default=None)


class SubmittedSerializer(serializers.Serializer):
    id = serializers.IntegerField()


class PublicFormView(APIView):
    """The form of a collection point, for a customer's app or kiosk."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

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
            "kind": point.instrument.kind,
            "questions": version.questions.select_related("characteristic"),
            "offers_call_back": point.instrument.offer_call_back,
            "call_back_consent_en": consent_texts("en")[1],
            "call_back_consent_zh": consent_texts("zh-hans")[1],
        }
        return Response(PublicFormSerializer(data).data)


class PublicEvaluationView(APIView):
    """A customer's evaluation: 201 when stored, 200 with the same id when this
    submission id was stored before, 400 with an error per question."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=SubmissionSerializer, responses={200: SubmittedSerializer, 201: SubmittedSerializer}
    )
    def post(self, request: Request) -> Response:
        if rate_limited(request, "api"):
            return Response(
                {"detail": _(SLOW_DOWN)},
                status=429,
            )
        serializer = SubmissionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        point = point_for_token(data["token"])
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
            "kind",
            "offer_call_back",
            "version",
            "questions",
        ]

    @extend_schema(responses=QuestionSerializer(many=True))
    def get_questions(self, instrument: Instrument) -> Any:
        if instrument.current_version_id is None:
            return []
        return QuestionSerializer(instrument.current_version.questions.all(), many=True).data


class RevisionSerializer(serializers.Serializer):
    questions = serializers.ListField(
        child=serializers.DictField(),
        help_text="The new version's questions in order, each as GET returns them "
        "(characteristic by key, indicator by id; id, min and max are ignored).",
    )


class VersionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    questions = QuestionSerializer(many=True)


class KanoAttributeSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    key = serializers.CharField()
    label = serializers.CharField()
    counts = serializers.DictField(child=serializers.IntegerField())
    respondents = serializers.IntegerField()
    category = serializers.CharField(allow_null=True)
    better = serializers.FloatField(allow_null=True)
    worse = serializers.FloatField(allow_null=True)


class ServqualItemSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    key = serializers.CharField()
    label = serializers.CharField()
    dimension = serializers.CharField()
    expectation = serializers.FloatField()
    perception = serializers.FloatField()
    gap = serializers.FloatField()
    respondents = serializers.IntegerField()


class StudyResultsSerializer(serializers.Serializer):
    kind = serializers.CharField()
    respondents = serializers.IntegerField()
    attributes = KanoAttributeSerializer(many=True, source="kano")
    items = ServqualItemSerializer(many=True, source="servqual")
    dimensions = serializers.DictField(child=serializers.FloatField())
    overall = serializers.FloatField(allow_null=True)


# What GET returns of a question but a revision does not take.
READ_ONLY_QUESTION_FIELDS = ("id", "min", "max")


def _revision_questions(
    organization: Any, raw: Any
) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """The posted questions as the service takes them, and an error per question
    number whose characteristic or indicator is not this organization's."""
    if not isinstance(raw, list) or not raw:
        return [], {"questions": [_("An instrument needs at least one question.")]}
    if len(raw) > MAX_QUESTIONS:
        return [], {
            "questions": [_("An instrument asks at most %(n)s questions.") % {"n": MAX_QUESTIONS}]
        }
    characteristics = {c.key: c for c in Characteristic.objects.filter(organization=organization)}
    indicators = {i.pk: i for i in Indicator.objects.filter(organization=organization)}
    questions, errors = [], {}
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            errors[str(n)] = [_("Send each question as an object.")]
            continue
        question = {k: v for k, v in item.items() if k not in READ_ONLY_QUESTION_FIELDS}
        for name in ("options_en", "options_zh"):
            if isinstance(question.get(name), list):
                question[name] = "\n".join(str(o) for o in question[name])
        key = question.get("characteristic")
        if key not in (None, ""):
            question["characteristic"] = characteristics.get(str(key))
            if question["characteristic"] is None:
                errors[str(n)] = [_("Unknown characteristic: %(key)s") % {"key": str(key)[:40]}]
        else:
            question["characteristic"] = None
        pk = question.get("indicator")
        if pk not in (None, ""):
            indicator = indicators.get(pk) if isinstance(pk, int) else None
            if indicator is None:
                errors[str(n)] = [_("Unknown indicator.")]
            question["indicator"] = indicator
        else:
            question["indicator"] = None
        questions.append(question)
    return questions, errors


class InstrumentViewSet(OrganizationScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Evaluation instruments with the questions of their current version."""

    serializer_class = InstrumentSerializer
    ordering_fields = ["name_en"]

    def get_queryset(self) -> QuerySet:
        qs = Instrument.objects.for_user(self.request.user).select_related("current_version")
        return self.scope(qs.prefetch_related("contact_points")).order_by(
            "organization_id", "name_en", "pk"
        )

    @extend_schema(responses=StudyResultsSerializer)
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: Any = None) -> Response:
        """A study's results: Kano categories with Berger's better / worse per
        attribute, or SERVQUAL gaps per item and dimension (400 for an instrument
        that is no study)."""
        instrument = self.get_object()
        if instrument.kind == InstrumentKind.STANDARD:
            return Response(
                {"detail": _("Only Kano and SERVQUAL studies have results here.")}, status=400
            )
        return Response(StudyResultsSerializer(results_for(instrument, request.user)).data)

    @extend_schema(request=RevisionSerializer, responses={201: VersionSerializer})
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, pk: Any = None) -> Response:
        """Edit the questions: a new version (201); earlier versions and the answers
        given to them stay as they were. 400 with an error per question number."""
        instrument = self.get_object()
        require(request.user, instrument.organization, MANAGE)
        raw = request.data.get("questions") if isinstance(request.data, dict) else None
        questions, errors = _revision_questions(instrument.organization, raw)
        if errors:
            return Response({"questions": errors}, status=400)
        try:
            version = instrument_revise(
                actor=request.user, instrument=instrument, questions=questions
            )
        except QuestionsInvalid as invalid:
            return Response(
                {"questions": {n: [text] for n, text in invalid.by_question.items()}}, status=400
            )
        except ValidationError as error:
            return Response({"questions": error.messages}, status=400)
        data = {
            "id": version.pk,
            "number": version.number,
            "created_at": version.created_at,
            "questions": version.questions.select_related("characteristic"),
        }
        return Response(VersionSerializer(data).data, status=201)


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

    @extend_schema(
        parameters=[
            OpenApiParameter("site", int, required=True),
            OpenApiParameter("language", str, enum=["en", "zh-hans"]),
        ],
        responses={(200, "application/pdf"): bytes},
    )
    @action(detail=False, methods=["get"])
    def posters(self, request: Request) -> HttpResponse:
        """The posters of a site as a PDF: a page per collection point with its QR
        code and its name in both languages."""
        site_id = parse_id(request.query_params.get("site"))
        language = request.query_params.get("language", "en")
        if site_id is None or language not in POSTER_LANGUAGES:
            return Response(
                {"site": [_("Give the site's id and a language (en or zh-hans).")]}, status=400
            )
        site = Site.objects.for_user(request.user).filter(pk=site_id).first()
        if site is None:
            raise NotFound()
        points = points_of(site, CollectionPoint.objects.for_user(request.user))
        built = poster_file(site, points, lambda p: page_url(request, p), language=language)
        return built.response()

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


class EvaluationViewSet(
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
