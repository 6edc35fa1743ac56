"""Checks a file from outside passes before any parser sees it, old formats converted first,
and the reading itself isolated with limits: the door every upload and every CLI read goes
through (read_untrusted).

The parsers do not protect themselves: python-docx reads a 401 MB document.xml from a 481 KB
zip into 790 MB of memory, openpyxl opens a 400 MB sheet (see shared/research/libraries.md
§2.4), and a 5 KB workbook with one cell at XFD1048576 (or one merged range that large) makes
openpyxl build or pad 17 billion cells. So the zip is measured from its directory — entry
count, total uncompressed size and compression ratio — any XML part that declares a DTD (entity
tricks need one; OOXML never does) is refused, and the tables' extent — rows, columns and cells,
merged ranges counted in full — is measured by streaming their XML, all before a parser runs.
What these checks miss, the isolated reader stops: a forked worker with a memory and a time
limit. openpyxl itself uses defusedxml when installed.
"""

from __future__ import annotations

import functools
import multiprocessing
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar, cast

from duban.core.errors import InputError
from duban.core.messages import E
from duban.core.model import Plan
from duban.core.units import GENERAL, Registry

if TYPE_CHECKING:
    from lxml import etree


@dataclass(frozen=True)
class Limits:
    """What an upload may be; the defaults keep a genuine table far below every limit."""

    max_bytes: int = 30 * 1024 * 1024  # the file as uploaded
    max_entries: int = 2000  # files inside a DOCX/XLSX zip
    max_uncompressed: int = 150 * 1024 * 1024  # all of them unpacked
    # Genuine Office parts compress up to ~30×, repetitive sheets more; bombs reach 800×+.
    max_ratio: float = 200.0
    ratio_floor: int = 1024 * 1024  # entries smaller than this unpacked may compress as they like
    pdf_seconds: float = 60.0  # PDF reading, checked between pages
    convert_seconds: float = 60.0  # LibreOffice converting .doc / .wps / .xls / .et
    # A table's extent, as its parser will build it: a plan is hundreds of rows, a dozen or two
    # columns. Rows of all sheets (or Word tables) together; cells are each sheet's rows × its
    # columns (what openpyxl pads every row to) plus its merged ranges in full.
    max_rows: int = 10_000
    max_columns: int = 100
    max_cells: int = 500_000
    # The isolated reader (read_untrusted): memory on top of what the worker inherits, and the
    # whole read, LibreOffice conversion included.
    read_memory_mb: int = 1024
    read_seconds: float = 90.0


LIMITS = Limits()
T = TypeVar("T")


def check_size(path: Path, limits: Limits = LIMITS) -> None:
    size = path.stat().st_size
    if size == 0:
        raise InputError(E.FILE_EMPTY(), source=str(path))
    if size > limits.max_bytes:
        raise InputError(
            E.FILE_TOO_LARGE(size_mb=size / 1048576, max_mb=limits.max_bytes / 1048576),
            source=str(path),
        )


def check_office_zip(path: Path, kind: str, limits: Limits = LIMITS) -> None:
    """A DOCX or XLSX is a zip: refuse a damaged one, a zip bomb, and XML that declares a DTD."""
    check_size(path, limits)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(
            E.NOT_READABLE(kind=kind),
            source=str(path),
        ) from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_entries:
            raise InputError(E.TOO_MANY_PARTS(kind=kind, parts=len(infos)), source=str(path))
        total = sum(i.file_size for i in infos)
        if total > limits.max_uncompressed:
            raise InputError(
                E.UNPACKS_TOO_LARGE(kind=kind, mb=total / 1048576),
                source=str(path),
            )
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
                raise InputError(
                    E.PART_RATIO(part=info.filename, kind=kind, ratio=ratio),
                    source=str(path),
                )
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                _refuse_dtd(zf, info, kind, path)
        _check_extent(zf, kind, path, limits)


