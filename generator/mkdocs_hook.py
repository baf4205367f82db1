"""MkDocs hook: regenerate the digest pages before MkDocs reads `docs/`, and keep dirty rebuilds right.

`mkdocs build` and every `mkdocs serve` rebuild call `on_config` first, so
editing a seed or a topic file (both folders are in `watch:`) updates the site.
Only changed files are written, so the rebuild this triggers in `docs/` finds
nothing new and the server settles instead of looping.

The navigation is put in here too, because topics (and their order) come from
the curation files: Home, Topics, Companies, Archive, Unsorted (`generator.zensical.
site_nav`, which Zensical, running no hooks, is given in its copy of the config), then
whatever hand-written pages `mkdocs.yml` lists in its own `nav`.

`make serve` runs `mkdocs serve --dirty`: after a save MkDocs renders again only
the pages whose Markdown changed, and since the generator writes only changed
files, a topic edit re-renders a handful of pages instead of all of them (a full
rebuild of a 1,000-article digest takes 15-30 s). MkDocs and Material assume
every page is read in every build, though, so on their own dirty rebuilds list
only the rebuilt articles on the tags page, keep the output of removed pages and
leave an old navigation in the pages not rendered. `DirtyBuilds` makes a dirty
rebuild give the site a full build gives; other builds are left exactly as MkDocs
makes them.

Search is not MkDocs' business: `ev-digest index` indexes the built HTML after any
builder (generator/search.py), and `make site` runs it after `mkdocs build`. Under
`mkdocs serve` the hook runs the same step after every build, in the background
(`SearchIndexer`), so the served site searches too without the page reload waiting
for it.
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import json
import logging
import os
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import watchdog.events
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from generator.build import BuildOptions, CurationError, build, summary
from generator.ledger import FROZEN_ENV, LEDGER_FILE
from generator.output import read_manifest
from generator.search import SearchIndexError, index_site
from generator.zensical import site_nav

log = logging.getLogger("mkdocs.hooks.ev_digest")


def on_startup(*, command: str, dirty: bool) -> None:
    _dirty_builds.start(command, dirty)


#: under `mkdocs serve`, the curation problems that stopped the last generation: every
#: page then opens with them (a build error would leave the browser's request hanging)
_problems: list[str] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _search_indexer.wait()  # (the build may empty the site folder the last one is indexing)
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    started = time.perf_counter()
    _problems.clear()
    try:
        result = build(
            BuildOptions(
                seeds=root / "seeds",
                topics=root / "topics",
                docs=docs,
                ledger=root / LEDGER_FILE,
                frozen=os.environ.get(FROZEN_ENV) == "1",
            )
        )
    except CurationError as error:
        lines = [str(problem) for problem in error.problems]
        if not _dirty_builds.serving:
            raise PluginError(
                "EV Digest: the curation files have problems, nothing was built:\n"
                + "\n".join(lines)
            ) from None
        for line in lines:
            log.error("EV Digest: %s", line)
        _problems.extend(lines)
    else:
        s = summary(result)
        log.info(
            "EV Digest: %d articles from %d files, %d duplicates merged, %d files written (%.2f s)",
            s["articles"],
            s["files"],
            s["duplicates_merged"],
            s["files_written"],
            time.perf_counter() - started,
        )
        for skipped in result.skipped:
            log.info("EV Digest: skipped %s: %s", skipped.source, skipped.reason)
        _last_nav[:] = site_nav(result.curation.topics, docs)
    if _dirty_builds.serving:  # (for the docs watcher, `on_serve`)
        _generated.update(read_manifest(docs))
    config.nav = _last_nav + list(config.nav or [])
    return config


#: the navigation of the last generation, kept for a rebuild that generates nothing
_last_nav: list[dict] = []
#: the files the generator has written into docs/ this session: their changes are its own
_generated: set[str] = set()


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    """Watch `docs/` for the editors' changes only. MkDocs rebuilds on any change there, and
    the generator writes its pages there during a build: without this every save built the
    site twice (the second time finding nothing new)."""
    docs = os.path.abspath(config.docs_dir)
    server.unwatch(docs)

    def changed(event: watchdog.events.FileSystemEvent) -> None:
        if event.is_directory:
            return
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        if all(not path or _generators_own(os.path.relpath(path, docs)) for path in paths):
            return
        with server._rebuild_cond:  # (what LiveReloadServer.watch's own callback does)
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = changed  # type: ignore[method-assign]
    server.observer.schedule(handler, docs, recursive=True)
    return server


def _generators_own(rel: str) -> bool:
    rel = rel.replace(os.sep, "/")
    return rel in _generated or rel.split("/", 1)[0].startswith(".evdigest")


def _with_problems(markdown: str) -> str:
    """The page with the curation problems above it, while there are any."""
    if not _problems:
        return markdown
    listed = "\n".join(f"    - `{problem.replace('`', '')}`" for problem in _problems)
    return (
        '!!! failure "The curation files have problems: the site shows the last pages built"\n\n'
        f"    Fix these and save; the page reloads:\n\n{listed}\n\n" + markdown
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Under `serve`, a site never generated (its first build met curation problems) still
    gets a home page, to show them on."""
    if _problems and files.get_file_from_path("index.md") is None:
        files.append(
            File.generated(
                config, "index.md", content="# EV Digest\n\nNo page has been generated yet.\n"
            )
        )
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _dirty_builds.plan(nav, config, files)
    return nav


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    _dirty_builds.replay_before(page, config, files)
    return page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    _dirty_builds.remember_source(page, markdown)
    return _with_problems(markdown)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    _dirty_builds.remember_title(page)
    return html


