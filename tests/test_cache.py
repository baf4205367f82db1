"""The build cache: hits, misses on change, corrupt entries, code versions, and pool = serial."""

from __future__ import annotations

import operator
import os
import re
import shutil
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from bench.corpus import make_corpus
from generator import build as build_module
from generator import output as output_module
from generator import render as render_module
from generator.build import BuildOptions, build, collect, summary
from generator.cache import Cache
from generator.curation import Curation, load_curation
from generator.model import Article
from generator.render import Related
from generator.workers import BACKGROUND_THREAD, LocalExecutor, start_pool

ROOT = Path(__file__).resolve().parent.parent
PAST = 1_600_000_000  # a modification time well before the build (see cache.RACY_NS)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic corpus (text and HTML pages), the repo's seeds alongside."""
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus(folder / "made", 24, seed=3)
    (folder / "made" / "manifest.json").unlink()
    shutil.copytree(ROOT / "seeds", folder / "made" / "repo")
    return folder / "made"


def project(tmp_path: Path, corpus: Path) -> BuildOptions:
    seeds = tmp_path / "seeds"
    shutil.copytree(corpus, seeds)
    for path in seeds.rglob("*"):
        os.utime(path, (PAST, PAST))
    return BuildOptions(
        seeds=seeds, topics=ROOT / "topics", docs=tmp_path / "docs", cache_dir=tmp_path / "cache"
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def collected(tmp_path: Path, corpus: Path) -> tuple[list[Article], Curation]:
    """The corpus's articles (read without a cache) and the repo's curation."""
    options = project(tmp_path, corpus)
    options.use_cache = False
    return collect(options).articles, load_curation(options.topics)


def seed_files(options: BuildOptions) -> list[Path]:
    return sorted(p for p in options.seeds.rglob("*") if p.is_file())


def test_second_build_hits_the_cache_and_writes_nothing(tmp_path: Path, corpus: Path) -> None:
    options = project(tmp_path, corpus)
    first = build(options)
    docs = tree(options.docs)
    second = build(options)
    assert second.counts is not None  # the whole output came from the cache
    assert second.written.written == [] and second.written.removed == []
    assert tree(options.docs) == docs
    s1, s2 = summary(first), summary(second)
    for key in ("files", "instances", "articles", "duplicates_merged", "dropped_lines"):
        assert s1[key] == s2[key], key
    cache = Cache(options.cache_dir)
    collect(options, cache)
    assert cache.hits == len(seed_files(options)) and cache.misses == 0


def test_a_changed_file_misses_and_the_rest_hit(tmp_path: Path, corpus: Path) -> None:
    options = project(tmp_path, corpus)
    build(options)
    changed = next(p for p in seed_files(options) if p.suffix == ".txt")
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8"
    )
    cache = Cache(options.cache_dir)
    result = collect(options, cache)
    assert cache.misses == 1
    assert cache.hits == len(seed_files(options)) - 1
    rel = changed.relative_to(options.seeds).as_posix()
    assert any(
        "One more paragraph." in b.text
        for page in result.pages
        if page.source == rel
        for inst in page.instances
        for b in inst.blocks
    )
    # and a build after the change is not taken from the output cache: it writes the page
    assert build(options).written.written


def test_a_file_rewritten_with_the_same_size_and_mtime_is_still_trusted_by_stat(
    tmp_path: Path, corpus: Path
) -> None:
    options = project(tmp_path, corpus)
    build(options)
    path = seed_files(options)[0]
    rel = path.relative_to(options.seeds).as_posix()
    digest = Cache(options.cache_dir).file_digest(path, rel)
    data = path.read_bytes()
    path.write_bytes(data[::-1])  # same size
    os.utime(path, ns=(PAST * 10**9, PAST * 10**9))
    assert Cache(options.cache_dir).file_digest(path, rel) == digest  # not read again
    os.utime(path, ns=(PAST * 10**9 + 1, PAST * 10**9 + 1))
    assert Cache(options.cache_dir).file_digest(path, rel) != digest


