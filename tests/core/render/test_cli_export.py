"""`duban export` and `duban bulletin` write files; mistakes are one line and exit code 2."""

from __future__ import annotations

import io

import openpyxl
from click.testing import CliRunner
from docx import Document

from duban.cli import main


def test_it_exports_the_table_as_word_and_excel(example_path, tmp_path):
    runner = CliRunner()
    for fmt in ("docx", "xlsx"):
        out = tmp_path / f"table.{fmt}"
        result = runner.invoke(
            main, ["export", str(example_path), "--format", fmt, "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert result.output.strip() == f"wrote {out}"
    assert len(Document(tmp_path / "table.docx").tables) == 9
    assert openpyxl.load_workbook(tmp_path / "table.xlsx")["任务"].max_row == 109


def test_it_writes_a_bulletin_and_a_unit_report(example_path, tmp_path):
    runner = CliRunner()
    out = tmp_path / "b.docx"
    args = ["bulletin", str(example_path), "--out", str(out), "--issue-no", "8"]
    result = runner.invoke(
        main,
        [
            *args,
            "--date",
            "2021-10-20",
            "--office",
            "区政府督查室",
            "--basis",
            "峄政办发〔2021〕5号",
        ],
    )
    assert result.exit_code == 0, result.output
    texts = [p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs]
    assert texts[1:3] == ["第8期", "区政府督查室\t2021年10月20日"]
    assert "根据任务分解方案（峄政办发〔2021〕5号）" in texts[5]
    unit = tmp_path / "u.docx"
    result = runner.invoke(
        main, ["bulletin", str(example_path), "--unit", "区人武部", "--out", str(unit)]
    )
    assert result.exit_code == 0, result.output
    assert Document(unit).paragraphs[0].text.startswith("区人武部2021年")


def test_it_refuses_a_bad_date_in_one_line(example_path, tmp_path):
    result = CliRunner().invoke(
        main,
        ["bulletin", str(example_path), "--date", "2021/10/20", "--out", str(tmp_path / "x")],
    )
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output and "Traceback" not in result.output
