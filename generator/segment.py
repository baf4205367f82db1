"""Segmentation: split one page into the articles it carries.

A scraped page is a lead article followed by articles the site appended. An
appended article starts with a section label and a headline, or with a
headline followed by byline lines, or (HTML and Markdown) with a level-one
heading. Everything else, including headline-like lines inside a body (tweet
text, links to other articles, subheadings), stays with the article it is in:
cleaning decides what those are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .dates import parse_date
from .model import Document, Line, RawArticle
from .rules import (
    CUT_OFF,
    HEADING_CHROME,
    LINKED_SITE,
    PICTURE_RULES,
    SAYS_WHEN,
    SENTENCE_BREAK,
    chrome_rules,
    looks_like_heading,
    looks_like_label,
    looks_like_period_headline,
    looks_like_person_name,
    looks_like_prose,
    related_headline,
    starts_like_heading,
)
from .text import normalize, word_count


@dataclass(frozen=True)
class _Start:
    label: int | None  # index of the section label line
    headline: int  # index of the headline line
    #: an article a forum member pasted into their post, announced by their words on the
    #: line above it (the lines above are the thread's, not the article's)
    pasted: bool = False

    @property
    def first(self) -> int:
        return self.headline if self.label is None else self.label


#: a live entry's stamp: "19.40 GMT", "3:05 PM", "6h ago"
_STAMP = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?|\d{1,2}\s*(?:h|m|min|mins|hours?|minutes?) ago)$",
    re.I,
)
#: a byline that opens with "By": "By Nadia Kerrigan", "BY: A. Roe"
_BY_LINE = re.compile(r"^by\b", re.I)
#: the rules of links that lead on, not to a story: a listing's links may be headlines, these not
_NEVER_A_HEADLINE = frozenset(("continue-reading", "pagination", "teaser-end"))


class _Page:
    """Indexes over a document's lines that the start detection needs."""

    def __init__(self, lines: tuple[Line, ...]):
        self.lines = lines
        rules = chrome_rules([line.text for line in lines])
        self.chrome = [
            None
            if (line.level and rule not in HEADING_CHROME)
            or (line.aside and rule not in _NEVER_A_HEADLINE)
            else rule
            for line, rule in zip(lines, rules, strict=True)
        ]
        #: a live blog's page: its entries, each under a time, are one article's
        self.live = "live-blog" in self.chrome
        self.bylined_sections = self._bylined_sections()

    def _bylined_sections(self) -> set[int]:
        """The subheadings with a "By …" line right under each, when the page prints two or
        more of one level: a newsletter issue's or a digest's stories, each with its own
        author (a story's own subheadings have none)."""
        by_level: dict[int, list[int]] = {}
        for i, line in enumerate(self.lines[:-1]):
            under = i + 1
            if (
                line.level > 1
                and self.chrome[i] is None
                and self.chrome[under] == "byline"
                and _BY_LINE.match(self.text(under))
            ):
                by_level.setdefault(line.level, []).append(i)
        return {i for found in by_level.values() if len(found) > 1 for i in found}

    def text(self, i: int) -> str:
        return self.lines[i].text

    def next_content(self, i: int) -> int | None:
        while i < len(self.lines):
            if self.chrome[i] is None:
                return i
            i += 1
        return None

    def prev_content(self, i: int) -> int | None:
        i -= 1
        while i >= 0:
            if self.chrome[i] is None:
                return i
            i -= 1
        return None

    def after_headline(self, i: int) -> int | None:
        """The content line after line i, skipping a copy of line i printed twice."""
        after = self.next_content(i + 1)
        if after is not None and normalize(self.text(after)) == normalize(self.text(i)):
            return self.next_content(after + 1)
        return after

    def byline_follows(self, i: int) -> bool:
        """True when a byline/date line comes right after line i (captions may sit between,
        and the author's and the outlet's names a byline block prints above its date)."""
        names = 0
        for j in range(i + 1, min(i + 5, len(self.lines))):
            rule = self.chrome[j]
            if rule == "byline":
                # (on a live page, a time alone stamps the next entry: "19.40 GMT")
                return not (self.live and _STAMP.match(self.text(j)))
            if rule is None and names < 2 and self._byline_name(j):
                names += 1
                continue
            if rule not in PICTURE_RULES:
                return False
        return False

    def _byline_name(self, j: int) -> bool:
        """Line j could be an author's or an outlet's name in a byline block."""
        text = self.text(j)
        return looks_like_person_name(text) or (word_count(text) <= 4 and looks_like_label(text))

    def is_body(self, i: int | None) -> bool:
        if i is None:
            return False
        text = self.text(i)
        return not self.lines[i].level and (
            word_count(text) >= 12 or (text[-1] in '.!?"”' and not looks_like_label(text))
        )

    def under_name(self, i: int) -> bool:
        """Line i comes right under a person's name: the outlet a byline block prints."""
        before = self.prev_content(i)
        return before is not None and before == i - 1 and looks_like_person_name(self.text(before))

    def in_head(self, start: int, end: int, labelled: bool) -> bool:
        """Lines `start` to `end` (excluded), which follow an article's headline (or open
        the page and print one), hold no paragraph of body text: they are still the head
        of that article. A sentence right under a headline is its deck, not its body,
        unless a section label announces the next article (an article of one paragraph)."""
        headed = start > 0
        deck_slot = headed and not labelled  # under a headline, few words ("Video") since
        for j in range(start, end):
            if self.chrome[j] is not None:
                continue
            text = self.text(j)
            if looks_like_prose(text):
                if not deck_slot:
                    return False
                deck_slot = False  # a sentence right under a headline is its deck
            elif word_count(text) >= 4 and looks_like_heading(text):
                headed = True
                deck_slot = not labelled
            elif word_count(text) > 3:
                deck_slot = False
        return headed

    def is_headline(self, i: int | None, *, labelled: bool) -> bool:
        """A line that can head an article, judged with what follows it."""
        if i is None or self.chrome[i] is not None:
            return False
        line = self.lines[i]
        if line.level:
            # a lower-level heading heads an article only with a label above and a byline
            # below, or as one of a page's stories with their own authors
            return (
                line.level == 1
                or (labelled and self.byline_follows(i))
                or i in self.bylined_sections
            )
        text = line.text
        if word_count(text) < 3:
            return False
        if looks_like_heading(text):
            after = self.after_headline(i)
            follows = self.byline_follows(i) or self.is_body(after) or self._deck_then_body(after)
            return (follows and (labelled or self.byline_follows(i))) or self.next_story(i)
        if labelled and looks_like_period_headline(text):
            # the byline may follow directly or after a one-sentence deck
            after = self.after_headline(i)
            return self.byline_follows(i) or (
                after is not None
                and (word_count(self.text(after)) >= 25 or self.byline_follows(after))
            )
        return False

    def next_story(self, i: int) -> bool:
        """Line i right under a listing's label ("Next Story"), with its deck and byline
        under it: the next article's headline, not a teaser's."""
        deck = i + 1
        return (
            i > 0
            and deck < len(self.lines)
            and self.chrome[i - 1] == "related-block"
            and self.chrome[deck] is None
            and 5 <= word_count(self.text(deck)) <= 40
            and self.byline_follows(deck)
        )

    def _deck_then_body(self, i: int | None) -> bool:
        return i is not None and self.is_body(self.next_content(i + 1))


