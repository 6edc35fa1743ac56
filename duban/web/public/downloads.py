"""The published table as DOCX or PDF, from the core renderers (duban/core/render) once they
exist; until then the download links are not shown and the URLs answer 404."""

from __future__ import annotations

from duban.web.plans import seam
from duban.web.plans.models import Period

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _renderer(fmt: str):
    """The core function that turns a core Plan into bytes of the format, or None."""
    try:
        from duban.core import render
    except ImportError:
        return None
    return getattr(render, f"render_{fmt}", None) or getattr(render, f"table_{fmt}", None)


def available() -> list[str]:
    return [fmt for fmt in CONTENT_TYPES if _renderer(fmt) is not None]


def render(period: Period, fmt: str) -> bytes | None:
    renderer = _renderer(fmt) if fmt in CONTENT_TYPES else None
    if renderer is None:
        return None
    return renderer(seam.to_core(period.plan, period))
