"""Load test, export-heavy: the office asks for 10 PDFs at once (each three times, as impatient
people click) while reporters and leaders keep reading pages; gunicorn and two `duban worker`s
on 127.0.0.1, SQLite or PostgreSQL. The goal: page p95 < 300 ms while the PDFs are made, and
each PDF made once.

    python scripts/load_exports.py [--db sqlite|postgres|both] [--readers 20] [--workers 2]

The 10 PDFs are the table and the bulletin of five periods (the example's 2021 Q3 and four
rounds opened at setup). Readers are logged-in members (sessions made at setup) who open a page,
pause 0..2 s, open another, from the moment the PDFs are asked for until the last is ready.
Bounded and loopback only; a temporary folder or the scratch database `duban_load`; everything
stops at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import (  # the round profiles' client and helpers
    PG_LOAD,
    ROOT,
    Browser,
    Meter,
    Results,
    _free_port,
    _line,
    _prepare_postgres,
    _python,
    _quantiles,
)

SETUP = r"""
import json, sys, django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from duban.web.accounts.models import Membership
from duban.web.cli_commands import import_document, migrate, EXAMPLE
from duban.web.plans.models import Plan, Report, Task
from duban.web.rounds.services import round_open

n = int(sys.argv[1])
migrate()
import_document(EXAMPLE, None, quiet=True)
plan = Plan.objects.get()
org = plan.organization
User = get_user_model()
office = User.objects.create_user("load-office")
Membership.objects.create(user=office, organization=org, role="office")
for label, month, kind in (("10月", 10, "month"), ("11月", 11, "month"),
                           ("第四季度", 12, "quarter"), ("12月", 12, "month")):
    round_open(plan, label=label, end_month=month, kind=kind, actor=office)
periods = list(plan.periods.order_by("end_month", "kind").values_list("pk", flat=True))
units = list(Report.objects.filter(period_id=periods[-1]).exclude(unit=None)
             .values_list("unit_id", flat=True).distinct())
tasks = list(Task.objects.filter(plan=plan).order_by("seq").values_list("pk", flat=True))

from django.conf import settings
# The password backend (the first is django-axes' throttle, which logs no one in).
BACKEND = [b for b in settings.AUTHENTICATION_BACKENDS if "Throttle" not in b][0]

def session(user):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return store.session_key

readers = []
for i in range(n):
    role = "leader" if i % 4 == 0 else "unit"
    user = User.objects.create_user(f"reader{i:03d}")
    Membership.objects.create(user=user, organization=org, role=role,
                              unit_id=None if role == "leader" else units[i % len(units)])
    readers.append({"session": session(user), "role": role})
print(json.dumps({"office": session(office), "readers": readers, "periods": periods,
                  "tasks": tasks, "plan": plan.pk}))
"""

COUNT = r"""
import json, django
django.setup()
from django.core.files.storage import default_storage
from duban.web.jobs.models import Job
jobs = list(Job.objects.filter(kind="export").values("key", "state", "attempts", "result"))
files = [j["result"].get("file") for j in jobs if j["result"].get("file")]
print(json.dumps({"jobs": len(jobs), "done": sum(j["state"] == "done" for j in jobs),
                  "attempts": sum(j["attempts"] for j in jobs),
                  "files": sum(default_storage.exists(f) for f in files)}))
