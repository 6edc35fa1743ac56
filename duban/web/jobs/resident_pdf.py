"""The worker's resident LibreOffice: started when a worker starts (in the background, so the
worker takes jobs at once; a PDF asked meanwhile waits for it), used by every PDF the worker
makes, stopped when the worker stops. Off with DUBAN_PDF_RESIDENT=0, and when the system Python
cannot import uno (then each PDF starts its own LibreOffice, as before)."""

from __future__ import annotations

import logging
import os
import threading

from django.conf import settings

from duban.core.errors import DubanError
from duban.core.render import resident

logger = logging.getLogger("duban.worker")


def enabled() -> bool:
    """settings.DUBAN_PDF_RESIDENT when set, else the environment's DUBAN_PDF_RESIDENT (on
    unless "0")."""
    default = os.environ.get("DUBAN_PDF_RESIDENT", "1") != "0"
    return bool(getattr(settings, "DUBAN_PDF_RESIDENT", default))


def start_resident(sender: object = None, worker_id: str = "", **kwargs: object) -> None:
    if not enabled() or resident.installed() is not None:
        return
    if not resident.uno_available():
        logger.warning(
            "%s: python3-uno missing (%s): each PDF starts its own LibreOffice",
            worker_id,
            resident.SYSTEM_PYTHON,
        )
        return
    converter = resident.ResidentConverter()
    resident.install(converter)

    def warm() -> None:
        try:
            converter.start()
        except DubanError as exc:  # the first PDF tries again and reports it on its job
            logger.warning("%s: resident LibreOffice did not start: %s", worker_id, exc)

    threading.Thread(target=warm, name="resident-soffice", daemon=True).start()


def stop_resident(sender: object = None, worker_id: str = "", **kwargs: object) -> None:
    converter = resident.install(None)
    if converter is not None:
        converter.stop()
