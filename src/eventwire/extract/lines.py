"""The line classifier for text dumps: every line of a page gets one label.

Three replaceable parts, so a trained model can take the place of the hand-set rules:

* :func:`line_features` - one feature dict per line, from the line itself, its neighbours
  and the page (length, punctuation, stopwords, case, repeats, patterns).
* :class:`RuleScorer` - scores how likely each line is article prose; anything with a
  ``score(features) -> list[float]`` method can replace it.
* :func:`label_lines` - picks the main prose block with those scores and gives every line
  its role (title, subtitle, byline, dateline, caption, photo_credit, body, tags, boilerplate).

Runs in time linear in the page's size.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .fields import (
    clean_line,
    is_dateline,
    parse_byline,
    parse_tags_line,
    photo_credit_of,
    split_photo_credit,
)

LABELS = ("title", "subtitle", "byline", "dateline", "caption", "photo_credit", "body", "tags",
          "boilerplate")

# A line longer than this is minified script or a flattened page, not a paragraph.
MAX_LINE_CHARS = 20_000

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_END_SENTENCE = re.compile(r"[.!?…。！？]['\"”’»)\]]*$")
_BOILERPLATE = re.compile(
    r"\b(?:subscribe|subscription|sign ?in|sign ?up|log ?in|log ?out|newsletter|advertisement|"
    r"advertise|sponsored|cookies?|privacy|terms of (?:use|service|sale)|all rights reserved|"
    r"copyright|©|skip to|follow us|share (?:this|on)|read more|most (?:read|popular|viewed)|"
    r"related (?:articles|stories|news)|recommended|click here|comments?|leave a reply|"
    r"back to top|you may also like|trending|watch:|continue reading|loading|javascript|"
    r"download (?:the|our) app|whatsapp|facebook|twitter|instagram|linkedin|youtube|"
    r"reprints?|permissions|contact us|about us|terms and conditions)\b",
    re.IGNORECASE,
)
# Legal and consent text is prose-like but never the article.
_LEGAL = re.compile(
    r"(?:©|\bcopyright\b|all rights reserved|\bcookies?\b|this (?:web)?site|trademarks? of|"
    r"terms of (?:use|service)|privacy (?:policy|notice)|\bunsubscribe\b|"
    r"(?:may|might) (?:earn|receive) (?:a )?(?:commission|compensation)|affiliate links?)",
    re.IGNORECASE,
)
# Short headers that open the page furniture after an article: the body never runs past one.
_END_MARKER = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|discussion|join the (?:conversation|discussion)|"
    r"(?:top|best|newest|oldest)(?: rated)? comments|add (?:a|your) comment|"
    r"leave a (?:reply|comment)|post a comment|related(?: articles| stories| posts| news| content| "
    r"coverage| topics| links)?|more (?:from|on|in|stories|news|articles|like this)\b.*|"
    r"recommended(?: for you| stories| articles)?|you (?:may|might) (?:also )?(?:like|enjoy)|"
    r"read (?:next|more|this next)|most (?:read|popular|viewed|shared|commented)|trending(?: now)?|"
    r"popular(?: stories| posts| now)?|latest(?: news| stories| posts)?|top stories|"
    r"about the author|share this(?: article| story| post)?|sponsored(?: content| stories)?|"
    r"editor'?s picks|what to read next|also read|see also|further reading)\s*[:.!]?$",
    re.IGNORECASE,
)
# The furniture of a comment thread: vote counts, "2 days ago at 07:54 am", "Reply". An
# article's body ends before the first of them.
_COMMENT_META = re.compile(
    r"^(?:reply|report(?: abuse)?|permalink|upvote|downvote)(?:\s+\d+)?$|"
    r"\b(?:rating|score):\s*-?\d+\s+votes?\b|^-?\d+\s+(?:votes?|points?|likes?|replies)$|"
    r"\b\d+\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b",
    re.IGNORECASE,
)
# The signature under an embedded social post: "— Name (@handle) November 18, 2019", or a
# post's own media link. The gold of article benchmarks keeps embedded posts as body.
_EMBED_SIGNATURE = re.compile(
    r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s*(?:\w+\.? \d{1,2}, \d{4}|\d{1,2} \w+\.? \d{4})$|"
    r"\bpic\.twitter\.com/\w+|\bhttps?://t\.co/\w+",
)
# A link to another story set inside the article: "Read more: ...", "Related: ...",
# "SEE MORE: ...", "Also on example.com ...". None of the 9 such lines in aeb-text dev is body.
_INLINE_TEASER = re.compile(
    r"^(?:related|read more|see more|see also|also read|read also|read next|more|watch|listen|"
    r"must read|don't miss|more from [\w .]{1,40})\s*[:|»>\-–—]\s*\w|"
    r"^also on [\w-]+(?:\.[\w-]+)+\s",
    re.IGNORECASE,
)
# A slot label standing alone on its line: "Advertisement", "Close", "Story continues below".
# All 65 such lines in aeb-text dev are boilerplate.
_SLOT_LABEL = re.compile(
    r"^(?:advert(?:isement)?s?|ad|sponsored(?: content)?|promoted|close|skip ad|"
    r"(?:story|article) continues below(?: (?:this )?advertisement)?|continue reading below)"
    r"\s*[.:]?$",
    re.IGNORECASE,
)
_LIST_MARKER = re.compile(r"^(?:\d{1,2}[.)]?\s|[•·▪►»›*\-–]\s)")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    # spaCy's lists cover the languages a news crawl meets most; loading them is cheap.
    from spacy.lang.de.stop_words import STOP_WORDS as DE
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.es.stop_words import STOP_WORDS as ES
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    return frozenset(EN | ES | FR | DE)


@dataclass(slots=True)
class Line:
    """One non-blank line of the page, as the classifier sees it."""

    index: int  # position in the page's line list (blank lines included)
    text: str
    features: dict[str, float] = field(default_factory=dict)
    label: str = "boilerplate"
    credit: str | None = None  # the photo credit a caption or credit line carries


def split_page(text: str) -> tuple[list[str], list[Line]]:
    """The page's raw lines and its non-blank lines, whitespace-normalised."""
    raw = text.splitlines()
    lines = []
    for i, r in enumerate(raw):
        t = clean_line(r) if len(r) <= MAX_LINE_CHARS else r.strip()
        if t:
            lines.append(Line(i, t))
    return raw, lines


