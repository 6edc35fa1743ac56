"""What a table cell says: unit lists, deadlines and milestone periods, as districts write them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from duban.core.importers.assemble.columns import period_end_month
from duban.core.model import Milestone
from duban.core.units import Registry

_OPEN = "（(【["
_CLOSE = "）)】]"
_SEPARATORS = "、,，；;/／\n"
_ROLE = re.compile(r"^(?P<name>.+?)[（(]?(?P<role>牵头|配合|协办|主办)[）)]?$")
# A cell that labels its units' roles: '牵头单位：市教育局\n责任单位：各区政府、市住建局'.
_LEAD_WORDS = ("牵头", "主办", "主责")
_CO_WORDS = ("配合", "协办", "参与", "协助")
_ROLE_LABEL = re.compile(
    r"^(?P<label>(?:牵头|主办|主责|配合|协办|参与|协助|责任)(?:单位|部门)?)\s*[：:]\s*"
)
_LABEL_AFTER_SPACE = re.compile(r"[ \t\u3000]+(?=" + _ROLE_LABEL.pattern[1:] + ")")
_SPACE_NEAR_CJK = re.compile(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])")


def one_line(text: str) -> str:
    """A cell's visual lines joined: no separator next to a Han character, one space between words."""
    out = ""
    for x in text.splitlines():
        out = _glue(out, x.strip(), "")
    return _SPACE_NEAR_CJK.sub("", out)


def _glue(out: str, x: str, paragraph_break: str) -> str:
    if not x:
        return out
    if out and paragraph_break:
        return out + paragraph_break + x
    if out and out[-1].isascii() and x[0].isascii() and out[-1].isalnum() and x[0].isalnum():
        return out + " " + x
    return out + x


_PARAGRAPH_END = ("。", "；", "！", "？", "：", ";", "!", "?", ":")
_LIST_MARK = re.compile(
    r"^(?:\d{1,2}[、.．](?!\d)|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)])"
)


def join_visual_lines(lines: list[str]) -> str:
    """A report's lines as paragraphs: a break stays after 。；： and before 1、 （一）, else goes."""
    out = ""
    for raw in lines:
        x = raw.strip()
        breaks = bool(out) and (out.endswith(_PARAGRAPH_END) or bool(_LIST_MARK.match(x)))
        out = _glue(out, x, "\n" if breaks else "")
    return out


def split_units(text: str, units: Registry) -> list[tuple[str, str | None]]:
    """'区发改局、各镇（街）\\n区财政局（牵头）' → names with the role a cell states (牵头/配合), if any.

    Splits on 、 , ， ； / and line breaks, never inside brackets (区住建局（区人防办） stays one
    name); a trailing 。 goes; a name broken over two lines (区商务和投资促 / 进局) is joined.
    """
    text = _LABEL_AFTER_SPACE.sub("\n", text)  # '主办单位:X 协办单位:Y': a label starts a line
    pieces: list[tuple[str, bool]] = []  # (text, ended by a line break)
    depth = 0
    current = ""
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and ch in _SEPARATORS:
            pieces.append((current, ch == "\n"))
            current = ""
        elif ch == "\n":
            continue  # a line break inside brackets only wraps the name
        else:
            current += ch
    pieces.append((current, False))
    names: list[str] = []
    joinable = False
    for raw, by_newline in pieces:
        name = raw.strip().rstrip("。.").strip()
        if not name:
            joinable = False
            continue
        if joinable and names and _wrapped(names[-1], name, units):
            names[-1] += name
        else:
            names.extend(_split_spaces(name, units))
        joinable = by_newline
    out: list[tuple[str, str | None]] = []
    labelled: str | None = None  # the role a label earlier in the cell gave ('牵头单位：')
    lead_labelled = False
    for name in names:
        label = _ROLE_LABEL.match(name)
        if label:
            word = label.group("label")
            if word.startswith(_LEAD_WORDS):
                labelled, lead_labelled = "lead", True
            elif word.startswith(_CO_WORDS):
                labelled = "co"
            else:  # 责任单位：… names the co-operating units after a 牵头 label, else all
                labelled = "co" if lead_labelled else None
            name = name[label.end() :].strip()
            if not name:
                continue
        m = _ROLE.match(name)
        if m and m.group("name").strip():
            role = "lead" if m.group("role") in ("牵头", "主办") else "co"
            out.append((m.group("name").strip(), role))
        else:
            out.append((name, labelled))
    return out


