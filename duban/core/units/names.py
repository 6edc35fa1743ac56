"""What any office's unit names say by their words alone: general knowledge, no place's data.

Chinese government tables name units in a few regular ways: a level prefix (市/区/县/旗/乡/镇) in
front of a department, a suffix that makes a unit (局, 委, 办, 中心, 镇, 街道, 村, 社区, 公司 …),
a full or a short form of common departments (县发展和改革局 ↔ 县发改局 ↔ 发改局), a second name
in brackets (市委农办(市农业局)), and groups written with 各 (各乡镇, 各有关部门). People's names
(分管领导) are not units. Everything here is a rule over the words; lists of one place's units
belong to that organization's data (a units file, or the database).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Kind = Literal[
    "department",  # 部门: a bureau, office or commission of the government or the party
    "district",  # 区/县/市 under a city (a 市's own units)
    "town",  # 镇, 乡
    "street",  # 街道
    "village",  # 村
    "community",  # 社区
    "enterprise",  # 公司, 集团
    "group",  # 各镇（街）, 各有关部门 …: stands for several units
    "other",
]
KINDS: tuple[Kind, ...] = (
    "department",
    "district",
    "town",
    "street",
    "village",
    "community",
    "enterprise",
    "group",
    "other",
)
# The levels an organization can be, and the word its own units start with (县发改局).
Level = Literal["市", "区", "县", "旗", "乡", "镇", "街道"]
LEVELS: tuple[Level, ...] = ("市", "区", "县", "旗", "乡", "镇", "街道")

_NOT_UNIT = re.compile(r"[^\u4e00-\u9fff（）()]|建设$|情况$|工作$")

# Endings that make a name a unit. Longer first is not needed: endswith takes any of them.
UNIT_SUFFIXES = (
    "局", "中心", "办公室", "办", "委员会", "委", "部", "部门", "室", "社", "联", "院", "集团",
    "公司", "镇", "街道", "乡", "管委会", "指挥部", "专班", "单位", "镇街", "（街）", "小组", "站",
    "所", "队", "会", "厂", "开发区", "高新区", "经开区", "农高区", "综保区", "园区", "支行", "分行", "银行", "法院", "政府",
    "村", "社区", "工委", "党委",
)  # fmt: skip
# Words ending in a unit's suffix that are common nouns, not units (美丽乡村, 智慧社区).
_COMMON_NOUNS = (
    "乡村", "农村", "城乡", "城中村", "山村", "渔村", "和谐社区", "智慧社区", "老旧社区",
    "城市社区", "农村社区", "完整社区", "示范社区", "全区", "全县", "全市", "全镇", "全乡",
)  # fmt: skip
# A district or county of a city: two or three characters and 区/县/市 (东湖区, 清河县).
_DISTRICT = re.compile(r"^[\u4e00-\u9fff]{2,3}[区县市旗]$")
_NOT_DISTRICT = (
    "小区", "城区", "景区", "片区", "街区", "矿区", "库区", "山区", "辖区", "市区", "社区",
    "示范区", "试验区", "功能区", "保护区", "集聚区", "先行区", "服务区", "农业区", "老城区",
    "开发区", "高新区", "经开区", "农高区", "综保区", "园区",
)  # fmt: skip

# Group words. Open-ended groups (各有关部门) name nobody in particular: the office picks.
_OPEN_GROUP = re.compile(
    r"(?:成员单位|责任单位|职能部门|有关部门|相关部门|直部门|各部门|各单位|有关单位|相关单位"
    r"|各直属单位|部门单位)$"
)
_NAMED_THEN_OPEN = re.compile(r"^(?P<named>.+?)等(?:[\u4e00-\u9fff]{0,8})(?:部门|单位)$")
_GROUP_START = re.compile(r"^(?:[市区县旗乡镇]直)?(?:[市区县旗乡镇]?政府)?(?:各|相关|有关)")


@dataclass(frozen=True)
class GroupWords:
    """What a group's words say: the kinds of unit it stands for, and whether it is open-ended.

    A towns/streets group (各镇（街）) stands for the organization's own towns and streets; an
    open-ended one (各有关部门, 成员单位) for nobody until the office picks its members, though a
    report from a unit of its kinds is never "unlisted". `named` are units the words name
    ('区人社局等执法部门' names 区人社局).
    """

    kinds: tuple[Kind, ...]
    open_ended: bool
    named: tuple[str, ...] = ()


_ANY_UNIT: tuple[Kind, ...] = (
    "department",
    "district",
    "town",
    "street",
    "village",
    "community",
    "enterprise",
    "other",
)


@lru_cache(maxsize=4096)
def group_words(name: str) -> GroupWords | None:
    """The group a name's words make (各乡镇, 县直各有关部门, 各村（社区）), or None."""
    s = key(name)
    if not s or len(s) > 40:
        return None
    m = _NAMED_THEN_OPEN.match(s)
    if m and looks_like_unit(m.group("named")) and not m.group("named").startswith("各"):
        return GroupWords(_open_kinds(s), True, (m.group("named"),))
    if _OPEN_GROUP.search(s):
        return GroupWords(_open_kinds(s), True)
    if not _GROUP_START.match(s) and not s.endswith(("镇街", "镇（街）", "乡镇")):
        return None
    body = _GROUP_START.sub("", s)
    kinds: list[Kind] = []
    if "村" in body or "居" in body:
        kinds.append("village")
    if "社区" in body or "居" in body:
        kinds.append("community")
    if kinds:
        return GroupWords(tuple(kinds), False)
    if "镇" in body or "乡" in body:
        kinds.append("town")
    if "街" in body:
        kinds.append("street")
    if kinds:
        return GroupWords(tuple(kinds), False)
    if re.search(r"[区县]", body) or re.fullmatch(r"市", body):
        return GroupWords(("district",), False)
    if re.search(r"企业|公司", body):
        return GroupWords(("enterprise",), True)
    return None


