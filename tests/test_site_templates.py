"""Site templates learned in the store across pages, and used for later pages of the site."""

from __future__ import annotations

import duckdb

from eventwire.ingest import ingest
from eventwire.model import Document, content_hash
from eventwire.store.templates import page_lines, site_key

NAV = "Valley Courier Home Region Politics Business Sport Weather Obituaries"
PROMO = ("Read our award-winning special report on water rights in the valley, "
         "and tell us what you think of it.")


TOPICS = [
    ("Council approves road budget",
     "The county council voted on Tuesday to approve a road repair budget, officials said.",
     "Two members opposed the plan, saying it ignored bridges in the north of the county."),
    ("Farmers rally over water prices",
     "Hundreds of farmers rallied outside the water board on Monday over rising prices.",
     "Police closed the main street for an hour while the crowd marched to the offices."),
    ("School strike enters second week",
     "Teachers at four schools stayed away from classes for a seventh day on Thursday.",
     "The union said talks with the district had stalled over pay and class sizes."),
    ("Mayor signs housing agreement",
     "The mayor signed an agreement with two builders to put up low-cost flats by 2024.",
     "Critics said the deal gave the builders land too cheaply and asked for an audit."),
    ("Storm damages power lines",
     "A storm brought down power lines across the east of the valley late on Sunday.",
     "Crews restored power to most homes by the evening, the utility said in a statement."),
]


def page(i: int) -> str:
    title, first, second = TOPICS[i % len(TOPICS)]
    return (f" date 2022-05-{i + 1:02d} {NAV}\n\n"
            f"{title}\n\n"
            "By MARY ROE\n\n"
            f"{first}\n\n{second}\n\n"
            f"{PROMO}\n\n"
            "Most Read\nSubscribe to our newsletter\nCopyright 2022 Valley Courier\n")


def _doc(text: str) -> Document:
    h = content_hash(text)
    return Document(h[:16], "x.txt", text, "text-dump", h)


def test_pages_of_one_site_share_a_key_and_other_sites_do_not():
    assert site_key(_doc(page(0))) == site_key(_doc(page(1)))
    assert site_key(_doc("Other Paper Home News\n\nSome text here.")) != site_key(_doc(page(0)))
    html = Document("h", "x.html", b"<html></html>", "html", "h")
    assert site_key(html) is None
    with_url = Document("u", "x", "text", "wet", "u", url="https://www.example.org/a/b")
    assert site_key(with_url) == "example.org"
    assert any("most read" == line for line in page_lines(_doc(page(0))))


def test_recurring_promo_is_dropped_once_the_site_has_pages(tmp_path):
    folder = tmp_path / "first"
    folder.mkdir()
    for i in range(3):
        (folder / f"p{i}.txt").write_text(page(i), encoding="utf-8")
    db = tmp_path / "e.duckdb"
    ingest([str(folder)], str(db), progress=False)
    con = duckdb.connect(str(db))
    first = [r[0] for r in con.execute("SELECT body FROM articles").fetchall()]
    pages = con.execute("SELECT count(*) FROM site_pages").fetchone()[0]
    promo_count = con.execute("SELECT pages FROM site_lines WHERE line LIKE 'read our award%'"
                              ).fetchone()[0]
    con.close()
    assert pages == 3 and promo_count == 3
    assert all(PROMO in body for body in first), "one page alone cannot tell the promo from prose"

    later = tmp_path / "later"
    later.mkdir()
    (later / "p4.txt").write_text(page(4), encoding="utf-8")
    ingest([str(later)], str(db), progress=False)
    con = duckdb.connect(str(db), read_only=True)
    title, body = con.execute("SELECT title, body FROM articles WHERE body LIKE ?",
                              ["%storm brought down%"]).fetchone()
    con.close()
    assert PROMO not in body
    assert TOPICS[4][1] in body and TOPICS[4][2] in body, "the article itself stays"
    assert title == TOPICS[4][0], "the nav bar, a template line, is never the title"