def _wrapped(before: str, after: str, units: Registry) -> bool:
    """Whether two lines are one unit name the cell's width broke."""
    if units.lookup(before + after) is not None:
        return True  # '开发区管委' + '会': a known name, though the first line looks whole
    shaped = units.looks_like_unit
    if shaped(before) and (shaped(after) or not after.startswith(("（", "("))):
        return False
    return shaped(before + after) or units.is_prefix(before)


def _split_spaces(name: str, units: Registry) -> list[str]:
    # Names set apart by spaces ('区发改局 区财政局') split only when every part is a unit.
    parts = name.split()
    if len(parts) > 1 and all(units.looks_like_unit(p) for p in parts):
        return parts
    return ["".join(parts)]


@dataclass(frozen=True)
class Deadline:
    """完成时限 understood: the month (and year, when written) a task is due, or ongoing."""

    text: str
    month: int | None
    year: int | None = None
    ongoing: bool = False


_ONGOING = ("长期坚持", "持续推进", "长期", "持续", "常态化", "长年", "每年", "经常性")
_DATE = re.compile(r"(?:(?P<y>20\d\d)\s*(?:年|[.\-/－]))?\s*(?P<m>1[0-2]|0?[1-9])\s*(?:月|(?=$))")
_YEAR_END = re.compile(r"(?P<y>20\d\d)\s*年\s*(?:年底|底|末|内)|年底|年末|年内|全年")
_YEAR_SPAN = re.compile(r"(20\d\d)\s*[-－—~～至到]\s*(20\d\d)\s*年?")
_YEAR_ONLY = re.compile(r"^(20\d\d)\s*年?$")


def parse_deadline(text: str) -> Deadline | None:
    """'6月底前' → 6; '年底前' → 12; '2021年9月' → 2021-09; '长期坚持' → ongoing; None: not understood.

    When a cell names several dates ('6月底前完成选址，年底前建成') the last one due counts.
    """
    s = one_line(text)
    if not s:
        return None
    months: list[tuple[int | None, int]] = []
    span = _YEAR_SPAN.search(s)
    if span:
        months.append((int(span.group(2)), 12))
        s_rest = s[: span.start()] + s[span.end() :]
    else:
        s_rest = s
    for m in _DATE.finditer(s_rest):
        months.append((int(m.group("y")) if m.group("y") else None, int(m.group("m"))))
    for m in _YEAR_END.finditer(s_rest):
        months.append((int(m.group("y")) if m.group("y") else None, 12))
    for word in ("季度", "上半年", "下半年"):
        if word in s_rest:
            for label in re.findall(r"第?[一二三四1-4]季度|上半年|下半年", s_rest):
                end = period_end_month(label)
                if end:
                    months.append((None, end))
            break
    m_year = _YEAR_ONLY.match(s_rest.strip())
    if m_year and not months:
        months.append((int(m_year.group(1)), 12))
    if months:
        year, month = max(months, key=lambda ym: (ym[0] or 0, ym[1]))
        return Deadline(s, month, year, ongoing=False)
    if any(w in s for w in _ONGOING):
        return Deadline(s, None, None, ongoing=True)
    return None


_PERIOD_MARK = re.compile(
    r"(?:^|(?<=[\n；;。]))\s*(?P<label>第?[一二三四1-4]季度(?:末)?|上半年|前三季度|全年|年底"
    r"|(?:1[-－~～至])?(?:1[0-2]|[1-9])月(?:份|底)?(?:前)?)\s*[：:，,]?"
)


def split_milestones(text: str) -> list[Milestone]:
    """A 形象进度 cell that names its periods ('一季度：完成选址；二季度：开工') → one per period."""
    marks = list(_PERIOD_MARK.finditer(text))
    out: list[Milestone] = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = text[m.end() : end].strip().strip("；;").strip()
        month = period_end_month(m.group("label").rstrip("末前"))
        if month and body:
            out.append(Milestone(m.group("label"), month, body))
    return out
