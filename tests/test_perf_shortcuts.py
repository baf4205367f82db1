"""The shortcuts that make reading, cleaning and the whole-build passes cheap give
the answers of the plain computations they stand for.

Each shortcut skips work when a cheap test shows the work cannot change the
answer (a line without "(@" holds no tweet attribution, a paragraph with more
words than any headline is no headline, ...). Each test here states the plain
computation and checks the shortcut against it on random and corpus text.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdownify import MarkdownConverter

from generator import rules
from generator.clean import drop_known_headlines, drop_recurring_boilerplate
from generator.html_reader import (
    _MARKDOWN,
    _as_soup,
    _chrome_element,
    _dropped_element,
    _parse,
    _remove_elements,
    _Tag,
)
from generator.ingest import read_document
from generator.model import Block, BlockKind, Dropped, Instance, Skipped
from generator.text import _PUNCT_PAIRS, canonical, normalize, normalize_short

from .conftest import ROOT

EXAMPLES = int(os.environ.get("EVDIGEST_EXAMPLES", "150"))
CHECK = settings(
    max_examples=EXAMPLES * 2,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow],
)

#: characters the shortcuts reason about: whitespace of every kind, NFKC expansions and
#: compositions, typographic punctuation, letters that match others ignoring case (İ ı K ſ)
TRICKY = (
    " \t\n\u00a0\u2003\u3000\u2028aZ9_.-–—…’“”″\u0301\u0307\u0338\u00a8ﬁ½①\uff21İıKſΣ@()[]:/|·»"
)
tricky_text = st.text(st.sampled_from(TRICKY), max_size=40)
fragments = st.sampled_from(
    [
        "Tesla",
        "said",
        "the",
        "Photo",
        "Credit:",
        "(Image: Lucid)",
        "Continue reading",
        "Read more »",
        "read the full story",
        "…",
        "...",
        "pic.twitter.com/AbC123",
        "https://t.co/xyz",
        "X.COM/jane/status/123",
        "— Jane Doe (@janedoe) June 1, 2025",
        "(@",
        "jane@example.com",
        "me",
        "I",
        "reach",
        "CONTINUE READİNG",
        "By",
        "March 4, 2025",
        "Subscribe",
        "newsletter",
    ]
)
line = st.lists(st.one_of(fragments, tricky_text), max_size=12).map(" ".join)


def corpus_lines() -> list[str]:
    """Every line the labelled corpus and the fixtures give."""
    found: list[str] = []
    for folder in (ROOT / "tests" / "corpus", ROOT / "tests" / "fixtures"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".txt", ".md", ".html"):
                doc = read_document(path, path.parent)
                if not isinstance(doc, Skipped):
                    found += [line.text for line in doc.lines]
    return found


CORPUS = corpus_lines()

# --- text --------------------------------------------------------------------------------------

_PUNCT = str.maketrans(dict(_PUNCT_PAIRS))


def plain_canonical(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).translate(_PUNCT)).strip()


def plain_normalize(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w]+", " ", plain_canonical(text).lower())).strip()


@CHECK
@given(text=st.one_of(tricky_text, line, st.text()))
def test_canonical_and_normalize_are_their_definitions(text: str) -> None:
    assert canonical(text) == plain_canonical(text)
    assert normalize(text) == plain_normalize(text)


@CHECK
@given(text=st.one_of(line, tricky_text), max_words=st.integers(0, 14))
def test_normalize_short_turns_down_only_longer_text(text: str, max_words: int) -> None:
    key = plain_normalize(text)
    assert normalize_short(text, max_words) == (key if len(key.split()) <= max_words else None)


# --- line rules ------------------------------------------------------------------------------------


def plain_pattern_rule(text: str) -> str | None:
    """The first pattern whose rule's needles are in the line and that matches it."""
    lower = text.lower()
    for rule, pattern in rules._PATTERNS:
        needles = rules._NEEDLES.get(rule)
        if needles and not any(needle in lower for needle in needles):
            continue
        if pattern.search(text):
            return rule
    return None


def _starts_anchored(items: list) -> bool:
    op, value = items[0] if items else (None, None)
    if op is re._constants.AT:
        return value is re._constants.AT_BEGINNING
    if op is re._constants.BRANCH:
        return all(_starts_anchored(list(branch)) for branch in value[1])
    if op is re._constants.SUBPATTERN:
        return _starts_anchored(list(value[-1]))
    return False


def test_patterns_without_needles_are_anchored_at_the_line_start() -> None:
    """They are tried as one expression anchored once, which holds only for these."""
    for rule, pattern in rules._PATTERNS:
        if rule not in rules._NEEDLES:
            tree = re._parser.parse(pattern.pattern, pattern.flags)
            assert _starts_anchored(list(tree)), pattern.pattern


