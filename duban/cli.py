"""The `duban` command line. Core errors become one sentence on stderr and exit code 2."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from duban.core.errors import DubanError, InputError


def friendly_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a DubanError into one readable line and exit code 2, never a traceback."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DubanError as exc:
            click.echo(f"错误 error: {exc}", err=True)
            sys.exit(2)

    return wrapper


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def units_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--units FILE: the organization's units file (TOML), else <stem>.units.toml beside."""
    return click.option(
        "--units",
        "units_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="The organization's units file (TOML); default: <stem>.units.toml beside the document.",
    )(fn)


def registry_for(document: Path, units_file: Path | None):
    """The registry a command reads a document with: --units FILE, the file beside, or none."""
    from duban.core.units import load_units_file, units_beside

    return load_units_file(units_file) if units_file else units_beside(document)


@click.group()
@click.version_option(package_name="duban")
def main() -> None:
    """duban (督办): import, judge and publish the follow-up of work-report targets."""


def _debug_lines(path: Path, units) -> list[str]:
    return list(_debug_rows(path, units))


def _debug_rows(path: Path, units):
    """The importer's layers for a text file: its layout, then what each layer made of it."""
    from duban.core.importers.layouts.detect import debug_layout, detect_layout
    from duban.core.importers.layouts.lines import decode
    from duban.core.importers.layouts.pdf_text import debug_lines
    from duban.core.importers.table_debug import TABLE_SUFFIXES, debug_table

    if path.suffix.lower() in TABLE_SUFFIXES:
        yield from debug_table(path)
        return
    if path.suffix.lower() not in (".txt", ".text", ".md", ""):
        raise InputError("--debug shows the layers of text files only", source=str(path))
    text = decode(path.read_bytes(), str(path))
    if detect_layout(text) == "pdf":
        yield "layout: pdf"
        yield from debug_lines(path, units)
    else:
        yield from debug_layout(text, str(path))


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@click.option("--debug", is_flag=True, help="Print every classified line (importer layers).")
@click.option("--district", default=None, help="District name when the document does not say.")
@units_option
@friendly_errors
def parse(
    path: Path, as_json: bool, debug: bool, district: str | None, units_file: Path | None
) -> None:
    """Read a document (.txt, .docx, .xlsx, .pdf) and print what was understood."""
    from duban.core.importers.safety import read_untrusted
    from duban.core.model import plan_to_dict

    units = registry_for(path, units_file)
    if debug:
        from functools import partial

        from duban.core.importers.safety import LIMITS, read_isolated

        lines = partial(_debug_lines, units=units)
        for row in read_isolated(
            lines, path, memory_mb=LIMITS.read_memory_mb, seconds=LIMITS.read_seconds
        ):
            click.echo(row)
        return
    plan = read_untrusted(path, district=district, units=units)
    if as_json:
        emit_json(plan_to_dict(plan))
        return
    from duban.core.summary import plan_summary

    click.echo(plan_summary(plan))


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the judgement as JSON.")
@click.option(
    "--previous",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The previous period's document, to flag unchanged reports.",
)
@click.option("--district", default=None, help="District name when the document does not say.")
@units_option
@friendly_errors
def judge(
    path: Path,
    as_json: bool,
    previous: Path | None,
    district: str | None,
    units_file: Path | None,
) -> None:
    """Judge every task against its targets and the schedule (序时进度), with evidence and flags."""
    from duban.core.importers.safety import read_untrusted
    from duban.core.judgement import judge_plan, judgement_to_dict

    units = registry_for(path, units_file)
    before = read_untrusted(previous, district=district, units=units) if previous else None
    judged = judge_plan(read_untrusted(path, district=district, units=units), before)
    if judged.notice:
        click.echo(judged.notice, err=True)
    if as_json:
        emit_json(judgement_to_dict(judged))
        return
    from duban.core.judgement.labels import flag_label, verdict_label

    for t in judged.tasks:
        flags = "".join(f" [{flag_label(f.kind)}]" for f in t.flags)
        label = verdict_label(t.verdict) if t.judged else "不作研判"
        click.echo(f"{t.seq:>3} {label}  {t.explanation}{flags}")


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["docx", "xlsx", "pdf"]), required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--district", default=None, help="District name when the document does not say.")
@units_option
@friendly_errors
def export(path: Path, fmt: str, out: Path, district: str | None, units_file: Path | None) -> None:
    """Write the progress table (落实情况表) of a document as Word, Excel or PDF."""
    from duban.core.importers.safety import read_untrusted
    from duban.core.render.export import export_table

    plan = read_untrusted(path, district=district, units=registry_for(path, units_file))
    out.write_bytes(export_table(plan, fmt))
    click.echo(f"wrote {out}")


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf"]), default="docx")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--issue-no", type=int, default=None, help="第N期 of the bulletin series.")
@click.option("--date", "issued", default=None, help="Date of issue, YYYY-MM-DD (default today).")
@click.option(
    "--office", default=None, help="Issuing office (default: 〈district〉人民政府督查室)."
)
@click.option("--basis", default=None, help="Number of the decomposition document (…〔2021〕5号).")
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The office's wording (a copy of duban/core/render/bulletin_template.toml).",
)
@click.option("--unit", default=None, help="A one-unit report for this unit instead.")
@click.option("--district", default=None, help="District name when the document does not say.")
@units_option
@friendly_errors
def bulletin(
    path: Path,
    fmt: str,
    out: Path,
    issue_no: int | None,
    issued: str | None,
    office: str | None,
    basis: str | None,
    template: Path | None,
    unit: str | None,
    district: str | None,
    units_file: Path | None,
) -> None:
    """Write the supervision bulletin (督查通报) of a document, or one unit's report, as Word or PDF."""
    from duban.core.importers.safety import read_untrusted
    from duban.core.render.export import export_bulletin

    plan = read_untrusted(path, district=district, units=registry_for(path, units_file))
    data = export_bulletin(
        plan,
        fmt,
        issue_no=issue_no,
        issued=issued,
        office=office,
        basis_no=basis,
        template=template,
        unit=unit,
    )
    out.write_bytes(data)
    click.echo(f"wrote {out}")


