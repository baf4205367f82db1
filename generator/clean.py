"""Cleaning: turn a segmented article into body blocks plus metadata.

Each line ends up in exactly one place: the body (a paragraph, list item or
subheading), the front-matter (deck, byline, date), or the drop list with the
rule that removed it. That conservation is what the build report and the
property tests rely on.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache, partial

from .attribution import origin_of
from .dates import parse_date, relative_date
from .model import Block, BlockKind, Dropped, Instance, Line, PageMeta, RawArticle
from .rules import (
    CUT_OFF,
    DATELINE,
    GALLERY_BYLINE,
    HEADING_CHROME,
    SUMMARY_POINTS,
    SUMMARY_TITLE,
    TWEET_ATTRIBUTION,
    bio_author,
    byline_name,
    chrome_rule,
    chrome_rules,
    contact_author,
    has_tweet_attribution,
    has_tweet_link,
    head_author_names,
    is_tweet_end,
    looks_like_heading,
    looks_like_label,
    looks_like_prose,
    other_language,
    related_headline,
    strip_continue_suffix,
    unique_authors,
)
from .text import normalize, normalize_short, shorten, word_count

#: subheadings are short; a longer headline-like line inside a body is a link
#: to another article that the site inlined
MAX_SUBHEADING_WORDS = 7
#: an embedded tweet's visible text is at most this long
TWEET_BUDGET = 320
#: a tweet line with this much text of its own is a whole tweet glued into one line
GLUED_TWEET_TEXT = 40
#: how a quoted sentence ends, stop and all: a paragraph's end ('… she said. "… got."'); a
#: subheading quoting someone leaves the stop out
_QUOTED_SENTENCE_END = ('."', ".”", ".'", ".’")
#: an interviewer's question, the text of an interview: "Q: What changed?", "Question: …"
_INTERVIEW_QUESTION = re.compile(r"^(?:Q|Question)\s?[:.–—-]\s+\S")
#: a turn of an interview under its speaker's name: "VoltByte: Why uptime, not stalls?"
_TURN = re.compile(r"^(?P<speaker>[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,2}):\s+\S.*[?.!]$")
#: "Deliveries: 348,450", "Range: 520 km": a figure under a label, not a subheading
_STAT_LINE = re.compile(r"^[A-Z][^:]{1,40}:\s+[$€£¥]?\d[\d,.]*\s*%?(?:\s*[A-Za-z]{1,6})?$")


class _Lines:
    """The article's lines with their fate: kept (None) or dropped by a rule."""

    def __init__(self, raw: RawArticle):
        self.raw = raw
        self.lines: tuple[Line, ...] = raw.lines
        self.texts = [line.text for line in raw.lines]
        below = raw.headline_line if raw.headline_line is not None else raw.start_line
        headline_before = next((i for i, line in enumerate(raw.lines) if line.number > below), None)
        rules = chrome_rules(self.texts, headline_before=headline_before if raw.headline else None)
        self.rule: list[str | None] = [
            line.aside or (rule if not line.level or rule in HEADING_CHROME else None)
            for line, rule in zip(raw.lines, rules, strict=True)
        ]
        # lines above the article's label or headline (a page without a lead of its
        # own): the site's name and menu
        for i, line in enumerate(raw.lines):
            if 0 < line.number < raw.start_line and self.rule[i] is None:
                self.rule[i] = "navigation"
        self.extra: list[Dropped] = []

    def kept(self) -> list[int]:
        return [i for i, rule in enumerate(self.rule) if rule is None]

    def drop(self, i: int, rule: str) -> None:
        self.rule[i] = rule

    def dropped(self, has_body: bool = True) -> list[Dropped]:
        """Every dropped line; the deck too when there is no body to head (a teaser)."""
        source = self.raw.source
        out = [
            Dropped(source, line.number, line.text, rule if rule != "deck" else "teaser")
            for line, rule in zip(self.lines, self.rule, strict=True)
            if rule is not None and (rule != "deck" or not has_body)
        ]
        headline_line = self.raw.headline_line
        if not has_body and self.raw.headline and headline_line not in (None, self.raw.start_line):
            out.append(Dropped(source, headline_line or 0, self.raw.headline, "teaser"))
        return out + self.extra


