"""Classes of page from the blind corpus fresh-u (issue 17): the chrome of mainstream sites
around an article. A broadcaster's picture credit over its caption in the middle of the
text, a caption with its credit run on ("… by the company. Orrin Motors"), an author's name
over the role and the date of the byline block, a tabloid's shout in capitals over the
headline, "By … For The Daily Blaze", a desk and its beat between bars, a role with its
outlet ("Transport correspondent, WBC News"), a role that is no name, a title before a
name, a newsletter's tagline, a local paper's motto, a partner's credit and its
classifieds, a story's last paragraph cut short over "Continue reading at …", and a slashed
date that the page's worded dates read day first.

Each page here is made up for its class; none is a corpus page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.dates import writes_day_first
from generator.rules import (
    byline_name,
    chrome_rule,
    chrome_rules,
    head_author_names,
    looks_like_person_name,
    unique_authors,
)

from .made_pages import FIRST, HEADLINE, SECOND, page_instances

THIRD = (
    "Hauliers have long said they would buy electric trucks only once they could charge them "
    "on the road, and the utility says the first depot is already fully booked for 2027."
)


def test_a_pictures_agency_over_its_caption_in_the_text_is_chrome(tmp_path: Path) -> None:
    caption = (
        "A battery-electric truck plugged in at a depot near the docks, one of the first sites"
    )
    page = (
        f"News\n{HEADLINE}\n14 hours ago\n{FIRST}\n{SECOND}\nPhoton Images\n{caption}\n"
        f"'Chicken and egg'\n{THIRD}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert article.headline == HEADLINE
    assert caption not in [block.text for block in article.blocks]
    assert [block.text for block in article.blocks][-1] == THIRD


def test_a_paragraph_under_a_bare_credit_stays_text() -> None:
    """Only a line that ends as no paragraph does is the caption under its credit."""
    rules = chrome_rules([FIRST, "Getty Images", SECOND, THIRD])
    assert rules == [None, "caption", None, None]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        (
            "The depot's first chargers outside Gavle, in a photo released by the utility. "
            "Oskarsby Energi",
            "caption",
        ),
        # (a wrapped line of a paragraph, the next sentence's first word under it)
        ("battery plant is expected to employ 2,400 people at full output. The", None),
        ("'WE COULD HAVE ALL DIED'", "kicker"),
        ("“NOT SAFE”", "kicker"),
        ("'We could have all died'", None),
        ("Energy | Batteries & Storage", "navigation"),
        ("Dana Whitcombe | RoadVerdict", None),
        ("May 8, 2024 | 9:00 ET", "byline"),
        ("By Kerry Ashdown For The Daily Blaze", "byline"),
        ("Transport correspondent, WBC News", "author-bio"),
        ("Listen to this article 4 min", "audio-player"),
        (
            "Do you want to automatically post your Daily Blaze comments to your Facebook "
            "Timeline?",
            "comment-notice",
        ),
        ("MOST READ NEWS", "related-block"),
        ("Back to top", "navigation"),
        (
            "The news that moves the power sector, delivered every weekday at 6 a.m. ET.",
            "newsletter",
        ),
        ("The trucks, delivered every day by rail, arrive late.", None),
        ("Your work email", "newsletter"),
        ("Serving Calder Falls and Harlan County since 1887", "site-motto"),
        ("From our news partners at KRT9", "syndication"),
        ("Place an ad", "ad"),
        ("YARD SALE Sat 8-2, 114 Mill St. Tools, kids' bikes, chest freezer.", "ad"),
        ("HELP WANTED: Part-time bookkeeper. Apply in person.", "ad"),
    ],
)
def test_the_chrome_of_mainstream_sites(line: str, rule: str | None) -> None:
    assert chrome_rule(line) == rule


def test_a_reporter_writing_for_an_outlet_is_named_without_it() -> None:
    assert byline_name("", "By Kerry Ashdown For The Daily Blaze") == ["Kerry Ashdown"]
    assert byline_name("", "By Jane Doe for Reuters") == ["Jane Doe"]


@pytest.mark.parametrize(
    "line", ["Senior Writer", "Data Journalist", "Chief Executive", "Legal Notices", "Contact Us"]
)
def test_a_role_or_a_menu_item_is_no_persons_name(line: str) -> None:
    assert not looks_like_person_name(line)
    assert head_author_names(f"Jane Doe, {line}") == ["Jane Doe"]


def test_an_authors_title_is_left_out_of_the_name() -> None:
    assert unique_authors(["Dr Aoife Brennan", "Rhys Cadwaladr", "Mr Smith"]) == [
        "Aoife Brennan",
        "Rhys Cadwaladr",
        "Mr Smith",
    ]


def test_an_authors_name_over_the_byline_block_labels_no_caption(tmp_path: Path) -> None:
    """ "Name / role / date / buttons / caption / text": the name is the byline's, not a
    section label over a second article headed by the caption."""
    deck = "The utility says the depot will open in 2027. The fine print suggests a target."
    caption = (
        "The depot's first chargers outside Gavle, in a photo released by the utility. "
        "Oskarsby Energi"
    )
    page = (
        f"Energy\n{HEADLINE}\n{deck}\nLinnea Holm\nSenior Energy Reporter\n"
        f"Feb. 4, 2025 9:00 a.m. PT\n3 min read\nShare\n{caption}\n{FIRST}\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert article.headline == HEADLINE and article.authors == ("Linnea Holm",)
    assert [block.text for block in article.blocks] == [FIRST, SECOND]


def test_a_tabloids_shout_over_the_headline_does_not_head_the_story(tmp_path: Path) -> None:
    points = [
        "Mother-of-three was woken at 3am by bangs and saw the truck ablaze outside her window",
        "The installer charged £299 for a wallbox that retails at £749 and fitted no earth rod",
    ]
    page = (
        "EXCLUSIVE\n'WE COULD HAVE ALL DIED'\n"
        f"{HEADLINE} just HOURS after 'cowboy' installer fitted a cut-price charger\n"
        + "\n".join(points)
        + "\nBy Kerry Ashdown For The Daily Blaze\n"
        "Published: 14:32 GMT, 10 November 2024\nShare\n"
        f"{FIRST}\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert article.headline.startswith(HEADLINE)
    assert article.authors == ("Kerry Ashdown",)
    assert [block.text for block in article.blocks][:2] == [FIRST, SECOND]


def test_a_deck_and_a_caption_without_its_credit_over_the_byline_are_not_the_body(
    tmp_path: Path,
) -> None:
    deck = "The utility chose the site over three others, betting on cheap hydropower."
    caption = "A worker inspects cables at the utility's pilot depot. It will be its largest."
    page = (
        f"Business\n{HEADLINE}\n{deck}\nGift this article\nListen to this article 6 min\n"
        f"Share\n{caption}\nBy Linnea Holm and Per Strand\nBusiness desk\n"
        f"Published March 11, 2025 at 6:00 a.m. ET\n{FIRST}\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert article.headline == HEADLINE
    assert [block.text for block in article.blocks] == [FIRST, SECOND]


def test_a_posts_lines_under_its_byline_stay_its_text(tmp_path: Path) -> None:
    """Two short paragraphs over the next post's byline are a post's text, not a deck and a
    caption over the byline."""
    one = "Got the letter today. The utility is closing the depot for a week of repairs."
    two = "The short version: a fitting on the cable cooler was made from a bad batch of resin."
    page = (
        f"Log in\nKai Brennan\n@kbrennan@evsocial.example\n{one}\n{two}\n2d\n↩ 9 ↻ 14 ★ 52\n"
        f"Kai Brennan\n@kbrennan@evsocial.example\n{FIRST}\n2d\n"
    )
    (article, *_) = page_instances(tmp_path, "thread.txt", page)
    assert [block.text for block in article.blocks][:2] == [one, two]


def test_a_partners_story_cut_short_over_its_link_makes_no_teaser(
    tmp_path: Path,
) -> None:
    cut = (
        "Residents within a mile of the depot were told to stay indoors, close their windows "
        "and turn off the air conditioning and venti"
    )
    short = "No one was hurt. A spokesperson said all 46 workers were accounted for."
    page = (
        f"Local News\n{HEADLINE}\nBy Linnea Holm\n{FIRST}\n{SECOND}\n"
        f"From our news partners at KRT9\nFire at the depot forces a shelter-in-place order\n"
        f"By Per Strand, KRT9 News\n{THIRD}\n{short}\n{cut}\nContinue reading at KRT9.com\n"
    )
    articles = page_instances(tmp_path, "paper.txt", page)
    assert [a.teaser for a in articles] == [False, False]
    assert short in [block.text for block in articles[1].blocks]


def test_a_slashed_date_near_a_day_the_page_names_reads_that_way() -> None:
    """ "06/11/2024" over "Nov 5 (Meridian)": the 6th of November, not the 11th of June."""
    assert writes_day_first(["Meridian News06/11/2024 10:12", "LONDON, Nov 5 (Meridian) - …"])
    assert not writes_day_first(["Posted 06/11/2024", "On June 10 the company said"])
    assert not writes_day_first(["Posted 06/11/2024"])


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Key takeaways are produced with the help of AI and checked by our editors.", "notice"),
        ("The report was generated with AI tools, the company said.", None),
        ("This is a developing story and will be updated.", "editor-note"),
        ("Check back for updates.", "editor-note"),
        ("This is a developing market, analysts said.", None),
    ],
)
def test_notes_on_how_the_story_was_made_are_chrome(line: str, rule: str | None) -> None:
    assert chrome_rule(line) == rule


def test_a_summarys_points_and_their_note_under_the_byline_are_not_the_body(
    tmp_path: Path,
) -> None:
    page = (
        f"Companies\n{HEADLINE}\nLinnea Holm, Energy Editor\nUpdated 5 Nov 2024 – 6:05pm\n"
        "Save\nKey takeaways\nThe utility will build a 40 MW depot beside the E20\n"
        "It is the first of six depots along the corridor\nThe depot is due to open in 2027\n"
        "Key takeaways are produced with the help of AI and checked by our editors.\n"
        f"{FIRST}\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert [block.text for block in article.blocks] == [FIRST, SECOND]


def test_what_a_video_shows_under_its_length_is_not_the_body(tmp_path: Path) -> None:
    page = (
        f"Local News\n{HEADLINE}\nPublished 11:08 AM EDT, Tue September 17, 2024\nShare\n"
        "Play\nVideo\n01:58\nAerial footage from SkyCam 9 shows the depot's site on Tuesday.\n"
        f"{FIRST}\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert [block.text for block in article.blocks] == [FIRST, SECOND]


def test_an_interviews_questions_under_the_interviewers_name_are_its_text(
    tmp_path: Path,
) -> None:
    turns = [
        "VoltByte: Everyone in charging talks about how many stalls they have. Why do you "
        "talk about uptime instead?",
        "Linnea Holm: Because the driver does not experience stalls. They experience a "
        "charger that works or one that does not.",
        "VoltByte: What should drivers expect from the utility's depots in 2025 and 2026?",
        "Linnea Holm: More of them, and every one of them working when a truck arrives.",
    ]
    page = f"Interviews\n{HEADLINE}\nBy Per Strand\n{FIRST}\n" + "\n".join(turns) + "\n"
    (article,) = page_instances(tmp_path, "interview.txt", page)
    assert [block.text for block in article.blocks] == [FIRST, *turns]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("You have 2 free articles remaining this month.", "paywall"),
        ("You have 2 children at home.", None),
        ("14 Comments / 14 New", "comments"),
        (
            'This article appears in the print edition under the headline "Charge of the Day".',
            "syndication",
        ),
        ("Have a response to this column? Write a letter to the editor.", "contact-line"),
        ("Harborline Business | Markets, Trade & Logistics News", "site-motto"),
        ("By Priya Venkataraman, a senior reporter covering electric vehicles.", "byline"),
        ("Words and photographs by Anneli Voss", "byline"),
        ("WBC News · Harriet Olowe", "byline"),
    ],
)
def test_more_chrome_of_mainstream_sites(line: str, rule: str | None) -> None:
    assert chrome_rule(line) == rule


@pytest.mark.parametrize(
    ("line", "names"),
    [
        (
            "By Priya Venkataraman, a senior reporter covering electric vehicles.",
            ["Priya Venkataraman"],
        ),
        ("Words and photographs by Anneli Voss", ["Anneli Voss"]),
        ("WBC News · Harriet Olowe", ["Harriet Olowe"]),
    ],
)
def test_a_byline_with_who_the_writer_is_names_the_writer(line: str, names: list[str]) -> None:
    assert byline_name("", line) == names


def test_a_headline_printed_with_its_sites_name_is_the_headline_without_it(
    tmp_path: Path,
) -> None:
    page = f"{HEADLINE} | EV Pulse\n\nHome › News › Charging\n\n{FIRST}\n\n{SECOND}\n"
    (article,) = page_instances(tmp_path, "copy.txt", page)
    assert article.headline == HEADLINE
    assert [block.text for block in article.blocks] == [FIRST, SECOND]


def test_a_site_named_on_the_page_comes_off_the_headline_after_a_dash(tmp_path: Path) -> None:
    page = f"Lumo Digital\nBusiness\n{HEADLINE} - Lumo Digital\nBy Per Strand\n{FIRST}\n{SECOND}\n"
    (article,) = page_instances(tmp_path, "copy.txt", page)
    assert article.headline == HEADLINE


def test_a_pages_title_that_is_the_sites_motto_heads_no_headless_story(tmp_path: Path) -> None:
    page = (
        "Title: Harborline Business | Markets, Trade & Logistics News\n\n"
        "URL Source: https://harborline.example/news/autos/2025/03/11/depot\n\n"
        "Markdown Content:\nAdvertisement\n\nBy Per Strand\n\n"
        f"{FIRST}\n\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "reader.md", page)
    assert article.headline != "Harborline Business | Markets, Trade & Logistics News"
    assert [block.text for block in article.blocks][:2] == [FIRST, SECOND]


def test_a_lines_rule_is_worked_out_once_per_text() -> None:
    """Pages repeat their chrome, and segmentation and cleaning both ask for a line's rule:
    `chrome_rule` keeps its answers (a helper put between it and its cache once made reading
    a page three times slower)."""
    chrome_rule.cache_clear()
    chrome_rule("Share this article")
    chrome_rule("Share this article")
    assert chrome_rule.cache_info().hits == 1


def test_a_summarys_points_marked_as_items_over_the_text_are_not_the_body(
    tmp_path: Path,
) -> None:
    page = (
        f"# {HEADLINE}\n\nFebruary 12, 2025\n\nWritten by Lena Hartung\n\n"
        "Trucks being charged at the utility's pilot depot outside Gavle. Credit: Oskarsby "
        "Energi\n\n### Key findings\n\n"
        "*   The depot will charge 28 trucks at once from a grid connection half the size.\n"
        "*   A battery store covers the peaks that the grid connection cannot carry.\n"
        "*   The first of the six depots is due to open in the spring of 2027.\n"
        f"\n{FIRST}\n\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "research.md", page)
    assert [block.text for block in article.blocks] == [FIRST, SECOND]
