"""Text -> PolicyRecords. Pure: no I/O, no database, no clock; never raises on any input."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.domain.records import PolicyRecord, TargetKind, WindowSource
from tracker.extract.header import Header, read_header, signature_date
from tracker.extract.measures import find_measures
from tracker.extract.split import Notice, Segment, split_compilation, split_notice, standalone_title
from tracker.extract.dates import number_year
from tracker.extract.deadlines import plan_horizons
from tracker.extract.supersession import find_supersessions
from tracker.extract.targets import is_year_section, stage_deadline, table_repeats_dropped, targets_in, without_restated
from tracker.extract.text import Line, clean_lines, cn_brackets, squeeze
from tracker.extract.windows import find_plan_period, find_window, is_validity_sentence, sentences


@dataclass
class Problem:
    where: str  # "line 12" / "policy 3 (title…)"
    what: str  # a human sentence, e.g. "invalid date 2025年13月1日"

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


@dataclass
class Extraction:
    policies: list[PolicyRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    language: str = "zh"


_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """"zh" when Chinese characters carry the text, else "en". A Chinese character carries about four letters."""
    sample = (text or "")[:200_000]
    cjk = len(_CJK.findall(sample))
    latin = len(_LATIN.findall(sample))
    return "zh" if cjk * 4 >= latin and cjk > 0 else "en"


def extract_policies(text: str, *, source_name: str = "<text>") -> Extraction:
    """Every policy the text carries (one, or several for a compilation), with what could not be read."""
    try:
        return _extract(text if isinstance(text, str) else str(text or ""), source_name)
    except Exception as exc:  # noqa: BLE001 - a rule bug must not stop an ingest; it is reported instead
        return Extraction([], [Problem("document", f"extraction failed ({type(exc).__name__}: {exc})")], "zh")


def _extract(text: str, source_name: str) -> Extraction:
    language = detect_language(text)
    english = language == "en"
    result = Extraction(language=language)
    page = clean_lines(text)
    if not page.footers and not page.toc:
        page.lines = _unflatten(page.lines)
    if not page.lines:
        result.problems.append(Problem("document", "no text"))
        return result
    notice = None if english else split_notice(page.lines)
    if notice is not None:
        shared = _shared_parts(notice)
        for k, (part, context) in enumerate(zip(notice.parts, shared), start=1):
            policy = _policy(Segment(part), english, language, k, result.problems, context)
            if policy is not None:
                result.policies.append(policy)
    else:
        segments = _merge_fragments(split_compilation(page), english)
        for k, seg in enumerate(segments, start=1):
            policy = _policy(seg, english, language, k, result.problems)
            if policy is not None:
                result.policies.append(policy)
    if not result.policies:
        result.problems.append(Problem("document", "no recognisable policy (no title, validity sentence or measures)"))
    return result


# A web page flattened to one long line: items still start right after a sentence ends (。第二条…, ；（三）…).
_INLINE_ITEM = re.compile(
    r"(?<=[。；;！？!?：:])\s*(?=第[一二三四五六七八九十百零〇\d]+[条章]|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|（[一二三四五六七八九十]+）)"
)


def _unflatten(lines: list[Line]) -> list[Line]:
    """Very long lines cut before each numbered item they run together; each piece keeps the line's number."""
    if not any(len(ln.text) > 200 for ln in lines):
        return lines
    out: list[Line] = []
    for ln in lines:
        if len(ln.text) <= 200:
            out.append(ln)
            continue
        for piece in _INLINE_ITEM.split(ln.text):
            # 第二章 储备计划第五条…: a chapter heading runs into its first article.
            head = _CHAPTER_THEN_ARTICLE.match(piece.strip())
            parts = [head[1], piece.strip()[head.end(1):]] if head else [piece]
            out.extend(Line(ln.number, part.strip()) for part in parts if part.strip())
    return out


_CHAPTER_THEN_ARTICLE = re.compile(r"^(第[一二三四五六七八九十百\d]+章\s*[\u4e00-\u9fff、]{1,16}?)\s*(?=第[一二三四五六七八九十百零〇\d]+条)")


@dataclass
class _FromNotice:
    """What a policy carried by a several-policy notice takes from the notice: its head, and the notice's
    sentences that concern it (a shared validity sentence, the predecessors it repeals)."""

    title: str
    head: Header
    text: str  # the notice's sentences that name this policy or no policy of the notice at all
    supersedes: list = field(default_factory=list)
    several: bool = False  # the notice issues more than this one policy


