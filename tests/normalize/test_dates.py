import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from archive.normalize.dates import _patterns, decide_published, find_dates, first_date, parse_metadata_date
from archive.readers.base import Meta

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


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-11-05T14:56:43+07:00", "2015-11-05"),
        ("2016-02-23 14:49:30", "2016-02-23"),
        ("2019-11-19T12:05:00Z", "2019-11-19"),
        ("Tue, 23 Feb 2016 14:49:30 +0700", "2016-02-23"),
        ("1456213770", "2016-02-23"),  # epoch seconds
        ("1456213770000", "2016-02-23"),  # epoch milliseconds
        ("Kamis, 05 November 2015 11:52", "2015-11-05"),  # a byline as printed
        ("2026-11-26", "2026-11-26"),  # today is not the future
        ("2026-11-27", None),
        ("2999-01-01", None),
        ("2021-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_metadata_dates(value, expected):
    assert parse_metadata_date(value, "id", TODAY) == expected


def test_metadata_date_is_bounded_by_the_given_today_not_the_clock():
    assert parse_metadata_date("2026-11-26", "en", dt.date(2026, 11, 25)) is None
    assert parse_metadata_date("2026-11-26", "en", dt.date(2026, 11, 26)) == "2026-11-26"


def test_decision_order_metadata_then_byline_then_text():
    meta = [Meta("published", "2999-01-01", "page metadata"), Meta("published", "Senin, 10 Januari 2022", "byline"),
            Meta("published", "2021-05-05", "json-ld datePublished")]
    assert decide_published(meta, ["pada 1 Maret 2020"], "id", TODAY) == ("2021-05-05", "metadata")
    assert decide_published(meta[:2], ["pada 1 Maret 2020"], "id", TODAY) == ("2022-01-10", "metadata")
    assert decide_published(meta[:1], ["pada 1 Maret 2020"], "id", TODAY) == ("2020-03-01", "text")
    assert decide_published([], ["tanpa tanggal"], "id", TODAY) == (None, None)



@pytest.mark.parametrize("index", [i for i, (necessary, _) in enumerate(_patterns()) if necessary is not None])
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_date_pattern_only_matches_where_its_cheap_precondition_does(index, data):
    # find_dates skips a pattern when its precondition is absent: that must never lose a date
    necessary, pattern = _patterns()[index]
    text = data.draw(st.from_regex(pattern))
    assert pattern.search(text) and necessary.search(text)