# --- features ----------------------------------------------------------------------------------


def line_features(lines: list[Line], raw: list[str]) -> None:
    """Fill ``line.features`` for every line: its own traits, then its neighbours'."""
    repeats = Counter(_key(ln.text) for ln in lines)
    stops = stopwords()
    n = len(lines)
    for pos, ln in enumerate(lines):
        ln.features = _own_features(ln.text, stops)
        f = ln.features
        f["repeats"] = repeats[_key(ln.text)] - 1
        f["position"] = pos / max(1, n - 1)
        f["blank_before"] = float(ln.index > 0 and not raw[ln.index - 1].strip())
        f["blank_after"] = float(ln.index + 1 < len(raw) and not raw[ln.index + 1].strip())
    for pos, ln in enumerate(lines):
        prev = lines[pos - 1].features if pos > 0 else None
        nxt = lines[pos + 1].features if pos + 1 < n else None
        ln.features["prev_words"] = prev["words"] if prev else 0.0
        ln.features["next_words"] = nxt["words"] if nxt else 0.0
        ln.features["prev_sentence"] = prev["end_sentence"] if prev else 0.0
        ln.features["next_sentence"] = nxt["end_sentence"] if nxt else 0.0


def _key(text: str) -> str:
    return text.lower()


def _own_features(text: str, stops: frozenset[str]) -> dict[str, float]:
    if len(text) > MAX_LINE_CHARS:
        return {"words": 0.0, "overlong": 1.0, "chars": float(len(text)), "end_sentence": 0.0,
                "stop_ratio": 0.0, "cap_ratio": 0.0, "upper_ratio": 0.0, "boilerplate": 0.0,
                "legal": 0.0, "end_marker": 0.0, "list_marker": 0.0, "sentences": 0.0,
                "digit_ratio": 0.0, "pipes": 0.0, "comment_meta": 0.0,
                "embed_signature": 0.0, "inline_teaser": 0.0, "slot_label": 0.0}
    words = _WORD.findall(text)
    nw = len(words)
    letters = sum(map(str.isalpha, text))
    alpha_words = [w for w in words if w[0].isalpha()]
    return {
        "words": float(nw),
        "overlong": 0.0,
        "chars": float(len(text)),
        # The line's tail is enough for an end-anchored pattern (a search over the whole of a
        # long line is what costs); the length test before the regex, for the same reason.
        "end_sentence": float(bool(_END_SENTENCE.search(text[-16:]))),
        "stop_ratio": sum(w.lower() in stops for w in words) / nw if nw else 0.0,
        "cap_ratio": (sum(w[0].isupper() for w in alpha_words) / len(alpha_words)
                      if alpha_words else 0.0),
        "upper_ratio": sum(map(str.isupper, text)) / letters if letters else 0.0,
        "boilerplate": float(nw <= 25 and bool(_BOILERPLATE.search(text))),
        "legal": float(bool(_LEGAL.search(text))),
        "end_marker": float(nw <= 8 and bool(_END_MARKER.match(text))),
        "list_marker": float(bool(_LIST_MARKER.match(text))),
        "sentences": float(len(re.findall(r"[.!?][\"”’)]?\s+[A-Z“\"]", text))),
        "digit_ratio": sum(map(str.isdigit, text)) / len(text),
        "pipes": float(text.count("|") + text.count("•") + text.count(" · ")),
        "comment_meta": float(nw <= 12 and bool(_COMMENT_META.search(text))),
        # Substring checks first: a regex search over every line costs ~3% of the page time.
        "embed_signature": float(("(@" in text or "t.co/" in text or "twitter.com/" in text)
                                 and bool(_EMBED_SIGNATURE.search(text))),
        "inline_teaser": float(nw <= 30 and bool(_INLINE_TEASER.match(text))),
        "slot_label": float(nw <= 6 and bool(_SLOT_LABEL.match(text))),
    }


