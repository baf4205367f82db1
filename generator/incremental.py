"""Adding scrapes to a built digest: only the stories the new pages touch are made again.

A digest grows by a few scrapes a day. A full build takes its build-wide
decisions over every instance: which short lines recur (boilerplate), which
body lines are the headline of another story, which instances are copies of
one story, and what id each article gets. The corpus index keeps what those
decisions read, in compact form, from one build to the next, so that a build
whose only change is new seed files takes them for the new instances alone,
and checks that every decision about the old instances stands. Where one
would not (a line starts or stops recurring, a new headline is printed in an
old page, a bucket of candidates grows past MAX_BUCKET, two articles would
want one id) `add_pages` raises `NotIncremental` before changing anything,
and the build runs in full. tests/test_incremental.py compares added pages
with full builds byte for byte.

Short lines, LSH bands and text buckets are kept as sorted arrays of 64-bit
hashes of their keys (see `_Table`): a few megabytes at 10k scrapes, which
load in milliseconds where a dictionary of strings takes seconds.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np

from .clean import (
    RECURRING_MAX_WORDS,
    RECURRING_MIN_PAGES,
    RecurringLines,
    drop_known_headlines,
    drop_recurring,
    headline_keys,
    longest_headline,
    pages_counted,
    story,
)
from .dedup import (
    MAX_BUCKET,
    TEASER_REASON,
    Similarity,
    band_keys,
    copies,
    id_base,
    merge_group,
    merge_record,
    named_keys,
    teaser_home,
)
from .fingerprint import BANDS, fingerprint, opening_keys, shingle_array
from .model import Article, BlockKind, Fingerprint, Instance, Merge, PageResult, by_position
from .text import normalize, normalize_short

#: flags kept with a short line's occurrence
_HEADING, _RECURRING_LENGTH = 1, 2
#: `Merge.reason` from the weakest to the strongest evidence
_REASONS = [
    TEASER_REASON,
    Similarity(0.0, 1.0, 1).reason,
    Similarity(0.5, 1.0, 1).reason,
    Similarity(1.0, 1.0, 1).reason,
]


class NotIncremental(Exception):
    """The added pages change a decision about old instances: build in full."""


def _hash(text: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big"
    )


@dataclass
class _Table:
    """A multimap from 64-bit keys to integers, as two arrays sorted by key."""

    keys: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.uint64))
    values: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int64))

    def lookup(self, key: int) -> list[int]:
        k = np.uint64(key)
        start = int(np.searchsorted(self.keys, k, side="left"))
        end = int(np.searchsorted(self.keys, k, side="right"))
        return self.values[start:end].tolist()

    def added(self, keys: np.ndarray | array, values: np.ndarray | array) -> _Table:
        new_keys = np.asarray(keys).astype(np.uint64, copy=False)
        new_values = np.asarray(values).astype(np.int64, copy=False)
        if not len(new_keys):
            return self
        all_keys = np.concatenate([self.keys, new_keys])
        all_values = np.concatenate([self.values, new_values])
        order = np.argsort(all_keys, kind="stable")
        return _Table(all_keys[order], all_values[order])


@by_position
@dataclass(slots=True)
class Group:
    """One story: its instances, and its article as lists and feeds show it (no body)."""

    members: list[int]
    root: tuple[str, int]  # (source, position) of its first instance: the articles' order
    article: Article
    base: str  # `id_base` of its title
    merge: Merge | None
    #: its entry in lists, escaped (`render.entry_text`), kept for the next build's lists
    entry: tuple[str, str, str | None] | None = None


@dataclass
class CorpusIndex:
    """What the last build decided build-wide, and what those decisions read."""

    #: what the build depended on besides the seed files (curation, config, code)
    key: str
    #: every seed file read: relative path -> page cache key
    pages: dict[str, str]
    #: instances by number: (source, position) and normalised headline
    instances: list[tuple[str, int]]
    headline_of: list[str]
    group_of: list[int]
    #: the stories (see `clean.story`) computed so far, by instance number
    stories: dict[int, frozenset[int]]
    #: short body lines (up to `line_words` words): hash -> instance number × 4 + flags
    lines: _Table
    line_words: int
    recurring: set[str]
    #: normalised headline -> number of instances with it
    headlines: dict[str, int]
    longest: int
    #: LSH bands and text buckets of the cleaned instances: hash -> instance number
    bands: list[_Table]
    exact: _Table
    buckets: _Table
    groups: dict[int, Group]
    next_group: int
    #: the key of the output the index describes (`build` stores them one after the other)
    output: str = ""
    #: the teasers among the instances (in no group when their story is not in the build),
    #: and the hashes `_teaser_homes` finds stories and teasers by: the headlines of the
    #: articles' instances, the teasers' opening keys and headlines
    teasers: set[int] = field(default_factory=set)
    heads: _Table = field(default_factory=_Table)
    teaser_openings: _Table = field(default_factory=_Table)
    teaser_heads: _Table = field(default_factory=_Table)

    def articles(self) -> list[Article]:
        """Every article (without body), in the order a full build gives them."""
        return [g.article for g in sorted(self.groups.values(), key=lambda g: g.root)]

    def merges(self) -> list[Merge]:
        ordered = sorted(self.groups.values(), key=lambda g: g.root)
        return [g.merge for g in ordered if g.merge]

    def strip_bodies(self) -> None:
        """Keep articles as lists show them: the bodies are in the page cache."""
        for group in self.groups.values():
            if group.article.blocks:
                group.article = replace(group.article, blocks=[])


#: groups pickled together when the index is stored (see `Cache.put_parts`)
GROUPS_PER_PART = 4096


def index_parts(index: CorpusIndex) -> Iterator[object]:
    """The index in parts to store one after the other: all but the groups, then the
    groups a few thousand at a time."""
    yield replace(index, groups={})
    groups = list(index.groups.items())
    for start in range(0, len(groups), GROUPS_PER_PART):
        yield groups[start : start + GROUPS_PER_PART]


@dataclass
class DecidedTopics:
    """The part after an index's groups when they were stored while their articles were
    being classified: each group's topics, companies and terms, as made."""

    by_group: dict[int, tuple[list[str], list[str], bytes]]


