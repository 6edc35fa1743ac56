"""The interface text goes through Django's i18n: templates carry English msgids, the zh_Hans
catalog carries the Chinese. The catalog is complete (no empty or fuzzy msgstr), the committed
.mo says what the .po says, and pages render the Chinese with no English msgid leaking through."""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES"
PO = LC_MESSAGES / "django.po"
MO = LC_MESSAGES / "django.mo"


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)


def _entries() -> list[Entry]:
    """The .po's entries (header included), with their flags and unescaped fields."""
    entries, entry, key = [], None, None
    for number, raw in enumerate(PO.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            entry, key = None, None
            continue
        if entry is None:
            entry = Entry(number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#~"):
            raise AssertionError(f"{PO}:{number}: obsolete entry; delete it")
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry.fields[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry.fields[key] = ast.literal_eval(value)
    return entries


def _catalog_key(entry: Entry) -> str:
    msgid = entry.fields["msgid"]
    if "msgctxt" in entry.fields:
        return f"{entry.fields['msgctxt']}\x04{msgid}"
    return msgid


def _mo_catalog(path: Path) -> dict:
    with path.open("rb") as fp:
        return dict(gettext.GNUTranslations(fp)._catalog)


def test_the_catalog_has_no_empty_or_fuzzy_msgstr():
    entries = _entries()
    assert len(entries) > 100
    problems = []
    for entry in entries:
        strings = {k: v for k, v in entry.fields.items() if k.startswith("msgstr")}
        if "fuzzy" in entry.flags:
            problems.append(f"line {entry.line}: fuzzy")
        if not strings or any(not v for v in strings.values()):
            problems.append(f"line {entry.line}: empty msgstr for {entry.fields['msgid']!r}")
    assert not problems, f"{PO}: " + "; ".join(problems)
    assert "Plural-Forms: nplurals=1; plural=0;" in entries[0].fields["msgstr"]


def test_the_committed_mo_holds_every_translation_of_the_po():
    """Checked in Python, so it runs without gettext; the msgfmt test below compares byte-level."""
    catalog = _mo_catalog(MO)
    expected = {}
    for entry in _entries()[1:]:
        key = _catalog_key(entry)
        if "msgid_plural" in entry.fields:
            expected[(key, 0)] = entry.fields["msgstr[0]"]
        else:
            expected[key] = entry.fields["msgstr"]
    catalog.pop("", None)
    assert catalog == expected, "django.mo is stale: run `duban manage compilemessages`"


def test_the_committed_mo_matches_the_po_compiled_now(tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed, so the .po cannot be compiled here")
    fresh = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check-format", "-o", str(fresh), str(PO)], check=True)
    assert _mo_catalog(MO) == _mo_catalog(fresh), (
        "django.mo differs from django.po: run `duban manage compilemessages` and commit the .mo"
    )


def test_no_msgid_changes_what_django_or_an_app_says():
    """Our catalog comes first (LOCALE_PATHS), so a msgid Django also uses, such as "Search" in
    the admin, must keep Django's Chinese; otherwise pick another msgid or add a context."""
    import django
    from django.apps import apps

    theirs = [Path(django.__file__).parent / "conf" / "locale"]
    theirs += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    ours = _mo_catalog(MO)
    clashes = []
    for locale in theirs:
        mo = locale / "zh_Hans" / "LC_MESSAGES" / "django.mo"
        if locale.resolve() == LC_MESSAGES.parent.parent.resolve() or not mo.exists():
            continue
        for key, text in _mo_catalog(mo).items():
            if key and key in ours and ours[key] != text:
                clashes.append(f"{key!r}: {mo} says {text!r}, ours {ours[key]!r}")
    assert not clashes


def _english_sentences() -> list[str]:
    """The catalog's longer plain msgids: none of them may reach a page as such."""
    return [
        e.fields["msgid"]
        for e in _entries()[1:]
        if " " in e.fields["msgid"]
        and len(e.fields["msgid"]) >= 12
        and "%" not in e.fields["msgid"]
    ]


def _assert_no_msgid(body: str) -> None:
    leaked = [m for m in _english_sentences() if m in body]
    assert not leaked, f"English msgids on the page: {leaked}"


def test_the_plan_overview_renders_in_chinese_for_the_office(world, as_user):
    client = as_user(world.users["office"])
    url = reverse("plan", args=[world.plan.pk]) + f"?period={world.q3.pk}"
    body = client.get(url).content.decode()
    for chinese in (
        "2021年 · 2 个部分 · 3 项任务 · 当前报送期：",
        "<th>年度任务目标</th>",
        '<th class="units">责任单位</th>',
        "开启新一轮填报</a>",
        "督查通报（Word）</a>",
        "亮灯标准</a>",
        "共 2 项，",
        "项有进展",
    ):
        assert chinese in body
    for english in (
        "Annual target",
        "Responsible units",
        "Open a new reporting round",
        "Supervision bulletin",
        "Light thresholds",
        "sections",
        "with progress",
        "Year 2021",
    ):
        assert english not in body
    _assert_no_msgid(body)


@pytest.mark.parametrize(
    "page",
    ["task", "unit", "round", "reminders", "dashboard", "assessment", "lights", "tokens"],
)
def test_office_pages_render_no_english_msgid(world, as_user, page):
    client = as_user(world.users["office"])
    urls = {
        "task": reverse("task", args=[world.tasks[1].pk]) + f"?period={world.q4.pk}",
        "unit": reverse("unit", args=[world.units["区发改局"].pk]) + f"?period={world.q3.pk}",
        "round": reverse("round", args=[world.q4.pk]),
        "reminders": reverse("reminders", args=[world.q4.pk]),
        "dashboard": reverse("dashboard", args=[world.plan.pk]) + f"?period={world.q3.pk}",
        "assessment": reverse("assessment", args=[world.plan.pk]) + f"?period={world.q3.pk}",
        "lights": reverse("light_settings", args=[world.org.pk]),
        "tokens": reverse("api_tokens"),
    }
    response = client.get(urls[page])
    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r"[\u4e00-\u9fff]", body)
    _assert_no_msgid(body)
