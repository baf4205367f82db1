"""Classes of page found on the fresh-e and fresh-g development corpora (issue 17): hard-
wrapped text read back into paragraphs, e-mail briefings, link-aggregator and fediverse
threads, an article pasted into a forum post, and the lines around them."""

from __future__ import annotations

from pathlib import Path

from generator.build import process_file
from generator.dates import parse_date
from generator.head import make_zone
from generator.model import Dropped, Line, RawArticle
from generator.rules import byline_name, chrome_rule
from generator.text_reader import read_text
from generator.unwrap import wrap_width

PARAGRAPH = (
    "Voltaris Energy's decision to put its first large sodium-ion factory in\n"
    "Zaragoza rather than in Sweden or Germany has been read in Madrid as a win\n"
    "for Spanish industrial policy. For the German companies that build the\n"
    "coating lines, calenders and formation systems inside such plants, the\n"
    "more interesting question is who will equip it.\n"
)
SECOND = (
    "The company announced on 14 March that the plant in the Plaza logistics\n"
    "park will start with 8 GWh of annual capacity in the second half of 2026\n"
    "and grow to 20 GWh by 2029. The investment is put at EUR 1.1 billion, of\n"
    "which up to EUR 180 million is to come from Spain's PERTE VEC support\n"
    "programme.\n"
)


def _texts(text: str) -> list[str]:
    return [line.text for line in read_text("page.txt", text, markdown=False).lines]


def test_a_wrapped_page_is_read_back_into_paragraphs() -> None:
    page = (
        "MARKETS & SUPPLY CHAIN\n\nSodium goes to Aragón: what Voltaris means for machine builders\n\n"
        "By Katrin Hollmann, Stuttgart\nOnline first: 15.03.2024\n\n" + PARAGRAPH + "\n" + SECOND
    )
    assert _texts(page) == [
        "MARKETS & SUPPLY CHAIN",
        "Sodium goes to Aragón: what Voltaris means for machine builders",
        "By Katrin Hollmann, Stuttgart",
        "Online first: 15.03.2024",
        " ".join(PARAGRAPH.split()),
        " ".join(SECOND.split()),
    ]


def test_a_page_of_long_lines_or_of_short_ones_is_not_wrapped() -> None:
    compact = [" ".join(PARAGRAPH.split()), " ".join(SECOND.split())] * 5
    assert wrap_width(compact) is None  # one paragraph a line: nothing to join
    listing = ["Tesla cuts prices in China", "Rivian opens a new plant", "BYD sales rise"] * 5
    assert wrap_width(listing) is None  # short lines that do not break off mid-sentence


def test_a_print_page_loses_its_folio_and_running_head_and_the_paragraph_goes_on() -> None:
    page = (
        "ANTRIEBSTECHNIK REVIEW   International Edition   04/2024\n\n"
        + PARAGRAPH
        + "\nKessler would not say whether it is bidding for the Zaragoza order, a\n"
        "formulation that in the industry is generally\n\n"
        "12                                   Antriebstechnik Review 04/2024\n"
        "\fANTRIEBSTECHNIK REVIEW   International Edition   04/2024\n\n"
        "understood to mean that Chinese and Korean machine builders are in the\n"
        "running for the larger lots.\n\n" + SECOND
    )
    document = read_text("page.txt", page, markdown=False)
    texts = [line.text for line in document.lines]
    assert (
        "Kessler would not say whether it is bidding for the Zaragoza order, a formulation that"
        " in the industry is generally understood to mean that Chinese and Korean machine"
        " builders are in the running for the larger lots."
    ) in texts
    # (the running head at the top of the first page is the same furniture)
    furniture = [d.text for d in document.dropped if d.rule == "page-furniture"]
    assert furniture == [
        "ANTRIEBSTECHNIK REVIEW International Edition 04/2024",
        "12 Antriebstechnik Review 04/2024",
        "ANTRIEBSTECHNIK REVIEW International Edition 04/2024",
    ]


