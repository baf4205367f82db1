"""Adding scrapes to a built digest: the incremental build must equal a full build.

The oracle is a full build without cache of the same seeds: after each page
added, `docs/` must be byte-identical, and the summary and the merge records
the same, whether the build took the incremental path or fell back to a full
one. The corpora are the benchmark's synthetic scrapes (text and HTML, stories
in several scrapes), added in a shuffled order so that new pages join, merge
and retitle old stories.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

from bench.corpus import make_corpus
from generator import build as build_module
from generator.build import BuildOptions, BuildResult, build, summary
from generator.incremental import NotIncremental

ROOT = Path(__file__).resolve().parent.parent
PAST = 1_600_000_000  # a modification time well before the build (see cache.RACY_NS)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class Project:
    """A seeds folder filled from a shuffled synthetic corpus, built with a cache."""

    def __init__(self, tmp_path: Path, scrapes: int, seed: int):
        self.made = tmp_path / "made"
        make_corpus(self.made, scrapes, seed=seed)
        (self.made / "manifest.json").unlink()
        self.files = sorted(p for p in self.made.rglob("*") if p.is_file())
        random.Random(seed).shuffle(self.files)
        self.root = tmp_path
        self.seeds = tmp_path / "seeds"
        (tmp_path / "site").mkdir()
        shutil.copy(ROOT / "mkdocs.yml", tmp_path / "site" / "mkdocs.yml")
        self.options = BuildOptions(
            seeds=self.seeds,
            topics=ROOT / "topics",
            docs=tmp_path / "site" / "docs",
            cache_dir=tmp_path / "cache",
        )

    def add(self, source: Path) -> Path:
        target = self.seeds / source.relative_to(self.made)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
        os.utime(target, (PAST, PAST))
        return target

    def full_build(self) -> tuple[BuildResult, dict[str, bytes]]:
        reference = self.root / "reference"
        shutil.rmtree(reference, ignore_errors=True)
        (reference / "site").mkdir(parents=True)
        shutil.copy(ROOT / "mkdocs.yml", reference / "site" / "mkdocs.yml")
        docs = reference / "site" / "docs"
        options = BuildOptions(
            seeds=self.seeds, topics=self.options.topics, docs=docs, use_cache=False
        )
        return build(options), tree(docs)


def assert_same_as_full_build(project: Project, result: BuildResult) -> None:
    full, docs = project.full_build()
    assert tree(project.options.docs) == docs
    written = ("files_written", "files_unchanged", "files_removed")
    mine = {k: v for k, v in summary(result).items() if k not in written}
    assert mine == {k: v for k, v in summary(full).items() if k not in written}
    assert result.merges == full.merges
    assert [(s.source, s.reason) for s in result.skipped] == [
        (s.source, s.reason) for s in full.skipped
    ]


@pytest.fixture
def fallbacks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Why each incremental build that gave up did."""
    reasons: list[str] = []
    add_pages = build_module.add_pages

    def spy(*args, **kwargs):
        try:
            return add_pages(*args, **kwargs)
        except NotIncremental as error:
            reasons.append(str(error))
            raise

    monkeypatch.setattr(build_module, "add_pages", spy)
    return reasons


@pytest.mark.parametrize(("scrapes", "first", "seed"), [(40, 8, 11), (60, 45, 5)])
def test_pages_added_one_by_one_give_what_a_full_build_gives(
    tmp_path: Path, fallbacks: list[str], scrapes: int, first: int, seed: int
) -> None:
    project = Project(tmp_path, scrapes, seed)
    for source in project.files[:first]:
        project.add(source)
    build(project.options)
    incremental = 0
    for source in project.files[first:]:
        added = project.add(source)
        result = build(project.options)
        if result.added_pages:
            incremental += 1
            assert result.added_pages == [added.relative_to(project.seeds).as_posix()]
        assert_same_as_full_build(project, result)
    # most additions take the incremental path; the others fell back for a stated reason
    assert incremental >= 0.8 * (scrapes - first)
    assert len(fallbacks) == scrapes - first - incremental


