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
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fuwu.core.api.schema import NamedChoiceField
from fuwu.core.api.views import OrganizationScopedMixin, target_organization
from fuwu.core.filtersets import FilterSet
from fuwu.core.ids import parse_id
from fuwu.core.models import Membership, Site
from fuwu.core.permissions import CAPABILITIES, require
from fuwu.design.models import Characteristic, Indicator

from ..models import (
    CallBackRequest,
    CallBackStatus,
    CollectionPoint,
    ContactKind,
    Dimension,
    Evaluation,
    Instrument,
    InstrumentKind,
    PairRole,
    Question,
)
from ..posters import LANGUAGES as POSTER_LANGUAGES
from ..posters import points_of, poster_file
from ..qr import qr_png, qr_svg
from ..services.call_backs import HANDLE, call_back_done, call_back_erase, consent_texts
from ..services.collection import (
    MAX_BULK,
    BulkInvalid,
    SubmissionInvalid,
    evaluation_submit,
    evaluations_bulk,
    point_for_token,
)
from ..services.evaluations import (
    MANAGE,
    QuestionsInvalid,
    instrument_revise,
    max_questions,
)
from ..studies import results_for
from ..throttles import SLOW_DOWN, EvaluationThrottle, FormThrottle


class QuestionSerializer(serializers.ModelSerializer):
    min = serializers.SerializerMethodField()
    max = serializers.SerializerMethodField()
    characteristic = serializers.SlugRelatedField(slug_field="key", read_only=True)
    options_en = serializers.SerializerMethodField()
    options_zh = serializers.SerializerMethodField()
    role = NamedChoiceField(
        choices=PairRole.choices, enum_name="QuestionPairRoleEnum", allow_blank=True, read_only=True
    )
    dimension = NamedChoiceField(
        choices=Dimension.choices,
        enum_name="ServqualDimensionEnum",
        allow_blank=True,
        read_only=True,
    )

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


class CallBackAskSerializer(serializers.Serializer):
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
    call_back = CallBackAskSerializer(required=False, allow_null=True, default=None)


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
    # Checked by the service: a contact without consent is refused, never stored.
    values["call_back"] = data.get("call_back")
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
            "kind": point.instrument.kind,
            "questions": version.questions.select_related("characteristic"),
            "offers_call_back": point.instrument.offer_call_back,
            "call_back_consent_en": consent_texts("en")[1],
            "call_back_consent_zh": consent_texts("zh-hans")[1],
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


class InstrumentVersionSerializer(serializers.Serializer):
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
    organization: Any, raw: Any, limit: int
) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """The posted questions as the service takes them, and an error per question
    number whose characteristic or indicator is not this organization's."""
    if not isinstance(raw, list) or not raw:
        return [], {"questions": [_("An instrument needs at least one question.")]}
    if len(raw) > limit:
        return [], {"questions": [_("An instrument asks at most %(n)s questions.") % {"n": limit}]}
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
            indicator = indicators.get(pk) if type(pk) is int else None  # not a bool
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

    @extend_schema(request=RevisionSerializer, responses={201: InstrumentVersionSerializer})
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, pk: Any = None) -> Response:
        """Edit the questions: a new version (201); earlier versions and the answers
        given to them stay as they were. 400 with an error per question number."""
        instrument = self.get_object()
        require(request.user, instrument.organization, MANAGE)
        raw = request.data.get("questions") if isinstance(request.data, dict) else None
        questions, errors = _revision_questions(
            instrument.organization, raw, max_questions(instrument.kind)
        )
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
        return Response(InstrumentVersionSerializer(data).data, status=201)


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


class CallBackRequestSerializer(serializers.ModelSerializer):
    status = NamedChoiceField(
        choices=CallBackStatus.choices, enum_name="CallBackStatusEnum", read_only=True
    )
    contact_kind = NamedChoiceField(
        choices=ContactKind.choices, enum_name="CallBackContactKindEnum", read_only=True
    )
    contact_point = serializers.IntegerField(source="evaluation.contact_point_id", read_only=True)

    class Meta:
        model = CallBackRequest
        fields = [
            "id", "organization", "site", "contact_point", "evaluation", "contact", "contact_kind",
            "purpose", "consent_text", "consented_at", "status", "done_at", "done_by", "erased_at",
        ]  # fmt: skip
        read_only_fields = fields


class CallBackFilterSet(FilterSet):
    class Meta:
        model = CallBackRequest
        fields = ["site", "status"]


class CallBackViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Customers' call-back requests of the sites in scope, for those who call back
    (`measurement.handle_call_backs`): mark one done, erase its contact."""

    serializer_class = CallBackRequestSerializer
    filterset_class = CallBackFilterSet
    ordering_fields = ["consented_at"]

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return CallBackRequest.objects.none()
        user = self.request.user
        qs = CallBackRequest.objects.for_user(user).select_related("evaluation")
        if not user.is_superuser:
            roles = CAPABILITIES.get(HANDLE, frozenset())
            qs = qs.filter(
                organization__in=Membership.objects.filter(user=user, role__in=roles).values(
                    "organization"
                )
            )
        return self.scope(qs).order_by("organization_id", "-consented_at", "-pk")

    @extend_schema(request=None, responses=CallBackRequestSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request: Request, pk: Any = None) -> Response:
        """The customer was called back."""
        return Response(
            CallBackRequestSerializer(
                call_back_done(actor=request.user, request=self.get_object())
            ).data
        )

    @extend_schema(request=None, responses=CallBackRequestSerializer)
    @action(detail=True, methods=["post"])
    def erase(self, request: Request, pk: Any = None) -> Response:
        """Erase the contact: blanked, the erasure audited (never the contact)."""
        return Response(
            CallBackRequestSerializer(
                call_back_erase(actor=request.user, request=self.get_object())
            ).data
        )