def test_wrapped_headlines_join_but_a_byline_a_dateline_and_a_list_item_do_not() -> None:
    page = (
        "Northgrid to open 14 megawatt charging hubs for trucks along the E6\n"
        "by 2027\n"
        "Northgrid Newsroom · 3 Jun 2025\n"
        "OSLO, 3 June 2025 – Northgrid Charging AS today announced a NOK 1.9 bil-\n"
        "lion programme to build 14 charging hubs for heavy electric trucks along\n"
        "the E6 corridor between Oslo, Gothenburg and Malmö. Each hub will offer\n"
        "at least four megawatt charging bays able to deliver up to 1,200 kW to a\n"
        "single vehicle, and every site will have a battery to shave its peaks.\n"
        "* Fjordcell raises NOK 600 million for marine battery plant in Bergen\n"
        "  Ampere Ledger · 2 Jun 2025\n\n" + SECOND
    )
    texts = _texts(page)
    assert texts[:3] == [
        "Northgrid to open 14 megawatt charging hubs for trucks along the E6 by 2027",
        "Northgrid Newsroom · 3 Jun 2025",
        "OSLO, 3 June 2025 – Northgrid Charging AS today announced a NOK 1.9 billion programme"
        " to build 14 charging hubs for heavy electric trucks along the E6 corridor between"
        " Oslo, Gothenburg and Malmö. Each hub will offer at least four megawatt charging bays"
        " able to deliver up to 1,200 kW to a single vehicle, and every site will have a"
        " battery to shave its peaks.",
    ]
    assert texts[3:5] == [
        "* Fjordcell raises NOK 600 million for marine battery plant in Bergen",
        "Ampere Ledger · 2 Jun 2025",
    ]


def test_a_plain_text_briefing_is_a_listing_of_teasers(tmp_path: Path) -> None:
    items = [
        (
            "Halden recalls 4,100 HX-9 electric semis over coolant leak",
            "Halden Trucks is recalling 4,112 of its HX-9 battery-electric semi\n"
            "tractors because coolant can seep into the battery packs and, in rare\n"
            "cases, cause a short circuit in the pack that holds the cells…",
            "Haul Electric",
        ),
        (
            "India clears Rs 3,150 crore for 7,200 highway fast chargers",
            "The Union Cabinet on Friday approved a Rs 3,150-crore scheme to set up\n"
            "7,200 public fast chargers along national highways and expressways over\n"
            "the next three years, aiming to end the range anxiety of car buyers…",
            "Rupee Standard",
        ),
        (
            "Sao Paulo orders 650 Aurora electric buses from a local maker",
            "The city of São Paulo will buy 650 battery-electric buses from Aurora\n"
            "Carrocerias, the Caxias do Sul bodybuilder said on Thursday in a filing\n"
            "with the stock exchange, in the largest order of its kind in the region…",
            "Rodovia Digital",
        ),
    ]
    mail = (
        "From: The Charge Sheet <briefing@chargesheet.example>\n"
        "To: subscriber@example.com\n"
        "Subject: The Charge Sheet: Halden's recall, India's highway chargers, and\n"
        " 650 buses for Sao Paulo\n"
        "Date: Sat, 16 Mar 2024 06:30:12 -0400\n\n"
        "Good morning. A busy week for trucks: a recall and a new depot from the\n"
        "same company. Five items, four minutes.\n\n-- Ana\n\n"
        "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -\n\n"
    )
    for k, (headline, excerpt, source) in enumerate(items, start=1):
        mail += f"[{k}/3]\n{headline}\n\n{excerpt}\n\nSource: {source}\n"
        mail += f"Read more: https://chargesheet.example/r/412-{k}\n\n"
    mail += (
        "+----------------------------------------------------------------------+\n"
        "| SPONSOR  Know which trucks in your fleet are affected by a recall    |\n"
        "| before the letter arrives. Try it free: https://kestrel.example/try  |\n"
        "+----------------------------------------------------------------------+\n"
    )
    (tmp_path / "mail.txt").write_text(mail, encoding="utf-8")
    page = process_file(tmp_path / "mail.txt", tmp_path)
    assert [(i.teaser, i.headline) for i in page.instances] == [
        (True, headline) for headline, _, _ in items
    ]
    assert [i.blocks[0].text for i in page.instances] == [
        " ".join(excerpt.split()).rstrip("…") for _, excerpt, _ in items
    ]
    rules = {d.text: d.rule for d in page.dropped}
    assert rules["Good morning. A busy week for trucks: a recall and a new depot from the"
                 " same company. Five items, four minutes."] == "newsletter"  # fmt: skip
    assert rules["-- Ana"] == "newsletter"
    assert rules["[2/3]"] == "pagination"


