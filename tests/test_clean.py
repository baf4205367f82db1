from __future__ import annotations

from dataclasses import replace

import pytest

from generator.clean import clean, drop_known_headlines, drop_recurring_boilerplate
from generator.dates import parse_date, writes_day_first
from generator.model import Block, BlockKind, Instance, Line, PageMeta, RawArticle
from generator.rules import byline_name, chrome_rule, chrome_rules, other_language

BODY = "The company said the new plant will start production next year and employ about 2,000 people at full output."
LONG = " ".join([BODY] * 3)


def article(text: str, headline: str | None = "Rivian opens its first charging site") -> tuple:
    lines = tuple(
        Line(n, t.strip()) for n, t in enumerate(text.strip().split("\n"), start=1) if t.strip()
    )
    raw = RawArticle("p.txt", 1, "News", headline, 1, lines)
    instance, dropped = clean(raw)
    return instance, {d.text: d.rule for d in dropped}


def texts(instance) -> list[str]:
    return [b.text for b in instance.blocks]


def test_tweet_with_glued_attribution_and_its_text_lines() -> None:
    inst, dropped = article(f"""
{LONG}
Rivian just opened a site
Details:
“Huge news for adventure drivers in the Rockies pic.twitter.com/AbC123— Some Fan (@somefan) May 3, 2025
{BODY}
""")
    assert texts(inst) == [LONG, BODY]
    assert set(dropped.values()) == {"embedded-tweet"} and len(dropped) == 3


def test_tweet_with_attribution_line_stops_at_lead_in_sentence() -> None:
    inst, dropped = article(f"""
{LONG}
The company shared the news on X this morning:
Our first site is live. More coming this summer!
#Rivian #EV pic.twitter.com/xyz987
— Rivian (@Rivian) June 1, 2025
{BODY}
""")
    assert texts(inst) == [LONG, "The company shared the news on X this morning:", BODY]
    assert len(dropped) == 3


def test_subheadings_kept_inline_related_headlines_dropped() -> None:
    inst, dropped = article(f"""
{LONG}
What it means for owners
{BODY}
Lucid Gravity gets a surprising review from a longtime Porsche owner
{BODY}
Read more: Ford cuts prices
{BODY}
""")
    assert [b.kind for b in inst.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
    ]
    assert dropped == {
        "Lucid Gravity gets a surprising review from a longtime Porsche owner": "inline-related-headline",
        "Read more: Ford cuts prices": "inline-related-headline",
    }


def test_deck_byline_date_and_author() -> None:
    inst, dropped = article(f"""
The move follows a similar program in California.
Published on March 4, 2025
By Jane Doe
(Credit: Rivian)
{LONG}
The company first teased the program on January 9, 2024 at an event.
""")
    assert inst.deck == "The move follows a similar program in California."
    assert inst.date == "2025-03-04"
    assert inst.authors == ("Jane Doe",)
    assert dropped["(Credit: Rivian)"] == "caption"


def test_date_in_body_or_tweet_is_not_the_publication_date() -> None:
    inst, _ = article(f"""
{LONG}
Volkswagen signed the deal on Tuesday, January 18, 2022, in Wolfsburg.
Great day pic.twitter.com/abc— VW (@VW) January 18, 2022
""")
    assert inst.date is None


def test_contact_line_and_bio_give_authors_and_are_dropped() -> None:
    inst, dropped = article(f"""
{LONG}
Got a story? Contact me at jordan@example-news.com or on X @jordan.
Priya is a senior reporter covering batteries and charging for the site.
""")
    assert inst.authors == ("Jordan", "Priya")
    assert set(dropped.values()) == {"contact-line", "author-bio"}
    assert texts(inst) == [LONG]


def test_glued_continue_reading_and_repeated_headline() -> None:
    inst, dropped = article(f"""
Rivian opens its first charging site
{LONG}
The site has eight stalls. Continue reading…
""")
    assert texts(inst) == [LONG, "The site has eight stalls."]
    assert dropped["Continue reading…"] == "continue-reading"
    assert dropped["Rivian opens its first charging site"] == "repeated-headline"


def test_comments_after_the_body_are_dropped() -> None:
    inst, dropped = article(f"""
{LONG}
3 Comments
Great article, thanks for writing it up for all of us.
""")
    assert texts(inst) == [LONG]
    assert set(dropped.values()) == {"comments"}


