from __future__ import annotations

from generator.model import Document, Line
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
