"""docs/openapi.json is the schema the API serves; regenerate it with
`duban openapi --out docs/openapi.json` when the API changes on purpose."""

from __future__ import annotations

import json

from click.testing import CliRunner

REGENERATE = "the API changed: run `duban openapi --out docs/openapi.json` and commit it"


def test_the_committed_schema_is_the_served_one(client, db):
    from duban.web.api.openapi import COMMITTED

    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == served.json(), REGENERATE


def test_the_command_writes_the_committed_text(tmp_path, db):
    from duban.cli import main
    from duban.web.api.openapi import COMMITTED

    out = tmp_path / "openapi.json"
    result = CliRunner().invoke(main, ["openapi", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8"), REGENERATE


def test_every_operation_needs_a_token_and_documents_its_refusals(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation["security"] == [{"TokenAuth": []}], (method, path)
            assert {"401", "403", "404", "422", "429"} <= set(operation["responses"]), path