def index_from_parts(parts: list[object] | None) -> CorpusIndex | None:
    """The index `index_parts` gave (with the topics a `DecidedTopics` part gives), or
    None if these are not its parts."""
    if not parts or not isinstance(parts[0], CorpusIndex):
        return None
    index = parts[0]
    for part in parts[1:]:
        if isinstance(part, DecidedTopics):
            if part.by_group.keys() != index.groups.keys():
                return None
            for key, (topics, entities, terms) in part.by_group.items():
                article = index.groups[key].article
                article.topics, article.entities, article.terms = topics, entities, terms
        elif isinstance(part, list):
            index.groups.update(part)
        else:
            return None
    return index


def _line_entries(inst: Instance, words: int) -> set[tuple[str, int]]:
    """The short lines of an instance's body (up to `words` words), each with its flags."""
    entries: set[tuple[str, int]] = set()
    for block in inst.blocks:
        key = normalize_short(block.text, words)
        if not key:
            continue
        flags = _HEADING if block.kind is BlockKind.HEADING else 0
        if len(key.split()) <= RECURRING_MAX_WORDS:
            flags |= _RECURRING_LENGTH
        entries.add((key, flags))
    return entries


class _Rows:
    """What some instances add to the index's tables: their short lines (read on the
    instances as found), text buckets and LSH bands (of the cleaned instances).

    Kept in typed arrays: as lists of Python ints they kept 68 MB more at 50k
    scrapes.
    """

    def __init__(self, words: int):
        self.words = words
        self.line_keys, self.line_values = array("Q"), array("q")
        self.exact_keys, self.exact_owners = array("Q"), array("q")
        self.other_keys, self.other_owners = array("Q"), array("q")
        self.signed: list[tuple[int, Fingerprint]] = []
        self.teasers: list[int] = []
        self.head_keys, self.head_owners = array("Q"), array("q")
        self.teaser_open_keys, self.teaser_open_owners = array("Q"), array("q")
        self.teaser_head_keys, self.teaser_head_owners = array("Q"), array("q")

    def add(
        self,
        number: int,
        inst: Instance,
        lines: Iterable[tuple[str, int]],
        cleaned: Fingerprint,
    ) -> None:
        if inst.teaser:  # (no bucket of copies: a teaser finds its story by `_teaser_homes`)
            self.teasers.append(number)
            for key in opening_keys(cleaned):
                self.teaser_open_keys.append(_hash(key))
                self.teaser_open_owners.append(number)
            for key in named_keys(inst):
                self.teaser_head_keys.append(_hash(key))
                self.teaser_head_owners.append(number)
            return
        for key in named_keys(inst):
            self.head_keys.append(_hash(key))
            self.head_owners.append(number)
        for key, flags in lines:
            self.line_keys.append(_hash(key))
            self.line_values.append(number * 4 + flags)
        exact, other = _text_buckets(cleaned)
        self.exact_keys.extend(exact)
        self.exact_owners.extend([number] * len(exact))
        self.other_keys.extend(other)
        self.other_owners.extend([number] * len(other))
        if cleaned.signature:
            self.signed.append((number, cleaned))

    def add_to(self, index: CorpusIndex) -> None:
        """Add the rows to `index`'s tables (LSH bands folded in one numpy call)."""
        bands = band_keys([fp for _, fp in self.signed])
        owners = np.array([n for n, _ in self.signed], dtype=np.int64)
        index.lines = index.lines.added(self.line_keys, self.line_values)
        index.exact = index.exact.added(self.exact_keys, self.exact_owners)
        index.buckets = index.buckets.added(self.other_keys, self.other_owners)
        index.bands = [table.added(bands[:, b], owners) for b, table in enumerate(index.bands)]
        index.teasers.update(self.teasers)
        index.heads = index.heads.added(self.head_keys, self.head_owners)
        index.teaser_openings = index.teaser_openings.added(
            self.teaser_open_keys, self.teaser_open_owners
        )
        index.teaser_heads = index.teaser_heads.added(
            self.teaser_head_keys, self.teaser_head_owners
        )


