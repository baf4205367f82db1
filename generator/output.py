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

1. Plan. Each generated file is compared with what is on disk; unchanged
   files and hand-written files are left alone.
2. Stage. New and changed files, and the new manifest, are written under
   `docs/.evdigest-staging/` (a dot folder: MkDocs ignores it). Nothing a
   reader sees has changed yet.
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
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MANIFEST = ".evdigest-manifest.json"
STAGING = ".evdigest-staging"
JOURNAL = "journal.json"
_STAGED_MANIFEST = "manifest.json"
_NEW = "new"


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    #: what recovery did about an earlier build that was interrupted, if anything
    recovered: str | None = None


def read_manifest(docs: Path) -> set[str]:
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    generated = data.get("generated", []) if isinstance(data, dict) else []
    return {path for path in generated if isinstance(path, str) and _safe(path)}


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


def write_outputs(docs: Path, files: dict[str, str]) -> WriteResult:
    """Make the generated files in `docs` exactly `files` (relative path -> content)."""
    for rel in files:
        if not _safe(rel):
            raise ValueError(f"not a path the generator may write: {rel!r}")
    docs.mkdir(parents=True, exist_ok=True)
    with _locked(docs):
        result = WriteResult(recovered=_recover(docs))
        previous = read_manifest(docs)
        owned: set[str] = set()
        writes: list[tuple[str, str]] = []  # (path, "create" or "replace")
        for rel in sorted(files):
            path = docs / rel
            exists = _exists(path)
            if exists and rel not in previous:
                result.conflicts.append(rel)
                continue
            owned.add(rel)
            if exists and _same(path, files[rel]):
                result.unchanged += 1
                continue
            writes.append((rel, "replace" if exists else "create"))
        removes = [rel for rel in sorted(previous - owned) if rel not in files]
        manifest = json.dumps({"generated": sorted(owned)}, indent=1) + "\n"
        if not writes and not removes and _same(docs / MANIFEST, manifest):
            return result
        staging = docs / STAGING
        _step("stage")
        (staging / _NEW).mkdir(parents=True)
        folders: set[Path] = set()
        for rel, _ in writes:
            _step("stage " + rel)
            _write_plain(staging / _NEW / rel, files[rel], folders)
        _step("stage manifest")
        _write_plain(staging / _STAGED_MANIFEST, manifest, folders)
        journal = {"write": [list(w) for w in writes], "remove": removes}
        _step("commit")
        write_atomic(staging / JOURNAL, json.dumps(journal, indent=1) + "\n")
        applied = _apply(docs, journal)
        result.written = [rel for rel, _ in writes if rel not in applied.conflicts]
        result.removed = applied.removed
        result.conflicts = sorted(result.conflicts + applied.conflicts)
        return result


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
    folders: set[Path] = set()
    for rel, kind in journal["write"]:
        staged = staging / _NEW / rel
        if not _exists(staged):
            continue  # moved in already
        target = docs / rel
        if kind == "create" and _exists(target):
            applied.conflicts.append(rel)  # a file appeared there meanwhile: not ours
            continue
        try:
            _make_folder(target.parent, folders)
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


def _step(what: str) -> None:
    """Called before every change to `docs/`; tests replace it to stop the process right there."""


def _write_plain(path: Path, content: str, folders: set[Path]) -> None:
    _make_folder(path.parent, folders)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(content)


def _make_folder(folder: Path, made: set[Path]) -> None:
    if folder not in made:
        folder.mkdir(parents=True, exist_ok=True)
        made.add(folder)


def _exists(path: Path) -> bool:
    """True for anything at `path`, a dangling link too."""
    try:
        os.lstat(path)
    except OSError:
        return False
    return True


def _same(path: Path, content: str) -> bool:
    try:
        return path.read_bytes() == content.encode("utf-8")
    except OSError:
        return False


def _safe(rel: str) -> bool:
    """A relative path inside docs/ that is neither the manifest nor the staging folder."""
    parts = PurePosixPath(rel).parts
    return bool(
        parts
        and not rel.startswith("/")
        and "\\" not in rel
        and "\x00" not in rel
        and not any(part in ("", ".", "..") for part in parts)
        and parts[0] not in (MANIFEST, STAGING)
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
