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


def import_document(
    path: Path, org: str | None, *, units_file: Path | None = None, quiet: bool = False
) -> list[str]:
    """Parse a document and load it; returns the summary lines.

    The units file (--units FILE, else <stem>.units.toml beside the document) joins the
    organization's units first; the document is then read with the organization's registry.
    """
    return _import(path, org, units_file, quiet)[1]


def _import(path: Path, org: str | None, units_file: Path | None, quiet: bool):
    from django.db import transaction
    from rich.progress import Progress

    from duban.core.importers.safety import read_untrusted
    from duban.core.units import level_of, load_units_file, units_beside
    from duban.web.orgs.models import Organization
    from duban.web.orgs.selectors import org_registry
    from duban.web.orgs.services import units_apply
    from duban.web.plans.services import plan_import

    from_file = load_units_file(units_file) if units_file else units_beside(path)
    name = org or from_file.organization
    if name is None:  # the document says which organization it is
        name = read_untrusted(path, units=from_file).district
    name = (name or "").strip()
    with transaction.atomic():  # the units and the plan, or nothing
        registry = from_file
        if name:
            organization, _ = Organization.objects.get_or_create(
                name=name, defaults={"level": from_file.level or level_of(name) or ""}
            )
            units_apply(organization, from_file)
            registry = org_registry(organization)
        plan = read_untrusted(path, units=registry)
        with Progress(transient=True, disable=quiet) as bar:
            job = bar.add_task(f"导入 {path.name}", total=len(plan.tasks))
            summary = plan_import(
                plan,
                organization_name=name or None,
                source=str(path),
                progress=lambda n: bar.advance(job, n),
            )
    lines = summary.lines()
    if not summary.changed:
        lines.append("数据库中已有相同内容，没有改动。")
    from duban.web.documents.wording import warning_sentence

    for w in plan.warnings:
        lines.append(f"提示 第{w.line}行：{warning_sentence(w)}")
    return summary, lines


def parse_moment(text: str | None):
    """An aware datetime from YYYY-MM-DD[THH:MM] in the configured time zone, or None."""
    if not text:
        return None
    import datetime as dt

    from django.utils import timezone

    from duban.core.errors import DubanError

    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise DubanError(f"时间应写作 YYYY-MM-DDTHH:MM，而不是 {text!r}") from exc
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def demo_setup(accounts_file: Path) -> list[str]:
    """Migrate, import the example, (re)create demo accounts; returns what to tell the user."""
    from duban.web.accounts.services import demo_accounts_create
    from duban.web.orgs.models import Organization

    migrate()
    summary, lines = _import(EXAMPLE, None, None, quiet=True)
    org = Organization.objects.get(name=summary.organization)
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


def _server_command(bind: str, dev: bool) -> list[str]:
    if dev:
        return [sys.executable, "-m", "duban.web", "runserver", bind]
    return [
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
    ]


def serve(port: int, dev: bool, with_worker: bool = False) -> None:
    """runserver for development, gunicorn otherwise. Alone it replaces this process; with a
    worker (`make demo`) both run as children, and stopping one (Ctrl-C, SIGTERM) stops both,
    the worker finishing its running job first."""
    bind = f"127.0.0.1:{port}"
    click.echo(f"督办 serving on http://{bind}/  (Ctrl-C to stop)")
    command = _server_command(bind, dev)
    if not with_worker:
        os.execv(command[0], command)
    import signal
    import subprocess

    duban = [sys.executable, "-c", "from duban.cli import main; main()"]
    worker = subprocess.Popen([*duban, "worker"])
    click.echo(f"后台任务进程已启动（pid {worker.pid}）")
    server = subprocess.Popen(command)

    def stop(signum: int, frame: object) -> None:
        for child in (server, worker):
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while server.poll() is None and worker.poll() is None:
            try:
                server.wait(timeout=1)
            except subprocess.TimeoutExpired:
                continue
    finally:
        stop(signal.SIGTERM, None)
        for child in (server, worker):
            try:
                child.wait(timeout=120)  # the worker's running job: an export takes seconds
            except subprocess.TimeoutExpired:
                child.kill()
    sys.exit(server.returncode or 0)
