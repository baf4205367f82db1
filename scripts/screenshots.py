"""The README's screenshots: the home page, a topic page and an article (the lead of an
event with related coverage, where there is one), light and dark, on a desktop
(1280 px) and a phone (390 px) screen.

Builds a site from a folder of pages (default: `tests/corpus/unseen`, realistic pages
with outlets, addresses and dates) in a temporary project with `mkdocs build`, serves
it on 127.0.0.1 and shoots it with Debian's Chromium through Playwright (never a
downloaded browser). Writes `screenshots/<page>-<scheme>-<screen>.png`.

    .venv/bin/python scripts/screenshots.py [PAGES_FOLDER]
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
SCREENS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}
PAGE_SUFFIXES = {".txt", ".md", ".html", ".htm"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


def build(pages: Path, project: Path) -> Path:
    seeds = project / "seeds"
    seeds.mkdir(parents=True)
    for page in sorted(pages.iterdir()):
        if page.suffix in PAGE_SUFFIXES and page.name != "README.md":
            shutil.copy(page, seeds)
    shutil.copy(ROOT / "mkdocs.yml", project)
    for folder in ("topics", "overrides", "generator"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns(".evdigest*"))
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        cwd=project,
        check=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    return project / "site"


def busiest_topic(site: Path) -> str:
    topics = sorted((site / "topics").glob("*/index.html"))
    return max(topics, key=lambda p: p.read_text(encoding="utf-8").count("evd-facts")).parent.name


def main() -> None:
    pages = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "corpus" / "unseen"
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temp:
        site = build(pages, Path(temp) / "project")
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        topic = busiest_topic(site)
        home = (site / "index.html").read_text(encoding="utf-8")
        # the lead story of the first event with related coverage, else the first story
        entries = home.split("<li>")
        lead = next((e for e in entries if "evd-related" in e), home)
        article = lead.split('href="articles/', 1)[1].split('"', 1)[0]
        shots = {"home": "", "topic": f"topics/{topic}/", "article": f"articles/{article}"}
        OUT.mkdir(exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
            )
            for scheme in ("light", "dark"):
                for screen, viewport in SCREENS.items():
                    context = browser.new_context(color_scheme=scheme, viewport=viewport)
                    page = context.new_page()
                    for name, path in shots.items():
                        page.goto(base + path, wait_until="load")
                        target = OUT / f"{name}-{scheme}-{screen}.png"
                        page.screenshot(path=str(target))
                        print(target.relative_to(ROOT))
                    context.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
