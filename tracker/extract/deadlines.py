"""Deadlines as plans print them: 到2025年, 2024年6月底前, 2023-2025年, “十四五”期间, 年底前, 三季度, 上半年,
"by the end of June 2024". Pure: no clock; a phrase without a year takes the year it is given (the issue year,
or the year a paragraph is about).

A deadline is `stated` when the phrase names its own year; `inferred` when the year comes from elsewhere (年底前
in a notice issued in 2024) or when a bare year opens a sentence (2023年，…同比增长30%: that year's end).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tracker.extract.dates import MONTHS, BadDate, make_date, month_end

_CN_PLAN = {"十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
_EN_PLAN = {"12": 2015, "13": 2020, "14": 2025, "15": 2030}
_QUARTER = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}
_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))


_HINT = re.compile(r"\d|年|季度|十[二三四五六]五")


@dataclass(frozen=True)
class Deadline:
    due: date
    start: int  # span of the phrase in the clause
    end: int
    stated: bool = True
    bare: bool = False  # a bare year opening a sentence (2023年，…), weaker than 到2023年


_PRE = r"(?P<pre>展望到?|到|至|截至|截止到?|力争到?|力争在|力争于|争取到?|争取在|争取于|预计到|计划到|计划于|确保到?|确保在|确保于|于|在|最迟于?|不晚于)?\s*"
_PART = r"(?P<q>第?[一二三四1-4]季度)|(?P<h>上半年|下半年|年中|一季度末|年度)"
CN_DEADLINE = re.compile(
    # Every form starts with one of these characters: a cheap first test at each position of a long sentence.
    r"(?=[展到至截力争预计确于在最不\d今明本上下年第一二三四“\"'十])"
    + _PRE
    + r"(?:"
    # a period: 2023-2025年, 2024—2026年, 2023年至2025年 (due at its end)
    r"(?P<y1>\d{4})\s*年?\s*(?:[-—–~～至到]|—+)\s*(?P<y2>\d{4})\s*年(?:度)?(?P<psuf>期间|间|内|底前|底|末|前)?"
    # a year with an optional month/day, quarter or half: 2024年6月底前, 2024年三季度, 2025年年底前
    r"|(?P<y>\d{4})\s*年\s*(?:(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?(?P<msuf>中旬|上旬|下旬)?|" + _PART + r")?"
    r"\s*(?P<suf>年底前|年末前|年底|年末|年内|底前|末前|底|末|之前|以前|前|内|以内)?"
    # a month without a year: 6月底前, 9月30日前 (the context's year)
    r"|(?<![\d年])(?P<m2>\d{1,2})\s*月(?:\s*(?P<d2>\d{1,2})\s*[日号])?(?P<msuf2>中旬|上旬|下旬)?\s*(?P<suf2>底前|末前|底|末|之前|以前|前)"
    # no year at all: 年底前, 年内, 上半年, 三季度 (the context's year)
    r"|(?P<rel2>今年|明年|本年)(?P<part2>底前|底|末|内)"
    # a month of this year or the next: 今年6月底前, 明年3月31日前 (a marker is needed: 今年6月，… tells what happened)
    r"|(?<![\d年])(?P<rel3>今年|明年|本年)\s*(?P<m3>\d{1,2})\s*月(?:\s*(?P<d3>\d{1,2})\s*[日号])?(?P<msuf3>中旬|上旬|下旬)?\s*(?P<suf5>底前|末前|底|末|之前|以前|前)"
    r"|(?<![\d一二三四五六七八九十两每各次逐当上下本同今明])(?P<rel>今年|明年|本年度?)?(?P<part>年底前|年底|年末|年内|上半年|下半年|年中|第?[一二三四]季度末?|[1-4]季度末?)(?P<suf3>前|之前|以前|底前)?"
    # this year or the next as a whole, opening a sentence of a work plan or report: 今年，…; 明年全面建成…
    r"|(?<![\d一二三四五六七八九十两每各次逐当上下本同今明至])(?P<rel4>今年|明年|本年度?)(?![以来是的底末内度初中])"
    # five-year plans: “十四五”末, “十四五”期间, 十四五时期
    r"|[“\"']?(?P<plan>十[二三四五六]五)[”\"']?\s*(?:规划)?\s*(?P<plansuf>期末|末|时期末|结束时|期间|时期|内)"
    r")"
)
EN_DEADLINE = re.compile(
    rf"\b(?:by|before|until|no later than|through|prior to)\s+(?:the\s+)?(?:(?:end|close)\s+of\s+(?:the\s+)?)?"
    rf"(?:(?P<half>first|second)\s+half\s+of\s+|(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+)?"
    rf"(?:year\s+(?:of\s+)?)?(?:(?P<d0>\d{{1,2}})\s+(?=(?:{_MONTH_RE})\s))?(?:(?P<mon>{_MONTH_RE})\s+(?:(?P<d>\d{{1,2}}),?\s+)?)?(?P<y>(?:19|20)\d{{2}})\b"
    rf"|\bby\s+(?P<em>end|mid)-(?P<ey>(?:19|20)\d{{2}})\b"
    rf"|\b(?:within|by the end of|before the end of)\s+(?P<this>this|the current|next)\s+year\b"
    # "In 2024, the output will grow by 6%": a plan's year leading a sentence about what will be.
    rf"|^\s*(?:In|For)\s+(?P<iy>(?:19|20)\d{{2}}),(?=.*\b(?:will|shall)\b)"
    # "This year, the city will build…" / "Next year, …": the issue year (or the next), as 今年/明年.
    rf"|^\s*(?:(?:In|During)\s+)?(?P<rely>This|Next)\s+year,(?=.*\b(?:will|shall)\b)"
    # "Targets for 2025:", "the main tasks for 2025 are": a year's goals, due at its end.
    rf"|\b(?:targets?|goals?|objectives?|tasks?)\s+for\s+(?P<fy>(?:19|20)\d{{2}})\b(?!\s*(?:-|–|—|to|through)\s*(?:19|20)\d{{2}})"
    rf"|\b(?:by|before)\s+the\s+end\s+of\s+the\s+(?P<plan>\d{{2}})(?:th|st|nd|rd)\s+Five-Year\s+Plan"
    rf"|\b(?:during|in)\s+the\s+(?P<plan2>\d{{2}})(?:th|st|nd|rd)\s+Five-Year\s+Plan(?:\s+period)?"
    rf"|\b(?:in|during|over|for|from)\s+(?:the\s+period\s+(?:from\s+)?)?(?P<y1>(?:19|20)\d{{2}})\s*(?:-|–|—|to|through)\s*(?P<y2>(?:19|20)\d{{2}})\b",
    re.I,
)
_EN_Q = {"first": 3, "1st": 3, "second": 6, "2nd": 6, "third": 9, "3rd": 9, "fourth": 12, "4th": 12}
# Words that make a sentence a report of what was done, not an obligation.
PAST_CN = re.compile(r"截至目前|截止目前|目前已|现已|已经|(?<![确])已(?:建成|完成|实现|形成|达到|累计|出台|印发|覆盖|开通|投入|有)")


# Years printed digit by digit in Chinese numerals (一九九0年底以前, 二〇二五年底前, as older laws and orders write
# them): read as Arabic digits. Four characters for four digits, so every span found stays a span of the clause.
_CN_YEAR = re.compile(r"(?<![一二三四五六七八九十〇零○\d])[一二三四五六七八九〇零○0-9]{4}(?=\s*年)")
_CN_YEAR_DIGITS = str.maketrans("一二三四五六七八九〇零○", "123456789000")
_CN_MONTH = re.compile(r"(\d{4}\s*年\s*)([一二三四五六七八九]|十[一二])(?=\s*月)")


def arabic_years(clause: str) -> str:
    """`clause` with each year in Chinese numerals (二〇二五年) in Arabic digits (2025年), same length."""
    if not re.search(r"[〇零○九]", clause):
        return clause
    clause = _CN_YEAR.sub(lambda m: m[0].translate(_CN_YEAR_DIGITS) if re.match(r"[12一二]", m[0]) else m[0], clause)
    # …and a month so printed after such a year (二〇二五年六月底前, 十一月): 十月 alone would change the length.
    return _CN_MONTH.sub(lambda m: m[1] + (m[2].translate(_CN_YEAR_DIGITS) if len(m[2]) == 1 else "1" + m[2][1:].translate(_CN_YEAR_DIGITS)), clause)


def cn_deadlines(clause: str, year: int | None = None) -> list[Deadline]:
    """Every Chinese deadline phrase in `clause`; `year` fills 年底前, 6月底前, 上半年 (None: they are skipped).

    Raises BadDate for a deadline that names no real day (2025年13月底前).
    """
    out: list[Deadline] = []
    clause = arabic_years(clause)
    if not _HINT.search(clause):
        return out
    for m in CN_DEADLINE.finditer(clause):
        if not m[0].strip():
            continue
        d = _cn_due(m, clause, year)
        if d is not None:
            out.append(d)
    return out


def _cn_due(m: re.Match, clause: str, year: int | None) -> Deadline | None:
    start, end = m.span()
    pre = m["pre"]
    if m["plan"]:
        return Deadline(date(_CN_PLAN[m["plan"]], 12, 31), start, end, True)
    if m["y2"]:
        y1, y2 = int(m["y1"]), int(m["y2"])
        if not y1 < y2 <= y1 + 30:
            return None
        return Deadline(date(y2, 12, 31), start, end, True)
    if m["y"]:
        y = int(m["y"])
        suf = m["suf"]
        after = clause[end : end + 2]
        if after[:1] in ("度",):  # 2024年度: a fiscal year, as a deadline only with a marker
            if not pre:
                return None
        part = m["m"] or m["q"] or m["h"]
        if not (pre or suf or part):
            # A bare year opening a sentence: 2023年，…同比增长30%. Anywhere else it is a reference.
            if _opens_clause(clause, start) and (re.match(r"\s*[，,]", clause[end:]) or _BARE_YEAR_GOAL.match(clause[end:])):
                return Deadline(date(y, 12, 31), start, end, False, bare=True)
            if _opens_mid_clause_goal(clause, start, end):
                return Deadline(date(y, 12, 31), start, end, False, bare=True)
            return None
        if m["m"] and not (pre or suf) and not re.match(r"\s*[，,]", clause[end:]):
            # 2024年6月 in the middle of a sentence without 前/底/到: a reference (2024年6月印发的…), not a deadline.
            return None
        if pre in ("于", "在") and not suf and not part:
            return None  # 于2023年印发: when something happened
        if suf == "前" and clause[end : end + 1] == "后":
            # 2020年前后: around 2020; 到2030年前后，建成…: a goal for about then, due at that year's end
            if pre and pre[0] in "到至展力争预计确":
                return Deadline(date(y, 12, 31), start, end + 1, True)
            return None
        later = _TO_MONTH.match(clause, end) if m["m"] and not m["d"] and not suf else None
        if later and int(m["m"]) < int(later["m"]) <= 12:
            # 于2025年9月至12月开展…: a span of months, due when its last month ends.
            return Deadline(month_end(y, int(later["m"]), m[0] + later[0]), start, later.end(), True)
        return Deadline(_part_end(y, m["m"], m["d"], m["q"], m["h"], m[0]), start, end, True)
    if m["part2"]:
        y = year + 1 if year and m["rel2"] == "明年" else year
        return Deadline(date(y, 12, 31), start, end, False) if y else None
    if m["m3"]:
        if year is None:
            return None
        return Deadline(_part_end(year + 1 if m["rel3"] == "明年" else year, m["m3"], m["d3"], None, None, m[0]), start, end, False)
    if m["rel4"]:
        # 今年完成…, 今年，全市…增长6%: the issue year (明年: the next), as a bare year opening a sentence is read.
        if year is None or not (pre in _PLAN_PRE or _opens_clause(clause, start) and (
                re.match(r"\s*[，,]", clause[end:]) or _BARE_YEAR_GOAL.match(clause[end:]) or _THIS_YEAR_GOAL.match(clause[end:]))):
            return None
        y = year + 1 if m["rel4"] == "明年" else year
        return Deadline(date(y, 12, 31), start, end, False, bare=pre not in _PLAN_PRE)
    if m["m2"]:
        if year is None:
            return None
        return Deadline(_part_end(year, m["m2"], m["d2"], None, None, m[0]), start, end, False)
    if m["part"]:
        y = year + 1 if year and m["rel"] == "明年" else year
        if y is None:
            return None
        part = m["part"]
        if part in ("年中",) and not m["suf3"]:
            return None
        q = re.search(r"[一二三四1-4]", part) if "季度" in part else None
        h = part if part in ("上半年", "下半年", "年中") else None
        if part.startswith("年底") or part.startswith("年末") or part == "年内":
            return Deadline(date(y, 12, 31), start, end, False)
        return Deadline(_part_end(y, None, None, q[0] if q else None, h, m[0]), start, end, False)
    return None


_TO_MONTH = re.compile(r"\s*(?:至|到|—|-|～|~)\s*(?P<m>\d{1,2})\s*月(?![\d日号])(?:底|末)?")


# A plan's sentence led by a bare year and a goal (2016年基本完成…, 2025年全市实现…): by that year's end.
_BARE_YEAR_GOAL = re.compile(
    r"(?:全[市省区国县]|本[市省区县]|各[区市县])?(?:基本|全面|初步|力争|争取|确保|要|将)?"
    r"(?:完成|实现|建成|建立|形成|启动|推出|出台|达到|覆盖|取得)"
)


# 力争今年…, 确保明年…: a goal for this year or the next said as one.
_PLAN_PRE = ("力争", "争取", "确保", "力争在", "争取在", "确保在", "计划")
# 今年新建5G基站3万个 / 明年改造老旧小区120个: in a work plan the year's work (a past year's would say 去年 or 已).
_THIS_YEAR_GOAL = re.compile(
    r"(?:全[市省区国县]|本[市省区县]|各[区市县]|我[市省区县])?(?:要|将|计划|力争|争取|确保)?"
    r"(?:新建|新增|新开工|建设|改造|开工|实施|开展|培育|打造|引进|招引|推动|推进|组织|举办|培训|提升|提高|降低|减少|压减|投入|安排)"
)


def _opens_clause(clause: str, start: int) -> bool:
    """Nothing but an item's number ((一), 1.) or a sentence's end before `start`."""
    before = clause[:start]
    return not before.strip() or bool(re.search(r"[；;。:：]\s*$", before)) or bool(
        re.fullmatch(r"\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}[、.．])\s*", before))


def _part_end(y: int, m: str | None, d: str | None, q: str | None, h: str | None, phrase: str) -> date:
    if m:
        if d:
            return make_date(y, int(m), int(d), phrase)
        return month_end(y, int(m), phrase)
    if q:
        key = re.search(r"[一二三四1-4]", q)
        return month_end(y, _QUARTER[key[0]], phrase)
    if h:
        if h in ("上半年", "年中", "一季度末"):
            return date(y, 6, 30) if h != "一季度末" else date(y, 3, 31)
        return date(y, 12, 31)
    return date(y, 12, 31)


def en_deadlines(clause: str, year: int | None = None) -> list[Deadline]:
    """Every English deadline phrase in `clause`; `year` dates "within this year". Raises BadDate."""
    out: list[Deadline] = []
    for m in EN_DEADLINE.finditer(clause):
        if m["ey"]:
            mid = m["em"].lower() == "mid"
            out.append(Deadline(date(int(m["ey"]), 6 if mid else 12, 30 if mid else 31), *m.span()))
            continue
        if m["iy"]:
            out.append(Deadline(date(int(m["iy"]), 12, 31), *m.span(), stated=False, bare=True))
            continue
        if m["this"] or m["rely"]:
            if year is not None:
                y = year + 1 if (m["this"] or m["rely"]).lower() == "next" else year
                out.append(Deadline(date(y, 12, 31), *m.span(), stated=False, bare=bool(m["rely"])))
            continue
        if m["fy"]:
            out.append(Deadline(date(int(m["fy"]), 12, 31), *m.span()))
            continue
        if m["plan"] or m["plan2"]:
            plan = m["plan"] or m["plan2"]
            if plan in _EN_PLAN:
                out.append(Deadline(date(_EN_PLAN[plan], 12, 31), *m.span()))
            continue
        if m["y2"]:
            y1, y2 = int(m["y1"]), int(m["y2"])
            if y1 < y2 <= y1 + 30:
                out.append(Deadline(date(y2, 12, 31), *m.span()))
            continue
        y = int(m["y"])
        if m["mon"]:
            mon = MONTHS[m["mon"].lower()]
            day = m["d"] or m["d0"]
            due = make_date(y, mon, int(day), m[0]) if day else month_end(y, mon, m[0])
        elif m["q"]:
            due = month_end(y, _EN_Q[m["q"].lower()], m[0])
        elif m["half"]:
            due = date(y, 6, 30) if m["half"].lower() == "first" else date(y, 12, 31)
        else:
            due = date(y, 12, 31)
        out.append(Deadline(due, *m.span()))
    return out



# 2012年起5年内 / 自2024年起用3年时间: a plan's horizon, the last year of the N counted from the start year. The same
# "5年内" said again later in the text means the same five years.
_HORIZON = re.compile(r"(?:自|从)?(?P<y>\d{4})\s*年起\s*[，,]?\s*(?:力争)?(?:用)?\s*(?P<n>\d{1,2}|[一二两三四五六七八九十])\s*年(?:时间)?(?:内|左右)?")
_WITHIN = re.compile(r"(?<![\d年])(?P<n>\d{1,2}|[一二两三四五六七八九十])\s*年(?:时间)?内")


def plan_horizons(text: str) -> dict[int, int]:
    """{N: last year} for each horizon a text anchors (2012年起5年内 -> {5: 2016})."""
    from tracker.extract.dates import cn_number

    out: dict[int, int] = {}
    for m in _HORIZON.finditer(text):
        n = cn_number(m["n"])
        if n and 1 <= n <= 15:
            out.setdefault(n, int(m["y"]) + n - 1)
    return out


def horizon_deadlines(clause: str, horizons: dict[int, int]) -> list[Deadline]:
    """"5年内" in a text whose plan anchored five years (2012年起5年内): due at the end of the last of them."""
    from tracker.extract.dates import cn_number

    out = []
    for m in _WITHIN.finditer(clause):
        last = horizons.get(cn_number(m["n"]) or 0)
        if last:
            out.append(Deadline(date(last, 12, 31), m.start(), m.end(), stated=False))
    return out


# Schedules in notices: 报名时间为4月26日至4月28日 (the last day), 于5月18日向社会公告 (that day). Only in a clause about a
# step people or offices take (报名, 审核, 公示…), where the year is the notice's when it is not printed.
_RANGE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*[日号][^，,。；;至到]{0,12}?(?:至|到|—|-|~)\s*"
    r"(?:(?P<m2>\d{1,2})\s*月\s*)?(?P<d2>\d{1,2})\s*[日号]"
)
_ON_DAY = re.compile(r"于\s*(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号](?=[^，,。；;]{0,10}?(?:发出|发放|公告|公布|公示|报送|提交|完成|发布|上报))")
# 7月2日，区教育局公布录取情况: a day opening a step of a schedule (a time of day may follow it).
_OPENING_DAY = re.compile(
    r"^\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号](?:\s*(?:上午|下午)?\s*\d{1,2}\s*[:：]\s*\d{2})?\s*[，,]"
)
_SCHEDULE_WORDS = re.compile(r"报名|申请|受理|审核|登记|提交|申报|确认|公示|缴费|办理|录取|报送|公告|填报|报到|注册")


def day_ranges(clause: str, year: int | None) -> list[Deadline]:
    """Each span of days (5月6日至5月8日) due on its last day; raises BadDate for an impossible day."""
    out = []
    for m in _RANGE.finditer(clause):
        y = int(m["y"]) if m["y"] else year
        if y is None:
            continue
        out.append(Deadline(make_date(y, int(m["m2"] or m["m1"]), int(m["d2"]), m[0]), m.start(), m.end(), bool(m["y"])))
    return out


_BENEFIT = re.compile(r"\s*(?:期间|内)?\s*(?:依法|按规定|可)?\s*(?:享受|享有)")


def schedule_deadlines(clause: str, year: int | None) -> list[Deadline]:
    """The last day of a dated step in a schedule; raises BadDate for an impossible day."""
    if not _SCHEDULE_WORDS.search(clause):
        return []
    # 自2026年1月1日起至12月31日享受医保待遇: the span a benefit lasts, not a step to take.
    out = [d for d in day_ranges(clause, year) if not _BENEFIT.match(clause, d.end)]
    m = _OPENING_DAY.match(clause)
    if m and year is not None and not any(d.start <= m.start("m") < d.end for d in out):
        out.append(Deadline(make_date(year, int(m["m"]), int(m["d"]), m[0]), m.start("m"), m.end() - 1, False))
    for m in _ON_DAY.finditer(clause):
        y = int(m["y"]) if m["y"] else year
        if y is None or any(d.start <= m.start() < d.end for d in out):
            continue
        out.append(Deadline(make_date(y, int(m["m"]), int(m["d"]), m[0]), m.start(), m.end(), bool(m["y"])))
    return out


# 于本文印发后3个月内出台实施方案 / 自本通知印发之日起30日内: counted from the day the document was issued.
_AFTER_ISSUE = re.compile(
    r"(?:于|在|自)?\s*本(?:文件?|通知|方案|意见|办法|计划|细则|规定)(?:印发|发布|下发|公布)(?:之日)?(?:后|起)\s*"
    r"(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?P<unit>个月|日|天)(?:内|以内)"
)


# 收到申请后5个工作日内 / 自受理之日起30日内 / "within 15 working days of receipt": a time counted from each case.
_RELATIVE_CN = re.compile(
    r"(?:后|起)\s*(?:\d{1,3}|[一二两三四五六七八九十]{1,3})\s*个?\s*(?:工作日|自然日|日|天|小时|月|周|星期)(?:内|以内)"
)
_RELATIVE_EN = re.compile(
    r"\bwithin\s+(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)\s+(?:working\s+|business\s+|calendar\s+|natural\s+)?(?:days?|hours?|weeks?|months?)\s+"
    r"(?:after|of|from|following|upon|since)\b",
    re.I,
)


def relative_periods(clause: str) -> list[tuple[int, int]]:
    """Spans of periods counted from an event of each case (收到申请后5个工作日内, "within 30 days of receipt"):
    not from the document's issue (本通知印发之日起30日内 is one date, read by after_issue_deadlines)."""
    issued = [m.span() for m in _AFTER_ISSUE.finditer(clause)]
    return [m.span() for pattern in (_RELATIVE_CN, _RELATIVE_EN) for m in pattern.finditer(clause)
            if not any(a <= m.start() < b for a, b in issued)]