def _open_kinds(s: str) -> tuple[Kind, ...]:
    # '…部门' reports come from departments; '…单位' from units of any kind.
    return ("department",) if s.endswith("部门") else _ANY_UNIT


@lru_cache(maxsize=8192)
def looks_like_unit(text: str) -> bool:
    """A whole string shaped like a unit name (a suffix that makes a unit, or a group's words)."""
    s = text.strip()
    if not s or len(s) > 24 or len(s) < 2 or _NOT_UNIT.search(s):
        return False
    if group_words(s) is not None:
        return True
    if s.endswith(_COMMON_NOUNS):
        return False
    if s.endswith(("）", ")")):
        m = _BRACKETED.match(key(s))  # 县住建局(县人防办): the name before the brackets counts
        return m is not None and looks_like_unit(m.group("outer"))
    return s.endswith(UNIT_SUFFIXES) or is_district(s)


def is_district(name: str) -> bool:
    """'东湖区', '清河县': a district or county as a city's unit (not 城区, 示范区)."""
    if not _DISTRICT.match(name):
        return False
    # A two-character noun ends a longer phrase (偏远山区), not a district's own name (西山区).
    return not any(name.endswith(n) and (len(n) > 2 or len(name) > 3) for n in _NOT_DISTRICT)


def guess_kind(name: str) -> Kind:
    """A unit's kind from its words, for a name the organization has not classified."""
    s = key(name)
    if group_words(s) is not None:
        return "group"
    inner = outer_name(s)
    if inner.endswith(("公司", "集团", "厂")):
        return "enterprise"
    if inner.endswith(("街道", "街道办事处", "街道办")):
        return "street"
    if inner.endswith(("社区", "居委会", "社区居委会", "居民委员会")):
        return "community"
    if inner.endswith(("村", "村委会", "村民委员会")):
        return "village"
    if re.search(r"[镇乡](?:人民政府|政府)?$", inner) and not inner.endswith(_COMMON_NOUNS):
        return "town"
    if is_district(inner) or re.search(r"^[\u4e00-\u9fff]{2,3}[区县市](?:人民)?政府$", inner):
        return "district"
    if inner.endswith(("局", "中心", "办公室", "办", "委员会", "委", "部", "室", "社", "联", "院")):
        return "department"
    return "other"


def outer_name(name: str) -> str:
    """'市委农办(市农业局)' → '市委农办'; a name without a bracketed second name stays."""
    m = _BRACKETED.match(key(name))
    return m.group("outer") if m else key(name)


_BRACKETED = re.compile(r"^(?P<outer>[^（）]{2,})（(?P<inner>[^（）]{2,})）$")


def bracket_names(name: str) -> tuple[str, ...]:
    """The two names of one unit written 'A（B）' when both read as units; else ()."""
    m = _BRACKETED.match(key(name))
    if not m:
        return ()
    outer, inner = m.group("outer"), m.group("inner")
    if looks_like_unit(outer) and looks_like_unit(inner) and group_words(name) is None:
        return (outer, inner)
    return ()


