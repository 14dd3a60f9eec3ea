"""validation.text: the one gate every typed text passes, refusing what a database cannot hold
and measuring the length before any pattern runs."""

import time

import pytest

from dashboard.services import validation
from dashboard.services.validation import Errors, parse_iso_day, text


def test_a_megabyte_is_refused_at_once_without_the_personal_data_guard(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(validation, "personal_data_message", lambda v: calls.append(v))
    errors = Errors()
    started = time.perf_counter()
    assert text(errors, "description", "1" * 1_000_000, "Beskrivning") is None
    assert time.perf_counter() - started < 0.1  # the bound finding 1 asks for, generous
    assert calls == []
    assert errors.by_field == {"description": "Beskrivning får vara högst 4000 tecken."}


def test_nul_is_dropped_and_lone_surrogates_refused_in_swedish() -> None:
    errors = Errors()
    assert text(errors, "what", "Trygg\x00hetsvandring", "Åtagande") == "Trygghetsvandring"
    assert errors.by_field == {}
    for bad in ("\ud800", "a\udfffb", "x" + "\udc80"):
        errors = Errors()
        assert text(errors, "what", bad, "Åtagande") is None
        assert errors.by_field["what"].startswith("Åtagande innehåller ett tecken")


def test_a_too_long_text_counts_characters_not_after_stripping_control_characters() -> None:
    errors = Errors()
    assert text(errors, "x", "\x00" * 5000, "Text") is None
    assert "högst 4000" in errors.by_field["x"]


def test_iso_day_refuses_the_last_day_no_successor_fits() -> None:
    # 9999-12-31 is a date, but a filter up to it adds a day: the parser keeps a margin.
    assert parse_iso_day("9999-12-31") is None
    assert parse_iso_day("2023-12-31") is not None
