"""The build, top to bottom: read pages, segment, clean, deduplicate, classify, write.

Like mkdocs' own build, everything is computed first and written last, so a
build that fails part-way leaves `docs/` as it was.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import pickle
import sys
import threading
import traceback
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any

from .archive import archive_pages
from .attribution import SOURCES_FILE, Listed, read_sources_file, with_listed
from .cache import (
    Cache,
    Output,
    PageLocation,
    PagePack,
    file_bytes_digest,
    folder_digest,
    no_collection,
    release_free_memory,
)
from .clean import clean, drop_known_headlines, drop_recurring_boilerplate, find_recurring
from .config import site_settings
from .corrections import apply_corrections
from .curation import (
    COMPANIES_FILE,
    STORIES_FILE,
    Curation,
    Problem,
    in_line_order,
    load_curation,
    unfiled_pins,
    unknown_ids,
)
from .dedup import KeptApart, deduplicate
from .events import event_state, link_stories
from .executor import Executor, batched
from .feeds import feed_files
from .fingerprint import fingerprint
from .head import HeadModel, apply_head
from .incremental import (
    CorpusIndex,
    DecidedTopics,
    NotIncremental,
    add_pages,
    index_corpus,
    index_from_parts,
    index_parts,
    with_bodies,
)
from .ingest import discover, read_document
from .ledger import LIVE, Assigned, Ledger, assign_ids, read_ledger
from .model import Article, BlockKind, Dropped, Fingerprint, Instance, Merge, PageResult, Skipped
from .output import (
    Unverified,
    WriteResult,
    recover,
    write_atomic,
    write_outputs,
)
from .render import (
    SitePages,
    article_page_key,
    article_pages,
    article_path,
    entry_text,
    listing_pages,
    redirect_pages,
    related_stories,
    remember_entry_texts,
    remember_pages,
    render_site,
)
from .review import QueueEntry, queue_counts, queue_head, review_queue
from .segment import segment
from .topics import Classifier, article_words, classify_words
from .workers import Background, LocalExecutor

Progress = Callable[[str, int, int], None]


@dataclass
class BuildOptions:
    seeds: Path
    topics: Path
    docs: Path
    report: Path | None = None
    progress: Progress | None = None
    #: where parsed pages and the last output are cached; None: `.evdigest-cache/`
    #: next to the seeds folder
    cache_dir: Path | None = None
    use_cache: bool = True
    #: processes for the per-file work; None: one per CPU core (at most 8), 1: no pool
    workers: int | None = None
    #: what runs the parallel stages: "local" (this machine's process pools) or "dask"
    engine: str = "local"
    #: with the dask engine, the address of the cluster's scheduler; None: a LocalCluster
    #: of `workers` processes started for the build
    scheduler: str | None = None
    #: the head scorers' weights; None: the shipped ones (`head_model.json`)
    head_model: HeadModel | None = None
    #: the story ledger that keeps each story's first id (`ledger`); None: ids are the
    #: titles' (library use, evaluation)
    ledger: Path | None = None
    #: fail, naming the stories, rather than change the ledger (a deploy)
    frozen: bool = False
    #: the day a new story is first seen (ISO date); None: today (UTC)
    today: str | None = None


#: below this many pages to parse, a process pool costs more than it saves
POOL_MIN_FILES = 64
#: below this many articles to classify, starting a pool's workers (new interpreters,
#: about 0.2 s) costs more than it saves
CLASSIFY_POOL_MIN_ARTICLES = 5000
#: articles classified per task of the pool
CLASSIFY_CHUNK = 512


def default_cache_dir(seeds: Path) -> Path:
    return seeds.resolve().parent / ".evdigest-cache"


@dataclass
class BuildResult:
    files: int = 0
    pages: list[PageResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    #: the lines dropped as boilerplate, listed only when a report is asked for
    dropped: list[Dropped] = field(default_factory=list)
    dropped_lines: int = 0
    written: WriteResult = field(default_factory=WriteResult)
    curation: Curation = field(default_factory=Curation)
    #: set when the result does not hold its pages: it was taken from the cache
    #: (`pages`, `dropped` and, when nothing changed since the last build, `articles`
    #: are then not loaded), or the build let them go, having no report to write;
    #: these are their counts
    counts: dict | None = None
    cached_empty_pages: list[PageResult] = field(default_factory=list)
    index: CorpusIndex | None = None
    #: the seed files a build added to the last one's articles (see `incremental`), if it did
    added_pages: list[str] = field(default_factory=list)
    #: why a build that might have added pages to the last one's articles did not
    full_because: str | None = None
    #: the pages an editor should look at: (article id, title, why), see `doubts`
    doubts: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    #: how many stories of each kind the editor's queue holds (`review.queue_counts`)
    queue: dict[str, int] = field(default_factory=dict)
    #: the first entries of the queue, which the build summary lists (`review.queue_head`)
    queue_head: list[QueueEntry] = field(default_factory=list)
    #: what this build changed in the story ledger, if it keeps one
    assigned: Assigned | None = None
    #: the story ledger brought up to date, to be written once the build's checks pass (a
    #: build refused over the curation files leaves the ledger as it found it)
    ledger_text: str | None = None
    #: the ids that no longer have a page, and where each one's address leads (None: removed)
    moved_ids: dict[str, str | None] = field(default_factory=dict)

    @property
    def instances(self) -> list[Instance]:
        return [inst for page in self.pages for inst in page.instances]

    @property
    def empty_pages(self) -> list[PageResult]:
        if self.counts is not None:
            return self.cached_empty_pages
        return [page for page in self.pages if page.empty_reason]


def process_file(
    path: Path, root: Path, head_model: HeadModel | None = None, listed: Listed | None = None
) -> PageResult:
    """Everything that depends on one file only: read, segment, choose each article's
    head, clean.

    Never raises: if a stage fails on a file (a bug that input exposed), the
    file is skipped with the error as its reason and the build goes on.
    `head_model` replaces the shipped head scorers (the evaluation's
    leave-one-site-out runs); `listed` is what `seeds/sources.csv` says of the file.
    """
    try:
        return _process_file(path, root, head_model, listed)
    except Exception as error:  # one bad file must not stop the build
        source = path.relative_to(root).as_posix()
        return PageResult(source, (), (), skipped=Skipped(source, could_not_process(error)))


def could_not_process(error: BaseException) -> str:
    """One line: "could not process: ValueError: message (at segment.py:42 in find_starts)"."""
    message = " ".join(str(error).split())
    if len(message) > 200:
        message = message[:199] + "…"
    where = ""
    frames = traceback.extract_tb(error.__traceback__)
    if frames:
        last = frames[-1]
        where = f" (at {Path(last.filename).name}:{last.lineno} in {last.name})"
    return f"could not process: {type(error).__name__}{': ' + message if message else ''}{where}"


#: an article says something: fewer words than a one-sentence news brief is a page's
#: leftover (a listing's description, a caption), not an article
MIN_ARTICLE_WORDS = 25
#: a page of this many teasers and no other article than its lead is a listing: its lead
#: needs this many words to be an article, not the listing's intro ("Hello again. Spring
#: was busy, so this issue …")
LISTING_TEASERS = 3
LISTING_INTRO_WORDS = 60
#: a page whose lead has this many full articles after it is a hub (a press kit, a topic
#: page) when that lead reads as its intro: one paragraph, no byline block
HUB_ARTICLES = 2


def _page_intro(lead: Instance, dropped: list[Dropped]) -> bool:
    """(a hub prints its title; a story cut after its first paragraph keeps its byline
    block, empty as it may be; a scrape that starts inside a story has no headline)"""
    paragraphs = [block for block in lead.blocks if block.kind == BlockKind.PARAGRAPH]
    return (
        lead.headline is not None
        and len(paragraphs) <= 1
        and not lead.authors
        and not any(line.rule in _WHO_AND_WHEN for line in dropped)
    )


_WHO_AND_WHEN = frozenset(("byline", "author-bio", "contact-line", "reading-time"))


def _words(instance: Instance) -> int:
    return sum(len(block.text.split()) for block in instance.blocks)


def _process_file(
    path: Path, root: Path, head_model: HeadModel | None, listed: Listed | None
) -> PageResult:
    doc = read_document(path, root)
    if isinstance(doc, Skipped):
        return PageResult(doc.source, (), (), skipped=doc)
    if listed is not None:
        doc = replace(doc, meta=with_listed(doc.meta, listed))
    instances: list[Instance] = []
    dropped: list[Dropped] = list(doc.dropped)
    raws = segment(doc)
    # (a page of teasers and nothing else but its lead)
    listing = sum(raw.teaser for raw in raws) >= LISTING_TEASERS and all(
        raw.teaser for raw in raws[1:]
    )
    # (a hub page: a press kit's, a topic's, whose articles each come under a headline)
    hub = sum(not raw.teaser for raw in raws[1:]) >= HUB_ARTICLES
    for raw in raws:
        instance, lines = clean(apply_head(raw, doc.meta, head_model), doc.meta)
        dropped += lines
        shortest = MIN_ARTICLE_WORDS
        if raw.position == 0 and (listing or (hub and _page_intro(instance, lines))):
            shortest = LISTING_INTRO_WORDS  # (over a listing or a hub: the editor's intro)
        if instance.teaser or _words(instance) >= shortest:
            instances.append(instance)
        else:
            # nothing to publish: its headline, section label and deck go to the report
            held = dict.fromkeys(
                t for t in (instance.headline, instance.section, instance.deck) if t
            )
            for text in held or ["(untitled)"]:
                dropped.append(Dropped(doc.source, raw.start_line, text, "article-without-body"))
            dropped += [
                Dropped(doc.source, block.line, block.text, "article-too-short")
                for block in instance.blocks
            ]
    empty_reason = None
    if not doc.lines:
        empty_reason = "no text lines"
    elif all(instance.teaser for instance in instances):
        empty_reason = (
            f"a listing: {len(instances)} teaser(s), no article with body text"
            if instances
            else "no article with body text (only boilerplate)"
        )
    return PageResult(
        doc.source,
        tuple(instances),
        tuple(dropped),
        empty_reason=empty_reason,
        fingerprints=tuple(fingerprint(inst) for inst in instances),
    )


class CurationError(Exception):
    """The curation files have problems: nothing was built."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in curation files")
        self.problems = problems


