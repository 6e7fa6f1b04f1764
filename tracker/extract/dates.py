"""Dates as they are printed in policy documents, Chinese and English. Pure: no clock.

An impossible date (2025年13月1日, 2月30日) is reported, never repaired and never raised.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from tracker.domain.numbering import CN_DIGITS, cn_number  # noqa: F401 - numerals are read by the date patterns and by callers of this module

_CN_NUM = "〇零○一二两三四五六七八九十百"


_EN_UNITS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
EN_WORD_VALUES = {w: i for i, w in enumerate(_EN_UNITS, start=1)} | {w: 10 * i for i, w in enumerate(_EN_TENS, start=2)}
# "five", "twenty-five", "two hundred", "three hundred and fifty": a whole number written in words (scales above
# a hundred are multipliers, read where the figure is: "three million" is 3 with "million").
EN_NUMBER_WORDS = (
    rf"(?:(?:{'|'.join(_EN_TENS)})(?:[-\s](?:{'|'.join(_EN_UNITS[:9])}))?|(?:{'|'.join(_EN_UNITS)}))"
    rf"(?:\s+hundred(?:\s+(?:and\s+)?(?:(?:{'|'.join(_EN_TENS)})(?:[-\s](?:{'|'.join(_EN_UNITS[:9])}))?|(?:{'|'.join(_EN_UNITS)})))?)?"
)


def en_words_number(words: str) -> int | None:
    """'twenty-five' -> 25, 'three hundred and fifty' -> 350, 'five' -> 5; None when not a number."""
    total, current = 0, 0
    for w in re.split(r"[-\s]+", words.strip().lower()):
        if w == "and":
            continue
        if w == "hundred":
            current = (current or 1) * 100
        elif w in EN_WORD_VALUES:
            current += EN_WORD_VALUES[w]
        else:
            return None
    return total + current or None


_YEAR = rf"(\d{{4}}|[〇零○一二三四五六七八九]{{4}})"
_MD = rf"(\d{{1,2}}|[{_CN_NUM}]{{1,3}})"
CN_DATE = re.compile(rf"{_YEAR}年{_MD}月{_MD}[日号]")
CN_YEAR_MONTH = re.compile(rf"{_YEAR}年{_MD}月(?![\d{_CN_NUM}]{{1,3}}[日号])")

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
EN_DATE = re.compile(
    rf"\b(?:({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})|(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?,?\s+(\d{{4}}))\b",
    re.I,
)
ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


class BadDate(ValueError):
    """A date-shaped phrase that names no real day; its message quotes the phrase."""


def make_date(y: int | None, m: int | None, d: int | None, phrase: str) -> date:
    try:
        if y is None or m is None or d is None:
            raise ValueError
        return date(y, m, d)
    except ValueError:
        raise BadDate(f"invalid date {phrase}") from None


def month_end(y: int, m: int, phrase: str) -> date:
    if not 1 <= m <= 12:
        raise BadDate(f"invalid date {phrase}")
    return date(y, m, calendar.monthrange(y, m)[1])


def cn_date(match: re.Match) -> date:
    return make_date(cn_number(match[1]), cn_number(match[2]), cn_number(match[3]), match[0])


def en_date(match: re.Match) -> date:
    if match[1]:
        month, day, year = match[1], match[2], match[3]
    else:
        day, month, year = match[4], match[5], match[6]
    return make_date(int(year), MONTHS.get(month.lower().rstrip(".")), int(day), match[0])


def any_date(text: str) -> tuple[date | None, str | None]:
    """The first date in `text` (Chinese, English or ISO) and an error message if it was impossible."""
    found = []
    for pattern, conv in ((CN_DATE, cn_date), (EN_DATE, en_date), (ISO_DATE, None)):
        m = pattern.search(text)
        if m:
            found.append((m.start(), m, conv))
    if not found:
        return None, None
    _, m, conv = min(found, key=lambda f: f[0])
    try:
        if conv is None:
            return make_date(int(m[1]), int(m[2]), int(m[3]), m[0]), None
        return conv(m), None
    except BadDate as exc:
        return None, str(exc)


def day_before_anniversary(start: date, years: int) -> date:
    """有效期为X年 / valid for N years: the window ends the day before the Nth anniversary of the start."""
    from datetime import timedelta

    year = start.year + years
    last = calendar.monthrange(year, start.month)[1]
    if start.day > last:  # 29 February: the anniversary falls on 1 March, so the window ends on 28 February
        return date(year, start.month, last)
    return date(year, start.month, start.day) - timedelta(days=1)


_NUMBER_YEAR = re.compile(r"[〔［\[(（【]\s*((?:19|20)\d{2})\s*[〕］\])）】]\s*第?\s*\d+\s*号")


def number_year(doc_number: str | None) -> int | None:
    """The year in a document's own number (国办发〔2022〕35号 -> 2022): the year it was issued, for a notice
    printed without an issue date (a title's 2026年度 may name the year it prepares for, the number does not)."""
    m = _NUMBER_YEAR.search(doc_number or "")
    return int(m[1]) if m else None
