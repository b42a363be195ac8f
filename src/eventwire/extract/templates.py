"""Site templates: lines that recur across several pages of one site are its boilerplate.

A site prints the same nav rows, promos and footer on every page; one page alone cannot tell
them from prose, but a few pages side by side can. :func:`learn_site_boilerplate` is pure
(pages in, normalised lines out); the caller keeps the set per site and passes it to the
text extractor (``extract_article(doc, boilerplate=...)``), which then never keeps those
lines as body. Bylines, datelines and the like keep their labels: an author's byline recurs
across a site's pages and is still the byline.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from .fields import clean_line

# A line is template when it is on at least this share of the site's pages (and two pages).
MIN_SHARE = 0.5
MIN_PAGES = 2
# Shorter lines ("Home", "News") are left to the line classifier: they carry too little to
# be sure and cost nothing when kept out by the classifier anyway.
MIN_CHARS = 4
_DIGITS = re.compile(r"\d+")


def normalise_line(line: str) -> str:
    """The key a line is compared by: whitespace collapsed, lower case, digit runs as 0
    (so "© 2022" and "© 2023", or "3 comments" and "5 comments", match)."""
    return _DIGITS.sub("0", clean_line(line).lower())


def learn_site_boilerplate(pages: Iterable[str], min_share: float = MIN_SHARE) -> set[str]:
    """Normalised lines that recur on at least ``min_share`` of one site's pages (and on two
    pages at least). Empty for fewer than two pages."""
    counts: Counter[str] = Counter()
    n = 0
    for text in pages:
        n += 1
        counts.update({k for k in map(normalise_line, text.splitlines()) if len(k) >= MIN_CHARS})
    if n < MIN_PAGES:
        return set()
    need = max(MIN_PAGES, math.ceil(min_share * n))
    return {line for line, c in counts.items() if c >= need}
