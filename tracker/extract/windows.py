"""Validity windows: stated (a validity sentence) or extended (延至 notes); and plan periods, kept apart.

Never invent a window: without a basis in the text the dates stay None and a note says so. A plan's period
(行动方案（2026—2030年）, “十四五”规划, 规划期为2021—2025年, "for 2023-2025") is not a validity window: the text does not
say the policy lapses with it. It is read as the plan period (`find_plan_period`), never as the window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from tracker.domain.records import HistoryRecord, WindowSource
from tracker.extract.text import paragraphs
from tracker.extract.dates import CN_DATE, EN_DATE, EN_NUMBER_WORDS, ISO_DATE, BadDate, en_words_number, cn_date, cn_number, day_before_anniversary, en_date, make_date

_D = rf"(?:{CN_DATE.pattern}|{EN_DATE.pattern}|{ISO_DATE.pattern})"
_CN_N = r"(\d+|[一二两三四五六七八九十]+)"

# Chinese start phrases: 自2024年1月1日起施行 / 2024年1月1日起实施 / 自印发之日起施行
CN_START = re.compile(rf"自?\s*(?P<d>{CN_DATE.pattern})\s*起\s*(?:施行|实施|执行|生效|试行|开始实施)")
CN_SPAN = re.compile(
    rf"(?:有效期|执行期|实施期|试行期|施行期|期限)(?:为|是|自|从)?\s*(?P<d>{CN_DATE.pattern})\s*(?:起)?\s*(?:至|到|—|-|~)\s*(?P<e>{CN_DATE.pattern})"
)
EN_SPAN = re.compile(
    rf"(?:effective|valid|in force|implemented|(?:validity|valid)\s+period(?:\s+of\s+[^.;]{{0,60}}?)?\s+(?:is|shall\s+be))\s+(?:from|between)\s+(?P<d>{EN_DATE.pattern}|{ISO_DATE.pattern})\s+"
    rf"(?:to|until|till|through|and)\s+(?P<e>{EN_DATE.pattern}|{ISO_DATE.pattern})",
    re.I,
)
CN_END_YEAR = re.compile(r"(?:有效期|执行期|实施期|试行期|施行期)?(?:至|到|截止(?:到|至)?|截至)\s*(?P<y>\d{4})\s*年\s*(?:底|末|年底|年末)")
# "The validity period of these Measures is from 2024 to 2026", "shall remain in force from 2024 to 2026". (The
# implementation period of a plan, "implemented from 2024 to 2026", is its plan period: PLAN_SPAN_EN.)
EN_YEAR_SPAN = re.compile(
    r"(?:(?:validity|valid|effective)\s+period(?:\s+of\s+[^.;]{0,60}?)?\s+(?:is|shall\s+be)|in\s+force|valid|effective)"
    r"\s+(?:from\s+)?(?P<a>(?:19|20)\d{2})\s*(?:-|–|—|to|through|until)\s*(?P<b>(?:19|20)\d{2})\b(?!\s*[-/年])",
    re.I,
)
# 自2024年1月1日起至2026年12月31日止执行: the start printed before a 至 end.
CN_FROM = re.compile(rf"自\s*(?P<d>{CN_DATE.pattern})\s*起")
# Years only, after a validity word (有效期为2023—2025年, 政策期限为2016年至2018年: the policy's own term). 实施期限为2021—2025年 and 规划期 are plan periods (PLAN_SPAN).
CN_YEAR_SPAN = re.compile(r"(?:有效期|有效期限|试行期|政策期限|政策执行期)(?:为|是)?\s*(?P<a>\d{4})\s*年?\s*(?:至|到|—|-|~)\s*(?P<b>\d{4})\s*年")
EN_FROM = re.compile(rf"(?:from|starting|commencing|as of)\s+(?:(?:on|from)\s+)?(?P<d>{EN_DATE.pattern}|{ISO_DATE.pattern})", re.I)
# 自公布之日起30日后施行 / "shall come into force 30 days after the date of promulgation": the issued date plus N days.
CN_START_AFTER = re.compile(r"自(?:印发|发布|公布|颁布)之日起\s*(?P<n>\d+|[一二三四五六七八九十]+)\s*日(?:后|以后)(?:施行|实施|生效)")
EN_START_AFTER = re.compile(
    r"(?:effective|into (?:force|effect)|take[s]? effect|implemented)\s+(?P<n>\d+|[a-z]+)\s+days\s+(?:after|from)\s+the\s+date\s+of\s+"
    r"(?:its\s+)?(?:issuance|promulgation|publication|release)",
    re.I,
)
CN_START_ISSUED = re.compile(r"自(?:(?:印发|发布|公布|发文|颁布|下发|签发)之日|即日)起(?:施行|实施|执行|生效|试行)?")
CN_END = re.compile(
    rf"(?:有效期|执行期|实施期|试行期|施行期)?(?:至|截止(?:到|至|日期为|于)?|截至|到)\s*(?P<d>{CN_DATE.pattern})\s*(?:止|为止|终止|失效)?"
)
CN_END_STRICT = re.compile(
    rf"(?:有效期(?:至|截止(?:到|至|日期为|于)?|截至|到)|(?:执行|实施|试行|施行)(?:至|到|截止(?:到|至)?)|至)\s*(?P<d>{CN_DATE.pattern})"
)
CN_YEARS = re.compile(rf"(?:有效期|有效期限|试行期|实施期限|执行期限)(?:为|是)?\s*{_CN_N}\s*年")
# 本办法自2024年1月1日起施行，2028年12月31日废止。
CN_END_VERB = re.compile(rf"(?P<d>{CN_DATE.pattern})\s*(?:废止|失效|终止|止)")
CN_EXTEND = re.compile(rf"(?:延至|延长至|延期至|延长到|顺延至|有效期调整至|有效期调整为)\s*(?:(?P<d>{CN_DATE.pattern})|(?P<y>\d{{4}})\s*年\s*(?:底|末))")
EN_START = re.compile(
    rf"(?:effective|in force|into (?:force|effect)|take[s]? effect|come[s]? into (?:force|effect)|enter[s]? into force|implemented)\s+"
    rf"(?:as\s+(?:of|from)|on|from|starting)\s+(?P<d>{EN_DATE.pattern}|{ISO_DATE.pattern})",
    re.I,
)
EN_START_ISSUED = re.compile(
    r"\bwith\s+immediate\s+effect|\btake[s]?\s+effect\s+immediately|\beffective\s+immediately|"
    r"(?:effective|in force|into (?:force|effect)|take[s]? effect|implemented|valid)\b[^.;]{0,60}?\b(?:as\s+of|from|on)\s+the\s+date\s+of\s+"
    r"(?:its\s+|their\s+)?(?:issuance|promulgation|publication|release|issue)",
    re.I,
)
EN_END = re.compile(
    rf"(?:remain\s+(?:effective|valid|in\s+force|in\s+effect)|be\s+valid|valid|expire|expires|cease\s+to\s+be\s+effective|effective|in\s+effect)\s+"
    rf"(?:until|till|through|up\s+to|on)\s+(?P<d>{EN_DATE.pattern}|{ISO_DATE.pattern})",
    re.I,
)
EN_YEARS = re.compile(
    rf"(?:valid(?:ity)?(?:\s+period)?|effective|in\s+force|implemented(?:\s+on\s+a\s+trial\s+basis)?|remain\s+in\s+effect)\s+(?:for|period\s+of|of|is|shall\s+be)\s+"
    rf"(?:a\s+(?:period|term)\s+of\s+)?(\d+|{EN_NUMBER_WORDS})\s+years?",
    re.I,
)
EN_EXTEND = re.compile(rf"(?:extended|prolonged)\s+(?:to|until|till|through)\s+(?P<d>{EN_DATE.pattern}|{ISO_DATE.pattern})", re.I)
TITLE_PERIOD = re.compile(r"[(（]\s*(\d{4})\s*年?\s*[-－—–~至到]+\s*(\d{4})\s*年?\s*[)）]")
# A plan period in an English title: "Action Plan for 2023-2025", "Three-Year Action Plan (2023–2025)".
TITLE_PERIOD_EN = re.compile(r"\b(?:for|from)\s+(?:the\s+(?:years|period)\s+)?((?:19|20)\d{2})\s*(?:-|–|—|to|through)\s*((?:19|20)\d{2})\b")
# The five-year plans: “十四五”规划 = 2021-2025; "the 14th Five-Year Plan". (The third ran 1966-1970; each since
# five years on.)
# In a title: 十四五规划 / “十四五”时期…, or quoted anywhere in a plan's title (上海市“十五五”科技创新规划).
FIVE_YEAR_CN = re.compile(
    r"(十[一二三四五六七八九]?五)\s*(?:规划|时期|期间|计划)|[“\"「](十[一二三四五六七八九]?五)[”\"」](?=.*(?:规划|计划|方案|纲要))"
)
FIVE_YEAR_EN = re.compile(r"\b(\d{2})(?:th|st|nd|rd)\s+Five-Year\s+Plan", re.I)
# A period the text gives the plan: 规划期为2021—2025年, 本方案实施期限为2023—2025年, 执行期为2024年至2026年.
PLAN_SPAN = re.compile(
    r"(?:规划期|规划期限|规划期间|实施期|实施期限|实施周期|执行期|执行期限|计划期|(?<!有效)(?<!试行)(?<!政策)期限)(?:为|是|自|从)?\s*(?P<a>\d{4})\s*年?\s*(?:起)?\s*"
    r"(?:至|到|—|-|~|－|–)+\s*(?P<b>\d{4})\s*年(?!\s*\d{1,2}\s*月)"
)
PLAN_SPAN_EN = re.compile(
    r"(?:(?:implementation|planning|plan)\s+period(?:\s+of\s+[^.;]{0,60}?)?\s+(?:is|shall\s+be|covers|runs)"
    r"|(?:shall\s+be\s+|is\s+to\s+be\s+|will\s+be\s+)?implemented(?:\s+over)?"
    r"|(?:covers|is\s+(?:formulated|drawn\s+up|made)\s+for|applies\s+to)(?:\s+the\s+(?:years|period))?)"
    r"\s+(?:from\s+|for\s+)?(?P<a>(?:19|20)\d{2})\s*(?:-|–|—|to|through|until)\s*(?P<b>(?:19|20)\d{2})\b(?!\s*[-/年])",
    re.I,
)
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[(（【]\s*(\d{4})\s*[〕\])）】]\s*(?:第\s*)?\d+\s*号")


def parse_date_match(m: re.Match, group: str = "d") -> date:
    """A date out of any of the combined date patterns (named group d, or e for the end of a span)."""
    s = m[group]
    for pattern, conv in ((CN_DATE, cn_date), (EN_DATE, en_date)):
        mm = pattern.fullmatch(s) or pattern.search(s)
        if mm:
            return conv(mm)
    mm = ISO_DATE.search(s)
    return make_date(int(mm[1]), int(mm[2]), int(mm[3]), s)


@dataclass
class Window:
    effective_from: date | None = None
    effective_to: date | None = None
    source: WindowSource | None = None
    basis: str | None = None
    history: list[HistoryRecord] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def sentences(text: str) -> list[str]:
    """Split on Chinese and English sentence ends; keep each sentence's text for window_basis."""
    parts = re.split(r"(?<=[。；;!?！？])|\n|(?<=[a-z0-9)\]]\.)\s+(?=[A-Z])", paragraphs(text))
    return [p.strip() for p in parts if p and p.strip()]


