"""The seeds site built once per test session as `make site` builds it, in a temp project:
`mkdocs build --strict`, then `ev-digest index site` (the search index).

Shared by tests/test_site.py and tests/test_browser.py (a module-level cache, so
the site is built once however many test modules use it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, SEEDS

_BUILT: dict[str, Path] = {}


def generated_paths(docs: Path) -> set[str]:
    """Files the generator owns in `docs` (from its manifest): never copied into the temp project."""
    try:
        data = json.loads((docs / ".evdigest-manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return set(data.get("generated", []))


def copy_project(project: Path, seeds: Path = SEEDS) -> None:
    """A fresh project: config, theme overrides, seeds, curation files, hand-written docs."""
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project)
    if seeds == SEEDS:  # (the committed story ledger, of these seeds)
        shutil.copy(ROOT / "stories.lock", project)
    shutil.copytree(seeds, project / "seeds")
    for folder in ("topics", "overrides"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, project / folder)
    docs = ROOT / "docs"
    generated = generated_paths(docs)

    def ignore(folder: str, names: list[str]) -> set[str]:
        rel = Path(folder).relative_to(docs)
        return {
            name
            for name in names
            if name.startswith(".evdigest") or (rel / name).as_posix() in generated
        }

    shutil.copytree(docs, project / "docs", ignore=ignore)
    (project / "generator").symlink_to(ROOT / "generator")


def build_site(base: Path) -> Path:
    """Build the seeds site under `base` (once per session); returns the project folder."""
    if "project" not in _BUILT:
        _BUILT["project"] = build_project(base / "project")
    return _BUILT["project"]


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in `project`, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def build_project(project: Path, seeds: Path = SEEDS) -> Path:
    """`make site` in a fresh project with these seeds: `mkdocs build --strict` (failing on
    any warning), then the search index."""
    copy_project(project, seeds)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert not warnings, warnings
    indexed = subprocess.run(
        [sys.executable, "-m", "generator", "index", "site"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert indexed.returncode == 0, indexed.stderr
    return project
