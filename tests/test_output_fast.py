"""The fast "nothing changed" path of `write_outputs`: fingerprints instead of reading.

Each generated file's fingerprint (size, mtime, inode, digest), kept next to
docs/, lets a build tell an unchanged page without opening it; these tests
check it never takes a changed page, or a page edited on disk, for unchanged,
that it really does not read, and that docs/ without fingerprints still works.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.output import FINGERPRINT_FOLDER, MANIFEST, STAGING, Unverified, write_outputs

PAGES = {
    f"articles/story-{n}.md": f"# Story {n}\n\nCharg\u00e9 \u201cfast\u201d.\n" for n in range(40)
}
PAGES |= {"index.md": "# Home\n", "topics/x/page-1.md": "# X\n"}

_opened: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _opened is not None and isinstance(args[0], str | bytes | Path):
        path, _, flags = args
        if flags & os.O_ACCMODE == os.O_RDONLY:  # reads only: staging writes are expected
            _opened.append(os.fsdecode(path))


sys.addaudithook(_audit)  # audit hooks stay for the process: this one is idle outside `opens`


@contextmanager
def opens(docs: Path) -> Iterator[set[str]]:
    """The files under `docs` opened for reading meanwhile (by any means), relative to it.

    The manifest, the staging folder (emptied by a write) and the docs folder
    itself (opened for the lock) aside.
    """
    global _opened
    _opened, seen = [], set()
    try:
        yield seen
    finally:
        prefix = os.path.join(os.path.realpath(docs), "")
        for path in _opened:
            path = os.path.realpath(path)
            rel = path.removeprefix(prefix)
            if path.startswith(prefix) and rel != MANIFEST and not rel.startswith(STAGING):
                seen.add(rel)
        _opened = None


def fingerprint_file(docs: Path) -> Path:
    return docs.parent / FINGERPRINT_FOLDER / f"fingerprints-{docs.name}.json"


def fingerprints(docs: Path) -> dict:
    return json.loads(fingerprint_file(docs).read_text(encoding="utf-8"))["files"]


def settle(docs: Path) -> None:
    """Date the fingerprints a second on, as if written a clock tick after the files.

    Files written in the fingerprints' own tick are read again on purpose (see
    `test_a_same_tick_edit_is_caught`); this takes that out of the tests that
    count reads, whatever the file system's timestamp granularity.
    """
    later = fingerprint_file(docs).stat().st_mtime_ns + 1_000_000_000
    os.utime(fingerprint_file(docs), ns=(later, later))


def test_nothing_changed_reads_no_page(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_outputs(docs, PAGES)
    settle(docs)
    before = fingerprints(docs)
    with opens(docs) as seen:
        result = write_outputs(docs, dict(PAGES))
    assert seen == set()
    assert result.written == [] and result.unchanged == len(PAGES)
    assert fingerprints(docs) == before


def test_the_audit_hook_does_see_reads(tmp_path: Path) -> None:
    """The reads counted above would be seen: without fingerprints every page is read."""
    docs = tmp_path / "docs"
    write_outputs(docs, PAGES)
    fingerprint_file(docs).unlink()
    with opens(docs) as seen:
        write_outputs(docs, PAGES)
    assert seen == set(PAGES)


def test_a_changed_page_is_written_without_reading_it(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_outputs(docs, PAGES)
    settle(docs)
    story = "articles/story-3.md"
    changed = PAGES | {story: PAGES[story].replace("fast", "FAST"), "index.md": "# Home!\n"}
    assert len(changed[story]) == len(PAGES[story])  # only the digest tells
    with opens(docs) as seen:
        result = write_outputs(docs, changed)
    assert seen == set()
    assert result.written == [story, "index.md"]
    assert result.unchanged == len(PAGES) - 2
    assert (docs / story).read_text(encoding="utf-8") == changed[story]
    with opens(docs) as seen:  # and the new fingerprints vouch for the new content
        assert write_outputs(docs, changed).written == []
    assert seen <= {story, "index.md"}  # unless written in the fingerprints' own tick


def test_a_page_edited_on_disk_is_written_again(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_outputs(docs, PAGES)
    settle(docs)
    page = docs / "articles/story-7.md"
    old = page.stat()
    page.write_text(PAGES["articles/story-7.md"].replace("Story", "STORY"), encoding="utf-8")
    os.utime(page, ns=(old.st_atime_ns, old.st_mtime_ns + 1))  # same size, new mtime
    result = write_outputs(docs, PAGES)
    assert result.written == ["articles/story-7.md"]
    assert page.read_text(encoding="utf-8") == PAGES["articles/story-7.md"]


def test_a_page_replaced_with_the_same_size_and_mtime_is_written_again(tmp_path: Path) -> None:
    """An editor that saves by renaming a new file over the old one: only the inode tells."""
    docs = tmp_path / "docs"
    write_outputs(docs, PAGES)
    settle(docs)
    page = docs / "articles/story-7.md"
    old = page.stat()
    other = tmp_path / "edited.md"
    other.write_text(PAGES["articles/story-7.md"].replace("Story", "STORY"), encoding="utf-8")
    os.utime(other, ns=(old.st_atime_ns, old.st_mtime_ns))
    os.replace(other, page)
    assert (page.stat().st_size, page.stat().st_mtime_ns) == (old.st_size, old.st_mtime_ns)
    assert write_outputs(docs, PAGES).written == ["articles/story-7.md"]
    assert page.read_text(encoding="utf-8") == PAGES["articles/story-7.md"]


def test_a_same_tick_edit_is_caught(tmp_path: Path) -> None:
    """A same-size edit in the clock tick the fingerprints were written in keeps size,
    mtime and inode: such files are not trusted to their fingerprint, they are read."""
    docs = tmp_path / "docs"
    write_outputs(docs, PAGES)
    page = docs / "articles/story-7.md"
    old = page.stat()
    os.utime(fingerprint_file(docs), ns=(old.st_mtime_ns, old.st_mtime_ns))  # the page's tick
    with open(page, "r+", encoding="utf-8") as handle:  # in place: same inode
        handle.write("# STORY")
    os.utime(page, ns=(old.st_atime_ns, old.st_mtime_ns))
    found = page.stat()
    assert (found.st_size, found.st_mtime_ns, found.st_ino) == (
        old.st_size,
        old.st_mtime_ns,
        old.st_ino,
    )
    assert write_outputs(docs, PAGES).written == ["articles/story-7.md"]
    assert page.read_text(encoding="utf-8") == PAGES["articles/story-7.md"]


def test_a_touched_page_is_read_once_and_not_rewritten(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_outputs(docs, PAGES)
    page = docs / "index.md"
    touched = page.stat().st_mtime_ns - 5_000_000_000  # back in time: not in any racy tick
    os.utime(page, ns=(touched, touched))
    with opens(docs) as seen:
        result = write_outputs(docs, PAGES)
    assert "index.md" in seen
    assert result.written == [] and result.unchanged == len(PAGES)
    assert page.stat().st_mtime_ns == touched  # not rewritten
    assert fingerprints(docs)["index.md"][1] == touched  # but its fingerprint follows it
    settle(docs)
    with opens(docs) as seen:
        write_outputs(docs, PAGES)
    assert seen == set()


def test_docs_without_fingerprints_still_work(tmp_path: Path) -> None:
    """docs/ as an earlier version left it (a manifest, no fingerprints): read once."""
    docs = tmp_path / "docs"
    for rel, text in PAGES.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    (docs / "stale.md").write_text("old page\n", encoding="utf-8")
    (docs / "mine.md").write_text("hand-written\n", encoding="utf-8")
    (docs / MANIFEST).write_text(
        json.dumps({"generated": [*sorted(PAGES), "stale.md"]}, indent=1) + "\n", encoding="utf-8"
    )
    changed = dict(PAGES) | {"index.md": "# New home\n", "mine.md": "generated\n"}
    with opens(docs) as seen:
        result = write_outputs(docs, changed)
    assert seen == set(PAGES) - {"index.md"}  # a longer page needs no reading to differ
    assert result.written == ["index.md"]
    assert result.removed == ["stale.md"]
    assert result.conflicts == ["mine.md"]
    assert result.unchanged == len(PAGES) - 1
    assert (docs / "mine.md").read_text(encoding="utf-8") == "hand-written\n"
    assert json.loads((docs / MANIFEST).read_text(encoding="utf-8")) == {"generated": sorted(PAGES)}
    assert set(fingerprints(docs)) == set(PAGES)
    settle(docs)
    with opens(docs) as seen:
        assert write_outputs(docs, changed).unchanged == len(PAGES)
    assert seen == set()


def test_fingerprints_stay_out_of_docs(tmp_path: Path) -> None:
    """docs/ is byte-identical however it was built: no inode or mtime in it."""
    one, two = tmp_path / "one" / "docs", tmp_path / "two" / "docs"
    write_outputs(one, {"index.md": "old\n", "gone.md": "x\n"})
    write_outputs(one, PAGES)
    write_outputs(two, PAGES)
    tree = {p.relative_to(one).as_posix(): p.read_bytes() for p in one.rglob("*") if p.is_file()}
    assert tree == {
        p.relative_to(two).as_posix(): p.read_bytes() for p in two.rglob("*") if p.is_file()
    }
    assert fingerprints(one) != fingerprints(two)  # the inodes differ


def test_fingerprints_from_another_device_are_ignored(tmp_path: Path) -> None:
    """Inode numbers mean nothing on another file system (docs/ copied or remounted)."""
    docs = tmp_path / "docs"
    write_outputs(docs, PAGES)
    data = json.loads(fingerprint_file(docs).read_text(encoding="utf-8"))
    fingerprint_file(docs).write_text(json.dumps(data | {"device": -5}), encoding="utf-8")
    settle(docs)
    with opens(docs) as seen:
        write_outputs(docs, PAGES)
    assert seen == set(PAGES)
    assert (
        json.loads(fingerprint_file(docs).read_text(encoding="utf-8"))["device"] == data["device"]
    )


def test_an_unwritable_fingerprint_folder_only_costs_reads(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (tmp_path / FINGERPRINT_FOLDER).write_text("a file where the folder goes\n", encoding="utf-8")
    write_outputs(docs, PAGES)
    with opens(docs) as seen:
        result = write_outputs(docs, PAGES)
    assert seen == set(PAGES)
    assert result.written == [] and result.unchanged == len(PAGES)


def test_a_symlink_at_a_generated_path_is_compared_by_reading(tmp_path: Path) -> None:
    """A link's own stat says nothing of its target: no fingerprint, read every time."""
    docs = tmp_path / "docs"
    write_outputs(docs, PAGES)
    target = tmp_path / "target.md"
    target.write_text(PAGES["index.md"], encoding="utf-8")
    (docs / "index.md").unlink()
    (docs / "index.md").symlink_to(target)
    assert write_outputs(docs, PAGES).written == []
    assert "index.md" not in fingerprints(docs)
    target.write_text("# Home, edited\n", encoding="utf-8")
    assert write_outputs(docs, PAGES).written == ["index.md"]
    assert (docs / "index.md").read_text(encoding="utf-8") == PAGES["index.md"]
    assert target.read_text(encoding="utf-8") == "# Home, edited\n"  # the link was replaced