#: the pack this thread stores the pages it reads in (`.pack`), if it has begun one: a
#: worker of a cluster may run several tasks at once, in threads
_packs = threading.local()

_ReadTask = tuple[Path, Path, str | None, HeadModel | None, Listed | None]


def _work(task: _ReadTask) -> tuple[bytes, PageLocation | None]:
    """`process_file` in a worker: the result, pickled, and where this process stored it
    in a page pack in the folder given (stored here: the main process has the whole
    corpus to merge)."""
    path, seeds, folder, head_model, listed = task
    data = pickle.dumps(process_file(path, seeds, head_model, listed), pickle.HIGHEST_PROTOCOL)
    if folder is None:
        return data, None
    pack: PagePack | None = getattr(_packs, "pack", None)
    if pack is None or pack.folder != folder or pack.pid != os.getpid():
        pack = _packs.pack = PagePack(folder)  # (a pack inherited through a fork is the parent's)
    return data, pack.add(data)


def _work_all(tasks: list[_ReadTask]) -> list[tuple[bytes, PageLocation | None]]:
    """`_work` of each of `tasks`: one task of the pool, so that a few dozen small pages
    cost one round trip."""
    return [_work(task) for task in tasks]


def _close_pack() -> None:
    """End this thread's page pack: the next pages go to a new one."""
    pack: PagePack | None = getattr(_packs, "pack", None)
    if pack is not None:
        pack.close()
        _packs.pack = None


