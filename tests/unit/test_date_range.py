"""One range of days for every date the app reads (validation.FIRST_DAY..LAST_DAY): the API,
the services, the log's filter and the incident register, and the OpenAPI document saying so."""

import json
from datetime import date, datetime

import pytest

from callbacks import audit_log
from dashboard.api_spec import openapi_document
from dashboard.services import validation
from dashboard.services.incidents import parse_incident_date
from dashboard.services.validation import FIRST_DAY, LAST_DAY, Errors, iso_date, parse_iso_day
from models.enums import DatePrecision


def test_one_range_of_days_from_1900_to_2999() -> None:
    assert (date(1900, 1, 1), date(2999, 12, 31)) == (FIRST_DAY, LAST_DAY)
    assert parse_iso_day("2999-12-31") == LAST_DAY
    assert parse_iso_day("1900-01-01") == FIRST_DAY
    for outside in ("3000-01-01", "9998-12-31", "1899-12-31"):
        assert parse_iso_day(outside) is None, outside


def test_the_logs_filter_reads_the_same_range() -> None:
    assert audit_log._date("2999-12-31", "Till") == LAST_DAY
    with pytest.raises(ValueError, match="mellan 1900-01-01 och 2999-12-31"):
        audit_log._date("3000-01-01", "Till")


def test_the_openapi_document_states_the_same_range() -> None:
    text = json.dumps(openapi_document(), ensure_ascii=False)
    assert f"från {FIRST_DAY} till {LAST_DAY}" in text
    assert "9998" not in text


def test_a_datetime_is_read_as_its_day() -> None:
    """An import hands over a cell Excel read as a date, which openpyxl gives as a datetime."""
    moment = datetime(2023, 3, 1, 14, 30)
    assert parse_iso_day(moment) == date(2023, 3, 1)
    errors = Errors()
    assert iso_date(errors, "d", moment, "Datum") == date(2023, 3, 1)
    assert errors.by_field == {}
    assert parse_incident_date(Errors(), moment) == (date(2023, 3, 1), DatePrecision.DAY)
    assert parse_iso_day(datetime(3000, 1, 1)) is None


def test_no_second_home_for_the_range() -> None:
    assert not hasattr(validation, "EARLIEST_DAY") and not hasattr(validation, "LATEST_DAY")
