"""Holiday dates: fixed ones (month, day) and moving ones computed from their rule."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

# Fixed-date holidays (month, day), by the calendar of the country that keeps them.
FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "st. patrick's day": (3, 17), "st patrick's day": (3, 17), "saint patrick's day": (3, 17),
    "may day": (5, 1), "the fourth of july": (7, 4),
    "fourth of july": (7, 4), "bastille day": (7, 14), "halloween": (10, 31),
    "veterans day": (11, 11), "veterans' day": (11, 11), "armistice day": (11, 11),
    "remembrance day": (11, 11), "christmas eve": (12, 24), "christmas day": (12, 25),
    "christmas": (12, 25), "boxing day": (12, 26),
}


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    wd = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * wd) // 451
    month, day = divmod(h + wd - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (n = -1: the last one)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


# Holidays whose date moves: Easter's feasts; US federal holidays by their statutory rule
# (5 U.S.C. 6103: MLK Day and Washington's Birthday the third Monday of January and February,
# Memorial Day the last Monday of May, Labor Day the first Monday of September, Thanksgiving
# the fourth Thursday of November); Mother's Day and Father's Day by 36 U.S.C. 117 and 109.
MOVING_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "easter": easter, "easter sunday": easter,
    "good friday": lambda y: easter(y) - timedelta(days=2),
    "easter monday": lambda y: easter(y) + timedelta(days=1),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "presidents day": lambda y: _nth_weekday(y, 2, 0, 3),
    "presidents' day": lambda y: _nth_weekday(y, 2, 0, 3),
    "mother's day": lambda y: _nth_weekday(y, 5, 6, 2),
    "father's day": lambda y: _nth_weekday(y, 6, 6, 3),
}


def holiday_date(name: str, year: int) -> date:
    if name in FIXED_HOLIDAYS:
        return date(year, *FIXED_HOLIDAYS[name])
    return MOVING_HOLIDAYS[name](year)
