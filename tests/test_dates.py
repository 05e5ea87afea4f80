"""Partial dates: parsing, precision, spans, formatting, order; agreement with the edtf package."""

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.dates import DateError, PartialDate, Precision, day_to_epoch, epoch_to_day, parse_date


@pytest.mark.parametrize(
    "text, precision, first, last, shown",
    [
        ("1992", Precision.YEAR, dt.date(1992, 1, 1), dt.date(1992, 12, 31), "1992"),
        ("2001-05", Precision.MONTH, dt.date(2001, 5, 1), dt.date(2001, 5, 31), "May 2001"),
        ("1992-05-15", Precision.DAY, dt.date(1992, 5, 15), dt.date(1992, 5, 15), "15 May 1992"),
        ("2000-02", Precision.MONTH, dt.date(2000, 2, 1), dt.date(2000, 2, 29), "February 2000"),
        ("1997-04~", Precision.MONTH, dt.date(1997, 4, 1), dt.date(1997, 4, 30), "c. April 1997"),
        ("2001-05?", Precision.MONTH, dt.date(2001, 5, 1), dt.date(2001, 5, 31), "May 2001?"),
        ("1999%", Precision.YEAR, dt.date(1999, 1, 1), dt.date(1999, 12, 31), "c. 1999?"),
    ],
)
def test_parse_and_format(text, precision, first, last, shown):
    date = parse_date(text)
    assert date.precision == precision
    assert (date.first_day, date.last_day) == (first, last)
    assert date.format() == shown
    assert str(date) == text


def test_yaml_scalars_load_as_meant():
    assert parse_date(1992) == PartialDate(1992)
    assert parse_date(dt.date(1992, 5, 15)) == PartialDate(1992, 5, 15)
    with pytest.raises(DateError):
        parse_date(dt.datetime(1992, 5, 15, 10, 0))
    with pytest.raises(DateError):
        parse_date(True)


@pytest.mark.parametrize(
    "text, message",
    [
        ("1992-13", "month 13 does not exist"),
        ("1992-13-45", "month 13 does not exist"),
        ("1992-02-30", "day 30 does not exist in February 1992"),
        ("1900-02-29", "day 29 does not exist in February 1900"),
        ("92", "is not a date of the form"),
        ("1992/05/15", "is not a date of the form"),
        ("May 1992", "is not a date of the form"),
        ("1992-5", "is not a date of the form"),
        ("0000", "year 0000 is outside"),
    ],
)
def test_impossible_dates_are_refused_with_a_reason(text, message):
    with pytest.raises(DateError, match=message):
        parse_date(text)


def test_order_is_chronological_with_the_coarser_first():
    dates = [parse_date(t) for t in ["1993", "1992-05-15", "1992", "1992-05", "1991-12-08"]]
    assert [str(d) for d in sorted(dates)] == ["1991-12-08", "1992", "1992-05", "1992-05-15", "1993"]


def test_contains():
    assert parse_date("1992").contains(parse_date("1992-05-15"))
    assert not parse_date("1992-05").contains(parse_date("1992"))


def test_epoch_is_utc_days():
    assert day_to_epoch(dt.date(1970, 1, 2)) == 86400
    assert epoch_to_day(day_to_epoch(dt.date(1992, 5, 15)) + 43200) == dt.date(1992, 5, 15)


# --- agreement with the reference implementation, on generated inputs ---------------
edtf = pytest.importorskip("edtf")

_components = st.tuples(
    st.integers(1, 9999),
    st.one_of(st.none(), st.integers(0, 13)),
    st.one_of(st.none(), st.integers(0, 32)),
    st.sampled_from(["", "~", "?", "%"]),
)


def _text(year, month, day, qualifier):
    text = f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    return text + qualifier


def _reference(text):
    try:
        parsed = edtf.parse_edtf(text)
    except Exception:  # edtf raises its own parse exception
        return None
    # Known divergence: edtf 5.0.2 accepts 29 February in every year (e.g. 1999-02-29);
    # ISO 8601's Gregorian calendar has it only in leap years, and so do we.
    if text[4:10] == "-02-29" and not calendar.isleap(int(text[:4])):
        return None
    return parsed


@settings(max_examples=250, deadline=None)
@given(_components)
def test_subset_agrees_with_edtf_package(components):
    text = _text(*components)
    reference = _reference(text)
    try:
        ours = parse_date(text)
    except DateError:
        ours = None
    assert (ours is None) == (reference is None), text
    if ours is not None:
        lower = reference.lower_strict()
        upper = reference.upper_strict()
        assert ours.first_day == dt.date(lower.tm_year, lower.tm_mon, lower.tm_mday), text
        assert ours.last_day == dt.date(upper.tm_year, upper.tm_mon, upper.tm_mday), text
        assert ours.approximate == ("~" in text or "%" in text)
        assert ours.uncertain == ("?" in text or "%" in text)


@settings(max_examples=250, deadline=None)
@given(st.from_regex(r"\A[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?\Z"))
def test_refusals_agree_with_edtf_package(text):
    reference = _reference(text)
    try:
        ours = parse_date(text)
    except DateError:
        ours = None
    month = int(text[5:7]) if len(text) >= 7 and text[4] == "-" else None
    if text.startswith("0000") or (month is not None and 21 <= month <= 41 and len(text) <= 8):
        assert ours is None  # outside our subset: year 0 and level-2 seasons (YYYY-21 .. YYYY-41)
    else:
        assert (ours is None) == (reference is None), text


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_round_trip(day):
    for text in (f"{day.year:04d}", f"{day.year:04d}-{day.month:02d}", day.isoformat()):
        assert str(parse_date(text)) == text


def test_format_range_is_as_precise_as_the_span():
    from timeline_app.core.dates import format_range

    def d(text):
        return day_to_epoch(parse_date(text).first_day)

    assert format_range(d("1991"), d("2016")) == "1991 \u2013 2015"
    assert format_range(d("1999-04"), d("2002-03")) == "Apr 1999 \u2013 Feb 2002"
    assert format_range(d("1999-04-03"), d("1999-04-10")) == "3 Apr 1999 \u2013 9 Apr 1999"
