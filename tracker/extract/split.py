"""Compilations (政策汇编): find where each carried policy starts, using the table of contents, running
titles above page numbers, heading lines and the closing validity sentence that ends most policies."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.header import EN_WRAPPER, WRAPPER, is_title_like
from tracker.extract.text import Line, Page, squeeze

_CLOSING = re.compile(r"^本[\u4e00-\u9fff]{0,8}(?:自.{0,40}起(?:施行|实施|执行|生效)|有效期)")
_NOTE = re.compile(r"^注[:：]|延至|延长至")


@dataclass
class Segment:
    lines: list[Line]
    hint: str | None = None  # the table-of-contents entry naming this policy


def _inner(entry: str) -> str:
    m = WRAPPER.match(entry)
    return squeeze(m["title"]) if m else squeeze(entry)


def _match_entry(text: str, entries: list[str], used: set[int]) -> int | None:
    """`entries` are already squeezed (no spaces)."""
    key = squeeze(text).strip("《》")
    if len(key) < 6:
        return None
    for k, entry in enumerate(entries):
        if k not in used and key in entry:
            return k
    return None


def split_compilation(page: Page) -> list[Segment]:
    """Segments, one per carried policy. A document that is not a compilation comes back whole."""
    lines = page.lines
    entries = page.toc
    closings = [i for i, ln in enumerate(lines) if _CLOSING.match(ln.text)]
    wrappers = [i for i, ln in enumerate(lines) if WRAPPER.match(ln.text) or EN_WRAPPER.match(ln.text)]
    if len(entries) < 2 and len(closings) < 2 and len(wrappers) < 2:
        return [Segment(lines)]
    start = page.toc_end if entries else 0
    squeezed = [squeeze(e) for e in entries]
    anchors: dict[int, int] = {}  # line index -> toc entry
    used: set[int] = set()
    drop: set[int] = set()
    page_starts = {}
    prev = start
    for idx, _ in page.footers:
        page_starts[idx] = prev
        prev = idx
    for idx, footer in page.footers:
        if idx <= start or idx - 1 >= len(lines):
            continue
        k = _match_entry(footer, squeezed, used)
        if k is None:
            continue
        used.add(k)
        drop.add(idx - 1)
        # A running title broken over two lines: its first half sits just above.
        above = lines[idx - 2].text if idx >= 2 else ""
        if above and squeeze(above) in squeezed[k] and len(squeeze(above)) >= 4:
            drop.add(idx - 2)
        anchors[max(page_starts.get(idx, start), start)] = k
    for i in range(start, len(lines)):
        text = lines[i].text
        if i in drop or not is_title_like(text) and not (len(text) <= 40 and not re.search(r"[。,;]", text)):
            continue
        k = _match_entry(text, squeezed, used)
        if k is None:
            continue
        used.add(k)
        first = i
        while first - 1 >= start and len(lines[first - 1].text) <= 40 and squeeze(lines[first - 1].text) in squeezed[k]:
            first -= 1
        anchors[first] = k
    cuts = set(anchors)
    if not entries:
        # Without a contents list, each 关于印发《…》的通知 line opens the next policy.
        cuts.update(wrappers)
    for i in closings:
        j = i + 1
        while j < len(lines) and _NOTE.search(lines[j].text) and j - i <= 2:
            j += 1
        cuts.add(j)
    cuts.add(start)
    ordered = sorted(c for c in cuts if start <= c < len(lines))
    segments: list[Segment] = []
    for a, b in zip(ordered, ordered[1:] + [len(lines)]):
        body = [ln for j, ln in enumerate(lines[a:b], start=a) if j not in drop]
        if not body:
            continue
        k = anchors.get(a)
        hint = entries[k] if k is not None else None
        if hint is None and segments and not any(_CLOSING.match(ln.text) for ln in body) and len(body) <= 3:
            segments[-1].lines.extend(body)  # a page tail after the closing sentence: furniture, not a policy
            continue
        segments.append(Segment(body, hint))
    return segments
