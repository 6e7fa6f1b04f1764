"""Targets and milestones: every dated obligation of a policy.

A target is a quantity with a deadline (到2025年，建设30个以上试点示范项目; each quantity of a sentence is one); a
milestone is a dated obligation without a number (2024年6月底前建成统一平台). A deadline reaches the clauses of
its sentence; a stage heading with a deadline and a paragraph opening with a year and ending in a colon reach
the lines under them. A cap (最高5000万元, "a maximum of 50 million yuan", 不超过…补贴) limits a subsidy; it is not
a target. Past facts (2022年已建成…, 截至目前…) and recurring duties (每年6月底前报送) are neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from tracker.domain.records import Comparator, TargetKind, TargetRecord, WindowSource
from tracker.extract.dates import EN_NUMBER_WORDS, BadDate, cn_number, en_words_number, make_date, month_end
from tracker.extract.deadlines import (
    PAST_CN, after_issue_deadlines, cn_deadlines, day_ranges, en_deadlines, horizon_deadlines, latest_start_deadlines,
    relative_periods, schedule_deadlines,
)
from tracker.extract.text import paragraphs

_CN_UNITS = (
    "个百分点|百分点|平方公里|平方米|万平方米|微克/立方米|克/千克|立方米|公里|千米|公顷|千瓦时|千瓦|兆瓦|吉瓦|万千瓦|人次|户次|家次|场次|班次|万元|亿元|元|岁|"
    "千克|公斤|斤|头(?!部)|"
    "个|套|家|项(?!目(?!标))|所|户|人|名|次|座|条|台|款|件|辆|张|间|处|场|批|本|篇|部|只|支|颗|发(?![展布现生放挥出起表行])|种(?![子植类养业])|倍|床|亩|吨|GW|MW|TB|PB|%"
    # 40亿美元; 10亿方 (cubic metres of gas, after 万/亿 only); 507栋危旧楼
    "|美元|(?<=[万亿])方(?![面案式向法针略位])|栋|幢"
)
CN_QUANTITY = re.compile(
    r"(?P<pre>不少于|不低于|不超过|不高于|至少|超过|超|多于|高于|低于|达到|达|突破|逾|约|近|新增|累计|控制在|力争)?\s*"
    r"[“\"]?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<mult>万亿|亿|万|千)?\s*(?P<mid>余|多)?\s*"
    rf"(?:(?P<plus>\+)(?![\d一二三四五六七八九十A-Za-z])[”\"]?|(?P<unit>{_CN_UNITS}))"
    r"(?P<post>以上|左右|上下|余|多|以内|以下|及以上)?"
)
EN_QUANTITY = re.compile(
    r"(?P<pre>more than|over|at least|no less than|not less than|no fewer than|not fewer than|upwards of|"
    r"no more than|not more than|up to|less than|fewer than|about|approximately|around|nearly|roughly|some|"
    r"an additional|a total of|a further)?\s*"
    rf"\b(?:(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)|(?P<word>{EN_NUMBER_WORDS})\b)(?P<plus>\+)?\s*(?P<mult>million|billion|thousand|trillion)?\s*"
    r"(?P<pct>%|percent\b|per cent\b)?"
    r"(?P<noun>(?:\s*(?!(?:will|shall|would|by|are|is|be|been|have|has|in|to|of|for|with|and|or|at|on|from|per|that|which|above|below|under|across|within|among|between|including|such|than|who|whose|where|when|each|as|into|through|throughout|during|before|after|via)\b)[A-Za-z][\w-]*){0,6})",
    re.I,
)
_AT_LEAST = {"不少于", "不低于", "至少", "超过", "超", "多于", "高于", "突破", "逾", "以上", "及以上", "+", "more than", "over", "at least",
             "no less than", "not less than", "no fewer than", "not fewer than", "upwards of"}
_AT_MOST = {"不超过", "不高于", "低于", "控制在", "以内", "以下", "no more than", "not more than", "up to", "less than", "fewer than"}
_ABOUT = {"约", "近", "左右", "上下", "余", "多", "about", "approximately", "around", "nearly", "roughly", "some"}
_MULT = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 10**3, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_CAP_WORDS = re.compile(r"最高|最多|上限|封顶|补贴|奖励|资助|补助|贴息|扶持资金|maximum|up to|not exceeding|subsid|reward|grant|award", re.I)
_SENTENCE = re.compile(r"(?<=[。!?！？])|\n|(?<=[a-z0-9)\]\"”])\.\s+(?=[A-Z“\"])")


def _comparator(*words: str | None) -> Comparator:
    for w in words:
        if not w:
            continue
        w = w.lower()
        if w in _AT_LEAST:
            return Comparator.AT_LEAST
        if w in _AT_MOST:
            return Comparator.AT_MOST
        if w in _ABOUT:
            return Comparator.ABOUT
    return Comparator.EXACTLY


def _decimal(num: str, mult: str | None) -> Decimal | None:
    try:
        value = Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None
    if mult:
        value *= _MULT[mult.lower()]
    return Decimal(int(value)) if value == value.to_integral() else value.normalize()


_OBLIGATION = re.compile(
    r"完成|建成|建立|建设|出台|制定|制订|印发|发布|实现|形成|启动|开展|推出|上线|投入使用|投用|投运|开工|竣工|落地|实施|"
    r"推进|提交|报送|编制|修订|搭建|构建|打造|培育|部署|覆盖|健全|完善|设立|组建|成立|取得|基本|全面|初步|确保|力争|"
    r"(?<![对经被已获])(?:认定|遴选|评选|评定|命名)(?!的)|公布|举办|召开|上报|备案|审定|划定|审核|公告|公示|发出|申报|确认|报名|受理|登记|缴费|填报|报到|面市|上市|投产|量产|将[^，,。；;]{1,30}?报(?![名告道表价])|(?<!未)注册(?!资本|地|商标|会计|建筑|执业|[的号])|"
    r"争取|开通|接入|贯通|改造|整改|验收|评估|清理|推广|普及|提升|提高|增强|应用|迈上|达到|达标|落实|明确|研究|探索|试点|运行|压缩|缩短|"
    r"complete|establish|build|launch|issue|publish|implement|set up|put into|finish|achieve|develop|introduce|"
    r"roll out|form|improve|formulate|submit|carry out|adopt|create|open|reach|cover|advance|promote|construct|"
    r"upgrade|renovate|deliver|put in place|\bcut\b|shorten|reduce",
    re.I,
)
# Recurring duties (每年6月底前报送) and deadlines that only describe a past step are not milestones.
_RECURRING = re.compile(r"每年|每季度|每月|每半年|逐年|次年|当年度?(?:年底|12月)|每[一二三四五六七八九十\d]+年")
_COLON_END = re.compile(r"[:：]\s*$")
_STAGE_HEAD = re.compile(
    r"^(?P<head>[^。；;]{0,40}?)\((?P<when>[^()]{2,40})\)\s*[。.:：]?\s*(?P<rest>.*)$"
)
_YEAR_HEAD = re.compile(
    r"^(?P<head>(?:\(?[一二三四五六七八九十\d]{1,3}[)、.]?)?\s*)(?P<when>(?:到|至)?\d{4}年(?:底前|底|末)?)(?:目标|任务|工作目标|重点任务)?\s*[:：]\s*(?P<rest>.*)$"
)
_VALIDITY = re.compile(
    r"有效期|起施行|起实施|起执行|起试行|施行期|执行期限|effective|expire|in force|valid until|remain valid", re.I
)
# A document quoted by name (《…行动计划（2018-2020年）》) or a period in brackets after one is a label, not a deadline.
_QUOTED = re.compile(r"《[^》]{0,120}》|(?<=[\u4e00-\u9fff》])\(\d{4}\s*年?\s*[-—–~至]+\s*\d{4}\s*年?\)")
_HEADCOUNT = re.compile(r"(?:全[市省国区县]|本[市省区县]|我[市省区])\s*$")
_TIME_LIMIT = re.compile(
    r"(?:完成时限|完成时间|时间节点|时限要求|办结时限|进度要求|时限)\s*[:：]\s*(?P<when>[^；;。()（）:：]{2,30}?)\s*(?=[)）；;。]|$)"
)
# A list item's mark: a dash or a dot, ①, and the lighter numbering of lists under a colon: 1) 2), (a) (b), a. b.
_BULLET = re.compile(r"^(?:——|—|-|·|•|[\u2460-\u2473]|\d{1,2}\)(?!\d)|\([a-z]\)\s|[a-z][.)]\s)")
# A paragraph that opens with a goal year (到2027年，… / 至2030年，… / 展望2035年，…): in plans its quantities follow in
# the next sentences and in the bullet lines under it, which the year still governs.
_GOAL_OPENER = re.compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}[、.．])?\s*(?:——|—)?\s*"
    # 根据《…规划》相关目标任务，到2025年，… / 按照…要求，到2027年，…: the basis first, then the goal year.
    r"(?:(?:根据|按照|依据|对照|围绕|对标|落实)[^。；;:：!?！？]{2,160}?[，,]\s*(?=(?:力争|争取|确保)?(?:到|至)\s*\d{4}\s*年))?"
    r"(?:(?:力争|争取|预计|计划|确保)?(?:到|至|展望)\s*\d{4}\s*年|\d{4}\s*年(?:底|末)?(?:之|以)?前\s*[，,]"
    # "By 2027, …" / "By the end of 2025, …": the English plan's goal year, the same way.
    r"|(?:By|Before)\s+(?:the\s+end\s+of\s+)?(?:(?:19|20)\d{2}|the\s+end\s+of\s+the\s+\d{2}th\s+Five-Year\s+Plan(?:\s+period)?)\s*,)"
)
_TALLY = re.compile(r"截至|截止|目前|现有|去年|上年|同比|比上年|以来|近年"
                    r"|\b(?:so far|to date|currently|at present|already|last year|year[- ]on[- ]year|since)\b", re.I)
_GOAL_VERB = re.compile(
    r"达|超|突破|新增|新建|建|增长|增加|引育|引进|集聚|研制|获批|开拓|推出|制定|开发|孵化|攻克"
    # "…will be built", "the number of X will reach 30,000": what will be, under an English goal year
    r"|\b(?:will|shall)\b", re.I)
_NUMBERED = re.compile(r"^(?:第[一二三四五六七八九十\d]+[章节条部分]|[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]{1,3}\)|\d{1,3}[.、](?!\d))")


def targets_in(
    text: str,
    measure: str | None,
    problems: list[str] | None = None,
    *,
    year: int | None = None,
    scope: date | None = None,
    scope_counts_only: bool = False,
    horizons: dict[int, int] | None = None,
    issued: date | None = None,
) -> list[TargetRecord]:
    """The targets and milestones in one measure's text (or the policy's loose text when `measure` is None).

    A deadline reaches across the clauses of its sentence: 到2025年，实现以下目标：建成5个产业园；培育10家企业。
    A stage heading with a deadline (（二）建设阶段（2025年年底前）) and a paragraph that opens with a year and ends
    with a colon govern the lines under them; `scope` is such a deadline inherited from the measure's section.
    `year` (the issue year) dates phrases without one: 年底前, 6月底前, 上半年, 三季度, 年内.
    """
    out: list[TargetRecord] = []
    stage: date | None = scope
    stage_kind: str | None = None
    # Under a year's section (三、2026年主要工作) only what it counts is due that year: its prose tasks are work of
    # the year, not dated obligations of their own.
    counts_only = scope_counts_only
    carried_para: date | None = None
    carried_rank: int | None = None  # the level of the items a colon's date reaches (1. under 到2025年，…：)
    # A goal paragraph's year (到2027年，实现…突破。) reaches its bullet lines (——…, （1）…), counts only.
    goal: date | None = None
    # What a heading's or an opener's date governs is counted by item: a numbered item (or the measure) under
    # a stage deadline is one obligation, its quantities if it has any, else one milestone.
    item: list[TargetRecord] = []
    # A time limit printed with an item (完成时限：2024年底前, often beside 责任单位) dates the item as a whole.
    limit: dict = {"due": None, "text": [], "own": 0}

    def close_item() -> None:
        quantities = [t for t in item if t.kind is TargetKind.TARGET]
        kept = quantities or ([] if counts_only else item[:1])
        if goal_list["on"] and not quantities and kept:
            kept = [] if goal_list["used"] else kept
            goal_list["used"] = True
        if limit["due"] is not None:
            for t in kept:
                t.due_on, t.due_source = limit["due"], WindowSource.STATED
            if not kept and not limit["own"] and limit["text"]:
                sentence = _item_sentence(limit["text"])
                kept = [TargetRecord(text=sentence, due_on=limit["due"], measure=measure, due_source=WindowSource.STATED,
                                     metric=_milestone_metric(sentence, True), kind=TargetKind.MILESTONE)]
        out.extend(kept)
        item.clear()
        limit.update(due=None, text=[], own=0)

    # A goal lead-in (总体目标：到2025年，…) governs the goal paragraphs and indicator tables after it (counts only)
    # until the next section heading; an indicator table's own year (its title's period, a 2025年目标值 column)
    # takes over from it.
    lead: date | None = None
    after_goal_heading = False  # （三）主要目标 just above: the goal year opening the next paragraph is a lead-in
    goal_list = {"on": False, "used": False}  # under a dated goal list (主要目标是：): one milestone for its items
    tables: list[_Table] = []
    for para in _paragraphs_and_tables(text, tables):
        para = para.strip()
        if not para:
            continue
        if para.startswith(_TABLE_MARK):
            table = tables[int(para[len(_TABLE_MARK):])]
            due = _table_due(table, year) or lead or goal or stage
            if due is not None:
                out.extend(_table_targets(table, measure, due, year, lead or goal or stage))
                lead = due
            continue
        numbered = _NUMBERED.match(para)
        if lead is not None and numbered and _kind_of(numbered[0]) in ("cn_top", "paren_cn", "article"):
            lead = None  # the next section heading ends the lead-in's reach
        if numbered or _BULLET.match(para):
            close_item()
        timed = _TIME_LIMIT.search(para) if ("时" in para or "节点" in para or "进度" in para) else None
        if timed:
            due = _period_end(timed["when"], year, problems)
            if due is not None:
                limit["due"] = due
                para = (para[: timed.start()] + para[timed.end() :]).strip()
        if para and not timed or para.strip(" ()（）;；:："):
            limit["text"].append(para)
        heading = _stage_heading(para, year, problems)
        if heading is not None:
            close_item()
            stage, rest = heading
            counts_only = is_year_section(para)
            stage_kind = _kind_of(numbered[0]) if numbered else stage_kind
            carried_para = None
            if not rest.strip():
                continue
            para = rest
        elif numbered and stage_kind is not None and _RANK[_kind_of(numbered[0])] <= _RANK[stage_kind]:
            # The next heading of the stage's own level (or a higher one: 二、 after (一)建设阶段) ends the stage.
            close_item()
            stage, stage_kind, carried_para, counts_only = scope, None, None, scope_counts_only
        elif carried_para is not None and not (numbered or _BULLET.match(para)):
            carried_para = None  # a colon's date reaches the items listed under it, not the prose after them
        elif carried_para is not None and numbered:
            # …and not past a heading above those items (二、重点任务 after the goals listed as (一)(二) under 一、).
            rank = _RANK[_kind_of(numbered[0])]
            if carried_rank is None:
                carried_rank = rank
            elif rank < carried_rank:
                carried_para = None
        if goal is not None and not (_BULLET.match(para) or (numbered and _kind_of(numbered[0]) in ("paren_digit", "arabic"))):
            goal = None  # the goal's year reaches the bullets under it, not the next paragraph or heading
        if lead is not None and goal is None:
            goal = lead
        if carried_para is None:
            goal_list["on"] = False  # the goal list ended with the items under its colon
        default = carried_para or stage
        own, governed, opener, goal = _paragraph_targets(para, measure, year, default, problems, horizons, issued, goal)
        if default is None and (_GOAL_LEADIN.match(para) or after_goal_heading and _GOAL_OPENER.match(para)):
            lead = goal or opener
        elif lead is not None and goal is not None:
            lead = goal  # another goal year said in between (到2035年，…) takes over
        after_goal_heading = bool(_GOAL_HEADING.match(para))
        if _COLON_END.search(para):
            goal = None  # a colon's date is carried by carried_para, with its milestones
        out.extend(own)
        limit["own"] += len(own)
        item.extend(governed)
        if opener is not None and _COLON_END.search(para):
            if carried_para is None:
                carried_rank = None  # a new list; a colon inside the list (1.…，其中：) keeps the list's level
            carried_para = opener
            # …的主要目标是：(——…) a dated list of goals: its items' figures each count, its goals stated without a
            # figure are one milestone (the items describe the goal), not one per item.
            goal_list.update(on=default is None and _GOAL_LIST_END.search(para) is not None, used=False)
    close_item()
    return out


_GOAL_HEADING = re.compile(
    r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?(?:主要|总体|发展|工作|具体)?目标(?:任务)?[。.]?\s*$"
)
_GOAL_LIST_END = re.compile(r"(?:主要|总体|发展|远景)?目标(?:任务)?(?:是|为|如下)?\s*[:：]\s*$")
_GOAL_LEADIN = re.compile(
    r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?(?:总体目标|主要目标|发展目标|总目标|具体目标|目标任务|工作目标)"
    r"[。.]?\s*[:：]?\s*(?:力争|争取|确保)?\s*(?:到|至)?\s*\d{4}\s*年"
)
# An indicator table flattened one cell per line: a title (专栏1 “十四五”时期主要指标) or a header row (指标 / 2025年
#目标值 / 属性), then an indicator's name and its value on lines of their own (生产安全事故死亡人数 / 下降15% / 约束性).
_TABLE_MARK = "\x00table:"
_TABLE_TITLE = re.compile(r"^(?:专栏|表)\s*\d{0,2}\s*[^。，,；;]{0,30}?指标(?:体系|表)?$")
# A value column's header: 2025年目标值, 2020年现状, 计划任务, 其中：2021年任务, “十四五”末目标 (a goal or a baseline).
_TABLE_COLUMN = re.compile(
    r"^(?:其中[:：]?)?(?:\d{4}\s*年(?:底|末)?|[“\"]?十[二三四五六]五[”\"]?(?:末|期末|时期|期间)?)?"
    r"(?:现状值?|基期值?|基准值?|基数|实际值?|完成值?|完成情况|目标值?|预期值?|预期目标|规划值|规划目标|计划任务|目标任务|任务|计划|值)$"
    r"|^\d{4}\s*年$"
)
_TABLE_HEAD = re.compile(r"^(?:序号|指标|指标名称|主要指标|类别|领域|单位|计量单位|属性|指标属性|指标性质|性质|备注)$")
_TABLE_VALUE = re.compile(
    # a cell holding one of a row's several values names whom it is for: 重点城市≥30 / 一般城市≥15
    r"^(?:(?P<label>(?!下降|降低|减少|提高|提升|增长|增加|不少于|不低于|不超过|不高于|低于|高于|大于|小于)[\u4e00-\u9fff]{2,8}?)"
    r"(?=[<>≤≥]|\d))?"
    r"(?P<dir>下降|降低|减少|提高|提升|增长|增加)?\s*(?P<cmp>[<>≤≥＜＞]|不少于|不低于|不超过|不高于|低于|高于|大于|小于)?\s*"
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<mult>万亿|亿|万)?\s*(?P<unit>%|[\u4e00-\u9fff]{1,4}|[A-Za-z]{1,4})?"
    r"\s*(?P<post>以上|以下|以内|左右)?$"
)
_TABLE_EMPTY = re.compile(r"^(?:[-－—–/／─]+|…+|无|暂无|—)$")  # a cell left empty (2020年现状 of a new indicator)
_TABLE_UNIT = re.compile(
    rf"(?:万|亿)?(?:(?:{_CN_UNITS})|[A-Za-z]{{1,4}}[23³²]?)(?:/(?:小时|年|日|天|秒|h|d|a|s))?|%|[A-Za-z/]{{1,8}}")
_TABLE_CMP = {"<": Comparator.AT_MOST, "＜": Comparator.AT_MOST, "≤": Comparator.AT_MOST, ">": Comparator.AT_LEAST,
              "＞": Comparator.AT_LEAST, "≥": Comparator.AT_LEAST, "大于": Comparator.AT_LEAST, "小于": Comparator.AT_MOST}


@dataclass
class _Table:
    title: str
    head: list[str]
    rows: list[tuple[str, list[str], str | None]]  # (indicator, its value cells in column order, the 单位 column's unit)


def _paragraphs_and_tables(text: str, tables: list[_Table]) -> list[str]:
    """The paragraphs of `text`, each indicator table printed cell by cell replaced by a mark (its index in
    `tables`, which receives it): its short lines would otherwise be joined into the prose around them."""
    lines = text.split("\n")
    out: list[str] = []
    chunk: list[str] = []
    i = 0
    while i < len(lines):
        table, i_next = _read_table(lines, i)
        if table is None and is_year_section(lines[i]):
            # 二、“十五五”时期工作总体要求和目标任务: a long heading line is not wrapped into the paragraph under it
            out.extend(paragraphs("\n".join(chunk)).split("\n") + [lines[i].strip()])
            chunk = []
            i += 1
            continue
        if table is None:
            chunk.append(lines[i])
            i += 1
            continue
        out.extend(paragraphs("\n".join(chunk)).split("\n"))
        chunk = []
        out.append(f"{_TABLE_MARK}{len(tables)}")
        tables.append(table)
        i = i_next
    out.extend(paragraphs("\n".join(chunk)).split("\n"))
    return out


def _cell(line: str) -> str:
    # 指　　标 (spaced out to fill the column), ＜1
    return re.sub(r"\s+", "", line).replace("＜", "<").replace("＞", ">")


def _read_table(lines: list[str], i: int) -> tuple[_Table | None, int]:
    first = lines[i].strip()
    title = first if _TABLE_TITLE.match(first) else ""
    j = i + 1 if title else i
    head: list[str] = []
    while j < len(lines) and (not lines[j].strip() or _TABLE_HEAD.match(_cell(lines[j])) or _TABLE_COLUMN.match(_cell(lines[j]))):
        if lines[j].strip():
            head.append(_cell(lines[j]))
        j += 1
    if not (title or (len(head) >= 2 and any("指标" in h for h in head))):
        return None, i
    rows: list[tuple[str, list[str], str | None]] = []
    name, unit = None, None
    has_unit = any("单位" in h for h in head)
    end = j  # just past the table's last cell: a heading after it is no indicator's name
    n_columns = max(1, len(_table_columns(_Table(title, head, []))))
    closed = False  # the row's kind (约束性) printed, or all its columns filled
    while j < len(lines):
        cell = _cell(lines[j])
        j += 1
        if not cell:
            continue
        in_row = name is not None and rows and rows[-1][0] is name
        open_row = name is not None and not in_row
        if re.fullmatch(r"约束性|预期性|指导性|[（(]?(?:约束性|预期性)[)）]?", cell):
            closed, end = True, j
            continue
        if re.fullmatch(r"\d{1,2}", cell) and not open_row and (not in_row or closed or len(rows[-1][1]) >= n_columns):
            end = j
            continue  # a row number (a bare figure right after a name, or in a row still short of cells, is a value)
        if has_unit and open_row and unit is None and _TABLE_UNIT.fullmatch(cell):
            unit = cell  # the 单位 column
            continue
        if name and (_TABLE_VALUE.match(cell) or _TABLE_EMPTY.match(cell)):
            if rows and rows[-1][0] is name:
                rows[-1][1].append(cell)  # the row's next value column (基期值, then 目标值)
            else:
                rows.append((name, [cell], unit))
                closed = False
            end = j
            continue
        if len(cell) > 40 or re.search(r"[。；;，,]", cell) or _NUMBERED.match(cell):
            break
        name, unit = cell, None
    if not rows:
        return None, i
    return _Table(title, head, rows), end


def _table_columns(table: _Table) -> list[tuple[bool, int | None]]:
    """(a goal column?, the year it names) for each value column of the header; with no goal column named, the
    last value column holds the goal (指标 / 2020年 / 2025年)."""
    columns = [h for h in table.head if _TABLE_COLUMN.match(h) or h.endswith("值")]
    out = []
    for h in columns:
        y = re.search(r"(\d{4})\s*年", h)
        goal = bool(re.search(r"目标|预期|任务|计划|规划", h)) and not re.search(r"现状|基期|基准|基数|实际|完成", h)
        out.append((goal, int(y[1]) if y else None))
    if out and not any(g for g, _ in out):
        out[-1] = (True, out[-1][1])
    return out


def _row_columns(cells: list[str], n: int) -> list[list[str]] | None:
    """A row's value cells grouped by column: one each, or an empty cell (——) for one column and the others'
    values shared out evenly (—— / 重点城市≥30 / 一般城市≥15 under 2020年现状 / 2025年目标); None when the cells
    cannot be placed."""
    if n <= 0:
        return None
    if len(cells) == n:
        return [[c] for c in cells]
    empty = [k for k, c in enumerate(cells) if _TABLE_EMPTY.match(c)]
    free = n - len(empty)
    values = len(cells) - len(empty)
    if len(cells) < n or free <= 0 or values % free:
        return None
    per = values // free
    out: list[list[str]] = []
    k = 0
    while k < len(cells):
        if _TABLE_EMPTY.match(cells[k]):
            out.append([cells[k]])
            k += 1
        else:
            out.append(cells[k : k + per])
            k += per
    return out if len(out) == n else None


def _table_due(table: _Table, year: int | None) -> date | None:
    """The year a table's values are due: a header column naming a target year (2025年目标值), else its title's
    period or year (“十四五”时期主要指标), else None (the goal in force)."""
    years = [y for goal, y in _table_columns(table) if goal and y]
    if years:
        return date(max(years), 12, 31)
    return _table_title_due(table, year)


def _table_title_due(table: _Table, year: int | None) -> date | None:
    try:
        found = cn_deadlines(table.title, year) if table.title else []
    except BadDate:
        found = []
    if not found and table.title:
        plan = re.search(r"十[二三四五六]五", table.title)  # 表4 “十四五”全省…主要指标: the plan period's end
        return date(_PLAN_END[plan[0]], 12, 31) if plan else None
    return max((d.due for d in found), default=None)


def _table_targets(table: _Table, measure: str | None, due: date, year: int | None = None,
                   context: date | None = None) -> list[TargetRecord]:
    """Each row's values in the goal columns: due at the year a column names (其中：2021年任务), else at `due`
    (the title's period, or the goal in force); baseline columns (2020年现状) are not targets."""
    columns = _table_columns(table)
    yearless = _table_title_due(table, year) or context or due
    out = []
    for name, cells, column_unit in table.rows:
        placed = _row_columns(cells, len(columns))
        if placed is None:
            # fewer cells than columns (the baseline left out): the last is the goal
            picked = [(cells[-1], due)]
        else:
            picked = [(c, date(y, 12, 31) if y else yearless) for (goal, y), group in zip(columns, placed) if goal
                      for c in group]
        for cell, when in picked:
            record = _table_cell_target(name, cell, column_unit, measure, when)
            if record is not None:
                out.append(record)
    return out


def _table_cell_target(name: str, cell: str, column_unit: str | None, measure: str | None, due: date) -> TargetRecord | None:
    m = _TABLE_VALUE.match(cell)
    if m is None:
        return None  # an empty cell
    mult = m["mult"]
    if not column_unit and not m["unit"]:
        named = re.search(r"[（(]([^()（）]{1,10})[)）]$", name)  # 城市内涝防治达标率（%）
        column_unit = named[1] if named and _TABLE_UNIT.fullmatch(named[1]) else None
    if column_unit:
        column_unit = re.sub(r"m[3³]", "立方米", re.sub(r"m[2²]", "平方米", column_unit)).replace("km", "公里")
    if not m["unit"] and column_unit and re.match(r"[万亿](?!元)", column_unit) and not mult:
        mult, column_unit = column_unit[0], column_unit[1:]  # 单位：万张, 16 -> 160000 张 (as 16万张 is read)
    value = _decimal(m["num"], mult)
    if value is None:
        return None
    unit = m["unit"] or column_unit
    unit = "percent" if unit == "%" else unit
    comp = _TABLE_CMP.get(m["cmp"] or "") or _comparator(m["post"], m["cmp"])
    metric = f"{name}({m['label']})" if m["label"] else name
    record = TargetRecord(text=f"{name} {cell}", due_on=due, measure=measure, metric=metric, quantity=value, unit=unit,
                          comparator=comp, due_source=WindowSource.INFERRED)
    record.from_table = True  # see table_repeats_dropped
    return record


def table_repeats_dropped(targets: list[TargetRecord]) -> list[TargetRecord]:
    """A policy's targets without the sentences that restate an indicator of its table (表4: 雨污分流改造管网 2000
    公里; text: “十四五”期间，…雨污分流改造管网2000公里): the same figure, unit and due date, and the sentence names
    the indicator (two of its two-character words), is one target, the table's."""
    rows = [t for t in targets if getattr(t, "from_table", False)]
    if not rows:
        return targets
    used: set[int] = set()
    out = []
    for t in targets:
        if t.kind is TargetKind.TARGET and not getattr(t, "from_table", False) and t.quantity is not None:
            words = f"{t.metric or ''} {t.text}"
            # a percentage is a common figure: its sentence must name more of the indicator than 普及率 or 覆盖率
            best, score = None, 2 if t.unit == "percent" else 1
            for k, r in enumerate(rows):
                if k in used or r.quantity != t.quantity or r.unit != t.unit or r.due_on != t.due_on:
                    continue
                name = re.sub(r"[(（][^()（）]*[)）]", "", r.metric or "")
                shared = len({name[a : a + 2] for a in range(len(name) - 1)
                              if re.fullmatch(r"[\u4e00-\u9fff]{2}", name[a : a + 2])
                              and not name[a + 1] == "率" and name[a : a + 2] in words})
                if shared > score:
                    best, score = k, shared
            if best is not None:
                used.add(best)
                continue
        out.append(t)
    return out


def _item_sentence(paras: list[str]) -> str:
    """The sentence that says what an item asks: its first with an obligation verb, else its first line."""
    for sentence in _SENTENCE.split("\n".join(paras)):
        if sentence and _OBLIGATION.search(sentence) and len(sentence.strip()) > 4:
            return sentence.strip()[:300]
    return paras[0][:300]


# Levels of numbering, highest first: 第一条/第一章, 一、, (一), 1., (1).
_RANK = {"article": 0, "cn_top": 1, "paren_cn": 2, "arabic": 3, "paren_digit": 4}


def _kind_of(number: str) -> str:
    if number.startswith("第"):
        return "article"
    if number.startswith("("):
        return "paren_digit" if re.match(r"\(\d", number) else "paren_cn"
    if number[0].isdigit():
        return "arabic"
    return "cn_top"


# 三、2026年主要工作 / 二、2025年重点任务: a section about one year.
_YEAR_SECTION = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]{1,3}\)|第[一二三四五六七八九十]+部分)\s*(?:(?P<y>\d{4})\s*年度?(?:的)?"
    r"(?:主要|重点)?(?:工作|任务|目标|安排|工作安排|工作任务|重点工作|主要工作|目标任务|工作目标|重点任务|主要任务)"
    # 二、“十五五”时期主要目标任务: a plan period's goals in a report, due at the period's end
    r"|[“\"]?(?P<plan>十[二三四五六]五)[”\"]?(?:时期|期间)?(?:的)?(?:经济社会发展)?(?:主要|重点)?(?:目标任务|发展目标|主要目标|目标)"
    # 二、“十五五”时期主要目标和重大举措 / 工作总体要求和目标任务: the period's goals beside its tasks or requirements
    r"|[“\"]?(?P<plan2>十[二三四五六]五)[”\"]?(?:时期|期间)?(?!(?:[^，,。；;]*)(?:成就|回顾|成绩|成效))[^，,。；;“”\"]{0,10}?"
    r"(?:主要目标|目标任务|发展目标)(?:(?:和|与|及)[^，,。；;“”\"]{1,8})?)$"
)
_PLAN_END = {"十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}


def is_year_section(heading: str | None) -> bool:
    """A section heading about one year's work (三、2026年主要工作): due that year, counts only."""
    return bool(heading) and _YEAR_SECTION.match(heading.replace("（", "(").replace("）", ")").strip()) is not None


def stage_deadline(heading: str | None, year: int | None = None) -> date | None:
    """The deadline a section heading gives the measures under it: 三、建设阶段（2025年年底前） -> 2025-12-31."""
    if not heading:
        return None
    found = _stage_heading(heading, year, None)
    return found[0] if found is not None else None


def _stage_heading(para: str, year: int | None, problems: list[str] | None) -> tuple[date, str] | None:
    """(deadline, the text after the heading) when `para` opens with a heading that carries a deadline."""
    para = para.replace("（", "(").replace("）", ")")
    m = _STAGE_HEAD.match(para)
    if m and len(m["head"]) <= 40 and not _RECURRING.search(m["when"]):
        head = m["head"]
        if re.search(r"\b(?:phase|stage|step)\b", head, re.I):
            due = _en_period_end(m["when"])
            if due is not None:
                return due, m["rest"]
        if re.search(r"阶段|步骤|时期|第[一二三四五]步|期$|任务|目标|安排|工作", head) or _NUMBERED.match(head):
            due = _period_end(m["when"], year, problems)
            if due is not None:
                return due, m["rest"]
    m = _YEAR_SECTION.match(para.strip())
    if m:
        return date(int(m["y"]) if m["y"] else _PLAN_END[m["plan"] or m["plan2"]], 12, 31), ""
    m = _YEAR_HEAD.match(para)
    if m:
        due = _period_end(m["when"], year, problems)
        if due is not None:
            return due, m["rest"]
    return None


_EN_MONTH_YEAR = re.compile(r"(?:\b([A-Za-z]{3,9})\.?\s+)?\b((?:19|20)\d{2})\b")


def _en_period_end(when: str) -> date | None:
    """The last month an English period names: "July 2024 to June 2025" -> 2025-06-30."""
    from tracker.extract.dates import MONTHS

    last = None
    for mk in _EN_MONTH_YEAR.finditer(when):
        month = MONTHS.get((mk[1] or "").lower())
        last = month_end(int(mk[2]), month, mk[0]) if month else date(int(mk[2]), 12, 31)
    return last


def _period_end(when: str, year: int | None, problems: list[str] | None) -> date | None:
    """The last day a parenthesised period or deadline names: 2024年3月—6月 -> 06-30, 2025年年底前 -> 12-31."""
    if re.search(r"已|以来|期间以前", when):
        return None
    try:
        found = cn_deadlines(when, year)
    except BadDate as exc:
        if problems is not None:
            problems.append(f"{exc} in target: {when[:80]}")
        return None
    marks = list(re.finditer(r"(?:(\d{4})\s*年)?\s*(?:(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?)?", when))
    last_y = None
    last: date | None = None
    try:
        for mk in marks:
            if not mk[0].strip():
                continue
            if mk[1]:
                last_y = int(mk[1])
            y = last_y or year
            if y is None:
                continue
            if mk[2]:
                last = make_date(y, int(mk[2]), int(mk[3]), mk[0]) if mk[3] else month_end(y, int(mk[2]), mk[0])
            elif mk[1]:
                last = date(y, 12, 31)
    except BadDate as exc:
        if problems is not None:
            problems.append(f"{exc} in target: {when[:80]}")
        return None
    candidates = [d.due for d in found] + ([last] if last else [])
    return max(candidates) if candidates else None


def _paragraph_targets(para, measure, year, default, problems, horizons=None, issued=None, goal=None) -> tuple[list, list, date | None, date | None]:
    """Targets and milestones of one paragraph: those under a date of their own sentence, those under the
    `default` date (a heading's or an opener's), and the deadline that opens the paragraph.

    `goal` is a goal paragraph's year above this line; a sentence opening with a goal year (到2027年，…。
    2030年前，…。) governs the later sentences of the paragraph and the bullets under it the same way (the
    goal year in force at the paragraph's end is returned last). Under such a goal year only quantities count: the prose around them
    (加强…, 推动…) is description of the goal, not dated obligations of its own.
    """
    own_found: list[TargetRecord] = []
    governed: list[TargetRecord] = []
    opener: date | None = None
    sentence_start, listed = 0, False  # where the current sentence's records start in own_found; a list of items?
    for k, sentence in enumerate(_SENTENCE.split(para)):
        if not sentence or not sentence.strip():
            continue
        if not listed:
            _one_milestone_per_due(own_found, sentence_start)  # the previous sentence's
        sentence_start, listed = len(own_found), bool(_LISTS_ITEMS.search(sentence))
        counts = goal if default is None else None
        if counts is not None:
            try:
                segments = _segments(sentence.strip(), year, counts, horizons, issued)
            except BadDate as exc:
                if problems is not None:
                    problems.append(f"{exc} in target: {sentence.strip()[:80]}")
                continue
            dated_elsewhere = not any(x[3] for x in segments) and re.search(r"\d{4}\s*年|\b(?:19|20)\d{2}\b", sentence)
            for seg, due, stated, own, step in segments:
                if not own and (_TALLY.search(seg) or dated_elsewhere):
                    # 截至2024年底，累计开通… / 2023年，新增企业300家: where things stand or stood, not the goal
                    continue
                for clause in re.split(r"(?<=[；;])(?![^()（）]*[)）])", seg):
                    if clause.strip():
                        found = _clause_targets(clause.strip(), measure, due, stated, step)
                        # 本市常住人口2500万人: a figure stated without a verb of the goal is a fact about the place
                        own_found.extend(found if own else [t for t in found if t.kind is TargetKind.TARGET and (
                            _OBLIGATION.search(clause) or t.comparator is not Comparator.EXACTLY or _GOAL_VERB.search(clause))])
            if segments and segments[0][3]:
                if k == 0:
                    opener = segments[0][1]
                if _GOAL_OPENER.match(sentence) and not re.search(r"[:：]", sentence):
                    goal = segments[0][1]  # a new goal year: 2030年前，… after 2027年前，…
            continue
        try:
            segments = _segments(sentence.strip(), year, default, horizons, issued)
        except BadDate as exc:
            if problems is not None:
                problems.append(f"{exc} in target: {sentence.strip()[:80]}")
            continue
        for n, (seg, due, stated, own, step) in enumerate(segments):
            if k == 0 and n == 0 and own:
                opener = due
            # …实现以下目标：A；B。 lists its goals itself: the list ends with its sentence.
            if n == 0 and own and default is None and _GOAL_OPENER.match(sentence) and not re.search(r"[:：]", sentence):
                goal = due
            # A semicolon inside brackets ((牵头单位：…；配合单位：…)) separates labels, not obligations.
            for c, clause in enumerate(re.split(r"(?<=[；;])(?![^()（）]*[)）])", seg)):
                clause = clause.strip()
                if not clause:
                    continue
                if own and c > 0 and _NEW_ACTOR.match(clause) and not re.search(r"[:：]", seg.split(clause)[0]):
                    # …于2012年10月底前制定实施细则；各配合单位要加强协作: another party's duty after the dated one,
                    # not a list under it (those follow a colon), is not dated by it.
                    continue
                (own_found if own else governed).extend(_clause_targets(clause, measure, due, stated, step))
    if not listed:
        _one_milestone_per_due(own_found, sentence_start)
    return own_found, governed, opener, goal


# 实现以下目标：A；B / 主要任务如下：A；B: a list of items announced by its colon, each an obligation of its own.
_LISTS_ITEMS = re.compile(r"(?:以下|如下|下列)[^，,。；;:：]{0,10}[:：]")


def _one_milestone_per_due(records: list[TargetRecord], start: int) -> None:
    """The clauses of one sentence under one date (展望2035年，…：A；B；C。) are one milestone, not one per clause:
    of the milestones found from `start` on (one sentence's), the first of each due date is kept."""
    dues: set = set()
    keep = records[:start]
    for t in records[start:]:
        if t.kind is TargetKind.MILESTONE:
            if t.due_on in dues:
                continue
            dues.add(t.due_on)
        keep.append(t)
    records[:] = keep


def _is_chinese(text: str) -> bool:
    """Chinese words outside brackets: an English translation glossing terms in brackets (intelligent agents
    (智能体)) is still English."""
    return bool(re.search(r"[\u4e00-\u9fff]", re.sub(r"[(（][^()（）]{0,30}[)）]", "", text)))


_NEW_ACTOR = re.compile(r"^(?:同时[，,]?)?各[^，,；;：:]{1,16}?(?:要|应当|应|须|必须)(?![^，,；;]{0,6}(?:前|底|内))")


def _segments(sentence: str, year: int | None, default: date | None, horizons: dict[int, int] | None = None,
              issued: date | None = None) -> list[tuple[str, date, bool, bool, bool]]:
    """The sentence cut at each deadline (back to the punctuation before it): (text, due, stated, own deadline,
    a step of a schedule).

    Text before the first deadline goes with `default` when there is one (a heading's or an opener's date),
    else with the first deadline (建成5个产业园，到2025年…; "… will reach 95% by June 2026").
    """
    chinese = _is_chinese(sentence)
    # 企业最迟应当自1997年5月1日起施行: the latest day a party must start applying the rule is its obligation, not
    # the policy's window (which the remaining words may still state).
    latest = latest_start_deadlines(sentence) if chinese and "最迟" in sentence else []
    rest = sentence
    for d in latest:
        rest = rest[: d.start] + " " * (d.end - d.start) + rest[d.end :]
    if _VALIDITY.search(rest):
        # the policy's own window, read by windows.py, is not an obligation; a latest start beside it is
        return [(_clause_around(sentence, d.start, d.end), d.due, True, True, True) for d in latest]
    titles = [m.span() for m in _QUOTED.finditer(sentence)]
    found = cn_deadlines(rest, year) if chinese else en_deadlines(sentence, year)
    steps: list = []
    if chinese:
        # A step of a schedule (报名时间为4月26日至4月28日) replaces what the ordinary rules read inside its span.
        steps = schedule_deadlines(sentence, year) + latest
        if steps:
            found = [d for d in found if not any(s.start <= d.start < s.end for s in steps)] + steps
            found.sort(key=lambda d: d.start)
        else:
            # 各区须在2026年5月6日至5月8日完成核查: a deadline opening a span of days is due on the span's last day.
            spans = day_ranges(sentence, year)
            found = sorted({next((r for r in spans if d.start < r.end and r.start < d.end), d) for d in found}, key=lambda d: d.start)
    if chinese and issued:
        taken = [(d.start, d.end) for d in found]
        found = sorted(found + [d for d in after_issue_deadlines(sentence, issued) if not any(a <= d.start < b for a, b in taken)],
                       key=lambda d: d.start)
    if chinese and horizons:
        taken = [(d.start, d.end) for d in found]
        found = sorted(found + [d for d in horizon_deadlines(sentence, horizons) if not any(a <= d.start < b for a, b in taken)],
                       key=lambda d: d.start)
    if chinese and year and not found and ("今后" in sentence or "未来" in sentence):
        found = _next_years_deadlines(sentence, year)
    found = [d for d in found if not any(a <= d.start < b for a, b in titles) and not _not_a_deadline(sentence, d)]
    if chinese:
        found = [d for d in found if not _past(sentence, d, year)]
    else:
        found = [d for d in found if year is None or d.due.year >= year]  # "enterprises set up before 2020"
    if not found:
        if default is None or (chinese and PAST_CN.search(sentence)):
            return []
        return [(sentence, default, False, False, False)]
    cuts = []
    for d in found:
        back = max(sentence.rfind(p, 0, d.start) for p in "，,；;：:")
        cuts.append(back + 1 if back >= 0 else 0)
    out = []
    lead = sentence[: cuts[0]] if cuts[0] > 0 else ""
    if lead.strip(" ，,；;：:") and default is not None:
        out.append((lead, default, False, False, False))
        lead = ""
    for i, d in enumerate(found):
        stop = cuts[i + 1] if i + 1 < len(found) else len(sentence)
        if stop <= cuts[i]:
            continue
        text = (lead if i == 0 else "") + sentence[cuts[i] : stop]
        k = max(lead.rfind("；"), lead.rfind(";")) if i == 0 else -1
        if k >= 0:
            text = lead[k + 1 :] + sentence[cuts[i] : stop]
        out.append((text, d.due, d.stated and not d.bare, True, d in steps))
    return out


def _clause_around(sentence: str, start: int, end: int) -> str:
    """The clause of `sentence` holding start..end: from the punctuation before it to the one after it."""
    back = max(sentence.rfind(p, 0, start) for p in "，,；;：:")
    ahead = [k for k in (sentence.find(p, end) for p in "，,；;。") if k >= 0]
    return sentence[back + 1 : (min(ahead) + 1 if ahead else len(sentence))]


# 1997年10月1日以后的行为 / 2011年4月30日以前犯罪的: which acts a rule covers, not a date to meet.
# “十五五”时期是…的关键时期 / “十五五”时期经济社会发展的指导思想是: the period is what the sentence is about.
_COVERS = re.compile(r"^\s*(?:以后|之后|后(?![,，])|起(?:的|实施的)|以来)|^\s*的(?!目标|任务)")
_PLAN_SUBJECT = re.compile(
    r"^\s*(?:[，,]?\s*是|的|[^，,。；;]{0,10}的(?:指导思想|主要目标|重要要求|总体要求)"
    # 实现“十五五”时期经济社会发展目标，必须…: the period names whose goals, it sets none
    r"|(?:经济社会)?发展(?:目标|任务)(?!\s*(?:全面|基本|如期|顺利)?(?:完成|实现)))"
)
# 2018年6月，党中央、国务院发布《…》: a day or month on which a named document was issued is an event told.
_ISSUED_EVENT = re.compile(r"^\s*[，,]?[^。；;《]{0,24}?(?:发布|印发|出台|颁布|审议通过|通过)了?《")
_AUTHORITY_ACTED = re.compile(
    r"^\s*[，,]?\s*(?:党中央|中共中央|国务院|中央|省委|省政府|省人民政府|市委|市政府|市人民政府)[、和]?(?:国务院|省政府|市政府)?"
    r"(?:办公厅)?\s*(?:部署|决定|批复|批准|同意|作出)"
)
# 在2011年4月30日以前再犯…之罪的，…: a date inside a condition (…的，) says which cases a rule covers.
_CONDITION = re.compile(r"^[^，,。；;]{0,30}?的\s*[，,]")


# A cut-off qualifying a noun (…前登记设立的公司, …以前成立的企业, …前取得的许可证): the scope of the rule.
# The cut-off is printed bare (no 在/于/到 before it: those mark a date to meet).
_SCOPE_CUTOFF = re.compile(r"^\d{4}\s*年[^在于到至]*\d[日号月年]\s*(?:以前|之前|前)$")
_SCOPE_NOUN = re.compile(
    r"\s*(?:已|已经|依法)?(?:登记|设立|成立|注册|取得|获得|批准|核准|备案|开业|签订|发放|颁发|认定|入职|参保|录用|出生)"
    r"[^，,。；;的]{0,8}的"
)


# A five-year-plan period is a deadline only in a sentence that sets a goal for it (主要目标是, 力争, 要…建成), not in a
# review of the past (“十三五”时期，…取得重大进展), a description (…转向…新阶段), an orientation (要切实贯彻…理念) or
# a duty over the whole period (要稳定粮食播种面积); “十四五”末 / 期末 is a point in time and stays a deadline.
_PLAN_GOAL = re.compile(
    r"主要目标|目标(?:是|为)|力争|争取|确保|(?:要|将)[^，,。；;]{0,6}?(?:建成|实现|完成|达到|形成|突破)|基本(?:建成|实现|形成)|全面(?:建成|完成)"
)
# …时期实施扩大内需战略的主要目标是： a period's own goal list, announced by a colon at the end of the sentence
# (a plan's 经济社会发展 goals restated in a report are that plan's, not the report's).
_PLAN_GOAL_LIST = re.compile(r"[”\"']?\s*(?!经济社会)[^，,。；;:：]{0,16}的?(?:主要|总体|发展)?目标(?:任务)?(?:是|为|如下)?\s*[:：]\s*$")


def _plan_period_sets_goal(sentence: str, d) -> bool:
    phrase = sentence[d.start : d.end]
    if re.search(r"末|结束时", phrase):
        return True
    before = re.split(r"[，,。；;:：]", sentence[: d.start])[-1].strip(" “\"'")
    if before and not re.fullmatch(r"(?:要|将|确保|力争|争取|如期|全面|基本)*(?:实现|完成|建成)?", before):
        return False  # 开展“十三五”时期…考核: the period qualifies what is done, it is not the time to do it
    if _PLAN_GOAL.search(sentence):
        return True
    # “十四五”期间，全区累计改造老旧小区300个以上: a figure to reach over the period, unless it is told as done
    return bool(re.search(r"\d", sentence[d.end :])) and not PAST_CN.search(sentence) and not _PLAN_REVIEW.search(sentence, d.end)


_PLAN_REVIEW = re.compile(r"取得[^，,。；;]{0,6}(?:进展|成效|成就|成绩)|分别(?:下降|增长|提高)|良好开局|累计完成")


def _not_a_deadline(sentence: str, d) -> bool:
    phrase, after = sentence[d.start : d.end], sentence[d.end : d.end + 16]
    if re.search(r"(?:以前|之前)$", phrase) and after.startswith("的") or re.search(r"(?:以前|之前)$", phrase) and re.match(
            r"[^，,。；;]{0,8}(?:犯罪|实施|发生|出生|取得|签订|作出|受理)的", after):
        return True
    if _SCOPE_CUTOFF.search(phrase) and _SCOPE_NOUN.match(after):
        return True  # 2024年6月30日前登记设立的公司: which companies a rule covers, not a date to meet
    if re.search(r"十[二三四五六]五", phrase):
        if _PLAN_GOAL_LIST.match(sentence, d.end):
            return False  # “十四五”时期实施…战略的主要目标是：(the list follows)
        return bool(_PLAN_SUBJECT.match(after)) or not _plan_period_sets_goal(sentence, d)
    if re.fullmatch(r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?", phrase.strip()) and _ISSUED_EVENT.match(sentence[d.end : d.end + 40]):
        return True
    if re.fullmatch(r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?", phrase.strip()) and _AUTHORITY_ACTED.match(sentence[d.end : d.end + 40]):
        return True  # 2021年，国务院部署在6个城市开展试点: what an authority did then, told
    if re.search(r"(?:以前|之前)$", phrase) and _CONDITION.match(sentence[d.end : d.end + 40]):
        return True
    return bool(re.search(r"\d[日号]$", phrase) and _COVERS.match(after))


def _past(sentence: str, d, year: int | None) -> bool:
    """2022年已建成…, 截至目前…, or a year before the notice was issued: a fact, not a deadline."""
    after = sentence[d.end : d.end + 16]
    if re.match(r"[^，,。；;]{0,12}?(?:已经|(?<!确)已|共计?完成|以来)", after) or re.match(r"\s*[，,]\s*(?:全[市省区国])?(?:已|累计已)", after):
        return True
    if sentence[max(0, d.start - 2) : d.start] in ("截至", "截止") and re.search(r"已|累计", sentence[d.end : d.end + 20]):
        return True
    if re.match(r"截[至止]", sentence[d.start : d.end]) and re.match(r"\s*[，,]", sentence[d.end :]) and not re.search(
            r"力争|确保|争取|预计|计划|目标|[要将应须]|不少于|不低于|至少|不超过|不高于", sentence[d.end :]) and not sentence[: d.start].strip(" ，,"):
        return True  # 截至2025年12月底，全市享受补贴3.34万人: where things stood on that day, not a goal
    return year is not None and d.due.year < year


def _clause_targets(clause: str, measure, due: date, stated: bool, step: bool = False) -> list[TargetRecord]:
    """The targets of one clause, else its milestone. A step of a schedule (6月2日至6月5日，填报1-2个志愿) is a
    milestone whatever it counts or however its act is worded (上传材料, 选定1套房屋): its numbers are the step's
    rules (how many choices, forms), not goals, and the schedule's dates already make it an obligation."""
    source = WindowSource.STATED if stated else WindowSource.INFERRED
    chinese = _is_chinese(clause)
    spans = [(d.start, d.end) for d in cn_deadlines(clause, due.year)] if chinese else [
        (d.start, d.end) for d in en_deadlines(clause)]
    span = spans[0] if spans else (0, 0)
    found = _cn_quantities(clause, span, spans) if chinese and not step else _en_quantities(clause, span) if not chinese else []
    if found:
        targets = [
            TargetRecord(text=clause, due_on=due, measure=measure, metric=metric, quantity=low if low is not None else qty,
                         unit=unit, comparator=Comparator.BETWEEN if low is not None else comp,
                         quantity_high=qty if low is not None else None, due_source=source)
            for qty, unit, comp, metric, low in found
        ]
        outcome = (_outcome_without_number(clause, spans) if chinese else _en_outcome_without_number(clause)) if not step else None
        if outcome:
            # 到2035年，覆盖率达到75%以上，基本实现家庭全覆盖: the goal stated without a figure is due then too.
            targets.append(TargetRecord(text=clause, due_on=due, measure=measure, metric=outcome, due_source=source,
                                        kind=TargetKind.MILESTONE))
        return targets
    if _COLON_END.search(clause) or _RECURRING.search(clause) or not (step or _OBLIGATION.search(clause)):
        return []
    if _LIST_OPENING.search(clause):
        return []  # "By 2025, the following goals will be achieved." / 到2025年，实现以下目标。: the list under it counts
    if not step and relative_periods(clause):
        # 在收到申请后30日内完成审核 / "within 30 days of receipt": a duty counted from each case, recurring, not
        # one dated obligation, whatever date the sentence opens with.
        return []
    body = clause
    for a, b in sorted(spans, reverse=True):
        body = body[:a] + body[b:]
    if len(re.sub(r"[\W_\d]", "", body)) < (2 if chinese else 10):
        return []
    return [TargetRecord(text=clause, due_on=due, measure=measure, metric=_milestone_metric(body, chinese),
                         due_source=source, kind=TargetKind.MILESTONE)]


_LIST_OPENING = re.compile(
    r"\b(?:the\s+following|these)\s+(?:main\s+|key\s+|specific\s+)?(?:goals|targets|objectives|tasks)\b(?:\s+(?:will|shall)\s+be\s+(?:achieved|met|reached|accomplished))?\s*\.?$"
    r"|(?:实现|达到|完成)(?:以下|如下|下列)(?:主要|具体)?(?:目标|任务)[。.]?$",
    re.I,
)


# Only a goal said to be reached in the main or in full (基本实现…, 全面建成…): a bare 形成一批… or 实现…全覆盖
# describes what the counted work brings, not a goal of its own.
_OUTCOME = re.compile(r"^(?:力争|确保)?(?:基本|全面)(?:实现|建成|形成|完成)|^[^，,；;]{0,20}(?:基本|全面)(?:实现|建成|覆盖)|目标如期(?:实现|完成)$")


_OPENING_OUTCOME = re.compile(r"(?:进一步|显著|明显|持续|加速|大幅)(?:提升|增强|完善|优化|提高)$|初步(?:形成|建成|构建|建立)$")


def _outcome_without_number(clause: str, spans: list[tuple[int, int]]) -> str | None:
    """A clause of a sentence with targets that states a goal reached without a figure (基本实现家庭全覆盖)."""
    start = spans[0][1] if spans else 0
    parts = re.split(r"[，,；;。]", clause[start:])
    if spans and not clause[: spans[0][0]].strip(" ，,") and len(parts) > 1:
        # 至2027年，创新要素的密度进一步提升，…达5.5%: the state the goal sentence opens with is a goal of its own
        first = parts[1].strip() if not parts[0].strip() else parts[0].strip()
        if first and not re.search(r"\d|百分之", first) and _OPENING_OUTCOME.search(first):
            return first if len(first) <= 30 else first[:29] + "…"
    for part in parts:
        part = part.strip()
        if part and not re.search(r"\d|百分之", part) and _OUTCOME.search(part):
            return part if len(part) <= 30 else part[:29] + "…"
    opening = next((b for a, b in spans if not re.split(r"[，,；;：:。]", clause[:a])[-1].strip(" “”\"")), None)
    if opening is not None:
        # 到2025年，数字经济迈向全面扩展期，…占比达到10%，…能力大幅提升: a goal sentence opened by its date states
        # the goal reached without a figure beside its figures; that state is due then too (one milestone).
        # A progressive state (…进一步优化) counts only as the opening clause; after the figures it describes them.
        parts = [p.strip(" “”\"") for p in re.split(r"[，,；;。]", clause[opening:])]
        parts = [p for p in parts if p]
        for k, part in enumerate(parts):
            if not re.search(r"\d|百分之", part) and (_ATTAINED.search(part) or k == 0 and _STATE_REACHED.search(part)):
                return part if len(part) <= 30 else part[:29] + "…"
    return None


_ATTAINED = re.compile(r"(?:初步|基本|全面)(?:实现|建成|形成)$")


_STATE_REACHED = re.compile(
    r"(?:取得[^，,；;]{0,6}(?:进展|成效|突破|成就)|迈向[^，,；;]{1,12}|迈上[^，,；;]{0,4}台阶|"
    r"(?:更加|明显|显著|大幅|进一步|稳步|初步|基本|全面|深入)(?:推进|提升|提高|增强|完善|改善|优化|实现|形成|建成|建立|巩固|健全|扩大|启动))$"
)


# "By 2030, China's AI will be comprehensively empowering high-quality development, the adoption rate … will
# exceed 90%": the goal the sentence opens with, stated without a figure, is due then too.
_EN_OPENING_GOAL = re.compile(
    r"^\s*(?:By|Before)\s+(?:the\s+end\s+of\s+)?(?:19|20)\d{2},\s*(?P<goal>[^,;]{2,200}?\b(?:will|shall)\b[^,;]{5,200}?)(?=,)"
)


def _en_outcome_without_number(clause: str) -> str | None:
    m = _EN_OPENING_GOAL.match(clause)
    # "integration of AI with six key fields": the domains the goal spans are no figure of it (as _en_quantities reads them)
    goal = re.sub(rf"\b(?:with|in|across|among|into)\s+{EN_NUMBER_WORDS}\s+(?:key|major|priority|main|core|important)\b", "", m["goal"],
                  flags=re.I) if m else ""
    if m is None or re.search(r"\d|%|percent|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|thousand|million|billion)\b",
                                goal, re.I):
        return None
    goal = m["goal"].strip()
    return goal if len(goal) <= 80 else goal[:79] + "…"


def _milestone_metric(body: str, chinese: bool) -> str | None:
    """What is to be done, in a few words: the first clause with a verb, without the deadline words."""
    body = re.sub(r"[(（][^()（）]*[)）]?\s*$", "", body)  # a trailing (Responsible units: …) or （责任单位：…）
    parts = [p.strip(" ，,。；;：:“”\"") for p in re.split(r"[，,；;：:。]", body)]
    parts = [p for p in parts if p and _OBLIGATION.search(p)] or [p for p in parts if p]
    if not parts:
        return None
    what = re.sub(r"^(?:力争|争取|确保|要|应|须|必须|全面|基本|前|之前|以前|内|底前|底)+", "", parts[0]) or parts[0]
    what = what.rstrip(". ")
    limit = 30 if chinese else 80
    return what if len(what) <= limit else what[: limit - 1] + "…"


def _is_cap(sentence: str, start: int, unit: str | None) -> bool:
    before = sentence[max(0, start - 12) : start]
    if re.search(r"最高|最多|上限|封顶|不超过|maximum|up to|not exceeding|no more than", before, re.I):
        return bool(unit and ("元" in unit or "yuan" in unit.lower())) or bool(_CAP_WORDS.search(sentence))
    return bool(unit and ("元" in unit or "yuan" in unit.lower()) and _CAP_WORDS.search(sentence))


# 百分之二, 百分之二十五, 百分之零点五: a percentage in words, as laws and older notices print it.
_CN_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)")


def _arabic_percents(sentence: str) -> str:
    """`sentence` with each 百分之N read as N%, padded with spaces in front to the same length (so every span
    found in it is a span of the sentence)."""
    from tracker.extract.dates import CN_DIGITS, cn_number

    def arabic(m: re.Match) -> str:
        whole, _, frac = m[1].partition("点")
        n = cn_number(whole)
        if n is None:
            return m[0]
        figure = str(n) + ("." + "".join(str(CN_DIGITS[c]) for c in frac) if frac else "") + "%"
        return figure.rjust(len(m[0])) if len(figure) <= len(m[0]) else m[0]

    return _CN_PERCENT.sub(arabic, sentence) if "百分之" in sentence else sentence


def _cn_quantities(sentence: str, span: tuple[int, int], spans: list[tuple[int, int]] = ()) -> list[tuple]:
    found, lows, modifiers, quota_ends = [], [], [], []
    sentence = _arabic_percents(sentence)
    for q in CN_QUANTITY.finditer(sentence):
        if any(a <= q.start("num") < b for a, b in (span, *spans)) or _in_formula(sentence, q.start("num")) \
                or _in_a_name(sentence, q):
            continue
        after = sentence[q.end() : q.end() + 1]
        if q["unit"] in ("年", "月") or after in ("年", "月", "日", "号"):
            continue
        if re.match(r"(?:工作日|自然日|日内|天内|小时|周内|个?月内)", sentence[q.end() : q.end() + 3]):
            continue  # 3个工作日内: a time allowed, not a number to reach
        if _HEADCOUNT.search(sentence[max(0, q.start() - 4) : q.start()]) and re.match(r"[区县市镇乡]", after):
            continue  # 全市16个区: how many districts there are, the scope of the goal, not a number to reach
        if re.match(r"及以下[\u4e00-\u9fff](?<!的)", sentence[q.end() : q.end() + 4]):
            continue  # 关停淘汰10万千瓦及以下燃煤机组: the size of what the work applies to, not a number to reach
        if not q["pre"] and not q["post"] and re.match(r"[\u4e00-\u9fff]", after) and _names_counted(sentence[: q.start("num")], q["num"]) \
                and not _names_counted_as_goal(sentence[: q.start("num")], sentence[q.end() :]):
            continue  # 洛阳等10个国家物流枢纽 / 长春、白山2个城市: the count of things named, the scope of the work
        unit = q["unit"] if not q["plus"] else None
        if unit and q["mult"] and "元" in unit:
            unit, mult = q["mult"] + unit, None
        else:
            mult = q["mult"]
        # 生均标准从380元提高至1000元: the figure after 从/由 is where it starts, the one after 至 the target.
        if re.search(r"[从由][^，,。；;:：]{0,6}$", sentence[max(0, q.start() - 8) : q.start()]) and re.match(
                r"\s*(?:提高|提升|增加|增长|扩大|降低|下降|减少|压减|调整|上调|下调)(?:至|到|为)", sentence[q.end() : q.end() + 6]):
            continue
        if _is_cap(sentence, q.start(), unit):
            continue
        if _not_a_goal_figure(sentence, q, unit):
            quota_ends.append(q.end())
            continue
        if any(re.fullmatch(r"\s*[(（][^()（）]*", sentence[e : q.start()]) for e in quota_ends):
            continue  # 招生计划总数为135个(小学45个、初中90个): the parts of a quota, in brackets after it
        value = _decimal(q["num"], mult)
        if value is None:
            continue
        if unit == "%":
            unit = "percent"
        post = q["post"]
        per = _PER_UNIT.match(sentence, q.end()) if unit and unit != "percent" and not post else None
        if per:
            unit, post = unit + per["per"], per["post"]  # 10万立方米/小时, 1400万吨/年: a rate keeps its whole unit
        comp = _comparator(post, q["mid"], "+" if q["plus"] else None, q["pre"])
        low, low_span = _range_low(sentence, q.start("num"), mult)
        metric = _cn_metric(sentence, q, span)
        if low is not None:
            lows.append(low_span)
            metric = _range_free(metric)
        de = re.match(r"[^，,；;。的\d]{0,16}的", sentence[q.end() :])
        if de:
            modifiers.append((q.start(), q.end() + de.end()))
        found.append((q.start(), value, unit, comp, metric, low, q.start("num")))
    if _MAGNITUDE_HINT.search(sentence):
        found.extend(_magnitude_quantities(sentence, span, spans, [f[0] for f in found]))
        for q in _COUNTED_FIGURE.finditer(sentence):
            # 5G用户数突破1000万, 游客达到1.2亿: a figure with no unit after it counts the noun before it
            if not any(a <= q.start("num") < b for a, b in (span, *spans)) and not any(f[-1] == q.start("num") for f in found):
                value = _decimal(q["num"], q["mult"])
                if value is not None:
                    lo = max([sentence.rfind(p, 0, q.start()) for p in "，,；;。：:"] + [span[1] - 1 if span[1] <= q.start() else -1])
                    metric = sentence[lo + 1 : q.start("pre")].strip(" “”\"")[-40:] or None
                    found.append((q.start(), value, q["who"], _comparator(q["post"], q["pre"]), metric, None, q.start("num")))
    if _WORD_HINT.search(sentence):
        found.extend(_word_quantities(sentence, span, spans, [f[-1] for f in found]))
    found = [f[:-1] for f in found if not any(start <= f[-1] < end for start, end in lows)]
    # 培育年产值超100亿元的龙头企业2家: a figure in a 的-phrase describing what is counted is not a goal when the
    # clause counts something else; 达到30%的 alone (no other figure) keeps its figure.
    if modifiers:
        def counted_beside(a: int, b: int) -> bool:
            lo = max(sentence.rfind(p, 0, a) for p in "，,；;。") + 1
            hi = min([k for k in (sentence.find(p, b) for p in "，,；;。") if k >= 0] or [len(sentence)])
            # a figure before it counts the thing only when not listed with it (年产50发火箭、600颗卫星的能力)
            return any(b <= f[0] < hi and f[0] not in mod_starts for f in found) or any(
                lo <= f[0] < a and f[0] not in mod_starts and not re.search(r"[、和及与]", sentence[f[0] : a]) for f in found)
        mod_starts = {a for a, _ in modifiers}
        drop = {a for a, b in modifiers if counted_beside(a, b)}
        found = [f for f in found if f[0] not in drop]
    # Figures after the deadline are its goals (在3个试点基础上，到2025年推广到20个); in a list of goals opened by a
    # colon (主要目标包括：…增长5%…，2030年前碳达峰…，…1000亿斤) every figure is one.
    after = [f for f in found if f[0] >= span[1]] if not re.search(r"[:：]", sentence[: span[0]]) else []
    return [f[1:] for f in (after or found)]


# Figures that describe what the work is about rather than a number to reach: an age qualifying who is meant
# (招收2—3岁幼儿, 60岁以上老年人), money set aside (安排资金136亿元, 下达专项经费5000万元), the size of a project
# (60万吨赖氨酸项目, 年产60万吨油料等项目建设, 100万千瓦光伏电站项目) and a quota stated with 为
# (招生计划总数为135个, 名额为50个).
_AGE_QUALIFIES = re.compile(r"(?:以上|以下|及以上|及以下|至\d+岁)?[\u4e00-\u9fff](?<![左上])")
_FUNDS_SET_ASIDE = re.compile(r"(?:安排|下达|拨付|统筹|筹措|整合)[^，,。；;\d]{0,10}?(?:资金|经费|预算)(?:共|合计|总计|约)?\s*$")
_SIZE_UNIT = re.compile(r"(?:万|亿)?(?:吨|千瓦|兆瓦|吉瓦|千瓦时|亩|平方米|立方米|公顷|平方公里)$")
_PROJECT_AFTER = re.compile(r"[^，,。；;、:：\d]{0,16}?(?:项目|装置|生产线|电站)")
_QUOTA = re.compile(r"(?:名额|招生计划|计划数|计划总数|招生人数|招生数|招收人数|录取人数)[^，,。；;\d]{0,4}?(?:为|是|共)\s*$")


def _not_a_goal_figure(sentence: str, q: re.Match, unit: str | None) -> bool:
    before = re.split(r"[，,。；;:：]", sentence[: q.start("num")])[-1]
    if unit == "岁":
        return bool(_AGE_QUALIFIES.match(sentence, q.end()))
    if unit and unit.endswith("元") and _FUNDS_SET_ASIDE.search(before):
        return True
    if unit and _SIZE_UNIT.search((q["mult"] or "") + unit) and _PROJECT_AFTER.match(sentence, q.end()):
        return True
    return bool(_QUOTA.search(before))


def _names_counted(before: str, num: str) -> bool:
    """Whether the figure after `before` counts things just named: after 等 (洛阳等10个, 钢铁、煤炭、有色等10个), or
    after as many names as it says, listed with 、 (长白山、三江、吉光3个省实验室). The caller checks that the kind
    of thing follows the figure (3个省实验室): 龙头企业2家， counts what the clause asks for."""
    if re.search(r"[\u4e00-\u9fff”)）]等$", before):
        return True
    clause = re.split(r"[，,。；;：:“”\"]", before)[-1]
    names = clause.split("、")
    return len(names) >= 2 and all(0 < len(n) <= 16 and not re.search(r"[的\d]", n) for n in names) and num.isdigit() \
        and int(num) == len(names)


# A round figure written with a magnitude word: 打造百家领军企业 (100 家), 突破百项 (100 项), 用户超千万 (10,000,000),
# 产值超千亿元 (1000 亿元), 上百个. Vague ones (数十, 数百, 成千上万, 几百) and idioms (千家万户, 百家争鸣, 千方百计) are
# not figures, and a level (千亿级产业集群) names a kind of cluster, not a number to reach.
_MAGNITUDE_HINT = re.compile(r"[百千万亿]")
_MAGNITUDE = re.compile(
    r"(?P<pre>超过|超|突破|逾|近|上|达到|达)?(?<![\d一二三四五六七八九十两几数千百万亿余多每个])"
    r"(?P<mag>十万|百万|千万|十亿|百亿|千亿|万亿|百|千|万|亿)"
    r"(?P<unit>亿元|万元|元|家|项|个|所|款|件|台|套|座|条|人|名|户|次|种|张|批|颗|辆)?"
    r"(?P<post>以上|余|多)?(?![级年倍分方里米瓦克吨秒众物姓货花计一\d])"
)
_MAGNITUDE_IDIOM = re.compile(r"千家万户|百家争鸣|万家灯火|成千上万|千万别|万一|千万不|百分之|万元户")
_MAGNITUDE_VERB = re.compile(r"(?:打造|培育|建设|建成|引进|引育|集聚|聚集|新增|形成|推出|遴选|支持|孵化|开发|认定|带动|服务|突破|攻克|研制|培养|吸引|落地|布局|发展|汇聚|组建|创建|达到|实现|开拓|制定|制修订|推广|建立|新建|实施|打响|推动)$")
_COUNTED_BEFORE = re.compile(r"(用户|人口|人次|游客|会员|观众|访客)(?:数|数量|总数|总量|规模)?(?:将|已)?$")
_COUNTED_FIGURE = re.compile(
    r"(?P<who>用户|人口|人次|游客|会员|观众|访客)(?:数|数量|总数|总量|规模)?(?:将)?(?P<pre>达到|达|超过|超|突破|逾)"
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<mult>亿|万|千)(?P<post>以上|左右)?(?=[，,。；;、]|$)")
_MAGNITUDE_VALUE = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}


def _magnitude_quantities(sentence: str, span: tuple[int, int], spans, taken: list[int]) -> list[tuple]:
    idioms = [m.span() for m in _MAGNITUDE_IDIOM.finditer(sentence)]
    quoted = [m.span() for m in re.finditer(r"[“\"][^”\"]{1,16}[”\"]", sentence)]
    out = []
    for q in _MAGNITUDE.finditer(sentence):
        at = q.start("mag")
        if any(a <= at < b for a, b in (span, *spans, *idioms)) or any(abs(t - at) <= 3 for t in taken):
            continue
        unit, mag = q["unit"], q["mag"]
        if not unit and not q["pre"]:
            continue  # a bare 百/千/万 with neither a counted unit nor 超/突破 is a word, not a figure
        if unit and "元" in unit and unit != "元":
            continue  # 千万元 is read whole below; 百亿元 here would be 百亿 + 元
        if unit == "元" and len(mag) < 2:
            continue  # 万元产值能耗, 亿元以上项目: a unit of measure or a size class, not a figure
        if len(mag) == 1 and not q["pre"] and not _MAGNITUDE_VERB.search(sentence[max(0, q.start() - 4) : q.start()]):
            continue  # 万名大学生助企服务专员: a programme's name; 打造百家企业 is a goal
        if any(a < at < b for a, b in quoted) or re.match(r"(?:计划|工程|行动|专项|活动|大会|论坛)", sentence[q.end() : q.end() + 2]):
            continue  # “万人助万企”, 千人计划, 百千万工程: the name of a programme or a slogan
        if unit == "元" and mag[-1] in "万亿":
            # 百亿元 -> 100 亿元, 万亿元 -> 1 万亿元 (as 1万亿元 is read)
            head = mag[:-1]
            unit = ("万亿元" if mag == "万亿" else mag[-1] + "元")
            value = Decimal(_MAGNITUDE_VALUE[head] if head else 1) if mag != "万亿" else Decimal(1)
        else:
            value = Decimal(1)
            for ch in mag:
                value *= _MAGNITUDE_VALUE[ch]
        if _is_cap(sentence, q.start(), unit):
            continue
        if unit is None and q["pre"]:
            # 卫星通信用户超千万 / 游客突破千万: who is counted comes before the figure; that noun is the unit.
            counted = _COUNTED_BEFORE.search(sentence[max(0, q.start() - 6) : q.start()])
            unit = counted[1] if counted else None
        pre = "以上" if q["pre"] == "上" else q["pre"]
        comp = _comparator(q["post"], pre)
        out.append((q.start(), value, unit, comp, _cn_metric(sentence, q, span), None, at))
    return out


# A figure written in Chinese numerals after a verb of the goal: 培育十家企业, 打造三到五个产业集群 (3 to 5),
# 培育两三个龙头企业 (2 to 3), 建设十余个示范区 (at least 10), 新增二十个以上. Only counted things (个, 家, 项, …),
# and not 一个/一批 (建设一个平台 names the thing, it sets no number to reach) nor a fixed phrase (三个方面).
_WORD_HINT = re.compile(r"[一二两三四五六七八九十][一二两三四五六七八九十百千万亿零〇到至~～—\-\s]{0,8}(?:余|多)?\s*(?:个|家|项|所|座|条|台|套|款|件|批|种|名|支|处|颗|辆)")
_WORD_NUM = "[一二两三四五六七八九十百零〇]"
_WORD_QUANTITY = re.compile(
    rf"(?P<pre>不少于|不低于|至少|超过|超|达到|达|突破|新增|累计|约|近)?"
    rf"(?<![第数几{_WORD_NUM[1:]})(?:(?P<low>{_WORD_NUM}{{1,4}}?)\s*(?:到|至|~|～|—|-)\s*|(?P<pair>[一两三四五六七八](?=[二三四五六七八九](?!{_WORD_NUM}))))?"
    rf"(?P<num>{_WORD_NUM}{{1,5}})(?P<mult>万|亿|千)?\s*(?P<mid>余|多)?\s*"
    r"(?P<unit>个|家|项|所|座|条|台|套|款|件|批|种|名|支|处|颗|辆)"
    r"(?P<post>以上|左右|以内|以下|及以上)?"
    r"(?!方面|层次|环节|维度|阶段|步骤|层面|重点|关键|抓手|一流|体系|作用|意识|自信|结合|转变|确保|坚持|统筹|之|五年|措施|举措|意见|政策)"
)
_WORD_VERB = re.compile(r"(?:打造|培育|建设|建成|引进|集聚|新增|形成|推出|遴选|支持|孵化|开发|认定|创建|组建|布局|新建|"
                        r"实施|建立|制定|制修订|推广|培养|吸引|落地|设立|遴选出|培育出|建成了?|达到|突破|超过|争创|获批|"
                        r"不少于|至少|不低于)[^，,；;。、\d]{0,2}$")


def _word_quantities(sentence: str, span: tuple[int, int], spans, taken: list[int]) -> list[tuple]:
    out = []
    for q in _WORD_QUANTITY.finditer(sentence):
        at = q.start("num") if q["low"] is None and q["pair"] is None else q.start("low") if q["low"] else q.start("pair")
        if any(a <= at < b for a, b in (span, *spans)) or any(abs(t - at) <= 3 for t in taken):
            continue
        if not q["pre"] and not _WORD_VERB.search(sentence[max(0, q.start() - 8) : q.start()]):
            continue
        num = cn_number(q["num"])
        if not num:
            continue
        mult = _MULT[q["mult"]] if q["mult"] else 1
        low = None
        if q["low"] or q["pair"]:
            low = cn_number(q["low"] or q["pair"])
            if q["pair"] and low is not None and low + 1 != num:
                continue  # 三五个 is "a few", not a range
            if low is None or not low < num:
                continue
            low = Decimal(low * mult)
        elif num * mult == 1:
            continue  # 建设一个平台: the thing, not a number to reach
        if q["mid"] and low is None:
            comp = Comparator.AT_LEAST  # 十余个, 二十多家: more than ten
        else:
            comp = _comparator(q["post"], q["pre"])
        metric = _cn_metric(sentence, q, span)
        if low is not None:
            metric = _range_free(metric)
        out.append((q.start(), Decimal(num * mult), q["unit"], comp, metric, low, at))
    return out


# The low end of a range written before a quantity: 3-4个, 10至15家, 2万—3万人, 20%-25%, 3 to 5 parks, between 3 and 5.
_RANGE_LOW = re.compile(
    r"(?:between\s+)?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<mult>万亿|亿|万|千|million|billion|thousand)?\s*(?:%|percent|per cent)?"
    r"\s*(?:-|－|—|–|~|～|〜|至|到|to|and)\s*$",
    re.I,
)


def _range_low(sentence: str, num_start: int, high_mult: str | None) -> tuple[Decimal | None, tuple[int, int] | None]:
    """The low end of a range ending at the quantity whose number starts at `num_start`, with its span, or
    (None, None). A low end without a multiplier takes the high end's (2-3万 is 20,000 to 30,000); "and" counts
    only after "between", and a low end must be below the high end (2024-2025 is not a range of things)."""
    m = _RANGE_LOW.search(sentence[max(0, num_start - 24):num_start])
    if m is None or (m.group(0).rstrip().lower().endswith("and") and not m.group(0).lower().startswith("between")):
        return None, None
    offset = max(0, num_start - 24)
    low = _decimal(m["num"], m["mult"] or high_mult)
    high = _decimal(re.match(r"\d+(?:,\d{3})*(?:\.\d+)?", sentence[num_start:])[0], high_mult)
    if low is None or high is None or not low < high:
        return None, None
    return low, (offset + m.start("num"), offset + m.end())


def _range_free(metric: str | None) -> str | None:
    """A metric read before a range without the range's low end (新增就业2万— -> 新增就业)."""
    if not metric:
        return metric
    metric = _RANGE_LOW.sub("", metric).strip(" ,")
    metric = re.sub(r"(?:不少于|不低于|至少|超过|达到|达|突破|约|控制在|between)\s*$", "", metric).strip(" ,")
    return metric or None


def _cn_metric(sentence: str, q: re.Match, span: tuple[int, int]) -> str | None:
    tail = re.split(r"[,，。；;、:：(（]", sentence[q.end() :], maxsplit=1)[0].strip(" “”\"")
    tail = re.sub(r"^(?:的|以上|左右)", "", tail)
    if 1 < len(tail) <= 30 and not re.match(r"[\d]", tail):
        return tail
    start = span[1] if span[1] <= q.start() else 0
    head = re.split(r"[,，。；;:：、]", sentence[start : q.start()])[-1].strip(" “”\"")
    head = re.sub(r"(?:不少于|不低于|至少|超过|达到|达|突破|约|新增|累计|控制在)$", "", head)
    return head[-40:] or None


# The low end of a range before a figure, either as digits or in words: "three to five", "between two and three",
# "two or three" (两三个).
_EN_LOW_END = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|{EN_NUMBER_WORDS})"
_EN_WORDS_LOW = re.compile(rf"(?P<between>\bbetween\s+)?\b(?P<word>{EN_NUMBER_WORDS})\s*(?:-|–|—|to|and|or)\s*$", re.I)


