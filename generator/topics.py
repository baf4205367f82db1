"""Topics and companies: file every article under the editors' topics and tag the companies it names.

Rules are matched case-insensitively on word boundaries: a term matches where
no letter, digit or underscore touches it on either side ("AI" does not match
"Shanghai"), spaces and hyphens inside a term match any run of spaces and
hyphens ("vehicle-to-grid" also matches "vehicle to grid"), a typographic
apostrophe matches ' or ’, and a company name or alias of at most five
characters, all capitals (VW, GM), matches only in capitals. Each occurrence
of a keyword is a hit, counted from left to right without overlaps, the longer
term first where two start at the same place ("battery cell" is one hit, not
also "battery"); title hits count twice. A topic needs a minimum number of
hits, every required term and none of the excluded ones; include/exclude lists
override the rules. Each decision can be explained, because editors tune rules
by asking "why is this article (not) here?".

Those rules are one regular expression per term list, and running it over every
article (eight topics and some thirty companies) was most of the cost of a
build. The expressions still decide every match, but they are only tried where
a match can begin: at a word of the article that is the first word of one of
their terms. Each article is reduced once to its ASCII words and the positions
of those first words, shared by every topic and company.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

from .curation import Company, Curation, Topic
from .model import Article
from .text import content_terms

TITLE_WEIGHT = 2


def _term_pattern(terms: tuple[str, ...], *, acronyms_exact: bool = False) -> re.Pattern[str]:
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        body = r"[\s\-]+".join(re.escape(word) for word in re.split(r"[\s\-]+", term.strip()))
        body = re.sub("['’]", "['’]", body)  # either apostrophe, in one pass
        if acronyms_exact and term.isupper() and len(term) <= 5:
            body = f"(?-i:{body})"
        parts.append(body)
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _key(term: str) -> str:
    return " ".join(re.split(r"[\s\-]+", term.lower().replace("’", "'")))


# The only characters outside ASCII that `re.IGNORECASE` matches to an ASCII
# letter (tests/test_topics_matcher.py checks every code point).
_IGNORECASE_TO_ASCII = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
# ASCII letters lower-cased, digits and "_" kept, any other byte a space.
_ASCII_WORD_BYTES = bytes(
    ord(char.lower()) if char.isascii() and (char.isalnum() or char == "_") else ord(" ")
    for char in map(chr, range(256))
)
_LEADING_ASCII_WORD = re.compile(r"[0-9A-Za-z_]+")


def _ascii_words(text: str) -> bytes:
    """`text` with every character that is not an ASCII letter, digit or "_" replaced by a space.

    Letters are lower-cased the way `re.IGNORECASE` compares them with ASCII
    (so "ſ" becomes "s"). Anything else outside ASCII becomes a space: it never
    matches an ASCII letter, and a word it splits ("café" into "caf") only adds
    a place where a pattern is tried in vain. One byte per character keeps every
    position of `text`, and a space at each end lets `b" word "` find a whole
    word anywhere.
    """
    if not text.isascii():
        for char, ascii_char in _IGNORECASE_TO_ASCII.items():
            if char in text:
                text = text.replace(char, ascii_char)
    return b" " + text.encode("ascii", "replace").translate(_ASCII_WORD_BYTES) + b" "


def _first_word(term: str) -> bytes | None:
    """The lower-cased word every match of `term` starts with, as `_ascii_words` spells it.

    A term that starts with ASCII letters or digits followed by a space, hyphen,
    apostrophe, ASCII punctuation or nothing matches only at a whole word of
    the text equal to them. For any other term (one starting with punctuation
    or a letter outside ASCII, or running on into one: "Citroën") a match may
    start elsewhere, and this is None.
    """
    first = re.split(r"[\s\-]+", term.strip())[0]
    word = _LEADING_ASCII_WORD.match(first)
    if word is None:
        return None
    after = first[word.end() :]
    if after and not (after[0].isascii() or after[0] == "’"):
        return None
    return word.group(0).lower().encode("ascii")


class ArticleWords(NamedTuple):
    """All that classification reads of an article: what a pool worker is sent, a few
    strings instead of the article (a worker that read the build's articles in place
    made its own copy of every memory page they sit on)."""

    id: str
    title: str
    body: str  # the deck and the blocks, a line each
    #: where the blocks start in `body` (after the deck's line)
    blocks_at: int


def article_words(article: Article) -> ArticleWords:
    deck = article.deck or ""
    body = "\n".join([deck] + [block.text for block in article.blocks])
    return ArticleWords(article.id, article.title, body, len(deck) + 1)


class _ArticleText:
    """An article's title and body, with where each term's first word occurs, worked out once."""

    def __init__(self, title: str, body: str, first_words: frozenset[bytes]):
        self.title, self.body = title, body
        self.whole = title + "\n" + body
        self.body_start = len(title) + 1
        words = _ascii_words(self.whole)
        # The words that are first words, in text order: each is found by searching on from
        # the previous one, so the whole text is scanned once.
        occurrences = list(filter(first_words.__contains__, words.split()))
        self.present = frozenset(occurrences)
        self._positions: dict[bytes, list[int]] = {word: [] for word in self.present}
        position = 0
        for word in occurrences:
            position = words.find(b" " + word + b" ", position)
            self._positions[word].append(position)  # `words` starts with an added space
            position += len(word) + 1
        self._starts: dict[frozenset[bytes], list[int]] = {}

    def starts(self, first_words: frozenset[bytes]) -> list[int]:
        """Positions in `whole`, in order, of every word that is one of `first_words`."""
        if self.present.isdisjoint(first_words):
            return []
        starts = self._starts.get(first_words)
        if starts is None:
            present = self.present.intersection(first_words)
            if len(present) == 1:
                starts = self._positions[next(iter(present))]
            else:
                starts = sorted(chain.from_iterable(map(self._positions.__getitem__, present)))
            self._starts[first_words] = starts
        return starts


class _Terms:
    """A term list's pattern, tried only where one of its terms' first words occurs.

    The pattern alone decides what matches; the first words only skip the
    places where it cannot, so the matches are those of `finditer` and `search`
    over the whole text. A list with a term whose matches may start elsewhere
    runs the pattern over the whole text.
    """

    def __init__(self, terms: tuple[str, ...], *, acronyms_exact: bool = False):
        self.pattern = _term_pattern(terms, acronyms_exact=acronyms_exact)
        first_words = {_first_word(term) for term in terms}
        self.first_words = None if None in first_words else frozenset(first_words)

    def matches(self, text: _ArticleText, part: str, offset: int) -> list[str]:
        """What `finditer` matches in `part`, the slice of `text.whole` that starts at `offset`.

        `finditer` tries every position from the end of its last match on; only
        those where a first word starts can match, so trying them in order finds
        the same matches.
        """
        if self.first_words is None:
            return [match.group() for match in self.pattern.finditer(part)]
        starts = text.starts(self.first_words)
        found: list[str] = []
        end = offset
        for start in starts[bisect_left(starts, offset) : bisect_left(starts, offset + len(part))]:
            if start >= end:
                match = self.pattern.match(part, start - offset)
                if match:
                    found.append(match.group())
                    end = match.end() + offset
        return found

    def found(self, text: _ArticleText) -> bool:
        """Whether the title or body (or a term running from one into the other) matches."""
        if self.first_words is None:
            return self.pattern.search(text.whole) is not None
        match, whole = self.pattern.match, text.whole
        return any(match(whole, start) for start in text.starts(self.first_words))


@dataclass
class Decision:
    """Why an article is or is not in a topic."""

    topic: str
    filed: bool
    hits: Counter = field(default_factory=Counter)
    missing_required: list[str] = field(default_factory=list)
    excluded_found: list[str] = field(default_factory=list)
    override: str | None = None
    min_hits: int = 0

    def explain(self) -> str:
        verdict = "IN " if self.filed else "OUT"
        if self.override:
            return f"{verdict} {self.topic}: {self.override}"
        total = sum(self.hits.values())
        parts = [f"{total} hit{'s' if total != 1 else ''} (need {self.min_hits})"]
        if self.hits:
            parts.append(", ".join(f"{term}×{n}" for term, n in sorted(self.hits.items())))
        if self.missing_required:
            parts.append("missing required: " + ", ".join(self.missing_required))
        if self.excluded_found:
            parts.append("excluded term found: " + ", ".join(self.excluded_found))
        return f"{verdict} {self.topic}: " + "; ".join(parts)


class _CompiledTopic:
    def __init__(self, topic: Topic):
        self.topic = topic
        rules = topic.rules
        self.keywords = _Terms(rules.keywords) if rules.keywords else None
        self.required = [(term, _Terms((term,))) for term in rules.required]
        self.excluded = _Terms(rules.excluded) if rules.excluded else None

    def term_lists(self) -> list[_Terms]:
        lists = [self.keywords, *(terms for _, terms in self.required), self.excluded]
        return [terms for terms in lists if terms is not None]

    def decide(self, article_id: str, text: _ArticleText) -> Decision:
        topic = self.topic
        decision = Decision(topic.id, False, min_hits=topic.rules.min_hits)
        if article_id in topic.exclude:
            decision.override = "excluded by id in " + topic.file
            return decision
        if article_id in topic.include:
            decision.filed, decision.override = True, "included by id in " + topic.file
            return decision
        if self.keywords is None:
            return decision
        for weight, part, offset in (
            (TITLE_WEIGHT, text.title, 0),
            (1, text.body, text.body_start),
        ):
            for matched in self.keywords.matches(text, part, offset):
                decision.hits[_key(matched)] += weight
        decision.missing_required = [term for term, terms in self.required if not terms.found(text)]
        if self.excluded is not None:
            decision.excluded_found = sorted(
                {_key(matched) for matched in self.excluded.matches(text, text.whole, 0)}
            )
        decision.filed = (
            sum(decision.hits.values()) >= topic.rules.min_hits
            and not decision.missing_required
            and not decision.excluded_found
        )
        return decision


class Classifier:
    """Topics and company patterns compiled once for a whole build."""

    def __init__(self, curation: Curation, terms: bool = True):
        #: whether `classified` makes the articles' terms too (not when they are known)
        self.terms = terms
        self.topics = [_CompiledTopic(topic) for topic in curation.topics]
        self.companies = [
            (company, _Terms((company.name, *company.aliases), acronyms_exact=True))
            for company in curation.companies
        ]
        term_lists = [terms for compiled in self.topics for terms in compiled.term_lists()]
        term_lists += [terms for _, terms in self.companies]
        self.first_words = frozenset().union(
            *(terms.first_words for terms in term_lists if terms.first_words)
        )
        # Most articles name a few of the companies: only those whose first words occur (and
        # those whose names are not looked up by first word) are tried.
        self._companies_by_first_word: dict[bytes, list[int]] = {}
        self._companies_always_tried: list[int] = []
        for index, (_, terms) in enumerate(self.companies):
            if terms.first_words is None:
                self._companies_always_tried.append(index)
            for word in terms.first_words or ():
                self._companies_by_first_word.setdefault(word, []).append(index)

    def _text(self, words: ArticleWords) -> _ArticleText:
        return _ArticleText(words.title, words.body, self.first_words)

    def decisions(self, article: Article) -> list[Decision]:
        text = self._text(article_words(article))
        return [compiled.decide(article.id, text) for compiled in self.topics]

    def entities(self, article: Article) -> list[str]:
        return self._entities(self._text(article_words(article)))

    def _entities(self, text: _ArticleText) -> list[str]:
        tried = set(self._companies_always_tried)
        for word in text.present:
            tried.update(self._companies_by_first_word.get(word, ()))
        named = [self.companies[index] for index in sorted(tried)]
        return [company.id for company, terms in named if terms.found(text)]

    def classify(self, articles: list[Article]) -> None:
        """Fill `topics` (in topic order), `entities` and `terms` on every article."""
        for article in articles:
            article.topics, article.entities, article.terms = self.classified(
                article_words(article)
            )

    def classified(self, words: ArticleWords) -> tuple[list[str], list[str], bytes]:
        """The article's topics and companies, and its terms (`text.content_terms`, what
        the event stage compares stories by): made here, in the pool classification
        runs in, from the text it is sent. The deck is left out of them: one copy or
        outlet prints one and another not, or the page's head is read with or without
        it, and the story is the same (with it, an event link turned on that)."""
        blocks = words.body[words.blocks_at :]
        terms = content_terms(words.title, [blocks]) if self.terms else b""
        return (*self.topics_and_entities(words), terms)

    def topics_and_entities(self, words: ArticleWords) -> tuple[list[str], list[str]]:
        """The article's topics, in topic order, and the companies it names."""
        text = self._text(words)
        topics = [c.topic.id for c in self.topics if c.decide(words.id, text).filed]
        return topics, self._entities(text)


def classify_words(
    classifier: Classifier, words: list[ArticleWords]
) -> list[tuple[list[str], list[str], bytes]]:
    """The topics, companies and terms of these articles: a task of the pool that shares
    `classifier` (see `executor.Pool`). Here, so that a worker started afresh imports
    this module and not the build's."""
    return [classifier.classified(one) for one in words]


def company_by_id(curation: Curation) -> dict[str, Company]:
    return {company.id: company for company in curation.companies}
