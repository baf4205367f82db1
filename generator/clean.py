"""Cleaning: turn a segmented article into body blocks plus metadata.

Each line ends up in exactly one place: the body (a paragraph, list item or
subheading), the front-matter (deck, byline, date), or the drop list with the
rule that removed it. That conservation is what the build report and the
property tests rely on.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date as Date

from .model import Block, BlockKind, Dropped, Instance, Line, PageMeta, RawArticle
from .rules import (
    TWEET_ATTRIBUTION,
    bio_author,
    byline_name,
    chrome_rules,
    contact_author,
    has_tweet_link,
    is_tweet_end,
    looks_like_heading,
    related_prefix,
    strip_continue_suffix,
)
from .text import normalize, word_count

#: subheadings are short; a longer headline-like line inside a body is a link
#: to another article that the site inlined
MAX_SUBHEADING_WORDS = 7
#: an embedded tweet's visible text is at most this long
TWEET_BUDGET = 320

_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_DATE_FORMS = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    re.compile(r"(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})"),
    re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})"),
]


def parse_date(text: str) -> str | None:
    """The first calendar date written in `text`, as ISO, or None."""
    for form in _DATE_FORMS:
        for match in form.finditer(text):
            parts = match.groupdict()
            month = (
                _MONTH_NUMBERS.get(parts["mon"].lower()) if parts.get("mon") else int(parts["m"])
            )
            if not month:
                continue
            try:
                return Date(int(parts["y"]), month, int(parts["d"])).isoformat()
            except ValueError:
                continue
    return None


class _Lines:
    """The article's lines with their fate: kept (None) or dropped by a rule."""

    def __init__(self, raw: RawArticle):
        self.raw = raw
        self.lines: tuple[Line, ...] = raw.lines
        self.texts = [line.text for line in raw.lines]
        rules = chrome_rules(self.texts)
        self.rule: list[str | None] = [
            None if line.level else rule for line, rule in zip(raw.lines, rules, strict=True)
        ]
        self.extra: list[Dropped] = []

    def kept(self) -> list[int]:
        return [i for i, rule in enumerate(self.rule) if rule is None]

    def drop(self, i: int, rule: str) -> None:
        self.rule[i] = rule

    def dropped(self) -> list[Dropped]:
        source = self.raw.source
        out = [
            Dropped(source, line.number, line.text, rule)
            for line, rule in zip(self.lines, self.rule, strict=True)
            if rule is not None and rule not in ("deck",)
        ]
        return out + self.extra


def clean(raw: RawArticle, meta: PageMeta | None = None) -> tuple[Instance, list[Dropped]]:
    page = _Lines(raw)
    _strip_glued_chrome(page)
    authors = _collect_authors(page)
    _drop_tweets(page)
    _drop_repeats_and_teasers(page)
    _drop_comments(page)
    deck = _find_deck(page) if raw.headline else None
    published = _header_date(page)
    blocks = _blocks(page, deck)
    if meta is not None and raw.position == 0:
        authors = list(meta.authors) + authors
        published = meta.date or published
    instance = Instance(
        source=raw.source,
        position=raw.position,
        section=raw.section,
        headline=raw.headline,
        start_line=raw.start_line,
        deck=deck,
        blocks=tuple(blocks),
        authors=tuple(dict.fromkeys(a for a in authors if a)),
        date=published,
    )
    return instance, page.dropped()


def _strip_glued_chrome(page: _Lines) -> None:
    for i in page.kept():
        text, glued = strip_continue_suffix(page.texts[i])
        if glued:
            page.texts[i] = text
            page.extra.append(
                Dropped(page.raw.source, page.lines[i].number, glued, "continue-reading")
            )


def _collect_authors(page: _Lines) -> list[str]:
    authors: list[str] = []
    for i, rule in enumerate(page.rule):
        text = page.texts[i]
        if rule == "byline":
            authors += byline_name(page.texts[i - 1] if i else "", text)
        elif rule == "contact-line":
            name = contact_author(text)
            authors += [name] if name else []
        elif rule is None:
            name = bio_author(text)
            if name:
                page.drop(i, "author-bio")
                authors.append(name)
            elif contact_author(text) and word_count(text) <= 70 and "@" in text:
                page.drop(i, "contact-line")
                authors.append(contact_author(text) or "")
    return authors


def _tweet_text_length(text: str) -> int:
    text = re.sub(r"(?:pic\.twitter\.com|https?://t\.co|t\.co)/\w+", "", text)
    return len(TWEET_ATTRIBUTION.sub("", text).strip())


def _drop_tweets(page: _Lines) -> None:
    """Drop embedded tweets: the line that ends one, and the tweet text above it."""
    kept = page.kept()
    for pos in range(len(kept) - 1, -1, -1):
        i = kept[pos]
        if page.rule[i] is not None or not is_tweet_end(page.texts[i]):
            continue
        page.drop(i, "embedded-tweet")
        budget = _tweet_text_length(page.texts[i])
        for j in reversed(kept[:pos]):
            text = page.texts[j]
            if page.rule[j] is not None or TWEET_ATTRIBUTION.search(text) or j == kept[0]:
                break
            if text.endswith(":") and word_count(text) >= 2:
                break
            budget += _tweet_text_length(text) if has_tweet_link(text) else len(text)
            if budget > TWEET_BUDGET:
                break
            page.drop(j, "embedded-tweet")