def _bucket_entries(fp: Fingerprint) -> tuple[list[int], list[int], list[int]]:
    """(exact-text keys, other text bucket keys, band keys) of a fingerprint."""
    exact, other = _text_buckets(fp)
    return exact, other, band_keys([fp])[0].tolist() if fp.signature else []


def _text_buckets(fp: Fingerprint) -> tuple[list[int], list[int]]:
    """The hashed keys of a fingerprint's exact-text bucket and of its other text buckets."""
    exact = [_hash(key) for key in fp.buckets if key.startswith("exact:")]
    return exact, [_hash(key) for key in fp.buckets if not key.startswith("exact:")]


def index_corpus(
    key: str,
    pages: list[tuple[str, str, PageResult]],
    found: RecurringLines,
    cleaned: dict[str, Fingerprint],
    articles: list[Article],
    merges: list[Merge],
) -> CorpusIndex:
    """The index of a full build.

    `pages` are (path, page cache key, result) in build order, `found` the
    recurring-line pass over their instances in that order, `cleaned` the
    fingerprints of the cleaned instances by key, `articles` and `merges`
    what deduplication made of them.
    """
    instances = [inst for _, _, page in pages for inst in page.instances]
    headlines = Counter(normalize(inst.headline) for inst in instances if inst.headline)
    longest = longest_headline(set(headlines))
    words = max(longest, RECURRING_MAX_WORDS)
    rows = _Rows(words)
    number_of: dict[str, int] = {}
    for number, inst in enumerate(instances):
        number_of[inst.key] = number
        rows.add(number, inst, _line_entries(inst, words), cleaned[inst.key])
    merge_of = {m.article_id: m for m in merges}
    groups: dict[int, Group] = {}
    group_of = [-1] * len(instances)
    for g, article in enumerate(articles):
        members = sorted(number_of[k] for k in article.instances)
        for number in members:
            group_of[number] = g
        # (the articles' order: of their copies, teasers aside)
        root = min((i.source, i.position) for n in members if not (i := instances[n]).teaser)
        groups[g] = Group(members, root, article, id_base(article.title), merge_of.get(article.id))
    index = CorpusIndex(
        key=key,
        pages={rel: page_key for rel, page_key, _ in pages},
        instances=[(inst.source, inst.position) for inst in instances],
        headline_of=[normalize(inst.headline or "") for inst in instances],
        group_of=group_of,
        stories=dict(found.stories),
        lines=_Table(),
        line_words=words,
        recurring=set(found.recurring),
        headlines=dict(headlines),
        longest=longest,
        bands=[_Table() for _ in range(BANDS)],
        exact=_Table(),
        buckets=_Table(),
        groups=groups,
        next_group=len(articles),
    )
    rows.add_to(index)
    return index


