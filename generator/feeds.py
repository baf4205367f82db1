"""RSS feeds of the digest: one for every story, one per topic.

The feeds are written with feedgen (never with hand-built strings) and are
ordinary generated files: `feed_files` returns them for `write_outputs`, so they
are written only when they change and MkDocs copies them into `site/` as they
are.

Format and dates, decided once:

- RSS 2.0, because an RSS item may have no date while an Atom entry must have
  one. Most scraped pages state no publication date, and the digest never
  invents one (not the build time, not a git date).
- Items are the newest dated stories first (`pubDate` from the article's own
  date), then undated stories without a `pubDate`, in the site's stable order;
  at most `FEED_LIMIT` items per feed.
- The channel's `lastBuildDate` is the newest article date in that feed, or
  absent when no article in it has a date. Two builds of the same input give
  byte-identical feeds.
- The GUID of an item is the article's URL, built from its id (which is stable
  across builds), so a reader never sees the same story twice.
- An event (different articles about one happening, `events`) is one item: its
  lead story, with the others as related links in the description. Its GUID is
  the URL of the event's first story (the event's id), which was that story's
  item before the others joined it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from feedgen.feed import FeedGenerator
from lxml import etree

from .attribution import reporters
from .config import site_settings
from .curation import Curation
from .model import Article
from .render import by_event, display_name, newest_first, reporter_names

FEEDS_DIR = "feeds"
ALL_FEED = f"{FEEDS_DIR}/all.xml"
FEED_LIMIT = 100

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# characters XML 1.0 cannot carry (lxml refuses them)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def topic_feed_path(topic_id: str) -> str:
    """Where a topic's feed lives, relative to `docs/` (and to the site root)."""
    return f"{FEEDS_DIR}/topics/{topic_id}.xml"


def feed_files(
    articles: list[Article],
    docs: Path | None = None,
    curation: Curation | None = None,
    settings: Mapping | None = None,
) -> dict[str, str]:
    """`feeds/all.xml`, and `feeds/topics/<topic-id>.xml` for every curated topic and every
    topic an article is filed under (a curated topic with no story yet has an empty feed,
    so a link to it never breaks)."""
    if settings is None:
        settings = site_settings(docs)
    curated = {t.id: t for t in curation.topics} if curation else {}
    # one order for every feed: a topic's stories keep their order among all stories
    ordered = feed_order(articles)
    files = {ALL_FEED: render_feed(*by_event(ordered), settings, ALL_FEED)}
    for topic in sorted(set(curated) | {t for a in articles for t in a.topics}):
        if not _SAFE_ID.match(topic):
            continue
        members = [a for a in ordered if topic in a.topics]
        known = curated.get(topic)
        name = known.title if known else display_name(topic)
        description = " ".join(known.description.split()) if known else ""
        files[topic_feed_path(topic)] = render_feed(
            *by_event(members),
            settings,
            topic_feed_path(topic),
            title=f"{settings['site_name']}: {name}",
            description=description or f"Stories filed under {name} in {settings['site_name']}.",
            home=page_url(f"topics/{topic}", settings),
        )
    for folder in sorted({path.rsplit("/", 1)[0] for path in files}):
        files[f"{folder}/sitemap.xml"] = EMPTY_SITEMAP
    return files


def _empty_sitemap() -> str:
    root = etree.Element("urlset", nsmap={None: "http://www.sitemaps.org/schemas/sitemap/0.9"})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode("utf-8") + "\n"


#: Material for MkDocs treats every `<link rel="alternate">` as a translation of
#: the site and fetches `sitemap.xml` next to its href (`feeds/sitemap.xml` for
#: `feeds/all.xml`) on every page; an empty sitemap in each feed folder keeps
#: that request from failing (a 404 and a console error on every page).
EMPTY_SITEMAP = _empty_sitemap()


def article_url(article: Article, settings: Mapping) -> str:
    return page_url(f"articles/{article.id}", settings)


