from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def read_page(path: Path) -> tuple[dict, str]:
    """Front-matter and Markdown body of a generated page."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    _, meta, body = text.split("---\n", 2)
    return yaml.safe_load(meta), body


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built once through the CLI: returns the folder holding docs/ and report.json."""
    out = tmp_path_factory.mktemp("seeds-build")
    # the committed story ledger: the stories' ids and first-seen days as published
    shutil.copy(ROOT / "stories.lock", out)
    result = run_cli(
        "build", "--seeds", str(SEEDS), "--topics", str(ROOT / "topics"),
        "--docs", str(out / "docs"), "--report", str(out / "report.json"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr + result.stdout
    (out / "stdout.txt").write_text(result.stdout, encoding="utf-8")
    return out