"""


BASELINE_SECONDS = 90.0  # --copies 0: how long the readers read with no export made


async def _warm(base, setup: dict) -> None:
    """Open each page once, as a server that has been running has: every period's judgement
    is in the cache, every worker has loaded its templates."""
    browser = Browser(*base)
    browser.cookies["sessionid"] = setup["office"]
    for period in setup["periods"]:
        await browser.request("GET", f"/rounds/{period}/")
    for path in ("/", f"/dashboard/plans/{setup['plan']}/", f"/tasks/{setup['tasks'][0]}/"):
        for _ in range(4):
            await browser.request("GET", path)
    await browser.close()


def _pages(setup: dict, role: str) -> list[str]:
    """What a member reads during a round: a leader the overview, dashboard and rounds; a unit
    reporter its list and task pages."""
    open_round = setup["periods"][-1]
    task = random.choice(setup["tasks"])
    if role == "leader":
        return [
            "/",
            f"/dashboard/plans/{setup['plan']}/",
            f"/rounds/{open_round}/",
            f"/tasks/{task}/",
        ]
    return ["/my/", f"/tasks/{task}/", "/"]


async def _reader(results: Results, base, setup: dict, reader: dict, stop: asyncio.Event) -> None:
    browser = Browser(*base)
    browser.cookies["sessionid"] = reader["session"]
    await asyncio.sleep(random.uniform(0, 2))
    while not stop.is_set():
        for path in _pages(setup, reader["role"]):
            if stop.is_set():
                break
            await results.timed(browser, "page", "GET", path)
            await asyncio.sleep(random.uniform(0, 2))
    await browser.close()


async def _office(results: Results, base, setup: dict, copies: int, stop: asyncio.Event) -> float:
    """Ask for every PDF `copies` times at once, then follow each job's page until all are
    ready; returns the seconds until the last file was served."""
    started = time.perf_counter()
    if copies == 0:  # the baseline: the same readers, no export asked for
        await asyncio.sleep(BASELINE_SECONDS)
        stop.set()
        return time.perf_counter() - started
    urls = [f"/periods/{p}/{doc}.pdf" for p in setup["periods"] for doc in ("table", "bulletin")]

    async def ask(url: str) -> str | None:
        browser = Browser(*base)
        browser.cookies["sessionid"] = setup["office"]
        answer = await results.timed(browser, "ask export", "GET", url, expect=302)
        await browser.close()
        return answer.headers["location"] if answer else None

    jobs = await asyncio.gather(*(ask(u) for u in urls for _ in range(copies)))
    waiting = {j for j in jobs if j}
    browser = Browser(*base)
    browser.cookies["sessionid"] = setup["office"]
    deadline = time.perf_counter() + 600
    while waiting and time.perf_counter() < deadline:
        await asyncio.sleep(1)
        for job in sorted(waiting):
            page = await results.timed(browser, "job page", "GET", job)
            if page is not None and "job-done" in page.body:
                if await _download(results, base, setup["office"], job + "file"):
                    waiting.discard(job)
            elif page is not None and "job-failed" in page.body:
                results.errors.append(f"{job} failed")
                waiting.discard(job)
    await browser.close()
    stop.set()
    return time.perf_counter() - started


async def _download(results: Results, base, session: str, path: str) -> bool:
    """Fetch a finished file (bytes, which the page client would decode as text)."""

    def fetch() -> tuple[int, bytes]:
        conn = http.client.HTTPConnection(*base, timeout=120)
        conn.request("GET", path, headers={"Cookie": f"sessionid={session}"})
        answer = conn.getresponse()
        body = answer.read()
        conn.close()
        return answer.status, body

    start = time.perf_counter()
    status, body = await asyncio.to_thread(fetch)
    results.ms.setdefault("download", []).append((time.perf_counter() - start) * 1000)
    if status != 200 or not body.startswith(b"%PDF"):
        results.errors.append(f"download {path}: answered {status}")
        return False
    return True


async def _run(base, setup: dict, args: argparse.Namespace, pid: int) -> tuple[Results, dict]:
    await _warm(base, setup)
    results = Results()
    stop = asyncio.Event()
    meter = Meter(pid)
    readers = [
        asyncio.ensure_future(_reader(results, base, setup, r, stop)) for r in setup["readers"]
    ]
    made_in = await _office(results, base, setup, args.copies, stop)
    await asyncio.gather(*readers)
    return results, {"phase": meter.stop(), "pdfs_ready_s": round(made_in, 1)}


def run(db: str, args: argparse.Namespace) -> dict:
    var = Path(tempfile.mkdtemp(prefix=f"duban-load-exports-{db}-"))
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
    print(f"[{db}] setting up: the example, four more rounds, {args.readers} readers …")
    setup = _python(env, SETUP, str(args.readers))
    port = _free_port()
    gunicorn = [sys.executable, "-m", "gunicorn", "duban.web.wsgi"]
    bind = ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4", "--keep-alive", "75"]
    server = subprocess.Popen(
        [*gunicorn, *bind, "--timeout", "120"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    duban = [sys.executable, "-c", "from duban.cli import main; main()", "worker"]
    workers = [
        subprocess.Popen(
            [*duban, "--no-scheduler"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(args.workers)
    ]
    try:
        import socket

        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        results, phases = asyncio.run(_run(("127.0.0.1", port), setup, args, server.pid))
        counted = _python(env, COUNT)
    finally:
        for process in (server, *workers):
            process.send_signal(signal.SIGTERM)
        for process in (server, *workers):
            try:
                process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(var, ignore_errors=True)
    pages = _quantiles(results.ms.get("page", []))
    result = {
        "db": db,
        "readers": args.readers,
        "workers": args.workers,
        "pdfs": len(setup["periods"]) * 2,
        "requests_per_pdf": args.copies,
        **counted,
        "errors": len(results.errors),
        "pages": pages,
        "timings": {k: _quantiles(v) for k, v in sorted(results.ms.items())},
        **phases,
    }
    phase = result["phase"]
    print(
        f"[{db} exports] {result['pdfs']} PDFs asked {args.copies}× each: {counted['jobs']} jobs, "
        f"{counted['done']} done, {counted['attempts']} attempts, {counted['files']} files; "
        f"all ready after {phases['pdfs_ready_s']} s; machine busy {phase['machine_busy']:.0%}, "
        f"gunicorn CPU {phase['server_cpu_s']} s"
    )
    for kind, q in result["timings"].items():
        print(f"[{db} exports]   {kind:10s} {_line(q)}")
    for message in results.errors[:10]:
        print(f"[{db} exports]     {message}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="`duban worker` processes")
    parser.add_argument(
        "--copies",
        type=int,
        default=3,
        help="requests for each PDF at once; 0: the baseline, the readers alone for 90 s",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    random.seed(args.seed)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the servers on the way out
    load = os.getloadavg()
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; load average {load[0]:.2f} {load[1]:.2f} "
        f"{load[2]:.2f}; gunicorn 2 workers × 4 threads, {args.workers} duban workers"
    )
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = [run(db, args) for db in dbs]
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    expected = 0 if args.copies == 0 else None  # the baseline makes no file
    bad = sum(
        r["errors"]
        + sum(r[k] != (r["pdfs"] if expected is None else 0) for k in ("jobs", "files", "done"))
        for r in results
    )
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
