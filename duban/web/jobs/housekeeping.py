"""Nightly work of the deployment itself: the backup (through the backup service of
duban/web/backup.py, kept DUBAN_BACKUP_KEEP deep) and the sweep of outdated files and rows."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from duban.web.jobs.models import Job
from duban.web.jobs.schedule import Due, backup_hour, hour_reached

BACKUP_PREFIX = "duban-"
KEEP_FINISHED_DAYS = 30  # a finished export's file and its job; notices are kept for ever


def due(now: datetime) -> list[Due]:
    day = timezone.localdate(now)
    items = [Due("cleanup", f"cleanup:{day.isoformat()}", f"{day} 清理过期文件")]
    if hour_reached(now, backup_hour()):
        items.append(Due("backup", f"backup:{day.isoformat()}", f"{day} 夜间备份"))
    return items


def backup_dir() -> Path:
    return Path(getattr(settings, "DUBAN_BACKUP_DIR", "") or Path(settings.VAR_DIR) / "backups")


def backup_keep() -> int:
    return int(getattr(settings, "DUBAN_BACKUP_KEEP", 7))


def nightly_backup(job: Job, ctx) -> dict:
    """One backup file per day (re-running the day's job rewrites the same file), the oldest
    beyond DUBAN_BACKUP_KEEP removed."""
    from duban.web.backup import backup

    folder = backup_dir()
    folder.mkdir(parents=True, exist_ok=True)  # `duban backup` itself refuses a missing folder
    name = f"{BACKUP_PREFIX}{job.key.split(':', 1)[1]}.backup"
    ctx.progress(10, "备份数据库")
    path = backup(folder / name)
    kept = sorted(folder.glob(f"{BACKUP_PREFIX}*.backup"))
    removed = [p.name for p in kept[: max(len(kept) - backup_keep(), 0)]]
    for old in removed:
        (folder / old).unlink(missing_ok=True)
    return {"file": str(path), "size": path.stat().st_size, "removed": removed}


def cleanup(job: Job, ctx) -> dict:
    """Delete the files of exports finished more than KEEP_FINISHED_DAYS ago (and their jobs),
    and queue rows of finished attempts older than that."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timedelta(days=KEEP_FINISHED_DAYS)
    old = Job.objects.filter(finished_at__lt=cutoff).exclude(kind__in=("notice_deliver",))
    files = 0
    for stored in old.values_list("result", flat=True):
        name = (stored or {}).get("file")
        if name and default_storage.exists(name):
            default_storage.delete(name)
            files += 1
    jobs, _ = old.delete()
    rows, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return {"files": files, "jobs": jobs, "queue_rows": rows}
