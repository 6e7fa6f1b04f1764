"""Repealed predecessors: 原《…》（沪人社外发〔2015〕49号）同时废止 / "shall be repealed at the same time"."""

from __future__ import annotations

import re

from tracker.domain.records import SupersessionRecord
from tracker.extract.header import DOC_NUMBER_ANY, EN_DOC_NUMBER
from tracker.extract.windows import normalise_doc_number, sentences

_REPEAL = re.compile(r"同时废止|予以废止|废止|停止执行|不再执行|同时失效|repealed|abolished|annulled|rescinded|(?:cease|ceases) to (?:be effective|have effect)", re.I)
_CITED = re.compile(r"《([^《》]+)》\s*(?:\(([^()]*)\))?|[\"“]([^\"”]{6,200})[\"”]\s*(?:\(([^()]*)\))?")


_EN_CITED = re.compile(r"(?:\b[Tt]he\s+)?(?P<title>[A-Z][^().;]{5,200}?)\s*\((?P<doc>[^()]*\d{4}[^()]*)\)")


# 决定废止《…》 / 现决定废止下列规章：1.《…》: the verb comes first and what it repeals follows it.
_REPEAL_FIRST = re.compile(r"(?:决定|宣布|现予|予以|同意)?(?:废止|宣布失效)(?:以下|下列)?(?:[\u4e00-\u9fff]{0,6}[:：])?\s*(?=《|$)")
_LIST_ITEM = re.compile(r"^(?:\d{1,3}[.、]|\(\d{1,3}\)|[一二三四五六七八九十]+、)\s*《")


def find_supersessions(text: str) -> list[SupersessionRecord]:
    out: list[SupersessionRecord] = []
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
