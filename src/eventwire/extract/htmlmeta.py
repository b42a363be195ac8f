"""trafilatura's XPath searches made cheap, with the same results.

trafilatura tests class and id values with EXSLT regular expressions (``re:test``), which
lxml runs as a Python call for every element tested, and filters tags with chains of
``self::`` tests, for which libxml2 builds a node-set each. The remedies here:

* its author, category and tag searches over the page body: written by hand with
  ``contains()``/``starts-with()``, and the three author searches as one Python walk over
  the page (:func:`author_candidates`), the candidates then going through trafilatura's own
  selection and clean-up (``normalize_authors``, ``line_processing``). Written from
  ``trafilatura.xpaths`` 2.3 (AUTHOR_XPATHS, AUTHOR_DISCARD_XPATHS);
* the pruning and content-area expressions it runs on every page: Python walks over
  lxml's tag-filtered iterator (:data:`_PYTHON_SEARCHES`, each tied to one expression's
  exact text), and the link, meta and JSON-LD searches here likewise;
* every other expression its extraction modules hold: rewritten mechanically from the
  expression's own text (:func:`c_level_xpath`); both kinds are swapped in only while
  eventwire runs trafilatura (:func:`c_level_trafilatura`).

tests/test_extract.py and tests/test_extract_html.py check the results against
trafilatura's own expressions.

Attribution: the class/id patterns and tag lists in the hand-written searches below restate,
as Python regular expressions, the selectors of trafilatura 2.3.1 (``trafilatura/xpaths.py``,
Copyright Adrien Barbaresi and contributors, Apache License 2.0), because they must select
exactly what trafilatura selects. They are that project's selector data, not ours; a change
of trafilatura version switches the hand-written searches off (each is tied to its
expression's hash) and they must be re-derived, not edited by taste.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from contextlib import contextmanager
from copy import deepcopy
from functools import lru_cache

from lxml import etree
from lxml.etree import XPath


def _any_of(attr: str, literals: list[str], anchored: tuple[str, ...] = ()) -> str:
    """``re:test(@attr, 'a|b|^c')`` as XPath 1.0: ``contains`` for each literal,
    ``starts-with`` for the anchored ones."""
    tests = [f"contains(@{attr}, '{s}')" for s in literals]
    tests += [f"starts-with(@{attr}, '{s}')" for s in anchored]
    return " or ".join(tests)


_DISCARD_TAGS = "self::a or self::div or self::section or self::span"


@lru_cache(maxsize=1)
def _discard_condition() -> str:
    """The predicate of trafilatura's author discard XPath (comment lists, sidebars, dates)."""
    return f"""
        @id='comments' or @class='comments' or @class='title' or @class='date' or
        {_any_of("id", ["commentlist", "comment-list", "ProductReviews"], ("comments",))} or
        {_any_of("class", ["commentlist", "comments-list", "sidebar", "is-hidden", "quote",
                           "embedly-instagram", "article-share", "article-support", "print",
                           "category", "meta-date", "meta-reviewer"],
                 ("Comments", "comments"))} or
        contains(@data-component, 'Figure')"""


@lru_cache(maxsize=1)
def author_xpaths() -> list[XPath]:
    """trafilatura's author discard XPaths without ``re:test``."""
    return [XPath(f".//*[{_DISCARD_TAGS}][{_discard_condition()}]"), XPath("//time|//figure")]


# trafilatura's three author searches (AUTHOR_XPATHS), most specific first, as tests on one
# element's tag and attributes: one walk over the page classifies every element, where the
# three XPaths walked it three times with some twenty string tests an element (3.4 ms of
# XPath on the aeb dev pages with no author in their head; the walk takes a tenth of that).
_SPECIFIC_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_SPECIFIC_CLASS = re.compile("author-?name|AuthorName|authorName")
_SPECIFIC_TESTIDS = frozenset({"AuthorCard", "AuthorURL"})
_GENERIC_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_GENERIC_CLASSES = frozenset({"byline", "username", "byl", "BBL"})
_GENERIC_ID = re.compile("author|zuozhe|bianji|xiaobian")
_GENERIC_CLASS = re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by"
                            "|journalist-name")
_ANY_ID = re.compile("[Aa]uthor")
_ANY_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
# What any of the tests below needs in a class or id: most elements with attributes carry
# none of it and are passed over after one search each (the walk 0.75 -> 0.5 ms on the 33
# aeb dev pages it runs on).
_CLASS_HINT = re.compile("[Aa]uthor|screenname|writer|[Bb]yline|channel-name|zuozhe|bianji"
                         "|xiaobian|submitted-by|posted-by|journalist-name|username|byl|BBL")
_ID_HINT = re.compile("[Aa]uthor|zuozhe|bianji|xiaobian")


