"""Event-data exports (PLOVER JSON Lines, ACLED-style CSV, GDELT-style TSV) of a store built by
the real pipeline over pages written for this test, read back with json and csv."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.events import ontology
from eventwire.export.acled import inter_code, time_precision
from eventwire.export.gdelt import geo_type
from eventwire.export.records import admin1_name, parse_modality

IRAQ_PAGE = """ date 2022-05-10 Example Wire Home World Politics

Fighting flares again in northern Iraq

By JOHN ROE

Rebel fighters attacked an army checkpoint in Mosul on May 8, officials said. Two soldiers were wounded in the exchange of fire.

Police arrested five protesters in Baghdad on Monday after a march against power cuts.

The Iraqi foreign minister met the Turkish ambassador in Baghdad on Tuesday to discuss water sharing.

A commander warned that the militants may attack Kirkuk next month if talks fail.

Most Read
Subscribe to our newsletter
Copyright 2022 Example Wire
"""

KENYA_PAGE = """ date 2021-11-03 Daily Report Home Africa Politics

Thousands march in Nairobi over fuel prices

By MARY DOE

Thousands of students protested in Nairobi on Tuesday against rising fuel prices, witnesses said. The crowd marched peacefully to parliament and later dispersed.

The Kenyan government did not arrest any of the organisers, a spokesman said.

Kenya and Ethiopia signed a trade agreement in Addis Ababa on November 1.

