"""The account menu's API tokens page."""

import pytest

from fuwu.core.models import ApiToken

pytestmark = pytest.mark.django_db


def test_create_use_and_revoke_a_token(world):
    client = world.client("viewer")
    assert "You have no API tokens." in client.get("/account/tokens/").content.decode()
    response = client.post("/account/tokens/")
    assert response.status_code == 201
    key = response.context["new_key"]
    assert key in response.content.decode()
    token = ApiToken.objects.get(user=world.users["viewer"])
    assert token.digest != key  # stored as a fingerprint only

    api = world.client("viewer")
    api.logout()
    assert api.get("/api/v1/sites/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200

    client.post(f"/account/tokens/{token.pk}/revoke/")
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert api.get("/api/v1/sites/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_cannot_revoke_someone_elses_token(world):
    token = ApiToken.objects.create(user=world.users["admin"], prefix="x", digest="y" * 64)
    response = world.client("viewer").post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()
