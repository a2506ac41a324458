"""Dates with month and weekday names, as sellers type them and as notices print them."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from babel.dates import get_day_names, get_month_names
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.calendar_names import (
    ALL_NAMES,
    LANGUAGES,
    MONTHS_ABBREVIATED,
    MONTHS_WIDE,
    WEEKDAYS_ABBREVIATED,
    WEEKDAYS_WIDE,
    CalendarNames,
    fold,
    names_for,
)
from domain.errors import ReadingError
from domain.named_dates import find_dates, read_named_date

TODAY = date(2026, 12, 2)  # a Wednesday
NL_EN = names_for("nl").merged(names_for("en"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_domains_month_and_weekday_names_are_babels(language: str) -> None:
    for width, table in (("wide", MONTHS_WIDE), ("abbreviated", MONTHS_ABBREVIATED)):
        babel = get_month_names(width, locale=language)
        assert table[language] == tuple(babel[number] for number in range(1, 13))
    for width, table in (("wide", WEEKDAYS_WIDE), ("abbreviated", WEEKDAYS_ABBREVIATED)):
        babel = get_day_names(width, locale=language)
        assert table[language] == tuple(babel[number] for number in range(7))


@pytest.mark.parametrize(("typed", "day", "moment"), [
    ("1 december 22:00", date(2026, 12, 1), time(22, 0)),
    ("1 dec 22:00", date(2026, 12, 1), time(22, 0)),
    ("1 dec. 22:00", date(2026, 12, 1), time(22, 0)),
    ("Dec 1, 10:08 PM", date(2026, 12, 1), time(22, 8)),
    ("December 1, 2026 at 10:08 pm", date(2026, 12, 1), time(22, 8)),
    ("maandag 14:00", date(2026, 11, 30), time(14, 0)),
    ("maandag om 14:00", date(2026, 11, 30), time(14, 0)),
    ("woensdag 8:15", date(2026, 12, 2), time(8, 15)),
    ("Thursday 9 am", date(2026, 11, 26), time(9, 0)),
    ("di 1 dec 2026 om 9.30", date(2026, 12, 1), time(9, 30)),
    ("30 november", date(2026, 11, 30), None),
    ("30 NOVEMBER", date(2026, 11, 30), None),
    ("zondag", date(2026, 11, 29), None),
    ("28 feb 14u30", date(2027, 2, 28), time(14, 30)),  # the nearest 28 February
    ("30 dec 9:00", date(2026, 12, 30), time(9, 0)),  # the caller refuses the future
    ("1 mrt 2027", date(2027, 3, 1), None),
])
def test_dates_with_month_or_weekday_names_are_read(typed: str, day: date,
                                                    moment: time | None) -> None:
    named = read_named_date(typed, TODAY, NL_EN)
    assert named is not None
    assert (named.day, named.time) == (day, moment)


@pytest.mark.parametrize("typed", [
    "", "21-11 14:30", "14:30", "gisteren 9:00", "1 decembre", "maandag 14", "dec 1 22",
    "december", "1 december 22:00 extra", "x" * 200,
])
def test_text_without_a_named_date_is_left_to_the_other_readers(typed: str) -> None:
    assert read_named_date(typed, TODAY, NL_EN) is None


@pytest.mark.parametrize("typed", ["31 feb", "30 februari 2026", "1 dec 25:00", "1 dec 13:00 pm",
                                   "maandag 24:30"])
def test_a_named_date_that_does_not_exist_is_refused_with_a_reason(typed: str) -> None:
    with pytest.raises(ReadingError) as refused:
        read_named_date(typed, TODAY, NL_EN)
    assert "does not exist" in refused.value.msg.key


def test_names_built_from_lists_like_babels_read_the_same() -> None:
    english = CalendarNames.of(
        [[get_month_names("wide", locale="en")[n] for n in range(1, 13)]],
        [[get_day_names("wide", locale="en")[n] for n in range(7)]],
    )
    assert read_named_date("Friday 10:00", TODAY, english).day == date(2026, 11, 27)


def test_a_name_meaning_two_things_is_refused() -> None:
    with pytest.raises(ValueError, match="means both"):
        CalendarNames.of([["jan", "jan"]])


@pytest.mark.parametrize(("written", "day", "moment", "offset"), [
    ("Tue, 1 Dec 2026 22:00:05 +0100", date(2026, 12, 1), time(22, 0), timedelta(hours=1)),
    ("Dienstag, 1. Dezember 2026 um 22:08 Uhr", date(2026, 12, 1), time(22, 8), None),
    ("1er décembre 2026 à 22h00 UTC", date(2026, 12, 1), time(22, 0), timedelta(0)),
    ("martedì 1° dicembre 2026 alle 22:00", date(2026, 12, 1), time(22, 0), None),
    ("martes, 1 de diciembre de 2026, 22:08", date(2026, 12, 1), time(22, 8), None),
    ("01.12.2026 14:30 -05:00", date(2026, 12, 1), time(14, 30), timedelta(hours=-5)),
    ("2026-11-30", date(2026, 11, 30), None, None),
    ("01-Dec-2026", date(2026, 12, 1), None, None),
    ("1 dec 2026 - 5", date(2026, 12, 1), None, None),
    ("1 dec 2026 22:00 +9900", date(2026, 12, 1), time(22, 0), None),
])
def test_dates_in_notices_are_found_in_all_six_languages(
    written: str, day: date, moment: time | None, offset: timedelta | None
) -> None:
    found = find_dates(fold(f"Sent: {written}."), TODAY, ALL_NAMES)
    assert [(f.day, f.time, f.utc_offset) for f in found] == [(day, moment, offset)]


def test_numeric_dates_are_day_first_unless_asked_month_first() -> None:
    assert find_dates("12/01/2026", TODAY, ALL_NAMES)[0].day == date(2026, 1, 12)
    assert find_dates("12/01/2026", TODAY, ALL_NAMES, month_first=True)[0].day == date(2026, 12, 1)
    assert find_dates("31.02.2026 and 32 dec", TODAY, ALL_NAMES) == []


@settings(max_examples=300)
@given(st.text(max_size=120))
def test_any_typed_text_is_read_or_refused_but_never_crashes(text: str) -> None:
    try:
        named = read_named_date(text, TODAY, NL_EN)
    except ReadingError as refused:
        assert "does not exist" in refused.msg.key
    else:
        assert named is None or abs(named.day - TODAY) <= timedelta(days=366 * 80)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(LANGUAGES), st.booleans())
def test_every_day_written_with_a_month_name_is_found_again(day: date, language: str,
                                                             abbreviated: bool) -> None:
    table = MONTHS_ABBREVIATED if abbreviated else MONTHS_WIDE
    written = f"{day.day} {table[language][day.month - 1]} {day.year}"
    assert [f.day for f in find_dates(fold(written), TODAY, ALL_NAMES)] == [day]