def clean(raw: RawArticle, meta: PageMeta | None = None) -> tuple[Instance, list[Dropped]]:
    if raw.teaser:
        return _clean_teaser(raw, meta)
    page = _Lines(raw)
    _strip_glued_chrome(page)
    authors = _mark_head(page) + _collect_authors(page)
    _drop_tweets(page)
    _drop_repeats_and_teasers(page)
    _drop_comments(page)
    deck = _find_deck(page) if raw.headline else None
    published = _header_date(page, meta)
    blocks = _blocks(page, deck)
    published = published or _dateline_date(blocks, meta) or raw.issue_date
    if meta is not None and raw.position == 0:
        authors = list(meta.authors) + authors
        published = meta.date or published or meta.sent
    instance = Instance(
        source=raw.source,
        position=raw.position,
        section=raw.section,
        headline=raw.headline,
        start_line=raw.start_line,
        deck=deck,
        blocks=tuple(blocks),
        authors=tuple(unique_authors(authors)),
        date=published,
        face_rules=(
            chrome_rule(raw.headline) if raw.headline else None,
            _summary_rule(deck, blocks),
        ),
        origin=origin_of(raw.source, meta, raw.position == 0),
    )
    return instance, page.dropped(has_body=bool(blocks))


def excerpt(blocks: Iterable[Block], limit: int = 200) -> str | None:
    """The first paragraph, shortened to `limit` characters: a summary where none is printed."""
    for block in blocks:
        if block.kind is BlockKind.PARAGRAPH:
            return (
                shorten(block.text, limit, min_clause=limit)
                if len(block.text) > limit
                else block.text
            )
    return None


def summary_of(instance: Instance) -> str | None:
    """What a page made of this instance alone prints under the title."""
    return instance.deck or excerpt(instance.blocks)


def _summary_rule(deck: str | None, blocks: list[Block]) -> str | None:
    summary = deck or excerpt(blocks)
    return chrome_rule(summary) if summary else None


_LIST_NUMBER = re.compile(r"^\d{1,2}[.)]\s+(?=\S)")
#: what a listing prints before an item's headline: its number or its bullet
_LIST_MARK = re.compile(r"^(?:\d{1,2}[.)]|[*•])\s+(?=\S)")


def _clean_teaser(raw: RawArticle, meta: PageMeta | None) -> tuple[Instance, list[Dropped]]:
    """A teaser: its headline, its excerpt (cut-off mark taken off) as the one block, and
    the date the listing gives it; its other lines (alt text, outlet, "Read more") go."""
    texts = [line.text for line in raw.lines]
    captured = meta.captured if meta is not None else None
    excerpt: Block | None = None
    published: str | None = None
    dropped: list[Dropped] = []
    for line, rule in zip(raw.lines, chrome_rules(texts), strict=True):
        text = line.text
        if excerpt is None and rule in (None, "teaser-end") and word_count(text) >= 5:
            # (without the cut-off mark, or a "Read more" glued to it)
            text = CUT_OFF.sub("", strip_continue_suffix(text)[0])
            excerpt = Block(BlockKind.PARAGRAPH, text, line.number)
            continue
        if rule == "byline" and published is None:
            published = parse_date(text, meta is not None and meta.day_first) or relative_date(
                text, captured
            )
        dropped.append(Dropped(raw.source, line.number, text, rule or "teaser"))
    headline = raw.headline
    if headline:
        # (a listing's numbering or bullet, or a "Read also:", is no part of its headline)
        headline = _LIST_MARK.sub("", related_headline(headline) or headline)
        if headline != raw.headline:
            line = raw.headline_line or raw.start_line
            dropped.append(Dropped(raw.source, line, raw.headline, "teaser-label"))
    instance = Instance(
        source=raw.source,
        position=raw.position,
        section=None,
        headline=headline,
        start_line=raw.start_line,
        deck=None,
        blocks=(excerpt,) if excerpt else (),
        date=published,
        teaser=True,
        origin=origin_of(raw.source, meta, lead=False),
    )
    return instance, dropped


