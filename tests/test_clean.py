from __future__ import annotations

from generator.clean import clean, drop_known_headlines, parse_date
from generator.model import BlockKind, Line, RawArticle

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
