"""The CLI is a thin shell: each command on a small store, and its help and errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from tests.conftest import write_pages


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli")
    pages = base / "pages"
    write_pages(pages, 4)
    db = base / "e.duckdb"
    result = CliRunner().invoke(main, ["run", str(pages), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db, result.output


def test_run_prints_a_summary(store):
    _, output = store
    assert "read 4 documents: 4 new" in output
    assert "store now holds:" in output


def test_every_command_has_help():
    runner = CliRunner()
    for cmd in ["run", "extract", "events", "actors", "relations", "show", "export", "bench"]:
        result = runner.invoke(main, [cmd, "--help"])
        assert result.exit_code == 0, cmd
        assert "Usage:" in result.output and len(result.output) > 200, cmd


def test_events_in_json_and_csv(store):
    db, _ = store
    runner = CliRunner()
    out = runner.invoke(main, ["events", "--db", str(db), "--format", "json", "--limit", "0"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert rows and all(r["evidence"]["sentence"] for r in rows)
    assert all(r["modality"] in ("asserted", "claimed") for r in rows)
    out = runner.invoke(main, ["events", "--db", str(db), "--format", "csv", "--limit", "0"])
    parsed = list(csv.DictReader(io.StringIO(out.output)))
    assert len(parsed) == len(rows)
    assert {"type", "source", "target", "place", "lat", "lon", "date_start", "evidence"} <= set(parsed[0])
    assert all(r["type"] for r in parsed)


def test_events_filters_narrow_the_result(store):
    db, _ = store
    runner = CliRunner()
    everything = json.loads(runner.invoke(main, ["events", "--db", str(db), "--format", "json",
                                                 "--modality", "all"]).output)
    types = {r["type"] for r in everything}
    one = sorted(types)[0]
    only = json.loads(runner.invoke(main, ["events", "--db", str(db), "--format", "json",
                                           "--type", one, "--modality", "all"]).output)
    assert only and {r["type"] for r in only} == {one}
    none = json.loads(runner.invoke(main, ["events", "--db", str(db), "--format", "json",
                                           "--until", "1900-01-01"]).output)
    assert none == []
    bad = runner.invoke(main, ["events", "--db", str(db), "--since", "yesterday"])
    assert bad.exit_code != 0 and "YYYY-MM-DD" in bad.output


def test_show_and_extract(store, tmp_path):
    db, _ = store
    runner = CliRunner()
    doc_id = json.loads(runner.invoke(main, ["events", "--db", str(db), "--format", "json",
                                             "--limit", "1"]).output)[0]["doc_id"]
    shown = runner.invoke(main, ["show", doc_id[:8], "--db", str(db)])
    assert shown.exit_code == 0 and "title:" in shown.output and "events (" in shown.output
    as_json = json.loads(runner.invoke(main, ["show", doc_id, "--db", str(db), "--format",
                                              "json"]).output)
    assert as_json["document"]["doc_id"] == doc_id and as_json["events"]
    page = write_pages(tmp_path / "one", 1)[0]
    out = runner.invoke(main, ["extract", str(page)])
    row = json.loads(out.output.splitlines()[0])
    assert row["title"].startswith("Clashes reported near")
    assert row["published"].startswith("2021-03-01")
    assert "Most Read" not in row["body"] and row["skipped_reason"] is None


def test_actors_relations_export(store, tmp_path):
    db, _ = store
    runner = CliRunner()
    out = runner.invoke(main, ["actors", "--db", str(db), "--format", "json"])
    assert out.exit_code == 0
    assert json.loads(out.output), "the pages name actors"
    assert runner.invoke(main, ["relations", "--db", str(db)]).exit_code == 0
    out = runner.invoke(main, ["export", "--db", str(db), "--format", "parquet", "--out",
                               str(tmp_path / "x")])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "x" / "events.parquet").exists()


def test_missing_inputs_and_store_give_clear_errors(tmp_path):
    runner = CliRunner()
    out = runner.invoke(main, ["run", str(tmp_path / "nope"), "--db", str(tmp_path / "a.duckdb")])
    assert out.exit_code != 0 and "nope" in out.output
    out = runner.invoke(main, ["events", "--db", str(tmp_path / "missing.duckdb")])
    assert out.exit_code != 0 and "eventwire run" in out.output
    out = runner.invoke(main, ["run", str(tmp_path), "--stages", "extract,nonsense"])
    assert out.exit_code != 0 and "nonsense" in out.output
