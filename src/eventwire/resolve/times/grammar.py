"""A regular grammar of English temporal expressions and their normalisation.

Each rule is a pattern and a function from its match and the anchor (the document date) to a
kind (TimeML type) and a :class:`TimeSpan`. News conventions decide the ambiguous cases:
a date without a year, a bare month or a weekday is the most recent past one, unless the
sentence speaks of the future (``future=True``); a bare month in a sentence in the present
tense (``future=None``) is the nearest one.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from ...model import TimeSpan
from .holidays import FIXED_HOLIDAYS, MOVING_HOLIDAYS, holiday_date

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_FULL_MONTHS = {m.lower() for m in calendar.month_name if m}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBERS = {"a": 1, "an": 1, "couple of": 2, "a couple of": 2, "dozen": 12, "a dozen": 12,
           "hundred": 100, "a hundred": 100}
NUMBERS.update({w: i for i, w in enumerate(_ONES, 1)})
NUMBERS.update({w: i for i, w in enumerate(_TEENS, 10)})
NUMBERS.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
# Vague quantities: TimeML writes the number as X ("several days" -> PXD).
VAGUE = {"several", "few", "a few", "some", "many", "recent", "coming"}
UNIT_CODE = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE",
             "hour": "H", "minute": "M", "second": "S", "century": "CE"}

_MONTH = r"(?P<month>" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM_WORD = (rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_ONES)}))?|{'|'.join(_TEENS)}|{'|'.join(_ONES)}"
             r"|a\s+couple\s+of|couple\s+of|a\s+dozen|dozen|a\s+hundred|hundred"
             r"|several|a\s+few|few|some|many|recent|coming|an|a)")
# "2 1/2", "1.5", "two and a half": TimeML keeps the fraction (P2.5Y).
_NUM = rf"(?P<num>(?<![\d,.])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+|\s+1/2)?|{_NUM_WORD}(?:\s+and\s+a\s+half)?)"
_UNIT = r"(?P<unit>year|month|week|day|decade|hour|minute|century)s?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"


@dataclass(slots=True)
class Parsed:
    kind: str  # DATE | TIME | DURATION | SET
    span: TimeSpan
    # (unit, shift, part of day) for an expression read from the text's reference time rather
    # than the document date ("the next day", "a year earlier", "that night"); :func:`scan`
    # resolves it.
    anaphor: tuple[str, int, str] | None = None


Rule = Callable[[re.Match, date, bool | None], Parsed | None]


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


def _num(text: str) -> float:
    """The number a quantity stands for: digits, words ("twenty-five"), fractions ("2 1/2",
    "1.5", "two and a half"); a vague one counts as a few, 3."""
    text = " ".join(text.lower().split()).replace(",", "")
    half = 0.0
    if text.endswith(" and a half") or text.endswith(" 1/2"):
        text, half = text.rsplit(" and a half", 1)[0].rsplit(" 1/2", 1)[0], 0.5
    if text.replace(".", "", 1).isdigit():
        return float(text) + half if "." in text or half else int(text)
    tens, _, ones = text.replace("-", " ").partition(" ")
    if ones in NUMBERS and tens in NUMBERS and NUMBERS[tens] >= 20:
        return NUMBERS[tens] + NUMBERS[ones] + half
    value = NUMBERS.get(text, 3)
    return value + half if half else value


def _fmt(n: float) -> str:
    """A quantity as TimeML writes it: 3, 2.5."""
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _vague(text: str | None) -> bool:
    return bool(text) and text.lower().strip() in VAGUE


def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _pick_year(m: int, d: int, anchor: date, future: bool | None) -> int:
    """The year of a month/day given without one: the latest one not after the anchor
    (news reports the past), or the next one when the sentence speaks of the future."""
    cand = _safe_date(anchor.year, m, min(d, 28 if m == 2 else d)) or date(anchor.year, m, 1)
    if future:
        return anchor.year if cand >= anchor else anchor.year + 1
    return anchor.year if cand <= anchor + timedelta(days=1) else anchor.year - 1


# --- rules ---------------------------------------------------------------------------------


def _full_date(m: re.Match, anchor: date, future: bool | None) -> Parsed | None:
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


def _month_year(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    return Parsed("DATE", _month_span(int(m["year"]), MONTHS[m["month"].lower()]))


def _month_rel_year(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    shift = {"last": -1, "previous": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return Parsed("DATE", _month_span(anchor.year + shift, MONTHS[m["month"].lower()]))


def _bare_month(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    month = MONTHS[m["month"].lower()]
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past", "previous"):
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif month == anchor.month or rel == "this":
        year = anchor.year
    elif (m["prep"] or "").lower() in ("until", "till", "through", "by") or future is None:
        # A deadline, or a sentence in the present tense ("the law takes effect in April"):
        # the occurrence nearest the document date, often still to come.
        year = min((anchor.year - 1, anchor.year, anchor.year + 1),
                   key=lambda y: abs((date(y, month, 15) - anchor).days))
    elif future:
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = anchor.year if month < anchor.month else anchor.year - 1
    return Parsed("DATE", _month_span(year, month))


def _year(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    y = int(m["year"])
    prep = (m["prep"] or "").lower()
    if prep == "before":  # open start, ends the day before the year begins
        return Parsed("DATE", TimeSpan(None, date(y - 1, 12, 31), "open", f"{y:04d}"))
    if prep == "after":
        return Parsed("DATE", TimeSpan(date(y + 1, 1, 1), None, "open", f"{y:04d}"))
    if prep == "since":
        return Parsed("DATE", TimeSpan(date(y, 1, 1), anchor, "open", f"{y:04d}"))
    half = re.search(r"\b(first|second)\s+half\s+of", m[0], re.I)
    if half:  # "the first half of 2012": TimeML's half-year, 2012-H1
        h = 1 if half.group(1).lower() == "first" else 2
        return Parsed("DATE", TimeSpan(date(y, 6 * h - 5, 1), date(y, 6 * h, 30 if h == 1 else 31), "month",
                                       f"{y:04d}-H{h}"))
    return Parsed("DATE", _year_span(y))


_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                 "seventies": 70, "eighties": 80, "nineties": 90}


def _year_range_short(m: re.Match, anchor: date, future: bool | None) -> Parsed | None:
    """"2012-13": the range's second year, a year of its own (TimeML tags it apart; the
    first year is found by the year rules only with a preposition, as "from 2012")."""
    first = int(m.string[m.start() - 5:m.start() - 1])
    second = first // 100 * 100 + int(m["yy"])
    if second <= first:
        return None
    return Parsed("DATE", _year_span(second))


def _decade(m: re.Match, anchor: date, future: bool | None) -> Parsed | None:
    if m["word"]:  # "the nineties": only with "the" before it (not "in her sixties", an age)
        if not re.search(r"\bthe\s+(?:(?:early|mid|late)[-\s]+)?$", m.string[max(0, m.start() - 16):m.start()]
                         + m[0][:-len(m["word"])], re.I):
            return None
        y = _DECADE_WORDS[m["word"].lower()]
    else:
        y = int(m["decade"] or m["decade2"] or m["decade3"] or m["decade4"])
    if y < 100:  # the '90s: the latest such decade not after the anchor
        y += 2000 if 2000 + y <= anchor.year else 1900
    return Parsed("DATE", TimeSpan(date(y, 1, 1), date(y + 9, 12, 31), "decade", f"{y // 10:03d}"))


def _century(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    """"the 20th century": TimeML writes its first two digits (19)."""
    c = int(m["cent"]) - 1
    return Parsed("DATE", TimeSpan(date(c * 100 + 1 if c else 1, 1, 1), date(c * 100 + 100, 12, 31), "decade",
                                   f"{c:02d}"))


def _numeric_date(m: re.Match, anchor: date, future: bool | None) -> Parsed | None:
    """2013-03-22 (ISO) or 3/22/2013 (US order, as in American news)."""
    year = int(m["y"] or m["y2"])
    if year < 100:
        year += 2000 if year + 2000 <= anchor.year + 1 else 1900
    d = _safe_date(year, int(m["mo"] or m["mo2"]), int(m["d"] or m["d2"]))
    return Parsed("DATE", _day_span(d)) if d else None


_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def _day_word(m: re.Match, anchor: date, future: bool | None) -> Parsed | None:
    word = " ".join(m["dayword"].lower().split())
    if m["part"] and word in ("today", "yesterday", "tomorrow"):  # "yesterday morning"
        d = anchor + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[word])
        return Parsed("TIME", TimeSpan(d, d, "day", f"{d.isoformat()}T{_PARTS[m['part'].lower()]}"))
    if m["part"]:
        return None
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


def _weekday(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    wd = WEEKDAYS[m["weekday"].lower()]
    rel = (m["rel"] or "").lower()
    if wd == anchor.weekday() and rel not in ("last", "next"):
        d = anchor  # the document's own day, whatever the tense
    elif rel == "next" or (future and rel != "last"):
        delta = (wd - anchor.weekday()) % 7 or 7
        d = anchor + timedelta(days=delta)
    else:
        delta = (anchor.weekday() - wd) % 7
        if rel == "last" and delta == 0:
            delta = 7
        d = anchor - timedelta(days=delta)
    if m["part"]:  # "Sunday night": TimeML's part-of-day suffix
        part = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[m["part"].lower()]
        return Parsed("TIME", TimeSpan(d, d, "day", f"{d.isoformat()}T{part}"))
    return Parsed("DATE", _day_span(d))


def _relative_unit(m: re.Match, anchor: date, future: bool | None) -> Parsed:
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
    if unit == "decade":  # "this decade": 201 (the 2010s)
        y = anchor.year // 10 * 10 + 10 * shift
        return Parsed("DATE", TimeSpan(date(y, 1, 1), date(y + 9, 12, 31), "decade", f"{y // 10:03d}"))
    if unit == "century":  # "this century": 20 (2000-2099 in TimeML's two digits)
        c = anchor.year // 100 + shift
        return Parsed("DATE", TimeSpan(date(max(c * 100, 1), 1, 1), date(c * 100 + 99, 12, 31), "decade", f"{c:02d}"))
    return Parsed("DATE", _day_span(anchor + timedelta(days=shift)))


def _weekend(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    """The weekend at or before the anchor (the next one for "next weekend")."""
    rel = "last" if "past" in m[0].lower() else (m["rel"] or "").lower()  # "this past weekend"
    wd = anchor.weekday()
    if rel == "next" or (future and wd < 5 and rel != "last"):
        sat = anchor + timedelta(days=(5 - wd) % 7 or 7)
    elif wd >= 5 and rel != "last":
        sat = anchor - timedelta(days=wd - 5)
    else:
        sat = anchor - timedelta(days=wd + 2)
    iso = sat.isocalendar()
    return Parsed("DATE", TimeSpan(sat, sat + timedelta(days=1), "week", f"{iso[0]:04d}-W{iso[1]:02d}-WE"))


def _ago(m: re.Match, anchor: date, future: bool | None) -> Parsed | None:
    """"two years ago": counted back from the document date; a vague count ("a few days
    ago", "years ago") is TimeML's PAST_REF, as HeidelTime writes it."""
    if not m["num"] and m.string[m.end("unit")].lower() != "s":
        return None  # "year ago" is not an expression by itself
    if not m["num"] or _vague(m["num"]) or not float(_num(m["num"])).is_integer():
        return Parsed("DATE", TimeSpan(None, anchor, "open", "PAST_REF"))
    n, unit = int(_num(m["num"])), m["unit"].lower().rstrip("s")
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


def _duration_value(n: int | None, unit: str) -> str:
    """TimeML duration: PT48H, P3Y; decades and centuries in years (P10Y) as TimeBank's
    annotators wrote them; ``n=None`` is a vague quantity (PXD)."""
    unit = unit.lower().rstrip("s")
    if unit in ("decade", "century"):
        per = 10 if unit == "decade" else 100
        return f"P{'X' if n is None else _fmt(n * per)}Y"
    q = "X" if n is None else _fmt(n)
    if unit in ("hour", "minute", "second"):
        return f"PT{q}{UNIT_CODE[unit]}"
    return f"P{q}{UNIT_CODE[unit]}"


def _unit_days(n: float, unit: str) -> int:
    unit = unit.lower().rstrip("s")
    return int({"year": 365 * n, "month": 30 * n, "week": 7 * n, "day": n, "decade": 3652 * n,
                "hour": -(-n // 24), "minute": 1}.get(unit, n))


_DURATION_PREP = re.compile(r"(?:in|over|during|for|within)\s", re.I)


def _last_n(m: re.Match, anchor: date, future: bool | None) -> Parsed | None:
    """"in the last 48 hours", "the past few weeks": the stretch of time ending (or, for
    next/coming, starting) at the document date. A plural unit without a count is vague
    (PXW); "the coming weeks" is TimeML's FUTURE_REF, as HeidelTime writes it."""
    plural = m.string[m.end("unit"):m.end("unit") + 1].lower() == "s"
    rel = m["rel"].lower()
    if not m["num"] and not plural and (rel == "previous" or (rel == "next" and not _DURATION_PREP.match(m[0]))):
        return None  # "the previous day", "the next day": a date, read by the anaphoric rule
    if not m["num"] and plural and rel == "coming":
        return Parsed("DATE", TimeSpan(anchor, None, "open", "FUTURE_REF"))
    if not m["num"] and not plural and rel in ("last", "past") and m["unit"].lower() in ("week", "month", "year"):
        # "in the last week", "the past year": the calendar unit before the document's, as the
        # TE3-platinum annotators and HeidelTime write it (2013-W11), not a 7-day duration.
        return _relative_unit(m, anchor, future)
    vague = _vague(m["num"]) or (not m["num"] and plural)
    n = _num(m["num"]) if m["num"] else 1
    days = _unit_days(n, m["unit"])
    value = _duration_value(None if vague else n, m["unit"])
    if m["rel"].lower() in ("next", "coming"):
        return Parsed("DURATION", TimeSpan(anchor, anchor + timedelta(days=days), "day", value))
    return Parsed("DURATION", TimeSpan(anchor - timedelta(days=days), anchor, "day", value))


_AGE_BEFORE = re.compile(r"\b(?:ages?|aged)\s+$", re.I)
_AGE_AFTER = re.compile(r"\s+(?:and|or)\s+(?:older|younger|up|under|over)\b", re.I)


def _is_age(m: re.Match) -> bool:
    """"a 22-year-old son", "children aged 6 months", "ages 6 months and older": an age,
    which TimeML does not annotate."""
    if m["old"]:
        return True
    text = m.string
    return bool(_AGE_BEFORE.search(text, max(0, m.start() - 8), m.start())
                or _AGE_AFTER.match(text, m.end()))


# A quantity a few lowercase words before "a week": "700 seats a week", "$5 billion a year".
_RATE_BEFORE = re.compile(rf"(?:\d%?|\bpercent|\b(?:{'|'.join(_ONES + _TEENS + _TENS)}|dozen|hundred|thousand"
                          r"|million|billion))(?:\s+(?!(?:in|within|for|over|after|than|of|by|about|to|and|or)\b)"
                          r"[a-z]+){0,2}\s+$", re.I)


def _is_rate(m: re.Match) -> bool:
    """"four flights a week": a rate, which TimeML does not annotate (TimeBank leaves it)."""
    return (m["num"] or "").lower() in ("a", "an") and bool(
        _RATE_BEFORE.search(m.string, max(0, m.start() - 40), m.start()))


def _duration(m: re.Match, anchor: date, future: bool | None) -> Parsed | None:
    if _is_age(m) or _is_rate(m):
        return None
    unit = m["unit"].lower().rstrip("s")
    n = None if _vague(m["num"]) else _num(m["num"]) + (0.5 if m["half"] else 0)
    return Parsed("DURATION", TimeSpan(None, None, unit if unit in ("day", "week", "month", "year", "decade")
                                       else "day", _duration_value(n, unit)))


_HALF_OF = {"hour": "PT30M", "day": "PT12H", "year": "P6M", "decade": "P5Y", "century": "P50Y"}


def _half(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    """"half an hour", "a half-hour": the half in the next smaller unit (PT30M)."""
    unit = m["unit"].lower()
    return Parsed("DURATION", TimeSpan(None, None, "day" if unit in ("hour", "day") else "year",
                                       _HALF_OF[unit]))


def _vague_units(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    """"for years", "days before", "in recent weeks": an unquantified stretch (PXY)."""
    unit = m["unit"].lower().rstrip("s")
    return Parsed("DURATION", TimeSpan(None, None, unit if unit in ("day", "week", "month", "year")
                                       else "day", _duration_value(None, unit)))


def _fortnight(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    return Parsed("DURATION", TimeSpan(None, None, "week", "P2W"))


def _set(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    if _named(m, "weekday", "weekday2"):
        wd = _named(m, "weekday", "weekday2")
        return Parsed("SET", TimeSpan(None, None, "week", f"XXXX-WXX-{WEEKDAYS[wd.lower()] + 1}"))
    if m["weekday"]:
        return Parsed("SET", TimeSpan(None, None, "week", f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower()] + 1}"))
    word = (m["adverb"] or "").lower()
    unit = {"daily": "day", "nightly": "day", "weekly": "week", "monthly": "month",
            "annually": "year", "yearly": "year", "quarterly": "quarter",
            "hourly": "hour"}.get(word) or (_named(m, "unit", "unit2") or "").lower()
    if unit == "night":
        unit = "day"
    if unit == "season":  # a season recurs once a year
        unit = "year"
    if unit == "quarter":
        return Parsed("SET", TimeSpan(None, None, "month", "P3M"))
    return Parsed("SET", TimeSpan(None, None, unit if unit != "hour" else "day", _duration_value(1, unit)))


def _set_every(m: re.Match, anchor: date, future: bool | None) -> Parsed | None:
    """"every two years" (P2Y), "every other week" (P2W), "every September" (XXXX-09),
    "every summer" (XXXX-SU). Rates ("700 seats a week", "$5 billion a year") are not
    temporal expressions: TimeBank leaves them untagged."""
    if m["month"]:
        return Parsed("SET", TimeSpan(None, None, "month", f"XXXX-{MONTHS[m['month'].lower()]:02d}"))
    if m["season"]:
        return Parsed("SET", TimeSpan(None, None, "month", f"XXXX-{SEASONS[m['season'].lower()][0]}"))
    unit = m["unit"].lower()
    n = 2 if m["other"] else (_num(m["num"]) if m["num"] else 1)
    if m["num"] and _vague(m["num"]):
        return None
    return Parsed("SET", TimeSpan(None, None, "day" if unit in ("hour", "minute") else unit, _duration_value(n, unit)))


def _elapsed(m: re.Match, anchor: date, future: bool | None) -> Parsed | None:
    """"finishing in 3:07:35": an elapsed time h:mm:ss is a duration (PT3H7M35S); after
    "at" it is a clock time."""
    h, mi, sec = int(m["h"]), int(m["mi"]), int(m["sec"])
    if re.search(r"\bat\s+$", m.string[max(0, m.start() - 4):m.start()], re.I):
        if h > 23:
            return None
        return Parsed("TIME", TimeSpan(anchor, anchor, "minute",
                                       f"{anchor.isoformat()}T{h:02d}:{mi:02d}:{sec:02d}"))
    parts = "".join(f"{q}{u}" for q, u in ((h, "H"), (mi, "M"), (sec, "S")) if q)
    return Parsed("DURATION", TimeSpan(None, None, "day", f"PT{parts or '0S'}"))


def _earlier_this(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    unit = m["unit"].lower()
    if unit == "year":
        return Parsed("DATE", TimeSpan(date(anchor.year, 1, 1), anchor, "year", f"{anchor.year:04d}"))
    if unit == "month":
        return Parsed("DATE", TimeSpan(anchor.replace(day=1), anchor, "month", f"{anchor:%Y-%m}"))
    return Parsed("DATE", _week_span(anchor))


_REFS = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF",
         "at present": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
         "the present": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
         "the past": "PAST_REF", "the future": "FUTURE_REF"}


_REF_ADJECTIVES = {"near", "immediate", "foreseeable", "distant", "recent"}


def _ref(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    """now / recently / the future: TimeML's PRESENT_REF, PAST_REF, FUTURE_REF."""
    words = [w for w in m["ref"].lower().split() if w != "right"]
    value = _REFS[" ".join(w for w in words if w not in _REF_ADJECTIVES)]
    if value == "PRESENT_REF":
        return Parsed("DATE", TimeSpan(anchor, anchor, "day", value))
    if value == "PAST_REF":
        return Parsed("DATE", TimeSpan(None, anchor, "open", value))
    return Parsed("DATE", TimeSpan(anchor, None, "open", value))


SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9),
           "winter": ("WI", 12)}


def _season_span(year: int, season: str) -> TimeSpan:
    """Meteorological seasons: three months from the season's first (winter runs into the
    next year)."""
    code, first = SEASONS[season]
    start = date(year, first, 1)
    last = _shift_months(start, 2)
    return TimeSpan(start, date(last.year, last.month, calendar.monthrange(last.year, last.month)[1]),
                    "month", f"{year:04d}-{code}")


def _season(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    season = m["season"].lower()
    if m["year"]:
        return Parsed("DATE", _season_span(int(m["year"]), season))
    rel = (m["rel"] or "").lower()
    spans = [_season_span(y, season) for y in (anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1)]
    current = next((sp for sp in spans if sp.start <= anchor <= sp.end), None)
    past = [sp for sp in spans if sp.end < anchor]
    coming = [sp for sp in spans if sp.start > anchor]
    if rel in ("last", "past", "previous"):
        span = past[-1]
    elif rel == "next" or (future and current is None and rel != "this"):
        span = coming[0]
    elif rel == "this":
        span = current or next(sp for sp in spans if sp.start.year == anchor.year)
    else:
        span = current or past[-1]
    return Parsed("DATE", span)


def _quarter_span(year: int, q: int) -> TimeSpan:
    start = date(year, 3 * q - 2, 1)
    end = _shift_months(start, 2)
    return TimeSpan(start, date(end.year, end.month, calendar.monthrange(end.year, end.month)[1]),
                    "month", f"{year:04d}-Q{q}")


_ORDINAL_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
              "4th": 4, "final": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4}


def _quarter(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    current = (anchor.month - 1) // 3 + 1
    if m["qrel"]:  # last / this / next quarter
        shift = {"last": -1, "previous": -1, "past": -1, "this": 0, "current": 0, "next": 1,
                 "coming": 1}[m["qrel"].lower()]
        y, q = divmod(anchor.year * 4 + current - 1 + shift, 4)
        return Parsed("DATE", _quarter_span(y, q + 1))
    q = _ORDINAL_Q[m["ord"].lower()]
    if m["year"]:
        year = int(m["year"])
    elif m["rel"]:
        year = anchor.year + {"last": -1, "previous": -1, "this": 0, "next": 1}[m["rel"].lower()]
    else:  # the most recent such quarter, or the next one in a sentence about the future
        year = anchor.year - (q > current and not future) + bool(q < current and future)
    return Parsed("DATE", _quarter_span(year, q))


def _fiscal(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    """"fiscal 2013", "this fiscal year": the year's value (fiscal calendars differ by
    country and company, so the span is the calendar year)."""
    if m["year"]:
        return Parsed("DATE", _year_span(int(m["year"])))
    shift = {"last": -1, "previous": -1, "past": -1, "this": 0, "current": 0, "next": 1,
             "coming": 1}[m["rel"].lower()]
    return Parsed("DATE", _year_span(anchor.year + shift))


def _clock(m: re.Match, anchor: date, future: bool | None) -> Parsed | None:
    """"8 p.m.", "at 14:30", "10:30 GMT", "noon": a time of day."""
    if m["word"]:
        hour, minute = (12, 0) if m["word"].lower() == "noon" else (0, 0)
    elif m["hour2"] or m["hour3"]:  # a 24-hour clock: "10:30 GMT", "at 14:30"
        hour, minute = int(m["hour2"] or m["hour3"]), int(m["minute2"] or m["minute3"])
    else:
        hour, minute = int(m["hour"]), int(m["minute"] or 0)
        ampm = (m["ampm"] or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    if hour > 23 or minute > 59:
        return None
    # The day comes from a date right next to it ("Friday at 1 p.m.", "1 p.m. Friday"), else
    # the day the text is at (the document date at first): see _resolve_anaphors.
    return Parsed("TIME", TimeSpan(anchor, anchor, "minute", f"{anchor.isoformat()}T{hour:02d}:{minute:02d}"),
                  ("clock", 0, ""))


# --- holidays ------------------------------------------------------------------------------

def _holiday(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    """"Christmas", "Easter 2012", "Thanksgiving": the holiday's day in the given year, else
    the latest one not after the document date (the next one in a sentence about the future)."""
    name = " ".join(m["holiday"].lower().replace("’", "'").split())
    if m["year"]:
        return Parsed("DATE", _day_span(holiday_date(name, int(m["year"]))))
    days = [holiday_date(name, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if future:
        d = next(d for d in days if d >= anchor)
    else:
        d = [d for d in days if d <= anchor][-1]
    return Parsed("DATE", _day_span(d))


_HOLIDAY_NAMES = sorted({*FIXED_HOLIDAYS, *MOVING_HOLIDAYS}, key=len, reverse=True)
_HOLIDAY = ("(?P<holiday>" + "|".join(re.escape(n).replace("'", "['’]").replace(r"\ ", r"\s+")
                                      for n in _HOLIDAY_NAMES) + ")")


# --- expressions read from the reference time -----------------------------------------------

_ANA_UNITS = ("day", "week", "month", "year")
_PREP_BEFORE = re.compile(r"\b(?:in|over|during|for|within)\s+$", re.I)


def _anaphoric(unit: str, shift: int, anchor: date, part: str = "") -> Parsed:
    """A date ``shift`` units from the reference time (a TIME with a part of the day, as
    "that night"); resolved first against the document date, then again by :func:`scan`
    against the latest date the text gave before it."""
    return Parsed("TIME" if part else "DATE", _with_part(_shifted(_day_span(anchor), unit, shift), part),
                  (unit, shift, part))


def _with_part(span: TimeSpan, part: str) -> TimeSpan:
    """A day's span with TimeML's part-of-day suffix (2013-03-21TNI)."""
    if not part or not _DAY_OR_X.fullmatch(span.value or ""):
        return span
    return TimeSpan(span.start, span.end, span.precision, f"{span.value}T{part}")


def _next_previous(m: re.Match, anchor: date, future: bool | None) -> Parsed | None:
    """"the next day", "the following week", "the previous year", "the same day", "that
    month": a date relative to the time the narrative is at (HeidelTime's UNDEF-REF)."""
    rel = (m["rel"] or "that").lower()
    if rel == "next" and _PREP_BEFORE.search(m.string, max(0, m.start() - 8), m.start()):
        return None  # "over the next week": a duration (the last_n rule)
    shift = {"next": 1, "following": 1, "previous": -1, "prior": -1, "preceding": -1,
             "same": 0, "that": 0}[rel]
    unit = m["unit"].lower()
    if unit in _PARTS:  # "that night", "the next morning"
        return _anaphoric("day", shift, anchor, _PARTS[unit])
    return _anaphoric(unit, shift, anchor)


def _units_later(m: re.Match, anchor: date, future: bool | None) -> Parsed | None:
    """"two days later", "a year earlier", "the day before": shifted from the reference time.
    A vague count ("a few days later") is FUTURE_REF / PAST_REF, as HeidelTime writes it."""
    later = m["dir"].lower() in ("later", "after")
    unit = m["unit"].lower()
    if unit not in _ANA_UNITS:
        return None
    if m["num"] and (_vague(m["num"]) or not float(_num(m["num"])).is_integer()):
        return Parsed("DATE", TimeSpan(anchor, None, "open", "FUTURE_REF") if later
                      else TimeSpan(None, anchor, "open", "PAST_REF"))
    n = int(_num(m["num"])) if m["num"] else 1
    return _anaphoric(unit, n if later else -n, anchor)


def _part_of_unit(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    """"the end of the year", "earlier in the month": the reference time's year (month...);
    in a sentence about the future, the document date's."""
    parsed = _anaphoric(m["unit"].lower(), 0, anchor)
    if future:
        parsed.anaphor = None
    return parsed


def _shifted(ref: TimeSpan, unit: str, shift: int) -> TimeSpan:
    """The ``unit`` that lies ``shift`` units from the reference span. Where the reference is
    coarser than the unit ("the next day" after "in July 2012"), the unknown parts are X
    (2012-07-XX), as TimeML writes them."""
    known = _value_level(ref.value or "")
    d = ref.start or ref.end
    if d is None or known is None:
        return ref
    if _LEVELS[unit] < known:
        y = ref.value[:4]
        if unit == "day":
            value = f"{ref.value[:7]}-XX" if known == _LEVELS["month"] else f"{y}-XX-XX"
        elif unit == "week":
            value = f"{y}-WXX"
        else:
            value = f"{y}-XX"
        return TimeSpan(ref.start, ref.end, ref.precision, value)
    if unit == "day":
        return _day_span(d + timedelta(days=shift))
    if unit == "week":
        return _week_span(d + timedelta(weeks=shift))
    if unit == "month":
        d = _shift_months(d, shift)
        return _month_span(d.year, d.month)
    return _year_span(d.year + shift)


_LEVELS = {"day": 0, "week": 1, "month": 2, "year": 3}
_LEVEL_FORMS = [(re.compile(r"\d{4}-\d\d-\d\d"), 0), (re.compile(r"\d{4}-W\d\d"), 1),
                (re.compile(r"\d{4}-\d\d(?![\d-])"), 2), (re.compile(r"\d{4}"), 3)]


def _value_level(value: str) -> int | None:
    """How fine a calendar value is: 0 day, 1 week, 2 month, 3 year (quarters and seasons
    count as years); None for a value that is not a calendar date."""
    for form, level in _LEVEL_FORMS:
        if form.match(value):
            return level
    return None


_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_DAY_OR_X = re.compile(r"\d{4}-(?:\d\d|XX)-(?:\d\d|XX)")
_CLOCK_DATE_GAP = re.compile(r"\s*,?\s*(?:on\s+)?$", re.I)


def _clock_day(found: list[tuple[int, int, Parsed]], i: int, ref: TimeSpan, text: str) -> TimeSpan:
    """The day of the clock time ``found[i]``: the date written right after it ("1 p.m.
    Friday"), else the reference time when that is a day."""
    if i + 1 < len(found):
        s, _e, nxt = found[i + 1]
        if nxt.kind == "DATE" and _DAY_VALUE.fullmatch(nxt.span.value or "") \
                and _CLOCK_DATE_GAP.match(text[found[i][1]:s]):
            return nxt.span
    return ref if _DAY_VALUE.match(ref.value or "") else None


def _resolve_anaphors(found: list[tuple[int, int, Parsed]], anchor: date, text: str) -> None:
    """Re-read each anaphoric expression from the latest calendar date before it in the text
    (the document date before the first one)."""
    ref = _day_span(anchor)
    for i, (s, e, p) in enumerate(found):
        if p.anaphor is not None and p.anaphor[0] == "clock":
            day = _clock_day(found, i, ref, text)
            if day is not None and day.start:
                p = Parsed(p.kind, TimeSpan(day.start, day.start, "minute", day.value[:10] + p.span.value[10:]),
                           p.anaphor)
                found[i] = (s, e, p)
        elif p.anaphor is not None:
            unit, shift, part = p.anaphor
            p = Parsed(p.kind, _with_part(_shifted(ref, unit, shift), part), p.anaphor)
            found[i] = (s, e, p)
        if p.kind in ("DATE", "TIME") and p.span.start and p.span.end \
                and _value_level(p.span.value or "") is not None:
            ref = p.span


_B = r"(?<![\w-])"  # no word character (or hyphen) right before a rule
_PREP = (r"(?P<prep>before|after|since|in|by|during|until|till|through|throughout|of|from|to|and|"
         r"between|early|late|mid)[-\s]+")
# Modifiers TimeML keeps inside the expression ("early this year", "late last July").
_MOD = (r"(?:(?:early|late|mid|earlier|later)[-\s]+|(?:the\s+)?(?:beginning|end|start|middle|"
        r"first\s+half|second\s+half)\s+of\s+(?:the\s+)?)?")
# The same part-of modifiers standing alone: they make a following month or year a date.
_PART_OF = r"(?:the\s+)?(?:beginning|end|start|middle|first\s+half|second\s+half)\s+of\s+"
_REL = r"(?P<rel>last|past|previous|this|current|next|coming)"
_QMOD = (r"(?:almost|nearly|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|"
         r"no\s+more\s+than|no\s+less\s+than|up\s+to|just\s+over|just\s+under|well\s+over)")
_UNITS_PL = r"(?P<unit>second|minute|hour|day|week|month|year|decade)s"
_RULES = [
    ("full_date",
     rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
     rf"(?:,?\s+{_YEAR})?(?:,?\s+(?:at\s+)?(?P<hour>\d{{1,2}}):(?P<minute>\d\d))?", _full_date),
    ("day_month",
     rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
     rf"(?:,?\s+{_YEAR})?(?P<hour>)(?P<minute>)", _full_date),
    ("month_rel_year", rf"{_MOD}{_MONTH}\s+(?:of\s+)?(?P<rel>last|previous|this|next)\s+year", _month_rel_year),
    ("month_year", rf"{_MOD}{_MONTH},?\s+(?:of\s+)?{_YEAR}", _month_year),
    ("bare_month", rf"(?:{_MOD}(?P<rel>last|past|previous|this|next)\s+|{_PREP}{_MOD}|{_PART_OF}){_MONTH}", _bare_month),
    ("numeric_date", r"(?<![\d/.-])(?:(?P<y>1[5-9]\d\d|20\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)"
                     r"|(?P<mo2>1[0-2]|0?[1-9])/(?P<d2>[0-3]?\d)/(?P<y2>(?:19|20)?\d\d))(?![\d/-])", _numeric_date),
    ("decade", r"(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?:(?P<decade>1[5-9]\d0|20\d0)'?s|'(?P<decade2>\d0)s"
               r"|(?<=the\s)(?P<decade3>[2-9]0)s|(?<=the\s)(?:(?:early|mid|late)[-\s]+)(?P<decade4>[2-9]0)s"
               r"|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
     _decade),
    ("century", r"(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?P<cent>1[5-9]|2[01])(?:st|nd|rd|th)[-\s]+century",
     _century),
    ("year", rf"(?:{_PREP}{_MOD}|{_PART_OF})(?:the\s+year\s+)?{_YEAR}", _year),
    # "2009-2010": both years, each its own expression.
    ("year_range_first", rf"(?P<prep>){_YEAR}(?=\s*[-–]\s*(?:(?:1[5-9]|20)\d\d(?!\d)|\d\d(?![\d-])))", _year),
    ("year_range_second", rf"(?<=\d\d\d\d[-–])(?P<prep>){_YEAR}", _year),
    ("year_range_short", r"(?<=(?:1[5-9]|20)\d\d[-–])(?P<yy>\d\d)(?![\d-])", _year_range_short),
    ("season", rf"{_MOD}(?:{_REL}\s+(?P<season>spring|summer|fall|autumn|winter)|"
               rf"(?:(?<=in\s)|(?<=during\s)|(?<=over\s)|(?<=by\s)|(?<=until\s))(?:the\s+)?"
               rf"(?P<season2>spring|summer|autumn|winter)(?:,?\s+(?:of\s+)?(?P<year2>1[5-9]\d\d|20\d\d))?"
               rf"|(?P<season3>spring|summer|fall|autumn|winter)"
               rf",?\s+(?:of\s+)?{_YEAR})", None),
    ("quarter", rf"(?:{_MOD}(?P<qrel>last|past|previous|this|current|next|coming)\s+quarter|(?:the\s+)?"
                rf"(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[-\s]+quarter"
                rf"(?:\s+of\s+(?:{_YEAR}|(?P<rel>last|previous|this|next)\s+year))?|(?P<ord2>q[1-4])\s+(?P<year2>1[5-9]\d\d|20\d\d))", None),
    ("fiscal", rf"{_MOD}(?:(?P<rel>last|past|previous|this|current|next|coming)\s+fiscal\s+year|"
               rf"fiscal\s+(?:year\s+)?{_YEAR})", _fiscal),
    ("last_n", rf"(?:(?:in|over|during|for|within)\s+)?the\s+(?P<rel>last|past|previous|next|coming)\s+(?:{_NUM}\s+)?{_UNIT}", _last_n),
    ("ago", rf"(?:{_NUM}\s+)?{_UNIT}\s+ago", _ago),
    # Read from the reference time: "the next day", "two weeks later", "the year before".
    ("next_previous", r"(?:the\s+(?P<rel>next|following|previous|prior|preceding|same)|that)\s+"
                      r"(?P<unit>day|week|month|year|morning|afternoon|evening|night)", _next_previous),
    # "a month earlier than usual" compares: the quantity is a duration.
    ("units_later", rf"(?:{_NUM}\s+{_UNIT}\s+(?P<dir>earlier|later)(?!\s+than\b)"
                    rf"|the\s+(?P<unit2>day|week|month|year)\s+(?P<dir2>before|after)(?=\s*(?:[,.;:!?)]|$)))",
     None),
    ("part_of_unit", r"(?:(?:the\s+)?(?:beginning|end|start|middle|rest|remainder|first\s+half|second\s+half)"
                     r"\s+of|(?:earlier|later)\s+in)\s+(?:the\s+)?(?P<unit>year|month|week)", _part_of_unit),
    ("relative_unit", rf"{_MOD}(?P<rel>last|past|previous|this|current|next|coming)\s+(?P<unit>week|month|year|decade|century)",
     _relative_unit),
    ("weekend", r"(?:(?P<rel>last|this|next)\s+(?:past\s+)?weekend|(?:the|that)\s+weekend)", _weekend),
    ("weekday", rf"(?:(?:early|late)\s+)?(?:(?P<rel>last|next|this)\s+)?{_WEEKDAY}(?:\s+(?P<part>morning|afternoon|evening|night))?", _weekday),
    ("day_word", r"(?P<dayword>today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))"
                 r"(?:\s+(?P<part>morning|afternoon|evening|night))?", _day_word),
    ("earlier_this", r"(?:earlier|later)\s+this\s+(?P<unit>year|month|week)", _earlier_this),
    # SETs: "every Monday", "on Mondays", "each season", "annually", "twice a week".
    ("set", rf"(?:(?:every|each)\s+(?:{_WEEKDAY}|(?P<unit>day|night|week|month|year|season|quarter))"
            rf"|(?<=on\s)(?P<weekday2>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s"
            rf"|(?:(?:once|twice|thrice|\d+\s+times|two\s+times|three\s+times)\s+)(?:a|an|per|every|each)\s+"
            rf"(?P<unit2>day|week|month|year|hour)"
            rf"|(?P<adverb>daily|nightly|weekly|monthly|annually|yearly|quarterly|hourly))", _set),
    ("set_every", rf"(?:every|each)\s+(?:(?P<other>other)\s+|{_NUM}\s+)?(?:{_UNIT}|{_MONTH}"
                  rf"|(?P<season>spring|summer|autumn|winter))",
     _set_every),
    ("holiday", rf"{_HOLIDAY}(?:,?\s+{_YEAR})?", _holiday),
    # TIMEX3 puts the modifier of a bounded quantity into the extent (mod="LESS_THAN" for
    # "almost seven years"); approximate "about"/"around" stay outside, as the TE3 dev gold has it.
    ("duration", rf"(?:{_QMOD}\s+)?{_NUM}(?:\s+|-)(?:more\s+)?{_UNIT}(?P<half>\s+and\s+a\s+half)?"
                 rf"(?:-long|(?P<old>-old|\s+old)|(?<=s)'(?=\s))?", _duration),
    ("half", r"(?:half\s+an?\s+|an?\s+half[-\s]?)(?P<unit>hour|day|year|decade|century)", _half),
    ("elapsed", r"(?<![\d:.])(?P<h>\d{1,2}):(?P<mi>[0-5]\d):(?P<sec>[0-5]\d)(?![\d:])", _elapsed),
    ("fortnight", r"(?:a|one)\s+fortnight", _fortnight),
    # Unquantified stretches only where the context makes them temporal.
    ("vague_units", rf"(?:(?<=\bfor\s)|(?<=\bwithin\s)|(?<=\btime\sin\s)|(?<=\bover\s)the\s+"
                    rf"|(?:(?<=\bafter\s)|(?<=\bamid\s)|(?<=\bfollowing\s))(?=\w+\s+of\b)"
                    rf"|(?=\w+\s+(?:before|after|earlier|later)\b)){_UNITS_PL}", _vague_units),
    ("ref", r"(?P<ref>(?:right\s+)?now|currently|presently|at\s+present|nowadays|these\s+days|recently|lately|"
            r"(?<=in\s)the\s+(?:(?:near|immediate|foreseeable|distant|recent)\s+)?(?:past|future))", _ref),
    ("clock", r"(?:(?P<hour>\d{1,2})(?::(?P<minute>\d\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)(?![\w.])"
              r"|(?<=at\s)(?P<word>noon|midnight)"
              r"|(?P<hour2>[01]?\d|2[0-3]):?(?P<minute2>[0-5]\d)(?=\s+(?:GMT|UTC|local\s+time)\b)"
              r"|(?<=at\s)(?P<hour3>[01]?\d|2[0-3]):(?P<minute3>[0-5]\d)(?![\d:]))"
              r"(?:\s+(?:GMT|UTC|[ECMP][SD]?T|local\s+time)\b)?", _clock),
]


def _named(m: re.Match, group: str, *alts: str) -> str | None:
    for g in (group, *alts):
        if m.re.groupindex.get(g) and m[g]:
            return m[g]
    return None


class _Merged:
    """A match whose alternative groups (season2, ord2...) read as their main name."""

    def __init__(self, m: re.Match, aliases: dict[str, tuple[str, ...]]) -> None:
        self._m, self._aliases = m, aliases

    def __getitem__(self, name: str) -> str | None:
        return _named(self._m, name, *self._aliases.get(name, ()))


def _season_rule(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    return _season(_Merged(m, {"season": ("season2", "season3"), "rel": (), "year": ("year2",)}), anchor, future)


def _quarter_rule(m: re.Match, anchor: date, future: bool | None) -> Parsed:
    return _quarter(_Merged(m, {"ord": ("ord2",), "rel": (), "year": ("year2",), "qrel": ()}), anchor, future)


def _units_later_rule(m: re.Match, anchor: date, future: bool | None) -> Parsed | None:
    return _units_later(_Merged(m, {"unit": ("unit2",), "dir": ("dir2",), "num": ()}), anchor, future)


_RULES = [(n, p, fn or {"season": _season_rule, "quarter": _quarter_rule, "units_later": _units_later_rule}[n])
          for n, p, fn in _RULES]
RULES: list[tuple[str, re.Pattern, Rule]] = [
    (name, re.compile(("" if pat.startswith("(?<=") else _B) + f"(?:{pat})" + r"(?!\w)", re.I), fn)
    for name, pat, fn in _RULES]
# Each rule runs only in windows around the words its matches must contain (_KEY_BEFORE
# characters before such a word, _KEY_AFTER after), found in one pass over the text's words:
# a full pass of a pattern costs about as much as all the windows of all rules together.
# Measured on TE3-platinum (20 documents x3): 76 ms against 348 ms for every pattern over all text.
_KEY_BEFORE, _KEY_AFTER = 60, 40
_UNIT_STEMS = ("second", "minute", "hour", "day", "night", "week", "month", "year", "decade",
               "centur", "fortnight")
_MONTH_PREFIXES = frozenset(m[:3] for m in MONTHS)
_WORD_KEYS: dict[str, tuple[str, ...]] = {}
for _key, _words in (
        ("season", "spring summer fall autumn winter"), ("quarter", "quarter q1 q2 q3 q4"),
        ("fiscal", "fiscal"), ("ago", "ago"), ("direction", "earlier later before after"),
        ("dayword", "today yesterday tomorrow tonight night morning afternoon evening"),
        ("set", "per every each daily nightly weekly monthly annually yearly quarterly hourly once "
                "twice thrice times mondays tuesdays wednesdays thursdays fridays saturdays sundays"),
        ("weekday", "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays "
                    "wednesdays thursdays fridays saturdays sundays"),
        ("ref", "now currently presently present nowadays these recently lately past future"),
        ("clock", "noon midnight"), ("half", "half"),
        ("holiday", "christmas easter thanksgiving halloween fourth bastille veterans "
                    "armistice remembrance boxing valentine patrick year good memorial labor king "
                    "presidents mother father may")):
    for _w in _words.split():
        _WORD_KEYS[_w] = (*_WORD_KEYS.get(_w, ()), _key)
_PATTERN_KEYS = {"numdate": re.compile(r"\d[-/]\d"), "elapsed": re.compile(r"\d:\d\d:\d"),
                 "clock": re.compile(r"\d(?:\s*[ap]\.?m\b|:?\d\d\s+(?:gmt|utc|local)|:\d\d)", re.I)}
_RULE_KEYS = {
    "full_date": "month", "day_month": "month", "month_rel_year": "month", "month_year": "month",
    "bare_month": "month", "numeric_date": "numdate", "decade": "decade year", "century": "unit",
    "year": "year", "year_range_first": "year", "year_range_second": "year", "season": "season",
    "quarter": "quarter", "fiscal": "fiscal", "last_n": "unit", "ago": "ago", "next_previous": "unit dayword",
    "units_later": "direction", "part_of_unit": "unit", "relative_unit": "unit", "weekend": "unit",
    "weekday": "weekday", "day_word": "dayword", "earlier_this": "unit", "set": "set",
    "duration": "unit", "half": "half", "elapsed": "elapsed", "fortnight": "unit", "vague_units": "unit",
    "ref": "ref", "clock": "clock", "set_every": "set", "year_range_short": "year", "holiday": "holiday",
}
_KEY_UNIONS = {key for key in _RULE_KEYS.values() if " " in key}
_WORD = re.compile(r"\w+")


def _word_keys(word: str) -> list[str]:
    w = word.lower()
    keys = list(_WORD_KEYS.get(w, ()))
    if w[:3] in _MONTH_PREFIXES:
        keys.append("month")
    if w.startswith(_UNIT_STEMS):
        keys.append("unit")
    if w[:4].isdigit():
        keys.append("year")
    if (w.endswith("0s") and w[:-1].isdigit()) or w.endswith("ties"):
        keys.append("decade")
    return keys


def _merge(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """The stretches around hit spans (sorted), widened and merged where they meet."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        a, b = max(0, s - _KEY_BEFORE), min(size, e + _KEY_AFTER)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _key_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each key (and each space-separated union of keys a rule names), the merged
    stretches of ``text`` around its hits."""
    hits: dict[str, list[tuple[int, int]]] = {}
    for m in _WORD.finditer(text):
        for key in _word_keys(m.group()):
            hits.setdefault(key, []).append(m.span())
    for key, pattern in _PATTERN_KEYS.items():
        found = [k.span() for k in pattern.finditer(text)]
        if found:
            hits[key] = sorted(hits.get(key, []) + found)
    windows = {key: _merge(spans, len(text)) for key, spans in hits.items()}
    for union in _KEY_UNIONS:
        windows[union] = _merge(sorted(s for key in union.split() for s in hits.get(key, ())), len(text))
    return windows


# Words that introduce an expression but are not part of it in TimeML ("in 2018").
# TimeML marks "before", "since", "until" as SIGNALs outside the TIMEX3 too.
_LEAD = re.compile(r"(?:(?:in|on|over|during|at|by|of|from|to|and|between|until|till|for|through|"
                   r"throughout|before|after|since|within)\s+)+", re.I)


def scan(text: str, anchor: date, future_at: Callable[[int], bool | None] | None = None
         ) -> list[tuple[int, int, Parsed]]:
    """All temporal expressions in ``text``: (start, end, parsed), longest match winning
    where rules overlap."""
    found: list[tuple[int, int, Parsed]] = []
    windows = _key_windows(text)
    for name, pattern, rule in RULES:
        for m in (m for a, b in windows.get(_RULE_KEYS[name], ()) for m in pattern.finditer(text, a, b)):
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
    chosen.sort(key=lambda f: f[0])
    _resolve_anaphors(chosen, anchor, text)
    return chosen
