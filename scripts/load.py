"""Load test: N simulated unit reporters log in and submit their reports during one round,
against gunicorn on 127.0.0.1, on SQLite (WAL) and on PostgreSQL.

    python scripts/load.py [--db sqlite|postgres|both] [--reporters 200] [--workers 2 --threads 4]

Bounded and loopback only: the server binds 127.0.0.1, the data lives in a temporary folder
(SQLite) or a scratch database `duban_load` (PostgreSQL), and everything stops at the end.

Two phases, measured apart, because they load the server differently:
1. log-in: every reporter logs in (one PBKDF2 hash each, ~0.5 s of CPU by design), arriving
   spread over --ramp seconds as people do in the morning;
2. the deadline rush: all reporters at once open each of their report slots in the editor and
   submit it (GET the editor, POST the text).
Afterwards the database is read directly: every submission must be stored exactly once (the
report holds the text, state submitted, and exactly one version carries that text).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = os.environ.get("DUBAN_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_LOAD = "postgresql://postgres@127.0.0.1:5432/duban_load"

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
opened = round_open(plan, label="第四季度", end_month=12, actor=office)
period = plan.periods.get(end_month=12)
slots = list(Report.objects.filter(period=period).order_by("unit_id", "pk").values_list("pk", "unit_id"))
units = sorted({u for _, u in slots if u is not None})
# Every unit gets at least one reporter; the rest share the busiest units' slots, so each slot
# belongs to exactly one reporter and "stored exactly once" can be checked.
people = [(f"load{i:03d}", units[i % len(units)]) for i in range(n)]
by_unit = {}
for name, unit in people:
    by_unit.setdefault(unit, []).append(name)
assignment = {name: [] for name, _ in people}
for unit, names in by_unit.items():
    mine = [pk for pk, u in slots if u == unit]
    for i, pk in enumerate(mine):
        assignment[names[i % len(names)]].append(pk)
for name, unit in people:
    membership_grant(username=name, password="load-" + name, organization=plan.organization,
                     role=Membership.Role.UNIT, unit=Unit.objects.get(pk=unit),
                     hasher="duban_demo_pbkdf2")
# Sessions for the reporters who do not log in through the form (see --form-logins).
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
sessions = {}
for user in get_user_model().objects.filter(username__startswith="load").exclude(username="load-office"):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    sessions[user.username] = store.session_key
print(json.dumps({"assignment": assignment, "slots": len(slots), "units": len(units),
                  "sessions": sessions}))
"""

