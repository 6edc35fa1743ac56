"""Leader names (分管领导) as web tables spell them: stray spaces inside, or two names run together.

'王 建国' is 王建国; '王建国李明' is 王建国 and 李明 — split only where every piece is a two- or
three-character name that starts with a common surname, so a four-character name stays whole
unless it splits cleanly into two such names.
"""

from __future__ import annotations

import re

from duban.core.model import Person

# The most common single-character surnames (together well over 80% of people).
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
    "钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包"
    "宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳"
    "时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇"
    "栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_NAME = re.compile(r"^[\u4e00-\u9fff]{4,6}$")
_COMPOUND = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "令狐",
    "慕容",
    "尉迟",
    "长孙",
    "夏侯",
    "公孙",
    "司徒",
)


def split_leaders(people: tuple[Person, ...]) -> tuple[Person, ...]:
    """Each name with spaces removed; names run together split where the split is clear."""
    out: list[Person] = []
    for person in people:
        name = re.sub(r"\s+", "", person.name)
        for piece in _split_run(name):
            if piece not in [p.name for p in out]:
                out.append(Person(piece, person.role))
    return tuple(out)


def _split_run(name: str) -> list[str]:
    if not _NAME.match(name) or (len(name) <= 4 and name.startswith(_COMPOUND)):
        return [name]
    ways = [p for p in _segmentations(name) if len(p) > 1]
    return ways[0] if len(ways) == 1 else [name]


def _segmentations(text: str) -> list[list[str]]:
    """Every way to cut text into 2- or 3-character pieces each starting with a surname."""
    if not text:
        return [[]]
    out = []
    for size in (2, 3):
        head = text[:size]
        if len(head) == size and head[0] in _SURNAMES:
            out += [[head, *rest] for rest in _segmentations(text[size:])]
    return out
