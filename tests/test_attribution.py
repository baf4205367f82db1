"""Attribution: where each source of a story ran, from the page or `seeds/sources.csv`,
shown on the article, in lists and feeds; and the front page by day."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from lxml import etree

from generator.attribution import parse_sources, reporters
from generator.build import BuildOptions, build
from generator.curation import Curation, Topic
from generator.feeds import feed_files
from generator.html_reader import read_html
from generator.model import Article, Block, BlockKind, Origin
from generator.render import (
    Activity,
    article_page,
    by_day,
    entry,
    home_page,
    repeats_title,
    reported_by,
)
from generator.text_reader import page_meta

from .conftest import SEEDS, read_page

BODY = (
    "Tesla said on Tuesday that its Megapack factory in Lathrop, California, will double "
    "its output of grid batteries this year, as demand for energy storage keeps growing."
)


def story(**changes) -> Article:
    fields = dict(
        id="tesla-megapack",
        title="Tesla doubles Megapack output",
        title_source="headline",
        section=None,
        authors=[],
        date=None,
        summary="Lathrop will make twice as many grid batteries.",
        blocks=[
            Block(BlockKind.PARAGRAPH, BODY),
            Block(BlockKind.PARAGRAPH, "Second. " * 120),
            Block(BlockKind.PARAGRAPH, "Third paragraph."),
        ],
        sources=["a.html", "b.txt", "c.md", "d.txt"],
        instances=[],
    )
    fields.update(changes)
    return Article(**fields)


def test_the_sources_file_is_read_and_every_problem_named_with_its_line() -> None:
    listed, problems = parse_sources(
        "file,url,outlet,captured\n"
        "a.txt,https://electrek.co/2025/03/04/x/,Electrek,2025-03-04 10:15\n"
        "\n"
        "b.txt,ftp://nope,,\n"
        ",https://x.example/,,\n"
        "c.txt,,Teslarati,yesterday-ish\n"
        "a.txt,https://other.example/,,\n"
    )
    assert listed["a.txt"].url == "https://electrek.co/2025/03/04/x/"
    assert listed["a.txt"].outlet == "Electrek"
    assert listed["a.txt"].captured == "2025-03-04 10:15"
    assert listed["b.txt"].url is None and listed["c.txt"].outlet == "Teslarati"
    assert [(p.source, p.reason.split(":")[0]) for p in problems] == [
        ("sources.csv:4", "url"),
        ("sources.csv:5", "file"),
        ("sources.csv:6", "captured"),
        ("sources.csv:7", "file"),
    ]
    _, problems = parse_sources("path,address\nx,y\n")
    assert problems[0].source == "sources.csv:1" and "file, url" in problems[0].reason


def test_pages_state_their_address_and_outlet() -> None:
    reader = page_meta(
        "Title: PowerCo starts pilot cells | EV Nieuws\n"
        "URL Source: https://www.evnieuws.nl/en/2023/03/14/powerco/\n"
        "Published Time: 2023-03-14\n\nMarkdown Content:\nBody.\n",
        markdown=True,
    )
    assert reader.url == "https://www.evnieuws.nl/en/2023/03/14/powerco/"
    assert reader.outlet == "EV Nieuws"
    html = read_html(
        "p.html",
        '<html><head><title>X - y</title><link rel="canonical" href="https://kwd.example/a/">'
        '<meta property="og:url" content="https://kwd.example/b/">'
        '<meta property="og:site_name" content="Kilowatt Daily"></head>'
        f"<body><article><h1>Headline here</h1><p>{BODY}</p></article></body></html>",
    )
    assert html.meta.url == "https://kwd.example/a/"  # the canonical link first
    assert html.meta.outlet == "Kilowatt Daily"
    bare = read_html(
        "q.html", f"<html><head><title>Headline</title></head><body><p>{BODY}</p></body></html>"
    )
    assert bare.meta.url is None and bare.meta.outlet is None  # nothing made up


def test_reported_by_names_each_outlet_once_earliest_first_and_counts_the_rest() -> None:
    origins = [
        Origin("a.html", "https://electrek.co/x/", "Electrek", "2025-03-05"),
        Origin("b.txt", None, "Teslarati", "2025-03-04"),
        Origin("c.md", "https://teslarati.com/y/", "Teslarati", "2025-03-06"),
        Origin("d.txt", None, "InsideEVs", None),
        Origin("e.txt"),
    ]
    assert reporters(origins[:3]) == [
        ("Teslarati", "https://teslarati.com/y/"),  # (the first one with an address)
        ("Electrek", "https://electrek.co/x/"),
    ]
    assert reported_by(origins[:3]) == (
        "Reported by [Teslarati](<https://teslarati.com/y/>) and "
        "[Electrek](<https://electrek.co/x/>)"
    )
    assert reported_by(origins).endswith("and 2 more")
    assert reported_by([Origin("only.txt")]) == "Reported by `only.txt`"


def test_an_article_page_records_its_sources_and_can_show_only_an_excerpt() -> None:
    article = story(origins=[Origin("a.html", "https://electrek.co/x/", "Electrek", "2025-03-05")])
    page = article_page(article)
    meta = yaml.safe_load(page.split("---\n")[1])
    assert meta["sources"][0] == {
        "file": "a.html",
        "url": "https://electrek.co/x/",
        "outlet": "Electrek",
        "captured": "2025-03-05",
    }
    assert meta["sources"][1] == {"file": "b.txt", "url": None, "outlet": None, "captured": None}
    assert "Third paragraph." in page
    excerpt = article_page(article, body="excerpt")
    # the first paragraphs, up to about 120 words
    assert BODY in excerpt and "Second." in excerpt and "Third paragraph." not in excerpt
    assert "[Read the full story at Electrek](<https://electrek.co/x/>)" in excerpt


def test_a_summary_that_repeats_a_derived_title_is_not_shown_under_it() -> None:
    assert repeats_title(BODY, "Tesla said on Tuesday that its Megapack factory in…")
    assert not repeats_title("Lathrop will make twice as many.", "Tesla doubles output")
    derived = story(title="Tesla said on Tuesday that its Megapack…", summary=BODY)
    assert BODY[:40] not in entry(derived)
    assert "Lathrop will make" in entry(story())


def test_the_front_page_groups_stories_by_day_and_marks_days_only_seen() -> None:
    stated = story(id="s", title="Stated", date="2025-03-04")
    seen = story(id="n", title="Seen", origins=[Origin("a.html", None, "X", "2025-03-05 08:00")])
    same_day = story(id="t", title="Also stated", date="2025-03-04")
    nothing = story(id="u", title="Unknown")
    groups = by_day([nothing, stated, seen, same_day], 10)
    assert [(day, only_seen, [a.id for a in group]) for day, only_seen, group in groups] == [
        ("2025-03-05", True, ["n"]),
        ("2025-03-04", False, ["t", "s"]),  # ("Also stated" before "Stated")
        (None, False, ["u"]),
    ]
    page = home_page([nothing, stated, seen, same_day], [Topic("energy", "energy.yml", "Energy")])
    assert "## First seen Wednesday, 5 March 2025 (no date stated)" in page
    assert "## Tuesday, 4 March 2025" in page and "## Undated" in page


def test_the_activity_chart_counts_stories_per_week_up_to_the_newest_day() -> None:
    articles = [
        story(id=str(i), date=day, topics=["energy"])
        for i, day in enumerate(["2025-03-04", "2025-03-03", "2025-02-20", "2024-01-01"])
    ]
    activity = Activity(articles)
    assert activity.weeks["energy"][-1] == 2 and activity.weeks["energy"][-2] == 1
    assert sum(activity.weeks["energy"]) == 3  # (a story older than 26 weeks is left out)
    chart = activity.chart("energy", "Energy & <power>")
    assert chart.count("<rect") == 26 and "Energy &amp; &lt;power&gt;" in chart
    assert Activity([story()]).chart("energy", "Energy") == ""  # no day known: no chart


def test_a_topic_feed_says_what_it_is_and_items_link_the_originals() -> None:
    article = story(
        topics=["energy"],
        origins=[Origin("a.html", "https://electrek.co/x/?a=1&b=2", "Electrek & Co", None)],
    )
    curation = Curation(
        topics=[Topic("energy", "energy.yml", "Energy", "Grid  storage\nand solar.")]
    )
    settings = {
        "site_name": "EV Digest",
        "site_description": "All of it.",
        "site_url": "https://d.example/",
        "use_directory_urls": True,
    }
    feed = etree.fromstring(
        feed_files([article], None, curation, settings)["feeds/topics/energy.xml"].encode()
    )
    channel = feed.find("channel")
    assert channel.findtext("title") == "EV Digest: Energy"
    assert channel.findtext("description") == "Grid storage and solar."
    assert channel.findtext("link") == "https://d.example/topics/energy/"
    description = channel.find("item").findtext("description")
    assert '<a href="https://electrek.co/x/?a=1&amp;b=2">Electrek &amp; Co</a>' in description


def test_a_sources_file_attributes_the_seeds_and_its_problems_are_reported(
    tmp_path: Path,
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "sources.csv").write_text(
        "file,url,outlet\n"
        "001_ce56be4b87a4730c.txt,https://www.teslarati.example/heat-pumps/,Teslarati\n"
        "missing.txt,https://x.example/,X\n",
        encoding="utf-8",
    )
    options = BuildOptions(
        seeds=seeds, topics=tmp_path / "topics", docs=tmp_path / "docs", use_cache=False
    )
    result = build(options)
    assert [(s.source, s.reason) for s in result.skipped] == [
        ("sources.csv:3", "file: no seed file 'missing.txt'")
    ]
    lead = next(
        read_page(p)[0] for p in (tmp_path / "docs" / "articles").glob("tesla-orders-450k-*.md")
    )
    assert lead["sources"] == [
        {
            "file": "001_ce56be4b87a4730c.txt",
            "url": "https://www.teslarati.example/heat-pumps/",
            "outlet": "Teslarati",
            "captured": None,
        }
    ]
