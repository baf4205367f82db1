"""Attribution: where each source of a story was published, and when it was saved.

A digest that republishes news must name and link its publishers. A page often
says where it came from (a canonical link, `og:url`, `og:site_name`, a reader
service's "URL Source:", a "Headline | Site" title); where it does not, the
scraper can say so in `seeds/sources.csv`, one row per seed file:

    file,url,outlet,captured
    2025/teslarati-semi.txt,https://www.teslarati.com/tesla-semi-…/,Teslarati,2025-03-04

Only `file` and `url` are required columns; an empty cell says nothing. What the
file says wins over what the page says (the scraper knows what it fetched, and an
editor can correct a page's wrong canonical link there). Nothing is invented: a
source nobody describes is shown by its file name.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from .dates import stated_moment
from .model import Origin, PageMeta, Skipped

SOURCES_FILE = "sources.csv"
_COLUMNS = ("file", "url", "outlet", "captured")


@dataclass(frozen=True)
class Listed:
    """What `seeds/sources.csv` says of one seed file."""

    url: str | None = None
    outlet: str | None = None
    captured: str | None = None
    line: int = 0  # its line in the file, for messages


def web_address(text: str | None) -> str | None:
    """`text` if it is an absolute http(s) address, else None."""
    if not text:
        return None
    text = text.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in text:
        return None
    return text


def host_name(url: str) -> str:
    """The outlet a bare address names: its host without "www." ("electrek.co")."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


@lru_cache(maxsize=64)
def origin_of(source: str, meta: PageMeta | None, lead: bool = True) -> Origin | None:
    """The origin a page states (None when it states none), one object for all of a page's
    articles. The page's address is the lead article's: another story the page carries
    (a teaser, a second article) ran at that outlet, but not at that address."""
    if meta is None or not (meta.url or meta.outlet or meta.captured):
        return None
    outlet = meta.outlet or (host_name(meta.url) if meta.url else None)
    return Origin(source, meta.url if lead else None, outlet, meta.captured)


def reporters(origins: list[Origin]) -> list[tuple[str, str | None]]:
    """Who reported a story, once each: (outlet, the address of its original, if known),
    the earliest saved first."""
    named = sorted((o for o in origins if o.outlet), key=lambda o: o.captured or "9999")
    found: dict[str, str | None] = {}
    for origin in named:
        assert origin.outlet is not None
        if found.get(origin.outlet) is None:
            found[origin.outlet] = origin.url
    return list(found.items())


def with_listed(meta: PageMeta, listed: Listed | None) -> PageMeta:
    """The page's metadata with what `sources.csv` says of it in place of its own."""
    if listed is None:
        return meta
    return replace(
        meta,
        url=listed.url or meta.url,
        outlet=listed.outlet or meta.outlet,
        captured=listed.captured or meta.captured,
    )


def read_sources_file(seeds: Path) -> tuple[dict[str, Listed], list[Skipped]]:
    """The rows of `seeds/sources.csv` by seed file, and its problems (each naming the
    file, line and column, all of them in one pass). No file: nothing listed."""
    path = seeds / SOURCES_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as error:
        return {}, [Skipped(SOURCES_FILE, f"cannot read the sources list: {error}")]
    return parse_sources(text)


def parse_sources(text: str) -> tuple[dict[str, Listed], list[Skipped]]:
    rows = csv.reader(io.StringIO(text))
    problems: list[Skipped] = []

    def problem(line: int, message: str) -> None:
        problems.append(Skipped(f"{SOURCES_FILE}:{line}", message))

    try:
        header = [name.strip().lower() for name in next(rows, [])]
    except csv.Error as error:
        problem(1, f"not CSV: {error}")
        return {}, problems
    unknown = [name for name in header if name not in _COLUMNS]
    if "file" not in header or "url" not in header or unknown:
        problem(
            1,
            f"the header must name the columns file, url and optionally outlet, captured "
            f"(found {', '.join(header) or 'nothing'})",
        )
        return {}, problems
    listed: dict[str, Listed] = {}
    try:
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
            file = cells.get("file", "").replace("\\", "/").removeprefix("./")
            if not file:
                problem(line, "file: expected the seed file's path, found nothing")
                continue
            url = web_address(cells.get("url"))
            if cells.get("url") and url is None:
                problem(line, f"url: expected an http(s) address, found {cells['url']!r}")
            captured = stated_moment(cells["captured"]) if cells.get("captured") else None
            if cells.get("captured") and captured is None:
                problem(line, f"captured: expected a date, found {cells['captured']!r}")
            if file in listed:
                problem(line, f"file: {file!r} is listed twice (the first row is used)")
                continue
            listed[file] = Listed(url, cells.get("outlet") or None, captured, line)
    except csv.Error as error:
        problem(rows.line_num, f"not CSV: {error}")
    return listed, problems
