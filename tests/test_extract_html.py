"""HTML extraction's speed work keeps trafilatura's answers: its XPath expressions rewritten
without Python regex calls select the same elements, and the swap is undone afterwards."""

from __future__ import annotations

import html as html_lib
import re
from contextlib import nullcontext
from pathlib import Path

import pytest
from lxml import html as lxml_html

from eventwire.extract import extract_article
from eventwire.extract.htmlmeta import (
    EXSLT_REGEXP,
    _c_level_replacements,
    c_level_trafilatura,
    PythonSearch,
    c_level_xpath,
)
from eventwire.model import Document

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "pages"
_QUOTED = re.compile(r"'([^']*)'")
_TAG_NAMES = re.compile(r"self::([\w-]+)|\.//([a-z][\w-]*)")


def _values_for(pattern: str) -> set[str]:
    """Attribute values near the edge of what ``pattern`` matches: each alternative's
    literal pieces, alone and padded, cut short, cased differently, followed by 'ary'."""
    pieces = set()
    for alternative in re.split(r"\|", pattern):
        plain = re.sub(r"\(\?[:!]|[()^$?\\]|\{\d*,?\d*\}", "", alternative)
        for variant in {re.sub(r"\[(.)[^\]]*\]", r"\1", plain),
                        re.sub(r"\[[^\]]*(.)\]", r"\1", plain),
                        re.sub(r"\[[^\]]*\]", "", plain), plain.replace("s", "")}:
            if variant.strip():
                pieces.add(variant)
    values = set()
    for piece in pieces:
        values |= {piece, f"x{piece}", f"{piece}x", f"a {piece}", f"{piece} b", f"a\t{piece}",
                   f"{piece}\n", piece.upper(), piece.capitalize(), piece[:-1], piece[1:],
                   f"{piece}ary", f"{piece}-ary x"}
    return values


def _page_for(values: set[str], tags: set[str]) -> str:
    """Elements of each tag carrying each value as id, class, both (in both orders), style
    and role, id and style (in both orders), with an h1 inside half of them and a link in each."""
    rows = []
    for i, value in enumerate(sorted(values)):
        v = html_lib.escape(value, quote=True)
        for tag in sorted(tags):
            inner = ("<h1>t</h1>" if i % 2 else "<p>t</p>") + '<a href="/x">t</a>'
            rows += [f'<{tag} class="{v}">{inner}</{tag}>', f'<{tag} id="{v}">{inner}</{tag}>',
                     f'<{tag} id="{v}" class="other">{inner}</{tag}>',
                     f'<{tag} class="{v}" id="other">{inner}</{tag}>',
                     f'<{tag} style="{v}" role="{v}">{inner}</{tag}>',
                     f'<{tag} style="{v}" id="other">{inner}</{tag}>',
                     f'<{tag} id="{v}" style="other">{inner}</{tag}>']
    return "<html><body>" + "".join(rows) + "</body></html>"


def _rewritten_expressions():
    seen = {}
    for module, name, original, fast in _c_level_replacements():
        pairs = zip(original, fast) if isinstance(original, list) else [(original, fast)]
        for i, (old, new) in enumerate(pairs):
            if old is not new and old.path not in seen:
                seen[old.path] = pytest.param(old, new, id=f"{module.__name__}.{name}[{i}]")
    return list(seen.values())


def test_trafilatura_expressions_are_found_and_rewritten():
    expressions = _rewritten_expressions()
    assert len(expressions) >= 10
    assert all(isinstance(p.values[1], PythonSearch) or "re:test" not in p.values[1].path
               or " and re:test" in p.values[1].path for p in expressions)
    # the pruning lists and body searches trafilatura runs on every page are Python walks
    assert sum(isinstance(p.values[1], PythonSearch) for p in expressions) >= 15


@pytest.mark.parametrize(("original", "rewritten"), _rewritten_expressions())
def test_rewritten_expression_selects_the_same_elements(original, rewritten):
    values = set()
    for literal in _QUOTED.findall(original.path):  # regexes and plain strings alike
        values |= _values_for(literal)
    # the tags the expression names, and two it does not
    tags = {name for names in _TAG_NAMES.findall(original.path) for name in names if name}
    tags |= {"div", "em", "h2"}
    values = values or {"x"}  # an expression with no literal tests tags alone
    tree = lxml_html.fromstring(_page_for(values, tags))
    expected = original(tree)
    if isinstance(rewritten, PythonSearch):  # its lazy searches yield; compare the elements
        assert list(rewritten(tree)) == expected
        for elem in expected[:5]:  # and within a subtree (trafilatura searches those too)
            assert list(rewritten(elem)) == original(elem)
    else:
        assert rewritten(tree) == expected
    if isinstance(expected, list):  # the test pages must exercise the expression
        assert expected


