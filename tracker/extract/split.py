"""Compilations (政策汇编): find where each carried policy starts, using the table of contents, running
titles above page numbers, heading lines and the closing validity sentence that ends most policies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from tracker.extract.header import EN_WRAPPER, WRAPPER, is_title_like
from tracker.extract.text import Line, Page, squeeze

_CLOSING = re.compile(r"^本[\u4e00-\u9fff]{0,8}(?:自.{0,40}起(?:施行|实施|执行|生效)|有效期)")
# Lines that still belong to the policy whose closing sentence they follow: notes, extensions, repeals.
_NOTE = re.compile(r"^注[:：]|延至|延长至|同时废止|予以废止|同时失效|停止执行")


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


_FIRST_ITEM = re.compile(r"^(?:第[一二三四五六七八九十]+[章条]|一、|\(一\)|1[.、](?!\d))")


def _opens_policy(lines: list[Line], j: int) -> bool:
    """A title line (not an annex's or a related-links label) with the policy's first numbered item under it."""
    text = lines[j].text
    if not is_title_like(text) or re.match(r"^(?:附件|附表|相关|链接|解读|来源)", text):
        return False
    reach = 15 if WRAPPER.match(text) else 6  # a notice's own lines come between its wrapper and the items
    return any(_FIRST_ITEM.match(ln.text) for ln in lines[j + 1 : j + reach])


def _after_notes(lines: list[Line], closing: int) -> int:
    j = closing + 1
    while j < len(lines) and _NOTE.search(lines[j].text) and j - closing <= 2:
        j += 1
    return j


def split_compilation(page: Page) -> list[Segment]:
    """Segments, one per carried policy. A document that is not a compilation comes back whole."""
    lines = page.lines
    entries = page.toc
    closings = [i for i, ln in enumerate(lines) if _CLOSING.match(ln.text)]
    wrappers = [i for i, ln in enumerate(lines) if WRAPPER.match(ln.text) or EN_WRAPPER.match(ln.text)]
    # A policy's title standing right after another's closing sentence (and its notes) opens the next policy.
    titled = [j for i in closings if (j := _after_notes(lines, i)) < len(lines) and _opens_policy(lines, j)]
    if len(entries) < 2 and len(closings) < 2 and len(wrappers) < 2 and not titled:
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
        cuts.add(_after_notes(lines, i))
    cuts.add(start)
    ordered = sorted(c for c in cuts if start <= c < len(lines))
    segments: list[Segment] = []
    for a, b in zip(ordered, ordered[1:] + [len(lines)]):
        body = [ln for j, ln in enumerate(lines[a:b], start=a) if j not in drop]
        if not body:
            continue
        k = anchors.get(a)
        hint = entries[k] if k is not None else None
        if hint is None and segments and not any(_CLOSING.match(ln.text) for ln in body) and len(body) <= 3 \
                and not (a in titled and len(body) >= 2):
            segments[-1].lines.extend(body)  # a page tail after the closing sentence: furniture, not a policy
            continue
        segments.append(Segment(body, hint))
    return segments


# 印发《A》和《B》的通知 / 印发《A》、《B》、《C》的通知 / 印发《A》等三个文件的通知: one notice, several policies.
_ETC = r"等[\d一二三四五六七八九十两]*[个份项件部]?(?:政策)?(?:文件|配套文件|制度|办法|措施|细则|规定|政策)"
_NAMED = re.compile(r"《([^《》]+(?:《[^《》]*》[^《》]*)*)》")
_MULTI_WRAPPER = re.compile(
    r"^(?P<issuer>.{0,80}?)(?:关于)?(?:联合)?(?:印发|转发|发布|公布|修订印发)\s*(?:[^《》]{1,30}?(?=《))?"
    r"(?P<titles>《[^《》]+》(?:\s*(?:和|及|以及|与|、|,)?\s*《[^《》]+》)*)\s*"
    rf"(?P<etc>{_ETC})?"
    r"\s*的?\s*(?:通知|决定|公告|通告|函)$"
)
_PLAIN_MULTI = re.compile(rf"^(?P<issuer>.{{0,80}}?)(?:关于)?(?:印发|转发)(?P<titles>[^《》]{{8,160}}?)(?P<etc>{_ETC})?的通知$")
# The notice's list of what it carries: 附件：1.上海市…办法 / 2.上海市…细则
_ANNEX_ENTRY = re.compile(r"^(?:附件\s*[:：]?\s*)?\d{1,2}\s*[.、]\s*(?P<title>\S.{3,120})$")
_ANNEX_LABEL = re.compile(r"^附件\s*\d{0,2}\s*[:：]?\s*")


@dataclass
class Notice:
    """A notice that carries several policies: its own lines (wrapper, number, signature) and each policy's."""

    lines: list[Line]
    titles: list[str]
    parts: list[list[Line]]


def _bare(text: str) -> str:
    return squeeze(_ANNEX_LABEL.sub("", text)).strip("《》")


def _named_titles(head: str) -> tuple[list[str], bool] | None:
    m = _MULTI_WRAPPER.match(head)
    if m:
        return [t.strip() for t in _NAMED.findall(m["titles"])], bool(m["etc"])
    m = _PLAIN_MULTI.match(head)
    if m:
        # 关于印发A和B的通知: the pieces are confirmed below only if each stands as a heading of its own.
        return [t for t in re.split(r"和|及|、", m["titles"]) if len(t) >= 4], bool(m["etc"])
    return None


def standalone_title(lines: list[Line], start: int, title: str) -> list[int]:
    """Indexes of the lines (from `start`) that are `title` standing alone as a heading, also when a PDF broke
    it over two lines."""
    want = squeeze(title)
    found, near = [], []
    for i in range(start, len(lines)):
        here = _bare(lines[i].text)
        if here == want or i + 1 < len(lines) and len(here) >= 4 and want.startswith(here) and here + _bare(lines[i + 1].text) == want:
            found.append(i)
        elif len(here) >= 6 and min(len(here), len(want)) >= 0.7 * max(len(here), len(want)) and is_title_like(lines[i].text) \
                and SequenceMatcher(None, here, want).ratio() >= 0.85:
            near.append(i)  # the heading printed a little differently (的 added, the province left out)
    return found or near


def split_notice(lines: list[Line]) -> Notice | None:
    """The policies of a notice that issues several at once, each from its own title heading; None when the
    text is not such a notice. A policy only named in a sentence (原《…》同时废止) is never one of them."""
    head_at, named = None, None
    for i in range(min(len(lines), 40)):  # a web page may put navigation above the notice
        for joined, used in ((lines[i].text, 1), (lines[i].text + lines[i + 1].text if i + 1 < len(lines) else "", 2)):
            found = _named_titles(joined) if joined else None
            if found and (len(found[0]) >= 2 or found[1]):
                head_at, named = i + used, found
                break
        if named:
            break
    if named is None:
        return None
    titles, etc = named
    if etc:
        # 印发《A》等文件: the notice's annex list names the rest (its forms and tables are not policies), or
        # else the sentence that issues them (《A》、《B》、《C》已经…同意，现印发给你们).
        listed = [t for ln in lines[head_at:] if (m := _ANNEX_ENTRY.match(ln.text)) and is_title_like(t := m["title"].strip("《》 "))]
        if len(listed) < 2:
            issuing = next((ln.text for ln in lines[head_at : head_at + 20] if re.search(r"印发给你们|现予印发|现印发|现将", ln.text)), "")
            listed = [t for t in _NAMED.findall(issuing) if is_title_like(t)]
        if len(listed) >= 2 and squeeze(titles[0]) in (squeeze(t) for t in listed):
            titles = listed
    if len(titles) < 2:
        return None
    wanted = {squeeze(t) for t in titles}
    cuts: list[int] = []
    at = head_at
    for title in titles:
        chosen = None
        for i in standalone_title(lines, at, title):
            # A list of titles (the annex list printed without numbers) is not where a policy starts.
            nxt = _bare(lines[i + 1].text) if i + 1 < len(lines) else ""
            if nxt not in wanted:
                chosen = i
                break
        if chosen is None:
            return None
        cuts.append(chosen)
        at = chosen + 1
    parts = [lines[a:b] for a, b in zip(cuts, cuts[1:] + [len(lines)])]
    return Notice(lines[: cuts[0]], titles, parts)
