"""Deduplication: group the instances of one story and merge them into an `Article`.

Candidates come from exact body hashes, MinHash LSH over word shingles, and
shared openings (a truncated copy shares its first words with the full one),
so the cost stays near-linear in the number of instances. Every candidate pair
is then verified on the exact shingle sets: Jaccard similarity for reformatted
copies, containment for truncated ones. A false merge hides a story, a missed
one only repeats it, so the thresholds lean towards not merging.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when first used: datasketch pulls in scipy (a second at start-up)
    import numpy as np
    from datasketch import MinHash

from .model import Article, Block, BlockKind, Instance, Merge
from .text import first_sentence, normalize, shorten, slugify, stable_hash

SHINGLE_WORDS = 5
NUM_PERM = 64
LSH_THRESHOLD = 0.3
#: reformatted copies share most shingles
MIN_JACCARD = 0.5
#: a truncated copy's shingles are (nearly) all inside the full copy
MIN_CONTAINMENT = 0.8
#: containment on fewer shingles than this is too weak a signal to merge on
MIN_CONTAINED_SHINGLES = 12
OPENING_WORDS = 12


def body_text(instance: Instance) -> str:
    return "\n".join(block.text for block in instance.blocks)


def shingles(text: str) -> frozenset[int]:
    return _token_shingles(_tokens(text))


def _tokens(text: str) -> list[str]:
    # whole bodies are compared once: keep them out of normalize's cache
    return normalize.__wrapped__(text).split()


#: paragraphs are compared again with every copy of their story
_block_shingles = lru_cache(maxsize=1 << 16)(shingles)


#: odd 64-bit multipliers: a shingle's hash is sum(token hash × multiplier of its place)
_PLACES = (
    0x9E3779B97F4A7C15,
    0xC2B2AE3D27D4EB4F,
    0x165667B19E3779F9,
    0xD6E8FEB86659FD93,
    0xFF51AFD7ED558CCD,
)[:SHINGLE_WORDS]
_TOKEN_HASHES: dict[str, int] = {}


def _token_hash(token: str) -> int:
    value = _TOKEN_HASHES.get(token)
    if value is None:
        if len(_TOKEN_HASHES) > 1 << 20:
            _TOKEN_HASHES.clear()
        value = _TOKEN_HASHES[token] = _crc(token)
    return value


def _token_shingles(tokens: list[str]) -> frozenset[int]:
    return frozenset(_shingle_array(tokens).tolist())


def _shingle_array(tokens: list[str]) -> np.ndarray:
    """32-bit hashes of every run of SHINGLE_WORDS tokens: a sorted numpy array without repeats.

    Each token is hashed once (crc32, the same in every process); a shingle's
    hash is the top half of a position-weighted sum of its tokens' hashes. An
    array takes 4 bytes a shingle where a set of Python ints takes about 60.
    """
    import numpy as np

    if len(tokens) < SHINGLE_WORDS:
        return np.array([_crc(" ".join(tokens))] if tokens else [], dtype=np.uint32)
    ids = np.fromiter(map(_token_hash, tokens), dtype=np.uint64, count=len(tokens))
    width = len(tokens) - SHINGLE_WORDS + 1
    total = ids[:width] * np.uint64(_PLACES[0])
    for k in range(1, SHINGLE_WORDS):
        total += ids[k : k + width] * np.uint64(_PLACES[k])
    return np.unique((total >> np.uint64(32)).astype(np.uint32))


def _crc(text: str) -> int:
    """A hash that is the same in every process (str hashes are salted per process)."""
    return zlib.crc32(text.encode("utf-8"))


@dataclass(frozen=True)
class Similarity:
    jaccard: float
    containment: float
    smaller: int

    @property
    def duplicate(self) -> bool:
        if self.jaccard >= MIN_JACCARD:
            return True
        return self.containment >= MIN_CONTAINMENT and self.smaller >= MIN_CONTAINED_SHINGLES

    @property
    def reason(self) -> str:
        if self.jaccard >= 0.999:
            return "same text"
        if self.jaccard >= MIN_JACCARD:
            return "near-duplicate text"
        return "truncated copy (one text contained in the other)"


def similarity(a: frozenset[int], b: frozenset[int]) -> Similarity:
    if not a or not b:
        return Similarity(0.0, 0.0, 0)
    common = len(a & b)
    smaller = min(len(a), len(b))
    return Similarity(common / len(a | b), common / smaller, smaller)


def _array_similarity(a: np.ndarray, b: np.ndarray) -> Similarity:
    """`similarity` of two shingle arrays (sorted, without repeats)."""
    import numpy as np

    if not len(a) or not len(b):
        return Similarity(0.0, 0.0, 0)
    common = len(np.intersect1d(a, b, assume_unique=True))
    smaller = min(len(a), len(b))
    return Similarity(common / (len(a) + len(b) - common), common / smaller, smaller)


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


@lru_cache(maxsize=1)
def _permutations() -> tuple:
    from datasketch import MinHash

    template = MinHash(num_perm=NUM_PERM, seed=1)
    return template.permutations, template.scheme


def _same(value: int) -> int:
    return value


def _minhash() -> MinHash:
    """An empty MinHash over shingle hashes (already 32-bit hashes: no SHA-1 of each again).

    The permutations are drawn once, as MinHash(num_perm=NUM_PERM, seed=1) draws them.
    """
    from datasketch import MinHash

    permutations, scheme = _permutations()
    return MinHash(
        num_perm=NUM_PERM, seed=1, permutations=permutations, scheme=scheme, hashfunc=_same
    )


def _bucket_keys(tokens: list[str]) -> list[str]:
    """Keys that put likely copies in one bucket: the same text, opening or closing words."""
    return [
        "exact:" + stable_hash(" ".join(tokens), 16),
        "open:" + " ".join(tokens[:OPENING_WORDS]),
        "close:" + " ".join(tokens[-OPENING_WORDS:]),
    ]


def _lsh_pairs(sorted_sets: list) -> set[tuple[int, int]]:
    """Pairs whose MinHash signatures collide (each set: its shingle hashes, sorted)."""
    from datasketch import MinHashLSH

    pairs: set[tuple[int, int]] = set()
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for i, shingle_set in enumerate(sorted_sets):
        if len(shingle_set) < 2:
            continue
        minhash = _minhash()
        minhash.update_batch(
            shingle_set.tolist() if hasattr(shingle_set, "tolist") else list(shingle_set)
        )
        for j in lsh.query(minhash):
            pairs.add((j, i))
        lsh.insert(i, minhash)
    return pairs


def _bucket_pairs(buckets: dict[str, list[int]]) -> set[tuple[int, int]]:
    """Pairs of instances that share a bucket key."""
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                pairs.add((members[a], members[b]))
    return pairs


def group_instances(
    instances: list[Instance],
) -> tuple[list[list[int]], dict[int, list[tuple[int, int, Similarity]]]]:
    # one instance at a time, keeping only the compact shingle array: the token
    # lists of every body at once would take gigabytes on a large build
    arrays = []
    edges: dict[str, list[int]] = defaultdict(list)
    for i, instance in enumerate(instances):
        tokens = _tokens(body_text(instance))
        for key in _bucket_keys(tokens) if tokens else ():
            edges[key].append(i)
        arrays.append(_shingle_array(tokens))
    groups = _Groups(len(instances))
    for i, j in sorted(_lsh_pairs(arrays) | _bucket_pairs(edges)):
        sim = _array_similarity(arrays[i], arrays[j])
        if sim.duplicate:
            groups.union(i, j, sim)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(instances)):
        members[groups.find(i)].append(i)
    return [members[root] for root in sorted(members)], groups.links


def deduplicate(instances: Iterable[Instance]) -> tuple[list[Article], list[Merge]]:
    ordered = sorted(instances, key=lambda inst: (inst.source, inst.position))
    grouped, links = group_instances(ordered)
    articles: list[Article] = []
    merges: list[Merge] = []
    used_ids: set[str] = set()
    for members in grouped:
        group = [ordered[i] for i in members]
        article = merge_group(group, used_ids)
        articles.append(article)
        if len(group) > 1:
            sims = [sim for _, _, sim in links.get(members[0], [])]
            best = max(sims, key=lambda s: s.jaccard) if sims else Similarity(0, 0, 0)
            merges.append(
                Merge(
                    article_id=article.id,
                    instances=tuple(article.instances),
                    reason=best.reason,
                    similarity=round(
                        max((max(s.jaccard, s.containment) for s in sims), default=0.0), 3
                    ),
                )
            )
    return articles, merges


def _completeness(instance: Instance) -> tuple[int, int, str, int]:
    return (
        sum(len(block.text) for block in instance.blocks),
        instance.headline is not None,
        instance.source,
        -instance.position,
    )


def merge_blocks(base: list[Block], other: list[Block]) -> list[Block]:
    """`base` plus every block of `other` it lacks, each placed after its neighbour in `other`.

    A base paragraph that is a cut-off version of one in `other` is replaced by
    the fuller text, so no version's words are lost.
    """
    merged = list(base)
    merged_sets = [_block_shingles(block.text) for block in merged]
    anchor = -1  # index in `merged` of the last block of `other` found there
    for block in other:
        block_set = _block_shingles(block.text)
        match = _find(block_set, merged_sets)
        if match is None:
            merged.insert(anchor + 1, block)
            merged_sets.insert(anchor + 1, block_set)
            anchor += 1
            continue
        if len(block.text) > len(merged[match].text) and block.kind is merged[match].kind:
            merged[match] = block
            merged_sets[match] = block_set
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


def merge_group(group: list[Instance], used_ids: set[str]) -> Article:
    ranked = sorted(group, key=_completeness, reverse=True)
    base = ranked[0]
    blocks = list(base.blocks)
    for other in ranked[1:]:
        blocks = merge_blocks(blocks, list(other.blocks))
    headline = base.headline or next((inst.headline for inst in ranked if inst.headline), None)
    deck = base.deck or next((inst.deck for inst in ranked if inst.deck), None)
    if headline:
        title, title_source = headline, "headline"
    else:
        title, title_source = derive_title(blocks), "derived"
    dates = sorted(inst.date for inst in group if inst.date)
    authors = [a for inst in group for a in inst.authors]
    article_id = _unique_id(title, blocks, used_ids)
    return Article(
        id=article_id,
        title=title,
        title_source=title_source,
        section=base.section or next((inst.section for inst in ranked if inst.section), None),
        authors=list(dict.fromkeys(authors)),
        date=dates[0] if dates else None,
        summary=deck or excerpt(blocks),
        deck=deck,
        blocks=blocks,
        sources=sorted({inst.source for inst in group}),
        instances=[inst.key for inst in ranked],
    )


#: a wire-story dateline, "BERLIN, Feb 20 (Reuters) -", is not part of a title
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’/-]{1,40},(?: [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([^)]{2,30}\))? ?[-–—:]\s+"
)


def derive_title(blocks: list[Block]) -> str:
    """A readable title from the first sentence, for an article printed without a headline."""
    paragraphs = [b.text for b in blocks if b.kind is BlockKind.PARAGRAPH] or [
        b.text for b in blocks
    ]
    for text in paragraphs:
        text = _DATELINE.sub("", text)
        if text[:1].isupper() or text[:1].isdigit():
            return shorten(first_sentence(text))
    return shorten(first_sentence(paragraphs[0])) if paragraphs else "Untitled article"


def excerpt(blocks: list[Block], limit: int = 200) -> str | None:
    for block in blocks:
        if block.kind is BlockKind.PARAGRAPH:
            return (
                shorten(block.text, limit, min_clause=limit)
                if len(block.text) > limit
                else block.text
            )
    return None


def _unique_id(title: str, blocks: list[Block], used: set[str]) -> str:
    base = f"{slugify(title, 8)}-{stable_hash(normalize(title), 6)}"
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
