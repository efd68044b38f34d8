import datetime as dt

import pytest

from archive.normalize.dates import find_dates, first_date, parse_iso_date

TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("pada hari Senin (10/1/2022), setelah", "id", "2022-01-10"),
        ("on Monday (10/1/2022) after", "en", "2022-01-10"),  # weekday beats month-first order
        ("on (10/1/2022) after", "en", "2022-10-01"),  # English: month first
        ("pada (10/1/2022) setelah", "id", "2022-01-10"),  # Indonesian: day first
        ("pada 10 Januari 2022 pukul 10.00", "id", "2022-01-10"),
        ("Jumat, 5 Agt 2022", "id", "2022-08-05"),
        ("on January 10, 2022 at noon", "en", "2022-01-10"),
        ("on Jan. 10th 2022 at noon", "en", "2022-01-10"),
        ("10 January 2022", "en", "2022-01-10"),
        ("published 2022-01-10T08:00", "en", "2022-01-10"),
        ("on 25/12/2021", "en", "2021-12-25"),  # month-first impossible: day-first is the only reading
    ],
)
def test_dates_in_text(text, language, expected):
    assert first_date([text], language, TODAY) == expected


@pytest.mark.parametrize("text", ["31/2/2022", "5 Mei 2099", "Jumat (6/11) pukul 08.45", "32/13/2022", "31 Juni 2020"])
def test_impossible_future_or_yearless_dates_are_ignored(text):
    assert first_date([text], "id", TODAY) is None


def test_dates_in_order_of_appearance():
    found = find_dates("Pada 2 Maret 2020 dan Senin (10/1/2022).", "id", TODAY)
    assert [d.isoformat() for _, d in found] == ["2020-03-02", "2022-01-10"]


def test_metadata_dates():
    assert parse_iso_date("2015-11-05T14:56:43+07:00", TODAY) == "2015-11-05"
    assert parse_iso_date("2030-01-01", TODAY) is None
    assert parse_iso_date("2021-02-30", TODAY) is None
    assert parse_iso_date("yesterday", TODAY) is None