@dataclass
class Added:
    """What `add_pages` changed."""

    #: the new and changed articles, with their bodies (ids given, not yet classified);
    #: the articles they replace are gone from the index
    articles: list[Article]
    instances: int
    dropped_lines: int


#: reads a page result from the cache: (page cache key, relative path) -> result or None
PageLoader = Callable[[str, str], PageResult | None]


class _Delta:
    """The work of one `add_pages`: what it reads of the old instances, loaded once."""

    def __init__(self, index: CorpusIndex, load: PageLoader):
        self.index = index
        self.load = load
        self.cleaned: dict[int, tuple[Instance, Fingerprint]] = {}
        self.stories: dict[int, frozenset[int]] = {}
        self.headlines: set[str] = set()
        self.longest = index.longest

    # -- old instances, as the last build had them --------------------------------------

    def original(self, number: int) -> Instance:
        source, position = self.index.instances[number]
        page = self.load(self.index.pages[source], source)
        for inst in page.instances if page else ():
            if inst.position == position:
                return inst
        raise NotIncremental(f"the cached result of {source} is gone")

    def story(self, number: int) -> frozenset[int]:
        if number in self.index.stories:
            return self.index.stories[number]
        if number not in self.stories:
            self.stories[number] = story(self.original(number))
        return self.stories[number]

    def clean_old(self, number: int) -> tuple[Instance, Fingerprint]:
        if number not in self.cleaned:
            self.cleaned[number] = self.clean(self.original(number))
        return self.cleaned[number]

    def clean(self, inst: Instance, fp: Fingerprint | None = None) -> tuple[Instance, Fingerprint]:
        """The instance as a full build's passes leave it, with its fingerprint."""
        if inst.teaser:  # (the passes leave a teaser as it is)
            return inst, fp or fingerprint(inst)
        (done,) = drop_recurring([inst], self.index.recurring)[0]
        (done,) = drop_known_headlines([done], self.headlines, self.longest)[0]
        return done, (fp if done is inst and fp else fingerprint(done))


