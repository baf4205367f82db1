"""The story ledger: a story keeps the first id (and so the URL and feed GUID) it was given.

A story's id is made from its title, and its title can change: a later scrape
prints the headline a first one lacked, two stories turn out to be one, a better
copy becomes the story's representative. A published URL must not change with
it. The ledger (`stories.lock`, next to `mkdocs.yml`, committed with the seeds
like a lockfile) remembers, for every id ever published, the day the digest first
saw the story and the scrapes that carried it (their `file#position` keys):

    # EV Digest story ledger: …
    tesla-semi-spotted-…-f8e2e3	2026-12-07	live	000_8bb8.txt#2 001_ce56.txt#4
    tesla-s-first-solar-…-1a2b3c	2026-12-01	moved	tesla-semi-spotted-…-f8e2e3
    a-story-whose-scrapes-went-…	2026-11-30	retired

A build matches each story to the entries whose scrapes it carries: the story
keeps the id of that entry (the oldest, when it joins several: the others
become `moved` to it, and their addresses redirect); a
story that shares nothing is new and gets its title's id (never one the ledger
has held) and today's date; an entry none of whose scrapes remain is `retired`
(its address says the story was removed; the id is never given to a story of
another title), and so is an entry whose scrapes now make two stories or more (a
split): each part is a new story, so an id never comes to name a part of what it
named. A story of the same title (so the same id) that shares none of the
ledger's scrapes takes the entry back: the same story, its scrapes renamed, moved,
or added again after they were removed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from .curation import Problem
from .model import Article

LEDGER_FILE = "stories.lock"
#: set to "1", builds (the MkDocs hook's too) are frozen: a deploy never changes the ledger
FROZEN_ENV = "EV_DIGEST_FROZEN"
HEADER = (
    "# EV Digest story ledger: every story id ever published, the day the digest first saw\n"
    "# the story, and the scrapes that carry it (or the id it moved to). Written by the\n"
    "# build; commit it with the seeds. One story per line, tab-separated, sorted by id.\n"
)
LIVE, MOVED, RETIRED = "live", "moved", "retired"


@dataclass
class Entry:
    id: str
    first_seen: str
    state: str  # LIVE, MOVED or RETIRED
    #: LIVE: the `file#position` keys of the story's instances; MOVED: the id it moved to
    members: tuple[str, ...] = ()

    @property
    def target(self) -> str | None:
        return self.members[0] if self.state == MOVED and self.members else None


@dataclass
class Ledger:
    entries: dict[str, Entry] = field(default_factory=dict)

    def dump(self) -> str:
        lines = []
        for entry in sorted(self.entries.values(), key=lambda e: e.id):
            cells = [entry.id, entry.first_seen, entry.state]
            if entry.members:
                cells.append(" ".join(entry.members))
            lines.append("\t".join(cells))
        return HEADER + "".join(line + "\n" for line in lines)

    def resolve(self, article_id: str) -> str | None:
        """Where an id's address leads now: the live id it moved to (None: retired)."""
        seen: set[str] = set()
        entry = self.entries.get(article_id)
        while entry is not None and entry.state == MOVED and entry.id not in seen:
            seen.add(entry.id)
            entry = self.entries.get(entry.target or "")
        return entry.id if entry is not None and entry.state == LIVE else None


