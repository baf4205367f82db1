"""The EV Digest benchmark: generator scale, incremental rebuilds, MkDocs at size, search, the editor loop.

Every measurement runs the real commands (`python -m generator build`, `mkdocs build`,
`python -m generator index`) in a
subprocess, on synthetic corpora from `bench.corpus`, under `bench/work/` (gitignored).
Corpora are kept between runs (making 50k scrapes takes a while); build outputs and caches
are recreated for every run. The figures go to stdout and to `bench/results.md`.

Usage: ``python -m bench [--sizes 1000,10000,50000] [--site-sizes 1000,5000] [--quick]``
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from generator.search import INDEX_DIR, describe

from .corpus import MANIFEST, make_corpus
from .search import Query, first_queries, query_table

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
#: the generator package is copied here at the start of a run, and every build of the run
#: uses that copy: an edit made to generator/ while the benchmark runs (which would change
#: the cache's code version half-way) does not affect it
SNAPSHOT = WORK / "code"
RESULTS = ROOT / "bench" / "results.md"
#: scrapes per article in the synthetic corpus is about 0.45: a site of N articles needs
#: this many scrapes per article
SCRAPES_PER_ARTICLE = 0.45
#: real pages added one at a time after the synthetic scrape (issue 22: real additions)
REAL_PAGES = 8
#: where the hand-written part of results.md starts
NOTES = "<!-- notes: kept by python -m bench -->"


# -- running commands ---------------------------------------------------------------------


@dataclass
class Run:
    wall: float
    peak_rss_mb: float  # largest sum of RSS over the process tree, sampled every 100 ms
    peak_pss_mb: float  # largest sum of PSS (shared pages split between sharers), at most 1/s
    max_rss_mb: float  # largest single process (getrusage), for comparison
    stdout: str
    stderr: str
    returncode: int


def _tree_pids(pid: int) -> list[int]:
    """`pid` and all its descendants, from /proc (none where /proc is not available)."""
    children: dict[int, list[int]] = {}
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry.name))
            except OSError:
                continue
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def _rss_kb(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError), open(f"/proc/{pid}/statm", "rb") as handle:
            total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    return total


def _pss_kb(pids: list[int]) -> int:
    """PSS counts a page shared by n processes as 1/n in each: the sum is what the tree
    really holds, where the RSS sum counts a forked worker's inherited pages again.
    (Reading it walks the page tables: 40 ms for a 2.8 GB process.)"""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, StopIteration, ValueError):
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                line = next(line for line in handle if line.startswith(b"Pss:"))
            total += int(line.split()[1])
    return total


def snapshot() -> None:
    shutil.rmtree(SNAPSHOT, ignore_errors=True)
    shutil.copytree(
        ROOT / "generator", SNAPSHOT / "generator", ignore=shutil.ignore_patterns("__pycache__")
    )


def run(cmd: list[str], cwd: Path = SNAPSHOT) -> Run:
    start = time.perf_counter()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SNAPSHOT), env.get("PYTHONPATH")]))
    proc = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    peak_rss = peak_pss = 0
    pss_read = 0.0
    out_parts: list[str] = []
    err_parts: list[str] = []

    def drain(stream, parts):
        parts.append(stream.read())

    threads = [
        threading.Thread(target=drain, args=(proc.stdout, out_parts)),
        threading.Thread(target=drain, args=(proc.stderr, err_parts)),
    ]
    for thread in threads:
        thread.start()
    while True:
        # wait4 gives this child's own peak RSS (with its reaped workers'), not the largest
        # of every command the benchmark ran so far
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        pids = _tree_pids(proc.pid)
        rss = _rss_kb(pids)
        peak_rss = max(peak_rss, rss)
        # PSS is costly to read, and never above RSS: read it at most once a second, and
        # only while it could still be above its peak so far
        if rss > peak_pss and time.perf_counter() - pss_read >= 1:
            peak_pss, pss_read = max(peak_pss, _pss_kb(pids)), time.perf_counter()
        time.sleep(0.1)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    for thread in threads:
        thread.join()
    return Run(
        wall,
        peak_rss / 1024,
        peak_pss / 1024,
        usage.ru_maxrss / 1024,
        "".join(out_parts),
        "".join(err_parts),
        proc.returncode,
    )


def generator_build(
    seeds: Path, docs: Path, cache: Path, topics: Path, engine: str = "local"
) -> Run:
    result = run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--seeds",
            str(seeds),
            "--topics",
            str(topics),
            "--docs",
            str(docs),
            "--cache-dir",
            str(cache),
            "--engine",
            engine,
        ]
    )
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stdout}\n{result.stderr}")
    return result


_BUILT = re.compile(r"Built (\d+) article pages from (\d+) files \((\d+) article instances\)")
_MERGED = re.compile(r"duplicates merged: (\d+) \((\d+) stories found more than once\)")
_WRITTEN = re.compile(r": (\d+) written, (\d+) unchanged, (\d+) removed")
_FULL = re.compile(r"^  not incremental: (.+)$", re.MULTILINE)


def parse_summary(stdout: str) -> dict:
    built, merged, written = _BUILT.search(stdout), _MERGED.search(stdout), _WRITTEN.search(stdout)
    if not (built and merged and written):
        raise SystemExit(f"cannot read the build summary:\n{stdout}")
    return {
        "articles": int(built.group(1)),
        "files": int(built.group(2)),
        "instances": int(built.group(3)),
        "duplicates_merged": int(merged.group(1)),
        "merged_stories": int(merged.group(2)),
        "written": int(written.group(1)),
        "unchanged": int(written.group(2)),
        "removed": int(written.group(3)),
        # the build added new pages to the last one's articles rather than building in full
        "incremental": "  incremental: " in stdout,
        # why it was not, in the summary's own words
        "full_because": full.group(1) if (full := _FULL.search(stdout)) else "no reason given",
    }


# -- corpora ------------------------------------------------------------------------------


def corpus(n: int, seed: int, folder: Path | None = None) -> tuple[Path, dict]:
    """`folder/seeds` holding n scrapes (made once), and the ground truth from the manifest."""
    folder = folder or WORK / f"corpus-{n}-{seed}"
    seeds, manifest = folder / "seeds", folder / MANIFEST
    if not manifest.is_file():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"  making a corpus of {n} scrapes in {seeds} …", flush=True)
        make_corpus(seeds, n, seed)
        # the manifest is ground truth for the benchmark, not a seed
        (seeds / MANIFEST).rename(manifest)
    data = json.loads(manifest.read_text(encoding="utf-8"))
    stories = data["stories"]
    truth = {
        "stories": len(stories),
        "multi_copy_stories": sum(1 for s in stories.values() if s["copies"] > 1),
        "instances": sum(len(ids) for ids in data["scrapes"].values()),
    }
    return seeds, truth


def corpus_bytes(seeds: Path) -> int:
    return sum(p.stat().st_size for p in seeds.rglob("*") if p.is_file())


# -- the measurements -----------------------------------------------------------------------


@dataclass
class RealAddition:
    """A real page added under a new name to the corpus the last build read."""

    page: str  # its path in the project
    wall: float
    incremental: bool
    full_because: str


@dataclass
class ScaleResult:
    n: int
    mb: float
    cold: Run
    summary: dict
    truth: dict
    nochange: Run
    nochange_summary: dict
    added: Run | None
    added_summary: dict | None
    serial_wall: float | None = None
    cold_walls: list[float] = field(default_factory=list)  # every cold run, when repeated
    real: list[RealAddition] = field(default_factory=list)

    def cold_spread(self) -> str:
        """The cold build's runs, when there were several: " (22.9–25.1 s, 3 runs)"."""
        if len(self.cold_walls) < 2:
            return ""
        low, high = min(self.cold_walls), max(self.cold_walls)
        return f" ({low:.1f}–{high:.1f} s, {len(self.cold_walls)} runs)"