def _shared_parts(notice: Notice) -> list[_FromNotice]:
    head = read_header([ln.text for ln in notice.lines], False, [])
    text = "\n".join(ln.text for ln in notice.lines)
    keys = [squeeze(t) for t in notice.titles]
    out = []
    said = sentences(text)
    naming = [{squeeze(n) for n in _NAMED_IN.findall(s)} & set(keys) for s in said]
    for k, title in enumerate(notice.titles):
        # 《A》自…起施行 is A's window, not B's; 以上文件/本通知自…起施行/其余文件… is that of every policy the
        # notice does not give a sentence of its own (with the 有效期 sentence right after it).
        own = [s for j, s in enumerate(said) if keys[k] in naming[j]
               or j and keys[k] in naming[j - 1] and not naming[j] and re.match(r"^(?:有效期|执行期|实施期)", s)]
        kept = own if any(is_validity_sentence(s) for s in own) else [s for j, s in enumerate(said) if not naming[j]]
        out.append(_FromNotice(cn_brackets(title), head, "\n".join(kept), several=len(notice.titles) > 1))
    # 原《…》同时废止 in the notice: the carried policy whose title is nearest the repealed one replaces it.
    for rec in find_supersessions(text):
        if rec.title and squeeze(rec.title) in keys:
            continue  # a carried policy named in a repeal sentence is not repealed by its own notice
        best = max(out, key=lambda c: _likeness(c.title, rec.title or ""))
        best.supersedes.append(rec)
    return out


_NAMED_IN = re.compile(r"《([^《》]+)》")


def _likeness(a: str, b: str) -> int:
    """Characters of `b` found in `a`: enough to tell which of a notice's policies a predecessor belongs to."""
    return sum(1 for ch in set(b) if ch in a)


def _merge_fragments(segments: list[Segment], english: bool) -> list[Segment]:
    """Glue back a split that was not a new policy: a piece with no title of its own, or the measures a
    notice carries (its title is the one the notice's 关于印发《…》 names)."""
    merged: list[Segment] = []
    previous = None
    for seg in segments:
        head = read_header([ln.text for ln in seg.lines], english, [], seg.hint)
        if merged and seg.hint is None and (
            head.title is None
            or previous is not None and previous.wrapped and previous.title and squeeze(head.title) == squeeze(previous.title)
        ):
            merged[-1].lines.extend(seg.lines)
            continue
        merged.append(Segment(list(seg.lines), seg.hint))
        previous = head
    return merged


def _skip_notice_text(header: Header, lines: list) -> None:
    """关于印发《A》的通知 with A printed again as a heading further down: A's text starts under that heading, and
    what the notice says above it (its own 一、二、 requirements, its signature) is not A's measures."""
    start = header.title_line + 1 if header.title_line is not None else 0
    reprint = [i for i in standalone_title(lines, start, header.title) if i >= header.body_start]
    if not reprint:
        return
    r = reprint[0]
    width = 1 if squeeze(lines[r].text).strip("《》").endswith(squeeze(header.title)[-4:]) else 2
    signed = signature_date([ln.text for ln in lines[start:r]])
    # The heading opens A's text only when A's numbered items follow it and it stands where a notice ends
    # (after the signature, or a few lines down): the title printed again at the foot of a page does not.
    if not any(_ITEM_LINE.match(ln.text) for ln in lines[r + width : r + width + 8]) or (signed is None and r - start > 30):
        return
    header.issued_on = header.issued_on or signed
    header.body_start = r + width


def _take_from_notice(header: Header, lines: list[str], notice: _FromNotice) -> None:
    """A policy of a several-policy notice: the notice names it, and its number, issuer and date are the
    notice's. Every policy the notice issues carries its number (the store tells them apart by title)."""
    want = squeeze(notice.title)
    seen, start = "", 0
    while start < min(len(lines), 3) and want.startswith(seen + squeeze(lines[start]).strip("《》")) and len(seen) < len(want):
        seen += squeeze(lines[start]).strip("《》")
        start += 1
    header.title, header.wrapped = notice.title, False
    header.body_start = max(header.body_start if header.title_line is not None else 0, start)
    header.issuer = notice.head.issuer or header.issuer
    header.issued_on = notice.head.issued_on or header.issued_on
    if header.doc_number is None:
        header.doc_number = notice.head.doc_number


