"""Classes of page from the blind corpora fresh-h and fresh-i (issue 17): print views, video
pages, link aggregators' threads, professional networks' posts, mailbox exports, feed
readers, finance portals, forums that quote a story, interviews, galleries, live blogs.

Each page here is made up for its class; none is a corpus page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import process_file
from generator.rules import byline_name, chrome_rule, chrome_rules
from generator.text_reader import read_text

STORY = (
    "Corvane Automotive is recalling 48,212 Aster electric crossovers because a coolant hose "
    "clamp in the battery pack can loosen and let fluid seep onto high-voltage connectors, "
    "the carmaker and the national road safety agency said on Tuesday."
)
MORE = (
    "The recall covers Aster vehicles built at the Brennmark plant between August 2022 and "
    "March 2024. Owners will be asked to bring their cars to a dealer, where technicians will "
    "replace the clamp and inspect the pack for moisture."
)


def _instances(tmp_path: Path, name: str, text: str) -> list:
    (tmp_path / name).write_text(text, encoding="utf-8")
    page = process_file(tmp_path / name, tmp_path)
    assert page.skipped is None
    return list(page.instances)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        # a video page's player, buttons, counts and transcript
        ("Play Video", "video-player"),
        ("Show transcript", "video-player"),
        ("Follow along using the transcript.", "video-player"),
        ("Comments 412", "comments"),
        ("3.1K   Share   Download   Clip   Save", "share-bar"),
        ("48,310 views  Jun 15, 2024  #corvane #sodiumion", "byline"),
        ("201K views 5 months ago", "byline"),
        # a link aggregator's thread and its community's sidebar
        ("[–] brennmark_built [S] 38 points 2 days ago", "forum"),
        ("submitted 2 days ago by brennmark_built", "forum"),
        ("want to join? login or register in seconds | English", "forum"),
        ("popular - all - random - users | CorvaneAster - electricvehicles - cars", "navigation"),
        ("permalink embed save parent report reply", "post-actions"),
        ("Owners and fans of the Corvane Aster. Not affiliated with Corvane Automotive.", "forum"),
        ("Rules: 1. Be civil. 2. No referral codes.", "forum"),
        # a professional network's post, a feed reader's item, a mail app's signature
        ("2d • Edited • Visible to anyone on or off ProfLink", "social-post"),
        ("CEO at Voltara | Building Europe's fast-charging backbone", "byline"),
        ("☆ Star   ✉ Email   ↗ Open", "share-bar"),
        ("● unread · Meridian Wire · Fri, 06 Mar 2026 13:14:00 GMT · Autos, Earnings", "byline"),
        ("All items (212)   Unread (37)   Starred (5)", "navigation"),
        ("Keyboard: j/k next/previous · o open · s star", "navigation"),
        ("Sent from Plugline for iPhone", "mail-signature"),
        # a finance portal's
        ("Provided by Meridian Wire", "provided-by"),
        ("Quotes delayed at least 15 minutes. Market data provided by Quote Services.", "legal"),
        ("NRVK+7.21%CLDR-0.82%", "ticker"),
        ("Sam Okafor Tue, March 3, 2026 at 2:40 PM EST 2 min read", "byline"),
        # a metered paywall, a trade site's note on the releases it prints, a print view's
        # list of link addresses
        ("Continue reading with a Nordhaven Business Times subscription", "paywall"),
        ("You have reached your limit of free articles this month.", "paywall"),
        (
            "CellChain Report publishes press releases as supplied by the issuing company. "
            "Content has not been edited or verified by our newsroom.",
            "site-notice",
        ),
        ("Comments are closed for this article.", "comments"),
        # an editor's note without its label, a nonprofit's donation ask
        (
            "This story has been updated to correct the spelling of Wendell Pace's name.",
            "editor-note",
        ),
        (
            "LaborLine is nonprofit and reader-funded. If you value this reporting, please "
            "consider a monthly donation.",
            "newsletter",
        ),
        ("**Also interesting:**", "related-block"),
    ],
)
def test_furniture_of_more_kinds_of_site_is_chrome(line: str, rule: str) -> None:
    assert chrome_rule(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "Sent from the factory in Ohio to dealers in 12 states",
        "The figures have not been verified by our editors, the company said.",
        "Layoffs at Rivian as demand slows",
        "Tesla - BYD - up 5% on the week",
        "Investors should please consider a donation of shares to the foundation, the filing said.",
    ],
)
def test_text_that_looks_like_that_furniture_is_not(line: str) -> None:
    assert chrome_rule(line) is None


def test_a_print_view_is_unwrapped_and_loses_its_print_furniture() -> None:
    """A browser's print view: a header with the date and the page's title, a footer with its
    address and "1/2", both set in columns and longer than the text's width; the list of
    link addresses at the end."""
    head = "6/12/24, 9:14 AM       Corvane to recall 48,000 Aster EVs | The Lindmoor Courier"
    foot = "https://www.lindmoorcourier.example/business/2024/06/11/corvane-recall/        {}/2"
    wrapped = (
        "LINDMOOR, June 11 - Corvane Automotive is recalling 48,212 Aster\n"
        "electric crossovers because a coolant hose clamp in the battery pack can\n"
        "loosen and let fluid seep onto high-voltage connectors, the carmaker and\n"
        "the national road safety agency said on Tuesday.\n\n"
        "The recall covers Aster vehicles built at the Brennmark plant between\n"
        "August 2022 and March 2024. Owners will be asked to bring their cars to\n"
        "a dealer, where technicians will replace the clamp and inspect the pack\n"
        "for moisture, a job the company said takes about two hours of work.\n\n"
    )
    page = (
        f"{head}\n\nCorvane to recall 48,000 Aster EVs\n\n{wrapped}{foot.format(1)}\n"
        f"\f{head}\n\n{wrapped}Links:\n[1] https://www.lindmoorcourier.example/motoring/\n"
        f"[2] https://www.lindmoorcourier.example/privacy/\n\n{foot.format(2)}\n"
    )
    document = read_text("print.txt", page, markdown=False)
    texts = [line.text for line in document.lines]
    assert texts[0] == "Corvane to recall 48,000 Aster EVs"
    assert texts[1].startswith(
        "LINDMOOR, June 11 - Corvane Automotive is recalling 48,212 Aster electric"
    )
    furniture = [d.text for d in document.dropped if d.rule == "page-furniture"]
    assert len(furniture) == 4  # (the header twice, the footer twice)
    # (the list's rules need its neighbours: the heading is one only over the addresses)
    assert chrome_rules(texts)[-3:] == ["link-references"] * 3


def test_a_link_aggregators_thread_is_a_teaser_and_nothing_else(tmp_path: Path) -> None:
    comments = "".join(
        f"[–] {who} {points} points 2 days ago\n\n{text}\n\npermalink embed save report reply\n\n"
        for who, points, text in [
            ("brennmark_built", 38, "This is the clamp issue a few of us have posted about."),
            ("quietvoltage", 24, "Mine did exactly this on the motorway in February."),
            ("fjordside_ev", 19, "Two hours at the dealer is optimistic, my slot is in July."),
        ]
    )
    page = (
        "jump to content\nmy subreddits\npopular - all - random - users | CorvaneAster - cars\n\n"
        "want to join? login or register in seconds | English\n\n"
        "Corvane recalls 48,000 Aster crossovers over battery coolant leak\n(nordhavenbt.com)\n\n"
        "submitted 2 days ago by brennmark_built\n\n46 comments share save hide report\n\n"
        f"{comments}load more comments (21 replies)\n\nabout this community\n\n"
        "Owners and fans of the Corvane Aster. Not affiliated with Corvane Automotive.\n\n"
        "Rules: 1. Be civil. 2. No referral codes. 3. Recall posts must link a source.\n"
    )
    instances = _instances(tmp_path, "thread.txt", page)
    assert [(i.teaser, i.headline) for i in instances] == [
        (True, "Corvane recalls 48,000 Aster crossovers over battery coolant leak")
    ]


def test_a_mailbox_of_shared_links_is_teasers(tmp_path: Path) -> None:
    def message(day: str, subject: str, headline: str, excerpt: str, link: str) -> str:
        return (
            f"From dev@mail.example {day} Mar 03 21:47:12 2026\n"
            "Return-Path: <dev@mail.example>\nFrom: Dev Raman <dev@mail.example>\n"
            f"To: Dev Raman <dev@mail.example>\nSubject: {subject}\n"
            "Date: Tue, 03 Mar 2026 21:47:12 -0500\nMIME-Version: 1.0\n\n"
            f"{headline}\n{excerpt}\n{link}\n\nSent from Plugline for iPhone\n\n"
        )

    page = message(
        "Tue",
        "Why Velarin wants to borrow your car battery",
        "Why Velarin wants to borrow your car battery this summer",
        "The utility will pay 400 drivers to let the grid draw on their cars at peak times.",
        "https://plug.example/4kT9xQ",
    ) + message(
        "Wed",
        "Fwd: check this",
        "Town buys 12 electric plows, first in the county to go fully electric",
        "Public works says the plows can clear a full route on one charge.",
        "https://dash.example/r/8Qm2",
    )
    instances = _instances(tmp_path, "mbox.txt", page)
    assert [(i.teaser, i.headline) for i in instances] == [
        (True, "Why Velarin wants to borrow your car battery this summer"),
        (True, "Town buys 12 electric plows, first in the county to go fully electric"),
    ]


def test_a_forum_post_that_quotes_a_story_goes_on_after_the_quote(tmp_path: Path) -> None:
    page = (
        "Forums > Kestrel (2023-present) > Recalls\n\n"
        "Official recall thread: 38,400 Kestrels, coolant hose in pack\n\n"
        "Thread starter quietwatt · Start date 3 days ago · Tags battery coolant recall\n\n"
        "quietwatt\nJoined: Jun 14, 2023 · Messages: 4,112\n\n"
        "Posting this here so we have one place for the coolant hose recall instead of six "
        "threads. Wire story below, then my notes.\n\n"
        f"  Meridian Wire said:\n  {STORY}\n  Click to expand...\n\n"
        "My notes, for what they're worth. The build window is wider than most of us expected, "
        "and the remedy is a sleeve on the hose, not a new hose.\n\n"
        "Like · Reply · Report\n\nReactions: shorepine, K-Dub and 31 others\n\n"
        "K-Dub\nJoined: Feb 2, 2024 · Messages: 388\n\n"
        "Mine's an August 2025 build so I'm right at the edge of the window, apparently.\n\n"
        "Like · Reply · Report\n"
    )
    (article,) = _instances(tmp_path, "thread.txt", page)
    texts = [block.text for block in article.blocks]
    assert article.headline == "Official recall thread: 38,400 Kestrels, coolant hose in pack"
    assert list(article.authors) == ["quietwatt"]
    assert texts[0].startswith("Posting this here") and texts[-1].startswith("My notes")
    assert STORY in texts and not any(text.startswith("Mine's") for text in texts)


def test_an_interviews_questions_are_its_text(tmp_path: Path) -> None:
    questions = [
        'Q: Eighteen months ago you told us LFP was "a commodity we have no reason to make in '
        'Europe". What changed?',
        "Q: Last one. Will Kerstadt ever make sodium-ion cells?",
    ]
    page = (
        "Calder Cell's Ines Maro: LFP in Germany is a cost problem\n\nBy Nadia Ferreira\n\n"
        f"{STORY}\n\n{questions[0]}\n\nA: The customers changed. {MORE}\n\n"
        f"{questions[1]}\n\nA: Ask me in two years. {MORE}\n"
    )
    (article,) = _instances(tmp_path, "interview.txt", page)
    assert all(q in [block.text for block in article.blocks] for q in questions)


def test_a_photographer_is_the_author_only_when_nobody_wrote_the_words() -> None:
    from generator.rules import GALLERY_BYLINE

    assert byline_name("", "Photos by Mara Lindqvist") == ["Mara Lindqvist"]
    assert GALLERY_BYLINE.match("Photos by Mara Lindqvist")
    assert byline_name("", "Live reporting by Saskia Brandvold and Emil Thorsrud") == [
        "Saskia Brandvold",
        "Emil Thorsrud",
    ]
    assert byline_name("", "By Hannah Coyle March 2, 2026 Updated March 3, 2026") == [
        "Hannah Coyle"
    ]
    assert byline_name("", "Thread starter quietwatt · Start date 3 days ago") == ["quietwatt"]


def test_a_gallery_credits_its_photographer_and_a_review_its_writer(tmp_path: Path) -> None:
    gallery = (
        "In pictures: Corvane opens its Brennmark battery hall\n\nPhotos by Mara Lindqvist\n\n"
        f"{STORY}\n\n{MORE}\n"
    )
    review = (
        "Corvane Aster review: the family crossover that charges in 18 minutes\n\n"
        "Written by Marco Bellini\nPhotography by Jen Tsui\n\n"
        f"{STORY}\n\n{MORE}\n"
    )
    assert list(_instances(tmp_path, "gallery.txt", gallery)[0].authors) == ["Mara Lindqvist"]
    assert list(_instances(tmp_path, "review.txt", review)[0].authors) == ["Marco Bellini"]


def test_a_public_bodys_dublin_core_date_is_the_date(tmp_path: Path) -> None:
    page = (
        '<html><head><title>Recall R/2024/0387</title><meta name="DC.date.issued" '
        'content="2024-06-10"></head><body><h1>Corvane Aster: battery coolant hose clamp may '
        f"loosen</h1><dl><dt>Date of issue</dt><dd>10/06/2024</dd></dl><p>{STORY}</p>"
        f"<p>{MORE}</p></body></html>"
    )
    (article,) = _instances(tmp_path, "notice.html", page)
    assert article.date == "2024-06-10"


def test_an_appended_storys_short_title_gives_way_to_its_headline(tmp_path: Path) -> None:
    page = (
        "Corvane recalls 48,000 Asters\n\nBy Hanna Solberg\n\n"
        f"{STORY}\n\n{MORE}\n\n{MORE}\n\nNext article\n\n"
        "Calder Cell doubles down on Kerstadt\n"
        "Calder Cell doubles down on Kerstadt with second cell hall\n"
        "By Lena Hartwig, Nordpress\n11 March 2026, 15:02\n\n"
        "KERSTADT, March 11 (Nordpress) – Calder Cell will spend 2.1 billion euros on a second "
        "production hall at its cell plant, the company said on Wednesday, doubling capacity.\n\n"
        f"{MORE}\n"
    )
    instances = _instances(tmp_path, "scroll.txt", page)
    assert [i.headline for i in instances][-1] == (
        "Calder Cell doubles down on Kerstadt with second cell hall"
    )


def test_an_aggregators_full_coverage_list_is_teasers_of_each_outlets_story(
    tmp_path: Path,
) -> None:
    page = (
        "## Top stories\n\nNordhaven Business Times\n\n"
        "### Corvane recalls 48,000 Aster crossovers over battery coolant leak\n\n"
        "Corvane Automotive is recalling 48,212 Aster electric crossovers because a coolant "
        "hose clamp in the battery pack can loosen and let fluid seep onto…\n\n"
        "1 day ago · Meridian Press Agency\n\n"
        "* The Lindmoor Courier\n\n  Corvane to recall 48,000 Aster EVs over coolant leak risk\n\n"
        "  1 day ago\n"
        "* The Carrowmere Post\n\n  Corvane's coolant recall is a small fix with a large lesson.\n\n"
        "  Opinion · 5 hours ago\n\nFull coverage\n"
    )
    instances = _instances(tmp_path, "cluster.md", page)
    assert [(i.teaser, i.headline) for i in instances] == [
        (True, "Corvane recalls 48,000 Aster crossovers over battery coolant leak"),
        (True, "Corvane to recall 48,000 Aster EVs over coolant leak risk"),
        (True, "Corvane's coolant recall is a small fix with a large lesson."),
    ]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Posted on 2025-04-08 by Ewan Corrie in Ferries", ["Ewan Corrie"]),
        ("Chen Yutong · Apr 19, 2023 · 15:22 (GMT+8)", ["Chen Yutong"]),
        ("KENJI ARAKAWA, Nippon Mobility staff writer", ["Kenji Arakawa"]),
    ],
)
def test_a_bylines_name_after_its_category_its_time_zone_or_in_capitals(
    line: str, names: list[str]
) -> None:
    assert chrome_rule(line) == "byline"
    assert byline_name("", line) == names


def test_a_mailed_storys_byline_date_beats_the_mails_date(tmp_path: Path) -> None:
    """A mail's "Date:" is when it was sent: the story it carries is dated by its own byline,
    and by the mail only when it states none."""
    head = (
        "From: Fleetbrief <daily@fleetbrief.example>\nTo: reader@example.com\n"
        "Subject: Fleetbrief Daily\nDate: Wed, 23 Apr 2025 06:00:00 +0000\n\n"
    )
    story = (
        "Kestrel Motors recalls 18,412 Ridgeback electric pickups over a coolant seal\n"
        "{byline}"
        f"{STORY}\n\n{MORE}\n"
    )
    dated = story.format(byline="By Dana Whitfield, Roadcurrent | Apr 22, 2025\n\n")
    undated = story.format(byline="By Dana Whitfield, Roadcurrent\n\n")
    assert _instances(tmp_path, "dated.txt", head + dated)[0].date == "2025-04-22"
    assert _instances(tmp_path, "undated.txt", head + undated)[0].date == "2025-04-23"


def test_an_update_that_reports_news_and_a_closing_quote_are_text(tmp_path: Path) -> None:
    update = (
        "UPDATE: A scheduler at the Bloomington service centre said on Tuesday that it had "
        "already started booking inspections for owners who call in."
    )
    quote = "\"We'll be watching,\" she said. \"They've got the water. That's all we've got.\""
    note = "Correction: An earlier version of this story misstated the number of vehicles."
    page = (
        "Corvane recalls 48,000 Asters over a coolant clamp\n\nBy Hanna Solberg\n\n"
        f"{STORY}\n\n{MORE}\n\n{update}\n\n{quote}\n\n{note}\n\n--\n"
        'Hanna Solberg            "Clamps are cheap. Recalls are not."\n'
    )
    (article,) = _instances(tmp_path, "story.txt", page)
    texts = [block.text for block in article.blocks]
    assert update in texts and quote in texts
    assert note not in texts and not any("Clamps are cheap" in text for text in texts)


def test_a_sentence_over_a_credit_between_paragraphs_is_a_caption(tmp_path: Path) -> None:
    caption = "The Brennmark plant seen from the river, where the new battery hall will stand."
    page = (
        "Corvane recalls 48,000 Asters over a coolant clamp\n\nBy Hanna Solberg\n\n"
        f"{STORY}\n\n{caption}\nPhoto: Jan Strnad\n\n{MORE}\n"
    )
    (article,) = _instances(tmp_path, "story.txt", page)
    assert [block.text for block in article.blocks] == [STORY, MORE]
