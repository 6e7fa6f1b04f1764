"""Aligning a translation's measures with the original's: pure functions, no I/O.

A pair is proposed by numbering (（四） ↔ 4.) or, when the numbering cannot be read, by order. It is kept only
when what both texts must share agrees: the numbers, dates and quantities of the Chinese text all reappear in
the English one (5万套 ↔ 50,000 units, 5000万元 ↔ 50 million yuan, 2024年1月1日 ↔ January 1, 2024) and both name
the same count of responsible units. A pair with nothing to compare is kept only when the two documents have the
same count of measures and no proposed pair disagrees anywhere. Everything else stays unaligned, with the reason:
attaching nothing is better than attaching a measure's English to the wrong measure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from tracker.extract.dates import MONTHS, cn_number

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(frozen=True)
class Piece:
    """One measure as the aligner sees it: its number as printed, its text and how many units it names."""

    number: str
    text: str
    agencies: int = 0


@dataclass(frozen=True)
class Pair:
    zh: int  # index into the original's measures
    en: int  # index into the translation's measures
    basis: str  # "anchors" (shared numbers/units confirm it), "order" (nothing to compare), "manual"
    shared: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unaligned:
    side: str  # "zh" (an original measure without English) or "en" (a translated measure attached nowhere)
    index: int
    reason: str


@dataclass
class Alignment:
    pairs: list[Pair] = field(default_factory=list)
    unaligned: list[Unaligned] = field(default_factory=list)
    conflicts: int = 0  # proposed pairs whose anchors disagreed

    def en_for(self, zh: int) -> Pair | None:
        return next((p for p in self.pairs if p.zh == zh), None)

    @property
    def confirmed(self) -> int:
        """Pairs that shared anchors (or a person) confirm; pairs kept by order alone are not evidence."""
        return sum(1 for p in self.pairs if p.basis in ("anchors", "manual"))

    def fits(self, zh_count: int, en_count: int) -> bool:
        """Whether the English document is a translation of the Chinese one at all: most of its measures are
        confirmed, and confirmed pairs at least twice the disagreeing ones."""
        shorter = min(zh_count, en_count)
        if shorter == 0:
            return False
        return self.confirmed * 2 >= shorter and self.conflicts * 2 <= self.confirmed


# -- numbering -----------------------------------------------------------------------------------------------


def number_value(number: str) -> int | None:
    """（四） -> 4, 4. -> 4, 第四条 -> 4, Article 4 -> 4, IV. -> 4, (4) -> 4; None when it is not a number."""
    core = re.sub(r"^\s*(?:第|Article\s+|Chapter\s+)|[章条、.．()（）\s]", "", number or "", flags=re.I)
    if not core:
        return None
    if re.fullmatch(r"[IVXLC]+", core):
        total = 0
        for a, b in zip(core, core[1:] + " "):
            v = _ROMAN[a]
            total += -v if _ROMAN.get(b, 0) > v else v
        return total
    if len(core) == 1 and 0x2460 <= ord(core) <= 0x2473:
        return ord(core) - 0x2460 + 1
    return cn_number(core)


# -- anchors -------------------------------------------------------------------------------------------------

_CN_MULT = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 10**3}
_EN_MULT = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_CN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?")
_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))
_EN_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_RE})\.?\s+(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_RE})\.?,?\s+(?P<y2>\d{{4}}))\b",
    re.I,
)
_CN_NUMBER = re.compile(r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万亿|亿|万|千)?")
_EN_NUMBER = re.compile(r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion)\b)?", re.I)
# The measure's own label and the responsible-unit clause are not content anchors.
_LEADING_LABEL = re.compile(r"^\s*(?:[(（][^()（）]{1,6}[)）]|第[^条章]{1,6}[条章]|Article\s+\d+\.?|\d{1,3}[.、]|[IVX]{1,5}\.)\s*", re.I)


def _canonical(value: Decimal) -> str:
    value = value.normalize()
    return format(value, "f") if value == value.to_integral() else str(value)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def anchors(text: str, language: str) -> frozenset[str]:
    """What a text states that a faithful translation must repeat: dates (as ISO days or months) and numbers
    with their Chinese or English multipliers applied (5万 -> 50000, 50 million -> 50000000)."""
    body = _LEADING_LABEL.sub("", text or "", count=1)
    found: set[str] = set()
    if language == "zh":
        def cn_date(m: re.Match) -> str:
            found.add(f"{int(m[1]):04d}-{int(m[2]):02d}" + (f"-{int(m[3]):02d}" if m[3] else ""))
            return " "
        body = _CN_DATE.sub(cn_date, body)
        for m in _CN_NUMBER.finditer(body):
            value = _decimal(m[1])
            if value is not None:
                found.add(_canonical(value * _CN_MULT.get(m[2] or "", 1)))
    else:
        def en_date(m: re.Match) -> str:
            month = MONTHS[(m["m1"] or m["m2"]).lower()]
            year, day = int(m["y1"] or m["y2"]), m["d1"] or m["d2"]
            found.add(f"{year:04d}-{month:02d}" + (f"-{int(day):02d}" if day else ""))
            return " "
        body = _EN_DATE.sub(en_date, body)
        for m in _EN_NUMBER.finditer(body):
            value = _decimal(m[1])
            if value is not None:
                found.add(_canonical(value * _EN_MULT.get((m[2] or "").lower(), 1)))
    return frozenset(found)


# -- aligning ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Verdict:
    shared: tuple[str, ...]
    conflict: str | None  # why the two cannot be the same measure


def _compare(zh: Piece, en: Piece) -> _Verdict:
    a, b = anchors(zh.text, "zh"), anchors(en.text, "en")
    shared = tuple(sorted(a & b))
    missing = sorted(a - b)
    extra = sorted(b - a)
    if missing:
        return _Verdict(shared, f"the English lacks {', '.join(missing[:3])}")
    # A translation may spell out a number the original writes in digits (百强 -> Top 100), but not several.
    if len(extra) > 1:
        return _Verdict(shared, f"the English has {', '.join(extra[:3])}, which the Chinese lacks")
    # A translator may merge or drop a unit of the clause: a differing count rules out only a pair sharing no number.
    if zh.agencies and en.agencies and zh.agencies != en.agencies and not shared:
        return _Verdict(shared, f"{zh.agencies} responsible units in Chinese, {en.agencies} in English")
    evidence = shared + (("units",) if zh.agencies and zh.agencies == en.agencies else ())
    return _Verdict(evidence, None)


def _propose(zh: list[Piece], en: list[Piece]) -> list[tuple[int, int]]:
    """Candidate pairs: equal numbers when both sides number every measure distinctly, else equal positions."""
    zv = [number_value(p.number) for p in zh]
    ev = [number_value(p.number) for p in en]
    numbered = all(v is not None for v in zv + ev) and len(set(zv)) == len(zv) and len(set(ev)) == len(ev)
    if numbered:
        where = {v: j for j, v in enumerate(ev)}
        return [(i, where[v]) for i, v in enumerate(zv) if v in where]
    return [(i, i) for i in range(min(len(zh), len(en)))]


def align_measures(zh: list[Piece], en: list[Piece], manual: dict[int, int | None] | None = None) -> Alignment:
    """Pair the translation's measures with the original's. `manual` (zh index -> en index, or None for
    "has no English") is a person's word and wins over everything found here."""
    manual = dict(manual or {})
    result = Alignment()
    taken_zh: set[int] = set()
    taken_en: set[int] = set()
    for i, j in sorted(manual.items()):
        if not 0 <= i < len(zh):
            continue
        taken_zh.add(i)
        if j is not None and 0 <= j < len(en) and j not in taken_en:
            result.pairs.append(Pair(i, j, "manual"))
            taken_en.add(j)
        else:
            result.unaligned.append(Unaligned("zh", i, "set by hand: no English measure"))
    proposed = [(i, j) for i, j in _propose(zh, en) if i not in taken_zh and j not in taken_en]
    verdicts = {(i, j): _compare(zh[i], en[j]) for i, j in proposed}
    result.conflicts = sum(1 for v in verdicts.values() if v.conflict)
    same_shape = len(zh) == len(en) and result.conflicts == 0
    doubtful: dict[int, str] = {}
    for (i, j), v in verdicts.items():
        if v.conflict:
            doubtful[i] = f"anchors disagree with English {en[j].number} ({v.conflict})"
        elif v.shared:
            result.pairs.append(Pair(i, j, "anchors", v.shared))
            taken_zh.add(i)
            taken_en.add(j)
        elif same_shape and number_value(zh[i].number) == number_value(en[j].number):
            result.pairs.append(Pair(i, j, "order"))
            taken_zh.add(i)
            taken_en.add(j)
        else:
            doubtful[i] = f"nothing to confirm English {en[j].number} (no shared numbers or units"\
                          + (", and the counts of measures differ)" if len(zh) != len(en) else ")")
    # A measure left over may still have exactly one English counterpart its anchors point to (items reordered
    # or renumbered): kept only when that is unambiguous in both directions and well evidenced.
    free_zh = [i for i in range(len(zh)) if i not in taken_zh]
    free_en = [j for j in range(len(en)) if j not in taken_en]
    strong = {
        (i, j): v for i in free_zh for j in free_en
        if not (v := _compare(zh[i], en[j])).conflict and len([s for s in v.shared if s != "units"]) >= 2
    }
    for (i, j), v in strong.items():
        if sum(1 for (a, _) in strong if a == i) == 1 and sum(1 for (_, b) in strong if b == j) == 1:
            result.pairs.append(Pair(i, j, "anchors", v.shared))
            taken_zh.add(i)
            taken_en.add(j)
    for i in range(len(zh)):
        if i not in taken_zh:
            result.unaligned.append(Unaligned("zh", i, doubtful.get(i, "no English measure with its number")))
    for j in range(len(en)):
        if j not in taken_en:
            result.unaligned.append(Unaligned("en", j, "matches no Chinese measure"))
    result.pairs.sort(key=lambda p: p.zh)
    return result


