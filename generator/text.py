"""Text helpers shared by the stages: normalisation, word counts, slugs.

Scrapes of one story differ in quotes, dashes, spacing and case; every
comparison between instances goes through `normalize` so that those
differences never decide anything.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_PUNCT_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u00a0": " ",
    }
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
WORD = re.compile(r"[\w'’]+(?:[-.][\w'’]+)*", re.UNICODE)


@lru_cache(maxsize=1 << 16)
def canonical(text: str) -> str:
    """NFKC with typographic quotes, dashes and ellipses made plain."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).translate(_PUNCT_MAP)).strip()


@lru_cache(maxsize=1 << 17)  # the same lines and paragraphs are compared many times
def normalize(text: str) -> str:
    """Lower-case words only, for comparing text across scrapes."""
    return _SPACES.sub(" ", _NON_WORD.sub(" ", canonical(text).lower())).strip()


def words(text: str) -> list[str]:
    return WORD.findall(text)


def word_count(text: str) -> int:
    return len(text.split())


def stable_hash(text: str, length: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def slugify(text: str, max_words: int = 10) -> str:
    ascii_text = unicodedata.normalize("NFKD", canonical(text)).encode("ascii", "ignore").decode()
    parts = _NON_WORD.sub(" ", ascii_text.lower()).replace("_", " ").split()
    return "-".join(parts[:max_words]) or "article"


_TRAILING_STOPWORDS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "its",
    "of",
    "on",
    "or",
    "that",
    "the",
    "their",
    "to",
    "with",
}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'A-Z0-9])")


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def shorten(text: str, limit: int = 80, min_clause: int = 40) -> str:
    """Cut `text` to at most `limit` characters at a clause or word boundary.

    A derived title must read like a headline, so a cut prefers the last comma
    inside the limit and never ends on a dangling article or preposition.
    """
    text = text.strip().rstrip(".!?;:")
    if len(text) <= limit:
        return text
    window = text[: limit + 1]
    comma = window.find(", ", min_clause)
    if comma >= 0:
        return window[:comma].rstrip()
    cut = window.rsplit(" ", 1)[0].split()
    while len(cut) > 3 and cut[-1].lower().strip(",;:") in _TRAILING_STOPWORDS:
        cut.pop()
    return " ".join(cut).rstrip(",;:") + "…"