#: what a byline block prints under the author's name: the role, the date
_BYLINE_BLOCK = frozenset(("byline", "author-bio"))


def find_starts(page: _Page) -> list[_Start]:
    starts: list[_Start] = []
    i = 0
    seen_body = in_comments = False
    while i < len(page.lines):
        line = page.lines[i]
        start: _Start | None = None
        if line.level == 1:
            label = page.prev_content(i)
            has_label = (
                label is not None
                and label >= i - 2
                and looks_like_label(page.text(label))
                and (not starts or label > starts[-1].headline)
            )
            start = _Start(label if has_label else None, i)
        elif i in page.bylined_sections:
            start = _Start(None, i)
        elif page.chrome[i] is None and not line.level:
            if looks_like_label(line.text):
                headline = page.next_content(i + 1)
                # (an author's name over the outlet's, or over the role and the date the
                # byline block goes on with, is no label)
                byline_block = looks_like_person_name(line.text) and (
                    headline is not None
                    and (
                        word_count(page.text(headline)) <= 4
                        or any(page.chrome[k] in _BYLINE_BLOCK for k in range(i + 1, headline))
                    )
                )
                if (
                    headline is not None
                    and not byline_block
                    and page.is_headline(headline, labelled=True)
                ):
                    start = _Start(i, headline)
            elif (
                (
                    page.is_headline(i, labelled=False)
                    or (_announced_paste(page, i) and page.is_headline(i, labelled=True))
                )
                and not page.is_headline(page.prev_content(i), labelled=False)
                and not page.under_name(i)
                and not _under_a_period_headline(page, i, starts[-1].headline if starts else -1)
            ):
                start = _Start(None, i)
        if start is not None and in_comments and not page.byline_follows(start.headline):
            start = None  # (among comments, only a headline with its byline heads an article)
        # (a section label, or a page's own h1, announces the next article for sure)
        pasted = start is not None and _announced_paste(page, start.headline)
        announced = start is not None and (
            start.label is not None
            or line.level == 1
            or start.headline in page.bylined_sections
            or _pasted_under_a_post(page, start)
        )
        if (
            start is not None
            and not pasted
            and page.in_head(starts[-1].headline + 1 if starts else 0, start.first, announced)
        ):
            # the article above has no body yet: this line is in its head (an outlet's
            # name under the byline, a caption), not the headline of another
            start = None
        if start is not None:
            if pasted:
                page.chrome[start.headline - 1] = "forum"  # (the member's words, not the article's)
                start = replace(start, pasted=True)
            starts.append(start)
            i, seen_body, in_comments = start.headline + 1, False, False
        else:
            # a forum's replies follow the post's body: a line there that reads like a
            # headline ("Anyone heard from their dealer yet?") heads no article
            seen_body = seen_body or (page.chrome[i] is None and page.is_body(i))
            in_comments = in_comments or (seen_body and page.chrome[i] == "forum")
            i += 1
    return starts