def _refuse_dtd(zf: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str, path: Path) -> None:
    # A DOCTYPE must come before the root element, so the head of the part is enough.
    try:
        with zf.open(info) as f:
            head = f.read(4096)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
        raise InputError(E.PART_DAMAGED(part=info.filename, kind=kind), source=str(path)) from exc
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
        raise InputError(
            E.PART_ENTITIES(part=info.filename, kind=kind),
            source=str(path),
        )


_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")
_WORD_PART = "word/document.xml"
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REF = re.compile(r"([A-Za-z]+)([0-9]+)")


@dataclass
class _Extent:
    rows: int = 0  # rows of all tables together
    cells: int = 0
    widest: int = 0  # columns of the widest row or sheet
    widest_at: str = ""  # where it is, for the message


def _check_extent(zf: zipfile.ZipFile, kind: str, path: Path, limits: Limits) -> None:
    """Refuse tables larger than any plan, before a parser builds them (Limits.max_*)."""
    extent = _Extent()
    try:
        for info in zf.infolist():
            if _SHEET_PART.fullmatch(info.filename):
                with zf.open(info) as f:
                    _sheet_extent(f, info.filename, extent)
            elif info.filename == _WORD_PART:
                with zf.open(info) as f:
                    _word_extent(f, extent)
    # lxml's parse errors are SyntaxErrors; a number that is no number a ValueError.
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError, SyntaxError) as exc:
        raise InputError(E.DAMAGED(kind=kind), source=str(path)) from exc
    if extent.widest > limits.max_columns:
        raise InputError(
            E.TOO_WIDE(
                kind=kind, columns=extent.widest, at=extent.widest_at, max=limits.max_columns
            ),
            source=str(path),
        )
    if extent.rows > limits.max_rows:
        raise InputError(
            E.TOO_MANY_ROWS(kind=kind, rows=extent.rows, max=limits.max_rows),
            source=str(path),
        )
    if extent.cells > limits.max_cells:
        raise InputError(
            E.TOO_MANY_CELLS(kind=kind, cells=extent.cells, max=limits.max_cells),
            source=str(path),
        )