def _mark_head(page: _Lines) -> list[str]:
    """Settle the lines above the body (`RawArticle.body_start`, which `head` chose): above
    the headline they are the page's; below it, the first may be the deck (`_find_deck`
    decides), a person's name by a byline or date is the author, the rest is the head's
    furniture. Returns the authors found."""
    raw = page.raw
    if raw.body_start is None:
        return []
    authors: list[str] = []
    first = True
    for i, line in enumerate(page.lines):
        if line.number >= raw.body_start:
            break
        if page.rule[i] is not None:
            continue
        text = page.texts[i]
        if raw.headline_line is not None and line.number < raw.headline_line:
            page.drop(i, "above-headline")
        elif (names := head_author_names(text)) and _byline_near(page, i):
            page.drop(i, "byline")
            authors += names
        elif first and raw.headline and word_count(text) >= _DECK_MIN_WORDS:
            first = False  # the deck, if it is one (a label of a word or two is not: "Video")
        else:
            page.drop(i, "article-head")
    return authors


#: a deck says something: fewer words are a label, a link, a button
_DECK_MIN_WORDS = 4


def _byline_near(page: _Lines, i: int) -> bool:
    """A byline or date line within two lines of line i, not counting the short labels
    between (the outlet's name, a place: "The Atlas Tribune", "Kenitra"), or the
    author's role right under it ("Transport correspondent")."""
    if i + 1 < len(page.rule) and page.rule[i + 1] == "author-bio":
        return True
    for step in (1, -1):
        j, seen = i + step, 0
        while 0 <= j < len(page.rule) and seen < 2:
            if page.rule[j] in ("byline", "reading-time"):
                return True
            if not (page.rule[j] is None and looks_like_label(page.texts[j])):
                seen += 1
            j += step
    return False


def _strip_glued_chrome(page: _Lines) -> None:
    for i in page.kept():
        text, glued = strip_continue_suffix(page.texts[i])
        if glued:
            page.texts[i] = text
            page.extra.append(
                Dropped(page.raw.source, page.lines[i].number, glued, "continue-reading")
            )


#: what opens a page's comments: the names under it are readers'
_COMMENTS_OPEN = frozenset(("comments", "comment-form", "comment-notice"))


def _collect_authors(page: _Lines) -> list[str]:
    """The people the article's bylines, bios and contact lines name; its photographer
    ("Photos by …") only when nobody else is named (a gallery's)."""
    authors: list[str] = []
    photographers: list[str] = []
    comments = False
    start = page.raw.body_start or 0  # (the head chose it; comments come after)
    body = next((i for i, line in enumerate(page.lines) if line.number >= start), len(page.rule))
    for i, rule in enumerate(page.rule):
        text = page.texts[i]
        comments = comments or (i > body and rule in _COMMENTS_OPEN)  # (not a "Comments" link)
        if rule == "byline" and not comments:
            named = byline_name(page.texts[i - 1] if i else "", text)
            if GALLERY_BYLINE.match(text):
                photographers += named
            else:
                authors += named
        elif rule == "contact-line":
            name = bio_author(text) or contact_author(text)
            authors += [name] if name else []
        elif rule is None:
            name = bio_author(text)
            if name:
                page.drop(i, "author-bio")
                authors.append(name)
            elif contact_author(text) and word_count(text) <= 70 and "@" in text:
                page.drop(i, "contact-line")
                authors.append(contact_author(text) or "")
    return authors or photographers


