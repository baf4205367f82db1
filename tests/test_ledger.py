"""The story ledger: a story keeps its first id, every published address still resolves,
feed GUIDs never change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.build import BuildOptions, CurationError, build
from generator.ledger import LIVE, MOVED, RETIRED, Ledger, assign_ids, parse_ledger
from generator.model import Article, Block, BlockKind

from .conftest import ROOT, run_cli

BODY = [
    "Tesla has opened its first solar-powered V4 Supercharger station in Lost Hills, "
    "California, the company said on Tuesday, with 84 stalls fed by a 11-megawatt solar "
    "array and 39 Megapack batteries on site.",
    "The station sits beside Interstate 5, the main road between Los Angeles and San "
    "Francisco, and is one of the largest charging sites in the world, according to "
    "Tesla's charging team.",
    "During the day the solar array charges the Megapacks and the cars; at night the "
    "batteries keep the station running off the grid for most hours, Tesla said, cutting "
    "what it pays for peak power.",
]
HEADLINE = "Tesla opens first solar-powered V4 Supercharger station along Interstate 5"
OTHER = [
    "Rivian said on Monday it would build its R2 at its plant in Normal, Illinois, rather "
    "than in Georgia, saving about 2.25 billion dollars as it waits for the new plant.",
    "The company will add 1.1 million square feet to the Normal factory, where it makes "
    "the R1 trucks and the delivery vans it sells to Amazon, the company said.",
    "Rivian shares rose 12 percent in late trading after the news, which came with its "
    "fourth-quarter results and a forecast of flat deliveries this year.",
]


def story(*instances: str, title: str = "A story") -> Article:
    return Article(
        id=title.lower().replace(" ", "-"),
        title=title,
        title_source="headline",
        section=None,
        authors=[],
        date=None,
        summary=None,
        blocks=[Block(BlockKind.PARAGRAPH, "x")],
        sources=sorted({i.split("#")[0] for i in instances}),
        instances=list(instances),
    )


def test_ids_are_kept_merged_stories_move_vanished_ones_retire() -> None:
    ledger = Ledger()
    first = [story("a#0", title="Derived"), story("b#0", title="Other"), story("c#0", title="Gone")]
    assign_ids(first, ledger, "2026-01-01")
    assert [a.id for a in first] == ["derived", "other", "gone"]
    # a headline arrives (the title changes), the two first stories turn out to be one,
    # and the third one's scrape is removed
    merged = story("a#0", "b#0", "d#0", title="The real headline")
    done = assign_ids([merged], ledger, "2026-02-01")
    assert merged.id == "derived" and merged.first_seen == "2026-01-01"
    assert done.moved == [("other", "derived")] and done.retired == ["gone"]
    assert ledger.entries["derived"].members == ("a#0", "b#0", "d#0")
    assert ledger.resolve("other") == "derived" and ledger.resolve("gone") is None
    # the same story added again (its title makes the retired id) takes the entry back;
    # a title's id holds a hash of the title, so no story of another title can
    again = story("e#0", title="Gone")
    done = assign_ids([merged, again], ledger, "2026-03-01")
    assert again.id == "gone" and again.first_seen == "2026-01-01" and done.revived == ["gone"]
    # the ledger reads back as it was written
    text = ledger.dump()
    read, problems = parse_ledger(text)
    assert problems == [] and read is not None and read.dump() == text
    assert {e.state for e in read.entries.values()} == {LIVE, MOVED}
    assign_ids([again], ledger, "2026-04-01")  # (the merged story's scrapes all go)
    assert ledger.entries["derived"].state == RETIRED and ledger.resolve("other") is None


def test_a_story_whose_scrapes_are_renamed_keeps_its_id() -> None:
    ledger = Ledger()
    assign_ids([story("a.txt#0", title="Moved")], ledger, "2026-01-01")
    renamed = story("2026/a.txt#0", title="Moved")
    done = assign_ids([renamed], ledger, "2026-02-01")
    assert renamed.id == "moved" and renamed.first_seen == "2026-01-01"
    assert done.retired == [] and done.new == []
    assert ledger.entries["moved"].members == ("2026/a.txt#0",)


def test_a_split_story_s_id_is_retired_and_each_part_is_new() -> None:
    """Its scrapes now make two stories: the id is retired, never reused for a part (an
    address never comes to name a part of what it named), even the part under its title."""
    ledger = Ledger()
    both = story("a#0", "b#0", "c#0", title="Both")
    assign_ids([both], ledger, "2026-01-01")
    small, large = story("a#0", title="Small"), story("b#0", "c#0", title="Both")
    done = assign_ids([small, large], ledger, "2026-01-02")
    assert (small.id, large.id) == ("small", "both-2") and done.split == ["both"]
    assert ledger.entries["both"].state == RETIRED and ledger.resolve("both") is None
    assert (small.first_seen, large.first_seen) == ("2026-01-02", "2026-01-02")
    assign_ids([small, large], ledger, "2026-01-03")  # (the next build: nothing changes)
    assert (small.id, large.id) == ("small", "both-2")


def test_a_ledger_left_with_conflict_marks_is_an_error_with_its_line() -> None:
    _, problems = parse_ledger(
        "# header\n<<<<<<< HEAD\nx\t2026-01-01\tlive\ta#0\n=======\n"
        "x\t2026-01-02\tlive\ta#0\n>>>>>>> branch\ny\tyesterday\tlive\n",
        "stories.lock",
    )
    assert [str(p).split(": ", 2)[0:2] for p in problems] == [
        ["stories.lock:2", "(ledger)"],
        ["stories.lock:4", "(ledger)"],
        ["stories.lock:5", "(ledger)"],
        ["stories.lock:6", "(ledger)"],
        ["stories.lock:7", "(ledger)"],
    ]
    assert "merge-conflict mark" in str(problems[0]) and "is listed twice" in str(problems[2])
    assert "expected a date" in str(problems[4])


def _project(tmp_path: Path) -> BuildOptions:
    (tmp_path / "seeds").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    return BuildOptions(
        seeds=tmp_path / "seeds",
        topics=ROOT / "topics",
        docs=tmp_path / "docs",
        cache_dir=tmp_path / "cache",
        ledger=tmp_path / "stories.lock",
        today="2026-12-07",
    )


def _write(options: BuildOptions, name: str, lines: list[str]) -> None:
    (options.seeds / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _published(options: BuildOptions) -> tuple[set[str], set[str]]:
    """The article ids with a page, and every feed GUID."""
    ids = {p.stem for p in (options.docs / "articles").glob("*.md")}
    feed = etree.parse(str(options.docs / "feeds" / "all.xml"))
    return ids, {g.text for g in feed.iter("guid")}


def _resolves(options: BuildOptions, article_id: str) -> bool:
    articles = options.docs / "articles"
    return (articles / f"{article_id}.md").is_file() or (
        articles / article_id / "index.html"
    ).is_file()


def test_a_story_keeps_its_address_and_guid_as_its_scrapes_change(tmp_path: Path) -> None:
    options = _project(tmp_path)
    ever: set[str] = set()
    guids: dict[str, str] = {}

    def rebuild() -> set[str]:
        build(options)
        ids, feed = _published(options)
        ever.update(ids)
        assert all(_resolves(options, i) for i in ever), "a published address broke"
        for guid in feed:
            guids.setdefault(guid.rstrip("/").rsplit("/", 1)[-1], guid)
        return ids

    _write(options, "a_no_headline.txt", BODY)  # no headline: the title is derived
    (derived,) = rebuild()
    assert derived.startswith("tesla-has-opened-its-first")
    _write(options, "b_headline.txt", [HEADLINE, *BODY])  # the headline arrives
    assert rebuild() == {derived}
    page = (options.docs / "articles" / f"{derived}.md").read_text(encoding="utf-8")
    assert f'title: "{HEADLINE}"' in page and 'first_seen: "2026-12-07"' in page
    _write(options, "c_other.txt", ["Rivian moves R2 production to Illinois", *OTHER])
    other = rebuild() - {derived}
    (options.seeds / "c_other.txt").unlink()  # its only scrape is removed
    assert rebuild() == {derived}
    (other_id,) = other
    removed = (options.docs / "articles" / other_id / "index.html").read_text(encoding="utf-8")
    assert "This story was removed" in removed
    # the feed's GUID of the story is the first id's address, from the first build on
    assert guids[derived].endswith(f"/articles/{derived}/")


def test_a_deleted_ledger_falls_back_to_titles_and_a_frozen_build_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    options = _project(tmp_path)
    _write(options, "a_no_headline.txt", BODY)
    build(options)
    _write(options, "b_headline.txt", [HEADLINE, *BODY])
    options.frozen = True
    with pytest.raises(CurationError) as stale:
        build(options)
    assert "the story ledger is stale: new scrapes of tesla-has-opened" in str(
        stale.value.problems[0]
    )
    options.frozen = False
    build(options)
    options.ledger.unlink()
    build(options)
    assert "warning: no story ledger" in capsys.readouterr().err
    ids, _ = _published(options)
    assert ids == {p.stem for p in (options.docs / "articles").glob("*.md")}
    assert all(i.startswith("tesla-opens-first-solar-powered") for i in ids)


def test_a_build_refused_over_the_curation_files_leaves_the_ledger_as_it_was(
    tmp_path: Path,
) -> None:
    options = _project(tmp_path)
    _write(options, "a_no_headline.txt", BODY)
    build(options)
    kept = options.ledger.read_bytes()
    options.topics = tmp_path / "topics"
    shutil.copytree(ROOT / "topics", options.topics)
    with (options.topics / "china.yml").open("a", encoding="utf-8") as topic:
        topic.write("include: [no-such-story]\n")
    _write(options, "b_headline.txt", [HEADLINE, *BODY])  # (it would change the ledger)
    with pytest.raises(CurationError) as refused:
        build(options)
    assert "no-such-story" in str(refused.value.problems[0])
    assert options.ledger.read_bytes() == kept


def test_the_cli_reports_a_broken_ledger_with_its_line(tmp_path: Path) -> None:
    options = _project(tmp_path)
    _write(options, "a.txt", BODY)
    options.ledger.write_text("<<<<<<< HEAD\n", encoding="utf-8")
    result = run_cli(
        "build",
        "--seeds",
        str(options.seeds),
        "--docs",
        str(options.docs),
        "--topics",
        str(ROOT / "topics"),
    )
    assert result.returncode == 1
    assert f"{options.ledger}:1: (ledger): a merge-conflict mark" in result.stderr


#: the two stories of the random sequences, by the scrapes that carry them
STORIES = {"solar": ("a.txt", "b.txt"), "rivian": ("c.txt", "d.txt")}


def _guid_of_story(options: BuildOptions) -> dict[str, str]:
    """Each story's GUID in the digest's feed, by the STORIES name of its scrapes."""
    found: dict[str, str] = {}
    for guid in etree.parse(str(options.docs / "feeds" / "all.xml")).iter("guid"):
        article_id = (guid.text or "").rstrip("/").rsplit("/", 1)[-1]
        page = (options.docs / "articles" / f"{article_id}.md").read_text(encoding="utf-8")
        (story,) = {
            story for story, files in STORIES.items() for name in files if f'file: "{name}"' in page
        }
        found[story] = guid.text or ""
    return found


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 3)), min_size=1, max_size=6))
def test_every_address_ever_published_resolves(tmp_path_factory, steps) -> None:
    """Random sequences of adding and removing scrapes (four copies of two stories, with
    and without their headlines): every address ever published still resolves, and a
    story's feed GUID never changes while a scrape of it stays."""
    options = _project(tmp_path_factory.mktemp("ledger"))
    scrapes = [
        ("a.txt", BODY),
        ("b.txt", [HEADLINE, *BODY]),
        ("c.txt", OTHER),
        ("d.txt", ["Rivian moves R2 production to Illinois", *OTHER]),
    ]
    ever: set[str] = set()
    guids: dict[str, str] = {}

    def present(files: tuple[str, ...]) -> bool:
        return any((options.seeds / name).exists() for name in files)

    for add, which in steps:
        name, lines = scrapes[which]
        if add:
            _write(options, name, lines)
        elif (options.seeds / name).exists():
            (options.seeds / name).unlink()
        build(options)
        ids = {p.stem for p in (options.docs / "articles").glob("*.md")}
        ever |= ids
        assert all(_resolves(options, i) for i in ever)
        now = _guid_of_story(options)
        assert set(now) == {story for story, files in STORIES.items() if present(files)}
        assert all(now[story] == guid for story, guid in guids.items() if story in now)
        guids = now  # (a story whose scrapes all went is retired: back, it may get a new id)