def test_corrupt_entries_are_ignored(tmp_path: Path, corpus: Path) -> None:
    options = project(tmp_path, corpus)
    build(options)
    docs = tree(options.docs)
    entries = [p for p in options.cache_dir.rglob("*") if p.suffix in (".pkl", ".pack")]
    assert len(entries) > 3 and any(p.suffix == ".pack" for p in entries)
    for k, entry in enumerate(entries):
        entry.write_bytes([b"", b"not a pickle", b"\x80\x05garbage"][k % 3])
    cache = Cache(options.cache_dir)
    collect(options, cache)
    assert cache.hits == 0
    shutil.rmtree(options.docs)
    result = build(options)
    assert result.articles  # made again, not taken from the output cache
    assert tree(options.docs) == docs


def test_an_entry_for_another_page_is_a_miss(tmp_path: Path, corpus: Path) -> None:
    options = project(tmp_path, corpus)
    build(options)
    a, b = (p.relative_to(options.seeds).as_posix() for p in seed_files(options)[:2])
    cache = Cache(options.cache_dir)
    key_a = cache.page_key(a, cache.file_digest(options.seeds / a, a))
    key_b = cache.page_key(b, cache.file_digest(options.seeds / b, b))
    assert cache.get_page(key_a, a) is not None
    index = cache._page_index()
    index[key_a] = index[key_b]
    assert cache.get_page(key_a, a) is None  # b's result stored under a's key: not used