# priority 101: before the tags plugin's on_env (100), which turns the tags it collected into
# listings, so the pages replayed last are in them
@event_priority(101)
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    _dirty_builds.replay_rest(config, files)
    if _dirty_builds.serving:
        env.bytecode_cache = _compiled_templates
    return env


def on_post_build(config: MkDocsConfig) -> None:
    """Under `mkdocs serve`, index the site just built for search (`make site` runs
    `ev-digest index` itself after `mkdocs build`, as it would after any builder)."""
    _dirty_builds.finish()
    site = Path(config.site_dir)
    leave_out_of_sitemap(site, "queue/" if config.use_directory_urls else "queue.html")
    if _dirty_builds.serving:
        _search_indexer.start(site)


def on_shutdown() -> None:
    _search_indexer.wait()


def leave_out_of_sitemap(site: Path, page: str) -> None:
    """Take a page for editors (the editor's queue) out of `sitemap.xml` and its gzip copy,
    which MkDocs writes with every page."""
    sitemap = site / "sitemap.xml"
    try:
        text = sitemap.read_text(encoding="utf-8")
    except OSError:
        return
    kept = re.sub(rf"\s*<url>\s*<loc>[^<]*/{re.escape(page)}</loc>.*?</url>", "", text, flags=re.S)
    if kept != text:
        sitemap.write_text(kept, encoding="utf-8")
        with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=0) as packed:
            packed.write(kept.encode("utf-8"))


class SearchIndexer:
    """Indexes the served site in a thread after each `mkdocs serve` build.

    Indexing reads every article page again (2-3 s at 1,000 articles), which would more
    than double the wait from a save to the reloaded page under `mkdocs serve --dirty`.
    So the page reloads first and search catches up a moment later: the index is swapped
    in whole (generator/search.py), and until then the old one answers. The next build
    waits for a run still going before it writes into the site folder.
    """

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None

    def start(self, site: Path) -> None:
        self.wait()
        self.thread = threading.Thread(target=self._index, args=(site,), daemon=True)
        self.thread.start()

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None

    @staticmethod
    def _index(site: Path) -> None:
        started = time.perf_counter()
        try:
            made = index_site(site)
        except (SearchIndexError, OSError) as error:
            log.warning("EV Digest: search index not made: %s", error)
            return
        log.info(
            "EV Digest: search index of %d articles (%.2f s)",
            made.pages,
            time.perf_counter() - started,
        )


_search_indexer = SearchIndexer()


# -- dirty rebuilds -------------------------------------------------------------------------