def test_editors_correct_hide_and_merge_stories_by_id(tmp_path: Path) -> None:
    """`topics/stories.yml`: a fix survives every rebuild, and every address still resolves."""
    options = _project(tmp_path)
    options.topics = tmp_path / "topics"
    shutil.copytree(ROOT / "topics", options.topics)
    _write(options, "a.txt", [HEADLINE, *BODY])
    _write(options, "c.txt", ["Rivian moves R2 production to Illinois", *OTHER])
    build(options)
    ids = {p.stem for p in (options.docs / "articles").glob("*.md")}
    solar = next(i for i in ids if i.startswith("tesla"))
    rivian = next(i for i in ids if i.startswith("rivian"))
    stories = options.topics / "stories.yml"
    stories.write_text(
        f"stories:\n  - id: {solar}\n    title: Tesla's solar Supercharger opens\n"
        "    date: 2024-11-26\n    summary: 84 stalls, sun-powered.\n",
        encoding="utf-8",
    )
    build(options)
    page = (options.docs / "articles" / f"{solar}.md").read_text(encoding="utf-8")
    assert 'title: "Tesla\'s solar Supercharger opens"' in page
    assert 'date: "2024-11-26"' in page and 'summary: "84 stalls, sun-powered."' in page
    stories.write_text(f"stories:\n  - id: {rivian}\n    merge_into: {solar}\n", encoding="utf-8")
    build(options)
    assert {p.stem for p in (options.docs / "articles").glob("*.md")} == {solar}
    redirect = (options.docs / "articles" / rivian / "index.html").read_text(encoding="utf-8")
    assert f'url=../{solar}/"' in redirect
    page = (options.docs / "articles" / f"{solar}.md").read_text(encoding="utf-8")
    assert 'file: "c.txt"' in page  # (its sources joined the story)
    explained = run_cli(
        "explain", solar, "--seeds", str(options.seeds), "--topics", str(options.topics),
        "--docs", str(options.docs),
    )  # fmt: skip
    assert f"corrected by stories.yml:2 ({rivian}): merged into {solar}" in explained.stdout
    stories.write_text(f"stories:\n  - id: {solar}\n    hide: true\n", encoding="utf-8")
    build(options)
    assert (options.docs / "articles" / f"{rivian}.md").is_file()
    removed = (options.docs / "articles" / solar / "index.html").read_text(encoding="utf-8")
    assert "This story was removed" in removed
    stories.write_text(
        "stories:\n  - id: no-such-story\n    hide: yes please\n    titel: x\n", encoding="utf-8"
    )
    check = run_cli(
        "check", "--seeds", str(options.seeds), "--topics", str(options.topics),
        "--docs", str(options.docs),
    )  # fmt: skip
    assert check.returncode == 1
    assert "stories.yml:2: stories: 'no-such-story' matches no article" in check.stderr
    assert "stories.yml:3: stories[0].hide: got str, expected true or false" in check.stderr
    assert "stories.yml:4: stories[0].titel: unknown key, did you mean 'title'?" in check.stderr