def add_pages(
    index: CorpusIndex, new_pages: list[tuple[str, str, PageResult]], load: PageLoader
) -> Added:
    """Add the instances of `new_pages` (path, page cache key, result) to the index.

    Raises NotIncremental, leaving the index as it was, when a full build
    would decide anything about the old instances differently.
    """
    delta = _Delta(index, load)
    first = len(index.instances)
    new: list[tuple[int, Instance, Fingerprint]] = []
    for _, _, page in new_pages:
        for inst, fp in zip(page.instances, page.fingerprints, strict=True):
            new.append((first + len(new), inst, fp))
    order = index.instances + [(inst.source, inst.position) for _, inst, _ in new]
    new_heads = headline_keys([inst for _, inst, _ in new])
    if longest_headline(new_heads) > index.longest:
        raise NotIncremental("a new headline is longer than every headline before")
    delta.headlines = set(index.headlines) | new_heads
    lines = [set() if i.teaser else _line_entries(i, index.line_words) for _, i, _ in new]
    _check_recurring(delta, new, lines, order)
    _check_headlines(index, new_heads - index.headlines.keys())

    cleaned = [(number, *delta.clean(inst, fp)) for number, inst, fp in new]
    dropped = sum(
        len(inst.blocks) - len(done.blocks)
        for (_, inst, _), (_, done, _) in zip(new, cleaned, strict=True)
    )
    links, joined = _link(delta, cleaned, order)
    _teaser_homes(delta, cleaned, links, joined, order)
    changed = _regroup(delta, cleaned, links, joined, order)
    # -- commit ------------------------------------------------------------------------
    for g in changed.old_groups:
        del index.groups[g]
    index.pages.update((rel, key) for rel, key, _ in new_pages)
    index.instances = order
    index.headline_of += [normalize(inst.headline or "") for _, inst, _ in new]
    index.group_of += [-1] * len(new)  # (a teaser of no story of the build stays in none)
    index.stories.update(delta.stories)
    for head, count in Counter(normalize(i.headline) for _, i, _ in new if i.headline).items():
        index.headlines[head] = index.headlines.get(head, 0) + count
    rows = _Rows(index.line_words)
    for entries, (number, inst, fp) in zip(lines, cleaned, strict=True):
        rows.add(number, inst, entries, fp)
    rows.add_to(index)
    for group in changed.groups:
        g = index.next_group
        index.next_group += 1
        index.groups[g] = group
        for number in group.members:
            index.group_of[number] = g
    return Added(
        articles=[group.article for group in changed.groups],
        instances=len(new),
        dropped_lines=dropped,
    )


def with_bodies(index: CorpusIndex, articles: list[Article], load: PageLoader) -> list[Article]:
    """These articles of the index with their bodies, merged again from their instances as
    the last build cleaned them: a build that adds scrapes renders again the page of an old
    story whose related coverage the new stories change."""
    delta = _Delta(index, load)
    delta.headlines = set(index.headlines)
    group_of = {group.article.id: group for group in index.groups.values()}
    found = []
    for article in articles:
        merged = merge_group([delta.clean_old(n) for n in group_of[article.id].members])
        found.append(replace(article, blocks=merged.blocks))
    return found


def _check_recurring(
    delta: _Delta,
    new: list[tuple[int, Instance, Fingerprint]],
    lines: list[set[tuple[str, int]]],
    order: list[tuple[str, int]],
) -> None:
    """Every short line the new instances print keeps its recurring status."""
    index = delta.index
    printed: dict[str, list[int]] = {}
    for (number, _, _), entries in zip(new, lines, strict=True):
        for key, flags in entries:
            if flags == _RECURRING_LENGTH:  # a paragraph, short enough
                printed.setdefault(key, []).append(number)
    new_stories = {number: story(inst) for number, inst, _ in new}
    for key, numbers in printed.items():
        olds = [
            value >> 2 for value in index.lines.lookup(_hash(key)) if value & 3 == _RECURRING_LENGTH
        ]
        found = sorted(set(olds) | set(numbers), key=order.__getitem__)
        recurs = False
        if len({order[n][0] for n in found}) >= RECURRING_MIN_PAGES:
            told = (
                (order[n][0], new_stories[n] if n in new_stories else delta.story(n)) for n in found
            )
            recurs = pages_counted(told) >= RECURRING_MIN_PAGES
        if recurs != (key in index.recurring):
            raise NotIncremental(
                f"the line {key!r} {'now recurs' if recurs else 'no longer recurs'}"
            )


def _check_headlines(index: CorpusIndex, new_heads: set[str]) -> None:
    """No old instance prints a headline new to the build in its body."""
    for head in new_heads:
        for value in index.lines.lookup(_hash(head)):
            if index.headline_of[value >> 2] != head:
                raise NotIncremental(f"an old page prints the new headline {head!r}")


