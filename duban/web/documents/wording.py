"""The core's errors and importer warnings as Chinese sentences for the upload page.

Each coded message is rendered from the core's catalogue (duban/core/messages.py) by its code and
parameters; a message without a code is shown as written, so nothing is hidden when the core gains
a new one.
"""

from __future__ import annotations

from duban.core.errors import Diagnostic, InputError
from duban.core.messages import chinese


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
    if exc.code is not None:
        what = chinese(exc.code, exc.params, exc.message)
    else:
        what = f"无法读取（{exc.message}）" if exc.message.isascii() else exc.message
    end = "" if what.endswith(("。", "？", "！")) else "。"
    return f"{where(filename, page=exc.page, line=exc.line)}：{what}{end}"


def warning_sentence(diagnostic: Diagnostic) -> str:
    return chinese(diagnostic.code, diagnostic.params, diagnostic.message)
