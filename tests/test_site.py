"""The built site: strict build, no broken internal link, feeds, archive, article layout."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from generator.archive import INDEX, PAGE_LIMIT, archive_pages
from generator.model import Article, Block, BlockKind
from generator.render import article_page
from generator.search import indexed_pages

from .conftest import ROOT, read_page
from .sitebuild import build_project, build_site

EXTERNAL = ("http:", "https:", "mailto:", "tel:", "data:", "javascript:", "//")


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def site(project: Path) -> Path:
    return project / "site"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.alternates: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("href", "src"):
            if found.get(name):
                self.links.append(found[name] or "")
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "link" and found.get("rel") == "alternate":
            self.alternates.append(found)


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def site_prefix(project: Path) -> str:
    """The path part of site_url ("/ev-digest/"): root-absolute links start with it."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*(\S+)", config, re.M)
    return urlsplit(match.group(1)).path if match else "/"


def resolve(site: Path, page: Path, link: str, prefix: str) -> tuple[Path, str] | None:
    """The file an internal link points to, and its fragment; None for external links."""
    if link.startswith(EXTERNAL):
        return None
    parts = urlsplit(link)
    path = unquote(parts.path)
    if path.startswith("/"):
        assert path.startswith(prefix), f"{page}: {link} is outside the site"
        target = site / path[len(prefix) :]
    elif path:
        target = page.parent / path
    else:
        target = page
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target.resolve(), parts.fragment


def test_strict_build_has_every_page(site: Path) -> None:
    assert len(list((site / "articles").glob("*/index.html"))) == 9
    for page in ("index.html", "archive/index.html", "about/index.html", "tags/index.html"):
        assert (site / page).is_file(), page


def test_no_broken_internal_link(project: Path, site: Path) -> None:
    prefix = site_prefix(project)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    ids: dict[Path, set[str]] = {}
    broken: list[str] = []
    checked = 0
    for page in pages:
        links = parse(page)
        ids.setdefault(page.resolve(), links.ids)
        for link in links.links:
            found = resolve(site, page, link, prefix)
            if found is None:
                continue
            target, fragment = found
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = parse(target).ids
                if unquote(fragment) not in ids[target]:
                    broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    assert checked > 100
    assert broken == []


def test_every_page_links_the_feed(site: Path) -> None:
    for page in sorted(site.rglob("index.html")):
        feeds = [
            alt["href"]
            for alt in parse(page).alternates
            if alt.get("type") == "application/rss+xml"
        ]
        assert feeds, f"{page} links no feed"
        target = (page.parent / (feeds[0] or "")).resolve()
        assert target == (site / "feeds" / "all.xml").resolve()


def test_feeds_are_copied_unchanged(project: Path, site: Path) -> None:
    feeds = sorted((project / "docs" / "feeds").rglob("*.xml"))
    assert feeds
    for feed in feeds:
        rel = feed.relative_to(project / "docs")
        assert (site / rel).read_bytes() == feed.read_bytes(), rel


def _items(feed: Path) -> list[ET.Element]:
    root = ET.parse(feed).getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    return channel.findall("item")


def test_feeds_parse_newest_first_with_stable_guids(project: Path, site: Path) -> None:
    prefix = site_prefix(project)
    articles = {
        meta["id"]: meta
        for meta, _ in (read_page(p) for p in (project / "docs" / "articles").glob("*.md"))
    }
    feeds = sorted(p for p in (site / "feeds").rglob("*.xml") if p.name != "sitemap.xml")
    assert site / "feeds" / "all.xml" in feeds
    for feed in feeds:
        items = _items(feed)
        dates = []
        for item in items:
            link = item.findtext("link") or ""
            assert item.findtext("guid") == link
            target = site / urlsplit(link).path[len(prefix) :] / "index.html"
            assert target.is_file(), link
            article = articles[link.rstrip("/").rsplit("/", 1)[-1]]
            published = item.findtext("pubDate")
            if article["date"]:
                assert (
                    published
                    and parsedate_to_datetime(published).date().isoformat() == (article["date"])
                )
            else:
                assert published is None  # undated stories are never given a date
            dates.append(article["date"])
        dated = [d for d in dates if d]
        assert dated == sorted(dated, reverse=True)
        assert dates[: len(dated)] == dated, "undated items come after the dated ones"
        links = [item.findtext("link") for item in items]
        assert len(links) == len(set(links))
    assert len(_items(site / "feeds" / "all.xml")) == len(articles)


