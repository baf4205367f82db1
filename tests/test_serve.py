"""`mkdocs serve` regenerates the digest when an editor changes a topic or seed file."""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .sitebuild import copy_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(predicate, timeout: float = 45.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def make_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    copy_project(project)
    return project


@contextlib.contextmanager
def served(project: Path, log_path: Path, options: list[str] = ()) -> Iterator[str]:
    """`mkdocs serve` of `project`, its output in `log_path`: the base URL it serves at (the
    served path follows site_url's path), once it says so; stopped on leaving."""
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{free_port()}"],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            assert wait_for(lambda: "Serving on" in log_path.read_text()), "server did not start"
            yield re.search(r"Serving on (http://\S+?)/?\s", log_path.read_text()).group(1)
        finally:
            server.terminate()
            server.wait(timeout=10)


# `make serve` runs `mkdocs serve --dirty`
@pytest.mark.parametrize("options", [[], ["--dirty"]], ids=["full", "dirty"])
def test_topic_files_edited_during_serve_update_the_site(
    tmp_path: Path, options: list[str]
) -> None:
    project = make_project(tmp_path)
    with served(project, tmp_path / "serve.log", options) as base:
        assert wait_for(lambda: fetch(f"{base}/topics/china/") is not None), "site not served"
        # add a topic
        (project / "topics" / "heat-pumps.yml").write_text(
            "title: Heat pumps\norder: 5\nrules:\n  keywords: [heat pump, heat pumps]\n  min_hits: 2\n",
            encoding="utf-8",
        )
        assert wait_for(lambda: "Tesla orders 450K" in (fetch(f"{base}/topics/heat-pumps/") or ""))
        # edit it: a required term no article has empties it
        (project / "topics" / "heat-pumps.yml").write_text(
            "title: Heat pumps\norder: 5\nrules:\n  keywords: [heat pump]\n  required: [Norway]\n",
            encoding="utf-8",
        )
        assert wait_for(lambda: "No articles yet" in (fetch(f"{base}/topics/heat-pumps/") or ""))
        # remove it: the page goes away
        (project / "topics" / "heat-pumps.yml").unlink()
        assert wait_for(lambda: fetch(f"{base}/topics/heat-pumps/") is None)
        assert not (project / "docs" / "topics" / "heat-pumps.md").exists()
        # the hook's own writes into docs/ settle instead of rebuilding forever
        time.sleep(3)
        builds = (tmp_path / "serve.log").read_text().count("Building documentation")
        time.sleep(4)
        assert (tmp_path / "serve.log").read_text().count("Building documentation") == builds


@pytest.mark.parametrize("options", [[], ["--dirty"]], ids=["full", "dirty"])
def test_curation_errors_show_in_the_browser_and_a_save_builds_once(
    tmp_path: Path, options: list[str]
) -> None:
    """A curation mistake under `serve` is shown on the pages (file:line), not a request
    left hanging; fixing it brings the site back; one save is one build."""
    project = make_project(tmp_path)
    log_path = tmp_path / "serve.log"
    with served(project, log_path, options) as base:
        assert wait_for(lambda: fetch(f"{base}/topics/china/") is not None), "site not served"
        builds = log_path.read_text().count("Building documentation")
        topic = project / "topics" / "china.yml"
        good = topic.read_text(encoding="utf-8")
        topic.write_text(good.replace("title:", "titel:", 1), encoding="utf-8")
        shown = lambda: fetch(f"{base}/topics/china/") or ""  # noqa: E731
        assert wait_for(lambda: "china.yml:" in shown() and "did you mean" in shown())
        assert "The curation files have problems" in (fetch(f"{base}/") or "")
        time.sleep(3)  # (a second build would have started by now)
        assert log_path.read_text().count("Building documentation") == builds + 1
        topic.write_text(good, encoding="utf-8")
        assert wait_for(lambda: "china.yml:" not in shown() and "China" in shown())
        time.sleep(3)
        assert log_path.read_text().count("Building documentation") == builds + 2