def test_known_headlines_of_other_articles_are_dropped() -> None:
    first, _ = article(f"{LONG}\nFord cuts prices\n{BODY}")
    other, _ = article(LONG, headline="Ford cuts prices")
    cleaned, dropped = drop_known_headlines([first, other])
    assert texts(cleaned[0]) == [LONG, BODY]
    assert [d.rule for d in dropped] == ["inline-related-headline"]


def test_parse_date_forms() -> None:
    assert parse_date("Updated: March 4, 2025") == "2025-03-04"
    assert parse_date("4 Mar 2025") == "2025-03-04"
    assert parse_date("date 2025-03-04") == "2025-03-04"
    assert parse_date("3 hours ago") is None
    assert parse_date("February 30, 2025") is None
    # a numeric date glued to the agency's name, as a wire dateline prints it
    assert parse_date("Nordwire16.05.2024") == "2024-05-16"
    assert parse_date("AgencyPress4/18/2023") == "2023-04-18"
    assert parse_date("ref 2016.05.2024") is None


def test_slashed_dates_follow_the_page_s_order() -> None:
    # alone, the US order; day first where the page writes one that reads only that way,
    # or prints the day-first reading in words as well
    assert parse_date("Published 03/08/2023") == "2023-03-08"
    assert parse_date("Published 03/08/2023", day_first=True) == "2023-08-03"
    assert writes_day_first(["Posted 14/02/2023", "03/08/2023"])
    assert writes_day_first(["Monday, 3 August 2023", "Published on 03/08/2023 at 10:05"])
    assert not writes_day_first(["Monday, March 8, 2023", "Published 03/08/2023"])
    assert not writes_day_first(["Published 4/18/2023 5:40 PM", "Updated 04/19/2023"])


def test_the_date_a_page_labels_as_published_wins() -> None:
    # the day's edition above the story, its update below: the publication date is neither
    inst, _ = article(
        f"Friday, June 13, 2025\nUpdated: 6/13/2025 8:02 AM\nPosted June 12, 2025\n{LONG}"
    )
    assert inst.date == "2025-06-12"
    meta = PageMeta(captured="2025-06-14", day_first=True)
    lines = tuple(Line(n, t) for n, t in enumerate(["Lena Ortiz · 2 days ago", LONG], start=1))
    raw = RawArticle("p.txt", 1, None, "Rivian opens its first charging site", 1, lines)
    assert clean(raw, meta)[0].date == "2025-06-12"
    lines = tuple(Line(n, t) for n, t in enumerate(["Published on 08/06/2025", LONG], start=1))
    raw = RawArticle("p.txt", 1, None, "Rivian opens its first charging site", 1, lines)
    assert clean(raw, meta)[0].date == "2025-06-08"


def test_the_byline_s_date_wins_over_the_day_printed_above_the_headline() -> None:
    lines = (
        Line(1, "Thursday, December 3, 2026"),  # (the day the site printed the page)
        Line(3, "Lakeshore Wire2026-11-18"),  # (under the headline, line 2)
        Line(4, LONG),
    )
    raw = RawArticle("p.txt", 1, None, "Halvorsen picks Toledo", 1, lines, headline_line=2)
    assert clean(raw)[0].date == "2026-11-18"


def test_a_field_of_a_table_of_particulars_names_nobody() -> None:
    assert byline_name("", "Filing Date | 11/24/2026") == []
    assert byline_name("", "Lena Ortiz | 11/24/2026") == ["Lena Ortiz"]


def test_about_the_company_under_a_release_goes_with_its_description() -> None:
    inst, dropped = article(
        f"{LONG}\nAbout Halvorsen Energy ASA\nFounded in Trondheim in 2019, Halvorsen Energy "
        "develops and manufactures sodium-ion battery cells for storage."
    )
    assert texts(inst) == [LONG] and dropped["About Halvorsen Energy ASA"] == "press-release"


