# ruff: noqa: RUF001 - the Chinese texts use full-width punctuation, as Chinese does
"""The demo's service design, as plain data: Lakeside Hotels' customer journey
and Harbor Café's short one. Items are (category, English, Chinese, extra), where
extra holds criterion, reference, method, frequency, responsible or indicator
(an indicator's English name)."""

from __future__ import annotations

STAR = ("GB/T 14308-2010 Classification and accreditation for star-rated tourist hotels",)
FOOD = ("GB 31654-2021 Food safety: hygiene in catering services",)
FIRE = ("Fire Protection Law of the PRC, art. 16",)

# -- the control specification every point shares, adapted by its subject -------------------


def control(subject_en: str, subject_zh: str, criterion: str, method_en: str) -> list:
    return [
        (
            "inspection",
            f"{subject_en}: checked against the service specification",
            f"{subject_zh}：对照服务规范检查",
            {
                "method": method_en,
                "frequency": "weekly",
                "criterion": criterion,
                "responsible": "Duty manager",
            },
        ),
        (
            "inspection",
            "Guest rating of this contact point (QR code)",
            "顾客对本接触点的评价（二维码）",
            {
                "method": "Customer evaluation",
                "frequency": "monthly",
                "criterion": "average ≥ 4.5 of 5",
                "responsible": "Quality manager",
            },
        ),
        (
            "nonconformity",
            "Put it right for the guest at once (remedial action), then record "
            "the nonconformity with its cause",
            "当场为顾客纠正（补救措施），并记录不合格及原因",
            {},
        ),
        (
            "analysis",
            "Ratings and nonconformities by characteristic, compared across hotels",
            "按服务特性汇总评价和不合格，并在各酒店之间比较",
            {"frequency": "monthly", "responsible": "Quality manager"},
        ),
        (
            "improvement",
            "Review the specification with the front-line team; corrective action "
            "when a criterion is missed twice",
            "与一线团队评审本规范；准则连续两次未达到时采取纠正措施",
            {"frequency": "quarterly", "responsible": "Site manager"},
        ),
    ]