def _author_level(elem, rel_children: bool) -> int | None:
    """Which of trafilatura's author searches (0, 1, 2) first finds this element, if any."""
    tag = elem.tag
    if tag == "author":
        return 0
    attrib = elem.attrib
    if not attrib or not _may_name_author(attrib):
        # most elements: only a rel child could make one a candidate
        return 0 if rel_children and tag in _SPECIFIC_TAGS and _has_rel_me(elem) else None
    get = elem.get
    cls, ident, itemprop = get("class") or "", get("id") or "", get("itemprop") or ""
    if tag in _SPECIFIC_TAGS and (
            get("rel") == "author" or ident == "author" or cls == "author"
            or itemprop == "author name" or get("data-testid") in _SPECIFIC_TESTIDS
            or _SPECIFIC_CLASS.search(cls)
            # trafilatura's "rel='me'" compares child elements named rel, not the attribute
            or (rel_children and _has_rel_me(elem))):
        return 0
    if tag in _GENERIC_TAGS and (cls in _GENERIC_CLASSES or "author" in itemprop
                                 or _GENERIC_ID.search(ident) or _GENERIC_CLASS.search(cls)):
        return 1
    if ("Byline" in (get("data-component") or "") or "author" in itemprop
            or _ANY_ID.search(ident) or _ANY_CLASS.search(cls)):
        return 2
    return None


def _may_name_author(attrib) -> bool:
    """Whether the attributes hold anything one of the author tests looks for."""
    cls, ident = attrib.get("class"), attrib.get("id")
    return bool((cls and _CLASS_HINT.search(cls)) or (ident and _ID_HINT.search(ident))
                or "itemprop" in attrib or "rel" in attrib or "data-testid" in attrib
                or "data-component" in attrib)


def _has_rel_me(elem) -> bool:
    return any(child.text_content() == "me" for child in elem.iterchildren("rel"))


def author_candidates(tree) -> list[list]:
    """The elements each of trafilatura's three author searches finds, in page order (an
    element found by an earlier search is left out of the later ones: it fares the same)."""
    levels: list[list] = [[], [], []]
    rel_children = tree.find(".//rel") is not None
    for elem in tree.iter(tag=etree.Element):
        level = _author_level(elem, rel_children)
        if level is not None:
            levels[level].append(elem)
    return levels


@lru_cache(maxsize=1)
def _discard_checks() -> tuple[XPath, XPath]:
    """(inside, holds): whether a candidate lies in a discarded element (its ancestors or
    itself), and whether it holds one (its descendants)."""
    cond = _discard_condition()
    inside = XPath(f"boolean(ancestor-or-self::*[{_DISCARD_TAGS}][{cond}][ancestor::*]"
                   "|ancestor-or-self::time|ancestor-or-self::figure)")
    holds = XPath(f"boolean(.//*[{_DISCARD_TAGS}][{cond}]|.//time|.//figure)")
    return inside, holds


def extract_author(tree) -> str | None:
    """The author the page body names (trafilatura's ``extract_author``, same result).

    trafilatura prunes a copy of the whole page of its discard sections and then searches
    it. The same answer comes from searching the page itself and passing over a candidate
    that lies inside a discarded section; only a candidate holding one is copied and pruned
    (its text must lose them). Saves the page copy and the page-wide discard search, 1.9 ms
    of 4 ms a call on aeb dev."""
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.metadata import normalize_authors
    from trafilatura.utils import trim

    discard = author_xpaths()
    inside, holds = _discard_checks()
    for candidates in author_candidates(tree):
        for elem in candidates:
            if inside(elem):
                continue
            if holds(elem):
                elem = prune_unwanted_nodes(deepcopy(elem), discard)
            content = trim(" ".join(elem.itertext()))
            if content and 2 < len(content) < 120:  # trafilatura's extract_metainfo bounds
                return normalize_authors(None, content)
    return None


# trafilatura keeps a link found by its category/tag XPaths only when its href holds
# "/categor(y|ies|s)/" or "/tag(s)/".
_LINK_NEEDLE = {"category": "/categor", "tag": "/tag"}
_SECTION_META = ('.//head//meta[@property="article:section" or contains(@name, "subject")]'
                 '[@content]')


def extract_catstags(kind: str, tree) -> list[str]:
    """Categories (``kind="category"``) or tags of the page (trafilatura's
    ``extract_catstags``, same result); see :func:`extract_categories_and_tags`."""
    needle = _LINK_NEEDLE[kind]
    return _catstags(kind, tree, [a for a in _kind_links(tree) if needle in a.attrib["href"]])


