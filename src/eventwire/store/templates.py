"""Site templates across documents: lines that recur on a site's pages are its boilerplate.

This is cross-document work, so it lives in the store layer, never inside a per-document stage:
the store counts, per site, on how many pages each normalised line appears; before a batch is
processed the runner reads each site's template lines and hands them to extraction inside the
Document (``meta["site_boilerplate"]``), so the per-document pipeline stays a pure function of
its input. A template line is one on at least half of the site's stored pages, and on two pages
at least (:mod:`eventwire.extract.templates` defines the rule and the line normalisation).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..extract.templates import MIN_CHARS, MIN_PAGES, MIN_SHARE, normalise_line
from ..model import Document, stable_id

# Only text pages carry lines a template can match; HTML goes through trafilatura's DOM rules.
TEXT_FORMATS = {"text-dump", "text", "wet"}
# Very long lines are prose, never template; keep the table small.
MAX_LINE_CHARS = 300


def site_key(doc: Document) -> str | None:
    """Which site a text page belongs to: its URL's host, else (for a dump with no URL) its
    first line, which on a dumped page is the site's navigation bar."""
    if doc.format not in TEXT_FORMATS or not isinstance(doc.content, str):
        return None
    if doc.url:
        host = urlsplit(doc.url).hostname or ""
        return host.removeprefix("www.") or None
    for line in doc.content.splitlines():
        key = normalise_line(line)
        if len(key) >= MIN_CHARS:
            return "first-line:" + stable_id(key[:200])
    return None


def page_lines(doc: Document) -> set[str]:
    """The normalised lines of a text page that could be template lines."""
    if not isinstance(doc.content, str):
        return set()
    keys = (normalise_line(line) for line in doc.content.splitlines())
    return {k for k in keys if MIN_CHARS <= len(k) <= MAX_LINE_CHARS}


def template_lines(con, sites: Iterable[str]) -> dict[str, frozenset[str]]:
    """Each site's current template lines (sites with none are left out)."""
    sites = sorted(set(sites))
    if not sites:
        return {}
    pages = dict(con.execute(
        "SELECT site, count(*) FROM site_pages WHERE site IN (SELECT unnest(?)) GROUP BY site",
        [sites]).fetchall())
    out: dict[str, frozenset[str]] = {}
    for site, n in pages.items():
        if n < MIN_PAGES:
            continue
        need = max(MIN_PAGES, math.ceil(MIN_SHARE * n))
        lines = [r[0] for r in con.execute(
            "SELECT line FROM site_lines WHERE site = ? AND pages >= ?", [site, need]).fetchall()]
        if lines:
            out[site] = frozenset(lines)
    return out


def template_rows(docs: Iterable[Document]) -> tuple[list[tuple], list[tuple]]:
    """(site_pages rows, site_lines rows with a count of 1 per page) for new documents."""
    page_rows, line_rows = [], []
    for doc in docs:
        site = site_key(doc)
        if site is None or doc.skip_reason:
            continue
        page_rows.append((site, doc.doc_id))
        line_rows.extend((site, line, 1) for line in sorted(page_lines(doc)))
    return page_rows, line_rows
