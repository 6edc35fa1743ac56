"""The core's English errors and importer warnings as Chinese sentences for the upload page.

Each pattern matches one message the importers write (duban/core/importers); a message no
pattern knows is shown as written, so nothing is hidden when the core gains a new one.
"""

from __future__ import annotations

import re

from duban.core.errors import Diagnostic, InputError

# (pattern, Chinese template with the pattern's named groups); first match wins.
_ERRORS: tuple[tuple[str, str], ...] = (
    (r"the file is empty", "文件是空的"),
    (
        r"the file is (?P<size>[\d.]+) MB; duban takes files up to (?P<max>\d+) MB",
        "文件大小 {size} MB，超过上限 {max} MB",
    ),
    (
        r"this is not a readable (?P<kind>\w+) file",
        "不是可以读取的 {kind} 文件（已损坏、不完整，或实际是其他格式）",
    ),
    (
        r"the (?P<kind>\w+) file holds (?P<n>\d+) parts",
        "{kind} 文件内含 {n} 个部件，超出上限，已拒绝",
    ),
    (
        r"the (?P<kind>\w+) file unpacks to (?P<mb>\d+) MB",
        "{kind} 文件解压后达 {mb} MB，疑似“压缩炸弹”，已拒绝",
    ),
    (
        r"part (?P<part>\S+) of the (?P<kind>\w+) file is compressed (?P<r>\d+) to 1",
        "{kind} 文件中的 {part} 压缩比达 {r}:1，疑似“压缩炸弹”，已拒绝",
    ),
    (
        r"part (?P<part>\S+) of the (?P<kind>\w+) file declares XML entities",
        "{kind} 文件中的 {part} 含 XML 实体声明（一种已知的攻击手法，Office 不会写入），已拒绝",
    ),
    (
        r"part (?P<part>\S+) of the (?P<kind>\w+) file is damaged or truncated",
        "{kind} 文件中的 {part} 已损坏或不完整",
    ),
    (
        r"the (?P<kind>\w+) file's table reaches (?P<n>\d+) columns .*up to (?P<max>\d+) columns",
        "{kind} 文件的表格宽达 {n} 列，超过 {max} 列的上限（表格以外的远处可能有内容或格式），"
        "已拒绝",
    ),
    (
        r"the (?P<kind>\w+) file's tables reach (?P<n>\d+) rows; duban reads up to (?P<max>\d+)",
        "{kind} 文件的表格共 {n} 行，超过 {max} 行的上限，已拒绝",
    ),
    (
        r"the (?P<kind>\w+) file's tables span (?P<n>\d+) cells; duban reads up to (?P<max>\d+)",
        "{kind} 文件的表格共 {n} 个单元格，超过 {max} 个的上限，已拒绝",
    ),
    (r"the (?P<kind>\w+) file is damaged or truncated", "{kind} 文件已损坏或不完整"),
    (
        r"(?P<suffix>\.\w+) files need LibreOffice",
        "服务器没有安装 LibreOffice，无法转换 {suffix} 文件；请另存为 .docx 或 .xlsx 后上传",
    ),
    (r"LibreOffice took over (?P<s>\d+) s", "LibreOffice 转换文件超过 {s} 秒，已停止"),
    (
        r"LibreOffice could not read this (?P<suffix>\.\w+) file",
        "LibreOffice 无法读取这个 {suffix} 文件；请另存为 .docx 或 .xlsx 后上传",
    ),
    (r"reading the (?:file|PDF) took over (?P<s>\d+) s", "读取文件超过 {s} 秒，已停止"),
    (
        r"reading the file needs more than (?P<mb>\d+) MB",
        "读取这个文件需要超过 {mb} MB 内存，已拒绝",
    ),
    (r"the reader stopped without an answer", "读取程序意外退出，文件可能已损坏"),
    (r"this Word file cannot be read", "Word 文件无法读取（已损坏，或并不是 .docx 文件）"),
    (r"this Word file has no table", "Word 文件中没有表格"),
    (r"this Excel file cannot be read", "Excel 文件无法读取（已损坏，或并不是 .xlsx 文件）"),
    (
        r"no sheet of this Excel file has a header row.*the first row reads (?P<r>[^)]*)\)",
        "Excel 文件的各工作表中都没有表头行（序号、工作任务或年度任务目标、责任单位……）："
        "第一行是“{r}”",
    ),
    (
        r"no sheet of this Excel file has a header row",
        "Excel 文件的各工作表中都没有表头行（序号、工作任务或年度任务目标、责任单位……）",
    ),
    (r"this is not a PDF file", "不是 PDF 文件"),
    (r"this PDF is encrypted", "PDF 文件已加密（需要密码），请上传未加密的文件"),
    (r"this PDF cannot be read", "PDF 文件无法读取（已损坏或不完整）"),
    (r"this page of the PDF cannot be read", "PDF 的这一页无法读取"),
    (
        r"this PDF page is an image without a text layer",
        "这一页是图片、没有文字层（扫描件？），暂不能识别；请上传 Word 或 Excel 原文件",
    ),
    (
        r"this PDF's fonts carry no Unicode mapping",
        "PDF 的字体没有 Unicode 对照，文字无法读取；请上传 Word 或 Excel 原文件",
    ),
    (
        r"no header row naming the columns",
        "找不到写明各列的表头行（序号、工作任务或年度任务目标、责任单位……），这是任务表吗？",
    ),
    (r"the table has a header row but no task rows", "表格有表头，但下面没有任务行"),
    (
        r"the table's header \((?P<h>.*)\) names no column duban knows",
        "表头（{h}）中没有可识别的列（序号、工作任务或年度任务目标、责任单位、进展情况……），"
        "这是任务表吗？",
    ),
    (
        r"no task table found.*its first row reads (?P<r>.*)$",
        "没有找到任务表：表头没有可识别的列（序号、工作任务、责任单位、进展情况……），第一行是“{r}”",
    ),
    (
        r"no task table found",
        "没有找到任务表：支持表头写明“序号、工作任务、责任单位、进展情况”等列的表格，"
        "带“牵头单位/责任单位”的编号列表，以及带部分标题的 PDF 文字",
    ),
    (
        r"no numbered tasks under section titles",
        "在“（一）……（共 N项）”这样的部分标题下没有找到编号的任务",
    ),
    (
        r"the text ends after (?P<n>\d+) of the (?P<d>\d+) tasks that section '(?P<t>.*)' declares",
        "部分“{t}”写明共 {d} 项任务，文字在第 {n} 项之后就结束了：文件不完整？",
    ),
    (r"the file ends in the middle of a character", "文件在一个字符的中间结束：文件不完整？"),
    (r"the file is neither UTF-8 nor GB18030", "文本既不是 UTF-8 也不是 GB18030 编码"),
    (r"this is a binary file, not text", "这是二进制文件，不是文本文件"),
    (r"unknown document type", "不支持这种文件类型"),
    (r"the file could not be read", "文件无法读取"),
    (r"this is a folder", "不是文件"),
)

