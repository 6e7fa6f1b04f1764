"""Responsible agencies: the （责任单位：…） clause of a measure, split into single, normalised names."""

from __future__ import annotations

import re
import unicodedata

from tracker.domain.records import AgencyLink, AgencyRole

_LEAD = r"牵头单位|牵头部门|牵头"
_SUPPORT = r"配合单位|配合部门|协同单位|协助单位|配合"
_RESPONSIBLE = r"责任单位|责任部门|责任主体|主责单位|实施单位"
_EN_BODY = r"(?:units?|departments?|agenc(?:y|ies)|bodies|body|organi[sz]ations?)"
_EN_SUPPORT = rf"(?:Supporting|Cooperating|Co-operating|Participating|Assisting|Coordinating)\s+{_EN_BODY}"
_EN = (
    rf"(?:Units?|Departments?|Agenc(?:y|ies)|Organi[sz]ations?)\s+responsible(?:\s+for\s+implementation)?|Responsible\s+{_EN_BODY}"
    rf"|Lead(?:ing)?\s+{_EN_BODY}|{_EN_SUPPORT}"
)
LABEL = re.compile(rf"({_LEAD}|{_SUPPORT}|{_RESPONSIBLE}|{_EN})\s*[:：]", re.I)
# A clause in parentheses that starts with a label, e.g. (责任单位:市经济信息化委、市商务委)
CLAUSE = re.compile(
    rf"[(（【\[]\s*((?:{_LEAD}|{_SUPPORT}|{_RESPONSIBLE}|{_EN})\s*[:：][^()（）【】\[\]]*(?:\([^()]*\)[^()（）【】\[\]]*)*)[)）】\]]",
    re.I,
)
EN_LINE = re.compile(rf"^\s*(?:{_EN})\s*:[^\n]+$", re.I | re.M)
# A label without brackets at the end of a measure: ……。责任单位：市发展改革委、市财政局
INLINE = re.compile(rf"(?:{_LEAD}|{_SUPPORT}|{_RESPONSIBLE})\s*[:：][^\n()（）【】。]+")
# The same labels standing on their own line: 牵头单位：市发展改革委
LINE = re.compile(rf"^\s*(?:{_LEAD}|{_SUPPORT}|{_RESPONSIBLE})\s*[:：].+$", re.M)

# A clause in parentheses that says who does what with role words after the names instead of a label:
# （市住房城乡建设管理委牵头，市规划资源局、市财政局等按职责分工负责）, (由区发展改革委牵头，区财政局配合).
ROLE_CLAUSE = re.compile(r"[(（]([^()（）]{2,300})[)）]")
_SEGMENT = re.compile(
    r"^(?:由)?(?P<names>.+?)(?P<role>牵头负责|牵头|配合|协助|协同|参与|按职责分工负责|按职责负责|分工负责|分别负责|共同负责|负责)$"
)
# What a Chinese agency name ends with; anything else in such a clause means it is not a list of agencies.
_AGENCY_END = re.compile(
    r"(?:委员会|委|局|办公室|办|厅|部|署|政府|府|院|会|中心|处|所|行|公司|集团|区|县|市|镇|乡|街道|单位|部门|机构|总队|支队|海关)$"
)

_NOT_AGENCIES = re.compile(r"[;；,，]?\s*(?:完成时限|完成时间|完成期限|时间节点|时限要求|办结时限|进度要求|时限)\s*[:：]")

# " and " alone is not a separator: it sits inside names ("Commission of Economy and Informatization");
# ", and the X" and "A and the B" are.
_SEPARATORS = re.compile(r"\s*(?:[、，,;；]|\s+and\s+(?=the\s)|\s{2,})\s*", re.I)
# "X People's Government and Y People's Government": an " and " right after what an English agency name ends
# with separates two names (inside a name, "Commission of Economy and Informatization", it does not).
_EN_AGENCY_AND = re.compile(
    "(?:" + "|".join(f"(?<={w})" for w in ("Government", "Commission", "Bureau", "Office", "Administration", "Center",
                                            "Centre", "Committee", "Customs", "Service", "Department"))
    + r")\s+and\s+(?=[A-Z])"
)
_LEADING = re.compile(r"^(?:and|the|as well as|以及|及|和|与)\s+|^(?:以及|及|和|与)(?=[\u4e00-\u9fff])", re.I)
_TRAILING = re.compile(r"(?:等(?:单位|部门)?|etc\.?|按职责分工负责|分别负责|负责)$", re.I)