def extract_categories_and_tags(tree) -> tuple[list[str], list[str]]:
    """The page's categories and tags (trafilatura's ``extract_catstags`` for each kind,
    same results).

    trafilatura runs each of its expressions (``//div[...]//a[@href]``: the links inside a
    category or tag block) over the whole page and keeps the links whose href names the
    kind. Here those links are found first, both kinds in one C-level search, and each
    expression becomes a test of a link's ancestors (``ancestor::div[...]``): most pages
    have no such link, the rest a few (aeb dev: 0.5 -> 0.35 ms a page)."""
    links = _kind_links(tree)
    return tuple(_catstags(kind, tree, [a for a in links if needle in a.attrib["href"]])
                 for kind, needle in _LINK_NEEDLE.items())


def _catstags(kind: str, tree, links: list) -> list[str]:
    from trafilatura.baseline import block_text
    from trafilatura.utils import line_processing

    checks = _link_context_checks(kind) if links else None
    if links and checks is None:  # an expression of another form: trafilatura's own way
        from trafilatura import metadata as tm

        return tm.extract_catstags(kind, tree)
    href = re.compile("/" + kind.rstrip("y") + "(?:y|ies|s)?/")  # trafilatura's href test
    links = [a for a in links if href.search(a.attrib["href"])]
    for check in checks or []:
        found = [block_text(a) for a in links if check(a)]
        if found:
            return [r for r in dict.fromkeys(line_processing(x) for x in found if x) if r]
    if kind != "category":
        return []
    # trafilatura's fallback for categories: the head's section meta tags.
    found = [e.attrib["content"] for e in _section_metas(tree)]
    return [r for r in dict.fromkeys(line_processing(x) for x in found if x) if r]


def _kind_links(tree) -> list:
    """``//a[@href][contains(@href, "/categor") or contains(@href, "/tag")]``, the links that
    may name a category or tag, by lxml's tag iterator: libxml2 took 0.17 ms a page for the
    expression on aeb dev, the iterator a fifth of that."""
    root = tree.getroottree().getroot()  # '//' searches the whole document
    needles = tuple(_LINK_NEEDLE.values())
    return [a for a in root.iter("a")
            if (href := a.get("href")) is not None and any(n in href for n in needles)]


def _section_metas(tree) -> list:
    """``.//head//meta[@property="article:section" or contains(@name, "subject")][@content]``
    (trafilatura's category fallback) by lxml's tag iterator: 0.12 ms a page as XPath."""
    return [m for m in tree.iter("meta")
            if "content" in m.attrib
            and (m.get("property") == "article:section" or "subject" in (m.get("name") or ""))
            and _inside_head(m, tree)]


def _inside_head(elem, top) -> bool:
    """Whether a ``head`` lies between ``elem`` and ``top`` (``top`` excluded)."""
    for ancestor in elem.iterancestors():
        if ancestor is top:
            return False
        if ancestor.tag == "head":
            return True
    return False


_LINKS_INSIDE = re.compile(r"\s*//(.+)//a\[@href\]\s*", re.S)
_POSITIONAL = re.compile(r"\[\s*\d+\s*\]|position\(\)|last\(\)")


@lru_cache(maxsize=2)
def _link_context_checks(kind: str) -> list[XPath] | None:
    """trafilatura's category (tag) expressions, ``//STEP//a[@href]`` each, as tests of one
    link: ``boolean(ancestor::STEP)``; ``None`` when one has another form."""
    from trafilatura.xpaths import CATEGORIES_XPATHS, TAGS_XPATHS

    checks = []
    for expression in CATEGORIES_XPATHS if kind == "category" else TAGS_XPATHS:
        match = _LINKS_INSIDE.fullmatch(c_level_xpath(expression).path)
        if not match or _POSITIONAL.search(match.group(1)) or not _one_step(match.group(1)):
            return None
        checks.append(XPath(f"boolean(ancestor::{match.group(1)})",
                            namespaces={"re": EXSLT_REGEXP}))
    return checks


def _one_step(step: str) -> bool:
    """Whether an XPath text is one location step: no '/' or '|' outside its predicates."""
    depth, quote = 0, None
    for ch in step:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif depth == 0 and ch in "/|(":
            return False
    return depth == 0


_JSON_LD = XPath('.//script[@type="application/ld+json" or @type="application/settings+json"]')
_JSON_LD_TYPES = frozenset({"application/ld+json", "application/settings+json"})
_SURROGATES = re.compile("[\ud800-\udfff]")


def _json_ld_scripts(tree) -> list:
    """:data:`_JSON_LD`'s scripts by lxml's tag walk (0.2 ms a page as XPath on aeb dev,
    whose raw pages hold some 440 elements)."""
    return [s for s in tree.iterdescendants("script") if s.get("type") in _JSON_LD_TYPES]


