from __future__ import annotations

from pathlib import Path

from generator.build import process_file
from generator.clean import clean
from generator.model import Document, Line
from generator.rules import split_breadcrumb
from generator.segment import segment

BODY = "The company said the new plant will start production next year and employ about 2,000 people at full output."


def doc(text: str, kind: str = "text") -> Document:
    lines = [
        Line(n, t.strip()) for n, t in enumerate(text.strip().split("\n"), start=1) if t.strip()
    ]
    return Document("page.txt", kind, tuple(lines))


def test_compact_page_with_labels() -> None:
    page = doc(f"""
{BODY}
Another paragraph of the lead article with enough words to count as body text here.
Energy
Rivian opens its first Adventure Network site in Colorado
{BODY}
SpaceX
Starship flies again after a three-month pause for repairs
Second paragraph here that is long enough to count as body text for the segmenter.
""")
    articles = segment(page)
    assert [(a.position, a.section, a.headline) for a in articles] == [
        (0, None, None),
        (1, "Energy", "Rivian opens its first Adventure Network site in Colorado"),
        (2, "SpaceX", "Starship flies again after a three-month pause for repairs"),
    ]


def test_spaced_page_with_chrome_before_the_lead() -> None:
    page = doc(f"""
Connect with us

lucid gravity lucid gravity

Latest News

Lucid Gravity deliveries begin in Europe

Lucid Gravity at a showroom (Credit: Lucid)

Published

on

By

{BODY}
""")
    articles = segment(page)
    assert len(articles) == 1
    assert articles[0].section == "Latest News"
    assert articles[0].headline == "Lucid Gravity deliveries begin in Europe"


def test_headline_like_lines_inside_a_body_do_not_split_it() -> None:
    page = doc(f"""
News
Tesla opens a new Supercharger site in Norway
{BODY}
Tesla just opened a site
Summary:
{BODY}
Why it matters for drivers
{BODY}
Polestar reports record quarter as Polestar 4 deliveries ramp across Europe and Asia
{BODY}
""")
    articles = segment(page)
    assert len(articles) == 1
    assert len(articles[0].lines) == 8


def test_headline_without_label_followed_by_byline() -> None:
    page = doc(f"""
{BODY}
Ford delays its three-row electric SUV again
By Jane Doe
{BODY}
""")
    articles = segment(page)
    assert [a.headline for a in articles] == [None, "Ford delays its three-row electric SUV again"]


def test_lead_with_its_own_headline() -> None:
    page = doc(f"""
GM restarts Bolt production at Fairfax plant
{BODY}
""")
    (article,) = segment(page)
    assert article.headline == "GM restarts Bolt production at Fairfax plant"
    assert article.section is None


def test_html_level_one_headings_start_articles() -> None:
    lines = (
        Line(1, "Policy"),
        Line(2, "EU agrees on battery passport rules", 1),
        Line(3, BODY),
        Line(4, "Second story heading here", 1),
        Line(5, BODY),
    )
    articles = segment(Document("p.html", "html", lines))
    assert [(a.section, a.headline) for a in articles] == [
        ("Policy", "EU agrees on battery passport rules"),
        (None, "Second story heading here"),
    ]


def test_site_name_and_menu_before_the_first_article_are_not_a_lead() -> None:
    page = doc(f"""
Example Motors
Batteries
Charging
Policy
Charging
Ferry operator orders its first battery-electric vessel
By Jane Doe
{BODY}
""")
    (article,) = segment(page)
    assert (article.position, article.section) == (0, "Charging")
    assert article.headline == "Ferry operator orders its first battery-electric vessel"
    instance, dropped = clean(article)
    assert [b.text for b in instance.blocks] == [BODY]
    assert {d.text: d.rule for d in dropped if d.line < 5} == {
        "Example Motors": "navigation",
        "Batteries": "navigation",
        "Charging": "navigation",
        "Policy": "navigation",
    }


def test_headline_printed_twice_heads_the_lead() -> None:
    page = doc(f"""
Ferry operator orders its first battery-electric vessel
Ferry operator orders its first battery-electric vessel
{BODY}
""")
    (article,) = segment(page)
    assert article.headline == "Ferry operator orders its first battery-electric vessel"
    instance, dropped = clean(article)
    assert [d.rule for d in dropped] == ["repeated-headline"]


