"""The standard's demo data: Lakeside's scope with its ISO 9001 certificate, which
has its validity date like any real certificate."""

from __future__ import annotations

from datetime import date

import pytest

from fuwu.standard.models import Scope

pytestmark = pytest.mark.django_db


def test_the_demo_scope_names_its_certificate_with_its_validity(demo_scene):
    scope = Scope.objects.get(organization__slug="lakeside")
    assert scope.iso9001_certificate and scope.iso9001_certifier
    assert scope.iso9001_valid_until == date(2027, 5, 31)
