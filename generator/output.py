"""Writing generated pages into `docs/` without touching anything else there.

The generator owns only the files listed in its manifest
(`docs/.evdigest-manifest.json`). It writes a file only when its content
changed (so `mkdocs serve`, which watches `docs/`, does not rebuild in a loop
and unchanged pages keep their modification time), removes files it generated
before and no longer produces, and never overwrites or removes a file it did
not generate: such a path is reported as a conflict.

Every build changes `docs/` in one transaction, so that a build killed at any
moment leaves `docs/` either fully as the previous build left it or fully as
the new build makes it:

1. Plan. Each generated file is compared with what is on disk (mostly
   without reading it: see the end); unchanged files and hand-written files
   are left alone.
2. Stage. New and changed files are written under `docs/.evdigest-staging/`
   (a dot folder: MkDocs ignores it) as the plan finds them, so that a large
   build never holds every page's bytes at once; then the new manifest.
   Nothing a reader sees has changed yet.
3. Commit. `docs/.evdigest-staging/journal.json` lists the files to move in
   and the files to delete. It is written under a temporary name and renamed
   into place; that rename is the commit point.
4. Apply. Each staged file is renamed over its target (`os.replace`, atomic
   per file), stale generated files are deleted, the staged manifest replaces
   the old one, then the staging folder is emptied, the journal going last.

Recovery (`recover`) runs at the start of every `write_outputs`, and so of
every build (`build()` also calls it first thing): a staging folder without
a journal is an interrupted stage step and is deleted (docs/ stays fully old);
a journal is an interrupted apply step and is applied again (every step is
idempotent: a staged file that is gone was already moved), so docs/ becomes
fully new. Between a kill and that recovery docs/ may be partly applied;
`mkdocs build` and `mkdocs serve` run a build (the hook) before reading docs/,
so they recover first, and `generator.output.recover(docs)` does it alone.
A hand-made file or folder standing where a generated file goes is reported
as a conflict and left alone, so recovery can never get stuck on it.

This covers a killed process, not a power cut: nothing is fsynced. An
exclusive lock on the `docs/` folder (flock, where the platform has it) keeps
two builds, say `mkdocs serve` and `ev-digest build`, from interleaving.

Comparing without reading. With tens of thousands of pages, reading every
page back to see whether it changed is most of a build where nothing did. So
each generated file has a fingerprint of what was written there, `[size,
mtime_ns, inode, digest]` (digest: SHA-1 of the bytes), taken with `fstat`
right after staging it (the rename into docs/ keeps all three). In the plan
step a regular file whose `lstat` gives back the recorded size, mtime and
inode still holds the recorded bytes: it is unchanged exactly when the new
content has the recorded digest, and changed otherwise, both without opening
it. Every other file is read and compared: one an editor or `touch` changed
(another mtime or inode), a symlink, one without a fingerprint. A file found
unchanged by reading gets a fresh fingerprint, so a touched page is read once,
not at every build, and is not rewritten.

The fingerprints are kept out of docs/, in
`.evdigest-cache/fingerprints-<name of the docs folder>.json` next to it (the
build cache's folder in the usual layout): inode numbers and mtimes differ
between two builds that write the same bytes, and docs/, manifest included,
must come out byte-identical however it was built. That file is only a cache:
missing, unreadable, stale or from another file system (device), it makes the
build read pages, never take a changed page for unchanged. It is written
after docs/, and only when a fingerprint changed, so a build where nothing
changed writes nothing anywhere. The manifest keeps its format (a list of
paths).

An equal size and mtime does not prove equal bytes when the second write
falls in the same clock tick as the first (file times are only as fine as the
kernel's clock tick). So, as git does for its index, a fingerprint is trusted
only if its mtime is older than the fingerprints file's own, which is written
after the files it describes; the few files written in that last tick are
read. What is left uncovered: a file rewritten in place by someone else, to
the same size, within the clock tick in which a build checked it. SHA-1 serves
as a checksum, not for security: with SHA-NI it is the fastest hash in
`hashlib` whose collisions can be ignored. A 32-bit CRC costs less (about
0.05 s per 100 MB) but would, one day, over many builds that change many
pages, take a changed page for unchanged.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import shutil
import stat
import tempfile
from collections import ChainMap
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeAlias

from .executor import Executor

MANIFEST = ".evdigest-manifest.json"
STAGING = ".evdigest-staging"
JOURNAL = "journal.json"
#: the folder next to docs/ that holds its fingerprints (the build cache's default folder)
FINGERPRINT_FOLDER = ".evdigest-cache"
_STAGED_MANIFEST = "manifest.json"
_NEW = "new"

#: a generated file as last written or read: [size, mtime_ns, inode, digest]
Fingerprint: TypeAlias = list[int | str]


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    #: what recovery did about an earlier build that was interrupted, if anything
    recovered: str | None = None
    #: SHA-1 of every generated file's content, by path: what a later build can vouch for
    digests: dict[str, str] = field(default_factory=dict)


class Unverified(Exception):
    """Files passed by digest alone whose fingerprint does not vouch for them: nothing was written.

    The caller passed them as `known` (it did not render them again); their
    file in docs/ changed or is missing, so their content is needed after all.
    """

    def __init__(self, paths: list[str]):
        super().__init__(f"{len(paths)} generated file(s) changed on disk, e.g. {paths[0]}")
        self.paths = paths


def read_manifest(docs: Path) -> set[str]:
    return {path for path in _manifest_list(docs) or [] if isinstance(path, str) and _safe(path)}


def write_atomic(path: Path, content: str, *, tmp_dir: Path | None = None) -> None:
    """Replace `path` in one step, so a reader never sees a half-written file.

    The temporary file is made in `tmp_dir` (default: next to `path`), which
    must be on the same file system.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = tmp_dir or path.parent
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


