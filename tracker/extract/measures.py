"""Numbered measures: 一、 / （一） / 1. / （1） / 第X条 / "1." / "Article 1", with section headings and titles.

The measure unit is the finest numbered item that carries responsible agencies, else the 条 of an
article-style document, else the finest numbered items that are not a stray sub-list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.domain.records import MeasureRecord
from tracker.extract.agencies import (
    CLAUSE, EN_LINE, EN_ROLE_CLAUSE, INLINE, LINE, ROLE_CLAUSE, agencies_in, en_role_clause, role_clause,
)
from tracker.extract.dates import cn_number

_CN = "一二三四五六七八九十百零〇两"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
ITEM_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("chapter", re.compile(rf"^(第[{_CN}\d]+章)\s*")),
    ("en_chapter", re.compile(r"^(Chapter\s+(?:[IVXLC]+|\d+))\b[.:]?\s*", re.I)),
    ("article", re.compile(rf"^(第[{_CN}\d]+条)\s*")),
    ("en_article", re.compile(r"^(Article\s+\d+)\b[.:]?\s*")),
    ("cn_top", re.compile(rf"^([{_CN}]+、)\s*")),
    ("cn_paren", re.compile(rf"^(\([{_CN}]+\))\s*")),
    ("roman", re.compile(r"^([IVX]{1,5}\.)\s+(?=[A-Z])")),
    ("roman_paren", re.compile(r"^(\([IVX]{1,5}\))\s*(?=[A-Z])")),
    ("arabic", re.compile(r"^(\d{1,3}[.、](?!\d))\s*")),
    ("arabic_paren", re.compile(r"^(\(\d{1,3}\))\s*")),
    ("circled", re.compile(r"^([\u2460-\u2473])\s*")),
]
_SECTION_ONLY = {"chapter", "en_chapter"}
_ARTICLES = {"article", "en_article"}


@dataclass
class Item:
    kind: str
    number: str
    value: int | None
    start: int  # index of its first line
    end: int = 0  # index after its own lines (before the next item of any kind)
    level: int = 0


def _value(kind: str, number: str) -> int | None:
    core = re.sub(r"^第|[章条、.()\s]|Article|Chapter", "", number, flags=re.I)
    if kind in ("roman", "roman_paren") or (kind == "en_chapter" and core.isalpha()):
        total = 0
        for a, b in zip(core, core[1:] + " "):
            v = _ROMAN.get(a, 0)
            total += -v if _ROMAN.get(b, 0) > v else v
        return total or None
    if kind == "circled":
        return ord(number[0]) - 0x2460 + 1
    return cn_number(core)


# 专栏1　"十四五"时期主要指标 / 专栏2 安全生产治本攻坚重点: a box printed inside a plan's text (an indicator table, a
# list of key projects). What it numbers is the box's list, not the plan's measures.
_BOX = re.compile(r"^专栏\s*(?:\d{1,2}(?!\d)|[一二三四五六七八九十]{1,3}(?![一二三四五六七八九十]))")


def _outside_boxes(items: list[Item], lines: list[str]) -> list[Item]:
    """The items not printed inside a 专栏 box. A box's list starts at 1 under its caption and runs on (1. 2. 3.
    with whatever is numbered under them); it ends at an item coarser than its list (（四） after a box inside
    （三）), at one that breaks the run (the plan's own 3. after the box's 1.–3.), or at the next box."""
    captions = [i for i, line in enumerate(lines) if len(line) <= 60 and _BOX.match(line) and not re.search(r"[。；;]", line)]
    if not captions:
        return items
    rank: dict[str, int] = {}
    for it in items:
        rank.setdefault(it.kind, len(rank))
    inside: set[int] = set()
    for n, c in enumerate(captions):
        nxt_caption = captions[n + 1] if n + 1 < len(captions) else len(lines)
        after = [k for k, it in enumerate(items) if c < it.start < nxt_caption]
        if not after or items[after[0]].value != 1:
            continue  # nothing numbered in the box, or the plan's own list going on
        own = rank[items[after[0]].kind]
        last = 0
        for k in after:
            it = items[k]
            r = rank[it.kind]
            if r < own or (r == own and it.value != last + 1):
                break
            if r == own:
                last = it.value
            inside.add(k)
    return [it for k, it in enumerate(items) if k not in inside]


def _scan(lines: list[str]) -> list[Item]:
    items: list[Item] = []
    for i, line in enumerate(lines):
        for kind, pattern in ITEM_PATTERNS:
            m = pattern.match(line)
            if m and len(line) > len(m[1]):
                items.append(Item(kind, m[1].strip(), _value(kind, m[1]), i))
                break
    items = _outside_boxes(items, lines)
    for a, b in zip(items, items[1:] + [None]):
        a.end = b.start if b else len(lines)
    order: list[str] = []
    for it in items:
        if it.kind not in order:
            order.append(it.kind)
    # Chapters always enclose whatever else is numbered.
    ranked = [k for k in order if k in _SECTION_ONLY] + [k for k in order if k not in _SECTION_ONLY]
    for it in items:
        it.level = ranked.index(it.kind)
    return items


def _title(kind: str, rest: str, english: bool) -> str | None:
    rest = rest.strip()
    if not rest:
        return None
    m = re.match(r"^\(([^()]{1,30})\)", rest)
    if kind in _ARTICLES and m:
        return m[1]
    if english:
        m = re.match(r"^(.{3,150}?[a-z)\"”])\.(?:\s|$)", rest)
        if m:
            return m[1]
        return rest if len(rest) <= 120 else None
    m = re.match(r"^(.{2,80}?)[。;；]", rest)
    if m:
        return m[1]
    if len(rest) <= 60 and not CLAUSE.search(rest):
        return rest
    return None


def _own_text(lines: list[str], it: Item) -> str:
    return "\n".join(lines[it.start : it.end])


def _inline_clause(lines: list[str], it: Item) -> bool:
    for line in lines[it.start : it.end]:
        m = CLAUSE.search(line) or INLINE.search(line)
        if m and line.replace(m[0], "").strip(" 。"):
            return True
        for m in ROLE_CLAUSE.finditer(line):
            if role_clause(m[1]) and line.replace(m[0], "").strip(" 。"):
                return True
        for m in EN_ROLE_CLAUSE.finditer(line):
            if en_role_clause(m) and line.replace(m[0], "").strip(" ."):
                return True
    return False


def _has_clause(text: str) -> bool:
    return bool(CLAUSE.search(text) or LINE.search(text) or EN_LINE.search(text))


def _line_clause_kinds(items: list[Item], lines: list[str], kinds: list[str]) -> list[str]:
    """Kinds of item whose agencies stand on lines of their own (责任单位：… under the item). Such a line after
    the last item of a sub-list is the parent's: a kind counts when most of its items, each with what is
    numbered under it, carry one; failing that, any kind with one at all."""
    carried: dict[str, list[bool]] = {k: [] for k in kinds}
    for idx, it in enumerate(items):
        if it.kind not in carried:
            continue
        end = next((nxt.start for nxt in items[idx + 1 :] if nxt.level <= it.level), len(lines))
        carried[it.kind].append(_has_clause("\n".join(lines[it.start : end])))
    most = [k for k in kinds if carried[k] and sum(carried[k]) * 2 > len(carried[k])]
    return most or [k for k in kinds if any(carried[k])]


def choose_unit(items: list[Item], lines: list[str]) -> str | None:
    """Which kind of numbered item is a measure in this document."""
    kinds = [k for k in dict.fromkeys(it.kind for it in items) if k not in _SECTION_ONLY]
    if not kinds:
        return None
    # A clause on the item's own line marks the unit; a clause standing alone on a line after a sub-list
    # belongs to the item above the sub-list, so it counts only when no kind has clauses inline.
    with_agencies = [k for k in kinds if any(_inline_clause(lines, it) for it in items if it.kind == k)] or _line_clause_kinds(items, lines, kinds)
    level = {it.kind: it.level for it in items}
    if with_agencies:
        return max(with_agencies, key=lambda k: level[k])
    for k in kinds:
        if k in _ARTICLES:
            return k
    counts = {k: sum(1 for it in items if it.kind == k) for k in kinds}
    by_depth = sorted(kinds, key=lambda k: level[k], reverse=True)
    # The finest kind, unless it is a sub-list inside a few items of a coarser, more numerous kind, or a stray
    # sub-list printed under one single item that itself stands under a heading (五（二）下的1. 2.).
    parents = _parents(items)
    for k, coarser in zip(by_depth, by_depth[1:]):
        under = {parents[i] for i, it in enumerate(items) if it.kind == k}
        stray = len(under) == 1 and None not in under and parents[next(iter(under))] is not None
        if counts[k] >= 2 and counts[k] >= counts[coarser] and not stray:
            return k
    return by_depth[-1]


def _parents(items: list[Item]) -> list[int | None]:
    """Index of the item each item is printed under (the nearest earlier item of a coarser level)."""
    out: list[int | None] = []
    stack: list[int] = []
    for i, it in enumerate(items):
        while stack and items[stack[-1]].level >= it.level:
            stack.pop()
        out.append(stack[-1] if stack else None)
        stack.append(i)
    return out


_CLOSING = re.compile(r"^(?:本|these|this).{0,30}(?:自|施行|实施|执行|effective|force|effect)|^(?:附件|Annex|Attachment)[:：\d]", re.I)


def find_measures(lines: list[str], english: bool = False) -> tuple[list[MeasureRecord], list[tuple[str | None, str]], str | None]:
    """Measures of one policy, and the text outside any measure as (None, text) for target search."""
    items = _scan(lines)
    unit = choose_unit(items, lines)
    if unit is None:
        return [], [(None, "\n".join(lines))], None
    unit_level = next(it.level for it in items if it.kind == unit)
    groups, promoted = _heading_groups(items, lines, unit, unit_level)
    measures: list[MeasureRecord] = []
    loose: list[tuple[str | None, str]] = []
    covered = [False] * len(lines)
    heads: dict[int, str] = {}
    for idx, it in enumerate(items):
        # The heading a measure stands under is the nearest coarser one still open (a measure at the level
        # of a heading closes it).
        heads = {lvl: label for lvl, label in heads.items() if lvl < it.level}
        if it.level < unit_level and not _leaf_with_agencies(items, idx, unit, lines) or idx in groups:
            heads[it.level] = _section_label(lines[it.start], it)
            continue
        section = heads[max(heads)] if heads else None
        if it.kind != unit and it.level >= unit_level and idx not in promoted:
            continue
        end = len(lines)
        for nxt in items[idx + 1 :]:
            if nxt.level <= max(it.level, unit_level) if it.kind == unit else nxt.level <= it.level:
                end = nxt.start
                break
        body = lines[it.start : end]
        for j, line in enumerate(body[1:], start=1):
            if _CLOSING.match(line):
                body = body[:j]
                break
        for j in range(it.start, it.start + len(body)):
            covered[j] = True
        text = "\n".join(body)
        first = body[0]
        rest = first[first.find(it.number) + len(it.number) :] if it.number in first else first
        measures.append(
            MeasureRecord(
                number=it.number,
                ordinal=len(measures) + 1,
                section=section,
                title=_title(it.kind, rest, english),
                text=text,
                agencies=agencies_in(text),
            )
        )
    rest_lines = [line for j, line in enumerate(lines) if not covered[j]]
    if rest_lines:
        loose.append((None, "\n".join(rest_lines)))
    return measures, loose, unit


def _heading_groups(items: list[Item], lines: list[str], unit: str, unit_level: int) -> tuple[set[int], set[int]]:
    """（一）管理创新能力提升工程。 / 1．… 2．… / （二）… / 3．…: measure-level items that are only short headings over
    one numbered list group it; the listed items are the measures (the finest numbered items), the headings are
    sections."""
    groups: set[int] = set()
    promoted: set[int] = set()
    found: list[tuple[int, list[int]]] = []
    for idx, it in enumerate(items[:-1]):
        nxt = items[idx + 1]
        if it.kind != unit or nxt.level <= unit_level or nxt.start != it.start + 1:
            continue
        words = lines[it.start][lines[it.start].find(it.number) + len(it.number):].strip().rstrip("。")
        if not 2 <= len(words) <= 30 or re.search(r"[。；;，,：:]", words) or _inline_clause(lines, it):
            continue
        children = []
        for k in range(idx + 1, len(items)):
            if items[k].level <= unit_level:
                break
            if items[k].level == nxt.level:
                children.append(k)
        if children:
            found.append((idx, children))
    # Only a list numbered on across its headings (1.–2. under （一）, 3.–6. under （二）…) is one list of measures
    # grouped under headings; a sub-list that starts again at 1. under each item details that item.
    for (a, kids_a), (b, kids_b) in zip(found, found[1:]):
        first, last = items[kids_b[0]].value, items[kids_a[-1]].value
        if first is not None and last is not None and first == last + 1 and first > 1:
            groups.update((a, b))
            promoted.update(kids_a + kids_b)
    return groups, promoted


def _leaf_with_agencies(items: list[Item], idx: int, unit: str, lines: list[str]) -> bool:
    """（一）X。（责任单位：…） printed among （二）'s 1. 2. items that are the measures: an item of a coarser kind with
    responsible units of its own and no measures under it is a measure too."""
    it = items[idx]
    if it.kind in _SECTION_ONLY or not _inline_clause(lines, it):
        return False
    for nxt in items[idx + 1 :]:
        if nxt.level <= it.level:
            return True
        if nxt.kind == unit:
            return False
    return True


def _section_label(line: str, it: Item) -> str:
    label = line.strip()
    if it.kind in ("chapter", "article") and label.startswith(it.number):
        label = f"{it.number} {label[len(it.number):].strip()}".strip()
    return label if len(label) <= 150 else label[:150]
