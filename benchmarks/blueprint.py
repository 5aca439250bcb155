# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""The service blueprint of a 50-point journey: read it from the database (build),
draw it as SVG (draw) and as the API's JSON, in English and Chinese, for the whole
organization and for one site with local addenda; median of several runs, with the
number of queries (which must not grow with the points) and the size of the SVG.

Every contact point has its three specifications approved, four items per
category (48 items); every fifth point is unmanned; the site keeps an approved
local addendum to the service specification of every fourth point. The issue's
target: fast for 50 contact points (well under a second for the page).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from _setup import django_ready, fresh_org


def approve(spec: Any, author: Any, approver: Any) -> None:
    from fuwu.documents import services as documents
    from fuwu.documents.checklists import checklist_for

    version = spec.document.versions.get(status="draft")
    documents.version_submit(actor=author, version=version)
    documents.version_approve(
        actor=approver, version=version, confirmed=[c.key for c in checklist_for(spec.document)]
    )


def seed(org: Any, site: Any, author: Any, approver: Any, points: int) -> None:
    from fuwu.design import services
    from fuwu.design.models import CATEGORIES, SpecificationKind

    extra = {
        "inspection": {"method_en": "Checklist", "frequency": "daily", "criterion_en": "100 %"},
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
                "owner_role": "site_manager",
                "sites": [site],
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
                            "text_zh": f"关于{category}的第{i}项要求，用完整的句子写明",
                        }
                        | extra.get(category, {}),
                    )
            approve(spec, author, approver)
        if n % 4 == 0:
            local = services.specification_start(
                actor=author, point=point, kind="service", site=site
            )
            services.item_create(
                actor=author,
                specification=local,
                data={"category": "etiquette", "text_en": "Greet in the local dialect too"},
            )
            approve(local, author, approver)


def timed(call: Callable[[], Any], runs: int) -> tuple[float, int, Any]:
    """Median milliseconds over `runs`, the queries of the last run and its result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _run in range(runs):
        connection.queries_log.clear()  # seeding filled it: count from empty
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = call()
            timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000, len(queries), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    vendor = django_ready()

    from django.utils import translation

    from fuwu.core.models import Membership, Role, Site, User
    from fuwu.design.blueprint import blueprint_json, build, render_svg

    org, root = fresh_org("bench-blueprint")
    site = Site.objects.create(organization=org, code="S1", name_en="Lakeside", name_zh="湖畔")
    author = User.objects.create(username=f"bench-author-{org.pk}")
    Membership.objects.create(user=author, organization=org, role=Role.QUALITY_MANAGER)
    Membership.objects.create(user=root, organization=org, role=Role.ADMIN)
    started = time.perf_counter()
    seed(org, site, author, root, args.points)
    print(
        f"database: {vendor}; {args.points} contact points, {args.points * 48} approved items "
        f"seeded in {time.perf_counter() - started:.1f} s; median of {args.runs} runs"
    )
    for language in ("en", "zh-hans"):
        with translation.override(language):
            for label, where in (("organization", None), (f"site {site.code}", site)):
                build_ms, queries, blueprint = timed(
                    lambda where=where: build(org, site=where, user=author), args.runs
                )
                draw_ms, _, svg = timed(lambda bp=blueprint: render_svg(bp), args.runs)
                json_ms, _, _ = timed(lambda bp=blueprint: blueprint_json(bp), args.runs)
                print(
                    f"{language:8} {label:13} build {build_ms:5.0f} ms ({queries} queries) · "
                    f"draw SVG {draw_ms:5.0f} ms ({len(svg) / 1024:.0f} KiB) · "
                    f"JSON {json_ms:4.1f} ms · total {build_ms + draw_ms:5.0f} ms"
                )


if __name__ == "__main__":
    main()
