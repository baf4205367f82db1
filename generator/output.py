"""Writing generated pages into `docs/` without touching anything else there.

The generator owns only the files listed in its manifest. It writes a file only
when its content changed (so `mkdocs serve`, which watches `docs/`, does not
rebuild in a loop), removes files it generated before and no longer produces,
and refuses to overwrite a file it did not generate.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".evdigest-manifest.json"


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def read_manifest(docs: Path) -> set[str]:
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {path for path in data.get("generated", []) if isinstance(path, str)}


def write_atomic(path: Path, content: str) -> None:
    """Replace `path` in one step, so a reader never sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_outputs(docs: Path, files: dict[str, str]) -> WriteResult:
    result = WriteResult()
    previous = read_manifest(docs)
    owned: set[str] = set()
    for rel in sorted(files):
        path = docs / rel
        if path.exists() and rel not in previous:
            result.conflicts.append(rel)
            continue
        owned.add(rel)
        content = files[rel]
        try:
            if path.read_text(encoding="utf-8") == content:
                result.unchanged += 1
                continue
        except (OSError, UnicodeDecodeError):
            pass
        write_atomic(path, content)
        result.written.append(rel)
    for rel in sorted(previous - owned):
        if rel in files:
            continue
        path = docs / rel
        if path.is_file():
            path.unlink()
            result.removed.append(rel)
            _remove_empty_parents(path.parent, docs)
    manifest = json.dumps({"generated": sorted(owned)}, indent=1) + "\n"
    manifest_path = docs / MANIFEST
    if not manifest_path.exists() or manifest_path.read_text(encoding="utf-8") != manifest:
        write_atomic(manifest_path, manifest)
    return result


def _remove_empty_parents(folder: Path, docs: Path) -> None:
    while folder != docs and folder.is_relative_to(docs):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
