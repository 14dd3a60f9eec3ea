"""The app's today is Stockholm's: on a server running on UTC, New Year's Eve at 23:30 UTC is
already the new year for the officials, and the pages open on it."""

from datetime import UTC, date, datetime, tzinfo

import pytest

import models.base
from dashboard.url_filters import year_filter
from models.base import stockholm_today

NEW_YEARS_EVE_LATE_UTC = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)


class _Clock(datetime):
    @classmethod
    def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
        return NEW_YEARS_EVE_LATE_UTC.astimezone(tz)


@pytest.fixture
def late_on_new_years_eve(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models.base, "datetime", _Clock)


@pytest.mark.usefixtures("late_on_new_years_eve")
def test_stockholm_is_already_in_the_new_year() -> None:
    assert stockholm_today() == date(2027, 1, 1)


@pytest.mark.usefixtures("late_on_new_years_eve")
def test_a_page_without_a_year_opens_on_stockholms_year() -> None:
    assert year_filter("year").parse(None) == "2027"