def _en_words_low(sentence: str, word_start: int, high: Decimal | None, mult: str | None = None) -> tuple[Decimal | None, tuple[int, int] | None]:
    """The low end of a range in words ending at a figure in words (three to five parks, between two and three
    hospitals), with its span, or (None, None); "and" counts only after "between", and the low end must be
    below the high end."""
    m = _EN_WORDS_LOW.search(sentence[max(0, word_start - 40):word_start])
    if m is None or high is None or (m[0].rstrip().lower().endswith("and") and not m["between"]):
        return None, None
    words = en_words_number(m["word"])
    low = _decimal(str(words), mult) if words is not None else None
    if low is None or not low < high:
        return None, None
    offset = max(0, word_start - 40)
    return low, (offset + m.start("word"), offset + m.end())


_MONEY_SIGN = r"(?:(?:RMB|CNY|USD|US\$|\$)\s*)?"
# A span of time after "within": days, working days, hours, weeks, months, years.
_EN_TIME_ALLOWED = r"(?:working\s+|business\s+|calendar\s+|natural\s+)?(?:days?|hours?|weeks?|months?|years?)\b"


def _item_label(sentence: str, start: int, end: int) -> bool:
    """The number of an article or a list item ("Article 4 The platform…", "(2) Build…", "3. Improve…"), not a count."""
    if re.search(r"\b(?:Article|Chapter|Section|Item|Part|Phase|Step|Annex|Appendix|No\.)\s*$", sentence[:start], re.I):
        return True
    return not sentence[:start].strip(" (") and bool(re.match(r"[.)、]", sentence[end:end + 1]))