@pytest.mark.parametrize(("expression", "attributes", "matches"), [
    ("re:test(@class, '^comment(?!ary)')", 'class="commentary"', False),
    ("re:test(@class, '^comment(?!ary)')", 'class="comment-list"', True),
    ("re:test(@class, '(^|\\s)link(\\s|$)')", 'class="a\tlink"', True),
    ("re:test(@class, '(^|\\s)link(\\s|$)')", 'class="permalink"', False),
    ("re:test(@class, 'fulltext', 'i')", 'class="FullText"', True),
    ("re:test(@class, 'post[-_]?content')", 'class="post_content"', True),
    ("re:test(@class, 'post[-_]?content')", 'class="post--content"', False),
    ("re:test(@id|@class, 'hidden')", 'id="main" class="hidden"', False),  # first attribute only
    ("re:test(@id|@class, 'hidden')", 'class="hidden" id="main"', True),
    ("re:test(@id, 'x*')", 'class="x"', True),  # matches the empty string: no attribute guard
])
def test_rewritten_regex_tests_keep_their_meaning(expression, attributes, matches):
    from lxml.etree import XPath

    tree = lxml_html.fromstring(f"<html><body><div {attributes}>t</div></body></html>")
    original = XPath(f"//div[{expression}]", namespaces={"re": EXSLT_REGEXP})
    rewritten = c_level_xpath(original)
    assert bool(original(tree)) is matches
    assert bool(rewritten(tree)) is matches


def test_swap_is_undone_after_the_block_and_after_an_error():
    module, name, original, fast = _c_level_replacements()[0]
    with c_level_trafilatura():
        assert getattr(module, name) is fast
    assert getattr(module, name) is original
    with pytest.raises(RuntimeError), c_level_trafilatura():
        raise RuntimeError("boom")
    assert getattr(module, name) is original


def _sample_doc(path: Path) -> Document:
    return Document(doc_id=path.stem, source="test", content=path.read_bytes(), format="html",
                    content_hash=path.stem, url=None, header_date=None, meta={})


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.html")), ids=lambda p: p.name)
def test_sample_pages_extract_as_with_trafilaturas_own_expressions(path, monkeypatch):
    fast = extract_article(_sample_doc(path))
    monkeypatch.setattr("eventwire.extract.html.c_level_trafilatura", nullcontext)
    monkeypatch.setattr("eventwire.extract.html._fast_pass_without_backup", nullcontext)
    slow = extract_article(_sample_doc(path))
    assert fast.paragraphs and fast.paragraphs == slow.paragraphs
    assert (fast.title, fast.byline, fast.tags, fast.published) == \
        (slow.title, slow.byline, slow.tags, slow.published)


# Attributes each of trafilatura's author searches tests, and near misses.
_AUTHOR_ATTRIBUTES = [
    'rel="author"', 'rel="authors"', 'id="author"', 'id="Author-box"', 'id="zuozhe1"',
    'class="author"', 'class="authorname"', 'class="author-name x"', 'class="AuthorName"',
    'class="byline"', 'class="Byline-wrap"', 'class="byl"', 'class="BBL"', 'class="bbl"',
    'class="username"', 'class="usernames"', 'class="channel-name"', 'class="writer"',
    'class="screenname"', 'class="posted-by"', 'class="journalist-name"', 'class="auth"',
    'itemprop="author name"', 'itemprop="author"', 'itemprop="name"',
    'data-testid="AuthorCard"', 'data-testid="AuthorURL"', 'data-testid="Author"',
    'data-component="Byline"', 'data-component="byline"', "",
]
_AUTHOR_TAGS = ("a", "address", "div", "link", "p", "span", "strong", "h3", "h4", "li", "em")


def test_author_candidates_are_trafilaturas_search_results():
    from trafilatura.xpaths import AUTHOR_XPATHS

    from eventwire.extract.htmlmeta import author_candidates

    rows = [f"<{tag} {attr}>Name Here</{tag}>" for tag in _AUTHOR_TAGS for attr in _AUTHOR_ATTRIBUTES]
    rows += ["<author>A. Writer</author>", "<span><rel>me</rel>Self Named</span>",
             '<p class="note"><rel>me</rel>Self Noted</p>',
             "<div><rel>you</rel>Not Me</div>"]
    tree = lxml_html.fromstring("<html><body>" + "".join(rows) + "</body></html>")
    expected, seen = [], set()
    for expression in AUTHOR_XPATHS:
        found = [e for e in expression(tree) if e not in seen]
        seen |= set(found)
        expected.append(found)
    assert all(expected)
    assert author_candidates(tree) == expected


