"""MkDocs hook: regenerate the digest pages before MkDocs reads `docs/`.

`mkdocs build` and every `mkdocs serve` rebuild call `on_config` first, so
editing a seed or a topic file (both folders are in `watch:`) updates the site.
Only changed files are written, so the rebuild this triggers in `docs/` finds
nothing new and the server settles instead of looping.

The navigation is built here too, because topics (and their order) come from
the curation files: Home, Topics, Companies, Archive, Unsorted, then whatever
hand-written pages `mkdocs.yml` lists in its own `nav`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.build import BuildOptions, BuildResult, CurationError, build, summary
from generator.search_index import ARTICLES_PREFIX, settings, should_slim, slim_search_index

log = logging.getLogger("mkdocs.hooks.ev_digest")


def on_config(config):
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    try:
        result = build(BuildOptions(seeds=root / "seeds", topics=root / "topics", docs=docs))
    except CurationError as error:
        lines = "\n".join(str(problem) for problem in error.problems)
        raise PluginError(
            f"EV Digest: the curation files have problems, nothing was built:\n{lines}"
        ) from None
    s = summary(result)
    log.info(
        "EV Digest: %d articles from %d files, %d duplicates merged, %d files written",
        s["articles"],
        s["files"],
        s["duplicates_merged"],
        s["files_written"],
    )
    for skipped in result.skipped:
        log.info("EV Digest: skipped %s: %s", skipped.source, skipped.reason)
    config.nav = generated_nav(result, docs) + list(config.nav or [])
    return config


def generated_nav(result: BuildResult, docs: Path) -> list[dict]:
    topics = [{"Overview": "topics/index.md"}]
    topics += [{topic.title: f"topics/{topic.id}.md"} for topic in result.curation.topics]
    nav: list[dict] = [
        {"Home": "index.md"},
        {"Topics": topics},
        {"Companies": "companies/index.md"},
    ]
    if (docs / "archive" / "index.md").is_file():
        nav.append({"Archive": "archive/index.md"})
    nav.append({"Unsorted": "unsorted.md"})
    return nav


#: article URL -> summary, gathered while MkDocs reads the pages (for the search index);
#: kept across `mkdocs serve` rebuilds, since a dirty rebuild reads only the changed pages
_summaries: dict[str, str] = {}


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.startswith(ARTICLES_PREFIX):
        _summaries[page.url] = str(page.meta.get("summary") or "")
    return markdown


def on_post_build(config):
    """Slim Material's search index on a large digest (see generator/search_index.py).

    Hooks run after the plugins, so the search plugin has written the index by now.
    """
    path = Path(config.site_dir) / "search" / "search_index.json"
    mode, limit = settings(config.extra)
    if should_slim(path, mode, limit):
        before, after = slim_search_index(path, _summaries)
        log.info(
            "EV Digest: search index %.1f MB -> %.1f MB (articles by title, summary and headings)",
            before / 1e6,
            after / 1e6,
        )