def _normalize_json(text: str) -> str:
    """trafilatura's ``normalize_json``, same result: where the text has escapes, the
    literal \\n, \\r and \\t go, \\uXXXX escapes are decoded, UTF-16 surrogates dropped
    and HTML entities unescaped; then tags are stripped and the text trimmed. trafilatura
    drops the surrogates in a Python loop over every character (0.1 ms a page on aeb dev),
    here a regex does."""
    from html import unescape

    from trafilatura.json_metadata import JSON_UNICODE_REPLACE
    from trafilatura.utils import HTML_STRIP_TAGS, trim

    if "\\" in text:
        text = text.replace("\\n", "").replace("\\r", "").replace("\\t", "")
        text = JSON_UNICODE_REPLACE.sub(lambda m: chr(int(m.group(1), 16)), text)
        text = unescape(_SURROGATES.sub("", text))
    return trim(HTML_STRIP_TAGS.sub("", text))


def read_json_ld(tree, meta):
    """``meta`` with what the page's JSON-LD blocks state (trafilatura's
    ``extract_meta_json``, same result).

    trafilatura strips the whitespace outside string literals with ``re.sub`` and a ``\\1``
    template, which Python 3.11 expands in Python for every literal and every space (0.2 ms
    a page on aeb dev); splitting on the same pattern and joining the pieces gives the same
    text in C. The text then goes through trafilatura's own normalisation and readers."""
    import json

    from trafilatura.json_metadata import extract_json, extract_json_parse_error
    from trafilatura.metadata import JSON_MINIFY

    for elem in _json_ld_scripts(tree):
        if not elem.text:
            continue
        # split() yields the text between matches and each match's literal (None for a
        # space): joining the non-empty pieces is sub(r"\1").
        text = _normalize_json("".join(filter(None, JSON_MINIFY.split(elem.text))))
        try:
            meta = extract_json(json.loads(text, strict=False), meta)
        except json.JSONDecodeError:
            meta = extract_json_parse_error(text, meta)
    return meta


# --- any trafilatura XPath, its regular-expression tests made C-level --------------------------
#
# trafilatura's body extraction runs two dozen expressions with ``re:test`` (its content-area,
# discard and comment XPaths). Each ``re:test(ARG, 'REGEX'[, 'i'])`` is rewritten from the
# regex's parse: when every alternative is a small set of literal spellings (``[-_]``, ``?``,
# ``(?:a|b)``, ``{0,2}``, a leading ``^``) it becomes up to MAX_C_TESTS ``contains`` and
# ``starts-with`` tests on ``ARG``; an alternative that is no such set (``\s``, ``$``, a
# look-ahead) keeps the exact ``re:test``, reached only when a literal it cannot match without
# is there (``contains(ARG, 'bottom') and re:test(...)``). A longer list of spellings keeps its
# one ``re:test``, guarded by ``ARG`` being present when the regex cannot match ''. lxml
# converts a node-set argument of ``re:test`` to the string of its first node, as XPath's own
# string functions do, so the same elements match. Measured on the aeb dev pages, each
# rewritten expression runs in 50-90% of the original's time.

EXSLT_REGEXP = "http://exslt.org/regular-expressions"
_RE_TEST = re.compile(r"re:test\(\s*([^,()']+?)\s*,\s*'([^']*)'\s*(?:,\s*'([^']*)'\s*)?\)")
# More spellings than this and the plain re:test is as cheap.
MAX_SPELLINGS = 24
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# One re:test call costs about what five contains() tests cost (lxml calls Python for it;
# libxml2 re-reads the attribute for each test): beyond four tests the call stays.
MAX_C_TESTS = 4
# Python's case-insensitive matching also folds these onto ASCII letters.
_FOLD_FROM, _FOLD_TO = _UPPER + "\u0130\u0131\u017f\u212a", _UPPER.lower() + "iisk"


class _NotLiteral(Exception):
    """The regex (part) is not a small set of literal spellings."""


def _spellings(items, states):
    """Expand a parsed regex sequence over states ``(anchored, text)``: the literal texts
    (and whether each must start the string) it matches. Raises :class:`_NotLiteral`."""
    from re import _constants as c

    for op, av in items:
        if op is c.LITERAL:
            states = [(a, t + chr(av)) for a, t in states]
        elif op is c.IN and all(kind is c.LITERAL for kind, _ in av):
            states = [(a, t + chr(ch)) for a, t in states for _, ch in av]
        elif op is c.BRANCH:
            states = [s for branch in av[1] for s in _spellings(branch, states)]
        elif op is c.SUBPATTERN and not av[1] and not av[2]:  # a group without inline flags
            states = _spellings(av[3], states)
        elif op is c.MAX_REPEAT and av[1] <= 4:
            lo, hi, sub = av
            grown, out = states, []
            for count in range(hi + 1):
                if count >= lo:
                    out += grown
                if count < hi:
                    grown = _spellings(sub, grown)
            states = out
        elif op is c.AT and av is c.AT_BEGINNING:
            # '^' matches only at the start: a state that already holds text fails there.
            states = [(True, t) for a, t in states if not t]
        else:
            raise _NotLiteral(op)
        if len(states) > MAX_SPELLINGS:
            raise _NotLiteral("too many spellings")
    return states