_TWEET_MEDIA = re.compile(r"(?:pic\.twitter\.com|https?://t\.co|t\.co)/\w+")


def _tweet_text(text: str) -> str:
    text = _TWEET_MEDIA.sub("", text)
    return TWEET_ATTRIBUTION.sub("", text).strip()


def _tweet_text_length(text: str) -> int:
    return len(_tweet_text(text))


def _drop_tweets(page: _Lines) -> None:
    """Drop embedded tweets: the line that ends one, and the tweet text above it.

    Tweet text in another language was already dropped as such; it is part of
    the tweet, so the walk up from the tweet's end goes through it.
    """
    kept = page.kept()
    lines = [i for i, rule in enumerate(page.rule) if rule in (None, "other-language")]
    first = kept[0] if kept else -1
    for pos in range(len(lines) - 1, -1, -1):
        i = lines[pos]
        if page.rule[i] is not None or not is_tweet_end(page.texts[i]):
            continue
        page.drop(i, "embedded-tweet")
        budget = _tweet_text_length(page.texts[i])
        # a tweet glued into one line carries its text: above it are only stray fragments
        glued = budget >= GLUED_TWEET_TEXT
        # a tweet is in one language: English text above a foreign-language tweet is the article
        foreign = other_language(_tweet_text(page.texts[i]))
        for j in reversed(lines[:pos]):
            text = page.texts[j]
            if page.rule[j] == "other-language":
                budget += len(text)
                page.drop(j, "embedded-tweet")
                foreign = True
                continue
            if foreign and len(text) > 40:
                break
            if page.rule[j] is not None or has_tweet_attribution(text) or j == first:
                break
            if text.endswith(":") and word_count(text) >= 2:
                break
            if glued and (len(text) > 60 or text[-1] in '.!?"”'):
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
    """Everything after a comments marker that follows the body is reader comments.

    Only a paragraph of prose from where the head says the body starts is body here: a
    "Comments" link among the menu words above the headline, or a "View 214 comments"
    button under a deck, comes before any.
    """
    start = page.raw.body_start or 0  # (a deck over the byline is prose, but not the body)
    seen_body = False
    for i, rule in enumerate(page.rule):
        if rule is None and not seen_body:
            seen_body = page.lines[i].number >= start and _is_prose(page.texts[i])
        elif rule in ("comments", "forum", "post-actions") and seen_body:  # (the replies)
            for j in range(i + 1, len(page.rule)):
                if page.rule[j] is None:
                    page.drop(j, "comments")
            return


_SENTENCE_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘']?[A-Z0-9])")


def _is_prose(text: str) -> bool:
    """A paragraph of running text: a sentence, or a long line (a headline is neither)."""
    return word_count(text) >= 30 or (word_count(text) >= 6 and text[-1] in '.!?"”')


def _find_deck(page: _Lines) -> str | None:
    """The one-sentence summary printed under the headline, if there is one."""
    kept = page.kept()
    if not kept:
        return None
    first = kept[0]
    text = page.texts[first]
    n = word_count(text)
    body_start = page.raw.body_start
    if body_start is not None and page.lines[first].number < body_start:
        # (a subtitle printed as a heading, "## One sentence under the headline", too)
        # above the body: a deck, or (too short or too long for one) the head's furniture
        if _DECK_MIN_WORDS <= n <= 60:
            page.drop(first, "deck")
            return text
        page.drop(first, "article-head")
        return _find_deck(page)
    if page.lines[first].level:
        return None
    if not 5 <= n <= 35 or (looks_like_heading(text) and text[-1] not in "?!\"”’'"):
        return None
    rest = kept[1:]
    byline_after = any(
        page.rule[j] == "byline" for j in range(first + 1, rest[0] if rest else len(page.rule))
    )
    words = set(normalize(text).split())

    def repeated() -> bool:
        """Its words (nine in ten) are printed again below: a summary of the story."""
        return any(
            len(words.intersection(normalize(page.texts[j]).split())) >= 0.9 * len(words)
            for j in rest
        )

    after = word_count(page.texts[rest[0]]) if rest else 0
    short_before_long = bool(rest) and n <= 25 and after >= max(40, 2 * n)
    # a one-sentence summary right under the headline, before a longer first paragraph
    one_sentence = (
        n <= 20
        and text[-1] in ".!?"
        and len(_SENTENCE_SPLIT.split(text)) == 1
        and not page.lines[rest[0]].level
        and after >= max(20, 1.5 * n)
        if rest
        else False
    )
    if byline_after or short_before_long or one_sentence or repeated():
        page.drop(first, "deck")
        return text
    return None


