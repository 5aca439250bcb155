"""`fuwu manage seed_demo`: the demo organizations, their sites and logins."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuwu.core import clock, demo
from fuwu.core.audit import chain_in_time_order
from fuwu.core.models import Organization, Role, User
from fuwu.core.services import membership_add, organization_create, site_create

T = TypeVar("T")
PASSWORD = "demo"
LAKESIDE_SITES = [
    ("HZ01", "Lakeside Hotel West Lake", "湖畔酒店西湖店", "18 Beishan Road, Hangzhou"),
    ("SZ01", "Lakeside Hotel Jinji Lake", "湖畔酒店金鸡湖店", "9 Xinggang Street, Suzhou"),
    ("WX01", "Lakeside Hotel Taihu", "湖畔酒店太湖店", "66 Huanhu Road, Wuxi"),
]
LAKESIDE_USERS = [
    # username, first, last, role, sites (None: all)
    ("demo", "Lin", "Wei", Role.ADMIN, None),
    ("auditor", "Chen", "Jing", Role.AUDITOR, None),
    ("manager", "Zhao", "Min", Role.SITE_MANAGER, ["HZ01"]),
    ("staff", "Wang", "Fang", Role.STAFF, ["HZ01"]),
    ("quality", "Sun", "Li", Role.QUALITY_MANAGER, None),
    ("viewer", "Zhou", "Yan", Role.VIEWER, None),
]


class Command(BaseCommand):
    help = "Seed the demo organizations (Lakeside Hotels, Harbor Café) if they are not there yet."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--progress", action="store_true", help="Print a line per part as it is seeded."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if Organization.objects.filter(slug="lakeside").exists():
            self.stdout.write("Demo data already present; nothing to do.")
            return
        step = self.step if options.get("progress") else lambda _label, fn: fn()
        with transaction.atomic():
            # Everything is stamped with the time the demo's history claims (core/clock.py):
            # the organizations at its beginning, later steps at theirs.
            with clock.seeding_at(demo.history_began()):
                system = self.system_user()
                orgs, users = step(
                    _("organizations, sites and logins"), lambda: self.seed_core(system)
                )
                for seeder in sorted(demo.SEEDERS, key=lambda item: item.order):
                    # Each step is named by what it seeds, in the reader's language.
                    step(
                        str(seeder.label),
                        lambda fn=seeder.fn: fn(organizations=orgs, users=users),
                    )
            # The apps' seeders each tell their part of the story; seq follows time.
            step(
                _("audit trail in time order"),
                lambda: [chain_in_time_order(org.pk) for org in orgs.values()],
            )
        self.stdout.write(
            self.style.SUCCESS("Demo organizations seeded: Lakeside Hotels, Harbor Café.")
        )

    def step(self, label: str, fn: Callable[[], T]) -> T:
        started = time.monotonic()
        self.stdout.write(f"        {label} ...", ending=" ")
        self.stdout.flush()
        result = fn()
        self.stdout.write(f"done ({time.monotonic() - started:.1f} s)")
        return result

    @staticmethod
    def system_user() -> User:
        user, created = User.objects.get_or_create(
            username="admin",
            defaults={"is_superuser": True, "is_staff": True, "first_name": "Fuwu"},
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        return user

    def seed_core(self, system: User) -> tuple[dict[str, Organization], dict[str, User]]:
        lakeside = organization_create(
            actor=system,
            data={"name_en": "Lakeside Hotels", "name_zh": "湖畔酒店集团", "slug": "lakeside"},
        )
        cafe = organization_create(
            actor=system,
            data={
                "name_en": "Harbor Café",
                "name_zh": "海港咖啡",
                "slug": "harbor-cafe",
                "default_language": "zh-hans",
            },
        )
        sites = {
            code: site_create(
                actor=system,
                organization=lakeside,
                data={"code": code, "name_en": en, "name_zh": zh, "address": addr},
            )
            for code, en, zh, addr in LAKESIDE_SITES
        }
        site_create(
            actor=system,
            organization=cafe,
            data={
                "code": "PIER1",
                "name_en": "Harbor Café Pier 1",
                "name_zh": "海港咖啡一号码头店",
                "address": "1 Pier Road, Qingdao",
            },
        )
        # The logins' password is public ("demo"): it is hashed once, not once per login
        # (a second each on a laptop). Added without one and without an e-mail address,
        # nobody is sent a set-password link; both are set below.
        users: dict[str, User] = {}
        for username, first, last, role, scope in LAKESIDE_USERS:
            membership = membership_add(
                actor=system,
                organization=lakeside,
                username=username,
                role=role,
                all_sites=scope is None,
                sites=[sites[c] for c in scope or []],
                first_name=first,
                last_name=last,
            )
            users[username] = membership.user
            users[username].email = f"{username}@lakeside.example"
        cafe_member = membership_add(
            actor=system,
            organization=cafe,
            username="cafe",
            role=Role.ADMIN,
            first_name="Liu",
            last_name="Yang",
        )
        users["cafe"] = cafe_member.user
        users["cafe"].email = "cafe@harbor.example"
        hashed = make_password(PASSWORD)
        joined = timezone.now()  # the seeding clock's time: date_joined's default bypasses it
        for user in users.values():
            user.password = hashed
            user.date_joined = joined
        User.objects.bulk_update(users.values(), ["email", "password", "date_joined"])
        return {"lakeside": lakeside, "harbor-cafe": cafe}, users
