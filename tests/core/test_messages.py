"""The message catalogue: every error and warning a code with parameters, English and Chinese."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest

from duban.core.errors import Diagnostic, InputError
from duban.core.importers import read_plan
from duban.core.messages import CATALOGUE, E, W, chinese, fields
from duban.core.model import plan_from_dict, plan_to_dict
from duban.web.documents import wording
from duban.web.documents.wording import error_sentence, warning_sentence

WORDING = Path(wording.__file__)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_it_gives_every_code_both_templates_over_the_same_parameters(code):
    entry = CATALOGUE[code]
    assert entry.en.strip() and entry.zh.strip()
    assert code.startswith(("E_", "W_"))
    english, chinese_ = fields(entry.en), fields(entry.zh)
    assert set(entry.en_only) <= english
    assert chinese_ == english - set(entry.en_only)


def test_it_names_each_code_once():
    entries = [m for group in (E, W) for m in vars(group).values() if hasattr(m, "zh")]
    assert len({m.code for m in entries}) == len(entries) == len(CATALOGUE)


def test_it_leaves_no_regular_expression_in_the_page_wording():
    tree = ast.parse(WORDING.read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    assert "re" not in imported and "re" not in names and "regex" not in imported


def test_it_keeps_the_english_sentence_as_the_message_and_the_code_beside_it():
    exc = InputError(E.TOO_MANY_ROWS(kind="Excel", rows=70000, max=20000), source="a.xlsx")
    assert exc.code == "E_TOO_MANY_ROWS"
    assert exc.params == {"kind": "Excel", "rows": 70000, "max": 20000}
    assert str(exc) == "a.xlsx: the Excel file's tables reach 70000 rows; duban reads up to 20000"
    assert error_sentence(exc, "计划.xlsx") == (
        "“计划.xlsx”：Excel 文件的表格共 70000 行，超过 20000 行的上限，已拒绝。"
    )


def test_it_formats_numbers_the_same_way_in_both_languages():
    exc = InputError(E.FILE_TOO_LARGE(size_mb=31.46, max_mb=30.0))
    assert exc.message == "the file is 31.5 MB; duban takes files up to 30 MB"
    assert error_sentence(exc, "a.pdf") == "“a.pdf”：文件大小 31.5 MB，超过上限 30 MB。"


def test_it_shows_a_message_without_a_code_as_written():
    chinese_ = InputError("表头下面没有联络员", source="/tmp/x.xlsx", line=4)
    assert chinese_.code is None and chinese_.params == {}
    assert error_sentence(chinese_, "名单.xlsx") == "“名单.xlsx” 第 4 行：表头下面没有联络员。"
    english = InputError("--debug shows the layers of text files only")
    assert error_sentence(english, "a.txt") == (
        "“a.txt”：无法读取（--debug shows the layers of text files only）。"
    )
    assert warning_sentence(Diagnostic(2, "“王建国”是人名")) == "“王建国”是人名"
    assert chinese("W_NO_SUCH_CODE", {}, "as written") == "as written"


def test_it_renders_an_importers_refusal_by_its_code(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(b"\xe4\xbb\xbb\xe5\x8a\xa1\n\x00\x01")
    with pytest.raises(InputError) as caught:
        read_plan(path)
    assert caught.value.code == "E_BINARY"
    assert caught.value.message == "this is a binary file, not text (a NUL byte)"
    assert (
        error_sentence(caught.value, "plan.txt")
        == "“plan.txt” 第 2 行：这是二进制文件，不是文本文件。"
    )


def test_it_keeps_a_warnings_code_through_the_plans_json(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "| 序号 | 工作任务 | 责任单位 |\n| 1 | 建成道路 10 公里 | 区交通局 |\n| 2 | 新建学校 2 所 | |\n",
        encoding="utf-8",
    )
    plan = plan_from_dict(plan_to_dict(read_plan(path)))
    assert [(w.line, w.message, w.code, dict(w.params)) for w in plan.warnings] == [
        (3, "task 2 names no responsible unit", "W_NO_UNIT", {"seq": 2})
    ]
    assert warning_sentence(plan.warnings[0]) == "第 2 项任务没有写明责任单位"


def test_it_keeps_the_code_through_the_readers_pipe():
    said = E.PDF_PAGE_UNREADABLE(error="KeyError")
    back = pickle.loads(pickle.dumps(said))
    assert (str(back), back.code, back.params) == (
        "this page of the PDF cannot be read (KeyError)",
        "E_PDF_PAGE_UNREADABLE",
        {"error": "KeyError"},
    )
    assert (
        error_sentence(InputError(back, page=3), "a.pdf")
        == "“a.pdf” 第 3 页：PDF 的这一页无法读取。"
    )


def test_it_compares_diagnostics_by_place_and_sentence_only():
    assert Diagnostic(5, W.NO_TARGET(seq=5)) == Diagnostic(5, "task 5 has no target text")
    assert type(Diagnostic(5, W.NO_TARGET(seq=5)).message) is str


def test_it_says_in_chinese_that_a_file_is_missing(tmp_path):
    with pytest.raises(InputError) as caught:
        read_plan(tmp_path / "gone.docx")
    assert str(caught.value) == f"{tmp_path / 'gone.docx'}: no such file"
    assert error_sentence(caught.value, "gone.docx") == "“gone.docx”：找不到这个文件。"
