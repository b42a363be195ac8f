"""When and where an event happened: its own date and place from the resolvers, else a
flagged fallback (the publication day; the article's main country)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from ..model import DocResult, Place, TimeMention, TimeSpan

PRECISION_RANK = {"site": 0, "city": 1, "admin1": 2, "country": 3}


def publication_date(result: DocResult) -> date | None:
    pub = result.article.published if result.article else None
    if isinstance(pub, datetime):
        return pub.date()
    if isinstance(pub, date):
        return pub
    return result.document.header_date


def publication_span(result: DocResult) -> TimeSpan | None:
    day = publication_date(result)
    return TimeSpan(day, day, "day", day.isoformat()) if day else None


def event_time(trigger, sent_times: list[TimeMention]) -> TimeMention | None:
    """The date attached to the trigger: one in its subtree (the nearest), else the nearest
    one in the sentence. DURATION and SET expressions date nothing."""
    times = [t for t in sent_times if t.kind in ("DATE", "TIME") and t.span.start]
    if not times:
        return None
    lo = trigger.left_edge.idx
    hi = trigger.right_edge.idx + len(trigger.right_edge)
    pos = trigger.idx
    inside = [t for t in times if lo <= t.start < hi]
    pool = inside or times
    return min(pool, key=lambda t: abs(t.start - pos))


def event_place(trigger, sent_places: list, places: dict[str, Place]) -> tuple[str | None, str]:
    """(place_id, "text"|"sentence") from the place mentions of the sentence not used as roles:
    one inside the trigger's subtree ("at Ayn al-Assad") first, the most precise, nearest."""
    if not sent_places:
        return None, ""
    lo = trigger.left_edge.idx
    hi = trigger.right_edge.idx + len(trigger.right_edge)
    pos = trigger.idx

    def key(m):
        p = places.get(m.place_id)
        return (PRECISION_RANK.get(p.precision if p else "", 4), abs(m.start - pos))

    doc = trigger.doc
    attached = [m for m in sent_places if lo <= m.start < hi and _locative_path(doc, m, trigger)]
    # "a missionary from Calgary was arrested in Lebanon": where a participant comes from is
    # not where the event happened; a place on the trigger's own phrase goes first
    own = [m for m in attached if not _through_participant(doc, m, trigger)]
    if own or attached:
        return min(own or attached, key=key).place_id, "text"
    # a country named as an actor ("coordinating with Iran") is not where anything happened
    loose = [m for m in sent_places if not m.actor_id]
    if loose:
        return min(loose, key=key).place_id, "sentence"
    return None, ""


# Prepositions that say where: "at Ayn al-Assad", "near Kirkuk", "in Qaim".
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "along",
                            "throughout", "within", "off", "into", "onto", "over", "from",
                            "towards", "toward", "on", "by", "beyond", "south", "north", "east",
                            "west", "between", "through"})
# Arcs a locative phrase climbs to reach its event; an apposition, relative clause or a
# possessor leads to a different thing ("sanctions against Iran's IRGC").
PATH_DEPS = frozenset({"pobj", "prep", "compound", "conj", "npadvmod", "dobj", "nsubjpass", "nmod"})


def _locative_path(doc, m, trigger) -> bool:
    tok = doc.char_span(m.start, m.end, alignment_mode="expand")
    if tok is None:
        return False
    node = tok.root
    first_prep = None
    for _ in range(10):
        if node is trigger or node.i == trigger.i:
            return first_prep is not None and first_prep in LOCATIVE_PREPS
        if node.dep_ not in PATH_DEPS or node.head is node:
            return False
        if node.dep_ == "prep" and first_prep is None:
            first_prep = node.lower_
        node = node.head
    return False


PARTICIPANT_DEPS = frozenset({"nsubjpass", "dobj"})


def _through_participant(doc, m, trigger) -> bool:
    """Whether a place's path to the trigger passes through its subject or object noun."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    node = span.root if span is not None else None
    for _ in range(10):
        if node is None or node.i == trigger.i or node.head is node:
            return False
        if node.dep_ in PARTICIPANT_DEPS and node.head.i == trigger.i:
            return node.i != span.root.i  # the place itself as the object is the trigger's
        node = node.head
    return False


def main_country_place(result: DocResult) -> str | None:
    """The place id of the article's main country: the places stage's answer when it has one,
    else the country most often named (directly or as the country of a named place)."""
    try:  # the places stage may offer its own, better-informed choice
        from ..resolve.places import main_country  # type: ignore[attr-defined]
    except ImportError:
        main_country = None
    if main_country is not None:
        try:
            found = main_country(result)
        except Exception:  # noqa: BLE001 - an optional helper must never break event coding
            found = None
        pid = _as_place_id(found, result)
        if pid:
            return pid
    counts = Counter(p.country for m in result.mentions if m.place_id
                     for p in [result.places.get(m.place_id)] if p is not None and p.country)
    for country, _ in counts.most_common():
        pid = _country_place(result, country)
        if pid:
            return pid
    return None


def _as_place_id(found, result: DocResult) -> str | None:
    if isinstance(found, Place):
        return found.place_id
    if isinstance(found, str):
        if found in result.places:
            return found
        return _country_place(result, found)
    return None


def _country_place(result: DocResult, iso3: str) -> str | None:
    for p in result.places.values():
        if p.precision == "country" and p.country == iso3:
            return p.place_id
    return None
