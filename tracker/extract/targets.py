"""Targets: a quantity with a deadline in the same sentence (到2025年，建设30个以上试点示范项目).

A cap (最高5000万元, "a maximum of 50 million yuan", 不超过…补贴) limits a subsidy; it is not a target.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from tracker.domain.records import Comparator, TargetRecord, WindowSource
from tracker.extract.dates import MONTHS, BadDate, make_date, month_end
from tracker.extract.text import paragraphs

_CN_PLAN = {"十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))

CN_DEADLINE = re.compile(
    r"(?:(?P<pre>到|至|力争到?|争取到?|预计到|计划到|于)\s*)?"
    r"(?:(?P<y>\d{4})\s*年(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?)?\s*(?P<suf>底|末|年底|年末|前|之前|以前)?"
    r"|[“\"']?(?P<plan>十[二三四五六]五)[”\"']?\s*(?:规划)?\s*(?:期末|末|时期末|结束时))"
)
EN_DEADLINE = re.compile(
    rf"\b(?:by|before|until|no later than|through)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?(?:year\s+(?:of\s+)?)?"
    rf"(?:(?P<mon>{_MONTH_RE})\s+)?(?P<y>(?:19|20)\d{{2}})\b"
    rf"|\b(?:by|before)\s+the\s+end\s+of\s+the\s+(?P<plan>\d{{2}})(?:th|st|nd|rd)\s+Five-Year\s+Plan",
    re.I,
)
_EN_PLAN = {"12": 2015, "13": 2020, "14": 2025, "15": 2030}

_CN_UNITS = (
    "个百分点|百分点|平方公里|平方米|万平方米|公里|千米|千瓦|兆瓦|吉瓦|万千瓦|人次|户次|家次|万元|亿元|元|"
    "个|套|家|项|所|户|人|名|次|座|条|台|款|件|辆|张|间|处|场|批|本|篇|部|只|支|颗|倍|床|亩|吨|GW|MW|TB|PB|%"
)
CN_QUANTITY = re.compile(
    r"(?P<pre>不少于|不低于|不超过|不高于|至少|超过|多于|高于|低于|达到|达|突破|逾|约|近|新增|累计|控制在|力争)?\s*"
    r"[“\"]?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<mult>万亿|亿|万|千)?\s*(?P<mid>余|多)?\s*"
    rf"(?:(?P<plus>\+)[”\"]?|(?P<unit>{_CN_UNITS}))"
    r"(?P<post>以上|左右|上下|余|多|以内|以下|及以上)?"
)
EN_QUANTITY = re.compile(
    r"(?P<pre>more than|over|at least|no less than|not less than|no fewer than|not fewer than|upwards of|"
    r"no more than|not more than|up to|less than|fewer than|about|approximately|around|nearly|roughly|some|"
    r"an additional|a total of|a further)?\s*"
    r"\b(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<plus>\+)?\s*(?P<mult>million|billion|thousand|trillion)?\s*"
    r"(?P<pct>%|percent\b|per cent\b)?"
    r"(?P<noun>(?:\s*(?!(?:will|shall|would|by|are|is|be|been|have|has|in|to|of|for|with|and|or|at|on|from|per|that|which)\b)[A-Za-z][\w-]*){0,6})",
    re.I,
)
_AT_LEAST = {"不少于", "不低于", "至少", "超过", "多于", "高于", "突破", "逾", "以上", "及以上", "+", "more than", "over", "at least",
             "no less than", "not less than", "no fewer than", "not fewer than", "upwards of"}
_AT_MOST = {"不超过", "不高于", "低于", "控制在", "以内", "以下", "no more than", "not more than", "up to", "less than", "fewer than"}
_ABOUT = {"约", "近", "左右", "上下", "余", "多", "about", "approximately", "around", "nearly", "roughly", "some"}
_MULT = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 10**3, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_CAP_WORDS = re.compile(r"最高|最多|上限|封顶|补贴|奖励|资助|补助|贴息|扶持资金|maximum|up to|not exceeding|subsid|reward|grant|award", re.I)
_SENTENCE = re.compile(r"(?<=[。!?！？])|\n|(?<=[a-z0-9)\]\"”])\.\s+(?=[A-Z“\"])")


def _comparator(*words: str | None) -> Comparator:
    for w in words:
        if not w:
            continue
        w = w.lower()
        if w in _AT_LEAST:
            return Comparator.AT_LEAST
        if w in _AT_MOST:
            return Comparator.AT_MOST
        if w in _ABOUT:
            return Comparator.ABOUT
    return Comparator.EXACTLY


def _cn_due(m: re.Match) -> date | None:
    if m["plan"]:
        return date(_CN_PLAN[m["plan"]], 12, 31)
    if not m["y"] or not (m["pre"] or m["suf"]) or m["suf"] in ("前", "之前", "以前") and not m["pre"] and not m["m"]:
        return None
    y = int(m["y"])
    if m["d"]:
        return make_date(y, int(m["m"]), int(m["d"]), m[0])
    if m["m"]:
        return month_end(y, int(m["m"]), m[0])
    return date(y, 12, 31)


def _en_due(m: re.Match) -> date | None:
    if m["plan"]:
        return date(_EN_PLAN.get(m["plan"], 0) or 1, 12, 31) if m["plan"] in _EN_PLAN else None
    y = int(m["y"])
    if m["mon"]:
        return month_end(y, MONTHS[m["mon"].lower()], m[0])
    return date(y, 12, 31)


def _decimal(num: str, mult: str | None) -> Decimal | None:
    try:
        value = Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None
    if mult:
        value *= _MULT[mult.lower()]
    return Decimal(int(value)) if value == value.to_integral() else value.normalize()


def targets_in(text: str, measure: str | None, problems: list[str] | None = None) -> list[TargetRecord]:
    """The targets in one measure's text (or the policy's loose text when `measure` is None).

    A deadline reaches across the clauses of its sentence: 到2025年，实现以下目标：建成5个产业园；培育10家企业。
    """
    out: list[TargetRecord] = []
    for sentence in _SENTENCE.split(paragraphs(text)):
        if not sentence or not sentence.strip():
            continue
        carried: tuple[date, tuple[int, int]] | None = None
        for clause in re.split(r"(?<=[；;])", sentence.strip()):
            clause = clause.strip()
            if not clause:
                continue
            try:
                found, deadline = _sentence_targets(clause, measure, carried)
            except BadDate as exc:
                if problems is not None:
                    problems.append(f"{exc} in target: {clause[:80]}")
                continue
            if deadline is not None:
                carried = deadline
            out.extend(found)
    return out


def _sentence_targets(sentence: str, measure: str | None, carried=None) -> tuple[list[TargetRecord], tuple | None]:
    due = None
    span = None
    for m in CN_DEADLINE.finditer(sentence):
        if m[0].strip():
            d = _cn_due(m)
            if d:
                due, span = d, m.span()
                break
    chinese = due is not None or re.search(r"[\u4e00-\u9fff]", sentence)
    if due is None:
        for m in EN_DEADLINE.finditer(sentence):
            due, span = _en_due(m), m.span()
            if due:
                chinese = False
                break
    own = (due, span) if due is not None and span is not None else None
    if own is None:
        if carried is None:
            return [], None
        due, span = carried[0], (0, 0)
    found = _cn_quantities(sentence, span) if chinese else _en_quantities(sentence, span)
    return [
        TargetRecord(
            text=sentence,
            due_on=due,
            measure=measure,
            metric=metric,
            quantity=qty,
            unit=unit,
            comparator=comp,
            due_source=WindowSource.STATED,
        )
        for qty, unit, comp, metric in found
    ], own


def _is_cap(sentence: str, start: int, unit: str | None) -> bool:
    before = sentence[max(0, start - 12) : start]
    if re.search(r"最高|最多|上限|封顶|不超过|maximum|up to|not exceeding|no more than", before, re.I):
        return bool(unit and ("元" in unit or "yuan" in unit.lower())) or bool(_CAP_WORDS.search(sentence))
    return bool(unit and ("元" in unit or "yuan" in unit.lower()) and _CAP_WORDS.search(sentence))


def _cn_quantities(sentence: str, span: tuple[int, int]) -> list[tuple]:
    found = []
    for q in CN_QUANTITY.finditer(sentence):
        if span[0] <= q.start("num") < span[1]:
            continue
        after = sentence[q.end() : q.end() + 1]
        if q["unit"] in ("年", "月") or after in ("年", "月", "日", "号"):
            continue
        unit = q["unit"] if not q["plus"] else None
        if unit and q["mult"] and "元" in unit:
            unit, mult = q["mult"] + unit, None
        else:
            mult = q["mult"]
        if _is_cap(sentence, q.start(), unit):
            continue
        value = _decimal(q["num"], mult)
        if value is None:
            continue
        if unit == "%":
            unit = "percent"
        comp = _comparator(q["post"], q["mid"], "+" if q["plus"] else None, q["pre"])
        found.append((q.start(), value, unit, comp, _cn_metric(sentence, q, span)))
    after = [f for f in found if f[0] >= span[1]]
    return [f[1:] for f in (after or found)]


def _cn_metric(sentence: str, q: re.Match, span: tuple[int, int]) -> str | None:
    tail = re.split(r"[,，。；;、:：(（]", sentence[q.end() :], maxsplit=1)[0].strip(" “”\"")
    tail = re.sub(r"^(?:的|以上|左右)", "", tail)
    if 1 < len(tail) <= 30 and not re.match(r"[\d]", tail):
        return tail
    start = span[1] if span[1] <= q.start() else 0
    head = re.split(r"[,，。；;:：]", sentence[start : q.start()])[-1].strip(" “”\"")
    head = re.sub(r"(?:不少于|不低于|至少|超过|达到|达|突破|约|新增|累计|控制在)$", "", head)
    return head[-40:] or None


def _en_quantities(sentence: str, span: tuple[int, int]) -> list[tuple]:
    found = []
    for q in EN_QUANTITY.finditer(sentence):
        if not q["num"] or span[0] <= q.start("num") < span[1]:
            continue
        num = q["num"]
        noun = (q["noun"] or "").strip()
        if re.fullmatch(r"(19|20)\d{2}", num) and not noun:
            continue  # a year, not a quantity
        verb = re.search(r"\b(reach|exceed|surpass|top|hit|increase to|rise to|grow to)\s*$", sentence[: q.start("num")], re.I)
        if not (noun or q["pct"] or q["plus"] or verb):
            continue
        if _is_cap(sentence, q.start(), noun if "yuan" in noun.lower() else None):
            continue
        value = _decimal(num, q["mult"])
        if value is None:
            continue
        unit = "percent" if q["pct"] else (noun.split()[-1].lower() if noun else None)
        comp = _comparator((q["pre"] or "").lower() or None, "+" if q["plus"] else None)
        if comp is Comparator.EXACTLY and verb and verb[1].lower() in ("exceed", "surpass", "top"):
            comp = Comparator.AT_LEAST
        metric = noun or None
        if q["pct"] or not noun:
            # "the penetration rate of X will exceed 90%": the subject before the verb is what is measured.
            start = span[1] if span[1] <= q.start() else 0
            head = sentence[start : q.start()].strip(" ,;:")
            head = re.split(r"\s+(?:will|shall|is|are|to|should|must|would)\b", head, maxsplit=1)[0].strip(" ,")
            metric = head[-120:] or None
        found.append((q.start(), value, unit, comp, metric))
    after = [f for f in found if f[0] >= span[1]]
    before = [f for f in found if f[0] < span[0]]
    return [f[1:] for f in (before or after)] if not after or before else [f[1:] for f in after]
