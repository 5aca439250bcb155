# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Demo data of the analysis reviews (4.5.3): Lakeside's quality manager reviewed
the customer-evaluation analysis of the last quarter for the group, and of one
month for the first hotel (by code)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from fuwu.core import clock
from fuwu.core.demo import days_ago, seeder
from fuwu.core.models import Site

from .services.reviews import review_create

GROUP = {
    "notes_en": "Read the satisfaction dashboards of the three hotels for the quarter.",
    "notes_zh": "阅读了三家酒店本季度的顾客满意看板。",
    "conclusions_en": (
        "Satisfaction is stable at all hotels. Waiting at the front desk in the evening is "
        "the weakest indicator; comments on it come mostly in Chinese."
    ),
    "conclusions_zh": "各酒店顾客满意稳定。晚间前台等候是最弱的指标，相关意见多为中文。",
    "decisions_en": "Keep the evening staffing under watch; review again next quarter.",
    "decisions_zh": "继续关注晚间人员配置；下季度再次评审。",
}
SITE = {
    "conclusions_en": "Two low ratings about luggage service in one week; no trend yet.",
    "conclusions_zh": "一周内出现两次关于行李服务的低评分；尚未形成趋势。",
    "decisions_en": "Brief the bell desk team at the next shift meeting.",
    "decisions_zh": "在下次班前会上向礼宾团队说明。",
}


@seeder(order=340, label=_("analysis reviews"))
def analysis_reviews(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    lakeside = organizations["lakeside"]
    quality = users["quality"]
    today = clock.real_today()
    with clock.seeding_at(days_ago(20, 16)):
        review_create(
            actor=quality,
            organization=lakeside,
            data=GROUP
            | {
                "period_start": today - timedelta(days=110),
                "period_end": today - timedelta(days=21),
                "reviewed_on": today - timedelta(days=20),
            },
        )
    site = Site.objects.filter(organization=lakeside).order_by("code").first()
    with clock.seeding_at(days_ago(6, 11)):
        review_create(
            actor=quality,
            organization=lakeside,
            data=SITE
            | {
                "site": site,
                "period_start": today - timedelta(days=36),
                "period_end": today - timedelta(days=7),
                "reviewed_on": today - timedelta(days=6),
            },
        )