def normalise_agency(name: str) -> str:
    """One spelling per agency: NFKC, no inner spaces in Chinese, no leading 'the'/'and', no trailing 等."""
    text = unicodedata.normalize("NFKC", name or "").replace("\ufffd", "")
    text = re.sub(r"\s+", " ", text).strip(" \t.。,，;；、:：")
    for _ in range(3):
        text = _LEADING.sub("", text).strip()
        text = _TRAILING.sub("", text).strip(" .。,，;；、")
    if re.search(r"[\u4e00-\u9fff]", text):
        text = re.sub(r"(?<=[\u4e00-\u9fff\d])\s+|\s+(?=[\u4e00-\u9fff])", "", text)
        text = re.sub(r"^的|的$", "", text)
    return text


def _role_of(label: str) -> AgencyRole | None:
    if re.fullmatch(_LEAD, label) or label.lower().startswith("lead"):
        return AgencyRole.LEAD
    if re.fullmatch(_SUPPORT, label) or re.fullmatch(_EN_SUPPORT, label, re.I):
        return AgencyRole.SUPPORTING
    return None


def split_agencies(text: str) -> list[tuple[str, AgencyRole]]:
    """The agencies named in a 责任单位 clause body, in order, each with its role.

    The first agency named is the lead unless a 牵头 label names one; 配合 marks supporting agencies.
    """
    body = unicodedata.normalize("NFKC", text or "")
    # （责任单位：市商务委；完成时限：2024年底前）: the time limit is the item's deadline, not an agency.
    body = _NOT_AGENCIES.split(body, maxsplit=1)[0]
    parts: list[tuple[str | None, str]] = []
    last = 0
    label = None
    for m in LABEL.finditer(body):
        if body[last : m.start()].strip():
            parts.append((label, body[last : m.start()]))
        label, last = m[1], m.end()
    parts.append((label, body[last:]))
    out: list[tuple[str, AgencyRole]] = []
    seen: set[str] = set()
    has_lead_label = any(lbl and _role_of(lbl) is AgencyRole.LEAD for lbl, _ in parts)
    for lbl, chunk in parts:
        role = _role_of(lbl) if lbl else None
        if not re.search(r"[\u4e00-\u9fff]", chunk):
            chunk = re.sub(r"\s+", " ", chunk)  # a double space in English text is a typo, not a separator
        for piece in (p for part in _SEPARATORS.split(chunk) for p in _EN_AGENCY_AND.split(part)):
            name = normalise_agency(piece)
            if not name or name in seen or len(name) < 2:
                continue
            seen.add(name)
            if role is AgencyRole.LEAD:
                out.append((name, AgencyRole.LEAD))
            elif role is AgencyRole.SUPPORTING:
                out.append((name, AgencyRole.SUPPORTING))
            elif not has_lead_label and not any(r is AgencyRole.LEAD for _, r in out):
                out.append((name, AgencyRole.LEAD))
            else:
                out.append((name, AgencyRole.RESPONSIBLE))
    return out


def role_clause(body: str) -> list[tuple[str, AgencyRole]] | None:
    """The agencies of a `ROLE_CLAUSE` body (市商务委牵头，市财政局配合), or None when it is not one.

    Every comma-separated segment must end with a role word and name only things that end like agencies, so
    an ordinary remark in parentheses is never read as a list of agencies. Without 牵头, the first is the lead.
    """
    segments = [s.strip(" 。.") for s in re.split(r"[，,；;]", unicodedata.normalize("NFKC", body))]
    out: list[tuple[str, AgencyRole]] = []
    for segment in filter(None, segments):
        m = _SEGMENT.match(segment)
        if m is None:
            return None
        role = (AgencyRole.LEAD if m["role"].startswith("牵头")
                else AgencyRole.RESPONSIBLE if m["role"].endswith("负责") else AgencyRole.SUPPORTING)
        for piece in re.split(r"[、/]", m["names"]):
            name = normalise_agency(piece)
            if not name or not _AGENCY_END.search(name):
                return None
            if name not in (n for n, _ in out):
                out.append((name, role))
    if out and not any(r is AgencyRole.LEAD for _, r in out) and out[0][1] is AgencyRole.RESPONSIBLE:
        out[0] = (out[0][0], AgencyRole.LEAD)
    return out or None


