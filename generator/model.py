"""Typed records passed between the pipeline stages.

Each stage takes the previous stage's records and returns new ones; nothing is
mutated across stage boundaries, so a stage can run in a worker process and its
results can be cached by input hash. Records use slots: a large build holds
millions of blocks and dropped lines, and a slotted record has no `__dict__`
(a block takes about 40 bytes less) and unpickles faster.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import TypeVar

R = TypeVar("R", bound=type)


def by_position(cls: R) -> R:
    """Pickle the records of `cls` as their constructor arguments.

    Caches and the corpus index hold millions of them, and plain arguments
    unpickle about twice as fast as a dataclass's slot state.
    """
    values = operator.attrgetter(*(f.name for f in fields(cls)))
    cls.__reduce__ = lambda self: (cls, values(self))  # type: ignore[attr-defined]
    return cls


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of a source page, with its 1-based line number."""

    number: int
    text: str
    level: int = 0  # heading level from HTML/Markdown, 0 for plain lines
    #: the reader knew this line was page chrome of this rule (a link standing alone, a
    #: "related" list) and kept it only for the teasers it may print: what segmentation
    #: does not take as a teaser is dropped under this rule
    aside: str | None = None


@dataclass(frozen=True, slots=True)
class PageMeta:
    """Metadata a page states outside its text (HTML head, JSON-LD, <time>)."""

    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    section: str | None = None
    #: the day (and time) the page says it was saved: "YYYY-MM-DD[ HH:MM]"
    captured: str | None = None
    #: the page writes slashed dates day first (`dates.writes_day_first`)
    day_first: bool = False
    #: the address of the original article (canonical link, og:url, "URL Source:")
    url: str | None = None
    #: the publisher's name as the page gives it (og:site_name, a "| Site" title suffix)
    outlet: str | None = None
    #: the day a mail carrying the page was sent (its "Date:" header): the story's date
    #: only when the story states none (a mailed story's byline may be a day older)
    sent: str | None = None


@by_position
@dataclass(frozen=True, slots=True)
class Origin:
    """Where one source of a story was published and when it was saved: what attribution
    shows a reader ("Reported by Teslarati"), each part only where a page or
    `seeds/sources.csv` says so."""

    file: str  # the seed file, relative to the seeds folder
    url: str | None = None
    outlet: str | None = None
    captured: str | None = None  # "YYYY-MM-DD[ HH:MM]"


@dataclass(frozen=True, slots=True)
class Document:
    """A readable source page: its lines, as text, ready for segmentation."""

    source: str  # path relative to the seeds folder, POSIX separators
    kind: str  # "text", "html" or "markdown"
    lines: tuple[Line, ...]
    meta: PageMeta = PageMeta()
    #: lines the reader already knew were page chrome (HTML nav, scripts, …)
    dropped: tuple[Dropped, ...] = ()


@by_position
@dataclass(frozen=True, slots=True)
class Skipped:
    """A seed file that could not be used, and why."""

    source: str
    reason: str


@by_position
@dataclass(frozen=True, slots=True)
class Dropped:
    """A line removed as boilerplate, with the rule that removed it."""

    source: str
    line: int
    text: str
    rule: str


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    ITEM = "item"  # a list item