@dataclass
class _Source:
    """A page as MkDocs last read it in this session: enough to stand in for reading it again."""

    mtime_ns: int
    meta: dict[str, Any]
    markdown: str
    title: str | None = None


class DirtyBuilds:
    """Makes each dirty build (`mkdocs serve --dirty`) give the site a full build gives.

    A dirty build reads and renders only the pages whose Markdown is newer than their
    HTML. Before MkDocs reads any page (`plan`, in `on_nav`), this

    - renders every page (empties the site folder) on the session's first build, or when
      what every page shows changed: the configuration file, the navigation (a topic
      added, removed or renamed) or the theme overrides;
    - removes the output of files that are gone (a removed article or feed);
    - renders the tags page again: the tags plugin fills in its listing of every page's
      tags only if it is read in the same build (and only then links the tags of the
      pages rendered to it);
    - replays the `page_markdown` event of every page it does not read, from the front-matter
      and Markdown recorded when the page was last read, in page order, so the tags plugin
      collects every page's tags as in a full build.

    A build that fails once MkDocs has begun it leaves the site half made: the next one
    renders every page. The state lives in this module between rebuilds, since `mkdocs
    serve` loads a hook once. A dirty build in a new process (`mkdocs build --dirty`) has
    no state, so it renders every page.
    """

    def __init__(self) -> None:
        self.active = False
        self.serving = False
        self.inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included
        self.site_dir: str | None = None
        self.fingerprint: str | None = None
        #: src_uri -> what the page held when MkDocs last read it
        self.sources: dict[str, _Source] = {}
        #: dest_uri of every file of the last build
        self.outputs: set[str] = set()
        #: the last build finished: the site folder holds all of its output
        self.finished = False
        # this build
        self.full = True
        self.position: dict[str, int] = {}
        self.pending: deque[File] = deque()
        self.replaying = False

    def start(self, command: str, dirty: bool) -> None:
        self.active = dirty
        self.serving = command == "serve"
        self.inclusion = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        if dirty:
            # the hook makes dirty builds complete, so MkDocs' warning about them does not apply
            logging.getLogger("mkdocs.commands.build").addFilter(_no_dirty_warning)

    def plan(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        """Decide what this build reads and renders, and what it replays (see the class)."""
        if not self.active:
            return
        pages = files.documentation_pages(inclusion=self.inclusion)
        self.position = {file.src_uri: i for i, file in enumerate(pages)}
        self.pending.clear()
        outputs = {file.dest_uri for file in files}
        fingerprint = _site_fingerprint(config)
        reason = self._full_build_reason(config, fingerprint, nav)
        self.full = reason is not None
        self.site_dir, self.fingerprint = config.site_dir, fingerprint
        if self.full:
            log.info("EV Digest: dirty build renders every page: %s", reason)
            clean_directory(config.site_dir)
        else:
            self._plan_incremental(config, pages, removed=self.outputs - outputs)
        self.outputs = outputs
        self.sources = {uri: s for uri, s in self.sources.items() if uri in self.position}
        self.finished = False

    def _full_build_reason(
        self, config: MkDocsConfig, fingerprint: str, nav: Navigation
    ) -> str | None:
        if self.site_dir != config.site_dir:
            return "first build of this session"
        if not self.finished:
            return "the last build did not finish"
        if fingerprint != self.fingerprint:
            return "the configuration, navigation or theme overrides changed"
        # a page listed in the navigation without a title there gives it its own title
        if any(page.title is None and page.file.is_modified() for page in nav.pages):
            return "a page titled by its own heading in the navigation changed"
        return None

    def _plan_incremental(self, config: MkDocsConfig, pages: list[File], removed: set[str]) -> None:
        site_dir = Path(config.site_dir)
        for dest_uri in removed:
            _remove_output(site_dir, dest_uri)
        unchanged = [file for file in pages if not file.is_modified()]
        listing = _tag_listing_pattern(config)
        replayable = [
            file
            for file in unchanged
            if self._replayable(file)
            and not (listing and listing.search(self.sources[file.src_uri].markdown))
        ]
        # MkDocs reads a page whose HTML is missing: the tags pages (a tags listing is
        # filled in only on a page read in the same build), and any page last read in
        # another state than the one on disk
        for file in set(unchanged).difference(replayable):
            _remove_output(site_dir, file.dest_uri)
        self.pending.extend(replayable)

    def _replayable(self, file: File) -> bool:
        source = self.sources.get(file.src_uri)
        return (
            source is not None
            and source.title is not None
            and source.mtime_ns == os.stat(file.abs_src_path).st_mtime_ns
        )

    def replay_before(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Replay the pages that come before `page`, which MkDocs is about to read."""
        limit = self.position.get(page.file.src_uri)
        if limit is None:
            return
        while self.pending and self.position[self.pending[0].src_uri] <= limit:
            file = self.pending.popleft()
            if file is not page.file:
                self._replay(file, config, files)

    def replay_rest(self, config: MkDocsConfig, files: Files) -> None:
        while self.pending:
            self._replay(self.pending.popleft(), config, files)

    def _replay(self, file: File, config: MkDocsConfig, files: Files) -> None:
        source = self.sources[file.src_uri]
        page = file.page if file.page is not None else Page(None, file, config)
        page.meta, page.markdown, page.title = source.meta, source.markdown, source.title
        self.replaying = True
        try:
            config.plugins.on_page_markdown(source.markdown, page=page, config=config, files=files)
        finally:
            self.replaying = False

    def remember_source(self, page: Page, markdown: str) -> None:
        if not self.active or self.replaying:
            return
        self.sources[page.file.src_uri] = _Source(
            mtime_ns=os.stat(page.file.abs_src_path).st_mtime_ns,
            # a copy: templates may change page.meta while rendering (overrides/main.html does)
            meta=copy.deepcopy(page.meta),
            markdown=markdown,
        )

    def remember_title(self, page: Page) -> None:
        source = self.sources.get(page.file.src_uri) if self.active else None
        if source is not None:
            source.title = page.title

    def finish(self) -> None:
        """The build wrote all its output: the next dirty build may render only what changed."""
        if self.active:
            self.finished = True


def _site_fingerprint(config: MkDocsConfig) -> str:
    """What every page shows: the configuration file, the navigation, the theme overrides
    and the curation problems shown above every page under `serve`."""
    digest = hashlib.sha256()
    digest.update(json.dumps(_problems).encode())
    if config.config_file_path:
        digest.update(Path(config.config_file_path).read_bytes())
    digest.update(json.dumps(config.nav, sort_keys=True, default=str).encode())
    custom_dir = config.theme.custom_dir
    if custom_dir and Path(custom_dir).is_dir():
        for path in sorted(Path(custom_dir).rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    return digest.hexdigest()


def _tag_listing_pattern(config: MkDocsConfig) -> re.Pattern[str] | None:
    """The tags plugins' listing directive (`<!-- material/tags -->`), or None without the plugin."""
    directives = {
        plugin.config.get("listings_directive")
        for plugin in config.plugins.values()
        if isinstance(getattr(plugin, "config", None), Mapping)
    } - {None}
    if not directives:
        return None
    alternatives = "|".join(re.escape(str(directive)) for directive in sorted(directives))
    return re.compile(rf"<!--\s*(?:{alternatives})")


def _remove_output(site_dir: Path, dest_uri: str) -> None:
    """Delete a file of the built site, and the folders this leaves empty."""
    path = site_dir / dest_uri
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == site_dir or not folder.is_relative_to(site_dir):
            break
        try:
            folder.rmdir()
        except OSError:  # not empty
            break


class _DirtyWarning(logging.Filter):
    """Drops MkDocs' warning, on every dirty build, that its navigation and links may be wrong."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


_no_dirty_warning = _DirtyWarning()


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory between `mkdocs serve` rebuilds.

    Every rebuild gets a new Jinja environment, which compiles Material's templates
    again (about 0.2 s); Jinja checks each template's source checksum before using
    the cached code, so an edited template is compiled again.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_dirty_builds = DirtyBuilds()
_compiled_templates = _CompiledTemplates()