PageMaker = Callable[[], str]


class LazyPages(Mapping[str, str]):
    """Pages by path, each made when read and not kept.

    `write_outputs` reads each page once: a large build never holds all its
    list pages (at 10k scrapes, the peak fell by 100 MB without them). Pages
    whose makers can be pickled (a module-level function and its arguments,
    in a `functools.partial`) can be made in other processes: see
    `write_outputs`.
    """

    def __init__(self, makers: dict[str, PageMaker]):
        self.makers = makers

    def __getitem__(self, path: str) -> str:
        return self.makers[path]()

    def __contains__(self, path: object) -> bool:
        return path in self.makers

    def __iter__(self) -> Iterator[str]:
        return iter(self.makers)

    def __len__(self) -> int:
        return len(self.makers)


def write_outputs(
    docs: Path,
    files: Mapping[str, str],
    known: Mapping[str, str] | None = None,
    executor: Executor | None = None,
    portable: LazyPages | None = None,
) -> WriteResult:
    """Make the generated files in `docs` exactly `files` (relative path -> content).

    `known` adds files by the SHA-1 digest of their content alone: files a
    build did not render again because it knows they come out as the last
    build wrote them. Each must hold that content in `docs` (as its
    fingerprint says, or else as reading it shows); if one does not,
    `Unverified` is raised before anything is written. `portable` adds files
    whose makers can be pickled: with an `executor` of more than one worker
    and many of them, they are made and staged by its workers (see `_plan`).
    """
    known = known or {}
    if portable:
        files = ChainMap(files, portable)
    for rel in itertools.chain(files, known):
        if not _safe(rel):
            raise ValueError(f"not a path the generator may write: {rel!r}")
    docs.mkdir(parents=True, exist_ok=True)
    with _locked(docs):
        result = WriteResult(recovered=_recover(docs))
        listed = _manifest_list(docs)
        # the listed paths are checked with `_safe` only where it matters, on the paths
        # to remove: those of `files` were checked above
        previous = {path for path in listed or [] if isinstance(path, str)}
        fingerprints = _load_fingerprints(docs)
        staging = docs / STAGING
        try:
            plan = _plan(_Planning(docs, files, known, previous, fingerprints), portable, executor)
            if plan.unverified:
                raise Unverified(plan.unverified)
        except BaseException:  # (a page that could not be made, or Ctrl-C)
            _remove_tree(staging)  # nothing is committed yet: it holds only this plan's files
            raise
        result.unchanged, result.conflicts = plan.unchanged, plan.conflicts
        owned, writes = plan.owned, plan.writes
        removes = [
            rel
            for rel in sorted(previous - owned.keys())
            if rel not in files and rel not in known and _safe(rel)
        ]
        if writes or removes or listed != sorted(owned):
            _step("stage manifest")
            manifest = json.dumps({"generated": sorted(owned)}, indent=1) + "\n"
            _write_plain(staging / _STAGED_MANIFEST, manifest.encode("utf-8"), plan.folders)
            journal = {"write": [list(w) for w in writes], "remove": removes}
            _step("commit")
            write_atomic(staging / JOURNAL, json.dumps(journal, indent=1) + "\n")
            applied = _apply(docs, journal)
            result.written = [rel for rel, _ in writes if rel not in applied.conflicts]
            result.removed = applied.removed
            result.conflicts = sorted(result.conflicts + applied.conflicts)
            for rel in applied.conflicts:
                owned.pop(rel, None)
        _save_fingerprints(docs, fingerprints, owned)
        result.digests = {rel: plan.digests[rel] for rel in owned}
        return result


