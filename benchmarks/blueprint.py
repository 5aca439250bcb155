"""The service blueprint of a 50-point journey: read it from the database and
draw it as SVG, in English and Chinese (median of several runs), with the number
of queries. Every contact point has its three specifications approved, four
items per category.
"""

from __future__ import annotations

import argparse
import statistics
import time

from _setup import django_ready, fresh_org


def seed(org, author, approver, points: int) -> None:
    from fuwu.design import services
    from fuwu.design.models import CATEGORIES, SpecificationKind
    from fuwu.documents import services as documents
    from fuwu.documents.checklists import checklist_for

    extra = {
        "inspection": {"method": "Checklist", "frequency": "daily", "criterion": "100 %"},
        "analysis": {"frequency": "monthly"},
    }
    stages = ["before", "during", "during", "after"]
    for n in range(points):
        point = services.contact_point_create(
            actor=author,
            organization=org,
            data={
                "code": f"CP{n:02d}",
                "name_en": f"Contact point {n}",
                "name_zh": f"接触点{n}",
                "stage": stages[n % 4],
                "order": n,
                "status": "active",
                "manned": n % 5 != 0,
                "channel": "in_person" if n % 5 else "web",
            },
        )
        for kind in SpecificationKind.values:
            spec = services.specification_start(actor=author, point=point, kind=kind)
            for category in CATEGORIES[kind]:
                for i in range(4):
                    services.item_create(
                        actor=author,
                        specification=spec,
                        data={
                            "category": category,
                            "text_en": f"Requirement {i} on {category}, stated in full words",
                            "text_zh": f"关于{category}的第{i}项要求",
                        }
                        | extra.get(category, {}),
                    )
            version = spec.document.versions.get()
            documents.version_submit(actor=author, version=version)
            documents.version_approve(
                actor=approver,
                version=version,
                confirmed=[c.key for c in checklist_for(spec.document)],
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    vendor = django_ready()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from fuwu.core.models import Membership, Role, User
    from fuwu.design.blueprint import build, render_svg

    org, root = fresh_org("bench-blueprint")
    author = User.objects.create(username="bench-author")
    Membership.objects.create(user=author, organization=org, role=Role.QUALITY_MANAGER)
    Membership.objects.create(user=root, organization=org, role=Role.ADMIN)
    started = time.perf_counter()
    seed(org, author, root, args.points)
    print(
        f"database: {vendor}; {args.points} contact points, "
        f"{args.points * 48} approved items seeded in {time.perf_counter() - started:.1f} s"
    )
    for language in ("en", "zh-hans"):
        timings = []
        with translation.override(language):
            for _run in range(args.runs):
                connection.queries_log.clear()  # seeding filled it: count from empty
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    svg = render_svg(build(org))
                timings.append(time.perf_counter() - started)
        print(
            f"{language}: build + draw {statistics.median(timings) * 1000:.0f} ms median "
            f"of {args.runs}; {len(queries)} queries; {len(svg) / 1024:.0f} KiB of SVG"
        )


if __name__ == "__main__":
    main()