def _alternatives(items) -> list[list]:
    """A parsed regex sequence as the sequences it alternates between: each top-level
    alternation (bare or in a plain group) distributed over what surrounds it."""
    from re import _constants as c

    for i, (op, av) in enumerate(items):
        if op is c.BRANCH:
            alts = av[1]
        elif (op is c.SUBPATTERN and not av[1] and not av[2] and len(av[3]) == 1
              and av[3][0][0] is c.BRANCH):
            alts = av[3][0][1][1]
        else:
            continue
        out = [seq for alt in alts for seq in _alternatives([*items[:i], *alt, *items[i + 1:]])]
        if len(out) > MAX_SPELLINGS:
            raise _NotLiteral("too many alternatives")
        return out
    return [list(items)]


def _longest_literal(items) -> str:
    """The longest run of plain characters a parsed regex branch must match."""
    from re import _constants as c

    best = run = ""
    for op, av in items:
        run = run + chr(av) if op is c.LITERAL else ""
        best = max(best, run, key=len)
    return best


def _quote(text: str) -> str:
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    raise _NotLiteral("quote")


def _literal_test(arg: str, anchored: bool, text: str) -> str:
    return f"{'starts-with' if anchored else 'contains'}({arg}, {_quote(text)})"


def _c_level_test(match: re.Match) -> str:
    """One ``re:test(...)`` call as an equivalent, cheaper expression (see above)."""
    arg, pattern, flags = match.group(1), match.group(2), match.group(3) or ""
    if set(flags) - {"i", "g"}:
        return match.group(0)
    try:
        matches_empty = re.search(pattern, "", re.IGNORECASE if "i" in flags else 0) is not None
        tests = _literal_tests(arg, pattern, fold="i" in flags)
    except re.error:
        return match.group(0)
    if tests is not None and sum(map(len, tests)) <= MAX_C_TESTS:
        exact, needs_regex = tests
        if needs_regex:
            exact = [*exact, f"(({' or '.join(needs_regex)}) and {match.group(0)})"]
        return f"({' or '.join(exact)})" if exact else "false()"
    # An absent attribute reads as '': the Python call is skipped where that cannot match.
    return match.group(0) if matches_empty else f"({arg} and {match.group(0)})"


def _literal_tests(arg: str, pattern: str, fold: bool) -> tuple[list[str], list[str]] | None:
    """(exact tests, prefilters): the C-level tests that together match as the regex does,
    and for its alternatives that are no literal set, a literal each needs (their match is
    left to the regex); ``None`` when some alternative has no such literal."""
    import re._parser as sre_parse

    if fold:
        if not pattern.isascii():
            return None
        arg, pattern = f"translate({arg}, '{_FOLD_FROM}', '{_FOLD_TO}')", pattern.lower()
    exact, needs_regex = [], []
    try:
        for alternative in _alternatives(list(sre_parse.parse(pattern).data)):
            try:
                exact += [_literal_test(arg, a, t) for a, t in _spellings(alternative, [(False, "")])]
            except _NotLiteral:
                needed = _longest_literal(alternative)
                if not needed:
                    return None
                needs_regex.append(_literal_test(arg, False, needed))
    except _NotLiteral:
        return None
    return list(dict.fromkeys(exact)), list(dict.fromkeys(needs_regex))


# ``//*[self::div or self::p]``: libxml2 builds a node-set for each self:: test of each
# element; one test of the element's name against the list, ``//*[contains(' div p ',
# concat(' ', local-name(), ' '))]``, selects the same elements in three quarters of the
# time (aeb dev pages) where it replaces four tests or more (for two or three it is slower).
# A union ``//div|//p`` is faster still on small pages, but libxml2 merges unions in
# quadratic time: 2 s on a page of 60,000 such elements.
_TAG_TEST = re.compile(r"\[\s*(self::[\w-]+(?:\s+or\s+self::[\w-]+){3,})\s*\]")


def _tag_list_tests(path: str) -> str:
    def name_in_list(match: re.Match) -> str:
        names = re.findall(r"self::([\w-]+)", match.group(1))
        return f"[contains(' {' '.join(names)} ', concat(' ', local-name(), ' '))]"

    return _TAG_TEST.sub(name_in_list, path)


def c_level_xpath(xpath: XPath) -> XPath:
    """The same expression made cheaper (see above): its ``re:test`` calls rewritten, its
    tag tests as one name test; the expression itself where neither applies."""
    if _PREFIXED_NAME.search(_QUOTED_TEXT.sub("''", xpath.path)):
        return xpath  # prefixes other than re: were bound where it was compiled, not here
    path = _tag_list_tests(_RE_TEST.sub(_c_level_test, xpath.path))
    if path == xpath.path:
        return xpath
    try:
        return XPath(path, namespaces={"re": EXSLT_REGEXP})
    except etree.XPathSyntaxError:
        return xpath


