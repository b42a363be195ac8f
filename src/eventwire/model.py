"""The typed data model every stage shares.

A document flows through the pipeline as one :class:`DocResult`, which each stage reads and
enriches (like spaCy's ``Doc``). Every id is derived from content, so the same input always
yields the same ids and re-running a batch never duplicates rows.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any


def stable_id(*parts: object, length: int = 16) -> str:
    """A deterministic hex id from the given parts (sha1 over their repr joined by NUL)."""
    h = hashlib.sha1("\x00".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


def content_hash(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


# --- input -------------------------------------------------------------------------------


@dataclass(slots=True)
class Document:
    """One raw page as read by a source: bytes or text plus where it came from.

    ``format`` is detected from content: ``text-dump`` (seed format, with a ``date`` header),
    ``text``, ``html``, ``warc`` (an HTML response record), ``wet`` (a text conversion record)
    or ``jsonl`` (one object of an export). ``meta`` holds what the container already knows
    (JSONL title/date/url, WARC target URI, HTTP charset).
    """

    doc_id: str
    source: str
    content: bytes | str
    format: str
    content_hash: str
    record_offset: int | None = None
    url: str | None = None
    header_date: date | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # Set by a source that could read the record only partly (truncated WARC, junk bytes).
    skip_reason: str | None = None


# --- extraction ------------------------------------------------------------------------------


@dataclass(slots=True)
class Section:
    """A span of ``Article.text`` and what part of the page it came from."""

    kind: str  # "paragraph" | "caption"
    start: int
    end: int


@dataclass(slots=True)
class Article:
    """The clean article. ``text`` (body paragraphs, then captions, joined by blank lines)
    is the string every char offset downstream refers to."""

    doc_id: str
    title: str | None = None
    subtitle: str | None = None
    byline: list[str] = field(default_factory=list)
    published: datetime | None = None
    # "minute" | "day" | "month" | "year" | None; "day" when only the header date is known.
    published_precision: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    photo_credits: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    text: str = ""
    sections: list[Section] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def build_text(self) -> None:
        """Lay paragraphs and captions out in ``text`` and record their sections."""
        parts: list[str] = []
        self.sections = []
        pos = 0
        for kind, items in (("paragraph", self.paragraphs), ("caption", self.captions)):
            for item in items:
                if parts:
                    pos += 2
                self.sections.append(Section(kind, pos, pos + len(item)))
                parts.append(item)
                pos += len(item)
        self.text = "\n\n".join(parts)

    def section_at(self, offset: int) -> Section | None:
        for s in self.sections:
            if s.start <= offset < s.end:
                return s
        return None


# --- nlp ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Mention:
    """A span of ``Article.text`` naming something.

    ``label`` is the entity label (PERSON, ORG, GPE, LOC, FAC, NORP, DATE, ACTOR, AGENT...).
    Resolvers fill ``actor_id`` or ``place_id`` when they link the mention.
    """

    start: int
    end: int
    text: str
    label: str
    sentence: int
    actor_id: str | None = None
    place_id: str | None = None
    source: str = "ner"  # "ner" | "kb" | "pattern" | "coref" | ...


# --- resolution ----------------------------------------------------------------------------


@dataclass(slots=True)
class Actor:
    """A canonical actor: a KB entry, a coded agent (country + sector) or a provisional
    actor discovered in text. ``kind`` uses the KB's vocabulary (state, government, military,
    police, armed_group, political_party, igo, ngo, company, media, person, agent...)."""

    actor_id: str
    name: str
    kind: str
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # PLOVER/CAMEO style: GOV, MIL, COP, REB, OPP, IGO, CVL...
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    qid: str | None = None
    provisional: bool = False


@dataclass(slots=True)
class Place:
    """A resolved location. ``precision``: site | city | admin1 | country."""

    place_id: str
    name: str
    kind: str
    lat: float | None
    lon: float | None
    country: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    precision: str = "city"


@dataclass(slots=True)
class TimeSpan:
    """An interval of calendar days with the precision the text gave it.

    ``precision``: minute | day | week | month | year | decade | open. ``value`` is the
    TimeML-style normalised value (``2019-03``, ``2020-W06``, ``P2D``...)."""

    start: date | None
    end: date | None
    precision: str
    value: str | None = None

    def contains(self, other: TimeSpan) -> bool:
        return bool(self.start and self.end and other.start and other.end
                    and self.start <= other.start and other.end <= self.end)


@dataclass(slots=True)
class TimeMention:
    """A temporal expression in ``Article.text`` and its normalised span."""

    start: int
    end: int
    text: str
    sentence: int
    kind: str  # DATE | TIME | DURATION | SET (TimeML types)
    span: TimeSpan


@dataclass(slots=True)
class Relation:
    relation_id: str
    doc_id: str
    subject_id: str
    predicate: str  # leader_of, member_of, part_of, spokesperson_of, ...
    object_id: str
    evidence: str
    evidence_start: int
    evidence_end: int
    confidence: float = 1.0


@dataclass(slots=True)
class Event:
    """Who did what to whom, where and when, with the sentence that says so.

    ``modality``: asserted | negated | hypothetical | intended | claimed | historical.
    ``time_source`` / ``place_source`` say whether the value is the event's own
    ("text") or a fallback ("publication", "article_country"); ``source_basis`` /
    ``target_basis`` the same for the roles ("text", or "place" where inferred)."""

    event_id: str
    doc_id: str
    event_type: str  # PLOVER type, e.g. ASSAULT
    mode: str | None
    source_actor_id: str | None
    target_actor_id: str | None
    source_text: str | None
    target_text: str | None
    trigger: str
    modality: str
    evidence: str  # the evidence sentence
    evidence_start: int
    evidence_end: int
    time: TimeSpan | None = None
    time_source: str | None = None
    place_id: str | None = None
    place_source: str | None = None
    confidence: float = 0.5
    # "text": the sentence names the role's actor; "place": inferred from where the event
    # happened (:mod:`eventwire.events.implicit`); None: no actor.
    source_basis: str | None = None
    target_basis: str | None = None


@dataclass(slots=True)
class Skip:
    doc_id: str
    stage: str
    reason: str


@dataclass(slots=True)
class DocResult:
    """Everything the pipeline learned from one document; the unit a store writes."""

    document: Document
    article: Article | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    times: list[TimeMention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    # Transient, never stored or pickled: the spaCy Doc of ``article.text``.
    spacy_doc: Any = None

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    def skip(self, stage: str, reason: str) -> None:
        self.skips.append(Skip(self.doc_id, stage, reason))

    def skipped(self, stage: str | None = None) -> bool:
        return any(stage is None or s.stage == stage for s in self.skips)

    def sentence_of(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None


def to_dict(obj: Any) -> dict[str, Any]:
    """A JSON-ready dict of a model object (dates as ISO strings)."""

    def conv(v: Any) -> Any:
        if isinstance(v, (date, datetime)):
            return v.isoformat()
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [conv(x) for x in v]
        if isinstance(v, bytes):
            return None
        return v

    return conv(asdict(obj))