def open_cache(options: BuildOptions) -> Cache:
    if not options.use_cache:
        return Cache(None)
    return Cache(options.cache_dir or default_cache_dir(options.seeds))


@dataclass
class _Inputs:
    """The seed files found, with the cache key of each (None: not cacheable)."""

    paths: list[Path]
    skipped: list[Skipped]
    keys: list[str | None]
    #: what `seeds/sources.csv` says of each file, if anything
    listed: list[Listed | None]


def _relative(path: Path, root: Path) -> str:
    """`path.relative_to(root).as_posix()`, without pathlib's cost on 100k files."""
    text, prefix = str(path), str(root).rstrip(os.sep) + os.sep
    if text.startswith(prefix):
        return text[len(prefix) :].replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def _inputs(options: BuildOptions, cache: Cache) -> _Inputs:
    found, skipped = discover(options.seeds)
    by_file, problems = read_sources_file(options.seeds)
    keys: list[str | None] = []
    listed: list[Listed | None] = []
    paths: list[Path] = []
    for path in found:
        rel = _relative(path, options.seeds)
        if rel == SOURCES_FILE:
            continue  # (not a page: what the scraper says of the pages)
        paths.append(path)
        row = by_file.pop(rel, None)
        listed.append(row)
        digest = cache.file_digest(path, rel) if cache.enabled else None
        if digest and row is not None:  # (what the list says is part of the page's input)
            digest += f"|{row.url}|{row.outlet}|{row.captured}"
        keys.append(cache.page_key(rel, digest) if digest else None)
    problems += [
        Skipped(f"{SOURCES_FILE}:{row.line}", f"file: no seed file {file!r}")
        for file, row in by_file.items()
    ]
    return _Inputs(paths, problems + skipped, keys, listed)


def _workers(options: BuildOptions) -> int:
    return options.workers or min(os.cpu_count() or 1, 8)


#: the engines `BuildOptions.engine` names
ENGINES = ("local", "dask")


def executor_for(options: BuildOptions) -> Executor:
    """The engine the build's parallel stages run on (see `executor`)."""
    if options.engine == "dask":
        from .dask_executor import DaskExecutor  # (dask only for the builds that ask for it)

        return DaskExecutor(options.scheduler, _workers(options))
    if options.engine != "local" or options.scheduler is not None:
        raise ValueError(f"engine {options.engine!r} with scheduler {options.scheduler!r}")
    return LocalExecutor(_workers(options))


def classify(
    articles: list[Article],
    curation: Curation,
    executor: Executor | None = None,
    cache: Cache | None = None,
) -> None:
    """`Classifier.classify`, remembering each topic's and the companies' decision per article.

    A decision depends only on the article and on that topic's (or the company
    list's) definition, so after adding a scrape only the new articles are
    classified, and after editing one topic only that topic is decided again.
    The decisions about articles not in `articles` are forgotten.
    """
    if cache is None or not cache.enabled:
        _classify(articles, curation, executor)
        return
    version = cache.output_version[:16]
    topic_keys = [(t.id, _key(version, repr(t))) for t in curation.topics]
    company_key = _key(version, repr(curation.companies))
    terms_key = _key(version, "terms")  # (made with the decisions, from the same text)
    # a definition's key -> {article key -> its decision}: one small dict entry a decision
    # (tuple keys, and a copy of the table to prune it, made a 150 MB peak at 50k scrapes)
    stored = cache.get_table("classify")
    table: dict[str, dict[str, Any]] = {}
    for key in [tk for _, tk in topic_keys] + [company_key, terms_key]:
        decided = stored.get(key)
        table[key] = decided if isinstance(decided, dict) else {}
    stored_keys, stored = set(stored), None
    article_keys = [_article_key(a) for a in articles]
    missing = {
        key for key, decided in table.items() if any(ak not in decided for ak in article_keys)
    }
    if missing:
        sub = Curation(
            topics=[
                t for t, (_, tk) in zip(curation.topics, topic_keys, strict=True) if tk in missing
            ],
            companies=curation.companies if company_key in missing else [],
        )
        need = [
            i for i, ak in enumerate(article_keys) if any(ak not in table[key] for key in missing)
        ]
        part = [articles[i] for i in need]
        _classify(part, sub, executor, terms=terms_key in missing)
        sub_keys = [(tid, table[tk]) for tid, tk in topic_keys if tk in missing]
        for i, article in zip(need, part, strict=True):
            filed = set(article.topics)
            for topic_id, decided in sub_keys:
                decided[article_keys[i]] = topic_id in filed
            if company_key in missing:
                table[company_key][article_keys[i]] = list(article.entities)
            if terms_key in missing:
                table[terms_key][article_keys[i]] = article.terms
    for article, ak in zip(articles, article_keys, strict=True):
        article.topics = [tid for tid, tk in topic_keys if table[tk][ak]]
        article.entities = list(table[company_key][ak])
        article.terms = table[terms_key][ak]
    current = set(article_keys)
    forgotten = False
    for decided in table.values():
        for ak in decided.keys() - current:
            del decided[ak]
            forgotten = True
    if missing or forgotten or table.keys() != stored_keys:
        cache.put_table("classify", table)


def _key(*parts: str) -> str:
    return hashlib.blake2b("\0".join(parts).encode("utf-8"), digest_size=12).hexdigest()


def _article_key(article: Article) -> str:
    """What classification reads of an article: its id, title, deck and body."""
    return _key(
        article.id, article.title, article.deck or "", *(block.text for block in article.blocks)
    )


