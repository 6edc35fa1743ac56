"""Hooks of the worker's life. `worker_starting` is where a resident service the jobs use is
started (a LibreOffice kept running for PDFs), `worker_stopping` where it is stopped; receivers
get `worker_id`. Connect them in an AppConfig.ready()."""

from __future__ import annotations

from django.dispatch import Signal

worker_starting = Signal()
worker_stopping = Signal()