def _header_date(page: _Lines, meta: PageMeta | None) -> str | None:
    """The publication date from byline lines before the body; never from body text. A
    relative one ("3 days ago") counts back from the day the page says it was captured.
    A date the page labels as the publication's wins over an unlabelled one (an edition's
    date above the story), and that over an update's; of two alike, the one under the
    headline (the byline's) wins over one above it (the day the site printed the page)."""
    captured = meta.captured if meta is not None else None
    day_first = meta is not None and meta.day_first
    kept = page.kept()
    body_start = kept[0] if kept else len(page.lines)
    below = page.raw.headline_line if page.raw.headline else None
    found: list[tuple[int, bool, str]] = []
    for i, rule in enumerate(page.rule):
        if rule != "byline":
            continue
        text = page.texts[i]
        stated = _STATED_DATE.match(text)
        if i < body_start or stated:
            date = _date_stated(text, day_first, captured)
            if date:
                rank = 1 if not stated else 2 if stated.group("updated") else 0
                above = below is not None and page.lines[i].number < below
                found.append((rank, above, date))
    if found:
        return min(found, key=lambda ranked: ranked[:2])[2]
    return _signed_at_the_end(page, kept, captured, day_first)


def _signed_at_the_end(
    page: _Lines, kept: list[int], captured: str | None, day_first: bool
) -> str | None:
    """A story with no date over it may be signed under its last paragraph, with its
    source and age ("WNC Newsource · 2 days ago"): a byline line of a source and a date
    right under the text (not a list of other items' dates: "Trading Halt 10/03/2023")."""
    last = next((i for i in reversed(kept) if _is_prose(page.texts[i])), None)
    if last is None:
        return None
    for i in range(last + 1, min(last + 3, len(page.rule))):
        text = page.texts[i]
        if page.rule[i] == "byline" and _SOURCE_AND_WHEN.match(text):
            return _date_stated(text, day_first, captured)
    return None


def _date_stated(text: str, day_first: bool, captured: str | None) -> str | None:
    """The day a byline line gives, or counts back to from the capture day ("2 days ago")."""
    return parse_date(text, day_first) or relative_date(text, captured)


#: a source and when, set apart: "WNC Newsource · 2 days ago", "Reuters | May 13, 2025"
_SOURCE_AND_WHEN = re.compile(r"^(?:\S+ ){0,4}\S+ [·|•] .{3,40}$")


def _dateline_date(blocks: list[Block], meta: PageMeta | None) -> str | None:
    """The date a wire story's dateline gives with its year ("OSLO, 3 June 2025 – …",
    "RENO, Nev., Nov. 29, 2022 /PR Wirelink/ -- …"), when no byline dates the story."""
    first = next((block.text for block in blocks if block.kind is BlockKind.PARAGRAPH), "")
    dateline = DATELINE.match(first) or _DATED_PLACE.match(first)
    if dateline is None:
        return None
    return parse_date(dateline.group(0), meta is not None and meta.day_first)


