"""Every bundled sample page is readable, and the sample set covers what it promises."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from eventwire.sources import read_inputs

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PAGES = sorted(p for p in (SAMPLES / "pages").iterdir() if not p.name.startswith("."))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_sample_yields_documents_without_skips(path):
    docs = list(read_inputs([str(path)]))
    assert docs, f"{path.name} yielded no Document"
    assert [d.skip_reason for d in docs] == [None] * len(docs)
    assert all(d.content for d in docs)


def test_samples_cover_formats_and_count():
    docs = list(read_inputs([str(SAMPLES / "pages")]))
    assert len(docs) >= 8
    formats = {d.format for d in docs}
    assert {"text-dump", "html", "warc", "jsonl"} <= formats
    assert sum(d.format == "text-dump" for d in docs) >= 3
    assert sum(d.format == "html" for d in docs) >= 2
    assert sum(d.format == "warc" for d in docs) >= 2
    assert sum(d.format == "jsonl" for d in docs) >= 2
    assert len({d.doc_id for d in docs}) == len(docs)


def test_readme_lists_every_sample_file():
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    for path in PAGES:
        assert f"pages/{path.name}" in readme


def test_make_warc_rebuilds_the_committed_file_byte_for_byte(tmp_path):
    spec = importlib.util.spec_from_file_location("make_warc", SAMPLES / "make_warc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rebuilt = module.write_crawl(tmp_path / "crawl.warc.gz")
    assert rebuilt.read_bytes() == (SAMPLES / "pages" / "06_crawl.warc.gz").read_bytes()


def test_samples_folder_reads_as_its_pages_only():
    whole = [d.doc_id for d in read_inputs([str(SAMPLES)])]
    assert whole == [d.doc_id for d in read_inputs([str(SAMPLES / "pages")])]