# (Led by the Municipal Commission of Commerce, with the Municipal Finance Bureau participating) /
# (The Municipal Commission of Commerce takes the lead, and the Municipal Finance Bureau cooperates)
EN_ROLE_CLAUSE = re.compile(
    r"\((?:[Ll]ed\s+by\s+(?P<lead>[^()]+?)|(?P<lead2>(?:[Tt]he\s+)?[A-Z][^()]+?)\s+(?:takes?|will\s+take)\s+the\s+lead)"
    r"(?:\s*[,;]\s*(?:and\s+)?(?:with\s+)?(?P<rest>[^()]+?)\s+(?:participating|cooperating|assisting|in\s+cooperation"
    r"|(?:will\s+)?(?:cooperates?|participates?|assists?)|(?P<duty>(?:are|is)\s+responsible)(?:\s+according\s+to\s+(?:their|its)\s+"
    r"(?:duties|responsibilities))?))?\s*\.?\)"
)
# An English agency name holds one of these words (Bureau of Statistics, Department of Civil Affairs).
_EN_AGENCY_WORD = re.compile(
    r"\b(?:Commission|Bureau|Office|Department|Administration|Government|Committee|Cent(?:er|re)|Authority|Agency|Ministry|"
    r"Council|Court|Procuratorate|Federation|Bank|Customs|Corporation|Group|Company|Branch|Headquarters|Station|Association|"
    r"Commissions|Bureaus|Offices|Departments|Governments|Committees|Authorities|Agencies|departments|units)\b"
)


def en_role_clause(m: re.Match) -> list[tuple[str, AgencyRole]] | None:
    """The agencies of an English clause with role words, or None when a name does not end like an agency."""
    out: list[tuple[str, AgencyRole]] = []
    others = AgencyRole.RESPONSIBLE if m["duty"] else AgencyRole.SUPPORTING
    for chunk, role in ((m["lead"] or m["lead2"], AgencyRole.LEAD), (m["rest"], others)):
        if not chunk:
            continue
        for piece in (p for part in _SEPARATORS.split(re.sub(r"\s+", " ", chunk)) for p in _EN_AGENCY_AND.split(part)):
            name = re.sub(r"\s+(?:and\s+)?other\s+(?:relevant\s+)?(?:departments|units|agencies)$", "", normalise_agency(piece))
            if not name:
                continue
            if not _EN_AGENCY_WORD.search(name):
                return None
            if name not in (n for n, _ in out):
                out.append((name, role if not out or role is not AgencyRole.LEAD else AgencyRole.RESPONSIBLE))
    return out or None


def agencies_in(text: str) -> list[AgencyLink]:
    """Every agency named by a 责任单位 clause (in parentheses or on its own line), or by a clause of names with
    role words (（X牵头，Y配合）), in a measure's text."""
    rest = CLAUSE.sub("", text)
    found = [split_agencies(m[1]) for m in CLAUSE.finditer(text)]
    found += [split_agencies(m[0]) for m in (*INLINE.finditer(rest), *EN_LINE.finditer(rest))]
    found += [links for m in ROLE_CLAUSE.finditer(rest) if (links := role_clause(m[1]))]
    found += [links for m in EN_ROLE_CLAUSE.finditer(rest) if (links := en_role_clause(m))]
    links: list[AgencyLink] = []
    seen: set[str] = set()
    for named in found:
        for name, role in named:
            if name in seen:
                continue
            seen.add(name)
            if role is AgencyRole.LEAD and any(a.role is AgencyRole.LEAD for a in links):
                role = AgencyRole.RESPONSIBLE
            links.append(AgencyLink(name, role))
    return links




def agency_sources(text: str) -> list[str]:
    """The clauses of a measure's text that its agencies were read from ((责任单位：…), 牵头单位：… on its own line,
    （X牵头，Y配合）), as printed, in order: what `show` cites beside the agencies."""
    rest = CLAUSE.sub("", text)
    found = [(m.start(), m[0]) for m in CLAUSE.finditer(text)]
    found += [(text.find(m[0]), m[0]) for m in (*INLINE.finditer(rest), *EN_LINE.finditer(rest))]
    found += [(text.find(m[0]), m[0]) for m in ROLE_CLAUSE.finditer(rest) if role_clause(m[1])]
    found += [(text.find(m[0]), m[0]) for m in EN_ROLE_CLAUSE.finditer(rest) if en_role_clause(m)]
    out: list[str] = []
    for _, clause in sorted(found):
        clause = clause.strip()
        if clause and clause not in out:
            out.append(clause)
    return out