def _years(word: str) -> int | None:
    return en_words_number(word) if not word.isdigit() else int(word)


_VALID_UNTIL = re.compile(r"有效期(?:至|截止|截至|到)")


def is_validity_sentence(s: str) -> bool:
    """Does the sentence state a window (a start, an end, a span or a number of years)?"""
    if CN_START_AFTER.search(s) or CN_SPAN.search(s) or CN_START.search(s) or CN_START_ISSUED.search(s) or CN_YEARS.search(s) or _VALID_UNTIL.search(s) \
            or CN_YEAR_SPAN.search(s) or CN_END_VERB.search(s) and _OWN.search(s):
        return True
    # English phrasings only where there are English words (most sentences of a Chinese text have none).
    return bool(_ENGLISH_WORD.search(s)) and bool(
        EN_SPAN.search(s) or EN_START.search(s) or EN_START_ISSUED.search(s) or EN_START_AFTER.search(s) or EN_YEARS.search(s) or EN_END.search(s)
        or EN_YEAR_SPAN.search(s) and _OWN.search(s)
    )


_ENGLISH_WORD = re.compile(r"[A-Za-z]{4}")


# A sentence about this document names it: 本办法 / 本实施细则 / These Measures (not 本市, which is the city).
_OWN = re.compile(
    r"本[\u4e00-\u9fff]{0,6}?(?:办法|措施|意见|方案|细则|规定|通知|决定|政策|条例|计划|指引|规则|规划|纲要|指南|公告|通告)"
    r"|\b(?:[Tt]hese|[Tt]his)\s+(?:[A-Z][a-z]+\s+){0,3}(?:Measures|Regulations|Provisions|Rules|Opinions|Notice|Circular|Decision|Plan|Policies|Guidelines|Scheme|Programme|Program)",
)


