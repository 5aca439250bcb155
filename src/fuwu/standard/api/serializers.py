"""Serializers of the standard's API."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from fuwu.core.models import Site

from ..claims import in_fuwu
from ..conformity import ClauseConformity
from ..loading import NODE_FIELDS
from ..models import (
    Applicability,
    Assessment,
    AssessmentResult,
    Clause,
    ConformitySnapshot,
    Scope,
)


class ClauseSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent.ref_id", default=None, read_only=True)
    library = serializers.CharField(source="library.ref_id", read_only=True)
    fuwu_en = serializers.SerializerMethodField(
        help_text="What Fuwu does for the clause here, or that it does not support it yet; "
        "empty where the library says nothing."
    )
    fuwu_zh = serializers.SerializerMethodField(help_text="The same in Chinese.")
    fuwu_apps = serializers.SerializerMethodField(
        help_text="The installed apps that provide it; empty: not supported yet."
    )

    class Meta:
        model = Clause
        fields = [
            "id",
            "library",
            "urn",
            "ref_id",
            "parent",
            "depth",
            *NODE_FIELDS,  # everything the library states about a clause
            "fuwu_en",
            "fuwu_zh",
            "fuwu_apps",
        ]
        read_only_fields = fields

    # Only the claims whose apps are installed: the stored list would promise what is not there.
    def get_fuwu_en(self, clause: Clause) -> str:
        found = in_fuwu(clause)
        return found.text("en") if found else ""

    def get_fuwu_zh(self, clause: Clause) -> str:
        found = in_fuwu(clause)
        return found.text("zh") if found else ""

    def get_fuwu_apps(self, clause: Clause) -> list[str]:
        found = in_fuwu(clause)
        return found.apps if found else []


class ApplicabilitySerializer(serializers.Serializer):
    clause = serializers.CharField(read_only=True)
    title_en = serializers.CharField(read_only=True)
    title_zh = serializers.CharField(read_only=True)
    excludable = serializers.BooleanField(read_only=True)
    applicable = serializers.BooleanField()
    justification_en = serializers.CharField(allow_blank=True, required=False, default="")
    justification_zh = serializers.CharField(allow_blank=True, required=False, default="")
    justification = serializers.CharField(
        read_only=True, help_text=_("The justification in the reader's language.")
    )
    decided_by = serializers.CharField(read_only=True, allow_null=True)
    decided_at = serializers.DateTimeField(read_only=True, allow_null=True)

    @staticmethod
    def row(clause: Clause, decision: Applicability | None) -> dict[str, Any]:
        return {
            "clause": clause.ref_id,
            "title_en": clause.title_en,
            "title_zh": clause.title_zh,
            "excludable": clause.excludable,
            "applicable": decision.applicable if decision else True,
            "justification_en": decision.justification_en if decision else "",
            "justification_zh": decision.justification_zh if decision else "",
            "justification": decision.justification if decision else "",
            "decided_by": decision.decided_by.username
            if decision and decision.decided_by
            else None,
            "decided_at": decision.decided_at if decision else None,
        }


class AssessmentSerializer(serializers.ModelSerializer):
    clause = serializers.CharField(source="clause.ref_id")
    assessed_by = serializers.CharField(source="assessed_by.username", default=None, read_only=True)
    result = serializers.ChoiceField(choices=AssessmentResult.choices)
    note = serializers.CharField(read_only=True, help_text=_("The note in the reader's language."))

    class Meta:
        model = Assessment
        fields = [
            "id",
            "organization",
            "clause",
            "result",
            "note_en",
            "note_zh",
            "note",
            "evidence",
            "assessed_by",
            "assessed_at",
        ]
        read_only_fields = ["id", "organization", "note", "assessed_by", "assessed_at"]


class RecordSerializer(serializers.Serializer):
    label = serializers.CharField()
    url = serializers.CharField()


class CheckSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    message = serializers.CharField()
    records = RecordSerializer(many=True)


class ConformitySerializer(serializers.Serializer):
    """One clause of the conformity report."""

    clause = serializers.CharField()
    title_en = serializers.CharField()
    title_zh = serializers.CharField()
    process = serializers.CharField()
    status = serializers.CharField()
    checks = CheckSerializer(many=True)
    manual = AssessmentSerializer(allow_null=True)
    applicable = serializers.BooleanField()
    justification = serializers.CharField()

    @staticmethod
    def row(item: ClauseConformity) -> dict[str, Any]:
        return {
            "clause": item.clause.ref_id,
            "title_en": item.clause.title_en,
            "title_zh": item.clause.title_zh,
            "process": item.clause.process,
            "status": item.status.value,
            "checks": [
                {
                    "id": c.id,
                    "title": str(c.title),
                    "status": r.status.value,
                    "message": r.message,
                    "records": [{"label": link.label, "url": link.url} for link in r.records],
                }
                for c, r in item.checks
            ],
            "manual": AssessmentSerializer(item.manual).data if item.manual else None,
            "applicable": item.applicable,
            "justification": item.justification,
        }


class SnapshotSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConformitySnapshot
        fields = ["taken_on", "summary", "statuses"]
        read_only_fields = fields


class ScopeSerializer(serializers.ModelSerializer):
    """The scope of the SMS (clause 1). `sites` lists the sites in scope when
    `all_sites` is false; with `all_sites` true it is empty."""

    organization = serializers.PrimaryKeyRelatedField(read_only=True)
    sites = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Site.objects.none()
    )
    iso9001_certifier = serializers.CharField(
        read_only=True, help_text=_("The certification body in the reader's language.")
    )

    class Meta:
        model = Scope
        fields = [
            "organization",
            "statement_en",
            "statement_zh",
            "all_sites",
            "sites",
            "iso9001_certificate",
            "iso9001_certifier_en",
            "iso9001_certifier_zh",
            "iso9001_certifier",
            "iso9001_valid_until",
            "updated_at",
        ]
        read_only_fields = ["organization", "updated_at"]

    def __init__(self, *args: Any, organization: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organization is not None:
            # Only this organization's sites can be named; another's is "does not exist".
            self.fields["sites"].child_relation.queryset = Site.objects.filter(
                organization=organization
            )