def test_listing_teasers_are_not_articles() -> None:
    page = doc("""
Archives
Ferry operator orders its first battery-electric vessel
By Jane Doe
2 hours ago
The operator said the ship will enter service in 2027 and carry up to 600 passengers on its…
Read More
Charging hubs double along the coast road
By John Roe
5 hours ago
A regional program has doubled the number of fast-charging hubs on the coast road in a year […]
Read More
""")
    articles = segment(page)
    results = [clean(article) for article in articles]
    teasers = [instance for instance, _ in results if instance.teaser]
    assert all(not instance.blocks for instance, _ in results if not instance.teaser)
    # each teaser: its headline, its excerpt without the cut-off mark, its byline dropped
    assert [(t.headline, [b.text for b in t.blocks]) for t in teasers] == [
        (
            "Ferry operator orders its first battery-electric vessel",
            [
                "The operator said the ship will enter service in 2027 and carry up to 600 passengers on its"
            ],
        ),
        (
            "Charging hubs double along the coast road",
            [
                "A regional program has doubled the number of fast-charging hubs on the coast road in a year"
            ],
        ),
    ]
    rules = {d.text: d.rule for _, dropped in results for d in dropped}
    assert rules["Read More"] == "continue-reading"
    assert rules["By John Roe"] == "byline"


def test_a_briefing_s_items_linked_on_to_their_stories_are_teasers() -> None:
    """Each item ends with its link on ("Read more at <outlet> →", a link line), whatever
    follows it: a sponsor's paragraph, a chart of the day."""
    item = "Ferry operator orders its first battery-electric vessel"
    excerpt = (
        "The operator said the ship will enter service in 2027 and carry up to 600 passengers…"
    )
    lines = (
        Line(1, "The Charge Sheet · Morning Briefing", 1),
        Line(2, "TRUCKS"),
        Line(3, item, 3),
        Line(4, excerpt),
        Line(5, "Read more at Harbour Daily →", 0, "link-list"),
        Line(
            6,
            "Chart of the day: public fast-charging ports in the country passed 71,000 last week.",
        ),
    )
    teasers = [a for a in segment(Document("brief.md", "markdown", lines)) if a.teaser]
    assert [(t.headline, [line.text for line in t.lines]) for t in teasers] == [
        (item, ["TRUCKS", excerpt, "Read more at Harbour Daily →"])
    ]


def test_stories_a_page_lists_beside_its_article_are_teasers_after_its_last_paragraph() -> None:
    """A card the page lists ("related-block", from HTML) right after the article's last
    paragraph is a teaser, not the article's subheading; so is a bulleted headline under a
    "Related …" label in a text dump."""
    headline = "Five habits for faster winter charging"
    excerpt = "Cold batteries charge slowly, but a few small habits can cut the time you spend…"
    lines = (
        Line(1, "Gridline puts NACS at every site", 1),
        Line(2, BODY),
        Line(3, BODY),
        Line(4, headline, 0, "related-block"),
        Line(5, excerpt, 0, "related-block"),
    )
    teasers = [a for a in segment(Document("blog.html", "html", lines)) if a.teaser]
    assert [(t.headline, [line.text for line in t.lines]) for t in teasers] == [
        (headline, [excerpt])
    ]
    page = doc(f"""
Korvel recalls its vans
{BODY}
{BODY}
Related Recalls
* Ardent Motors recalls 1,200 Lyra sedans for loose seat-belt anchor
* Northline Bus recalls electric school buses over charge-port fire risk
""")
    teasers = [a for a in segment(page) if a.teaser]
    assert [clean(t)[0].headline for t in teasers] == [
        "Ardent Motors recalls 1,200 Lyra sedans for loose seat-belt anchor",
        "Northline Bus recalls electric school buses over charge-port fire risk",
    ]


def test_an_article_pasted_into_a_thread_s_reply_is_an_article_and_the_replies_are_not(
    tmp_path: Path,
) -> None:
    headline = "Rivian recalls nearly 12,700 R1 trucks and SUVs over passenger airbag sensor"
    paragraph = f"{BODY} {BODY} {BODY}"
    (tmp_path / "thread.txt").write_text(
        f"""t/R1Owners • Posted by u/gravel_and_glamp 3 days ago
News
Rivian recalling ~12.7k R1T/R1S for airbag sensor, says fix is OTA
187 Comments
AutoModerator · 3 days ago
Reminder: this is a News-flaired post. Keep it civil, and no referral codes in replies.
I am a bot, and this action was performed automatically.
Reply Share Report Save Follow
mudflap_mike · 3 days ago
Article text for anyone getting the autoplay video instead of the page:
{headline}
Published: Dec. 5, 2022 at 5:47 PM CST
{paragraph}
{paragraph}
Reply Share Report Save Follow
gravel_and_glamp OP · 3 days ago
Thanks. Mine is an Oct 2022 build, VIN lookup says the recall is incomplete already.
""",
        encoding="utf-8",
    )
    page = process_file(tmp_path / "thread.txt", tmp_path)
    pasted = [i for i in page.instances if i.headline == headline]
    assert len(pasted) == 1 and [b.text for b in pasted[0].blocks] == [paragraph, paragraph]


def test_the_headline_under_next_story_with_its_deck_and_byline_heads_the_next_article() -> None:
    page = doc(f"""
Tata Group firms up plans for a cell plant at Dholera
By Rohit Sen
{BODY}
{BODY}
Next Story
Tata Motors to raise Nexon EV prices by up to Rs 25,000 from January 1
Company cites an 18% rise in battery cell costs since April
Sharmila Iyer
Updated On Dec 01, 2022 | 06:15 PM IST
{BODY}
{BODY}
""")
    articles = segment(page)
    assert [(a.headline, a.teaser) for a in articles][-1] == (
        "Tata Motors to raise Nexon EV prices by up to Rs 25,000 from January 1",
        False,
    )


