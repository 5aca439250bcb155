# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""Demo data: Lakeside's approved service policy, procedures (one overdue for review,
one due soon), record types; Harbor Café's draft policy. Seeded through the services,
so the audit trail tells the story."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from fuwu.core import clock
from fuwu.core.dates import add_months
from fuwu.core.demo import at_day, days_ago, seeder
from fuwu.core.models import Site

from . import services
from .checklists import POLICY_ELEMENTS
from .models import Category

POLICY_EN_V1 = """\
# Service policy

Lakeside Hotels welcomes every guest as a friend of the house.
"""

POLICY_EN = """\
# Service policy of Lakeside Hotels

> **Every guest leaves wanting to come back.**

## 1. Lasting guest satisfaction

We judge ourselves by whether guests return and recommend us, not by a single stay.
We listen to every guest at every contact point, act on what we hear, and measure
satisfaction continuously — the last impression of a stay counts as much as the first.

## 2. Positioning, features and level of service

- **Positioning:** a mid-to-upscale lakeside hotel group for leisure and business guests in
  the Yangtze River Delta.
- **Features:** lake-view hospitality, local Jiangnan cuisine, and *first-inquiry
  responsibility* — the first colleague a guest asks owns the request until it is resolved.
- **Level:** we commit to these service levels at every hotel:

| Service | Our level |
|---|---|
| Check-in | within 5 minutes of arrival at the desk |
| Guest requests | answered within 10 minutes, day and night |
| Complaints | acknowledged at once, resolved within 24 hours |

## 3. Brand and image

*Lakeside* stands for calm, care and reliability. Every colleague represents the brand: in
uniform, in etiquette, in the state of every room and public area, and in how we speak
about our guests and each other.

## 4. Fit with the needs of customer contact

Our contact points — reservations, front desk, concierge, housekeeping, restaurants and our
phone and online channels — each have their service specification. Colleagues at each
contact point are trained for it and empowered to put things right on the spot.

*This policy is reviewed every year at the management review.*
"""

POLICY_ZH = """\
# 湖畔酒店集团服务方针

> **让每一位宾客离开时都想再来。**

## 一、持续的顾客满意

我们以宾客是否再次光临、是否向他人推荐来评价自己，而不只看一次入住。我们在每个接触点倾听每一位宾客，
依据所听到的改进工作，并持续测量顾客满意——离店时的最后印象与入住时的第一印象同样重要。

## 二、服务定位、服务特色和服务水平

- **服务定位：**面向长三角地区休闲和商务宾客的中高端湖景酒店集团。
- **服务特色：**湖景待客之道、地道江南美食，以及*首问负责制*——
  宾客问到的第一位员工负责到底，直至问题解决。
- **服务水平：**各酒店均承诺以下服务水平：

| 服务 | 服务水平 |
|---|---|
| 入住登记 | 宾客到达前台后5分钟内办妥 |
| 宾客需求 | 昼夜均在10分钟内响应 |
| 投诉 | 立即受理，24小时内解决 |

## 三、服务品牌和组织形象

"湖畔"代表宁静、关怀和可靠。每一位员工都代表着品牌：体现在仪容仪表、服务礼仪、每一间客房和公共区域的状态，
以及我们谈论宾客和同事的方式之中。

## 四、与顾客接触的需要相适应

我们的接触点——预订、前台、礼宾、客房、餐厅以及电话和网络渠道——均有各自的服务规范。
各接触点的员工经过相应培训，并被授权当场解决问题。

*本方针每年在管理评审时评审一次。*
"""

COMPLAINTS_EN = """\
# Complaint handling

**Purpose:** every complaint is resolved quickly and the guest leaves satisfied (SB/T 10382
4.2.2, ISO 10002).

## Steps

1. **Receive.** The colleague who hears the complaint owns it (first-inquiry responsibility).
   Thank the guest, listen, and log it in Fuwu at once.
2. **Acknowledge.** Tell the guest what happens next and by when — within 24 hours at most.
3. **Resolve.** Put it right on the spot where you can; otherwise hand it to the duty manager
   *in person*, never by a note alone.
4. **Confirm.** Ask the guest whether they are satisfied with the outcome; record the answer.
5. **Learn.** The duty manager reviews each day's complaints; repeated causes open a
   nonconformity.

## Authority to compensate

| Role | Up to |
|---|---|
| Front-line colleague | a drink, late check-out |
| Duty manager | one night's room rate |
| General manager | any amount |
"""

