"""The editor's queue: what needs an editor's eye, on a page of its own, in the summary
and in the report."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import yaml

from generator.dedup import id_base
from generator.mkdocs_hook import leave_out_of_sitemap
from generator.model import Article, Block, BlockKind
from generator.render import queue_page
from generator.review import queue_counts, review_queue

from .conftest import SEEDS, run_cli


def story(title: str, **changes) -> Article:
    fields = dict(
        id=id_base(title),
        title=title,
        title_source="headline",
        section=None,
        authors=[],
        date="2025-03-04",
        summary=None,
        blocks=[Block(BlockKind.PARAGRAPH, "Text. " * 60)],
        sources=["a.txt"],
        instances=[],
        topics=["energy"],
    )
    fields.update(changes)
    return Article(**fields)


def test_each_kind_of_doubt_is_queued_with_its_reason() -> None:
    fine = story("Tesla doubles Megapack output")
    junk = story("Title: Tesla <image>", doubts=("the title reads like markup, a link or a date",))
    twin = story(
        "Tesla doubles Megapack output", id=id_base("Tesla doubles Megapack output") + "-2"
    )
    derived = story("Tesla said on Tuesday that…", title_source="derived")
    unsorted = story("Rivian opens a plant", topics=[])
    undated = story("BYD cuts prices", date=None)
    queue = review_queue([fine, junk, twin, derived, unsorted, undated])
    assert [(e.kind, e.article_id) for e in queue] == [
        ("junk", junk.id),
        ("collision", fine.id),  # (both stories that share a title)
        ("collision", twin.id),
        ("derived", derived.id),
        ("unsorted", unsorted.id),
        ("undated", undated.id),
    ]
    assert queue[0].reason.endswith("the title reads like markup, a link or a date")
    assert queue_counts(queue) == {
        "junk": 1, "collision": 2, "derived": 1, "unsorted": 1, "undated": 1
    }  # fmt: skip
    page = queue_page([fine, junk, undated])
    meta = yaml.safe_load(page.split("---\n")[1])
    assert meta["robots"] == "noindex"  # (and search indexes articles only)
    assert "## Suspected junk" in page and "## Undated" in page and "## Unsorted" not in page
    assert "Title: Tesla &lt;image\\>" in page  # (escaped: it shows as the text it is)
    assert f"(articles/{undated.id}.md)" in page


def test_the_queue_page_is_left_out_of_the_sitemap(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset>\n'
        "    <url>\n         <loc>https://d.example/</loc>\n    </url>\n"
        "    <url>\n         <loc>https://d.example/queue/</loc>\n    </url>\n</urlset>",
        encoding="utf-8",
    )
    leave_out_of_sitemap(tmp_path, "queue/")
    text = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert "queue" not in text and "<loc>https://d.example/</loc>" in text
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode() == text


def test_the_summary_and_the_report_carry_the_queue(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = run_cli(
        "build", "--seeds", str(SEEDS), "--docs", str(tmp_path / "docs"), "--report", str(report)
    )
    assert result.returncode == 0, result.stderr
    assert "editor's queue" in result.stdout and "derived titles 2" in result.stdout
    # its first entries, each with its id and reason (the junk is listed as pages to check)
    listed = [line.strip() for line in result.stdout.splitlines() if line.startswith("    ")]
    assert listed[0] == (
        "derived bmw-announced-today-that-they-would-invest-an-b8e72d: "
        "no headline was found: the title is its first sentence"
    )
    assert sum(line.startswith("undated ") for line in listed) == 8
    assert listed[-1].startswith("… and 1 more (")
    again = run_cli("build", "--seeds", str(SEEDS), "--docs", str(tmp_path / "docs"))
    assert again.stdout.count("    derived ") == 2  # (a build from the cache lists them too)
    queued = json.loads(report.read_text(encoding="utf-8"))["queue"]
    assert sum(e["kind"] == "derived" for e in queued) == 2
    assert all(e["reason"] and e["title"] and e["article"] for e in queued)
    assert (tmp_path / "docs" / "queue.md").is_file()
    unsorted = (tmp_path / "docs" / "unsorted.md").read_text(encoding="utf-8")
    assert "[editor's queue](queue.md)" in unsorted
