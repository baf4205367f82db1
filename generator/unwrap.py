"""Hard-wrapped text read back into paragraphs.

`pdftotext`, `lynx -dump`, `w3m -dump` and plain-text e-mail cut every paragraph
into lines of a fixed width. Read line by line, each piece would be a paragraph
of its own: a deck becomes three "headlines", a teaser loses its "…" to the
next line, and a copy of a story wrapped at another width shares no paragraph
with it. A page is taken as wrapped only on its own evidence: no line much
longer than the width most of its lines stop at, and many full lines that
break off mid-sentence (the next line goes on in lower case). Then a line
joins the one above when the above is full: its next word would not have fitted
on it. A short line (a headline, a byline, a paragraph's last line) is never
full, so it ends its paragraph.

A printed page's furniture at a form feed (its folio, the running head repeated
on every page) is dropped, and a paragraph cut by the page break is joined
across it.
"""

from __future__ import annotations

import re

from .model import Dropped, Line
from .rules import DATELINE, chrome_rule
from .text import canonical_spaces

#: a wrapped page's lines stop at about the same width, at most this wide; and at least
#: this wide: in a narrower column (a multi-column print page) a headline or a label
#: fills a line as easily as a paragraph's text does, so a full line says nothing
MAX_WIDTH = 100
MIN_WIDTH = 60
#: lines at least this long may be full
MIN_FULL = 30
#: a page is wrapped when this many full lines break off mid-sentence (and at least
#: this share of its full lines)
MIN_BREAKS = 5
MIN_BREAK_SHARE = 0.25
#: how much shorter than the width a full line may stop (writers wrap by eye), as a
#: share of the width
SLACK = 0.05
#: a line starting a block of its own: a list item, a numbered item, a quote, a rule
_OWN_BLOCK = re.compile(r"^(?:[-*•·>+|]|\d{1,3}[.)]\s|\[\d+/\d+\]|[-=_*~]{3,})")
#: columns set apart by a run of spaces inside a line (a table, a folio line)
_COLUMNS = re.compile(r"\S {3,}\S")
#: a folio: a page number alone, or beside the publication's name and issue
_FOLIO = re.compile(
    r"^(?:(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4} {3,}.+|.+ {3,}\d{1,4}(?:/\d{1,4})?)$",
    re.I,
)
_CUT_MARKS = frozenset(("…", "...", "[…]", "[...]", "(more)"))
_TERMINAL = tuple('.!?:;"”’)…')


def wrap_width(raw_lines: list[str]) -> int | None:
    """The width the page's text is wrapped at, or None when it is not wrapped."""
    # (a line laid out in columns, a print view's header or footer, is not wrapped text)
    lengths = sorted(
        len(raw.rstrip()) for raw in raw_lines if raw.strip() and not _COLUMNS.search(raw.strip())
    )
    if len(lengths) < 8:
        return None
    width = lengths[int(0.95 * (len(lengths) - 1))]
    if (
        not MIN_WIDTH <= width <= MAX_WIDTH
        or sum(length > width + 10 for length in lengths) > len(lengths) // 20
    ):
        return None
    full = breaks = 0
    for above, below in zip(raw_lines, raw_lines[1:], strict=False):
        above, below = above.rstrip(), below.strip()
        if below and len(above) >= max(MIN_FULL, width - 15):
            full += 1
            breaks += below[0].islower()
    if breaks < MIN_BREAKS or breaks < MIN_BREAK_SHARE * full:
        return None
    return width


def unwrapped(
    lines: tuple[Line, ...], raw_lines: list[str], source: str, dropped: list[Dropped]
) -> tuple[Line, ...]:
    """`lines` (read from `raw_lines`) with a wrapped page's paragraphs joined again."""
    width = wrap_width(raw_lines)
    if width is None:
        return lines
    furniture, bridged = _page_furniture(raw_lines)
    joined: list[Line] = []
    last_number = 0  # the raw line the last joined line ends on
    for line in lines:
        if line.number in furniture:
            dropped.append(Dropped(source, line.number, line.text, "page-furniture"))
            continue
        if joined and _goes_on(joined[-1], raw_lines, last_number, line, width, bridged):
            above = joined[-1]
            text = (
                above.text[:-1] + line.text
                if above.text[-1:] == "-"
                and above.text[-2:-1].isalpha()
                and line.text[:1].islower()
                else f"{above.text} {line.text}"
            )
            joined[-1] = Line(above.number, text, above.level, above.aside)
        else:
            joined.append(line)
        last_number = line.number
    return tuple(joined)


