"""Zensical, Material for MkDocs' successor, builds the same site (issue 21).

The configuration it is given (`generator/zensical.py`) is checked always; the parity
check itself (scripts/zensical_parity.py: the seeds built by MkDocs and by Zensical,
compared) runs only where Zensical is installed (`pip install -e '.[zensical]'`, what
`make zensical` and CI's zensical job do): `make test` neither installs nor needs it.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.curation import Topic
from generator.zensical import site_nav, write_zensical_config

ROOT = Path(__file__).resolve().parent.parent


def test_zensical_config_has_the_sites_navigation_and_no_search_of_its_own(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    (docs / "archive").mkdir(parents=True)
    (docs / "archive" / "index.md").write_text("# Archive\n", encoding="utf-8")
    nav = site_nav([Topic(id="china", file="china.yml", title="China")], docs)
    written = write_zensical_config(ROOT / "mkdocs.yml", nav, "site-z", tmp_path / "z.yml")
    config = yaml.safe_load(written.read_text(encoding="utf-8"))
    mkdocs = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["nav"] == [
        {"Home": "index.md"},
        {"Topics": [{"Overview": "topics/index.md"}, {"China": "topics/china.md"}]},
        {"Companies": "companies/index.md"},
        {"Archive": "archive/index.md"},
        {"Unsorted": "unsorted.md"},
        *mkdocs["nav"],
    ]
    assert config["site_dir"] == "site-z"
    assert config["plugins"][-1] == {"search": {"enabled": False}}
    # the rest is mkdocs.yml's
    assert config["theme"] == mkdocs["theme"]
    assert config["markdown_extensions"] == mkdocs["markdown_extensions"]


def test_templates_call_no_python_method() -> None:
    """Zensical's template engine calls no Python method: `page.meta.update(...)` stopped its
    build. (Filters and tests are the engine's own, and work under both builders.)"""
    for template in (ROOT / "overrides").rglob("*.html"):
        text = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"), flags=re.S)
        for method in (".update(", ".append(", ".pop(", ".items(", ".get("):
            assert method not in text, f"{template.relative_to(ROOT)} calls {method}"


@pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None, reason="Zensical is not installed"
)
def test_zensical_site_matches_the_mkdocs_site() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "zensical_parity.py")],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "parity: the MkDocs and Zensical sites agree" in result.stdout
