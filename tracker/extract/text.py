"""Text clean-up before any rule runs: one normal form for punctuation, digits and line breaks.

PDF text arrives with page numbers and running titles between the lines of a sentence, spaces inside words
and dates, and lines cut short (ending in U+FFFD). The rules below see one cleaned form of it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

CJK = r"\u3400-\u9fff"
# Characters next to which a space is an artefact of PDF line wrapping, not a word break. English text keeps
# its spaces: a space goes only when a Chinese character stands on at least one side of it.
_STRONG = CJK + "。、《》〔〕【】"
_WEAK = r"0-9(),:;%.\-“”"
_SPACE_BETWEEN_CJK = re.compile(
    rf"(?<=[{_STRONG}])[ \t\u3000]+(?=[{_STRONG}{_WEAK}])|(?<=[{_STRONG}{_WEAK}])[ \t\u3000]+(?=[{_STRONG}])"
)
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*)?\d{1,4}(?:\s*[-—–])?\s*$|^\s*第\s*\d+\s*页.*$|^\s*Page \d+( of \d+)?\s*$", re.I)
_TABLE_START = re.compile(r"^(?:(?:专栏|表)\s*\d{0,2}\s*[^。，,；;]{0,30}?指标|序\s*号$)")
_LEADERS = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|_{4,})\s*\d*\s*$")


def normalise(text: str) -> str:
    """NFKC (full-width digits and punctuation to half-width), LF line ends, no U+FFFD, no PDF word gaps."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\ufffd", "")
    # Keep the Chinese document-number brackets distinct from ordinary parentheses.
    lines = [_SPACE_BETWEEN_CJK.sub("", line).strip() for line in text.split("\n")]
    return "\n".join(lines)


def squeeze(text: str) -> str:
    """Remove every space: for comparing titles that PDF extraction broke differently."""
    return re.sub(r"\s+", "", text)


_MARKDOWN = re.compile(r"^#{1,6}\s+|^\*\*|\*\*$|^>\s+")


def _reprinted(line: str, raw_lines: list[str], index: int) -> bool:
    following = [normalise(x) for x in raw_lines[index : index + 4] if x.strip()]
    return any(len(f) > len(line) and f.startswith(line) for f in following)


@dataclass
class Line:
    number: int  # 1-based line number in the source, for problems that name a line
    text: str


@dataclass
class Page:
    """What remains of the text after page furniture is removed, with the running titles seen."""

    lines: list[Line]
    toc: list[str]  # table-of-contents entries (目录 with dot leaders), never policies
    toc_end: int  # index into lines after the last table-of-contents entry
    footers: list[tuple[int, str]]  # (index into lines where the next page starts, running title above a page number)


def is_toc_entry(line: str) -> bool:
    return bool(_LEADERS.search(line)) and len(line) > 8


def clean_lines(text: str) -> Page:
    """Drop page numbers and table-of-contents entries; remember the running title above each page number."""
    out: list[Line] = []
    toc: list[str] = []
    footers: list[tuple[int, str]] = []
    toc_end = 0
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut = [line.rstrip().endswith("\ufffd") for line in raw_lines]
    in_table = False
    for i, raw in _footnotes_after_sentence(normalise(text).split("\n")):
        raw = _MARKDOWN.sub("", raw).strip()
        if not raw:
            continue
        # A table printed one cell per line (表3 …主要指标 / 序号 / … / 95): its bare figures are cells, not page numbers.
        in_table = bool(_TABLE_START.match(raw)) or in_table and len(raw) <= 40 and not re.search(r"[。；;，,]", raw)
        if in_table and re.fullmatch(r"\d{1,4}(?:\.\d+)?", raw):
            out.append(Line(i, raw))
            continue
        # A line cut short and then printed again in full: keep only the full copy.
        if i - 1 < len(cut) and cut[i - 1] and out is not None and _reprinted(raw, raw_lines, i):
            continue
        if _PAGE_NUMBER.match(raw):
            footers.append((len(out), out[-1].text if out else ""))
            continue
        if is_toc_entry(raw):
            toc.append(_LEADERS.sub("", raw).strip())
            toc_end = len(out)
            continue
        if raw in ("目录", "目录>>", "目 录") or raw.startswith("目录"):
            if len(raw) <= 6:
                continue
        out.append(Line(i, raw))
    out, footers, toc_end = _drop_running_titles(out, footers, toc_end)
    return Page(out, toc, toc_end, footers)


