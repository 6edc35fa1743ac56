"""The catalogue of the core's errors and importer warnings: a code, its parameters, English and Chinese.

A site says `raise InputError(E.FILE_EMPTY())` or `Diagnostic(line, W.NO_TARGET(seq=3))`; the
message is the English sentence (the CLI and logs), and pages render its code in Chinese from the
same entry. A message written without a code is shown as written, so nothing is hidden.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Param = str | int | float


class Said(str):
    """An English sentence that remembers the catalogue entry and parameters it was made from."""

    code: str
    params: Mapping[str, Param]

    def __new__(cls, text: str, code: str, params: Mapping[str, Param]) -> Said:
        said = super().__new__(cls, text)
        said.code = code
        said.params = dict(params)
        return said

    def __reduce__(self) -> tuple[Any, ...]:  # through the reader's pipe (importers/safety.py)
        return (Said, (str(self), self.code, dict(self.params)))


@dataclass(frozen=True)
class Message:
    """One entry: `en` and `zh` are str.format templates over the same parameters, except the
    `en_only` ones (a Python exception's name, say), which mean nothing to a reader of the page."""

    code: str
    en: str
    zh: str
    en_only: tuple[str, ...] = ()

    def __call__(self, **params: Param) -> Said:
        return Said(self.en.format(**params), self.code, params)


def fields(template: str) -> set[str]:
    """The parameter names a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


_KNOWN = "序号, 工作任务 or 年度任务目标, 责任单位, 进展情况 …"
_NUMBERED = "tasks are numbered 1 to N in document order"
_XLSX_NO_HEADER = (
    "no sheet of this Excel file has a header row naming the columns "
    "(序号, 工作任务 or 年度任务目标, 责任单位 …)"
)
_XLSX_NO_HEADER_ZH = (
    "Excel 文件的各工作表中都没有表头行（序号、工作任务或年度任务目标、责任单位……）"
)
_NO_TABLE = (
    "no task table found: duban reads tables whose header names the columns "
    "(序号, 工作任务, 责任单位, 进展情况 …), cells split by '|', tabs or blank lines, "
    "numbered lists with 牵头单位/责任单位 lines, and PDF text with section titles"
)
_SCAN = (
    "this PDF page is an image without a text layer (a scan?): duban cannot read "
    "scans yet; upload the Word or Excel file, or a PDF saved from it"
)
_NO_UNICODE = (
    "this PDF's fonts carry no Unicode mapping, so its text cannot be read: "
    "upload the Word or Excel file, or a PDF saved with embedded Unicode fonts"
)


class E:
    """Why a document cannot be read (InputError)."""

    FILE_EMPTY = Message("E_FILE_EMPTY", "the file is empty", "文件是空的")
    FILE_TOO_LARGE = Message(
        "E_FILE_TOO_LARGE",
        "the file is {size_mb:.1f} MB; duban takes files up to {max_mb:.0f} MB",
        "文件大小 {size_mb:.1f} MB，超过上限 {max_mb:.0f} MB",
    )
    NOT_READABLE = Message(
        "E_NOT_READABLE",
        "this is not a readable {kind} file (damaged, truncated or another format)",
        "不是可以读取的 {kind} 文件（已损坏、不完整，或实际是其他格式）",
    )
    TOO_MANY_PARTS = Message(
        "E_TOO_MANY_PARTS",
        "the {kind} file holds {parts} parts: refused",
        "{kind} 文件内含 {parts} 个部件，超出上限，已拒绝",
    )
    UNPACKS_TOO_LARGE = Message(
        "E_UNPACKS_TOO_LARGE",
        "the {kind} file unpacks to {mb:.0f} MB: refused as a zip bomb",
        "{kind} 文件解压后达 {mb:.0f} MB，疑似“压缩炸弹”，已拒绝",
    )
    PART_RATIO = Message(
        "E_PART_RATIO",
        "part {part} of the {kind} file is compressed {ratio:.0f} to 1: refused as a zip bomb",
        "{kind} 文件中的 {part} 压缩比达 {ratio:.0f}:1，疑似“压缩炸弹”，已拒绝",
    )
    PART_ENTITIES = Message(
        "E_PART_ENTITIES",
        "part {part} of the {kind} file declares XML entities "
        "(a known attack; Office never writes them): refused",
        "{kind} 文件中的 {part} 含 XML 实体声明（一种已知的攻击手法，Office 不会写入），已拒绝",
    )
    PART_DAMAGED = Message(
        "E_PART_DAMAGED",
        "part {part} of the {kind} file is damaged or truncated",
        "{kind} 文件中的 {part} 已损坏或不完整",
    )
    TOO_WIDE = Message(
        "E_TOO_WIDE",
        "the {kind} file's table reaches {columns} columns (at {at}); "
        "duban reads tables of up to {max} columns",
        "{kind} 文件的表格宽达 {columns} 列，超过 {max} 列的上限（表格以外的远处可能有内容或格式），"
        "已拒绝",
        en_only=("at",),
    )
    TOO_MANY_ROWS = Message(
        "E_TOO_MANY_ROWS",
        "the {kind} file's tables reach {rows} rows; duban reads up to {max}",
        "{kind} 文件的表格共 {rows} 行，超过 {max} 行的上限，已拒绝",
    )
    TOO_MANY_CELLS = Message(
        "E_TOO_MANY_CELLS",
        "the {kind} file's tables span {cells} cells; duban reads up to {max}",
        "{kind} 文件的表格共 {cells} 个单元格，超过 {max} 个的上限，已拒绝",
    )
    DAMAGED = Message(
        "E_DAMAGED", "the {kind} file is damaged or truncated", "{kind} 文件已损坏或不完整"
    )
    NEEDS_LIBREOFFICE = Message(
        "E_NEEDS_LIBREOFFICE",
        "{suffix} files need LibreOffice to convert them, and it is not installed; "
        "save the file as .{target}",
        "服务器没有安装 LibreOffice，无法转换 {suffix} 文件；请另存为 .docx 或 .xlsx 后上传",
        en_only=("target",),
    )
    CONVERT_TIMEOUT = Message(
        "E_CONVERT_TIMEOUT",
        "LibreOffice took over {seconds:.0f} s to convert the file",
        "LibreOffice 转换文件超过 {seconds:.0f} 秒，已停止",
    )
    CONVERT_FAILED = Message(
        "E_CONVERT_FAILED",
        "LibreOffice could not read this {suffix} file; save it as .{target}",
        "LibreOffice 无法读取这个 {suffix} 文件；请另存为 .docx 或 .xlsx 后上传",
        en_only=("target",),
    )
    READ_TIMEOUT = Message(
        "E_READ_TIMEOUT",
        "reading the file took over {seconds:.0f} s: stopped",
        "读取文件超过 {seconds:.0f} 秒，已停止",
    )
    PDF_TIMEOUT = Message(
        "E_PDF_TIMEOUT",
        "reading the PDF took over {seconds:.0f} s: stopped",
        "读取文件超过 {seconds:.0f} 秒，已停止",
    )
    READ_MEMORY = Message(
        "E_READ_MEMORY",
        "reading the file needs more than {mb} MB of memory: refused",
        "读取这个文件需要超过 {mb} MB 内存，已拒绝",
    )
    READER_CRASHED = Message(
        "E_READER_CRASHED",
        "the reader stopped without an answer (a crash)",
        "读取程序意外退出，文件可能已损坏",
    )
    UNEXPECTED = Message(
        "E_UNEXPECTED", "the file could not be read ({error})", "文件无法读取", en_only=("error",)
    )
    DOCX_UNREADABLE = Message(
        "E_DOCX_UNREADABLE",
        "this Word file cannot be read ({error}): damaged, or not a .docx?",
        "Word 文件无法读取（已损坏，或并不是 .docx 文件）",
        en_only=("error",),
    )
    DOCX_NO_TABLE = Message("E_DOCX_NO_TABLE", "this Word file has no table", "Word 文件中没有表格")
    XLSX_UNREADABLE = Message(
        "E_XLSX_UNREADABLE",
        "this Excel file cannot be read ({error}): damaged, or not a .xlsx?",
        "Excel 文件无法读取（已损坏，或并不是 .xlsx 文件）",
        en_only=("error",),
    )
    XLSX_NO_HEADER = Message("E_XLSX_NO_HEADER", _XLSX_NO_HEADER, _XLSX_NO_HEADER_ZH)
    XLSX_NO_HEADER_SEEN = Message(
        "E_XLSX_NO_HEADER_SEEN",
        _XLSX_NO_HEADER + " (the first row reads {row})",
        _XLSX_NO_HEADER_ZH + "：第一行是“{row}”",
    )
    NOT_PDF = Message("E_NOT_PDF", "this is not a PDF file", "不是 PDF 文件")
    PDF_ENCRYPTED = Message(
        "E_PDF_ENCRYPTED",
        "this PDF is encrypted (it needs a password): upload an unprotected copy",
        "PDF 文件已加密（需要密码），请上传未加密的文件",
    )
    PDF_UNREADABLE = Message(
        "E_PDF_UNREADABLE",
        "this PDF cannot be read ({error}): damaged or truncated?",
        "PDF 文件无法读取（已损坏或不完整）",
        en_only=("error",),
    )
    PDF_PAGE_UNREADABLE = Message(
        "E_PDF_PAGE_UNREADABLE",
        "this page of the PDF cannot be read ({error})",
        "PDF 的这一页无法读取",
        en_only=("error",),
    )
    PDF_SCAN = Message(
        "E_PDF_SCAN",
        _SCAN,
        "这一页是图片、没有文字层（扫描件？），暂不能识别；请上传 Word 或 Excel 原文件",
    )
    PDF_NO_UNICODE = Message(
        "E_PDF_NO_UNICODE",
        _NO_UNICODE,
        "PDF 的字体没有 Unicode 对照，文字无法读取；请上传 Word 或 Excel 原文件",
    )
    HEADER_MISSING = Message(
        "E_HEADER_MISSING",
        f"no header row naming the columns ({_KNOWN}) was found: is this a task table?",
        "找不到写明各列的表头行（序号、工作任务或年度任务目标、责任单位……），这是任务表吗？",
    )
    HEADER_UNKNOWN = Message(
        "E_HEADER_UNKNOWN",
        "the table's header ({headers}) names no column duban knows "
        f"({_KNOWN}): is this a task table?",
        "表头（{headers}）中没有可识别的列（序号、工作任务或年度任务目标、责任单位、进展情况……），"
        "这是任务表吗？",
    )
    NO_TASK_ROWS = Message(
        "E_NO_TASK_ROWS",
        "the table has a header row but no task rows under it",
        "表格有表头，但下面没有任务行",
    )
    NO_TASK_TABLE = Message(
        "E_NO_TASK_TABLE",
        _NO_TABLE,
        "没有找到任务表：支持表头写明“序号、工作任务、责任单位、进展情况”等列的表格，"
        "带“牵头单位/责任单位”的编号列表，以及带部分标题的 PDF 文字",
    )
    NO_TASK_TABLE_SEEN = Message(
        "E_NO_TASK_TABLE_SEEN",
        _NO_TABLE + "; its first row reads {row}",
        "没有找到任务表：表头没有可识别的列（序号、工作任务、责任单位、进展情况……），"
        "第一行是“{row}”",
    )
    NO_SECTIONS = Message(
        "E_NO_SECTIONS",
        "no numbered tasks under section titles such as '（一）…（共 N项）': "
        "this text is not a progress table this importer knows",
        "在“（一）……（共 N项）”这样的部分标题下没有找到编号的任务",
    )
    TEXT_TRUNCATED = Message(
        "E_TEXT_TRUNCATED",
        "the text ends after {got} of the {declared} tasks "
        "that section '{title}' declares: a truncated copy?",
        "部分“{title}”写明共 {declared} 项任务，文字在第 {got} 项之后就结束了：文件不完整？",
    )
    MID_CHARACTER = Message(
        "E_MID_CHARACTER",
        "the file ends in the middle of a character: a truncated copy?",
        "文件在一个字符的中间结束：文件不完整？",
    )
    ENCODING = Message(
        "E_ENCODING",
        "the file is neither UTF-8 nor GB18030 text",
        "文本既不是 UTF-8 也不是 GB18030 编码",
    )
    CSV_ENCODING = Message(
        "E_CSV_ENCODING",
        "the file is neither UTF-8 nor GB18030",
        "文本既不是 UTF-8 也不是 GB18030 编码",
    )
    BINARY = Message(
        "E_BINARY", "this is a binary file, not text (a NUL byte)", "这是二进制文件，不是文本文件"
    )
    UNKNOWN_TYPE = Message(
        "E_UNKNOWN_TYPE",
        "unknown document type '{suffix}': duban reads .txt, .docx, .xlsx and .pdf",
        "不支持这种文件类型",
        en_only=("suffix",),
    )
    NO_SUCH_FILE = Message("E_NO_SUCH_FILE", "no such file", "找不到这个文件")
    FOLDER = Message("E_FOLDER", "this is a folder, not a document", "不是文件")


class W:
    """Where an importer guessed (Diagnostic)."""

    SECTION_COUNT = Message(
        "W_SECTION_COUNT",
        "section '{title}' declares {declared} tasks but has {got}",
        "部分“{title}”写明共 {declared} 项任务，实际读到 {got} 项",
    )
    COLUMN_UNKNOWN = Message(
        "W_COLUMN_UNKNOWN",
        "column '{header}' is not one duban knows: kept",
        "“{header}”列不是可识别的列：内容已原样保留",
    )
    NO_TARGET_COLUMN = Message(
        "W_NO_TARGET_COLUMN",
        "no column of task targets (工作任务 / 年度任务目标)",
        "没有任务目标列（工作任务 / 年度任务目标）",
    )
    FIRST_ROW_UNNUMBERED = Message(
        "W_FIRST_ROW_UNNUMBERED", "a row without 序号 opens the table", "表格第一行没有序号"
    )
    NO_NUMBERS = Message(
        "W_NO_NUMBERS",
        f"no 序号: {_NUMBERED}",
        "没有序号列：任务按文档顺序编为 1 至 N 号",
    )
    NUMBERS_BROKEN = Message(
        "W_NUMBERS_BROKEN",
        "task numbers do not run through the plan (at '{at}'): " + _NUMBERED,
        "任务序号不连续（在“{at}”处）：任务按文档顺序编为 1 至 N 号",
    )
    SUB_NUMBERED = Message(
        "W_SUB_NUMBERED",
        f"sub-numbered tasks (3-1, 3-2 …): {_NUMBERED}, each keeps its number as written",
        "有带子序号的任务（3-1、3-2……）：任务按文档顺序编为 1 至 N 号，各自保留原文序号",
    )
    NUMBER_FOLLOWS = Message(
        "W_NUMBER_FOLLOWS",
        "task number {seq} follows {previous}",
        "任务序号 {seq} 紧接在 {previous} 之后",
    )
    NO_TARGET = Message(
        "W_NO_TARGET", "task {seq} has no target text", "第 {seq} 项任务没有任务目标"
    )
    NO_UNIT = Message(
        "W_NO_UNIT", "task {seq} names no responsible unit", "第 {seq} 项任务没有写明责任单位"
    )
    DEADLINE = Message(
        "W_DEADLINE",
        "deadline '{deadline}' of task {seq} not understood",
        "第 {seq} 项任务的完成时限“{deadline}”无法识别",
    )
    IMAGE_NO_PERIOD = Message(
        "W_IMAGE_NO_PERIOD",
        "形象进度 of task {seq} names no period: kept for the year",
        "第 {seq} 项任务的形象进度没有写明时段：按全年保留",
    )
    REPORT_EMPTY = Message(
        "W_REPORT_EMPTY",
        "report of '{unit}' in task {seq} is empty",
        "第 {seq} 项任务中“{unit}”的进展是空的",
    )
    LAST_ROW_SHORT = Message(
        "W_LAST_ROW_SHORT",
        "the last row has {got} of {width} cells: the text is cut off "
        "(the row is kept as far as it goes)",
        "最后一行只有 {got} 个单元格（应有 {width} 个）：文字被截断，已按现有内容保留",
    )
    ROW_PADDED = Message(
        "W_ROW_PADDED",
        "a row has {got} of {width} cells: padded",
        "这一行只有 {got} 个单元格（应有 {width} 个）：已补齐",
    )
    CARRIED_DOWN = Message(
        "W_CARRIED_DOWN",
        "the row has no {header} cell (merged with the row above?): '{value}' carried down",
        "这一行没有“{header}”单元格（与上一行合并？）：沿用上一行的“{value}”",
    )
    BEFORE_SECTION = Message(
        "W_BEFORE_SECTION", "a task before any section title", "有任务出现在第一个部分标题之前"
    )
    NO_UNIT_COLUMN = Message(
        "W_NO_UNIT_COLUMN",
        "the table has no column of responsible units: its tasks are kept without units",
        "表格没有责任单位列：任务按无责任单位导入",
    )
    EXTRA_CELLS_KEPT = Message(
        "W_EXTRA_CELLS_KEPT",
        "row {row} has {got} cells, the header {width}: the cells after column {width} are kept",
        "第 {row} 行有 {got} 个单元格，多于表头的 {width} 列：第 {width} 列之后的内容已原样保留",
    )
    EXTRA_CELLS_JOINED = Message(
        "W_EXTRA_CELLS_JOINED",
        "row {row} has {got} cells, the header {width}: the extra cells "
        "are kept in column '{header}'",
        "第 {row} 行有 {got} 个单元格，多于表头的 {width} 列：多出的内容并入“{header}”列",
    )
    FURNITURE = Message(
        "W_FURNITURE",
        "text outside the table kept as furniture: {text}",
        "表格外的文字作为版面内容保留：{text}",
    )
    SHEET_SKIPPED = Message(
        "W_SHEET_SKIPPED",
        "sheet '{sheet}' holds no new task table: not read",
        "工作表“{sheet}”中没有新的任务表：未读取",
    )
    UNKNOWN_UNIT = Message(
        "W_UNKNOWN_UNIT",
        "'{name}' (first in task {seq}) does not read as a unit name: kept as written",
        "“{name}”（首见于第 {seq} 项任务）不像是单位名称：按原文保留",
    )
    PERSON_IN_UNITS = Message(
        "W_PERSON_IN_UNITS",
        "'{name}' in the units of task {seq} is a person's name: kept as a leader",
        "第 {seq} 项任务的责任单位中的“{name}”是人名：作为分管领导保留",
    )
    ROW_FITS_NO_COLUMN = Message(
        "W_ROW_FITS_NO_COLUMN",
        "the row's values fit no column of the header: kept as its words",
        "这一行的内容对不上表头的各列：按原文保留",
    )


CATALOGUE: dict[str, Message] = {
    m.code: m for group in (E, W) for m in vars(group).values() if isinstance(m, Message)
}


def chinese(code: str | None, params: Mapping[str, Param], written: str) -> str:
    """The Chinese sentence of a coded message; one without a code (or an unknown one) as written."""
    entry = CATALOGUE.get(code) if code else None
    return entry.zh.format(**params) if entry else written
