"""A regular grammar of English temporal expressions and their normalisation.

Each rule is a pattern and a function from its match and the anchor (the document date) to a
kind (TimeML type) and a :class:`TimeSpan`. News conventions decide the ambiguous cases:
a date without a year, a bare month or a weekday is the most recent past one, unless the
sentence speaks of the future (``future=True``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from ...model import TimeSpan

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_FULL_MONTHS = {m.lower() for m in calendar.month_name if m}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
           "several": 3, "few": 3, "a few": 3, "couple of": 2, "a couple of": 2}
UNIT_CODE = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE",
             "hour": "H", "minute": "M", "century": "CE"}

_MONTH = r"(?P<month>" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM = r"(?P<num>\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>year|month|week|day|decade|hour|minute|century)s?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"


@dataclass(slots=True)
class Parsed:
    kind: str  # DATE | TIME | DURATION | SET
    span: TimeSpan


Rule = Callable[[re.Match, date, bool], Parsed | None]


# --- calendar helpers ----------------------------------------------------------------------


def _month_span(y: int, m: int) -> TimeSpan:
    return TimeSpan(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month", f"{y:04d}-{m:02d}")


def _year_span(y: int) -> TimeSpan:
    return TimeSpan(date(y, 1, 1), date(y, 12, 31), "year", f"{y:04d}")


def _day_span(d: date, value: str | None = None) -> TimeSpan:
    return TimeSpan(d, d, "day", value or d.isoformat())


def _week_span(d: date) -> TimeSpan:
    monday = d - timedelta(days=d.weekday())
    iso = monday.isocalendar()
    return TimeSpan(monday, monday + timedelta(days=6), "week", f"{iso[0]:04d}-W{iso[1]:02d}")


def _num(text: str) -> int:
    text = text.lower().strip()
    return int(text) if text.isdigit() else NUMBERS.get(text, 1)


def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _pick_year(m: int, d: int, anchor: date, future: bool) -> int:
    """The year of a month/day given without one: the latest one not after the anchor
    (news reports the past), or the next one when the sentence speaks of the future."""
    cand = _safe_date(anchor.year, m, min(d, 28 if m == 2 else d)) or date(anchor.year, m, 1)
    if future:
        return anchor.year if cand >= anchor else anchor.year + 1
    return anchor.year if cand <= anchor + timedelta(days=1) else anchor.year - 1


# --- rules ---------------------------------------------------------------------------------


def _full_date(m: re.Match, anchor: date, future: bool) -> Parsed | None:
    month = MONTHS[m["month"].lower()]
    day = int(m["day"])
    year = int(m["year"]) if m["year"] else _pick_year(month, day, anchor, future)
    d = _safe_date(year, month, day)
    if d is None:
        return None
    if m["hour"]:
        value = f"{d.isoformat()}T{int(m['hour']):02d}:{m['minute']}"
        return Parsed("TIME", TimeSpan(d, d, "minute", value))
    return Parsed("DATE", _day_span(d))


def _month_year(m: re.Match, anchor: date, future: bool) -> Parsed:
    return Parsed("DATE", _month_span(int(m["year"]), MONTHS[m["month"].lower()]))


def _month_rel_year(m: re.Match, anchor: date, future: bool) -> Parsed:
    shift = {"last": -1, "previous": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return Parsed("DATE", _month_span(anchor.year + shift, MONTHS[m["month"].lower()]))


def _bare_month(m: re.Match, anchor: date, future: bool) -> Parsed:
    month = MONTHS[m["month"].lower()]
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past", "previous"):
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif month == anchor.month or rel == "this":
        year = anchor.year
    elif future:
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = anchor.year if month < anchor.month else anchor.year - 1
    return Parsed("DATE", _month_span(year, month))


def _year(m: re.Match, anchor: date, future: bool) -> Parsed:
    y = int(m["year"])
    prep = (m["prep"] or "").lower()
    if prep == "before":  # open start, ends the day before the year begins
        return Parsed("DATE", TimeSpan(None, date(y - 1, 12, 31), "open", f"{y:04d}"))
    if prep == "after":
        return Parsed("DATE", TimeSpan(date(y + 1, 1, 1), None, "open", f"{y:04d}"))
    if prep == "since":
        return Parsed("DATE", TimeSpan(date(y, 1, 1), anchor, "open", f"{y:04d}"))
    return Parsed("DATE", _year_span(y))


def _decade(m: re.Match, anchor: date, future: bool) -> Parsed:
    y = int(m["decade"] or m["decade2"])
    if y < 100:  # the '90s: the latest such decade not after the anchor
        y += 2000 if 2000 + y <= anchor.year else 1900
    return Parsed("DATE", TimeSpan(date(y, 1, 1), date(y + 9, 12, 31), "decade", f"{y // 10:03d}"))


def _day_word(m: re.Match, anchor: date, future: bool) -> Parsed:
    word = m["dayword"].lower()
    if word == "today":
        return Parsed("DATE", _day_span(anchor))
    if word == "tomorrow":
        return Parsed("DATE", _day_span(anchor + timedelta(days=1)))
    if word == "tonight":
        return Parsed("TIME", TimeSpan(anchor, anchor, "day", f"{anchor.isoformat()}TNI"))
    if word in ("yesterday", "last night"):
        d = anchor - timedelta(days=1)
        return Parsed("DATE" if word == "yesterday" else "TIME",
                      _day_span(d, d.isoformat() + ("TNI" if word == "last night" else "")))
    # this morning / afternoon / evening
    part = {"morning": "MO", "afternoon": "AF", "evening": "EV"}[word.split()[-1]]
    return Parsed("TIME", TimeSpan(anchor, anchor, "day", f"{anchor.isoformat()}T{part}"))


def _weekday(m: re.Match, anchor: date, future: bool) -> Parsed:
    wd = WEEKDAYS[m["weekday"].lower()]
    rel = (m["rel"] or "").lower()
    if rel == "next" or (future and rel != "last"):
        delta = (wd - anchor.weekday()) % 7 or 7
        d = anchor + timedelta(days=delta)
    else:
        delta = (anchor.weekday() - wd) % 7
        if rel == "last" and delta == 0:
            delta = 7
        d = anchor - timedelta(days=delta)
    return Parsed("DATE", _day_span(d))


def _relative_unit(m: re.Match, anchor: date, future: bool) -> Parsed:
    """last/this/next week, month, year."""
    rel, unit = m["rel"].lower(), m["unit"].lower().rstrip("s")
    shift = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1,
             "coming": 1}[rel]
    if unit == "week":
        return Parsed("DATE", _week_span(anchor + timedelta(weeks=shift)))
    if unit == "month":
        d = _shift_months(anchor, shift)
        return Parsed("DATE", _month_span(d.year, d.month))
    if unit == "year":
        return Parsed("DATE", _year_span(anchor.year + shift))
    return Parsed("DATE", _day_span(anchor + timedelta(days=shift)))


def _weekend(m: re.Match, anchor: date, future: bool) -> Parsed:
    """The weekend at or before the anchor (the next one for "next weekend")."""
    rel = (m["rel"] or "").lower()
    wd = anchor.weekday()
    if rel == "next" or (future and wd < 5):
        sat = anchor + timedelta(days=(5 - wd) % 7 or 7)
    elif wd >= 5 and rel != "last":
        sat = anchor - timedelta(days=wd - 5)
    else:
        sat = anchor - timedelta(days=wd + 2)
    iso = sat.isocalendar()
    return Parsed("DATE", TimeSpan(sat, sat + timedelta(days=1), "week", f"{iso[0]:04d}-W{iso[1]:02d}-WE"))


def _ago(m: re.Match, anchor: date, future: bool) -> Parsed:
    n, unit = _num(m["num"]), m["unit"].lower().rstrip("s")
    if unit == "year":
        return Parsed("DATE", _year_span(anchor.year - n))
    if unit == "month":
        d = _shift_months(anchor, -n)
        return Parsed("DATE", _month_span(d.year, d.month))
    if unit == "week":
        return Parsed("DATE", _week_span(anchor - timedelta(weeks=n)))
    if unit == "decade":
        return Parsed("DATE", _year_span(anchor.year - 10 * n))
    days = n if unit == "day" else 0
    return Parsed("DATE", _day_span(anchor - timedelta(days=days)))


def _duration_value(n: int, unit: str) -> str:
    unit = unit.lower().rstrip("s")
    if unit in ("hour", "minute"):
        return f"PT{n}{UNIT_CODE[unit]}"
    return f"P{n}{UNIT_CODE[unit]}"


def _unit_days(n: int, unit: str) -> int:
    unit = unit.lower().rstrip("s")
    return {"year": 365 * n, "month": 30 * n, "week": 7 * n, "day": n, "decade": 3652 * n,
            "hour": -(-n // 24), "minute": 1}.get(unit, n)


def _last_n(m: re.Match, anchor: date, future: bool) -> Parsed:
    """"in the last 48 hours": the stretch of time ending at the document date."""
    n = _num(m["num"]) if m["num"] else 1
    days = _unit_days(n, m["unit"])
    return Parsed("DURATION", TimeSpan(anchor - timedelta(days=days), anchor, "day",
                                       _duration_value(n, m["unit"])))


def _duration(m: re.Match, anchor: date, future: bool) -> Parsed:
    n, unit = _num(m["num"]), m["unit"].lower().rstrip("s")
    return Parsed("DURATION", TimeSpan(None, None, unit if unit in ("day", "week", "month", "year", "decade")
                                       else "day", _duration_value(n, unit)))


def _set(m: re.Match, anchor: date, future: bool) -> Parsed:
    if m["weekday"]:
        return Parsed("SET", TimeSpan(None, None, "week", f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower()] + 1}"))
    word = (m["adverb"] or "").lower()
    unit = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year",
            "yearly": "year"}.get(word) or m["unit"].lower()
    return Parsed("SET", TimeSpan(None, None, unit, _duration_value(1, unit)))


def _now(m: re.Match, anchor: date, future: bool) -> Parsed:
    return Parsed("DATE", TimeSpan(anchor, anchor, "day", "PRESENT_REF"))


def _earlier_this(m: re.Match, anchor: date, future: bool) -> Parsed:
    unit = m["unit"].lower()
    if unit == "year":
        return Parsed("DATE", TimeSpan(date(anchor.year, 1, 1), anchor, "year", f"{anchor.year:04d}"))
    if unit == "month":
        return Parsed("DATE", TimeSpan(anchor.replace(day=1), anchor, "month", f"{anchor:%Y-%m}"))
    return Parsed("DATE", _week_span(anchor))


_B = r"(?<![\w-])"  # no word character (or hyphen) right before a rule
_PREP = r"(?P<prep>before|after|since|in|by|during|until|of|from|to|and|between|early|late|mid)[-\s]+"
_RULES = [
    ("full_date",
     rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
     rf"(?:,?\s+{_YEAR})?(?:,?\s+(?:at\s+)?(?P<hour>\d{{1,2}}):(?P<minute>\d\d))?", _full_date),
    ("day_month",
     rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
     rf"(?:,?\s+{_YEAR})?(?P<hour>)(?P<minute>)", _full_date),
    ("month_rel_year", rf"{_MONTH}\s+(?:of\s+)?(?P<rel>last|previous|this|next)\s+year", _month_rel_year),
    ("month_year", rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}", _month_year),
    ("bare_month", rf"(?:(?P<rel>last|past|previous|this|next)|{_PREP}){_MONTH}", _bare_month),
    ("decade", r"(?:the\s+)?(?:(?P<decade>1[5-9]\d0|20\d0)s|'(?P<decade2>\d0)s)", _decade),
    ("year", rf"{_PREP}(?:the\s+year\s+)?{_YEAR}", _year),
    ("last_n", rf"(?:(?:in|over|during|for)\s+)?the\s+(?:last|past|previous)\s+(?:{_NUM}\s+)?{_UNIT}", _last_n),
    ("ago", rf"{_NUM}\s+{_UNIT}\s+ago", _ago),
    ("relative_unit", r"(?P<rel>last|past|previous|this|current|next|coming)\s+(?P<unit>week|month|year)", _relative_unit),
    ("weekend", r"(?:(?P<rel>last|this|next)\s+weekend|(?:over|at|during)\s+the\s+weekend)", _weekend),
    ("weekday", rf"(?:(?P<rel>last|next|this)\s+)?{_WEEKDAY}", _weekday),
    ("day_word", r"(?P<dayword>today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))", _day_word),
    ("earlier_this", r"(?:earlier|later)\s+this\s+(?P<unit>year|month|week)", _earlier_this),
    ("set", rf"(?:(?:every|each)\s+(?:{_WEEKDAY}|(?P<unit>day|week|month|year))|(?P<adverb>daily|weekly|monthly|annually|yearly))", _set),
    ("duration", rf"{_NUM}(?:\s+|-)(?:more\s+)?{_UNIT}(?:-long|-old)?", _duration),
]
RULES: list[tuple[str, re.Pattern, Rule]] = [
    (name, re.compile(_B + pat + r"(?!\w)", re.I), fn) for name, pat, fn in _RULES]
# Words that introduce an expression but are not part of it in TimeML ("in 2018").
_LEAD = re.compile(r"(?:(?:in|on|over|during|at|by|of|from|to|and|between|until|for)\s+)+", re.I)


def scan(text: str, anchor: date, future_at: Callable[[int], bool] | None = None
         ) -> list[tuple[int, int, Parsed]]:
    """All temporal expressions in ``text``: (start, end, parsed), longest match winning
    where rules overlap."""
    found: list[tuple[int, int, Parsed]] = []
    for _name, pattern, rule in RULES:
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            lead = _LEAD.match(text, start, end)
            if lead and lead.end() < end:
                start = lead.end()
            if text[end - 1] == "." and text[start:end - 1].split()[-1].lower() in _FULL_MONTHS:
                end -= 1  # a sentence's full stop, not an abbreviation's
            future = future_at(start) if future_at else False
            parsed = rule(m, anchor, future)
            if parsed is not None:
                found.append((start, end, parsed))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    chosen: list[tuple[int, int, Parsed]] = []
    for f in found:
        if all(f[1] <= c[0] or c[1] <= f[0] for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f[0])