def measure_scale(
    n: int,
    seed: int,
    topics: Path,
    add_one: bool = True,
    repeat: int = 1,
    engine: str = "local",
    real: int = 0,
) -> ScaleResult:
    """Cold build (`repeat` times: the median run, with the largest memory of all),
    then a rebuild with nothing changed, then one with a scrape added, then `real` real
    pages added one at a time, each on `engine`."""
    seeds, truth = corpus(n, seed)
    out = WORK / f"run-{n}"
    docs, cache = out / "docs", out / "cache"
    extra = seeds / "zz-bench-added"
    shutil.rmtree(extra, ignore_errors=True)
    mb = corpus_bytes(seeds) / 1e6
    colds = []
    for attempt in range(1, repeat + 1):
        shutil.rmtree(out, ignore_errors=True)
        print(f"  cold build of {n} scrapes ({mb:.0f} MB), run {attempt} …", flush=True)
        colds.append(generator_build(seeds, docs, cache, topics, engine))
        print(f"    {colds[-1].wall:.1f} s", flush=True)
    cold = replace(
        sorted(colds, key=lambda one: one.wall)[(len(colds) - 1) // 2],
        peak_rss_mb=max(one.peak_rss_mb for one in colds),
        peak_pss_mb=max(one.peak_pss_mb for one in colds),
        max_rss_mb=max(one.max_rss_mb for one in colds),
    )
    summary = parse_summary(cold.stdout)
    print(f"    {summary['articles']} articles", flush=True)
    nochange = generator_build(seeds, docs, cache, topics, engine)
    print(f"    no-change rebuild {nochange.wall:.2f} s", flush=True)
    if not add_one:
        return ScaleResult(
            n, mb, cold, summary, truth, nochange, parse_summary(nochange.stdout), None, None,
            cold_walls=[one.wall for one in colds],
        )  # fmt: skip
    # one new scrape (a page from another seed's corpus: new stories)
    new_page = out / "new-page"
    make_corpus(new_page, 1, seed + 10_000)
    extra.mkdir()
    for path in new_page.rglob("*.*"):
        if path.name != MANIFEST:
            shutil.copy(path, extra / path.name)
    try:
        added = generator_build(seeds, docs, cache, topics, engine)
        print(f"    one scrape added {added.wall:.2f} s", flush=True)
        additions = [
            _add_real(page, k, extra, docs, cache, topics, engine)
            for k, page in enumerate(real_pages(real))
        ]
    finally:
        shutil.rmtree(extra, ignore_errors=True)
    return ScaleResult(
        n,
        mb,
        cold,
        summary,
        truth,
        nochange,
        parse_summary(nochange.stdout),
        added,
        parse_summary(added.stdout),
        cold_walls=[one.wall for one in colds],
        real=additions,
    )


def real_pages(count: int) -> list[Path]:
    """`count` real pages: the project's seeds, then pages of the labelled corpora spread
    over them (wire copies, forums, newsletters, mail, …: kinds the synthetic corpus lacks,
    and the kinds that made the build fall back to a full one)."""
    corpora = ROOT / "tests" / "corpus"
    labelled = sorted(label.parent for label in corpora.rglob("*.labels.yaml"))
    pages = sorted(
        path
        for folder in set(labelled)
        for path in folder.iterdir()
        if path.suffix in (".txt", ".html", ".htm", ".md", ".mbox", ".eml")
        and path.name != "README.md"
    )
    seeds = sorted(path for path in (ROOT / "seeds").iterdir() if path.is_file())
    wanted = max(0, count - len(seeds))
    step = max(1, len(pages) // wanted) if wanted else len(pages) + 1
    return (seeds + pages[::step])[:count]


def _add_real(
    page: Path, k: int, extra: Path, docs: Path, cache: Path, topics: Path, engine: str
) -> RealAddition:
    """`page` copied under a new name next to the pages added before it, then a build."""
    shutil.copy(page, extra / f"real-{k:02d}-{page.name}")
    seeds = extra.parent
    result = generator_build(seeds, docs, cache, topics, engine)
    summary = parse_summary(result.stdout)
    name = page.relative_to(ROOT).as_posix()
    how = "incremental" if summary["incremental"] else f"full: {summary['full_because']}"
    print(f"    real page {name} added {result.wall:.2f} s ({how})", flush=True)
    return RealAddition(name, result.wall, summary["incremental"], summary["full_because"])


@dataclass
class SiteResult:
    articles: int
    scrapes: int
    generator_wall: float
    mkdocs_wall: float
    mkdocs_peak_mb: float  # its largest process's peak RSS
    index_wall: float
    index_peak_mb: float
    index_pages: int
    index_bytes: int
    index_files: int
    site_mb: float
    queries: list[Query]
    loop_generator: float = 0.0
    loop_mkdocs: float = 0.0
    loop_serve: ServeLoop | None = None
    loop_serve_dirty: ServeLoop | None = None


def site_project(articles: int, seed: int) -> tuple[Path, int]:
    """A copy of the project (config, hand-written docs, topics) over a corpus giving ~`articles`."""
    scrapes = max(10, round(articles * SCRAPES_PER_ARTICLE))
    project = WORK / f"site-{articles}"
    seeds, _ = corpus(scrapes, seed, WORK / f"corpus-{scrapes}-{seed}")
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "generator/mkdocs_hook.py", str(SNAPSHOT / "generator" / "mkdocs_hook.py")
    )
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name in ("overrides", "topics"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copytree(
        ROOT / "docs",
        project / "docs",
        ignore=lambda folder, names: _generated(ROOT / "docs", Path(folder), names),
    )
    (project / "seeds").symlink_to(seeds, target_is_directory=True)
    return project, scrapes


def _generated(docs: Path, folder: Path, names: list[str]) -> list[str]:
    """The generated files in docs/ (listed in its manifest): not part of the project copy."""
    try:
        owned = set(json.loads((docs / ".evdigest-manifest.json").read_text())["generated"])
    except (OSError, ValueError, KeyError):
        owned = set()
    rel = folder.relative_to(docs).as_posix()
    skip = []
    for name in names:
        path = name if rel == "." else f"{rel}/{name}"
        if (
            path in owned
            or name == ".evdigest-manifest.json"
            or (
                (folder / name).is_dir()
                and name in ("articles", "topics", "companies", "archive", "feeds")
                and rel == "."
            )
        ):
            skip.append(name)
    return skip


def mkdocs(project: Path, *options: str) -> Run:
    quiet = [] if "--verbose" in options else ["-q"]
    result = run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", *quiet, *options], cwd=project
    )
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


def measure_site(articles: int, seed: int, loop: bool) -> SiteResult:
    project, scrapes = site_project(articles, seed)
    print(f"  site with ~{articles} articles ({scrapes} scrapes) …", flush=True)
    gen = generator_build(
        project / "seeds", project / "docs", project / ".evdigest-cache", project / "topics"
    )
    found = parse_summary(gen.stdout)["articles"]
    built = mkdocs(project)
    site = project / "site"
    indexed = run([sys.executable, "-m", "generator", "index", str(site)])
    if indexed.returncode != 0:
        raise SystemExit(f"ev-digest index failed:\n{indexed.stdout}\n{indexed.stderr}")
    made = describe(site / INDEX_DIR)
    site_mb = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
    print(
        f"    ev-digest build {gen.wall:.1f} s, mkdocs build {built.wall:.1f} s,"
        f" ev-digest index {indexed.wall:.1f} s ({made.pages} pages, {made.bytes / 1e6:.1f} MB)",
        flush=True,
    )
    queries = first_queries(site, project / "docs")
    for query in queries:
        print(
            f"    {query.kind} {query.word!r}: {query.bytes / 1e3:.0f} kB,"
            f" first result {query.first_result_ms:.0f} ms (slowest {query.slowest_ms:.0f}),"
            f" {query.status}",
            flush=True,
        )
    result = SiteResult(
        found,
        scrapes,
        gen.wall,
        built.wall,
        built.max_rss_mb,
        indexed.wall,
        indexed.max_rss_mb,
        made.pages,
        made.bytes,
        made.files,
        site_mb,
        queries,
    )
    if loop:
        measure_editor_loop(project, result)
    return result


# -- the editor loop ----------------------------------------------------------------------

#: saves of the topic file measured under each `mkdocs serve` (the edit, then its undo, …)
SERVE_SAVES = 2
DIRTY_SERVE_SAVES = 6
#: the server has been idle (no rebuild under way or about to start) this long: it settled
SERVE_SETTLE_S = 2.0


@dataclass
class ServeLoop:
    """Saves of a topic file under a running `mkdocs serve`: medians over the saves."""

    saves: int
    served: float  # save -> rebuilt site served (the server logs "Reloading browsers")
    build: float  # the rebuild, "Building documentation..." -> "Reloading browsers"
    generator: float  # the generator run inside the rebuild (the hook logs it)
    searchable: float  # save -> the search index of the rebuilt site made (in the background)
    cpu: float  # CPU time of the server's process tree, save -> rebuilt site served
    load: float  # 1-minute load average after the saves

    @property
    def mkdocs(self) -> float:
        """MkDocs' part of the rebuild: loading the configuration, reading, rendering, writing."""
        return self.build - self.generator


def measure_editor_loop(project: Path, result: SiteResult) -> None:
    """The editor adds a keyword to a topic file (and removes it again).

    Measured three ways: the generator and a full `mkdocs build` in new processes (the
    work the issue names); a real `mkdocs serve`, which renders every page on a save;
    and `mkdocs serve --dirty` (what `make serve` runs), which renders again only the
    pages the generator rewrote.
    """
    topic = sorted((project / "topics").glob("*.yml"))[0]
    text = topic.read_text(encoding="utf-8")
    edited = re.sub(r"(keywords:\s*\[)", r"\1software recall, ", text, count=1)
    if edited == text:
        edited = text + "\n# edited by the benchmark\n"
    try:
        topic.write_text(edited, encoding="utf-8")
        gen = generator_build(
            project / "seeds", project / "docs", project / ".evdigest-cache", project / "topics"
        )
        rebuilt = mkdocs(project)
        result.loop_generator, result.loop_mkdocs = gen.wall, rebuilt.wall
        topic.write_text(text, encoding="utf-8")
        print(
            f"    editor loop: ev-digest build {gen.wall:.2f} s + mkdocs build {rebuilt.wall:.2f} s",
            flush=True,
        )
        for options, saves in (([], SERVE_SAVES), (["--dirty"], DIRTY_SERVE_SAVES)):
            loop = serve_loop(project, options, topic, (edited, text), saves)
            if options:
                result.loop_serve_dirty = loop
            else:
                result.loop_serve = loop
            print(
                f"    mkdocs serve {' '.join(options)}: save -> served {loop.served:.2f} s"
                f" (generator {loop.generator:.2f} s, MkDocs {loop.mkdocs:.2f} s),"
                f" CPU {loop.cpu:.2f} s, load {loop.load:.1f}, searchable {loop.searchable:.2f} s",
                flush=True,
            )
    finally:
        topic.write_text(text, encoding="utf-8")


def serve_loop(
    project: Path, options: list[str], topic: Path, contents: tuple[str, str], saves: int
) -> ServeLoop:
    """Run `mkdocs serve [options]` in `project` and save `topic` with each of `contents` in turn.

    Each save waits for the server to settle first (the hook's writes to docs/ start one
    more rebuild after the one a save starts), then times the save to the end of its rebuild.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SNAPSHOT), env.get("PYTHONPATH")]))
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "mkdocs"), "serve", *options, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    log: list[tuple[float, str]] = []  # (arrival time, line)

    def read_log() -> None:
        for line in server.stdout:
            log.append((time.perf_counter(), line))

    threading.Thread(target=read_log, daemon=True).start()
    measured: list[tuple[float, float, float, float]] = []
    try:
        _wait_for_log(server, log, 0, "Serving on")
        for n in range(saves):
            _wait_until_settled(server, log)
            start_line, cpu = len(log), _tree_cpu_s(server.pid)
            start = time.perf_counter()
            topic.write_text(contents[n % 2], encoding="utf-8")
            done = _wait_for_log(server, log, start_line, "Reloading browsers")
            cpu = _tree_cpu_s(server.pid) - cpu
            began = _wait_for_log(server, log, start_line, "Building documentation")
            rebuild = "".join(_lines(log, start_line))
            generator = re.search(r"files written \(([\d.]+) s\)", rebuild)
            if not generator:
                raise SystemExit(f"no generator time in the rebuild's log:\n{rebuild}")
            indexed = _wait_for_log(server, log, start_line, "EV Digest: search index of")
            measured.append(
                (done - start, done - began, float(generator.group(1)), indexed - start, cpu)
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    columns = [sorted(column)[len(column) // 2] for column in zip(*measured, strict=True)]
    return ServeLoop(saves, *columns, load=os.getloadavg()[0])


def _wait_for_log(
    server: subprocess.Popen, log: list[tuple[float, str]], start: int, text: str
) -> float:
    """When the first line holding `text` from line `start` on arrived."""
    deadline = time.monotonic() + 900
    while True:
        for arrived, line in log[start:]:
            if text in line:
                return arrived
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"mkdocs serve: no {text!r} in its log:\n{''.join(_lines(log))}")
        time.sleep(0.02)


def _lines(log: list[tuple[float, str]], start: int = 0) -> list[str]:
    return [line for _, line in log[start:]]


def _wait_until_settled(server: subprocess.Popen, log: list[tuple[float, str]]) -> None:
    """Wait until no rebuild is under way or about to start, and every build's search index
    (made in the background after it) is made, for SERVE_SETTLE_S."""
    quiet_since, seen = time.monotonic(), len(log)
    while time.monotonic() - quiet_since < SERVE_SETTLE_S:
        lines = _lines(log)
        busy = [i for i, line in enumerate(lines) if "Detected file changes" in line]
        done = [i for i, line in enumerate(lines) if "Reloading browsers" in line]
        builds = sum("Building documentation" in line for line in lines)
        indexed = sum("EV Digest: search index" in line for line in lines)
        if len(lines) != seen or (busy and (not done or busy[-1] > done[-1])) or indexed < builds:
            quiet_since, seen = time.monotonic(), len(lines)
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped:\n{''.join(_lines(log))}")
        time.sleep(0.05)


def _tree_cpu_s(pid: int) -> float:
    """CPU time (user + system) of `pid`, its descendants and their reaped children, from /proc."""
    stats: dict[int, tuple[int, list[bytes]]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = (int(fields[1]), fields)
    ticks, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += [child for child, (parent, _) in stats.items() if parent == current]
        if current in stats:
            ticks += sum(int(value) for value in stats[current][1][11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


# -- the report -----------------------------------------------------------------------------


def _added(s: ScaleResult) -> str:
    """The +1 scrape time, and whether the build took the incremental path."""
    if s.added is None or s.added_summary is None:
        return "not run"
    how = "incremental" if s.added_summary["incremental"] else "full build"
    return f"{s.added.wall:.2f} s ({how})"


def _real_lines(s: ScaleResult) -> list[str]:
    """The real pages added one at a time to the corpus of `s`."""
    if not s.real:
        return []
    walls = sorted(one.wall for one in s.real)
    incremental = sum(one.incremental for one in s.real)
    lines = [
        "",
        f"Real pages added one at a time to {s.n:,} scrapes, each under a new name, each"
        f" followed by a build: median {statistics.median(walls):.2f} s, slowest"
        f" {walls[-1]:.2f} s; {incremental} of {len(s.real)} incremental.",
        "",
    ]
    for one in s.real:
        how = "incremental" if one.incremental else f"full build: {one.full_because}"
        lines.append(f"- `{one.page}`: {one.wall:.2f} s ({how})")
    return lines


def _target(ok: bool) -> str:
    return "✅" if ok else "❌"


def report(
    scales: list[ScaleResult], sites: list[SiteResult], command: str, serial: dict[int, float]
) -> str:
    cores = os.cpu_count()
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# EV Digest benchmark results",
        "",
        f"- date: {now}",
        f"- machine: {cores} CPU cores, {platform.machine()}, Python {platform.python_version()},"
        f" {platform.system()} {platform.release()}",
        f"- command: `{command}`",
        "- corpus: `bench.corpus` synthetic scrapes (seed 0); each build runs in a subprocess",
        "  with a fresh `docs/` and cache; memory is sampled over the build's process tree",
        "  (the main process and its pool workers, forked or new interpreters): the whole",
        "  build is the sum of PSS (a page shared by n processes counts 1/n in each, so it",
        "  is counted once; read at most once a second), and the largest process is its",
        "  peak RSS.",
        "",
    ]
    if scales:
        lines += [
            "## Generator",
            "",
            "| scrapes | MB | cold build (s): median (range of runs) | scrapes/s | MB/s | peak memory (MB): whole build / largest process | articles (true stories) | stories merged (true multi-copy) | no-change rebuild (s) | files rewritten | +1 scrape |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for s in scales:
            lines.append(
                f"| {s.n:,} | {s.mb:.0f} | {s.cold.wall:.1f}{s.cold_spread()} | {s.n / s.cold.wall:.0f} |"
                f" {s.mb / s.cold.wall:.1f} | {s.cold.peak_pss_mb:.0f} / {s.cold.max_rss_mb:.0f} |"
                f" {s.summary['articles']:,} ({s.truth['stories']:,}) |"
                f" {s.summary['merged_stories']:,} ({s.truth['multi_copy_stories']:,}) |"
                f" {s.nochange.wall:.2f} | {s.nochange_summary['written']} |"
                f" {_added(s)} |"
            )
        for s in scales:
            lines += _real_lines(s)
        by_n = {s.n: s for s in scales}
        lines += ["", "Targets (2-core machine):", ""]
        if 10_000 in by_n:
            s = by_n[10_000]
            lines += [
                f"- {_target(s.cold.wall <= 30)} 10k scrapes ≤ 30 s: {s.cold.wall:.1f} s"
                f"{s.cold_spread()}",
                f"- {_target(s.nochange.wall <= 2 and s.nochange_summary['written'] == 0)} no-change"
                f" rebuild of 10k ≤ 2 s, 0 files rewritten: {s.nochange.wall:.2f} s,"
                f" {s.nochange_summary['written']} rewritten",
                f"- {_target(s.added.wall <= 3)} one scrape added to 10k ≤ 3 s: {_added(s)}"
                if s.added
                else "- one scrape added to 10k: not run",
            ]
            if s.real:
                slowest = max(one.wall for one in s.real)
                lines.append(
                    f"- {_target(slowest <= 3)} real pages added one at a time to 10k ≤ 3 s:"
                    f" {slowest:.2f} s at most"
                )
        if 50_000 in by_n:
            s = by_n[50_000]
            lines += [
                f"- {_target(s.cold.wall <= 150)} 50k scrapes ≤ 150 s: {s.cold.wall:.1f} s"
                f"{s.cold_spread()}",
                f"- {_target(s.cold.peak_pss_mb <= 2048)} peak memory at 50k ≤ 2 GiB, whole build:"
                f" {s.cold.peak_pss_mb:.0f} MB (PSS summed over the process tree; RSS summed"
                f" {s.cold.peak_rss_mb:.0f} MB)",
                f"- {_target(s.cold.max_rss_mb <= 2048)} peak memory at 50k ≤ 2 GiB, largest"
                f" process: {s.cold.max_rss_mb:.0f} MB",
            ]
            if s.real:
                slowest = max(one.wall for one in s.real)
                lines.append(
                    f"- {_target(slowest <= 6)} real pages added one at a time to 50k ≤ 6 s:"
                    f" {slowest:.2f} s at most"
                )
            if 10_000 in by_n:
                ratio = s.cold.wall / by_n[10_000].cold.wall
                lines.append(f"- {_target(ratio <= 5.5)} t(50k)/t(10k) ≤ 5.5: {ratio:.2f}")
        if serial:
            lines += [
                "",
                "Same cold build without the pool or the cache (`--workers 1 --no-cache`):",
                "",
            ]
            for n, wall in sorted(serial.items()):
                lines.append(f"- {n:,} scrapes: {wall:.1f} s")
        lines.append("")
    if sites:
        lines += [
            "## Site (MkDocs + Material) and search (Pagefind)",
            "",
            "The whole site build is `ev-digest build` (cold, no cache) + `mkdocs build` +"
            " `ev-digest index`, each in a new process, as `make site` runs them.",
            "",
            "| articles | scrapes | `ev-digest build` (s) | `mkdocs build` (s) | `mkdocs build` peak memory (MB) | `ev-digest index` (s) | indexing share of the whole build | indexing peak memory (MB) | pages indexed | index on disk (MB, files) | site size (MB) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in sites:
            lines.append(
                f"| {r.articles:,} | {r.scrapes:,} | {r.generator_wall:.1f} | {r.mkdocs_wall:.1f} |"
                f" {r.mkdocs_peak_mb:.0f} | {r.index_wall:.1f} | {_share(r):.1%} | {r.index_peak_mb:.0f} |"
                f" {r.index_pages:,} | {r.index_bytes / 1e6:.1f} ({r.index_files:,}) |"
                f" {r.site_mb:.0f} |"
            )
        lines += ["", *query_table([(r.articles, r.queries) for r in sites])]
        largest = max(sites, key=lambda r: r.articles)
        if largest.articles >= 50_000:
            most = max(q.bytes for q in largest.queries)
            slowest = max(q.first_result_ms for q in largest.queries)
            lines += [
                "",
                f"Targets at {largest.articles:,} articles:",
                "",
                f"- {_target(most <= 500_000)} ≤ 500 kB received for a first query:"
                f" {most / 1e3:.0f} kB at most",
                f"- {_target(slowest <= 300)} ≤ 300 ms to the first result: {slowest:.0f} ms at"
                " most (the slowest query's median)",
                f"- {_target(_share(largest) <= 0.2)} indexing ≤ 20% of the whole site build:"
                f" {_share(largest):.1%}",
            ]
        loops = [r for r in sites if r.loop_generator]
        if loops:
            lines += ["", "Editor loop (a keyword added to a topic file, target ≤ 3 s):", ""]
            for r in loops:
                total = r.loop_generator + r.loop_mkdocs
                lines.append(
                    f"- {r.articles:,} articles, in new processes: `ev-digest build`"
                    f" {r.loop_generator:.2f} s + `mkdocs build` {r.loop_mkdocs:.2f} s ="
                    f" {total:.2f} s {_target(total <= 3)}"
                )
                serves = (
                    ("`mkdocs serve` (every page rendered again)", r.loop_serve),
                    ("`mkdocs serve --dirty` (`make serve`)", r.loop_serve_dirty),
                )
                for name, loop in serves:
                    if loop is not None:
                        lines.append(
                            f"  - {name}: save → rebuilt site served {loop.served:.2f} s"
                            f" {_target(loop.served <= 3)} = generator {loop.generator:.2f} s"
                            f" + MkDocs {loop.mkdocs:.2f} s + the server noticing the save"
                            f" {loop.served - loop.build:.2f} s;"
                            f" CPU {loop.cpu:.2f} s (medians of {loop.saves} saves,"
                            f" load average {loop.load:.1f}); the search index of the"
                            f" rebuilt site, made after it in the background, is up to date"
                            f" {loop.searchable:.2f} s after the save"
                        )
        lines.append("")
    return "\n".join(lines)


def _share(site: SiteResult) -> float:
    """Indexing's share of the whole site build (generate, build, index)."""
    return site.index_wall / (site.generator_wall + site.mkdocs_wall + site.index_wall)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="scrapes per generator run")
    parser.add_argument("--site-sizes", default="1000,5000", help="articles per MkDocs site")
    parser.add_argument("--quick", action="store_true", help="--sizes 1000 --site-sizes 1000")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--serial", action="store_true", help="also time --workers 1 --no-cache")
    parser.add_argument("--no-site", action="store_true", help="skip the MkDocs measurements")
    parser.add_argument(
        "--no-loop",
        action="store_true",
        help="skip the editor loop (measured on the first site size: keep that one small)",
    )
    parser.add_argument(
        "--no-add-one", action="store_true", help="skip the rebuild after adding one scrape"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="cold builds per size (the median is reported)"
    )
    parser.add_argument(
        "--real-pages",
        type=int,
        default=REAL_PAGES,
        help="real pages (seeds, labelled corpora) added one at a time after the +1 scrape",
    )
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="the generator's engine (`ev-digest build --engine`; dask: a local cluster)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="results file (Markdown)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.site_sizes = "1000", "1000"
    sizes = [int(x) for x in args.sizes.split(",") if x]
    site_sizes = [] if args.no_site else [int(x) for x in args.site_sizes.split(",") if x]
    WORK.mkdir(parents=True, exist_ok=True)
    snapshot()
    topics = ROOT / "topics"
    scales, serial = [], {}
    for n in sizes:
        print(f"generator, {n} scrapes", flush=True)
        scales.append(
            measure_scale(
                n,
                args.seed,
                topics,
                not args.no_add_one,
                max(1, args.repeat),
                args.engine,
                0 if args.no_add_one else args.real_pages,
            )
        )
        if args.serial:
            seeds, _ = corpus(n, args.seed)
            out = WORK / f"serial-{n}"
            shutil.rmtree(out, ignore_errors=True)
            result = run(
                [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--topics",
                 str(topics), "--docs", str(out / "docs"), "--workers", "1", "--no-cache"]
            )  # fmt: skip
            serial[n] = result.wall
            print(f"  serial, no cache: {result.wall:.1f} s", flush=True)
            shutil.rmtree(out, ignore_errors=True)
    sites = []
    for k, articles in enumerate(site_sizes):
        print(f"site, {articles} articles", flush=True)
        sites.append(measure_site(articles, args.seed, loop=k == 0 and not args.no_loop))
    command = "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:])
    text = report(scales, sites, command.strip(), serial)
    print()
    print(text)
    # hand-written notes (the profile summary) at the end of the file are kept
    notes = ""
    if args.out.is_file():
        previous = args.out.read_text(encoding="utf-8")
        if NOTES in previous:
            notes = "\n" + previous[previous.index(NOTES) :].rstrip("\n")
    args.out.write_text(text + notes + "\n", encoding="utf-8")
    print(f"written to {args.out}")
    return 0
