"""What the event stage (related coverage) costs at a given size.

Builds the benchmark's synthetic corpus of N scrapes up to the stories, classified as a
build classifies them (`build.collect`, `build.classify`), then times what the event
stage adds to a build: the stories' terms (`text.content_terms`, made in the
classification's process pool: timed here in one process, by making them again), the
stage itself (`events.link_stories`: vectors,
candidate pairs, decisions, grouping) and the related lists of the article pages
(`render.related_stories`). The whole cold build's time at the same size comes from
`python -m bench` (bench/results.md), on the same machine.

Usage: ``python -m bench.events_cost 10000``
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from generator.build import BuildOptions, classify, collect
from generator.curation import load_curation
from generator.events import link_stories
from generator.render import related_stories
from generator.text import content_terms
from generator.workers import LocalExecutor

from .corpus import make_corpus
from .run import WORK


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scrapes", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    seeds = WORK / f"corpus-{args.scrapes}-{args.seed}"
    if not (seeds / "manifest.json").is_file():
        make_corpus(seeds, args.scrapes, seed=args.seed)
    topics = Path(__file__).resolve().parent.parent / "topics"
    options = BuildOptions(
        seeds=seeds, topics=topics, docs=WORK / "events-docs", use_cache=False, ledger=None
    )
    curation = load_curation(topics)
    articles = collect(options).articles
    classify(articles, curation, LocalExecutor(2))
    start = time.perf_counter()
    for article in articles:
        content_terms(article.title, [article.deck or "", *(b.text for b in article.blocks)])
    terms = time.perf_counter() - start
    start = time.perf_counter()
    link_stories(articles, curation.corrections)
    linked = time.perf_counter() - start
    start = time.perf_counter()
    related_stories(articles)
    listed = time.perf_counter() - start
    events = {a.event for a in articles if a.event}
    print(
        f"{args.scrapes} scrapes, {len(articles)} stories: terms {terms:.2f} s, "
        f"event stage {linked:.2f} s, "
        f"related lists {listed:.3f} s; {len(events)} events linking "
        f"{sum(1 for a in articles if a.event)} stories"
    )


if __name__ == "__main__":
    main()
