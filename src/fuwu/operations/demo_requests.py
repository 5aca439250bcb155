# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""A month of Lakeside's requests, enquiries, complaints and compliments, and one at
Harbor Café: logged, answered, handed over, escalated and closed through the services
at the times they claim (core/clock.py), in both languages.

Each story: when (days ago, hour, minute), where (site, contact point), what (type,
priority, channel, the customer's words), what was done at once, then its steps as
(step, minutes after receipt, text), a hand-over, an escalation by the worker and the
closure (minutes after, confirmation, resolved, note). A story without a closure is
still open: some of those are past their targets today."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fuwu.core import clock
from fuwu.core.demo import days_ago
from fuwu.core.models import Site
from fuwu.design.models import ContactPoint

from .services import requests as services

STEPS = ("acknowledge", "assess", "investigate", "respond", "decide")

LAKESIDE: list[dict[str, Any]] = [
    {
        "ago": 29,
        "at": (8, 10),
        "site": "HZ01",
        "point": "ARRIVAL",
        "kind": "request",
        "summary": ("Guest asked for an early check-in at 9:00.", "客人要求上午9点提前入住。"),
        "at_once": (
            "A cleaned room was free; checked in at once.",
            "有已清扫的空房，当即办理入住。",
        ),
        "met": True,
    },
    {
        "ago": 28,
        "at": (21, 40),
        "site": "HZ01",
        "point": "ROOM",
        "kind": "complaint",
        "priority": "high",
        "channel": "phone",
        "summary": (
            "Air conditioning in room 612 is noisy; the guest cannot sleep.",
            "612房空调噪音大，客人无法入睡。",
        ),
        "at_once": (
            "Engineer sent; guest told he would arrive in 10 minutes.",
            "已派工程人员，并告知客人10分钟内到达。",
        ),
        "told": True,
        "steps": [
            ("acknowledge", 5, ("Apologised and confirmed by phone.", "电话致歉并确认受理。")),
            (
                "assess",
                15,
                (
                    "Affects sleep: high. Fan bearing suspected.",
                    "影响休息：高优先级。怀疑风机轴承故障。",
                ),
            ),
            (
                "investigate",
                40,
                ("Fan bearing worn; unit cannot be fixed tonight.", "风机轴承磨损，当晚无法修复。"),
            ),
            ("respond", 55, ("Offered a move to a quiet room 815.", "为客人调换至安静的815房。")),
            (
                "decide",
                60,
                (
                    "Room moved; breakfast for two offered as an apology.",
                    "已换房，并赠送双人早餐致歉。",
                ),
            ),
        ],
        "close": (
            720,
            "satisfied",
            True,
            ("Guest thanked the night team at check-out.", "客人退房时感谢夜班团队。"),
        ),
    },
    {
        "ago": 27,
        "at": (10, 5),
        "site": "HZ01",
        "point": "RES-TEL",
        "kind": "enquiry",
        "channel": "phone",
        "summary": ("Is there parking for a coach of 40 guests?", "能否停放一辆载40位客人的大巴？"),
        "steps": [
            (
                "respond",
                20,
                (
                    "Yes: coach bay behind the hotel, booked for the date.",
                    "可以：酒店后方有大巴车位，已为该日期预留。",
                ),
            )
        ],
        "close": (25, "satisfied", True, ("", "")),
    },
    {
        "ago": 26,
        "at": (7, 30),
        "site": "HZ01",
        "point": "RESTAURANT",
        "kind": "request",
        "summary": (
            "Gluten-free breakfast for a guest with coeliac disease.",
            "为乳糜泻客人提供无麸质早餐。",
        ),
        "at_once": ("Chef prepared a separate plate.", "厨师单独准备了餐盘。"),
        "met": True,
    },
    {
        "ago": 25,
        "at": (15, 0),
        "site": "SZ01",
        "point": "CHECKOUT",
        "kind": "complaint",
        "channel": "email",
        "summary": (
            "Minibar items charged that the guest did not take.",
            "客人未消费的迷你吧物品被收费。",
        ),
        "steps": [
            ("acknowledge", 90, ("Receipt confirmed by e-mail.", "已邮件确认收到投诉。")),
            (
                "assess",
                180,
                ("Billing error suspected: normal priority.", "怀疑计费错误：一般优先级。"),
            ),
            ("investigate", 1440, ("Sensor misread on restocking.", "补货时传感器读数错误。")),
            ("respond", 1500, ("Charge refunded in full.", "已全额退款。")),
            (
                "decide",
                1510,
                ("Refund confirmed in writing with an apology.", "书面确认退款并致歉。"),
            ),
        ],
        "close": (
            2900,
            "satisfied",
            True,
            ("Guest confirmed the refund arrived.", "客人确认已收到退款。"),
        ),
    },
    {
        "ago": 24,
        "at": (19, 15),
        "site": "HZ01",
        "point": "RESTAURANT",
        "kind": "compliment",
        "summary": (
            "Praised the waiter Xiao Li for his care with their child.",
            "客人表扬服务员小李细心照顾孩子。",
        ),
        "steps": [
            ("respond", 30, ("Thanked the guest; passed on to the team.", "感谢客人，并转达团队。"))
        ],
        "close": (40, "satisfied", True, ("", "")),
    },
    {
        "ago": 22,
        "at": (11, 20),
        "site": "HZ01",
        "point": "LUGGAGE",
        "kind": "complaint",
        "priority": "high",
        "summary": ("A suitcase came back with a broken wheel.", "行李箱取回时轮子已损坏。"),
        "at_once": (
            "Photographed; guest told the manager would call within the hour.",
            "已拍照，并告知客人经理将在一小时内联系。",
        ),
        "told": True,
        "transfer": (
            10,
            "manager",
            ("Damage claim: the site manager decides.", "损坏索赔：由店经理决定。"),
        ),
        "steps": [
            ("acknowledge", 30, ("Manager called the guest.", "经理已致电客人。")),
            ("assess", 60, ("Damage during storage likely.", "可能在寄存期间损坏。")),
            (
                "investigate",
                1440,
                ("CCTV: trolley hit the door frame.", "监控显示：行李车撞到门框。"),
            ),
            ("respond", 1500, ("Repair paid by the hotel.", "由酒店承担修理费用。")),
            ("decide", 1520, ("Repair voucher sent.", "已寄送修理券。")),
        ],
        "close": (
            4320,
            "dissatisfied",
            True,
            ("Guest wanted a new suitcase, not a repair.", "客人希望更换新箱而非修理。"),
        ),
    },
    {
        "ago": 20,
        "at": (9, 0),
        "site": "WX01",
        "point": "ARRIVAL",
        "kind": "request",
        "channel": "message",
        "summary": ("Airport pick-up for two at 18:00.", "18:00机场接机，两位客人。"),
        "steps": [("respond", 15, ("Driver booked and confirmed.", "已预约司机并确认。"))],
        "close": (600, "satisfied", True, ("", "")),
    },
    {
        "ago": 18,
        "at": (22, 50),
        "site": "HZ01",
        "point": "ROOM",
        "kind": "request",
        "priority": "urgent",
        "channel": "phone",
        "summary": ("Guest locked out of room 305.", "客人被锁在305房门外。"),
        "at_once": ("Door opened after ID check.", "核验身份后开门。"),
        "met": True,
    },
    {
        "ago": 16,
        "at": (14, 30),
        "site": "SZ01",
        "point": "RES-WEB",
        "kind": "enquiry",
        "channel": "web",
        "summary": ("Are pets allowed?", "是否允许携带宠物？"),
        "steps": [("respond", 45, ("Small dogs in two garden rooms.", "两间花园房可携带小型犬。"))],
        "close": (50, "", True, ("", "")),
    },
    {
        "ago": 14,
        "at": (8, 45),
        "site": "HZ01",
        "point": "RESTAURANT",
        "kind": "complaint",
        "summary": (
            "Breakfast buffet ran out of hot dishes at 9:30.",
            "早餐自助9:30热菜已供应完。",
        ),
        "at_once": ("Eggs cooked to order at once.", "当即现做鸡蛋。"),
        "steps": [
            ("acknowledge", 10, ("Apologised at the table.", "在餐桌旁致歉。")),
            (
                "assess",
                60,
                ("Normal: one morning, occupancy above forecast.", "一般：当天入住率高于预测。"),
            ),
            (
                "investigate",
                300,
                ("Forecast not updated after a group arrived.", "团队入住后未更新预测。"),
            ),
            (
                "respond",
                320,
                ("Explained and offered a free breakfast tomorrow.", "向客人说明并赠送次日早餐。"),
            ),
            ("decide", 330, ("Free breakfast given.", "已赠送早餐。")),
        ],
        "close": (1440, "satisfied", True, ("", "")),
    },
    {
        "ago": 12,
        "at": (16, 0),
        "site": "HZ01",
        "point": "ARRIVAL",
        "kind": "enquiry",
        "summary": ("Which boat tours leave from the hotel pier?", "酒店码头有哪些游船线路？"),
        "at_once": ("Timetable given at the desk.", "在前台提供了时刻表。"),
        "met": True,
    },
    {
        "ago": 10,
        "at": (13, 10),
        "site": "WX01",
        "point": "ROOM",
        "kind": "complaint",
        "priority": "high",
        "summary": ("Hair found in the bathroom on arrival.", "入住时浴室发现头发。"),
        "at_once": ("Room re-cleaned within 20 minutes.", "20分钟内重新清扫。"),
        "told": True,
        "steps": [
            ("acknowledge", 5, ("Apologised in person.", "当面致歉。")),
            ("assess", 30, ("Cleanliness: high.", "清洁问题：高优先级。")),
            ("investigate", 240, ("Checklist skipped during a rush.", "高峰时段漏做检查单。")),
            ("respond", 260, ("Explained what was changed.", "向客人说明整改措施。")),
            ("decide", 270, ("Late check-out offered.", "提供延迟退房。")),
        ],
        "close": (1500, "satisfied", True, ("", "")),
    },
    {
        "ago": 8,
        "at": (18, 20),
        "site": "HZ01",
        "point": "RES-TEL",
        "kind": "complaint",
        "priority": "high",
        "channel": "phone",
        "summary": (
            "Booking for a lake-view room was changed to a garden view.",
            "预订的湖景房被改为花园景观房。",
        ),
        "steps": [
            ("acknowledge", 240, ("Called back the next morning.", "次日上午回电。")),
            ("assess", 300, ("Overbooking of lake-view rooms.", "湖景房超售。")),
        ],
        "escalate": 90,
    },
    {
        "ago": 6,
        "at": (10, 0),
        "site": "SZ01",
        "point": "RESTAURANT",
        "kind": "compliment",
        "channel": "email",
        "summary": ("Thanked the chef for the birthday cake.", "感谢厨师制作的生日蛋糕。"),
        "steps": [("respond", 120, ("Thank-you reply sent.", "已回复致谢。"))],
        "close": (130, "satisfied", True, ("", "")),
    },
    {
        "ago": 4,
        "at": (20, 30),
        "site": "HZ01",
        "point": "ROOM",
        "kind": "request",
        "summary": ("Extra blanket and a kettle for room 418.", "418房需要加一床毯子和一个水壶。"),
        "at_once": ("Delivered within 10 minutes.", "10分钟内送达。"),
        "met": True,
    },
    {
        "ago": 3,
        "at": (9, 40),
        "site": "HZ01",
        "point": "CHECKOUT",
        "kind": "complaint",
        "channel": "in_person",
        "summary": ("Invoice title wrong for company reimbursement.", "发票抬头有误，无法报销。"),
        "transfer": (
            20,
            "manager",
            ("Finance correction needs the manager.", "财务更正需经理处理。"),
        ),
        "steps": [
            ("acknowledge", 25, ("Told the guest it will be reissued.", "告知客人将重新开具。")),
            ("assess", 60, ("Normal.", "一般。")),
            ("investigate", 200, ("Typed from an old profile.", "沿用了旧的客户资料。")),
        ],
    },
    {
        "ago": 2,
        "at": (11, 0),
        "site": "WX01",
        "point": "RES-WEB",
        "kind": "enquiry",
        "channel": "web",
        "summary": (
            "Do you have a meeting room for 20 people next month?",
            "下月是否有可容纳20人的会议室？",
        ),
    },
    {
        "ago": 1,
        "at": (17, 45),
        "site": "HZ01",
        "point": "RESTAURANT",
        "kind": "request",
        "summary": ("Table for eight by the window tonight.", "今晚靠窗的八人桌。"),
    },
]

# The everyday: asked and met there and then (days ago, hour, site, point, type, en, zh).
SMALL = [
    (29, 19, "HZ01", "ROOM", "request", "Iron and ironing board.", "熨斗和熨衣板。"),
    (27, 7, "SZ01", "RESTAURANT", "request", "Soy milk at breakfast.", "早餐要豆浆。"),
    (26, 22, "HZ01", "ROOM", "request", "Wake-up call at 6:00.", "早上6点叫醒服务。"),
    (24, 9, "WX01", "ARRIVAL", "enquiry", "Where is the nearest pharmacy?", "最近的药店在哪里？"),
    (23, 14, "HZ01", "LUGGAGE", "request", "Keep bags until 17:00.", "行李寄存到17点。"),
    (21, 8, "HZ01", "RESTAURANT", "request", "High chair for a baby.", "为婴儿提供儿童椅。"),
    (19, 20, "SZ01", "ROOM", "request", "Two more towels.", "再加两条毛巾。"),
    (17, 12, "HZ01", "CHECKOUT", "request", "Late check-out until 13:00.", "延迟退房至13点。"),
    (15, 16, "WX01", "ARRIVAL", "enquiry", "Taxi fare to the station?", "到车站的出租车费用？"),
    (13, 10, "HZ01", "ARRIVAL", "request", "Umbrella to borrow.", "借一把雨伞。"),
    (11, 21, "HZ01", "ROOM", "request", "Phone charger to borrow.", "借手机充电器。"),
    (
        9,
        7,
        "SZ01",
        "RESTAURANT",
        "request",
        "Breakfast in a box for an early flight.",
        "早班机打包早餐。",
    ),
    (7, 15, "HZ01", "ARRIVAL", "enquiry", "Opening hours of the gym?", "健身房开放时间？"),
    (5, 11, "WX01", "LUGGAGE", "request", "Help with bags to the car.", "帮忙把行李搬上车。"),
    (3, 18, "HZ01", "RESTAURANT", "request", "Window table for two.", "两人靠窗餐桌。"),
]
DONE_AT_ONCE = ("Done at once.", "当即办妥。")

HARBOR: list[dict[str, Any]] = [
    {
        "ago": 9,
        "at": (12, 30),
        "site": "PIER1",
        "point": "COUNTER",
        "kind": "complaint",
        "summary": ("Coffee served cold.", "咖啡上桌时是凉的。"),
        "at_once": ("Fresh coffee made at once.", "当即重新制作。"),
        "told": True,
        "steps": [
            ("acknowledge", 2, ("Apologised.", "已致歉。")),
            ("assess", 10, ("Minor.", "轻微。")),
            ("investigate", 60, ("Cups not pre-warmed.", "杯子未预热。")),
            ("respond", 70, ("Explained.", "已说明。")),
            ("decide", 75, ("Free refill card.", "赠送续杯卡。")),
        ],
        "close": (120, "satisfied", True, ("", "")),
    },
]


def _tell(story: dict, organization: Any, users: dict[str, Any], local: Any) -> None:
    sites = {s.code: s for s in Site.objects.filter(organization=organization)}
    points = {p.code: p for p in ContactPoint.objects.filter(organization=organization)}
    site = sites[story["site"]]
    hour, minute = story["at"]
    received = days_ago(story["ago"], hour, minute)
    actor = local(site.code, "staff")
    at_once = story.get("at_once", ("", ""))

    def at(minutes: int) -> Any:
        return clock.seeding_at(received + timedelta(minutes=minutes))

    with at(1):
        record = services.request_log(
            actor=actor,
            organization=organization,
            kind=story["kind"],
            site=site,
            contact_point=points.get(story.get("point", "")),
            priority=story.get("priority", "normal"),
            channel=story.get("channel", "in_person"),
            summary_en=story["summary"][0],
            summary_zh=story["summary"][1],
            immediate_action_en=at_once[0],
            immediate_action_zh=at_once[1],
            met_at_once=story.get("met", False),
            customer_told_at_once=story.get("told", False),
            received_at=received,
        )
    handler = actor
    if "transfer" in story:
        minutes, to, reason = story["transfer"]
        handler = local(site.code, to)
        with at(minutes):
            record = services.request_transfer(
                actor=actor, request=record, to=handler, reason_en=reason[0], reason_zh=reason[1]
            )
    if "escalate" in story:
        with at(story["escalate"]):
            services.overdue_escalate(organization=organization)
    for name, minutes, text in story.get("steps", ()):
        with at(minutes):
            record = services.request_step(
                actor=handler, request=record, step=name, text_en=text[0], text_zh=text[1]
            )
    if "close" in story:
        minutes, confirmation, resolved, note = story["close"]
        closer = local(site.code, "manager") if record.is_complaint else handler
        with at(minutes):
            record = services.request_close(
                actor=closer,
                request=record,
                confirmation=confirmation,
                resolved=resolved,
                note_en=note[0],
                note_zh=note[1],
            )
        if record.nonconformity is not None:
            _follow_up(record, closer, users, at, minutes)


def _follow_up(record: Any, manager: Any, users: dict[str, Any], at: Any, closed: int) -> None:
    """The nonconformity the dissatisfied closure raised: disposed of, its remedial action
    done by the first owner, closed by the quality manager."""
    from fuwu.improvement.services import actions, nonconformities

    nc = record.nonconformity
    with at(closed + 60):
        nonconformities.nonconformity_dispose(
            actor=manager,
            nonconformity=nc,
            disposition_en="A new suitcase of the same model offered to the guest.",
            disposition_zh="向客人提供同款新行李箱。",
            customer_informed=True,
        )
    with at(closed + 2 * 1440):
        actions.action_complete(
            actor=record.first_owner,
            action=nc.actions.get(),
            evidence_en="New suitcase delivered; the guest accepted it.",
            evidence_zh="新行李箱已送达，客人接受。",
        )
    with at(closed + 3 * 1440):
        nonconformities.nonconformity_close(actor=users["quality"], nonconformity=nc)


def lakeside(organization: Any, users: dict[str, Any]) -> None:
    def local(site_code: str, role: str) -> Any:
        # West Lake's own people act there; the quality manager at the other hotels.
        return users[role] if site_code == "HZ01" else users["quality"]

    stories = [
        *LAKESIDE,
        *(
            {
                "ago": ago,
                "at": (hour, 20),
                "site": site,
                "point": point,
                "kind": kind,
                "summary": (en, zh),
                "at_once": DONE_AT_ONCE,
                "met": True,
            }
            for ago, hour, site, point, kind, en, zh in SMALL
        ),
    ]
    for story in sorted(stories, key=lambda s: (-s["ago"], s["at"])):
        _tell(story, organization, users, local)


def harbor(organization: Any, owner: Any) -> None:
    for story in HARBOR:
        _tell(story, organization, {}, lambda site_code, role: owner)
