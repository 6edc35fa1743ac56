"""The number grammar: quantities (number, magnitude, unit, comparator) found in Chinese text.

No library reads "增长6%以上" or "50万平方米" as value + unit + comparator, and cn2an over whole
sentences turns "一般" into "1般"; so one regex finds the spans and cn2an converts only the
Chinese numerals inside a span already found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cn2an

# Base units: what a count or measure is of. Longer spellings first so 平方米 wins over 米.
BASE_UNITS = (
    "个百分点", "平方公里", "平方米", "立方米", "千瓦时", "千瓦", "公里", "千米", "美元", "人次",
    "%", "％", "倍", "元", "户", "个", "人", "家", "所", "处", "项", "亩", "吨", "辆", "座", "条",
    "套", "台", "名", "件", "场", "批", "张", "栋", "间", "株", "棵", "头", "只", "床", "篇",
    "米", "次", "期", "宗", "笔", "类", "支", "班", "村", "镇", "网点",
)  # fmt: skip
MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
# Units that follow a Chinese numeral only as words ("一批", "一期", "一个", "三次") are too
# ambiguous to count without a magnitude or an Arabic digit.
_WORDLIKE_AFTER_HAN = {"批", "期", "次", "个", "类", "支", "班", "项", "场", "件", "村", "镇", "条"}

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_HAN = r"[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
# Comparator words before a number, read by looking back from it (a regex starting with an
# optional prefix would try every position of the text and is three times slower).
_PRE = re.compile(r"(不低于|不少于|不超过|超过|突破|达到|达|约|近|逾)$")
# "签约8个", "节约12吨": 约 ending a word is no "about".
_WORD_ENDING_IN_YUE = "签制契预节合履条邀公相"
_MAG = r"(?P<mag>万亿|千万|百万|亿|万|千)?"
_UNIT = "(?P<unit>" + "|".join(re.escape(u) for u in BASE_UNITS) + ")"
_SUF = r"(?P<suf>以上|以下|左右|以内|多|余)?"
# The lookahead lets the engine skip, by one character test, the many positions where no
# number starts (measured: 12.8 → 8.3 ms over the example's reports).
QUANTITY = re.compile(
    r"(?=[\d零〇一二两三四五六七八九十百千])(?P<num>"
    + _ARABIC
    + "|"
    + _HAN
    + r")"
    + r"(?P<more>余|多)?"
    + _MAG
    + _UNIT
    + _SUF
)
# A range "20-30万元" or "5—8个": the upper bound is the value that counts as stated.
_RANGE_HEAD = re.compile(r"(\d+(?:\.\d+)?)[-—~～至到]$")

AT_LEAST = ">="
ABOUT = "~"
AT_MOST = "<="  # an upper bound: 控制在4.5%以内, 不超过3%


@dataclass(frozen=True)
class Quantity:
    """A number as written, with its unit and the comparator words around it.

    value and unit are as written ("5" and "亿元"); `base` is the value in the base unit
    (5e8 元) so figures written in 万元 and 亿元 compare.
    """

    value: float
    unit: str  # as written, magnitude included: 亿元, 万平方米, %
    base_unit: str  # 元, 平方米, %
    scale: float  # multiplier from unit to base_unit
    comparator: str  # ">=", "~" or "<="
    start: int
    end: int
    text: str

    @property
    def base(self) -> float:
        return self.value * self.scale

    @property
    def is_percent(self) -> bool:
        return self.base_unit == "%"


def han_number(span: str) -> float | None:
    """A Chinese numeral span as a number ("三十" → 30, "两千三百五十" → 2350), else None."""
    return _han_number(span)


@lru_cache(maxsize=1024)
def _han_number(span: str) -> float | None:
    try:
        return float(cn2an.cn2an(span, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def _number(num: str) -> float | None:
    if num[0].isdigit():
        return float(num.replace(",", ""))
    return han_number(num)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in text, in order, with character offsets into text."""
    out: list[Quantity] = []
    for m in QUANTITY.finditer(text):
        num, mag, unit = m.group("num"), m.group("mag") or "", m.group("unit")
        if not num[0].isdigit():
            if not mag and unit in _WORDLIKE_AFTER_HAN:
                continue
            if num in ("千", "百", "十", "一"):
                continue  # 一户一档, 一人一策: words, not counts
        elif m.start("num") > 0 and text[m.start("num") - 1] in "第":
            continue  # 第5位 is a rank, not a quantity
        value = _number(num)
        if value is None:
            continue
        start = m.start()
        before = text[start - 1] if start else ""
        if before in "-—~～至到":
            head = _RANGE_HEAD.search(text, max(0, start - 12), start)
            if head is not None and head.end() == start:
                start = head.start()
        pre = ""
        if before in "于过破到达约近逾":
            found = _PRE.search(text, max(0, start - 3), start)
            pre = found.group(1) if found else ""
            if pre == "约" and start >= 2 and text[start - 2] in _WORD_ENDING_IN_YUE:
                pre = ""
            start -= len(pre)
        suf = m.group("suf") or ""
        comparator = (
            ABOUT
            if suf == "左右" or pre in ("约", "近")
            else AT_MOST
            if suf in ("以内", "以下") or pre == "不超过"
            else AT_LEAST
        )
        base_unit = "%" if unit == "％" else unit
        base_unit, size = SAME_UNIT.get(base_unit, (base_unit, 1.0))
        out.append(
            Quantity(
                value=value,
                unit=mag + base_unit,
                base_unit=base_unit,
                scale=MAGNITUDES.get(mag, 1.0) * size,
                comparator=comparator,
                start=start,
                end=m.end(),
                text=text[start : m.end()],
            )
        )
    return out


# Spellings of one unit, and one dimension written at another size: 千米 is 公里, 3000米 is 3公里.
SAME_UNIT = {"千米": ("公里", 1.0), "米": ("公里", 1e-3), "平方公里": ("平方米", 1e6)}
# Counters that count the same things as a target's words say them (学校3所 against 个 …).
_ALIKE = {"家": "个", "所": "个", "人次": "人", "名": "人"}


def dimension(base_unit: str) -> str:
    """What a base unit counts, counters alike (个/家/所 → 个, 人/人次/名 → 人)."""
    return _ALIKE.get(base_unit, base_unit)


def same_dimension(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities count the same thing (亿元 and 万元 do; 个 and 家 do)."""
    return dimension(a.base_unit) == dimension(b.base_unit)