def test_byline_shapes_give_date_and_authors() -> None:
    for byline, author in [
        ("By: Lena Ortiz", "Lena Ortiz"),
        ("Written by Lena Ortiz", "Lena Ortiz"),
        ("Lena Ortiz | Jun 12 2025 - 9:30 am PT", "Lena Ortiz"),
        ("By Lena Ortiz | June 12, 2025", "Lena Ortiz"),
        ("Lena Ortiz / June 12, 2025", "Lena Ortiz"),
        ("12 June 2025 · Lena Ortiz, Chief Operating Officer · 3 min read", "Lena Ortiz"),
        (
            "Source: Example Auto News Author: Lena Ortiz 2025-06-12 09:15 (Beijing time)",
            "Lena Ortiz",
        ),
    ]:
        inst, dropped = article(f"{byline}\nJune 12, 2025\n{LONG}")
        assert dropped[byline] == "byline", byline
        assert inst.authors == (author,) and inst.date == "2025-06-12", byline
    inst, dropped = article(f"WireServiceJune 12, 2025 · 10:42 AM\n{LONG}")
    assert dropped["WireServiceJune 12, 2025 · 10:42 AM"] == "byline"
    assert inst.authors == () and inst.date == "2025-06-12"
    _, dropped = article(f"{LONG}\nSomeAggregator · 21h\n{BODY}")
    assert dropped["SomeAggregator · 21h"] == "byline"


def test_author_bio_shapes() -> None:
    inst, dropped = article(f"""
{LONG}
Author
Lena Ortiz
Senior Reporter
Lena Ortiz covers charging networks and grid storage for Example Motors. She lives in Lyon.
""")
    assert texts(inst) == [LONG]
    assert inst.authors == ("Lena Ortiz",)
    assert dropped["Senior Reporter"] == "author-bio"
    assert dropped["Author"] == "author-bio"
    inst, dropped = article(
        f"{LONG}\nTom Reyes is Example Motors’ Texas correspondent. Reach him at tom@example.org."
    )
    assert inst.authors == ("Tom Reyes",) and texts(inst) == [LONG]
    # a first name is not listed next to the full name it belongs to
    inst, _ = article(
        f"By Lena Ortiz\n{LONG}\nLena covers batteries for Example Motors. Before that, she wrote code."
    )
    assert inst.authors == ("Lena Ortiz",)
    # a company "covers" costs: not a bio
    inst, _ = article(
        f"{LONG}\nFord covers the cost of a home charger for buyers who order this month."
    )
    assert len(inst.blocks) == 2
    # a sentence that starts with "That is …" names nobody
    inst, _ = article(f"{LONG}\nThat is the question every analyst we spoke to asked first.")
    assert len(inst.blocks) == 2 and inst.authors == ()


def test_site_chrome_lines_are_dropped_with_their_rules() -> None:
    chrome = {
        "This story originally appeared on Example Motors and is republished with permission.": "syndication",
        "Originally published on Example Motors.": "syndication",
        "Read the original article on Example Motors.": "syndication",
        "FTC: We use income earning affiliate links.": "disclaimer",
        "Example Motors uses affiliate links. See our policy here.": "disclaimer",
        "Our Standards: The Example Trust Principles.": "disclaimer",
        "Please enable JavaScript to view the comments.": "script-notice",
        "Loading next story…": "script-notice",
        "Page 2 of 97": "pagination",
        "Next »": "pagination",
        "© 2025 Example Media LLC.": "copyright",
        "Read our Privacy Policy and Terms of Use.": "legal",
        "The best EV stories delivered straight to your inbox.": "newsletter",
        "Subscribe to Example Motors on YouTube for weekly videos.": "social-follow",
        "Add Example Motors to your Google News feed.": "google-news",
        "(Reporting by A. Writer in Oslo; Editing by B. Editor)": "wire-credit",
        "Click to share on Facebook (Opens in new window)": "share-bar",
        "Home | Batteries | Charging | Policy": "navigation",
        "Tags: Ferries, Batteries, Norway": "tags",
        "Recommended for you": "related-block",
        "The ferry at dusk. Photo: Example Ferries": "caption",
        "Have a battery story we missed? Write to tips@example.org.": "contact-line",
        "Dieser Text wurde automatisch aus einem Agenturfeed übernommen und nicht geprüft.": "other-language",
    }
    inst, dropped = article(LONG + "\n" + "\n".join(chrome) + "\n" + BODY)
    assert texts(inst) == [LONG, BODY]
    assert dropped == chrome


