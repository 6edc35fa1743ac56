"""Load test: N simulated unit reporters log in and submit their reports during one round,
against gunicorn on 127.0.0.1, on SQLite (WAL) and on PostgreSQL.

    python scripts/load.py [--db sqlite|postgres|both] [--profile round|rush|both]
                           [--reporters 200] [--workers 2 --threads 4]

Bounded and loopback only: the server binds 127.0.0.1, the data lives in a temporary folder
(SQLite) or a scratch database `duban_load` (PostgreSQL), and everything stops at the end.

Two profiles, each on its own open period (every slot is submitted once per profile):
- round: what a deadline day looks like, compressed. The reporters arrive spread over --window
  seconds (300: everyone within five minutes) and log in through the form; each opens their
  list, then for each of their slots opens the editor, writes for --write-min..--write-max
  seconds (20-60) while the editor autosaves whenever they pause (every 5-15 s), and submits.
- rush: the stress figure. --form-logins reporters log in through the form over --ramp
  seconds; then all reporters at once (the others with a session made at setup) open their
  list and, for each slot, open the editor and submit a new text, pausing 0..2×--think seconds
  (mean 3) before each click. No autosave.
Like a browser, a submission's redirect to the list (/my/) and a log-in's to the home page are
followed. Afterwards the database is read directly: every accepted submission must be stored
exactly once (the report holds the text, state submitted, and exactly one version in state
submitted carries it).

The client is one asyncio loop speaking HTTP/1.1 over keep-alive connections (one per
reporter, as a browser tab), so that its own CPU (printed) stays small beside the server's.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import platform
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from loadclient import Browser, Response, Results
from loadmeter import Meter, _line, _quantiles

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = os.environ.get("DUBAN_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_LOAD = "postgresql://postgres@127.0.0.1:5432/duban_load"
KEEP_ALIVE = 75  # gunicorn's idle keep-alive, s; the client reconnects after IDLE_REOPEN

SETUP = r"""
import json, sys, django
django.setup()
from django.contrib.auth import get_user_model
from duban.web.accounts.models import Membership
from duban.web.accounts.services import membership_grant
from duban.web.cli_commands import import_document, migrate, EXAMPLE
from duban.web.orgs.models import Unit
from duban.web.plans.models import Plan, Report
from duban.web.rounds.services import round_open

n = int(sys.argv[1])
migrate()
import_document(EXAMPLE, None, quiet=True)
plan = Plan.objects.get()
office = get_user_model().objects.create_superuser("load-office", password=None)
# One open period per profile, so each profile submits every slot once.
periods = {
    "round": round_open(plan, label="11月", end_month=11, kind="month", actor=office).period,
    "rush": round_open(plan, label="第四季度", end_month=12, actor=office).period,
}
load = {}
for unit in Report.objects.filter(period=periods["round"]).values_list("unit_id", flat=True):
    if unit is not None:
        load[unit] = load.get(unit, 0) + 1
units = sorted(load)
# Every unit gets one reporter, the others go to the units with the most slots per reporter
# (a unit with more tasks has more staff reporting); a unit's reporters share its slots, so
# each slot belongs to exactly one reporter and "stored exactly once" can be checked.
staff = {u: 1 for u in units}
for _ in range(n - len(units)):
    busiest = max(units, key=lambda u: load[u] / staff[u])
    staff[busiest] += 1
people = [(f"load{i:03d}", u) for i, u in enumerate(u for u in units for _ in range(staff[u]))][:n]
by_unit = {}
for name, unit in people:
    by_unit.setdefault(unit, []).append(name)
assignment = {}
for profile, period in periods.items():
    slots = list(Report.objects.filter(period=period).order_by("unit_id", "pk").values_list("pk", "unit_id"))
    mine = {name: [] for name, _ in people}
    for unit, names in by_unit.items():
        for i, pk in enumerate(pk for pk, u in slots if u == unit):
            mine[names[i % len(names)]].append(pk)
    assignment[profile] = mine
