"""Deleting a row other records still refer to (a protected foreign key) is refused
with 409 and a message naming what refers to it, never a 500, and nothing is written."""

import pytest

from fuwu.core.models import AuditEntry
from fuwu.design.models import Indicator
from fuwu.measurement.services import evaluations as evaluation_services

pytestmark = pytest.mark.django_db


def test_an_indicator_a_question_asks_about_is_not_deleted(world):
    from fuwu.design import services as design

    design.seed_reference_data(world.org)
    indicator = Indicator.objects.filter(organization=world.org).first()
    evaluation_services.instrument_create(
        actor=world.users["quality"],
        organization=world.org,
        data={"name_en": "Shared", "name_zh": "共用"},
        questions=[{"type": "rating", "indicator": indicator, "text_en": "Q", "text_zh": "问"}],
    )
    entries = AuditEntry.objects.count()
    response = world.client("admin").delete(f"/api/v1/indicators/{indicator.pk}/")
    assert response.status_code == 409, response.content
    assert "cannot be deleted" in response.json()["detail"]
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    assert AuditEntry.objects.count() == entries
