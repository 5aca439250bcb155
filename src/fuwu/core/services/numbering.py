"""Human-readable record numbers: PREFIX-YEAR-NNNN, gapless per organization."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import NumberSequence, Organization


def number_next(*, organization: Organization, prefix: str, year: int | None = None) -> str:
    """Reserve the next number. Call inside the transaction that creates the record,
    so a rolled-back create gives its number back."""
    year = year or timezone.localdate().year
    rows = NumberSequence.objects.select_for_update()
    with transaction.atomic():
        try:
            with transaction.atomic():
                NumberSequence.objects.get_or_create(
                    organization=organization, prefix=prefix, year=year
                )
        except IntegrityError:
            pass  # created concurrently
        seq = rows.get(organization=organization, prefix=prefix, year=year)
        seq.last += 1
        seq.save(update_fields=["last"])
    return f"{prefix}-{year}-{seq.last:04d}"


def numbers_next(*, organization: Organization, prefix: str, year: int, count: int) -> list[str]:
    """Reserve `count` consecutive numbers at once (bulk paths, imports)."""
    if count <= 0:
        return []
    rows = NumberSequence.objects.select_for_update()
    with transaction.atomic():
        try:
            with transaction.atomic():
                NumberSequence.objects.get_or_create(
                    organization=organization, prefix=prefix, year=year
                )
        except IntegrityError:
            pass  # created concurrently
        seq = rows.get(organization=organization, prefix=prefix, year=year)
        first = seq.last + 1
        seq.last += count
        seq.save(update_fields=["last"])
    return [f"{prefix}-{year}-{n:04d}" for n in range(first, first + count)]
