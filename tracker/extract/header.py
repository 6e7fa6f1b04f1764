"""The head of a policy: title (inside the 关于印发《…》的通知 wrapper), document number, issuer, issued date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tracker.extract.dates import CN_DATE, EN_DATE, BadDate, cn_date, en_date, make_date
from tracker.extract.windows import normalise_doc_number

_KINDS = (
    r"办法|措施|意见|方案|细则|规定|通知|决定|计划|条例|指引|规划|纲要|政策|规则|实施方案|指南|标准|公告|通告|决议|批复|函"
)
EN_KINDS = r"Measures|Regulations|Provisions|Plan|Rules|Opinions|Notice|Policy|Policies|Guidelines|Circular|Decision|Program(?:me)?|Scheme|Implementation"
# 沪府办规〔2023〕27号 in any brackets; a government order: 上海市人民政府令第12号, 交通运输部令2021年第3号, 财政部第12号令.
DOC_NUMBER_ANY = re.compile(
    r"(?![年月日号])[\u4e00-\u9fff]{1,12}\s*[〔\[(（【]\s*\d{4}\s*[〕\])）】]\s*(?:第\s*)?\d+\s*[号號]"
    r"|(?![年月日号])[\u4e00-\u9fff]{2,30}?令\s*(?:[〔\[(（【]?\s*\d{4}\s*[〕\])）】]?\s*年?\s*)?第\s*(?:\d+|[一二三四五六七八九十百零〇]+)\s*[号號](?!令)"
    r"|(?![年月日号])[\u4e00-\u9fff]{2,30}?第\s*(?:\d+|[一二三四五六七八九十百零〇]+)\s*[号號]令"
)
EN_DOC_NUMBER = re.compile(
    r"\b[A-Z][a-z]{0,5}(?:\s+[A-Z][a-z]{0,5}){1,5}\s*[\[(〔]\s*\d{4}\s*[\])〕]\s*No\.\s*\d+"
    # Order No. 12 of the Shanghai Municipal People's Government; Decree of the State Council No. 752
    r"|\b(?:Order|Decree)\s+No\.\s*\d+(?:\s+of\s+the(?:\s+(?:[A-Z][\w'’-]*|of|and|the))+)?"
    r"|\b(?:Order|Decree)\s+of\s+the(?:\s+(?:[A-Z][\w'’-]*|of|and|the))+?\s+No\.\s*\d+"
    # No. 21 [2018] of the State Council
    r"|\bNo\.\s*\d+\s*[\[(]\d{4}[\])]\s+of\s+the(?:\s+(?:[A-Z][\w'’-]*|of|and|the))*\s+[A-Z][\w'’-]*"
)
WRAPPER = re.compile(
    r"^(?P<issuer>.{0,80}?)(?:关于)?(?:重新)?(?:印发|转发|发布|颁布|公布)\s*《(?P<title>[^《》]+(?:《[^《》]*》[^《》]*)*)》\s*(?:的)?(?:通知|决定|公告|通告|函)?\s*$"
)
WRAPPER_PLAIN = re.compile(r"^(?P<issuer>.{0,80}?)关于(?:重新)?(?:印发|转发|发布)(?P<title>[^《》]{4,80}?)的通知$")
EN_WRAPPER = re.compile(
    r"^(?:Notice|Circular)(?:\s+of\s+(?:the\s+)?(?P<issuer>.+?))?\s+on\s+(?:Issuing|Printing\s+and\s+Distributing|Distributing|"
    r"Promulgating|Publishing|Releasing|Issuance\s+of|Forwarding)\s+(?:the\s+)?(?P<title>.+?)\s*$",
    re.I,
)
_ISSUER_HINT = re.compile(r"(?:人民政府|办公厅|办公室|委员会|局|部|厅|委|办|银行|总局|署|院|政府|中心)$")


@dataclass
class Header:
    title: str | None = None
    title_line: int | None = None
    doc_number: str | None = None
    issuer: str | None = None
    issued_on: date | None = None
    wrapped: bool = False
    body_start: int = 0  # index of the first line after the head
    in_force_on: date | None = None  # a head line "1997年7月1日 施行": the day it took effect
    in_force_line: str | None = None


def is_title_like(line: str, english: bool = False) -> bool:
    if english:
        return 3 <= len(line) <= 200 and bool(re.search(rf"\b(?:{EN_KINDS})\b", line)) and not line.endswith((".", ":"))
    if len(line) < 6 or len(line) > 80 or re.search(r"[。;；]", line) or line.count(",") > 1 or line.startswith(("的", "和", "及")):
        return False
    if re.match(r"^(?:第[一二三四五六七八九十百\d]+[条章]|[一二三四五六七八九十]+、|\(|\d+[.、])", line):
        return False
    if re.match(r"^中华人民共和国[\u4e00-\u9fff、]{2,30}法(?:\([^()]*\))?$", line):
        return True  # a national law: 中华人民共和国粮食安全保障法（2023年修订）
    return bool(re.search(rf"(?:{_KINDS})(?:\([^()]*\))?(?:》)?$", line))


def _date_only(line: str) -> date | None:
    s = re.sub(r"\s+", "", line)
    s = re.sub(r"^(?:印发日期|发布日期|成文日期|发文日期|日期)[:：]", "", s)
    m = CN_DATE.fullmatch(s)
    if m:
        return cn_date(m)
    m = re.fullmatch(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})", s) if s != line.strip() or "-" in s else None
    if m and re.match(r"^(?:印发日期|发布日期|成文日期|发文日期|日期)", re.sub(r"\s+", "", line)):
        return make_date(int(m[1]), int(m[2]), int(m[3]), s)
    m = EN_DATE.fullmatch(line.strip()) or EN_DATE.fullmatch(re.sub(r"^(?:Issued on|Date of issuance|Date)[:：]?\s*", "", line.strip(), flags=re.I))
    if m:
        return en_date(m)
    return None


def _standalone_number(line: str) -> str | None:
    """The document number a line carries when it says little else (文号：…, a date beside it)."""
    if len(line) > 60 or "号" not in line and "號" not in line:
        return None  # a long line is a sentence, not a number printed on its own
    doc = DOC_NUMBER_ANY.search(line)
    if not doc:
        return None
    rest = re.sub(r"^(?:发文字号|文号|发文号|文件编号)\s*[:：]", "", line.replace(doc[0], "").strip()).strip()
    if len(rest) <= 8 or CN_DATE.fullmatch(re.sub(r"\s+", "", rest)):
        return normalise_doc_number(doc[0])
    return None


def _trailing_number(lines: list[str]) -> str | None:
    """Some notices print their number only beside the signature: within two lines of the signing date at the
    end (a list of repealed documents at the end gives theirs, which are not this one's)."""
    tail = lines[-8:]
    for i, line in enumerate(tail):
        number = _standalone_number(line)
        if not number:
            continue
        near = tail[max(0, i - 2) : i] + tail[i + 1 : i + 3]
        try:
            signed = any(_date_only(x) for x in near)
        except BadDate:
            signed = False
        if signed:
            return number
    return _number_under_signature(lines)


def _number_under_signature(lines: list[str]) -> str | None:
    """A flattened red-head layout prints the issuer and then the number as the very last lines: 最高人民检察院 /
    高检发释字〔2019〕3号. Only a number standing alone on the last line, right under an issuer's name, is the
    document's own (a cited or listed number has a title, a list mark or a sentence around it)."""
    if len(lines) < 2:
        return None
    last = re.sub(r"^(?:发文字号|文号)\s*[:：]", "", lines[-1].strip()).strip()
    doc = DOC_NUMBER_ANY.fullmatch(last)
    if not doc or not _issuer_line(lines[-2]):
        return None
    # 文件名称 / 制定机关 / 文号 cells of a list's last row end the same way: a title above the name is a row's.
    above = lines[-3].strip() if len(lines) >= 3 else ""
    if re.search(rf"(?:{_KINDS})(?:\([^()]*\))?[》”]?$", above) or DOC_NUMBER_ANY.search(above):
        return None
    number = normalise_doc_number(doc[0])
    # The same number cited in the text, after a 《title》 (a repealed or amended document), is that document's.
    if any(number in normalise_doc_number(m[0]) for line in lines[:-1] for m in re.finditer(r"》\s*[(（][^()（）]{4,40}[)）]", line)):
        return None
    return number


# A government site's metadata block: 发文机关：X  成文日期：Y on one line, or each label on a line above its value.
_META_LABELS = r"文件编号|索引号|主题分类|主题词|发文机关|发文机构|发布机构|发文单位|制发机关|成文日期|发布日期|印发日期|发文日期|标题|名称|文件名称|发文字号|文号|有效性|时效性|公文种类|生效日期|废止日期"
_META = re.compile(rf"({_META_LABELS})\s*[:：]")
_META_ALONE = re.compile(rf"^[•·\-*]?\s*({_META_LABELS})\s*[:：]?$")
_SPACED_LABEL = re.compile(r"^([\u4e00-\u9fff])\s+([\u4e00-\u9fff])(?=\s*[:：])")


def _metadata(lines: list[str]) -> dict[str, str]:
    """Label -> value of the metadata block at the top of a page (first value of each label wins)."""
    found: dict[str, str] = {}
    for i, raw in enumerate(lines):
        line = _SPACED_LABEL.sub(r"\1\2", raw)
        alone = _META_ALONE.match(line)
        if alone and i + 1 < len(lines) and not _META.search(lines[i + 1]) and not _META_ALONE.match(lines[i + 1]):
            found.setdefault(alone[1], lines[i + 1].strip())
            continue
        marks = list(_META.finditer(line))
        for m, nxt in zip(marks, marks[1:] + [None]):
            value = line[m.end() : nxt.start() if nxt else len(line)].strip()
            if value:
                found.setdefault(m[1], value)
    return found


def _meta_date(value: str | None) -> date | None:
    if not value:
        return None
    s = re.sub(r"\s+", "", re.sub(r"(?:(?<=[日号])\s*|\s+)\d{1,2}:\d{2}(?::\d{2})?$", "", value))  # 2024年04月06日 16:40
    m = CN_DATE.fullmatch(s)
    if m:
        return cn_date(m)
    m = re.fullmatch(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})", s)
    return make_date(int(m[1]), int(m[2]), int(m[3]), s) if m else None