def test_the_committed_ledger_is_current_so_a_deploy_builds(tmp_path: Path) -> None:
    """The deploy builds frozen: the ledger committed with the seeds must hold every story
    the seeds make (after a change to the extraction: `make site`, commit stories.lock)."""
    shutil.copy(ROOT / "stories.lock", tmp_path)
    result = run_cli(
        "build", "--seeds", str(ROOT / "seeds"), "--topics", str(ROOT / "topics"),
        "--docs", str(tmp_path / "docs"), "--frozen",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "stories.lock").read_bytes() == (ROOT / "stories.lock").read_bytes()


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".evdigest" not in p.as_posix()
    }


def test_incremental_builds_keep_the_ids_a_full_build_gives(tmp_path: Path) -> None:
    """Pages added one at a time (incremental builds, the ledger growing) give the pages a
    full build without cache gives from the same ledger."""
    options = _project(tmp_path / "project")
    unseen = ROOT / "tests" / "corpus" / "unseen"
    pages = sorted(p for p in unseen.iterdir() if p.suffix in (".txt", ".md", ".html"))
    pages = [p for p in pages if p.name != "README.md"][::-1][:16]
    incremental = 0
    for number, page in enumerate(pages):
        shutil.copy(page, options.seeds)
        result = build(options)
        incremental += bool(result.added_pages)
        # (some additions fall back to a full build, by design, and the summary says why)
        assert number == 0 or result.added_pages or result.full_because, page.name
    # (the ledger an incremental build grows is the one the next build finds)
    assert incremental >= 10
    ledger = options.ledger.read_bytes()
    grown = _tree(options.docs)
    shutil.rmtree(options.docs)
    shutil.rmtree(options.cache_dir)
    build(options)
    assert options.ledger.read_bytes() == ledger
    assert _tree(options.docs) == grown


