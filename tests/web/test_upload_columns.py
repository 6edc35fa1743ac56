"""The upload preview shows how each column of the table was read, and warns of a column that
maps to nothing (its text kept, not read), so the office sees a misread column at once."""

from __future__ import annotations

import pytest

from tests.web.conftest import upload

TABLE = (
    "2024年重点工作推进情况表（1-7月）\n"
    "序号 | 工作任务 | 牵头单位 | 分管县领导 | 1-7月完成值（人） | 完成比例(%) | 是否达序 | 甲方意见\n"
    "1 | 城镇新增就业26000人 | 县人社局 | 王某 | 15200 | 58.5 | 是 | 同意\n"
    "2 | 新增农村公路50公里 | 县交通局 | 李某 | 22 | 44 | 否 | 无\n"
)


@pytest.fixture(autouse=True)
def _private_var(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"


def test_it_lists_the_column_mapping_and_warns_of_an_unmapped_column(world, as_user, tmp_path):
    path = tmp_path / "columns.txt"
    path.write_text(TABLE, encoding="utf-8")
    client = as_user(world.users["office"])
    response = upload(client, world.org, path)
    preview = response.context["preview"]
    assert [(c.header, c.meaning, c.detail) for c in preview.columns] == [
        ("序号", "序号", ""),
        ("工作任务", "任务目标", ""),
        ("牵头单位", "牵头单位", ""),
        ("分管县领导", "责任人（领导，不作为单位）", ""),
        ("1-7月完成值（人）", "数值", "完成值，单位：人，1-7月"),
        ("完成比例(%)", "数值", "完成比例，单位：%"),
        ("是否达序", "文件所载完成状态", ""),
        ("甲方意见", "", ""),
    ]
    assert [c.header for c in preview.unmapped_columns] == ["甲方意见"]
    page = response.content.decode()
    assert "未识别：原样保留，未读取" in page
    assert "有 1 列不是可识别的列" in page
    assert any("“甲方意见”列不是可识别的列" in w for w in preview.warnings)
