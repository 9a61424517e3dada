"""Wall time plus IANA zone is the truth; the UTC instant is derived from it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from cmplanner.domain.errors import InvalidInput
from cmplanner.domain.timezones import (
    NonexistentLocalTime,
    is_ambiguous,
    iso_with_offset,
    move_keep_wall_time,
    nearest_valid,
    parse_iso,
    to_utc,
    to_wall,
    zone,
)

# ---- spring forward: a wall time that does not exist ---------------------------------------


@pytest.mark.parametrize(
    ("wall", "tz"),
    [
        (datetime(2027, 3, 28, 2, 30), "Europe/Madrid"),
        (datetime(2027, 3, 14, 2, 30), "America/New_York"),
        (datetime(2027, 9, 26, 2, 30), "Pacific/Auckland"),  # southern hemisphere: September
    ],
)
def test_a_time_in_the_spring_forward_gap_is_refused_with_the_nearest_valid_times(
    wall: datetime, tz: str
) -> None:
    with pytest.raises(NonexistentLocalTime) as caught:
        to_utc(wall, tz)

    err = caught.value
    assert isinstance(err, InvalidInput)  # the CLI and the window treat it as bad input
    assert err.before == wall.replace(hour=1, minute=59)
    assert err.after == wall.replace(hour=3, minute=0)
    assert f"{wall:%Y-%m-%d} 02:30 does not exist in {tz}" in err.message
    assert "01:59" in err.hint and "03:00" in err.hint


def test_the_nearest_valid_times_really_exist_on_both_sides_of_the_gap() -> None:
    before, after = nearest_valid(datetime(2027, 3, 28, 2, 30), "Europe/Madrid")

    assert to_utc(before, "Europe/Madrid").utc == datetime(2027, 3, 28, 0, 59, tzinfo=UTC)
    assert to_utc(after, "Europe/Madrid").utc == datetime(2027, 3, 28, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize("minute", [0, 1, 59])
def test_every_minute_of_the_gap_is_refused(minute: int) -> None:
    with pytest.raises(NonexistentLocalTime):
        to_utc(datetime(2027, 3, 28, 2, minute), "Europe/Madrid")


def test_the_edges_of_the_gap_are_accepted() -> None:
    assert to_utc(datetime(2027, 3, 28, 1, 59), "Europe/Madrid").utc.hour == 0
    assert to_utc(datetime(2027, 3, 28, 3, 0), "Europe/Madrid").utc == datetime(
        2027, 3, 28, 1, 0, tzinfo=UTC
    )


# ---- fall back: a wall time that exists twice ----------------------------------------------


@pytest.mark.parametrize(
    ("wall", "tz", "first_utc", "second_utc"),
    [
        (
            datetime(2027, 10, 31, 2, 30),
            "Europe/Madrid",
            datetime(2027, 10, 31, 0, 30, tzinfo=UTC),
            datetime(2027, 10, 31, 1, 30, tzinfo=UTC),
        ),
        (
            datetime(2027, 11, 7, 1, 30),
            "America/New_York",
            datetime(2027, 11, 7, 5, 30, tzinfo=UTC),
            datetime(2027, 11, 7, 6, 30, tzinfo=UTC),
        ),
        (
            datetime(2027, 4, 4, 2, 30),
            "Pacific/Auckland",
            datetime(2027, 4, 3, 13, 30, tzinfo=UTC),
            datetime(2027, 4, 3, 14, 30, tzinfo=UTC),
        ),
    ],
)
def test_an_ambiguous_time_takes_the_first_occurrence_and_says_so(
    wall: datetime, tz: str, first_utc: datetime, second_utc: datetime
) -> None:
    assert is_ambiguous(wall, tz)

    first = to_utc(wall, tz)
    second = to_utc(wall, tz, fold=1)

    assert first.ambiguous and first.utc == first_utc
    assert second.ambiguous and second.utc == second_utc
    # Both instants read back as the same wall time.
    assert to_wall(first.utc, tz) == wall
    assert to_wall(second.utc, tz) == wall


def test_an_ordinary_time_is_not_ambiguous_and_ignores_fold() -> None:
    wall = datetime(2027, 10, 30, 2, 30)

    assert not is_ambiguous(wall, "Europe/Madrid")
    assert to_utc(wall, "Europe/Madrid", fold=1) == to_utc(wall, "Europe/Madrid")
    assert not to_utc(wall, "Europe/Madrid").ambiguous


def test_to_utc_refuses_an_aware_datetime() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_utc(datetime(2027, 1, 1, 9, 0, tzinfo=UTC), "Europe/Madrid")


# ---- a move across a DST change keeps the wall time ----------------------------------------


@pytest.mark.parametrize(
    ("tz", "before_day", "after_day", "offset_before", "offset_after"),
    [
        ("Europe/Madrid", date(2027, 3, 26), date(2027, 3, 30), "+01:00", "+02:00"),
        ("America/New_York", date(2027, 3, 12), date(2027, 3, 16), "-05:00", "-04:00"),
        ("Pacific/Auckland", date(2027, 4, 2), date(2027, 4, 6), "+13:00", "+12:00"),
    ],
)
def test_moving_across_a_dst_change_keeps_nine_oclock_and_changes_the_offset(
    tz: str, before_day: date, after_day: date, offset_before: str, offset_after: str
) -> None:
    wall = datetime.combine(before_day, datetime.min.time()).replace(hour=9)
    utc_before = to_utc(wall, tz).utc

    moved = move_keep_wall_time(wall, after_day)
    utc_after = to_utc(moved, tz).utc

    assert moved == datetime(after_day.year, after_day.month, after_day.day, 9, 0)
    assert iso_with_offset(wall, tz, utc_before).endswith(f"T09:00:00{offset_before}")
    assert iso_with_offset(moved, tz, utc_after).endswith(f"T09:00:00{offset_after}")
    # Four calendar days later, but not exactly 4 x 24 hours: the clock changed in between.
    assert utc_after - utc_before != timedelta(days=4)


def test_iso_with_offset_accepts_the_naive_utc_sqlite_hands_back() -> None:
    naive_utc = datetime(2026, 12, 3, 8, 30)

    assert iso_with_offset(datetime(2026, 12, 3, 9, 30), "Europe/Madrid", naive_utc) == (
        "2026-12-03T09:30:00+01:00"
    )


# ---- parsing what a user types -------------------------------------------------------------


def test_parse_iso_without_offset_is_wall_time_in_the_zone() -> None:
    assert parse_iso("2026-12-03T09:30", "America/New_York") == datetime(2026, 12, 3, 9, 30)


def test_parse_iso_with_an_offset_is_converted_into_the_zone() -> None:
    assert parse_iso("2026-12-03T09:30+01:00", "America/New_York") == datetime(2026, 12, 3, 3, 30)
    assert parse_iso("2026-12-03T09:30Z", "Europe/Madrid") == datetime(2026, 12, 3, 10, 30)


def test_parse_iso_returns_a_naive_wall_time() -> None:
    assert parse_iso("2026-12-03T09:30+01:00", "Europe/Madrid").tzinfo is None


def test_a_bare_date_means_nine_in_the_morning() -> None:
    assert parse_iso(" 2026-12-03 ", "Pacific/Auckland") == datetime(2026, 12, 3, 9, 0)


@pytest.mark.parametrize("text", ["tomorrow", "2026-13-01", "2026-12-03T25:00", ""])
def test_parse_iso_refuses_what_is_not_a_date(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_iso(text, "Europe/Madrid")
    assert "is not a date and time" in caught.value.message
    assert "ISO 8601" in caught.value.hint


# ---- zone names ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "Europe/Madird", "../../etc/passwd"])
def test_an_unknown_zone_gets_a_message_naming_it_and_an_example(name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        zone(name)
    assert caught.value.message == f"Unknown time zone '{name}'."
    assert "Europe/Madrid" in caught.value.hint


@pytest.mark.parametrize("name", ["", " Europe/Madrid"])
def test_an_empty_or_padded_zone_name_is_refused(name: str) -> None:
    with pytest.raises(InvalidInput, match="is not a time zone"):
        zone(name)


def test_to_utc_with_a_bad_zone_raises_the_same_clear_error() -> None:
    with pytest.raises(InvalidInput, match="Unknown time zone 'Nowhere/Town'"):
        to_utc(datetime(2027, 1, 1, 9, 0), "Nowhere/Town")
