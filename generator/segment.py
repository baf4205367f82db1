"""Segmentation: split one page into the articles it carries.

A scraped page is a lead article followed by articles the site appended. An
appended article starts with a section label and a headline, or with a
headline followed by byline lines, or (HTML and Markdown) with a level-one
heading. Everything else, including headline-like lines inside a body (tweet
text, links to other articles, subheadings), stays with the article it is in:
cleaning decides what those are.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Document, Line, RawArticle
from .rules import chrome_rules, looks_like_heading, looks_like_label, looks_like_period_headline
from .text import normalize, word_count


@dataclass(frozen=True)
class _Start:
    label: int | None  # index of the section label line
    headline: int  # index of the headline line

    @property
    def first(self) -> int:
        return self.headline if self.label is None else self.label


class _Page:
    """Indexes over a document's lines that the start detection needs."""

    def __init__(self, lines: tuple[Line, ...]):
        self.lines = lines
        rules = chrome_rules([line.text for line in lines])
        self.chrome = [
            None if line.level else rule for line, rule in zip(lines, rules, strict=True)
        ]

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
        """True when a byline/date line comes right after line i (captions may sit between)."""
        for j in range(i + 1, min(i + 4, len(self.lines))):
            rule = self.chrome[j]
            if rule == "byline":
                return True
            if rule not in ("caption", "image-alt", "inline-image"):
                return False
        return False

    def is_body(self, i: int | None) -> bool:
        if i is None:
            return False
        text = self.text(i)
        return not self.lines[i].level and (
            word_count(text) >= 12 or (text[-1] in '.!?"”' and not looks_like_label(text))
        )

    def is_headline(self, i: int | None, *, labelled: bool) -> bool:
        """A line that can head an article, judged with what follows it."""
        if i is None or self.chrome[i] is not None:
            return False
        line = self.lines[i]
        if line.level:
            # a lower-level heading heads an article only with a label above and a byline below
            return line.level == 1 or (labelled and self.byline_follows(i))
        text = line.text
        if word_count(text) < 3:
            return False
        if looks_like_heading(text):
            after = self.after_headline(i)
            follows = self.byline_follows(i) or self.is_body(after) or self._deck_then_body(after)
            return follows and (labelled or self.byline_follows(i))
        if labelled and looks_like_period_headline(text):
            # the byline may follow directly or after a one-sentence deck
            after = self.after_headline(i)
            return self.byline_follows(i) or (
                after is not None
                and (word_count(self.text(after)) >= 25 or self.byline_follows(after))
            )
        return False

    def _deck_then_body(self, i: int | None) -> bool:
        return i is not None and self.is_body(self.next_content(i + 1))


def find_starts(page: _Page) -> list[_Start]:
    starts: list[_Start] = []
    i = 0
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
        elif page.chrome[i] is None and not line.level:
            if looks_like_label(line.text):
                headline = page.next_content(i + 1)
                if headline is not None and page.is_headline(headline, labelled=True):
                    start = _Start(i, headline)
            elif page.is_headline(i, labelled=False) and not page.is_headline(
                page.prev_content(i), labelled=False
            ):
                start = _Start(None, i)
        if start is not None:
            starts.append(start)
            i = start.headline + 1
        else:
            i += 1
    return starts


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


def segment(doc: Document) -> list[RawArticle]:
    page = _Page(doc.lines)
    starts = find_starts(page)
    articles: list[RawArticle] = []
    lead_end = starts[0].first if starts else len(page.lines)
    # what comes before the first appended article belongs to it when there is no
    # lead: chrome, and the site name and menu words of a page without body text there
    carried: tuple[Line, ...] = doc.lines[:lead_end]
    content = [i for i in range(lead_end) if page.chrome[i] is None]
    if (content and (not starts or any(page.is_body(i) for i in content))) or (
        not starts and doc.lines  # only chrome: cleaning drops each line under its rule
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
            )
        )
        carried = ()
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
    )