LAKESIDE = [
    {
        "code": "RES-TEL",
        "name_en": "Reservation by phone",
        "name_zh": "电话预订",
        "stage": "before",
        "order": 10,
        "channel": "phone",
        "manned": True,
        "owner_role": "site_manager",
        "description": "Reservations and enquiries by telephone, 07:00–23:00.",
        "service": [
            (
                "scope",
                "Room reservations, changes and cancellations; questions on rates and services",
                "客房预订、变更和取消；房价和服务咨询",
                {},
            ),
            (
                "procedure",
                "Answer, greet with the hotel's name and your own",
                "接听，报酒店名称和本人姓名",
                {"criterion": "within 3 rings", "indicator": "responsive"},
            ),
            (
                "procedure",
                "Confirm dates, room type, rate and guarantee; repeat them back",
                "确认日期、房型、房价和担保方式，并向顾客复述",
                {"indicator": "keeps promises"},
            ),
            (
                "procedure",
                "Send the written confirmation",
                "发送书面确认",
                {"criterion": "≤ 10 minutes after the call"},
            ),
            (
                "skills",
                "Knows every room type, the day's rates and the cancellation rules",
                "熟悉各类房型、当日房价和取消规定",
                {},
            ),
            (
                "etiquette",
                "Smile in the voice; let the guest hang up first",
                "声音带笑；待顾客先挂机",
                {"indicator": "warm"},
            ),
        ],
        "provision": [
            (
                "personnel",
                "Reservation agents trained in the booking system and telephone manners",
                "预订员经预订系统和电话礼仪培训合格",
                {},
            ),
            (
                "facilities",
                "Headsets, the booking system and call recording",
                "耳麦、预订系统和通话录音",
                {},
            ),
            (
                "supplies",
                "Rate sheet and the week's availability at hand",
                "手边备有房价表和本周房态",
                {},
            ),
            ("environment", "A quiet room, away from the front desk", "远离前台的安静房间", {}),
        ],
        "control": control("Calls", "来电", "≥ 95 % answered within 3 rings", "Mystery call"),
    },
    {
        "code": "RES-WEB",
        "name_en": "Web booking",
        "name_zh": "网上预订",
        "stage": "before",
        "order": 20,
        "channel": "web",
        "manned": False,
        "owner_role": "quality_manager",
        "description": "The booking pages of the group's website and mini-program.",
        "service": [
            (
                "scope",
                "Book, change and cancel a stay; see rates, photos and policies",
                "预订、变更和取消入住；查看房价、图片和政策",
                {},
            ),
            (
                "procedure",
                "Choose dates and room, enter guest details, guarantee, confirm",
                "选择日期和房型，填写客人信息，担保，确认",
                {"indicator": "efficient"},
            ),
            (
                "procedure",
                "Confirmation e-mail and text message",
                "发送确认邮件和短信",
                {"criterion": "≤ 1 minute"},
            ),
            (
                "skills",
                "Every price shown includes service charge and taxes",
                "所有显示价格均含服务费和税费",
                {"indicator": "lawful"},
            ),
            (
                "etiquette",
                "Plain, courteous wording in English and Chinese",
                "中英文措辞简明、礼貌",
                {},
            ),
        ],
        "provision": [
            (
                "personnel",
                "Unmanned: no service personnel. Guests who need help are put through "
                "to reservations by phone.",
                "无人接触点：无服务人员。顾客需要帮助时转接电话预订。",
                {"not_applicable": True},
            ),
            (
                "facilities",
                "Booking engine available around the clock",
                "预订引擎全天候可用",
                {"criterion": "availability ≥ 99.5 % a month"},
            ),
            (
                "supplies",
                "Up-to-date photos and descriptions of every room type",
                "各类房型的最新图片和介绍",
                {},
            ),
            (
                "environment",
                "Pages load fast on a phone",
                "手机端页面加载迅速",
                {"criterion": "≤ 3 s on 4G"},
            ),
        ],
        "control": control("Booking pages", "预订页面", "no broken step", "Test booking"),
        "gap": "provision_in_review",
    },
    {
        "code": "ARRIVAL",
        "name_en": "Arrival and check-in",
        "name_zh": "抵店和入住登记",
        "stage": "during",
        "order": 10,
        "channel": "in_person",
        "manned": True,
        "owner_role": "site_manager",
        "description": "Door, lobby and front desk, from the car to the room key.",
        "service": [
            (
                "scope",
                "Welcome, registration, room allocation, key cards, information on the hotel",
                "迎宾、登记、分房、发放房卡、介绍酒店",
                {},
            ),
            (
                "procedure",
                "Greet the guest at the door and take them to the desk",
                "门口迎接客人并引领至前台",
                {"indicator": "considerate care"},
            ),
            (
                "procedure",
                "Register with the guest's ID as the law requires",
                "按法律要求查验证件并登记",
                {
                    "reference": "Regulations on the security of the hotel industry, art. 6",
                    "indicator": "lawful",
                },
            ),
            (
                "procedure",
                "Hand over the key, say the room number quietly, show the way",
                "递交房卡，轻声告知房号，指引方向",
                {"criterion": "check-in ≤ 5 minutes"},
            ),
            (
                "skills",
                "Handles the property system, payment and upgrades",
                "熟练操作酒店管理系统、收款和升级",
                {},
            ),
            (
                "etiquette",
                "Stand, smile and greet within 10 seconds of eye contact",
                "目光接触后10秒内起立、微笑、问候",
                {"criterion": "≤ 10 s", "indicator": "warm"},
            ),
        ],
        "provision": [
            (
                "personnel",
                "Front desk agents in uniform and name badge; one per 60 arrivals at peak",
                "前台接待员着制服、佩戴工牌；高峰时每60位抵店客人配1名",
                {},
            ),
            (
                "facilities",
                "Desk with ID reader, card encoder and payment terminal",
                "配备身份证阅读器、制卡机和收款终端的前台",
                {"reference": STAR[0]},
            ),
            (
                "supplies",
                "Welcome drink, city map, key-card wallets",
                "迎宾饮品、城市地图、房卡套",
                {},
            ),
            (
                "environment",
                "Lobby clean, bright and at 22–24 °C",
                "大堂整洁明亮，温度22–24 °C",
                {"criterion": "22–24 °C", "indicator": "comfortable feeling"},
            ),
        ],
        "control": control("Check-in", "入住登记", "≤ 5 minutes for 90 % of guests", "Observation"),
    },
    {
        "code": "LUGGAGE",
        "name_en": "Luggage and concierge",
        "name_zh": "行李和礼宾服务",
        "stage": "during",
        "order": 20,
        "channel": "in_person",
        "manned": True,
        "owner_role": "site_manager",
        "description": "Bell desk, luggage room and concierge: the guest's property in our care.",
        "service": [
            (
                "scope",
                "Carry luggage, store it, hand it back; tickets, taxis and advice",
                "搬运、寄存和归还行李；代订票务、叫车和咨询",
                {},
            ),
            (
                "procedure",
                "Tag every piece and give the guest the counterfoil",
                "每件行李挂牌并将存根交给客人",
                {"indicator": "attention to detail"},
            ),
            (
                "procedure",
                "Hand back only against the counterfoil or ID",
                "凭存根或证件归还",
                {"criterion": "0 pieces lost"},
            ),
            (
                "skills",
                "Knows the city: sights, restaurants, transport",
                "熟悉本市景点、餐馆和交通",
                {},
            ),
            (
                "etiquette",
                "Offer help before the guest asks",
                "主动提供帮助",
                {"indicator": "considerate care"},
            ),
        ],
        "provision": [
            (
                "personnel",
                "Bell staff fit to lift 25 kg, trained in property custody",
                "行李员能搬运25公斤，经顾客财产保管培训",
                {},
            ),
            (
                "facilities",
                "Locked luggage room with camera",
                "带监控的上锁行李房",
                {"reference": FIRE[0]},
            ),
            (
                "supplies",
                "Numbered two-part tags, trolleys, umbrellas",
                "编号双联行李牌、行李车、雨伞",
                {},
            ),
            (
                "environment",
                "Luggage room dry and tidy; fire exits clear",
                "行李房干燥整洁，消防通道畅通",
                {"reference": FIRE[0]},
            ),
        ],
        "control": control("Luggage log", "行李登记", "log matches the room 100 %", "Log audit"),
    },
    {
        "code": "ROOM",
        "name_en": "Guest room",
        "name_zh": "客房",
        "stage": "during",
        "order": 30,
        "channel": "in_person",
        "manned": True,
        "owner_role": "site_manager",
        "description": "The room and its daily service by housekeeping.",
        "service": [
            (
                "scope",
                "Daily cleaning, turn-down on request, amenities, minibar",
                "每日清扫、按需开夜床、补充客用品、迷你吧",
                {},
            ),
            (
                "procedure",
                "Knock three times, announce housekeeping, wait",
                "敲门三次，报“客房服务”，稍候",
                {"indicator": "people-oriented"},
            ),
            (
                "procedure",
                "Clean in the set order: air, bed, bathroom, dust, replenish, check",
                "按顺序清扫：通风、做床、清洁卫生间、除尘、补充、检查",
                {"criterion": "≤ 30 minutes a room"},
            ),
            (
                "skills",
                "Bed making and bathroom disinfection to the hotel standard",
                "按酒店标准做床和卫生间消毒",
                {"reference": STAR[0]},
            ),
            (
                "etiquette",
                "Never enter when the do-not-disturb sign is on",
                "挂“请勿打扰”牌时不入内",
                {},
            ),
        ],
        "provision": [
            (
                "personnel",
                "Room attendants trained, one per 14 rooms",
                "客房服务员经培训，每14间客房配1名",
                {},
            ),
            (
                "facilities",
                "Bed, lighting, air-conditioning and safe in working order",
                "床、灯具、空调和保险箱完好",
                {"indicator": "safe and reliable"},
            ),
            (
                "supplies",
                "Amenities in both languages, replaced daily",
                "中英文标识的客用品，每日更换",
                {"indicator": "complete"},
            ),
            (
                "environment",
                "Quiet at night and clean to the touch",
                "夜间安静，触摸无尘",
                {"criterion": "≤ 35 dB(A) at night", "indicator": "comfortable feeling"},
            ),
        ],
        "control": control("Rooms", "客房", "≥ 98 % of rooms pass", "Room inspection"),
        "revision": True,
        "local": {
            "HZ01": [
                (
                    "scope",
                    "Lake-view rooms: offer the evening boat schedule and a balcony blanket",
                    "湖景房：提供晚间游船时刻表和阳台毛毯",
                    {},
                ),
            ],
        },
    },
    {
        "code": "RESTAURANT",
        "name_en": "Restaurant",
        "name_zh": "餐厅",
        "stage": "during",
        "order": 40,
        "channel": "in_person",
        "manned": True,
        "owner_role": "site_manager",
        "description": "Breakfast buffet and à la carte dinner.",
        "service": [
            ("scope", "Breakfast, dinner, room service orders", "早餐、晚餐、客房送餐", {}),
            (
                "procedure",
                "Seat, present the menu, take the order, serve, clear, bill",
                "引座、递菜单、点菜、上菜、撤盘、结账",
                {"indicator": "well coordinated"},
            ),
            (
                "procedure",
                "Ask about allergies before taking the order",
                "点菜前询问过敏情况",
                {"reference": FOOD[0], "indicator": "attention to detail"},
            ),
            ("skills", "Knows every dish and its allergens", "熟悉每道菜及其过敏原", {}),
            (
                "etiquette",
                "Serve from the guest's right, clear from the right",
                "从客人右侧上菜、撤盘",
                {},
            ),
        ],
        "provision": [
            (
                "personnel",
                "Waiters with health certificates",
                "服务员持有健康证明",
                {"reference": FOOD[0]},
            ),
            (
                "facilities",
                "Kitchen and buffet equipment to the food-safety standard",
                "厨房和自助餐设备符合食品安全标准",
                {"reference": FOOD[0]},
            ),
            (
                "supplies",
                "Clean tableware and linen for every cover",
                "每个餐位配清洁的餐具和布草",
                {},
            ),
            (
                "environment",
                "Buffet food kept hot ≥ 60 °C or cold ≤ 8 °C",
                "自助餐热食≥60 °C、冷食≤8 °C",
                {"criterion": "≥ 60 °C / ≤ 8 °C", "reference": FOOD[0]},
            ),
        ],
        "control": control(
            "Service and food safety",
            "服务和食品安全",
            "no critical finding",
            "Food-safety inspection",
        ),
    },
    {
        "code": "CHECKOUT",
        "name_en": "Check-out",
        "name_zh": "退房结账",
        "stage": "during",
        "order": 50,
        "channel": "in_person",
        "manned": True,
        "owner_role": "site_manager",
        "description": "Bill, payment, invoice and farewell.",
        "service": [
            (
                "scope",
                "Bill, payment, fapiao, luggage and transport",
                "账单、付款、发票、行李和交通安排",
                {},
            ),
            (
                "procedure",
                "Print the bill, let the guest check it, take payment, issue the fapiao",
                "打印账单请客人核对，收款，开具发票",
                {"criterion": "≤ 3 minutes"},
            ),
            (
                "skills",
                "Explains every charge; issues VAT invoices correctly",
                "能解释每项费用，正确开具增值税发票",
                {"indicator": "reasonable charges"},
            ),
            (
                "etiquette",
                "Thank the guest by name and invite them back",
                "称呼客人姓名致谢并欢迎再次光临",
                {},
            ),
        ],
        "provision": [
            (
                "personnel",
                "Cashiers authorised for refunds up to 500 yuan",
                "收银员有权处理500元以内的退款",
                {},
            ),
            ("facilities", "Invoice printer and payment terminals", "发票打印机和收款终端", {}),
            ("supplies", "Envelopes for bills and invoices", "账单和发票信封", {}),
            (
                "environment",
                "A separate express check-out counter at peak",
                "高峰时设快速退房柜台",
                {},
            ),
        ],
        "control": control("Check-out", "退房", "≤ 3 minutes for 90 % of guests", "Observation"),
    },
    {
        "code": "FOLLOW-UP",
        "name_en": "Post-stay follow-up",
        "name_zh": "离店后回访",
        "stage": "after",
        "order": 10,
        "channel": "phone",
        "manned": True,
        "owner_role": "quality_manager",
        "description": "Thank-you message, survey and return visits after the stay.",
        "service": [
            (
                "scope",
                "Thank-you message, satisfaction survey, return visit after a complaint",
                "感谢信息、满意度调查、投诉后回访",
                {},
            ),
            (
                "procedure",
                "Send the thank-you message with the survey link",
                "发送附调查链接的感谢信息",
                {"criterion": "≤ 24 hours after check-out"},
            ),
            (
                "procedure",
                "Call every guest who complained",
                "致电每位投诉过的客人",
                {"criterion": "within 3 days", "indicator": "keeps promises"},
            ),
            (
                "skills",
                "Listens and records the guest's words faithfully",
                "倾听并如实记录客人意见",
                {},
            ),
            ("etiquette", "Call between 10:00 and 20:00 only", "仅在10:00至20:00之间致电", {}),
        ],
        "provision": [
            ("personnel", "Guest relations officer", "宾客关系主任", {}),
            (
                "facilities",
                "CRM with the guest's stay history",
                "存有客人入住历史的客户关系系统",
                {},
            ),
            (
                "supplies",
                "Survey questionnaire built on the characteristic model",
                "基于服务特性模型的调查问卷",
                {},
            ),
            ("environment", "A quiet office for calls", "安静的办公室用于回访电话", {}),
        ],
        "control": None,  # the gap: not started
    },
]

