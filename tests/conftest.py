"""Shared fixtures: where ../shared lives, and small pages written for the tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from eventwire.bench.common import shared_dir

SHARED = shared_dir()
SEED = SHARED / "seeds" / "000_8112dcc91a3a5d48.txt" if SHARED else None
GOLD = SHARED / "gold" / "000_8112dcc91a3a5d48.yaml" if SHARED else None

CITIES = ["Mosul", "Aleppo", "Kabul", "Mogadishu", "Sanaa", "Tripoli", "Goma", "Bamako"]
ACTORS = ["Rebel fighters", "Government troops", "Police", "Protesters", "Militants"]


def write_pages(folder: Path, n: int) -> list[Path]:
    """``n`` distinct short text pages in the text-dump format (invented for the tests)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        city = CITIES[i % len(CITIES)]
        actor = ACTORS[i % len(ACTORS)]
        day = 1 + i % 27
        text = (
            f" date 2021-03-{day:02d} Daily Wire Home World Politics\n\n"
            f"Clashes reported near {city} in report number {i}\n\n"
            f"By JANE DOE\n\n"
            f"{actor} attacked a checkpoint near {city} on Monday, officials said. "
            f"At least {i + 2} people were wounded in the fighting.\n\n"
            f"The government condemned the attack and promised an inquiry into incident {i}. "
            f"Residents said the area had been calm since January.\n\n"
            f"Police arrested {i % 5 + 1} suspects in {city} on Tuesday.\n\n"
            "Most Read\nSubscribe to our newsletter\nCopyright 2021 Daily Wire\n")
        path = folder / f"page_{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if SEED is None or not SEED.exists():
        pytest.skip("../shared/seeds is not beside the checkout")
    return SEED


@pytest.fixture(scope="session")
def gold_path() -> Path:
    if GOLD is None or not GOLD.exists():
        pytest.skip("../shared/gold is not beside the checkout")
    return GOLD


def seed_gold_result(stages: list[str]):
    """The seed page's article as the gold states it (body lines, caption, publication time),
    run through ``stages`` (after extract). A stage's own seed test then does not depend on the
    extractor. Skips when ../shared is absent."""
    import yaml

    from eventwire.model import Article, DocResult, Document
    from eventwire.registry import make_stage

    if SEED is None or not SEED.exists() or not GOLD.exists():
        pytest.skip("../shared/seeds or ../shared/gold is absent")
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["article"]
    lines = SEED.read_text(encoding="utf-8").split("\n")
    article = Article(doc_id="seed", paragraphs=[lines[n - 1].strip() for n in gold["body_lines"]],
                      captions=[gold["caption"]], language="en",
                      published=datetime.fromisoformat(gold["published"]),
                      published_precision="minute")
    article.build_text()
    result = DocResult(document=Document("seed", str(SEED), article.text, "text", "seed"),
                       article=article)
    for name in stages:
        make_stage(name)([result])
    return result