#: a release's dateline in title case, its date with the year: "Brussels, 13 May 2024 – …",
#: "Stuttgart, Germany, March 4, 2025 — …"
_DATED_PLACE = re.compile(
    r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}(?:, [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}){0,2},"
    r" (?:\d{1,2} [A-Z][a-z]{2,8}\.?|[A-Z][a-z]{2,8}\.? \d{1,2},?) \d{4}\s*[-–—]{1,2}\s"
)


#: a byline line that says which date it gives: the publication's, or an update's
_STATED_DATE = re.compile(
    r"^(?:(?P<updated>(?:last )?(?:updated|modified|revised)|aktualisiert|mis (?:à|a) jour|actualizado"
    r"|aggiornato|bijgewerkt)|(?:first |originally )?published|posted|released|"
    r"erstellt|ver(?:ö|oe)ffentlicht|publi(?:é|e)|publicado|pubblicato|gepubliceerd|"
    r"input|online first|first online|"
    r"(?:pub(?:lication)?[ _]?)?date(?:[ _]?published)?)\b",
    re.I,
)


def _turns(page: _Lines) -> set[int]:
    """The kept lines that are an interview's turns (`_TURN`), under a name that opens two
    or more of them: the speakers' questions read like headlines and are text."""
    speaker_of = {
        i: found.group("speaker") for i in page.kept() if (found := _TURN.match(page.texts[i]))
    }
    turns = Counter(speaker_of.values())
    return {i for i, speaker in speaker_of.items() if turns[speaker] >= 2}


def _summary_points(page: _Lines) -> set[int]:
    """The kept lines that are the points of a box summing the story up, under its title
    ("Key points" / "£1.2bn plan for six chargers at every services" / …): each short of a
    paragraph, up to SUMMARY_POINTS. They read like headlines, and are the story's."""
    points: set[int] = set()
    kept = page.kept()
    for k, i in enumerate(kept):
        if not SUMMARY_TITLE.match(page.texts[i]):
            continue
        run = []
        for j in kept[k + 1 : k + 1 + SUMMARY_POINTS]:
            text = page.texts[j]
            if page.lines[j].level or looks_like_prose(text) or word_count(text) > _POINT_WORDS:
                break
            run.append(j)
        if len(run) >= 2:
            points.update(run)
    return points


#: a summary's point says this many words at most
_POINT_WORDS = 30


def _blocks(page: _Lines, deck: str | None) -> list[Block]:
    blocks: list[tuple[int, Block]] = []
    turns = _turns(page)
    points = _summary_points(page)
    for i in page.kept():
        text = page.texts[i]
        level = page.lines[i].level
        number = page.lines[i].number
        bracketed = text[:1] in "([" and text[-1:] in ")]"  # ("(Translator's note: …)")
        if i in points:
            blocks.append((i, Block(BlockKind.ITEM, text.removeprefix("- "), number)))
        elif related_headline(text):
            page.drop(i, "inline-related-headline")
        elif level or (
            looks_like_heading(text)
            and not _STAT_LINE.match(text)
            and not bracketed
            and not _INTERVIEW_QUESTION.match(text)
            and i not in turns
            and not text.endswith(_QUOTED_SENTENCE_END)
        ):
            # (a listicle numbers its subheadings: "3. Your EV won't change overnight")
            longest = MAX_SUBHEADING_WORDS * 2 if _LIST_NUMBER.match(text) else MAX_SUBHEADING_WORDS
            if not level and word_count(text) > longest:
                page.drop(i, "inline-related-headline")
            else:
                blocks.append((i, Block(BlockKind.HEADING, text, number)))
        elif text.startswith("- "):
            blocks.append((i, Block(BlockKind.ITEM, text[2:], number)))
        else:
            blocks.append((i, Block(BlockKind.PARAGRAPH, text, number)))
    _review_lists(page, blocks)
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


