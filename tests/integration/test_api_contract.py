"""The OpenAPI document describes the truth: schemathesis generates requests from
/api/v1/openapi.json and sends them to the app, logged in as admin on a writable copy of the
demo data (it POSTs and PATCHes), and checks that no answer is a 500 and that every answer's
status code, content type and body are the ones the document promises. Bounded: a few examples
per operation, so the run stays well under a minute on each database."""

import re

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import login

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 25
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]


def _logged_in(app: Flask) -> tuple[schemathesis.schemas.BaseSchema, dict[str, str], str]:
    """The document as the admin's client reads it (it is behind the login, and Werkzeug's
    test client would drop a Cookie header given to schemathesis's loader), bound to the app."""
    client = app.test_client()
    assert login(client, "admin").status_code == 302
    token = client.get("/api/v1/session").get_json()["csrf_token"]
    cookie = client.get_cookie("session")
    assert cookie is not None
    schema = schemathesis.openapi.from_dict(client.get("/api/v1/openapi.json").get_json())
    schema.app = app  # calls go to the WSGI app, as with schemathesis.openapi.from_wsgi
    # identity: Dash compresses answers (flask-compress), which the WSGI transport cannot decode.
    return schema, {"X-CSRFToken": token, "Accept-Encoding": "identity"}, cookie.value


def test_every_operation_keeps_the_documents_promises(app_writable: Flask) -> None:
    schema, headers, session_cookie = _logged_in(app_writable)
    operations = [result.ok() for result in schema.get_all_operations()]
    documented = {(op.method.upper(), op.path) for op in operations}
    routes = {
        (method, re.sub(r"<(?:\w+:)?\w+>", "{id}", rule.rule))
        for rule in app_writable.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        and rule.endpoint not in ("api.no_such_address", "api.openapi")
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    assert routes == documented, "every route of the API is in the document, and no other"
    for operation in operations:
        strategy = st.one_of(*(operation.as_strategy(generation_mode=m) for m in MODES))

        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            response = case.call(headers=headers, cookies={"session": session_cookie})
            case.validate_response(response, checks=CHECKS, headers=headers)

        try:
            run()
        except Exception as error:  # name the operation that broke its promise
            raise AssertionError(f"{operation.label}: {error}") from error
