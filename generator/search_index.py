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
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return before, path.stat().st_size


def should_slim(path: Path, mode: str, limit_mb: float) -> bool:
    if mode == "full" or not path.is_file():
        return False
    return mode == "summary" or path.stat().st_size > limit_mb * 1e6