_EN_META = re.compile(
    r"^[•·\-*]?\s*(?P<label>Document\s+(?:Number|No\.)|Issuing\s+(?:Authority|Body|Organ)|Date\s+(?:of\s+)?[Ii]ssu(?:ed|ance)|Issued\s+on)"
    r"\s*[:：]\s*(?P<value>.+)$",
    re.I,
)


def _from_english_metadata(h: Header, lines: list[str], problems: list[str]) -> None:
    """· Document Number: No. 21 [2018] of the State Council / · Issuing Authority: … / · Date issued: 06-25-2018"""
    for line in lines:
        m = _EN_META.match(line.strip())
        if not m:
            continue
        label, value = m["label"].lower(), m["value"].strip()
        if label.startswith("document") and h.doc_number is None:
            doc = EN_DOC_NUMBER.search(value)
            h.doc_number = re.sub(r"\s+", " ", doc[0]) if doc else None
        elif label.startswith("issuing") and h.issuer is None and len(value) <= 120:
            h.issuer = value
        elif h.issued_on is None:
            d = EN_DATE.search(value)
            us = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", value)  # 06-25-2018: month first
            iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
            try:
                h.issued_on = en_date(d) if d else make_date(int(us[3]), int(us[1]), int(us[2]), value) if us else (
                    make_date(int(iso[1]), int(iso[2]), int(iso[3]), value) if iso else None)
            except BadDate as exc:
                problems.append(str(exc))


