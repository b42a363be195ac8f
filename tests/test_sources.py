"""Sources: format detection from content, each reader, inputs, and bad input as skips."""

from __future__ import annotations

import gzip
import io
import json
import os
import tracemalloc
import zlib
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import eventwire.sources as sources
from eventwire.model import content_hash
from eventwire.sources import read_inputs

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "samples" / "pages"
SAMPLE_WARC = PAGES / "06_crawl.warc.gz"
SEED = ROOT.parent / "shared" / "seeds" / "000_8112dcc91a3a5d48.txt"

HTML = (b"<!DOCTYPE html><html><head><title>Talks resume</title></head><body>"
        b"<article><p>Negotiators met in Geneva on Monday.</p></article></body></html>")
TAG_SOUP = (b"<div class='nav'><a href='/'>Home</a></div>\n<div><p>Police arrested two men in Lyon."
            b"</p><p>They were released on Friday.</p><br></div><span>Share</span>")
TEXT = "Officials in Nairobi said on Tuesday that the talks would continue next week.\n"


def read(*paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def warc_bytes(records, gz=True) -> bytes:
    """A WARC of (type, url, content_type, body, status) records."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for rec_type, url, ctype, body, status in records:
        headers = {"WARC-Date": "2023-05-01T10:00:00Z"}
        if rec_type == "response":
            http = StatusAndHeaders(status, [("Content-Type", ctype)] if ctype else [],
                                    protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                            http_headers=http, warc_headers_dict=headers)
        else:
            if ctype:
                headers["Content-Type"] = ctype
            rec = writer.create_warc_record(url, rec_type, payload=io.BytesIO(body),
                                            warc_headers_dict=headers)
        writer.write_record(rec)
    return buf.getvalue()


# --- format detection from content ---------------------------------------------------------


def test_html_named_txt_is_html(tmp_path):
    [doc] = read(write(tmp_path / "page.txt", HTML))
    assert doc.format == "html"
    assert doc.content == HTML


def test_tag_soup_without_doctype_is_html(tmp_path):
    [doc] = read(write(tmp_path / "fragment.txt", TAG_SOUP))
    assert doc.format == "html"


def test_warc_without_extension_is_warc(tmp_path):
    path = write(tmp_path / "crawl", warc_bytes([("response", "http://a.example/1", "text/html",
                                                   HTML, "200 OK")], gz=False))
    [doc] = read(path)
    assert doc.format == "warc" and doc.url == "http://a.example/1" and doc.content == HTML


def test_gzipped_warc_with_wrong_extension(tmp_path):
    path = write(tmp_path / "crawl.html", SAMPLE_WARC.read_bytes())
    assert [d.format for d in read(path)] == ["warc", "warc"]


def test_jsonl_named_html_is_jsonl(tmp_path):
    line = json.dumps({"url": "http://b.example/x", "title": "T", "text": TEXT})
    [doc] = read(write(tmp_path / "export.html", line + "\n"))
    assert doc.format == "jsonl" and doc.content == TEXT


def test_text_dump_named_html_is_text_dump(tmp_path):
    [doc] = read(write(tmp_path / "x.html", "date 2021-06-01 Headline\n\n" + TEXT))
    assert doc.format == "text-dump" and doc.header_date == date(2021, 6, 1)


def test_plain_text_and_gzipped_html(tmp_path):
    [text] = read(write(tmp_path / "notes.dat", TEXT))
    assert text.format == "text" and text.content == TEXT and text.header_date is None
    [html] = read(write(tmp_path / "page.gz", gzip.compress(HTML)))
    assert html.format == "html" and html.content == HTML
    assert html.meta["compression"] == "gzip"


def test_invalid_dump_date_is_plain_text(tmp_path):
    [doc] = read(write(tmp_path / "a.txt", "date 2021-13-45 Headline\n" + TEXT))
    assert doc.format == "text" and doc.content.startswith("date 2021-13-45")


# --- readers on the samples ------------------------------------------------------------------


def test_text_dump_samples_have_header_dates_and_lose_the_token():
    docs = read(*sorted(PAGES.glob("*.txt")))
    assert [d.header_date for d in docs] == [date(2023, 11, 14), date(2023, 9, 21),
                                             date(2024, 1, 9)]
    for doc in docs:
        assert doc.format == "text-dump"
        assert isinstance(doc.content, str)
        assert not doc.content.lstrip().startswith("date ")
        assert "\n\nTags " in doc.content  # the rest of the page is untouched


def test_text_dump_content_is_the_page_minus_the_token_only(tmp_path):
    page = "Site nav\n\nHeadline\n\nBy A WRITER\nBody paragraph.\n"
    [doc] = read(write(tmp_path / "p.txt", "  date 2022-02-03 " + page))
    assert doc.content == page
    [doc] = read(write(tmp_path / "q.txt", "date 2022-02-03\r\n" + page))
    assert doc.content == page


def test_html_samples_are_raw_bytes_with_charset():
    docs = read(*sorted(PAGES.glob("*.html")))
    assert [d.format for d in docs] == ["html", "html"]
    for doc, path in zip(docs, sorted(PAGES.glob("*.html"))):
        assert doc.content == path.read_bytes()
        assert doc.meta["charset"] == "utf-8"
        assert doc.header_date is None


def test_warc_sample_yields_html_responses_with_offsets():
    docs = read(SAMPLE_WARC)
    assert [d.url for d in docs] == [
        "https://hornobserver.example/somalia/al-shabaab-attack-army-base-lower-shabelle",
        "https://nilewire.example/sudan/army-rsf-agree-seven-day-truce-jeddah"]
    raw = SAMPLE_WARC.read_bytes()
    for doc in docs:
        # the offset is where the record's gzip member starts
        member = zlib.decompressobj(wbits=31).decompress(raw[doc.record_offset:])
        assert member.startswith(b"WARC/1.0")
        assert b"WARC-Type: response" in member and doc.url.encode() in member
        assert doc.content.startswith(b"<!DOCTYPE html>")
        assert doc.header_date is None  # WARC-Date is the crawl, not the publication
        assert doc.meta["crawl_date"].startswith("2023-08-1")
        assert doc.meta["charset"] == "utf-8" and doc.meta["http_status"] == 200


def test_jsonl_sample_records():
    docs = read(PAGES / "07_newsplease_export.jsonl")
    assert [d.record_offset for d in docs] == [1, 2, 3]
    assert [d.header_date for d in docs] == [date(2024, 3, 12), date(2024, 8, 14),
                                             date(2024, 3, 5)]
    first = docs[0]
    assert first.meta["inner_format"] == "text"
    assert first.meta["title"].startswith("Colombian police arrest")
    assert first.meta["authors"] == ["Valentina Ruiz"]
    assert first.meta["language"] == "en"
    assert first.meta["date"] == "2024-03-12 15:30:00"
    assert first.url == first.meta["url"]
    assert first.content.startswith("Colombian police arrested")


def test_jsonl_html_field_wins_over_text(tmp_path):
    line = json.dumps({"url": "u", "date": "2020-01-02T03:04:05Z", "html": HTML.decode(),
                       "text": "short"})
    [doc] = read(write(tmp_path / "e.jsonl", line + "\n"))
    assert doc.meta["inner_format"] == "html" and doc.content == HTML.decode()
    assert doc.header_date == date(2020, 1, 2)


def test_wet_conversion_records(tmp_path):
    body = "Protesters gathered in Warsaw on Sunday.\nPolice said the march was peaceful."
    data = warc_bytes([("conversion", "http://c.example/w", "text/plain",
                        body.encode("utf-8"), None)])
    [doc] = read(write(tmp_path / "x.warc.wet.gz", data))
    assert doc.format == "wet" and doc.content == body and doc.url == "http://c.example/w"
    assert doc.meta["crawl_date"] == "2023-05-01T10:00:00Z"


def test_warc_passes_over_non_pages(tmp_path):
    data = warc_bytes([
        ("response", "http://d.example/logo.png", "image/png", b"\x89PNG....", "200 OK"),
        ("response", "http://d.example/gone", "text/html", HTML, "404 Not Found"),
        ("response", "http://d.example/untyped", None, HTML, "200 OK"),
        ("metadata", "http://d.example/untyped", "application/warc-fields", b"a: b\r\n", None),
        ("response", "http://d.example/ok", "text/html; charset=ISO-8859-1", HTML, "200 OK"),
    ])
    docs = read(write(tmp_path / "mixed.warc.gz", data))
    assert [d.url for d in docs] == ["http://d.example/untyped", "http://d.example/ok"]
    assert docs[1].meta["charset"] == "iso-8859-1"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not available")
def test_seed_page_header_date_and_content():
    [doc] = read(SEED)
    assert doc.format == "text-dump"
    assert doc.header_date == date(2020, 2, 16)
    assert not doc.content.lstrip().startswith("date")
    assert doc.content.startswith("The Jerusalem Post")
    assert doc.content_hash == content_hash(doc.content)


# --- ids -------------------------------------------------------------------------------------


def test_doc_ids_are_deterministic_and_content_based(tmp_path):
    first = [(d.doc_id, d.content_hash) for d in read(PAGES)]
    second = [(d.doc_id, d.content_hash) for d in read(PAGES)]
    assert first == second
    for doc in read(PAGES):
        assert doc.doc_id == doc.content_hash[:16] == content_hash(doc.content)[:16]
    copy = write(tmp_path / "elsewhere.htm", (PAGES / "04_treasury_sanctions.html").read_bytes())
    [original] = read(PAGES / "04_treasury_sanctions.html")
    assert read(copy)[0].doc_id == original.doc_id


def test_skipped_ids_are_stable_and_distinct(tmp_path):
    empty = write(tmp_path / "a.txt", b"")
    other = write(tmp_path / "b.txt", b"")
    ids = [d.doc_id for d in read(empty, other)]
    assert ids == [d.doc_id for d in read(empty, other)]
    assert len(set(ids)) == 2
    assert len({d.content_hash for d in read(empty, other)}) == 2


# --- inputs: directories, globs, stdin ---------------------------------------------------------


def test_directory_is_walked_recursively_in_sorted_order(tmp_path):
    write(tmp_path / "b.txt", "Second page text.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "c.html", HTML)
    write(tmp_path / "a.txt", "First page text.")
    write(tmp_path / ".hidden.txt", "Not a page.")
    write(tmp_path / "README.md", "What these pages are.")
    write(tmp_path / "build.py", "print('made them')")
    docs = read(tmp_path)
    assert [Path(d.source).name for d in docs] == ["a.txt", "b.txt", "c.html"]
    [readme] = read(tmp_path / "README.md")  # named explicitly, it is read like any file
    assert readme.format == "text"


def test_glob_patterns(tmp_path):
    for name in ("x1.txt", "x2.txt", "y.txt"):
        write(tmp_path / name, f"Page {name}.")
    docs = read(tmp_path / "x*.txt")
    assert [Path(d.source).name for d in docs] == ["x1.txt", "x2.txt"]
    docs = read(tmp_path / "**" / "*.txt")
    assert len(docs) == 3


def test_stdin_bytes_are_sniffed_like_files():
    docs = list(read_inputs(["-"], stdin=io.BytesIO(SAMPLE_WARC.read_bytes())))
    assert [d.format for d in docs] == ["warc", "warc"] and docs[0].source == "<stdin>"
    [doc] = list(read_inputs(["-"], stdin=io.BytesIO(b"date 2020-05-06 Headline\n\nBody.")))
    assert doc.format == "text-dump" and doc.header_date == date(2020, 5, 6)
    assert doc.content == "Headline\n\nBody."


def test_missing_inputs_raise_at_once(tmp_path):
    with pytest.raises(FileNotFoundError, match="input not found"):
        read_inputs([str(tmp_path / "nope.txt")])
    with pytest.raises(FileNotFoundError, match="no file matches"):
        read_inputs([str(tmp_path / "*.nothing")])


# --- bad input never raises -----------------------------------------------------------------------


def test_empty_and_whitespace_files(tmp_path):
    empty, blank = read(write(tmp_path / "e.txt", b""), write(tmp_path / "w.txt", b" \n\t\n"))
    assert empty.skip_reason == "empty file"
    assert blank.skip_reason == "empty file (only whitespace)"
    assert empty.content == b""


def test_binary_junk(tmp_path):
    junk = bytes((i * 7919) % 256 for i in range(5000))
    [doc] = read(write(tmp_path / "junk.txt", junk))
    assert doc.skip_reason.startswith("binary content (")
    assert "% control bytes) - not a text, HTML, WARC or JSONL page" in doc.skip_reason
    [png] = read(write(tmp_path / "img.html", b"\x89PNG\r\n\x1a\n" + junk))
    assert png.skip_reason.startswith("binary content (PNG image)")


def test_utf16_with_bom_is_text_not_binary(tmp_path):
    [doc] = read(write(tmp_path / "u16.txt", TEXT.encode("utf-16")))
    assert doc.skip_reason is None and doc.content == TEXT


def cut_sample_warc(tmp_path, where: float) -> tuple[Path, list]:
    whole = read(SAMPLE_WARC)
    data = SAMPLE_WARC.read_bytes()
    second = whole[1].record_offset
    cut = second + int((len(data) - second) * where)
    return write(tmp_path / "cut.warc.gz", data[:cut]), whole


@pytest.mark.parametrize("where", [0.05, 0.5, 0.95])
def test_truncated_warc_gz_keeps_records_before_the_cut(tmp_path, where):
    path, whole = cut_sample_warc(tmp_path, where)
    docs = read(path)
    assert len(docs) == 2
    assert docs[0].skip_reason is None and docs[0].doc_id == whole[0].doc_id
    assert docs[1].skip_reason.startswith(f"truncated WARC record at offset "
                                          f"{whole[1].record_offset}: ")
    assert docs[1].content == b"" and docs[1].record_offset == whole[1].record_offset


def test_truncated_plain_warc(tmp_path):
    data = warc_bytes([("response", "http://e.example/1", "text/html", HTML, "200 OK"),
                       ("response", "http://e.example/2", "text/html", HTML * 20, "200 OK")],
                      gz=False)
    docs = read(write(tmp_path / "cut.warc", data[:-300]))
    assert docs[0].skip_reason is None and docs[0].url == "http://e.example/1"
    assert docs[1].skip_reason.startswith("truncated WARC record at offset")
    assert docs[1].url == "http://e.example/2"


def test_bad_file_does_not_stop_the_batch(tmp_path):
    write(tmp_path / "1.txt", b"")
    write(tmp_path / "2.bin", bytes(range(256)) * 10)
    write(tmp_path / "3.warc.gz", SAMPLE_WARC.read_bytes()[:700])
    write(tmp_path / "4.txt", TEXT)
    docs = read(tmp_path)
    assert [d.skip_reason is None for d in docs][-1] is True
    assert docs[-1].content == TEXT
    assert sum(d.skip_reason is not None for d in docs) == 3


def test_latin1_text_is_decoded(tmp_path):
    text = ("Le président a déclaré à Genève que la réunion était terminée.\n"
            "Café owners in São Paulo protested on Tuesday, said José Müller.\n")
    [doc] = read(write(tmp_path / "latin1.txt", text.encode("latin-1")))
    assert doc.skip_reason is None and doc.content == text
    [dump] = read(write(tmp_path / "d.txt", ("date 2019-07-01 " + text).encode("latin-1")))
    assert dump.format == "text-dump" and dump.content == text


def test_declared_charset_and_cyrillic_detection():
    from eventwire.sources import decode_text

    text = "Президент заявил во вторник, что переговоры в Москве завершились."
    assert decode_text(text.encode("cp1251"))[0] == text
    assert decode_text("Zürich".encode("latin-1"), declared="iso-8859-1") == ("Zürich", "cp1252")


def test_50mb_page_is_skipped_without_being_read(tmp_path):
    path = tmp_path / "huge.html"
    with open(path, "wb") as f:
        f.write(b"<!DOCTYPE html><html><body>" + b"<p>filler text</p>\n" * 8000)
        f.seek(50_000_000 - 1)
        f.write(b">")
    tracemalloc.start()
    [doc] = read(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert doc.skip_reason == ("page is 50.0 MB, over the 10 MB limit "
                               "(raise --max-bytes to read it)")
    assert doc.content == b""
    assert peak < 2_000_000  # the head only, not the page


def test_max_bytes_is_configurable_and_applies_per_record(tmp_path):
    big = b"<html><body>" + b"<p>word</p>" * 300 + b"</body></html>"
    [doc] = read(write(tmp_path / "p.html", big), max_bytes=1000)
    assert doc.skip_reason.startswith("page is 0.0 MB, over the 0.001 MB limit")
    [gz] = read(write(tmp_path / "p.html.gz", gzip.compress(big)), max_bytes=1000)
    assert gz.skip_reason is not None and "over the 0.001 MB limit" in gz.skip_reason
    data = warc_bytes([("response", "http://f.example/big", "text/html", big, "200 OK"),
                       ("response", "http://f.example/small", "text/html", HTML, "200 OK")])
    docs = read(write(tmp_path / "c.warc.gz", data), max_bytes=1000)
    assert docs[0].skip_reason.startswith("page is") and docs[0].url == "http://f.example/big"
    assert docs[1].skip_reason is None and docs[1].url == "http://f.example/small"
    assert docs[0].doc_id != docs[1].doc_id


def test_bad_jsonl_lines_are_skipped_and_good_lines_pass(tmp_path):
    good = json.dumps({"url": "http://g.example/1", "date_publish": "2024-01-01 10:00:00",
                       "title": "Good", "maintext": TEXT})
    lines = [good, '{"url": "http://g.example/2", "title": ', "", "[1, 2]",
             json.dumps({"url": "http://g.example/3"}),
             good.replace("/1", "/4")]
    docs = read(write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n"))
    assert [(d.record_offset, d.skip_reason is None) for d in docs] == [
        (1, True), (2, False), (4, False), (5, False), (6, True)]
    assert docs[1].skip_reason.startswith("line 2 is not valid JSON: ")
    assert docs[2].skip_reason == "line 4 holds a JSON list, not an object"
    assert docs[3].skip_reason == "line 5 has no text, maintext or html field"
    assert docs[4].url == "http://g.example/4"


def test_jsonl_with_broken_first_line_is_still_jsonl(tmp_path):
    good = json.dumps({"url": "http://h.example/1", "text": TEXT})
    docs = read(write(tmp_path / "x.jsonl", '{"url": "broken\n' + good + "\n"))
    assert [d.format for d in docs] == ["jsonl", "jsonl"]
    assert docs[0].skip_reason and docs[1].content == TEXT


def test_unreadable_file_is_skipped_with_reason(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", TEXT)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sources, "open", refuse, raising=False)
    [doc] = read(path)
    assert doc.skip_reason == "cannot read file: Permission denied"
    assert doc.source == os.path.normpath(str(path))


def test_broken_payload_encoding_costs_one_record(tmp_path):
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"),
                                       ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "http://i.example/bad", "response", payload=io.BytesIO(b"\x1f\x8b\x08\x00garbage"),
        http_headers=http))
    data = buf.getvalue() + warc_bytes([("response", "http://i.example/ok", "text/html", HTML,
                                         "200 OK")])
    docs = read(write(tmp_path / "enc.warc.gz", data))
    assert [d.url for d in docs] == ["http://i.example/bad", "http://i.example/ok"]
    # warcio yields nothing for a payload it cannot decode; the record is skipped, not lost
    assert docs[0].skip_reason == "empty or undecodable HTTP payload"
    assert docs[0].record_offset == 0
    assert docs[1].skip_reason is None and docs[1].content == HTML