_CLOSING_LINE = re.compile(r"^(?:本[\u4e00-\u9fff]{0,8}自.{0,40}起(?:施行|实施|执行|生效)|(?:These|This)\s.{0,60}(?:effective|into force|into effect))", re.I)
# 附件 / 附件2： / 附件1重点任务分工表 / 附表 / Annex 1: an annex starts; "附件材料应当真实有效。" is a sentence, not one.
_ANNEX = re.compile(
    r"^(?:(?:附件|附表)\s*(?:\d{1,2}\s*(?:[:：.、]|$|(?=[^\d。；;，,:：]{2,40}$))|[:：]|$|(?=[^\d。；;，,:：]{2,40}(?:表|清单|目录|名单|格式|模板|样式|样表|流程图?|说明)$))"
    r"|(?:Annex|Appendix|Attachment)\s*\d*\s*(?:[:：]|$))", re.I
)


_ITEM_LINE = re.compile(r"^(?:第[一二三四五六七八九十百\d]+条|[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|\d{1,3}[.、](?!\d)|Article\s+\d|[IVX]+\.\s)")


def _without_annexes(body: list[str]) -> list[str]:
    """Numbered lists in annexes after the closing validity sentence are not measures of the policy.

    Only a closing sentence or an annex label that comes after the measures ends them: a notice's own
    本通知自印发之日起施行 or 附件：… list above the policy's text does not.
    """
    first_item = next((i for i, line in enumerate(body) if _ITEM_LINE.match(line)), -1)  # -1: nothing numbered
    end = len(body)
    closing = [i for i, line in enumerate(body) if i > first_item and _CLOSING_LINE.match(line)]
    if closing:
        end = closing[-1] + 1
    for i, line in enumerate(body[:end]):
        if i > max(first_item, 0) and _ANNEX.match(line):
            end = i
            break
    return body[:end]


def _where(seg: Segment, message: str, fallback: str) -> str:
    m = re.search(r"invalid date (\S+)", message)
    if m:
        for line in seg.lines:
            if m[1] in line.text:
                return f"line {line.number}"
    return fallback


def _policy(
    seg: Segment, english: bool, language: str, k: int, problems: list[Problem], notice: _FromNotice | None = None
) -> PolicyRecord | None:
    lines = [ln.text for ln in seg.lines]
    raw_problems: list[str] = []
    header = read_header(lines, english, raw_problems, seg.hint)
    full = "\n".join(lines)
    title = header.title
    if seg.hint and title and not header.wrapped:
        # A heading fragment (的若干意见) is a piece of the title the table of contents gives in full,
        # and the contents entry names the issuer the heading leaves out.
        hinted = read_header([], english, [], seg.hint)
        if hinted.title and squeeze(title) in squeeze(hinted.title):
            title = hinted.title if len(hinted.title) > len(title) else title
            header.issuer = header.issuer or hinted.issuer
    if notice is not None:
        _take_from_notice(header, lines, notice)
        title = header.title
    elif header.wrapped and title:
        _skip_notice_text(header, seg.lines)
    body = lines[header.body_start :]
    if title and not english:
        title = cn_brackets(title)
    window = find_window(full, title or "", header.issued_on)
    if notice is not None and window.source not in (WindowSource.STATED, WindowSource.EXTENDED):
        shared = find_window(notice.text, title or "", header.issued_on)
        if shared.source is not None:
            window = shared
            window.notes.append("window from the notice that issued it")
    if header.in_force_on and window.effective_from is None and window.source in (None, WindowSource.INFERRED):
        # The head says when it took effect (1997年7月1日 施行) and the text states no window of its own.
        window.effective_from, window.source, window.basis = header.in_force_on, WindowSource.STATED, header.in_force_line
        window.effective_to = None
        window.notes = [n for n in window.notes if "window unknown" not in n]
    plan = find_plan_period(full, title or "")
    measures, loose, unit = find_measures(_without_annexes(body), english)
    notes: list[str] = []
    if plan is not None:
        notes.append(f"plan period {plan.plan_from.year}-{plan.plan_to.year} from the {plan.where} (not a validity window)")
    if notice is not None and notice.several and notice.head.doc_number and header.doc_number == notice.head.doc_number:
        notes.append(f"issued by notice {notice.head.doc_number} with other policies, which share its number")
    if title is None:
        if window.source is None and len(measures) < 2:
            return None
        title = lines[0][:60]
        notes.append("no title found; the first line is used")
    label = f"policy {k} ({title[:24]}…)" if len(title) > 24 else f"policy {k} ({title})"
    for msg in raw_problems:
        m = re.match(r"line (\d+): (.*)", msg)
        if m and int(m[1]) - 1 < len(seg.lines):
            problems.append(Problem(f"line {seg.lines[int(m[1]) - 1].number}", m[2]))
        else:
            problems.append(Problem(label, msg))
    for msg in window.problems:
        problems.append(Problem(_where(seg, msg, label), msg))
    target_problems: list[str] = []
    targets = []
    # 年底前, 6月底前, 三季度 are of the year the notice was issued; failing an issue date, of the year it took effect
    # or the year in its own number (〔2022〕35号).
    dated = header.issued_on or window.effective_from or (plan.plan_from if plan else None)
    year = dated.year if dated else (number_year(header.doc_number) or _round_year(title, full))
    horizons = plan_horizons(full) if not english else {}
    for measure in measures:
        if not english:
            measure.number = cn_brackets(measure.number)
        scope = stage_deadline(measure.section, year)
        targets.extend(targets_in(measure.text, measure.number, target_problems, year=year, scope=scope,
                                  scope_counts_only=is_year_section(measure.section), horizons=horizons, issued=header.issued_on))
    for _, text in loose:
        targets.extend(targets_in(text, None, target_problems, year=year, horizons=horizons, issued=header.issued_on))
    targets = table_repeats_dropped(targets)
    # An impossible deadline (2025年13月底前) makes that one obligation unreadable, not the policy: it is skipped
    # and reported with the policy, while the rest is stored. (An impossible window date still refuses the file.)
    skipped = [f"skipped, {_where(seg, msg, label)}: {msg}" for msg in target_problems]
    targets = without_restated(targets)
    policy = PolicyRecord(
        title=title,
        doc_number=header.doc_number,
        issuer=header.issuer,
        issued_on=header.issued_on,
        language=language,
        effective_from=window.effective_from,
        effective_to=window.effective_to,
        window_source=window.source,
        window_basis=window.basis,
        plan_from=plan.plan_from if plan else None,
        plan_to=plan.plan_to if plan else None,
        plan_basis=plan.basis if plan else None,
        supersedes=find_supersessions(full) + (notice.supersedes if notice else []),
        measures=measures,
        targets=targets,
        history=window.history,
    )
    policy.notes = _report(policy, unit, notes + window.notes + skipped)
    return policy