def _from_metadata(h: Header, lines: list[str], problems: list[str]) -> None:
    meta = _metadata(lines)
    if not meta:
        return
    number = meta.get("发文字号") or meta.get("文号") or meta.get("文件编号")
    doc = DOC_NUMBER_ANY.search(number) if number else None
    if doc:
        h.doc_number = normalise_doc_number(doc[0])
    try:
        h.issued_on = _meta_date(meta.get("成文日期") or meta.get("印发日期") or meta.get("发文日期")) or h.issued_on
    except BadDate as exc:
        problems.append(str(exc))
    issuer = meta.get("发文机关") or meta.get("发文机构") or meta.get("发布机构") or meta.get("制发机关") or meta.get("发文单位")
    if issuer and len(issuer) <= 60:
        h.issuer = issuer


_HISTORY = re.compile(
    rf"^(?P<d>{CN_DATE.pattern})\s*(?P<what>[^。；;]{{0,80}}?)\s*(?P<act>公布|发布|通过|修订|修正|施行|印发)\s*[)）]?\s*$"
)
# YAML front matter of a law database export: publish_date: "2026-03-12"
_FRONT_MATTER_DATE = re.compile(r"^(?:publish_date|issue_date|issued_on|promulgation_date|发布日期|公布日期)\s*:\s*[\"']?(\d{4})-(\d{2})-(\d{2})[\"']?\s*$")


