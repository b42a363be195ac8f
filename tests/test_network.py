"""The actor network and profiles over a small store built by the pipeline from pages written
for these tests: graph edges, weights, dates and evidence; the profile; JSON, GraphML and GEXF
exports read back with networkx; the `actor` and `network` commands."""

from __future__ import annotations

import json

import duckdb
import networkx as nx
import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.ingest import ingest
from eventwire.store.network import actor_profile, around, build_graph, find_actor

PAGES = {
    "a": ("2021-03-01", "Rockets hit a base near Baghdad", [
        "Kataib Hezbollah fired rockets at a US base near Baghdad on Monday, officials said.",
        "The leader of Kataib Hezbollah, Abu Mahdi al-Muhandis, praised the attack.",
        "The United States sanctioned Kataib Hezbollah in 2009."]),
    "b": ("2021-04-12", "Militia attacks convoy in Iraq", [
        "Kataib Hezbollah attacked a US convoy near Basra on Sunday.",
        "US forces arrested two Kataib Hezbollah members in Basra on Tuesday."]),
    "c": ("2021-05-20", "Hezbollah leader speaks", [
        "The leader of Hezbollah, Hassan Nasrallah, threatened Israel in a speech in Beirut.",
        "Israel struck Hezbollah positions in southern Lebanon on Friday."]),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("pages")
    for key, (day, title, paragraphs) in PAGES.items():
        text = (f" date {day} Daily Wire Home World Politics\n\n{title}\n\nBy JANE DOE\n\n"
                + "\n\n".join(paragraphs) + "\n\nMost Read\nSubscribe to our newsletter\n")
        (folder / f"page_{key}.txt").write_text(text, encoding="utf-8")
    path = str(folder / "store.duckdb")
    ingest([str(folder)], path, progress=False)
    return path


@pytest.fixture
def con(db):
    c = duckdb.connect(db, read_only=True)
    yield c
    c.close()


def test_graph_holds_relations_and_event_interactions(con):
    g = build_graph(con)
    lead = g.edges["abu-mahdi-al-muhandis", "kataib-hezbollah", "relation:leader_of"]
    assert (lead["kind"], lead["weight"], lead["first_seen"]) == ("relation", 1, "2021-03-01")
    assert lead["evidence"][0]["text"] == PAGES["a"][2][1]
    assert g.has_edge("USA", "kataib-hezbollah", "relation:sanctions")
    assert g.has_edge("hassan-nasrallah", "hezbollah", "relation:leader_of")
    # the same interaction in two articles is one edge of weight 2 spanning both dates
    attack = g.edges["kataib-hezbollah", "USA", "event:ASSAULT"]
    assert attack["weight"] == 2 and len(attack["documents"]) == 2
    assert attack["first_seen"] == "2021-03-01" and attack["last_seen"].startswith("2021-04")
    assert all(e["text"] in " ".join(PAGES["a"][2] + PAGES["b"][2]) for e in attack["evidence"])
    assert g.nodes["kataib-hezbollah"]["country"] == "IRQ"
    assert g.nodes["hezbollah"]["kind"] == "armed_group"


def test_around_cuts_the_neighbourhood_by_depth(con):
    g = build_graph(con)
    assert set(around(g, "hassan-nasrallah", 1)) == {"hassan-nasrallah", "hezbollah"}
    two = set(around(g, "hassan-nasrallah", 2))
    assert "ISR" in two and "kataib-hezbollah" not in two
    assert around(g, "nobody", 2).number_of_nodes() == 0


def test_find_actor_by_id_alias_spelling_and_part_of_name(con):
    assert find_actor(con, "kataib-hezbollah") == "kataib-hezbollah"
    assert find_actor(con, "Kata'ib Hizballah") == "kataib-hezbollah"
    assert find_actor(con, "nasrallah") == "hassan-nasrallah"
    assert find_actor(con, "Nobody Known") is None


def test_actor_profile(con):
    p = actor_profile(con, "Kataib Hizballah")
    assert (p["actor_id"], p["kind"], p["country"], p["sector"]) == (
        "kataib-hezbollah", "armed_group", "IRQ", "REB")
    assert "KH" in p["aliases"]
    assert p["parent"] == {"actor_id": "popular-mobilization-forces", "name": "Popular Mobilization Forces"}
    assert p["documents"] == 2
    rels = {(r["direction"], r["predicate"], r["other_id"]) for r in p["relations"]}
    assert {("in", "leader_of", "abu-mahdi-al-muhandis"), ("in", "sanctions", "USA")} <= rels
    source = {(r["month"], r["event_type"]) for r in p["events"]["as_source"]}
    assert {("2021-03", "ASSAULT"), ("2021-04", "ASSAULT")} <= source
    assert any(r["event_type"] == "SANCTION" for r in p["events"]["as_target"])
    assert p["counterparts"][0] == {"actor_id": "USA", "name": "United States",
                                    "their_role": "target", "count": 2}
    assert actor_profile(con, "Nobody Known") is None


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_command_exports_a_graph_networkx_reads_back(db, tmp_path, fmt):
    out = tmp_path / f"net.{fmt}"
    r = CliRunner().invoke(main, ["network", "--db", db, "--around", "Kataib Hezbollah",
                                  "--depth", "1", "--format", fmt, "--out", str(out)])
    assert r.exit_code == 0, r.output
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert {"kataib-hezbollah", "USA", "abu-mahdi-al-muhandis"} <= set(g.nodes)
    assert "hezbollah" not in g  # two hops away through nobody: not in a depth-1 cut
    if fmt == "graphml":
        edges = {(u, v, k): d for u, v, k, d in g.edges(keys=True, data=True)}
        attack = edges["kataib-hezbollah", "USA", "event:ASSAULT"]
        assert int(attack["weight"]) == 2 and attack["first_seen"] == "2021-03-01"
        assert json.loads(attack["evidence"])[0]["doc_id"]


def test_network_command_json_and_actor_command(db):
    r = CliRunner().invoke(main, ["network", "--db", db, "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert {"hezbollah", "ISR", "kataib-hezbollah"} <= {n["id"] for n in data["nodes"]}
    assert any(e["key"] == "relation:leader_of" and e["source"] == "hassan-nasrallah"
               for e in data["edges"])
    r = CliRunner().invoke(main, ["actor", "Nasrallah", "--db", db])
    assert r.exit_code == 0, r.output
    assert "Hassan Nasrallah  [hassan-nasrallah]" in r.output
    assert "Hassan Nasrallah leader_of Hezbollah" in r.output
    r = CliRunner().invoke(main, ["actor", "hezbollah", "--db", db, "--format", "json"])
    assert json.loads(r.stdout)["actor_id"] == "hezbollah"
    r = CliRunner().invoke(main, ["actor", "Nobody Known", "--db", db])
    assert r.exit_code != 0 and "no actor matches" in r.output