@CHECK
@given(text=line)
def test_pattern_gates_keep_every_match(text: str) -> None:
    assert rules._pattern_rule(text) == plain_pattern_rule(text)


def test_pattern_gates_keep_every_match_on_the_corpus() -> None:
    assert [rules._pattern_rule(text) for text in CORPUS] == [
        plain_pattern_rule(text) for text in CORPUS
    ]


def plain_continue_suffix(text: str) -> tuple[str, str | None]:
    match = rules._CONTINUE_SUFFIX.search(text)
    if not match or match.start() == 0:
        return text, None
    return text[: match.start()].rstrip(), text[match.start() :].strip()


def plain_contact_author(text: str) -> str | None:
    if not re.search(r"\b(?:me|my|I)\b", text):
        return None
    for match in rules._EMAIL.finditer(text):
        local = match.group(1).split(".")[0].split("+")[0]
        if (
            local.isalpha()
            and 2 <= len(local) <= 15
            and local.lower() not in rules._NOT_PERSON_MAILBOXES
        ):
            return local.capitalize()
    return None


def check_line_shortcuts(text: str) -> None:
    assert rules.strip_continue_suffix(text) == plain_continue_suffix(text)
    assert rules.has_tweet_link(text) == bool(rules._TWEET_LINK.search(text))
    assert rules.has_tweet_attribution(text) == bool(rules.TWEET_ATTRIBUTION.search(text))
    assert rules.has_email(text) == bool(rules._EMAIL.search(text))
    assert rules.contact_author(text) == plain_contact_author(text)


@CHECK
@given(text=st.one_of(line, tricky_text))
def test_line_shortcuts_are_their_expressions(text: str) -> None:
    check_line_shortcuts(text)


def test_line_shortcuts_are_their_expressions_on_the_corpus() -> None:
    for text in CORPUS:
        check_line_shortcuts(text)


# --- HTML ----------------------------------------------------------------------------------------


@CHECK
@given(text=st.one_of(line, tricky_text, st.text(st.sampled_from("ab 1.)-#*_\\&<>[]`~=+|\n"))))
def test_markdown_escaping_shortcut_is_markdownifys(text: str) -> None:
    assert _MARKDOWN.escape(text, set()) == MarkdownConverter.escape(_MARKDOWN, text, set())


def test_quick_find_parent_is_bs4s() -> None:
    html = "<div><pre><p><b>x</b></p></pre><section><pre>y</pre><i>z</i></section></div>"
    soup = BeautifulSoup(html, "html.parser", element_classes={Tag: _Tag})
    for tag in soup.find_all(True):
        for name in ("pre", "div", "section", "p", "body"):
            assert tag.find_parent(name) is Tag.find_parent(tag, name)


# --- whole-build passes ------------------------------------------------------------------------------


def plain_recurring(instances: list[Instance], min_pages: int = 3) -> set[str]:
    """The recurring lines, counted as drop_recurring_boilerplate documents it."""
    occurrences: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
    for inst in instances:
        story = frozenset(
            " ".join(words[:10])
            for block in inst.blocks
            if len(words := normalize(block.text).split()) >= 25
        )
        seen: set[str] = set()
        for block in inst.blocks:
            key = normalize(block.text)
            short = key and len(key.split()) <= 12
            if block.kind is not BlockKind.HEADING and short and key not in seen:
                seen.add(key)
                occurrences[key].append((inst.source, story))
    recurring = set()
    for key, found in occurrences.items():
        pages: set[str] = set()
        used: set[str] = set()
        for source, story in found:
            if source not in pages and used.isdisjoint(story):
                pages.add(source)
                used |= story
        if len(pages) >= min_pages:
            recurring.add(key)
    return recurring


def plain_drops(
    instances: list[Instance], drop: Callable[[Instance, Block], bool], rule: str
) -> tuple[list[Instance], list[Dropped]]:
    kept, dropped = [], []
    for inst in instances:
        blocks = [block for block in inst.blocks if not drop(inst, block)]
        dropped += [
            Dropped(inst.source, b.line, b.text, rule) for b in inst.blocks if drop(inst, b)
        ]
        kept.append(replace(inst, blocks=tuple(blocks)))
    return kept, dropped


LONG = " ".join(["Tesla said the new plant will build battery cells for its cars"] * 3)
short_text = st.sampled_from(
    [
        "Sign up for our newsletter",
        "Got a tip? Email us",
        "— Read more —",
        "Tesla cuts prices",
        "‘Sign up’ for our newsletter…",
        "- · -",
    ]
)
#: paragraphs of different stories, and one that opens like another (the same story)
paragraph = st.sampled_from(
    [f"{opening} {LONG}" for opening in ("A", "The", "Then", "Now", "Still")] + [LONG + " Again."]
)


