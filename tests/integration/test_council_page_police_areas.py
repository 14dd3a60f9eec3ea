"""The council page names the police areas the council works with now, or did on its last day:
Kungsholmen moved from Norrmalm to Lidingö-Kungsholmen when Norrmalm was split in 2025."""

import json
from typing import Any

import pytest

from tests.dash_calls import council_page


@pytest.mark.parametrize(
    ("code", "year", "areas"),
    [
        ("KUN", 2026, "Lidingö-Kungsholmen"),
        ("NIN", 2026, "Norra innerstaden"),
        ("OST", 2023, "Norrmalm"),
        ("HAE", 2026, "Globen, Skärholmen"),
    ],
)
def test_the_header_names_the_police_areas_of_the_day(
    login_as: Any, code: str, year: int, areas: str
) -> None:
    answer = council_page(login_as("ks"), code, year)
    header = json.dumps(answer["council-header"], ensure_ascii=False)
    assert header.split("Lokalpolisområde: ")[1].split(".")[0] == areas
