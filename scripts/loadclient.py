"""The load scripts' HTTP client: one reporter's keep-alive connection with its cookies, and the
timed results of its requests (scripts/load.py, scripts/load_exports.py)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

IDLE_REOPEN = 60.0  # s: below gunicorn's keep-alive (load.KEEP_ALIVE), so never a dead socket
TIMEOUT = 120.0  # per request, s


class HttpError(Exception):
    pass


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    body: str


class Browser:
    """One reporter's tab: one keep-alive HTTP/1.1 connection and a cookie jar."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.last_used = 0.0

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None

    async def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Response:
        # A connection idle for longer than the server keeps it is reopened before use, never
        # retried after: a POST is sent at most once.
        if self.writer is None or time.monotonic() - self.last_used > IDLE_REOPEN:
            await self.close()
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None and self.writer is not None
        body = urlencode(form).encode() if form is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if form is not None:
            origin = f"http://{self.host}:{self.port}"
            lines += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(body)}",
                f"Origin: {origin}",
                f"Referer: {origin}{path}",
            ]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        answer = await self._read()
        self.last_used = time.monotonic()
        if answer.headers.get("connection", "").lower() == "close":
            await self.close()
        self.cookies.update(answer.cookies)
        return answer

    async def _read(self) -> Response:
        assert self.reader is not None
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as exc:
            await self.close()
            raise HttpError("connection closed before an answer") from exc
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers: dict[str, str] = {}
        cookies: dict[str, str] = {}
        for line in header_lines:
            if not line:
                continue
            key, _, value = line.partition(":")
            key, value = key.strip().lower(), value.strip()
            if key == "set-cookie":
                name, _, rest = value.partition("=")
                cookies[name] = rest.split(";", 1)[0]
            else:
                headers[key] = value
        if headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await self.reader.readline()).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                parts.append(chunk[:-2])
            raw = b"".join(parts)
        else:
            raw = await self.reader.readexactly(int(headers.get("content-length", "0")))
        return Response(int(status_line.split()[1]), headers, cookies, raw.decode("utf-8"))


@dataclass
class Results:
    ms: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    sent: dict[str, str] = field(default_factory=dict)

    async def timed(
        self,
        browser: Browser,
        kind: str,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        expect: int = 200,
    ) -> Response | None:
        start = time.perf_counter()
        try:
            answer = await asyncio.wait_for(browser.request(method, path, form), TIMEOUT)
        except (TimeoutError, OSError, HttpError, ValueError) as exc:
            await browser.close()
            self.errors.append(f"{kind} {path}: {type(exc).__name__}: {exc}")
            return None
        self.ms.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
        if answer.status != expect:
            self.errors.append(f"{kind} {path}: answered {answer.status}")
            return None
        return answer