# A footnote printed at the foot of a page inside an English sentence that the page cut: "By 2027, … shall achieve" /
# "1" / the notes / "secure and reliable supply, …". The marker is a bare number, [1], or a number and the note.
_FOOTNOTE_MARK = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3})(?:\s+[A-Z\"“'].*)?$")
_MID_SENTENCE = re.compile(r"[A-Za-z,]$")
_NOTE_END = re.compile(r"[./]$")


def _footnotes_after_sentence(lines: list[str]) -> list[tuple[int, str]]:
    """(line number, line) in reading order: a block of footnotes that cuts an English sentence (the line before
    ends mid-sentence, the block opens with a footnote marker and holds a note line, and the sentence goes on in
    lower case after a blank line or a note's end) is moved after the end of that sentence."""
    numbered = list(enumerate(lines, start=1))
    if not any(_FOOTNOTE_MARK.match(line) for line in lines):
        return numbered
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(numbered):
        out.append(numbered[k])
        line = numbered[k][1]
        if len(line) >= 20 and _MID_SENTENCE.search(line) and len(re.findall(r"[A-Za-z]", line)) > 2 * len(re.findall(rf"[{CJK}]", line)):
            moved = _footnote_block(numbered, k + 1)
            if moved is not None:
                block, resumed, ended = moved
                out.extend(numbered[resumed : ended + 1])
                out.extend(block)
                k = ended + 1
                continue
        k += 1
    return out


def _footnote_block(numbered: list[tuple[int, str]], start: int):
    """(the footnote lines, index of the line the sentence resumes on, index of the line it ends on) or None."""
    j = start
    while j < len(numbered) and not numbered[j][1]:
        j += 1
    if j >= len(numbered) or not _FOOTNOTE_MARK.match(numbered[j][1]):
        return None
    for c in range(j + 1, min(len(numbered), j + 60)):
        line = numbered[c][1]
        if not line or not line[0].islower() or re.match(r"(?:https?://|www\.)", line):
            continue
        previous = numbered[c - 1][1]
        if previous and not _NOTE_END.search(previous):
            continue  # a note's own line wrapped ("…Implementation of" / "the Initiative is available…")
        block = numbered[j:c]
        if not any(len(text) > 60 for _, text in block):
            return None  # a page number (and a running title), not footnotes
        end = c
        while end < len(numbered) - 1 and not re.search(r"[.;!?:。；]$", numbered[end][1]) and numbered[end + 1][1]:
            end += 1
        return block, c, end
    return None


def _drop_running_titles(
    lines: list[Line], footers: list[tuple[int, str]], toc_end: int
) -> tuple[list[Line], list[tuple[int, str]], int]:
    """A short line printed next to page numbers again and again is a running title, not text."""
    from collections import Counter

    near = [idx for idx, _ in footers for idx in (idx - 1, idx) if 0 <= idx < len(lines)]
    counts = Counter(lines[i].text for i in near if len(lines[i].text) <= 60)
    repeated = {text for text, n in counts.items() if n >= 3}
    if not repeated:
        return lines, footers, toc_end
    near_set = set(near)
    keep = [i for i in range(len(lines)) if not (i in near_set and lines[i].text in repeated)]
    # Old index -> index of the first kept line at or after it, so positions survive the removal.
    shift, k = [0] * (len(lines) + 1), 0
    for old in range(len(lines) + 1):
        while k < len(keep) and keep[k] < old:
            k += 1
        shift[old] = k
    remap = [(shift[min(idx, len(lines))], text) for idx, text in footers]
    return [lines[i] for i in keep], remap, shift[min(toc_end, len(lines))]


def cn_brackets(text: str) -> str:
    """Chinese text prints parentheses full-width: （2020-2022年）, （四）. One form whatever the source used."""
    return text.replace("(", "（").replace(")", "）")


_ENDS_SENTENCE = re.compile(r"[。！？；;:：!?)）”\"]$|\.$")
_STARTS_ITEM = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[条章]|[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|\d{1,3}[.、](?!\d)|"
    r"Article\s+\d|Chapter\s|[IVX]+\.\s|注[:：]|——)"
)


_SMALL = r"(?:and|of|the|for|on|in|to|with|a|an|by)"
_EN_HEADING = re.compile(
    rf"^(?:\(?(?:[IVX]+|\d{{1,2}})[.)]\s*)?[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|{_SMALL})){{0,9}}$"
)


def paragraphs(text: str) -> str:
    """Re-join lines that PDF extraction wrapped mid-sentence, so a sentence is on one line again.

    Linear in the text: a paragraph being built is a list of pieces, and only its last character, its length
    and whether it holds a comma are looked at (searching the growing string each time made a long file of
    unpunctuated lines quadratic).
    """
    out: list[str] = []
    pieces: list[str] = []  # the paragraph being built
    length, has_comma = 0, False
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        last = pieces[-1][-1] if pieces else ""
        # An English heading ("(II) Main Objectives") is not the start of the sentence printed under it.
        heading = last.isalpha() and line[:1].isupper() and len(pieces) == 1 and _EN_HEADING.match(pieces[0]) is not None
        # A line ending in a bracketed gloss ("smart terminal devices (智能终端)") and going on in lower case
        # ("and intelligent agents …") is one English sentence wrapped, not a sentence ended.
        gloss = last == ")" and line[:1].islower()
        if pieces and not heading and (gloss or not _ENDS_SENTENCE.search(last)) and not _STARTS_ITEM.match(line) and (length >= 20 or has_comma):
            # "…create" / "100 high-quality datasets": an English word and a figure wrapped apart.
            if re.match(r"[A-Za-z,)]", last) and re.match(r"[A-Za-z(]", line) or (
                    re.search(r"[A-Za-z]{2}$", pieces[-1]) and re.match(rf"\d[\d,.]*\s+[A-Za-z]", line) and not re.search(rf"[{CJK}]", pieces[-1][-8:])):
                pieces.append(" ")
                length += 1
        else:
            if pieces:
                out.append("".join(pieces))
            pieces, length, has_comma = [], 0, False
        pieces.append(line)
        length += len(line)
        has_comma = has_comma or "," in line
    if pieces:
        out.append("".join(pieces))
    return "\n".join(out)
