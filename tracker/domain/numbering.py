"""Measure numbers for English readers: （四） -> (4), 四、 -> 4., 第十二条 -> Article 12, 第三章 -> Chapter 3.

The Chinese original numbers its items with Chinese numerals; an English reader is shown the same number in
digits, in the shape English translations print them. A number this cannot read is shown as printed.
"""

from __future__ import annotations

import re

CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(text: str) -> int | None:
    """Arabic or Chinese numerals: '12', '十二', '二十', '二十五', '一百零三', '二〇二〇' (digit by digit)."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if all(ch in CN_DIGITS for ch in text):  # 二〇二〇: positional digits
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
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
            value = cn_number(m["n"])
            return shape.format(value) if value is not None else number
    return number
