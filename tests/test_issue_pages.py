"""Classes of page from the corpora fresh-y, fresh-o and sites (issue 17): a newsletter
issue whose stories each print their own headline and author under the issue's title and
date, a "Trending" row over the story's own headline, a headline closed by a full stop
over its deck, a wire headline in capitals over "By …" and the story's points, a menu
right over the text of a page without a headline, reporters named with the towns they
filed from, a story's age after "Published", a site's name over a headline in capitals, a
"Key points" box among the paragraphs, and a gallery's counter before its caption.

Each page here is made up for its class; none is a corpus page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.rules import chrome_rule, names_in_place

from .made_pages import FIRST, HEADLINE, SECOND, page_instances

OTHER = "Marrowby Lithium idles its second crusher as spodumene prices slide"
OTHER_FIRST = (
    "Marrowby Lithium will idle the second crushing circuit at its Pell Creek mine from July, "
    "the miner said on Monday, cutting its output forecast for the year by a fifth."
)
OTHER_SECOND = (
    "Shares in the company fell 11% in Sydney after the announcement, their steepest one-day "
    "fall in more than two years, before recovering some of the loss."
)


def _articles(tmp_path: Path, name: str, text: str) -> list:
    """The page's articles as a build reads them (its teasers left out)."""
    return [inst for inst in page_instances(tmp_path, name, text) if not inst.teaser]


def _issue(second_byline: str = "By Tomas Ferreira") -> str:
    return f"""[View in browser](https://cellweek.example/issues/31)

# Cell Week #31: Oskarsby's E20 plan

Issue #31 · Monday, March 3, 2025

Good morning. This week: a truck depot on the E20 and a lithium miner blinks. — Ines

---

## {HEADLINE}

By Ines Albrecht

{FIRST}

{SECOND}

### What it costs

The utility put the depot's cost at about 60 million euros, a third of it from a state fund.

---

## {OTHER}

{second_byline}

{OTHER_FIRST}

{OTHER_SECOND}
"""


def test_a_newsletter_issues_stories_are_each_their_own(tmp_path: Path) -> None:
    """Subheadings with their own "By …" under each are the issue's stories, each under
    its own headline (the issue's title heads none), with its author; the second takes
    the day the issue states."""
    found = _articles(tmp_path, "issue.md", _issue())
    assert [inst.headline for inst in found] == [HEADLINE, OTHER]
    first, second = found
    assert first.blocks[0].text == FIRST and first.authors == ("Ines Albrecht",)
    assert OTHER_FIRST not in [block.text for block in first.blocks]
    assert second.blocks[0].text == OTHER_FIRST
    assert second.authors == ("Tomas Ferreira",)
    assert second.date == "2025-03-03"


def test_a_storys_subheadings_do_not_split_it(tmp_path: Path) -> None:
    """A story's own subheadings, over paragraphs that may open with "By", stay in it; so
    does one subheading over a "By …" line (two or more make a page of stories)."""
    page = f"""# {HEADLINE}

By Ines Albrecht

{FIRST}

## Where the money goes

By the utility's account, a third of the cost comes from a state fund for freight charging.

## What it costs

By Oskarsby Energi's own reckoning, the depot will cost about 60 million euros to build.

{SECOND}
"""
    assert [i.headline for i in _articles(tmp_path, "story.md", page)] == [HEADLINE]
    one = _issue().replace("## " + HEADLINE + "\n\nBy Ines Albrecht\n\n", "")
    found = _articles(tmp_path, "one.md", one)
    assert len(found) == 1 and OTHER_FIRST in [block.text for block in found[0].blocks]


def test_a_trending_row_over_the_storys_headline_leaves_it_the_story(tmp_path: Path) -> None:
    """Headlines one after another under "TRENDING" are a list; the last line of it, with
    its deck, its byline and the text under it, is the story's own headline."""
    page = f"""The Daily Throttle
Football
Motoring
TRENDING
Striker's supercar seized by police after late-night crash
Speed camera that caught 40,000 drivers in a month is switched off
Drivers warned over new parking fine rules coming in July
MOTORING
{HEADLINE}
Utility picks a motorway site for the first of six depots, with 28 megawatt chargers
By Kyle Brandon, Motoring Editor
{FIRST}
{SECOND}
"""
    found = _articles(tmp_path, "tabloid.txt", page)
    assert [inst.headline for inst in found] == [HEADLINE]
    assert found[0].blocks[0].text == FIRST


def test_a_headline_closed_by_a_full_stop_keeps_its_deck_under_it(tmp_path: Path) -> None:
    """A one-sentence headline with a full stop, then a deck that reads like a headline and
    the byline: one story under the sentence, not a menu's article and the deck's."""
    headline = "Oskarsby will get a 40 MW truck charging depot after a two-year campaign."
    page = f"""Marsden Courier
Subscribe
News
Sport
Motors
Jobs
E-edition
Truck charging
{headline}
Utility approves £680,000 scheme, but hauliers fear losing lorry parking on the E20
By Sian Pryce
Wednesday, 10 April 2024, 6:00 am
{FIRST}
{SECOND}
"""
    found = _articles(tmp_path, "courier.txt", page)
    assert [inst.headline for inst in found] == [headline]
    assert found[0].blocks[0].text == FIRST