def _issue_date(page: _Page, starts: list[_Start]) -> str | None:
    """The day a page of stories with their own authors states over the first of them
    ("Issue #142 · Friday, May 16, 2025"): a newsletter issue's, each story's."""
    first = next((s.headline for s in starts if s.headline in page.bylined_sections), None)
    if first is None:
        return None
    return next(filter(None, (parse_date(page.text(j)) for j in range(first))), None)


def _under_a_period_headline(page: _Page, i: int, previous: int) -> bool:
    """Line i right under a one-sentence headline closed by a full stop, with no text of
    an article above that: the headline's deck ("Terraced streets will get 40 chargers
    after a two-year campaign." / "Council approves £680,000 scheme, but traders fear …" /
    "By …"), not the headline of another article."""
    above = page.prev_content(i)
    return (
        above == i - 1
        and above > previous
        and looks_like_period_headline(page.text(above))
        and not any(page.chrome[j] is None and page.is_body(j) for j in range(previous + 1, above))
    )


def _pasted_under_a_post(page: _Page, start: _Start) -> bool:
    """A headline with its byline under it, in a post a forum member wrote (their handle's
    line over it): an article pasted under a thread's title, which heads nothing itself."""
    if not page.byline_follows(start.headline):
        return False
    before = range(max(0, start.first - 3), start.first)
    return any(page.chrome[k] == "byline" and "·" in page.text(k) for k in before) and any(
        page.chrome[k] == "post-actions" for k in range(start.first)
    )