def test_page_packs_keep_only_what_the_pages_need(tmp_path: Path, corpus: Path) -> None:
    """Results of changed pages are let go: a pack mostly holding them has the rest
    moved to a new pack, and goes (once an hour old: a build alongside may be filling it)."""
    options = project(tmp_path, corpus)
    build(options)
    folder = Path(Cache(options.cache_dir).page_folder() or "")
    (first,) = folder.glob("*.pack")
    files = seed_files(options)
    changed = files[: len(files) * 2 // 3]
    for path in changed:
        path.write_bytes(path.read_bytes() + b"\nOne more line of text here.\n")
    an_hour_ago = time.time() - 3601
    os.utime(first, (an_hour_ago, an_hour_ago))
    build(options)
    packs = list(folder.glob("*.pack"))
    assert first not in packs and len(packs) == 2  # the changed pages' and the moved ones'
    cache = Cache(options.cache_dir)
    collect(options, cache)
    assert cache.hits == len(files) and cache.misses == 0


def test_a_new_code_version_invalidates_the_cache(tmp_path: Path, corpus: Path) -> None:
    options = project(tmp_path, corpus)
    build(options)
    same = Cache(options.cache_dir)
    collect(options, same)
    assert same.misses == 0
    other = Cache(options.cache_dir, page_version="edited rules")
    collect(options, other)
    assert other.hits == 0 and other.misses == len(seed_files(options))
    # the memos an earlier build kept are used only by the same generator code
    assert same.memo(same.last_output(), "rendered")
    edited = Cache(options.cache_dir, output_version="edited render")
    assert edited.memo(edited.last_output(), "rendered") == {}
    # the old version's entries were pruned: only the new version's folder is left
    assert [p.name for p in (options.cache_dir / "pages").iterdir()] == ["edited rules"[:16]]


def test_pool_and_cache_give_the_same_bytes_as_a_serial_build(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_module, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(output_module, "PARALLEL_MIN_FILES", 1)  # pages made by two processes
    serial = project(tmp_path / "serial", corpus)
    serial.workers, serial.use_cache = 1, False
    build(serial)
    pooled = project(tmp_path / "pooled", corpus)
    pooled.workers = 2
    build(pooled)
    assert tree(pooled.docs) == tree(serial.docs)
    shutil.rmtree(pooled.docs)
    build(pooled)  # every page from the cache, output written again
    assert tree(pooled.docs) == tree(serial.docs)


def test_classifying_in_a_pool_gives_the_same_topics(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles, curation = collected(tmp_path, corpus)
    assert len(articles) > 8
    build_module.classify(articles, curation)
    expected = [(a.topics, a.entities) for a in articles]
    for a in articles:
        a.topics, a.entities = [], []
    monkeypatch.setattr(build_module, "CLASSIFY_POOL_MIN_ARTICLES", 1)
    build_module.classify(articles, curation, LocalExecutor(2))
    assert [(a.topics, a.entities) for a in articles] == expected


def test_pool_tasks_are_made_only_as_the_workers_catch_up() -> None:
    """Classification's tasks copy the articles' text: they must not all exist at once."""
    made: list[int] = []

    def tasks():
        for number in range(10):
            made.append(number)
            yield number

    with LocalExecutor(2).pool() as pool:
        results = pool.map(operator.neg, tasks(), ahead=3)
        first = next(results)
        assert made == [0, 1, 2]
        assert [first, *results] == [-number for number in range(10)]


_make_article_page = render_module.article_page


def _logged_article_page(
    article: Article,
    curation: Curation | None = None,
    body: str = "full",
    related: tuple[Related, ...] = (),
) -> str:
    """`article_page`, writing which process made which page to a file (the makers run
    in other processes, which import this module afresh)."""
    with open(os.environ["EV_DIGEST_TEST_MADE_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {article.id}\n")
    return _make_article_page(article, curation, body, related)


def test_pages_made_in_other_planners_are_remembered(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Article pages made in other processes still go into the build's memo: after an
    edit of a topic's description, no article page is made again."""
    monkeypatch.setattr(output_module, "PARALLEL_MIN_FILES", 1)
    made = tmp_path / "made.log"
    monkeypatch.setenv("EV_DIGEST_TEST_MADE_LOG", str(made))
    monkeypatch.setattr(render_module, "article_page", _logged_article_page)
    options = project(tmp_path, corpus)
    options.workers = 2
    options.topics = tmp_path / "topics"
    shutil.copytree(ROOT / "topics", options.topics)
    first = build(options)
    lines = made.read_text(encoding="utf-8").split("\n")[:-1]
    assert sorted(line.split()[1] for line in lines) == sorted(a.id for a in first.articles)
    made.unlink()
    topic = options.topics / "china.yml"
    topic.write_text(
        topic.read_text(encoding="utf-8").replace("description: |", "description: |\n  New.", 1),
        encoding="utf-8",
    )
    edited = build(options)
    # (the topic's feed carries its description)
    assert edited.written.written == [
        "feeds/topics/china.xml",
        "topics/china.md",
        "topics/index.md",
    ]
    assert not made.exists()


def test_the_collected_state_is_stored_beside_the_build_and_read_back_after_a_topic_edit(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full build stores its articles while it classifies them, and the corpus index,
    with every article's topics, for the output it stored. A build after an edit of
    the topics starts from those articles and gives what a fresh build gives."""
    from generator import incremental

    options = project(tmp_path, corpus)
    result = build(options)
    cache = Cache(options.cache_dir)
    stored = cache.last_output("collected")
    assert stored is not None
    assert [a.id for a in stored.state["articles"]] == [a.id for a in result.articles]
    index = incremental.index_from_parts(cache.get_parts("index"))
    last = cache.last_output()
    assert index is not None and last is not None and index.output == last.key
    filed = {a.id: (a.topics, a.entities) for a in result.articles}
    assert any(topics for topics, _ in filed.values())
    assert {a.id: (a.topics, a.entities) for a in index.articles()} == filed

    options.topics = tmp_path / "topics"
    shutil.copytree(ROOT / "topics", options.topics)
    for topic in options.topics.glob("*.yml"):
        text = topic.read_text(encoding="utf-8")
        topic.write_text(re.sub(r"min_hits: \d+", "min_hits: 1", text), encoding="utf-8")
    monkeypatch.setattr(build_module, "collect", None)  # (the pages must not be read again)
    edited = build(options)
    monkeypatch.undo()
    assert [a.topics for a in edited.articles] != [a.topics for a in result.articles]
    fresh = replace(options, docs=tmp_path / "fresh" / "docs", cache_dir=tmp_path / "fresh-cache")
    build(fresh)
    assert tree(options.docs) == tree(fresh.docs)


def test_no_process_is_forked_while_the_store_runs(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process forked while a thread runs inherits the locks the thread holds then: the
    classify pool that runs beside the store starts its workers afresh, and the store
    ends before the build forks again."""
    monkeypatch.setattr(build_module, "POOL_MIN_FILES", 1)  # (every pool is used)
    monkeypatch.setattr(build_module, "CLASSIFY_POOL_MIN_ARTICLES", 1)
    monkeypatch.setattr(output_module, "PARALLEL_MIN_FILES", 1)
    fork, running_at_fork = os.fork, []

    def watched_fork() -> int:
        running_at_fork.append(
            any(thread.name == BACKGROUND_THREAD for thread in threading.enumerate())
        )
        return fork()

    monkeypatch.setattr(os, "fork", watched_fork)
    options = project(tmp_path, corpus)
    build(options)
    monkeypatch.undo()
    assert len(running_at_fork) >= 2 and not any(running_at_fork)
    assert Cache(options.cache_dir).last_output("collected") is not None


def test_a_failed_store_of_the_collected_state_is_said_and_the_build_goes_on(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture
) -> None:
    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "_store_collected", fail)
    options = project(tmp_path, corpus)
    result = build(options)
    assert result.written.written
    err = capfd.readouterr().err
    assert "OSError: disk full" in err
    assert "warning: the cache could not store this build's articles" in err
    assert Cache(options.cache_dir).last_output("collected") is None
    monkeypatch.undo()
    assert build(options).written.written == []  # the output was stored all the same


def test_no_cache_writes_no_cache_folder(tmp_path: Path, corpus: Path) -> None:
    options = project(tmp_path, corpus)
    options.use_cache = False
    build(options)
    assert not options.cache_dir.exists()
    assert build(options).articles  # made again: nothing came from a cache


def test_a_topic_edit_reuses_the_articles_and_files_them_again(
    tmp_path: Path, corpus: Path
) -> None:
    options = project(tmp_path, corpus)
    topics = tmp_path / "topics"
    shutil.copytree(ROOT / "topics", topics)
    options.topics = topics
    build(options)
    topic = sorted(topics.glob("*.yml"))[0]
    topic.write_text(
        topic.read_text(encoding="utf-8").replace("keywords: [", "keywords: [the, ", 1),
        encoding="utf-8",
    )
    edited = build(options)
    assert edited.counts is not None and edited.articles  # articles from the cache
    assert edited.written.written  # the topic now holds (many) more stories
    fresh = BuildOptions(
        seeds=options.seeds, topics=topics, docs=tmp_path / "fresh", use_cache=False
    )
    build(fresh)
    assert tree(options.docs) == tree(fresh.docs)


def test_cached_classification_matches_a_fresh_one_after_a_topic_edit(
    tmp_path: Path, corpus: Path
) -> None:
    from dataclasses import replace

    articles, curation = collected(tmp_path, corpus)
    cache = Cache(tmp_path / "cache")

    def topics_of(curation) -> list:
        build_module.classify(articles, curation)
        fresh = [(a.topics, a.entities) for a in articles]
        for a in articles:
            a.topics, a.entities = ["stale"], ["stale"]
        build_module.classify(articles, curation, None, cache)
        assert [(a.topics, a.entities) for a in articles] == fresh
        return fresh

    before = topics_of(curation)
    assert cache.get_table("classify")
    first = curation.topics[0]
    widened = replace(first, rules=replace(first.rules, keywords=(*first.rules.keywords, "the")))
    after = topics_of(replace(curation, topics=[widened, *curation.topics[1:]]))
    assert before != after
    assert topics_of(curation) == before  # and back


def test_adding_a_scrape_merges_and_renders_only_what_it_touches(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a full build, an added copy of a known story re-merges that story alone (the
    other merges and pages come from the memos); the output equals a fresh build."""
    from generator import dedup, render

    options = project(tmp_path, corpus)
    first = build(options)
    options.report = tmp_path / "report.json"  # a report needs the full build
    multi = next(a for a in first.articles if len(a.sources) == 1 and len(a.blocks) >= 3)
    source = options.seeds / multi.sources[0]
    copy = options.seeds / "added" / ("copy-" + source.name)
    copy.parent.mkdir()
    shutil.copyfile(source, copy)
    merged, rendered = [], []
    monkeypatch.setattr(dedup, "merge_group", _counting(dedup.merge_group, merged))
    monkeypatch.setattr(render, "article_page", _counting(render.article_page, rendered))
    second = build(options)
    # only the stories of the copied page, now found twice, are merged and rendered again
    page_stories = {a.id for a in first.articles if source.name in " ".join(a.sources)}
    assert 0 < len(merged) <= len(page_stories) < len(first.articles) // 4
    assert 0 < len(rendered) <= len(page_stories)
    assert {a.id for a in second.articles} == {a.id for a in first.articles}
    fresh = BuildOptions(
        seeds=options.seeds, topics=options.topics, docs=tmp_path / "fresh", use_cache=False
    )
    build(fresh)
    assert tree(options.docs) == tree(fresh.docs)


def _counting(function, calls: list):
    def counted(*args, **kwargs):
        calls.append(args)
        return function(*args, **kwargs)

    return counted


def test_a_generated_page_edited_by_hand_is_made_again_when_nothing_else_changed(
    tmp_path: Path, corpus: Path
) -> None:
    options = project(tmp_path, corpus)
    build(options)
    docs = tree(options.docs)
    page = next(p for p in sorted((options.docs / "articles").glob("*.md")))
    page.write_text("edited by hand\n", encoding="utf-8")
    (options.docs / "index.md").unlink()
    again = build(options)
    assert tree(options.docs) == docs
    assert sorted(again.written.written) == sorted(
        ["index.md", page.relative_to(options.docs).as_posix()]
    )


def test_parts_are_stored_apart_and_read_back_in_order(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    parts = [{"head": 1}, ["a", ("b", 2)], [], ["c"] * 3]
    cache.put_parts("things", iter(parts))
    assert cache.get_parts("things") == parts
    assert cache.get_parts("missing") is None
    stored = tmp_path / "cache" / "things.pkl"
    stored.write_bytes(stored.read_bytes()[:-5])  # cut short: a miss, not half the parts
    assert cache.get_parts("things") is None


def test_the_corpus_index_is_read_back_from_its_parts_whole(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import incremental

    options = project(tmp_path, corpus)
    build(options)
    cache = Cache(options.cache_dir)
    monkeypatch.setattr(incremental, "GROUPS_PER_PART", 5)
    index = incremental.index_from_parts(cache.get_parts("index"))
    assert index is not None and len(index.groups) > 10
    cache.put_parts("again", incremental.index_parts(index))
    assert len(cache.get_parts("again") or []) == 1 + -(-len(index.groups) // 5)
    again = incremental.index_from_parts(cache.get_parts("again"))
    assert again is not None and again.groups == index.groups
    assert again.instances == index.instances and again.output == index.output
    assert incremental.index_from_parts([["not", "an", "index"]]) is None


def test_topics_decided_after_the_index_was_stored_are_given_to_its_articles(
    tmp_path: Path, corpus: Path
) -> None:
    """The build stores the index while it classifies: the topics come in a last part."""
    from generator import incremental

    options = project(tmp_path, corpus)
    build(options)
    parts = Cache(options.cache_dir).get_parts("index")
    assert parts is not None and isinstance(parts[-1], incremental.DecidedTopics)
    index = incremental.index_from_parts(parts)
    assert index is not None

    def made(index: incremental.CorpusIndex) -> dict:
        return {
            key: (g.article.topics, g.article.entities, g.article.terms)
            for key, g in index.groups.items()
        }

    decided = made(index)
    assert any(topics for topics, _, _ in decided.values())
    assert all(terms for _, _, terms in decided.values())  # (the event stage's terms too)
    for group in index.groups.values():
        group.article.topics, group.article.entities, group.article.terms = [], [], b""
    stored = [*incremental.index_parts(index), incremental.DecidedTopics(decided)]
    again = incremental.index_from_parts(stored)
    assert again is not None
    assert made(again) == decided
    one_missing = dict(list(decided.items())[1:])
    stored = [*incremental.index_parts(index), incremental.DecidedTopics(one_missing)]
    assert incremental.index_from_parts(stored) is None


def test_a_pool_that_does_not_inherit_starts_from_the_code_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Classify's workers start as new interpreters: they hold none of the build's memory."""
    monkeypatch.setattr(build_module, "CLASSIFY_CHUNK", 7)
    read_back = "__import__('generator.build').build.CLASSIFY_CHUNK"
    with start_pool(1) as forked, start_pool(1, inherit=False) as fresh:
        assert forked.submit(eval, read_back).result() == 7
        assert fresh.submit(eval, read_back).result() == 512


def test_the_page_version_covers_every_module_the_page_stages_import() -> None:
    """A page result is cached under PAGE_VERSION: the code it hashes must be all the code
    (and data) that makes a page result (`build.process_file`: read, segment, head,
    clean, fingerprint), or a change to it would serve stale pages."""
    import ast

    from generator import cache

    package = Path(cache.__file__).parent
    todo = ["ingest", "html_reader", "segment", "head", "clean", "fingerprint"]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            tree = ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))
            todo += [
                node.module
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module
            ]
    assert seen <= set(cache.PAGE_MODULES), sorted(seen - set(cache.PAGE_MODULES))
    assert all((package / name).exists() for name in cache.PAGE_DATA)