class _Links:
    """Union-find over group numbers (old groups, and one per new instance)."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        self.sims: dict[int, list[Similarity]] = {}

    def find(self, g: int) -> int:
        while self.parent.get(g, g) != g:
            g = self.parent[g]
        return g

    def union(self, a: int, b: int, sim: Similarity) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.sims.setdefault(ra, []).extend(self.sims.pop(rb, []))
        self.sims.setdefault(ra, []).append(sim)

    def join(self, a: int, b: int) -> None:
        """Put b's group with a's: a teaser joining its story (no similarity to record)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.sims.setdefault(ra, []).extend(self.sims.pop(rb, []))


def _link(
    delta: _Delta, cleaned: list[tuple[int, Instance, Fingerprint]], order: list[tuple[str, int]]
) -> tuple[_Links, dict[int, int]]:
    """Verify the new instances' candidates as `dedup.group_instances` would, and link groups.

    Returns the links, and the group number each new instance starts in.
    """
    index = delta.index
    links = _Links()
    start = {number: -1 - k for k, (number, _, _) in enumerate(cleaned)}  # negative: new
    group = lambda n: start[n] if n in start else index.group_of[n]  # noqa: E731
    shingles = {number: shingle_array(fp) for number, _, fp in cleaned}
    made = {number: (inst, fp) for number, inst, fp in cleaned}
    pending: dict[tuple[int, int], list[int]] = {}  # (table, key) -> new members so far
    for number, inst, fp in cleaned:
        if inst.teaser:
            continue  # (a teaser joins its story in `_teaser_homes`)
        exact_keys, other_keys, band_values = _bucket_entries(fp)
        candidates: set[int] = set()
        for key in exact_keys:
            members = index.exact.lookup(key) + pending.setdefault((-1, key), [])
            if members:  # the same text: one link to any copy links them all
                candidates.add(min(members, key=order.__getitem__))
            pending[(-1, key)].append(number)
        tables = [(-2, index.buckets, k) for k in other_keys]
        tables += [(band, index.bands[band], k) for band, k in enumerate(band_values)]
        for table_id, table, key in tables:
            members = table.lookup(key) + pending.setdefault((table_id, key), [])
            if len(members) == MAX_BUCKET:
                raise NotIncremental("a bucket of candidates grows past MAX_BUCKET")
            if len(members) < MAX_BUCKET:
                candidates.update(members)
            pending[(table_id, key)].append(number)
        for other in sorted(candidates, key=order.__getitem__):
            if other not in shingles:
                shingles[other] = shingle_array(delta.clean_old(other)[1])
            old = made[other] if other in made else delta.clean_old(other)
            sim = copies(old, (inst, fp), (shingles[other], shingle_array(fp)))
            if sim.duplicate:
                links.union(group(other), group(number), sim)
    return links, start


