"""Dash callbacks called the way dash-renderer calls them, for tests that post to
`/_dash-update-component` directly (forged requests, or a page's answer without a browser)."""

import json
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

Output = tuple[str | dict[str, Any], str]


def _outputs_of(key: str) -> list[Output]:
    """`a.children...b.figure` (the key Dash publishes) as (id, property) pairs."""
    pairs: list[Output] = []
    for part in key.strip(".").split("..."):
        name, prop = part.rsplit(".", 1)
        pairs.append((json.loads(name) if name.startswith("{") else name, prop))
    return pairs


def _outputs_body(key: str, outputs: list[Output]) -> Any:
    """As dash-renderer sends them: a list for a multi-output callback (its key starts with
    ".."), one object for a single output."""
    body = [{"id": i, "property": p} for i, p in outputs]
    return body if key.startswith("..") else body[0]


def post_callback(
    client: FlaskClient,
    outputs: list[Output] | None,
    inputs: list[dict[str, Any]],
    state: list[dict[str, Any]],
    output_has: str = "",
) -> TestResponse:
    """POST the callback whose inputs are exactly `inputs` (and whose output key contains
    `output_has`). Outputs default to every output the callback declares; the key is the one Dash
    itself publishes (outputs declared with allow_duplicate carry a suffix)."""
    wanted = {(i["id"], i["property"]) for i in inputs}
    key = next(
        d["output"]
        for d in client.get("/_dash-dependencies").get_json()
        if {(i["id"], i["property"]) for i in d["inputs"]} == wanted and output_has in d["output"]
    )
    body = {
        "output": key,
        "outputs": _outputs_body(key, outputs or _outputs_of(key)),
        "inputs": inputs,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
        "state": state,
    }
    return client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )


def call(
    client: FlaskClient,
    outputs: list[Output] | None,
    inputs: list[dict[str, Any]],
    state: list[dict[str, Any]],
    output_has: str = "",
) -> dict[str, Any]:
    """A callback that must answer, and its outputs."""
    response = post_callback(client, outputs, inputs, state, output_has)
    assert response.status_code == 200, response.get_data(as_text=True)
    result: dict[str, Any] = response.get_json()["response"]
    return result


def council_page(client: FlaskClient, code: str, year: int) -> dict[str, Any]:
    """The council page's main callback for one council and year, every output."""
    inputs = [
        {"id": "council-code", "property": "data", "value": code},
        {"id": "council-year", "property": "value", "value": str(year)},
    ]
    return call(client, None, inputs, [], output_has="council-header")
