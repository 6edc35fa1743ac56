"""Page furniture around a table copied from a web page: what is not the table and not its title.

Government web pages wrap a published table in breadcrumbs (首页 > 政务公开 > …), a metadata
block (索引号, 发布时间, 来源, 浏览次数), print/close links and sometimes the covering notice
that issued it (its 文号, its addressees, 现将…印发给你们). These lines are kept out of the
tasks and travel in Plan.furniture.
"""

from __future__ import annotations

import re

_BREADCRUMB = re.compile(
    r"(?:^|\s)(?:首页|当前位置|您的位置|您现在的位置|您现在所在的位置|网站首页)\s*[:：>＞»›]|[>＞»›].+[>＞»›]"
)
_META = re.compile(
    r"^[•·\s]*(?:(?:索引号|组配分类|名称|文号|发布时间|发布日期|发布机构|发文机关|发文机构|发文字号|"
    r"成文日期|来源|信息来源|浏览次数|点击数|访问量|作者|主题分类|体裁分类|公开方式|公开范围|有效性|"
    r"文章来源|字号|版权所有|网站标识码)\s*[:：]|【?字体|无障碍|长辈版|适老|分享到|扫一扫|网站地图|"
    r"联系我们|.{0,30}ICP备|附件(?:下载)?\s*[:：]?$|相关附件)"
)
_LINKS = re.compile(r"^(?:[【\[]?(?:打印|关闭|收藏|返回顶部|打印本页|关闭窗口|下载)[】\]]?\s*)+$")
# 文号 such as 峄政办字〔2024〕12号 or X政发[2023]5号.
DOCUMENT_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,8}[〔\[［(（]\s*20\d\d\s*[〕\]］)）]\s*\d{1,4}\s*号"
)
_NOTICE = re.compile(
    r"^(?:各(?:乡镇|镇|街道|区|县|市|有关|部门|单位)[^。]{0,60}[:：]$|现将.{0,80}(?:印发给你们|通知如下)"
    r"|请(?:认真|结合实际)?.{0,20}(?:贯彻|抓好|遵照)落实|关于印发.+的通知$|.{2,20}人民政府办公[室厅]$"
    r"|^20\d\d年\d{1,2}月\d{1,2}日$|^[（(]此件公开发布[）)]$)"
)


def is_furniture(line: str) -> bool:
    """Whether one line of a web page's text is furniture (breadcrumb, metadata, link, notice)."""
    s = line.strip()
    if not s:
        return False
    return bool(
        _BREADCRUMB.search(s)
        or _META.match(s)
        or _LINKS.match(s)
        or DOCUMENT_NUMBER.search(s)
        or _NOTICE.search(s)
    )


_TITLE = re.compile(
    r"20\d\d\s*年.{0,40}(?:表|清单|情况|分解|任务|实事|目标|项目|安排|方案)[）)]?$|"
    r"(?:政府工作报告|民生实事|重点工作|重点任务).{0,30}(?:表|清单|情况|分解)$"
)


def is_title(line: str) -> bool:
    """A document title: '2024年政府工作报告重点任务分解表', not a sentence of a notice."""
    s = line.strip()
    return bool(_TITLE.search(s)) and len(s) <= 70 and "。" not in s and not is_furniture(s)


def split_front(lines: list[str]) -> tuple[str, list[str]]:
    """Text above a table → (its title, every other line as furniture; a repeated title once)."""
    title = ""
    furniture: list[str] = []
    for raw in lines:
        s = raw.strip()
        if not s:
            continue
        if is_title(s) and not title:
            title = s
        elif s != title:
            furniture.append(s)
    if not title:
        title = next(
            (s for s in furniture if re.search(r"20\d\d\s*年", s) and not is_furniture(s)), ""
        )
        furniture = [s for s in furniture if s != title]
    return title, furniture
