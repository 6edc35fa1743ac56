"""ECharts options built from dashboard figures; each chart carries the link of every element.

A chart is {"option": ..., "links": [[url per data point] per series]}; static/duban/charts.js
renders it and follows the link on click. The same numbers are rendered as a table beside it.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from duban.web.dashboard.selectors import Dashboard
from duban.web.dashboard.verdicts import COLORS, LABELS, VERDICTS

_TOOLBOX = {"feature": {"saveAsImage": {"title": "保存为图片", "pixelRatio": 2}}, "right": 10}


def tasks_url(dash: Dashboard, period=None, **params) -> str:
    """The task list behind a chart element (on the public page: the period's own table)."""
    period = period or dash.period
    query = {k: v for k, v in params.items() if v}
    if dash.public:
        return reverse("public_period", args=[period.pk]) + "?" + urlencode(query)
    query = {"period": period.pk, **query}
    return reverse("dashboard_tasks", args=[dash.plan.pk]) + "?" + urlencode(query)


def _base(title: str, dark: bool) -> dict:
    return {
        "title": {"text": title, "left": 0, "textStyle": {"fontSize": 14}},
        "toolbox": _TOOLBOX,
        "tooltip": {"trigger": "item"},
        "backgroundColor": "#0d1117" if dark else "#ffffff",
        "textStyle": {"fontFamily": "Noto Sans CJK SC, sans-serif"},
        "animation": False,
    }


def verdict_chart(dash: Dashboard, dark: bool = False) -> dict:
    counts = dash.counts
    option = _base("研判结论（项）", dark)
    option.update(
        {
            "grid": {"left": 60, "right": 20, "top": 40, "bottom": 30},
            "xAxis": {"type": "category", "data": [LABELS[v] for v in VERDICTS]},
            "yAxis": {"type": "value", "minInterval": 1},
            "series": [
                {
                    "type": "bar",
                    "name": "任务数",
                    "label": {"show": True, "position": "top"},
                    "data": [
                        {"value": counts[v], "itemStyle": {"color": COLORS[v]}} for v in VERDICTS
                    ],
                }
            ],
        }
    )
    return {"option": option, "links": [[tasks_url(dash, verdict=v) for v in VERDICTS]]}


def _stacked_verdicts(counts: list[dict[str, int]]) -> list[dict]:
    """One bar series per verdict, stacked, over the categories whose counts are given."""
    return [
        {
            "type": "bar",
            "stack": "verdicts",
            "name": LABELS[v],
            "itemStyle": {"color": COLORS[v]},
            "data": [c[v] for c in counts],
        }
        for v in VERDICTS
    ]


def section_chart(dash: Dashboard, dark: bool = False) -> dict:
    names = [s.title[:12] for s, _ in dash.section_counts]
    option = _base("各部分研判结论（项）", dark)
    option.update(
        {
            "legend": {"top": 26, "type": "scroll", "data": [LABELS[v] for v in VERDICTS]},
            "grid": {"left": 170, "right": 20, "top": 60, "bottom": 20},
            "xAxis": {"type": "value", "minInterval": 1},
            "yAxis": {"type": "category", "data": names, "inverse": True},
            "series": _stacked_verdicts([c for _, c in dash.section_counts]),
        }
    )
    links = [
        [tasks_url(dash, verdict=v, section=s.pk) for s, _ in dash.section_counts] for v in VERDICTS
    ]
    return {"option": option, "links": links}


def trend_chart(dash: Dashboard, dark: bool = False) -> dict:
    option = _base("各期研判结论变化（项）", dark)
    option.update(
        {
            "legend": {"top": 26, "type": "scroll", "data": [LABELS[v] for v in VERDICTS]},
            "tooltip": {"trigger": "axis"},
            "grid": {"left": 50, "right": 20, "top": 60, "bottom": 30},
            "xAxis": {"type": "category", "data": [str(p) for p, _ in dash.trends]},
            "yAxis": {"type": "value", "minInterval": 1},
            "series": _stacked_verdicts([c for _, c in dash.trends]),
        }
    )
    links = [[tasks_url(dash, p, verdict=v) for p, _ in dash.trends] for v in VERDICTS]
    return {"option": option, "links": links}


def heat_chart(dash: Dashboard, dark: bool = False) -> dict:
    data = [
        [pi, si, value if value is not None else "-"]
        for si, (_, row) in enumerate(dash.heat)
        for pi, value in enumerate(row)
    ]
    option = _base("各部分达序时及完成率（%）", dark)
    option.update(
        {
            "grid": {"left": 170, "right": 20, "top": 40, "bottom": 60},
            "xAxis": {"type": "category", "data": [str(p) for p in dash.periods]},
            "yAxis": {
                "type": "category",
                "data": [s.title[:12] for s in dash.sections],
                "inverse": True,
            },
            "visualMap": {
                "min": 0,
                "max": 100,
                "orient": "horizontal",
                "left": "center",
                "bottom": 0,
                "inRange": {"color": ["#cf222e", "#d4a72c", "#1a7f37"]},
            },
            "series": [
                {"type": "heatmap", "name": "达序时及完成率", "data": data, "label": {"show": True}}
            ],
        }
    )
    links = [
        [
            tasks_url(dash, dash.periods[pi], section=dash.sections[si].pk)
            for si, (_, row) in enumerate(dash.heat)
            for pi in range(len(row))
        ]
    ]
    return {"option": option, "links": links}


def indicator_chart(dash: Dashboard, dark: bool = False) -> dict:
    """Completion of every amount indicator against its own 序时 share, both the core's."""
    rows = [
        (t, ind) for t, v in dash.indicators for ind in v.indicators if ind.completion is not None
    ]
    option = _base("指标完成率与序时进度（%）", dark)
    option.update(
        {
            "grid": {"left": 170, "right": 30, "top": 40, "bottom": 30},
            "xAxis": {"type": "value"},
            "yAxis": {
                "type": "category",
                "inverse": True,
                "data": [f"{t.seq}. {ind.metric[:10]}" for t, ind in rows],
            },
            "series": [
                {
                    "type": "bar",
                    "name": "完成率",
                    "data": [round(100 * (ind.completion or 0), 1) for _, ind in rows],
                },
                {
                    # Each indicator's own 序时 share from the core (its deadline, its span).
                    "type": "scatter",
                    "name": "序时进度",
                    "symbol": "diamond",
                    "data": [round(100 * ind.schedule, 1) for _, ind in rows],
                },
            ],
        }
    )
    if dash.public:
        row_links = [tasks_url(dash) + f"#task-{t.seq}" for t, _ in rows]
    else:
        row_links = [reverse("task", args=[t.pk]) + f"?period={dash.period.pk}" for t, _ in rows]
    return {"option": option, "links": [row_links, row_links]}


def all_charts(dash: Dashboard, dark: bool = False) -> dict[str, dict]:
    return {
        "verdicts": verdict_chart(dash, dark),
        "sections": section_chart(dash, dark),
        "trends": trend_chart(dash, dark),
        "heat": heat_chart(dash, dark),
        "indicators": indicator_chart(dash, dark),
    }