def test_a_link_aggregator_thread_is_a_teaser_and_comments(tmp_path: Path) -> None:
    comment = (
        "Worked adjacent to this for a while. Dry room cost is brutal, and every time someone"
        " opens a door you pay for it."
    )
    thread = [
        "Bytelinks",
        "new | past | comments | ask | show | jobs | submit",
        "Toyota picks Kyushu site for pilot solid-state battery line",
        "(nipponmobility.jp)",
        "211 points by kiln_ok 7 hours ago | hide | past | favorite | 96 comments",
    ]
    for name, hours in (("rdeckard", 6), ("sulfide_sam", 5), ("mgoetz", 4)):
        thread += [f"{name} {hours} hours ago | parent | next [–]", comment, "reply"]
    (tmp_path / "thread.txt").write_text("\n".join(thread), encoding="utf-8")
    page = process_file(tmp_path / "thread.txt", tmp_path)
    assert [(i.teaser, i.headline) for i in page.instances] == [
        (True, "Toyota picks Kyushu site for pilot solid-state battery line")
    ]
    assert {d.rule for d in page.dropped if d.text == comment} == {"comment"}


def test_an_article_a_member_announces_in_their_post_heads_its_own_article(
    tmp_path: Path,
) -> None:
    body = (
        "Kia is recalling 32,614 examples of the EV6 in the United States because the rearview"
        " camera image can take too long to appear after the driver shifts into reverse."
    )
    (tmp_path / "forum.txt").write_text(
        "\n\n".join(
            [
                "Rear camera lag recall – it's official now (32k cars)",
                "Thread starter socal_gt_line Start date May 8, 2025",
                "Joined Sep 14, 2022",
                "Messages 687",
                "May 8, 2025",
                "#1",
                "So the backup camera thing we've been complaining about is finally a recall."
                " Copying the article here because their site is unreadable on mobile:",
                "Kia Recalls Over 32,000 EV6s Because The Backup Camera Can Lag",
                body,
                "The fix is a software update for the head unit, which dealers will install"
                " free of charge from the middle of next month.",
            ]
        ),
        encoding="utf-8",
    )
    page = process_file(tmp_path / "forum.txt", tmp_path)
    [article] = page.instances
    assert article.headline == "Kia Recalls Over 32,000 EV6s Because The Backup Camera Can Lag"
    assert article.blocks[0].text == body
    assert article.date is None  # the post's date is the thread's, not the pasted article's


def test_a_fediverse_thread_names_its_author_and_starts_at_the_first_post(
    tmp_path: Path,
) -> None:
    posts = [
        "Hefei just gave Qiyun Autonomous a fully driverless commercial permit that includes"
        " the airport expressway. Pool cars, no safety officer, 200 vehicles to start.",
        "The key detail is speed: every earlier permit of its kind was limited to urban roads,"
        " and this one covers an expressway with a limit of 100 km/h.",
    ]
    lines = ["Mastodon", "Create account"]
    for post in posts:
        lines += ["Lena Wei 🚕🔋", "@lenawei@transit.social", "3d", post, "2", "18", "Reply",
                  "Boost", "Favourite"]  # fmt: skip
    (tmp_path / "thread.txt").write_text("\n\n".join(lines), encoding="utf-8")
    [article] = process_file(tmp_path / "thread.txt", tmp_path).instances
    assert article.authors == ("Lena Wei",)
    assert article.blocks[0].text == posts[0]
    assert chrome_rule("@lenawei@transit.social") == "byline"
    assert byline_name("", "Lena Wei 🚕🔋") == ["Lena Wei"]