def _iterparse(f: IO[bytes], tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """(element) at each end of a tag, without keeping the document: memory stays flat."""
    from lxml import etree

    for _, el in etree.iterparse(f, events=("end",), tag=tags, resolve_entities=False):
        yield el
        if el.tag != tags[0]:  # the first tag is the innermost; its parent is cleared after it
            el.clear()
            parent = el.getparent()
            while parent is not None and el.getprevious() is not None:
                del parent[0]


def _column(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _sheet_extent(f: IO[bytes], part: str, extent: _Extent) -> None:
    rows = columns = merged = 0
    row = column = 0
    widest_at = ""
    for el in _iterparse(f, (f"{_S}c", f"{_S}row", f"{_S}mergeCell")):
        if el.tag == f"{_S}c":
            found = _REF.fullmatch(el.get("r") or "")
            column, row = (_column(found[1]), int(found[2])) if found else (column + 1, row)
            if column > columns:
                widest_at = f"cell {el.get('r') or column}"
            rows, columns = max(rows, row), max(columns, column)
        elif el.tag == f"{_S}row":
            row, column = int(el.get("r") or row + 1), 0
        else:
            first, _, last = (el.get("ref") or "").partition(":")
            a, b = _REF.fullmatch(first), _REF.fullmatch(last or first)
            if a and b:
                top, bottom = sorted((int(a[2]), int(b[2])))
                left, right = sorted((_column(a[1]), _column(b[1])))
                merged += (bottom - top + 1) * (right - left + 1)
                if right > columns:
                    widest_at = f"merged cells {el.get('ref')}"
                rows, columns = max(rows, bottom), max(columns, right)
    extent.rows += rows
    extent.cells += rows * columns + merged
    if columns > extent.widest:
        extent.widest, extent.widest_at = columns, f"{widest_at} of {part}"


def _word_extent(f: IO[bytes], extent: _Extent) -> None:
    width = 0
    for el in _iterparse(f, (f"{_W}tc", f"{_W}tr")):
        if el.tag == f"{_W}tc":
            span = el.find(f"{_W}tcPr/{_W}gridSpan")
            width += max(1, int(span.get(f"{_W}val", "1"))) if span is not None else 1
        else:
            before = el.find(f"{_W}trPr/{_W}gridBefore")
            width += int(before.get(f"{_W}val", "0")) if before is not None else 0
            extent.rows += 1
            extent.cells += width
            if width > extent.widest:
                extent.widest, extent.widest_at = width, f"row {extent.rows}"
            width = 0


_CONVERT_TO = {".doc": "docx", ".wps": "docx", ".rtf": "docx", ".xls": "xlsx", ".et": "xlsx"}


def convert_legacy(path: Path, workdir: Path, limits: Limits = LIMITS) -> Path:
    """.doc / .wps (and .xls / .et) → .docx (.xlsx) through LibreOffice headless."""
    check_size(path, limits)
    target = _CONVERT_TO[path.suffix.lower()]
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise InputError(
            E.NEEDS_LIBREOFFICE(suffix=path.suffix, target=target),
            source=str(path),
        )
    # A private profile: a running LibreOffice of the same user would otherwise take the job.
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            office,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(workdir),
            str(path),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=limits.convert_seconds, check=False)
        except subprocess.TimeoutExpired as exc:
            raise InputError(
                E.CONVERT_TIMEOUT(seconds=limits.convert_seconds),
                source=str(path),
            ) from exc
    out = workdir / f"{path.stem}.{target}"
    if not out.exists():
        raise InputError(
            E.CONVERT_FAILED(suffix=path.suffix, target=target),
            source=str(path),
        )
    return out


def read_untrusted(
    path: Path,
    *,
    units: Registry = GENERAL,
    district: str | None = None,
    limits: Limits = LIMITS,
) -> Plan:
    """read_plan(path) in the isolated worker, under limits.read_memory_mb and read_seconds: how
    every file from outside is read, by the upload page and by the CLI alike."""
    from duban.core.importers import read_plan

    return read_isolated(
        functools.partial(read_plan, units=units, district=district),
        Path(path),
        memory_mb=limits.read_memory_mb,
        seconds=limits.read_seconds,
    )


def read_isolated(
    reader: Callable[[Path], T],
    path: Path,
    *,
    memory_mb: int = 1024,
    seconds: float = 120.0,
) -> T:
    """Run a reader in a forked worker with an address-space limit and a time limit.

    The checks above stop the known bombs; this stops what they miss (a parser that balloons
    on some other input) from taking the web server down with it. Linux and macOS only.
    """
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    worker = ctx.Process(target=_worker, args=(reader, path, memory_mb, send), daemon=True)
    worker.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise InputError(E.READ_TIMEOUT(seconds=seconds), source=str(path))
        outcome, value = receive.recv()
    except EOFError:
        outcome, value = "crash", None
    finally:
        worker.kill()
        worker.join()
        receive.close()
    if outcome == "ok":
        return cast(T, value)  # what reader returned, pickled through the pipe
    if outcome == "error":
        message, source, page, line = value
        raise InputError(message, source=source, page=page, line=line)
    if outcome == "memory":
        raise InputError(E.READ_MEMORY(mb=memory_mb), source=str(path))
    raise InputError(E.READER_CRASHED(), source=str(path))


def _worker(reader: Callable[[Path], Any], path: Path, memory_mb: int, send: Connection) -> None:
    # The limit counts the address space the fork inherited, so it is set above what is mapped now.
    import resource

    mapped = _mapped_bytes()
    if mapped:  # without /proc (macOS) the limit is not set: RLIMIT_AS is not enforced there
        limit = mapped + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        send.send(("ok", reader(path)))
    except InputError as exc:
        send.send(("error", (exc.message, exc.source, exc.page, exc.line)))
    except MemoryError:
        send.send(("memory", None))
    except Exception as exc:  # an unexpected failure still ends as one sentence
        send.send(("error", (E.UNEXPECTED(error=type(exc).__name__), str(path), None, None)))


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
