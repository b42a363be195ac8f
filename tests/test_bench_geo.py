"""The geo benchmark's gold-toponym scoring on a small corpus written for these tests (in
GeoVirus' format): accuracy at 161 km and the reachable ceiling beside it."""

from __future__ import annotations

from eventwire.bench import geo as bench

# Paris the French capital, and a town name the gazetteer holds nowhere near its gold point
# (Springfield placed in the middle of the Pacific): the pick misses it and so does every
# candidate, so neither score counts it.
CORPUS = """<articles>
<article><text>Talks opened in Paris on Monday while crowds gathered in Springfield.</text>
<locations>
<location><name>Paris</name><start>16</start><end>21</end><lat>48.8534</lat><lon>2.3488</lon></location>
<location><name>Springfield</name><start>57</start><end>68</end><lat>0.0</lat><lon>-150.0</lon></location>
</locations></article>
</articles>
"""


def test_reachable_ceiling_is_reported_beside_accuracy(tmp_path, monkeypatch):
    (tmp_path / "geovirus").mkdir()
    (tmp_path / "geovirus" / "GeoVirus.xml").write_text(CORPUS, encoding="utf-8")
    monkeypatch.setattr(bench, "EVAL", tmp_path)
    plain = bench.evaluate("geovirus", "dev")
    with_ceiling = bench.evaluate("geovirus", "dev", reachable=True)
    assert plain["toponyms"] == 2 and plain["acc@161"] == 50.0
    assert "reachable@161" not in plain and "toponyms_per_s" in plain
    assert with_ceiling["acc@161"] == 50.0 and with_ceiling["reachable@161"] == 50.0


def test_a_candidate_near_gold_counts_as_reachable_though_not_picked(tmp_path, monkeypatch):
    # Gold puts "Paris" in Texas: the stage picks the French capital (a miss), but the
    # gazetteer holds Paris, Texas, so a better ranking could have placed it.
    corpus = CORPUS.replace("<lat>48.8534</lat><lon>2.3488</lon>", "<lat>33.6609</lat><lon>-95.5555</lon>")
    (tmp_path / "geovirus").mkdir()
    (tmp_path / "geovirus" / "GeoVirus.xml").write_text(corpus, encoding="utf-8")
    monkeypatch.setattr(bench, "EVAL", tmp_path)
    scores = bench.evaluate("geovirus", "dev", reachable=True)
    assert scores["acc@161"] == 0.0
    assert scores["reachable@161"] == 50.0
