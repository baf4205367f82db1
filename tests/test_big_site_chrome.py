"""Classes of page from the blind corpora fresh-m and fresh-o (issue 17): the chrome of big,
busy sites around an article. A ticker's prices, a breadcrumb of several words glued to the headline
(and the headline printed again over its byline), an audio player's labels and plug, a
headline that ends with a full stop over its deck, a consent wall printed as a heading, a
byline with "Posted: 2 hours ago", a menu item that reads like a list's title ("Top
Stories"), a news aggregator's list of items (outlet, headline, age and author), a live
blog's entries under their times, a site's tagline over the headline, a video player's
buttons, a photographer's credit, a wire's lines for contacting its reporters, and a
headline over its deck over the byline over a video's title; a menu item with an apostrophe
("What's On") that is no name, a clipper's author that is the site, a carousel's arrows and a
caption over its place in a gallery ("1 of 24"); a menu of fifty sections over the headline, a
video's title and length over the article, a breadcrumb glued to the headline the page
prints again below, a government site's banner, and a translated page's chrome in its own
language ("Erstellt:", "Lesezeit: 3 Min.", "Artikel teilen", "Foto:"), and a print edition's
pages, index and jump lines ("Continued on A6", "PLANT from A1"), a long caption with no
full stop over its credit, and a summary's points ("Key points") under the headline.

Each page here is made up for its class; none is a corpus page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import process_file
from generator.head import _above_its_summary, make_zone
from generator.model import Document, Line, PageMeta
from generator.rules import (
    byline_name,
    chrome_rule,
    chrome_rules,
    looks_like_person_name,
    split_breadcrumb,
)
from generator.segment import segment

from .made_pages import FIRST, HEADLINE, SECOND, page_instances


@pytest.mark.parametrize("line", ["$14.86", "38,914.07", "1.0927", "22.41"])
def test_a_price_or_an_index_level_alone_is_market_data(line: str) -> None:
    assert chrome_rule(line) == "market-data"


@pytest.mark.parametrize("line", ["1.2K", "214", "3.5"])
def test_a_count_is_no_price(line: str) -> None:
    assert chrome_rule(line) != "market-data"


def test_a_ticker_over_the_page_is_no_byline_under_the_companys_name(tmp_path: Path) -> None:
    page = (
        "Oskarsby Energi AB | STO: OSKE\n$14.86\n+1.23 (+9.02%)\nPricing delayed by 20 minutes\n"
        f"Investors\nNews\nPress Release\n{HEADLINE}\nLargest order in the company's history\n"
        f"March 19, 2024 8:00am CET\n{FIRST}\n{SECOND}\n"
    )
    (release,) = page_instances(tmp_path, "release.txt", page)
    assert release.headline == HEADLINE


@pytest.mark.parametrize(
    ("line", "crumb", "headline"),
    [
        (f"HomeMotoringElectric cars{HEADLINE}", "HomeMotoringElectric cars", HEADLINE),
        (
            "HomeNewsTesla cuts prices in China again",
            "HomeNews",
            "Tesla cuts prices in China again",
        ),
        (
            "HomeNewsFord BlueOval City plant delayed to 2026",
            "HomeNews",
            "Ford BlueOval City plant delayed to 2026",
        ),
        (
            "HomeNewsMercedes eActros deliveries begin",
            "HomeNews",
            "Mercedes eActros deliveries begin",
        ),
    ],
)
def test_crumbs_glued_to_the_headline_come_off_it(line: str, crumb: str, headline: str) -> None:
    assert split_breadcrumb(line) == (crumb, headline)


def test_the_headline_printed_again_over_its_byline_heads_the_article(tmp_path: Path) -> None:
    menu = "\n".join(["News", "Opinion", "Sport", "Motoring", "Electric cars", "Car reviews"])
    page = (
        f"Skip to main content\nHomeMotoringElectric cars{HEADLINE}\n{menu}\n"
        "A truck charges at a depot outside Gavle. Photograph: Linnea Holm/The Courier\n"
        f"{HEADLINE}\nThe utility plans six depots along the motorway by 2030.\nLinnea Holm\n"
        f"Sat 9 Mar 2024 06.00 GMT\n{FIRST}\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert article.headline == HEADLINE
    assert article.blocks[0].text == FIRST
    assert article.date == "2024-03-09" and article.authors == ("Linnea Holm",)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Listen to this story", "audio-player"),
        ("Enjoy more audio and podcasts on iOS or Android.", "app-promo"),
        ("Give", "share-bar"),
    ],
)
def test_an_audio_players_labels_are_chrome(line: str, rule: str) -> None:
    assert chrome_rule(line) == rule


def test_a_headline_ending_with_a_full_stop_over_its_deck_is_the_headline(
    tmp_path: Path,
) -> None:
    headline = (
        "Europe keeps announcing truck depots. Oskarsby's grant shows why investors should "
        "want more than a ribbon."
    )
    deck = "A depot on a busy motorway in a former mill town is a good story. It is not yet a good business"
    opening = (
        "Oskarsby's grant for truck depots on the E20 came on Monday, and investors cheered. "
        "Europe keeps announcing depots; few of them have opened on time, and fewer pay."
    )
    page = (
        f"Business\n|\nColumns\n{headline}\n{deck}\nLinnea Holm\nContributing columnist\n"
        f"Mar 21st 2024\n|\n6 min read\nSave\nShare\nGive\nListen to this story\n"
        f"Enjoy more audio and podcasts on iOS or Android.\n{opening}\n{SECOND}\n"
    )
    (column,) = page_instances(tmp_path, "column.txt", page)
    assert column.headline == headline
    assert column.blocks[0].text == opening


def test_a_consent_wall_printed_as_a_heading_is_no_article(tmp_path: Path) -> None:
    page = (
        "## We value your privacy\n\n"
        "We and our 847 partners store and/or access information on a device, such as cookies.\n\n"
        "Please note that some processing of your personal data may not require your consent, "
        "but you have a right to object to such processing.\n\nACCEPT ALL\n\n"
        f"# {HEADLINE}\n\nBy Linnea Holm\n\n{FIRST}\n\n{SECOND}\n"
    )
    found = page_instances(tmp_path, "story.md", page)
    assert [i.headline for i in found] == [HEADLINE]


def test_a_byline_that_says_posted_two_hours_ago_is_a_byline() -> None:
    line = "Linnea Holm · SVT News · Posted: 2 hours ago | Last Updated: 1 hour ago"
    assert chrome_rule(line) == "byline"
    assert byline_name("", line) == ["Linnea Holm"]


def test_a_menu_item_that_reads_like_a_lists_title_makes_no_teasers(tmp_path: Path) -> None:
    menu = "\n".join(["News", "Top Stories", "Local", "Climate", "World", "Business"])
    page = (
        f"Menu\n{menu}\nGavle\n{HEADLINE}\nThe first of six depots along the motorway\n"
        f"Linnea Holm · SVT News · Posted: 2 hours ago\n{FIRST}\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert not article.teaser and article.headline == HEADLINE


AGGREGATOR = """## Top stories

