"""The topic matcher decides exactly what running each term list's regex over the whole text did.

`generator.topics` tries a topic's (or company's) regex only where one of its
terms' first words occurs. The oracle here is the plain algorithm it replaced:
`finditer` over the title and over the body for keyword hits, `search` over
title + body for required terms and companies, `finditer` for excluded terms.
Random term lists shaped like the real topic files (several words, hyphens,
apostrophes, digits, acronyms, punctuation, letters outside ASCII) are matched
against random text in every case, with Unicode letters that `re.IGNORECASE`
folds to ASCII, and every decision and company list must come out the same.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.curation import Company, Curation, Rules, Topic
from generator.model import Article, Block, BlockKind
from generator.topics import Classifier, _ascii_words, _first_word, _term_pattern

#: examples per property; EVDIGEST_EXAMPLES=2000 for a long hunt (CI runs derandomized)
EXAMPLES = int(os.environ.get("EVDIGEST_EXAMPLES", "200"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow],
)


# --- the oracle: the whole-text regex algorithm --------------------------------------------------
# It compiles terms as the classifier does (`_term_pattern`; the example tests pin what
# those patterns match) and runs them over the whole text, the way matching worked before
# it was limited to the positions of each term's first word.


def oracle_pattern(terms: tuple[str, ...], *, acronyms_exact: bool = False) -> re.Pattern | None:
    return _term_pattern(terms, acronyms_exact=acronyms_exact) if terms else None


def oracle_key(matched: str) -> str:
    return " ".join(re.split(r"[\s\-]+", matched.lower().replace("’", "'")))


def oracle_decision(topic: Topic, article: Article) -> tuple:
    """(topic, filed, hits in the order found, missing required, excluded found, override)."""
    if article.id in topic.exclude:
        return (topic.id, False, [], [], [], "excluded by id in " + topic.file)
    if article.id in topic.include:
        return (topic.id, True, [], [], [], "included by id in " + topic.file)
    keywords = oracle_pattern(topic.rules.keywords)
    if keywords is None:
        return (topic.id, False, [], [], [], None)
    title, body = texts(article)
    hits: Counter = Counter()
    for weight, text in ((2, title), (1, body)):
        for match in keywords.finditer(text):
            hits[oracle_key(match.group(0))] += weight
    whole = title + "\n" + body
    missing = [t for t in topic.rules.required if not oracle_pattern((t,)).search(whole)]
    excluded_pattern = oracle_pattern(topic.rules.excluded)
    excluded = (
        sorted({oracle_key(m.group(0)) for m in excluded_pattern.finditer(whole)})
        if excluded_pattern
        else []
    )
    filed = sum(hits.values()) >= topic.rules.min_hits and not missing and not excluded
    return (topic.id, filed, list(hits.items()), missing, excluded, None)


def oracle_entities(companies: list[Company], article: Article) -> list[str]:
    title, body = texts(article)
    whole = title + "\n" + body
    return [
        company.id
        for company in companies
        if oracle_pattern((company.name, *company.aliases), acronyms_exact=True).search(whole)
    ]


def texts(article: Article) -> tuple[str, str]:
    return article.title, "\n".join([article.deck or ""] + [b.text for b in article.blocks])


def assert_same_as_oracle(curation: Curation, article: Article) -> None:
    classifier = Classifier(curation)
    got = [
        (d.topic, d.filed, list(d.hits.items()), d.missing_required, d.excluded_found, d.override)
        for d in classifier.decisions(article)
    ]
    assert got == [oracle_decision(topic, article) for topic in curation.topics]
    assert classifier.entities(article) == oracle_entities(curation.companies, article)
    classifier.classify([article])
    assert article.topics == [decision[0] for decision in got if decision[1]]
    assert article.entities == oracle_entities(curation.companies, article)


def make_article(title: str, body: str = "", deck: str | None = None) -> Article:
    blocks = [Block(BlockKind.PARAGRAPH, text) for text in body.split("\n\n")] if body else []
    return Article(
        id="a-1", title=title, title_source="headline", section=None, authors=[], date=None,
        summary=None, blocks=blocks, sources=["x.txt"], instances=[], deck=deck,
    )  # fmt: skip


def make_topic(keywords, required=(), excluded=(), min_hits=1, topic_id="t", **overrides) -> Topic:
    rules = Rules(tuple(keywords), tuple(required), tuple(excluded), min_hits)
    return Topic(
        id=topic_id, file=f"topics/{topic_id}.yml", title=topic_id, rules=rules, **overrides
    )


# --- strategies ----------------------------------------------------------------------------------

# Words of the real topic files and companies; some terms also have letters outside ASCII or
# punctuation at an edge, which the first-word lookup leaves to the whole-text regex.
ASCII_WORDS = (
    "battery cell cells 4680 AI AI4 ai LFP NMC kW kWh GM VW BYD CATL Nio giga Texas Shanghai "
    "vehicle to grid Tesla s e mobility Class 8 LG Energy Solution solid state ion i k star "
    "Semi semiconductor plant plants x_1"
).split()
OTHER_WORDS = "über Škoda Citroën ſtar Teſla plaın \u212aelvin ΣΑΣ".split()
TERM_JOINS = [" ", " ", "-", " - ", "  ", "’", "'"]
ODD_EDGES = ["(", "-", ".", "+", "’", "é"]
FILLER = "the and of said Shanghai fabs powered AI-driven _ai ai_ a4 e.g Inc".split()
# between pieces of text: spaces, punctuation, and word characters that glue pieces together
TEXT_JOINS = [
    " ", " ", " ", "  ", "-", " - ", "\n", "\t", "\u00a0", "\u2003", "’", "'", "‘", "",
    ",", ", ", ". ", "(", ")", "“", "”", "—", "…", "_", "é", "4", "٤", "\u0301",
]  # fmt: skip
# how a term's space or hyphen, and its apostrophe, may be printed (or broken)
SPACINGS = [" ", " ", "-", " - ", "\n", "\u00a0", "  ", " \t", "_", "", ".", "’"]
APOSTROPHES = ["'", "’", "‘", "']", "’]", "", " "]


def unicode_case(word: str) -> str:
    """Letters `re.IGNORECASE` matches to ASCII ones: ı and İ for i, ſ for s, the Kelvin sign."""
    return word.replace("i", "ı").replace("I", "İ").replace("s", "ſ").replace("k", "\u212a")


CASES = [str.lower, str.upper, str.title, str.swapcase, lambda w: w, unicode_case]


@st.composite
def terms(draw) -> str:
    vocabulary = ASCII_WORDS + OTHER_WORDS if draw(st.integers(0, 2)) == 0 else ASCII_WORDS
    words = draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=3))
    joins = [draw(st.sampled_from(TERM_JOINS)) for _ in words[1:]]
    term = words[0] + "".join(join + word for join, word in zip(joins, words[1:], strict=True))
    if draw(st.integers(0, 9)) == 0:
        term = draw(st.sampled_from(["", *ODD_EDGES])) + term + draw(st.sampled_from(ODD_EDGES))
    return term.strip()


@st.composite
def spelled(draw, term: str) -> str:
    """`term` as an article may print it: in any case, with other spaces, hyphens, apostrophes."""
    pieces = re.split(r"([\s\-]+|['’])", term)
    spelled = [draw(st.sampled_from(CASES))(piece) for piece in pieces[::2]]
    for n, join in enumerate(pieces[1::2]):
        spellings = APOSTROPHES if join in "'’" else SPACINGS
        spelled[n] += draw(st.sampled_from(spellings))
    return "".join(spelled)


@st.composite
def text(draw, terms: list[str], max_pieces: int) -> str:
    """Terms, their words and filler, joined by spaces, punctuation or nothing."""
    words = [word for term in terms for word in re.split(r"[\s\-'’]+", term) if word]
    pieces = []
    for _ in range(draw(st.integers(0, max_pieces))):
        kind = draw(st.integers(0, 2))
        if kind == 0:
            pieces.append(draw(spelled(draw(st.sampled_from(terms)))))
        else:
            word = draw(st.sampled_from(words if kind == 1 else FILLER))
            pieces.append(draw(st.sampled_from(CASES))(word))
        pieces.append(draw(st.sampled_from(TEXT_JOINS)))
    return draw(st.sampled_from(TEXT_JOINS)) + "".join(pieces)


@st.composite
def cases(draw, max_topics: int = 3, max_pieces: int = 20) -> tuple[Curation, Article]:
    """Topics and companies, and an article written with their terms."""
    term_lists = st.lists(terms(), max_size=3).map(tuple)
    topics = [
        make_topic(
            draw(st.lists(terms(), min_size=1, max_size=6)),
            draw(term_lists),
            draw(term_lists),
            draw(st.integers(1, 4)),
            topic_id=f"t{n}",
            include=draw(st.sampled_from([(), (), (), ("a-1",)])),
            exclude=draw(st.sampled_from([(), (), (), ("a-1",)])),
        )
        for n in range(draw(st.integers(1, max_topics)))
    ]
    companies = [
        Company(f"c{n}", draw(terms()), draw(term_lists)) for n in range(draw(st.integers(0, 3)))
    ]
    used = [
        term
        for term_list in (
            *(t.rules.keywords + t.rules.required + t.rules.excluded for t in topics),
            *((c.name, *c.aliases) for c in companies),
        )
        for term in term_list
    ]
    title = draw(text(used, 4))
    deck = draw(st.none() | text(used, 6))
    blocks = draw(st.lists(text(used, max_pieces), max_size=3))
    article = make_article(title, "\n\n".join(b for b in blocks if b), deck)
    return Curation(topics=topics, companies=companies), article


@PROPERTY
@given(case=cases())
def test_decisions_and_companies_are_those_of_the_whole_text_regexes(
    case: tuple[Curation, Article],
) -> None:
    assert_same_as_oracle(*case)


@PROPERTY
@given(case=cases(max_topics=1, max_pieces=80))
def test_long_texts(case: tuple[Curation, Article]) -> None:
    assert_same_as_oracle(*case)


# --- examples ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keywords", "title", "body", "hits"),
    [
        (["AI"], "", "Shanghai said AI, ai and Ai-driven; not AIs, _AI or AI4.", {"ai": 3}),
        (
            ["vehicle-to-grid"],
            "",
            "vehicle to grid, Vehicle - to\ngrid, vehicle_to grid",
            {"vehicle to grid": 2},
        ),
        (
            ["battery", "battery cell"],
            "",
            "battery cell, battery  cells, battery",
            {"battery cell": 1, "battery": 2},
        ),
        (["4680", "AI4"], "4680 cells", "the AI4 chip, 4680-type, 46800", {"4680": 3, "ai4": 1}),
        (["Tesla’s"], "", "Tesla's plan and Tesla’s plan; Tesla‘s is not one", {"tesla's": 2}),
        # a straight apostrophe in a term matches either apostrophe too
        (["Tesla's"], "", "Tesla's plan, Tesla’s plan", {"tesla's": 2}),
        # re.IGNORECASE matches ſ to s and the Kelvin sign to k; the hit is keyed by the text
        (
            ["star", "Kelvin"],
            "",
            "ſtar, STAR, \u212aelvin, kelvin",
            {"ſtar": 1, "star": 1, "kelvin": 2},
        ),
        (["Teſla"], "", "TESLA, Tesla, Teſla", {"tesla": 2, "teſla": 1}),
        (["Giga Shanghai"], "Giga", "Shanghai", {}),  # keywords do not run from title to body
        # terms the first-word lookup cannot express: the regex runs over the whole text
        (["Škoda", "(Nasdaq"], "", "ŠKODA (NASDAQ: X) and (Nasdaq", {"škoda": 1, "(nasdaq": 2}),
    ],
)
def test_examples_match_the_oracle(keywords, title, body, hits) -> None:
    topic = make_topic(keywords)
    article = make_article(title, body)
    assert_same_as_oracle(Curation(topics=[topic]), article)
    assert dict(Classifier(Curation(topics=[topic])).decisions(article)[0].hits) == hits


def test_hits_are_counted_left_to_right_without_overlaps_longest_first() -> None:
    topic = make_topic(
        ["battery", "battery cell", "cell production", "LG Energy Solution", "energy"]
    )
    article = make_article("Battery cell", "battery cell production; LG Energy Solution energy")
    decision = Classifier(Curation(topics=[topic])).decisions(article)[0]
    assert list(decision.hits.items()) == [
        ("battery cell", 3),
        ("lg energy solution", 1),
        ("energy", 1),
    ]


def test_required_excluded_and_companies_may_run_from_title_into_body() -> None:
    topic = make_topic(["plant"], required=["Giga Texas"], excluded=["Giga-Texas recall"])
    companies = [Company("lg", "LG Energy Solution"), Company("gm", "General Motors", ("GM",))]
    curation = Curation(topics=[topic], companies=companies)
    article = make_article("A plant at Giga", "Texas recall by LG Energy\n\nSolution; gm")
    assert_same_as_oracle(curation, article)
    decision = Classifier(curation).decisions(article)[0]
    assert (decision.missing_required, decision.excluded_found) == ([], ["giga texas recall"])
    assert Classifier(curation).entities(article) == ["lg"]  # "gm" is not the acronym GM


def test_only_terms_starting_with_an_ascii_word_are_looked_up_by_their_first_word() -> None:
    assert _first_word("Giga-Texas") == b"giga"
    assert _first_word("AI4 chip") == b"ai4"
    assert _first_word("Tesla’s") == b"tesla"
    assert _first_word("U.S. policy") == b"u"
    assert _first_word("(Nasdaq") is None  # may match right after a letter: "x(Nasdaq"
    assert _first_word("Citroën") is None  # "Citro" is not a word of "Citroën"
    assert _first_word("Teſla") is None  # "Te" is not a word of "TESLA", which it matches
    assert _first_word("Škoda") is None


def test_ascii_words_keep_every_match_of_every_ascii_letter_at_its_position() -> None:
    """Check all of Unicode: where `re.IGNORECASE` matches an ASCII letter, digit or "_" to a
    character, `_ascii_words` has that letter (lower-cased), one byte per character, and every
    character that is not a word character (`\\W`) is a space."""
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    words = _ascii_words(everything)
    assert len(words) == len(everything) + 2 and words[:1] == words[-1:] == b" "
    words = words[1:-1]
    for char in "abcdefghijklmnopqrstuvwxyz0123456789_":
        matched = [m.start() for m in re.finditer(re.escape(char), everything, re.IGNORECASE)]
        assert matched == [m.start() for m in re.finditer(char.encode(), words)], char
    kept = [m.start() for m in re.finditer(rb"[^ ]", words)]
    assert all(re.match(r"\w", everything[i]) for i in kept)
