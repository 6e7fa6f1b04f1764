"""A target's quantity as a reader of either language writes it: 5万套 for one, 50,000 units for the other.

Units are stored as the source printed them (套, 亿元, 平方米, percent); a multiplier folded into the unit (万千瓦,
亿元, 万平方米) is applied when the English unit has none (10,000 kW, 100 million yuan, 10,000 m²).
"""

from __future__ import annotations

from decimal import Decimal

# Chinese unit -> (English unit, factor applied to the quantity). An empty English unit means "use the noun
# the translation gives the metric (30 projects), else print the number alone".
_EN_UNITS: dict[str, tuple[str, int]] = {
    "套": ("units", 1), "台": ("units", 1), "个": ("", 1), "项": ("", 1), "件": ("items", 1), "款": ("products", 1),
    "家": ("enterprises", 1), "所": ("institutions", 1), "户": ("households", 1), "户次": ("household visits", 1),
    "人": ("people", 1), "名": ("people", 1), "人次": ("person-times", 1), "家次": ("enterprise-times", 1),
    "次": ("times", 1), "倍": ("times", 1), "座": ("facilities", 1), "条": ("items", 1), "辆": ("vehicles", 1),
    "张": ("items", 1), "间": ("rooms", 1), "处": ("sites", 1), "场": ("events", 1), "批": ("batches", 1),
    "本": ("volumes", 1), "篇": ("articles", 1), "部": ("works", 1), "只": ("items", 1), "支": ("teams", 1),
    "颗": ("items", 1), "床": ("beds", 1), "亩": ("mu", 1), "吨": ("tonnes", 1),
    "公里": ("km", 1), "千米": ("km", 1), "平方公里": ("km²", 1), "平方米": ("m²", 1), "万平方米": ("m²", 10**4),
    "千瓦": ("kW", 1), "万千瓦": ("kW", 10**4), "兆瓦": ("MW", 1), "吉瓦": ("GW", 1),
    "元": ("yuan", 1), "万元": ("yuan", 10**4), "亿元": ("yuan", 10**8),
    "百分点": ("percentage points", 1), "个百分点": ("percentage points", 1),
}
_PERCENT = {"percent", "%", "per cent"}
_EN_COMPARATOR = {"at_least": "at least ", "at_most": "at most ", "about": "about ", "exactly": ""}
_ZH_COMPARATOR = {"at_least": "不少于", "at_most": "不超过", "about": "约", "exactly": ""}


def _plain(value: Decimal) -> str:
    return format(Decimal(value).normalize(), ",f")


def english_number(value: Decimal, money: bool = False) -> str:
    """50000 -> 50,000; money in millions and billions the way English writes it (50 million, 1.5 billion)."""
    value = Decimal(value)
    if money:
        for size, word in ((Decimal(10**9), "billion"), (Decimal(10**6), "million")):
            if abs(value) >= size:
                return f"{_plain(value / size)} {word}"
    return _plain(value)


def chinese_number(value: Decimal) -> str:
    """50000 -> 5万, 300000000 -> 3亿; other numbers as digits without separators (30, 12.5)."""
    value = Decimal(value).normalize()
    for size, word in ((Decimal(10**8), "亿"), (Decimal(10**4), "万")):
        if abs(value) >= size and (value / size) == (value / size).to_integral():
            return f"{format((value / size).normalize(), 'f')}{word}"
    return format(value, "f")


def format_quantity(quantity, unit: str | None, comparator: str | None, language: str,
                    noun_en: str | None = None, *, high=None) -> str | None:
    """The quantity of a target with its unit and comparator, in `language` ("zh" or "en"); a range (comparator
    "between", `high` its high end) as 3-4个 / 3-4 parks.

    `noun_en` is what the translation counts (projects, units): it names a 个/项 count in English."""
    if quantity is None:
        return None
    value = Decimal(quantity)
    top = Decimal(high) if high is not None else None
    comp = comparator or "exactly"
    if language != "en":
        if unit in _PERCENT:
            low_text = format(value.normalize(), "f")
            span = low_text if top is None else f"{low_text}%-{format(top.normalize(), 'f')}"
            return f"{_ZH_COMPARATOR.get(comp, '')}{span}%"
        def zh(v: Decimal) -> str:
            return format(v.normalize(), "f") if unit and unit[0] in "万亿" else chinese_number(v)
        text = zh(value) if top is None else f"{zh(value)}-{zh(top)}"
        return f"{_ZH_COMPARATOR.get(comp, '')}{text}{unit or ''}"
    words = _EN_COMPARATOR.get(comp, "")
    if unit in _PERCENT:
        return f"{words}{_plain(value)}%" if top is None else f"{_plain(value)}-{_plain(top)}%"
    english, factor = _EN_UNITS.get(unit or "", (unit or "", 1))
    if unit and unit not in _EN_UNITS and any("\u3400" <= ch <= "\u9fff" for ch in unit):
        english = ""  # a Chinese unit this table does not know: the number alone rather than Chinese text
    if not english or english in ("units", "items") and noun_en:
        english = noun_en or english
    number = english_number(value * factor, money=english == "yuan")
    if top is not None:
        number = f"{english_number(value * factor, money=english == 'yuan')}-{english_number(top * factor, money=english == 'yuan')}"
    return f"{words}{number} {english}".strip()