# Category and tag blocks of every form trafilatura's expressions look for, and look-alikes.
_BLOCKS = [
    '<div class="post-meta">{links}</div>', '<div class="entry-info x">{links}</div>',
    '<div id="postpath">{links}</div>', '<p class="postmeta">{links}</p>',
    '<p class="entry-categories">{links}</p>', '<p id="filedunder">{links}</p>',
    '<footer class="entry-footer">{links}</footer>', '<li class="post-category">{links}</li>',
    '<span class="cat-links x">{links}</span>', '<header class="entry-header">{links}</header>',
    '<div class="row">{links}</div>', '<div class="tags">{links}</div>',
    '<p class="entry-tags">{links}</p>', '<div class="jp-relatedposts">{links}</div>',
    '<div class="tagcloud">{links}</div>', '<ul class="topics">{links}</ul>',
    '<span class="tags-links">{links}</span>', '<section class="post-meta">{links}</section>',
    '<div class="x-meta">{links}</div>', '<div><div class="post-info"><b>{links}</b></div></div>',
]
_LINKS = ('<a href="/category/world/">World</a> <a href="/categories/asia">Asia</a> '
          '<a href="/tag/iraq/">Iraq</a> <a href="/tags/oil/">Oil</a> <a href="/tag">Bare</a> '
          '<a href="/about/">About</a> <a>No href</a>')


@pytest.mark.parametrize("block", _BLOCKS)
def test_category_and_tag_links_are_trafilaturas(block):
    from trafilatura.metadata import extract_catstags as trafilatura_catstags

    from eventwire.extract.htmlmeta import extract_categories_and_tags, extract_catstags

    page = ('<html><head><meta property="article:section" content="Middle East"></head><body>'
            + block.format(links=_LINKS) + '<p><a href="/tag/elsewhere/">Elsewhere</a></p>'
            + "</body></html>")
    tree = lxml_html.fromstring(page)
    expected = (trafilatura_catstags("category", tree), trafilatura_catstags("tag", tree))
    assert extract_categories_and_tags(tree) == expected
    assert (extract_catstags("category", tree), extract_catstags("tag", tree)) == expected


_JSON_LD_BLOCKS = [
    '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Port  strike\\n ends",\n "author": {"@type": "Person",'
    ' "name": "Lena  Park"}, "datePublished": "2022-05-10T07:45:00Z",\n'
    ' "publisher": {"@type": "Organization", "name": "The Harbour Times"},'
    ' "articleSection": "Labour", "keywords": ["port", "strike"]}',
    '{"@context":"https://schema.org","@type":"NewsArticle","headline":"Caf\\u00e9 \\"talks\\" &amp; \\ud83d\\ude00 <b>bold</b>",'
    '"author":[{"name":"A. One"},{"name":"B. Two"}]}',
    '{"@type": "NewsArticle", "headline": "Broken", "author": {"name": "Nadia Haddad"',
    '  ',
]


@pytest.mark.parametrize("block", _JSON_LD_BLOCKS)
def test_json_ld_reading_is_trafilaturas(block):
    from trafilatura.metadata import extract_meta_json
    from trafilatura.settings import Document as Meta

    from eventwire.extract.htmlmeta import read_json_ld

    page = (f'<html><head><script type="application/ld+json">{block}</script></head>'
            "<body><p>Text.</p></body></html>")
    ours = read_json_ld(lxml_html.fromstring(page), Meta())
    theirs = extract_meta_json(lxml_html.fromstring(page), Meta())
    fields = [f for f in Meta.__slots__ if f not in ("body", "commentsbody")]
    assert [getattr(ours, f, None) for f in fields] == [getattr(theirs, f, None) for f in fields]
    if "Port" in block:
        assert ours.author == "Lena Park" and ours.sitename == "The Harbour Times"


def test_expression_with_other_namespace_prefixes_is_left_alone():
    from lxml.etree import XPath

    prefixed = XPath("//x:div[re:test(@class, 'ab|cd')]",
                     namespaces={"x": "urn:example", "re": EXSLT_REGEXP})
    assert c_level_xpath(prefixed) is prefixed
    plain = XPath("//div[re:test(@class, 'ab|cd')][contains(@style, 'display:none')]",
                  namespaces={"re": EXSLT_REGEXP})
    assert "re:test" not in c_level_xpath(plain).path


