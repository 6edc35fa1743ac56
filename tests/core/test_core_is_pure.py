"""The core never imports Django: it must stay usable and testable without a server."""

import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "duban" / "core"


def test_it_has_no_django_import_in_any_core_module():
    offenders = [
        str(p.relative_to(CORE))
        for p in CORE.rglob("*.py")
        if any(
            line.lstrip().startswith(("import django", "from django"))
            for line in p.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []


def test_it_parses_the_example_without_loading_django():
    code = (
        "import sys; from duban.core.importers import read_plan; "
        "read_plan('examples/yicheng-2021-q3.txt'); "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=CORE.parent.parent,
    )
    assert out.stdout.strip() == "False"