@dataclass
class _Fingerprints:
    """The fingerprints file of a docs folder, as read."""

    #: generated path -> fingerprint (as read: checked only when used)
    files: dict[str, object] = field(default_factory=dict)
    #: the file's own mtime: only fingerprints with an older mtime are trusted
    mtime_ns: int = 0
    #: the device of the docs folder: inode numbers mean nothing on another one
    device: int = -1
    #: False when missing, unreadable or for another device (it is then written again)
    valid: bool = False


def _fingerprints_path(docs: Path) -> Path:
    folder = docs.resolve()
    return folder.parent / FINGERPRINT_FOLDER / f"fingerprints-{folder.name}.json"


def _load_fingerprints(docs: Path) -> _Fingerprints:
    device = os.stat(docs).st_dev
    try:
        with open(_fingerprints_path(docs), "rb") as handle:
            mtime_ns = os.fstat(handle.fileno()).st_mtime_ns
            data = json.loads(handle.read())
    except (OSError, ValueError):
        return _Fingerprints(device=device)
    if not (
        isinstance(data, dict)
        and data.get("device") == device
        and isinstance(data.get("files"), dict)
    ):
        return _Fingerprints(device=device)
    return _Fingerprints(data["files"], mtime_ns, device, valid=True)


def _save_fingerprints(
    docs: Path, known: _Fingerprints, owned: dict[str, Fingerprint | None]
) -> None:
    """Record the fingerprints of the files in the manifest, if any changed.

    A fingerprints file that cannot be written only makes the next build read pages.
    """
    files = {rel: fingerprint for rel, fingerprint in owned.items() if fingerprint is not None}
    if known.valid and files == known.files:
        return
    text = json.dumps({"device": known.device, "files": files}, separators=(",", ":"))
    with contextlib.suppress(OSError):
        write_atomic(_fingerprints_path(docs), text + "\n")


@dataclass
class _Plan:
    #: every path the new manifest lists, with its fingerprint (None for a symlink, which
    #: has none; a file to write has that of its staged copy)
    owned: dict[str, Fingerprint | None] = field(default_factory=dict)
    writes: list[tuple[str, str]] = field(default_factory=list)  # (path, "create"/"replace")
    #: the folders made under the staging folder so far
    folders: set[str] = field(default_factory=set)
    conflicts: list[str] = field(default_factory=list)
    unchanged: int = 0
    #: path -> digest of the content of every file planned (not the conflicts)
    digests: dict[str, str] = field(default_factory=dict)
    #: files passed by digest whose fingerprint does not vouch for them
    unverified: list[str] = field(default_factory=list)


@dataclass
class _Planning:
    """What planning reads: the docs folder, the files to make and what was there before."""

    docs: Path
    files: Mapping[str, str]
    known: Mapping[str, str]
    previous: set[str]
    fingerprints: _Fingerprints


#: pages to make from which making them is shared among processes (starting a
#: process costs about 0.2 s)
PARALLEL_MIN_FILES = 2000
#: pages made per task of the pool
PLAN_CHUNK = 512


