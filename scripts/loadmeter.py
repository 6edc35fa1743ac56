"""What a load phase cost: wall time, the client's, gunicorn's and PostgreSQL's CPU, the machine's
busy share (from /proc), and the quantiles of the timings."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path


def _cpu_seconds(pid: int) -> float:
    """CPU of a process and its children (gunicorn's master and workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _db_cpu_seconds() -> float:
    """CPU of the PostgreSQL backends serving duban_load (their titles name the database)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        try:
            if not entry.name.isdigit() or b"duban_load" not in (entry / "cmdline").read_bytes():
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(values) - idle) / tick, sum(values) / tick


class Meter:
    """Wall time, this client's CPU, gunicorn's CPU and the machine's busy share over a phase."""

    def __init__(self, server_pid: int) -> None:
        self.pid = server_pid
        self.wall = time.perf_counter()
        self.client = time.process_time()
        self.server = _cpu_seconds(server_pid)
        self.db = _db_cpu_seconds()
        self.machine = _machine_busy()

    def stop(self) -> dict:
        busy, total = _machine_busy()
        return {
            "seconds": round(time.perf_counter() - self.wall, 1),
            "client_cpu_s": round(time.process_time() - self.client, 1),
            "server_cpu_s": round(_cpu_seconds(self.pid) - self.server, 1),
            # PostgreSQL backends that lived through the phase (0 on SQLite: in gunicorn's CPU).
            "db_cpu_s": round(_db_cpu_seconds() - self.db, 1),
            "machine_busy": round((busy - self.machine[0]) / max(total - self.machine[1], 1e-9), 2),
        }


def _quantiles(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    q = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
    return {
        "n": len(values),
        "p50": round(q[49], 1),
        "p95": round(q[94], 1),
        "p99": round(q[98], 1),
        "max": round(max(values), 1),
    }


def _line(q: dict) -> str:
    if not q["n"]:
        return "n=    0"
    return (
        f"n={q['n']:5d}  p50={q['p50']:8.1f}  p95={q['p95']:8.1f}  p99={q['p99']:8.1f}  "
        f"max={q['max']:8.1f} ms"
    )
