"""End to end on the real seed page against its gold annotation (../shared)."""

from __future__ import annotations

from datetime import datetime

import pytest
import yaml

from eventwire.bench.seed import format_report, run_seed


@pytest.fixture(scope="module")
def seed_run(request):
    seed = request.getfixturevalue("seed_path")
    gold_file = request.getfixturevalue("gold_path")
    result, report = run_seed(seed, gold_file)
    print("\n" + format_report(report))
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    lines = seed.read_text(encoding="utf-8").split("\n")
    return result, report, gold, lines


def _clean(s: str) -> str:
    return " ".join(s.replace("’", "'").split())


def test_article_fields_exact(seed_run):
    result, _, gold, lines = seed_run
    art, g = result.article, gold["article"]
    assert result.document.header_date.isoformat() == str(gold["document"]["header_date"])
    assert art.title == g["title"]
    assert art.subtitle == g["subtitle"]
    assert art.byline == g["byline"]
    assert art.published == datetime.fromisoformat(g["published"])
    assert art.published_precision == "minute"
    assert art.captions == [g["caption"]]
    assert art.photo_credits == [g["photo_credit"]]
    assert art.tags == g["tags"]
    assert art.language == "en"
    expected_body = [_clean(lines[n - 1]) for n in g["body_lines"]]
    assert [_clean(p) for p in art.paragraphs] == expected_body
    for boiler in g["boilerplate_examples"]:
        assert boiler not in art.text


def test_core_recall(seed_run):
    """What the Foundation promises on the seed: the core actors, places and relations are
    linked, and the core events found with the right type and roles; the report printed above
    gives every figure."""
    _, report, _, _ = seed_run
    assert report["actors_core_recall"] == 1.0, report["actors_core_missed"]
    assert report["places_core_recall"] == 1.0, report["places_core_missed"]
    assert report["relations_core_recall"] == 1.0
    # e7 and e8 (rocket and missile fire at bases) need the US as an implied target: not yet.
    assert report["events_core_recall"] >= 4 / 6
    assert report["events_core_full_recall"] >= 4 / 6, "type, roles, date and place all right"


def test_hypothetical_strike_is_not_a_realised_event(seed_run):
    result, _, _, _ = seed_run
    for e in result.events:
        if "may strike at the US" in e.evidence and e.event_type == "ASSAULT":
            assert e.modality not in ("asserted", "claimed")


def test_no_event_or_actor_from_byline_or_credit(seed_run):
    result, _, _, _ = seed_run
    names = {a.name.lower() for a in result.actors.values()}
    assert not any("frantzman" in n or "rasheed" in n for n in names)
