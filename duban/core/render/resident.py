"""A resident LibreOffice for PDFs: started once, reused for every conversion, restarted if it dies.

A one-off `soffice --convert-to` spends most of its time starting LibreOffice (docs/pdf-export.md,
"cold and warm"). Here one `soffice --accept=pipe,…` runs with its own profile and our fontconfig,
and a small client under the system Python (Debian's python3-uno; `uno_convert.py`) loads each
DOCX into it and stores the PDF. One lock per converter: LibreOffice converts one document at a
time, so two callers never interleave their requests on the one pipe. A conversion that finds
LibreOffice or its client gone starts both again and tries once more; a timeout kills both (the
next conversion starts them afresh).

The worker starts one (`duban.web.jobs.apps`: `worker_starting`) and stops it at the end; `pdf.
docx_to_pdf` uses the one installed with `install()`, and falls back to a one-off conversion when
none is (the CLI, the tests).
"""

from __future__ import annotations

import contextlib
import os
import selectors
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import IO

from duban.core.render.pdf import (
    DEFAULT_TIMEOUT_S,
    ConversionError,
    fontconfig_text,
    licensed_font_dirs,
    soffice_path,
)

CLIENT = Path(__file__).resolve().parent / "uno_convert.py"
SYSTEM_PYTHON = os.environ.get("DUBAN_UNO_PYTHON", "/usr/bin/python3")
START_TIMEOUT_S = 60.0


def uno_available(python: str = SYSTEM_PYTHON) -> bool:
    """Whether `python` can import uno (Debian: apt-get install python3-uno)."""
    try:
        done = subprocess.run(
            [python, "-c", "import uno"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


class ResidentConverter:
    """One LibreOffice kept running; `convert()` is safe to call from several threads."""

    def __init__(self, python: str = SYSTEM_PYTHON) -> None:
        self.python = python
        self.starts = 0  # how many times LibreOffice was started (tests, logs)
        self._lock = threading.Lock()
        self._dir: Path | None = None
        self._soffice: subprocess.Popen[bytes] | None = None
        self._client: subprocess.Popen[str] | None = None

    # -- life -----------------------------------------------------------------------------
    def start(self) -> None:
        """Start LibreOffice and its client now (otherwise the first conversion does)."""
        with self._lock:
            if not self._alive():
                self._restart()

    def stop(self) -> None:
        with self._lock:
            self._stop()

    @property
    def soffice_pid(self) -> int | None:
        """The process group of the running LibreOffice (its launcher's pid), if any."""
        return self._soffice.pid if self._soffice is not None else None

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the running LibreOffice's processes (Linux
        /proc; 0.0 elsewhere): what a conversion costs, apart from waiting for a core."""
        group = self.soffice_pid
        if group is None:
            return 0.0
        tick = os.sysconf("SC_CLK_TCK")
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[2]) == group:  # pgrp; then utime, stime at 11, 12
                total += int(fields[11]) + int(fields[12])
        return total / tick

    def _alive(self) -> bool:
        return (
            self._soffice is not None
            and self._soffice.poll() is None
            and self._client is not None
            and self._client.poll() is None
        )

    def _restart(self) -> None:
        self._stop()
        soffice = soffice_path()
        if not CLIENT.is_file() or shutil.which(self.python) is None:
            raise ConversionError(f"常驻 LibreOffice 需要系统 Python 与 python3-uno：{self.python}")
        work = Path(tempfile.mkdtemp(prefix="duban-soffice-"))
        self._dir = work
        conf = work / "fonts.conf"
        conf.write_text(fontconfig_text(licensed_font_dirs()), encoding="utf-8")
        pipe = f"duban-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(work))
        self._soffice = subprocess.Popen(
            [
                soffice,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
                "--nologo", f"--accept=pipe,name={pipe};urp;",
            ],
            env=env, cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        self._client = subprocess.Popen(
            [self.python, str(CLIENT), pipe, str(self._soffice.pid)],
            env=env, cwd=work, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True, encoding="utf-8", start_new_session=True,
        )  # fmt: skip
        self.starts += 1
        reply = self._read_line(START_TIMEOUT_S)
        if reply != "ready":
            self._stop()
            raise ConversionError(f"常驻 LibreOffice 未能启动（{reply or '无应答'}）")

    def _stop(self) -> None:
        for proc in (self._client, self._soffice):
            if proc is None:
                continue
            # The whole group, even when the launcher has exited: soffice.bin may outlive it.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    stream.close()
        self._client = self._soffice = None
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def _read_line(self, timeout: float) -> str | None:
        """One line from the client within `timeout`, or None (timeout or end of its output)."""
        assert self._client is not None
        out: IO[str] | None = self._client.stdout
        assert out is not None
        with selectors.DefaultSelector() as sel:
            sel.register(out, selectors.EVENT_READ)
            if not sel.select(timeout):
                return None
        line = out.readline()
        return line.rstrip("\n") if line else None

    # -- work -----------------------------------------------------------------------------
    def convert(self, docx: bytes, timeout: float = DEFAULT_TIMEOUT_S) -> bytes:
        """The PDF of .docx bytes; starts (or restarts) LibreOffice when it is not running."""
        if docx[:2] != b"PK":  # LibreOffice would print any bytes as text: say it is no DOCX
            raise ConversionError("LibreOffice 未生成 PDF：输入不是 DOCX 文件")
        with self._lock:
            for attempt in (1, 2):
                if not self._alive():
                    self._restart()
                outcome = self._convert_once(docx, timeout)
                if isinstance(outcome, bytes):
                    return outcome
                if outcome == "gone" and attempt == 1:
                    continue  # LibreOffice died under us: start it again, once
                raise ConversionError(outcome)
        raise AssertionError("unreachable")  # pragma: no cover

    def _convert_once(self, docx: bytes, timeout: float) -> bytes | str:
        assert self._dir is not None and self._client is not None
        assert self._client.stdin is not None
        name = uuid.uuid4().hex
        src, out = self._dir / f"{name}.docx", self._dir / f"{name}.pdf"
        src.write_bytes(docx)
        try:
            started = time.monotonic()
            try:
                self._client.stdin.write(f"{src}\t{out}\n")
                self._client.stdin.flush()
            except (BrokenPipeError, OSError):
                return "gone"
            reply = self._read_line(timeout)
            if reply is None:
                timed_out = time.monotonic() - started >= timeout
                self._stop()
                if timed_out:
                    return f"LibreOffice 转换 PDF 超时（{timeout:.0f} 秒）"
                return "gone"
            if reply == "ok" and out.is_file():
                return out.read_bytes()
            if reply.startswith("gone") or not self._alive():
                self._stop()
                return "gone"
            detail = reply.removeprefix("error ").strip()
            return f"LibreOffice 未生成 PDF：{detail}"
        finally:
            src.unlink(missing_ok=True)
            out.unlink(missing_ok=True)


_installed: ResidentConverter | None = None


def install(converter: ResidentConverter | None) -> ResidentConverter | None:
    """Make `docx_to_pdf` use `converter` (None: back to one-off conversions); returns the
    previous one, which the caller stops if it is done with it."""
    global _installed
    previous, _installed = _installed, converter
    return previous


def installed() -> ResidentConverter | None:
    return _installed
