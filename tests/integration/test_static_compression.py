"""Scripts are compressed once per worker; callback answers never come from that cache."""

import gzip
import json
from typing import Any

import flask_compress.flask_compress as compress
import pytest
from flask import Flask

from tests.conftest import login

PLOTLY = "/_dash-component-suites/plotly/package_data/plotly.min.js"


def test_plotly_is_compressed_once_and_still_revalidates(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    compressed: list[int] = []
    original = compress._compress_data

    def counting(app: Flask, data: bytes, algorithm: str) -> bytes:
        compressed.append(len(data))
        return original(app, data, algorithm)

    monkeypatch.setattr(compress, "_compress_data", counting)
    client = app.test_client()
    login(client, "ks")
    headers = {"Accept-Encoding": "gzip"}
    first = client.get(PLOTLY, headers=headers)
    again = client.get(PLOTLY, headers=headers)
    assert first.status_code == again.status_code == 200
    assert first.data == again.data and first.headers["Content-Encoding"] == "gzip"
    big = [n for n in compressed if n > 1_000_000]
    assert len(big) == 1, "plotly.js compressed once, not per request"
    etag = first.headers["ETag"]
    assert client.get(PLOTLY, headers=headers | {"If-None-Match": etag}).status_code == 304


def _overview_kpis(client: Any, key: str, year: str) -> str:
    values = {
        "overview-year": year,
        "overview-period": "vb",
        "overview-milieu": "all",
        "overview-source": "all",
        "overview-kind": "all",
    }
    body = {
        "output": key,
        "outputs": [
            {"id": "overview-kpis", "property": "children"},
            {"id": "overview-milieu-kpis", "property": "children"},
        ],
        "inputs": [{"id": k, "property": "value", "value": v} for k, v in values.items()],
        "state": [],
        "changedPropIds": ["overview-year.value"],
    }
    response = client.post(
        "/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"}
    )
    assert response.headers["Content-Encoding"] == "gzip"
    return json.dumps(json.loads(gzip.decompress(response.data)), ensure_ascii=False)


def test_callback_answers_are_never_served_from_the_cache(app: Flask) -> None:
    client = app.test_client()
    login(client, "ks")
    key = next(
        d["output"]
        for d in client.get("/_dash-dependencies").get_json()
        if "overview-kpis.children" in d["output"]
    )
    first, second = _overview_kpis(client, key, "2020"), _overview_kpis(client, key, "2023")
    assert "Händelser 2020" in first and "Händelser 2023" in second


def test_the_page_carries_the_chart_and_grid_scripts_and_nothing_it_never_uses(app: Flask) -> None:
    """plotly.js, the graph and AG Grid come with the page under a fingerprinted address, so
    the browser keeps them a year instead of asking again on every page; AG Grid Enterprise,
    MathJax and DataTable's table (about 7 MB the app never uses) are not run on every page."""
    client = app.test_client()
    login(client, "ks")
    page = client.get("/").get_data(as_text=True)
    for script in (
        "/plotly/package_data/plotly.v",
        "/dash/dcc/async-graph.v",
        "/dash_ag_grid/async-community.v",
    ):
        assert script in page, script
    for unused in ("async-enterprise", "async-mathjax", "dash_table/async-table"):
        assert unused not in page, unused
