"""Made-up pages for the tests of classes of page: a story's headline and paragraphs to set
among a site's chrome, and the articles a page gives when the build reads it."""

from __future__ import annotations

from pathlib import Path

from generator.build import process_file

HEADLINE = "Oskarsby Energi to build 40 MW truck charging depot on the E20"
FIRST = (
    "Oskarsby Energi will build a 40 MW charging depot for electric trucks beside the E20 "
    "motorway, the utility said on Thursday, the first of six it plans along the corridor."
)
SECOND = (
    "The depot, due to open in 2027, will have 28 megawatt chargers and a battery store that "
    "lets it run on a grid connection half the size such a site would normally need."
)


def page_instances(tmp_path: Path, name: str, text: str) -> list:
    """The article instances of `text` saved as `tmp_path / name`, read as a build reads it."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    return list(process_file(tmp_path / name, tmp_path).instances)
