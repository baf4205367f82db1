"""The editor's loop: `mkdocs serve --dirty` rebuilds give the site a full build gives.

`make serve` runs `mkdocs serve --dirty`, which renders again only the pages whose
Markdown changed. The hook (generator/mkdocs_hook.py) completes what MkDocs and
Material get wrong in such a build: the tags page, removed pages, a changed
navigation; and it indexes the site for search after every build. Run as a module (`python -m tests.test_editor_loop`)
this file is the serve session the first test drives in a subprocess.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from .conftest import ROOT, read_page
from .test_serve import fetch, free_port, make_project, wait_for

#: the URL `mkdocs serve` gives the site (the path of site_url, on the default address)
SERVE_URL = "http://127.0.0.1:8000/ev-digest/"
#: the China topic, edited to take every article naming Tesla
CHINA_FOR_TESLA = "title: China\norder: 50\nrules:\n  keywords: [Tesla]\n  min_hits: 1\n"


def _edit_topic_rules(project: Path) -> None:
    (project / "topics" / "china.yml").write_text(CHINA_FOR_TESLA, encoding="utf-8")


def _remove_a_seed(project: Path) -> None:
    min((project / "seeds").iterdir()).unlink()


def _add_a_topic(project: Path) -> None:
    (project / "topics" / "heat-pumps.yml").write_text(
        "title: Heat pumps\norder: 5\nrules:\n  keywords: [heat pump, heat pumps]\n  min_hits: 2\n",
        encoding="utf-8",
    )


#: what an editor does before a build, by name
EDITS: dict[str, Callable[[Path], None]] = {
    "start": lambda project: None,
    "nothing": lambda project: None,
    "topic rules edited": _edit_topic_rules,
    "seed removed": _remove_a_seed,
    "topic added": _add_a_topic,
}


def serve_session(project: Path, out: Path, dirty: bool, steps: list[str]) -> None:
    """Build `project` as `mkdocs serve [--dirty]` does, once after each step in `steps`.

    One process, one site folder and the same calls as the server's rebuilds, without
    the HTTP server and the file watcher; the site after build n is copied to `out/n`.
    """
    site = out / "site"

    def config() -> MkDocsConfig:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        config.site_url = SERVE_URL
        return config

    config().plugins.on_startup(command="serve", dirty=dirty)
    for number, step in enumerate(["start", *steps]):
        EDITS[step](project)
        build(config(), serve_url=SERVE_URL, dirty=dirty)
        # the search index is made in the background: what the server has once it settled
        config().plugins.on_shutdown()
        shutil.copytree(site, out / str(number))


def _start_session(folder: Path, dirty: bool, steps: list[str]) -> subprocess.Popen[str]:
    project = make_project(folder)
    return subprocess.Popen(
        [sys.executable, "-m", "tests.test_editor_loop", str(project), str(folder / "out")]
        + ["dirty" if dirty else "full", *steps],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def _files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def _rewritten(before: Path, after: Path) -> set[str]:
    """HTML files of `after` written again since `before` (copies keep the modification time)."""
    return {
        path.relative_to(after).as_posix()
        for path in after.rglob("*.html")
        if not (before / path.relative_to(after)).is_file()
        or path.stat().st_mtime_ns != (before / path.relative_to(after)).stat().st_mtime_ns
    }


def _article_urls(project: Path) -> set[str]:
    return {f"articles/{path.stem}/" for path in (project / "docs" / "articles").glob("*.md")}


def test_dirty_rebuilds_give_the_site_full_rebuilds_give(tmp_path: Path) -> None:
    steps = ["topic rules edited", "nothing", "seed removed", "topic added"]
    sessions = {
        mode: _start_session(tmp_path / mode, mode == "dirty", steps) for mode in ("dirty", "full")
    }
    for mode, session in sessions.items():
        output, _ = session.communicate(timeout=600)
        assert session.returncode == 0, f"{mode} session failed:\n{output}"
    dirty, full = tmp_path / "dirty" / "out", tmp_path / "full" / "out"
    for number, step in enumerate(["start", *steps]):
        expected, found = _files(full / str(number)), _files(dirty / str(number))
        assert found.keys() == expected.keys(), (step, found.keys() ^ expected.keys())
        differ = sorted(name for name in expected if found[name] != expected[name])
        assert not differ, (step, differ)
    # the topic edit rendered the pages it changed and left the others alone
    rewritten = _rewritten(dirty / "0", dirty / "1")
    assert "topics/china/index.html" in rewritten
    assert "about/index.html" not in rewritten
    articles = {f"{url}index.html" for url in _article_urls(tmp_path / "full" / "project")}
    assert articles - rewritten, "every article was rendered again"
    # with nothing changed only the pages rendered in every build are: 404 and the tags page
    assert _rewritten(dirty / "1", dirty / "2") <= {"404.html", "tags/index.html"}


def test_serve_dirty_keeps_every_article_searchable_after_a_topic_edit(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    log_path = tmp_path / "serve.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{free_port()}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        assert wait_for(lambda: "Serving on" in log_path.read_text()), "server did not start"
        base = log_path.read_text().split("Serving on ", 1)[1].split()[0].rstrip("/")
        entry = f"{base}/pagefind/pagefind-entry.json"
        assert wait_for(lambda: fetch(entry) is not None)
        before = fetch(entry)
        assert _indexed(before) == len(_article_urls(project))
        in_china_before = _in_topic(project, "china")
        _edit_topic_rules(project)
        assert wait_for(lambda: _in_topic(project, "china") != in_china_before)
        joined = _in_topic(project, "china") - in_china_before
        assert joined, "the edit filed no new article under China"
        # the topic page lists the articles that joined it
        assert wait_for(
            lambda: all(url in (fetch(f"{base}/topics/china/") or "") for url in joined)
        )
        # the generator's own writes to docs/ start one more rebuild: let it finish
        assert wait_for(lambda: _settled(log_path))
        # the site was indexed again (the topics changed) and the index still holds every
        # article, the ones not rendered again too; the articles that joined China give it
        # as a topic
        assert wait_for(lambda: fetch(entry) != before)
        assert _indexed(fetch(entry)) == len(_article_urls(project))
        for url in joined:
            topics = re.search(
                r'data-pagefind-meta="topics">([^<]*)<', fetch(f"{base}/{url}") or ""
            )
            assert topics and "China" in json.loads(html.unescape(topics.group(1)))
        assert "A 'dirty' build is being performed" not in log_path.read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _indexed(entry: str | None) -> int:
    """The number of pages a Pagefind index holds, from its entry file."""
    languages = json.loads(entry or "{}").get("languages", {})
    return sum(language["page_count"] for language in languages.values())


def _settled(log_path: Path) -> bool:
    """Every rebuild the server started has finished, and none started for 2 s."""
    before = log_path.read_text()
    time.sleep(2)
    after = log_path.read_text()
    # the first build, before serving, logs no "Reloading browsers"
    builds, reloads = after.count("Building documentation"), after.count("Reloading browsers")
    return after == before and builds == reloads + 1


def _in_topic(project: Path, topic: str) -> set[str]:
    """URLs of the articles the generator filed under `topic`."""
    found = set()
    for path in (project / "docs" / "articles").glob("*.md"):
        meta, _ = read_page(path)
        if topic in (meta.get("topics") or []):
            found.add(f"articles/{path.stem}/")
    return found


if __name__ == "__main__":
    serve_session(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "dirty", sys.argv[4:])