def test_a_breadcrumb_glued_to_the_headline_without_spaces_is_split_off() -> None:
    assert split_breadcrumb("Auto News›Industry›Tata Group firms up plans for a cell plant") == (
        "Auto News›Industry",
        "Tata Group firms up plans for a cell plant",
    )
    # (the last crumb glued to a model year the headline opens with)
    assert split_breadcrumb("Reviews›Hyundai›Ioniq 62023 Hyundai Ioniq 6 Limited review") == (
        "Reviews›Hyundai›Ioniq 6",
        "2023 Hyundai Ioniq 6 Limited review",
    )
    assert split_breadcrumb("Home › Autos › 2023 was the year EVs went mainstream") == (
        "Home › Autos",
        "2023 was the year EVs went mainstream",
    )


def test_lower_level_heading_with_label_and_byline_starts_an_article() -> None:
    lines = (
        Line(1, "Ferry operator orders its first battery-electric vessel", 1),
        Line(2, BODY),
        Line(3, "Why it matters", 2),
        Line(4, BODY),
        Line(5, "Charging"),
        Line(6, "Charging hubs double along the coast road", 2),
        Line(7, "Jane Doe | Jun 11 2025 - 12:04 pm PT"),
        Line(8, BODY),
    )
    articles = segment(Document("p.md", "markdown", lines))
    assert [(a.section, a.headline) for a in articles] == [
        (None, "Ferry operator orders its first battery-electric vessel"),
        ("Charging", "Charging hubs double along the coast road"),
    ]
    instance, _ = clean(articles[1])
    assert instance.authors == ("Jane Doe",) and instance.date == "2025-06-11"


def test_period_headline_then_deck_then_byline_starts_an_article() -> None:
    page = doc(f"""
{BODY}
Comments
News
Ford confirms the electric Explorer for Europe.
The crossover shares its platform with the ID.4.
By Jane Doe
{BODY}
""")
    articles = segment(page)
    assert [a.headline for a in articles] == [
        None,
        "Ford confirms the electric Explorer for Europe.",
    ]


def _teasers(page: Document) -> list[str | None]:
    return [clean(raw)[0].headline for raw in segment(page) if raw.teaser]


def test_teasers_of_a_related_list_in_its_shapes() -> None:
    # a "Read also:" link in the body; under "Read also:", a headline that is a full
    # sentence, then another; under "More from …", a teaser after its own section label,
    # with an excerpt that ends without a stop
    page = doc(f"""
Ferry operator orders its first battery-electric vessel
{BODY}
Read also: Charging hubs double along the coast road
{BODY}
Read also:
The port will cap the charge of electric cars on its ships at 40 percent from March, the harbour master says.
Why the battery plant in the north is running late
Comments (4)
More from Climate
Islands
Harbour council votes to buy twelve electric ferries for its island routes
The first two boats enter service in the spring, the rest by the end of 2027, the council said on Tuesday
Terms of Use
""")
    assert _teasers(page) == [
        "Charging hubs double along the coast road",
        "The port will cap the charge of electric cars on its ships at 40 percent from March, "
        "the harbour master says.",
        "Why the battery plant in the north is running late",
        "Harbour council votes to buy twelve electric ferries for its island routes",
    ]


def test_the_headline_under_next_article_is_a_teaser_or_the_next_article() -> None:
    # a headline alone under "Next article" is a teaser of that story; with its body,
    # the next article in full
    teaser = doc(f"""
Ferry operator orders its first battery-electric vessel
{BODY}
{BODY}
Next Article
Harbour council votes to buy twelve electric ferries for its island routes
© Harbour Post 2024
""")
    assert _teasers(teaser) == [
        "Harbour council votes to buy twelve electric ferries for its island routes"
    ]
    appended = doc(f"""
Ferry operator orders its first battery-electric vessel
{BODY}
{BODY}
Next Article
Harbour council votes to buy twelve electric ferries for its island routes
{BODY} The vote was unanimous.
{BODY}
{BODY}
""")
    assert _teasers(appended) == []


def test_a_headline_with_its_author_and_outlet_after_read_next_is_an_article() -> None:
    page = doc(f"""
Ferry operator orders its first battery-electric vessel
{BODY}
Read Next
Islands
Harbour council votes to buy twelve electric ferries for its island routes
Nathan Ostrowski
Harbour Post
Published: 03/10/2023 9:30 AM
{BODY}
{BODY}
""")
    assert _teasers(page) == []
    headlines = [raw.headline for raw in segment(page)]
    assert "Harbour council votes to buy twelve electric ferries for its island routes" in headlines
