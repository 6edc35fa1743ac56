"""The served OpenAPI schema as the text committed in docs/openapi.json (`duban openapi`)."""

from __future__ import annotations

import json
from pathlib import Path

COMMITTED = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


def openapi_text() -> str:
    """Stable text: sorted keys, two-space indent, Chinese kept readable, a final newline."""
    from duban.web.api.api import api

    schema = api.get_openapi_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