_UNIT_LABELS = {
    "cn_top": "一、",
    "cn_paren": "（一）",
    "arabic": "1.",
    "arabic_paren": "（1）",
    "article": "第X条",
    "en_article": "Article N",
    "roman": "I.",
    "roman_paren": "(I)",
    "circled": "①",
}


def _report(p: PolicyRecord, unit: str | None, notes: list[str]) -> list[str]:
    """What was found and what was not, one line each, for the ingest report."""
    out = list(notes)
    found = []
    if p.doc_number:
        found.append(f"document number {p.doc_number}")
    if p.issued_on:
        found.append(f"issued {p.issued_on.isoformat()}")
    if p.effective_from or p.effective_to:
        span = f"{p.effective_from.isoformat() if p.effective_from else '?'}..{p.effective_to.isoformat() if p.effective_to else 'open'}"
        found.append(f"window {span} ({p.window_source.value if p.window_source else '?'})")
    found.append(f"{len(p.measures)} measures" + (f" numbered {_UNIT_LABELS.get(unit, unit)}" if unit else ""))
    milestones = sum(1 for t in p.targets if t.kind is TargetKind.MILESTONE)
    found.append(f"{len(p.targets) - milestones} targets")
    found.append(f"{milestones} milestones")
    if p.supersedes:
        found.append(f"supersedes {len(p.supersedes)}")
    out.insert(0, "found: " + ", ".join(found))
    missing = []
    if not p.doc_number:
        missing.append("document number")
    if not p.issued_on:
        missing.append("issued date")
    if p.measures and not any(m.agencies for m in p.measures):
        missing.append("responsible agencies")
    if not p.measures:
        missing.append("numbered measures")
    if missing:
        out.append("not found: " + ", ".join(missing))
    return out


# 2026年…学位申请指引 / 关于2025年…招生工作的通知: a notice about one year's round, its undated days in that year;
# failing a year in the title, the round its opening announces (决定开展2021年度…核定工作).
_TITLE_YEAR = re.compile(r"^\s*(?:关于)?(?:做好|印发|开展)?(\d{4})\s*年(?!度?\s*(?:[-—–~～至到]|—))")
_ROUND_YEAR = re.compile(r"(?:开展|做好|组织|启动)(\d{4})\s*年(?!\s*(?:[-—–~～至到]|—))[^。；;]{0,40}?工作")


def _round_year(title: str | None, text: str) -> int | None:
    """The year a notice printed without a date is about: its title's opening year or its opening's round."""
    m = _TITLE_YEAR.match(title or "") or _ROUND_YEAR.search(text[:600])
    return int(m[1]) if m and 1949 < int(m[1]) < 2100 else None
