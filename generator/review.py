"""The editor's queue: the stories that need an editor's eye, each with its one-line reason.

A digest is trusted when its editors see what the build was unsure of before a
reader does. The queue gathers it from the merged, filed stories: suspected
junk (`doubts`), titles derived from a first sentence, stories whose pages
state no date, ids that had to be told apart from another story's, and stories
no topic files. It is one page of the site (kept out of search and the
sitemap, linked from the Unsorted page), its counts and first entries in the
build summary, and a list in the build report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .model import Article

#: the queue's kinds of entry, most urgent first: (key, heading, the one-line reason)
KINDS = (
    ("junk", "Suspected junk", "the extraction may have gone wrong: {doubts}"),
    ("collision", "Ids told apart", "another story has the same title: the ids tell them apart"),
    ("derived", "Derived titles", "no headline was found: the title is its first sentence"),
    ("unsorted", "Unsorted", "no topic files it"),
    ("undated", "Undated", "no page states its date"),
)
_REASONS = {key: reason for key, _, reason in KINDS}


@dataclass(frozen=True, slots=True)
class QueueEntry:
    article_id: str
    title: str
    kind: str
    reason: str


def review_queue(articles: list[Article]) -> list[QueueEntry]:
    """The queue, by kind (KINDS' order), then in the articles' order. (A story carried
    only by listings' teasers is never one: a teaser never makes a page.)"""
    found: dict[str, list[QueueEntry]] = {key: [] for key, _, _ in KINDS}
    titles = Counter(article.title for article in articles)
    for article in articles:
        if article.doubts:
            reason = _REASONS["junk"].format(doubts="; ".join(article.doubts))
            found["junk"].append(QueueEntry(article.id, article.title, "junk", reason))
        kinds = (
            ("collision", titles[article.title] > 1),
            ("derived", article.title_source == "derived"),
            ("unsorted", not article.topics),
            ("undated", not article.date),
        )
        for kind, applies in kinds:
            if applies:
                found[kind].append(QueueEntry(article.id, article.title, kind, _REASONS[kind]))
    return [entry for entries in found.values() for entry in entries]


#: how many of the queue's entries the build summary lists (the page and the report: all)
SUMMARY_ENTRIES = 10


def queue_head(queue: list[QueueEntry]) -> list[QueueEntry]:
    """The entries the build summary lists: the most urgent first, leaving out suspected
    junk (the summary lists it already, as its pages to check)."""
    return [entry for entry in queue if entry.kind != "junk"][:SUMMARY_ENTRIES]


def queue_counts(queue: list[QueueEntry]) -> dict[str, int]:
    """How many entries of each kind (every kind, in KINDS' order)."""
    counted = Counter(entry.kind for entry in queue)
    return {key: counted[key] for key, _, _ in KINDS}
