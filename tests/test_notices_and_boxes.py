"""Classes of line from the blind corpora fresh-k and fresh-l (issue 17): a publisher's
disclaimers, sign-up boxes and their consent lines, paywalls that name the subscription,
automatic transcripts' notices, how to cite a report, login prompts, "[photo]" captions,
icons with counts, boxes drawn with box-drawing characters; and a print edition's
contents page, a listing of the stories inside; a byline with the writer's handle and the
time before the day; a press release's "About <company>" saying what the company does; a
dealer's stock cards in a blog post, and the post's "Posted by … in …".

Each line here is made up for its class; none is a corpus line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.rules import byline_name, chrome_rule

from .made_pages import FIRST as STORY
from .made_pages import SECOND as MORE
from .made_pages import page_instances


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("By signing up, you agree to the Privacy Policy and to receive offers.", "legal"),
        (
            "Fleetwise Data accepts no liability for any loss arising from reliance on its prices.",
            "legal",
        ),
        (
            "The exchange does not accept any responsibility for the accuracy of announcements.",
            "legal",
        ),
        ("Index values are provided for information only.", "legal"),
        ("Specifications and prices are subject to change without notice.", "legal"),
        ("Images are for illustration purposes only.", "legal"),
        ("This text is published under the Creative Commons Attribution licence 4.0.", "legal"),
        ("Subscribe for the week's charging news in five minutes", "newsletter"),
        ("Every Friday you'll get the five stories that moved the grid.", "newsletter"),
        ("Continue reading with Gridline Pro", "paywall"),
        ("This article is only available to Voltage Club members.", "paywall"),
        ("Forward-looking statement: This release contains projections.", "notice"),
        ("This transcript was produced by speech recognition software.", "transcript-note"),
        ("Machine-generated transcript, lightly edited.", "transcript-note"),
        ("How to cite", "citation"),
        ("Berg, L. & Ode, K. (2025). Charging the Fjords. Nordic Mobility Institute.", "citation"),
        ("Log in to follow this author and bookmark her stories.", "login-prompt"),
        ("[Image] The depot's first megawatt charger during testing", "caption"),
        ("💬 12 🔁 40 ❤ 310", "social-count"),
        (
            "Gridcast is independent and listener-funded. Support the show at gridcast.example.",
            "newsletter",
        ),
        ("Become a supporter for early episodes and the monthly Q&A.", "newsletter"),
        (
            "Nickel USD 19,040/t ▼ 0.6% | Manganese USD 2,310/t ▲ 0.2% | Lithium CNY 80/kg ▬ 0.0%",
            "market-data",
        ),
        ("Cover photo: Arvid Lund", "illustration-credit"),
        ("Depot Weekly is published by Gridline Media AB. ISSN 2001-0000.", "copyright"),
        ("View original: https://depot.example/2026/e20-depot", "syndication"),
        ("Read more at Gridline: https://gridline.example/2026/04/e20-depot/", "continue-reading"),
        ("Internet Price $41,450", "price-box"),
        ("Stock #T26110 | Arctic Grey | 12 miles", "price-box"),
        ("View Details", "navigation"),
        ("Browse all 14 electric vans in stock", "navigation"),
        ("Posted by Linnea Holm in Fleet News", "byline"),
    ],
)
def test_the_line_is_chrome_of_its_class(line: str, rule: str) -> None:
    assert chrome_rule(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        # article text that names the same things
        "The company accepts no liability for the fire, its lawyer told the court on Monday.",
        "Every weekday, about 1,400 trucks pass the junction where the depot will stand.",
        "Subscribers to the utility's green tariff will pay 4% more from January, it said.",
        "The regulator said the prices were subject to change once the tender closed in May.",
        "Log in figures from the first month show drivers used the chargers at night.",
        "Illustration by the utility shows the depot's two charging halls beside the motorway.",
        "Prices rose 1.2% ▲ in March, the statistics office said.",
        "The price was $41,450 before the federal credit, the dealer said.",
    ],
)
def test_article_text_that_names_them_stays_text(line: str) -> None:
    assert chrome_rule(line) is None


def test_a_sign_up_box_drawn_with_box_characters_leaves_the_article(tmp_path: Path) -> None:
    box = (
        "┌──────────────────────────────────────────┐\n"
        "│ THE DEPOT BRIEFING, IN YOUR INBOX         │\n"
        "│ Email: [________________]  [Subscribe]    │\n"
        "└──────────────────────────────────────────┘\n"
    )
    page = (
        "Oskarsby Energi to build 40 MW truck charging depot on the E20\n\nBy Linnea Holm\n\n"
        f"{STORY}\n\n{box}\n{MORE}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert [block.text for block in article.blocks] == [STORY, MORE]


CONTENTS = """VOLT QUARTERLY
SPRING 2026 · ISSUE 12
Contents
FEATURES
14
The depot at the end of the E20
Why a utility is building truck chargers where the motorway meets the forest.
22
Sodium cells go to sea
A ferry line swaps its hybrid packs for a chemistry that does not burn.
30
Charging the fjords
Eleven ports, one grid connection each, and the queue of ships between them.
REVIEWS
38
Four home chargers that talk back to the grid
From the cheapest box to the one that pays you.
Subscriptions: volt.example/subscribe
"""


def test_a_print_contents_page_is_teasers_of_the_stories_inside(tmp_path: Path) -> None:
    found = page_instances(tmp_path, "contents.txt", CONTENTS)
    teasers = {i.headline: [b.text for b in i.blocks] for i in found if i.teaser}
    assert teasers["The depot at the end of the E20"] == [
        "Why a utility is building truck chargers where the motorway meets the forest."
    ]
    assert len(teasers) == 4
    assert not [i.headline for i in found if not i.teaser and i.headline]


def test_a_byline_with_a_handle_and_the_time_first_names_the_writer_and_dates_the_story(
    tmp_path: Path,
) -> None:
    byline = "Linnea Holm @lholm / 9:05 AM CET • April 2, 2026"
    assert chrome_rule(byline) == "byline"
    assert byline_name("", byline) == ["Linnea Holm"]
    page = f"Oskarsby Energi to build 40 MW truck charging depot on the E20\n\n{byline}\n\n{STORY}\n\n{MORE}\n"
    (article,) = page_instances(tmp_path, "story.md", page)
    assert article.date == "2026-04-02" and article.authors == ("Linnea Holm",)


def test_a_releases_about_the_company_that_says_what_it_does_is_boilerplate(
    tmp_path: Path,
) -> None:
    about = (
        "Oskarsby Energi builds and operates charging depots for heavy trucks in Sweden and "
        "Norway and supplies power to 40 industrial customers."
    )
    page = (
        "Oskarsby Energi to build 40 MW truck charging depot on the E20\n\n"
        f"{STORY}\n\n{MORE}\n\nAbout Oskarsby Energi\n\n{about}\n"
    )
    (release,) = page_instances(tmp_path, "release.txt", page)
    assert [block.text for block in release.blocks] == [STORY, MORE]
    # the same words in the story itself are text
    (story,) = page_instances(tmp_path, "story.txt", page.replace("About Oskarsby Energi\n\n", ""))
    assert [block.text for block in story.blocks] == [STORY, MORE, about]
