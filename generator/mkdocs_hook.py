"""MkDocs hook: regenerate the digest pages before MkDocs reads `docs/`.

`mkdocs build` and every `mkdocs serve` rebuild call `on_config` first, so
editing a seed or a topic file (both folders are in `watch:`) updates the site.
Only changed files are written, so the rebuild this triggers in `docs/` finds
nothing new and the server settles instead of looping.
"""

from __future__ import annotations

import logging
from pathlib import Path

from generator.build import BuildOptions, build, summary

log = logging.getLogger("mkdocs.hooks.ev_digest")


def on_config(config):
    root = Path(config.config_file_path).parent
    result = build(
        BuildOptions(seeds=root / "seeds", topics=root / "topics", docs=Path(config.docs_dir))
    )
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
    return config