_EN_COMPARATORS = (
    "more than|over|at least|no less than|not less than|no fewer than|not fewer than|no more than|not more than|up to|"
    "less than|about|approximately|around|nearly|roughly|some"
)


def _en_quantities(sentence: str, span: tuple[int, int]) -> list[tuple]:
    found, lows = [], []
    for q in EN_QUANTITY.finditer(sentence):
        figure = "num" if q["num"] else "word" if q["word"] else None
        if figure is None or span[0] <= q.start(figure) < span[1] or _item_label(sentence, q.start(figure), q.end(figure)):
            continue
        noun = (q["noun"] or "").strip()
        if re.match(_EN_TIME_ALLOWED, noun, re.I) and (re.search(r"\b(?:within|in|for|after|than)\s+(?:the\s+)?(?:next\s+)?$",
                                                                  sentence[: q.start(figure)], re.I) or re.match(r"(?:working|business)\s", noun, re.I)):
            continue  # "within 15 working days", "in 48 hours", "to 5 working days": a time allowed, as N个工作日 is read
        # "reach between three and five", "exceed 10 to 15": the verb stands before the range's low end.
        verb = re.search(rf"\b(reach|exceed|surpass|top|hit|increase to|rise to|grow to)\s*(?:(?:between\s+)?{_EN_LOW_END}\s+(?:to|and|-)\s*)?$",
                         sentence[: q.start(figure)], re.I)
        if figure == "word":
            # "one" alone is too often not a count ("one-stop", "one of the"); a number in words needs a noun (or
            # a verb of reaching: "will reach between three and five").
            value = en_words_number(q["word"])
            if value is None or q["word"].lower() == "one" and not q["mult"] or not (noun or q["pct"] or verb):
                continue
            # "the Three Ecological Parks", "the three parks": a name or things already known, not a count to reach.
            if q["word"][0].isupper() and sentence[: q.start("word")].strip() or re.search(r"\bthe\s+$", sentence[: q.start("word")], re.I):
                continue
            # "integration of AI with six key fields", "in eight major areas": the domains a goal spans, not a count.
            if re.search(r"\b(?:with|in|across|among|into)\s+$", sentence[: q.start("word")], re.I) and re.match(
                    r"\s*(?:key|major|priority|main|core|important)\b", sentence[q.end("word"):], re.I):
                continue
            num = str(value)
        else:
            num = q["num"]
        if re.fullmatch(r"(19|20)\d{2}", num) and not noun:
            continue  # a year, not a quantity
        # "RMB 500 billion", "US$2 billion": the currency printed before the figure is its unit.
        money = re.search(r"(?:\b(?P<yuan>RMB|CNY)|(?P<usd>US\$|USD|\$))\s*$", sentence[: q.start(figure)])
        if money and not re.match(r"[A-Za-z]", noun):
            noun = "yuan" if money["yuan"] else "dollars"
        # "rise from 30% to 50%", "raise the number of parks from 200 to 300": the figure after "to" is the goal, the
        # one after "from" where it starts (as 从380元提高至1000元), not the low end of a range.
        start_at = re.search(rf"\bfrom\s+{_MONEY_SIGN}(?P<low>{_EN_LOW_END})\s*(?:%|percent|per cent)?\s*(?:million|billion|thousand|trillion)?"
                             rf"(?:\s+[A-Za-z-]+){{0,3}}?\s+to\s+{_MONEY_SIGN}$",
                             sentence[: q.start(figure)], re.I)
        if not (noun or q["pct"] or q["plus"] or verb or start_at):
            continue
        if _is_cap(sentence, q.start(), noun if re.search(r"yuan|dollar", noun, re.I) else None):
            continue
        value = _decimal(num, q["mult"])
        if value is None:
            continue
        # "specialised and sophisticated enterprises", "take-off and landing sites": the counted noun comes after "and".
        joined = re.match(r"\s+and\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*s)\b(?!\s+(?:of|and)\b)", sentence[q.end():])
        if noun and joined and not noun.lower().endswith("s"):
            noun = f"{noun} and {joined[1]}"
        unit = "percent" if q["pct"] else (noun.split()[-1].lower() if noun else None)
        pre = q["pre"]
        if money and not pre:
            said = re.search(rf"\b({_EN_COMPARATORS})\s+$", sentence[: money.start()], re.I)
            pre = said[1] if said else None
        comp = _comparator((pre or "").lower() or None, "+" if q["plus"] else None)
        if comp is Comparator.EXACTLY and verb and verb[1].lower() in ("exceed", "surpass", "top"):
            comp = Comparator.AT_LEAST
        low, low_span = _range_low(sentence, q.start(figure), q["mult"]) if figure == "num" else _en_words_low(sentence, q.start(figure), value, q["mult"])
        if start_at is not None:
            low = None
            lows.append(start_at.span("low"))
        if low is not None:
            lows.append(low_span)
        metric = noun if noun and not money else None
        if q["pct"] or not noun or money:
            # "the penetration rate of X will exceed 90%": the subject before the verb is what is measured.
            start = span[1] if span[1] <= q.start() else 0
            head = sentence[start : money.start() if money else q.start()].strip(" ,;:")
            head = re.sub(rf"\s*\b(?:{_EN_COMPARATORS})$", "", head, flags=re.I)
            head = re.sub(r"\s+(?:of|at|to|by|with)$", "", head)
            head = re.sub(r"\s+from\s+\S+(?:\s+\S+){0,3}$", "", head) if start_at else head  # "… from 25 percent"
            head = re.split(r",\s*(?:and\s+)?|;\s*", head)[-1]  # the clause of this quantity, not the first one
            head = re.split(r"\s+(?:will|shall|is|are|to|should|must|would)\b", head, maxsplit=1)[0].strip(" ,")
            metric = head[-120:] or None
        if unit is None and metric:
            counted = re.search(r"\bnumber\s+of\s+(?:[\w-]+\s+){0,3}?([A-Za-z][\w-]*s)\b(?!\s+of\b)", metric, re.I)
            unit = counted[1].lower() if counted else None  # "the number of high-tech enterprises will reach 30,000"
        found.append((q.start(), value, unit, comp, _range_free(metric) if low is not None else metric, low,
                      q.start(figure)))
    found = [f[:-1] for f in found if not any(start <= f[-1] < end for start, end in lows)]
    after = [f for f in found if f[0] >= span[1]]
    before = [f for f in found if f[0] < span[0]]
    return [f[1:] for f in (before or after)] if not after or before else [f[1:] for f in after]