def after_issue_deadlines(clause: str, issued: date) -> list[Deadline]:
    """"本文印发后3个月内" in a document issued on `issued`: due that many months or days after it (a month
    without that day ends on its last day). Working days are not counted: holidays are not known here."""
    from calendar import monthrange
    from datetime import timedelta

    from tracker.extract.dates import cn_number

    out = []
    for m in _AFTER_ISSUE.finditer(clause):
        n = cn_number(m["n"])
        if not n:
            continue
        if m["unit"] == "个月":
            y, mon = divmod(issued.month - 1 + n, 12)
            y, mon = issued.year + y, mon + 1
            due = date(y, mon, min(issued.day, monthrange(y, mon)[1]))
        else:
            due = issued + timedelta(days=n)
        out.append(Deadline(due, m.start(), m.end(), stated=False))
    return out


# 事业单位最迟应当自1996年1月1日起施行 / 最迟于2025年7月1日前执行新标准: the latest day a party must start applying it.
_LATEST_START = re.compile(
    r"最迟(?:应当|应|须|要|必须)?\s*(?:自|从|于|在)\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"
    r"\s*(?:起|以前|之前|前)?\s*(?:施行|执行|实行|实施)"
)


def latest_start_deadlines(clause: str) -> list[Deadline]:
    """The day each "最迟…起施行" names; raises BadDate for an impossible day."""
    return [Deadline(make_date(int(m["y"]), int(m["m"]), int(m["d"]), m[0]), m.start(), m.end())
            for m in _LATEST_START.finditer(arabic_years(clause))]


# …加大投入，2021年建设1亿亩高标准农田: a bare year opening a clause after a comma, followed by the goal's verb, dates
# that clause (2021年建设的项目, 2021年以来 are references, not goals).
_MID_CLAUSE_GOAL = re.compile(
    r"\s*(?:全[市省区国县]|本[市省区县]|各[区市县])?(?:基本|全面|初步|力争|争取|确保|要|将|再)?"
    r"(?:完成|实现|建成|建立|形成|启动|推出|出台|达到|覆盖|建设|新建|新增|改造|创建|培育|打造)(?!的)"
)


def _opens_mid_clause_goal(clause: str, start: int, end: int) -> bool:
    if not re.search(r"[，,]\s*$", clause[:start]):
        return False
    m = _MID_CLAUSE_GOAL.match(clause, end)
    if m is None:
        return False
    rest = re.split(r"[，,。；;]", clause[m.end() :], maxsplit=1)[0]
    return bool(re.search(r"\d", rest)) and not re.search(r"的$", rest)
