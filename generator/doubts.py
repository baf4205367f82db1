"""What an editor should look at: a page whose extraction may have gone wrong.

An extraction error is cheapest to fix before a reader meets it. These checks
look at what a reader sees first (the title, the summary, the body's length)
for what no article prints there: markup, a bare date, a form, a notice, a
menu. `ev-digest build` lists the pages they flag, and the report gives the
reasons (`doubts`).
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import Block
from .rules import chrome_rule, looks_like_prose
from .text import normalize

#: a body this short is a teaser, a caption or a page cut off, more likely than a story
THIN_BODY_WORDS = 50
#: chrome a title or a summary may match without being wrong ("Published" in a title…)
_HARMLESS = frozenset(("byline", "image-alt"))


def doubts(
    title: str,
    title_source: str,
    summary: str | None,
    blocks: list[Block],
    from_teaser: bool = False,
    known: Mapping[str, str | None] | None = None,
) -> tuple[str, ...]:
    """Why the page made of these may be wrong, or nothing. `known` holds the chrome rule
    of texts already asked (`Instance.face_rules`)."""
    known = known or {}

    def rule_of(text: str) -> str | None:
        return known[text] if text in known else chrome_rule(text)

    found: list[str] = []
    rule = rule_of(title)
    if rule and rule not in _HARMLESS:
        found.append(f"the title reads like page furniture ({rule})")
    elif rule == "byline" or any(mark in title for mark in ("<", ">", "data:", "http")):
        found.append("the title reads like markup, a link or a date")
    if len(title.split()) <= 2:
        found.append("a title of one or two words")
    if from_teaser:
        found.append("the headline is printed only by a listing's teaser")
    if summary:
        rule = rule_of(summary)
        if rule:
            found.append(f"the summary reads like page furniture ({rule})")
        elif (
            title_source == "headline"
            and len(summary) < 2 * len(title)  # (else no repeat: spare normalizing)
            and normalize(summary) == normalize(title)
        ):
            found.append("the summary repeats the title")
    words = 0
    for block in blocks:
        words += len(block.text.split())
        if words >= THIN_BODY_WORDS:
            break
    else:
        if not any(looks_like_prose(b.text) for b in blocks[1:]):
            found.append(f"a body of {words} words")
    return tuple(found)