# A site's own contact point, planned by West Lake's manager.
WEST_LAKE_PIER = {
    "code": "HZ01-PIER",
    "name_en": "Hotel boat pier",
    "name_zh": "酒店游船码头",
    "stage": "during",
    "order": 60,
    "channel": "in_person",
    "manned": True,
    "owner_role": "site_manager",
    "status": "planned",
    "description": "Evening boat trips on West Lake for hotel guests.",
}

# How Lakeside plans each activity of the standard (4.4.1); "feedback" is left
# unplanned on purpose: the dashboard's 4.4.1 c says so.
LAKESIDE_PLANS = {
    "requirements": "Reservations record each guest's explicit requests; the front desk notes "
    "implicit ones (accessibility, diet) in the guest profile at check-in.",
    "communication": "Pre-arrival message three days before; the duty manager is the guest's "
    "single point of contact during the stay.",
    "commitment": "Published promises (check-in within 5 minutes, quiet rooms) are reviewed by "
    "the quality manager before they are advertised.",
    "design": "Each contact point's three specifications are reviewed yearly by the quality "
    "manager with the site managers.",
    "characteristic_control": "Duty managers inspect against the control specifications; guests "
    "rate each contact point by QR code.",
    "contact_control": "Property in our care is logged and tagged; guests' safety and comfort "
    "are checked on every floor round.",
    "maintenance": "Requests after the stay (lost property, invoices) are owned by guest "
    "relations until closed.",
    "return_visits": "Every guest who complained gets a call within three days of departure.",
}
CAFE_PLANS = {
    "requirements": "店长每周汇总顾客的口味和过敏需求。",
    "communication": "菜单和小程序写明配料、价格和等候时间。",
    "commitment": "出杯时间承诺（5分钟内）经店长评审后公布。",
    "design": "柜台的三项规范每年评审一次。",
    "characteristic_control": "店长每周观察等候时间并检查柜台卫生。",
    "contact_control": "顾客遗留物品登记保管。",
    "maintenance": "顾客对饮品不满意时当场重做。",
    "return_visits": "会员投诉后两天内回访。",
    "feedback": "每月汇总小程序评价和意见。",
}