def read_ledger(path: Path) -> tuple[Ledger | None, list[Problem]]:
    """The ledger in `path` (None when there is none), or every problem of a file that is
    not one (one left with merge-conflict marks), each with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, []
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(str(path), 1, "(ledger)", f"cannot read the story ledger: {error}")]
    return parse_ledger(text, str(path))


def parse_ledger(text: str, name: str = LEDGER_FILE) -> tuple[Ledger | None, list[Problem]]:
    ledger = Ledger()
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem(name, line, "(ledger)", message))

    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith(("<<<<<<<", "=======", ">>>>>>>", "|||||||")):
            problem(
                number,
                "a merge-conflict mark: keep both sides' lines (one story a line, sorted by "
                "id) and delete the marks, or delete the file to start over",
            )
            continue
        cells = line.split("\t")
        if len(cells) < 3 or cells[2] not in (LIVE, MOVED, RETIRED):
            problem(
                number,
                f"expected 'id<TAB>first seen<TAB>live|moved|retired[<TAB>…]', found {line[:80]!r}",
            )
            continue
        article_id, first_seen, state = cells[:3]
        try:
            datetime.date.fromisoformat(first_seen)
        except ValueError:
            problem(number, f"first seen: expected a date, found {first_seen!r}")
            continue
        members = tuple(cells[3].split()) if len(cells) > 3 else ()
        if state == MOVED and len(members) != 1:
            problem(number, "a moved story names the one id it moved to")
            continue
        if article_id in ledger.entries:
            problem(number, f"{article_id!r} is listed twice")
            continue
        ledger.entries[article_id] = Entry(article_id, first_seen, state, members)
    return (None, problems) if problems else (ledger, [])


@dataclass
class Assigned:
    """What one build did to the ledger: the stories made, moved and retired."""

    new: list[str] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (old id, the id it joined)
    retired: list[str] = field(default_factory=list)
    #: live stories whose scrapes changed (a source added or gone)
    changed: list[str] = field(default_factory=list)
    #: retired stories whose title came back: the same story, added again
    revived: list[str] = field(default_factory=list)
    #: stories whose scrapes now make several stories: retired, each part new
    split: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(
            self.new or self.moved or self.retired or self.changed or self.revived or self.split
        )


def assign_ids(articles: list[Article], ledger: Ledger, today: str) -> Assigned:
    """Give each article the id the ledger keeps for it (in place), and bring the ledger up
    to date with this build's stories. Each article's `first_seen` is set."""
    done = Assigned()
    owner_of: dict[str, str] = {}  # instance key -> live entry id
    for entry in ledger.entries.values():
        if entry.state == LIVE:
            for key in entry.members:
                owner_of.setdefault(key, entry.id)
    # each live entry goes to the article that carries its scrapes; one whose scrapes
    # several articles carry is split, and retired
    shares: dict[str, set[int]] = {}  # entry id -> the positions of its articles
    for position, article in enumerate(articles):
        for key in article.instances:
            entry_id = owner_of.get(key)
            if entry_id is not None:
                shares.setdefault(entry_id, set()).add(position)
    owned: dict[int, list[Entry]] = {}
    split: set[str] = set()
    for entry_id, positions in shares.items():
        if len(positions) > 1:
            split.add(entry_id)
        else:
            owned.setdefault(next(iter(positions)), []).append(ledger.entries[entry_id])
    for entry_id in sorted(split):
        entry = ledger.entries[entry_id]
        entry.state, entry.members = RETIRED, ()
        done.split.append(entry_id)
    taken = set(ledger.entries)
    new: list[Article] = []
    for position, article in enumerate(articles):
        mine = sorted(owned.get(position, []), key=lambda e: (e.first_seen, e.id))
        if not mine:
            new.append(article)
            continue
        kept, others = mine[0], mine[1:]
        article.id, article.first_seen = kept.id, kept.first_seen
        members = tuple(sorted(article.instances))
        if members != kept.members:
            done.changed.append(kept.id)
            kept.members = members
        for other in others:
            other.state, other.members = MOVED, (kept.id,)
            done.moved.append((other.id, kept.id))
    vanished = {
        entry_id
        for entry_id in set(ledger.entries) - set(shares)
        if ledger.entries[entry_id].state == LIVE
    }
    for article in new:  # (their ids are the build's own: unique among the build's stories)
        entry = ledger.entries.get(article.id)
        if entry is not None and (
            article.id in vanished or (entry.state == RETIRED and entry.id not in split)
        ):
            # the story of an entry whose scrapes all went, under the same title: the same
            # story, its scrapes renamed, moved or added back (a story of another title
            # never takes an old id)
            vanished.discard(article.id)
            if entry.state == RETIRED:
                done.revived.append(entry.id)
            entry.state = LIVE
            article.first_seen = entry.first_seen
            entry.members = tuple(sorted(article.instances))
            done.changed.append(entry.id)
            continue
        article.id = _unused(article.id, taken)
        taken.add(article.id)
        article.first_seen = today
        ledger.entries[article.id] = Entry(
            article.id, today, LIVE, tuple(sorted(article.instances))
        )
        done.new.append(article.id)
    for entry_id in sorted(vanished):
        entry = ledger.entries[entry_id]
        entry.state, entry.members = RETIRED, ()
        done.retired.append(entry.id)
    return done


def _unused(article_id: str, taken: set[str]) -> str:
    """`article_id`, or with the first "-N" that no id of the ledger has held."""
    if article_id not in taken:
        return article_id
    number = 2
    while f"{article_id}-{number}" in taken:
        number += 1
    return f"{article_id}-{number}"
