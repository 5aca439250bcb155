"""Posters and table tents per site: a PDF page per collection point with its QR
code and its name in both languages, from the page and the API."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from fuwu.measurement import services
from tests.documents.manual_support import needs_pdftotext, pdf_pages, pdf_text

from .conftest import controlled_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def points(world, point):
    second = controlled_point(world, code="BR")
    return [
        services.collection_point_create(
            actor=world.users["quality"],
            organization=world.org,
            site=world.sites[0],
            contact_point=contact_point,
        )
        for contact_point in (point, second)
    ]


@needs_pdftotext
def test_a_page_per_contact_point_in_both_languages(world, points):
    client = world.client("quality")
    listed = client.get("/measurement/collection-points/")
    url = f"/measurement/collection-points/posters/{world.sites[0].pk}/"
    assert url in listed.text
    response = client.get(url + "?language=zh-hans")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pdf_pages(response.content) == 2
    text = pdf_text(response.content)
    assert "请为我们的前台 FD 评分" in text and "Rate our Front desk FD" in text
    assert "Front desk BR" in text and "前台 BR" in text
    assert f"/e/{points[0].token}/" in text.replace(" ", "")
    english = client.get(url + "?language=en")
    assert english.status_code == 200 and "Evaluation posters" in pdf_text(english.content)
    assert client.get(url + "?language=fr").status_code == 400


def test_posters_are_scoped_to_the_readers_sites(world, points):
    url = f"/measurement/collection-points/posters/{world.sites[1].pk}/"
    assert world.client("manager").get(url).status_code == 404  # not the manager's site
    outsider = world.client("outsider")
    assert (
        outsider.get(f"/measurement/collection-points/posters/{world.sites[0].pk}/").status_code
        == 404
    )


@needs_pdftotext
def test_the_api_downloads_a_sites_posters(world, points):
    client = APIClient()
    client.force_authenticate(world.users["manager"])
    response = client.get(
        "/api/v1/collection-points/posters/", {"site": world.sites[0].pk, "language": "en"}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Rate our Front desk BR" in pdf_text(response.content)
    assert client.get("/api/v1/collection-points/posters/").status_code == 400
    other = client.get("/api/v1/collection-points/posters/", {"site": world.sites[1].pk})
    assert other.status_code == 404