def test_lines_around_articles_on_new_sites() -> None:
    rules = {
        "Bulletins / Safety / 2024-11": "navigation",
        "EV Bharat Wire | Clean mobility news from India": "site-motto",
        "Statement: This article is reproduced for the purpose of conveying more information."
        " If the source is wrongly labeled, please contact us.": "site-notice",
        "*(With inputs from agencies. This story has been published from a syndicated feed;"
        " only the headline has been changed.)*": "site-notice",
        "Unauthorized reproduction and redistribution prohibited": "legal",
        "Cells & Sense is a reader-supported newsletter about batteries and grids.": "newsletter",
        "♡ 214 · 💬 37 · Share": "social-count",
        "[like] 36    [collect]    [share]": "image-alt",
        "[banner-ad-320x50]": "image-alt",
        "Park Ji-hoon park.jh@koreaautoherald.example": "contact-line",
        "The two chiefs pose after signing the MOU in Seoul on the 19th. Ⓒ Hanbit Motors": "caption",
        "Input 2024.03.19 14:20 | Revised 2024.03.19 15:02": "byline",
        "Xinche Net 2024-03-13 09:25 Zhou Min": "byline",
        "Marta Kelnerova, Ampere Ledger -- 14.03.2025 16:05": "byline",
        "-> https://ampereledger.eu/batteries/voltaris-ostrava-40-gwh/": "bare-link",
        "SPONSOR Charge your fleet, not your patience.": "newsletter",
        "TEXT PAVLA HORÁKOVÁ · PHOTOS JAN STRNAD": "byline",
        "<- Previous post: Shore power at Craignure: where the money went": "pagination",
        "Newer: Halvorsen Haulage picks the E6 corridor ->": "pagination",
        "Harbour Volts is a one-person blog. Text (c) Ewan Corrie, CC BY-NC.": "legal",
        "nordictrucknotes.no | powered by a very old text editor": "legal",
        "Republication outside the licence terms is prohibited.": "legal",
        "FleetBrief is read by 41,000 fleet managers every weekday.": "newsletter",
        "Manage preferences | Unsubscribe: <https://fleetbrief.news/u/7731>": "newsletter",
        ">> ALSO WORTH YOUR TIME": "related-block",
        "The magazine of electric industry": "site-motto",
        "Sun Valley EV Motors is an authorized service partner and is not owned or operated by"
        " Lumetra Motors, Inc.": "site-notice",
        "Hosted by Cass Moreland and Deon Pryce. Produced by Juniper Audio.": "byline",
        "Links from this episode": "related-block",
        "• 1st": "byline",
    }
    assert {text: chrome_rule(text) for text in rules} == rules
    # (lines of text that must stay text)
    assert byline_name("", "TEXT PAVLA HORÁKOVÁ · PHOTOS JAN STRNAD") == ["Pavla Horáková"]
    for text in (
        "Home / News",
        "0:00 Intro",
        "#1",
        "Price war: Tesla / BYD / Xpeng cut again.",
        "Next: the company plans to expand to Europe.",
    ):
        assert chrome_rule(text) in (None, "forum"), text


def test_dates_written_year_first_with_dots() -> None:
    assert parse_date("Input 2024.03.19 14:20") == "2024-03-19"
    assert parse_date("version 2024.3.1 of the app") == "2024-03-01"
    assert parse_date("an address 10.0.2024.11 here") is None


