"""Fingerprints: what deduplication compares of an article instance, made where the instance is.

Comparing two scrapes of one story goes through word shingles (runs of
SHINGLE_WORDS normalised words). Computing them is most of dedup's cost and
depends on the instance alone, so it happens in the worker that cleaned the
page and is cached with it; the whole-build stage then only looks up buckets
and intersects arrays.

A fingerprint holds the body's shingle hashes (4 bytes each, in the body's
order; each block's are a slice of them), a MinHash signature of them for
locality-sensitive hashing, and the keys of the buckets that catch copies LSH
would miss: the same text, the same opening words (a truncated copy) and the
same closing words. Everything is hashed with functions that give the same value in every
process (str hashes are salted per process).
"""

from __future__ import annotations

import hashlib
import zlib

import numpy as np

from .model import Fingerprint, Instance
from .rules import DATELINE
from .text import normalize

SHINGLE_WORDS = 5
#: MinHash functions; LSH cuts the signature into BANDS bands of BAND_ROWS values
NUM_PERM = 64
#: 21 bands of 3 rows: the split datasketch's MinHashLSH picks for a Jaccard threshold
#: of 0.3 with 64 functions (equal weight to false positives and false negatives).
#: Two bodies with Jaccard s share a band with probability 1 - (1 - s³)²¹: 0.44 at
#: s = 0.3, 0.94 at 0.5, 1.0 at 0.8; truncated copies are caught by the opening bucket.
BANDS, BAND_ROWS = 21, 3
OPENING_WORDS = 12

#: odd 64-bit multipliers: a shingle's hash is sum(token hash × multiplier of its place)
_PLACES = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0xD6E8FEB86659FD93,
        0xFF51AFD7ED558CCD,
    ][:SHINGLE_WORDS],
    dtype=np.uint64,
)
#: multiply-shift hash functions h(x) = (a·x + b) mod 2⁶⁴ >> 32, a odd, drawn once
_rng = np.random.default_rng(20261123)
_MULTIPLIERS = _rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_OFFSETS = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
del _rng

_WORD_HASHES: dict[str, int] = {}


def shingle_array(fp: Fingerprint) -> np.ndarray:
    """The body's shingles: sorted, without repeats."""
    start, stop = np.frombuffer(fp.spans, dtype=np.uint32, count=2)
    return _distinct(np.frombuffer(fp.hashes, dtype=np.uint32)[start:stop])


def block_shingles(fp: Fingerprint) -> list[np.ndarray]:
    """Each body block's shingles (repeats kept: read as a set), by which merging
    lines up the paragraphs of copies."""
    hashes = np.frombuffer(fp.hashes, dtype=np.uint32)
    spans = np.frombuffer(fp.spans, dtype=np.uint32).reshape(-1, 2)[1:].tolist()
    return [hashes[start:stop] for start, stop in spans]


def fingerprint(instance: Instance) -> Fingerprint:
    # the body's words are its blocks' words: normalising block by block reuses
    # normalize's cache, which cleaning has filled with these very paragraphs
    block_words = [normalize(block.text).split() for block in instance.blocks]
    words = [word for words in block_words for word in words]
    runs = _body_hashes(words)
    short: list[np.ndarray] = []
    spans = [0, len(runs)]
    start, end = 0, len(runs)
    for own in block_words:
        if len(own) >= SHINGLE_WORDS:
            spans += [start, start + len(own) - SHINGLE_WORDS + 1]
        else:  # (no hash for a block without words)
            short.append(_short_text_hash(own))
            spans += [end, end + len(short[-1])]
            end += len(short[-1])
        start += len(own)
    body = _distinct(runs)
    return Fingerprint(
        np.concatenate([runs, *short]).tobytes() if short else runs.tobytes(),
        np.array(spans, dtype=np.uint32).tobytes(),
        minhash(body) if len(body) >= 2 else b"",
        bucket_keys(words, _dateline_words(instance)),
        _digest(repr(instance)),
    )


def _dateline_words(instance: Instance) -> int:
    """How many (normalised) words the wire dateline opening the body has, if it has one."""
    if not instance.blocks:
        return 0
    match = DATELINE.match(instance.blocks[0].text)
    return len(normalize(match.group(0)).split()) if match else 0


def shingles(text: str) -> np.ndarray:
    """The shingle hashes of a text, as `Fingerprint` computes them: sorted, without repeats."""
    return _distinct(_body_hashes(normalize(text).split()))


def _body_hashes(words: list[str]) -> np.ndarray:
    """The hash of each run of SHINGLE_WORDS words; of all the words if there are fewer."""
    return _run_hashes(words) if len(words) >= SHINGLE_WORDS else _short_text_hash(words)


def bucket_keys(words: list[str], dateline: int = 0) -> tuple[str, ...]:
    """Keys that put likely copies in one bucket: the same text, opening or closing words;
    when the body opens with a wire dateline of `dateline` words, the opening after it too
    (a copy, or a listing's teaser, may print the story without it)."""
    if not words:
        return ()
    keys = (
        "exact:" + _digest(" ".join(words)),
        "open:" + _digest(" ".join(words[:OPENING_WORDS])),
        "close:" + _digest(" ".join(words[-OPENING_WORDS:])),
    )
    if 0 < dateline < len(words):
        keys += ("open:" + _digest(" ".join(words[dateline : dateline + OPENING_WORDS])),)
    return keys


def opening_keys(fp: Fingerprint) -> list[str]:
    """The keys of the openings of a body (see `bucket_keys`)."""
    return [key for key in fp.buckets if key.startswith("open:")]


def _distinct(values: np.ndarray) -> np.ndarray:
    """`np.unique(values)` (sorted, without repeats), 4× faster on a body's few hundred
    values: a sort and a mask, where np.unique hashes first."""
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()


def _run_hashes(words: list[str]) -> np.ndarray:
    """The 32-bit hash of the run of SHINGLE_WORDS words starting at each position.

    Each word is hashed once (crc32); a run's hash is the top half of a
    position-weighted sum of its words' hashes, computed for all runs at once.
    """
    if len(words) < SHINGLE_WORDS:
        return np.array([], dtype=np.uint32)
    table = _WORD_HASHES
    if len(table) > 1 << 20:
        table.clear()
    for word in set(words).difference(table):
        table[word] = _crc(word)
    ids = np.fromiter(map(table.__getitem__, words), dtype=np.uint64, count=len(words))
    width = len(words) - SHINGLE_WORDS + 1
    total = ids[:width] * _PLACES[0]
    for k in range(1, SHINGLE_WORDS):
        total += ids[k : k + width] * _PLACES[k]
    return (total >> np.uint64(32)).astype(np.uint32)


def _short_text_hash(words: list[str]) -> np.ndarray:
    """A text shorter than one shingle is one shingle: the hash of all its words."""
    return np.array([_crc(" ".join(words))] if words else [], dtype=np.uint32)


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def minhash(shingle_array: np.ndarray) -> bytes:
    """The smallest hash of the shingles under each of the NUM_PERM hash functions."""
    # one row per function, reduced along the row; the top half is taken after the
    # minimum (x >> 32 is monotonic), on 64 values instead of all of them
    hashed = _MULTIPLIERS[:, None] * shingle_array.astype(np.uint64)
    hashed += _OFFSETS[:, None]
    return (hashed.min(axis=1) >> np.uint64(32)).astype(np.uint32).tobytes()