def _review_lists(page: _Lines, blocks: list[tuple[int, Block]]) -> None:
    """A review's lists under their labels ("Cons" / "Rear seat is tight for adults" /
    "Infotainment slow to boot") are items, not headings of nothing."""
    for k, (_, label) in enumerate(blocks):
        if label.kind is not BlockKind.HEADING or not _lists_label(label.text):
            continue
        for j in range(k + 1, len(blocks)):
            i, item = blocks[j]
            if item.kind is not BlockKind.HEADING or page.lines[i].level:
                break
            if _lists_label(item.text):
                break  # (the next list: "Pros" … "Cons" …)
            blocks[j] = (i, replace(item, kind=BlockKind.ITEM))


def _lists_label(text: str) -> bool:
    return text.lower().rstrip(":") in _LIST_LABELS


#: the labels of a review's lists
_LIST_LABELS = frozenset(
    "pros|cons|pros and cons|likes|dislikes|we like|we don't like|we don’t like|what we like|"
    "what we don't like|what we don’t like|the good|the bad|hits|misses|for|against|"
    "strengths|weaknesses|plus|minus|highs|lows".split("|")
)


def drop_known_headlines(
    instances: list[Instance], headlines: set[str] | None = None, longest: int | None = None
) -> tuple[list[Instance], list[Dropped]]:
    """Drop body lines that are the headline of another article found anywhere in the build.

    Sites inline links to other stories as bare headlines; a short one looks
    just like a subheading, but if that story is in the build we know what it is.
    `headlines` is the build's set of normalised headlines (by default, those
    of `instances`), `longest` the most words one has. A body line longer
    than every headline is turned down without normalising it.
    """
    if headlines is None:
        headlines = headline_keys(instances)
    key_of = _short_keys(longest_headline(headlines) if longest is None else longest)

    def is_other_headline(inst: Instance, block: Block) -> bool:
        if inst.teaser:
            return False  # (a teaser's excerpt is the story's opening, whatever it prints)
        key = key_of(block.text)
        return key is not None and key in headlines and key != normalize(inst.headline or "")

    return drop_blocks(instances, is_other_headline, "inline-related-headline")


def headline_keys(instances: list[Instance]) -> set[str]:
    return {normalize(headline) for headline in {inst.headline for inst in instances} if headline}


def longest_headline(headlines: set[str]) -> int:
    """The most words a normalised headline has: no longer body line can be one."""
    return max((len(key.split()) for key in headlines), default=0)


def _short_keys(max_words: int) -> Callable[[str], str | None]:
    """`normalize_short(text, max_words)`, remembered for the pass over the build that
    asks: the copies of a story repeat their paragraphs, and a pass asks more than once."""
    return cache(partial(normalize_short, max_words=max_words))


def drop_blocks(
    instances: list[Instance], should_drop: Callable[[Instance, Block], bool], rule: str
) -> tuple[list[Instance], list[Dropped]]:
    """Remove the body blocks `should_drop` picks, recording each under `rule`."""
    cleaned: list[Instance] = []
    dropped: list[Dropped] = []
    for inst in instances:
        keep = []
        for block in inst.blocks:
            if should_drop(inst, block):
                dropped.append(Dropped(inst.source, block.line, block.text, rule))
            else:
                keep.append(block)
        cleaned.append(inst if len(keep) == len(inst.blocks) else replace(inst, blocks=tuple(keep)))
    return cleaned, dropped


#: a short line printed on at least this many pages, around different stories, is page chrome
RECURRING_MIN_PAGES = 3
#: only lines this short are candidates: real paragraphs are longer and never recur verbatim
RECURRING_MAX_WORDS = 12
#: paragraphs at least this long identify the story a page carries
_STORY_PARAGRAPH_WORDS = 25