def find_window(text: str, title: str, issued_on: date | None) -> Window:
    """The policy's window from its text: a validity sentence, then extension notes. Never from the title."""
    w = Window()
    all_sentences = sentences(text)  # once: a compilation's policy text can be long
    candidates = [s for s in all_sentences if is_validity_sentence(s) and not CN_EXTEND.search(s) and not EN_EXTEND.search(s)]
    # Prefer a sentence about this document (本办法/本措施/These Measures) over one quoting another's dates.
    own = [s for s in candidates if _OWN.search(s)] or candidates
    # The closing validity sentence sits at the end: the last one about this document wins.
    chosen = own[-1] if own else None
    if chosen:
        # "本办法自2024年1月1日起施行。有效期5年。": the end may sit in the next sentence.
        following = all_sentences[all_sentences.index(chosen) + 1 :][:1] if chosen in all_sentences else []
        if following and re.match(r"^(?:有效期|The validity|It shall|They shall|These .{0,40}valid)", following[0], re.I):
            chosen = chosen + following[0]
        _read_sentence(chosen, issued_on, w)
        if len(own) >= 2 and (w.effective_from is None) != (w.effective_to is None) and not w.problems:
            _other_half(own[-2], chosen, all_sentences, issued_on, w)
    if w.effective_from is None and w.effective_to is None and w.source is None and chosen is None:
        # A period in the title (行动方案（2026—2030年）) is the plan's period, not its window (find_plan_period).
        w.notes.append("no validity sentence; window unknown")
    _apply_extensions(text, w)
    return w