for name, unit in people:
    membership_grant(username=name, password="load-" + name, organization=plan.organization,
                     role=Membership.Role.UNIT, unit=Unit.objects.get(pk=unit),
                     hasher="duban_demo_pbkdf2")
print(json.dumps({"assignment": assignment, "units": len(units)}))
"""

# Sessions for the rush's reporters who do not log in through the form (see --form-logins),
# made just before it: a log-in in the round rehashes the password, which ends older sessions.
SESSIONS = r"""
import json, sys, django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends.db import SessionStore
from django.conf import settings
from django.utils.module_loading import import_string
# The backend a form log-in goes through (the project's password backend), else sessions it
# does not know are anonymous.
backend = next(
    path for path in settings.AUTHENTICATION_BACKENDS
    if isinstance(import_string(path), type) and issubclass(import_string(path), ModelBackend)
)
sessions = {}
for user in get_user_model().objects.filter(username__in=sys.argv[1].split(",")):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = backend
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    sessions[user.username] = store.session_key
print(json.dumps(sessions))
"""

VERIFY = r"""
import json, sys, django
django.setup()
from duban.web.plans.models import Report, ReportVersion
expected = json.load(open(sys.argv[1]))
problems = []
for pk, text in expected.items():
    r = Report.objects.get(pk=int(pk))
    # A submission is one version in state submitted (draft saves before it are others).
    submitted = list(ReportVersion.objects.filter(report=r, state="submitted").values_list("text", flat=True))
    if r.text != text or r.state != "submitted" or submitted != [text]:
        problems.append(f"report {pk}: state={r.state} text_ok={r.text == text} submitted_versions={len(submitted)}")
