# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""The improvement story of the demo, in both languages. Days count back from today.

Lakeside's year: a dirty room that led to a release checklist (verified effective,
closed), a double-charged minibar whose first fix did not work (reworked, then
effective), a noisy air conditioner whose maintenance plan is overdue, rude service
in a restaurant under action, a luggage mix-up waiting for verification, a queue at
check-in still open, a preventive action from the check-in trend, and the small
nonconformities of a year that the Pareto charts count.
"""

from __future__ import annotations

# Each story: site, contact point (None before the journey was mapped, 120 days ago),
# characteristic, severity, detected (days ago), texts (en, zh), cause, whys, root cause,
# disposition, actions: (kind, owner, due after detection, completed after detection,
# verifications [(after detection, effective, evidence en, zh)], description en, zh).
STORIES = [
    {
        "site": "HZ01",
        "point": None,
        "characteristic": "environment",
        "severity": "major",
        "days_ago": 330,
        "description": (
            "Guest found room 1208 not cleaned on arrival (used towels, unmade bed).",
            "客人入住时发现1208房未清扫（毛巾已用过、床未整理）。",
        ),
        "remedy": (
            "Moved the guest at once to a clean upgraded room; breakfast offered.",
            "立即为客人换到已清扫的升级房，并赠送早餐。",
        ),
        "informed": True,
        "cause": "people",
        "whys": (
            "The room was released as clean.\nThe attendant marked it clean before finishing.\n"
            "She was pressed to release rooms at the noon peak.\nNobody checks a room before "
            "release at peak times.",
            "该房被放为可售净房。\n服务员在清扫完成前就标记为已清扫。\n中午高峰时她被催促尽快放房。\n"
            "高峰时段放房前无人检查。",
        ),
        "root": (
            "Rooms are released without a supervisor's check at peak checkout times.",
            "退房高峰时段放房前没有领班检查。",
        ),
        "disposition": (
            "Room re-cleaned and inspected; the guest's first night refunded.",
            "重新清扫并检查该房；退还客人首晚房费。",
        ),
        "actions": [
            (
                "remedial",
                "staff",
                2,
                1,
                [],
                (
                    "Apology letter and a voucher for a future stay sent to the guest.",
                    "向客人寄送致歉信和下次入住代金券。",
                ),
            ),
            (
                "corrective",
                "manager",
                21,
                18,
                [
                    (
                        60,
                        True,
                        (
                            "Forty rooms sampled over four weeks: all released with a signed "
                            "checklist, "
                            "none dirty.",
                            "四周内抽查40间房：均有签字检查单放房，无一未清扫。",
                        ),
                    )
                ],
                (
                    "Release checklist signed by the floor supervisor before a room goes on sale.",
                    "客房放房前由楼层领班签字确认检查单。",
                ),
            ),
        ],
        "close_after": 61,
    },
    {
        "site": "SZ01",
        "point": None,
        "characteristic": "procedure",
        "severity": "major",
        "days_ago": 250,
        "description": (
            "Check-out invoice wrong: the minibar was charged twice.",
            "退房账单错误：迷你吧被重复收费。",
        ),
        "remedy": ("Refunded at the desk with an apology.", "前台当场退款并致歉。"),
        "informed": True,
        "cause": "method",
        "whys": (
            "The minibar was posted twice.\nBoth the attendant and the night audit posted it.\n"
            "The procedure does not say who posts.",
            "迷你吧被重复入账。\n服务员和夜审都入了账。\n程序未规定由谁入账。",
        ),
        "root": (
            "No rule on who posts minibar consumption.",
            "没有规定由谁负责迷你吧消费入账。",
        ),
        "disposition": (
            "Charge reversed; the guest's invoice reissued.",
            "冲销重复费用，重开账单。",
        ),
        "actions": [
            (
                "corrective",
                "demo",
                20,
                15,
                [
                    (
                        45,
                        False,
                        (
                            "Two double postings again in week three: night audit still posts "
                            "by habit.",
                            "第三周又出现两次重复入账：夜审仍按习惯入账。",
                        ),
                    ),
                    (
                        105,
                        True,
                        (
                            "No double posting in six weeks of invoices checked.",
                            "抽查六周账单，无重复入账。",
                        ),
                    ),
                ],
                (
                    "Only the attendant posts the minibar; night audit checks, never posts.",
                    "迷你吧仅由服务员入账；夜审只核对，不入账。",
                ),
            ),
        ],
        "rework_done_after": 70,
        "close_after": 106,
    },
    {
        "site": "HZ01",
        "point": "ROOM",
        "characteristic": "facilities",
        "severity": "major",
        "days_ago": 60,
        "description": (
            "Air conditioning in room 815 noisy all night; the guest complained at check-out.",
            "815房空调整夜噪音大，客人退房时投诉。",
        ),
        "remedy": (
            "Night refunded; the unit switched off and the room blocked.",
            "退还当晚房费；关闭该空调并锁房。",
        ),
        "informed": True,
        "cause": "facilities",
        "whys": (
            "The fan bearing was worn.\nThe unit had not been serviced for two years.\n"
            "Room air conditioners have no maintenance plan.",
            "风机轴承磨损。\n该空调两年未保养。\n客房空调没有保养计划。",
        ),
        "root": (
            "No planned maintenance of the room air conditioning units.",
            "客房空调没有计划保养。",
        ),
        "disposition": (
            "Unit repaired; the room back on sale after a night test.",
            "修复空调；试运行一晚后重新出售。",
        ),
        "actions": [
            (
                "corrective",
                "manager",
                48,
                None,
                [],
                (
                    "Quarterly maintenance plan for all room air conditioning units.",
                    "为全部客房空调制定季度保养计划。",
                ),
            ),
        ],
    },
    {
        "site": "SZ01",
        "point": "LUGGAGE",
        "characteristic": "personnel",
        "severity": "minor",
        "days_ago": 45,
        "description": ("Luggage delivered to the wrong room.", "行李被送错房间。"),
        "remedy": (
            "Luggage brought to the right room within ten minutes, with an apology.",
            "十分钟内将行李送到正确房间并致歉。",
        ),
        "informed": True,
        "cause": "method",
        "whys": (
            "The tag showed only the room number.\nTwo guests had swapped rooms.",
            "行李牌只写房号。\n两位客人换过房。",
        ),
        "root": ("Luggage tags carry the room number only.", "行李牌只有房号。"),
        "disposition": (
            "No further remedy needed; the guest accepted the apology.",
            "无需进一步补救；客人接受了致歉。",
        ),
        "actions": [
            (
                "corrective",
                "demo",
                14,
                10,
                [],
                (
                    "Tags with room number and guest name, both checked at delivery.",
                    "行李牌写明房号和客人姓名，送达时核对两项。",
                ),
            ),
        ],
    },
    {
        "site": "WX01",
        "point": "RESTAURANT",
        "characteristic": "etiquette",
        "severity": "major",
        "days_ago": 20,
        "description": (
            "A waiter answered a guest's complaint about cold soup rudely.",
            "服务员对客人关于汤凉的投诉回应粗鲁。",
        ),
        "remedy": (
            "The duty manager apologised; the soup replaced and the meal free.",
            "值班经理致歉；换汤并免单。",
        ),
        "informed": True,
        "cause": "people",
        "whys": (
            "The waiter felt blamed.\nHe was never trained to handle complaints.",
            "服务员觉得被指责。\n他从未接受过投诉处理培训。",
        ),
        "root": (
            "Restaurant staff are not trained in service recovery.",
            "餐厅员工未接受服务补救培训。",
        ),
        "disposition": ("Meal not charged; a letter of apology sent.", "餐费免收；寄送致歉信。"),
        "actions": [
            (
                "corrective",
                "quality",
                30,
                None,
                [],
                (
                    "Service recovery training for all restaurant staff.",
                    "对全体餐厅员工进行服务补救培训。",
                ),
            ),
        ],
    },
    {
        "site": "HZ01",
        "point": "ARRIVAL",
        "characteristic": "procedure",
        "severity": "minor",
        "days_ago": 3,
        "description": (
            "A guest waited 25 minutes at check-in during the 15:00 peak.",
            "15:00高峰时段客人办理入住等候了25分钟。",
        ),
        "remedy": ("", ""),
        "informed": False,
        "actions": [],
    },
]

# The small nonconformities of a year: corrected at once, decided, closed. (site, point,
# characteristic, cause, days ago, en, zh)
SMALL = [
    ("HZ01", None, "supplies", "supplies", 300, "No toothbrush in room 1102.", "1102房缺牙刷。"),
    (
        "SZ01",
        None,
        "personnel",
        "people",
        280,
        "Doorman not at the door at 07:00.",
        "07:00门童不在岗。",
    ),
    (
        "WX01",
        None,
        "environment",
        "environment",
        210,
        "Lobby too cold in the morning.",
        "早晨大堂过冷。",
    ),
    (
        "HZ01",
        None,
        "etiquette",
        "people",
        160,
        "Guest not greeted at the lift.",
        "电梯口未问候客人。",
    ),
    (
        "HZ01",
        "ARRIVAL",
        "procedure",
        "people",
        100,
        "Room key coded for the wrong day.",
        "房卡日期写错。",
    ),
    (
        "SZ01",
        "RES-TEL",
        "skills",
        "people",
        92,
        "Reservation agent could not explain the rate.",
        "预订员无法解释房价。",
    ),
    (
        "WX01",
        "ROOM",
        "facilities",
        "facilities",
        85,
        "Bathroom tap dripping in room 305.",
        "305房水龙头滴水。",
    ),
    (
        "HZ01",
        "ROOM",
        "facilities",
        "facilities",
        74,
        "Safe would not open in room 920.",
        "920房保险箱打不开。",
    ),
    (
        "SZ01",
        "ARRIVAL",
        "procedure",
        "method",
        66,
        "Deposit taken twice at check-in.",
        "入住时重复收取押金。",
    ),
    (
        "HZ01",
        "CHECKOUT",
        "procedure",
        "method",
        52,
        "Late check-out not noted on the bill.",
        "延迟退房未在账单注明。",
    ),
    (
        "WX01",
        "RESTAURANT",
        "supplies",
        "supplies",
        38,
        "Breakfast ran out of soy milk at 08:30.",
        "08:30早餐豆浆已供应完。",
    ),
    (
        "HZ01",
        "ARRIVAL",
        "personnel",
        "people",
        31,
        "New receptionist did not offer help with bags.",
        "新前台未主动帮客人提行李。",
    ),
    (
        "SZ01",
        "ROOM",
        "environment",
        "customer",
        26,
        "Noise from a party in the next room.",
        "隔壁房间聚会噪音。",
    ),
    (
        "HZ01",
        "ROOM",
        "facilities",
        "facilities",
        12,
        "TV remote without batteries in room 618.",
        "618房电视遥控器无电池。",
    ),
]

PREVENTIVE = {
    "site": "HZ01",
    "origin": "trend",
    "owner": "manager",
    "days_ago": 90,
    "due_after": 14,
    "completed_after": 20,
    "verified_after": 55,
    "description": (
        "A second receptionist on Friday and Sunday afternoons: check-in waits rise at "
        "the weekend peaks.",
        "周五和周日下午增派一名前台：周末高峰入住等候时间上升。",
    ),
    "evidence": ("Rota changed from the next week.", "自下周起调整排班。"),
    "verification": (
        "Average wait at the Friday peak down from 12 to 5 minutes over six weeks.",
        "六周内周五高峰平均等候由12分钟降至5分钟。",
    ),
}

HARBOR = [
    {
        "point": "COUNTER",
        "characteristic": "procedure",
        "severity": "minor",
        "days_ago": 30,
        "description": ("Order ahead not ready at the promised time.", "预点单未按承诺时间备好。"),
        "remedy": ("Drink made at once, a cookie offered.", "立即制作饮品，并赠送一块饼干。"),
        "cause": "method",
        "root": (
            "Order-ahead tickets printed behind the counter queue.",
            "预点单小票排在柜台订单之后打印。",
        ),
        "disposition": ("Customer satisfied; no further remedy.", "顾客满意；无需进一步补救。"),
        "close": True,
    },
    {
        "point": "SEATING",
        "characteristic": "environment",
        "severity": "major",
        "days_ago": 9,
        "description": (
            "Tables by the window left dirty for an hour at lunch.",
            "午餐时窗边餐桌一小时未清理。",
        ),
        "remedy": ("Tables cleaned; customers apologised to.", "清理餐桌并向顾客致歉。"),
        "cause": "people",
        "root": ("Nobody is assigned to the seating area at lunch.", "午餐时段座位区无专人负责。"),
        "disposition": (
            "Cleaned at once; no customer asked for more.",
            "当即清理；顾客未提出其他要求。",
        ),
        "corrective": (
            "A named person clears the seating area every 15 minutes at lunch.",
            "午餐时段指定专人每15分钟清理一次座位区。",
        ),
    },
]