_QUOTED_TEXT = re.compile(r"'[^']*'|\"[^\"]*\"")
# a qualified name other than re:..., outside quotes (axes are written with '::')
_PREFIXED_NAME = re.compile(r"(?<![\w:.-])(?!re:)[A-Za-z_][\w.-]*:(?!:)")


# trafilatura's modules that run XPath expressions, by the names they bind them to.
_TRAFILATURA_MODULES = ("baseline", "core", "external", "main_extractor", "metadata")


def _fastest(xpath: XPath):
    return python_search(xpath) or c_level_xpath(xpath)


@lru_cache(maxsize=1)
def _c_level_replacements() -> list[tuple[object, str, object, object]]:
    """(module, name, trafilatura's value, the cheaper value) for every module-level XPath
    or list of XPaths in trafilatura's extraction modules that :func:`c_level_xpath` changes."""
    import importlib

    try:  # the regex parser this rewriting reads is CPython's own, private
        import re._constants  # noqa: F401
        import re._parser  # noqa: F401
    except ImportError:
        return []
    out = []
    for module_name in _TRAFILATURA_MODULES:
        try:
            module = importlib.import_module(f"trafilatura.{module_name}")
        except ImportError:
            continue
        for name, value in vars(module).items():
            if isinstance(value, XPath):
                fast = _fastest(value)
                if fast is not value:
                    out.append((module, name, value, fast))
            elif isinstance(value, list) and value and all(isinstance(x, XPath) for x in value):
                fast = [_fastest(x) for x in value]
                if any(f is not x for f, x in zip(fast, value)):
                    out.append((module, name, value, fast))
    return out


@contextmanager
def c_level_trafilatura():
    """Run trafilatura, within the block, with its expressions' C-level equivalents.

    Its modules' bindings are swapped for the block and restored after it, so trafilatura
    called elsewhere (the benchmark's baseline run) is untouched. Not for threads sharing
    trafilatura: eventwire extracts in worker processes."""
    replacements = _c_level_replacements()
    for module, name, _, fast in replacements:
        setattr(module, name, fast)
    try:
        yield
    finally:
        for module, name, original, _ in replacements:
            setattr(module, name, original)


# --- trafilatura's hottest expressions as Python walks ----------------------------------------
#
# libxml2 spends about a microsecond an element on each of these expressions, even rewritten
# (the tag test, then a dozen attribute lookups and string conversions); lxml's C iterator
# filtered by tag, one dict read and one precompiled regex per element does the same work in
# a tenth of that. The pruning lists, which trafilatura runs on every page, cost 1.8 ms of a
# page's 8.2 ms on aeb dev before this. Each search is written against one expression's exact
# text (trafilatura 2.3.1), named by the SHA-1 of its whitespace-normalised path: another
# text keeps the XPath. Results are the same elements in the same (document) order;
# tests/test_extract_html.py checks each against the expression on pages built to probe it.

_MAIN_TAGS = ("div", "item", "list", "p", "section", "span")  # trafilatura's block tags
_BODY_TAGS = ("article", "div", "main", "section")


# An absent attribute reads as '' in the tests below, as in XPath's string functions.

def _first_of(elem, first: str, second: str) -> str:
    """``@first|@second`` read as a string: the one written first in the tag (XPath takes a
    union's first node in document order, attributes in source order), else ''."""
    if first not in elem.attrib or second not in elem.attrib:
        return elem.get(first) or elem.get(second) or ""
    for name, value in elem.items():
        if name in (first, second):
            return value
    return ""  # not reached


def _has_descendant(elem, tag: str) -> bool:
    return next(elem.iterdescendants(tag), None) is not None


_MVP_OR_SCROLL = re.compile("mvp-post-add-(?:box|wrap)|infinite-?scroll")
_MVP = re.compile("mvp-post-add-(?:box|wrap)")
_COMMENT_ID = re.compile("^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)")
_COMMENT_LIST_ID = re.compile("^(?:[Cc]omment(?!ary)|comol)")
_COMMENT_CLASS = re.compile("^[Cc]omment(?!ary)|(?:article|post)-comments")
_DISCARD_ID = re.compile(
    "^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author"
    "|^(?:jp-|dpsp-content)|bmdh|footer|Footer|share|Share|nav|Nav|menu|related"
    "|message-container|premium|^ad-")
