"""Recall and precision of dated obligations (targets and milestones) on the hand-written set in
bench/extract_eval/cases.py, per phrasing category and per kind.

A target counts as found when kind, due date, quantity and unit all match; a milestone when kind and due date
match. Extracted items matching nothing expected are counted as extra (precision).

    python bench/extract_recall.py [--show-misses]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _key(kind: str, due: str, quantity, unit) -> tuple:
    q = None if quantity is None else Decimal(str(quantity)).normalize()
    return (kind, date.fromisoformat(due), q, unit) if kind == "t" else (kind, date.fromisoformat(due))


def evaluate(cases) -> dict:
    from tracker.extract.targets import targets_in
    from tracker.extract.text import normalise

    by = defaultdict(lambda: {"expected": 0, "found": 0, "extra": 0})
    misses = []
    for category, year, text, expected in cases:
        problems: list[str] = []
        got = targets_in(normalise(text), None, problems, year=year)
        keys = [
            _key("t", t.due_on.isoformat(), t.quantity, t.unit) if t.kind.value == "target" else _key("m", t.due_on.isoformat(), None, None)
            for t in got
        ]
        pool = list(keys)
        for exp in expected:
            k = _key(*exp)
            kind = "target" if exp[0] == "t" else "milestone"
            for bucket in (category, f"kind:{kind}", "all"):
                by[bucket]["expected"] += 1
            if k in pool:
                pool.remove(k)
                for bucket in (category, f"kind:{kind}", "all"):
                    by[bucket]["found"] += 1
            else:
                misses.append((category, text, exp, keys, problems))
        for k in pool:
            kind = "target" if k[0] == "t" else "milestone"
            for bucket in (category, f"kind:{kind}", "all"):
                by[bucket]["extra"] += 1
            misses.append((category, text, None, [k], problems))
    return {"rates": dict(by), "misses": misses}


def evaluate_documents(documents) -> dict:
    """Per field, how many expected policies came out right: title (policy found), doc_number, window, measures
    (numbers as printed, in order), supersedes; targets as in `evaluate`; extra policies count against precision."""
    from tracker.extract import extract_policies

    fields = ("policy", "doc_number", "window", "measures", "supersedes", "targets")
    by = defaultdict(lambda: {"expected": 0, "found": 0, "extra": 0})
    misses = []
    for category, text, expected in documents:
        got = list(extract_policies(text).policies)
        for exp in expected:
            match = next((p for p in got if p.title.replace(" ", "") == exp["title"].replace(" ", "")), None)
            checks = {"policy": match is not None}
            if match is not None:
                got.remove(match)
                window = tuple(d.isoformat() if d else None for d in (match.effective_from, match.effective_to))
                checks["doc_number"] = match.doc_number == exp["doc_number"]
                checks["window"] = window == tuple(exp["window"])
                checks["measures"] = [m.number.replace("（", "(").replace("）", ")") for m in match.measures] == [
                    n.replace("（", "(").replace("）", ")") for n in exp["measures"]]
                checks["supersedes"] = sorted((r.doc_number or "", r.title or "") for r in match.supersedes) == sorted(
                    (d or "", t or "") for d, t in exp.get("supersedes", []))
                keys = [_key("t", t.due_on.isoformat(), t.quantity, t.unit) if t.kind.value == "target"
                        else _key("m", t.due_on.isoformat(), None, None) for t in match.targets]
                wanted = [_key(*t) for t in exp["targets"]]
                pool = list(keys)
                hit = 0
                for k in wanted:
                    if k in pool:
                        pool.remove(k)
                        hit += 1
                checks["targets"] = hit == len(wanted) and not pool
                for bucket in ("targets:items",):
                    by[bucket]["expected"] += len(wanted)
                    by[bucket]["found"] += hit
                    by[bucket]["extra"] += len(pool)
            for name in fields:
                ok = checks.get(name, False)
                by[f"{name}"]["expected"] += 1
                by[f"{name}"]["found"] += ok
                by[f"cat:{category}"]["expected"] += 1
                by[f"cat:{category}"]["found"] += ok
                if not ok:
                    misses.append((category, exp["title"], name, match))
        by["policy"]["extra"] += len(got)
        for p in got:
            misses.append((category, p.title, "extra policy", p))
    return {"rates": dict(by), "misses": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    from bench.extract_eval.cases import CASES, DOCUMENTS, HELD_OUT

    for title, cases in (("by phrasing", CASES), ("held out (passages)", HELD_OUT)):
        result = evaluate(cases)
        print(f"\n== {title}: {len(cases)} cases ==")
        print(f"{'bucket':<16}{'expected':>9}{'found':>7}{'recall':>8}{'extra':>7}")
        for name, r in sorted(result["rates"].items(), key=lambda kv: (kv[0] != "all", kv[0])):
            recall = r["found"] / r["expected"] if r["expected"] else 1.0
            print(f"{name:<16}{r['expected']:>9}{r['found']:>7}{recall:>8.0%}{r['extra']:>7}")
        if args.show_misses:
            for category, text, exp, got, problems in result["misses"]:
                what = f"missed {exp}" if exp else "extra"
                print(f"\n[{category}] {what}\n  {text[:100]}\n  got {got} {problems or ''}")

    result = evaluate_documents(DOCUMENTS)
    print(f"\n== whole documents: {len(DOCUMENTS)} documents, fields of each expected policy ==")
    print(f"{'field':<24}{'expected':>9}{'right':>7}{'rate':>8}{'extra':>7}")
    for name, r in sorted(result["rates"].items(), key=lambda kv: (kv[0].startswith("cat:"), kv[0])):
        rate = r["found"] / r["expected"] if r["expected"] else 1.0
        print(f"{name:<24}{r['expected']:>9}{r['found']:>7}{rate:>8.0%}{r['extra']:>7}")
    if args.show_misses:
        for category, title, what, p in result["misses"]:
            print(f"\n[{category}] {title[:40]}: {what}")
            if p is not None:
                print(f"  got doc {p.doc_number} window {p.effective_from}..{p.effective_to} measures {[m.number for m in p.measures]}"
                      f" targets {[(t.kind.value, str(t.due_on), t.quantity, t.unit) for t in p.targets]}"
                      f" supersedes {[(r.doc_number, r.title) for r in p.supersedes]}")


if __name__ == "__main__":
    main()