def test_caption_above_credit_line_and_gallery_label() -> None:
    inst, dropped = article(f"""
Published on June 12, 2025
The new ferry at its berth
Photo by: Example Ferries
{LONG}
Gallery: 2026 Example Ferry
{BODY}
A ferry at sea (Image: Example Ferries)
{BODY}
""")
    assert dropped["The new ferry at its berth"] == "caption"
    assert dropped["Gallery: 2026 Example Ferry"] == "caption"
    assert dropped["A ferry at sea (Image: Example Ferries)"] == "caption"
    assert texts(inst) == [LONG, BODY, BODY]


def test_one_sentence_deck_before_a_longer_first_paragraph() -> None:
    inst, _ = article(f"The plant will make cells for three carmakers from next year.\n{LONG}")
    assert inst.deck == "The plant will make cells for three carmakers from next year."
    assert texts(inst) == [LONG]
    other = (
        "Officials said the site was chosen for its rail links and its access to cheap hydro power."
    )
    inst, _ = article(f"{BODY}\n{other}")  # a first paragraph as long as the next is not a deck
    assert inst.deck is None and len(inst.blocks) == 2


def test_stat_lines_and_cut_off_paragraphs_are_body() -> None:
    inst, dropped = article(f"""
{LONG}
The figures for the quarter:
Deliveries: 12,400
Range: 520 km
Charging outlook
The company said it expects “a busy summer for the
""")
    assert [b.kind for b in inst.blocks] == [
        BlockKind.PARAGRAPH, BlockKind.PARAGRAPH, BlockKind.PARAGRAPH, BlockKind.PARAGRAPH,
        BlockKind.HEADING, BlockKind.PARAGRAPH,
    ]  # fmt: skip
    assert dropped == {}


def test_glued_tweet_does_not_take_the_paragraph_above() -> None:
    para = (
        "The first sites opened on Monday, and the operator said twelve more will follow by autumn."
    )
    inst, dropped = article(f"""
{LONG}
{para}
Twelve more sites by autumn, says the operator. Big news! https://t.co/AbCd1234 — Charge Fan (@chargefan) May 3, 2025
{BODY}
""")
    assert texts(inst) == [LONG, para, BODY]
    assert list(dropped.values()) == ["embedded-tweet"]


def test_foreign_language_tweet_does_not_take_english_text_above() -> None:
    para = "The model went on sale in Korea last year, where it is offered with two battery sizes."
    inst, dropped = article(f"""
{LONG}
{para}
기아 신형 전기차 미국 출시 확정! 조지아 공장에서 생산 예정
pic.twitter.com/Xy12ab
— 전기차 뉴스 (@evnews) July 22, 2025
{BODY}
""")
    assert texts(inst) == [LONG, para, BODY]
    assert set(dropped.values()) == {"embedded-tweet"} and len(dropped) == 3


def test_recurring_short_lines_are_learned_across_different_stories() -> None:
    def story(n: int, extra: str) -> Instance:
        long = f"Story number {n} tells of a plant that will build {n} thousand cells a year for three carmakers from next spring onwards, regional officials said on Monday."
        return Instance(
            f"site/{n}.txt", 0, None, f"Headline {n}", 1, None,
            (Block(BlockKind.PARAGRAPH, long, 2), Block(BlockKind.PARAGRAPH, extra, 3)),
        )  # fmt: skip

    prompt = "Become a member and read without ads"
    pages = [story(n, prompt) for n in (1, 2, 3)]
    cleaned, dropped = drop_recurring_boilerplate(pages)
    assert [len(inst.blocks) for inst in cleaned] == [1, 1, 1]
    assert {d.rule for d in dropped} == {"recurring-boilerplate"} and len(dropped) == 3
    # the same story on three pages: its short paragraph is not chrome
    copies = [
        replace(story(7, "The line starts in May."), source=f"copy/{k}.txt") for k in range(3)
    ]
    cleaned, dropped = drop_recurring_boilerplate(copies)
    assert dropped == [] and cleaned == copies
    # two pages are not enough
    assert drop_recurring_boilerplate(pages[:2])[1] == []


# --- page furniture of any site: each class by a line of its own --------------------------

