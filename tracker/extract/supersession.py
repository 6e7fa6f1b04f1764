"""Repealed predecessors: 原《…》（沪人社外发〔2015〕49号）同时废止 / "shall be repealed at the same time"."""

from __future__ import annotations

import re

from tracker.domain.records import SupersessionRecord
from tracker.extract.dates import CN_DATE
from tracker.extract.header import DOC_NUMBER_ANY, EN_DOC_NUMBER
from tracker.extract.windows import normalise_doc_number, sentences

_REPEAL = re.compile(r"同时废止|予以废止|废止|停止执行|不再执行|同时失效|repealed|abolished|annulled|rescinded|(?:cease|ceases) to (?:be effective|have effect)", re.I)
_CITED = re.compile(r"《([^《》]+)》\s*(?:\(([^()]*)\))?|[\"“]([^\"”]{6,200})[\"”]\s*(?:\(([^()]*)\))?")


_EN_CITED = re.compile(r"(?:\b[Tt]he\s+)?(?P<title>[A-Z][^().;]{5,200}?)\s*\((?P<doc>[^()]*\d{4}[^()]*)\)")


# 决定废止《…》 / 现决定废止下列规章：1.《…》: the verb comes first and what it repeals follows it.
_REPEAL_FIRST = re.compile(r"(?:决定|宣布|现予|予以|同意)?(?:废止|宣布失效)(?:以下|下列)?(?:[\u4e00-\u9fff]{0,6}[:：])?\s*(?=《|$)")
_LIST_ITEM = re.compile(r"^(?:\d{1,3}[.、]|\(\d{1,3}\)|[一二三四五六七八九十]+、)\s*《")


# An annex that lists documents: 附件1 / 决定废止的…文件目录（22件） / 序号 文件名称 文号 废止理由 / 1 / …
_ANNEX_HEAD = re.compile(r"^附件\s*(\d{1,2})?\s*[:：.、]?\s*(?P<caption>[^。；;]{0,60})$")
# 决定废止…（见附件1） / 予以废止（目录附后）: a repeal whose list is an annex. 已经被废止的…一并予以公布 is not one.
_REPEALS_ANNEX = re.compile(r"(?:予以|决定|宣布|同时|现)废止|废止(?:以下|下列)|(?:予以|宣布)失效")
# The caption of a list of documents this text does not repeal: already repealed by another, kept, amended.
_NOT_REPEALED = re.compile(r"已(?:经)?被[\u4e00-\u9fff]{0,6}(?:废止|宣布失效)|继续有效|保留|重新公布|修改|修订")
_REPEAL_CAPTION = re.compile(r"(?:决定|予以|宣布)(?:废止|失效)")
_ROW_KINDS = r"办法|措施|意见|方案|细则|规定|通知|决定|计划|条例|指引|规划|纲要|政策|规则|指南|标准|公告|通告|决议|批复|函|纪要|答复|解释|通报|命令|令|制度|要点|规程|章程"
_ROW_TITLE = re.compile(rf"^[^。；;!?！？]{{4,300}}?(?:{_ROW_KINDS})(?:\s*[(（][^()（）]{{1,12}}[)）])?[》”]?$")
_ROW_START = re.compile(r"(?<![\d〔(\[（【.])(\d{1,3})[.、]?(?=\s*[|｜]?\s*[\u4e00-\u9fff《“])")


def _annex_sections(lines: list[str]) -> list[tuple[str | None, int, int, str]]:
    """(annex number, first line, end line, caption) of each annex: from its 附件N line to the next one."""
    heads = [(i, _ANNEX_HEAD.match(line)) for i, line in enumerate(lines)]
    heads = [(i, m) for i, m in heads if m and len(lines[i]) <= 64]
    out = []
    for (i, m), nxt in zip(heads, heads[1:] + [(len(lines), None)]):
        # The caption: the words after 附件N and the lines under it, up to the table's header row (序号 …).
        caption = " ".join([m["caption"]] + [x for x in lines[i + 1 : min(nxt[0], i + 4)]]).split("序号")[0]
        out.append((m[1], i, nxt[0], caption))
    return out


def _is_list(section: list[str]) -> bool:
    """A table of documents: a header row (序号 文件名称 文号…, run together or a cell a line) opens it. An annex
    without one may be a policy's own text, whose sentences are read as any others."""
    heads = [line.lstrip("|｜ ") for line in section[:6]]  # a markdown table's row starts with |
    return any(line.startswith("序号") or line in ("文件名称", "规章名称", "文件标题") for line in heads)


def _row_cells(row: str) -> list[str]:
    """A table row's cells, whether printed one a line, between | bars or run together: dates and document numbers
    are cells."""
    cells: list[str] = []
    for part in re.split(r"\n|[|｜]", row):
        pos = 0
        for m in sorted(list(CN_DATE.finditer(part)) + list(DOC_NUMBER_ANY.finditer(part)), key=lambda m: m.start()):
            if m.start() < pos:
                continue
            cells += [part[pos : m.start()], m[0]]
            pos = m.end()
        cells.append(part[pos:])
    return [c.strip(" \t\u3000") for c in cells if c.strip(" \t\u3000")]


def _title_cell(cell: str) -> bool:
    return bool(_ROW_TITLE.match(cell)) and not re.match(r"^(?:根据|该|现行|与|因|已|属于|按照|依据|本)", cell)