def _teaser_homes(
    delta: _Delta,
    cleaned: list[tuple[int, Instance, Fingerprint]],
    links: _Links,
    start: dict[int, int],
    order: list[tuple[str, int]],
) -> None:
    """Join each new teaser to its story, and each old teaser of no story to a new page
    carrying its story, as `dedup.teaser_homes` would (`dedup.teaser_home` decides)."""
    index = delta.index
    made = {number: (inst, fp) for number, inst, fp in cleaned}
    full = [(number, inst, fp) for number, inst, fp in cleaned if not inst.teaser]
    new_openings: dict[int, list[int]] = {}
    new_heads: dict[int, list[int]] = {}
    for number, inst, fp in full:
        for key in opening_keys(fp):
            new_openings.setdefault(_hash(key), []).append(number)
        for key in named_keys(inst):
            new_heads.setdefault(_hash(key), []).append(number)

    def print_of(number: int) -> Fingerprint:
        return made[number][1] if number in made else delta.clean_old(number)[1]

    def home_of(teaser: Instance, fp: Fingerprint) -> int | None:
        keys = [_hash(key) for key in opening_keys(fp)]
        by_text = {n for k in keys for n in index.buckets.lookup(k) + new_openings.get(k, [])}
        heads = [_hash(key) for key in named_keys(teaser)]
        by_name = [n for h in heads for n in index.heads.lookup(h) + new_heads.get(h, [])]
        return teaser_home(fp, by_text, by_name, print_of, order.__getitem__)

    def group(number: int) -> int:
        return start[number] if number in start else index.group_of[number]

    for number, inst, fp in cleaned:
        if inst.teaser:
            home = home_of(inst, fp)
            if home is not None:
                links.join(group(home), start[number])
    announced: set[int] = set()
    for _, inst, fp in full:
        for key in opening_keys(fp):
            announced.update(index.teaser_openings.lookup(_hash(key)))
        for key in named_keys(inst):
            announced.update(index.teaser_heads.lookup(_hash(key)))
    for teaser_number in sorted(announced):
        teaser, fp = delta.clean_old(teaser_number)
        home = home_of(teaser, fp)
        if home is None or home not in made:
            continue  # (its story is where it was, or still not in the build)
        if index.group_of[teaser_number] < 0:  # a teaser of no story yet: now of this one
            start[teaser_number] = -len(order) - 1 - teaser_number
            links.join(group(home), start[teaser_number])
        elif links.find(group(home)) != links.find(index.group_of[teaser_number]):
            raise NotIncremental("a new page is a closer copy of an old teaser's story")


@dataclass
class _Changed:
    old_groups: list[int]
    groups: list[Group]


def _regroup(
    delta: _Delta,
    cleaned: list[tuple[int, Instance, Fingerprint]],
    links: _Links,
    start: dict[int, int],
    order: list[tuple[str, int]],
) -> _Changed:
    """The groups the new instances make or join, merged, with their ids and merge records."""
    index = delta.index
    made = {number: (inst, fp) for number, inst, fp in cleaned}
    roots = {links.find(g) for g in start.values()}
    joined: dict[int, set[int]] = {root: set() for root in roots}
    for g in {*links.parent, *links.parent.values(), *start.values()}:
        root = links.find(g)
        if root in joined:
            joined[root].add(g)
    old_groups = sorted(g for gs in joined.values() for g in gs if g >= 0)
    bases = Counter(group.base for group in index.groups.values())
    ids = {group.article.id for group in index.groups.values()}
    for g in old_groups:
        group = index.groups[g]
        if group.article.id != group.base or bases[group.base] > 1:
            raise NotIncremental(f"the id {group.article.id} is shared by another title")
        bases[group.base] -= 1
        ids.discard(group.article.id)
    groups: list[Group] = []
    for root, gs in joined.items():
        members = [n for g in gs if g >= 0 for n in index.groups[g].members]
        members += [n for n, g in start.items() if g in gs]
        members.sort(key=order.__getitem__)
        teasers = [n for n in members if n in index.teasers or (n in made and made[n][0].teaser)]
        if len(teasers) == len(members):
            continue  # a teaser of no story of the build: in no group
        article = merge_group([made[n] if n in made else delta.clean_old(n) for n in members])
        base = id_base(article.title)
        if bases[base] > 0 or base in ids:
            raise NotIncremental(f"a new article would take the id {base} of another")
        bases[base] += 1
        ids.add(base)
        article = replace(article, id=base)
        merge = None
        if len(members) > 1:
            merge = merge_record(article, links.sims.get(root, []), len(teasers))
            for old in (index.groups[g].merge for g in gs if g >= 0):
                if old:
                    merge = replace(
                        merge,
                        reason=max(merge.reason, old.reason, key=_REASONS.index),
                        similarity=max(merge.similarity, old.similarity),
                    )
        first = next(n for n in members if n not in teasers)  # (the articles' order)
        groups.append(Group(members, order[first], article, base, merge))
    return _Changed(old_groups, groups)
