"""Evaluation gate: extraction and dedup on the labelled corpus may not get worse.

`FLOORS` pins today's figures (like trafilatura's eval baseline); raise them
when a change improves a figure. The issue's targets are in
generator.evaluate.TARGETS and printed by `ev-digest eval tests/corpus`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.evaluate import evaluate

CORPUS = Path(__file__).resolve().parent / "corpus"

# higher is better, except the counts of leaks and wrongly dropped lines
FLOORS = {
    "title_f1": 1.0,
    "dup_pair_precision": 1.0,
    "dup_pair_recall": 1.0,
    "date_accuracy": 1.0,
    "author_accuracy": 0.95,
    "body_start_accuracy": 1.0,
    "headless_leads_found": 1.0,
}
CEILINGS = {
    "boilerplate_leaks": 0,
    "body_lines_wrongly_dropped": 0,
    "junk_articles": 0,
    "truncated_headlines": 0,
    "dates_wrong": 0,
    "teaser_pages": 0,
    "event_merges": 0,
}


@pytest.fixture(scope="module")
def figures() -> dict:
    return evaluate(CORPUS).figures()


def test_corpus_is_large_enough(figures: dict) -> None:
    assert figures["pages"] >= 40


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_figure_does_not_drop(figures: dict, name: str) -> None:
    assert figures[name] >= FLOORS[name], f"{name} fell to {figures[name]} (floor {FLOORS[name]})"


@pytest.mark.parametrize("name", sorted(CEILINGS))
def test_count_does_not_grow(figures: dict, name: str) -> None:
    assert figures[name] <= CEILINGS[name], (
        f"{name} rose to {figures[name]} (ceiling {CEILINGS[name]})"
    )