def _announced_paste(page: _Page, i: int) -> bool:
    """Line i right under a forum member's words that announce it with a colon ("Copying
    the article here because their site is unreadable:"), in their post: the headline of
    an article pasted into the post (it needs no byline)."""
    before = page.prev_content(i)
    return (
        before == i - 1
        and page.text(before).endswith(":")
        and word_count(page.text(before)) >= 5
        and any(page.chrome[k] == "forum" for k in range(max(0, before - 3), before))
    )


def _lead_headline(page: _Page, end: int) -> int | None:
    """The lead's own headline, if the page opens with one."""
    first = page.next_content(0)
    if first is None or first >= end:
        return None
    text = page.text(first)
    if looks_like_label(text):
        return None
    after = page.after_headline(first)
    if looks_like_heading(text) and word_count(text) >= 3 and after is not None and after < end:
        return first if page.is_body(after) or page.byline_follows(first) else None
    return None


#: lines a teaser prints besides its headline and excerpt: its image's alt text, the
#: outlet and the age or date, a caption
_TEASER_META = frozenset(
    ("byline", "image-alt", "caption", "inline-image", "reading-time", "social-count", "site-name")
)


@dataclass(frozen=True)
class _Teaser:
    """A listing's teaser: lines `first` to `last`, its headline and excerpt among them."""

    first: int
    last: int
    headline: int
    excerpt: int | None


def find_teasers(page: _Page) -> list[_Teaser]:
    """The teasers a page prints: a headline, maybe the outlet and the age, then an excerpt
    cut off with "…" or a "Read more" link, and nothing of an article after it; and, in a
    "Related" block, bare headlines one after another."""
    teasers: list[_Teaser] = []
    contents = _contents_entries(page)
    i, related = 0, False
    last_item = -1  # (where the last aggregator's item ended)
    while i < len(page.lines):
        if i in contents:
            teasers.append(_Teaser(i, i + 1, i, i + 1))
            i += 2
            continue
        rule = page.chrome[i]
        if rule is not None:
            related = (rule == "related-block" and not _menu_under(page, i)) or (
                related and rule in _TEASER_META
            )
            i += 1
            continue
        linked = related_headline(page.text(i)) if page.text(i)[:1].isalpha() else None
        if linked and word_count(linked) >= 4:  # "Read also: <headline>" in a body
            teasers.append(_Teaser(i, i, i, None))
            i += 1
            continue
        if _other_outlets_item(page, i, teasers[-1].last if teasers else -1):
            teasers.append(_Teaser(i - 1, i + 1, i, None))
            i += 2
            continue
        item = _aggregator_item(page, i, teasers[-1].last if teasers else -1, last_item)
        if item is not None:
            teasers.append(item)
            i = last_item = item.last + 1
            continue
        # (a headline printed as a link on its own is a listing's, like a "Related" block's)
        in_list = related or page.lines[i].aside is not None
        teaser = _teaser_at(page, i, in_list, teasers[-1].last if teasers else -1)
        if teaser is None:
            # (a list goes on past a teaser's section label: "Climate & Cars")
            related = related and looks_like_label(page.text(i))
            i += 1
            continue
        teasers.append(teaser)
        i = teaser.last + 1
    return teasers


def _menu_under(page: _Page, i: int) -> bool:
    """Line i ("Top Stories", "Latest") is an item of a menu, not the title of a list of
    headlines: the next two lines are menu items too ("Local", "Climate")."""
    first = page.next_content(i + 1)
    second = page.next_content(first + 1) if first is not None else None
    return second is not None and all(
        word_count(page.text(k)) <= _MENU_ITEM_WORDS and looks_like_label(page.text(k))
        for k in (first, second)
    )


#: a menu's item is a word or two
_MENU_ITEM_WORDS = 2
#: a contents page lists at least this many entries
_CONTENTS_ENTRIES = 3
#: a contents entry's title and its one-line summary are at most this long
_CONTENTS_TITLE_WORDS = 12
_CONTENTS_SUMMARY_WORDS = 40