@by_position
@dataclass(frozen=True, slots=True)
class Block:
    """A unit of article body: a paragraph or an in-body subheading."""

    kind: BlockKind
    text: str
    line: int = 0


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article instance as segmented from a page, before cleaning."""

    source: str
    position: int  # 0 = lead article of the page
    section: str | None
    headline: str | None
    start_line: int
    lines: tuple[Line, ...]  # everything after the headline up to the next article
    headline_line: int | None = None  # line number of the headline, when it is a page line
    headline_level: int = 0  # the headline's heading level in HTML or Markdown, else 0
    #: number of the line the body starts at (`head` decides; None: every kept line is body)
    body_start: int | None = None
    #: a listing's teaser of a story (its headline and a line or two), not an article
    teaser: bool = False
    #: the chrome rule of each of `lines` as segmentation read the page (for the head stage,
    #: which would read them again), or None
    rules: tuple[str | None, ...] | None = None
    #: the day the page states once for all its stories (a newsletter issue's), for a story
    #: that states none of its own
    issue_date: str | None = None


@by_position
@dataclass(frozen=True, slots=True)
class Instance:
    """A cleaned article instance: one article as found in one page."""

    source: str
    position: int
    section: str | None
    headline: str | None
    start_line: int
    deck: str | None
    blocks: tuple[Block, ...]
    authors: tuple[str, ...] = ()
    date: str | None = None
    #: a listing's teaser (headline, and its first words as the one block): it proves the
    #: story ran there and joins the story as a source, but never makes a page
    teaser: bool = False
    #: the chrome rule of its headline and of its summary (`clean.summary_of`), asked where
    #: the instance is made: the worker's rule cache holds the page's lines, and the merge
    #: (`doubts`), in the build's one process, need not ask again of every article
    face_rules: tuple[str | None, str | None] | None = None
    #: where its page was published, when the page or `seeds/sources.csv` says
    origin: Origin | None = None

    @property
    def key(self) -> str:
        return f"{self.source}#{self.position}"


@by_position
@dataclass(frozen=True, slots=True)
class Fingerprint:
    """Dedup's view of one instance (made by `fingerprint.fingerprint`, where the instance is).

    Kept compact: a build holds one per instance until it has grouped them (about
    200k at 50k scrapes). The body's shingles and each block's are all
    slices of one array of hashes, as uint32 bytes, rather than copies.
    """

    #: the hash of every run of `fingerprint.SHINGLE_WORDS` words of the body, in order
    #: (a body shorter than one run: the hash of its words), then that of each block
    #: shorter than one run
    hashes: bytes
    #: (start, stop) in `hashes` of the body's runs, then of each body block's own
    #: runs (those that lie inside it), as uint32 bytes
    spans: bytes
    #: `fingerprint.NUM_PERM` MinHash values, as uint32 bytes; empty when the body has
    #: under 2 shingles
    signature: bytes
    #: keys of the exact-text, opening and closing buckets; empty for an empty body
    buckets: tuple[str, ...]
    #: a hash of the whole instance: a group of the same instances merges the same way
    digest: str


@by_position
@dataclass(frozen=True, slots=True)
class PageResult:
    """Everything one page produced: article instances and what was dropped."""

    source: str
    instances: tuple[Instance, ...]
    dropped: tuple[Dropped, ...]
    skipped: Skipped | None = None
    empty_reason: str | None = None  # set when a readable page yields no article
    #: one per instance, for deduplication
    fingerprints: tuple[Fingerprint, ...] = ()


@by_position
@dataclass(frozen=True, slots=True)
class Merge:
    """Two or more instances judged to be the same story."""

    article_id: str
    instances: tuple[str, ...]  # Instance.key values, the kept base first
    reason: str
    similarity: float


@by_position
@dataclass(slots=True)
class Article:
    """A unique story, merged from every instance that carried it."""

    id: str
    title: str
    title_source: str  # "headline" or "derived"
    section: str | None
    authors: list[str]
    date: str | None
    summary: str | None
    blocks: list[Block]
    sources: list[str]
    instances: list[str]
    deck: str | None = None
    topics: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    #: why an editor should look at the page (`doubts`), if anything
    doubts: tuple[str, ...] = ()
    #: where those of `sources` that say so were published, in the order of `sources`
    origins: list[Origin] = field(default_factory=list)
    #: the day the story ledger first recorded the story (`ledger`), if the build keeps one:
    #: when the digest first saw it, never the day it was published
    first_seen: str | None = None
    #: its content words and figures with their counts (`text.content_terms`, as
    #: `text.term_code`s): what the event stage compares it by, kept when the body is not
    terms: bytes = b""
    #: the event it reports, when other stories report it too (`events`), and those
    #: stories' ids, the closest first
    event: str | None = None
    related: list[str] = field(default_factory=list)