VERIFY = r"""
import json, sys, django
django.setup()
from duban.web.plans.models import Report, ReportVersion
expected = json.load(open(sys.argv[1]))
problems = []
for pk, text in expected.items():
    r = Report.objects.get(pk=int(pk))
    # A submission is one version in state submitted (the draft save before it is another).
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


class Timings:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ms: dict[str, list[float]] = {}
        self.errors: list[str] = []

    def add(self, kind: str, ms: float) -> None:
        with self.lock:
            self.ms.setdefault(kind, []).append(ms)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


def _timed(timings: Timings, kind: str, call, *args, **kwargs) -> requests.Response | None:
    start = time.perf_counter()
    try:
        response = call(*args, timeout=60, allow_redirects=False, **kwargs)
    except requests.RequestException as exc:
        timings.error(f"{kind}: {type(exc).__name__}: {exc}")
        return None
    timings.add(kind, (time.perf_counter() - start) * 1000)
    return response


def _csrf(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _login(base: str, name: str, timings: Timings) -> requests.Session | None:
    s = requests.Session()
    page = _timed(timings, "login page", s.get, f"{base}/accounts/login/")
    if page is None:
        return None
    answer = _timed(
        timings,
        "login",
        s.post,
        f"{base}/accounts/login/",
        data={
            "username": name,
            "password": "load-" + name,
            "csrfmiddlewaretoken": _csrf(page.text),
        },
        headers={"Referer": f"{base}/accounts/login/"},
    )
    if answer is None or answer.status_code != 302:
        timings.error(f"{name}: login answered {getattr(answer, 'status_code', '-')}")
        return None
    return s


def _think(mean: float) -> None:
    time.sleep(random.uniform(0, 2 * mean))


def _submit_all(
    base: str,
    s: requests.Session,
    name: str,
    slots: list[int],
    timings: Timings,
    sent: dict,
    think: float,
) -> None:
    page = _timed(timings, "my tasks", s.get, f"{base}/my/")
    if page is not None and page.status_code != 200:
        timings.error(f"{name}: /my/ answered {page.status_code}")
    for pk in slots:
        _think(think)
        editor = _timed(timings, "editor", s.get, f"{base}/reports/{pk}/edit/")
        if editor is None or editor.status_code != 200:
            timings.error(f"{name}: editor {pk} answered {getattr(editor, 'status_code', '-')}")
            continue
        version = re.search(r'name="version" value="(\d+)"', editor.text).group(1)
        _think(think)
        text = f"{name}第四季度进展：第{pk}号任务已完成年度目标的{pk % 100}%，压力测试报送。"
        answer = _timed(
            timings,
            "submit",
            s.post,
            f"{base}/reports/{pk}/edit/",
            data={
                "csrfmiddlewaretoken": _csrf(editor.text),
                "text": text,
                "version": version,
                "submit": "1",
            },
            headers={"Referer": f"{base}/reports/{pk}/edit/"},
        )
        if answer is not None and answer.status_code == 302:
            sent[str(pk)] = text
        elif answer is not None:
            timings.error(f"{name}: submit {pk} answered {answer.status_code}")


def _percentiles(values: list[float]) -> str:
    if not values:
        return "-"
    q = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
    return f"n={len(values):5d}  p50={q[49]:7.1f}  p95={q[94]:7.1f}  p99={q[98]:7.1f}  max={max(values):7.1f} ms"


def run(db: str, args: argparse.Namespace) -> dict:
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
    print(f"[{db}] setting up: import the example, open a round, {args.reporters} reporters …")
    setup = _python(env, SETUP, str(args.reporters))
    assignment = setup["assignment"]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
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
            "30",  # longer than a reporter's pause: no reset of a connection being reused
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                requests.get(base + "/accounts/login/", timeout=30)
                break
            except requests.RequestException:
                time.sleep(0.2)
        timings = Timings()
        names = sorted(assignment)
        sessions: dict[str, requests.Session] = {}

        by_form = names[: args.form_logins]

        def arrive(i_name):
            i, name = i_name
            time.sleep(args.ramp * i / len(by_form))
            s = _login(base, name, timings)
            if s:
                sessions[name] = s

        start = time.perf_counter()
        with ThreadPoolExecutor(max(1, len(by_form))) as pool:
            list(pool.map(arrive, enumerate(by_form)))
        login_s = time.perf_counter() - start
        for name in names[args.form_logins :]:
            s = requests.Session()
            s.cookies.set("sessionid", setup["sessions"][name], domain="127.0.0.1")
            sessions[name] = s
        sent: dict[str, str] = {}
        barrier = threading.Barrier(len(sessions))

        def rush(name):
            barrier.wait()  # everyone at once: the deadline
            _submit_all(base, sessions[name], name, assignment[name], timings, sent, args.think)

        start = time.perf_counter()
        with ThreadPoolExecutor(len(sessions)) as pool:
            list(pool.map(rush, sorted(sessions)))
        rush_s = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)
    expected_file = var / "sent.json"
    expected_file.write_text(json.dumps(sent, ensure_ascii=False))
    check = _python(env, VERIFY, str(expected_file))
    slots_assigned = sum(len(v) for v in assignment.values())
    lost = slots_assigned - len(sent)
    rush_ms = (
        timings.ms.get("editor", []) + timings.ms.get("submit", []) + timings.ms.get("my tasks", [])
    )
    result = {
        "db": db,
        "reporters": len(names),
        "units": setup["units"],
        "slots": slots_assigned,
        "form_logins": len(by_form),
        "think_seconds": args.think,
        "login_seconds": round(login_s, 1),
        "rush_seconds": round(rush_s, 1),
        "requests": sum(len(v) for v in timings.ms.values()),
        "errors": len(timings.errors),
        "not_sent": lost,
        "stored_problems": len(check["problems"]),
        "timings": {k: _percentiles(v) for k, v in sorted(timings.ms.items())},
        "rush_all": _percentiles(rush_ms),
    }
    print(
        f"[{db}] {len(names)} reporters, {setup['units']} units, {slots_assigned} slots; "
        f"{len(by_form)} logged in through the form in {login_s:.1f} s (ramp {args.ramp} s); "
        f"rush {rush_s:.1f} s (think {args.think} s mean)"
    )
    for kind, line in result["timings"].items():
        print(f"[{db}]   {kind:11s} {line}")
    print(f"[{db}]   rush (all)  {result['rush_all']}")
    print(
        f"[{db}]   errors {len(timings.errors)}, submissions not accepted {lost}, "
        f"stored wrongly {len(check['problems'])} (checked {check['checked']})"
    )
    for message in (timings.errors + check["problems"])[:10]:
        print(f"[{db}]     {message}")
    shutil.rmtree(var, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--reporters", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--form-logins",
        type=int,
        default=20,
        help="reporters who log in through the form (each costs one PBKDF2 hash, "
        "~1.8 s of CPU here); the others start with a session made at setup",
    )
    parser.add_argument("--ramp", type=float, default=30.0, help="seconds over which they log in")
    parser.add_argument(
        "--think",
        type=float,
        default=3.0,
        help="mean seconds a reporter spends between clicks (uniform 0..2×)",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; gunicorn {args.workers} workers × {args.threads} threads"
    )
    results = [run(db, args) for db in (["sqlite", "postgres"] if args.db == "both" else [args.db])]
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    bad = sum(r["errors"] + r["not_sent"] + r["stored_problems"] for r in results)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