def test_a_tampered_manifest_cannot_remove_files_outside_docs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_outputs(docs, PAGES)
    (tmp_path / "outside.md").write_text("keep me\n", encoding="utf-8")
    listed = [*sorted(PAGES), "../outside.md", str(tmp_path / "outside.md"), 7]
    (docs / MANIFEST).write_text(json.dumps({"generated": listed}), encoding="utf-8")
    result = write_outputs(docs, PAGES)
    assert result.removed == [] and result.written == []
    assert (tmp_path / "outside.md").read_text(encoding="utf-8") == "keep me\n"
    assert json.loads((docs / MANIFEST).read_text(encoding="utf-8")) == {"generated": sorted(PAGES)}


@pytest.mark.parametrize("path", ["a//b.md", "a/./b.md", "a/", "./a.md"])
def test_only_the_canonical_spelling_of_a_path_is_accepted(tmp_path: Path, path: str) -> None:
    """One spelling per file, so that a fingerprint is found under the name it was saved as."""
    with pytest.raises(ValueError):
        write_outputs(tmp_path / "docs", {path: "x"})


def test_files_passed_by_digest_are_checked_and_never_rewritten(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    first = write_outputs(docs, PAGES)
    digests = first.digests
    assert set(digests) == set(PAGES)
    settle(docs)
    rest = {rel: text for rel, text in PAGES.items() if rel != "index.md"}
    result = write_outputs(docs, rest, known={"index.md": digests["index.md"]})
    assert result.written == [] and result.removed == []
    assert result.digests == digests


def test_a_file_passed_by_digest_that_changed_on_disk_stops_the_write(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    digests = write_outputs(docs, PAGES).digests
    settle(docs)
    (docs / "index.md").write_text("edited by hand\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    changed = dict(PAGES, **{"articles/story-7.md": "new text\n"})
    del changed["index.md"]
    with pytest.raises(Unverified) as raised:
        write_outputs(docs, changed, known={"index.md": digests["index.md"]})
    assert raised.value.paths == ["index.md"]
    assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == before


def test_a_file_passed_by_digest_and_copied_in_place_is_read_once(tmp_path: Path) -> None:
    """A docs folder restored from a copy (new inodes) is checked by reading, not rewritten."""
    docs = tmp_path / "docs"
    digests = write_outputs(docs, PAGES).digests
    page = docs / "index.md"
    copy = tmp_path / "copy.md"
    shutil.copy2(page, copy)
    os.replace(copy, page)  # same bytes and mtime, another inode
    settle(docs)
    rest = {rel: text for rel, text in PAGES.items() if rel != "index.md"}
    with opens(docs) as seen:
        result = write_outputs(docs, rest, known={"index.md": digests["index.md"]})
    assert seen == {"index.md"}
    assert result.written == []
    settle(docs)
    with opens(docs) as seen:
        write_outputs(docs, rest, known={"index.md": digests["index.md"]})
    assert seen == set()