_WARNINGS: tuple[tuple[str, str], ...] = (
    (
        r"section '(?P<t>.*)' declares (?P<d>\d+) tasks but has (?P<n>\d+)",
        "部分“{t}”写明共 {d} 项任务，实际读到 {n} 项",
    ),
    (r"column '(?P<h>.*)' is not one duban knows", "“{h}”列不是可识别的列：内容已原样保留"),
    (r"no column of task targets", "没有任务目标列（工作任务 / 年度任务目标）"),
    (r"a row without 序号 opens the table", "表格第一行没有序号"),
    (r"no 序号: tasks are numbered", "没有序号列：任务按文档顺序编为 1 至 N 号"),
    (
        r"task numbers do not run through the plan \(at '(?P<s>.*)'\)",
        "任务序号不连续（在“{s}”处）：任务按文档顺序编为 1 至 N 号",
    ),
    (r"task number (?P<n>\d+) follows (?P<p>\d+)", "任务序号 {n} 紧接在 {p} 之后"),
    (r"task (?P<n>\d+) has no target text", "第 {n} 项任务没有任务目标"),
    (r"task (?P<n>\d+) names no responsible unit", "第 {n} 项任务没有写明责任单位"),
    (
        r"deadline '(?P<d>.*)' of task (?P<n>\d+) not understood",
        "第 {n} 项任务的完成时限“{d}”无法识别",
    ),
    (
        r"形象进度 of task (?P<n>\d+) names no period",
        "第 {n} 项任务的形象进度没有写明时段：按全年保留",
    ),
    (r"report of '(?P<u>.*)' in task (?P<n>\d+) is empty", "第 {n} 项任务中“{u}”的进展是空的"),
    (
        r"the last row has (?P<a>\d+) of (?P<b>\d+) cells",
        "最后一行只有 {a} 个单元格（应有 {b} 个）：文字被截断，已按现有内容保留",
    ),
    (r"a row has (?P<a>\d+) of (?P<b>\d+) cells", "这一行只有 {a} 个单元格（应有 {b} 个）：已补齐"),
    (
        r"the row has no (?P<h>.+?) cell \(merged with the row above\?\): '(?P<v>.*)' carried down",
        "这一行没有“{h}”单元格（与上一行合并？）：沿用上一行的“{v}”",
    ),
    (r"a task before any section title", "有任务出现在第一个部分标题之前"),
    (
        r"the table has no column of responsible units",
        "表格没有责任单位列：任务按无责任单位导入",
    ),
    (
        r"row (?P<r>\d+) has (?P<a>\d+) cells, the header (?P<b>\d+): the cells after column "
        r"(?P<c>\d+) are kept",
        "第 {r} 行有 {a} 个单元格，多于表头的 {b} 列：第 {c} 列之后的内容已原样保留",
    ),
    (
        r"row (?P<r>\d+) has (?P<a>\d+) cells, the header (?P<b>\d+): the extra cells are kept "
        r"in column '(?P<h>.*)'",
        "第 {r} 行有 {a} 个单元格，多于表头的 {b} 列：多出的内容并入“{h}”列",
    ),
    (
        r"sub-numbered tasks",
        "有带子序号的任务（3-1、3-2……）：任务按文档顺序编为 1 至 N 号，各自保留原文序号",
    ),
    (r"text outside the table kept as furniture: (?P<t>.*)", "表格外的文字作为版面内容保留：{t}"),
    (r"sheet '(?P<n>.*)' holds no new task table", "工作表“{n}”中没有新的任务表：未读取"),
)