FURNITURE = [
    ('<image>data:image/svg+xml,%3Csvg%20width%3D%22300%22%3E" alt="Lucid Air"</image>', "markup"),
    ("![](data:image/gif;base64,R0lGODlhAQABAAAAACw=)", "inline-image"),
    ("Hero shot data:image/jpeg;base64,/9j/4AAQSkZJRg==", "data-uri"),
    ("Hamburger Menu Icon", "icon-label"),
    ("Chevron Down Icon", "icon-label"),
    ("HomeNewsChargingPolicyReviews", "navigation"),
    ("7–9 minutes", "reading-time"),
    ("3 min", "reading-time"),
    ("electricfleetdaily.com", "site-name"),
    ("2.4K Followers", "social-count"),
    ("118 Likes", "social-count"),
    ("#3", "forum"),
    ("kwh_dave said:", "forum-quote"),
    ("Click to expand...", "forum-quote"),
    ("Joined: Mar 2019", "forum"),
    ("Name *", "comment-form"),
    ("Title:", "comment-form"),
    ("You have 1500 characters left.", "comment-form"),
    ("Your email address will not be published. Required fields are marked *", "comment-notice"),
    ("Please enter your correct name and email before posting.", "comment-notice"),
    ("Ce site utilise des cookies pour améliorer votre expérience. Accepter", "cookie-notice"),
    ("We use cookies to personalise content and ads.", "cookie-notice"),
    ("Accept all", "cookie-notice"),
    ("Nothing in this article constitutes investment advice.", "notice"),
    ("This release contains forward-looking statements about future results.", "notice"),
    ("Market data delayed by 20 minutes.", "market-data"),
    ("NIO 9.87 +0.42 (+4.44%)", "market-data"),
    ("Download the Volt Radio app for live updates.", "app-promo"),
    ("Author: Ingrid Solberg (KTVB)", "byline"),
    ("via Charged Weekly · May 3, 2023", "byline"),
    ("date 2023-05-03 AboutContactAdvertise", "byline"),
    ("Saved from https://example.com/story on 2023-05-04 08:12", "capture-note"),
    (
        "FILE ARCHIVED ON 21:04:11 Mar 02, 2023 AND RETRIEVED FROM THE ARCHIVE ON 10:12:40 Jun 01, 2023.",
        "capture-note",
    ),
    ("Crews unload cells at the plant in March. (Volt Daily file photo/Ana Ruiz)", "photo-credit"),
    ("A welder at the Kolding line in May. (Mette Holm for The Harbour Post)", "caption"),
    ("Mara Lind · 3 days ago · 6 min read", "byline"),
    ("7:15 AM PST • March 2, 2023", "byline"),
    ("Thu 2 Mar 2023 07.15 GMT", "byline"),
    ("pubDate: Thu, 02 Mar 2023 07:15:00 +0000 · dc:creator: Mara Lind", "byline"),
    ("Sunday, 5 March 2023 | 12 Shaaban 1444", "byline"),
    ("Fuel & Fleet · Mar 2", "byline"),
    ("Bike IconBike IconBike Outline Icon Score: 3 of 5", "icon-label"),
    ("Energy › Grid Storage", "navigation"),
    ("Skip to content | Read the print edition | Topics | Search", "navigation"),
    ("TopicsCarsFleet OperationsChargingPolicyEvents", "navigation"),
    ("Newer stories", "pagination"),
    ("a delivery van plugged in at a depot outside utrecht at dusk", "image-alt"),
    ("Update March 3rd, 9:10AM ET: Added the utility's response.", "editor-note"),
    (
        "Correction: An earlier version of this story gave the wrong capacity for the plant.",
        "editor-note",
    ),
    ("Continue reading for $1", "paywall"),
    ("Then $29 per month. Cancel anytime.", "paywall"),
    ("This story was translated from Dutch by our desk.", "syndication"),
    (
        "The post Why depots need bigger grid connections appeared first on Fleet Lines.",
        "syndication",
    ),
    (
        "Voltbox is reader-supported: we may earn a commission when you buy through our links.",
        "disclaimer",
    ),
    ("Press office: Ana Ruiz, +34 91 555 01 22, press@agency.example", "contact-line"),
    ("Related coverage:", "related-block"),
    ("Lees ook / Read also:", "related-block"),
    ("Sign in to your Courier account to join the conversation.", "comments"),
    ("Improve this answer", "qa-site"),
    ("answered Mar 2, 2023 at 9:14 volt_kim 3,102", "qa-site"),
    ("This live blog has now closed.", "live-blog"),
    ("You are viewing the lite version of Fleet Lines, built for slow connections.", "site-notice"),
    ("Download PDF (1.2 MB)", "download-link"),
    ("Voltbox Ltd is authorised and regulated by the Financial Conduct Authority.", "legal"),
    ("View this email in your browser", "newsletter"),
    ("The Fleet Letter: five things worth knowing, every Monday.", "newsletter"),
    ("That's all for this issue. Reply and tell us what we missed.", "newsletter"),
    ("You're receiving this because you signed up at fleetletter.example.", "newsletter"),
    ("Fleet Letter is published by Quayside Media LLC, 12 Dock St, Bristol.", "site-notice"),
    ("Low-bandwidth edition", "site-notice"),
    ("Programming note: no issue next week, back on June 2.", "editor-note"),
    ("Our reporter travelled to Oslo at the invitation of Nordvolt.", "notice"),
    ("Sorted by: Newest first", "qa-site"),
    ("← Issue #41 Issue #43 →", "pagination"),
    ("Image source, Reuters", "caption"),
    ("Anzeige", "ad"),
    ("Email (required)", "comment-form"),
    ("enclosure: ferry-quay.jpg (image/jpeg, 92 KB)", "feed-field"),
    ("https://fleetletter.example/p/ferries", "bare-link"),
    ("March 8, 2024 11:42 AM GMT+8Updated 2 hours ago", "byline"),
    ("First Published: 15 Apr 2025, 07:40 PM IST", "byline"),
    ("Tue, April 8, 2025 at 10:41 AM GMT+9 3 min read", "byline"),
    ("2025-04-23 09:30:12 Source: Qingche Net Author: Zhao Mingyuan Editor: Liu Jia", "byline"),
    ("Next article", "related-block"),
    ("More from Driveline Daily", "related-block"),
    ("Listen (4 min)", "audio-player"),
    ("Reading time: 4 Min.", "reading-time"),
    ("HomepageNew carsNew energyIndustryShoppingVideoForumApp download", "navigation"),
    ("pubdate 09/14/2022 | EventsAwardsWebinarsWhite PapersSubscribeAdvertise", "byline"),
    ("+4.60%", "market-data"),
    ("Pacific Wire Service logo", "image-alt"),
    ("Story continues", "ad"),
    ("The cell plant in Tatabanya, Hungary, in March. (Hanseong Energy Solutions)", "caption"),
    ("🌐 This page was automatically translated. Show original (Deutsch)", "site-notice"),
    ("Forwarded from EV Bharat Chat", "social-post"),
    ("3d • Edited •", "social-post"),
    ("#EVCharging #Highways #MHI", "social-post"),
    ("👁 5.8K", "social-count"),
    ("2,207 votes", "social-count"),
    ("yschoi@hanriverherald.example.com", "contact-line"),
    ("Write to Dana Whitfield at dana.whitfield@ledgerpost.example.com", "contact-line"),
    ("Appeared in the April 30, 2025, print edition as 'Lumetra Cuts Jobs'.", "syndication"),
    ("(Pictures of this article are from the official)", "caption"),
    ("Hot comments", "comments"),
    ("Next page >", "pagination"),
    ("24 articles | Page 1 of 3", "pagination"),
    ("[Industry] Apr 24, 2025", "byline"),
    ("Low-bandwidth version | Switch to full site", "site-notice"),
    ("NEWS PROVIDED BY Kestrel Lithium Corp. Nov 22, 2022, 16:05 ET", "byline"),
    ("pubDate: Tue, 01 Dec 2026 17:00:00 +0000 | dc:creator: Ana Lima | category: Tips", "byline"),
    (
        "Good morning. A truck maker showed megawatt charging. Here's what you need to know.",
        "newsletter",
    ),
    ("That's it for today. See you tomorrow.", "newsletter"),
    ("You are receiving this email because you signed up for The Charge Sheet.", "newsletter"),
    ("Read more at Great Lakes Business Daily", "continue-reading"),
    ("With your permission we and our partners may use precise geolocation data.", "cookie-notice"),
    ("You can change your preferences or withdraw your consent at any time.", "cookie-notice"),
    ("I ACCEPT", "cookie-notice"),
    ("Sign up for Recall Alerts", "newsletter"),
    ("Get free email alerts when a recall affects a vehicle you own.", "newsletter"),
    ("____________________ [ Subscribe ]", "form-field"),
    ("(Editor in charge: Wang Lei)", "editor-credit"),
    ("Top", "navigation"),
    ("Related Recalls", "related-block"),
    (
        "Great Lakes Business Daily republishes wire copy from Lakeshore Wire under license.",
        "site-notice",
    ),
    ("This summary was prepared by Voltaro Investor Relations for convenience.", "site-notice"),
    (
        "This content is aggregated automatically from partner sites. To request removal, write.",
        "site-notice",
    ),
    ("This bulletin is for EETCA members and partners. Forwarding is permitted.", "site-notice"),
    ("Be the first one to comment.", "comments"),
    ("Reuse this content", "syndication"),
    ("Remind me in April", "reader-ask"),
    ("… as you’re joining us today from the UK, we have a small favour to ask.", "reader-ask"),
    ("Support the Albion Post from as little as £1 – it only takes a minute.", "reader-ask"),
    ("Reply Share Report Save Follow", "post-actions"),
    ("mudflap_mike · 3 days ago", "byline"),
    ("I am a bot, and this action was performed automatically.", "forum"),
    ("new | past | comments | ask | show | jobs | submit", "forum"),
    ("rdeckard 6 hours ago | next [–]", "forum"),
    ("(nipponmobility.jp)", "bare-link"),
    ("[Print this page]   [Close Window]", "syndication"),
    ("For reprint rights: syndication@autobharattimes.com", "syndication"),
    ("Article URL: https://www.wprn19.example/2022/12/05/rivian-recalls/", "syndication"),
    ("Continue reading this story in the Newsstand app.", "app-promo"),
    (
        "(Catch all the Auto News, Industry News and Latest EV Updates on AutoBharat Times.)",
        "app-promo",
    ),
    ("About the authors", "author-bio"),
    ("Subscribe to Kestrel Insights", "newsletter"),
    ("This issue is brought to you by GridNest, the home charger that waits.", "newsletter"),
    ("Forward to a friend · Was this forwarded to you? Subscribe here", "newsletter"),
    ("Want to change how you receive these emails?", "newsletter"),
    ("Auto-refresh: ON", "live-blog"),
    ("0:00 / 11:48", "audio-player"),
    ("Apr 18, 2023 08:02 (GMT+8) · Last updated Apr 18, 2023 17:46 (GMT+8)", "byline"),
    ("Mar 02, 2023 ID: 315980", "byline"),
    ("📌 Join our discussion group: t.me/evbharat_chat", "social-post"),
    ("📊 Poll: Which corridor needs fast chargers first?", "social-post"),
    ("📰 Details + what operators are saying 👇", "social-post"),
    (
        "Denna information är sådan information som Volvo Car AB (publ) är skyldigt att "
        "offentliggöra enligt EU:s marknadsmissbruksförordning.",
        "other-language",
    ),
]