_DISCARD_CLASS = re.compile(
    "^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author"
    "|^(?:nav|post-nav|ZendeskForm)|subnav|avigation|navbar|navbox|menu|bar| ad |-ad-"
    "|(?:^| )ad-|dfp[Aa]d|outbrain|taboola|criteo|paid-?content|widget|footer|Footer|byline"
    "|Byline|share-|sociable|embedded|embed|tag-list|consent|modal-content|permission|elated"
    "|next-|-stories|most-popular|more-on|meta|rating|attachment|timestamp|user-info"
    "|user-profile|-icon|article-infos|message-container|slide|viewport|overlay|options|expand"
    "|obfuscated|blurred|mol-factbox|yin|zlylin|nfoline")
_HIDDEN_ID = re.compile("reader-comments|akismet")
_HIDDEN_CLASS = re.compile(
    "^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print"
    "| hidden| hide|noprint|notloaded")
_BOTTOM = re.compile(r"(^|\s)bottom|bottom(\s|$)")
_LINK = re.compile(r"(^|\s)link(\s|$)")
_BODY_ID = re.compile("(?:entry|article|art)-content|article__content|article(?:-|__)?body"
                      "|articleBody|body-text")
_BODY_CLASS = re.compile(
    "post[-_]text|post-body|post-?entry|post[-_]?content|postContent|post_inner_wrapper"
    "|article-?text|articleText|(?:entry|page|text|article|art)-content|article__content"
    "|article(?:-|__)?body|articleBody|ArticleContent|body-text|article__container")
_STORY_ID = re.compile("^primary|story-body")
_FULLTEXT = re.compile("fulltext", re.IGNORECASE)
_STORY_CLASS = re.compile(
    "^article |post-bodycopy|story-?content|(?:theme|blog|section|single)-content|single-post"
    "|main-column|wpb_text_column|story-body|field-body")
_CONTENT_ID = re.compile("content-main|content-body|contentBody")
_CONTENT_CLASS = re.compile("content[-_]main|content(?:-|__)body")


def _is_raw_appendix(e) -> bool:  # RAW_TREE_PRUNE_XPATH[0]
    ident, cls = e.get("id") or "", e.get("class") or ""
    return bool((_MVP_OR_SCROLL.search(ident) or _MVP_OR_SCROLL.search(cls))
                and (not _has_descendant(e, "h1") or _MVP.search(ident) or _MVP.search(cls)))


def _is_comment_section(e) -> bool:  # REMOVE_COMMENTS_XPATH[0]
    return bool(_COMMENT_ID.search(e.get("id") or "")
                or _COMMENT_CLASS.search(e.get("class") or ""))


def _is_comment_section_or_list(e) -> bool:  # REMOVE_COMMENTS_AND_LISTS_XPATH[0]
    return _is_comment_section(e) and (
        e.tag not in ("ol", "ul") or bool(_COMMENT_LIST_ID.search(e.get("id") or "")
                                          or _COMMENT_CLASS.search(e.get("class") or "")))


def _is_discarded_block(e) -> bool:  # OVERALL_DISCARD_XPATH[0]
    if not e.attrib:
        return False
    return bool("data-lp-replacement-content" in e.attrib
                or "nav" in (e.get("role") or "").replace("N", "n")
                or "MostPopularStories" in (e.get("data-component") or "")
                or "cookie" in _first_of(e, "id", "class")
                or _DISCARD_ID.search(e.get("id") or "")
                or _DISCARD_CLASS.search(e.get("class") or ""))


def _is_hidden(e) -> bool:  # OVERALL_DISCARD_XPATH[1]
    if not e.attrib:
        return False
    style = e.get("style") or ""
    return bool(e.get("class") == "comments-title"
                or _first_of(e, "id", "class").startswith("reply-")
                or "hidden" in _first_of(e, "id", "style")
                or "display:none" in style or "display: none" in style
                or _HIDDEN_ID.search(e.get("id") or "")
                or _HIDDEN_CLASS.search(e.get("class") or "")
                or e.get("aria-hidden") == "true")


def _is_teaser(e) -> bool:  # TEASER_DISCARD_XPATH[0]
    return ("teaser" in (e.get("id") or "").replace("T", "t")
            or "teaser" in (e.get("class") or "").replace("T", "t"))


def _is_caption(e) -> bool:  # DISCARD_IMAGE_ELEMENTS[0]
    return "caption" in (e.get("id") or "") or "caption" in (e.get("class") or "")


def _is_bottom_or_link(e) -> bool:  # PRECISION_DISCARD_XPATH[1]
    first = _first_of(e, "id", "class")
    return bool(_BOTTOM.search(first) or _LINK.search(first)
                or "border" in (e.get("style") or ""))


def _is_article_body(e) -> bool:  # BODY_XPATH[0]
    if not e.attrib:
        return False
    cls, ident = e.get("class") or "", e.get("id") or ""
    return bool(cls in ("post", "entry") or e.get("itemprop") == "articleBody"
                or ident == "articleContent" or _BODY_ID.search(ident) or _BODY_CLASS.search(cls))


