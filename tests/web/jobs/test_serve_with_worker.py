"""`make demo` runs `duban serve --with-worker`: the web server and a worker start together,
and a SIGTERM (or Ctrl-C) to it stops both — nothing is left running."""

from __future__ import annotations

import os
import signal

import pytest

from tests.web.processes import Site, free_port, listening, wait_for


@pytest.fixture
def site(tmp_path, db):
    site = Site(tmp_path / "var")
    site.duban("manage", "migrate", "-v", "0")
    yield site
    site.close()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_demo_server_starts_a_worker_and_stops_it_with_itself(site):
    port = free_port()
    serve = site.start("serve", "--with-worker", "--port", str(port))
    lines: list[str] = []

    def said(text: str) -> bool:
        while not any(text in line for line in lines):
            line = serve.stdout.readline()
            if not line:
                return False
            lines.append(line)
        return True

    assert said("worker started"), "".join(lines)
    wait_for(lambda: listening(port), 60, "the web server")
    serve.send_signal(signal.SIGTERM)  # to the serve process alone, as systemd's KillMode=mixed
    serve.wait(timeout=120)
    assert said("worker stopped"), "".join(lines)
    wait_for(lambda: not _group_alive(serve.pid), 30, "the server and worker to be gone")
