"""The `duban` command line. Core errors become one sentence on stderr and exit code 2."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from duban.core.errors import DubanError


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


@click.group()
@click.version_option(package_name="duban")
def main() -> None:
    """duban (督办): import, judge and publish the follow-up of work-report targets."""


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON.")
@click.option("--debug", is_flag=True, help="Print every classified line (importer layers).")
@click.option("--district", default=None, help="District name when the document does not say.")
@friendly_errors
def parse(path: Path, as_json: bool, debug: bool, district: str | None) -> None:
    """Read a document (.txt, .docx, .xlsx, .pdf) and print what was understood."""
    from duban.core.importers import read_plan
    from duban.core.model import plan_to_dict

    if debug:
        from duban.core.importers.text_pdf import debug_lines

        for row in debug_lines(path):
            click.echo(row)
        return
    plan = read_plan(path, district=district)
    if as_json:
        emit_json(plan_to_dict(plan))
        return
    from duban.core.summary import plan_summary

    click.echo(plan_summary(plan))


if __name__ == "__main__":  # pragma: no cover
    main()