_BRACKETED_MONTH = re.compile(
    r"^\((?P<y>\d{4}|[〇零○一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月"
    r"(?:[^()]{0,60}?(?:通过|公布|发布|印发|制定|修正|修订))?\)$"
)


def _bracketed_month(line: str) -> date | None:
    """（2023年12月印发） / （2023年12月市人民政府第18次常务会议通过） under a title: the first day of that month
    (the day is not printed; the year is what dates 年底前 and 今年), or None."""
    from tracker.extract.dates import cn_number

    m = _BRACKETED_MONTH.match(line)
    if m is None:
        return None
    y, mon = cn_number(m["y"]) if not m["y"].isdigit() else int(m["y"]), cn_number(m["m"])
    if y is None or mon is None or not 1 <= mon <= 12:
        return None
    return date(y, mon, 1)


def signature_date(lines: list[str]) -> date | None:
    """The date a notice is signed with: the last line of `lines` that is only a date (impossible dates skipped)."""
    for line in reversed(lines):
        try:
            day = _date_only(line)
        except BadDate:
            continue
        if day:
            return day
    return None


# A crawler's markdown record above the text: "### 基本信息", "- **文件名称**：X", "**标题：**X". The labels are
# metadata (read as the plain 文件名称：X), and the markdown headings of the record are not the title.
_MD_LABEL = re.compile(r"^\s*(?:[-*•·]\s+)?(?:\*\*)?\s*([\u4e00-\u9fff]{2,6})\s*([:：])?\s*\*\*\s*([:：])?\s*(?P<value>.*)$")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s")


def _plain_label(line: str) -> str:
    m = _MD_LABEL.match(line)
    if m and (m[2] or m[3]):
        if m[1] in ("发布日期", "来源", "原文链接", "分类", "文档类型"):
            return "索引号："  # when the page was posted and where from: not the policy's own dates
        return f"{m[1]}：{m['value'].strip()}"
    if _MD_HEADING.match(line):
        return "索引号："  # a heading of the crawler's record: a metadata line with nothing to read
    return line


# YAML front matter of a law database export (--- / title: "…" / publish_date: … / ---): a value in quotes may be
# broken over several lines ("最高人民检察院关于废止\n《…\n…》的决定").
_FM_KEY = re.compile(r"^([A-Za-z_\u4e00-\u9fff][\w-]{0,30})\s*[:：]\s*(.*)$")


def _front_matter(lines: list[str]) -> tuple[int, dict[str, str]]:
    """(index after the closing ---, key -> value) of a front matter block opening the text; (0, {}) without one."""
    if not lines or lines[0].strip() != "---":
        return 0, {}
    end = next((k for k in range(1, min(len(lines), 60)) if lines[k].strip() in ("---", "...")), None)
    if end is None:
        return 0, {}
    fields: dict[str, str] = {}
    k = 1
    while k < end:
        m = _FM_KEY.match(lines[k].strip())
        k += 1
        if not m:
            continue
        value = m[2].strip()
        quote = value[:1] if value[:1] in "\"'" else ""
        if quote:
            # A quoted value runs on until its closing quote, whatever the line breaks.
            while k < end and (len(value) < 2 or not value.endswith(quote)):
                nxt = lines[k].strip()
                value += (" " if value[-1:].isascii() and nxt[:1].isascii() else "") + nxt
                k += 1
        elif value in ("", "|", ">", "|-", ">-", "|+", ">+"):
            # A block value: the lines under the key that are neither another key nor a list item.
            parts = []
            while k < end and not _FM_KEY.match(lines[k].strip()) and not lines[k].lstrip().startswith("-"):
                parts.append(lines[k].strip())
                k += 1
            value = "".join(parts)
        else:
            # A plain value goes on over the indented lines under it (indentation is gone in the cleaned text).
            while k < end and not _FM_KEY.match(lines[k].strip()) and not lines[k].lstrip().startswith("-"):
                nxt = lines[k].strip()
                value += (" " if value[-1:].isascii() and nxt[:1].isascii() else "") + nxt
                k += 1
        fields.setdefault(m[1].lower(), value.strip().strip(quote).strip() if quote else value.strip())
    return end + 1, fields


