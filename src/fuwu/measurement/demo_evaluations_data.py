# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""The demo's year of customer evaluations as plain data: how busy each hotel is by
weekday, season and Chinese holiday, how many guests answer at each contact point and
when, through which channel, and what they write (a bank of short comments per
characteristic, good and bad, each in English and Chinese)."""

from __future__ import annotations

from datetime import date, timedelta

# -- how busy: weekday, season, holidays -------------------------------------------

# Monday first. The lake hotels fill at weekends; Jinji Lake (Suzhou Industrial Park)
# lives on business travellers as well, so its week is flatter.
WEEKDAY = (0.8, 0.75, 0.8, 0.9, 1.2, 1.55, 1.1)
WEEKDAY_BUSINESS = (0.95, 1.0, 1.0, 0.95, 1.05, 1.25, 1.0)

# By month: quiet winters, lake-side summers (school holidays), golden autumns.
SEASON = (0.75, 0.8, 0.95, 1.05, 1.05, 1.1, 1.35, 1.4, 1.05, 1.15, 1.0, 0.8)

# Chinese New Year's Day (Spring Festival), the Dragon Boat and the Mid-Autumn Festival
# by year: lunar dates, so looked up, not computed.
SPRING_FESTIVAL = {
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
    2031: date(2031, 1, 23),
    2032: date(2032, 2, 11),
    2033: date(2033, 1, 31),
    2034: date(2034, 2, 19),
    2035: date(2035, 2, 8),
}
DRAGON_BOAT = {
    2024: date(2024, 6, 10),
    2025: date(2025, 5, 31),
    2026: date(2026, 6, 19),
    2027: date(2027, 6, 9),
    2028: date(2028, 5, 28),
    2029: date(2029, 6, 16),
    2030: date(2030, 6, 5),
    2031: date(2031, 6, 24),
    2032: date(2032, 6, 12),
    2033: date(2033, 6, 1),
    2034: date(2034, 6, 20),
    2035: date(2035, 6, 10),
}
MID_AUTUMN = {
    2024: date(2024, 9, 17),
    2025: date(2025, 10, 6),
    2026: date(2026, 9, 25),
    2027: date(2027, 9, 15),
    2028: date(2028, 10, 3),
    2029: date(2029, 9, 22),
    2030: date(2030, 9, 12),
    2031: date(2031, 10, 1),
    2032: date(2032, 9, 19),
    2033: date(2033, 9, 8),
    2034: date(2034, 9, 27),
    2035: date(2035, 9, 16),
}


def holidays(year: int) -> dict[date, tuple[str, float]]:
    """The public holidays of a year: day -> (name, how much busier a lake hotel is)."""
    days: dict[date, tuple[str, float]] = {}

    def span(first: date, length: int, name: str, factor: float) -> None:
        for n in range(length):
            days[first + timedelta(days=n)] = (name, factor)

    span(date(year, 1, 1), 3, "new_year", 1.3)
    span(date(year, 4, 4), 3, "qingming", 1.3)
    span(date(year, 5, 1), 5, "labour_day", 1.8)
    span(date(year, 10, 1), 7, "golden_week", 2.1)
    if year in SPRING_FESTIVAL:
        span(SPRING_FESTIVAL[year] - timedelta(days=1), 8, "spring_festival", 1.6)
    if year in DRAGON_BOAT:
        span(DRAGON_BOAT[year] - timedelta(days=1), 3, "dragon_boat", 1.4)
    if year in MID_AUTUMN and MID_AUTUMN[year] not in days:
        span(MID_AUTUMN[year] - timedelta(days=1), 3, "mid_autumn", 1.4)
    return days


# -- the hotels --------------------------------------------------------------------

# site code -> (how busy against the others, share of guests answering in Chinese,
# business hotel: flatter week and a Spring Festival that empties it, how good)
HOTELS = {
    "HZ01": (1.2, 0.86, False, 0.05),
    "SZ01": (0.9, 0.72, True, 0.0),
    "WX01": (1.0, 0.9, False, -0.05),
}
DEFAULT_HOTEL = (1.0, 0.85, False, 0.0)

# The hotel whose front desk slips in the last month (two experienced agents left and
# new ones work the desk alone at peaks): a control-chart signal the dashboards show.
DEGRADING = ("WX01", "ARRIVAL")
DEGRADING_DAYS = 30

# -- the contact points ------------------------------------------------------------

# contact point code -> (evaluations a day at an average day of an average hotel,
# how pleased guests are there (mean rating), channels (qr, link, kiosk) weights,
# hours of the day they answer at, as weights by hour)
POINTS = {
    "RES-TEL": (
        0.6,
        4.45,
        (0.1, 0.9, 0.0),
        {9: 2, 10: 3, 11: 3, 14: 3, 15: 3, 16: 2, 19: 2, 20: 2},
    ),
    "RES-WEB": (
        1.0,
        4.25,
        (0.0, 1.0, 0.0),
        {8: 1, 10: 2, 12: 2, 13: 2, 20: 3, 21: 4, 22: 4, 23: 2, 0: 1},
    ),
    "ARRIVAL": (
        4.5,
        4.5,
        (0.72, 0.03, 0.25),
        {10: 1, 12: 2, 13: 3, 14: 5, 15: 6, 16: 5, 17: 4, 18: 3, 19: 2, 20: 2, 21: 1, 22: 1},
    ),
    "LUGGAGE": (0.8, 4.6, (0.95, 0.05, 0.0), {8: 2, 9: 2, 10: 3, 11: 2, 14: 2, 15: 3, 16: 3}),
    "ROOM": (
        3.0,
        4.4,
        (0.88, 0.12, 0.0),
        {7: 2, 8: 2, 9: 1, 18: 1, 19: 2, 20: 4, 21: 5, 22: 4, 23: 2},
    ),
    "RESTAURANT": (
        2.5,
        4.25,
        (0.95, 0.05, 0.0),
        {7: 3, 8: 5, 9: 3, 11: 1, 12: 3, 13: 2, 17: 1, 18: 4, 19: 4, 20: 2},
    ),
    "CHECKOUT": (
        2.0,
        4.5,
        (0.6, 0.1, 0.3),
        {7: 2, 8: 4, 9: 5, 10: 5, 11: 4, 12: 3, 13: 1},
    ),
}
DEFAULT_POINT = (1.0, 4.4, (0.9, 0.1, 0.0), {h: 1 for h in range(8, 22)})

# How a characteristic fares against the point's mean (prices and supplies draw the
# most complaints, courtesy the fewest).
CHARACTERISTIC = {
    "personnel": 0.15,
    "facilities": -0.1,
    "supplies": -0.15,
    "environment": 0.0,
    "scope": -0.05,
    "procedure": -0.1,
    "skills": 0.05,
    "etiquette": 0.2,
}
# What slips at the degrading front desk, at its worst (added to the point's mean).
DEGRADED = {"procedure": -1.9, "skills": -1.5, "etiquette": -1.2, "scope": -0.9}
DEGRADED_OTHERS = -0.6

# -- what guests write -------------------------------------------------------------

# characteristic -> (pleased, displeased): (English, Chinese) pairs.
COMMENTS: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {
    "personnel": (
        [
            ("Staff were neat and well presented.", "员工仪容整洁，很精神。"),
            (
                "Everyone wore a name badge, easy to ask for help.",
                "每位员工都戴着工牌，找人帮忙很方便。",
            ),
            ("Very professional team.", "团队很专业。"),
        ],
        [
            (
                "One staff member was chatting on the phone while serving us.",
                "有位员工一边接待一边打私人电话。",
            ),
            ("The uniform of the waiter was stained.", "服务员的制服上有污渍。"),
            ("Hard to find anyone to help.", "很难找到工作人员帮忙。"),
        ],
    ),
    "facilities": (
        [
            ("The lifts were quick and spotless.", "电梯很快，也很干净。"),
            ("Great view of the lake.", "湖景非常棒。"),
            ("Everything worked as it should.", "各种设施都运转良好。"),
        ],
        [
            ("The air conditioning was noisy all night.", "空调整晚都很吵。"),
            ("Only one lift was working.", "只有一部电梯在运行。"),
            ("The shower drained slowly.", "淋浴间下水很慢。"),
            ("The Wi-Fi kept dropping.", "无线网络经常断线。"),
        ],
    ),
    "supplies": (
        [
            ("Nice toiletries, and plenty of them.", "洗漱用品质量好，也很充足。"),
            ("Fresh towels every day.", "每天都有干净的毛巾。"),
            ("Good coffee.", "咖啡很好喝。"),
        ],
        [
            ("No slippers in the room.", "房间里没有拖鞋。"),
            ("The minibar was empty.", "迷你吧是空的。"),
            ("Ran out of fresh milk at breakfast.", "早餐时鲜牛奶没有了。"),
            ("The kettle was missing.", "房间里没有电热水壶。"),
        ],
    ),
    "environment": (
        [
            ("Quiet and comfortable.", "安静又舒适。"),
            ("Beautiful lobby, smells lovely.", "大堂很漂亮，气味也很好闻。"),
            ("Felt relaxed the whole time.", "整个过程都很放松。"),
        ],
        [
            ("Too noisy in the corridor at night.", "晚上走廊里太吵了。"),
            ("Smell of smoke in the room.", "房间里有烟味。"),
            ("Too crowded at the weekend.", "周末人太多了。"),
            ("Expensive for what you get.", "性价比不高。"),
        ],
    ),
    "scope": (
        [
            ("They arranged a taxi and a boat trip for us.", "帮我们安排了出租车和游船。"),
            ("Late check-out was no problem.", "延迟退房没问题。"),
            ("Lots of choice.", "选择很多。"),
        ],
        [
            ("Could not get a late check-out even as a member.", "作为会员也不能延迟退房。"),
            ("No vegetarian options.", "没有素食可选。"),
            ("Charged for things I thought were included.", "原以为包含的项目也另外收费了。"),
        ],
    ),
    "procedure": (
        [
            ("Quick and smooth.", "又快又顺利。"),
            ("Everything was ready when we arrived.", "我们到的时候一切都准备好了。"),
            ("No waiting at all.", "完全不用等。"),
        ],
        [
            ("Had to wait a long time.", "等了很久。"),
            ("They got my booking wrong.", "他们把我的预订弄错了。"),
            ("Nobody told us about the change.", "有变动也没人通知我们。"),
            ("The bill was wrong and took ages to fix.", "账单出错，改了很久。"),
        ],
    ),
    "skills": (
        [
            ("They knew the area well and gave great tips.", "对周边很熟悉，推荐很实用。"),
            ("Explained everything clearly.", "解释得很清楚。"),
            ("Spoke good English.", "英语说得很好。"),
        ],
        [
            ("Staff could not answer simple questions.", "员工回答不了简单的问题。"),
            ("Hard to communicate in English.", "用英语沟通很困难。"),
            ("Gave us the wrong directions.", "给我们指错了路。"),
        ],
    ),
    "etiquette": (
        [
            ("Friendly and warm.", "热情友好。"),
            ("They remembered our names.", "他们记得我们的名字。"),
            ("A thoughtful birthday surprise, thank you!", "贴心的生日惊喜，谢谢！"),
            ("Always a smile.", "一直面带微笑。"),
        ],
        [
            ("Nobody greeted us.", "没有人跟我们打招呼。"),
            ("The staff seemed impatient.", "员工显得很不耐烦。"),
            ("Felt ignored.", "感觉被冷落了。"),
        ],
    ),
}
# Words for a contact point rather than a characteristic: (pleased, displeased).
POINT_COMMENTS: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {
    "ARRIVAL": (
        [
            ("Check-in took two minutes.", "两分钟就办好了入住。"),
            ("Welcome drink was a nice touch.", "迎宾饮品很贴心。"),
        ],
        [
            ("Queued for 25 minutes at check-in.", "办理入住排队25分钟。"),
            ("Only one desk open at 4 pm.", "下午4点只开了一个柜台。"),
            ("Room was not ready at 3 pm.", "下午3点房间还没准备好。"),
        ],
    ),
    "RESTAURANT": (
        [
            ("Breakfast buffet was excellent.", "自助早餐非常棒。"),
            ("The West Lake fish was delicious.", "西湖醋鱼很好吃。"),
        ],
        [
            ("Dishes were cold.", "菜是凉的。"),
            ("Waited 20 minutes for a table.", "等位等了20分钟。"),
        ],
    ),
    "ROOM": (
        [
            ("Spotless room and a very comfortable bed.", "房间一尘不染，床很舒服。"),
            ("Housekeeping was quick and discreet.", "客房服务快速又不打扰。"),
        ],
        [
            ("Hair in the bathroom.", "卫生间里有头发。"),
            ("Room was not cleaned until 5 pm.", "房间到下午5点才打扫。"),
        ],
    ),
    "CHECKOUT": (
        [
            ("Fast check-out, invoice ready.", "退房很快，发票也准备好了。"),
        ],
        [
            ("Waited a long time for the fapiao.", "开发票等了很久。"),
        ],
    ),
}
# At the degrading front desk in its last weeks.
DEGRADED_COMMENTS = [
    (
        "Forty minutes to check in, one new agent alone at the desk.",
        "办理入住花了40分钟，柜台只有一位新员工。",
    ),
    ("The agent did not know how to change our room type.", "前台员工不知道怎么给我们换房型。"),
    ("Nobody looked up when we arrived.", "我们到了也没人抬头看一眼。"),
    ("Wrong room card twice.", "房卡两次都做错了。"),
    ("Deposit charged twice on my card.", "押金在我的卡上扣了两次。"),
]
# What went wrong, for the follow-up question after a low rating (short).
WHAT_WENT_WRONG = {
    "en": ("Waiting.", "Unfriendly staff.", "Not clean.", "Something broken.", "Wrong bill."),
    "zh-hans": ("等太久。", "服务态度差。", "不干净。", "东西坏了。", "账单错误。"),
}