COMPLAINTS_ZH = """\
# 投诉处理程序

**目的：**每一起投诉都得到迅速解决，使宾客满意离开（SB/T 10382 4.2.2，ISO 10002）。

## 步骤

1. **受理。**听到投诉的员工即为责任人（首问负责制）。感谢宾客、认真倾听，并立即在Fuwu中登记。
2. **告知。**告诉宾客后续如何处理、何时答复——最迟24小时内。
3. **解决。**能当场解决的当场解决；否则*当面*移交值班经理，不得仅留便条。
4. **确认。**询问宾客是否满意处理结果，并记录其答复。
5. **改进。**值班经理每日评审当天投诉；原因重复出现的，开具不合格报告。

## 补偿权限

| 岗位 | 权限 |
|---|---|
| 一线员工 | 一杯饮品、延迟退房 |
| 值班经理 | 一晚房费以内 |
| 总经理 | 不限 |
"""

PROPERTY_EN = """\
# Customer property custody

**Purpose:** what guests leave in our care comes back to them as they left it (SB/T 10382
4.4.6).

## Luggage and valuables

- Tag every item in front of the guest; give the guest the counterfoil.
- Valuables go to the safe deposit box only; two colleagues sign the log.
- Items are handed back only against the counterfoil or the guest's ID.

## Lost and found

- Log every found item in Fuwu within one hour, with a photo.
- Keep found items **90 days**, valuables **one year**; then dispose of them as the
  register says.
- If anything is lost or damaged, tell the guest at once and open a nonconformity.
"""

PROPERTY_ZH = """\
# 顾客财产保管程序

**目的：**宾客交由我们保管的物品，原样交还宾客（SB/T 10382 4.4.6）。

## 行李和贵重物品

- 当着宾客的面为每件物品挂牌，并将存根交给宾客。
- 贵重物品只存入保险箱，由两名员工在登记簿上签字。
- 凭存根或宾客证件方可取回物品。

## 失物招领

- 拾到的物品须在一小时内在Fuwu中登记并拍照。
- 拾得物品保存**90天**，贵重物品保存**一年**，期满后按登记册规定处置。
- 如有物品遗失或损坏，立即告知宾客并开具不合格报告。
"""

HANDOVER_EN = """\
# Shift hand-over

**Purpose:** nothing a guest is waiting for is lost between shifts (SB/T 10382 4.4.7).

## At every hand-over

1. The outgoing colleague goes through the open guest requests in Fuwu with the incoming one.
2. Each open request gets its new owner *by name*.
3. Both sign the hand-over in Fuwu; the duty manager checks it within 30 minutes.

## Never hand over by note alone

VIP arrivals, guests who complained and anything promised to a guest are told in person.
"""

HANDOVER_ZH = """\
# 交接班程序

**目的：**宾客等待处理的事项不因交接班而遗漏（SB/T 10382 4.4.7）。

## 每次交接班

1. 交班员工与接班员工在Fuwu中逐项核对未结的宾客需求。
2. 每一项未结需求都*指名*落实新的责任人。
3. 双方在Fuwu中签署交接记录，值班经理在30分钟内核查。

## 不得仅凭便条交接

贵宾到店、曾投诉的宾客以及对宾客作出的任何承诺，必须当面交接。
"""

KEYS_EN = """\
# Luggage room key control — West Lake

- The luggage room key stays with the bell captain on duty.
- Hand it over at shift change against signature.
"""

KEYS_ZH = """\
# 行李房钥匙管理——西湖店

- 行李房钥匙由当班行李领班保管。
- 交接班时签字交接。
"""

CAFE_POLICY_ZH = """\
# 海港咖啡服务方针

每一杯咖啡都用心制作，让每一位顾客在码头边感到宾至如归。

- 以顾客持续满意为宗旨；
- 精品咖啡、海景座位、五分钟内出品；
- （草稿：品牌形象和接触点部分待补充）
"""

CAFE_POLICY_EN = """\
# Service policy of Harbor Café

Every cup made with care; every guest at home by the pier.

- Lasting customer satisfaction;
- Specialty coffee, sea-view seats, served within five minutes;
- (Draft: brand image and contact points still to write)
"""


