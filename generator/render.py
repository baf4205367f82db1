"""Rendering: articles and indexes to Markdown pages for MkDocs.

Every string that came from a scrape is escaped, so a title or paragraph shows
as the text it is and can never turn into markup, a link or a script.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import html
import json
import operator
import re
from collections import ChainMap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial

from .attribution import reporters
from .curation import Company, Curation, Topic
from .model import Article, Block, BlockKind, Origin
from .output import LazyPages, PageMaker
from .review import KINDS, queue_counts, review_queue

ARTICLES_DIR = "articles"
TOPICS_DIR = "topics"
COMPANIES_DIR = "companies"
HOME_LATEST = 30
#: entries per list page: keeps topic and company pages light at any size
PER_PAGE = 100

#: "&" and "<" become entities, then the characters Python-Markdown lets a backslash
#: escape get one (the backslash first, so no added one is doubled); str.replace guarded
#: by `in` is many times faster than str.translate with a table of strings
_INLINE_ESCAPES = [("&", "&amp;"), ("<", "&lt;")] + [(char, "\\" + char) for char in "\\`*_{}[]>#"]
#: what makes a line a block rather than text: a list bullet or a rule ("---", "+", "- - -"),
#: an admonition ("!!!"), a list number ("1. "), details ("???"), a fence ("~~~"), a table row
_LINE_START = re.compile(r"^([-+!])|^(\d+)([.)])(?=\s|$)|^([?~:=|])")


def escape(text: str) -> str:
    """Markdown/HTML-safe inline text: the page shows exactly these characters.

    Whitespace, newlines included, collapses to single spaces (as HTML shows
    it), so the text stays one line; "&" and "<" become entities; Markdown
    punctuation is backslash-escaped; and a character that would turn the line
    into a block is escaped at its start. tests/test_properties.py renders
    random text with the extensions in mkdocs.yml and checks it comes out as
    text, so an extension that adds syntax must be handled here.
    """
    collapsed = " ".join(text.split())
    if collapsed != text:  # (else the text itself: kept and pickled once with its copies)
        text = collapsed
    for char, escaped in _INLINE_ESCAPES:
        if char in text:
            text = text.replace(char, escaped)
    if "]:" in text:  # "[…\]: …" would open a link reference definition in a link's text
        text = text.replace("\\]:", "\\]&#58;")
    start = _LINE_START.match(text)
    return _escape_line_start(start) + text[start.end() :] if start else text


def _escape_line_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    if match.group(2):
        return match.group(2) + "\\" + match.group(3)
    return f"&#{ord(match.group(4))};"


#: what a double-quoted YAML scalar cannot hold as itself, beyond what JSON escapes:
#: characters YAML does not allow in a document, and the ones it reads as line breaks
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _scalar(value: object) -> str:
    """A YAML scalar: strings double-quoted (JSON's escapes are YAML's), so none reads as
    another type ("2025-03-04" as a date, "no" as false)."""
    if value is None:
        return "null"
    if isinstance(value, bool | int):
        return str(value).lower()
    text = str(value)
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    text = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def stories(count: int) -> str:
    """ "1 story", "2 stories"."""
    return f"{count} stor{'y' if count == 1 else 'ies'}"


def front_matter(data: dict) -> str:
    """The YAML front-matter MkDocs reads: keys holding scalars, lists of scalars or lists
    of flat mappings (an article's sources).

    Written directly rather than with yaml.dump, whose representer costs more
    than rendering the rest of an article page.
    """
    lines = ["---"]
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {_scalar(v)}" for k, v in value.items()]
        elif isinstance(value, list | tuple):
            lines.append(f"{key}:" if value else f"{key}: []")
            for item in value:
                if isinstance(item, dict):
                    fields = [f"{k}: {_scalar(v)}" for k, v in item.items()]
                    lines += [f"- {fields[0]}", *(f"  {field}" for field in fields[1:])]
                else:
                    lines.append(f"- {_scalar(item)}")
        else:
            lines.append(f"{key}: {_scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def article_path(article: Article) -> str:
    return f"{ARTICLES_DIR}/{article.id}.md"


#: a story as the pages of its event's other stories link it: id, title, who reported it
Related = tuple[str, str, str]


def related_stories(articles: list[Article]) -> dict[str, tuple[Related, ...]]:
    """The related coverage each linked story's page lists (`events`), the closest first."""
    by_id = {a.id: a for a in articles if a.related}
    return {
        a.id: tuple(
            (other.id, other.title, ", ".join(reporter_names(other)))
            for other in (by_id[i] for i in a.related if i in by_id)
        )
        for a in by_id.values()
    }


def article_page(
    article: Article,
    curation: Curation | None = None,
    body: str = "full",
    related: tuple[Related, ...] = (),
) -> str:
    """An article: title, date, section, authors, who reported it, its companies and
    sources, then the body (its topics are the tags Material shows above the title).

    `curation` gives the topic titles and company names for the links (and the
    `tags`); without it they fall back to readable forms of the ids. With `body`
    "excerpt" the page shows the summary and first paragraphs and sends the reader
    to the original for the rest. `related` are the other stories of its event
    (`related_stories`), listed under "Related coverage".
    """
    topic_names = {t.id: t.title for t in curation.topics} if curation else {}
    company_names = {c.id: c.name for c in curation.companies} if curation else {}
    topics = [(t, topic_names.get(t) or display_name(t)) for t in article.topics]
    companies = [(c, company_names.get(c) or display_name(c)) for c in article.entities]
    origins = all_origins(article)
    meta = {
        "id": article.id,
        "title": article.title,
        "title_source": article.title_source,
        "section": article.section,
        "authors": list(article.authors),
        "date": article.date,
        "first_seen": article.first_seen,
        # (only a story with related coverage: the others are their own event)
        **({"event": article.event, "related": list(article.related)} if article.event else {}),
        "summary": article.summary,
        "topics": list(article.topics),
        "entities": list(article.entities),
        "sources": [
            {"file": o.file, "url": o.url, "outlet": o.outlet, "captured": o.captured}
            for o in origins
        ],
        # material's tags plugin: the topics, by title, link to the tags index
        "tags": [name for _, name in topics],
        # the topics are the tags above the title; the left column would be empty
        "hide": ["navigation"],
    }
    out = [front_matter(meta), f"# {escape(article.title)}", ""]
    facts = [f"**{escape(article.date)}**" if article.date else "Undated"]
    if article.section:
        facts.append(escape(article.section))
    if article.authors:
        facts.append("By " + ", ".join(escape(a) for a in article.authors))
    out += [" · ".join(facts), "{: .evd-meta }", ""]
    out += [reported_by(origins), "{: .evd-reported }", ""]
    if companies:
        out += [
            "Companies: "
            + ", ".join(f"[{escape(name)}](../{COMPANIES_DIR}/{c}.md)" for c, name in companies),
            "{: .evd-links }",
            "",
        ]
    n = len(article.sources)
    out += [f'??? quote "Found in {n} scrape{"s" if n != 1 else ""}"', ""]
    out += [f"    - {_source_line(origin)}" for origin in origins]
    out.append("")
    if article.deck:
        out += [escape(article.deck), "{: .evd-deck }", ""]
    blocks = article.blocks
    if body == "excerpt":
        blocks = _opening(blocks)
    out += _body(blocks)
    if body == "excerpt":
        out += [_read_on(origins), "{: .evd-read-on }", ""]
    if related:
        out += ["## Related coverage", ""]
        out += [
            f"- [{escape(title)}]({other}.md)" + (f" — {escape(by)}" if by else "")
            for other, title, by in related
        ]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


#: what an excerpt shows of a story's text: its first paragraphs, up to about this many words
EXCERPT_WORDS = 120


def _opening(blocks: list[Block]) -> list[Block]:
    shown: list[Block] = []
    words = 0
    for block in blocks:
        if block.kind is not BlockKind.PARAGRAPH or words >= EXCERPT_WORDS:
            break
        shown.append(block)
        words += len(block.text.split())
    return shown


def _body(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            out += [f"## {escape(block.text)}", ""]
        elif block.kind is BlockKind.ITEM:
            out += [f"- {escape(block.text)}", ""]
        else:
            out += [escape(block.text), ""]
    return out


def all_origins(article: Article) -> list[Origin]:
    """An origin for each of the article's sources: the known one, else the bare file."""
    known = {origin.file: origin for origin in article.origins}
    return [known.get(source) or Origin(source) for source in article.sources]


def reporter_names(article: Article) -> list[str]:
    """The outlets that reported a story (`attribution.reporters`), unescaped."""
    return [name for name, _ in reporters(article.origins)]


def outlets(origins: list[Origin]) -> list[tuple[str, str | None]]:
    """Who reported a story (`attribution.reporters`), escaped, then the files nothing is
    known of, by name."""
    found = [(escape(name), url) for name, url in reporters(origins)]
    return found + [(f"`{o.file.replace('`', '')}`", o.url) for o in origins if not o.outlet]


#: how many outlets "Reported by" names before "and N more"
REPORTED_NAMES = 3


def reported_by(origins: list[Origin]) -> str:
    """ "Reported by [Teslarati](…), [Electrek](…) and 2 more": who published the story,
    linked to the originals (the list of sources below names them all)."""
    names = [f"[{name}]({_link(url)})" if url else name for name, url in outlets(origins)]
    if len(names) > REPORTED_NAMES:
        shown = names[: REPORTED_NAMES - 1]
        return f"Reported by {', '.join(shown)} and {len(names) - len(shown)} more"
    if len(names) > 1:
        return f"Reported by {', '.join(names[:-1])} and {names[-1]}"
    return f"Reported by {names[0]}" if names else ""


def _link(url: str) -> str:
    """A URL as a Markdown link target: in angle brackets, so parentheses and spaces in it
    cannot end the link, with the characters that could close it percent-encoded."""
    return "<" + url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"


def _source_line(origin: Origin) -> str:
    parts = []
    if origin.outlet:
        name = escape(origin.outlet)
        parts.append(f"[{name}]({_link(origin.url)})" if origin.url else name)
    elif origin.url:
        parts.append(f"[{escape(origin.url)}]({_link(origin.url)})")
    if origin.captured:
        parts.append(f"saved {escape(origin.captured)}")
    parts.append(f"`{origin.file.replace('`', '')}`")
    return " · ".join(parts)


def _read_on(origins: list[Origin]) -> str:
    linked = [(name, url) for name, url in outlets(origins) if url]
    if not linked:
        return "*The full story is in the scraped page listed above.*"
    name, url = linked[0]
    return f"**[Read the full story at {name}]({_link(url)})**"


def newest_first(articles: list[Article]) -> list[Article]:
    """Dated articles newest first, then undated ones, the latest added first (`first_seen`),
    ties by title: a stable order."""
    dated = sorted([a for a in articles if a.date], key=_DATE_AND_TITLE, reverse=True)
    undated = sorted((a for a in articles if not a.date), key=lambda a: (a.title.lower(), a.id))
    undated.sort(key=lambda a: a.first_seen or "", reverse=True)  # (stable: titles stay in order)
    return dated + undated


#: (date, title): made in C, as every list of a build sorts all its stories
_DATE_AND_TITLE = operator.attrgetter("date", "title")


def home_page(
    articles: list[Article],
    topics: list[Topic] | None = None,
    site_name: str = "EV Digest",
    weekly: Activity | None = None,
) -> str:
    """The latest stories grouped by day, each with its outlets, sources and topics, then
    the topics with their activity."""
    # (no left column: the tabs are the navigation, and the days are in the right one)
    out = [front_matter({"title": site_name, "hide": ["navigation"]}), f"# {site_name}", ""]
    out += [
        f"The latest of {stories(len(articles))} from EV-industry news scrapes, one page per story.",
        "Every story by date is in the [archive](archive/index.md); follow new stories with the "
        "[RSS feed](feeds/all.xml).",
        "",
    ]
    names = {t.id: t.title for t in topics or []}
    leads, coverage = by_event(articles)
    for day, seen, group in by_day(leads, HOME_LATEST):
        out += [f"## {_day_heading(day, seen)}", ""]
        out += [
            entry(article, chips=topic_chips(article, names), related=coverage.get(article.id, ()))
            for article in group
        ]
        out.append("")
    if topics:
        counts = _topic_counts(articles)
        weekly = weekly or Activity(articles)
        out += ["## Topics", ""]
        out += [
            f"- [{escape(t.title)}]({TOPICS_DIR}/{t.id}.md) — {stories(counts.get(t.id, 0))} "
            + weekly.chart(t.id, t.title, small=True)
            for t in topics
        ]
    return "\n".join(out).rstrip("\n") + "\n"


def by_event(articles: list[Article]) -> tuple[list[Article], dict[str, list[Article]]]:
    """The stories a list shows, one per event (its lead story: most sources, then the
    earliest, in the place of the first of them), and the other stories of each event
    listed, by lead id: a list shows an event once, its related coverage under it."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        if article.event:
            groups.setdefault(article.event, []).append(article)
    leads = {event: lead_story(group) for event, group in groups.items() if len(group) > 1}
    shown: list[Article] = []
    coverage: dict[str, list[Article]] = {}
    for article in articles:
        lead = leads.get(article.event or "")
        if lead is None:
            shown.append(article)
        elif lead.id not in coverage:
            shown.append(lead)
            coverage[lead.id] = [a for a in groups[article.event or ""] if a is not lead]
    return shown, coverage


def lead_story(group: list[Article]) -> Article:
    """The story an event is shown by: the one with most sources, then the earliest
    (stated date, then first seen), then by id."""
    return min(
        group, key=lambda a: (-len(a.sources), a.date or "9999", a.first_seen or "9999", a.id)
    )


def story_day(article: Article) -> str | None:
    """The day a story is listed under: its stated date, else the day it was first seen."""
    return article.date[:10] if article.date else first_seen(article)


class Activity:
    """Stories per week over the last ACTIVITY_WEEKS weeks, by topic, as inline SVG charts.

    The weeks end on the newest day any story is listed under, not on the day of
    the build: the same input gives the same page, whenever it is built.
    """

    def __init__(self, articles: list[Article]):
        days: list[tuple[datetime.date, list[str]]] = []
        for article in articles:
            day = story_day(article)
            with contextlib.suppress(ValueError, TypeError):
                days.append((datetime.date.fromisoformat(day or ""), article.topics))
        self.end = max((d for d, _ in days), default=None)
        self.weeks: dict[str, list[int]] = {}
        if self.end is None:
            return
        self.start = self.end - datetime.timedelta(days=7 * ACTIVITY_WEEKS - 1)
        for day, topics in days:
            week = ACTIVITY_WEEKS - 1 - (self.end - day).days // 7
            if 0 <= week < ACTIVITY_WEEKS:
                for topic in topics:
                    self.weeks.setdefault(topic, [0] * ACTIVITY_WEEKS)[week] += 1

    def span(self) -> tuple[str, str]:
        """The first and last day the charts cover (ISO dates)."""
        assert self.end is not None
        return self.start.isoformat(), self.end.isoformat()

    def chart(self, topic: str, title: str, small: bool = False) -> str:
        """The topic's weekly bars (empty when no story has a day)."""
        if self.end is None:
            return ""
        counts = self.weeks.get(topic, [0] * ACTIVITY_WEEKS)
        top = max(counts) or 1
        width, height, bar = (130, 24, 5) if small else (390, 80, 15)
        first, last = self.span()
        label = (
            f"{html.escape(title)}: {stories(sum(counts))} in the {ACTIVITY_WEEKS} weeks from "
            f"{first} to {last}, by week"
        )
        bars = []
        for i, count in enumerate(counts):
            tall = max(1, round(count / top * height)) if count else 1
            week = (self.start + datetime.timedelta(days=7 * i)).isoformat()
            empty = "" if count else ' class="evd-empty"'
            bars.append(
                f'<rect x="{i * bar}" y="{height - tall}" width="{bar - 1}" height="{tall}"'
                f"{empty}><title>{count} in the week of {week}</title></rect>"
            )
        kind = "evd-spark" if small else "evd-chart"
        return (
            f'<svg class="{kind}" role="img" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" aria-label="{label}"><title>{label}</title>{"".join(bars)}</svg>'
        )


#: weeks an activity chart shows: about six months
ACTIVITY_WEEKS = 26


def first_seen(article: Article) -> str | None:
    """The day the story was first seen: the earliest a scrape of it says it was saved, or
    the day the story ledger first recorded it."""
    days = [o.captured[:10] for o in article.origins if o.captured]
    if article.first_seen:
        days.append(article.first_seen)
    return min(days) if days else None


def by_day(articles: list[Article], limit: int) -> list[tuple[str | None, bool, list[Article]]]:
    """The `limit` latest stories in groups by day, newest day first: (day, whether the day
    is only when the story was first seen, its stories). A story's day is its stated date,
    else the day it was first seen (marked so: a digest never presents that as the date it
    was published); the stories with neither come last, as "Undated"."""
    keyed = []
    for article in articles:
        seen = None if article.date else first_seen(article)
        day = story_day(article)
        keyed.append((day or "", seen is not None, article))
    dated = sorted((k for k in keyed if k[0]), key=lambda k: (k[2].title.lower(), k[2].id))
    dated.sort(key=lambda k: (k[0], not k[1]), reverse=True)  # (stable: titles stay in order)
    undated = [k for k in keyed if not k[0]]
    undated.sort(key=lambda k: (k[2].title.lower(), k[2].id))
    groups: list[tuple[str | None, bool, list[Article]]] = []
    for day, seen, article in (dated + undated)[:limit]:
        if groups and groups[-1][0] == (day or None) and groups[-1][1] == seen:
            groups[-1][2].append(article)
        else:
            groups.append((day or None, seen, [article]))
    return groups


def _day_heading(day: str | None, seen: bool) -> str:
    if day is None:
        return "Undated"
    try:
        named = datetime.date.fromisoformat(day)
        text = f"{named:%A}, {named.day} {named:%B %Y}"
    except ValueError:
        text = day
    return f"First seen {text} (no date stated)" if seen else text


def topic_chips(article: Article, names: Mapping[str, str], link_prefix: str = "") -> str:
    """The story's topics as small links to their pages."""
    return " ".join(
        f"[{escape(names.get(t) or display_name(t))}]({link_prefix}{TOPICS_DIR}/{t}.md){{: .evd-chip }}"
        for t in article.topics
    )


def _topic_counts(articles: list[Article]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for article in articles:
        for topic in article.topics:
            counts[topic] = counts.get(topic, 0) + 1
    return counts


def made(text: str) -> PageMaker:
    """The maker of a page already made."""
    return lambda: text


def paged_list(
    path: str,
    title: str,
    intro: list[str],
    articles: list[Article],
    meta: dict | None = None,
    pinned: frozenset[str] = frozenset(),
    coverage: Mapping[str, list[Article]] | None = None,
) -> dict[str, PageMaker]:
    """A list page split into pages of PER_PAGE entries: path.md, path-2.md, … (the
    stories whose ids are in `pinned` are marked; `coverage` has the related stories
    listed under a story, by its id: see `by_event`)."""
    chunks = [articles[i : i + PER_PAGE] for i in range(0, len(articles), PER_PAGE)] or [[]]
    return {
        (f"{path}.md" if number == 1 else f"{path}-{number}.md"): partial(
            _list_page,
            path,
            title,
            intro if number == 1 else [],
            chunk,
            meta,
            number,
            len(chunks),
            pinned,
            {a.id: coverage[a.id] for a in chunk if a.id in coverage} if coverage else {},
        )
        for number, chunk in enumerate(chunks, start=1)
    }


def _list_page(
    path: str,
    title: str,
    intro: list[str],
    chunk: list[Article],
    meta: dict | None,
    number: int,
    count: int,
    pinned: frozenset[str] = frozenset(),
    coverage: Mapping[str, list[Article]] | None = None,
) -> str:
    """Page `number` of the `count` pages of a list, listing `chunk`."""
    base = path.rsplit("/", 1)[-1]
    heading = title if number == 1 else f"{title} (page {number} of {count})"
    out = [front_matter({"title": heading, **(meta or {})}), f"# {escape(heading)}", ""]
    out += intro
    if not chunk:
        out += ["*No articles yet.*", ""]
    prefix = "../" * path.count("/")
    for article in chunk:
        related = coverage.get(article.id, ()) if coverage else ()
        out.append(entry(article, prefix, pinned=article.id in pinned, related=related))
    if count > 1:
        links = [
            f"[{n}]({base if n == 1 else f'{base}-{n}'}.md)" if n != number else f"**{n}**"
            for n in range(1, count + 1)
        ]
        out += ["", "Pages: " + " · ".join(links)]
    return "\n".join(out) + "\n"


def topic_pages(
    articles: list[Article], topics: list[Topic], weekly: Activity | None = None
) -> dict[str, PageMaker]:
    files: dict[str, PageMaker] = {}
    counts = _topic_counts(articles)
    overview = [front_matter({"title": "Topics"}), "# Topics", ""]
    overview += ["Stories are filed under topics that our editors curate.", ""]
    ordered = newest_first(articles)  # a topic's stories keep their order among all
    weekly = weekly or Activity(articles)
    for topic in topics:
        overview += [f"## [{escape(topic.title)}]({topic.id}.md)", ""]
        overview += [topic.description.strip(), "", stories(counts.get(topic.id, 0)), ""]
        filed = [a for a in ordered if topic.id in a.topics]
        pinned = [a for pid in topic.pinned for a in filed if a.id == pid]
        rest, coverage = by_event([a for a in filed if a not in pinned])
        intro = [topic.description.strip(), ""] if topic.description else []
        chart = weekly.chart(topic.id, topic.title)
        if chart:
            start, end = weekly.span()
            intro += [
                f'<figure class="evd-activity">{chart}<figcaption>Stories per week, '
                f"{start} to {end}</figcaption></figure>",
                "",
            ]
        if pinned:
            intro += [
                "**Pinned:** "
                + (
                    "the first story below is"
                    if len(pinned) == 1
                    else f"the first {len(pinned)} below are"
                )
                + " pinned by the editors.",
                "",
            ]
        feed: dict = {"feed": f"feeds/topics/{topic.id}.xml"}  # overrides/main.html links it
        if topic.description.strip():
            # the page's <meta name="description"> and its Open Graph / Twitter description
            feed["description"] = " ".join(topic.description.split())
        files.update(
            paged_list(
                f"{TOPICS_DIR}/{topic.id}",
                topic.title,
                intro,
                pinned + rest,
                feed,
                frozenset(a.id for a in pinned),
                coverage,
            )
        )
    files[f"{TOPICS_DIR}/index.md"] = made("\n".join(overview) + "\n")
    return files


def company_pages(articles: list[Article], companies: list[Company]) -> dict[str, PageMaker]:
    files: dict[str, PageMaker] = {}
    overview = [front_matter({"title": "Companies"}), "# Companies", ""]
    named_in: dict[str, list[Article]] = {}
    for article in newest_first(articles):
        for company_id in dict.fromkeys(article.entities):
            named_in.setdefault(company_id, []).append(article)
    for company in sorted(companies, key=lambda c: c.name.lower()):
        named = named_in.get(company.id, [])
        if not named:
            continue
        overview.append(f"- [{escape(company.name)}]({company.id}.md) — {stories(len(named))}")
        aliases = ", ".join(escape(a) for a in company.aliases)
        intro = [
            f"Stories that mention {escape(company.name)}"
            + (f" (also {aliases})." if aliases else "."),
            "",
        ]
        files.update(paged_list(f"{COMPANIES_DIR}/{company.id}", company.name, intro, named))
    if len(overview) == 3:
        overview.append("*No tracked company is mentioned yet.*")
    files[f"{COMPANIES_DIR}/index.md"] = made("\n".join(overview) + "\n")
    return files


def unsorted_page(articles: list[Article]) -> dict[str, PageMaker]:
    intro = [
        "Stories that matched no topic. Editors: widen a topic's keywords, or file a story by "
        "adding its id to a topic's `include` list (`ev-digest explain ID` shows why it missed). "
        f"Everything else that needs an editor's eye is in the [editor's queue]({QUEUE_PAGE}).",
        "",
    ]
    return paged_list(
        "unsorted", "Unsorted", intro, newest_first([a for a in articles if not a.topics])
    )


@dataclass
class SitePages:
    """Every page of the site, by path under `docs/`, and the article pages among them
    that are made afresh (with their page keys), for `remember_pages`."""

    #: the home page and the lists
    lists: LazyPages
    #: the article pages made afresh, whose makers can be sent to other processes
    articles: LazyPages
    rendered: list[tuple[Article, str]]

    @property
    def pages(self) -> Mapping[str, str]:
        return ChainMap(self.lists, self.articles)


def render_site(
    articles: list[Article],
    curation: Curation | None = None,
    memo: dict[str, str] | None = None,
    known: dict[str, str] | None = None,
    body: str = "full",
) -> SitePages:
    """Every page of the site, by path under `docs/`.

    Article pages are rendered when read (`write_outputs` reads each once and
    lets it go), so a large build never holds them all. `memo` holds the
    digests of the article pages an earlier build of the same code wrote, by
    a hash of what each page shows (`article_page_key`): an article whose page
    would come out the same is not rendered again (after one scrape is added,
    that is nearly all of them) but goes into `known` with its digest, for
    `write_outputs` to check against `docs/`. On return `memo` holds this
    build's article pages that are not rendered; `remember_pages` adds the
    others once written. Without `known` every page is rendered. `body` is the
    publishing mode (`config.BODY_MODES`).
    """
    curation = curation or Curation()
    earlier = memo if memo is not None and known is not None else {}
    current: dict[str, str] = {}
    to_render: list[tuple[Article, str]] = []
    names = _names(curation)
    related = related_stories(articles)
    for article in articles:
        key = _page_key(article, *names, body, related.get(article.id, ()))
        if key in earlier:
            current[key] = known[article_path(article)] = earlier[key]  # type: ignore[index]
        else:
            to_render.append((article, key))
    if memo is not None:
        memo.clear()
        memo.update(current)
    return SitePages(
        listing_pages(articles, curation),
        article_pages(curation, to_render, body, related),
        to_render,
    )


def redirect_pages(moved: Mapping[str, str | None], settings: Mapping) -> dict[str, str]:
    """A static page at the address of every id that no longer has a page of its own (see
    `ledger`): it sends the reader on to the story it joined, or says the story was removed.
    Plain HTML files, which MkDocs copies as they are: no server needed."""
    pages = {}
    directories = settings.get("use_directory_urls", True)
    for old, target in sorted(moved.items()):
        path = f"{ARTICLES_DIR}/{old}/index.html" if directories else f"{ARTICLES_DIR}/{old}.html"
        up = "../" if directories else ""
        if target is not None:
            href = f"{up}{target}/" if directories else f"{target}.html"
            canonical = settings.get("site_url", "/") + f"{ARTICLES_DIR}/{href.removeprefix('../')}"
            pages[path] = _REDIRECT.format(
                refresh=f'<meta http-equiv="refresh" content="0; url={href}">\n'
                f'<link rel="canonical" href="{html.escape(canonical)}">',
                title="This story has moved",
                text=f'This story is now at <a href="{href}">{href}</a>.',
            )
        else:
            home = f"{up}../" if directories else "../index.html"
            pages[path] = _REDIRECT.format(
                refresh="",
                title="This story was removed",
                text=f'The digest no longer carries this story. <a href="{home}">Home</a>',
            )
    return pages


_REDIRECT = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
{refresh}
<title>{title}</title>
</head>
<body>
<p>{text}</p>
</body>
</html>
"""


def article_pages(
    curation: Curation,
    keyed: list[tuple[Article, str]],
    body: str = "full",
    related: Mapping[str, tuple[Related, ...]] | None = None,
) -> LazyPages:
    """Article pages by path, each rendered when read (by a maker that can be pickled);
    `related` is `related_stories` of the build's articles."""
    related = related or {}
    return LazyPages(
        {
            article_path(a): partial(article_page, a, curation, body, related.get(a.id, ()))
            for a, _ in keyed
        }
    )


def remember_pages(
    memo: dict[str, str], keyed: list[tuple[Article, str]], digests: Mapping[str, str]
) -> None:
    """Put into `memo` the digest each of these article pages was written with, under its
    page key (`article_page_key`), so that the next build need not render it again.

    Taken from what `write_outputs` wrote: pages may be made in other processes.
    """
    for article, key in keyed:
        digest = digests.get(article_path(article))
        if digest is not None:
            memo[key] = digest


def article_page_key(
    article: Article, curation: Curation, body: str = "full", related: tuple[Related, ...] = ()
) -> str:
    """A hash of what `article_page` reads: the article, the names of its topics and
    companies, the publishing mode and the related stories it lists."""
    return _page_key(article, *_names(curation), body, related)


def _names(curation: Curation) -> tuple[dict[str, str], dict[str, str]]:
    return {t.id: t.title for t in curation.topics}, {c.id: c.name for c in curation.companies}


def _page_key(
    article: Article,
    topic_names: dict[str, str],
    company_names: dict[str, str],
    body: str,
    related: tuple[Related, ...] = (),
) -> str:
    shown = [
        body,
        article.event,
        related,
        article.id,
        article.title,
        article.title_source,
        article.section,
        article.authors,
        article.date,
        article.first_seen,
        article.summary,
        article.deck,
        article.sources,
        [(o.file, o.url, o.outlet, o.captured) for o in article.origins],
        [(topic, topic_names.get(topic)) for topic in article.topics],
        [(company, company_names.get(company)) for company in article.entities],
        [(block.kind, block.text) for block in article.blocks],
    ]
    # JSON: unambiguous, and made in C (a dataclass repr took most of a large build's render)
    return hashlib.blake2b(json.dumps(shown).encode("ascii"), digest_size=16).hexdigest()


QUEUE_PAGE = "queue.md"
#: entries of one kind the queue page lists (the build report lists them all)
QUEUE_SHOWN = 200


def queue_page(articles: list[Article]) -> str:
    """The editor's queue (`review`), by kind, each story linked with its reason; kept out of
    search, the sitemap and search engines."""
    queue = review_queue(articles)
    counts = queue_counts(queue)
    meta = {"title": "Editor's queue", "robots": "noindex"}
    out = [front_matter(meta), "# Editor's queue", ""]
    out += [
        "What the build was unsure of, for the editors: fix a title, date or filing in the "
        "curation files (`ev-digest explain ID` shows why a story is filed where it is). "
        "`ev-digest build --report FILE` lists every entry.",
        "",
    ]
    out += [
        " · ".join(f"{heading}: {counts[key]}" for key, heading, _ in KINDS),
        "{: .evd-facts }",
        "",
    ]
    for key, heading, _ in KINDS:
        entries = [e for e in queue if e.kind == key]
        if not entries:
            continue
        out += [f"## {heading}", ""]
        for item in entries[:QUEUE_SHOWN]:
            out.append(
                f"- [{escape(item.title)}]({ARTICLES_DIR}/{item.article_id}.md) — "
                f"{escape(item.reason)} (`{item.article_id}`)"
            )
        if len(entries) > QUEUE_SHOWN:
            out.append(f"- … and {len(entries) - QUEUE_SHOWN} more")
        out.append("")
    if not queue:
        out += ["*Nothing needs an editor's eye.*", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def listing_pages(articles: list[Article], curation: Curation) -> LazyPages:
    """The home page, and the topic, company and unsorted lists.

    They read only what `entry` shows of each article (no body), so a build
    that adds scrapes makes them from the articles' summaries alone.
    """
    weekly = Activity(articles)  # (one count of the stories' days for every chart)
    files = {"index.md": made(home_page(articles, curation.topics, weekly=weekly))}
    files.update(topic_pages(articles, curation.topics, weekly))
    files.update(company_pages(articles, curation.companies))
    files.update(unsorted_page(articles))
    files[QUEUE_PAGE] = partial(queue_page, articles)
    return LazyPages(files)


def display_name(ident: str) -> str:
    """A readable fallback for a topic or company id ("charging-and-energy" -> "Charging and energy")."""
    text = " ".join(part for part in re.split(r"[-_]+", ident) if part)
    return text[:1].upper() + text[1:] if text else ident


def entry(
    article: Article,
    link_prefix: str = "",
    chips: str = "",
    pinned: bool = False,
    related: Iterable[Article] = (),
) -> str:
    """A story in a list (lines of Markdown): the title as a link, then date · section ·
    outlets · sources (and the topic `chips` made by `topic_chips`), then the summary,
    then the `related` stories of its event with their outlets.

    Only the escaped parts are remembered (`entry_text`): a story is listed on
    five or six pages, with two or three link prefixes, and whole entries filled
    a cache of 262k of them at 50k scrapes (the peak fell by 35 MB without it).
    """
    title, facts, summary = entry_text(article)
    mark = '<span class="evd-pinned">Pinned</span> ' if pinned else ""
    line = f"- {mark}[{title}]({link_prefix}{ARTICLES_DIR}/{article.id}.md)<br>"
    line += f'\n    <span class="evd-facts">{facts}</span>'
    if chips:
        line += f" {chips}"
    if summary is not None:
        line += f"<br>\n    {summary}"
    related = list(related)
    if related:
        line += "<br>\n    " + _coverage_line([article, *related], related, link_prefix)
    return line


def _coverage_line(event: list[Article], related: list[Article], link_prefix: str) -> str:
    """ "Related coverage from 4 outlets: [headline](…) (Electrek) · …" (sources, where
    no page names its outlet)."""
    outlets = {name for story in event for name in reporter_names(story)}
    count, what = len(outlets), "outlet"
    if not outlets:
        count, what = len({source for story in event for source in story.sources}), "source"
    links = []
    for story in related:
        by = reporter_names(story)
        link = f"[{entry_text(story)[0]}]({link_prefix}{ARTICLES_DIR}/{story.id}.md)"
        links.append(link + (f" ({escape(by[0])})" if by else ""))
    plural = "s" if count != 1 else ""
    return (
        f'<span class="evd-related">Related coverage from {count} {what}{plural}: '
        + " · ".join(links)
        + "</span>"
    )


EntryText = tuple[str, str, str | None]
#: the escaped parts of the entries made so far, by what they show; a build that adds
#: scrapes is given those of the last build's articles (`remember_entry_texts`)
_ENTRY_TEXTS: dict[tuple, EntryText] = {}


def _entry_key(article: Article) -> tuple:
    named = tuple(o.outlet for o in article.origins if o.outlet) if article.origins else ()
    return (
        article.title,
        article.date,
        article.section,
        len(article.sources),
        article.summary,
        named,
        article.first_seen,
    )


def entry_text(article: Article) -> EntryText:
    """The escaped parts of an article's entry: title, facts line and summary."""
    key = _entry_key(article)
    found = _ENTRY_TEXTS.get(key)
    if found is None:
        if len(_ENTRY_TEXTS) >= 1 << 18:
            _ENTRY_TEXTS.clear()
        found = _ENTRY_TEXTS[key] = entry_text_of(*key)
    return found


#: how many outlets an entry names before "+N"
ENTRY_OUTLETS = 2


def entry_text_of(
    title: str,
    date: str | None,
    section: str | None,
    sources: int,
    summary: str | None,
    named: tuple[str, ...] = (),
    added: str | None = None,
) -> EntryText:
    facts = [escape(date) if date else f"undated, added {added}" if added else "undated"]
    if section:
        facts.append(escape(section))
    names = list(dict.fromkeys(named))
    if names:
        more = len(names) - ENTRY_OUTLETS
        facts.append(
            ", ".join(escape(n) for n in names[:ENTRY_OUTLETS]) + (f" +{more}" if more > 0 else "")
        )
    facts.append(f"{sources} source{'s' if sources != 1 else ''}")
    shown = summary if summary and not repeats_title(summary, title) else None
    return escape(title), " · ".join(facts), escape(shown) if shown else None


_WORD = re.compile(r"\w+")


def repeats_title(summary: str, title: str) -> bool:
    """The summary begins with the title's words (a title derived from the first sentence,
    over that sentence): under the title it would only say it again."""
    title_words = _WORD.findall(title.lower())
    if title.endswith("…"):  # (shortened: its last word may be cut)
        title_words = title_words[:-1]
    return bool(title_words) and _WORD.findall(summary.lower())[: len(title_words)] == title_words


def remember_entry_texts(known: Iterable[tuple[Article, EntryText]]) -> None:
    """Take the escaped entry parts of articles from an earlier build (escaping is most of
    the cost of the lists)."""
    for article, text in known:
        _ENTRY_TEXTS[_entry_key(article)] = text
