"""The build cache: per-file results keyed by content hash, and the last build's output.

Reading, segmenting and cleaning a page depends on that page alone, so its
`PageResult` is stored under a key made of the code version, the page's path
and a hash of its bytes. A file whose size and modification time match what the
cache saw last time is not even read again (like git's index). When every page
and the curation files are the same as in the last build, the whole set of
rendered pages is taken from the cache too; `write_outputs` still compares each
of them with `docs/`.

The code version is a hash of the generator's own source files and of the
versions of the libraries that shape the results, so editing a rule or
upgrading markdownify invalidates the cache. Page results are pickles appended
to a pack file per process (`PagePack`), found through an index written
atomically at the end of the read; everything else is a pickle file written
atomically. An entry that cannot be read, or holds something unexpected, is a
miss and is rebuilt, never an error. The cache folder can be deleted at any time.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import BinaryIO, TypeVar

from .model import PageResult

FORMAT = 1
T = TypeVar("T")
#: stat entries this close to the time of the scan are not trusted on the next build:
#: a file rewritten within the file system's timestamp resolution keeps its mtime
RACY_NS = 2_000_000_000
_PACKAGE = Path(__file__).parent
#: modules whose code decides a page's `PageResult`
PAGE_MODULES = (
    "attribution",
    "build",
    "cache",
    "clean",
    "dates",
    "fingerprint",
    "head",
    "html_reader",
    "ingest",
    "model",
    "rules",
    "segment",
    "text",
    "text_reader",
    "unwrap",
)
PAGE_LIBRARIES = ("beautifulsoup4", "markdownify", "charset-normalizer", "pyyaml", "numpy")
OUTPUT_LIBRARIES = ("pyyaml", "feedgen", "numpy")


def _digest(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def _versions(names: tuple[str, ...]) -> str:
    out = []
    for name in names:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=?")
    return ";".join(out)


#: data the page stages read besides their code: the head scorers' weights
PAGE_DATA = ("head_model.json",)


def code_version(modules: tuple[str, ...] | None = None, libraries: tuple[str, ...] = ()) -> str:
    """A hash of the given generator modules' source (all of them when None), the data the
    page stages read, and library versions."""
    files = (
        sorted(_PACKAGE.glob("*.py"))
        if modules is None
        else [_PACKAGE / f"{m}.py" for m in sorted(modules)]
    )
    files += [_PACKAGE / name for name in PAGE_DATA]
    parts: list[bytes | str] = [str(FORMAT), _versions(libraries)]
    for path in files:
        parts += [path.name, path.read_bytes()]
    return _digest(*parts)


PAGE_VERSION = code_version(PAGE_MODULES, PAGE_LIBRARIES)
OUTPUT_VERSION = code_version(None, PAGE_LIBRARIES + OUTPUT_LIBRARIES)


#: where a page result is in the page packs: (pack file name, offset, length)
PageLocation = tuple[str, int, int]


class PagePack:
    """A file of page results, appended to by one process (a pool worker, or the build).

    One file a process instead of one a page: creating a small file cost this
    machine's ext4 18 to 440 µs of kernel time, varying from minute to minute,
    more than writing the bytes; a cold build of 50k scrapes created 50k of them.
    """

    def __init__(self, folder: str):
        self.folder = folder
        self.pid = os.getpid()
        self.name = f"{self.pid}-{time.time_ns()}.pack"
        self.fd: int | None = None
        self.size = 0
        self.broken = False  # a write failed: what follows would be at the wrong offset

    def add(self, data: bytes) -> PageLocation | None:
        """Append `data`; where it went, or None if the pack cannot be written (a
        cache that cannot be written only makes the next build slower)."""
        if self.broken:
            return None
        try:
            if self.fd is None:
                os.makedirs(self.folder, exist_ok=True)
                path = os.path.join(self.folder, self.name)
                self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            view = memoryview(data)
            while view:
                view = view[os.write(self.fd, view) :]
        except OSError:
            self.broken = True
            return None
        location = (self.name, self.size, len(data))
        self.size += len(data)
        return location

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def dump_atomic(path: Path, value: object) -> None:
    """Pickle `value` into `path` as a stream: a large build's output never exists twice in memory."""
    _write_atomic(path, lambda handle: pickle.dump(value, handle, pickle.HIGHEST_PROTOCOL))


def _write_atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _load(path: str | Path) -> object | None:
    """The unpickled content of `path`, or None if it is missing or unreadable."""
    try:
        with open(path, "rb") as handle, no_collection():
            return pickle.load(handle)
    except Exception:  # a missing, unreadable, corrupt or foreign entry is a miss
        return None


