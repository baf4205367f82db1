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

#: typographic characters and their plain forms; all of them are non-ASCII, so ASCII
#: text (most lines) skips the replacing
_PUNCT_PAIRS = (
    ("\u2018", "'"),
    ("\u2019", "'"),
    ("\u201a", "'"),
    ("\u201b", "'"),
    ("\u2032", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u201e", '"'),
    ("\u2033", '"'),
    ("\u2013", "-"),
    ("\u2014", "-"),
    ("\u2212", "-"),
    ("\u2026", "..."),
    ("\u00a0", " "),
)
_WORD_RUN = re.compile(r"\w+")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
#: ASCII characters that are not word characters (\w), mapped to a space
_ASCII_NON_WORD = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_")}
)
WORD = re.compile(r"[\w'’]+(?:[-.][\w'’]+)*", re.UNICODE)


def _plain(text: str) -> str:
    """NFKC with typographic quotes, dashes and ellipses made plain (spacing untouched).

    ASCII text is its own NFKC form and holds none of the typographic characters.
    Replacing one character at a time equals one translation, as no replacement
    holds a character that is replaced, and costs far less than `str.translate`
    with a dict on non-ASCII text.
    """
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    for typographic, plain in _PUNCT_PAIRS:
        if typographic in text:
            text = text.replace(typographic, plain)
    return text


@lru_cache(maxsize=1 << 16)
def canonical(text: str) -> str:
    """NFKC with typographic quotes, dashes and ellipses made plain, spaces collapsed."""
    # str.split() splits on exactly the characters the regular expression \s matches
    return " ".join(_plain(text).split())


@lru_cache(maxsize=1 << 17)  # the same lines and paragraphs are compared many times
def normalize(text: str) -> str:
    """Lower-case words only, for comparing text across scrapes."""
    lowered = _plain(text).lower()
    if lowered.isascii():  # the common case: blank out ASCII non-word characters in one pass
        return " ".join(lowered.translate(_ASCII_NON_WORD).split())
    return " ".join(_WORD_RUN.findall(lowered))


@lru_cache(maxsize=64)
def _many_words(count: int) -> re.Pattern[str]:
    """Matches a text opening with `count` whitespace-separated tokens that each hold an
    ASCII letter or digit (possessive, so it never backtracks)."""
    return re.compile(rf"(?:[^\sA-Za-z0-9]*+[A-Za-z0-9]\S*+\s++){{{count}}}")


def normalize_short(text: str, max_words: int) -> str | None:
    """`normalize(text)` when it has at most `max_words` words, else None.

    Passes over a whole build look for short lines among hundreds of thousands
    of paragraphs; this turns a long paragraph down without normalising it. Each
    whitespace-separated token holding an ASCII letter or digit gives at least one
    word of `normalize` (NFKC keeps such a character a word character and never
    merges text across whitespace), so more such tokens than `max_words` means
    more words.
    """
    if _many_words(max_words + 1).match(text):
        return None
    key = normalize(text)
    return key if len(key.split()) <= max_words else None


def words(text: str) -> list[str]:
    return WORD.findall(text)


@lru_cache(maxsize=1 << 16)  # segmentation and cleaning ask it of each line many times
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


#: words that say nothing about which event an article reports
_FUNCTION_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers him his how i if in into is it its
    itself just me more most my no nor not now of off on once only or other our ours out over
    own same she should so some such than that the their theirs them then there these they
    this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours said says say according told added including
    new one two three first last next year years week month months day days today yesterday
    company companies percent per cent mr ms may might must us also like just well still
    however would could while""".split()
)
#: a word of an article's terms: letters (with inner apostrophes or hyphens), or a figure
_TERM = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*|\d+(?:[.,]\d+)*%?", re.UNICODE)
#: how many of an article's terms it keeps (the most frequent): enough to tell events apart
TERM_LIMIT = 80
#: a title word counts as this many body words: the headline names the event
TITLE_WEIGHT = 3


def content_terms(title: str, texts: list[str]) -> tuple[tuple[str, int], ...]:
    """The article's content words and figures with their counts, title words weighted,
    the most frequent first: what the event stage compares articles by (see `events`).
    A word the body mostly capitalises is a name and keeps its capital ("Kestrel",
    "Lansing"): two events of one company share the names, one event shares the
    other words too. Kept with the article, so that a build that adds one scrape
    compares the new story with the others without their bodies."""
    counts: dict[str, int] = {}
    in_body: dict[str, int] = {}
    capitalised: dict[str, int] = {}
    for weight, text in [(TITLE_WEIGHT, title), *((1, t) for t in texts)]:
        text = _plain(text)
        for name in _MODEL_NAME.findall(text):
            term = name.replace(" ", "_")
            counts[term] = counts.get(term, 0) + weight
        for word in _TERM.findall(text):
            term = _term(word.lower())
            if term:
                counts[term] = counts.get(term, 0) + weight
                if weight == 1:
                    in_body[term] = in_body.get(term, 0) + 1
                    capitalised[term] = capitalised.get(term, 0) + word[0].isupper()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))
    return tuple(
        (
            term[0].upper() + term[1:]
            if 2 * capitalised.get(term, 0) > in_body.get(term, 0)
            else term,
            count,
        )
        for term, count in ranked[:TERM_LIMIT]
    )


#: a name and a short model or series mark ("Model Y", "Ioniq 5", "Series B"): the word
#: alone says which company, the pair which product
_MODEL_NAME = re.compile(r"\b[A-Z][A-Za-z]+ (?:[A-Z]|\d{1,2})\b(?![\w.,%-])")


def _term(word: str) -> str | None:
    """A word as a term: figures without trailing punctuation, plural and possessive
    endings off (a light stemmer: "cuts" and "cut" are one term), None for function words."""
    if word[0].isdigit():
        word = word.rstrip(".,")
        return word if len(word) >= 2 else None
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) < 3 or word in _FUNCTION_WORDS:
        return None
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and len(word) > 3 and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
