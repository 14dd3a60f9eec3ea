"""`rules.parse_row_id`: the one reading of a row id sent by a browser, an address or the API.
Anything but a positive id of at most nine digits is None, so no forged value reaches int() or
the database."""

from typing import Any

import pytest

from models.rules import parse_row_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5, 5),
        ("5", 5),
        (" 42 ", 42),
        ("007", 7),
        ("999999999", 999_999_999),
        (999_999_999, 999_999_999),
    ],
)
def test_an_id_is_read(value: Any, expected: int) -> None:
    assert parse_row_id(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "abc",
        "x1",
        "1.5",
        1.0,
        "-3",
        -3,
        0,
        "0",
        "000",
        True,
        False,
        "²",  # str.isdigit() says yes, int() says no
        "١٢",  # Arabic-Indic digits: decimal, not ASCII
        "1000000000",  # ten digits
        10**9,
        10**20,
        "1" * 30,
        [1],
        {"id": 1},
        b"1",
    ],
)
def test_anything_else_is_none(value: Any) -> None:
    assert parse_row_id(value) is None