def page_url(path: str, settings: Mapping) -> str:
    """The address of the page made of `docs/<path>.md`."""
    return settings["site_url"] + (f"{path}/" if settings["use_directory_urls"] else f"{path}.html")


def article_datetime(article: Article) -> datetime | None:
    """The article's own date at midnight UTC, or None (never a guessed date)."""
    match = _ISO_DATE.match(article.date or "")
    if not match:
        return None
    try:
        return datetime(*(int(part) for part in match.groups()), tzinfo=UTC)
    except ValueError:
        return None


def feed_order(articles: Iterable[Article]) -> list[Article]:
    """Dated stories newest first, then undated ones (the site's stable order)."""
    ordered = newest_first(list(articles))
    has_date = [article_datetime(a) is not None for a in ordered]
    dated = [a for a, known in zip(ordered, has_date, strict=True) if known]
    return dated + [a for a, known in zip(ordered, has_date, strict=True) if not known]


def render_feed(
    ordered: list[Article],
    coverage: Mapping[str, list[Article]],
    settings: Mapping,
    path: str,
    title: str | None = None,
    description: str | None = None,
    home: str | None = None,
) -> str:
    """The RSS feed of the first FEED_LIMIT of `ordered` (in `feed_order`, one story per
    event, with the event's other stories by lead in `coverage`: `render.by_event`): the
    digest's, or with `title`, `description` and `home` (the topic page) a topic's."""
    items = ordered[:FEED_LIMIT]
    fg = FeedGenerator()
    fg.title(_xml(title or settings["site_name"]))
    fg.description(_xml(description or settings["site_description"]))
    fg.link(href=settings["site_url"] + path, rel="self", type="application/rss+xml")
    fg.link(href=home or settings["site_url"], rel="alternate")
    fg.language("en")
    dates = [d for d in (article_datetime(a) for a in items) if d]
    if dates:
        fg.lastBuildDate(max(dates))
    for article in items:
        url = article_url(article, settings)
        related = coverage.get(article.id, [])
        entry = fg.add_entry(order="append")
        entry.title(_xml(article.title))
        entry.link(href=url)
        if related and article.event and article.event != article.id:
            entry.guid(page_url(f"articles/{article.event}", settings), permalink=False)
        else:
            entry.guid(url, permalink=True)
        shown = item_description(article, [(a, article_url(a, settings)) for a in related])
        if shown:
            entry.description(_xml(shown))
        published = article_datetime(article)
        if published:
            entry.pubDate(published)
        if article.section:
            entry.category(term=_xml(article.section))
    xml = fg.rss_str(pretty=True)
    if not dates:
        # feedgen always writes a lastBuildDate (the current time by default);
        # with no dated article there is no honest value, so the feed has none.
        root = etree.fromstring(xml)
        for node in root.iter("lastBuildDate"):
            node.getparent().remove(node)
        xml = etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")
    return xml.decode("utf-8")


def item_description(article: Article, related: Iterable[tuple[Article, str]] = ()) -> str:
    """An item's description (HTML): the summary, who reported the story, linked to the
    originals, and the `related` stories of its event with their addresses; every scraped
    string escaped, so it shows as the text it is."""
    parts = []
    if article.summary:
        parts.append(f"<p>{html.escape(article.summary, quote=False)}</p>")
    linked = reporters(article.origins)
    if linked:
        names = [
            f'<a href="{html.escape(url)}">{html.escape(name)}</a>' if url else html.escape(name)
            for name, url in linked
        ]
        parts.append(f"<p>Reported by {', '.join(names)}</p>")
    if related:
        links = []
        for story, url in related:
            by = reporter_names(story)
            link = f'<a href="{html.escape(url)}">{html.escape(story.title, quote=False)}</a>'
            links.append(link + (f" ({html.escape(by[0], quote=False)})" if by else ""))
        parts.append(f"<p>Related coverage: {', '.join(links)}</p>")
    return "".join(parts)


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)
