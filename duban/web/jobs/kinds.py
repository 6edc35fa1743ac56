"""Every kind of background job in one table: its handler, time limit and number of tries.

A handler is `handler(job, ctx) -> dict | None`; the dict becomes the job's result. Handlers are
named by dotted path so that the web process never imports what only the worker runs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    handler: str
    label: str
    timeout: int = 300  # seconds; a running job older than this (plus grace) is taken again
    max_attempts: int = 3


KINDS: dict[str, Kind] = {
    "export": Kind("duban.web.jobs.exports.run_export", "导出文件", timeout=600),
    # One try: the file's bytes are deleted once read, whatever came of it.
    "upload_read": Kind(
        "duban.web.documents.jobs.read_upload", "读取上传文件", timeout=180, max_attempts=1
    ),
    "search_reindex": Kind(
        "duban.web.search.jobs.reindex", "重建检索索引", timeout=3600, max_attempts=2
    ),
    "judgement_warm": Kind("duban.web.verdicts.jobs.warm", "预先研判", timeout=900, max_attempts=2),
    "notices_due": Kind("duban.web.notices.jobs.notices_due", "生成到期提醒", timeout=300),
    "notice_deliver": Kind(
        "duban.web.notices.jobs.deliver", "发送通知", timeout=120, max_attempts=5
    ),
    "weekly_summary": Kind("duban.web.notices.jobs.weekly_summary", "每周汇总", timeout=300),
    "backup": Kind(
        "duban.web.jobs.housekeeping.nightly_backup", "夜间备份", timeout=3600, max_attempts=2
    ),
    "cleanup": Kind("duban.web.jobs.housekeeping.cleanup", "清理过期文件", timeout=900),
}


def kind_of(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"no such job kind: {name!r}") from None
