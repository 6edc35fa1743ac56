"""The plan keeps a document's numeric columns, its own status columns and the office's word on
a milestone, and its JSON shape carries them both ways."""

from duban.core.model import (
    DocumentStatus,
    Figure,
    Plan,
    Report,
    Section,
    Task,
    plan_from_dict,
    plan_to_dict,
)


def test_it_keeps_figures_status_and_milestone_word_through_json() -> None:
    task = Task(
        1,
        "城镇新增就业26000人",
        reports=(Report("县人社局", "1-7月新增就业19456人", milestone_met=False),),
        figures=(
            Figure("target", 26000, "人", "目标任务（人）"),
            Figure("actual", 19456, "人", "1-7月完成"),
            Figure("share", 74.8, "%", "完成目标(%)"),
        ),
        status=(DocumentStatus("是否达序", "否"),),
    )
    plan = Plan("t", 2024, None, None, (Section(1, "一、经济", None, (task,)),))
    data = plan_to_dict(plan)
    assert data["sections"][0]["tasks"][0]["figures"][2] == {
        "role": "share",
        "value": 74.8,
        "unit": "%",
        "header": "完成目标(%)",
    }
    assert data["sections"][0]["tasks"][0]["status"] == [{"header": "是否达序", "text": "否"}]
    assert data["sections"][0]["tasks"][0]["reports"][0]["milestone_met"] is False
    assert plan_from_dict(data) == plan


def test_a_task_without_columns_keeps_the_old_shape() -> None:
    data = plan_to_dict(Plan("t", 2024, None, None, (Section(1, "s", None, (Task(1, "x"),)),)))
    task = data["sections"][0]["tasks"][0]
    assert "figures" not in task and "status" not in task
