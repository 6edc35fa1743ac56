"""The client half of the resident converter: run by the *system* Python, which has Debian's
python3-uno (the project's own Python does not), never imported by duban.

`/usr/bin/python3 uno_convert.py PIPE_NAME [SOFFICE_PGID]` connects to a LibreOffice listening on
`--accept=pipe,name=PIPE_NAME;urp;` (retrying while it starts), prints `ready`, then reads one
request per line on stdin — `SRC_PATH<TAB>OUT_PATH` — converts SRC (a .docx) to a PDF at OUT
and answers one line: `ok`, `error <one line>`, or `gone <why>` when the bridge to LibreOffice
broke (LibreOffice died) — then it exits with status 3 and its parent starts both again. At the
end of stdin (its parent stopped, or died) it ends LibreOffice too and exits.
Only the standard library and uno: this file must run without duban's dependencies.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

CONNECT_TIMEOUT_S = 60.0
BRIDGE_GONE = 3


def _prop(uno: Any, name: str, value: object) -> Any:
    p = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    p.Name = name
    p.Value = value
    return p


def connect(uno: Any, pipe: str) -> Any:
    """The Desktop of the LibreOffice behind `pipe`, waiting for it to listen."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + CONNECT_TIMEOUT_S
    while True:
        try:
            ctx = resolver.resolve(url)
            break
        except Exception:  # NoConnectException while soffice starts
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def convert(uno: Any, desktop: Any, src: str, out: str) -> None:
    load = (_prop(uno, "Hidden", True), _prop(uno, "ReadOnly", True))
    doc = desktop.loadComponentFromURL(Path(src).resolve().as_uri(), "_blank", 0, load)
    if doc is None:
        raise ValueError("LibreOffice could not open the document")
    try:
        doc.storeToURL(
            Path(out).resolve().as_uri(), (_prop(uno, "FilterName", "writer_pdf_Export"),)
        )
    finally:
        doc.close(True)


def guard(soffice_group: int) -> None:
    """End LibreOffice's process group when this client ends or its parent dies (reparented:
    the parent pid changes), so a worker killed outright leaves no LibreOffice behind."""
    parent = os.getppid()

    def end() -> None:
        with contextlib.suppress(OSError):
            os.killpg(soffice_group, signal.SIGKILL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        end()
        os._exit(BRIDGE_GONE)

    atexit.register(end)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))  # atexit runs then too
    threading.Thread(target=watch, daemon=True).start()


def main(argv: list[str]) -> int:
    if len(argv) > 2:
        guard(int(argv[2]))
    import uno  # type: ignore[import-not-found]  # Debian python3-uno, the system Python's

    bridge_gone: tuple[type[BaseException], ...]
    try:
        from com.sun.star.lang import DisposedException  # type: ignore[import-not-found]
        from com.sun.star.uno import RuntimeException  # type: ignore[import-not-found]

        bridge_gone = (DisposedException, RuntimeException)
    except ImportError:  # pragma: no cover
        bridge_gone = ()
    desktop = connect(uno, argv[1])
    print("ready", flush=True)
    for line in sys.stdin:
        src, _, out = line.rstrip("\n").partition("\t")
        try:
            convert(uno, desktop, src, out)
        except bridge_gone as exc:
            print(f"gone {type(exc).__name__}", flush=True)
            return BRIDGE_GONE
        except Exception as exc:
            detail = " ".join(str(exc).split())[:300]
            print(f"error {type(exc).__name__}: {detail}", flush=True)
            continue
        print("ok", flush=True)
    # End of stdin: the parent stopped or died. LibreOffice must not outlive it.
    with contextlib.suppress(Exception):  # already gone
        desktop.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
