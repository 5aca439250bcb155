"""Shared start-up for benchmark scripts: a fresh database, migrated."""

from __future__ import annotations

import os
import tempfile


def django_ready() -> str:
    """Point Fuwu at a fresh SQLite file (unless DATABASE_URL is set) and migrate."""
    os.environ.setdefault("FUWU_DATA_DIR", tempfile.mkdtemp(prefix="fuwu-bench-"))
    os.environ.setdefault("FUWU_DEBUG", "1")
    os.environ.setdefault("FUWU_ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fuwu.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from django.db import connection

    return connection.vendor


def fresh_org(slug: str) -> tuple:
    from fuwu.core.models import Organization, User
    from fuwu.core.services import organization_create

    root, _ = User.objects.get_or_create(username="bench-root", defaults={"is_superuser": True})
    Organization.objects.filter(slug=slug).update(slug=f"{slug}-old-{Organization.objects.count()}")
    org = organization_create(actor=root, data={"name_en": slug, "slug": slug})
    return org, root