def _classify(
    articles: list[Article], curation: Curation, executor: Executor | None, terms: bool = True
) -> None:
    """`Classifier.classify`, split over the executor's workers when there are many articles
    (and without their terms, unless `terms`)."""
    classifier = Classifier(curation, terms)
    if len(articles) < CLASSIFY_POOL_MIN_ARTICLES or executor is None or executor.workers <= 1:
        classifier.classify(articles)
        return
    # each task is the words of at most CLASSIFY_CHUNK articles, so that every worker stays
    # busy to the end; they are sent the compiled classifier, and need nothing else
    workers = executor.workers
    size = min(CLASSIFY_CHUNK, -(-len(articles) // (workers * 4)))
    starts = range(0, len(articles), size)
    tasks = ([article_words(a) for a in articles[start : start + size]] for start in starts)
    with executor.pool(shared=classifier) as pool:
        done = pool.map(classify_words, tasks, ahead=2 * workers)
        for start, results in zip(starts, done, strict=True):
            part = articles[start : start + size]
            for article, (topics, entities, terms) in zip(part, results, strict=True):
                article.topics, article.entities, article.terms = topics, entities, terms


def _pages(
    options: BuildOptions, cache: Cache, inputs: _Inputs, executor: Executor
) -> Iterator[PageResult]:
    """Every file's `PageResult`, in file order: from the cache, or computed (in a pool)."""
    pages: list[PageResult | None] = []
    todo: list[int] = []
    for path, key in zip(inputs.paths, inputs.keys, strict=True):
        rel = _relative(path, options.seeds)
        page = cache.get_page(key, rel) if key else None
        if page is None:
            todo.append(len(pages))
        pages.append(page)
    # absolute paths: a worker of a cluster need not run in this folder
    folder = cache.page_folder()
    folder = folder and os.path.abspath(folder)
    seeds = options.seeds.absolute()
    tasks = [
        (
            inputs.paths[i].absolute(),
            seeds,
            folder if inputs.keys[i] else None,
            options.head_model,
            inputs.listed[i],
        )
        for i in todo
    ]
    with contextlib.ExitStack() as stack:
        computed: Iterable[tuple[bytes, PageLocation | None]] = map(_work, tasks)
        if len(todo) >= POOL_MIN_FILES and executor.workers > 1:
            # the readers are forked where they can be: the build holds little yet
            pool = stack.enter_context(executor.pool(inherit=True))
            workers = executor.workers
            chunk = max(1, min(32, len(tasks) // (workers * 8)))
            done = pool.map(_work_all, batched(tasks, chunk), ahead=8 * workers)
            computed = chain.from_iterable(done)
        yield from _in_file_order(pages, todo, computed, cache, inputs.keys)


def _in_file_order(
    pages: list[PageResult | None],
    todo: list[int],
    computed: Iterable[tuple[bytes, PageLocation | None]],
    cache: Cache,
    keys: list[str | None],
) -> Iterator[PageResult]:
    """The `pages` from the cache, with the `todo` ones `computed` filled in."""
    try:
        done_new = iter(zip(todo, computed, strict=True))
        next_new = next(done_new, None)
        for i, page in enumerate(pages):
            if next_new is not None and next_new[0] == i:
                data, location = next_new[1]
                page = pickle.loads(data)
                cache.record_page(keys[i] or "", location)
                next_new = next(done_new, None)
            assert page is not None
            yield page
    finally:
        _close_pack()


def collect(
    options: BuildOptions,
    cache: Cache | None = None,
    inputs: _Inputs | None = None,
    merged: dict[str, Article] | None = None,
    index_key: str | None = None,
    apart: Iterable[KeptApart] = (),
    executor: Executor | None = None,
) -> BuildResult:
    """Read, segment, clean and deduplicate every seed file; nothing is written.

    `merged` is `deduplicate`'s memo of the stories an earlier build merged; `apart`
    the instances editors said are another story (`kept_apart`).
    With `index_key`, the result has the corpus index a later build that adds
    pages starts from. The files are read on `executor` (None: this machine's cores).
    """
    cache = cache or open_cache(options)
    inputs = inputs or _inputs(options, cache)
    executor = executor or LocalExecutor(_workers(options))
    result = BuildResult()
    result.skipped = list(inputs.skipped)
    result.files = len(inputs.paths)
    for done, page in enumerate(_pages(options, cache, inputs, executor), start=1):
        result.dropped_lines += len(page.dropped)
        if options.report is None and page.dropped:
            # only the report lists them: a 50k build would hold 150 MB of them
            page = replace(page, dropped=())
        result.pages.append(page)
        if page.skipped:
            result.skipped.append(page.skipped)
        if options.progress:
            options.progress("read", done, len(inputs.paths))
    cache.save_stats()
    cache.save_pages(key for key in inputs.keys if key)
    cache.prune()
    found = find_recurring(result.instances)
    instances, recurring_drops = drop_recurring_boilerplate(result.instances, found=found)
    instances, known_drops = drop_known_headlines(instances)
    result.dropped = [d for page in result.pages for d in page.dropped]
    result.dropped += recurring_drops + known_drops
    result.dropped_lines += len(recurring_drops) + len(known_drops)
    prints = _fingerprints(result.pages, instances)
    result.articles, result.merges = deduplicate(instances, prints, merged, apart)
    if index_key is not None:
        pages = [
            (_relative(path, options.seeds), key or "", page)
            for path, key, page in zip(inputs.paths, inputs.keys, result.pages, strict=True)
        ]
        result.index = index_corpus(index_key, pages, found, prints, result.articles, result.merges)
    # fingerprints are as large as the text they describe: let them go once grouped; the
    # pages keep their instances as the build-wide passes left them
    cleaned = iter(instances)
    result.pages = [
        replace(page, instances=tuple(next(cleaned) for _ in page.instances), fingerprints=())
        for page in result.pages
    ]
    return result


def _fingerprints(pages: list[PageResult], instances: list[Instance]) -> dict[str, Fingerprint]:
    """The fingerprint of every cleaned instance: the worker's, if the build-wide passes
    left the instance untouched."""
    made = {
        inst.key: (inst, fp)
        for page in pages
        for inst, fp in zip(page.instances, page.fingerprints, strict=True)
    }
    prints: dict[str, Fingerprint] = {}
    for inst in instances:
        original, fp = made.get(inst.key, (None, None))
        prints[inst.key] = fp if original is inst and fp else fingerprint(inst)
    return prints


def check(options: BuildOptions) -> tuple[Curation, BuildResult | None, list[Problem]]:
    """Validate the curation files against the schema and against the articles the seeds
    give: every problem of every file at once, each file's in line order (the result is
    None when the files have schema problems: the topics it would be filed under are not
    all known). With problems, the pins of the topic files without any are still checked:
    the stories those topics file do not depend on the broken files (unless the company
    list is one of them)."""
    curation = load_curation(options.topics)
    apart = kept_apart(options, curation)
    result = collect(options, apart=apart.values())
    keep_ids(options, result, write=False, apart=apart)
    problems = curation.problems + unknown_ids(curation, {a.id for a in result.articles})
    broken = {problem.file for problem in curation.problems}
    sound = replace(curation, topics=[t for t in curation.topics if t.file not in broken])
    if not any(file.endswith(COMPANIES_FILE) for file in broken):
        classify(result.articles, sound)
        problems += unfiled_pins(sound, {a.id: a.topics for a in result.articles})
    return curation, None if broken else result, in_line_order(problems)


def build(options: BuildOptions) -> BuildResult:
    """The whole build; raises CurationError (before writing anything) on a curation problem.

    What the last build left in the cache is reused at four depths: when no
    seed file, curation file or generator code changed, its pages are written
    as they are (unless a report is asked for, which needs everything); when
    the only change is new seed files, they are added to the corpus index
    (`incremental`) and only the stories they touch are made again; when only
    curation changed, its articles are classified again; otherwise the
    stories whose instances are all unchanged are not merged again and the
    article pages that come out the same are not rendered again. Either way
    only the pages that differ from what `docs/` holds are written. The
    cyclic garbage collector is held meanwhile (see `cache.no_collection`).
    The parallel stages run on the engine `options` name (`executor_for`).
    """
    with no_collection(), executor_for(options) as executor:
        return _build(options, executor)


def _build(options: BuildOptions, executor: Executor) -> BuildResult:
    # a build killed while writing left docs/ half-switched: finish (or undo) that first
    recover(options.docs)
    curation = load_curation(options.topics)
    if curation.problems:
        raise CurationError(curation.problems)
    cache = open_cache(options)
    inputs = _inputs(options, cache)
    apart = kept_apart(options, curation)
    output_key = collected_key = index_key = None
    full_because: str | None = None
    saver: Background | None = None
    last_output = last_collected = result = None
    if cache.enabled and all(inputs.keys):
        pages_key = [repr([(s.source, s.reason) for s in inputs.skipped])]
        pages_key += [key or "" for key in inputs.keys]
        index_key = cache.output_key(
            folder_digest(options.topics),
            file_bytes_digest(options.docs.parent / "mkdocs.yml"),
            str(options.docs.resolve()),
        )
        output_key = cache.output_key(index_key, *pages_key)
        collected_key = cache.output_key("collected", repr(sorted(apart.items())), *pages_key)
        last_output = cache.last_output()
        # the ledger edited or deleted since the last build: its ids are not this build's
        ledger_edited = bool(last_output) and last_output.state.get("ledger") != _ledger_digest(
            options
        )
        if ledger_edited:
            last_output = None
            full_because = "the story ledger changed since the last build"
        if options.report is None and last_output and last_output.key == output_key:
            # nothing changed: the pages as the last build made them, if docs/ still has them
            with contextlib.suppress(Unverified):
                written = write_outputs(options.docs, {}, known=last_output.files)
                cache.save_stats()
                result = _from_state(last_output.state, curation)
                result.written = written
                return result
        if options.report is None and last_output:
            added = _build_added(
                options, curation, cache, inputs, (index_key, output_key), last_output
            )
            if isinstance(added, BuildResult):
                return added
            full_because = added
        last_collected = None if ledger_edited else cache.last_output("collected")
        if options.report is None and last_collected and last_collected.key == collected_key:
            # only curation changed: the articles are the same
            cache.save_stats()
            result = _from_state(last_collected.state, curation)
            result.index = last_collected.state.get("index")
            keep_ids(options, result, apart=apart)
    if result is None:
        merged = cache.memo(last_collected, "merged")
        last_collected = None  # its articles are in the memo; let the rest go
        result = collect(options, cache, inputs, merged, index_key, apart.values(), executor)
        keep_ids(options, result, apart=apart)
        if options.report is None:
            # only the report lists the instances: at 50k scrapes letting them (and
            # the copies' paragraphs no article kept) go gave 351 MB back to the system
            result.cached_empty_pages = _empty_page_stubs(result)
            result.counts = _counts(result)
            result.pages = []
            release_free_memory()
        if result.index is not None and collected_key and output_key:
            # stored while the build classifies (its pool starts workers afresh, forking
            # nothing), by a thread that takes the index along: the build never reads them back
            collected = _light_state(result) | {
                "articles": result.articles,
                "merged": merged,
                "index": result.index,
                "code": cache.output_version,
            }
            saver = Background(
                partial(_store_collected, cache, collected, collected_key, output_key)
            )
            del collected
            result.index = None
    problems = unknown_ids(curation, {a.id for a in result.articles})
    if problems:
        _stored(saver)  # (an editor fixing the curation files rebuilds from it)
        raise CurationError(problems)
    # (new objects: the stored state keeps the articles as extracted)
    result.articles, corrected = apply_corrections(result.articles, curation.corrections)
    result.moved_ids |= corrected
    if result.articles:
        result.doubts = doubtful(result.articles)
    result.curation = curation
    classify(result.articles, curation, executor, cache)
    problems = unfiled_pins(curation, {a.id: a.topics for a in result.articles})
    if problems:
        _stored(saver)
        raise CurationError(problems)
    link_stories(result.articles, curation.corrections)
    queue = review_queue(result.articles)
    result.queue, result.queue_head = queue_counts(queue), queue_head(queue)
    if saver is not None:
        # the corpus index keeps each article's topics; the store ends before the pages
        # are written, which it would slow: a file written gives the thread the GIL
        saver.send(True)
        _stored(saver)
    rendered = cache.memo(last_output, "rendered")
    last_output = None
    known: dict[str, str] = {}
    settings = site_settings(options.docs)
    others = (
        archive_pages(result.articles),
        feed_files(result.articles, options.docs, curation, settings),
        redirect_pages(result.moved_ids, settings),
    )
    site = render_site(result.articles, curation, rendered, known, settings["body"])

    def write(site: SitePages, known: dict[str, str]) -> WriteResult:
        lists = ChainMap(site.lists, *others)
        return write_outputs(options.docs, lists, known, executor, site.articles)

    write_ledger(options, result)
    try:
        result.written = write(site, known)
    except Unverified:  # pages changed in docs/ since the last build: render them all
        site = render_site(result.articles, curation, rendered, body=settings["body"])
        result.written = write(site, {})
    remember_pages(rendered, site.rendered, result.written.digests)
    if output_key is not None:
        state = _light_state(result) | {
            "events": event_state(result.articles),
            "ledger": _ledger_digest(options),
            "rendered": rendered,
            "code": cache.output_version,
            "input_skipped": inputs.skipped,
        }
        cache.put_output(Output(output_key, result.written.digests, state))
        if result.index is not None:  # (taken from the last build's collected state)
            result.index.key = index_key or ""
            _save_index(cache, result.index, output_key)
    if options.report:
        write_atomic(
            options.report, json.dumps(report(result), indent=1, ensure_ascii=False) + "\n"
        )
    result.full_because = full_because
    return result


def _build_added(
    options: BuildOptions,
    curation: Curation,
    cache: Cache,
    inputs: _Inputs,
    keys: tuple[str, str],
    last_output: Output,
) -> BuildResult | str:
    """The build when the only change since the last one is new seed files, or why not.

    The new pages are read and added to the corpus index (see `incremental`):
    only the articles they make or change are merged, classified and
    rendered; the lists, feeds and archive are made from the other articles'
    summaries, and their pages are passed to `write_outputs` by digest. The
    reason, in a few words (and nothing written), when that cannot give what a full
    build would: the summary says why the build ran in full.
    """
    index_key, output_key = keys
    state = last_output.state
    if state.get("code") != cache.output_version or "input_skipped" not in state:
        return "the generator changed since the last build"
    if curation.corrections:
        return f"{STORIES_FILE} corrects stories (a corrected story is made by a full build)"
    rels = [_relative(path, options.seeds) for path in inputs.paths]
    index = index_from_parts(cache.get_parts("index"))
    if index is None or index.output != last_output.key:
        return "the last build left no corpus index (it stopped before saving one)"
    if index.key != index_key:
        return "the topics, mkdocs.yml or the docs folder changed since the last build"
    if state["input_skipped"] != inputs.skipped:
        return "the files that cannot be read changed"
    current = dict(zip(rels, inputs.keys, strict=True))
    gone = next((rel for rel, key in index.pages.items() if current.get(rel) != key), None)
    if gone is not None:
        what = "changed" if gone in current else "went away"
        return f"{gone} {what} (a build adds pages, it does not take them back)"
    new = [i for i, rel in enumerate(rels) if rel not in index.pages]
    if not new:
        return "no seed file was added"
    if len(new) > POOL_MIN_FILES:
        return f"{len(new)} files were added (more than {POOL_MIN_FILES} are read in a pool)"
    pages = []
    for i in new:
        data, location = _work(
            (inputs.paths[i], options.seeds, cache.page_folder(), None, inputs.listed[i])
        )
        cache.record_page(inputs.keys[i] or "", location)
        pages.append((rels[i], inputs.keys[i] or "", pickle.loads(data)))
    _close_pack()
    try:
        added = add_pages(index, pages, cache.get_page)
    except NotIncremental as error:
        return str(error)
    kept = BuildResult(articles=index.articles())
    keep_ids(options, kept)
    problems = unknown_ids(curation, {group.article.id for group in index.groups.values()})
    if problems:
        raise CurationError(problems)
    # a handful of articles: classified directly (the decisions table is for full builds,
    # which will find these few missing)
    Classifier(curation).classify(added.articles)
    problems = unfiled_pins(
        curation, {g.article.id: g.article.topics for g in index.groups.values()}
    )
    if problems:
        raise CurationError(problems)
    every = index.articles()
    link_stories(every, curation.corrections)
    events = event_state(every)
    made = {id(article) for article in added.articles}
    # old stories the new ones joined as related coverage (or left): their pages change
    relinked = [
        a for a in every if id(a) not in made and events.get(a.id) != state["events"].get(a.id)
    ]
    related = related_stories(every)
    rendered = cache.memo(last_output, "rendered")
    settings = site_settings(options.docs)
    body = settings["body"]
    keyed = [
        (article, article_page_key(article, curation, body, related.get(article.id, ())))
        for article in added.articles + with_bodies(index, relinked, cache.get_page)
    ]
    index.strip_bodies()
    articles = index.articles()
    remember_entry_texts((g.article, g.entry) for g in index.groups.values() if g.entry)
    files = ChainMap(
        listing_pages(articles, curation),
        archive_pages(articles),
        feed_files(articles, options.docs, curation, settings),
        redirect_pages(kept.moved_ids, settings),
        article_pages(curation, keyed, body, related),
    )
    known = {}
    for article in articles:
        path = article_path(article)
        if path not in files:
            if path not in last_output.files:
                return f"the last build wrote no {path}"
            known[path] = last_output.files[path]
    write_ledger(options, kept)
    try:
        written = write_outputs(options.docs, files, known)
    except Unverified:
        return "pages in the docs folder changed since the last build"
    remember_pages(rendered, keyed, written.digests)
    cache.save_stats()
    cache.save_pages(key for key in inputs.keys if key)
    _save_index(cache, index, output_key)
    counts = dict(state["counts"])
    counts["instances"] += added.instances
    counts["articles"] = len(articles)
    counts["dropped_lines"] += added.dropped_lines + sum(len(p.dropped) for _, _, p in pages)
    page_skipped = state["skipped"][len(inputs.skipped) :]
    page_skipped += [page.skipped for _, _, page in pages if page.skipped]
    empty = state["empty_pages"] + [
        PageResult(page.source, (), (), page.skipped, page.empty_reason)
        for _, _, page in pages
        if page.empty_reason
    ]
    state = state | {
        "events": events,
        "counts": counts,
        "doubts": doubtful(articles),
        "queue": queue_counts(queue := review_queue(articles)),
        "queue_head": queue_head(queue),
        "files": len(inputs.paths),
        "skipped": inputs.skipped + sorted(page_skipped, key=lambda s: s.source),
        "merges": index.merges(),
        "empty_pages": sorted(empty, key=lambda p: p.source),
        "rendered": rendered,
        "ledger": _ledger_digest(options),
    }
    cache.put_output(Output(output_key, written.digests, state))
    result = _from_state(state, curation)
    result.written = written
    result.added_pages = [rel for rel, _, _ in pages]
    return result


def kept_apart(options: BuildOptions, curation: Curation) -> dict[str, KeptApart]:
    """The copies an editor said are another story than the one they were merged into
    (`apart` in `stories.yml`), by that story's id, whose other instances its ledger entry
    names. Without a ledger there is nothing to name them by."""
    fixes = [c for c in curation.corrections if c.apart]
    if not fixes or options.ledger is None:
        return {}
    ledger, _ = read_ledger(options.ledger)
    found: dict[str, KeptApart] = {}
    for fix in fixes:
        entry = ledger.entries.get(fix.id) if ledger else None
        if entry is not None and entry.state == LIVE:
            files = tuple(sorted(set(fix.apart)))
            kept = tuple(k for k in entry.members if _file_of(k) not in files)
            if kept:
                found[fix.id] = KeptApart(files, kept)
    return found


def _file_of(instance_key: str) -> str:
    return instance_key.rsplit("#", 1)[0]


def keep_ids(
    options: BuildOptions,
    result: BuildResult,
    write: bool = True,
    apart: Mapping[str, KeptApart] | None = None,
) -> None:
    """Give the stories the ids the story ledger keeps for them (`ledger`), and write the
    ledger brought up to date (unless not `write`: a check); raises CurationError on a
    ledger that cannot be read, or one a frozen build would change (naming the stories)."""
    if options.ledger is None:
        return
    ledger, problems = read_ledger(options.ledger)
    if problems:
        raise CurationError(problems)
    if ledger is None:
        if options.frozen and write:
            raise CurationError([_ledger_problem(options, "no story ledger", [])])
        if write:
            print(
                f"warning: no story ledger at {options.ledger}: the stories get their "
                "titles' ids, and a new ledger is written (commit it with the seeds)",
                file=sys.stderr,
            )
        ledger = Ledger()
    for story_id, split in (apart or {}).items():
        entry = ledger.entries[story_id]  # (the story keeps its id; what was apart is new)
        entry.members = tuple(k for k in entry.members if _file_of(k) not in split.files)
    today = options.today or datetime.datetime.now(datetime.UTC).date().isoformat()
    assigned = assign_ids(result.articles, ledger, today)
    if options.frozen and write and assigned:
        stories = [f"new {i}" for i in assigned.new] + [
            f"{a} moved to {b}" for a, b in assigned.moved
        ]
        stories += [f"retired {i}" for i in assigned.retired]
        stories += [f"new scrapes of {i}" for i in assigned.changed]
        stories += [f"back again {i}" for i in assigned.revived]
        stories += [f"split {i}" for i in assigned.split]
        raise CurationError([_ledger_problem(options, "the story ledger is stale", stories)])
    result.assigned = assigned
    result.moved_ids = {
        e.id: ledger.resolve(e.id) for e in ledger.entries.values() if e.state != LIVE
    }
    if write and (assigned or not options.ledger.is_file()):
        # (nothing assigned: nothing changed, the file stays as the build found it)
        result.ledger_text = ledger.dump()


def write_ledger(options: BuildOptions, result: BuildResult) -> None:
    """Write what `keep_ids` brought the ledger to, once nothing can refuse the build."""
    if options.ledger is not None and result.ledger_text is not None:
        write_atomic(options.ledger, result.ledger_text)
        result.ledger_text = None


def _ledger_problem(options: BuildOptions, what: str, stories: list[str]) -> Problem:
    named = f": {'; '.join(stories[:20])}" + (" …" if len(stories) > 20 else "") if stories else ""
    return Problem(
        str(options.ledger),
        1,
        "(ledger)",
        f"{what}{named}; a frozen build (a deploy) keeps the ids the editors committed: run "
        f"`make site` (or `ev-digest build`) and commit {options.ledger.name} with the seeds",
    )


def _ledger_digest(options: BuildOptions) -> str | None:
    """What the ledger file holds now (None: no ledger kept, or none written yet)."""
    if options.ledger is None or not options.ledger.is_file():
        return None
    return file_bytes_digest(options.ledger)


def _store_collected(
    cache: Cache,
    state: dict,
    collected_key: str,
    output_key: str,
    topics_decided: Callable[[], bool | None],
) -> None:
    """Store what a full build collected, and its corpus index, for the builds after it.

    Runs beside the build (see `Background`) while it classifies: the stored
    articles may or may not have their topics yet (they are decided again
    from the table when they are read back). The index keeps each article's
    topics and companies: they are stored last, once the build says they are
    decided. It is stored for the output the build is about to store under
    `output_key`: if the build stops before, a later build finds the two do
    not match and does not use it.
    """
    cache.put_output(Output(collected_key, {}, state), "collected")
    with contextlib.suppress(_NotClassified):
        _save_index(cache, state["index"], output_key, topics_decided)


def _stored(saver: Background | None) -> None:
    """Wait for the collected state to be stored; say so if it could not be."""
    if saver is not None and not saver.wait():
        print(
            "warning: the cache could not store this build's articles and corpus index; "
            "the next build reads every page again",
            file=sys.stderr,
        )


class _NotClassified(Exception):
    """The build stopped before classifying: the index being stored is let go."""


def _save_index(
    cache: Cache,
    index: CorpusIndex,
    output_key: str,
    topics_decided: Callable[[], bool | None] | None = None,
) -> None:
    """Store the corpus index, for the output stored under `output_key`, with its articles
    as lists show them (no body, entries escaped).

    With `topics_decided`, the index is stored while the build classifies its
    articles: their topics and companies go last, once it returns True
    (nothing is stored if it returns anything else).
    """
    index.output = output_key
    # (the topics are read from the articles themselves, not from the stripped copies)
    articles = {k: g.article for k, g in index.groups.items()} if topics_decided else {}
    index.strip_bodies()
    for group in index.groups.values():
        if group.entry is None:
            group.entry = entry_text(group.article)
    parts = index_parts(index)
    if topics_decided is not None:
        parts = chain(parts, _decided_topics(articles, topics_decided))
    cache.put_parts("index", parts)


def _decided_topics(
    articles: dict[int, Article], topics_decided: Callable[[], bool | None]
) -> Iterator[DecidedTopics]:
    if not topics_decided():
        raise _NotClassified
    yield DecidedTopics({key: (a.topics, a.entities, a.terms) for key, a in articles.items()})


def report(result: BuildResult) -> dict:
    """Everything found, merged, dropped and skipped: nothing is unaccounted for."""
    article_of = _article_of(result.articles)
    return {
        "summary": summary(result),
        "skipped": [asdict(s) for s in result.skipped],
        "empty_pages": [{"source": p.source, "reason": p.empty_reason} for p in result.empty_pages],
        "instances": [
            {
                "source": inst.source,
                "position": inst.position,
                "line": inst.start_line,
                "title": inst.headline,
                "section": inst.section,
                "article": article_of.get(inst.key),
            }
            for inst in result.instances
        ],
        "merges": [asdict(m) for m in result.merges],
        "doubts": [
            {"article": article_id, "title": title, "reasons": list(reasons)}
            for article_id, title, reasons in result.doubts
        ],
        "queue": [
            {"article": e.article_id, "title": e.title, "kind": e.kind, "reason": e.reason}
            for e in review_queue(result.articles)
        ],
        "dropped": [asdict(d) for d in result.dropped],
        "written": result.written.written,
        "removed": result.written.removed,
        "conflicts": result.written.conflicts,
    }


def doubtful(articles: list[Article]) -> list[tuple[str, str, tuple[str, ...]]]:
    """The pages an editor should look at, and why (`doubts`), in the articles' order."""
    return [(a.id, a.title, a.doubts) for a in articles if a.doubts]


def _article_of(articles: list[Article]) -> dict[str, str]:
    return {key: article.id for article in articles for key in article.instances}


def _light_state(result: BuildResult) -> dict:
    """What a build taken from the cache needs to report the same summary."""
    return {
        "counts": _counts(result),
        "files": result.files,
        "skipped": result.skipped,
        "merges": result.merges,
        "empty_pages": _empty_page_stubs(result),
        "doubts": result.doubts,
        "queue": result.queue,
        "queue_head": result.queue_head,
    }


def _empty_page_stubs(result: BuildResult) -> list[PageResult]:
    """The pages without articles, as the summary needs them (no instances)."""
    return [PageResult(p.source, (), (), p.skipped, p.empty_reason) for p in result.empty_pages]


def _from_state(state: dict, curation: Curation) -> BuildResult:
    return BuildResult(
        files=state["files"],
        skipped=state["skipped"],
        articles=state.get("articles", []),
        merges=state["merges"],
        curation=curation,
        counts=state["counts"],
        cached_empty_pages=state["empty_pages"],
        doubts=state.get("doubts", []),
        queue=state.get("queue", {}),
        queue_head=state.get("queue_head", []),
    )


def _counts(result: BuildResult) -> dict:
    if result.counts is not None:
        return result.counts
    return {
        "instances": len(result.instances),
        "articles": len(result.articles),
        "dropped_lines": result.dropped_lines,
    }


def summary(result: BuildResult) -> dict:
    counts = _counts(result)
    return {
        "files": result.files,
        "skipped_files": len(result.skipped),
        "empty_pages": len(result.empty_pages),
        "instances": counts["instances"],
        "articles": counts["articles"],
        "duplicates_merged": counts["instances"] - counts["articles"],
        "dropped_lines": counts["dropped_lines"],
        "files_written": len(result.written.written),
        "files_unchanged": result.written.unchanged,
        "files_removed": len(result.written.removed),
        "conflicts": len(result.written.conflicts),
        "pages_to_check": len(result.doubts),
        "queue": result.queue,
    }
