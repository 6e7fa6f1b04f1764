"""Document numbers as English texts cite them: 沪府办规〔2023〕27号 -> Hu Fu Ban Gui [2023] No. 27.

The issuing-organ abbreviations are a small, closed set; a number using a character this table does not know is
left as printed (the caller then shows it as Chinese), never half-transliterated.
"""

from __future__ import annotations

import re

# Pinyin of the characters that make up Shanghai (and national) document-number prefixes.
_PINYIN = {
    "沪": "Hu", "府": "Fu", "办": "Ban", "规": "Gui", "发": "Fa", "函": "Han", "令": "Ling", "字": "Zi",
    "人": "Ren", "社": "She", "法": "Fa", "外": "Wai", "经": "Jing", "信": "Xin", "金": "Jin", "融": "Rong",
    "科": "Ke", "财": "Cai", "商": "Shang", "委": "Wei", "国": "Guo", "通": "Tong", "知": "Zhi", "改": "Gai",
    "建": "Jian", "管": "Guan", "交": "Jiao", "卫": "Wei", "教": "Jiao", "资": "Zi", "税": "Shui", "市": "Shi",
    "监": "Jian", "环": "Huan", "农": "Nong", "文": "Wen", "旅": "Lü", "公": "Gong",
    "安": "An", "民": "Min", "司": "Si", "审": "Shen", "统": "Tong", "医": "Yi", "保": "Bao", "房": "Fang",
    "住": "Zhu", "地": "Di", "海": "Hai", "关": "Guan", "银": "Yin", "证": "Zheng", "综": "Zong", "合": "He",
    "数": "Shu", "据": "Ju", "浦": "Pu", "东": "Dong", "新": "Xin", "区": "Qu", "中": "Zhong", "央": "Yang",
}
_NUMBER = re.compile(r"^(?P<org>[\u4e00-\u9fff]{1,8})\s*[〔［\[(（]\s*(?P<year>\d{4})\s*[〕］\])）]\s*(?P<n>\d+)\s*号$")


def english_doc_number(doc_number: str | None) -> str | None:
    """The English citation of a document number, or None when it cannot be given faithfully."""
    m = _NUMBER.match((doc_number or "").strip())
    if m is None or any(ch not in _PINYIN for ch in m["org"]):
        return None
    return f"{' '.join(_PINYIN[ch] for ch in m['org'])} [{m['year']}] No. {int(m['n'])}"