def test_a_wire_dateline_dates_a_story_with_no_byline_date(tmp_path: Path) -> None:
    (tmp_path / "release.txt").write_text(
        "PRESS RELEASE\n\nNorthgrid and Halvorsen Haulage sign five-year charging agreement\n\n"
        "OSLO, 3 June 2025 – Halvorsen Haulage, which runs 140 trucks between Norway and Sweden,"
        " has signed a five-year agreement to charge its electric fleet at Northgrid's hubs.\n\n"
        "Under the agreement, Halvorsen reserves 20 percent of the charging slots at two hubs.",
        encoding="utf-8",
    )
    [article] = process_file(tmp_path / "release.txt", tmp_path).instances
    assert article.date == "2025-06-03"


def test_a_line_under_a_picture_that_repeats_its_alt_text_is_its_caption() -> None:
    document = read_text(
        "page.md",
        "![Volvo Cars sales, February 2023](https://example.com/a.jpg)\n\n"
        "Volvo Cars sales, February 2023\n\n# Volvo Cars reports 46,712 cars sold in February\n",
        markdown=True,
    )
    assert [line.text for line in document.lines] == [
        "Volvo Cars reports 46,712 cars sold in February"
    ]
    assert Dropped("page.md", 3, "Volvo Cars sales, February 2023", "caption") in document.dropped


def test_a_line_going_on_in_lower_case_is_never_a_headline() -> None:
    texts = [
        "new grid connection was GBP1.1 million and a",
        "eActros trucks reach 500 km on a single charge",
        " ".join(SECOND.split()),
    ]
    lines = tuple(Line(n, text) for n, text in enumerate(texts, start=1))
    raw = RawArticle(source="page.txt", position=0, section=None, headline=None,
                     start_line=1, lines=lines)  # fmt: skip
    zone = make_zone(raw, None)
    assert [zone.lines[i].text for i in zone.headline_candidates()] == [texts[1]]


def test_a_social_network_post_names_its_author_over_the_degree_of_connection(
    tmp_path: Path,
) -> None:
    post = (
        "On Saturday we let thousands of drivers down. Our network went dark for six hours,"
        " and for many of you that meant a missed shift, a cold car or a long wait."
    )
    page = "\n".join(["Feed post", "Anouk de Vries", "Anouk de Vries", "• 1st", post, post])
    (tmp_path / "post.txt").write_text(page, encoding="utf-8")
    [article] = process_file(tmp_path / "post.txt", tmp_path).instances
    assert article.authors == ("Anouk de Vries",)
    assert article.blocks[0].text == post


def test_a_short_lead_over_other_articles_and_teasers_stays_an_article(tmp_path: Path) -> None:
    brief = (
        "Engineers from Quisol reaffirmed the recycling line at a Sparks test site, and some"
        " Reno dealers say free cash flow will follow once the second shift starts."
    )
    long = " ".join(PARAGRAPH.split() + SECOND.split())
    teasers = [
        ("Ora Good Cat spotted with a new cell near Setubal", "The hatchback was seen …"),
        ("Lynzenra lands a battery swap station deal worth $305 million", "The deal …"),
        ("Why a vertically integrated range extender matters to fleets", "Fleets …"),
    ]
    headlines = [
        "Sunwoda to invest $12.1 billion in Xi'an charging corridor plant",
        "Why Honda's cautious financing offer matters for lease penetration",
    ]
    page = [f"# {headlines[0]}", "By Kai Young April 9, 2025", brief]
    page += ["Policy", f"# {headlines[1]}", "By Ivan Cole March 25, 2024", long, "Related"]
    for headline, excerpt in teasers:
        page += [headline, f"{excerpt} The rest of the story is on its page, one click away …"]
    (tmp_path / "index.md").write_text("\n\n".join(page), encoding="utf-8")
    found = process_file(tmp_path / "index.md", tmp_path).instances
    assert [i.headline for i in found if not i.teaser] == headlines
    assert sum(i.teaser for i in found) == 3