print(json.dumps({"checked": len(expected), "problems": problems}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _python(env: dict, code: str, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"setup failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _prepare_postgres() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS duban_load WITH (FORCE)")
        admin.execute("CREATE DATABASE duban_load")


def _field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"', page)
    return found.group(1) if found else ""


async def _log_in(results: Results, browser: Browser, name: str) -> bool:
    page = await results.timed(browser, "login page", "GET", "/accounts/login/")
    if page is None:
        return False
    form = {
        "username": name,
        "password": "load-" + name,
        "csrfmiddlewaretoken": _field(page.body, "csrfmiddlewaretoken"),
    }
    answer = await results.timed(browser, "login", "POST", "/accounts/login/", form, expect=302)
    if answer is None:
        return False
    return await results.timed(browser, "home", "GET", answer.headers["location"]) is not None


async def _submit(
    results: Results, browser: Browser, pk: int, text: str, editor: Response, version: str
) -> None:
    form = {
        "csrfmiddlewaretoken": _field(editor.body, "csrfmiddlewaretoken"),
        "text": text,
        "version": version,
        "submit": "1",
    }
    answer = await results.timed(browser, "submit", "POST", f"/reports/{pk}/edit/", form, 302)
    if answer is not None:
        results.sent[str(pk)] = text
        await results.timed(browser, "my tasks", "GET", answer.headers["location"])


async def _round_reporter(
    results: Results, base: tuple[str, int], name: str, slots: list[int], arrive: float, a: Args
) -> None:
    await asyncio.sleep(arrive)
    browser = Browser(*base)
    try:
        if not await _log_in(results, browser, name):
            return
        await results.timed(browser, "my tasks", "GET", "/my/")
        for pk in slots:
            editor = await results.timed(browser, "editor", "GET", f"/reports/{pk}/edit/")
            if editor is None:
                continue
            version = _field(editor.body, "version")
            text = f"{name}11月进展：第{pk}号任务"
            writing = random.uniform(a.write_min, a.write_max)
            while True:
                pause = random.uniform(5, 15)  # typing until a pause fires the autosave
                if pause >= writing:
                    break
                writing -= pause
                await asyncio.sleep(pause)
                text += f"已完成年度目标的{random.randint(1, 99)}%，"
                form = {
                    "csrfmiddlewaretoken": _field(editor.body, "csrfmiddlewaretoken"),
                    "text": text,
                    "version": version,
                }
                saved = await results.timed(
                    browser, "autosave", "POST", f"/reports/{pk}/autosave/", form
                )
                if saved is not None:
                    version = _field(saved.body, "version") or version
            await asyncio.sleep(writing)
            text += "负载测试报送。"  # the last words, submitted before the next autosave
            await _submit(results, browser, pk, text, editor, version)
    finally:
        await browser.close()


async def _rush_reporter(
    results: Results,
    base: tuple[str, int],
    name: str,
    slots: list[int],
    browser: Browser,
    start: asyncio.Event,
    think: float,
) -> None:
    await start.wait()  # everyone at once: the deadline
    try:
        await results.timed(browser, "my tasks", "GET", "/my/")
        for pk in slots:
            await asyncio.sleep(random.uniform(0, 2 * think))
            editor = await results.timed(browser, "editor", "GET", f"/reports/{pk}/edit/")
            if editor is None:
                continue
            await asyncio.sleep(random.uniform(0, 2 * think))
            text = f"{name}第四季度进展：第{pk}号任务已完成年度目标的{pk % 100}%，压力测试报送。"
            await _submit(results, browser, pk, text, editor, _field(editor.body, "version"))
    finally:
        await browser.close()


async def _rush_log_in(
    results: Results, base: tuple[str, int], name: str, delay: float
) -> Browser | None:
    await asyncio.sleep(delay)
    browser = Browser(*base)
    return browser if await _log_in(results, browser, name) else None


@dataclass
class Args:
    write_min: float
    write_max: float


async def _run_profile(
    profile: str,
    base: tuple[str, int],
    setup: dict,
    a: argparse.Namespace,
    pid: int,
    env: dict,
) -> tuple[Results, dict]:
    results = Results()
    assignment = setup["assignment"][profile]
    names = sorted(assignment)
    meter = Meter(pid)
    if profile == "round":
        arrivals = sorted(random.uniform(0, a.window) for _ in names)
        random.shuffle(names)
        args = Args(a.write_min, a.write_max)
        await asyncio.gather(
            *(
                _round_reporter(results, base, n, assignment[n], t, args)
                for n, t in zip(names, arrivals, strict=True)
            )
        )
        return results, {"phase": meter.stop()}
    by_form = names[: a.form_logins]
    logged = await asyncio.gather(
        *(
            _rush_log_in(results, base, n, a.ramp * i / max(1, len(by_form)))
            for i, n in enumerate(by_form)
        )
    )
    login_phase = meter.stop()
    browsers = {n: b for n, b in zip(by_form, logged, strict=True) if b is not None}
    others = names[a.form_logins :]
    sessions = _python(env, SESSIONS, ",".join(others)) if others else {}
    for n in others:
        browsers[n] = Browser(*base)
        browsers[n].cookies["sessionid"] = sessions[n]
    start = asyncio.Event()
    meter = Meter(pid)
    tasks = [
        asyncio.ensure_future(_rush_reporter(results, base, n, assignment[n], b, start, a.think))
        for n, b in browsers.items()
    ]
    await asyncio.sleep(0)
    start.set()
    await asyncio.gather(*tasks)
    return results, {"log-in": login_phase, "phase": meter.stop()}


def run(db: str, args: argparse.Namespace) -> list[dict]:
    var = Path(tempfile.mkdtemp(prefix=f"duban-load-{db}-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="duban.web.settings",
        DUBAN_VAR_DIR=str(var),
        DUBAN_SECRET_KEY="load-" + "k" * 50,
        DUBAN_DEBUG="0",
    )
    if db == "postgres":
        _prepare_postgres()
        env["DATABASE_URL"] = PG_LOAD
    print(f"[{db}] setting up: import the example, open two periods, {args.reporters} reporters …")
    setup = _python(env, SETUP, str(args.reporters))
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "duban.web.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--timeout",
            "120",
            "--keep-alive",
            str(KEEP_ALIVE),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    out: list[dict] = []
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        # A server that has been running: each worker has imported its views and templates.
        for _ in range(4 * args.workers):
            warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            warm.request("GET", "/accounts/login/")
            warm.getresponse().read()
            warm.close()
        for profile in args.profiles:
            results, phases = asyncio.run(
                _run_profile(profile, ("127.0.0.1", port), setup, args, server.pid, env)
            )
            out.append(_report(db, profile, setup, results, phases, args, env, var))
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(var, ignore_errors=True)
    return out


def _report(
    db: str,
    profile: str,
    setup: dict,
    results: Results,
    phases: dict,
    args: argparse.Namespace,
    env: dict,
    var: Path,
) -> dict:
    expected_file = var / f"sent-{profile}.json"
    expected_file.write_text(json.dumps(results.sent, ensure_ascii=False))
    check = _python(env, VERIFY, str(expected_file))
    slots = sum(len(v) for v in setup["assignment"][profile].values())
    pages = [ms for kind, v in results.ms.items() if kind != "login" for ms in v]
    result = {
        "db": db,
        "profile": profile,
        "reporters": len(setup["assignment"][profile]),
        "slots": slots,
        "requests": sum(len(v) for v in results.ms.values()),
        "errors": len(results.errors),
        "not_sent": slots - len(results.sent),
        "stored_problems": len(check["problems"]),
        "timings": {k: _quantiles(v) for k, v in sorted(results.ms.items())},
        "pages": _quantiles(pages),
        "all": _quantiles([ms for v in results.ms.values() for ms in v]),
        **phases,
    }
    phase = result["phase"]
    print(
        f"[{db} {profile}] {result['reporters']} reporters, {slots} slots, "
        f"{result['requests']} requests in {phase['seconds']} s "
        f"({result['requests'] / max(phase['seconds'], 1e-9):.1f}/s); CPU: server "
        f"{phase['server_cpu_s']} s, PostgreSQL {phase['db_cpu_s']} s, client "
        f"{phase['client_cpu_s']} s, machine busy "
        f"{phase['machine_busy']:.0%}"
    )
    for kind, q in result["timings"].items():
        print(f"[{db} {profile}]   {kind:11s} {_line(q)}")
    print(f"[{db} {profile}]   pages       {_line(result['pages'])}  (all but the log-in POST)")
    print(f"[{db} {profile}]   all         {_line(result['all'])}")
    print(
        f"[{db} {profile}]   errors {len(results.errors)}, submissions not accepted "
        f"{result['not_sent']}, stored wrongly {len(check['problems'])} "
        f"(checked {check['checked']})"
    )
    for message in (results.errors + check["problems"])[:10]:
        print(f"[{db} {profile}]     {message}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--profile", choices=["round", "rush", "both"], default="both")
    parser.add_argument("--reporters", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--window", type=float, default=300.0, help="round: seconds over which reporters arrive"
    )
    parser.add_argument("--write-min", type=float, default=20.0, help="round: seconds writing")
    parser.add_argument("--write-max", type=float, default=60.0)
    parser.add_argument(
        "--form-logins",
        type=int,
        default=20,
        help="rush: reporters who log in through the form (each costs one PBKDF2 hash, "
        "~1.8 s of CPU here); the others start with a session made at setup",
    )
    parser.add_argument("--ramp", type=float, default=30.0, help="rush: seconds of log-ins")
    parser.add_argument(
        "--think",
        type=float,
        default=3.0,
        help="rush: mean seconds a reporter spends between clicks (uniform 0..2×)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    args.profiles = ["round", "rush"] if args.profile == "both" else [args.profile]
    random.seed(args.seed)
    load = os.getloadavg()
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; load average {load[0]:.2f} {load[1]:.2f} "
        f"{load[2]:.2f}; gunicorn {args.workers} workers × {args.threads} threads"
    )
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = [r for db in dbs for r in run(db, args)]
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    bad = sum(r["errors"] + r["not_sent"] + r["stored_problems"] for r in results)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
