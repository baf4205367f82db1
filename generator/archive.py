"""The archive: every story by the date its page states, by year and month.

Stories whose pages state no date are listed apart under "Undated"; they are
never given a date. A small digest fits on one page (`archive/index.md`, one
section per year and month). Past `PAGE_LIMIT` stories the index lists the
months and each month gets its own page (`archive/<year>/<month>.md`), split
into numbered pages (`<month>-2.md`, …) so that no page lists more than
`PAGE_LIMIT` stories; the undated stories go to `archive/undated.md` the same
way.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import partial

from .model import Article
from .output import LazyPages, PageMaker
from .render import entry, front_matter, made, newest_first

ARCHIVE_DIR = "archive"
INDEX = f"{ARCHIVE_DIR}/index.md"
PAGE_LIMIT = 200
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})-\d{2}")

Month = tuple[str, int]  # ("2025", 3)


def month_of(article: Article) -> Month | None:
    """The (year, month) the article's own date falls in, or None when it has no usable date."""
    match = _YEAR_MONTH.match(article.date or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return match.group(1), int(match.group(2))


def month_name(month: Month) -> str:
    return f"{MONTHS[month[1] - 1]} {month[0]}"


def archive_pages(articles: list[Article]) -> LazyPages:
    """`archive/index.md`, plus month and undated pages when the digest is large."""
    by_month: dict[Month, list[Article]] = defaultdict(list)
    undated: list[Article] = []
    for article in newest_first(articles):
        month = month_of(article)
        if month:
            by_month[month].append(article)
        else:
            undated.append(article)
    months = sorted(by_month, reverse=True)
    intro = _intro(len(articles) - len(undated), len(undated))
    if len(articles) <= PAGE_LIMIT:
        return LazyPages({INDEX: made(_single_page(months, by_month, undated, intro))})
    files: dict[str, PageMaker] = {}
    out = [front_matter({"title": "Archive"}), "# Archive", "", intro]
    year = None
    for month in months:
        if month[0] != year:
            year = month[0]
            out += ["", f"## {year}", ""]
        stem = f"{month[0]}/{month[1]:02d}"
        out.append(f"- [{month_name(month)}]({stem}.md) — {_count(len(by_month[month]))}")
        files |= _paged(stem, month_name(month), by_month[month], "../../")
    if undated:
        out += ["", "## Undated", "", f"- [Undated stories](undated.md) — {_count(len(undated))}"]
        files |= _paged("undated", "Undated stories", undated, "../")
    files[INDEX] = made("\n".join(out) + "\n")
    return LazyPages(files)


def _intro(dated: int, undated: int) -> str:
    text = f"Every story by the date its page states: {dated} dated"
    if undated:
        text += (
            f", {undated} undated. Stories whose pages state no publication date are listed "
            "apart under [Undated](#undated); they are never given a date."
        )
    else:
        text += "."
    return text


def _count(n: int) -> str:
    return f"{n} stor{'ies' if n != 1 else 'y'}"


def _single_page(
    months: list[Month], by_month: dict[Month, list[Article]], undated: list[Article], intro: str
) -> str:
    out = [front_matter({"title": "Archive"}), "# Archive", "", intro, ""]
    year = None
    for month in months:
        if month[0] != year:
            year = month[0]
            out += [f"## {year}", ""]
        out += [f"### {month_name(month)}", ""]
        for article in by_month[month]:
            out.append(entry(article, "../"))
        out.append("")
    if undated:
        out += ["## Undated", ""]
        for article in undated:
            out.append(entry(article, "../"))
        out.append("")
    if not months and not undated:
        out += ["No stories yet.", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _paged(stem: str, title: str, articles: list[Article], prefix: str) -> dict[str, PageMaker]:
    """`archive/<stem>.md`, `<stem>-2.md`, …: at most PAGE_LIMIT stories a page."""
    chunks = [articles[i : i + PAGE_LIMIT] for i in range(0, len(articles), PAGE_LIMIT)]
    return {
        f"{ARCHIVE_DIR}/{_page_name(stem, number)}.md": partial(
            _month_page, stem, title, chunk, prefix, number, len(chunks)
        )
        for number, chunk in enumerate(chunks, start=1)
    }


def _month_page(
    stem: str, title: str, chunk: list[Article], prefix: str, number: int, count: int
) -> str:
    """Page `number` of the `count` pages of a month (or of the undated stories)."""
    name = stem.rsplit("/", 1)[-1]
    heading = title if count == 1 else f"{title} (page {number} of {count})"
    out = [front_matter({"title": heading}), f"# {heading}", ""]
    links = [f"[Archive]({'../' * stem.count('/')}index.md)"]
    if number > 1:
        links.append(f"[← Previous page]({_page_name(name, number - 1)}.md)")
    if number < count:
        links.append(f"[Next page →]({_page_name(name, number + 1)}.md)")
    out += [" · ".join(links), ""]
    for article in chunk:
        out.append(entry(article, prefix))
    return "\n".join(out) + "\n"


def _page_name(stem: str, number: int) -> str:
    return stem if number == 1 else f"{stem}-{number}"
