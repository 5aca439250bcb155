"""The app is plugged in: its pages answer, a complaint is numbered CP-YEAR-NNNN."""

from django.urls import reverse

from .conftest import log


def test_a_complaint_is_numbered_and_its_pages_answer(world):
    record = log(world)
    assert record.number.startswith("CP-") and record.first_owner == world.users["staff"]
    client = world.client("staff")
    for url in (
        reverse("operations:request_list"),
        reverse("operations:request_log"),
        reverse("operations:request_overdue"),
        record.get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url
    assert world.client("quality").get(reverse("operations:settings")).status_code == 200
