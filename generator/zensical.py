"""The site's navigation, and the configuration Zensical builds the site from.

The navigation comes from the curation files (the topics, in their order), so no static
`nav:` in `mkdocs.yml` can hold it: under MkDocs the hook puts it in front of the
hand-written pages `mkdocs.yml` lists (`generator/mkdocs_hook.py`). Zensical, Material for
MkDocs' successor, reads `mkdocs.yml` but runs no hooks, so it is given a copy of the
configuration with that navigation written in (`zensical_config`), made after
`ev-digest build` has generated `docs/`. The copy also turns Zensical's own search off:
the site's search is Pagefind's (`generator/search.py`), run on the built HTML after any
builder, and Zensical's index would only cost build time and a file no page loads.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from .curation import Topic


def site_nav(topics: Iterable[Topic], docs: Path) -> list[dict]:
    """Home, Topics (an overview, then each topic in curation order), Companies, the
    Archive when there is one, and Unsorted: what goes before the hand-written pages."""
    listed = [{"Overview": "topics/index.md"}]
    listed += [{topic.title: f"topics/{topic.id}.md"} for topic in topics]
    nav: list[dict] = [
        {"Home": "index.md"},
        {"Topics": listed},
        {"Companies": "companies/index.md"},
    ]
    if (docs / "archive" / "index.md").is_file():
        nav.append({"Archive": "archive/index.md"})
    nav.append({"Unsorted": "unsorted.md"})
    return nav


def zensical_config(
    config_file: Path, nav: list[dict], site_dir: str, *, tags: bool = True
) -> dict:
    """`mkdocs.yml` as Zensical is to read it: the site's navigation in front of the
    hand-written pages, the site written to `site_dir` (relative to the project, which
    Zensical requires), and its own search off. `tags=False` leaves the tags plugin out:
    Zensical's needs memory far faster than the pages grow (`bench/results.md`), so a
    digest of thousands of articles builds only without it (no topic chips, no listing on
    the tags page)."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["nav"] = nav + list(config.get("nav") or [])
    config["site_dir"] = site_dir
    left_out = {"search"} if tags else {"search", "tags"}
    plugins = [p for p in config.get("plugins") or [] if _plugin_name(p) not in left_out]
    config["plugins"] = [*plugins, {"search": {"enabled": False}}]
    return config


def _plugin_name(plugin: str | dict) -> str:
    """A `plugins:` entry's name: the entry itself, or its one key."""
    name = plugin if isinstance(plugin, str) else next(iter(plugin))
    return name.removeprefix("material/")


def write_zensical_config(
    config_file: Path, nav: list[dict], site_dir: str, out: Path, *, tags: bool = True
) -> Path:
    """Write `zensical_config` to `out` (in the project's folder, beside `mkdocs.yml`)."""
    config = zensical_config(config_file, nav, site_dir, tags=tags)
    out.write_text(
        "# Written by EV Digest for Zensical from mkdocs.yml (generator/zensical.py): do not edit\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return out