@pytest.mark.parametrize(("line", "rule"), FURNITURE)
def test_furniture_any_site_prints_is_chrome(line: str, rule: str) -> None:
    assert chrome_rule(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "SpaceX",
        "PowerCo",
        "Saved by a software update, the fleet is back on the road after two weeks.",
        "Printed circuit boards for the inverter come from a supplier in Penang.",
        "The company said its cookies policy does not apply to the charging app.",
        "Nothing about the new plant has been decided yet, the governor said on Tuesday.",
        "The Model Y starts at $47,740 after the cut, the company said.",
        "Volkswagen e a Gotion assinaram o acordo. The plant will employ 2,000 people in Sines.",
        "Tesla > Ford in third-quarter sales, for the first time in Texas",
        "The update: owners will get the new firmware over the air in March.",
        "Related to the plant, the firm said it would hire 300 workers by spring.",
        "The plant opened in May (two months late, the company said).",
        "Contact with the battery pack caused the fire, investigators said on Monday.",
        "The depot charges its buses every evening.",
        "Exports rose → 40% in a year, the ministry said on Friday in its annual report.",
        "BrightDrop and PowerCo sign deal with SolarEdge and ChargePoint",
        "More from the plant will go to carmakers in Europe, the company said.",
        "Tesla unveils new logo",
        "#1 in the segment for the third year running, the company said.",
        "Pictures of the new plant show a second line under construction, analysts said.",
        "Good morning, everyone, the chief executive began, before announcing the cuts.",
        "Read more about the plant in the company's annual report, the spokesman said.",
        "Drivers can withdraw consent to data sharing in the app, the company said.",
        "Top executives met on Monday to discuss the recall, the company said.",
        "The summary was prepared by analysts at the bank, who expect more cuts.",
        "Subscribe to the idea that batteries will get cheaper, analysts said on Friday.",
        "The plant in Skelleftea, Sweden, will make cells for Volvo and other carmakers.",
        "Credits for the cells will be paid from 2024, the ministry said on Friday.",
        "Joint venture partners will build the plant in 2025, the ministry said.",
        "Polling stations opened at 8am across the state, officials said.",
    ],
)
def test_article_text_is_not_furniture(line: str) -> None:
    assert chrome_rule(line) is None


