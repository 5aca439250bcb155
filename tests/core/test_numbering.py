"""Record numbers: PREFIX-YEAR-NNNN, counted per organization, prefix and year,
never handed out twice, not even to concurrent writers."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from fuwu.core.models import NumberSequence, Organization
from fuwu.core.services import number_next
from tests.core.helpers import requires_postgres, run_in_threads
from tests.factories import OrganizationFactory


@pytest.mark.django_db
def test_numbers_count_up_from_one(world):
    numbers = [number_next(organization=world.org, prefix="NC", year=2026) for _ in range(3)]
    assert numbers == ["NC-2026-0001", "NC-2026-0002", "NC-2026-0003"]
    row = NumberSequence.objects.get(organization=world.org, prefix="NC", year=2026)
    assert row.last == 3
    assert str(row) == "NC-2026-0003"


@pytest.mark.django_db
def test_the_year_defaults_to_this_year(world):
    year = timezone.localdate().year
    assert number_next(organization=world.org, prefix="CA") == f"CA-{year}-0001"
    assert number_next(organization=world.org, prefix="CA", year=year) == f"CA-{year}-0002"


@pytest.mark.django_db
def test_sequences_are_per_organization_prefix_and_year(world):
    org, other = world.org, world.other_org
    assert number_next(organization=org, prefix="NC", year=2026) == "NC-2026-0001"
    assert number_next(organization=org, prefix="NC", year=2026) == "NC-2026-0002"
    assert number_next(organization=other, prefix="NC", year=2026) == "NC-2026-0001"
    assert number_next(organization=org, prefix="CA", year=2026) == "CA-2026-0001"
    assert number_next(organization=org, prefix="NC", year=2027) == "NC-2027-0001"
    assert number_next(organization=org, prefix="NC", year=2026) == "NC-2026-0003"
    assert NumberSequence.objects.count() == 4


@pytest.mark.django_db
def test_numbers_grow_past_four_digits(world):
    number_next(organization=world.org, prefix="NC", year=2026)
    NumberSequence.objects.filter(organization=world.org).update(last=9999)
    assert number_next(organization=world.org, prefix="NC", year=2026) == "NC-2026-10000"


@pytest.mark.django_db
def test_a_rolled_back_create_gives_its_number_back(world):
    assert number_next(organization=world.org, prefix="NC", year=2026) == "NC-2026-0001"
    with pytest.raises(RuntimeError), transaction.atomic():
        assert number_next(organization=world.org, prefix="NC", year=2026) == "NC-2026-0002"
        raise RuntimeError("the record could not be saved")
    assert number_next(organization=world.org, prefix="NC", year=2026) == "NC-2026-0002"


@pytest.mark.django_db
def test_a_rolled_back_first_number_leaves_no_sequence(world):
    with pytest.raises(RuntimeError), transaction.atomic():
        number_next(organization=world.org, prefix="NEW", year=2026)
        raise RuntimeError
    assert not NumberSequence.objects.filter(prefix="NEW").exists()
    assert number_next(organization=world.org, prefix="NEW", year=2026) == "NEW-2026-0001"


# -- concurrency (PostgreSQL) ---------------------------------------------------------


def _take(org_pk: int, prefix: str, count: int) -> list[str]:
    organization = Organization.objects.get(pk=org_pk)
    return [number_next(organization=organization, prefix=prefix, year=2026) for _ in range(count)]


@requires_postgres
def test_concurrent_callers_never_get_the_same_number(transactional_db):
    """Eight threads race from the very first number, when even the sequence row does
    not exist yet, then keep drawing."""
    org = OrganizationFactory()
    results = run_in_threads(8, lambda i: _take(org.pk, "NC", 25))
    numbers = [n for batch in results for n in batch]
    assert len(numbers) == 200
    assert sorted(numbers) == [f"NC-2026-{n:04d}" for n in range(1, 201)]
    for batch in results:  # each caller sees its own numbers rise
        assert batch == sorted(batch)
    assert NumberSequence.objects.get(organization=org, prefix="NC").last == 200


@requires_postgres
def test_concurrent_callers_inside_their_own_transactions(transactional_db):
    """Numbers drawn inside a longer transaction (the record's create) stay unique,
    and a caller that rolls back gives its number back for the next."""
    org = OrganizationFactory()

    def work(i: int) -> list[str]:
        organization = Organization.objects.get(pk=org.pk)
        kept = []
        for n in range(10):
            try:
                with transaction.atomic():
                    number = number_next(organization=organization, prefix="CA", year=2026)
                    if (i + n) % 4 == 0:
                        raise LookupError("the create failed")
                    kept.append(number)
            except LookupError:
                pass
        return kept

    results = run_in_threads(4, work)
    numbers = sorted(n for batch in results for n in batch)
    assert len(numbers) == len(set(numbers)) == 30
    assert numbers == [f"CA-2026-{n:04d}" for n in range(1, 31)]


@requires_postgres
def test_concurrent_callers_of_different_organizations(transactional_db):
    orgs = [OrganizationFactory() for _ in range(3)]
    results = run_in_threads(6, lambda i: _take(orgs[i % 3].pk, "NC", 20))
    for k, org in enumerate(orgs):
        numbers = sorted(results[k] + results[k + 3])
        assert numbers == [f"NC-2026-{n:04d}" for n in range(1, 41)], org