def _table_rows(text: str) -> list[SupersessionRecord]:
    """序号 / 文件名称 / 文号 / 理由: the title and number of each numbered row (1, 2, 3… in order). A reason cell
    (与刑事诉讼法不一致, 已被《…》废止) is not a repeal, and a 《》 inside a title stays part of the title."""
    starts: list[re.Match] = []
    k, pos = 1, 0
    while True:
        for m in _ROW_START.finditer(text, pos):
            if int(m[1]) != k:
                continue
            cells = _row_cells(text[m.end() : m.end() + 400])
            # A row opens with its title, or with its number, or its issuer, and then its title.
            if cells and (_title_cell(cells[0]) or len(cells) > 1 and _title_cell(cells[1]) and len(cells[0]) <= 40):
                starts.append(m)
                break
        else:
            break
        k, pos = k + 1, starts[-1].end()
    rows = [text[m.end() : nxt.start() if nxt else len(text)] for m, nxt in zip(starts, starts[1:] + [None])]
    if not rows:
        # The row numbers were lost (a cell holding only "1" reads as a page number): each title cell opens a row.
        cells = _row_cells(text)
        at = [k for k, c in enumerate(cells) if _title_cell(c)]
        rows = ["\n".join(cells[a:b]) for a, b in zip(at, at[1:] + [len(cells)])]
    out: list[SupersessionRecord] = []
    for row in rows:
        cells = _row_cells(row)
        title = next((c for c in cells[:3] if _title_cell(c)), None)
        number = None
        for c in cells:
            if "。" in c or (c != title and "《" in c):
                break  # the reason column: whatever it cites is not this row's document
            if DOC_NUMBER_ANY.fullmatch(c):
                number = normalise_doc_number(c)
                break
        if title or number:
            out.append(SupersessionRecord(doc_number=number, title=title))
    return out


def _annex_lists(text: str) -> tuple[list[SupersessionRecord], list[tuple[int, int]]]:
    """Repeals listed in annex tables the text's repeal sentences point to (予以废止（见附件1）), and the line
    ranges of every annex that is a list of documents (its cells are not sentences to read repeals from)."""
    lines = text.split("\n")
    sections = _annex_sections(lines)
    if not sections:
        return [], []
    body = "\n".join(lines[: sections[0][1]])
    wanted: set[str | None] = set()
    for s in sentences(body):
        if not _REPEALS_ANNEX.search(s):
            continue
        # 见附件1 / 附件1、2 / 附件1至附件3 / 见附件 / 目录附后
        for ref in re.finditer(r"附件\s*((?:\d{1,2}\s*(?:[、,，和及至-]|至附件)\s*)*\d{1,2})?", s):
            numbers = [int(x) for x in re.findall(r"\d{1,2}", ref[1] or "")]
            if len(numbers) == 2 and re.search(r"至|-", ref[1]):
                numbers = list(range(numbers[0], numbers[1] + 1))
            wanted.update([str(n) for n in numbers] or [None])
        if re.search(r"附后", s):
            wanted.add(None)
    found: list[SupersessionRecord] = []
    lists: list[tuple[int, int]] = []
    for number, start, end, caption in sections:
        section = lines[start + 1 : end]
        if not _is_list(section):
            continue
        lists.append((start, end))
        if _NOT_REPEALED.search(caption) and not _REPEAL_CAPTION.search(caption):
            continue  # documents already repealed elsewhere, or kept: listed, not repealed here
        if number in wanted or (None in wanted and re.search(r"废止|失效", caption)):
            found += _table_rows("\n".join(section))
    return found, lists


def find_supersessions(text: str) -> list[SupersessionRecord]:
    out, lists = _annex_lists(text)
    if lists:
        kept = text.split("\n")
        for start, end in reversed(lists):
            del kept[start:end]
        text = "\n".join(kept)
    listing = False
    for s in sentences(text):
        if listing and _LIST_ITEM.match(s):
            s = s + "废止"  # an item of the list a 废止下列…： sentence opened
        else:
            listing = bool(re.search(r"废止(?:以下|下列)[\u4e00-\u9fff]{0,6}[:：]\s*$", s))
        if not _REPEAL.search(s):
            continue
        first = _REPEAL_FIRST.search(s)
        if first and not _CITED.search(s[: first.start()]):
            # 废止《…》（…）: the citations right after the verb, up to the end of the clause.
            tail = re.split(r"[，,；;。]", s[first.end():], maxsplit=1)[0] if s[first.end():].startswith("《") else ""
            if tail:
                s = tail + "废止"
        # Only what comes before the repeal verb is repealed; what follows may cite a basis, and so may an
        # earlier clause (根据《…》，…，原《…》同时废止).
        s = s[: _REPEAL.search(s).end()]
        clauses = re.split(r"[，,；;](?![^《》]*》)", s)
        if len(clauses) > 1 and _CITED.search(clauses[-1]):
            s = clauses[-1]
        found = False
        for m in _CITED.finditer(s):
            title = (m[1] or m[3] or "").strip()
            inner = m[2] or m[4] or ""
            doc = DOC_NUMBER_ANY.search(inner) or EN_DOC_NUMBER.search(inner)
            number = None
            if doc:
                number = normalise_doc_number(doc[0]) if not EN_DOC_NUMBER.fullmatch(doc[0]) else re.sub(r"\s+", " ", doc[0])
            out.append(SupersessionRecord(doc_number=number, title=title or None))
            found = True
        if not found:
            for doc in DOC_NUMBER_ANY.finditer(s):
                out.append(SupersessionRecord(doc_number=normalise_doc_number(doc[0])))
            # The Interim Measures for Special Funds (Ex Cai Fa [2019] No. 3) shall be abolished
            for m in _EN_CITED.finditer(s):
                number = EN_DOC_NUMBER.search(m["doc"])
                if number:
                    out.append(SupersessionRecord(doc_number=re.sub(r"\s+", " ", number[0]), title=m["title"].strip()))
    unique: list[SupersessionRecord] = []
    for rec in out:
        if rec not in unique:
            unique.append(rec)
    return unique