def _goes_on(
    above: Line, raw_lines: list[str], last: int, line: Line, width: int, bridged: set[int]
) -> bool:
    """`line` carries on the paragraph `above` (whose last raw line is `last`)."""
    if line.number != last + 1 and not (line.number in bridged and line.text[:1].islower()):
        return False
    if above.level or line.level or above.aside or line.aside:
        return False
    raw_above, raw_line = raw_lines[last - 1].rstrip(), raw_lines[line.number - 1].strip()
    if (
        _OWN_BLOCK.match(raw_line)
        or _COLUMNS.search(raw_above.strip())
        or not any(char.isalnum() for char in raw_above)  # (a rule drawn with characters)
    ):
        return False
    if raw_line in _CUT_MARKS:
        return True  # the mark of an excerpt cut off, wrapped onto a line of its own
    if _capitals(raw_above) or _capitals(raw_line):  # (a running head, a label, a kicker)
        return False
    if raw_line[:1].islower() and not raw_above.endswith(_TERMINAL):
        return True  # it breaks off mid-sentence: a paragraph, or a headline set on two lines
    if _indent(raw_lines[line.number - 1]) > _indent(raw_lines[last - 1]):
        return False  # an indented first line opens a paragraph
    if DATELINE.match(raw_line):
        return False  # a wire story's dateline opens its first paragraph
    if chrome_rule(line.text) not in (None, "teaser-end") or chrome_rule(above.text) is not None:
        return False  # (the byline under a headline, the link on under a listing's item)
    next_word = len(raw_line.split(maxsplit=1)[0])
    return len(raw_above) + 1 + next_word > width * (1 - SLACK)


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" "))


def _capitals(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 4 and all(char.isupper() for char in letters)


def _page_furniture(raw_lines: list[str]) -> tuple[set[int], set[int]]:
    """The numbers of the lines at a form feed that are a printed page's folio or its
    running head (a line printed at the edge of two pages or more), and of the first
    line of text after each page break (a paragraph may go on there)."""
    breaks = [number for number, raw in enumerate(raw_lines, start=1) if "\f" in raw]
    if not breaks:
        return set(), set()
    edges = [(n, [*_nearby(raw_lines, n - 1, -1), *_nearby(raw_lines, n, +1)]) for n in breaks]
    # (the first page's head and the last page's foot are printed like the others)
    first_and_last = [_nearby(raw_lines, 1, +1), _nearby(raw_lines, len(raw_lines), -1)]
    every_edge = first_and_last + [lines for _, lines in edges]
    at_edges: dict[str, int] = {}
    for edge in every_edge:
        for text in {canonical_spaces(raw_lines[number - 1]) for number in edge}:
            at_edges[text] = at_edges.get(text, 0) + 1
    furniture: set[int] = set()
    bridged: set[int] = set()
    for edge in every_edge:
        for number in edge:
            raw = raw_lines[number - 1].replace("\f", " ").strip()
            if _FOLIO.match(raw) or at_edges[canonical_spaces(raw)] > 1:
                furniture.add(number)
    for at, _ in edges:
        following = next(
            (
                number
                for number in range(at, len(raw_lines) + 1)
                if number not in furniture and raw_lines[number - 1].strip()
            ),
            None,
        )
        if following is not None:
            bridged.add(following)
    return furniture, bridged


def _nearby(raw_lines: list[str], start: int, step: int) -> list[int]:
    """The numbers of the first two non-blank lines from line `start` on (itself
    included), going `step` lines at a time."""
    found: list[int] = []
    number = start
    while 1 <= number <= len(raw_lines) and len(found) < 2:
        if raw_lines[number - 1].strip():
            found.append(number)
        number += step
    return found
