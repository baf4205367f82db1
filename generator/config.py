"""The project's site settings, as the generator reads them from `mkdocs.yml`.

Read by the generator itself (not through MkDocs), so `ev-digest build` makes
the same pages as the MkDocs hook: the feeds need the site's name and address,
the article pages the publishing mode.
"""

from __future__ import annotations

from pathlib import Path

import yaml

DEFAULT_TITLE = "EV Digest"
DEFAULT_DESCRIPTION = "A curated digest of EV-industry news."
#: `extra.evdigest.body`: "full" republishes a story's text; "excerpt" shows its summary
#: and first paragraphs and links to the original, for digests that must not republish
BODY_MODES = ("full", "excerpt")


def site_settings(docs: Path | None) -> dict:
    """`site_name`, `site_description`, `site_url`, `use_directory_urls` of the project, and
    `body` (`extra.evdigest.body`, one of BODY_MODES).

    Read from the `mkdocs.yml` next to `docs/`; tags such as `!ENV` or
    `!!python/name:` are tolerated (read as null). Without a config file the
    feeds use root-relative links.
    """
    config: dict = {}
    if docs is not None:
        try:
            text = (docs.parent / "mkdocs.yml").read_text(encoding="utf-8")
            loaded = yaml.load(text, Loader=_TolerantLoader)
            if isinstance(loaded, dict):
                config = loaded
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            pass
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    evdigest = extra.get("evdigest") if isinstance(extra.get("evdigest"), dict) else {}
    body = evdigest.get("body")
    site_url = config.get("site_url") if isinstance(config.get("site_url"), str) else None
    return {
        "site_name": str(config.get("site_name") or DEFAULT_TITLE),
        "site_description": str(config.get("site_description") or DEFAULT_DESCRIPTION),
        "site_url": (site_url.rstrip("/") + "/") if site_url else "/",
        "use_directory_urls": config.get("use_directory_urls", True) is not False,
        "body": body if body in BODY_MODES else "full",
    }


class _TolerantLoader(yaml.SafeLoader):
    pass


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, s, node: None)