def test_a_run_of_chapter_lines_is_the_player_s_list_and_a_live_blog_s_times_are_not() -> None:
    chapters = ["Chapters", "0:00 Intro", "1:12 What the permit allows", "10:45 What to watch"]
    assert chrome_rules(chapters)[1:] == ["chapters"] * 3
    live = ["16:20 Zeekr X opens for pre-orders", LONG, "14:05 NIO updates ES6", LONG]
    assert chrome_rules(live) == [None] * 4


def test_a_box_takes_its_short_lines_along() -> None:
    lines = ["Newsletter", "The Weekly Charge", "Five stories, every Friday.", "Enter your email"]
    assert chrome_rules(lines)[1:3] == ["newsletter", "newsletter"]
    # a headline after a sign-up link heads an article: its byline follows
    head = ["Subscribe", "Panasonic picks Kansas for a third battery plant", "By Jane Okafor"]
    assert chrome_rules(head)[1] is None


def test_other_languages_next_to_english_words() -> None:
    assert other_language(
        "Os conteúdos publicados neste site têm caráter informativo e não constituem "
        "aconselhamento de investimento."
    )
    assert not other_language("Tesla's Model Y gets a cheaper trim as sales in Europe slow down")


def test_authors_in_the_shapes_a_head_prints_them() -> None:
    for head, authors in [
        ("Nina Farrow, Senior Consumer Writer\n12 September 2022 · 7 min read", ("Nina Farrow",)),
        ("Maeve Callaghan, Rob Askew and Priya Nair\nWed 8 Feb 2023 20.05 GMT",
         ("Maeve Callaghan", "Rob Askew", "Priya Nair")),
        ("Youssef Benali\nThe Atlas Tribune\nKenitra\nPublished on 03/08/2023", ("Youssef Benali",)),
        ("**Lucía Ferrández** · 4 hours ago · 3 min read", ("Lucía Ferrández",)),
        ("22.11.2022, 10:15 Uhr · Von Jonas Albrecht", ("Jonas Albrecht",)),
        ("By DANA WHITCOMBE\nContinental Press Service\nPosted Oct. 7, 2022", ("Dana Whitcombe",)),
        ("By Harriet Olsen\nThe Sterling Dispatch\nSeptember 14, 2022", ("Harriet Olsen",)),
    ]:  # fmt: skip
        lines = tuple(Line(n, t) for n, t in enumerate([*head.split("\n"), LONG], start=2))
        raw = RawArticle("p.txt", 0, None, "Rivian opens its first charging site", 1, lines)
        inst, _ = clean(replace(raw, headline_line=1, body_start=lines[-1].number))
        assert inst.authors == authors, head


def test_the_names_under_a_page_s_comments_are_readers() -> None:
    inst, dropped = article(f"""
By Salma Idrissi
March 10, 2023
{LONG}
{BODY}
Comments (2)
Karim B. · 10/03/2023 at 10:41
Finally someone says it.
""")
    assert inst.authors == ("Salma Idrissi",)
    assert dropped["Comments (2)"] == "comments"