def _in_formula(sentence: str, start: int) -> bool:
    """A figure in how an indicator is computed (达标率=（达标面积/建成区面积）×100%) is no target."""
    return bool(re.search(r"[×＊*]\s*$", sentence[max(0, start - 3) : start])) and "=" in sentence[:start]


# The second half of a rate's unit after a slash: 10万立方米/小时, 1400万吨/年, 3.5个/万人.
_PER_UNIT = re.compile(
    r"\s*(?P<per>/\s*(?:小时|时|年|日|天|秒|分钟|月|周|万人|千人|百人|人|户|亩|公顷|平方公里|平方米|吨|千瓦时|标准箱))"
    r"(?P<post>以上|左右|上下|以内|以下|及以上)?"
)


# …等6处易积水点位 after a verb that makes or ends things (消除, 启动建设, 突破), or the subject of one (…等6处煤矿建成
# 试运转): the count is what the goal asks for, not the scope of the work (加快洛阳等10个国家物流枢纽建设, 支持…3个省实验室运营).
_COUNT_GOAL_VERB = re.compile(r"(?:启动建设|开工建设|新建|建成|消除|解决|突破|攻克|完成|整治|打造|创建|新增|引进)")


def _names_counted_as_goal(before: str, after: str) -> bool:
    clause = re.split(r"[，,。；;：:]", before)[-1]
    head = re.split(r"[、“”\"]", clause)[0]  # the words before the first name
    if _COUNT_GOAL_VERB.search(head):
        return True
    return bool(re.match(r"[^，,。；;]{0,20}?(?:建成|投运|投产|完工|竣工)", after))