# -- targets and agencies of an aligned pair -----------------------------------------------------------------


@dataclass(frozen=True)
class TargetKey:
    quantity: Decimal | None
    due_on: date | None


def pair_targets(zh: list[TargetKey], en: list[TargetKey]) -> dict[int, int]:
    """Targets of one aligned measure paired by quantity and due date, and milestones (no quantity) by due date
    alone, only where that is unambiguous: one on each side."""
    out: dict[int, int] = {}
    for i, key in enumerate(zh):
        same = _same_quantity if key.quantity is not None else _same_milestone
        hits = [j for j, other in enumerate(en) if same(key, other)]
        rivals = [k for k, other in enumerate(zh) if same(other, key)]
        if len(hits) == 1 and len(rivals) == 1:
            out[i] = hits[0]
    return out


def _same_milestone(a: TargetKey, b: TargetKey) -> bool:
    return a.quantity is None and b.quantity is None and a.due_on is not None and a.due_on == b.due_on


def _same_quantity(a: TargetKey, b: TargetKey) -> bool:
    if a.quantity is None or b.quantity is None:
        return False
    return Decimal(a.quantity).normalize() == Decimal(b.quantity).normalize() and a.due_on == b.due_on


def pair_agencies(zh_names: list[str], en_names: list[str]) -> list[tuple[str, str]]:
    """The English name of each responsible unit, learned from one aligned pair's clauses: only when both
    name the same count of units (they are printed in the same order)."""
    if not zh_names or len(zh_names) != len(en_names):
        return []
    return list(zip(zh_names, en_names))