def test_a_wire_headline_in_capitals_over_its_author_heads_the_story(tmp_path: Path) -> None:
    """A terminal's headline in capitals scores low; standing right over "By …", with the
    story's points under the byline, it is still the headline, and no point is."""
    page = f"""NORDWIRE TERMINAL | NEWS | MONITOR | QUOTES | HELP
Search news <GO>
Story 3 of 47 << Prev Next >> Print Email
OSKARSBY ENERGI TO BUILD 40 MW TRUCK DEPOT ON E20, FIRST OF SIX
By Tomas Kell
(Updates with chief executive's comments)
* Depot to open in 2027 with 28 megawatt chargers
* Battery store halves the grid connection needed
* Five more depots planned along the corridor
{FIRST}
{SECOND}
"""
    found = _articles(tmp_path, "terminal.txt", page)
    assert [inst.headline for inst in found] == [
        "OSKARSBY ENERGI TO BUILD 40 MW TRUCK DEPOT ON E20, FIRST OF SIX"
    ]


def test_the_text_under_a_menu_starts_the_body_of_a_page_without_headline(
    tmp_path: Path,
) -> None:
    page = f"""Westvale Today
Subscribe
Log in
News
Westvale
Sport
Business
Motoring
Jobs
Announcements
{FIRST}
{SECOND}
"""
    found = _articles(tmp_path, "headless.txt", page)
    assert len(found) == 1 and found[0].blocks[0].text == FIRST


def test_reporters_each_named_with_the_town_they_filed_from() -> None:
    line = "Priya Nandakumar in Kalvik and Jonas Ebbe in Brenholm"
    assert names_in_place(line) == ["Priya Nandakumar", "Jonas Ebbe"]
    assert names_in_place("Ana Ruiz and Tom Wu in Madrid") == ["Ana Ruiz", "Tom Wu"]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Published 2 days ago", "byline"),
        ("Updated 1 day ago", "byline"),
        ("sulfide_sam 6 hours ago | parent | next [–]", "forum"),  # (a comment's header)
        # a gallery's counter before its caption
        ("Item 1 of 2 A Talon electric SUV at the company's showroom in Royal Oak", "caption"),
        ("[1/2]A Talon electric SUV at the company's showroom in Royal Oak", "caption"),
        ("Slide 4 of 9: the new cell line at Skarholm", "caption"),
        ("3 of 12 members voted for the plan, the council said on Tuesday.", None),
        # a terminal's stamp: the time to the second, the agency, the story's code
        ("2024-04-11 07:02:14 GMT  NWR  [nNWR4f8K2Q]", "byline"),
    ],
)
def test_the_chrome_of_this_sessions_pages(line: str, rule: str | None) -> None:
    assert chrome_rule(line) == rule


def test_a_sites_name_over_a_headline_in_capitals_is_not_the_headline(tmp_path: Path) -> None:
    """The site's name shares no word with the story; the headline in capitals under it,
    which the scorer finds only plausible, is the one the body explains."""
    page = f"""Harlow Valley Courier e-Edition
Wednesday, March 12, 2025
Sections
Archive
Zoom in
Zoom out
Text view
A1
FRONT PAGE
$3.2 BILLION BET ON THE E20
Oskarsby Energi picks motorway site; 28 megawatt chargers promised
By Ines Albrecht
Courier Staff Writer
{FIRST}
{SECOND}
Continued on A6
"""
    found = _articles(tmp_path, "eedition.txt", page)
    assert [inst.headline for inst in found] == ["$3.2 BILLION BET ON THE E20"]


def test_a_key_points_box_among_the_paragraphs_is_the_storys(tmp_path: Path) -> None:
    """A box that sums the story up ("Key points" and its points) is kept as the story's
    list, in a saved page's <aside> inside the article and in a text dump alike; its
    points read like headlines, and are no links to other stories."""
    points = [
        "A 40 MW depot for electric trucks beside the E20, the first of six",
        "Charging sold to hauliers at fixed overnight rates",
        "Hauliers have already booked the first depot for 2027",
    ]
    html = f"""<html><body><article><h1>{HEADLINE}</h1><p>By Ines Albrecht</p>
<p>{FIRST}</p>
<aside class="key-points"><h2>Key points</h2><ul>{"".join(f"<li>{p}</li>" for p in points)}</ul></aside>
<h2>What it costs</h2><p>{SECOND}</p></article></body></html>"""
    text = "\n".join([HEADLINE, "By Ines Albrecht", FIRST, "Key points", *points, SECOND])
    for name, page in (("box.html", html), ("box.txt", text)):
        (found,) = _articles(tmp_path, name, page)
        items = [block.text for block in found.blocks if block.kind.name == "ITEM"]
        assert items == points, name
        assert "Key points" in [block.text for block in found.blocks], name