def _contents_entries(page: _Page) -> set[int]:
    """The titles of a print edition's contents page: under a page number ("24"), a title,
    then its one-line summary, then the next page number (or a section's name, or the
    list's end). Each entry is a teaser of the story printed on that page; with fewer
    than `_CONTENTS_ENTRIES` entries so closed, the page is no contents page (the last
    entry of one is closed by whatever follows the list)."""
    found, closed = set(), 0
    for i in range(1, len(page.lines) - 1):
        if (
            page.chrome[i - 1] == "pagination"
            and page.text(i - 1).isdigit()
            and page.chrome[i] is None
            and page.chrome[i + 1] is None
            and word_count(page.text(i)) <= _CONTENTS_TITLE_WORDS
            and starts_like_heading(page.text(i))
            and not page.text(i).endswith((".", "?", "!", ":"))
            and word_count(page.text(i + 1)) <= _CONTENTS_SUMMARY_WORDS
        ):
            found.add(i)
            closed += (
                i + 2 >= len(page.lines)
                or page.chrome[i + 2] == "pagination"
                or looks_like_label(page.text(i + 2))
            )
    return found if closed >= _CONTENTS_ENTRIES else set()


#: an item of a list of other outlets' coverage: the outlet's name, at most this long
_OUTLET_WORDS = 4


def _other_outlets_item(page: _Page, i: int, previous: int) -> bool:
    """Line i is the headline of an item of an aggregator's "Full coverage" list: under an
    item's mark with the outlet's name ("- The Lindmoor Courier"), over the item's age
    ("1 day ago"). The story is behind the link: a teaser with no excerpt."""
    if i < 1 or i - 1 <= previous or i + 1 >= len(page.lines):
        return False
    outlet, text = page.text(i - 1), page.text(i)
    return (
        outlet.startswith("- ")
        and page.chrome[i - 1] is None
        and 1 <= word_count(outlet[2:]) <= _OUTLET_WORDS
        and page.chrome[i] is None
        and page.chrome[i + 1] == "byline"
        and 4 <= word_count(text) <= 30
        and starts_like_heading(text)
    )


def _aggregator_item(page: _Page, i: int, previous: int, after_item: int) -> _Teaser | None:
    """Line i is the headline of an item of a news aggregator's list: under the outlet's
    name ("Orbitel Finance"), over the story's first words cut off ("…") or none, then the
    item's age and author ("3 days ago · Katrin Albers"). An article's section label, headline and
    byline read alike, so an item is one of a list: an item ends right above it (past
    labels: "Full Coverage"), or a run of items starts with it."""
    outlet = i - 1
    if outlet <= previous:
        return None
    byline = _aggregator_byline(page, outlet)
    if byline is None:
        return None
    listed = after_item == previous + 1 and all(
        page.chrome[k] is not None or looks_like_label(page.text(k))
        for k in range(after_item, outlet)
    )
    if not (listed or _items_below(page, byline, _AGGREGATOR_RUN - 1)):
        return None
    excerpt = i + 1 if byline > i + 1 else None
    return _Teaser(outlet, byline, i, excerpt)


#: an aggregator's list holds at least this many items in a row
_AGGREGATOR_RUN = 3


def _items_below(page: _Page, end: int, count: int) -> bool:
    """`count` more aggregator's items follow line `end`, each a line or two below the last
    (past labels: "Full Coverage")."""
    if count == 0:
        return True
    below = [k for k in range(end + 1, min(end + 8, len(page.lines))) if page.chrome[k] is None]
    return any(
        (byline := _aggregator_byline(page, k)) is not None
        and _items_below(page, byline, count - 1)
        for k in below[:3]
    )


