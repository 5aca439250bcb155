"""The account menu's API tokens page, and the one login lockout of every way in."""

import pytest
from django.contrib.auth import authenticate
from django.test import Client
from rest_framework.test import APIClient

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


# -- one lockout for every way in -------------------------------------------------------


def _admin_login(client: Client, username: str, password: str):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def _token(username: str, password: str):
    return APIClient().post(
        "/api/v1/auth/token/", {"username": username, "password": password}, format="json"
    )


def _assert_locked(response) -> None:
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_admin_login_is_locked_after_five_failures(world):
    client = Client()
    for _attempt in range(5):
        assert _admin_login(client, "root", "wrong").status_code == 200
    response = _admin_login(client, "root", "pw")
    _assert_locked(response)
    assert "Too many failed attempts" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still not logged in
    # The same lock holds at the login page and the token endpoint.
    _assert_locked(Client().post("/login/", {"username": "root", "password": "pw"}))
    _assert_locked(_token("root", "pw"))


def test_a_lock_from_the_token_endpoint_closes_the_admin_login(world):
    for _attempt in range(5):
        assert _token("root", "wrong").status_code == 400
    client = Client()
    _assert_locked(_admin_login(client, "root", "pw"))
    assert client.get("/admin/").status_code == 302


def test_failures_on_different_ways_in_add_up(world):
    _token("viewer", "wrong")
    _token("viewer", "wrong")
    Client().post("/login/", {"username": "viewer", "password": "wrong"})
    Client().post("/login/", {"username": "viewer", "password": "wrong"})
    _admin_login(Client(), "viewer", "wrong")
    _assert_locked(_token("viewer", "pw"))


def test_login_page_lock_says_when_to_retry(world):
    client = Client()
    for _attempt in range(5):
        client.post("/login/", {"username": "viewer", "password": "wrong"})
    response = client.post("/login/", {"username": "viewer", "password": "pw"})
    _assert_locked(response)
    assert int(response["Retry-After"]) <= 300


def test_the_lock_cannot_be_dodged_by_calling_authenticate(world, rf):
    """Any future way in that checks a password through Django is locked too."""
    for _attempt in range(5):
        _token("viewer", "wrong")
    request = rf.post("/anywhere/")
    assert authenticate(request, username="viewer", password="pw") is None


def test_the_admin_password_form_shares_the_lock(world):
    """Guessing the old password on the admin's password form counts, and is locked."""
    client = Client()
    client.force_login(world.users["root"])
    url = "/admin/password_change/"
    change = {"new_password1": "Quiet-Harbor-Lamp-9", "new_password2": "Quiet-Harbor-Lamp-9"}
    for _attempt in range(5):
        response = client.post(url, {"old_password": "wrong", **change})
        assert response.status_code == 200
    response = client.post(url, {"old_password": "pw", **change})
    _assert_locked(response)
    world.users["root"].refresh_from_db()
    assert world.users["root"].check_password("pw")
    _assert_locked(Client().post("/login/", {"username": "root", "password": "pw"}))