Most Read
Subscribe to our newsletter
Copyright 2021 Daily Report
"""

MOSUL = "Rebel fighters attacked an army checkpoint in Mosul"
ARREST = "Police arrested five protesters in Baghdad"
MEETING = "The Iraqi foreign minister met the Turkish ambassador"
KIRKUK = "may attack Kirkuk"
NO_ARREST = "did not arrest any of the organisers"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    base = tmp_path_factory.mktemp("export")
    pages = base / "pages"
    pages.mkdir()
    (pages / "iraq.txt").write_text(IRAQ_PAGE, encoding="utf-8")
    (pages / "kenya.txt").write_text(KENYA_PAGE, encoding="utf-8")
    path = base / "e.duckdb"
    result = CliRunner().invoke(main, ["run", str(pages), "--db", str(path), "-q"])
    assert result.exit_code == 0, result.output
    return path


def _export(db, tmp_path, fmt, *extra):
    out = tmp_path / fmt
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt,
                                       "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out, result.output


def _plover(db, tmp_path, *extra):
    out, _ = _export(db, tmp_path, "plover", *extra)
    with (out / "events.plover.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _one(rows, key, fragment):
    hits = [r for r in rows if fragment in (r[key] or "")]
    assert hits, f"no row whose {key} holds {fragment!r}"
    return hits


# --- PLOVER --------------------------------------------------------------------------------


def test_plover_records_carry_type_date_place_actors_and_provenance(db, tmp_path):
    records = _plover(db, tmp_path)
    attack = next(r for r in _one(records, "text", MOSUL) if r["event_type"] == "ASSAULT")
    assert attack["date"] == "2022-05-08" and attack["date_end"] == "2022-05-08"
    assert attack["date_precision"] == "day" and attack["date_source"] == "text"
    assert attack["source_country"] == "IRQ" and attack["source_sector"] == "REB"
    assert attack["source_actor"] == "IRQ REB"
    assert attack["source_text"] == "Rebel fighters"
    loc = attack["location"]
    assert loc["name"] == "Mosul" and loc["country"] == "IRQ" and loc["precision"] == "city"
    assert loc["lat"] == pytest.approx(36.34, abs=0.05) and loc["lon"] == pytest.approx(43.12, abs=0.05)
    assert isinstance(loc["geonameid"], int) and loc["place_id"] == f"gn:{loc['geonameid']}"
    assert loc["admin1"] == "Nineveh Governorate"  # named, not GeoNames' "IQ.15"
    assert attack["text"] == "Rebel fighters attacked an army checkpoint in Mosul on May 8, officials said."
    assert attack["cameo_root"] == ontology.cameo_root("ASSAULT", attack["mode_eventwire"])
    assert attack["quad_class"] == 4 and attack["plv_code"] == "ASSAULT"
    prov = attack["provenance"]
    assert prov["published"].startswith("2022-05-10") and prov["url"].endswith("iraq.txt")
    assert prov["evidence_end"] - prov["evidence_start"] == len(attack["text"])
    assert attack["version"] == ontology.version()
    assert attack["context"] == []


def test_plover_default_is_realised_and_modality_selects(db, tmp_path):
    realised = _plover(db, tmp_path)
    assert realised and {r["modality"] for r in realised} <= {"asserted", "claimed"}
    # The warning is realised (THREATEN); the attack it speaks of is not.
    assert not [r for r in realised if KIRKUK in r["text"] and r["event_type"] == "ASSAULT"]
    assert not [r for r in realised if NO_ARREST in r["text"]]
    everything = _plover(db, tmp_path, "--modality", "all")
    assert len(everything) > len(realised)
    assert {r["modality"] for r in _one(everything, "text", NO_ARREST)} == {"negated"}
    hypothetical = _plover(db, tmp_path, "--modality", "hypothetical")
    assert hypothetical and all(r["modality"] == "hypothetical" for r in hypothetical)
    assert any(KIRKUK in r["text"] and r["event_type"] == "ASSAULT" for r in hypothetical)


def test_plover_mode_undoes_eventwire_refinements(db, tmp_path):
    arrest = next(r for r in _one(_plover(db, tmp_path), "text", ARREST)
                  if r["event_type"] == "COERCE")
    assert arrest["mode_eventwire"] == "arrest" and arrest["mode"] == "arrest"
    assert arrest["source_actor"] == "IRQ COP" and arrest["date"] == "2022-05-09"


# --- ACLED ---------------------------------------------------------------------------------


def test_acled_rows_and_events_without_acled_type_left_out(db, tmp_path):
    out, output = _export(db, tmp_path, "acled")
    with (out / "events.acled.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {"event_date", "event_type", "sub_event_type", "actor1", "actor2", "country",
            "admin1", "location", "latitude", "longitude", "geo_precision", "time_precision",
            "source", "notes", "fatalities"} <= set(rows[0])
    # Talks are not ACLED events: the meeting is in the PLOVER file but not here.
    assert _one(_plover(db, tmp_path), "text", MEETING)
    assert not [r for r in rows if MEETING in r["notes"]]
    assert "left out: their type has no ACLED event type" in output
    arrest = next(r for r in _one(rows, "notes", ARREST)
                  if r["sub_event_type"] == "Arrests")
    assert arrest["event_type"] == "Strategic developments"
    assert arrest["event_date"] == "2022-05-09" and arrest["year"] == "2022"
    assert arrest["time_precision"] == "1" and arrest["geo_precision"] == "1"
    assert arrest["country"] == "Iraq" and arrest["iso"] == "368"
    assert arrest["location"] == "Baghdad" and arrest["admin1"] == "Baghdad Governorate"
    assert float(arrest["latitude"]) == pytest.approx(33.34, abs=0.05)
    assert float(arrest["longitude"]) == pytest.approx(44.40, abs=0.05)
    assert arrest["inter1"] == "1" and arrest["actor1"] == "Iraq police"  # state forces
    assert arrest["fatalities"] == "" and arrest["source"].endswith("iraq.txt")
    protest = next(r for r in _one(rows, "notes", "students protested")
                   if r["event_type"] == "Protests")
    assert protest["sub_event_type"] == "Peaceful protest" and protest["inter1"] == "6"
    assert protest["country"] == "Kenya" and protest["location"] == "Nairobi"
    # Default modality: the hypothetical attack and the negated arrest stay out.
    assert not [r for r in rows if KIRKUK in r["notes"] or NO_ARREST in r["notes"]]


# --- GDELT ---------------------------------------------------------------------------------


def test_gdelt_tsv_with_header_and_cameo_roots(db, tmp_path):
    out, _ = _export(db, tmp_path, "gdelt")
    with (out / "events.gdelt.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    plover = {r["id"]: r for r in _plover(db, tmp_path)}
    assert {r["GLOBALEVENTID"] for r in rows} == set(plover)  # the same realised events
    attack = next(r for r in rows if plover[r["GLOBALEVENTID"]]["event_type"] == "ASSAULT"
                  and MOSUL in plover[r["GLOBALEVENTID"]]["text"])
    root = attack["EventRootCode"]
    assert root in ("18", "19") and attack["EventCode"] == attack["EventBaseCode"] == root + "0"
    assert attack["QuadClass"] == "4" and float(attack["GoldsteinScale"]) <= -9.0
    assert attack["SQLDATE"] == "20220508"
    assert attack["Actor1Code"] == "IRQREB" and attack["Actor1CountryCode"] == "IRQ"
    assert attack["ActionGeo_Type"] == "4"  # a city outside the US
    assert attack["ActionGeo_CountryCode"] == "IZ"  # FIPS, as GDELT writes it
    assert attack["ActionGeo_FullName"] == "Mosul, Nineveh Governorate, Iraq"
    assert float(attack["ActionGeo_Lat"]) == pytest.approx(36.34, abs=0.05)
    assert attack["IsRootEvent"] == "1"  # the lead paragraph's first sentence
    assert attack["SOURCEURL"].endswith("iraq.txt")
    meeting = next(r for r in rows if MEETING in plover[r["GLOBALEVENTID"]]["text"])
    assert meeting["EventRootCode"] == "04" and meeting["QuadClass"] == "1"
    assert meeting["IsRootEvent"] == "0"


def test_export_help_and_bad_modality():
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--help"])
    assert result.exit_code == 0
    for word in ("plover", "acled", "gdelt", "--modality", "events.acled.csv"):
        assert word in result.output
    bad = runner.invoke(main, ["export", "--format", "plover", "--out", "x", "--modality", "maybe"])
    assert bad.exit_code == 2 and "unknown modality" in bad.output


# --- the mappings on their own -----------------------------------------------------------------


def _row(**kw):
    base = {f"{role}_{k}": None for role in ("source", "target")
            for k in ("actor_id", "text", "kind", "country", "sector")}
    base["place_country"] = "SYR"
    base.update(kw)
    return base


def test_inter_codes():
    assert inter_code(_row(source_actor_id="SYR-MIL", source_sector="MIL", source_country="SYR"),
                      "source", "Battles") == 1
    assert inter_code(_row(source_actor_id="TUR-MIL", source_sector="MIL", source_country="TUR"),
                      "source", "Battles") == 8  # state forces abroad are external forces
    assert inter_code(_row(source_actor_id="x", source_sector="REB"), "source", "Battles") == 2
    assert inter_code(_row(source_actor_id="x", source_sector="UAF"), "source", "Battles") == 3
    assert inter_code(_row(source_text="students", source_sector="EDU"), "source", "Riots") == 5
    assert inter_code(_row(target_actor_id="SYR-CVL", target_sector="CVL"), "target",
                      "Violence against civilians") == 7
    assert inter_code(_row(source_actor_id="p", source_kind="person"), "source", "Battles") is None
    assert inter_code(_row(), "target", "Battles") is None  # no actor at all


def test_precisions_and_geo_types():
    assert time_precision("day", "text") == 1
    assert time_precision("week", "text") == 2
    assert time_precision("day", "publication") == 2
    assert time_precision("month", "text") == time_precision(None, None) == 3
    assert geo_type("city", "IRQ") == 4 and geo_type("city", "USA") == 3
    assert geo_type("admin1", "USA") == 2 and geo_type("admin1", "IRQ") == 5
    assert geo_type("country", "IRQ") == 1 and geo_type(None, None) == ""


def test_modality_spec_and_admin1_names():
    assert parse_modality("realised") == ("asserted", "claimed")
    assert parse_modality("all") is None
    assert parse_modality("negated, hypothetical") == ("negated", "hypothetical")
    with pytest.raises(ValueError):
        parse_modality("perhaps")
    assert admin1_name("Kirkuk", "IRQ", None, None) == "Kirkuk"  # already a name
    assert admin1_name("IQ.99", "IRQ", 0.0, 0.0) is None  # a code no city point names
    assert admin1_name(None, "IRQ", 1.0, 1.0) is None


def test_event_dates_are_dates():
    # The row loader hands real dates to the writers (SQLDATE and event_date rely on it).
    import duckdb

    from eventwire.export.records import event_rows
    from eventwire.store.schema import create_all

    con = duckdb.connect()
    create_all(con)
    con.execute("INSERT INTO events (event_id, doc_id, event_type, modality, evidence, "
                "time_start, time_end) VALUES ('e1', 'd1', 'PROTEST', 'asserted', 's', "
                "DATE '2020-02-03', DATE '2020-02-03')")
    (row,) = event_rows(con)
    assert row["time_start"] == date(2020, 2, 3) and row["place_admin1_name"] is None