def _aggregator_byline(page: _Page, outlet: int) -> int | None:
    """The byline line of an aggregator's item whose outlet's name is line `outlet`."""
    i = outlet + 1
    if i >= len(page.lines) or page.chrome[outlet] is not None or page.chrome[i] is not None:
        return None
    name, text = page.text(outlet), page.text(i)
    if not (
        1 <= word_count(name) <= _OUTLET_WORDS
        and looks_like_label(name)
        and 4 <= word_count(text) <= 30
        and page.lines[i].level != 1
        and starts_like_heading(text)
    ):
        return None
    j = i + 1
    if j < len(page.lines) and page.chrome[j] is None and not page.lines[j].level:
        excerpt = page.text(j)
        if not (5 <= word_count(excerpt) <= _SHARED_EXCERPT_WORDS * 2 and CUT_OFF.search(excerpt)):
            return None
        j += 1  # (the story's first words, cut off)
    if j >= len(page.lines) or page.chrome[j] != "byline" or word_count(page.text(j)) > 10:
        return None
    return j if SAYS_WHEN.search(page.text(j)) else None  # (an item says how old it is)


#: a list's bullet before an item's headline, in a text dump: "* Korvel recalls 9,400 vans"
_BULLET = re.compile(r"^[*•]\s+(?=\S)")


def _teaser_at(page: _Page, i: int, related: bool, previous: int) -> _Teaser | None:
    text = page.text(i)
    text = _BULLET.sub("", text) if text[:1] in "*•" else text
    n = word_count(text)
    if not 3 <= n <= 30 or page.lines[i].level == 1 or not starts_like_heading(text):
        return None
    one_sentence = text.endswith(".") and not SENTENCE_BREAK.search(text[:-1])
    linked = page.lines[i].aside == "link-list"  # (a link's text in a list: a headline)
    if not (looks_like_heading(text) or CUT_OFF.search(text) or one_sentence or linked):
        return None
    if (
        i - 1 > previous
        and page.chrome[i - 1] is None
        # (a long line under a paragraph: that article's last, cut short: "… and venti")
        and word_count(page.text(i - 1)) >= (_PARAGRAPH_OVER_CUT if n >= _CUT_PARAGRAPH else 25)
        and page.lines[i].aside != "related-block"  # (the page lists it beside its article)
    ):
        return None  # a subheading of the article above, or its paragraph
    if page.chrome[i + 1 : i + 2] == ["bare-link"] and LINKED_SITE.match(page.text(i + 1)):
        return _Teaser(i, i + 1, i, None)  # a link aggregator's submission: the story is elsewhere
    j = i + 1
    while j < len(page.lines) and page.chrome[j] in _TEASER_META and j - i <= 3:
        j += 1
    if j < len(page.lines):
        rule, after = page.chrome[j], page.text(j)
        cut = rule == "teaser-end" or (
            rule is None and word_count(after) >= 5 and bool(CUT_OFF.search(after))
        )
        if cut and word_count(after) <= 80 and not page.lines[j].level:
            # (a link on to the story ends the item, whatever follows it, even under the
            # story's source: "Source: Haul Electric" / "Read more: https://…")
            k = j + 1
            while k < len(page.lines) and page.chrome[k] in _TEASER_META and k - j <= 2:
                k += 1
            linked_on = page.chrome[k : k + 1] in (["continue-reading"], ["pagination"])
            last = k if linked_on else j
            if linked_on or _ends_listing_item(page, last + 1):
                return _Teaser(_meta_above(page, i, previous), last, i, j)
            return None
        if rule == "continue-reading":
            return _Teaser(_meta_above(page, i, previous), j, i, None)
        # a shared link: a headline, a sentence of its story, the address it is at (a
        # mail or a message someone shared it in), and nothing of an article after it
        if (
            rule is None
            and 5 <= word_count(after) <= _SHARED_EXCERPT_WORDS
            and not page.lines[j].level
            and page.chrome[j + 1 : j + 2] == ["bare-link"]
            and _ends_listing_item(page, j + 2)
        ):
            return _Teaser(_meta_above(page, i, previous), j + 1, i, j)
        # in a list: a headline, and a sentence or two of its story that are not cut off
        if (
            related
            and (rule is None or page.lines[j].aside)
            and page.lines[j].aside != "link-list"  # (another headline)
            and not _BULLET.match(after)  # (another item)
            and 5 <= word_count(after) <= 60
            and (after.rstrip()[-1:] in '.!?"”’' or not looks_like_heading(after, 15))
            and not page.lines[j].level
            and _ends_listing_item(page, j + 1)
        ):
            return _Teaser(_meta_above(page, i, previous), j, i, j)
    bare = related and (looks_like_heading(text) or one_sentence or page.lines[i].aside) and n >= 4
    if bare and (page.next_story(i) or _heads_an_article(page, i)):
        return None  # (under "Next Story", a headline with its deck and byline: an article)
    if bare and _ends_listing_item(page, j):  # a headline alone in a list
        return _Teaser(i, j - 1, i, None)
    return None