@st.composite
def build_instances(draw) -> list[Instance]:
    found = []
    for n in range(draw(st.integers(0, 12))):
        texts = draw(st.lists(st.one_of(short_text, short_text, paragraph), max_size=5))
        blocks = tuple(
            Block(draw(st.sampled_from([BlockKind.PARAGRAPH] * 3 + [BlockKind.HEADING])), text, i)
            for i, text in enumerate(texts)
        )
        title = draw(st.one_of(st.none(), short_text))
        found.append(Instance(f"{draw(st.integers(0, 5))}.txt", n, None, title, 1, None, blocks))
    return found


@CHECK
@given(found=build_instances())
def test_recurring_boilerplate_is_the_documented_count(found: list[Instance]) -> None:
    recurring = plain_recurring(found)

    def is_recurring(_: Instance, block: Block) -> bool:
        return block.kind is not BlockKind.HEADING and normalize(block.text) in recurring

    expected = plain_drops(found, is_recurring, "recurring-boilerplate")
    assert drop_recurring_boilerplate(found) == expected


@CHECK
@given(found=build_instances())
def test_known_headlines_are_every_other_headline(found: list[Instance]) -> None:
    headlines = {normalize(inst.headline) for inst in found if inst.headline}

    def is_other(inst: Instance, block: Block) -> bool:
        key = normalize(block.text)
        return key in headlines and key != normalize(inst.headline or "")

    assert drop_known_headlines(found) == plain_drops(found, is_other, "inline-related-headline")


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "corpus").glob("*.html")), ids=str)
def test_html_reads_the_same_with_a_tree_of_quick_elements(path: Path) -> None:
    """The quick elements change no conversion: markdownify on a plain bs4 tree agrees."""
    html = path.read_text(encoding="utf-8")
    quick = BeautifulSoup(html, "html.parser", element_classes={Tag: _Tag})
    plain = BeautifulSoup(html, "html.parser")
    assert _MARKDOWN.convert_soup(quick) == MarkdownConverter(**_MARKDOWN.options).convert_soup(
        plain
    )


#: well-formed pages whose strings test how BeautifulSoup makes them: blanks between
#: blocks, inside <pre> and between inline elements, comments, chrome cut out mid-text
SNIPPETS = [
    "<p>One <b>two</b> <i>three</i>\n  four</p>\n\n  <p>  five  </p>",
    "<pre>  keep\n\n   these  spaces </pre>\n<p>after <code> a  b </code></p>",
    "<ul>\n <li>a <!-- note --> b</li>\n <li><p>c</p>\n </li>\n</ul>\n<ol><li>d</li></ol>",
    "<p>foo <span class='share'>Share</span> bar</p><nav>Home</nav> tail <div>x</div>",
    "<div>\n <aside>Related</aside>\n <p>kept</p>\n <footer>f</footer>\n</div>",
    "<table><tr><th>Model</th><th>Range</th></tr>\n<tr><td>EX30</td><td>480 km</td></tr></table>",
    "<blockquote><p>Quote</p></blockquote><h2>Sub <em>head</em></h2><p>a<br>b</p>",
    "<textarea>  raw\n text </textarea><p>&amp; &lt;tag&gt; &#8211; caf&eacute;</p>",
    "<p><b>form</b>\x0c<i>feed</i>, a blank markdownify does not take for one</p>",
]


@pytest.mark.parametrize(
    "html",
    SNIPPETS
    + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "corpus").glob("*.html"))],
)
def test_soup_built_from_lxml_converts_as_bs4s_own_parse(html: str) -> None:
    """The tree `_as_soup` builds from libxml2's, chrome taken out, converts as the tree
    BeautifulSoup's parser makes does, with the same chrome decomposed and smoothed."""
    page = html if "<body" in html else f"<html><body>{html}</body></html>"
    plain = BeautifulSoup(page, "html.parser", multi_valued_attributes=None)

    def as_lxml(tag: Tag) -> SimpleNamespace:  # (as lxml's element shows it)
        return SimpleNamespace(
            tag=tag.name,
            get=tag.get,
            find=lambda path: tag.find(path.removeprefix(".//")),
            iterancestors=lambda: (as_lxml(p) for p in tag.parents if p.name != "[document]"),
            iter=lambda *names: (as_lxml(t) for t in tag.find_all(list(names))),
            itertext=lambda: iter(tag.strings),
        )

    for tag in plain.find_all(True):
        seen = as_lxml(tag)
        if not tag.decomposed and (_dropped_element(seen) or _chrome_element(seen)):
            tag.decompose()
    assert plain.body is not None
    plain.body.smooth()
    root = _parse(page)
    assert root is not None
    for rule in (_dropped_element, _chrome_element):
        _remove_elements(root, rule, "page.html", [])
    body = next(root.iter("body"))
    converter = MarkdownConverter(**_MARKDOWN.options)
    assert _MARKDOWN.convert_soup(_as_soup(body)) == converter.convert_soup(plain.body)
