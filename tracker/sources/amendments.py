"""Notices that act on another policy rather than being one: 关于延长《…》有效期的通知 and 关于废止《…》的通知.

Pure. Extraction reads such a notice as a policy of its own (its title, its document number, the 延长至 date);
here it is recognised as an amendment of the policy it names, so the named policy is extended or repealed
instead of a stray "policy" being filed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tracker.domain.records import PolicyRecord
from tracker.extract.header import DOC_NUMBER_ANY
from tracker.extract.windows import normalise_doc_number

_EXTENSION = re.compile(r"关于(?:延长|延续|顺延)《(?P<title>[^《》]{4,200})》(?:的)?(?:有效期|执行期限|实施期限|执行期)(?:的)?(?:通知|决定|公告)")
_REPEAL = re.compile(r"关于(?:废止|宣布废止|宣布失效|停止执行)《(?P<title>[^《》]{4,200})》(?:的)?(?:通知|决定|公告)")


@dataclass(frozen=True)
class Amendment:
    change: str  # "extended" | "repealed"
    title: str  # of the policy acted on, as the notice cites it
    doc_number: str | None  # of the policy acted on, when the notice gives it
    new_end: date | None  # extensions: the new inclusive last day
    notice: str  # the notice's own title (the reason kept in history)


def _cited_number(text: str, title: str) -> str | None:
    """The document number printed right after the cited title: 《…》（沪府规〔2024〕9号）."""
    m = re.search(re.escape(title) + r"》\s*[（(]\s*(?P<inner>[^（）()]{4,40})[）)]", text)
    if m:
        doc = DOC_NUMBER_ANY.search(m["inner"])
        if doc:
            return normalise_doc_number(doc[0])
    return None


def amendment_of(text: str, records: list[PolicyRecord]) -> Amendment | None:
    """The amendment a single-notice document makes, or None when it is an ordinary policy (or cannot be
    applied: an extension that gives no new date)."""
    if len(records) != 1:
        return None
    notice = records[0]
    title = re.sub(r"\s+", "", notice.title or "")
    m = _EXTENSION.search(title)
    if m:
        new_end = next((date.fromisoformat(h.new) for h in reversed(notice.history)
                        if h.field == "effective_to" and h.new), None)
        if new_end is None:
            return None
        # The number printed after the cited title is the amended policy's; the extension sentence's citation
        # (extraction's guess) only when that is missing and is not the notice's own number.
        number = _cited_number(text, m["title"]) or next(
            (h.source for h in notice.history
             if h.source and not (notice.doc_number and notice.doc_number in h.source)), None)
        return Amendment("extended", m["title"], number, new_end, notice.title)
    m = _REPEAL.search(title)
    if m:
        return Amendment("repealed", m["title"], _cited_number(text, m["title"]), None, notice.title)
    return None