def release_free_memory() -> None:
    """Give the memory freed so far back to the system, where the C library allows it.

    glibc keeps freed blocks for later allocations, but the Python objects
    made later mostly come from pools of their own: without this, what a large
    build lets go (the page results, once merged) still counts in its peak.
    """
    with contextlib.suppress(AttributeError, OSError):
        ctypes.CDLL(None).malloc_trim(0)


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """Hold the cyclic garbage collector.

    A build (or an unpickling) makes objects by the million, which live until it
    ends and form no cycles; each collection it triggers walks them all: the
    corpus index loads in 0.12 s instead of 0.47 s at 10k scrapes, and a 50k
    build from cached pages takes 60 s instead of 75 s. Reference counting still
    frees everything a build lets go of; cycles wait for the collector's return.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _compact(folder: str, kept: dict[str, PageLocation]) -> dict[str, PageLocation]:
    """`kept`, with the results kept from packs that are mostly dead copied into a new pack."""
    live: dict[str, int] = {}
    for name, _, length in kept.values():
        live[name] = live.get(name, 0) + length
    sparse = {
        name
        for name, size in live.items()
        if size * 2 < os.path.getsize(os.path.join(folder, name))
    }
    if not sparse:
        return kept
    pack, moved = PagePack(folder), dict(kept)
    sources: dict[str, BinaryIO] = {}
    try:
        for key, (name, offset, length) in sorted(kept.items(), key=lambda item: item[1]):
            if name in sparse:
                if name not in sources:
                    sources[name] = open(os.path.join(folder, name), "rb")  # noqa: SIM115
                sources[name].seek(offset)
                location = pack.add(sources[name].read(length))
                if location is None:
                    return kept
                moved[key] = location
    finally:
        pack.close()
        for source in sources.values():
            source.close()
    return moved


@dataclass
class Output:
    """What the last build produced, for a build whose inputs are all unchanged."""

    key: str
    #: every generated file's path, with the SHA-1 digest of its content
    files: dict[str, str]
    state: dict  # the BuildResult fields the summary needs, see build._light_state


@dataclass
class Cache:
    """A cache folder; `Cache(None)` caches nothing (every lookup misses)."""

    root: Path | None
    page_version: str = PAGE_VERSION
    output_version: str = OUTPUT_VERSION
    hits: int = 0
    misses: int = 0
    _stats: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    _new_stats: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    _loaded: bool = False
    #: page key -> where its result is (loaded at the first lookup)
    _pages: dict[str, PageLocation] | None = None
    _packs: dict[str, int] = field(default_factory=dict)  # open pack files, by name
    _pages_recorded: bool = False  # a page was recorded since the index was read

    @property
    def enabled(self) -> bool:
        return self.root is not None

    # -- file digests ---------------------------------------------------------

    def _stat_index(self) -> Path:
        assert self.root is not None
        return self.root / "files.pkl"

    def _load_stats(self) -> None:
        if self._loaded or self.root is None:
            return
        self._loaded = True
        data = _load(self._stat_index())
        if isinstance(data, dict) and data.get("format") == FORMAT:
            stats = data.get("files")
            if isinstance(stats, dict):
                self._stats = stats

    def file_digest(self, path: Path, rel: str) -> str | None:
        """A hash of the file's bytes; unchanged size and mtime reuse the last one. None if unreadable."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        self._load_stats()
        known = self._stats.get(rel)
        if known and known[0] == st.st_size and known[1] == st.st_mtime_ns:
            digest = known[2]
        else:
            try:
                with open(path, "rb") as handle:
                    digest = hashlib.file_digest(handle, "blake2b").hexdigest()[:40]
            except OSError:
                return None
        self._new_stats[rel] = (st.st_size, st.st_mtime_ns, digest)
        return digest

    def save_stats(self) -> None:
        if self.root is None:
            return
        now = time.time_ns()
        stats = {rel: s for rel, s in self._new_stats.items() if s[1] < now - RACY_NS}
        if stats == self._stats:
            return
        with contextlib.suppress(OSError):
            dump_atomic(self._stat_index(), {"format": FORMAT, "files": stats})
        self._stats = stats

    # -- page results ---------------------------------------------------------

    def page_key(self, rel: str, digest: str) -> str:
        return _digest(self.page_version, rel, digest)

    def page_folder(self) -> str | None:
        """Where this code version's page packs go (None: pages are not cached)."""
        if self.root is None:
            return None
        return os.path.join(self.root, "pages", self.page_version[:16])

    def _page_index(self) -> dict[str, PageLocation]:
        if self._pages is None:
            folder = self.page_folder()
            index = _load(os.path.join(folder, "index.pkl")) if folder else None
            self._pages = index if isinstance(index, dict) else {}
        return self._pages

    def prune(self) -> None:
        """Remove the page results of other code versions: they can never be used again."""
        if self.root is None:
            return
        with contextlib.suppress(OSError):
            for folder in (self.root / "pages").iterdir():
                if folder.name != self.page_version[:16]:
                    shutil.rmtree(folder, ignore_errors=True)

    def get_page(self, key: str, rel: str) -> PageResult | None:
        page = self._read_page(key) if self.root is not None else None
        if isinstance(page, PageResult) and page.source == rel:
            self.hits += 1
            return page
        self.misses += 1
        return None

    def _read_page(self, key: str) -> object | None:
        location = self._page_index().get(key)
        folder = self.page_folder()
        if location is None or folder is None:
            return None
        try:
            name, offset, length = location
            fd = self._packs.get(name)
            if fd is None:
                fd = self._packs[name] = os.open(os.path.join(folder, name), os.O_RDONLY)
            data = os.pread(fd, length, offset)
            with no_collection():
                return pickle.loads(data)
        except Exception:  # a missing, unreadable, corrupt or foreign entry is a miss
            return None

    def record_page(self, key: str, location: PageLocation | None) -> None:
        """Note where a page result was stored (see `PagePack`), for `save_pages`."""
        if location is not None:
            self._page_index()[key] = location
            self._pages_recorded = True

    def save_pages(self, keys: Iterable[str]) -> None:
        """Keep the results of the pages under `keys` (this build's), and let the others go.

        Packs no page of theirs is kept in are deleted (unless written in the last
        hour: a build running alongside may be filling them); a pack mostly
        holding results no longer kept has the rest copied to a new one.
        """
        folder = self.page_folder()
        if folder is None:
            return
        known = self._page_index()
        kept = {key: known[key] for key in keys if key in known}
        self._close_packs()
        with contextlib.suppress(OSError):
            kept = _compact(folder, kept)
            index = os.path.join(folder, "index.pkl")
            if self._pages_recorded or kept != known or not os.path.exists(index):
                dump_atomic(Path(index), kept)
                self._pages_recorded = False
            used = {name for name, _, _ in kept.values()}
            an_hour_ago = time.time() - 3600
            for entry in os.scandir(folder):
                if (
                    entry.name.endswith(".pack")
                    and entry.name not in used
                    and entry.stat().st_mtime < an_hour_ago
                ):
                    os.unlink(entry.path)
        self._pages = kept

    def _close_packs(self) -> None:
        for fd in self._packs.values():
            os.close(fd)
        self._packs.clear()

    # -- the last build's output ----------------------------------------------

    def output_key(self, *parts: str) -> str:
        return _digest(self.output_version, *parts)

    def last_output(self, name: str = "output") -> Output | None:
        """The `Output` stored under `name` by the last build, whatever its key."""
        if self.root is None:
            return None
        out = _load(self.root / f"{name}.pkl")
        if isinstance(out, Output) and isinstance(out.files, dict) and isinstance(out.state, dict):
            return out
        return None

    def memo(self, out: Output | None, name: str) -> dict:
        """The memo `name` kept in `out`'s state, if the same generator code made it (else empty)."""
        if out is None or out.state.get("code") != self.output_version:
            return {}
        memo = out.state.get(name)
        return memo if isinstance(memo, dict) else {}

    def get_table(self, name: str) -> dict:
        """A dictionary stored under `name` (empty if there is none or it cannot be read)."""
        return self.get_object(name, dict) or {}

    def put_table(self, name: str, table: dict) -> None:
        self.put_object(name, table)

    def get_object(self, name: str, kind: type[T]) -> T | None:
        """The `kind` object stored under `name`, or None (none, unreadable or another type)."""
        if self.root is None:
            return None
        value = _load(self.root / f"{name}.pkl")
        return value if isinstance(value, kind) else None

    def put_object(self, name: str, value: object) -> None:
        if self.root is None:
            return
        with contextlib.suppress(OSError):
            dump_atomic(self.root / f"{name}.pkl", value)

    def get_parts(self, name: str) -> list[object] | None:
        """The objects `put_parts` stored under `name`, or None (none, or unreadable)."""
        if self.root is None:
            return None
        parts: list[object] = []
        try:
            with open(self.root / f"{name}.pkl", "rb") as handle, no_collection():
                while handle.peek(1):
                    parts.append(pickle.load(handle))
        except Exception:  # a missing, unreadable, corrupt or foreign entry is a miss
            return None
        return parts

    def put_parts(self, name: str, parts: Iterable[object]) -> None:
        """Store objects one after the other, each pickled apart.

        The pickler remembers every object it has written until it is done (for
        shared references): an object graph of millions pickled at once needed
        190 MB more at 50k scrapes than the graph itself.
        """
        if self.root is None:
            return

        def write(handle: BinaryIO) -> None:
            for part in parts:
                pickle.dump(part, handle, pickle.HIGHEST_PROTOCOL)

        with contextlib.suppress(OSError):
            _write_atomic(self.root / f"{name}.pkl", write)

    def put_output(self, out: Output, name: str = "output") -> None:
        if self.root is None:
            return
        with contextlib.suppress(OSError):
            dump_atomic(self.root / f"{name}.pkl", out)


def folder_digest(folder: Path) -> str:
    """A hash of every file's path and bytes under `folder` (curation files are few and small)."""
    parts: list[bytes | str] = []
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            try:
                parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
            except OSError:
                parts += [path.as_posix(), "unreadable"]
    return _digest(*parts)


def file_bytes_digest(path: Path) -> str:
    try:
        return _digest(path.read_bytes())
    except OSError:
        return "missing"