# --- scoring -----------------------------------------------------------------------------------


class RuleScorer:
    """Hand-set weights over the features: the probability-like score that a line is prose.

    Tuned on the dev half of aeb-text; a trained model with the same ``score`` method can
    replace it (issue 3)."""

    def score(self, lines: list[Line]) -> list[float]:
        return [self._score(ln.features) for ln in lines]

    @staticmethod
    def _score(f: dict[str, float]) -> float:
        if f["overlong"]:
            return 0.0
        words = f["words"]
        z = -2.2
        z += 1.6 * min(words, 40) / 40 + 1.0 * min(words, 12) / 12
        z += 1.6 * f["end_sentence"]
        z += 3.0 * min(f["stop_ratio"], 0.45)
        z -= 1.6 * max(0.0, f["cap_ratio"] - 0.55) / 0.45 * (words < 20)
        z -= 1.2 * (f["upper_ratio"] > 0.7 and words > 2)
        z -= 2.0 * f["boilerplate"]
        z -= 2.5 * f["legal"]
        z -= 1.0 * min(f["repeats"], 2)
        z -= 0.8 * f["list_marker"] * (words < 15)
        z -= 1.5 * min(f["pipes"], 2)
        z -= 2.0 * max(0.0, f["digit_ratio"] - 0.2)
        z += 0.3 * min(f["sentences"], 3)
        # Neighbours: prose sits among prose.
        z += 0.25 * (f["prev_sentence"] + f["next_sentence"])
        return 1.0 / (1.0 + math.exp(-z))


# --- labelling ---------------------------------------------------------------------------------

BODY_THRESHOLD = 0.5
# Lines inside the main block that score at least this are kept (short subheads, quotes).
INSIDE_THRESHOLD = 0.3
# How far before the body the headline and its metadata may sit (non-blank lines).
HEADER_WINDOW = 25
# Cost of crossing a line like "Most Read" or "Comments" inside the main block.
BARRIER = 8.0


def label_lines(lines: list[Line], scorer: RuleScorer | None = None) -> list[Line]:
    """Give every line its label; returns the same list."""
    if not lines:
        return lines
    scores = (scorer or RuleScorer()).score(lines)
    _mark_captions(lines)
    _mark_bylines_and_datelines(lines)
    start, end = _main_block(lines, scores)
    if start is None:
        return lines
    for pos in range(start, end + 1):
        ln = lines[pos]
        if ln.label != "boilerplate":
            continue
        if scores[pos] >= INSIDE_THRESHOLD and not ln.features["boilerplate"]:
            ln.label = "body"
    _trim_block_edges(lines, start, end)
    _label_tags(lines, end)
    _label_header(lines, start)
    _unlabel_far_metadata(lines, start, end)
    return lines