# 《纲要草案》明确了今后五年的发展目标：一是…: the goals of the next five years, counted from the year of the
# document (a 2026 report's 今后五年 end with 2030); only a goal list announced by its colon, not a description
# (未来五年是…的机遇期, 明确了今后五年的主要目标，提出了…).
_NEXT_YEARS = re.compile(r"(?:今后|未来)(?P<n>[三五十]|\d{1,2})年(?:[^，,。；;:：]{0,12}?)的?(?:主要|发展|奋斗|总体)?目标(?:任务)?(?:是|为)?\s*[:：]")


def _next_years_deadlines(sentence: str, year: int) -> list:
    from tracker.extract.deadlines import Deadline

    m = _NEXT_YEARS.search(sentence)
    if m is None:
        return []
    n = {"三": 3, "五": 5, "十": 10}.get(m["n"]) or int(m["n"])
    return [Deadline(due=date(year + n - 1, 12, 31), start=m.start(), end=m.start() + 2 + len(m["n"]) + 1, stated=False)]


def _in_a_name(sentence: str, q: re.Match) -> bool:
    """A figure inside a name is no target: a short quoted name (“3个100”工程, “117项目”), a forum or programme
    named by its size (青年50人论坛, 千人计划), and the count of a report's parts (做好9个方面工作)."""
    start = q.start("num")
    opened = sentence.rfind("“", 0, start)
    if opened >= 0 and start - opened <= 6 and "”" not in sentence[opened:start]:
        closed = sentence.find("”", start)
        if 0 <= closed - opened <= 13 and re.search(r"[\u4e00-\u9fff\d]", sentence[q.end() : closed]):
            return True
    after = sentence[q.end() : q.end() + 3]
    if q["unit"] in ("人", "名") and re.match(r"(?:论坛|峰会|计划|俱乐部)", after):
        return True
    return q["unit"] == "个" and after.startswith("方面")


def without_restated(targets: list[TargetRecord]) -> list[TargetRecord]:
    """The policy's targets with a goal restated in another part dropped: plans state their goals once in the
    overview (到2025年，…机械化率达到85%以上) and again in the task that serves them; that is one target, kept
    where it is first listed. Only a figure restated whole (same metric, quantity, unit, comparator and due date)
    under another measure is dropped; two equal figures of one measure are left as they are."""
    seen: dict[tuple, str | None] = {}
    out: list[TargetRecord] = []
    for t in targets:
        if t.kind is TargetKind.TARGET and t.metric:
            key = (t.metric, t.quantity, t.unit, t.comparator, t.quantity_high, t.due_on)
            if key in seen and seen[key] != t.measure:
                continue
            seen.setdefault(key, t.measure)
        out.append(t)
    return out
