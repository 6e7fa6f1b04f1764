"""How well extraction reads real government documents: per-field rates on the hand-checked corpus in
bench/corpus/ (docs/<id>.txt with expected/<id>.json, facts written by reading each document).

Each document goes through the tracker's own path (tracker.extract.decode.decode_document, then
tracker.extract.extract_policies, as `tracker ingest` does, without a database). Extracted policies are matched to
expected ones by document number, else by title similarity (a document of one policy pairs its only extracted policy
whatever the title). Rates printed:

- titles: equal once spaces and punctuation are dropped
- windows exact: effective_from and effective_to both equal to what the text states (null where it states none)
- invented windows: a side the text leaves open (expected null) for which extraction gives a date
- document numbers: equal after normalising 〔〕[]()【】 and spaces; invented: a number where the text has none
- targets: quantity, unit and due date all right (units compared after scaling 万/亿/千 prefixes, 5万套 = 50000套)
- milestones: due date right
- measure counts within 10% of the printed count
- repeals / extends: the repealed or extended documents named (by number, else by title)
- crashes: extraction raised or reported a failure

It prints rates and asserts nothing.

    python bench/corpus_eval.py [--verbose] [--only SUBSTRING] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CORPUS = Path(__file__).resolve().parent / "corpus"

# Units that start with a multiplier character but are units in their own right.
_WHOLE_UNITS = {"千瓦", "千瓦时", "千米", "千克", "千伏", "千帕", "万元", "亿元"}
_MULT = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4), ("千", Decimal(10) ** 3))
_EN_MULT = {"thousand": Decimal(10) ** 3, "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9, "trillion": Decimal(10) ** 12}
_PERCENT = {"%", "percent", "per cent", "％", "百分比"}


def canonical_quantity(quantity, unit: str | None) -> tuple[Decimal | None, str | None]:
    """(value, base unit) so that 5万套 and 50000套, 10万千瓦 and 100000千瓦, 5000万元 and 50000000元 compare equal."""
    try:
        value = None if quantity is None else Decimal(str(quantity))
    except InvalidOperation:
        value = None
    u = (unit or "").strip()
    if u.lower() in _PERCENT:
        return value, "percent"
    if u in ("个百分点", "百分点", "percentage points", "percentage point"):
        return value, "百分点"
    # 万元/亿元 are whole units to the tracker but money compares in yuan.
    if u.endswith("元") and len(u) > 1:
        base = u[:-1]
        for prefix, mult in _MULT:
            if base == prefix and value is not None:
                return value * mult, "元"
    if u and u not in _WHOLE_UNITS:
        for prefix, mult in _MULT:
            if u.startswith(prefix) and len(u) > len(prefix):
                u = u[len(prefix):]
                value = value * mult if value is not None else None
                break
    low = u.lower()
    words = low.split()
    if words and words[0] in _EN_MULT:
        value = value * _EN_MULT[words[0]] if value is not None else None
        words = words[1:]
    if words:
        low = words[-1]
    if low.endswith("s") and len(low) > 3:
        low = low[:-1]
    return (value.normalize() if value is not None else None), (low or None)


def normalise_doc_number(text: str | None) -> str | None:
    """国办发[2021]5号 / 国办发（2021）5 号 / 国办发【2021】5号 -> 国办发〔2021〕5号."""
    if not text:
        return None
    t = re.sub(r"\s+", "", str(text))
    t = re.sub(r"[\[(（【〔](\d{4})[\])）】〕]", r"〔\1〕", t)
    return t


def _squeeze_title(text: str | None) -> str:
    # Width variants are one character (－ and -, as the extractor reads text in NFKC form).
    return re.sub(r"[\s《》〈〉“”\"'‘’「」()（）:：,，、.。·]", "", unicodedata.normalize("NFKC", text or "")).lower()


def title_similarity(a: str | None, b: str | None) -> float:
    x, y = _squeeze_title(a), _squeeze_title(b)
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    if x in y or y in x:
        return 0.9 * min(len(x), len(y)) / max(len(x), len(y)) + 0.1
    return SequenceMatcher(None, x, y).ratio()


def _day(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@dataclass
class Got:
    """What extraction found for one policy, in the expected file's terms."""

    title: str
    doc_number: str | None
    effective_from: date | None
    effective_to: date | None
    window_source: str | None
    measures: int
    targets: list[tuple]  # (value, unit, due)
    milestones: list[date]
    repeals: list[tuple]  # (doc_number, title)