def test_several_pages_added_at_once(tmp_path: Path) -> None:
    project = Project(tmp_path, 30, 21)
    for source in project.files[:24]:
        project.add(source)
    build(project.options)
    for source in project.files[24:]:
        project.add(source)
    result = build(project.options)
    assert len(result.added_pages) == 6
    assert_same_as_full_build(project, result)


def test_a_removed_or_changed_page_builds_in_full(tmp_path: Path) -> None:
    project = Project(tmp_path, 24, 4)
    for source in project.files:
        project.add(source)
    build(project.options)
    gone = project.seeds / project.files[0].relative_to(project.made)
    gone.unlink()
    result = build(project.options)
    assert result.added_pages == []
    name = gone.relative_to(project.seeds).as_posix()
    assert (
        result.full_because == f"{name} went away (a build adds pages, it does not take them back)"
    )
    assert_same_as_full_build(project, result)
    changed = project.seeds / project.files[1].relative_to(project.made)
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    result = build(project.options)
    assert result.added_pages == []
    assert result.full_because.startswith(
        f"{changed.relative_to(project.seeds).as_posix()} changed"
    )
    assert_same_as_full_build(project, result)
    # and the next page added goes the incremental way again
    project.add(project.files[0])
    assert build(project.options).added_pages
    assert_same_as_full_build(project, build(project.options))


def test_a_page_edited_in_docs_is_made_again_by_a_full_build(tmp_path: Path) -> None:
    project = Project(tmp_path, 24, 4)
    for source in project.files[:-1]:
        project.add(source)
    build(project.options)
    page = sorted((project.options.docs / "articles").glob("*.md"))[-1]
    page.write_text("edited by hand\n", encoding="utf-8")
    project.add(project.files[-1])
    result = build(project.options)
    assert result.added_pages == []  # the page cannot be vouched for: full build
    assert_same_as_full_build(project, result)


def test_a_topic_edit_then_added_pages(tmp_path: Path) -> None:
    project = Project(tmp_path, 24, 4)
    topics = tmp_path / "topics"
    shutil.copytree(ROOT / "topics", topics)
    project.options.topics = topics
    for source in project.files[:-2]:
        project.add(source)
    build(project.options)
    china = topics / "china.yml"
    china.write_text(china.read_text("utf-8").replace("min_hits: 3", "min_hits: 1"), "utf-8")
    assert_same_as_full_build(project, build(project.options))
    for source in project.files[-2:]:
        project.add(source)
        result = build(project.options)
        assert result.added_pages
        assert_same_as_full_build(project, result)


def test_an_added_copy_merges_and_renders_only_the_stories_it_touches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import incremental, render

    project = Project(tmp_path, 30, 8)
    for source in project.files:
        project.add(source)
    first = build(project.options)
    single = next(a for a in first.articles if len(a.sources) == 1 and len(a.blocks) >= 3)
    copy = project.seeds / "added" / ("copy-" + Path(single.sources[0]).name)
    copy.parent.mkdir()
    shutil.copyfile(project.seeds / single.sources[0], copy)
    merged: list = []
    rendered: list = []
    monkeypatch.setattr(incremental, "merge_group", counting(incremental.merge_group, merged))
    monkeypatch.setattr(render, "article_page", counting(render.article_page, rendered))
    result = build(project.options)
    assert result.added_pages == ["added/" + copy.name]
    page_stories = [a for a in first.articles if single.sources[0] in a.sources]
    assert 0 < len(merged) <= len(page_stories) < len(first.articles) // 4
    assert len(rendered) == len(merged)
    assert_same_as_full_build(project, result)


def counting(function, calls: list):
    def counted(*args, **kwargs):
        calls.append(args)
        return function(*args, **kwargs)

    return counted


def test_an_index_left_from_another_build_is_not_used(tmp_path: Path) -> None:
    """A build stopped between saving its output and its index leaves them unmatched."""
    project = Project(tmp_path, 24, 6)
    for source in project.files[:-2]:
        project.add(source)
    build(project.options)
    index = project.options.cache_dir / "index.pkl"  # type: ignore[operator]
    earlier = index.read_bytes()
    project.add(project.files[-2])
    build(project.options)
    index.write_bytes(earlier)
    project.add(project.files[-1])
    result = build(project.options)
    assert result.added_pages == []
    assert_same_as_full_build(project, result)