# The issuer printed on its own line above a title that starts with 关于: 中共中央 国务院 / 国务院办公厅 / 福建省人民政府.
_ISSUER_LINE_END = re.compile(r"(?:人民政府|办公厅|办公室|委员会|局|部|厅|委|办|银行|总局|署|院|政府|中心|中央|党委)$")


def _issuer_line(line: str) -> bool:
    s = line.strip()
    return 2 <= len(s) <= 30 and bool(_ISSUER_LINE_END.search(s)) and not re.search(r"[\d:：,，.。;；!！?？《》()（）\[\]〔〕\"“”]|关于|印发", s)


def _core(text: str) -> str:
    """A title without spaces and punctuation: what two printings of one title share."""
    return re.sub(r"[^\w]|_", "", text)


def _typo_of(a: str, b: str) -> bool:
    """One or two Chinese characters differ, nothing else (a crawler's typo: 规玥纲要 for 规划纲要); numbers, in
    figures or in Chinese numerals (十三五 / 十四五), must agree."""
    if len(a) != len(b) or len(a) < 8:
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    word = re.compile(r"[\u4e00-\u9fff](?<![一二三四五六七八九十百千万零两])")
    return 1 <= len(diff) <= 2 and all(word.match(x) and word.match(y) for x, y in diff)


_TEXT_STARTS = re.compile(r"^(?:第[一二三四五六七八九十百\d]+[条章]|[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|\d{1,3}[.、](?!\d))")


def _text_title(lines: list[str], start: int, heading: str) -> tuple[str, str | None, int | None] | None:
    """(title, issuer, line) the text under a crawler's record gives itself, where it is more than the crawler's
    heading: the same title with the issuer the heading left out (中共中央 国务院 / 关于…的意见, or on one line), or the
    heading's typo mended (《扩大内需战略规划纲要…》 in the lead for a heading 扩大内需战略规玥纲要…). None when the
    text agrees with the heading (punctuation aside) or says nothing closer: the heading stays."""
    want = _core(heading)
    if not want:
        return None
    for j in range(start, min(len(lines), start + 20)):
        line = lines[j].strip()
        if _TEXT_STARTS.match(line):
            break
        core = _core(line)
        if core == want:
            if j > start and _issuer_line(lines[j - 1]):
                return lines[j - 1].strip() + line, lines[j - 1].strip(), j
            return None
        if core.endswith(want) and line.endswith(heading) and is_title_like(line):
            prefix = line[: len(line) - len(heading)].strip()
            if _issuer_line(prefix):
                return line, prefix, j
        # Only a 《title》 the text presents as itself: 印发了《…》 in a news lead, 《…》主要内容如下 (a basis it cites,
        # 根据《…》, is another document however close its name).
        for m in re.finditer(r"(?:(?:印发|发布|公布|颁布|出台)了?|^)《([^《》]{6,80})》(?P<after>.{0,6})", line):
            presented = m.start() > 0 or re.match(r"(?:主要内容|全文|内容)?如下|(?:主要内容|全文)", m["after"])
            if presented and _typo_of(_core(m[1]), want):
                return m[1].strip(), None, None
        if is_title_like(line) and _typo_of(core, want):
            return line, None, j
    return None


