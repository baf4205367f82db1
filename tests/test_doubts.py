"""Pages an editor should look at: what a reader would see first gives the extraction away."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.clean import clean, summary_of
from generator.doubts import doubts
from generator.model import Block, BlockKind, Line, RawArticle
from generator.rules import chrome_rule

from .conftest import ROOT, run_cli

STORY = [
    Block(BlockKind.PARAGRAPH, p)
    for p in (
        "Panasonic Energy will build a third battery cell plant in De Soto, Kansas, the "
        "company said on Friday, adding 30 gigawatt hours of annual capacity by 2027.",
        "The plant will supply cells to automakers in North America, where demand has grown "
        "faster than the company expected when it broke ground on its second site.",
    )
]
HEADLINE = "Panasonic to build a third battery plant in Kansas"


def test_a_good_page_raises_no_doubt() -> None:
    assert doubts(HEADLINE, "headline", STORY[0].text, STORY) == ()


@pytest.mark.parametrize(
    ("title", "summary", "reason"),
    [
        ('<image>data:image/svg+xml,%3Csvg" alt="BYD Blade"</image>', None, "markup"),
        ("date 2022-12-02 ContributorsPublishersAdvertisers", None, "markup, a link or a date"),
        ("Down Arrow Button Icon", None, "page furniture (icon-label)"),
        (HEADLINE, "You have 2000 characters left.", "summary reads like page furniture"),
        (HEADLINE, "We use cookies to improve your experience on our site.", "cookie-notice"),
        ("Login", None, "one or two words"),
        (HEADLINE, HEADLINE, "repeats the title"),
    ],
)
def test_what_no_article_prints_there_is_flagged(
    title: str, summary: str | None, reason: str
) -> None:
    found = doubts(title, "headline", summary or STORY[0].text, STORY)
    assert any(reason in why for why in found), found


def test_a_thin_body_and_a_headline_only_a_teaser_printed_are_flagged() -> None:
    found = doubts(HEADLINE, "headline", None, STORY[:1], from_teaser=True)
    assert f"a body of {len(STORY[0].text.split())} words" in found
    assert "the headline is printed only by a listing's teaser" in found


def test_the_build_lists_the_pages_to_check(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "story.txt").write_text(
        "\n".join([HEADLINE, *(b.text for b in STORY), STORY[0].text.replace("Friday", "Monday")]),
        encoding="utf-8",
    )
    (seeds / "stub.txt").write_text(
        "Rivian said on Tuesday it would add a third shift at its Normal plant next spring, "
        "hiring about 1,100 workers for the line that builds its R1 pickups and SUVs.\n",
        encoding="utf-8",
    )
    done = run_cli(
        "build", "--seeds", str(seeds), "--topics", str(ROOT / "topics"),
        "--docs", str(tmp_path / "docs"), "--report", str(tmp_path / "report.json"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "pages to check: 1" in done.stdout
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["pages_to_check"] == 1
    (flagged,) = report["doubts"]
    assert flagged["reasons"] == ["a body of 30 words"]
    assert flagged["title"].startswith("Rivian said on Tuesday")


def test_the_rules_a_worker_asked_are_the_rules_doubts_would_ask() -> None:
    lines = ["Subscribe to our newsletter", *(b.text for b in STORY)]
    raw = RawArticle(
        source="p.txt",
        position=0,
        section=None,
        headline=HEADLINE,
        start_line=1,
        lines=tuple(Line(n, text) for n, text in enumerate(lines, start=2)),
    )
    instance, _ = clean(raw)
    assert instance.face_rules == (chrome_rule(HEADLINE), chrome_rule(summary_of(instance)))
    known = dict(zip((HEADLINE, summary_of(instance)), ("icon-label", None), strict=True))
    # what the worker found is taken as found: the merge does not ask again
    assert doubts(HEADLINE, "headline", summary_of(instance), STORY, known=known) == (
        "the title reads like page furniture (icon-label)",
    )
