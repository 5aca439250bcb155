"""The coverage matrix of 4.4.6: each active contact point against the eight
characteristics, showing which an evaluation question asks about and which an
inspection item checks, and flagging those its specifications name that nothing
covers. Built from the same read as the 4.4.6 check, so page and check agree."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fuwu.core.permissions import in_site_scope
from fuwu.design.models import CharacteristicKey

from ..checks import characteristic_coverage, collecting_points
from .common import MeasurementView


class CoverageView(MeasurementView):
    capability = "measurement.view_instruments"

    def get(self, request: HttpRequest) -> HttpResponse:
        organization = request.organization
        coverage = characteristic_coverage(organization)
        # A contact point appears when it collects at one of the reader's sites.
        points = {}
        for point in collecting_points(organization):
            if in_site_scope(request.user, organization, point.site_id):
                points.setdefault(point.contact_point_id, point.contact_point)
        keys = list(CharacteristicKey)
        rows = []
        for point_id, point in points.items():
            covered = coverage[point_id]
            cells = [
                {
                    "named": key.value in covered.named,
                    "asked": key.value in covered.asked,
                    "inspected": key.value in covered.inspected,
                    "missing": key.value in covered.missing,
                }
                for key in keys
            ]
            rows.append({"point": point, "cells": cells, "missing": len(covered.missing)})
        return render(
            request,
            "measurement/coverage.html",
            {
                "characteristics": [key.label for key in keys],
                "rows": rows,
                "gaps": sum(row["missing"] for row in rows),
            },
        )