def _heads_an_article(page: _Page, i: int) -> bool:
    """Line i over its byline block (a one-sentence deck may come between) and a paragraph
    under them: an article's head, not a list's headline alone ("TRENDING" / five
    headlines / "MOTORING" / the story's headline, its deck, "By …", the text)."""
    deck = i + 1
    if page.byline_follows(i):
        over = i
    elif (
        deck < len(page.lines)
        and page.chrome[deck] is None
        and not page.lines[deck].level  # (a heading there heads an article itself)
        and 5 <= word_count(page.text(deck)) <= 40
        and page.byline_follows(deck)
    ):
        over = deck
    else:
        return False
    after = page.next_content(over + 1)
    while after is not None and looks_like_person_name(page.text(after)):
        after = page.next_content(after + 1)  # (the author's name under a lone "By")
    return page.is_body(after) and looks_like_prose(page.text(after))


#: a line this long, under a paragraph of this many words, goes on with the article above
_CUT_PARAGRAPH, _PARAGRAPH_OVER_CUT = 15, 12
#: a shared link's excerpt is a sentence or two
_SHARED_EXCERPT_WORDS = 40


def _ends_listing_item(page: _Page, k: int) -> bool:
    """What follows line k - 1 is not the rest of an article: chrome, another item (its
    headline may read like a sentence), the end."""
    after = page.next_content(k)
    while after is not None and (
        looks_like_person_name(page.text(after)) or looks_like_label(page.text(after))
    ):
        after = page.next_content(after + 1)  # (an author's, an outlet's name: what follows tells)
    if after is None or not looks_like_prose(page.text(after)) or CUT_OFF.search(page.text(after)):
        return True
    if page.lines[after].aside == "link-list":
        return True  # another link of the list
    if page.next_content(after + 1) is None and word_count(page.text(after)) < 30:
        return True  # a sentence the page ends with: its footer, not an article's rest
    j = after + 1
    while j < len(page.lines) and page.chrome[j] in _TEASER_META and j - after <= 3:
        j += 1
    return j < len(page.lines) and (
        page.chrome[j] in ("teaser-end", "continue-reading")
        or (page.chrome[j] is None and bool(CUT_OFF.search(page.text(j))))
    )


def _meta_above(page: _Page, i: int, previous: int) -> int:
    """The first line of a teaser whose outlet and age are printed above its headline."""
    first = i
    for j in range(i - 1, max(previous, i - 3), -1):
        text = page.text(j)
        if page.chrome[j] in _TEASER_META or (
            page.chrome[j] is None and looks_like_label(text) and word_count(text) <= 4
        ):
            first = j
        else:
            break
    return first


