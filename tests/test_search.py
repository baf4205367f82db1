"""The search index step (generator/search.py, `ev-digest index`) on small hand-made sites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.search import INDEX_DIR, SearchIndexError, index_site, indexed_pages


def _page(site: Path, url: str, html: str) -> None:
    path = site / url / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'<!doctype html><html lang="en"><head><title>{url}</title></head>'
        f"<body><nav>Home Topics Archive</nav>{html}</body></html>",
        encoding="utf-8",
    )


def _article(
    site: Path, slug: str, title: str, body: str, date: str = "", topics: list[str] | None = None
) -> None:
    meta = f' data-pagefind-meta="date:{date}"' if date else ""
    chips = (
        f'<span hidden data-pagefind-ignore data-pagefind-meta="topics">{json.dumps(topics)}</span>'
        if topics
        else ""
    )
    _page(
        site,
        f"articles/{slug}",
        f'<article><div data-pagefind-body{meta}>{chips}<h1 id="t">{title}'
        f'<a class="headerlink" href="#t">¶</a></h1>{body}</div></article>',
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    _page(site, "", "<h1>EV Digest</h1><ul><li>Solid-state cells reach a pilot line</li></ul>")
    _page(site, "topics/batteries", "<h1>Batteries</h1><p>Solid-state cells</p>")
    _article(
        site,
        "solid-state",
        "Solid-state cells reach a pilot line",
        "<p>The deck.</p><p>Sixth paragraph: Quantumscape supplies the separator from Kyoto.</p>",
        date="2025-03-04",
        topics=["Batteries, cells", "Manufacturing &amp; supply chain"],
    )
    _article(site, "heat-pumps", "Heat pumps ordered", "<p>Undated story about Shanghai.</p>")
    return site


def test_articles_are_indexed_whole_and_listings_left_out(site: Path) -> None:
    made = index_site(site)
    assert made.path == site.resolve() / INDEX_DIR and made.pages == 2
    assert made.files == len([p for p in made.path.rglob("*") if p.is_file()])
    assert made.bytes == sum(p.stat().st_size for p in made.path.rglob("*") if p.is_file())
    pages = {page["url"]: page for page in indexed_pages(made.path)}
    assert set(pages) == {"/articles/solid-state/", "/articles/heat-pumps/"}
    solid = pages["/articles/solid-state/"]
    # the full text, down to the last paragraph; the page's navigation is not text
    assert "Quantumscape supplies the separator from Kyoto" in solid["content"]
    assert "Home Topics Archive" not in solid["content"]
    # the heading's permalink is no part of the title
    assert solid["meta"]["title"] == "Solid-state cells reach a pilot line"
    assert solid["meta"]["date"] == "2025-03-04"
    # the topics are metadata, not text: a chip's words find no article by themselves
    assert json.loads(solid["meta"]["topics"]) == [
        "Batteries, cells",
        "Manufacturing & supply chain",
    ]
    assert "Batteries" not in solid["content"]
    undated = pages["/articles/heat-pumps/"]
    assert "date" not in undated["meta"] and "topics" not in undated["meta"]


def test_indexing_again_replaces_the_index_and_leaves_nothing_behind(site: Path) -> None:
    first = index_site(site)
    old_fragments = set((first.path / "fragment").iterdir())
    (site / "articles" / "heat-pumps" / "index.html").unlink()
    again = index_site(site)
    assert again.pages == 1
    assert [p["url"] for p in indexed_pages(again.path)] == ["/articles/solid-state/"]
    # the removed page's fragment is gone, not left beside the new index
    assert not old_fragments <= set((again.path / "fragment").iterdir())
    assert {p.name for p in site.iterdir()} == {"articles", INDEX_DIR, "index.html", "topics"}


def test_a_folder_without_a_built_site_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="no built site"):
        index_site(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_command_indexes_a_site_and_says_what_it_made(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["index", str(site)]) == 0
    assert "Indexed 2 pages into" in capsys.readouterr().out
    assert main(["index", str(tmp_path / "nothing")]) == 1
    assert "no built site" in capsys.readouterr().err