def _plan(
    job: _Planning, portable: LazyPages | None = None, executor: Executor | None = None
) -> _Plan:
    """Sort the generated files into unchanged, to write, and conflicts (not ours).

    Making a page and staging it are independent of every other page, and at
    100k pages they are most of a cold build's writing. With many `portable`
    pages and an `executor` of more than one worker, they are sent, in chunks,
    to its workers, which make and stage them while this process plans the
    others, then takes the chunks they have not begun, from the last.
    Not forked processes: a build holds its articles, and a forked planner
    that made half the pages touched the memory of nearly all of them, which
    the kernel then copied (1.45 GB at 50k scrapes).
    """
    paths = sorted(itertools.chain(job.files, (rel for rel in job.known if rel not in job.files)))
    if (
        portable is None
        or len(portable) < PARALLEL_MIN_FILES
        or executor is None
        or executor.workers <= 1
    ):
        return _plan_paths(job, paths)
    sent = sorted(portable)
    chunks = [sent[start : start + PLAN_CHUNK] for start in range(0, len(sent), PLAN_CHUNK)]
    with executor.pool() as pool:  # (after an error, the chunks not begun are let go)
        others = [
            (chunk, pool.submit(_plan_paths, _portion(job, portable, chunk), chunk))
            for chunk in chunks
        ]
        plans = [_plan_paths(job, [rel for rel in paths if rel not in portable])]
        begun = len(others)
        while begun and others[begun - 1][1].cancel():  # not begun by a worker: made here
            begun -= 1
            plans.append(_plan_paths(job, others[begun][0]))
        plans += [other.result() for _, other in others[:begun]]
        return _joined(plans, paths)


def _portion(job: _Planning, portable: LazyPages, paths: list[str]) -> _Planning:
    """What planning `paths` (all portable) reads, and nothing else: it is sent to a worker
    (which need not run in this folder: the docs folder's path is absolute)."""
    recorded = job.fingerprints.files
    return _Planning(
        job.docs.absolute(),
        LazyPages({rel: portable.makers[rel] for rel in paths}),
        {},
        {rel for rel in paths if rel in job.previous},
        replace(job.fingerprints, files={rel: recorded[rel] for rel in paths if rel in recorded}),
    )


def _joined(plans: list[_Plan], paths: list[str]) -> _Plan:
    """The plans of shares of `paths` as one, as if planned in one go (in path order)."""
    joined = _Plan()
    owned: dict[str, Fingerprint | None] = {}
    digests: dict[str, str] = {}
    for plan in plans:
        owned.update(plan.owned)
        digests.update(plan.digests)
        joined.writes += plan.writes
        joined.folders |= plan.folders
        joined.conflicts += plan.conflicts
        joined.unchanged += plan.unchanged
        joined.unverified += plan.unverified
    joined.owned = {rel: owned[rel] for rel in paths if rel in owned}
    joined.digests = {rel: digests[rel] for rel in paths if rel in digests}
    joined.writes.sort()
    joined.conflicts.sort()
    joined.unverified.sort()
    return joined


def _plan_paths(job: _Planning, paths: list[str]) -> _Plan:
    """`_plan` of these paths, in this process.

    This loop, once per page, is the whole cost of a build where nothing
    changed: it sticks to plain strings and os calls (pathlib objects cost
    microseconds per page), and reads a file only when its fingerprint cannot
    vouch for it.
    """
    plan = _Plan()
    docs, files, known, previous = job.docs, job.files, job.known, job.previous
    recorded_files, trusted_before_ns = job.fingerprints.files, job.fingerprints.mtime_ns
    prefix = os.path.join(docs, "")
    for rel in paths:
        path = prefix + rel
        try:
            found = os.lstat(path)
        except OSError:
            found = None
        if found is not None and rel not in previous:
            plan.conflicts.append(rel)
            continue
        content = files.get(rel)
        if content is None:
            data, digest = b"", known[rel]
        else:
            data = content.encode("utf-8")
            digest = _digest(data)
        plan.digests[rel] = digest
        if found is not None:
            recorded = recorded_files.get(rel)
            if (
                recorded == [found.st_size, found.st_mtime_ns, found.st_ino, digest]
                and found.st_mtime_ns < trusted_before_ns
                and stat.S_ISREG(found.st_mode)
            ):
                same, fingerprint = True, recorded
            elif content is None:  # known by digest only: read it to see whether it still holds it
                fingerprint = _read_fingerprint(path, found, digest)
                if fingerprint is None:
                    plan.unverified.append(rel)
                    continue
                same = True
            else:
                same, fingerprint = _compare(path, found, data, digest, recorded, trusted_before_ns)
            if same:
                plan.owned[rel] = fingerprint
                plan.unchanged += 1
                continue
        if content is None:
            plan.unverified.append(rel)
            continue
        plan.writes.append((rel, "create" if found is None else "replace"))
        plan.owned[rel] = _stage(docs / STAGING, rel, data, digest, plan.folders)
    return plan


