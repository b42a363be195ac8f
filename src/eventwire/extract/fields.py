"""Field parsers shared by the text and HTML extractors: datelines, bylines, tags, photo
credits and the site name. Each takes one string (or a page's lines) and returns a value or
``None``; none of them knows which extractor called it."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import urlsplit

from dateutil import parser as date_parser

# --- whitespace --------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u200b\u2009\u202f\ufeff]+")


def clean_line(line: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) to one space."""
    return _SPACES.sub(" ", line).strip()


# --- datelines ---------------------------------------------------------------------------------

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_TIME = r"(?:\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
_DATE_FORMS = (
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}",  # February 16, 2020
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}",  # 3 March 2023
    r"\d{4}-\d{2}-\d{2}",  # 2020-02-16
    r"\d{1,2}/\d{1,2}/\d{4}",  # 02/16/2020 (month first, the US habit of news sites)
)
_DATE_RE = re.compile(
    rf"(?P<date>{'|'.join(_DATE_FORMS)})(?:\s*(?:[,|\-–—@]|at)?\s*(?P<time>{_TIME}))?"
    rf"|(?P<time0>{_TIME})\s*(?:[A-Z]{{2,4}})?\s*[,|\-–—]?\s*(?:\w+day,?\s*)?"
    rf"(?P<date0>{'|'.join(_DATE_FORMS)})",
    re.IGNORECASE,
)
# Words a dateline may carry around its date without being anything else.
_DATELINE_WORDS = re.compile(
    r"\b(?:published|posted|updated|last|modified|on|at|date|time|am|pm|a\.m|p\.m|et|est|edt|"
    r"gmt|utc|bst|cet|pst|pdt|ist|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|wed|thu|fri|sat|sun|first|created)\b\.?",
    re.IGNORECASE,
)


def parse_dateline(text: str) -> tuple[datetime, str] | None:
    """The datetime a dateline states and its precision ("minute" or "day").

    >>> parse_dateline("FEBRUARY 16, 2020 00:30")
    (datetime.datetime(2020, 2, 16, 0, 30), 'minute')
    """
    m = _DATE_RE.search(text[:300])
    if not m:
        return None
    day_text = m.group("date") or m.group("date0")
    time_text = m.group("time") or m.group("time0")
    try:
        day = date_parser.parse(day_text.replace(".", " "), default=datetime(1900, 1, 1),
                                dayfirst=False)
    except (ValueError, OverflowError):
        return None
    if not 1900 < day.year < 2100:
        return None
    if time_text:
        hm = _parse_time(time_text)
        if hm is not None:
            return day.replace(hour=hm[0], minute=hm[1]), "minute"
    return day, "day"


def _parse_time(text: str) -> tuple[int, int] | None:
    m = re.match(r"(\d{1,2})(?:[:.h](\d{2}))?(?::\d{2})?\s*([ap])?", text.strip(), re.I)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    half = (m.group(3) or "").lower()
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def is_dateline(text: str) -> bool:
    """A line that is a date and little else (a few dateline words allowed)."""
    m = _DATE_RE.search(text[:300])
    if not m or len(text) > 120:
        return False
    rest = _DATELINE_WORDS.sub(" ", text[: m.start()] + " " + text[m.end():])
    return len(re.findall(r"[^\W\d_]{2,}", rest)) <= 2


# --- bylines -----------------------------------------------------------------------------------

_BYLINE_RE = re.compile(r"^(?:written\s+)?by[:\s]\s*(?P<names>.+)$", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&|\|)\s*", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.\-]*$")
# Roles after a name ("Jane Doe, Staff Writer") are not part of the name.
_ROLE_WORDS = {"staff", "writer", "reporter", "correspondent", "editor", "columnist", "contributor",
               "associated", "press", "reuters", "afp", "ap", "news", "desk", "senior", "chief",
               "political", "foreign", "bureau", "updated", "published", "agency"}


def parse_byline(text: str) -> list[str] | None:
    """Author names from a "By ..." line, in title case; ``None`` when it is no byline.

    >>> parse_byline("By SETH J. FRANTZMAN")
    ['Seth J. Frantzman']
    """
    m = _BYLINE_RE.match(clean_line(text))
    if not m:
        return None
    names = []
    for part in _NAME_SPLIT.split(m.group("names")):
        tokens = part.split()
        if not tokens:
            continue
        if not all(_NAME_TOKEN.match(t) for t in tokens) or len(tokens) > 5:
            break
        if any(t.lower().strip(".") in _ROLE_WORDS for t in tokens):
            break
        if not all(t[0].isupper() for t in tokens if t.lower() not in _NAME_PARTICLES):
            break
        names.append(normalise_name(part))
    return names or None


_NAME_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "del", "der", "di", "du", "la", "le",
                   "van", "von", "y", "abu", "ben", "dos", "das"}


def normalise_name(name: str) -> str:
    """Title-case a name written in capitals; leave mixed case as the page wrote it."""
    name = clean_line(name)
    letters = [c for c in name if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        tokens = name.split()
        # Particles inside a name stay lower case ("Maria del Carmen", "Ludwig van Beethoven").
        name = " ".join(t.lower() if 0 < i < len(tokens) - 1 and t.lower() in _NAME_PARTICLES
                        else _title_token(t) for i, t in enumerate(tokens))
    return name


def _title_token(token: str) -> str:
    # "AL-KAABI" -> "Al-Kaabi", "O'NEIL" -> "O'Neil", "J." -> "J."
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), token.lower())


