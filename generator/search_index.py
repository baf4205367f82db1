"""Keeping Material's search index small enough to download on a large digest.

Material's search plugin writes one `search/search_index.json` holding the full
text of every page, which the browser downloads in one piece the first time a
reader opens the search box. With thousands of articles that is tens of MB.
`slim_search_index` rewrites it so that each article is indexed by its title,
its summary and its subheadings only, and the generated listing pages (home,
topics, companies, archive, unsorted, tags) by their titles only: their text is
the titles and summaries of articles, which are indexed with the articles
already. Hand-written pages keep their full text.

Configured in `mkdocs.yml`:

    extra:
      evdigest:
        search: auto   # auto (default): slim only an index over `search_limit_mb`
                       # summary: always slim; full: Material's index as it is
        search_limit_mb: 5

In a dirty build (`mkdocs serve --dirty`) the search plugin indexes only the pages
rendered again; `complete_search_index` gives the index back the entries of the
others, as the previous build indexed them, before any slimming.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from pathlib import Path

ARTICLES_PREFIX = "articles/"
#: generated listing pages (by URL): their text repeats the articles' titles and summaries
LISTING_PREFIXES = ("topics/", "companies/", "archive/", "unsorted/", "tags/")
DEFAULT_LIMIT_MB = 5.0
MODES = ("auto", "summary", "full")


def settings(extra: dict | None) -> tuple[str, float]:
    conf = (extra or {}).get("evdigest") or {}
    mode = conf.get("search", "auto") if isinstance(conf, dict) else "auto"
    limit = conf.get("search_limit_mb", DEFAULT_LIMIT_MB) if isinstance(conf, dict) else None
    if mode not in MODES:
        mode = "auto"
    if not isinstance(limit, int | float) or isinstance(limit, bool):
        limit = DEFAULT_LIMIT_MB
    return mode, float(limit)


def slim_search_index(path: Path, summaries: dict[str, str]) -> tuple[int, int]:
    """Index articles (URLs in `summaries`) by title, summary and headings, listings by title.

    Returns the index size in bytes (before, after).
    """
    before = path.stat().st_size
    data = json.loads(path.read_text(encoding="utf-8"))
    for doc in data.get("docs", []):
        location = str(doc.get("location", ""))
        page, _, anchor = location.partition("#")
        if page in summaries:
            doc["text"] = "" if anchor else html.escape(summaries[page], quote=False)
        elif page == "" or page.startswith(LISTING_PREFIXES):
            doc["text"] = ""
    _write(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return before, path.stat().st_size


def should_slim(path: Path, mode: str, limit_mb: float) -> bool:
    if mode == "full" or not path.is_file():
        return False
    return mode == "summary" or path.stat().st_size > limit_mb * 1e6


def entries_by_page(path: Path) -> dict[str, list[dict]]:
    """The entries of a search index by the URL of their page (a section's is `page/#id`)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return _by_page(data.get("docs", []))


def complete_search_index(
    path: Path, previous: dict[str, list[dict]], rendered: set[str], pages: list[str]
) -> dict[str, list[dict]]:
    """Complete the index of a dirty build with the entries of the pages it did not render.

    `path` holds the entries of the `rendered` pages (by URL); every other page of
    `pages` keeps its entries from `previous`, the last build's. The entries go in page
    order, as a full build writes them, in the search plugin's own format, so the file is
    the one a full build would write. Returns the entries by page URL, for the next build.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    fresh = _by_page(data.get("docs", []))
    by_page = {
        url: fresh.get(url, []) if url in rendered else previous.get(url, []) for url in pages
    }
    data["docs"] = [entry for url in pages for entry in by_page[url]]
    _write(path, json.dumps(data, separators=(",", ":"), default=str))
    return by_page


def _by_page(docs: list[dict]) -> dict[str, list[dict]]:
    by_page: dict[str, list[dict]] = {}
    for doc in docs:
        by_page.setdefault(str(doc.get("location", "")).partition("#")[0], []).append(doc)
    return by_page


def _write(path: Path, text: str) -> None:
    """Replace `path` at once: a reader (or the dev server) never sees half an index."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
