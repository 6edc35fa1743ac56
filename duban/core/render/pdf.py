"""PDF from our own DOCX through LibreOffice headless: one layout, two outputs.

Measured choice in docs/pdf-export.md. Two traps handled here: each conversion gets its own
LibreOffice profile directory (two runs sharing one lose an output silently), and fontconfig is
pointed at our alias file so 仿宋_GB2312 and friends resolve to Noto CJK instead of a slow search
that ends in a sans-serif fallback.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from duban.core.errors import DubanError

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
ALIASES = FONTS_DIR / "aliases.conf"
LICENSED_SLOT = FONTS_DIR / "licensed"
SYSTEM_FONTS_CONF = Path("/etc/fonts/fonts.conf")
DEFAULT_TIMEOUT_S = 120.0


class ConversionError(DubanError):
    """LibreOffice is missing, timed out, or produced no PDF."""


def soffice_path() -> str:
    """The LibreOffice binary, or a ConversionError that says how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ConversionError(
        "PDF 导出需要 LibreOffice：未找到 soffice（Debian: apt-get install libreoffice-writer "
        "fonts-noto-cjk，或运行 make system-deps）"
    )


def fontconfig_text(extra_dirs: list[Path]) -> str:
    """A fonts.conf that keeps the system's fonts, adds the licensed-font slots, then our aliases."""
    dirs = "".join(f"  <dir>{d}</dir>\n" for d in extra_dirs if d.is_dir())
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f'  <include ignore_missing="yes">{SYSTEM_FONTS_CONF}</include>\n'
        f"{dirs}"
        f"  <include>{ALIASES}</include>\n"
        "</fontconfig>\n"
    )


def licensed_font_dirs() -> list[Path]:
    dirs = [LICENSED_SLOT]
    if os.environ.get("DUBAN_FONTS_DIR"):
        dirs.append(Path(os.environ["DUBAN_FONTS_DIR"]))
    return dirs


def docx_to_pdf(docx: bytes, timeout: float = DEFAULT_TIMEOUT_S) -> bytes:
    """Convert .docx bytes to .pdf bytes. Safe to call from several processes or threads at once.

    Through the resident LibreOffice when one is installed (the worker's: resident.py), else a
    one-off `soffice --convert-to` (the CLI)."""
    from duban.core.render.resident import installed

    converter = installed()
    if converter is not None:
        return converter.convert(docx, timeout)
    return one_off_docx_to_pdf(docx, timeout)


def one_off_docx_to_pdf(docx: bytes, timeout: float = DEFAULT_TIMEOUT_S) -> bytes:
    """A LibreOffice started for this conversion alone, with a fresh profile."""
    soffice = soffice_path()
    with tempfile.TemporaryDirectory(prefix="duban-pdf-") as tmp:
        work = Path(tmp)
        # A profile per conversion: a shared one makes a concurrent second run exit silently.
        # (A pool of warm, locked profiles was tried: no measurable saving in CPU time.)
        profile = work / "profile"
        src = work / "in.docx"
        src.write_bytes(docx)
        conf = work / "fonts.conf"
        conf.write_text(fontconfig_text(licensed_font_dirs()), encoding="utf-8")
        env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(profile.parent))
        cmd = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(src),
        ]
        # A session of its own, so a timeout can end soffice.bin too, not only its launcher.
        proc = subprocess.Popen(
            cmd, env=env, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True,
        )  # fmt: skip
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise ConversionError(f"LibreOffice 转换 PDF 超时（{timeout:.0f} 秒）") from exc
        out = work / "in.pdf"
        if not out.exists():
            detail = (stderr or stdout).decode("utf-8", "replace").strip()[:300]
            raise ConversionError(
                f"LibreOffice 未生成 PDF（退出码 {proc.returncode}）{': ' + detail if detail else ''}"
            )
        return out.read_bytes()