HARBOR = [
    {
        "code": "MINI",
        "name_en": "Mini-program ordering",
        "name_zh": "小程序点单",
        "stage": "before",
        "order": 10,
        "channel": "app",
        "manned": False,
        "description": "Order ahead and pay in the WeChat mini-program.",
        "draft": True,
    },
    {
        "code": "COUNTER",
        "name_en": "Counter ordering and pick-up",
        "name_zh": "柜台点单和取餐",
        "stage": "during",
        "order": 10,
        "channel": "in_person",
        "manned": True,
        "description": "Order, pay and collect at the counter.",
        "service": [
            (
                "scope",
                "Drinks and pastries to order; collection of mini-program orders",
                "饮品和糕点点单；小程序订单取餐",
                {},
            ),
            (
                "procedure",
                "Greet, take the order, repeat it, take payment, call the name",
                "问候、点单、复述、收款、叫号",
                {"criterion": "drink ready ≤ 5 minutes"},
            ),
            (
                "skills",
                "Knows every drink's ingredients and allergens",
                "熟悉每款饮品的配料和过敏原",
                {},
            ),
            (
                "etiquette",
                "Greet each customer within 10 seconds",
                "10秒内问候每位顾客",
                {"criterion": "≤ 10 s"},
            ),
        ],
        "provision": [
            (
                "personnel",
                "Baristas with health certificates",
                "咖啡师持有健康证明",
                {"reference": FOOD[0]},
            ),
            ("facilities", "Espresso machine serviced monthly", "意式咖啡机每月保养", {}),
            ("supplies", "Cups, lids and sleeves for the day", "当日所需的杯、盖和杯套", {}),
            ("environment", "Counter clean and dry at all times", "柜台始终清洁干燥", {}),
        ],
        "control": [
            (
                "inspection",
                "Waiting time at the counter",
                "柜台等候时间",
                {"method": "Observation", "frequency": "weekly", "criterion": "≤ 5 minutes"},
            ),
            (
                "nonconformity",
                "Remake the drink at once; note it in the log",
                "立即重做饮品并记录",
                {},
            ),
            (
                "analysis",
                "Remakes and complaints by week",
                "按周统计重做和投诉",
                {"frequency": "weekly"},
            ),
            (
                "improvement",
                "Monthly team meeting on the week's notes",
                "每月团队会议讨论记录",
                {"frequency": "monthly"},
            ),
        ],
    },
    {
        "code": "SEATING",
        "name_en": "Seating area",
        "name_zh": "座位区",
        "stage": "during",
        "order": 20,
        "channel": "in_person",
        "manned": False,
        "description": "Tables, sockets and Wi-Fi for customers who stay.",
    },
]