@main.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--org", default=None, help="Organization (district) name when the document does not say."
)
@units_option
@friendly_errors
def import_(path: Path, org: str | None, units_file: Path | None) -> None:
    """Load a document into the database as a plan and its period (one transaction, idempotent).

    The units file's decisions (aliases, kinds, groups) join the organization's units first.
    """
    from duban.web.cli_commands import django_setup, import_document

    django_setup()
    for line in import_document(path, org, units_file=units_file):
        click.echo(line)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@friendly_errors
def backup(file: Path) -> None:
    """Copy the whole database to FILE, consistent while the app runs."""
    from duban.web.cli_commands import django_setup

    django_setup()
    from duban.web.backup import backup as run
    from duban.web.backup import fingerprints

    run(file)
    rows = sum(n for n, _ in fingerprints().values())
    click.echo(f"已备份到 {file}（{file.stat().st_size:,} 字节，{rows:,} 行）")


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@friendly_errors
def restore(file: Path) -> None:
    """Replace the database's content with a backup made by `duban backup`.

    The file is checked in full first (a wrong, empty or damaged file changes nothing), and the
    database as it was is kept under var/backups/ before it is replaced."""
    from duban.web.cli_commands import django_setup

    django_setup()
    from duban.web.backup import fingerprints
    from duban.web.backup import restore as run

    done = run(file)
    rows = sum(n for n, _ in fingerprints().values())
    click.echo(f"已从 {file} 恢复（{rows:,} 行）")
    if done.migrated:
        click.echo("备份来自较早版本，已升级数据表")
    if done.safety_copy is not None:
        click.echo(f"恢复前的数据库已另存为 {done.safety_copy}")


@main.command("demo-setup")
@click.option("--accounts-file", default="var/demo-accounts.txt", type=click.Path(path_type=Path))
@friendly_errors
def demo_setup(accounts_file: Path) -> None:
    """Migrate, import the example, create demo accounts (office, leader, one per unit)."""
    from duban.web.cli_commands import demo_setup as run
    from duban.web.cli_commands import django_setup

    django_setup()
    for line in run(accounts_file):
        click.echo(line)


@main.command()
@click.option("--port", envvar="PORT", default=8000, show_default=True, type=int)
@click.option("--dev", is_flag=True, help="Django's runserver instead of gunicorn.")
@click.option("--with-worker", is_flag=True, help="Run `duban worker` beside, stopped with it.")
def serve(port: int, dev: bool, with_worker: bool) -> None:
    """Serve the web application on 127.0.0.1:$PORT."""
    from duban.web.cli_commands import serve as run

    run(port, dev, with_worker)


@main.command()
@click.option("--burst", is_flag=True, help="Run the jobs that are ready, then stop.")
@click.option("--no-scheduler", is_flag=True, help="Leave scheduled work to `duban tick`.")
@click.option("--interval", default=1.0, show_default=True, help="Seconds between polls when idle.")
def worker(burst: bool, no_scheduler: bool, interval: float) -> None:
    """Run background jobs (exports, notices, backups) until SIGTERM; the running job finishes."""
    from duban.web.cli_commands import django_setup

    django_setup()
    from duban.web.jobs.worker import Worker

    Worker(interval=interval, scheduler=not no_scheduler and not burst, stop_when_idle=burst).run()


@main.command()
@click.option("--at", "at", default=None, help="Act as if it were this moment (YYYY-MM-DDTHH:MM).")
@friendly_errors
def tick(at: str | None) -> None:
    """Queue the scheduled work that is due (reminders, summaries, backup); for cron or a timer."""
    from duban.web.cli_commands import django_setup

    django_setup()
    from duban.web.cli_commands import parse_moment
    from duban.web.jobs.schedule import tick as run

    keys = run(parse_moment(at))
    click.echo(f"已排队或已存在 {len(keys)} 项定时工作")


@main.command()
@click.option("--plan", "plan_id", type=int, default=None, help="Only this plan (its id).")
def reindex(plan_id: int | None) -> None:
    """Queue a rebuild of the search index (every plan, or one) for `duban worker`."""
    from duban.web.cli_commands import django_setup

    django_setup()
    from django.utils import timezone

    from duban.web.jobs.services import job_enqueue

    minute = timezone.now().isoformat(timespec="minutes")
    job = job_enqueue(
        "search_reindex",
        f"reindex:{plan_id or 'all'}:{minute}",
        label="重建检索索引",
        params={"plan": plan_id},
    )
    click.echo(f"已排队：后台任务 {job.pk}（{job.get_state_display()}）")


@main.command(context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Django's manage.py (migrate, createsuperuser, shell, ...)."""
    from duban.web.__main__ import main as django_main

    django_main(list(args))


@main.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write here (docs/openapi.json is the committed copy); standard output without it.",
)
def openapi(out: Path | None) -> None:
    """Print or write the JSON API's OpenAPI schema, as served at /api/v1/openapi.json."""
    from duban.web.api.openapi import openapi_text
    from duban.web.cli_commands import django_setup

    django_setup()
    text = openapi_text()
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}")


if __name__ == "__main__":  # pragma: no cover
    main()