# Full forms of common department names → the short form offices write (general knowledge).
_STEMS = (
    ("发展和改革", "发改"), ("发展改革", "发改"), ("人力资源和社会保障", "人社"),
    ("人力资源社会保障", "人社"), ("住房和城乡建设", "住建"), ("住房城乡建设", "住建"),
    ("工业和信息化", "工信"), ("工业信息化", "工信"), ("卫生健康", "卫健"), ("卫生和健康", "卫健"),
    ("教育和体育", "教体"), ("教育体育", "教体"), ("文化和旅游", "文旅"), ("文化旅游", "文旅"),
    ("市场监督管理", "市场监管"), ("交通运输", "交通"), ("退役军人事务", "退役军人"),
    ("医疗保障", "医保"), ("应急管理", "应急"), ("行政审批服务", "行政审批"),
    ("综合行政执法", "综合执法"), ("科学技术", "科技"), ("城乡水务", "水务"),
    ("人民防空", "人防"), ("机构编制委员会办公室", "编办"), ("供销合作社", "供销社"),
    ("妇女联合会", "妇联"), ("残疾人联合会", "残联"), ("工商业联合会", "工商联"),
    ("科学技术协会", "科协"), ("自然资源和规划", "自然资源"), ("农业农村", "农业农村"),
    ("商务和投资促进", "商务"), ("政府办公室", "政府办"), ("委办公室", "委办"),
)  # fmt: skip
_KEY_TABLE = str.maketrans({"(": "（", ")": "）", " ": None, "\t": None, "\u3000": None})


def key(name: str) -> str:
    """A name as the registry compares it: brackets full-width, no spaces."""
    return name.translate(_KEY_TABLE)


@lru_cache(maxsize=8192)
def short_form(name: str) -> str:
    """The same-unit key: level prefix off, full stems short (县发展和改革局 → 发改局).

    Only the level word itself goes ('县' of 县发改局, '区' of 区委宣传部 → 委宣传部): 区委办 and
    区政府办 stay apart. 分局 reads as 局 (区生态环境分局 ≈ 生态环境局).
    """
    s = outer_name(name)
    if group_words(s) is not None or len(s) < 3:
        return s
    s = _strip_level(s)
    for full, short in _STEMS:
        if full in s:
            s = s.replace(full, short)
            break
    if s.endswith("分局"):
        s = s[:-2] + "局"
    if s.endswith("办公室") and len(s) > 4:
        s = s[:-3] + "办"
    return s


def _strip_level(s: str) -> str:
    if (
        s[0] in "市区县旗乡镇"
        and len(s) >= 3
        and not s.startswith(("镇街", "乡镇", "市场", "区域"))
    ):
        return s[1:]
    return s


def level_of(organization: str | None) -> Level | None:
    """The level an organization's name states: 东湖区 → 区, 清河县 → 县, 柳泉乡 → 乡."""
    if not organization:
        return None
    s = organization.strip()
    if s.endswith("街道"):
        return "街道"
    levels: tuple[Level, ...] = ("市", "区", "县", "旗", "乡", "镇")
    return next((level for level in levels if s.endswith(level)), None)


# The most common single-character surnames; a two- or three-character name starting with one
# and ending in no unit suffix is a person (分管领导), not a unit.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
    "钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包"
    "宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳"
    "时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇"
    "栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "夏侯",
    "公孙", "司徒",
)  # fmt: skip
_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
_TITLE = re.compile(r"(?:同志|书记|区长|县长|市长|镇长|乡长|主任|局长|部长|副\S{1,3})$")


def is_person(name: str) -> bool:
    """'王建国', '李明同志', '欧阳明': a person's name, not a unit."""
    s = _TITLE.sub("", key(name))
    if looks_like_unit(s) or s.endswith(("区", "县", "市", "旗", "镇", "乡", "村")):
        return False
    if s.startswith(COMPOUND_SURNAMES) and 3 <= len(s) <= 4:
        return True
    return bool(_PERSON.match(s)) and s[0] in SURNAMES


def plain_name_problem(name: str) -> str | None:
    """Why a name cannot be a unit's name at all (too long, no letters), in Chinese; else None."""
    s = name.strip()
    if not s:
        return "单位名称为空"
    if len(s) > 100:
        return f"单位名称长达 {len(s)} 个字，超过 100 个字的上限"
    if not re.search(r"[\u4e00-\u9fffA-Za-z0-9]", s):
        return f"“{s[:20]}”只有标点符号，不是单位名称"
    return None