def segment(doc: Document) -> list[RawArticle]:
    page = _Page(doc.lines)
    teasers = find_teasers(page)
    for teaser in teasers:  # (a teaser's lines are no article's)
        for k in range(teaser.first, teaser.last + 1):
            page.chrome[k] = page.chrome[k] or "teaser"
    for k, line in enumerate(doc.lines):  # chrome kept for its teasers, and not one
        if line.aside and page.chrome[k] is None:
            page.chrome[k] = line.aside
    starts = find_starts(page)
    announcing = {start.headline - 1 for start in starts if start.pasted}
    if announcing:  # (cleaning reads the page's rules again: a member's words are marked)
        doc = replace(
            doc,
            lines=tuple(
                replace(line, aside="forum") if k in announcing else line
                for k, line in enumerate(doc.lines)
            ),
        )
    articles: list[RawArticle] = []
    issue_date = _issue_date(page, starts)
    lead_end = starts[0].first if starts else len(page.lines)
    # what comes before the first appended article belongs to it when there is no
    # lead: chrome, and the site name and menu words of a page without body text there
    carried: tuple[Line, ...] = doc.lines[:lead_end]
    content = [i for i in range(lead_end) if page.chrome[i] is None]
    if (
        (content and (not starts or any(page.is_body(i) for i in content)))
        or (not starts and doc.lines)  # only chrome: cleaning drops each line under its rule
        or (starts and starts[0].pasted)  # the thread's, not the pasted article's
    ):
        articles.append(_lead(doc, page, lead_end))
        carried = ()
    for k, start in enumerate(starts):
        end = starts[k + 1].first if k + 1 < len(starts) else len(page.lines)
        section = page.text(start.label) if start.label is not None else None
        between = doc.lines[start.first + 1 : start.headline] if start.label is not None else ()
        articles.append(
            RawArticle(
                source=doc.source,
                position=len(articles),
                section=section or (doc.meta.section if not articles else None),
                headline=page.text(start.headline),
                start_line=doc.lines[start.first].number,
                lines=carried + tuple(between) + doc.lines[start.headline + 1 : end],
                headline_line=doc.lines[start.headline].number,
                headline_level=doc.lines[start.headline].level,
                issue_date=issue_date if start.headline in page.bylined_sections else None,
            )
        )
        carried = ()
    if teasers:
        taken = {id(doc.lines[k]) for t in teasers for k in range(t.first, t.last + 1)}
        articles = [
            replace(raw, lines=tuple(line for line in raw.lines if id(line) not in taken))
            for raw in articles
        ]
    rule_of = {id(line): rule for line, rule in zip(doc.lines, page.chrome, strict=True)}
    articles = [
        replace(raw, rules=tuple(rule_of[id(line)] for line in raw.lines)) for raw in articles
    ]
    for teaser in teasers:
        unit = doc.lines[teaser.first : teaser.last + 1]
        headline = doc.lines[teaser.headline]
        articles.append(
            RawArticle(
                source=doc.source,
                position=len(articles),
                section=None,
                headline=headline.text,
                start_line=unit[0].number,
                lines=tuple(line for line in unit if line is not headline),
                headline_line=headline.number,
                headline_level=headline.level,
                teaser=True,
            )
        )
    return articles


def _lead(doc: Document, page: _Page, end: int) -> RawArticle:
    """The lead article: everything before the first appended article."""
    headline = _lead_headline(page, end)
    first = page.next_content(0)
    section = doc.meta.section
    lines = doc.lines[:end]
    if headline is not None:
        lines = doc.lines[:headline] + doc.lines[headline + 1 : end]
    elif (
        first is not None
        and looks_like_label(page.text(first))
        # a label that differs from the page's stated section stays a line, so it is not lost
        and (not section or normalize(section) == normalize(page.text(first)))
    ):
        section = section or page.text(first)
        lines = doc.lines[:first] + doc.lines[first + 1 : end]
    return RawArticle(
        source=doc.source,
        position=0,
        section=section,
        headline=page.text(headline) if headline is not None else doc.meta.title,
        start_line=doc.lines[0].number,
        lines=tuple(lines),
        headline_line=doc.lines[headline].number if headline is not None else None,
        headline_level=doc.lines[headline].level if headline is not None else 0,
    )
