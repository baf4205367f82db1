"""RSS feeds: valid, newest first, stable GUIDs, dates only from the articles, byte-identical."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path

from generator.archive import INDEX, archive_pages
from generator.config import site_settings
from generator.curation import Curation, Topic
from generator.feeds import (
    ALL_FEED,
    EMPTY_SITEMAP,
    FEED_LIMIT,
    feed_files,
    topic_feed_path,
)
from generator.model import Article, Block, BlockKind

from .conftest import ROOT, SEEDS, run_cli

SETTINGS = {
    "site_name": "EV Digest",
    "site_description": "News.",
    "site_url": "https://news.example/digest/",
    "use_directory_urls": True,
}


def article(n: int, date_: str | None, topics: tuple[str, ...] = (), **extra) -> Article:
    return Article(
        id=f"story-{n:03d}",
        title=f"Story {n:03d}",
        title_source="headline",
        section="News",
        authors=[],
        date=date_,
        summary=f"Summary {n}.",
        blocks=[Block(BlockKind.PARAGRAPH, "Body.")],
        sources=["a.txt"],
        instances=[],
        topics=list(topics),
        **extra,
    )


def channel(xml: str) -> ET.Element:
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "rss" and root.get("version") == "2.0"
    found = root.find("channel")
    assert found is not None
    return found


def pub_dates(xml: str) -> list[str | None]:
    return [
        parsedate_to_datetime(d).date().isoformat() if (d := item.findtext("pubDate")) else None
        for item in channel(xml).findall("item")
    ]


STORIES = [
    article(1, "2025-01-05", ("batteries",)),
    article(2, None, ("batteries",)),
    article(3, "2025-03-01", ("charging",)),
    article(4, "2024-12-31"),
    article(5, None),
    article(6, "2025-03-01", ("batteries",)),
]


def test_newest_first_then_undated_without_a_date() -> None:
    xml = feed_files(STORIES, settings=SETTINGS)[ALL_FEED]
    items = channel(xml).findall("item")
    assert [i.findtext("title") for i in items] == [
        "Story 006",  # same day as 003: ties by title, newest-first order of the site
        "Story 003",
        "Story 001",
        "Story 004",
        "Story 002",
        "Story 005",
    ]
    assert pub_dates(xml) == ["2025-03-01", "2025-03-01", "2025-01-05", "2024-12-31", None, None]


def test_undated_stories_come_latest_added_first_in_feeds_and_the_archive() -> None:
    """`first_seen` (the ledger's day) orders the undated stories, in the feeds and in the
    archive's Undated section, where it is labelled as the day added: never as a date."""
    stories = [
        article(1, "2025-01-05"),
        article(2, None, first_seen="2026-01-10"),
        article(3, None, first_seen="2026-03-02"),
        article(4, None, first_seen="2026-02-20"),
    ]
    xml = feed_files(stories, settings=SETTINGS)[ALL_FEED]
    titles = [i.findtext("title") for i in channel(xml).findall("item")]
    assert titles == ["Story 001", "Story 003", "Story 004", "Story 002"]
    assert pub_dates(xml) == ["2025-01-05", None, None, None]
    archive = archive_pages(stories)[INDEX]
    undated = archive.split("## Undated", 1)[1]
    assert [undated.index(f"(../articles/story-{n:03d}.md)") for n in (3, 4, 2)] == sorted(
        undated.index(f"(../articles/story-{n:03d}.md)") for n in (3, 4, 2)
    )
    assert "undated, added 2026-03-02" in undated and 'evd-facts">2026' not in undated


def test_channel_date_is_the_newest_article_date_never_the_build_time() -> None:
    xml = feed_files(STORIES, settings=SETTINGS)[ALL_FEED]
    built = channel(xml).findtext("lastBuildDate")
    assert built and parsedate_to_datetime(built).date() == date(2025, 3, 1)
    undated = feed_files([article(1, None), article(2, None)], settings=SETTINGS)[ALL_FEED]
    assert channel(undated).find("lastBuildDate") is None
    assert channel(undated).find("pubDate") is None
    assert pub_dates(undated) == [None, None]
    assert "Date>" not in undated  # no date of any kind: not the build time either


def test_guids_are_the_article_urls() -> None:
    xml = feed_files(STORIES, settings=SETTINGS)[ALL_FEED]
    for item in channel(xml).findall("item"):
        guid = item.find("guid")
        assert guid is not None and guid.get("isPermaLink") == "true"
        assert guid.text == item.findtext("link")
        assert guid.text.startswith("https://news.example/digest/articles/story-")
        assert guid.text.endswith("/")
    flat = feed_files(STORIES, settings={**SETTINGS, "use_directory_urls": False})[ALL_FEED]
    assert "https://news.example/digest/articles/story-001.html" in flat


def test_one_feed_per_topic_with_its_articles_only() -> None:
    curation = Curation(topics=[Topic(id="batteries", file="batteries.yml", title="Batteries")])
    curation.topics.append(Topic(id="quiet", file="quiet.yml", title="Quiet"))
    files = feed_files(STORIES, curation=curation, settings=SETTINGS)
    assert sorted(files) == [
        ALL_FEED,
        "feeds/sitemap.xml",
        topic_feed_path("batteries"),
        topic_feed_path("charging"),
        topic_feed_path("quiet"),
        "feeds/topics/sitemap.xml",
    ]
    batteries = channel(files[topic_feed_path("batteries")])
    assert batteries.findtext("title") == "EV Digest: Batteries"
    assert [i.findtext("title") for i in batteries.findall("item")] == [
        "Story 006",
        "Story 001",
        "Story 002",
    ]
    assert channel(files[topic_feed_path("charging")]).findtext("title") == "EV Digest: Charging"
    assert channel(files[topic_feed_path("quiet")]).findall("item") == []
    assert files["feeds/sitemap.xml"] == EMPTY_SITEMAP


def test_no_topics_means_only_the_all_feed() -> None:
    files = feed_files([article(1, None), article(2, "2025-01-01")], settings=SETTINGS)
    assert sorted(files) == [ALL_FEED, "feeds/sitemap.xml"]


def test_unsafe_topic_ids_get_no_file() -> None:
    files = feed_files([article(1, None, ("../escape",))], settings=SETTINGS)
    assert all(".." not in path for path in files)


def test_scraped_text_is_escaped_and_xml_safe() -> None:
    hostile = article(1, "2025-01-01")
    hostile.title = "Tesla <script>alert(1)</script> & \x0bco"
    hostile.summary = "<b>bold</b> & \x00 more"
    xml = feed_files([hostile], settings=SETTINGS)[ALL_FEED]
    item = channel(xml).find("item")
    assert item is not None
    assert item.findtext("title") == "Tesla <script>alert(1)</script> & co"
    # a description is HTML: the summary is escaped to show as the text it is
    assert item.findtext("description") == "<p>&lt;b&gt;bold&lt;/b&gt; &amp;  more</p>"
    assert "<script>" not in xml


def test_at_most_the_limit_newest_first() -> None:
    many = [article(n, f"2025-01-{1 + n % 28:02d}") for n in range(FEED_LIMIT + 30)]
    xml = feed_files(many, settings=SETTINGS)[ALL_FEED]
    dates = pub_dates(xml)
    assert len(dates) == FEED_LIMIT
    assert dates == sorted(dates, reverse=True)


def test_same_input_gives_identical_bytes() -> None:
    first = feed_files(STORIES, settings=SETTINGS)
    second = feed_files(list(reversed(STORIES)), settings=SETTINGS)
    assert first == second


def test_two_builds_write_byte_identical_feeds(tmp_path: Path) -> None:
    """Two CLI builds of the seeds, in two folders, give the same feed bytes."""
    outputs = []
    for name in ("one", "two"):
        docs = tmp_path / name / "docs"
        result = run_cli(
            "build", "--seeds", str(SEEDS), "--topics", str(ROOT / "topics"), "--docs", str(docs)
        )
        assert result.returncode == 0, result.stderr + result.stdout
        feeds = sorted(docs.joinpath("feeds").rglob("*.xml"))
        assert docs / "feeds" / "all.xml" in feeds
        outputs.append({p.relative_to(docs).as_posix(): p.read_bytes() for p in feeds})
        # the feeds are generated files: recorded in the manifest like every page
        manifest = (docs / ".evdigest-manifest.json").read_text(encoding="utf-8")
        assert '"feeds/all.xml"' in manifest
    assert outputs[0] == outputs[1]
    all_feed = outputs[0]["feeds/all.xml"].decode("utf-8")
    assert len(channel(all_feed).findall("item")) == 9
    assert pub_dates(all_feed) == [None] * 9  # no seed states a date: none is invented


def test_site_settings_come_from_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: My News\nsite_url: https://x.example/news\nuse_directory_urls: false\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n  key: !ENV [HOME, x]\n",
        encoding="utf-8",
    )
    settings = site_settings(tmp_path / "docs")
    assert settings["site_name"] == "My News"
    assert settings["site_url"] == "https://x.example/news/"
    assert settings["use_directory_urls"] is False
    assert site_settings(tmp_path / "nowhere" / "docs")["site_url"] == "/"
    assert site_settings(None)["site_name"] == "EV Digest"