def drop_recurring_boilerplate(
    instances: list[Instance],
    min_pages: int = RECURRING_MIN_PAGES,
    found: RecurringLines | None = None,
) -> tuple[list[Instance], list[Dropped]]:
    """Drop short body lines that recur on many pages around different stories.

    Sites print the same sign-up prompts, tip lines and menu words on every
    page; no hand list has them all, but the build sees them recur. See
    `find_recurring` for what counts (`found`, when it was run already).
    Headings are left alone (a site's recurring "Our take" subheading is real).
    """
    found = found or find_recurring(instances, min_pages)
    # only the instances that print a recurring line change
    affected = sorted({index for key in found.recurring for index in found.occurrences[key]})
    changed, dropped = drop_recurring([instances[i] for i in affected], found.recurring)
    cleaned = list(instances)
    for index, inst in zip(affected, changed, strict=True):
        cleaned[index] = inst
    return cleaned, dropped


@dataclass
class RecurringLines:
    """The short body lines of a build, where they occur, and which of them recur."""

    #: short line (normalised) -> indexes of the instances printing it in a paragraph
    occurrences: dict[str, list[int]]
    #: the stories of the instances that print a line found on enough pages to be counted
    stories: dict[int, frozenset[int]]
    recurring: set[str]


def find_recurring(
    instances: list[Instance], min_pages: int = RECURRING_MIN_PAGES
) -> RecurringLines:
    """The short lines that recur on at least `min_pages` pages carrying different stories.

    A line counts only on pages carrying different stories: each occurrence
    is tied to its article's long paragraphs, and only occurrences whose long
    paragraphs are disjoint from those already counted add up (see
    `pages_counted`), so a subheading or a short paragraph repeated in the
    copies of one story is never taken for chrome. Linear in the number of
    body lines.
    """
    occurrences: dict[str, list[int]] = defaultdict(list)
    key_of = _short_keys(RECURRING_MAX_WORDS)
    for index, inst in enumerate(instances):
        if inst.teaser:
            continue  # a listing's excerpt is no page's furniture
        seen: set[str] = set()
        for block in inst.blocks:
            if block.kind is BlockKind.HEADING:
                continue
            key = key_of(block.text)
            if key and key not in seen:
                seen.add(key)
                occurrences[key].append(index)
    stories: dict[int, frozenset[int]] = {}  # made only for instances with a line on many pages
    recurring: set[str] = set()
    for key, found in occurrences.items():
        if len({instances[index].source for index in found}) < min_pages:
            continue
        for index in found:
            if index not in stories:
                stories[index] = story(instances[index])
        counted = pages_counted((instances[index].source, stories[index]) for index in found)
        if counted >= min_pages:
            recurring.add(key)
    return RecurringLines(dict(occurrences), stories, recurring)


def pages_counted(occurrences: Iterable[tuple[str, frozenset[int]]]) -> int:
    """How many pages a line counts on: (page, story) occurrences in build order, each
    counted when its page is new and its story shares no paragraph with those counted."""
    pages: set[str] = set()
    used: set[int] = set()
    for source, told in occurrences:
        if source not in pages and used.isdisjoint(told):
            pages.add(source)
            used |= told
    return len(pages)


def drop_recurring(
    instances: list[Instance], recurring: set[str]
) -> tuple[list[Instance], list[Dropped]]:
    """Remove the paragraphs (not headings) that are one of the `recurring` lines."""
    key_of = _short_keys(RECURRING_MAX_WORDS)

    def is_recurring(_: Instance, block: Block) -> bool:
        return block.kind is not BlockKind.HEADING and key_of(block.text) in recurring

    return drop_blocks(instances, is_recurring, "recurring-boilerplate")


def story(inst: Instance) -> frozenset[int]:
    """What identifies the story an instance carries: the openings of its long paragraphs
    (as stable 64-bit hashes, which the corpus index keeps between builds)."""
    return frozenset(
        int.from_bytes(
            hashlib.blake2b(
                " ".join(words[:10]).encode("utf-8", "surrogatepass"), digest_size=8
            ).digest(),
            "big",
        )
        for block in inst.blocks
        if len(words := normalize(block.text).split()) >= _STORY_PARAGRAPH_WORDS
    )
