"""Classes of page from the blind corpora of issue 17 written after fresh-l: a byline that
names a newsroom, not a person ("By Show Daily staff"), and a hub page (a press kit, a
topic page) whose one-paragraph intro stands over the articles it collects; a report's
"Authors : A, B"; a social post's age printed alone ("1d").

Each page here is made up for its class; none is a corpus page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.dates import relative_date
from generator.rules import byline_name, chrome_rule

from .made_pages import page_instances

PARAGRAPHS = (
    "Oskarsby Energi will build a 40 MW charging depot for electric trucks beside the E20 "
    "motorway, the utility said on Thursday, the first of six it plans along the corridor.",
    "The depot, due to open in 2027, will have 28 megawatt chargers and a battery store that "
    "lets it run on a grid connection half the size such a site would normally need.",
    "Hauliers on the corridor have asked for reserved slots and monthly invoices, and the "
    "utility said it would offer both from the first day the depot opens.",
)


@pytest.mark.parametrize(
    "line",
    [
        "By Show Daily staff",
        "By Ohm Wire staff writers",
        "BY VOLT QUARTERLY DESK",
        "By Voltline team",
    ],
)
def test_a_byline_that_names_a_newsroom_is_a_byline_without_a_person(line: str) -> None:
    assert chrome_rule(line) == "byline"
    assert byline_name("", line) == []


def test_articles_under_a_newsroom_byline_are_found_one_by_one(tmp_path: Path) -> None:
    first, second, third = PARAGRAPHS
    page = (
        "HALL 4 · STAND 4-210\n\nOskarsby Energi to build 40 MW truck depot on the E20\n\n"
        f"By Show Daily staff\n\n{first}\n\n{second}\n\n"
        "HALL 2 · STAND 2-118\n\nHaulers ask for reserved charging slots, not faster chargers\n\n"
        f"By Show Daily staff\n\n{third}\n\n{second}\n"
    )
    found = page_instances(tmp_path, "daily.txt", page)
    assert [i.headline for i in found] == [
        "Oskarsby Energi to build 40 MW truck depot on the E20",
        "Haulers ask for reserved charging slots, not faster chargers",
    ]
    assert all(i.blocks[0].text in PARAGRAPHS and not i.authors for i in found)


HUB = """<html><head><title>Press Kit: E20 depots | Oskarsby Energi Newsroom</title></head><body>
<p>Newsroom / Press Kits / E20 depots</p>
<p>Press Kit: E20 depots</p>
<p>All releases, fact sheets and approved images about the truck charging depots that
Oskarsby Energi is building along the E20 motorway between Gavle and Sundsvall, for editors.</p>
<article><p>Projects</p><time datetime="2026-03-13">March 13, 2026</time>
<h1>Oskarsby Energi to build 40 MW truck charging depot on the E20</h1>
<p>{0}</p><p>{1}</p></article>
<article><p>Customers</p><time datetime="2026-03-10">March 10, 2026</time>
<h1>Hauliers will book charging slots at the E20 depots a month ahead</h1>
<p>{2}</p><p>{1}</p></article>
</body></html>
"""


def test_a_hub_pages_intro_over_its_articles_is_no_article(tmp_path: Path) -> None:
    found = page_instances(tmp_path, "kit.html", HUB.format(*PARAGRAPHS))
    assert [i.headline for i in found] == [
        "Oskarsby Energi to build 40 MW truck charging depot on the E20",
        "Hauliers will book charging slots at the E20 depots a month ahead",
    ]


def test_a_one_paragraph_lead_with_a_byline_over_more_articles_stays_an_article(
    tmp_path: Path,
) -> None:
    page = HUB.format(*PARAGRAPHS).replace(
        "<p>Press Kit: E20 depots</p>", "<p>Press Kit: E20 depots</p><p>By Linnea Holm</p>"
    )
    found = page_instances(tmp_path, "story.html", page)
    assert len(found) == 3 and found[0].authors == ("Linnea Holm",)


def test_a_lead_cut_after_its_first_paragraph_stays_an_article(tmp_path: Path) -> None:
    first, second, third = PARAGRAPHS
    page = (
        "News\n\nOskarsby Energi to build 40 MW truck depot on the E20\n\nPublished\n\non\n\n"
        f"{first[:150]}\n\n"
        "News\n\nHauliers ask for reserved charging slots at the new depots\n\nPublished\n\non\n\n"
        f"By\n\n{second}\n\n{third}\n\n"
        "Policy\n\nA battery store halves the depot's grid connection\n\nPublished\n\non\n\n"
        f"By\n\n{third}\n\n{second}\n"
    )
    found = page_instances(tmp_path, "story.txt", page)
    assert [i.headline for i in found][0] == "Oskarsby Energi to build 40 MW truck depot on the E20"
    assert len(found) == 3


@pytest.mark.parametrize(
    ("age", "captured", "day"),
    [
        ("1d", "2026-03-14 08:12", "2026-03-13"),
        ("2w", "2026-03-14", "2026-02-28"),
        ("3h", "2026-03-14 08:12", "2026-03-14"),
        ("9h", "2026-03-14 08:12", None),  # (back into the day before, or not: unknown)
        ("1d", None, None),  # (no capture day: no date)
        ("12", "2026-03-14", None),  # (a count of replies)
        ("5m", "2026-03-14 08:12", None),  # (minutes, or months)
    ],
)
def test_a_posts_age_dates_it_only_from_the_day_the_page_was_saved(
    age: str, captured: str | None, day: str | None
) -> None:
    assert relative_date(age, captured) == day


def test_a_reports_list_of_authors_names_each_of_them() -> None:
    line = "Authors : Amara Quist, Tomas Vell"
    assert chrome_rule(line) == "byline"
    assert byline_name("", line) == ["Amara Quist", "Tomas Vell"]
    assert byline_name("", "Author : Jane Doe, Senior Writer") == ["Jane Doe"]


def test_a_scrape_that_starts_inside_a_story_keeps_its_one_paragraph(tmp_path: Path) -> None:
    first, second, third = PARAGRAPHS
    page = (
        f"{first}\n"
        f"News\nHauliers ask for reserved charging slots at the new depots\n{second}\n{third}\n"
        f"Policy\nA battery store halves the depot's grid connection\n{third}\n{second}\n"
    )
    found = page_instances(tmp_path, "story.txt", page)
    assert len(found) == 3 and found[0].blocks[0].text == first