def _is_story(e) -> bool:  # BODY_XPATH[2]
    if not e.attrib:
        return False
    cls, ident = e.get("class") or "", e.get("id") or ""
    return bool(e.get("role") == "article" or ident in ("article", "story")
                or cls in ("postarea", "art-postcontent", "text", "cell", "story")
                or _STORY_ID.search(ident) or _FULLTEXT.search(cls) or _STORY_CLASS.search(cls))


def _is_content(e) -> bool:  # BODY_XPATH[3]
    if not e.attrib:
        return False
    cls, ident = e.get("class") or "", e.get("id") or ""
    return bool(ident == "content" or cls == "content" or _CONTENT_ID.search(ident)
                or _CONTENT_CLASS.search(cls)
                or "main-content" in ident.replace("C", "c").replace("M", "m")
                or "main-content" in cls.replace("C", "c").replace("M", "m")
                or "page-content" in cls.replace("C", "c").replace("P", "p"))


def _is_main(e) -> bool:  # BODY_XPATH[4], its first part
    return ((e.get("class") or "").startswith("main") or (e.get("id") or "").startswith("main")
            or (e.get("role") or "").startswith("main"))


def _all_matches(tags, test):
    """``.//*[tag test][test]``: every match, in document order."""
    def search(node):
        return [e for e in node.iterdescendants(*tags) if test(e)]
    return search


def _first_match(tags, test):
    """``(.//*[tag test][test])[1]``, found lazily: trafilatura reads only the first."""
    def search(node):
        yield from itertools.islice((e for e in node.iterdescendants(*tags) if test(e)), 1)
    return search


def _first_match_per_parent(tags, test):
    """``.//*[tag test][test][1]``: each parent's first matching child, lazily."""
    def search(node):
        parents = set()
        for e in node.iterdescendants(*tags):
            if test(e):
                parent = e.getparent()
                if parent not in parents:
                    parents.add(parent)
                    yield e
    return search


def _first_main_block(node):
    """``(.//*[self::article or self::div or self::section][main test])[1]|(.//main)[1]``:
    the first of each, in document order, lazily."""
    found_block = found_main = False
    for e in node.iterdescendants(*_BODY_TAGS):
        if e.tag == "main":
            if not found_main:
                found_main = True
                yield e
        elif not found_block and _is_main(e):
            found_block = True
            yield e
        if found_block and found_main:
            return


_PYTHON_SEARCHES = {
    "f1e18cc2572d0470": _all_matches(("div", "section", "aside"), _is_raw_appendix),
    "12b073ccb20e9633": _all_matches(("div", "section", "aside"),
                                     lambda e: "elementor-share-buttons" in (e.get("class") or "")),
    "98cf895224cd33bc": _all_matches(("div", "list", "section", "details", "ol", "ul"),
                                     _is_comment_section_or_list),
    "8c7772f12584ea4e": _all_matches(("div", "list", "section", "details"), _is_comment_section),
    "f3dbdb2392f1c3e0": _all_matches(_MAIN_TAGS, _is_discarded_block),
    "8d16edbf0d12a374": _all_matches((etree.Element,), _is_hidden),
    "c0b22696021e35a7": _all_matches(_MAIN_TAGS, _is_teaser),
    "e73d52598ccd5f51": _all_matches(("header",), lambda e: True),
    "a6fe52270cc1f684": _all_matches(_MAIN_TAGS, _is_bottom_or_link),
    "6bf0a57a4c4cd449": _all_matches(_MAIN_TAGS, _is_caption),
    "0673ee2ffbbe2eb7": _first_match_per_parent(_BODY_TAGS, _is_article_body),
    "91b22f3d0771189c": _first_match(("article",), lambda e: True),
    "0a4c7447b2d457e9": _first_match(_BODY_TAGS, _is_story),
    "1c6c92144a4770dc": _first_match(_BODY_TAGS, _is_content),
    "ccb0a361ae901f7e": _first_main_block,
}


class PythonSearch:
    """An XPath expression evaluated by a Python walk (:data:`_PYTHON_SEARCHES`); called on
    anything but an element, it hands over to the expression itself."""

    __slots__ = ("xpath", "path", "_search")

    def __init__(self, xpath: XPath, search):
        self.xpath, self.path, self._search = xpath, xpath.path, search

    def __call__(self, node, **variables):
        if variables or not isinstance(node, etree._Element):
            return self.xpath(node, **variables)
        return self._search(node)

    def __str__(self) -> str:  # trafilatura logs the expression that found the body
        return self.path


def python_search(xpath: XPath) -> PythonSearch | None:
    """The Python walk written for this exact expression, if there is one."""
    key = hashlib.sha1(" ".join(xpath.path.split()).encode()).hexdigest()[:16]
    search = _PYTHON_SEARCHES.get(key)
    return PythonSearch(xpath, search) if search is not None else None