def test_topic_feeds_hold_their_topics(project: Path, site: Path) -> None:
    topics: dict[str, set[str]] = {}
    for path in (project / "docs" / "articles").glob("*.md"):
        meta, _ = read_page(path)
        for topic in meta["topics"]:
            topics.setdefault(topic, set()).add(meta["id"])
    if not topics:
        pytest.skip("no article is filed under a topic")
    for topic, ids in topics.items():
        links = [
            i.findtext("link") or "" for i in _items(site / "feeds" / "topics" / f"{topic}.xml")
        ]
        assert {link.rstrip("/").rsplit("/", 1)[-1] for link in links} == ids


def test_search_index_holds_every_article_with_its_full_text(project: Path, site: Path) -> None:
    """`make site`'s flow (mkdocs build, then ev-digest index) indexes each article whole:
    a word of any body paragraph finds it, with its title, date and topics; the listings
    (home, topics, companies, archive, tags, queue), whose text repeats the articles',
    are not indexed."""
    pages = {page["url"]: page for page in indexed_pages(site / "pagefind")}
    articles = {
        f"/articles/{path.stem}/": path for path in (project / "docs" / "articles").glob("*.md")
    }
    assert set(pages) == set(articles)
    for url, path in articles.items():
        meta, body = read_page(path)
        indexed = pages[url]
        assert indexed["meta"]["title"] == meta["title"]
        assert indexed["meta"].get("date") == (str(meta["date"]) if meta["date"] else None)
        assert json.loads(indexed["meta"].get("topics", "[]")) == meta["tags"]
        # the last paragraph of the body, as plain words: far below title, deck and summary
        last = [line for line in body.split("\n\n") if line.strip()][-1]
        words = re.findall(r"[A-Za-z]{4,}", last)[-8:]
        assert words and all(word in indexed["content"] for word in words), url


def test_article_page_layout(site: Path) -> None:
    html = (
        site
        / "articles"
        / "spacex-is-launching-a-secret-spacecraft-that-could-352ed8"
        / "index.html"
    ).read_text(encoding="utf-8")
    order = [
        "<h1",
        'class="evd-meta"',
        'class="evd-reported"',
        "Found in 2 scrapes",
        'class="evd-deck"',
        "Starfall, a reentry capsule",
    ]
    positions = [html.find(marker) for marker in order]
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions)
    assert "Undated" in html
    # the seeds say nothing of where they ran: their files are named instead
    assert (
        "Reported by <code>000_8bb8fe3a16987cf8.txt</code> and <code>001_ce56be4b87a4730c.txt</code>"
        in html
    )


def _meta(page: Path) -> dict[str, str]:
    """A page's Open Graph and Twitter card tags, by property or name."""
    found = re.findall(
        r'<meta (?:property|name)="((?:og|twitter):[a-z_:0-9]+)" content="([^"]*)"',
        page.read_text(encoding="utf-8"),
    )
    return {key: html.unescape(value) for key, value in found}


def test_every_page_has_open_graph_and_twitter_tags(site: Path) -> None:
    """A shared link shows a title and a description: an article's summary, a topic's
    own description (not the digest's)."""
    for page in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' in page.read_text(encoding="utf-8"):
            continue  # (an old address: a redirect page)
        tags = _meta(page)
        for key in ("og:title", "og:description", "og:url", "twitter:card", "twitter:title"):
            assert tags.get(key), f"{page}: no {key}"
    article = _meta(
        site
        / "articles"
        / "spacex-is-launching-a-secret-spacecraft-that-could-352ed8"
        / "index.html"
    )
    assert article["og:type"] == "article"
    assert article["og:description"].startswith("SpaceX’s secret disk-shaped Starfall capsule")
    topic = yaml.safe_load((ROOT / "topics" / "china.yml").read_text(encoding="utf-8"))
    china = _meta(site / "topics" / "china" / "index.html")
    assert china["og:title"] == "China"
    assert china["og:description"] == " ".join(topic["description"].split())


HOSTILE = """<html><head>
<meta property="og:title" content="Tesla &lt;img src=x onerror=alert(1)&gt; boosts Megapack output">
<meta property="article:published_time" content="2025-03-04T10:00:00Z"></head>
<body><article><h1>Tesla &lt;img src=x onerror=alert(1)&gt; boosts Megapack output</h1>
<p>Tesla said on Tuesday that its Megapack factory in Lathrop, California, will double its
output of grid batteries this year, as demand for energy storage keeps growing.</p>
<p>The company expects to deliver more Megapacks in the coming quarter than in all of last
year, according to a statement from Tesla Energy.</p></article></body></html>
"""


