"""The Python API: eventwire.process() and Pipeline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import eventwire
from eventwire.pipeline import DEFAULT_STAGES, Pipeline
from eventwire.sources import read_inputs
from tests.conftest import write_pages

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "pages"

TEXT = ("Turkish police detained 14 people in Istanbul on Tuesday, the interior ministry said.\n\n"
        "Officers seized weapons during the raids, according to the statement.")


def test_process_a_path():
    result = eventwire.process(str(SAMPLES / "03_istanbul_arrests.txt"))
    assert result.article.title and result.article.paragraphs
    assert result.events, "the sample reports arrests"
    assert all(e.evidence == result.article.text[e.evidence_start:e.evidence_end]
               for e in result.events)


def test_process_text_with_a_date_resolves_relative_dates():
    result = eventwire.process(TEXT, date="2024-01-11")
    assert result.document.header_date == date(2024, 1, 11)
    arrests = [e for e in result.events if e.event_type == "COERCE"]
    assert arrests
    # "on Tuesday" before Thursday 2024-01-11 is 2024-01-09
    assert arrests[0].time.start == date(2024, 1, 9)
    assert result.places, "Istanbul is resolved"


def test_same_input_same_ids():
    a = eventwire.process(TEXT, date=date(2024, 1, 11))
    b = eventwire.process(TEXT, date=date(2024, 1, 11))
    assert a.doc_id == b.doc_id
    assert [e.event_id for e in a.events] == [e.event_id for e in b.events]


def test_pipeline_batch_is_pure_and_matches_single_processing(tmp_path):
    paths = write_pages(tmp_path / "p", 3)
    docs = list(read_inputs([str(p) for p in paths]))
    pipe = Pipeline()
    assert pipe.stage_names == list(DEFAULT_STAGES)
    batch = pipe.process_batch(docs)
    single = [pipe.process(d) for d in list(read_inputs([str(p) for p in paths]))]
    assert [len(r.events) for r in batch] == [len(r.events) for r in single]
    assert [sorted(e.event_id for e in r.events) for r in batch] == \
        [sorted(e.event_id for e in r.events) for r in single]
    assert all(r.spacy_doc is None for r in batch), "the spaCy Doc never leaves the worker"


def test_pipeline_subset_of_stages():
    docs = list(read_inputs([str(SAMPLES / "01_red_sea_threat.txt")]))
    result = Pipeline(["extract"]).process(docs[0])
    assert result.article is not None and result.sentences == [] and result.events == []