def _got(record) -> Got:
    targets, milestones = [], []
    for t in record.targets:
        if getattr(t.kind, "value", t.kind) == "milestone":
            milestones.append(t.due_on)
        else:
            value, unit = canonical_quantity(t.quantity, t.unit)
            targets.append((value, unit, t.due_on))
    return Got(
        title=record.title,
        doc_number=record.doc_number,
        effective_from=record.effective_from,
        effective_to=record.effective_to,
        window_source=getattr(record.window_source, "value", record.window_source),
        measures=len(record.measures),
        targets=targets,
        milestones=milestones,
        repeals=[(normalise_doc_number(s.doc_number), s.title) for s in record.supersedes],
    )


def extract_document(path: Path) -> tuple[list[Got], str | None]:
    """The policies extraction finds in one corpus file, and a crash description (None when it ran)."""
    from tracker.extract import extract_policies
    from tracker.extract.decode import decode_document

    try:
        text = decode_document(path.read_bytes(), path.name)
        extraction = extract_policies(text, source_name=path.name)
    except Exception as exc:  # noqa: BLE001 - a crash is a measured outcome here, not a reason to stop
        return [], f"{type(exc).__name__}: {exc}"
    failed = [str(p) for p in extraction.problems if "extraction failed" in str(p)]
    return [_got(r) for r in extraction.policies], (failed[0] if failed else None)


def match_policies(expected: list[dict], got: list[Got]) -> list[tuple[dict, Got | None]]:
    """Pair each expected policy with at most one extracted one: same document number first, then the most
    similar title (at least 0.6)."""
    pairs: dict[int, Got] = {}
    free = list(range(len(got)))
    for i, exp in enumerate(expected):
        number = normalise_doc_number(exp.get("doc_number"))
        if not number:
            continue
        for j in free:
            if normalise_doc_number(got[j].doc_number) == number:
                pairs[i] = got[j]
                free.remove(j)
                break
    scored = sorted(
        ((title_similarity(exp.get("title"), got[j].title), i, j) for i, exp in enumerate(expected) if i not in pairs for j in free),
        reverse=True,
    )
    for score, i, j in scored:
        if score < 0.6:
            break
        if i in pairs or j not in free:
            continue
        pairs[i] = got[j]
        free.remove(j)
    # A document of one policy whose title extraction got wrong is still that policy: pair the last two left,
    # so its window and measures are scored (the title miss shows in the titles rate).
    left = [i for i in range(len(expected)) if i not in pairs]
    if len(left) == 1 and len(free) == 1 and len(expected) == 1:
        pairs[left[0]] = got[free[0]]
    return [(exp, pairs.get(i)) for i, exp in enumerate(expected)]


@dataclass
class Tally:
    hits: int = 0
    total: int = 0

    def add(self, ok: bool, n: int = 1) -> None:
        self.total += n
        self.hits += n if ok else 0

    def rate(self) -> str:
        return f"{self.hits / self.total:6.1%}" if self.total else "   n/a"


@dataclass
class Scores:
    documents: int = 0
    crashes: list[str] = field(default_factory=list)
    policies: Tally = field(default_factory=Tally)  # expected policies matched
    titles: Tally = field(default_factory=Tally)  # titles equal after dropping spaces and punctuation
    extra_policies: int = 0
    windows: Tally = field(default_factory=Tally)
    window_from: Tally = field(default_factory=Tally)
    window_to: Tally = field(default_factory=Tally)
    invented: Tally = field(default_factory=Tally)  # hits = sides invented, total = sides the text leaves open
    doc_numbers: Tally = field(default_factory=Tally)
    invented_numbers: Tally = field(default_factory=Tally)
    target_recall: Tally = field(default_factory=Tally)
    target_precision: Tally = field(default_factory=Tally)
    milestone_recall: Tally = field(default_factory=Tally)
    milestone_precision: Tally = field(default_factory=Tally)
    measures: Tally = field(default_factory=Tally)
    repeals: Tally = field(default_factory=Tally)
    extends: Tally = field(default_factory=Tally)
    rows: list[dict] = field(default_factory=list)