@dataclass(frozen=True)
class PlanPeriod:
    """The period a plan covers, first day of its first year to last day of its last: not a validity window."""

    plan_from: date
    plan_to: date
    basis: str  # the title or the sentence it was read from
    where: str  # "title" or "text"


def _period(y1: int, y2: int, basis: str, where: str) -> PlanPeriod | None:
    if 1900 < y1 <= y2 < 2200:
        return PlanPeriod(date(y1, 1, 1), date(y2, 12, 31), basis, where)
    return None


def five_year_plan_years(name: str) -> tuple[int, int] | None:
    """十四五 -> (2021, 2025); the third plan ran 1966-1970 and each since five years on."""
    n = cn_number(name[0:1] + name[1:-1]) if name.endswith("五") else None
    if not n or n < 3:
        return None
    start = 1966 + 5 * (n - 3)
    return start, start + 4


def title_period(title: str) -> PlanPeriod | None:
    """The plan period a title names: （2026—2030年）, (2021-2023 年), "for 2023-2025", “十四五”规划, "14th Five-Year Plan"."""
    t = title or ""
    m = TITLE_PERIOD.search(t) or TITLE_PERIOD_EN.search(t)
    if m:
        return _period(int(m[1]), int(m[2]), t, "title")
    m = FIVE_YEAR_CN.search(t)
    years = five_year_plan_years(m[1] or m[2]) if m else None
    if years is None:
        m = FIVE_YEAR_EN.search(t)
        years = (1966 + 5 * (int(m[1]) - 3), 1966 + 5 * (int(m[1]) - 3) + 4) if m and int(m[1]) >= 3 else None
    return _period(*years, t, "title") if years else None


def find_plan_period(text: str, title: str) -> PlanPeriod | None:
    """The period the plan covers, from its title, else from a sentence of its text (规划期为2021—2025年,
    本方案实施期限为2023—2025年, "The implementation period of this Plan is from 2024 to 2026"). None without one."""
    found = title_period(title)
    if found is not None:
        return found
    if not (PLAN_SPAN.search(text) or PLAN_SPAN_EN.search(text)):
        return None  # most texts name no period: one pass over the text, not a split into sentences
    for s in sentences(text):
        m = PLAN_SPAN.search(s) or (PLAN_SPAN_EN.search(s) if _ENGLISH_WORD.search(s) else None)
        if m:
            found = _period(int(m["a"]), int(m["b"]), s, "text")
            if found is not None:
                return found
    return None


def _other_half(earlier: str, chosen: str, all_sentences: list[str], issued_on: date | None, w: Window) -> None:
    """本办法自2024年1月1日起施行。本办法有效期至2028年12月31日。: the start and the end in two sentences next to
    each other (at most two sentences apart) make one window."""
    if earlier in all_sentences and chosen in all_sentences and all_sentences.index(chosen) - all_sentences.index(earlier) > 3:
        return
    other = Window()
    _read_sentence(earlier, issued_on, other)
    start, end = w.effective_from or other.effective_from, w.effective_to or other.effective_to
    if other.problems or start is None or end is None or end < start:
        return
    w.effective_from, w.effective_to = start, end
    w.basis = f"{earlier} {chosen}" if re.search(r"[A-Za-z.]$", earlier) else f"{earlier}{chosen}"
    w.notes = [n for n in w.notes if "states a start but no end" not in n]