_ERROR_RULES = tuple((re.compile(p), t) for p, t in _ERRORS)
_WARNING_RULES = tuple((re.compile(p), t) for p, t in _WARNINGS)


def _translate(message: str, rules: tuple[tuple[re.Pattern[str], str], ...]) -> str | None:
    for pattern, template in rules:
        m = pattern.search(message)
        if m:
            return template.format(**m.groupdict())
    return None


def where(filename: str, *, page: int | None = None, line: int | None = None) -> str:
    """“表.docx” 第 3 页第 12 行 (a line of text, or a row of a table)."""
    parts = [f"“{filename}”"]
    if page is not None:
        parts.append(f"第 {page} 页")
    if line is not None:
        parts.append(f"第 {line} 行")
    return " ".join(parts)


def error_sentence(exc: InputError, filename: str) -> str:
    """One Chinese sentence with the place and the fault; the server's temporary path never shows."""
    what = _translate(exc.message, _ERROR_RULES)
    if what is None:
        what = f"无法读取（{exc.message}）" if exc.message.isascii() else exc.message
    end = "" if what.endswith(("。", "？", "！")) else "。"
    return f"{where(filename, page=exc.page, line=exc.line)}：{what}{end}"


def warning_sentence(diagnostic: Diagnostic) -> str:
    return _translate(diagnostic.message, _WARNING_RULES) or diagnostic.message
