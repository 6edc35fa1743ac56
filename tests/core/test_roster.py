"""A reporters' spreadsheet is read by its header words and checked row by row: every problem of
every row, as a sentence the office can act on; nothing about accounts is decided here."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from duban.core.errors import InputError
from duban.core.roster import Account, RosterRow, phone_normalised, read_roster, roster_check

UNITS = {"县发改局": "县发改局", "发改局": "县发改局", "城关镇": "城关镇", "各乡镇": "各乡镇"}


def _resolve(name: str) -> str | None:
    return UNITS.get(name)


def _check(*rows: RosterRow, accounts=None):
    return roster_check(
        rows,
        resolve=_resolve,
        unit_names=sorted(set(UNITS.values())),
        groups=["各乡镇"],
        accounts=accounts,
    )


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_it_reads_the_columns_by_their_header_words_below_a_title(tmp_path):
    path = _xlsx(
        tmp_path / "联络员.xlsx",
        [
            ["2025年督办联络员名单"],
            [],
            ["序号", "责任单位", "联络员姓名", "联络员手机", "电子邮箱"],
            [1, "县发改局", "王芳", 13800000001, "wf@example.cn"],
            [None, None, None, None, None],
            [2, "城关镇", "李强", "139-0000-0002", None],
        ],
    )
    roster = read_roster(path)
    assert roster.rows == (
        RosterRow(4, "县发改局", "王芳", "13800000001", "wf@example.cn"),
        RosterRow(6, "城关镇", "李强", "139-0000-0002", ""),
    )


def test_it_reads_a_csv_saved_by_excel_in_gb18030(tmp_path):
    path = tmp_path / "联络员.csv"
    path.write_bytes("单位,姓名,手机号,邮箱\r\n县发改局,王芳,13800000001,\r\n".encode("gb18030"))
    assert read_roster(path).rows == (RosterRow(2, "县发改局", "王芳", "13800000001", ""),)


def test_it_refuses_a_sheet_without_a_header_row_in_one_sentence(tmp_path):
    path = _xlsx(tmp_path / "a.xlsx", [["王芳", "13800000001"]])
    with pytest.raises(InputError, match="找不到表头行"):
        read_roster(path)


def test_it_refuses_another_kind_of_file(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"x")
    with pytest.raises(InputError, match=r"\.xlsx 或 \.csv"):
        read_roster(path)


def test_it_normalises_phone_numbers_as_people_write_them():
    assert phone_normalised("138 0000 0001") == "13800000001"
    assert phone_normalised("+86 138-0000-0001") == "13800000001"
    assert phone_normalised("8613800000001") == "13800000001"


def test_it_accepts_a_right_row_under_the_units_canonical_name():
    (check,) = _check(RosterRow(2, "发改局", "王芳", "138 0000 0001", "wf@example.cn"))
    assert (check.ok, check.unit, check.phone, check.exists) == (
        True,
        "县发改局",
        "13800000001",
        False,
    )


def test_it_gives_every_problem_of_every_row():
    checks = _check(
        RosterRow(2, "县发改局", "王芳", "13800000001", ""),
        RosterRow(3, "县发展局", "", "12345", "not-an-address"),
        RosterRow(4, "城关镇", "李强", "13800000001", ""),
        RosterRow(5, "各乡镇", "赵敏", "13800000003", ""),
        RosterRow(6, "", "孙丽", "", ""),
    )
    assert [c.problems for c in checks] == [
        ("手机号与第 4 行重复",),
        (
            "姓名为空",
            "单位“县发展局”不在本机构的单位名单中，是否为“县发改局”？",
            "手机号“12345”不是 11 位手机号",
            "邮箱“not-an-address”格式不对",
        ),
        ("手机号与第 2 行重复",),
        ("“各乡镇”是单位组，联络员要填具体单位",),
        ("单位为空", "手机号为空"),
    ]


def test_it_treats_the_same_person_already_registered_as_nothing_to_do():
    accounts = {"13800000001": Account("王芳", "县发改局", True)}
    (same,) = _check(RosterRow(2, "县发改局", "王芳", "13800000001", ""), accounts=accounts)
    assert (same.ok, same.exists) == (True, True)


def test_it_refuses_a_phone_that_belongs_to_someone_else_or_to_a_stopped_account():
    accounts = {
        "13800000001": Account("王芳", "县发改局", True),
        "13800000002": Account("李强", "城关镇", False),
    }
    first, second = _check(
        RosterRow(2, "城关镇", "王芳", "13800000001", ""),
        RosterRow(3, "城关镇", "李强", "13800000002", ""),
        accounts=accounts,
    )
    assert first.problems == ("手机号已是“王芳（县发改局）”的账号",)
    assert second.problems == ("手机号属于已停用的账号“李强（城关镇）”",)