def _multiset_hits(expected: list, got: list) -> int:
    pool = list(got)
    hits = 0
    for e in expected:
        if e in pool:
            pool.remove(e)
            hits += 1
    return hits


def _expected_targets(policy: dict) -> list[tuple]:
    out = []
    for t in policy.get("targets") or []:
        value, unit = canonical_quantity(t.get("quantity"), t.get("unit"))
        out.append((value, unit, _day(t.get("due"))))
    return out


def _repeal_found(name: str, got: list[tuple]) -> bool:
    """An expected repeal is a document number, a title, or both as 令第8号《title》; either identifies it."""
    m = re.search(r"《(.+)》", name)
    if m and not re.search(r"\d|号", name[: m.start()]):
        m = None  # 《》 inside a title (上海市实施《中华人民共和国气象法》办法): one title, no number before it
    title_part = m[1] if m else None
    number_part = name[: m.start()] + name[m.end():] if m else name
    number = normalise_doc_number(number_part) if re.search(r"\d|号", number_part) else None
    squeezed = _squeeze_title(title_part or (None if number else name))
    for doc, title in got:
        if doc and number and (doc == number or doc.endswith(number) or number.endswith(doc)):
            return True
        if title and squeezed and (_squeeze_title(title) == squeezed or title_similarity(title, title_part or name) >= 0.85):
            return True
    return False


def _measures_close(expected: int, got: int) -> bool:
    if expected == 0:
        return got == 0
    return abs(got - expected) <= 0.1 * expected


def score_document(doc_id: str, expected: dict, got: list[Got], crash: str | None, s: Scores) -> None:
    s.documents += 1
    if crash:
        s.crashes.append(f"{doc_id}: {crash}")
    pairs = match_policies(expected["policies"], got)
    matched = {id(g) for _, g in pairs if g is not None}
    extras = [g for g in got if id(g) not in matched]
    s.extra_policies += len(extras)
    row = {"id": doc_id, "policies": f"{sum(1 for _, g in pairs if g)}/{len(pairs)}+{len(extras)}", "window": "", "number": "",
           "targets": "", "milestones": "", "measures": "", "crash": bool(crash)}
    t_hits = t_exp = t_got = m_hits = m_exp = m_got = 0
    window_marks, number_marks, measure_marks = [], [], []
    for exp, g in pairs:
        s.policies.add(g is not None)
        s.titles.add(g is not None and _squeeze_title(g.title) == _squeeze_title(exp.get("title")))
        e_from, e_to = _day(exp.get("effective_from")), _day(exp.get("effective_to"))
        g_from = g.effective_from if g else None
        g_to = g.effective_to if g else None
        ok_window = g is not None and (g_from, g_to) == (e_from, e_to)
        s.windows.add(ok_window)
        s.window_from.add(g is not None and g_from == e_from)
        s.window_to.add(g is not None and g_to == e_to)
        invented_here = 0
        for e_side, g_side in ((e_from, g_from), (e_to, g_to)):
            if e_side is None:
                s.invented.add(g_side is not None)
                invented_here += g_side is not None
        window_marks.append("ok" if ok_window else ("INV" if invented_here else f"{g_from or '-'}..{g_to or '-'}"))
        e_number = normalise_doc_number(exp.get("doc_number"))
        g_number = normalise_doc_number(g.doc_number) if g else None
        if e_number:
            s.doc_numbers.add(g_number == e_number)
            number_marks.append("ok" if g_number == e_number else f"{g_number or '-'}")
        else:
            s.invented_numbers.add(g_number is not None)
            number_marks.append("n/a" if g_number is None else f"INV {g_number}")
        e_targets = _expected_targets(exp)
        g_targets = g.targets if g else []
        hits = _multiset_hits(e_targets, g_targets)
        t_hits, t_exp, t_got = t_hits + hits, t_exp + len(e_targets), t_got + len(g_targets)
        e_miles = [_day(m.get("due")) for m in exp.get("milestones") or []]
        g_miles = g.milestones if g else []
        hits = _multiset_hits(e_miles, g_miles)
        m_hits, m_exp, m_got = m_hits + hits, m_exp + len(e_miles), m_got + len(g_miles)
        if exp.get("measures") is not None:
            close = g is not None and _measures_close(int(exp["measures"]), g.measures)
            s.measures.add(close)
            measure_marks.append(f"{exp['measures']}/{g.measures if g else '-'}")
        for name in exp.get("repeals") or []:
            s.repeals.add(g is not None and _repeal_found(name, g.repeals))
        if exp.get("extends"):
            s.extends.add(g is not None and g.window_source == "extended")
    for g in extras:
        t_got += len(g.targets)
        m_got += len(g.milestones)
    s.target_recall.hits += t_hits
    s.target_recall.total += t_exp
    s.target_precision.hits += t_hits
    s.target_precision.total += t_got
    s.milestone_recall.hits += m_hits
    s.milestone_recall.total += m_exp
    s.milestone_precision.hits += m_hits
    s.milestone_precision.total += m_got
    row.update(window=",".join(window_marks), number=",".join(number_marks), targets=f"{t_hits}/{t_exp}/{t_got}",
               milestones=f"{m_hits}/{m_exp}/{m_got}", measures=",".join(measure_marks))
    s.rows.append(row)


