"""Deduplication: group the instances of one story and merge them into an `Article`.

Candidates come from each instance's `Fingerprint`: exact body hashes, MinHash
LSH bands over word shingles, and shared openings and closings (a truncated
copy shares its first words with the full one),
so the cost stays near-linear in the number of instances. Every candidate pair
is then verified on the exact shingle sets: Jaccard similarity for reformatted
copies, containment for truncated ones. A false merge hides a story, a missed
one only repeats it, so the thresholds lean towards not merging.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .clean import excerpt, summary_of
from .doubts import doubts
from .fingerprint import (
    BAND_ROWS,
    BANDS,
    NUM_PERM,
    block_shingles,
    fingerprint,
    opening_keys,
    shingle_array,
)
from .model import Article, Block, BlockKind, Fingerprint, Instance, Merge
from .rules import CUT_OFF, DATELINE
from .text import first_sentence, glued_tails, normalize, shorten, slugify, stable_hash

#: reformatted copies share most shingles
MIN_JACCARD = 0.5
#: a truncated copy's shingles are (nearly) all inside the full copy
MIN_CONTAINMENT = 0.8
#: containment on fewer shingles than this is too weak a signal to merge on
MIN_CONTAINED_SHINGLES = 12
#: a bucket with more members than this is keyed on text many stories share (a
#: sign-off, a stock opening): it would ask for a quadratic number of comparisons
#: and says nothing about which of them are copies, so it is ignored
MAX_BUCKET = 64


#: a text contained in a longer one is a copy of it when it holds at least this share of
#: the longer text's opening runs (a truncated copy), not a passage from its middle (a
#: column quoting a wire story)
MIN_OPENING_SHARE = 0.5
#: the opening of a text, in runs of SHINGLE_WORDS words
OPENING_RUNS = 20


@dataclass(frozen=True)
class Similarity:
    jaccard: float
    containment: float
    smaller: int
    #: the contained text is the longer one's story, not a quote in it (see `copies`)
    aligned: bool = True

    @property
    def duplicate(self) -> bool:
        if self.jaccard >= MIN_JACCARD:
            return True
        return (
            self.containment >= MIN_CONTAINMENT
            and self.smaller >= MIN_CONTAINED_SHINGLES
            and self.aligned
        )

    @property
    def reason(self) -> str:
        if self.jaccard >= 0.999:
            return "same text"
        if self.jaccard >= MIN_JACCARD:
            return "near-duplicate text"
        return "truncated copy (one text contained in the other)"


def _array_similarity(a: np.ndarray, b: np.ndarray) -> Similarity:
    """How much two shingle arrays (sorted, without repeats) overlap."""
    if not len(a) or not len(b):
        return Similarity(0.0, 0.0, 0)
    common = len(np.intersect1d(a, b, assume_unique=True))
    smaller = min(len(a), len(b))
    return Similarity(common / (len(a) + len(b) - common), common / smaller, smaller)


def copies(
    first: tuple[Instance, Fingerprint],
    second: tuple[Instance, Fingerprint],
    arrays: tuple[np.ndarray, np.ndarray],
) -> Similarity:
    """How much two instances overlap, and whether that makes them copies of one story.

    Containment alone does not: a column that quotes two paragraphs of a wire story
    contains a short copy of it. The smaller text is a copy of the larger when the larger
    is mostly its story: the larger's opening is in the smaller (a copy cut short), or
    the two print the same headline.
    """
    sim = _array_similarity(*arrays)
    if sim.jaccard >= MIN_JACCARD or sim.containment < MIN_CONTAINMENT:
        return sim
    (a, a_print), (b, b_print) = first, second
    if a.headline and b.headline and normalize(a.headline) == normalize(b.headline):
        return sim
    larger, smaller = (
        (a_print, arrays[1]) if len(arrays[0]) >= len(arrays[1]) else (b_print, arrays[0])
    )
    opening = np.frombuffer(larger.hashes, np.uint32)[:OPENING_RUNS]
    share = float(np.isin(opening, smaller, assume_unique=False).mean()) if len(opening) else 0.0
    return replace(sim, aligned=share >= MIN_OPENING_SHARE)


class _Groups:
    """Union-find over instance indexes, remembering why each union happened."""

    def __init__(self, size: int):
        self.parent = list(range(size))
        self.links: dict[int, list[tuple[int, int, Similarity]]] = defaultdict(list)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, sim: Similarity) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)
        self.links[min(ri, rj)].append((i, j, sim))
        if ri != rj:
            self.links[min(ri, rj)].extend(self.links.pop(max(ri, rj), []))


def candidate_pairs(fingerprints: Sequence[Fingerprint]) -> set[tuple[int, int]]:
    """Pairs of instances (by index, smaller first) that share an LSH band or a bucket."""
    pairs = _band_pairs(fingerprints)
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, fp in enumerate(fingerprints):
        for key in fp.buckets:
            buckets[key].append(i)
    for key, members in buckets.items():
        if len(members) < 2:
            continue
        if key.startswith("exact:"):
            # the same text: chaining each copy to the first links them all
            pairs.update((members[0], other) for other in members[1:])
        elif len(members) <= MAX_BUCKET:
            pairs.update(itertools.combinations(members, 2))
    return pairs


#: odd multipliers that fold a band's BAND_ROWS values into one 64-bit key
_BAND_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], np.uint64)


def _band_pairs(fingerprints: Sequence[Fingerprint]) -> set[tuple[int, int]]:
    """Pairs whose MinHash signatures agree on every row of some band.

    Each band's rows are folded into one 64-bit key per instance, and equal
    keys are found by sorting: a few numpy passes instead of a dictionary
    entry per instance and band. A rare key collision only adds a candidate,
    which is verified like any other.
    """
    signed = [i for i, fp in enumerate(fingerprints) if fp.signature]
    pairs: set[tuple[int, int]] = set()
    if len(signed) < 2:
        return pairs
    owners = np.array(signed)
    keys_by_band = band_keys([fingerprints[i] for i in signed])
    for band in range(BANDS):
        keys = keys_by_band[:, band]
        order = np.argsort(keys, kind="stable")
        cuts = np.flatnonzero(np.diff(keys[order])) + 1
        starts, ends = np.r_[0, cuts], np.r_[cuts, len(order)]
        shared = np.flatnonzero((ends - starts >= 2) & (ends - starts <= MAX_BUCKET))
        for start, end in zip(starts[shared], ends[shared], strict=True):
            members = sorted(owners[order[start:end]].tolist())
            pairs.update(itertools.combinations(members, 2))
    return pairs


#: fingerprints whose band keys are folded in one numpy pass (a few MB of temporaries;
#: all those of a 50k build at once made a 235 MB peak)
BAND_BATCH = 8192


def band_keys(signed: Sequence[Fingerprint]) -> np.ndarray:
    """One 64-bit key per band for each fingerprint (all with a signature): shape (n, BANDS)."""
    keys = np.empty((len(signed), BANDS), dtype=np.uint64)
    for start in range(0, len(signed), BAND_BATCH):
        batch = signed[start : start + BAND_BATCH]
        signatures = np.frombuffer(b"".join(fp.signature for fp in batch), dtype=np.uint32)
        used = signatures.reshape(len(batch), NUM_PERM)[:, : BANDS * BAND_ROWS]
        rows = used.reshape(len(batch), BANDS, BAND_ROWS).astype(np.uint64)
        keys[start : start + len(batch)] = (rows * _BAND_MIX[:BAND_ROWS]).sum(
            axis=2, dtype=np.uint64
        )
    return keys


def group_instances(
    instances: list[Instance], fingerprints: Sequence[Fingerprint]
) -> tuple[list[list[int]], dict[int, list[tuple[int, int, Similarity]]]]:
    """Indexes of `instances` grouped by story, and the verified links that made each group."""
    arrays: dict[int, np.ndarray] = {}  # made for the instances in a pair only

    def array(i: int) -> np.ndarray:
        if i not in arrays:
            arrays[i] = shingle_array(fingerprints[i])
        return arrays[i]

    groups = _Groups(len(instances))
    for i, j in sorted(candidate_pairs(fingerprints)):
        pair = (instances[i], fingerprints[i]), (instances[j], fingerprints[j])
        sim = copies(*pair, (array(i), array(j)))
        if sim.duplicate:
            groups.union(i, j, sim)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(instances)):
        members[groups.find(i)].append(i)
    return [members[root] for root in sorted(members)], groups.links


def group_with_teasers(
    ordered: list[Instance], prints: Sequence[Fingerprint]
) -> tuple[list[list[int]], dict[int, list[tuple[int, int, Similarity]]]]:
    """`group_instances` over the articles, then each teaser joins the story it announces
    (`teaser_homes`); a teaser of no story of the build is in no group."""
    full = [k for k, inst in enumerate(ordered) if not inst.teaser]
    if len(full) == len(ordered):
        return group_instances(ordered, prints)
    grouped, links = group_instances([ordered[k] for k in full], [prints[k] for k in full])
    grouped = [[full[m] for m in members] for members in grouped]
    links = {
        full[root]: [(full[i], full[j], sim) for i, j, sim in found]
        for root, found in links.items()
    }
    group_of = {member: g for g, members in enumerate(grouped) for member in members}
    for teaser, home in teaser_homes(ordered, prints, full).items():
        grouped[group_of[home]].append(teaser)
    return grouped, links


#: a teaser's excerpt joins a story by its text when most (TEASER_CONTAINMENT) of its
#: shingles, at least MIN_TEASER_SHINGLES, are in the story's body
MIN_TEASER_SHINGLES = 4
TEASER_CONTAINMENT = 0.8


#: a label a headline may be printed after, on a listing or on the story's page: "Column: "
_HEADLINE_LABEL = re.compile(r"^\w+(?:[ -]\w+)?:\s+(?=\S)")
#: a teaser's excerpt is its story's deck when they open with as many words
DECK_KEY_WORDS = 8


def named_keys(inst: Instance) -> list[str]:
    """What a teaser and its story may both print, as keys: the headline (with and without
    a label before it), and the opening words of the story's deck or the teaser's
    excerpt (a listing often prints the story's standfirst)."""
    keys: list[str] = []
    if inst.headline:
        keys.append(normalize(inst.headline))
        unlabelled = _HEADLINE_LABEL.sub("", inst.headline, count=1)
        if unlabelled != inst.headline:
            keys.append(normalize(unlabelled))
        if inst.teaser:  # (a listing's section glued to it: "Autos & TransportationTesla cuts …")
            keys += [normalize(tail) for tail in glued_tails(inst.headline)]
    lead = inst.deck if not inst.teaser else inst.blocks[0].text if inst.blocks else None
    words = normalize(lead).split() if lead else []
    if len(words) >= DECK_KEY_WORDS:
        keys.append("deck " + " ".join(words[:DECK_KEY_WORDS]))
    return [key for key in keys if key]


def teaser_homes(
    ordered: list[Instance], prints: Sequence[Fingerprint], full: list[int]
) -> dict[int, int]:
    """For each teaser (by index) that announces a story of the build, an instance of that
    story (`teaser_home`: the build's own rule, which `incremental` follows too)."""
    openings: dict[str, list[int]] = defaultdict(list)
    named: dict[str, list[int]] = defaultdict(list)
    for k in full:
        for key in opening_keys(prints[k]):
            openings[key].append(k)
        for key in named_keys(ordered[k]):
            named[key].append(k)
    homes: dict[int, int] = {}
    for t, teaser in enumerate(ordered):
        if teaser.teaser:
            by_text = {k for key in opening_keys(prints[t]) for k in openings.get(key, ())}
            by_name = [k for key in named_keys(teaser) for k in named.get(key, ())]
            home = teaser_home(prints[t], by_text, by_name, prints.__getitem__, int)
            if home is not None:
                homes[t] = home
    return homes


def teaser_home(
    teaser: Fingerprint,
    by_text: Iterable[int],
    by_name: Iterable[int],
    print_of: Callable[[int], Fingerprint],
    order: Callable[[int], object],
) -> int | None:
    """The instance a teaser joins: of those that open as its excerpt does (`by_text`,
    found by their opening keys), the one holding most of the excerpt's shingles, at least
    TEASER_CONTAINMENT of them; else the first (by `order`) that prints its headline or
    has its excerpt for a deck (`by_name`, found by `named_keys`).
    Bucket-sized lists only: a key shared by more instances says nothing of which."""
    shingles = shingle_array(teaser)
    best, best_share = None, TEASER_CONTAINMENT
    candidates = sorted(set(by_text), key=order)
    if len(shingles) >= MIN_TEASER_SHINGLES and len(candidates) <= MAX_BUCKET:
        for k in candidates:
            common = len(np.intersect1d(shingles, shingle_array(print_of(k)), assume_unique=True))
            share = common / len(shingles)
            if share > best_share or (best is None and share >= best_share):
                best, best_share = k, share
    if best is None:
        named = sorted(set(by_name), key=order)
        best = named[0] if 0 < len(named) <= MAX_BUCKET else None
    return best


def deduplicate(
    instances: Iterable[Instance],
    fingerprints: Mapping[str, Fingerprint] | None = None,
    memo: dict[str, Article] | None = None,
    apart: Iterable[KeptApart] = (),
) -> tuple[list[Article], list[Merge]]:
    """One `Article` per story, and a `Merge` record for every story found more than once.

    `fingerprints` holds fingerprints already computed (in the workers), by
    instance key; the others are computed here. `memo` holds the articles an
    earlier build merged, by group (a digest of its instances): a group that
    is still there is not merged again. On return it holds this build's groups.
    Articles come in the order of their first instance by (source, position).
    `apart` holds the copies an editor said are another story than the story they
    were merged into: a group is split there.

    All in one process: a forked worker lining up the blocks of half the
    stories saved 0.35 s at 10k scrapes, but touching the instances it shared
    made it copy them, 1.1 GB at 50k.
    """
    ordered = sorted(instances, key=lambda inst: (inst.source, inst.position))
    known = fingerprints or {}
    prints = [known.get(inst.key) or fingerprint(inst) for inst in ordered]
    grouped, links = group_with_teasers(ordered, prints)
    for split in apart:
        grouped = _split(grouped, ordered, split)
    earlier = memo or {}  # read only; replaced by `current` at the end
    keys = [stable_hash("".join(prints[i].digest for i in members), 32) for members in grouped]
    current: dict[str, Article] = {}
    articles: list[Article] = []
    merges: list[Merge] = []
    used_ids: set[str] = set()
    for members, key in zip(grouped, keys, strict=True):
        group = [(ordered[i], prints[i]) for i in members]
        merged = current[key] = earlier.get(key) or merge_group(group)
        article = replace(merged, id=_unique_id(merged.title, merged.blocks, used_ids))
        articles.append(article)
        if len(group) > 1:
            sims = [sim for _, _, sim in links.get(members[0], [])]
            merges.append(merge_record(article, sims, sum(inst.teaser for inst, _ in group)))
    if memo is not None:
        memo.clear()
        memo.update(current)
    return articles, merges


@dataclass(frozen=True)
class KeptApart:
    """An editor's word that the copies in `files` of the story whose other instances are
    `kept` are another story (`stories.yml`, `apart`); both sorted, so it has one repr."""

    files: tuple[str, ...]
    kept: tuple[str, ...]


def _split(grouped: list[list[int]], ordered: list[Instance], split: KeptApart) -> list[list[int]]:
    """The groups, the one holding the story's `kept` instances with the copies from the
    files named taken out as a group of their own (when each part has an article, not
    only teasers)."""
    files, kept_keys = set(split.files), set(split.kept)
    out: list[list[int]] = []
    for members in grouped:
        taken = [i for i in members if ordered[i].source in files]
        kept = [i for i in members if ordered[i].source not in files]
        whole = (
            not taken
            or not any(ordered[i].key in kept_keys for i in kept)
            or all(ordered[i].teaser for i in taken)
            or all(ordered[i].teaser for i in kept)
        )
        if whole:
            out.append(members)
        else:
            out += [kept, taken]
    out.sort(key=lambda members: members[0])  # (the order of their first instance)
    return out


#: why a story found once, and listed elsewhere, is a merge all the same
TEASER_REASON = "a listing's teaser of the story"


def merge_record(article: Article, sims: list[Similarity], teasers: int = 0) -> Merge:
    """What the report says of a story found more than once: the closest copies decide."""
    best = max(sims, key=lambda s: s.jaccard) if sims else Similarity(0, 0, 0)
    return Merge(
        article_id=article.id,
        instances=tuple(article.instances),
        reason=TEASER_REASON if teasers and not sims else best.reason,
        similarity=round(max((max(s.jaccard, s.containment) for s in sims), default=0.0), 3),
    )


def _completeness(instance: Instance) -> tuple[int, int, str, int]:
    return (
        sum(len(block.text) for block in instance.blocks),
        instance.headline is not None,
        instance.source,
        -instance.position,
    )


#: a body block with its shingles, as merging compares blocks, and where it comes from:
#: (rank of its instance in the group, its index in that instance's blocks)
_Piece = tuple[Block, frozenset[int], tuple[int, int]]


def merge_blocks(base: list[_Piece], other: list[_Piece]) -> list[_Piece]:
    """`base` plus every block of `other` it lacks, each placed after its neighbour in `other`.

    A base paragraph that is a cut-off version of one in `other` is replaced by
    the fuller text, so no version's words are lost.
    """
    merged = list(base)
    anchor = -1  # index in `merged` of the last block of `other` found there
    for piece in other:
        block, block_set, _ = piece
        match = _find(block_set, [shingle_set for _, shingle_set, _ in merged])
        if match is None:
            merged.insert(anchor + 1, piece)
            anchor += 1
            continue
        if len(block.text) > len(merged[match][0].text) and block.kind is merged[match][0].kind:
            merged[match] = piece
        anchor = max(anchor, match)
    return merged


def _find(block_set: frozenset[int], candidates: list[frozenset[int]]) -> int | None:
    best, best_score = None, 0.0
    for k, other in enumerate(candidates):
        if not block_set or not other:
            continue
        common = len(block_set & other)
        score = common / min(len(block_set), len(other))
        if score > best_score:
            best, best_score = k, score
    return best if best_score >= MIN_CONTAINMENT else None


def _pieces(rank: int, instance: Instance, fp: Fingerprint) -> list[_Piece]:
    return [
        (block, frozenset(shingles.tolist()), (rank, index))
        for index, (block, shingles) in enumerate(
            zip(instance.blocks, block_shingles(fp), strict=True)
        )
    ]


#: which blocks make a merged body, in order: (rank of the instance, index of the block)
BlockOrder = list[tuple[int, int]]


def _ranked(group: list[tuple[Instance, Fingerprint]]) -> list[tuple[Instance, Fingerprint]]:
    """The instances of a group, the most complete first: the base of the merge."""
    return sorted(group, key=lambda pair: _completeness(pair[0]), reverse=True)


def _block_order(ranked: list[tuple[Instance, Fingerprint]]) -> BlockOrder:
    """The blocks of a ranked group's merged body (see `merge_blocks`): the costly part of
    a merge."""
    if len(ranked) == 1:  # (most stories: no blocks to line up)
        return [(0, index) for index in range(len(ranked[0][0].blocks))]
    pieces = _pieces(0, *ranked[0])
    for rank, other in enumerate(ranked[1:], start=1):
        pieces = merge_blocks(pieces, _pieces(rank, *other))
    return [origin for _, _, origin in pieces]


def merge_group(group: list[tuple[Instance, Fingerprint]]) -> Article:
    """The instances of one story merged into an article; its id is given later, build-wide.

    Teasers in the group add their page to the sources, and their headline or date only
    where no copy of the story prints one: their text is the story's opening, which the
    copies have whole.
    """
    copies = [pair for pair in group if not pair[0].teaser]
    teasers = sorted((inst for inst, _ in group if inst.teaser), key=lambda i: i.key)
    ranked = _ranked(copies)
    blocks = [ranked[rank][0].blocks[index] for rank, index in _block_order(ranked)]
    instances = [inst for inst, _ in ranked]
    base = instances[0]
    printed = [inst.headline for inst in instances if inst.headline]
    from_copies = bool(printed)
    # (a headline a listing cut off is no title: no page prints it whole)
    printed += [t.headline for t in teasers if t.headline and not CUT_OFF.search(t.headline)]
    headline = base.headline or next(iter(printed), None)
    deck = base.deck or next((inst.deck for inst in instances if inst.deck), None)
    if headline:
        title, title_source = headline, "headline"
    else:
        title, title_source = derive_title(blocks), "derived"
    dates = sorted(inst.date for inst in instances if inst.date) or sorted(
        t.date for t in teasers if t.date
    )
    authors = [a for inst in instances for a in inst.authors]
    summary = deck or excerpt(blocks)
    known = {
        text: rule
        for inst in instances
        if inst.face_rules is not None
        for text, rule in zip((inst.headline, summary_of(inst)), inst.face_rules, strict=True)
        if text
    }
    return Article(
        id="",
        title=title,
        title_source=title_source,
        section=base.section or next((inst.section for inst in instances if inst.section), None),
        authors=list(dict.fromkeys(authors)),
        date=dates[0] if dates else None,
        summary=summary,
        deck=deck,
        blocks=blocks,
        sources=sorted({inst.source for inst in [*instances, *teasers]}),
        instances=[inst.key for inst in [*instances, *teasers]],
        origins=sorted(
            {inst.source: inst.origin for inst in [*instances, *teasers] if inst.origin}.values(),
            key=lambda origin: origin.file,
        ),
        doubts=doubts(
            title, title_source, summary, blocks, bool(headline) and not from_copies, known
        ),
    )


def derive_title(blocks: list[Block]) -> str:
    """A readable title from the first sentence, for an article printed without a headline."""
    paragraphs = [b.text for b in blocks if b.kind is BlockKind.PARAGRAPH] or [
        b.text for b in blocks
    ]
    for text in paragraphs:
        text = DATELINE.sub("", text)  # (the dateline is no part of a title)
        if text[:1].isupper() or text[:1].isdigit():
            return shorten(first_sentence(text))
    return shorten(first_sentence(paragraphs[0])) if paragraphs else "Untitled article"


def id_base(title: str) -> str:
    """An article's id when no other article of the build has the same one."""
    return f"{slugify(title, 8)}-{stable_hash(normalize(title), 6)}"


def _unique_id(title: str, blocks: list[Block], used: set[str]) -> str:
    base = id_base(title)
    candidate = base
    if candidate in used:
        opening = " ".join(normalize(" ".join(b.text for b in blocks[:2])).split()[:40])
        candidate = f"{base}-{stable_hash(opening, 6)}"
        counter = 2
        while candidate in used:
            candidate = f"{base}-{stable_hash(opening, 6)}-{counter}"
            counter += 1
    used.add(candidate)
    return candidate