def test_editors_keep_a_wrongly_merged_copy_apart(tmp_path: Path) -> None:
    """Two headlines over one text merge; an editor says the second scrape is another
    story: it becomes one, with its own id, and the first keeps its id."""
    options = _project(tmp_path)
    options.topics = tmp_path / "topics"
    shutil.copytree(ROOT / "topics", options.topics)
    _write(options, "a.txt", [HEADLINE, *BODY])
    _write(options, "b.txt", ["Lost Hills gets a giant solar charging station", *BODY])
    build(options)
    (story_id,) = {p.stem for p in (options.docs / "articles").glob("*.md")}
    (options.topics / "stories.yml").write_text(
        f"stories:\n  - id: {story_id}\n    apart: [b.txt]\n", encoding="utf-8"
    )
    build(options)
    ids = {p.stem for p in (options.docs / "articles").glob("*.md")}
    assert story_id in ids and len(ids) == 2
    pages = {i: (options.docs / "articles" / f"{i}.md").read_text(encoding="utf-8") for i in ids}
    assert 'file: "b.txt"' not in pages[story_id]
    (other,) = ids - {story_id}
    assert other.startswith("lost-hills-gets-a-giant") and 'file: "a.txt"' not in pages[other]
    options.cache_dir = tmp_path / "cache-2"  # (a build from scratch: the split holds)
    build(options)
    assert {p.stem for p in (options.docs / "articles").glob("*.md")} == ids
    explained = run_cli(
        "explain", story_id, "--seeds", str(options.seeds), "--topics", str(options.topics),
        "--docs", str(options.docs),
    )  # fmt: skip
    assert "kept apart: b.txt" in explained.stdout