Volt Daily

### Oskarsby Energi to build 40 MW truck charging depot on the E20

The utility will build the first of six depots along the motorway…

3h ago · Linnea Holm

Grid Weekly

### Truck depots need a grid connection half the usual size, Oskarsby says

2 days ago · Per Sandberg

Full Coverage

Fleet Wire

### Hauliers ask for reserved charging slots at motorway depots

Yesterday · Anna Berg
"""


def test_a_news_aggregators_items_are_teasers_each(tmp_path: Path) -> None:
    found = page_instances(tmp_path, "top.md", AGGREGATOR)
    assert all(i.teaser for i in found)
    assert [i.headline for i in found] == [
        HEADLINE,
        "Truck depots need a grid connection half the usual size, Oskarsby says",
        "Hauliers ask for reserved charging slots at motorway depots",
    ]


def test_an_article_under_its_section_label_and_byline_is_no_aggregator_item(
    tmp_path: Path,
) -> None:
    page = f"Charging\n\n## {HEADLINE}\n\nLinnea Holm | Jun 11 2025 - 12:04 pm PT\n\n{FIRST}\n\n{SECOND}\n"
    (article,) = page_instances(tmp_path, "story.md", page)
    assert not article.teaser and article.headline == HEADLINE


LIVE = """Cars
Live
Oskarsby Energi's depot day: prices, chargers and a paused second site – as it happened
The utility showed its first truck depot and reset its plans at its capital markets day.
Linnea Holm and Per Sandberg
Tue 12 Mar 2024 13.55 GMT
Key events
Show key events only
Live feed
Newest
Oldest
19.40 GMT
That's a wrap
That's it from us for today. To recap: Oskarsby priced charging at its depots from 0.45 euros a kilowatt-hour and paused its second site.
18.05 GMT
Shares close down 6%
Oskarsby closed down 6% in Stockholm, its worst session since October, as traders weighed the pause.
Analysts said the pause was mostly priced in; the charging price was what worried them.
Chief executive: "None of this requires more trucks than we see today."
15.31 GMT
Second site paused
Construction at the Sundsvall site is paused until the first depot is full, the company said.
"""


def test_a_live_blogs_entries_are_one_article(tmp_path: Path) -> None:
    (live,) = page_instances(tmp_path, "live.txt", LIVE)
    assert live.headline.startswith("Oskarsby Energi's depot day")
    assert live.date == "2024-03-12"
    assert live.authors == ("Linnea Holm", "Per Sandberg")
    kept = {block.text for block in live.blocks}
    assert {"Shares close down 6%", "Second site paused"} <= kept
    assert not {"Newest", "Oldest", "Show key events only", "Live feed"} & kept


def test_a_sites_tagline_over_the_page_is_not_the_headline(tmp_path: Path) -> None:
    page = (
        "Skip to main content\nMeridian Press Agency\nThe world's news, verified twice\n"
        f"Sign In\nSubscribe\nAutos & Transport\n{HEADLINE}\n"
        "By Linnea Holm and Per Sandberg\nMarch 7, 2023 3:42 PM GMT\n"
        f"STOCKHOLM, March 7 (Meridian) - {FIRST}\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "wire.txt", page)
    assert article.headline == HEADLINE


def test_a_headline_printed_again_below_the_zone_s_first_prose_is_read_without_error(
    tmp_path: Path,
) -> None:
    # (found by tests/test_properties.py: the second print was a line never scored)
    line = "A the the the the the the the the the the the."
    page = (
        f"<html><body><h1>{line}</h1>\n<p>{line}</p>\n"
        "<p>The the the the the the the the the the the the.</p>\n<p>A <a>A</a></p></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    assert process_file(tmp_path / "page.html", tmp_path).skipped is None


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Play", "video-player"),
        ("Closed captions", "video-player"),
        ("Full screen", "video-player"),
        ("Photographer: Linnea Holm/The Ledger", "caption"),
        ("Photograph: Linnea Holm/The Courier", "caption"),
        ("To contact the reporters on this story:", "contact-line"),
        ("Linnea Holm in Gavle at lholm@ledger.example;", "contact-line"),
        ("To contact the editor responsible for this story:", "contact-line"),
    ],
)
def test_a_players_buttons_a_photographers_credit_and_a_wires_contacts_are_chrome(
    line: str, rule: str
) -> None:
    assert chrome_rule(line) == rule


def test_photographs_in_a_sentence_are_text() -> None:
    assert chrome_rule("Photographs show cracks in the wall that engineers said were new.") is None


def test_the_headline_over_its_deck_over_the_byline_over_a_video_is_the_headline(
    tmp_path: Path,
) -> None:
    deck = "The utility's board voted 6-1 on Tuesday after a long fight over the site"
    video = "Truck drivers have waited four years for a depot. Here's what they'll get"
    page = (
        f"News\nTop Stories\nLocal\nClimate\nGavle\nOskarsby to build truck depot\n{HEADLINE}\n{deck}\n"
        "Linnea Holm · SVT News · Posted: 2 hours ago | Last Updated: 1 hour ago\n"
        f"Video\nPlay\nWatch\n{video}\n2:14\nClosed captions\nMute\nFull screen\n{FIRST}\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert article.headline == HEADLINE


@pytest.mark.parametrize("menu_item", ["What's On", "Editor's Pick"])
def test_a_menu_item_with_an_apostrophe_is_no_persons_name(menu_item: str) -> None:
    assert not looks_like_person_name(menu_item)
    assert looks_like_person_name("Dara O'Neil") and looks_like_person_name("Luca D'Angelo")


def test_a_clippers_author_that_is_the_site_is_no_author(tmp_path: Path) -> None:
    page = (
        f'---\ntitle: "{HEADLINE} | Plugboard"\nauthor:\n  - "[[Plugboard]]"\n'
        f"created: 2024-03-18\n---\n# {HEADLINE}\n\n{FIRST}\n\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "clip.md", page)
    assert article.authors == ()


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Chevron Left", "icon-label"),
        ("Arrow Right", "icon-label"),
        ("View Gallery", "caption"),
        ("Swipe for more", "caption"),
        ("License this image", "caption"),
        ("View all 12 photos", "caption"),
    ],
)
def test_a_carousels_arrows_and_buttons_are_chrome(line: str, rule: str) -> None:
    assert chrome_rule(line) == rule


def test_a_reviews_gallery_comes_before_its_body(tmp_path: Path) -> None:
    review = "2025 Oskarsby Haul 40 First Drive Review: The Sensible Truck Grows a Personality"
    lines = [
        "Reviews", "/", "First Drives", review,
        "The utility's own electric truck gets more range, faster charging and, finally, some fun.",
        "★★★★☆", "4.0 out of 5", "By Linnea Holm", "03/04/2024", "Photos by Oskarsby Energi",
        "The 2025 Haul 40 in green on a coastal road outside Gavle, where we drove it for two days",
        "1 of 24", "Chevron Left", "Chevron Right", "View Gallery", "AT A GLANCE",
        "2025 Oskarsby Haul 40", "Price: $138,450 (as tested: $142,115)",
        "Battery: 477 kWh usable", "Range (est.): 291 miles", FIRST, SECOND,
    ]  # fmt: skip
    (article,) = page_instances(tmp_path, "review.txt", "\n".join(lines) + "\n")
    assert article.headline == review
    assert article.blocks[0].text == FIRST


def test_a_headline_under_a_menu_of_fifty_sections_is_found(tmp_path: Path) -> None:
    sections = [f"Section {n}" for n in range(1, 51)]
    deck = "The utility plans six depots along the motorway by 2030, it said on Thursday."
    lines = [
        "Skip to content", *sections, "Business", HEADLINE, deck,
        "By Linnea Holm", "Published March 11, 2025 at 6:00 a.m. ET", FIRST, SECOND,
    ]  # fmt: skip
    (article,) = page_instances(tmp_path, "story.txt", "\n".join(lines) + "\n")
    assert article.headline == HEADLINE and article.blocks[0].text == FIRST


def test_a_video_over_the_article_keeps_its_title_to_itself(tmp_path: Path) -> None:
    lines = [
        "Business / Autos", "Video Ad Feedback", "Play",
        "Oskarsby depots: what truck drivers need to know", "02:14",
        "Autoplay is on. Videos will play automatically. Turn off autoplay", "Now playing",
        HEADLINE, "By Linnea Holm, SVT", "Updated 4:17 PM CET, Wed May 14, 2025",
        "Link Copied!", FIRST, SECOND, "Ad Feedback",
    ]  # fmt: skip
    (article,) = page_instances(tmp_path, "story.txt", "\n".join(lines) + "\n")
    assert article.headline == HEADLINE
    kept = {block.text for block in article.blocks}
    assert not {"Link Copied!", "Ad Feedback"} & kept


def test_a_breadcrumb_glued_to_the_headline_printed_below_comes_off_it(tmp_path: Path) -> None:
    lines = [
        "An official website of the United States government", "Here's how you know",
        "Official websites use .gov. A .gov website belongs to an official government organization.",
        "Office of Clean Mobility", f"HomeNewsroomPress Releases{HEADLINE}", "Press Release",
        HEADLINE, "Grants in 31 states will fund heavy-duty charging for electric trucks.",
        "May 14, 2025", FIRST, SECOND,
    ]  # fmt: skip
    found = page_instances(tmp_path, "release.txt", "\n".join(lines) + "\n")
    assert [i.headline for i in found] == [HEADLINE]
    assert found[0].blocks[0].text == FIRST


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Erstellt: 06.05.2025, 14:31 Uhr", "byline"),
        ("Aktualisiert: 06.05.2025, 17:05 Uhr", "byline"),
        ("Publié le 12 mars 2025", "byline"),
        ("Lesezeit: 3 Min.", "reading-time"),
        ("Artikel teilen", "share-bar"),
        ("Merken", "share-bar"),
        ("Foto: Kai Brendel/npa", "caption"),
        ("Translated from German. This article was machine-translated by our desk.", "site-notice"),
    ],
)
def test_a_translated_pages_chrome_in_its_own_language_is_chrome(line: str, rule: str) -> None:
    assert chrome_rule(line) == rule


def test_a_german_byline_block_dates_the_story(tmp_path: Path) -> None:
    lines = [
        "Wirtschaft", HEADLINE, "Von Jonas Klimt, npa", "Erstellt: 06.05.2025, 14:31 Uhr",
        "Aktualisiert: 06.05.2025, 17:05 Uhr", "Lesezeit: 3 Min.", "Artikel teilen", "Merken",
        FIRST, SECOND,
    ]  # fmt: skip
    (article,) = page_instances(tmp_path, "story.txt", "\n".join(lines) + "\n")
    assert article.date == "2025-05-06" and article.blocks[0].text == FIRST


@pytest.mark.parametrize(
    "line",
    ["A1", "Page A6", "Continued on A6", "PLANT from A1", "See MILL, Page B3", "Obituaries A4"],
)
def test_a_print_editions_pages_and_jump_lines_are_chrome(line: str) -> None:
    assert chrome_rule(line) == "pagination"


@pytest.mark.parametrize(
    "line", ["Audi unveils the electric A6", "Plant from A1 suppliers is late"]
)
def test_a_headline_that_ends_with_a_model_name_is_text(line: str) -> None:
    assert chrome_rule(line) is None


def test_a_story_continued_on_another_page_of_the_edition_is_one_article(tmp_path: Path) -> None:
    lines = [
        "A1", "FRONT PAGE", HEADLINE, "Utility picks the E20; 28 megawatt chargers promised",
        "By Linnea Holm", FIRST, "Continued on A6", "INSIDE", "Obituaries A4", "Sports B1",
        "Weather: Cloudy, high 44. Page A2", "A6", "LOCAL", "DEPOT from A1", SECOND,
        "Linnea Holm can be reached at lholm@courier.example or 555-0148.",
    ]  # fmt: skip
    (article,) = page_instances(tmp_path, "edition.txt", "\n".join(lines) + "\n")
    assert article.headline == HEADLINE
    kept = [block.text for block in article.blocks]
    assert kept[0] == FIRST and SECOND in kept
    assert not {"Continued on A6", "DEPOT from A1", "Sports B1", "A6"} & set(kept)


def test_a_long_caption_without_a_full_stop_over_its_credit_is_a_caption() -> None:
    caption = "Owner Per Sandberg, 47, with the truck he now parks at the end of his road in Gavle"
    rules = chrome_rules([FIRST, caption, "Credit: Linnea Holm/Daily Klaxon", SECOND, FIRST])
    assert rules[1] == "caption"
    short = chrome_rules([FIRST, "Why the depot matters", "Credit: Linnea Holm", SECOND, FIRST])
    assert short[1] is None  # (a subheading over a picture's credit)


def test_a_summarys_points_under_the_headline_are_neither_headline_nor_body(
    tmp_path: Path,
) -> None:
    headline = "Norrvik Power trims its 2025 output guidance by a fifth as prices slide"
    opening = (
        "Norrvik Power cut its output guidance for 2025 by about a fifth on Monday, saying "
        "power prices had slid too far to run its two newest plants at full load this year."
    )
    points = [
        "Oskarsby now expects 28 megawatt chargers at the first depot, up from 20.",
        "The second depot, near Sundsvall, will open a year later than planned.",
        "Shares rose as much as 12.4% in Stockholm, the most since October 2023.",
    ]
    lines = [
        "Markets", "Equities", "OSKE 14.86 +9.02%", "Energy", headline, "Market moving",
        "Bookmark", "Share", "Key points", *points, "By Linnea Holm", "12 May 2025 | 07:45 GMT",
        opening, SECOND,
    ]  # fmt: skip
    (article,) = page_instances(tmp_path, "story.txt", "\n".join(lines) + "\n")
    assert article.headline == headline
    assert article.blocks[0].text == opening and article.date == "2025-05-12"


def test_a_point_of_the_summary_chosen_for_the_headline_yields_to_the_line_over_it() -> None:
    texts = [HEADLINE, "Key points", "Oskarsby now expects 28 megawatt chargers.", FIRST, SECOND]
    doc = Document("p.txt", "text", tuple(Line(n, t) for n, t in enumerate(texts, 1)), PageMeta())
    zone = make_zone(segment(doc)[0], doc.meta)
    at = {line.text: k for k, line in enumerate(zone.lines)}
    headline, point = at[HEADLINE], at[texts[2]]
    assert _above_its_summary(zone, point, {headline: 0.6, point: 0.8}) == headline
    assert _above_its_summary(zone, headline, {headline: 0.6}) == headline


@pytest.mark.parametrize("line", ["View 214 comments", "Show all 37 comments", "Read comments"])
def test_a_button_to_the_comments_is_the_comments_chrome(line: str) -> None:
    assert chrome_rule(line) == "comments"


def test_a_comments_button_between_the_deck_and_the_body_keeps_the_body(tmp_path: Path) -> None:
    # the deck is a sentence (prose) over the byline: the button under it opens no comments
    deck = (
        "Owners of the depot's first trucks have been told to charge them elsewhere "
        "after a fault that can trip the whole site."
    )
    page = (
        f"Motors\nElectric Cars\n{HEADLINE}\nComments 12\nVideo\n{deck}\n"
        "By Linnea Holm, Motoring Reporter\nPublished: 7:02, 14 May 2025\nShare\nFacebook\n"
        f"View 12 comments\n{FIRST}\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert article.headline == HEADLINE
    assert [block.text for block in article.blocks][-2:] == [FIRST, SECOND]


def test_a_gallerys_places_out_of_one_total_are_chrome() -> None:
    texts = ["1/8", "A crane lifts the first charger.", "2/8", FIRST, "3/8", "The site at dusk."]
    assert [rule == "caption" for rule in chrome_rules(texts)][::2] == [True, True, True]
    # (one fraction alone, or places past their total, are no gallery)
    assert chrome_rules(["9/8", FIRST, "10/8"])[::2] == [None, None]


def test_a_long_caption_over_the_headline_of_a_gallery_story_is_not_its_body(
    tmp_path: Path,
) -> None:
    caption = (
        "Oskarsby Energi's chief executive Maja Lind cuts the ribbon at the first depot beside "
        "the E20 motorway outside Gavle on Thursday, in front of about 200 drivers, hauliers and "
        "local officials."
    )
    gallery = "\n".join(
        f"{n}/6\nA truck at one of the depot's chargers.\nPhoto: npa/Linnea Holm" for n in (1, 2, 3)
    )
    page = (
        f"Business · Energy\nIN PICTURES\n{caption}\n{HEADLINE}\n{gallery}\nSwipe for more\n"
        f"View all 6 photos\nBy Linnea Holm\n15/05/2025 11:20 CEST\nShare\n{FIRST}\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert article.headline == HEADLINE
    assert [block.text for block in article.blocks] == [FIRST, SECOND]


def test_a_deck_then_a_caption_under_its_credit_over_the_byline_are_not_the_body(
    tmp_path: Path,
) -> None:
    deck = "The utility is building the first of six depots. No other site is to be delayed."
    caption = "The depot's first chargers outside Gavle. Twenty-eight more are due by 2027."
    page = (
        f"Wirtschaft\n{HEADLINE}\n{deck}\nFoto: Kai Brendel/npa\n{caption}\n"
        "Von Linnea Holm, npa\nErstellt: 06.05.2025, 14:31 Uhr\nLesezeit: 3 Min.\n"
        f"Artikel teilen\n{FIRST}\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert article.headline == HEADLINE
    assert [block.text for block in article.blocks] == [FIRST, SECOND]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Trucks charge at the depot outside Gavle © Linnea Holm/The Courier", "caption"),
        ("The depot at dusk. It has 28 chargers © Oskarsby Energi", "caption"),
        ("The Courier © 2024 All rights reserved", "legal"),
        ("Stay informed with free updates", "newsletter"),
        ("Never miss a story", "newsletter"),
        ("Stay informed about the depot's opening", None),
    ],
)
def test_a_caption_with_its_credit_and_a_sign_up_boxs_title_are_chrome(
    line: str, rule: str | None
) -> None:
    assert chrome_rule(line) == rule


@pytest.mark.parametrize(
    ("lines", "rule"),
    [
        (["Linnea Holm in Stockholm", "14 March 2024"], "byline"),
        (["Linnea Holm and Tom Wu in New York", "14 March 2024"], "byline"),
        # (over a share bar, two words in a place may be a headline)
        (["Model Y in Norway", "Share"], None),
    ],
)
def test_reporters_in_the_place_they_filed_from_are_a_byline(
    lines: list[str], rule: str | None
) -> None:
    assert chrome_rules(lines)[0] == rule


def test_a_headline_over_reporters_in_a_place_and_a_credited_caption_heads_the_story(
    tmp_path: Path,
) -> None:
    deck = "The utility will pay 68p a share in cash and plans to double the depots by 2030."
    page = (
        f"Companies\nEnergy\n{HEADLINE}\n{deck}\nListen to this article\n6 min\nShare\n"
        "Linnea Holm in Stockholm\n14 March 2024\n"
        "A truck at the depot outside Gavle. It has 28 chargers © Linnea Holm/The Courier\n"
        "Stay informed with free updates\n"
        "Simply sign up to the Energy myCourier Digest — delivered directly to your inbox.\n"
        f"{FIRST}\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert article.headline == HEADLINE
    assert article.authors == ("Linnea Holm",) and article.date == "2024-03-14"
    assert [block.text for block in article.blocks] == [FIRST, SECOND]


@pytest.mark.parametrize("line", ["Expand", "Click to enlarge", "Enlarge image"])
def test_a_pictures_button_to_see_it_bigger_is_chrome(line: str) -> None:
    assert chrome_rule(line) == "caption"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Markets Economy Industry Auto Tech Opinion ePaper Subscribe", "navigation"),
        ("News Sport Business Climate Opinion Video Live", "navigation"),
        # (a headline in title case has a function word between its capitals)
        ("Tesla Cuts Model Y Prices In China Again Today", None),
        ("Rivian Announces Record Quarter As Deliveries Surge Past Estimates", None),
    ],
)
def test_a_menu_printed_as_a_line_of_capitalised_words_is_navigation(
    line: str, rule: str | None
) -> None:
    assert chrome_rule(line) == rule


def test_the_first_words_of_the_pages_title_alone_do_not_match_it() -> None:
    from generator.head import FEATURES, line_features
    from generator.model import RawArticle

    title = "Ministry of Heavy Industries notifies Highway Fast Charging Support Scheme"
    texts = ["Ministry of Heavy Industries", title, FIRST, SECOND]
    lines = tuple(Line(n, text) for n, text in enumerate(texts, start=1))
    raw = RawArticle("page.html", 0, None, None, None, lines)
    zone = make_zone(raw, PageMeta(title=f"{title} | Press Office"))
    match = FEATURES.index("meta_match")
    assert [line_features(zone, i, None)[match] for i in (0, 1)] == [0.0, 1.0]


def test_a_releases_dateline_in_title_case_dates_it(tmp_path: Path) -> None:
    page = (
        f"FOR IMMEDIATE RELEASE\n{HEADLINE}\n"
        f"Gavle, Sweden, 13 May 2024 – {FIRST}\n{SECOND}\n-ENDS-\n"
    )
    (article,) = page_instances(tmp_path, "release.txt", page)
    assert article.headline == HEADLINE and article.date == "2024-05-13"


def test_a_name_over_the_authors_role_names_the_author(tmp_path: Path) -> None:
    page = (
        f"Explainer\n{HEADLINE}\n2 days ago\nShare\nSave\nLinnea Holm\nTransport correspondent\n"
        f"Play\n{FIRST}\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert article.headline == HEADLINE and article.authors == ("Linnea Holm",)
    assert [block.text for block in article.blocks] == [FIRST, SECOND]


@pytest.mark.parametrize("line", ["More headlines", "Top headlines", "In other news"])
def test_a_list_of_other_headlines_is_a_related_block(line: str) -> None:
    assert chrome_rule(line) == "related-block"


def test_an_author_link_under_a_consent_wall_and_a_long_deck_names_the_author() -> None:
    from generator.text_reader import page_meta

    wall = (
        "We and our 847 partners store and/or access information on a device, such as cookies, "
        "and process personal data, such as unique identifiers and standard information sent "
        "by a device for personalised advertising and content."
    )
    deck = (
        "Owners of the depot's first trucks have been told to charge them elsewhere after a "
        "fault that can trip the whole site, and the utility says a fix is weeks away."
    )
    text = (
        f"## We value your privacy\n\n{wall}\n\nACCEPT ALL\n\n# {HEADLINE}\n\n{deck}\n\n"
        "[Linnea Holm](https://www.courier.example/authors/linnea-holm)\n\n"
        f"3 days ago · 5 min read\n\n{FIRST}\n\n{SECOND}\n\n"
        "[Tom Wu](https://www.courier.example/authors/tom-wu)\n"
    )
    assert page_meta(text, markdown=True).authors == ("Linnea Holm",)


def test_a_story_signed_under_its_text_with_its_age_is_dated_from_the_capture(
    tmp_path: Path,
) -> None:
    # a scraper's note in brackets gives the capture day; the story has no head, and its
    # source and age are printed under its last paragraph
    page = (
        "[scraped 2025-05-15 08:12 UTC] https://www.ktvr7.example/news/depot\n"
        f"{FIRST}\n{SECOND}\nWNC Newsource · 2 days ago\nReport a typo\n"
        "Trading Halt 10/03/2023\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert article.date == "2025-05-13"


def test_a_list_of_dated_items_under_the_text_does_not_date_it(tmp_path: Path) -> None:
    page = f"{HEADLINE}\n{FIRST}\n{SECOND}\nOther announcements\nTrading Halt 10/03/2023\n"
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert article.date is None


def test_the_outlet_under_the_byline_is_no_author(tmp_path: Path) -> None:
    page = (
        f"{HEADLINE}\nBy Linnea Holm\nThe Gavle Sentinel\n03/10/2026 6:42 PM\n{FIRST}\n{SECOND}\n"
    )
    (article,) = page_instances(tmp_path, "story.txt", page)
    assert article.authors == ("Linnea Holm",)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Advertisement · Scroll to continue", "ad"),
        ("Suggested Topics:", "tags"),
        ("Thank you for subscribing!", "newsletter"),
        ("Something went wrong, please try again later.", "newsletter"),
        (
            "We use your sign-up to provide content in ways you've consented to and to improve "
            "our understanding of you. You can unsubscribe at any time. More info",
            "newsletter",
        ),
        (
            "The Depot File newsletter is your weekly guide to the people and money reshaping "
            "truck charging. Sign up here.",
            "newsletter",
        ),
        ("-ENDS-", "separator"),
    ],
)
def test_a_sign_up_boxs_answers_an_ads_label_and_a_releases_end_are_chrome(
    line: str, rule: str
) -> None:
    assert chrome_rule(line) == rule


def test_a_releases_about_box_spelled_out_under_its_initials_is_the_releases() -> None:
    about = (
        "The Nordic Truck Charging Association represents depot operators and hauliers in "
        "five countries. Founded in 2019, it has 64 members."
    )
    assert chrome_rules(["About NTCA", about, "Media contact"])[:2] == ["press-release"] * 2
    # (a heading "About" a name the paragraph does not spell out is the article's own)
    assert chrome_rules(["About NTCA", FIRST, "Media contact"])[:2] == [None, None]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("+46 26 555 01 87", "contact-line"),
        ("Tel: (555) 123-4567", "contact-line"),
        # (a date or a figure has fewer digits)
        ("10.03.2026", "byline"),
        ("38,914.07", "market-data"),
    ],
)
def test_a_telephone_number_alone_is_a_contacts(line: str, rule: str) -> None:
    assert chrome_rule(line) == rule


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        (
            "Privacy Notice: Newsletters may contain info about charities, online ads, and "
            "content funded by outside parties.",
            "newsletter",
        ),
        (
            "Sign up to receive press releases, SEC filings and event notifications by email.",
            "newsletter",
        ),
        ("($1 = 0.9187 euros)", "wire-credit"),
        ("npa jk/fs", "wire-credit"),
        ("Oskarsby provided travel and accommodation for this first drive event.", "disclaimer"),
        (
            "Most stock quote data provided by BATS. US market indices are shown in real time.",
            "disclaimer",
        ),
        # (a sentence of the story's that says what someone provided is the story's)
        ("The utility provided travel vouchers to 300 drivers stranded at the depot.", None),
    ],
)
def test_a_wires_notes_a_press_trips_disclosure_and_a_sign_ups_small_print_are_chrome(
    line: str, rule: str | None
) -> None:
    assert chrome_rule(line) == rule


def test_a_reviews_lists_at_its_end_are_items_of_the_review(tmp_path: Path) -> None:
    from generator.model import BlockKind

    page = (
        f"{HEADLINE}\nBy Linnea Holm\n{FIRST}\n{SECOND}\nPros\nFast chargers on every bay\n"
        "Quiet at night\nCons\nNo café yet\nFar from the motorway exit\n"
        "Oskarsby provided travel and accommodation for this first drive event.\nShare\n"
    )
    (article,) = page_instances(tmp_path, "review.txt", page)
    kinds = [(block.kind, block.text) for block in article.blocks]
    assert kinds[2:] == [
        (BlockKind.HEADING, "Pros"),
        (BlockKind.ITEM, "Fast chargers on every bay"),
        (BlockKind.ITEM, "Quiet at night"),
        (BlockKind.HEADING, "Cons"),
        (BlockKind.ITEM, "No café yet"),
        (BlockKind.ITEM, "Far from the motorway exit"),
    ]


def test_a_shortened_title_over_the_headline_over_the_byline_yields_to_it() -> None:
    # a gallery's page prints the headline shortened (its teaser's or its page's title)
    # over the headline itself, which stands right over the byline: even a scorer that
    # prefers the shorter line (as one that never saw the site may) ends on the headline
    from generator.head import FEATURES, HeadModel, choose
    from generator.model import RawArticle

    texts = [
        "Oskarsby opens E20 truck hub",
        "In pictures: Oskarsby Energi opens its 40 MW truck charging depot on the E20",
        "Photos by Linnea Holm",
        "Share Pin Email",
        FIRST,
        SECOND,
    ]
    lines = tuple(Line(n, text) for n, text in enumerate(texts, start=1))
    n = len(FEATURES)
    weights = [0.0] * n
    # (the shorter, the likelier: 0.76 for the shortened title, 0.42 for the headline)
    weights[FEATURES.index("bias")], weights[FEATURES.index("words")] = 2.0, -10.0
    brief = HeadModel(FEATURES, (0.0,) * n, (1.0,) * n, tuple(weights), (0.0,) * n, 0.25)
    zone = make_zone(RawArticle("gallery.txt", 0, None, None, 1, lines), None)
    assert zone.lines[choose(zone, brief).headline].text == texts[1]


@pytest.mark.parametrize(
    ("line", "author"),
    [
        (
            "Linnea Holm covers utilities and energy markets. Tom Wu reports on the auto "
            "industry from Detroit.",
            "Linnea Holm",
        ),
        ("Maja Lind-Berg is technology editor at Storage Week.", "Maja Lind-Berg"),
        (
            "Tom Okafor-Hale writes a weekly column on the energy transition. The views "
            "expressed are his own.",
            "Tom Okafor-Hale",
        ),
        # (a sentence of the story's that says what a company covers names no writer)
        ("Oskarsby covers the cost of the repairs. The views expressed are not news.", None),
    ],
)
def test_an_authors_line_about_themself_at_the_end_names_them(
    line: str, author: str | None
) -> None:
    from generator.rules import bio_author

    assert bio_author(line) == author


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Share full article", "share-bar"),
        ("Share toEmail", "share-bar"),
        ("Share toLinkedIn", "share-bar"),
        ("Share to X", "share-bar"),
        (
            "A version of this article appears in print on May 8, 2024, Section B, Page 1 of "
            "the Lakeshore edition with the headline: Utility Buys Charging Network.",
            "syndication",
        ),
        ("Yesterday at 9:12 PM · #3", "forum"),
    ],
)
def test_a_print_versions_note_share_buttons_and_a_posts_time_are_chrome(
    line: str, rule: str
) -> None:
    assert chrome_rule(line) == rule