def _drop_repeats_and_teasers(page: _Lines) -> None:
    headline = normalize(page.raw.headline or "")
    previous: int | None = None
    for i in range(len(page.lines)):
        rule = page.rule[i]
        if (
            rule == "teaser-end"
            and previous is not None
            and looks_like_heading(page.texts[previous])
        ):
            page.drop(previous, "teaser")
        if rule is None:
            if headline and normalize(page.texts[i]) == headline:
                page.drop(i, "repeated-headline")
            else:
                previous = i


def _drop_comments(page: _Lines) -> None:
    """Everything after a comments marker that follows the body is reader comments."""
    seen_body = False
    for i, rule in enumerate(page.rule):
        if rule is None:
            seen_body = True
        elif rule == "comments" and seen_body:
            for j in range(i + 1, len(page.rule)):
                if page.rule[j] is None:
                    page.drop(j, "comments")
            return


def _find_deck(page: _Lines) -> str | None:
    """The one-sentence summary printed under the headline, if there is one."""
    kept = page.kept()
    if not kept or page.lines[kept[0]].level:
        return None
    first = kept[0]
    text = page.texts[first]
    n = word_count(text)
    if not 5 <= n <= 35 or (looks_like_heading(text) and text[-1] not in "?!\"”’'"):
        return None
    rest = kept[1:]
    byline_after = any(
        page.rule[j] == "byline" for j in range(first + 1, rest[0] if rest else len(page.rule))
    )
    words = set(normalize(text).split())
    repeated = any(
        len(words & set(normalize(page.texts[j]).split())) >= 0.9 * len(words) for j in rest
    )
    short_before_long = bool(rest) and n <= 25 and word_count(page.texts[rest[0]]) >= max(40, 2 * n)
    if byline_after or repeated or short_before_long:
        page.drop(first, "deck")
        return text
    return None


def _header_date(page: _Lines) -> str | None:
    """The publication date from byline lines before the body; never from body text."""
    kept = page.kept()
    body_start = kept[0] if kept else len(page.lines)
    for i, rule in enumerate(page.rule):
        if rule != "byline":
            continue
        text = page.texts[i]
        stated = text.lower().startswith(("published", "posted", "date", "updated", "last updated"))
        if i < body_start or stated:
            found = parse_date(text)
            if found:
                return found
    return None


def _blocks(page: _Lines, deck: str | None) -> list[Block]:
    blocks: list[tuple[int, Block]] = []
    deck_key = normalize(deck) if deck else None
    for i in page.kept():
        text = page.texts[i]
        level = page.lines[i].level
        number = page.lines[i].number
        if related_prefix(text) and looks_like_heading(re.sub(r"^\W+|^[^:]*:\s*", "", text)):
            page.drop(i, "inline-related-headline")
        elif deck_key and normalize(text) == deck_key:
            page.drop(i, "repeated-deck")
        elif level or looks_like_heading(text):
            if not level and word_count(text) > MAX_SUBHEADING_WORDS:
                page.drop(i, "inline-related-headline")
            else:
                blocks.append((i, Block(BlockKind.HEADING, text, number)))
        elif text.startswith("- "):
            blocks.append((i, Block(BlockKind.ITEM, text[2:], number)))
        else:
            blocks.append((i, Block(BlockKind.PARAGRAPH, text, number)))
    # a subheading must head something: one followed by another heading or by nothing is a stray link
    result: list[Block] = []
    for k, (i, block) in enumerate(blocks):
        following = blocks[k + 1][1] if k + 1 < len(blocks) else None
        if block.kind is BlockKind.HEADING and (
            following is None or following.kind is BlockKind.HEADING
        ):
            page.drop(i, "dangling-heading")
        else:
            result.append(block)
    return result


def drop_known_headlines(instances: list[Instance]) -> tuple[list[Instance], list[Dropped]]:
    """Drop body lines that are the headline of another article found anywhere in the build.

    Sites inline links to other stories as bare headlines; a short one looks
    just like a subheading, but if that story is in the build we know what it is.
    """
    headlines = {normalize(inst.headline): inst.key for inst in instances if inst.headline}
    cleaned: list[Instance] = []
    dropped: list[Dropped] = []
    for inst in instances:
        own = normalize(inst.headline or "")
        keep = []
        for block in inst.blocks:
            key = normalize(block.text)
            if key in headlines and key != own:
                dropped.append(
                    Dropped(inst.source, block.line, block.text, "inline-related-headline")
                )
            else:
                keep.append(block)
        cleaned.append(inst if len(keep) == len(inst.blocks) else replace(inst, blocks=tuple(keep)))
    return cleaned, dropped