def _approved(
    *,
    author: Any,
    approver: Any,
    organization: Any,
    data: dict[str, Any],
    body_en: str,
    body_zh: str,
    approved_on: Any,
) -> Any:
    # Drafted ten days before its approval, submitted three days before (demo times).
    with clock.seeding_at(at_day(approved_on - timedelta(days=10), 9)):
        document = services.document_create(
            actor=author, organization=organization, data=data, body_en=body_en, body_zh=body_zh
        )
    version = document.versions.get()
    with clock.seeding_at(at_day(approved_on - timedelta(days=3), 10)):
        services.version_submit(actor=author, version=version)
    with clock.seeding_at(at_day(approved_on)):
        services.version_approve(
            actor=approver,
            version=version,
            confirmed=[item.key for item in POLICY_ELEMENTS],
            approved_on=approved_on,
        )
    return document


@seeder(order=200, label=_("policy, procedures and record types"))
def controlled_documents(*, organizations: dict[str, Any], users: dict[str, Any]) -> None:
    lakeside, cafe = organizations["lakeside"], organizations["harbor-cafe"]
    quality, top = users["quality"], users["demo"]
    today = clock.real_today()

    services.record_types_seed(actor=quality, organization=lakeside)

    # The service policy: version 1 on paper last year, version 2 approved two months ago.
    policy = _approved(
        author=quality,
        approver=top,
        organization=lakeside,
        data={"title_en": "Service policy", "title_zh": "服务方针", "category": Category.POLICY},
        body_en=POLICY_EN_V1,
        body_zh="# 服务方针\n\n湖畔酒店集团将每一位宾客视为家中的朋友。\n",
        approved_on=add_months(today, -14),
    )
    revised_on = add_months(today, -2)
    with clock.seeding_at(at_day(revised_on - timedelta(days=20), 9)):
        draft = services.version_draft_create(actor=quality, document=policy)
    with clock.seeding_at(at_day(revised_on - timedelta(days=15), 16)):
        services.version_update(
            actor=quality,
            version=draft,
            data={
                "body_en": POLICY_EN,
                "body_zh": POLICY_ZH,
                "change_reason_en": "Rewritten to state the four elements of SB/T 10382 "
                "4.2.3.1 explicitly, with measurable service levels.",
                "change_reason_zh": "重写以明确表述 SB/T 10382 4.2.3.1 的四项要素，"
                "并给出可测量的服务水平。",
            },
        )
    with clock.seeding_at(at_day(revised_on - timedelta(days=5), 10)):
        services.version_submit(actor=quality, version=draft)
    with clock.seeding_at(at_day(revised_on)):
        services.version_approve(
            actor=top,
            version=draft,
            confirmed=[item.key for item in POLICY_ELEMENTS],
            approved_on=revised_on,
        )

    procedure = {"category": Category.PROCEDURE, "review_interval_months": 12}
    _approved(
        author=quality,
        approver=top,
        organization=lakeside,
        data={"title_en": "Complaint handling", "title_zh": "投诉处理程序", **procedure},
        body_en=COMPLAINTS_EN,
        body_zh=COMPLAINTS_ZH,
        approved_on=add_months(today, -5),
    )
    # Due for review in a week: the reminder job flags it.
    _approved(
        author=quality,
        approver=top,
        organization=lakeside,
        data={"title_en": "Customer property custody", "title_zh": "顾客财产保管程序", **procedure},
        body_en=PROPERTY_EN,
        body_zh=PROPERTY_ZH,
        approved_on=add_months(today, -12) + timedelta(days=7),
    )
    # Overdue for review by a month: what the dashboard has to say about 4.6.4.
    _approved(
        author=quality,
        approver=top,
        organization=lakeside,
        data={"title_en": "Shift hand-over", "title_zh": "交接班程序", **procedure},
        body_en=HANDOVER_EN,
        body_zh=HANDOVER_ZH,
        approved_on=add_months(today, -13),
    )
    # A site's own work instruction, drafted by its manager.
    west_lake = Site.objects.get(organization=lakeside, code="HZ01")
    with clock.seeding_at(days_ago(10, 11)):
        services.document_create(
            actor=users["manager"],
            organization=lakeside,
            data={
                "title_en": "Luggage room key control",
                "title_zh": "行李房钥匙管理",
                "category": Category.WORK_INSTRUCTION,
                "site": west_lake,
            },
            body_en=KEYS_EN,
            body_zh=KEYS_ZH,
        )
    with clock.seeding_at(clock.real_now()):
        services.review_reminders_create(today=today)

    # Harbor Café has only begun: a draft policy.
    with clock.seeding_at(days_ago(30, 15)):
        services.document_create(
            actor=users["cafe"],
            organization=cafe,
            data={
                "title_en": "Service policy",
                "title_zh": "服务方针",
                "category": Category.POLICY,
            },
            body_en=CAFE_POLICY_EN,
            body_zh=CAFE_POLICY_ZH,
        )
