"""The web side of the `duban` command: import, demo-setup, serve, manage.

Kept here so duban/cli.py only registers them; Django is imported when a command runs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "yicheng-2021-q3.txt"


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.web.settings")
    import django

    django.setup()


def import_document(path: Path, org: str | None, *, quiet: bool = False) -> list[str]:
    """Parse a document and load it; returns the summary lines."""
    from rich.progress import Progress

    from duban.core.importers import read_plan
    from duban.web.plans.services import plan_import

    plan = read_plan(path)
    with Progress(transient=True, disable=quiet) as bar:
        job = bar.add_task(f"导入 {path.name}", total=len(plan.tasks))
        summary = plan_import(
            plan, organization_name=org, source=str(path), progress=lambda n: bar.advance(job, n)
        )
    lines = summary.lines()
    if not summary.changed:
        lines.append("数据库中已有相同内容，没有改动。")
    for w in plan.warnings:
        lines.append(f"提示 第{w.line}行：{w.message}")
    return lines


def migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def demo_setup(accounts_file: Path) -> list[str]:
    """Migrate, import the example, (re)create demo accounts; returns what to tell the user."""
    from duban.web.accounts.services import demo_accounts_create
    from duban.web.orgs.models import Organization

    migrate()
    lines = import_document(EXAMPLE, None, quiet=True)
    org = Organization.objects.get(name="峄城区")
    accounts = demo_accounts_create(org)
    accounts_file.parent.mkdir(parents=True, exist_ok=True)
    accounts_file.write_text("".join(a.line() + "\n" for a in accounts), encoding="utf-8")
    accounts_file.chmod(0o600)
    office, leader, unit = accounts[0], accounts[1], accounts[2]
    return [
        *lines,
        f"演示账号 {len(accounts)} 个，已写入 {accounts_file}（每行：角色 用户名 密码 单位）",
        f"  督查室：{office.username} / {office.password}",
        f"  领导：  {leader.username} / {leader.password}",
        f"  单位：  {unit.username} / {unit.password}（{unit.unit}）",
        "登录地址：/accounts/login/",
    ]


def serve(port: int, dev: bool) -> None:
    """runserver for development, gunicorn otherwise; replaces this process."""
    bind = f"127.0.0.1:{port}"
    click.echo(f"督办 serving on http://{bind}/  (Ctrl-C to stop)")
    if dev:
        os.execv(sys.executable, [sys.executable, "-m", "duban.web", "runserver", bind])
    os.execv(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "duban.web.wsgi",
            "--bind",
            bind,
            "--workers",
            "2",
            "--threads",
            "4",
            "--access-logfile",
            "-",
        ],
    )