def read_header(lines: list[str], english: bool, problems: list[str], hint: str | None = None) -> Header:
    """Scan the first lines of a policy for its head. `hint` is a table-of-contents entry naming it."""
    record_end = 0
    if not english and any("**" in ln or ln.lstrip().startswith("#") for ln in lines[:25]):
        plain = [_plain_label(ln) for ln in lines[:25]]
        record_end = max((k + 1 for k, (a, b) in enumerate(zip(lines, plain)) if a != b and _MD_LABEL.match(a)), default=0)
        lines = plain + lines[25:]
    fm_end, fm_fields = _front_matter(lines)
    record_end = max(record_end, fm_end)
    h = Header()
    limit = min(len(lines), 25 + fm_end)
    if english:
        _from_english_metadata(h, lines[:limit], problems)
    else:
        _from_metadata(h, lines[:limit], problems)
    skip = False
    signed_month: date | None = None  # （2023年12月印发）: the month only, used when no day is printed anywhere
    for i in range(limit):
        if skip:
            skip = False
            continue
        line = _SPACED_LABEL.sub(r"\1\2", lines[i])
        if i < fm_end:
            # Front matter: its dates are read, its title only when the text gives none (below).
            front = _FRONT_MATTER_DATE.match(line)
            if front and h.issued_on is None:
                try:
                    h.issued_on = make_date(int(front[1]), int(front[2]), int(front[3]), line)
                except BadDate as exc:
                    problems.append(f"line {i + 1}: {exc}")
            continue
        label = re.match(r"^(标题|名称|文件名称|发文机关|发布机构|发文单位|制发机关|发文字号|文号|索引号|主题分类|成文日期|发布日期|印发日期)[:：]\s*(.*)$", line)
        if label:
            key, value = label[1], _META.split(label[2], maxsplit=1)[0].strip()  # up to the next label on the line
            if key in ("标题", "名称", "文件名称") and value and h.title is None:
                w = WRAPPER.match(value) or WRAPPER_PLAIN.match(value)
                h.title, h.wrapped = (w["title"].strip(), True) if w else (value, False)
                h.issuer = h.issuer or (w["issuer"].strip() or None if w else None)
                continue
            if key in ("发文机关", "发布机构", "发文单位", "制发机关") and value:
                h.issuer = h.issuer or value
                continue
            if key in ("索引号", "主题分类"):
                continue
        # A wrapper or title broken over two lines by the PDF or the page layout.
        if i + 1 < len(lines) and len(line) <= 60 and len(lines[i + 1]) <= 40 and not re.search(r"[。;；,]", line + lines[i + 1]):
            joined = line + lines[i + 1]
            if ("《" in line and "》" not in line and WRAPPER.match(joined)) or (
                not english and h.title is None and len(line) <= 30 and not re.search(r"[\d:：]", line)
                and not is_title_like(line) and not is_title_like(lines[i + 1]) and is_title_like(joined)
                and not DOC_NUMBER_ANY.search(joined) and not CN_DATE.search(joined)
            ) or (
                # 国务院办公厅关于2025年 / 部分节假日安排的通知: a head line that opens with 关于 and stops mid-title
                not english and h.title is None and "关于" in line and not re.search(r"[:：]", line)
                and (not is_title_like(line) or _wrapper_cut(line, lines[i + 1]))
                and (is_title_like(joined) or WRAPPER_PLAIN.match(joined)) and not DOC_NUMBER_ANY.search(joined)
            ):
                line, skip = joined, True
        if re.match(r"^(?:第[一二三四五六七八九十]+条|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|1[.、]|Article\s+1\b|I\.\s)", line):
            break
        # 上海市人民政府令 / 第12号: an order's number printed under its name.
        if i + 1 < len(lines) and line.endswith("令") and len(line) <= 30 and re.fullmatch(r"(?:\d{4}\s*年\s*)?第\s*(?:\d+|[一二三四五六七八九十百零〇]+)\s*号", lines[i + 1].strip()):
            line, skip = line + lines[i + 1].strip(), True
        m = (WRAPPER.match(line) or WRAPPER_PLAIN.match(line)) if not english else EN_WRAPPER.match(line)
        if m and h.title is None:
            h.title, h.wrapped, h.title_line = m["title"].strip(), True, i
            issuer = (m["issuer"] or "").strip()
            if english and m["title"].startswith(("“", '"')):
                h.title = m["title"].strip("“”\" ")
            if issuer:
                h.issuer = issuer
            continue
        doc = DOC_NUMBER_ANY.search(line) or EN_DOC_NUMBER.search(line)
        rest = line.replace(doc[0], "").strip() if doc else ""
        dated = CN_DATE.fullmatch(re.sub(r"\s+", "", rest)) if rest else None
        if doc and h.doc_number is None and (len(rest) <= 8 or dated):
            h.doc_number = normalise_doc_number(doc[0]) if not EN_DOC_NUMBER.fullmatch(doc[0]) else re.sub(r"\s+", " ", doc[0])
            if dated and h.issued_on is None:
                try:
                    h.issued_on = cn_date(dated)
                except BadDate as exc:
                    problems.append(f"line {i + 1}: {exc}")
            continue
        # A law database prints the history in the head, one line a step, the text being the latest version:
        # 2008年8月3日 中华人民共和国国务院令第529号公布 / 2024年1月22日 中华人民共和国国务院令第773号第二次修订 /
        # 1997年7月1日 施行. The last step dates the text and the last order number is its number.
        step = _HISTORY.match(line)
        if step:
            try:
                day = cn_date(CN_DATE.match(step["d"]))
            except BadDate as exc:
                problems.append(f"line {i + 1}: {exc}")
                continue
            if step["act"] == "施行" and not step["what"].strip():
                h.in_force_on, h.in_force_line = day, line
            else:
                h.issued_on = day
                doc = DOC_NUMBER_ANY.search(step["what"])
                if doc:
                    h.doc_number = normalise_doc_number(doc[0])
            continue
        front = _FRONT_MATTER_DATE.match(line)
        if front and h.issued_on is None:
            try:
                h.issued_on = make_date(int(front[1]), int(front[2]), int(front[3]), line)
            except BadDate as exc:
                problems.append(f"line {i + 1}: {exc}")
            continue
        # （2020年5月14日上海市第十五届人民代表大会常务委员会第二十一次会议通过）
        # ——2026年1月20日在河北省第十四届人民代表大会第五次会议上: the day a report was delivered.
        adopted = re.match(rf"^\((?P<d>{CN_DATE.pattern}).{{0,60}}(?:通过|公布|发布|印发|修正|修订)", line) or re.match(
            rf"^[—\-–]{{0,4}}\s*(?P<d>{CN_DATE.pattern})\s*在.{{2,60}}(?:会议|大会)上", line) or re.match(
            rf"^\((?P<d>{CN_DATE.pattern})\)$", line)  # （2024年3月1日）: the date printed under the title
        signed_month = signed_month or _bracketed_month(line)
        if adopted and h.issued_on is None:
            try:
                h.issued_on = cn_date(CN_DATE.match(adopted["d"]))
            except BadDate as exc:
                problems.append(f"line {i + 1}: {exc}")
            # （2021年7月27日中华人民共和国国务院令第746号公布）: the order that published it is its number.
            published = re.match(r"[^，,;；]*?(?:公布|发布)", line)
            doc = DOC_NUMBER_ANY.search(published[0]) if published else None
            if doc and h.doc_number is None:
                h.doc_number = normalise_doc_number(doc[0])
            continue
        try:
            day = _date_only(line)
        except BadDate as exc:
            problems.append(f"line {i + 1}: {exc}")
            day = None
        if day and h.issued_on is None:
            h.issued_on = day
            if h.issuer is None and i > 0 and _ISSUER_HINT.search(lines[i - 1]) and len(lines[i - 1]) <= 40:
                h.issuer = lines[i - 1]
            continue
        if h.title is None and is_title_like(line, english):
            h.title, h.title_line = line, i
            # An issuer printed on its own line above the title: 福建省人民政府 / 关于……的若干意见
            if h.issuer is None and i > 0 and len(lines[i - 1]) <= 30 and _ISSUER_HINT.search(lines[i - 1]) and not english:
                h.issuer = lines[i - 1]
            # 中共中央 国务院 / 关于…的意见: a title printed under its issuer's name is that name and the 关于 line
            # (the title a red-head document carries: issuer, 关于, subject, kind).
            if not english and line.startswith("关于") and i > max(fm_end, record_end) and _issuer_line(lines[i - 1]):
                issuer = lines[i - 1].strip()
                h.title = issuer + line
                if h.issuer is None or issuer.startswith(h.issuer):
                    h.issuer = issuer
            continue
        if h.wrapped and h.title and re.sub(r"\s", "", line) == re.sub(r"\s", "", h.title):
            h.title_line = i  # the inner title printed again under the wrapper
    if not english and h.title and not h.wrapped and h.title_line is not None and h.title_line < record_end:
        # The title came from a crawler's heading above its record; the text under the record may print the
        # title itself, more fully or without the crawler's typo, and then the text's own reading wins.
        own = _text_title(lines, record_end, h.title)
        if own:
            h.title = own[0]
            if own[1] and (h.issuer is None or own[1].startswith(h.issuer)):
                h.issuer = own[1]
            if own[2] is not None:
                h.title_line = own[2]
    fm_title = next((fm_fields[k] for k in ("title", "标题", "文件名称", "名称") if fm_fields.get(k)), None)
    if h.title is None and fm_title:
        h.title = fm_title  # the front matter names the document the text leaves untitled
    if h.title is None and not hint:
        # A web page may put a long navigation block above the head: look further, up to the first measure.
        for i in range(limit, min(len(lines), 200)):
            line = lines[i]
            if re.match(r"^(?:第[一二三四五六七八九十]+条|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|1[.、]|Article\s+1\b)", line):
                break
            m = (WRAPPER.match(line) or WRAPPER_PLAIN.match(line)) if not english else EN_WRAPPER.match(line)
            if m:
                h.title, h.wrapped, h.title_line = m["title"].strip(), True, i
                h.issuer = h.issuer or ((m["issuer"] or "").strip() or None)
                break
            if is_title_like(line, english):
                h.title, h.title_line = line, i
                break
    if h.title is None and hint:
        m = WRAPPER.match(hint)
        if m:
            h.title, h.wrapped = m["title"].strip(), True
            h.issuer = h.issuer or (m["issuer"].strip() or None)
        else:
            m = re.match(r"^(?P<issuer>.{2,80}?)(?=关于)(?P<title>关于.+)$", hint)
            if m and not re.search(r"《", m["issuer"]):
                h.title, h.issuer = m["title"], h.issuer or m["issuer"]
            else:
                h.title = hint
    if h.title_line is not None:
        h.body_start = h.title_line + 1
        # 印发…的通知 / 广东省韶关市人民政府办公室: the issuer printed on its own line under the wrapper.
        below = lines[h.title_line + 1].strip() if h.title_line + 1 < len(lines) else ""
        if h.issuer is None and not english and 4 <= len(below) <= 40 and _ISSUER_HINT.search(below) \
                and not re.search(r"[,，。:：;；、\d]", below):
            h.issuer = below
    if h.title_line is None:
        h.body_start = max(h.body_start, record_end)  # a title read from the crawler's record: its labels are not text
    if h.doc_number is None:
        h.doc_number = _trailing_number(lines)
    # 安顺市人民政府2023年9月5日（此件公开发布）: a signature run into the text of a flattened page.
    if h.issued_on is None:
        signed = re.search(rf"(?P<d>{CN_DATE.pattern})\s*\((?:此件)?(?:公开发布|主动公开|公开)\)", "\n".join(lines[:40]))
        if signed:
            try:
                h.issued_on = cn_date(CN_DATE.match(signed["d"]))
            except BadDate as exc:
                problems.append(str(exc))
    # The signature block at the end carries the date when the head does not.
    if h.issued_on is None:
        for j in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            try:
                day = _date_only(lines[j])
            except BadDate as exc:
                problems.append(f"line {j + 1}: {exc}")
                day = None
            if day:
                h.issued_on = day
                break
    if h.issued_on is None and signed_month is not None:
        h.issued_on = signed_month
    authority = next((fm_fields[k] for k in ("issuing_authority", "issuer", "发文机关", "发布机关", "制定机关") if fm_fields.get(k)), None)
    if h.issuer is None and authority and len(authority) <= 60:
        h.issuer = authority
    heading = h.title_line if h.title and not h.wrapped else 0 if h.title is None and lines else None
    if not english and heading is not None:
        # (with no title read, the first line, which the pipeline would take, is the page's heading)
        fuller = _placed_title(lines, heading, h.title or lines[0])
        if fuller is not None:
            h.title, h.title_line = lines[fuller].strip(), fuller
            h.body_start = max(h.body_start, fuller + 1)
    if h.title:
        h.title = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", h.title).strip("*# ")
        # II浙江省…规划: a section number of the file the text was cut from, not part of the title
        h.title = re.sub(r"^(?:[IVX]{1,4}|[\u2160-\u216b])[.、\s]*(?=[\u4e00-\u9fff])", "", h.title)
    return h


def _wrapper_cut(line: str, nxt: str) -> bool:
    """关于印发广州市引进人才入户管理办法 / 实施细则的通知: a wrapper whose title only looks whole on its first line."""
    return bool(WRAPPER_PLAIN.match(line + nxt)) and not WRAPPER_PLAIN.match(line) and bool(re.search(r"的(?:通知|决定)$", nxt))


_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,12}?(?:省|市|自治区|特别行政区|县|区|州|盟)$")


def _placed_title(lines: list[str], at: int, title: str) -> int | None:
    """The line a few lines below a page's heading (2026年政府工作报告) that prints the same title with its place
    (陕西省2026年政府工作报告): the text's own title, fuller than the site's heading."""
    want = re.sub(r"\s", "", title)
    for j in range(at + 1, min(len(lines), at + 16)):
        line = re.sub(r"\s", "", lines[j])
        if _TEXT_STARTS.match(line):
            break
        if line != want and line.endswith(want) and _PLACE.match(line[: len(line) - len(want)]):
            return j
    return None
