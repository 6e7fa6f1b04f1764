"""Measure numbers for English readers: （四） -> (4), 四、 -> 4., 第十二条 -> Article 12, 第三章 -> Chapter 3.

The Chinese original numbers its items with Chinese numerals; an English reader is shown the same number in
digits, in the shape English translations print them. A number this cannot read is shown as printed.
"""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_numeral(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 一百零五 -> 105, 12 -> 12; None when it is not a numeral below 1000."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        else:
            unit = 10 if ch == "十" else 100
            total += (current or 1) * unit
            current = 0
    return total + current


_SHAPES = (
    (re.compile(r"^第(?P<n>[^条章节]{1,6})条$"), "Article {}"),
    (re.compile(r"^第(?P<n>[^条章节]{1,6})章$"), "Chapter {}"),
    (re.compile(r"^第(?P<n>[^条章节]{1,6})节$"), "Section {}"),
    (re.compile(r"^[（(](?P<n>[^()（）]{1,6})[）)]$"), "({})"),
    (re.compile(r"^(?P<n>[^、.．]{1,6})[、.．]$"), "{}."),
)


def english_measure_number(number: str | None) -> str | None:
    """The measure number as an English translation prints it, or the number unchanged when unreadable."""
    if not number:
        return number
    text = number.strip()
    for pattern, shape in _SHAPES:
        m = pattern.match(text)
        if m is not None:
            value = chinese_numeral(m["n"])
            return shape.format(value) if value is not None else number
    return number