def test_link_and_section_meta_walks_select_what_the_expressions_select():
    from lxml.etree import XPath

    from eventwire.extract.htmlmeta import _SECTION_META, _kind_links, _section_metas

    page = ('<html><head><meta property="article:section" content="World">'
            '<meta name="dc.subject" content="Oil"><meta name="subject">'
            '<meta property="og:section" content="No"><meta name="keywords" content="No">'
            '</head><body><meta property="article:section" content="Body, not head">'
            '<a href="/category/world/">W</a><a href="/x/tag/y">T</a><a href="/about">A</a>'
            '<a>none</a><div><a href="/categories">C</a></div></body></html>')
    tree = lxml_html.fromstring(page)
    expected = tree.xpath(_SECTION_META)
    assert [m.get("content") for m in expected] == ["World", "Oil"]
    assert _section_metas(tree) == expected
    links = XPath('//a[@href][contains(@href, "/categor") or contains(@href, "/tag")]')
    assert _kind_links(tree) == links(tree) and len(links(tree)) == 3
    body = tree.find("body")  # '//' reaches the whole document from a subtree
    assert _kind_links(body) == links(body)


@pytest.mark.parametrize("page", [
    "<html><head><title>T</title></head><body><p>Body text.</p></body></html>",
    "<!DOCTYPE html><p>No html tag", "  <HTML><body><p>q</p></body></HTML>",
    "<head><title>x</title></head><p>head, no html tag</p>", "<p>one fragment</p>",
    "<div>a</div><div>b</div>", "loose text <b>bold</b>", "<p>caf\u00e9 \u2014 \U0001f600</p>",
    "<p>lone \ud800 surrogate</p>",
])
def test_parsing_gives_the_tree_lxml_html_gives(page):
    """parse_html's etree parse stands for lxml.html.fromstring: the same document where
    that returns one, trafilatura's loader where it unwraps a fragment."""
    from lxml import etree
    from trafilatura.utils import load_html

    from eventwire.extract.html import _html_parser, parse_html

    reference = lxml_html.fromstring(page, parser=_html_parser())
    if reference is None or len(reference) < 1 or reference.tag != "html":
        reference = load_html(page)
    def serialised(tree):
        return None if tree is None else etree.tostring(tree)

    assert serialised(parse_html(page)) == serialised(reference)


def test_fast_pass_skips_the_backup_copy_only_within_the_block():
    import trafilatura.core

    from eventwire.extract.html import _fast_pass_without_backup, _prepare_tree_swap

    swap = _prepare_tree_swap()
    assert swap is not None  # trafilatura's cascade is the source the swap was written for
    original, replacement = swap
    with _fast_pass_without_backup():
        assert trafilatura.core._prepare_tree is replacement
    assert trafilatura.core._prepare_tree is original


@pytest.mark.parametrize("text", [
    "plain  <b>text</b> ", "line\\nbreak\\ttab\\r", "caf\\u00e9 \\u00E9", "\\ud83d\\ude00 face",
    "lone \\ud800 high", "&amp; &#39;q&#39; \\u0026amp;", "back\\\\slash",
    "\\u003cb\\u003ex\\u003c/b\\u003e",
    "raw \ud800 surrogate and \\n",
])
def test_json_text_normalisation_is_trafilaturas(text):
    from trafilatura.json_metadata import normalize_json

    from eventwire.extract.htmlmeta import _normalize_json

    assert _normalize_json(text) == normalize_json(text)


def test_json_ld_scripts_are_the_expressions():
    from eventwire.extract.htmlmeta import _JSON_LD, _json_ld_scripts

    page = ('<html><head><script type="application/ld+json">{"a": 1}</script>'
            '<script>var x;</script><script type="application/settings+json">{}</script>'
            '</head><body><script type="application/ld+json">{"b": 2}</script>'
            '<script type="text/ld+json">{}</script></body></html>')
    tree = lxml_html.fromstring(page)
    assert len(_JSON_LD(tree)) == 3
    assert _json_ld_scripts(tree) == _JSON_LD(tree)


def test_junk_count_counts_what_the_junk_regex_matches():
    import random

    from eventwire.extract.core import _JUNK, junk_count

    rng = random.Random(7)
    alphabet = [0, 1, 8, 9, 10, 11, 12, 13, 14, 31, 32, 65, 126, 127, 128, 0xE9, 0xD800,
                0xDFFF, 0xFFFD, 0xFFFE, 0x1F600]
    texts = ["".join(chr(rng.choice(alphabet)) for _ in range(rng.randint(0, 300)))
             for _ in range(300)]
    assert any(junk_count(t) for t in texts)
    assert [junk_count(t) for t in texts] == [len(_JUNK.findall(t)) for t in texts]
