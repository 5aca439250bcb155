# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""The demo's inspections and audits as plain data: the failed items of Lakeside's
year (site, contact point, days ago, measured value or None, note in both languages)
and the findings of its internal audits."""

from __future__ import annotations

# site, contact point, days ago (about), measured value (None: judged fail), note en / zh
FAILURES = [
    (
        "HZ01",
        "ARRIVAL",
        70,
        "7",
        "Two tour groups arrived at once; one desk open.",
        "两个旅行团同时到达，只开了一个柜台。",
    ),
    (
        "SZ01",
        "ROOM",
        47,
        "96",
        "Two rooms of 50 missed the minibar check.",
        "50间客房中有2间漏查迷你吧。",
    ),
    (
        "WX01",
        "RESTAURANT",
        33,
        None,
        "Buffet labels missing on two dishes.",
        "自助餐有两道菜缺少标签。",
    ),
    (
        "HZ01",
        "CHECKOUT",
        19,
        "4.5",
        "Printer jam slowed every check-out for an hour.",
        "打印机卡纸，一小时内所有退房都变慢。",
    ),
]
CAFE_FAILURE = ("COUNTER", 15, "8", "Morning rush: one barista off sick.", "早高峰一名咖啡师病假。")

DISPOSITION = (
    "The guests concerned were served at once; the cause was discussed at the next shift briefing.",
    "当即为相关客人提供服务；在下一次班前会上讨论了原因。",
)
ROOT = (
    "The shift plan did not foresee the peak.",
    "排班计划没有预见高峰。",
)

# The audits of the current cycle: (key, days ago it started (negative: to come),
# site code or None, process en / zh, which clauses: a prefix test)
AUDITS = [
    ("front", 240, "HZ01", "Front office and rooms", "前厅与客房", ("4.3", "4.4")),
    (
        "system",
        60,
        None,
        "Management system and leadership",
        "管理体系与领导作用",
        ("1", "4.1", "4.2", "4.6"),
    ),
    ("measure", -30, "SZ01", "Measurement, analysis and improvement", "测量、分析和改进", ("4.5",)),
]
# key: (clause, grade, finding en / zh, evidence en / zh)
FINDINGS = {
    "front": [
        (
            "4.4.3.2",
            "conformity",
            "The room service specification was followed in the five rooms observed.",
            "观察的五间客房均按客房服务规范执行。",
            "Observation of rooms 305, 311, 402, 417 and 520.",
            "现场观察305、311、402、417和520房间。",
        ),
        (
            "4.3.3",
            "observation",
            "Two housekeeping carts carried checklists without a date.",
            "两辆客房清洁车上的检查表没有填写日期。",
            "Carts on floors 3 and 5.",
            "三楼和五楼的清洁车。",
        ),
        (
            "4.4.7",
            "minor",
            "The front-desk shift hand-over was not recorded on 3 of the 14 days sampled.",
            "抽查的14天中有3天前台交接班没有记录。",
            "Shift hand-over log, 1–14 March.",
            "3月1日至14日交接班记录。",
        ),
    ],
    "system": [
        (
            "4.2.3.1",
            "conformity",
            "The service policy is approved, displayed at each hotel and known to the staff asked.",
            "服务方针已批准，在各酒店张贴，被询问的员工均了解。",
            "Policy DOC v2; interviews with four staff.",
            "方针文件第2版；访谈四名员工。",
        ),
        (
            "4.6.5",
            "opportunity",
            "Retention periods could be shown beside each record list for the staff.",
            "可在各记录清单旁向员工显示保存期限。",
            "Record lists of the three hotels.",
            "三家酒店的记录清单。",
        ),
        (
            "4.2.4.2",
            "observation",
            "Minutes of the monthly quality meeting reach the hotels a week late.",
            "每月质量会议纪要传达到各酒店晚了一周。",
            "Minutes of July, August and September.",
            "七月、八月和九月的会议纪要。",
        ),
    ],
}
RE_AUDIT = (
    "Hand-over records complete on all 20 days sampled since the corrective action.",
    "纠正措施后抽查的20天交接班记录均完整。",
    "Shift hand-over log, 1–20 May.",
    "5月1日至20日交接班记录。",
)
