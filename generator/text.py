"""Text helpers shared by the stages: normalisation, word counts, slugs.

Scrapes of one story differ in quotes, dashes, spacing and case; every
comparison between instances goes through `normalize` so that those
differences never decide anything.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from array import array
from collections import Counter
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


def canonical_spaces(text: str) -> str:
    """Runs of spaces, no-break spaces and other whitespace as one space, ends trimmed."""
    return " ".join(text.split())


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


#: where a label glued to a line ends and the line begins: "ReleasesOffice", "TransportationTesla"
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z])")


def glued_tails(text: str, min_words: int = 4) -> list[str]:
    """What a line may hold after a label or a breadcrumb glued to it, from each glue on
    ("Autos & TransportationTesla cuts Model Y prices …" -> "Tesla cuts Model Y prices …"),
    when it says at least `min_words` words."""
    tails = (text[glue.start() :] for glue in _GLUE.finditer(text))
    return [tail for tail in tails if word_count(tail) >= min_words]


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
    company companies percent per cent mr ms may might must us like well still
    however""".split()
)
#: what may stand around a word as printed: "(Reuters)", "cut," (an apostrophe, hyphen,
#: comma, point or percent sign inside a word or figure stays: "Lucid's", "18,240", "5%")
_AROUND = "!\"#$&()*+/:;<=>?@[\\]^_`{|}~.,'-"
#: how many of an article's terms it keeps (the most frequent): enough to tell events apart
TERM_LIMIT = 80
#: a title word counts as this many body words: the headline names the event
TITLE_WEIGHT = 3
#: the words of a body the terms are taken from: its opening says what happened (and a
#: story's terms are made for every story of a build)
OPENING_WORDS = 160
#: what a term is (`term_code`): a word, a name (one the body mostly capitalises, or a model
#: like "Model Y"), a figure, a word of the title, a company the curation names
TERM_WORD, TERM_NAME, TERM_FIGURE, TERM_TITLE, TERM_COMPANY = range(5)


def term_code(term: str, kind: int, count: int) -> int:
    """A term as one 64-bit number: a CRC of its text, its kind and its count. A story's
    terms are kept as these (8 bytes a term, not a string and a tuple each), and the
    event stage reads them all at once with numpy."""
    return _crc(term) | (kind << 24) | min(count, 0xFFFFFF)


@lru_cache(maxsize=1 << 17)
def _crc(term: str) -> int:
    return zlib.crc32(term.encode("utf-8")) << 32


def content_terms(title: str, texts: list[str]) -> bytes:
    """The article's content words and figures with their counts, title words weighted,
    the most frequent TERM_LIMIT, then the title's terms, as `term_code`s: what the event
    stage compares articles by (see `events`). Only the body's opening counts.
    A word the body mostly capitalises is a name ("Kestrel", "Lansing"): two events
    of one company share the names, one event shares the other words too. Kept with
    the article, so that a build that adds one scrape compares the new story with
    the others without their bodies."""
    # (list comprehensions and Counters over the printed words: a loop over words that
    # updated dictionaries took a quarter of a millisecond a story, 6 s at 10k scrapes)
    title_words = _plain(title).split()
    words = _plain("\n".join(texts)[: OPENING_WORDS * 8]).split()[:OPENING_WORDS]
    title_terms = _terms(title_words)
    printed = [_printed(word) for word in words]
    body = Counter([p[0] for p in printed if p] + _model_names(words))
    capitalised = Counter([p[0] for p in printed if p and p[1]])
    counts = Counter(body)
    for term in title_terms:
        counts[term] += TITLE_WEIGHT
    codes = []
    for term, count in counts.most_common(TERM_LIMIT):
        if term[0].isdigit():
            kind = TERM_FIGURE
        elif "_" in term or 2 * capitalised.get(term, 0) > body.get(term, 0):
            kind = TERM_NAME
        else:
            kind = TERM_WORD
        codes.append(term_code(term, kind, count))
    codes += [term_code(term, TERM_TITLE, 1) for term in dict.fromkeys(title_terms)]
    return array("Q", codes).tobytes()


def _terms(words: list[str]) -> list[str]:
    """The terms of these printed words, a model name ("Model Y") as one more."""
    return [p[0] for p in map(_printed, words) if p] + _model_names(words)


def _model_names(words: list[str]) -> list[str]:
    return [name.lower().replace(" ", "_") for name in _MODEL_NAME.findall(" ".join(words))]


#: a name and a short model or series mark ("Model Y", "Ioniq 5", "Series B"): the word
#: alone says which company, the pair which product
_MODEL_NAME = re.compile(r"[A-Z][a-z]+ (?:[A-Z]|\d{1,2})\b(?![\w.,%-])")


@lru_cache(maxsize=1 << 17)
def _printed(word: str) -> tuple[str, bool] | None:
    """A word as printed: its term, and whether it is capitalised there."""
    term = _term_of(word)
    return (term, word.lstrip(_AROUND)[:1].isupper()) if term else None


def _term_of(word: str) -> str | None:
    """A word as printed as a term: figures without trailing punctuation, plural and
    possessive endings off (a light stemmer: "cuts" and "cut" are one term), None for
    function words and for what is no word."""
    word = word.strip(_AROUND)
    if word and not word[0].isdigit():
        word = word.rstrip("%").lower()
    if not word:
        return None
    if word[0].isdigit():
        return word if len(word) >= 2 and _FIGURE.fullmatch(word) else None
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) < 3 or word in _FUNCTION_WORDS or not word[0].isalpha():
        return None
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and len(word) > 3 and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


#: a figure: digits with thousands separators or decimals, perhaps a percentage
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*%?")