def test_scraped_title_never_becomes_markup(tmp_path: Path) -> None:
    """A headline carrying HTML shows as text everywhere: <title>, header, body, feed."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "hostile.html").write_text(HOSTILE, encoding="utf-8")
    site = build_project(tmp_path / "project", seeds) / "site"
    pages = list((site / "articles").glob("*/index.html"))
    assert len(pages) == 1
    for page in [*site.rglob("*.html"), *site.rglob("*.xml")]:
        assert "<img src=x" not in page.read_text(encoding="utf-8"), page
    html = pages[0].read_text(encoding="utf-8")
    assert "<title>Tesla &lt;img src=x onerror=alert(1)&gt; boosts Megapack output - " in html
    assert "2025-03-04" in html
    archive = (site / "archive" / "index.html").read_text(encoding="utf-8")
    assert 'id="2025"' in archive and 'id="march-2025"' in archive


# --- rendering units -------------------------------------------------------


def article(n: int, date: str | None, **extra) -> Article:
    return Article(
        id=f"story-{n:04d}",
        title=f"Story {n:04d}",
        title_source="headline",
        section=None,
        authors=[],
        date=date,
        summary=None,
        blocks=[Block(BlockKind.PARAGRAPH, "Body.")],
        sources=["a.txt"],
        instances=[],
        **extra,
    )


def test_article_page_escapes_and_links_companies_and_tags_its_topics() -> None:
    story = article(1, "2025-03-04", topics=["charging"], entities=["tesla"])
    story.title = "<script>alert(1)</script> & [link](x)"
    story.authors = ["<b>Ann</b>"]
    story.deck = "*Deck* <i>"
    page = article_page(story)
    meta, body = page.split("---\n", 2)[1:]
    data = yaml.safe_load(meta)
    assert data["tags"] == ["Charging"]
    assert data["title"] == story.title and data["date"] == "2025-03-04"
    assert "<script>" not in body and "<b>" not in body and "<i>" not in body
    assert "\\[link\\](x)" in body
    # the topics are the tags above the title, and only there (no second "Topics:" list)
    assert "../topics/" not in body and "Topics:" not in body
    assert data["hide"] == ["navigation"]
    assert "[Tesla](../companies/tesla.md)" in body
    assert '??? quote "Found in 1 scrape"' in body


def test_article_page_without_topics_has_no_topic_links() -> None:
    page = article_page(article(1, None))
    assert "../topics/" not in page and "../companies/" not in page
    assert "Undated" in page


def test_archive_groups_by_year_and_month_and_keeps_undated_apart() -> None:
    stories = [
        article(1, "2024-12-31"),
        article(2, "2025-01-02"),
        article(3, "2025-01-20"),
        article(4, None),
        article(5, "2025-03-01"),
    ]
    files = archive_pages(stories)
    assert list(files) == [INDEX]
    page = files[INDEX]
    headings = re.findall(r"^#+ .*$", page, re.M)
    assert headings == [
        "# Archive",
        "## 2025",
        "### March 2025",
        "### January 2025",
        "## 2024",
        "### December 2024",
        "## Undated",
    ]
    january = page.split("### January 2025")[1].split("##")[0]
    assert january.index("Story 0003") < january.index("Story 0002")
    undated = page.split("## Undated")[1]
    assert "Story 0004" in undated and "undated" in undated
    assert "(../articles/story-0004.md)" in undated


def test_large_archive_is_split_into_pages_of_at_most_the_limit() -> None:
    stories = [article(n, f"2025-0{1 + n % 2}-{1 + n % 28:02d}") for n in range(450)]
    stories += [article(1000 + n, None) for n in range(250)]
    files = archive_pages(stories)
    assert INDEX in files and "2025/01.md" in files[INDEX] and "undated.md" in files[INDEX]
    listed = 0
    for path, content in files.items():
        entries = len(re.findall(r"^- \[Story", content, re.M))
        assert entries <= PAGE_LIMIT, path
        listed += entries
        for link in re.findall(r"\]\(([^)]+\.md)\)", content):
            resolved = Path("/docs", path).parent.joinpath(link).resolve().relative_to("/docs")
            assert resolved.as_posix() in files or resolved.as_posix().startswith("articles/")
    assert listed == 700
    assert "archive/undated-2.md" in files
    assert "Undated stories (page 2 of 2)" in files["archive/undated-2.md"]
    for path in files:
        if path.startswith("archive/undated"):
            assert "2025-" not in files[path]  # undated stories are never given a date