def _read_sentence(s: str, issued_on: date | None, w: Window) -> None:
    start = end = None
    try:
        span = CN_SPAN.search(s) or EN_SPAN.search(s)
        years = CN_YEAR_SPAN.search(s) or EN_YEAR_SPAN.search(s)
        if span:
            start, end = parse_date_match(span), parse_date_match(span, "e")
            m = None
        elif years:
            span, m = years, None
            start, end = date(int(years["a"]), 1, 1), date(int(years["b"]), 12, 31)
        else:
            m = CN_START.search(s) or EN_START.search(s)
    except BadDate as exc:
        w.problems.append(f"{exc} in validity sentence: {s[:80]}")
        return
    try:
        if span:
            pass
        elif m:
            start = parse_date_match(m)
        elif (EN_YEARS.search(s) or CN_YEARS.search(s)) and EN_FROM.search(s):
            start = parse_date_match(EN_FROM.search(s))
        elif CN_START_AFTER.search(s) or EN_START_AFTER.search(s):
            after = CN_START_AFTER.search(s) or EN_START_AFTER.search(s)
            days = cn_number(after["n"]) or en_words_number(after["n"])
            if issued_on is None:
                w.notes.append("window starts some days after the issued date, which was not found")
            start = issued_on + timedelta(days=days) if issued_on and days else None
        elif CN_FROM.search(s):
            start = parse_date_match(CN_FROM.search(s))
        elif CN_START_ISSUED.search(s) or EN_START_ISSUED.search(s):
            if issued_on is None:
                w.notes.append("window starts on the issued date, which was not found")
            start = issued_on
        tail = s[m.end():] if m else s
        e = None if span else (
            CN_END_STRICT.search(tail) or EN_END.search(tail) or CN_END_VERB.search(tail)
            or (CN_END_STRICT.search(s) if not m else None)
        )
        year_end = None if span or e else CN_END_YEAR.search(tail)
        if e:
            end = parse_date_match(e)
        elif year_end:
            end = date(int(year_end["y"]), 12, 31)
        elif not span:
            y = CN_YEARS.search(s) or EN_YEARS.search(s)
            if y:
                n = cn_number(y[1]) if CN_YEARS.search(s) else _years(y[1])
                if start is not None and n:
                    end = day_before_anniversary(start, n)
                elif n:
                    w.notes.append(f"valid for {n} years, but the start date is unknown")
    except BadDate as exc:
        w.problems.append(f"{exc} in validity sentence: {s[:80]}")
        return
    if start is None and end is None:
        return
    if start and end and end < start:
        w.problems.append(f"validity ends ({end.isoformat()}) before it starts ({start.isoformat()}): {s[:80]}")
        return
    w.effective_from, w.effective_to = start, end
    w.source, w.basis = WindowSource.STATED, s
    if end is None:
        w.notes.append("validity sentence states a start but no end")


def _apply_extensions(text: str, w: Window) -> None:
    for s in sentences(text):
        m = CN_EXTEND.search(s) or EN_EXTEND.search(s)
        if not m:
            continue
        try:
            new_end = parse_date_match(m) if m["d"] else date(int(m["y"]), 12, 31)
        except BadDate as exc:
            w.problems.append(f"{exc} in extension note: {s[:80]}")
            continue
        doc = DOC_NUMBER.search(s)
        source = normalise_doc_number(doc[0]) if doc else None
        old = w.effective_to
        w.history.append(
            HistoryRecord(
                field="effective_to",
                old=old.isoformat() if old else None,
                new=new_end.isoformat(),
                reason=s,
                source=source,
            )
        )
        w.effective_to = new_end
        w.source = WindowSource.EXTENDED
        w.notes.append(f"validity extended to {new_end.isoformat()}" + (f" by {source}" if source else ""))


def normalise_doc_number(text: str) -> str:
    """沪府办规[2023]27号 / 沪府办规(2023)27 号 -> 沪府办规〔2023〕27号."""
    t = re.sub(r"\s+", "", text)
    # The prefix pattern is greedy; the words that introduce a citation are not part of the number.
    t = re.sub(r"^(?:.*?(?:根据|按照|依据|参照|依照|详见|见|以及|和|及|与|的|、|号))(?=[\u4e00-\u9fff]{2,}[〔\[(（【]\d{4})", "", t)
    t = re.sub(r"^(?:.*?(?:根据|按照|依据|参照|依照|详见|以))(?=[\u4e00-\u9fff]{2,}令)", "", t)
    # 〔2023〕第5号 and 〔2023〕5号 are the same number; the bracketed form is printed without 第.
    return re.sub(r"[\[(（【〔](\d{4})[\])）】〕](?:第)?", r"〔\1〕", t)