def _stage(staging: Path, rel: str, data: bytes, digest: str, folders: set[str]) -> Fingerprint:
    """Write a new or changed file under the staging folder as soon as it is planned (a
    large build never holds all its pages at once); returns its fingerprint."""
    new = os.path.join(staging, _NEW)
    if not folders:
        _step("stage")
        os.makedirs(new, exist_ok=True)  # (planners sharing the work make it side by side)
        folders.add(new)
    _step("stage " + rel)
    staged = _write_plain(os.path.join(new, rel), data, folders)
    # the rename into docs/ keeps size, mtime and inode
    return [staged.st_size, staged.st_mtime_ns, staged.st_ino, digest]


def _digest(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def _compare(
    path: str,
    found: os.stat_result,
    data: bytes,
    digest: str,
    recorded: object,
    trusted_before_ns: int,
) -> tuple[bool, Fingerprint | None]:
    """Whether the file at `path`, whose lstat is `found`, holds `data`; and its fingerprint.

    The slow path of `_plan`, for a file that changed or whose fingerprint does not
    match: it is read only when the recorded fingerprint cannot vouch for it.
    """
    if not stat.S_ISREG(found.st_mode):  # a symlink, whose target may change unseen
        return _holds(path, data), None
    if found.st_size != len(data):
        return False, None
    fresh: Fingerprint = [found.st_size, found.st_mtime_ns, found.st_ino, digest]
    vouched = isinstance(recorded, list) and recorded[:3] == fresh[:3]
    if vouched and found.st_mtime_ns < trusted_before_ns:
        return False, None  # it holds what was recorded, and that has another digest
    return _holds(path, data), fresh


def _read_fingerprint(path: str, found: os.stat_result, digest: str) -> Fingerprint | None:
    """A fresh fingerprint of the regular file at `path` if it holds content with `digest`."""
    if not stat.S_ISREG(found.st_mode):
        return None
    try:
        with open(path, "rb") as handle:
            if _digest(handle.read()) != digest:
                return None
    except OSError:
        return None
    return [found.st_size, found.st_mtime_ns, found.st_ino, digest]


def _holds(path: str, data: bytes) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _manifest_list(docs: Path) -> list | None:
    """The manifest's list of generated paths, as written; None if there is none."""
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    generated = data.get("generated") if isinstance(data, dict) else None
    return generated if isinstance(generated, list) else None


def recover(docs: Path) -> str | None:
    """Finish or undo the write of a build that was killed; None if there was none."""
    if not (docs / STAGING).exists():
        return None
    with _locked(docs):
        return _recover(docs)


def _recover(docs: Path) -> str | None:
    staging = docs / STAGING
    if not (staging.exists() or staging.is_symlink()):
        return None
    journal = _read_journal(staging / JOURNAL)
    if journal is None:
        done = staging.is_dir() and not any(staging.iterdir())
        _step("discard staging")
        _remove_tree(staging)
        if done:  # killed after the write, before the staging folder was removed
            return None
        return "discarded the unfinished output of an interrupted build (docs/ is as before it)"
    _apply(docs, journal)
    return "finished writing the output of an interrupted build"


def _read_journal(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = (
        isinstance(data, dict)
        and isinstance(data.get("write"), list)
        and isinstance(data.get("remove"), list)
        and all(
            isinstance(w, list) and len(w) == 2 and isinstance(w[0], str) and _safe(w[0])
            for w in data["write"]
        )
        and all(isinstance(r, str) and _safe(r) for r in data["remove"])
    )
    return data if ok else None


@dataclass
class _Applied:
    removed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def _apply(docs: Path, journal: dict) -> _Applied:
    """Move the staged files in, delete the stale ones, switch the manifest; idempotent."""
    staging = docs / STAGING
    applied = _Applied()
    folders: set[str] = set()
    # plain strings: pathlib objects cost microseconds a file, at 100k files
    new, prefix = os.path.join(staging, _NEW), os.fspath(docs)
    _move_new_folders(new, prefix)
    for rel, kind in journal["write"]:
        staged = os.path.join(new, rel)
        if not _exists(staged):
            continue  # moved in already
        target = os.path.join(prefix, rel)
        if kind == "create" and _exists(target):
            applied.conflicts.append(rel)  # a file appeared there meanwhile: not ours
            continue
        try:
            _make_folder(os.path.dirname(target), folders)
            _step("move " + rel)
            os.replace(staged, target)
        except OSError:  # a hand-made file or folder in the way: leave it, never get stuck
            applied.conflicts.append(rel)
    for rel in journal["remove"]:
        target = docs / rel
        if target.is_file() or target.is_symlink():
            _step("remove " + rel)
            try:
                target.unlink()
            except OSError:
                continue
            applied.removed.append(rel)
            _remove_empty_parents(target.parent, docs)
    staged_manifest = staging / _STAGED_MANIFEST
    if staged_manifest.is_file():
        if applied.conflicts:
            data = json.loads(staged_manifest.read_text(encoding="utf-8"))
            kept = [rel for rel in data["generated"] if rel not in applied.conflicts]
            _step("stage manifest")
            write_atomic(
                staged_manifest, json.dumps({"generated": kept}, indent=1) + "\n", tmp_dir=staging
            )
        _step("switch manifest")
        os.replace(staged_manifest, docs / MANIFEST)
    # the journal goes last: a staging folder without one is then either unapplied
    # (discard it) or empty (all done)
    for child in list(staging.iterdir()):
        if child.name != JOURNAL:
            _step("clean up " + child.name)
            _remove_tree(child)
    _step("end")
    (staging / JOURNAL).unlink(missing_ok=True)
    _step("remove staging")
    staging.rmdir()
    return applied


def _move_new_folders(staged: str, target: str) -> None:
    """Move in whole each staged folder that `docs/` does not have yet, with one rename.

    A first build stages 100k article pages in one folder: renaming them one by
    one cost seconds. Every file in such a folder is a creation that nothing
    can be in the way of; the loop over the journal then finds them moved in
    already, as after a crash. A folder made in `docs/` meanwhile makes the
    rename fail, and its files are moved one by one.
    """
    try:
        entries = list(os.scandir(staged))
    except OSError:
        return
    for entry in entries:
        if not entry.is_dir(follow_symlinks=False):
            continue
        into = os.path.join(target, entry.name)
        if _exists(into):
            _move_new_folders(entry.path, into)
            continue
        _step("move folder " + into)
        with contextlib.suppress(OSError):
            os.rename(entry.path, into)


def _step(what: str) -> None:
    """Called before every change to `docs/`; tests replace it to stop the process right there."""


def _write_plain(path: str | Path, data: bytes, folders: set[str]) -> os.stat_result:
    """Write `data` to `path`; returns the file's stat as written."""
    _make_folder(os.path.dirname(path), folders)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        return os.fstat(fd)
    finally:
        os.close(fd)


def _make_folder(folder: str, made: set[str]) -> None:
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)


def _exists(path: str | Path) -> bool:
    """True for anything at `path`, a dangling link too."""
    try:
        os.lstat(path)
    except OSError:
        return False
    return True


def _safe(rel: str) -> bool:
    """A relative path inside docs/, spelt one way only ("a/b.md", never "a//b.md",
    "./a/b.md" or "a/b.md/"), that is neither the manifest nor the staging folder.

    Plain string tests: this runs for every generated file of every build.
    """
    parts = rel.split("/")
    return not (
        "" in parts
        or "." in parts
        or ".." in parts
        or "\\" in rel
        or "\x00" in rel
        or parts[0] in (MANIFEST, STAGING)
    )


def _remove_tree(folder: Path) -> None:
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)


def _remove_empty_parents(folder: Path, docs: Path) -> None:
    while folder != docs and folder.is_relative_to(docs):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


@contextmanager
def _locked(docs: Path) -> Iterator[None]:
    """An exclusive lock on the docs folder for the duration (no-op where flock is missing)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    fd = os.open(docs, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