def _mark_captions(lines: list[Line]) -> None:
    """Captions: a line carrying "(photo credit: X)", a bare credit line, and a line the page
    prints twice (as is, or once with its credit appended)."""
    bare_of: dict[str, int] = {}
    for pos, ln in enumerate(lines):
        caption, credit = split_photo_credit(ln.text)
        if credit and not caption:
            ln.label, ln.credit = "photo_credit", credit
            continue
        if credit:
            ln.label, ln.credit = "caption", credit
            bare_of.setdefault(caption.lower(), pos)
            ln.features["caption_text"] = 1.0
            continue
        credit = photo_credit_of(ln.text)
        if credit and ln.features["words"] <= 15:
            ln.label, ln.credit = "photo_credit", credit
    for pos, ln in enumerate(lines):
        if ln.label == "boilerplate" and ln.text.lower() in bare_of and ln.features["words"] >= 4:
            ln.label = "caption"
    # A sentence-like line printed twice next to each other is a caption shown with its photo.
    for pos in range(len(lines) - 1):
        a, b = lines[pos], lines[pos + 1]
        if (a.text == b.text and a.features["words"] >= 6 and a.label == "boilerplate"
                and b.label == "boilerplate"):
            a.label = b.label = "caption"


def _mark_bylines_and_datelines(lines: list[Line]) -> None:
    for ln in lines:
        if ln.label != "boilerplate" or ln.features["words"] > 12:
            continue
        if parse_byline(ln.text):
            ln.label = "byline"
        elif is_dateline(ln.text):
            ln.label = "dateline"


def _main_block(lines: list[Line], scores: list[float]) -> tuple[int | None, int]:
    """The span of lines with the largest total prose evidence (maximum-sum subarray):
    prose lines add by their length, other lines subtract, captions are neutral."""
    best, best_span = 0.0, (None, -1)
    run, run_start = 0.0, 0
    for pos, (ln, s) in enumerate(zip(lines, scores)):
        if ln.label in ("caption", "photo_credit"):
            gain = 0.0
        elif ln.features["end_marker"]:
            gain = -BARRIER
        elif ln.label in ("byline", "dateline"):
            # The article's header sits above its body, never inside it.
            gain = -BARRIER / 2
        else:
            weight = 1.0 + math.log1p(ln.features["words"])
            gain = (s - BODY_THRESHOLD) * weight
        if run <= 0:
            run, run_start = gain, pos
        else:
            run += gain
        if run > best:
            best, best_span = run, (run_start, pos)
    start, end = best_span
    if start is None:
        return None, -1
    return start, end


def _trim_block_edges(lines: list[Line], start: int, end: int) -> None:
    """A body never starts or ends on a short line without sentence punctuation."""
    body = [p for p in range(start, end + 1) if lines[p].label == "body"]
    for seq in (body, list(reversed(body))):
        for p in seq:
            f = lines[p].features
            if f["end_sentence"] or f["words"] >= 12:
                break
            lines[p].label = "boilerplate"


def _label_tags(lines: list[Line], end: int) -> None:
    for pos in range(end + 1, min(len(lines), end + 8)):
        if parse_tags_line(lines[pos].text) is not None:
            lines[pos].label = "tags"
            return


def _label_header(lines: list[Line], start: int) -> None:
    """Byline, dateline, subtitle and title: the lines just before the body."""
    first_body = next((p for p in range(start, len(lines)) if lines[p].label == "body"), start)
    lo = max(0, first_body - HEADER_WINDOW)
    window = range(first_body - 1, lo - 1, -1)
    meta = [p for p in window if lines[p].label in ("byline", "dateline", "caption",
                                                    "photo_credit")]
    # The headline sits above the topmost metadata line of the header (or above the body).
    top = min(meta) if meta else first_body
    candidates = [p for p in range(top - 1, lo - 1, -1) if lines[p].label == "boilerplate"]
    title = subtitle = None
    for p in candidates[:6]:
        f = lines[p].features
        if (f["boilerplate"] or f.get("template") or f["words"] < 3 or f["words"] > 40
                or f["list_marker"]):
            continue
        if f["end_sentence"] and f["words"] >= 6 and subtitle is None and title is None:
            subtitle = p
            continue
        if _headline_like(f):
            title = p
            break
    if title is None and subtitle is not None:
        title, subtitle = subtitle, None
    if title is not None:
        lines[title].label = "title"
        if subtitle is not None:
            lines[subtitle].label = "subtitle"


def _unlabel_far_metadata(lines: list[Line], start: int, end: int) -> None:
    """Bylines and datelines far from the article belong to teasers of other articles."""
    lo = max(0, start - HEADER_WINDOW)
    for pos, ln in enumerate(lines):
        if ln.label in ("byline", "dateline") and not lo <= pos <= end:
            ln.label = "boilerplate"


def _headline_like(f: dict[str, float]) -> bool:
    # Nav rows are all capitalised words with no function words; headlines have some, or
    # are in sentence case ("Storm damages power lines").
    return (f["words"] >= 3 and not f["pipes"]
            and (f["stop_ratio"] > 0.0 or f["words"] >= 6 or f["cap_ratio"] < 0.5))