def test_added_files_that_are_skipped_or_empty_are_reported_as_a_full_build_would(
    tmp_path: Path,
) -> None:
    project = Project(tmp_path, 20, 9)
    for source in project.files:
        project.add(source)
    build(project.options)
    (project.seeds / "zz").mkdir()
    (project.seeds / "zz" / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 50)
    (project.seeds / "zz" / "empty.txt").write_text("", encoding="utf-8")
    (project.seeds / "zz" / "menu-only.txt").write_text("Home\nNews\nAbout us\n", "utf-8")
    result = build(project.options)
    assert sorted(result.added_pages) == ["zz/binary.txt", "zz/empty.txt", "zz/menu-only.txt"]
    reported = {s.source for s in result.skipped} | {p.source for p in result.empty_pages}
    assert reported >= {"zz/binary.txt", "zz/empty.txt", "zz/menu-only.txt"}
    assert_same_as_full_build(project, result)


def test_an_added_copy_that_sorts_before_the_original_leads_its_story(tmp_path: Path) -> None:
    """The copy becomes the story's first instance: the articles' order and the merge change."""
    project = Project(tmp_path, 24, 13)
    for source in project.files:
        project.add(source)
    first = build(project.options)
    story = next(a for a in first.articles if len(a.sources) == 1 and len(a.blocks) >= 3)
    original = project.seeds / story.sources[0]
    copy = project.seeds / "0" / ("copy-" + original.name)  # "0/" sorts before "0000/"
    copy.parent.mkdir()
    shutil.copyfile(original, copy)
    result = build(project.options)
    assert result.added_pages == [copy.relative_to(project.seeds).as_posix()]
    assert any(copy.name in " ".join(m.instances) for m in result.merges)
    assert_same_as_full_build(project, result)


STORY = """Column
Megawatt chargers are the easy part
The hard part of the truck corridor is the parking lot, the grid queue and a rota written for diesel.
By Greta Holm
March 3, 2023
Last week the agency put out a release about chargers for trucks on the corridor that I read three times over.
The money is real and the sites are well chosen, but a charger is only as good as the bay a driver can park in.
Most depots on the route were built for a diesel fill-up of ten minutes, not a break of forty-five minutes.
"""
BASE = """The longest headline of all: a harbour town in the north votes to buy twelve electric ferries for its islands
The council voted on Tuesday to buy twelve battery-electric ferries for the routes to its four inhabited islands.
The first two boats will enter service in the spring of 2025, the rest by the end of 2027, the council said.
Charging will happen at the quays overnight, from a grid connection the utility agreed to upgrade last year.
"""
LISTING = """More from Opinion
Column: Megawatt chargers are the easy part
Tesla Semi fleet data shows lower energy use on mountain routes
The hard part of the truck corridor is the parking lot, the grid queue and a rota…
Read more
"""


@pytest.mark.parametrize("order", [("story", "listing"), ("listing", "story")])
def test_a_teaser_found_by_a_labelled_headline_or_the_deck_joins_as_a_full_build_joins_it(
    tmp_path: Path, order: tuple[str, str], fallbacks: list[str]
) -> None:
    """A listing prints "Column: <headline>", and another teaser's excerpt is the story's
    deck: both join the story, whichever page came first."""
    project = Project(tmp_path, 1, 1)  # (its synthetic page is not added)
    pages = {
        # (a first story whose headline is the longest: a longer one builds in full)
        "base": ("0/base.txt", BASE),
        "story": ("a/story.txt", STORY),
        "listing": ("b/listing.txt", LISTING),
    }
    for name in ("base", *order):
        path, text = pages[name]
        target = project.seeds / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        os.utime(target, (PAST, PAST))
        result = build(project.options)
    assert fallbacks == [] and result.added_pages == [pages[order[1]][0]]
    assert_same_as_full_build(project, result)
    full, _ = project.full_build()
    story = next(a for a in full.articles if a.title == "Megawatt chargers are the easy part")
    assert story.sources == ["a/story.txt", "b/listing.txt"]
    assert len(story.instances) == 3  # the copy and both teasers