# --- photo credits and captions -----------------------------------------------------------------

_CREDIT_PAREN = re.compile(
    r"\s*[\(\[]\s*(?:photo|image|picture|photograph|credit|photo credit|credits?)\s*"
    r"(?:credit)?\s*[:：]\s*(?P<credit>[^()\[\]]{2,120})[\)\]]\s*$", re.IGNORECASE)
_CREDIT_LINE = re.compile(
    r"^\s*[\(\[]?\s*(?:photo|image|picture|photograph|credit|photo credit|credits?|"
    r"foto|fotograf[íi]a)\s*(?:credit|by)?\s*[:：]\s*(?P<credit>[^()\[\]]{2,120}?)\s*[\)\]]?\s*$",
    re.IGNORECASE)


def split_photo_credit(text: str) -> tuple[str, str | None]:
    """``("caption", "credit")`` for a caption ending in "(photo credit: X)"; else ``(text, None)``."""
    m = _CREDIT_PAREN.search(text)
    if not m:
        return text, None
    return text[: m.start()].rstrip(), m.group("credit").strip()


def photo_credit_of(text: str) -> str | None:
    """The credit of a line that is only a photo credit ("(photo credit: X)", "Photo: X")."""
    m = _CREDIT_LINE.match(text)
    return m.group("credit").strip() if m else None


# --- tags --------------------------------------------------------------------------------------

_TAGS_RE = re.compile(r"^(?:tags|tagged|topics|related topics|keywords|filed under)\s*[:\-–]?\s*"
                      r"(?P<tags>.+)$", re.IGNORECASE)
_TAG_SEPARATORS = re.compile(r"\s*(?:[,;|•·/#]|\s{2,})\s*")


def parse_tags_line(text: str) -> list[str] | None:
    """Tags from a "Tags ..." line; ``None`` when the line is not one."""
    m = _TAGS_RE.match(clean_line(text))
    if not m or len(m.group("tags")) > 300:
        return None
    return split_tags(m.group("tags"))


def split_tags(text: str) -> list[str]:
    """Split a tag list. With separators, split on them; a bare space-separated list is split
    into words, keeping multiword country names ("United States") together."""
    text = text.strip()
    if _TAG_SEPARATORS.search(text.replace("  ", "\x00")) or "," in text:
        parts = [p.strip() for p in _TAG_SEPARATORS.split(text)]
        return [p for p in parts if p]
    return _join_known_names(text.split())


@lru_cache(maxsize=1)
def _multiword_names() -> dict[str, int]:
    """Lower-cased multiword country names (pycountry), with their word counts."""
    import pycountry

    names: dict[str, int] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and " " in value and "," not in value:
                names[value.lower()] = len(value.split())
    return names


def _join_known_names(words: list[str]) -> list[str]:
    names = _multiword_names()
    longest = max(names.values(), default=1)
    out, i = [], 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 1, -1):
            if " ".join(words[i:i + n]).lower() in names:
                out.append(" ".join(words[i:i + n]))
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


# --- site name ---------------------------------------------------------------------------------

_CAP_WORD = re.compile(r"^(?:[A-Z][\w'’&.\-]*|&)$")


def guess_site_name(lines: list[str], url: str | None = None) -> str | None:
    """The site's name: the capitalised phrase that recurs most in the page's boilerplate
    (nav, footer, copyright lines all repeat the brand), else the URL host."""
    counts: Counter[tuple[str, ...]] = Counter()
    for line in lines:
        if len(line) > 400:
            continue
        seen: set[tuple[str, ...]] = set()
        for run in _capitalised_runs(line):
            for n in range(2, min(4, len(run)) + 1):
                for i in range(len(run) - n + 1):
                    seen.add(tuple(run[i:i + n]))
        counts.update(seen)
    best = _best_phrase(counts)
    if best:
        return best
    if url:
        host = urlsplit(url).hostname or ""
        host = re.sub(r"^(?:www\d?|m|amp)\.", "", host)
        return host or None
    return None


def _capitalised_runs(line: str) -> list[list[str]]:
    runs, run = [], []
    for token in line.split():
        token = token.strip(".,;:!?\"'()")
        if _CAP_WORD.match(token) and not token.isupper() or token in ("The",):
            run.append(token)
        else:
            if len(run) >= 2:
                runs.append(run)
            run = []
    if len(run) >= 2:
        runs.append(run)
    return runs


def _best_phrase(counts: Counter[tuple[str, ...]]) -> str | None:
    phrases = [(c, p) for p, c in counts.items() if c >= 3 and p[-1] != "The"]
    if not phrases:
        return None
    count, phrase = max(phrases, key=lambda cp: (cp[0], len(cp[1])))
    # Extend to a longer phrase that recurs about as often ("Jerusalem Post" -> "The Jerusalem Post").
    for longer, c in sorted(counts.items(), key=lambda pc: -len(pc[0])):
        if len(longer) > len(phrase) and c >= max(3, count // 2) and _contains(longer, phrase):
            if longer[-1] == phrase[-1]:
                phrase = longer
                break
    return " ".join(phrase)


def _contains(longer: tuple[str, ...], short: tuple[str, ...]) -> bool:
    n = len(short)
    return any(longer[i:i + n] == short for i in range(len(longer) - n + 1))


def day_to_datetime(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)