def evaluate(corpus: Path = CORPUS, only: str | None = None) -> Scores:
    scores = Scores()
    for exp_path in sorted((corpus / "expected").glob("*.json")):
        doc_id = exp_path.stem
        if only and only not in doc_id:
            continue
        expected = json.loads(exp_path.read_text(encoding="utf-8"))
        doc = next(iter(sorted((corpus / "docs").glob(f"{doc_id}.*"))), None)
        if doc is None:
            scores.documents += 1
            scores.crashes.append(f"{doc_id}: no document file")
            continue
        got, crash = extract_document(doc)
        score_document(doc_id, expected, got, crash, scores)
    return scores


def _line(name: str, tally: Tally, note: str = "") -> str:
    return f"{name:<34}{tally.rate():>8}  {tally.hits:>4}/{tally.total:<4} {note}"


def report(s: Scores, verbose: bool = False) -> str:
    out = [f"corpus: {s.documents} documents, {s.policies.total} expected policies", ""]
    out.append(_line("policies matched", s.policies, f"(+{s.extra_policies} extracted policies matching none)"))
    out.append(_line("titles exact", s.titles, "(ignoring spaces and punctuation)"))
    out.append(_line("windows exact (from and to)", s.windows))
    out.append(_line("  effective_from exact", s.window_from))
    out.append(_line("  effective_to exact", s.window_to))
    out.append(_line("invented windows (lower is better)", s.invented, "window sides the text leaves open but extraction dated"))
    out.append(_line("document numbers", s.doc_numbers))
    out.append(_line("invented doc numbers (lower better)", s.invented_numbers))
    out.append(_line("targets recall", s.target_recall, "quantity+unit+due right"))
    out.append(_line("targets precision", s.target_precision))
    out.append(_line("milestones recall", s.milestone_recall, "due right"))
    out.append(_line("milestones precision", s.milestone_precision))
    out.append(_line("measure counts within 10%", s.measures))
    out.append(_line("repealed documents found", s.repeals))
    out.append(_line("extensions read (window extended)", s.extends))
    out.append(f"{'crashes':<34}{len(s.crashes):>8}")
    for crash in s.crashes:
        out.append(f"  {crash}")
    if verbose:
        out.append("")
        out.append("per document (policies matched/expected+extra; window ok|INV(ented)|got; number; "
                   "targets and milestones found/expected/extracted; measures expected/got)")
        header = f"{'id':<34} {'policies':<9} {'window':<26} {'number':<22} {'targets':<9} {'miles':<9} measures"
        out.append(header)
        for r in s.rows:
            out.append(f"{r['id']:<34} {r['policies']:<9} {r['window'][:26]:<26} {r['number'][:22]:<22} {r['targets']:<9} "
                       f"{r['milestones']:<9} {r['measures']}{'  CRASH' if r['crash'] else ''}")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="also print a per-document table")
    parser.add_argument("--only", help="only documents whose id contains this")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus folder (docs/ and expected/)")
    args = parser.parse_args()
    print(report(evaluate(args.corpus, args.only), args.verbose))


if __name__ == "__main__":
    main()
