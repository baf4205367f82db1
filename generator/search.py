"""Full-text search for the built site: a Pagefind index made from its HTML, after any builder.

The site's search must find any word of any article at any size, and the browser must not
download the whole index to answer one query. Pagefind indexes the built HTML into a chunked
index: `pagefind/pagefind.js` loads only the fragments of the words a query needs. Because
it reads the output and not the builder's page model, the same step serves a site built by
MkDocs (`make site` runs it after `mkdocs build`; the hook runs it after each `mkdocs serve`
build) or by any other builder of `mkdocs.yml`.

What gets indexed is chosen in the theme (`overrides/main.html`): an article's content
carries `data-pagefind-body`, so only articles are indexed (Pagefind drops every page
without it once one page has it), with their full text; the date is a `date` meta and each
topic a `topic` filter value, which the results show. The binary comes from the
`pagefind_bin` wheel: nothing is downloaded at run time.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pagefind_bin

#: the folder of the index in the site, where the theme's search script loads it from
INDEX_DIR = "pagefind"


class SearchIndexError(RuntimeError):
    """Pagefind failed: its own message says why."""


@dataclass(frozen=True)
class SearchIndex:
    """What an indexing run made: the index folder, how many pages it holds, its size."""

    path: Path
    pages: int
    bytes: int
    files: int


def index_site(site: Path) -> SearchIndex:
    """Index the built site in `site` into `site/pagefind/`, replacing any earlier index.

    The new index is written beside the old one and then moved into place, so a browser
    reading the site meanwhile (under `mkdocs serve`) finds a whole index, old or new,
    and fragments of an index that no longer exists do not pile up.
    """
    site = site.resolve()
    if not (site / "index.html").is_file():
        raise SearchIndexError(f"{site} holds no built site (no index.html)")
    staging = Path(tempfile.mkdtemp(dir=site, prefix=f".{INDEX_DIR}-new-"))
    try:
        result = subprocess.run(
            [
                str(pagefind_bin.get_executable()),
                "--site",
                str(site),
                "--output-path",
                str(staging),
                # the pilcrow MkDocs links each heading with is not part of a title
                "--exclude-selectors",
                ".headerlink",
                "--quiet",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise SearchIndexError(f"pagefind failed: {(result.stderr or result.stdout).strip()}")
        target = site / INDEX_DIR
        retired = site / f".{INDEX_DIR}-old"
        shutil.rmtree(retired, ignore_errors=True)
        if target.exists():
            target.rename(retired)
        staging.rename(target)
        shutil.rmtree(retired, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return describe(target)


def describe(index: Path) -> SearchIndex:
    """The pages an index holds (from its entry file) and its size on disk."""
    entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = sum(language["page_count"] for language in entry["languages"].values())
    files = [path for path in index.rglob("*") if path.is_file()]
    return SearchIndex(index, pages, sum(path.stat().st_size for path in files), len(files))


def indexed_pages(index: Path) -> list[dict]:
    """The pages an index holds, as its fragments store them: url, content (the indexed
    text, which a query's words are looked up in), meta and filters. (A fragment is gzipped
    JSON after a signature.)"""
    pages = []
    for path in sorted((index / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        pages.append(json.loads(data[data.index(b"{") :]))
    return pages
