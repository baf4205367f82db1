"""Atomic output: a build killed at any moment leaves docs/ fully old or fully new.

"After recovery": `generator.output.recover(docs)` — which every build runs
first — finishes or undoes the interrupted write (see generator/output.py).
Hand-written files in docs/ are never touched, whatever the moment of the kill.

Two tests: one stops `write_outputs` dead (`os._exit` in a forked child) before
each of its file-system steps in turn, so every crash point is covered; the
other runs the real CLI on a few hundred synthetic pages and SIGKILLs it at
random moments, seeded, most of them inside the write.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import generator.output as output
from generator.output import FINGERPRINT_FOLDER, MANIFEST, STAGING, recover, write_outputs

from .conftest import ROOT

HAND_WRITTEN = {
    "about.md": "# About\n\nWritten by hand.\n",
    "articles/notes.md": "Hand-written notes inside a generated folder.\n",
    "notes.md": "A hand-written page the new build also wants to write.\n",
}
OLD = {
    "index.md": "old home\n",
    "articles/a.md": "A\n",
    "articles/b.md": "B\n",
    "articles/c.md": "C\n",
    "topics/x.md": "X\n",
    "topics/deep/y.md": "Y\n",
}
NEW = {
    "index.md": "new home\n",
    "articles/a.md": "A\n",  # unchanged: must keep its mtime
    "articles/b.md": "B, changed\n",
    "articles/d.md": "D\n",
    "feeds/all.xml": "<rss/>\n",
    "notes.md": "generated notes\n",  # conflicts with a hand-written file
}


def snapshot(docs: Path) -> dict[str, bytes]:
    """Every file under docs/ (hidden ones too) with its bytes."""
    return {
        path.relative_to(docs).as_posix(): path.read_bytes()
        for path in sorted(docs.rglob("*"))
        if path.is_file()
    }


def assert_fingerprints_truthful(docs: Path) -> None:
    """A fingerprint (kept next to docs/) that matches its file's size, mtime and inode
    must have the file's digest: else a later build would keep a changed page."""
    path = docs.parent / FINGERPRINT_FOLDER / f"fingerprints-{docs.name}.json"
    if not path.exists():
        return
    for rel, (size, mtime_ns, inode, digest) in json.loads(path.read_text())["files"].items():
        found = (docs / rel).lstat() if (docs / rel).is_file() else None
        if found and (found.st_size, found.st_mtime_ns, found.st_ino) == (size, mtime_ns, inode):
            assert hashlib.sha1((docs / rel).read_bytes()).hexdigest() == digest, rel


def fresh_docs(folder: Path) -> Path:
    docs = folder / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    for rel, text in HAND_WRITTEN.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    return docs


def test_write_outputs_is_all_or_nothing_at_every_crash_point(tmp_path: Path) -> None:
    reference = fresh_docs(tmp_path / "reference")
    write_outputs(reference, OLD)
    old_state = snapshot(reference)
    result = write_outputs(reference, NEW)
    new_state = snapshot(reference)
    assert result.conflicts == ["notes.md"]
    assert sorted(result.written) == ["articles/b.md", "articles/d.md", "feeds/all.xml", "index.md"]
    assert sorted(result.removed) == ["articles/c.md", "topics/deep/y.md", "topics/x.md"]
    assert not (reference / "topics").exists()  # emptied generated folders go too
    outcomes = []
    for n in itertools.count():
        docs = fresh_docs(tmp_path / "run")
        write_outputs(docs, OLD)
        unchanged_mtime = (docs / "articles" / "a.md").stat().st_mtime_ns
        pid = os.fork()
        if pid == 0:  # the child dies at its n-th step, with no clean-up of any kind
            steps = itertools.count()

            def die(what: str, n: int = n, steps=steps) -> None:
                if next(steps) == n:
                    os._exit(99)

            output._step = die
            try:
                write_outputs(docs, NEW)
            except BaseException:
                os._exit(1)
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        assert code in (0, 99)
        interrupted = (docs / STAGING).exists()
        recover(docs)
        state = snapshot(docs)
        assert not (docs / STAGING).exists()
        assert state in (old_state, new_state), f"crash at step {n}: half-written docs/"
        assert (docs / "articles" / "a.md").stat().st_mtime_ns == unchanged_mtime
        for rel, text in HAND_WRITTEN.items():
            assert (docs / rel).read_text(encoding="utf-8") == text
        assert_fingerprints_truthful(docs)
        outcomes.append(("new" if state == new_state else "old", interrupted))
        # the next build after the crash gets to the new state as if nothing happened
        write_outputs(docs, NEW)
        assert snapshot(docs) == new_state
        assert_fingerprints_truthful(docs)
        if code == 0:
            break
    assert len(outcomes) > 10
    assert ("old", True) in outcomes and ("new", True) in outcomes  # rolled back, completed


def test_folders_docs_does_not_have_are_moved_in_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first build moves each new folder in with one rename, not file by file; a folder
    docs/ has (here for a hand-written file) gets its new files one by one."""
    docs = fresh_docs(tmp_path)
    files = {
        "articles/a.md": "A\n",
        "topics/x.md": "X\n",
        "topics/deep/y.md": "Y\n",
        "feeds/all.xml": "<rss/>\n",
    }
    steps: list[str] = []
    monkeypatch.setattr(output, "_step", steps.append)
    result = write_outputs(docs, files)
    assert sorted(result.written) == sorted(files)
    made = {rel: data for rel, data in snapshot(docs).items() if rel != MANIFEST}
    assert made == {rel: text.encode("utf-8") for rel, text in {**HAND_WRITTEN, **files}.items()}
    moves = sorted(step for step in steps if step.startswith("move"))
    assert moves == [
        "move articles/a.md",
        f"move folder {docs / 'feeds'}",
        f"move folder {docs / 'topics'}",
    ]
    assert not (docs / STAGING).exists()
    assert_fingerprints_truthful(docs)
    assert write_outputs(docs, files).unchanged == len(files)


def test_recover_handles_a_journal_whose_files_were_partly_moved(tmp_path: Path) -> None:
    docs = fresh_docs(tmp_path)
    write_outputs(docs, OLD)
    output._step("probe")  # the hook is a no-op outside tests
    assert recover(docs) is None
    staging = docs / STAGING
    (staging / "new" / "articles").mkdir(parents=True)
    (staging / "new" / "articles" / "e.md").write_text("E\n", encoding="utf-8")
    (staging / "manifest.json").write_text(
        json.dumps({"generated": [*sorted(OLD), "articles/e.md"]}), encoding="utf-8"
    )
    journal = {"write": [["articles/e.md", "create"], ["articles/z.md", "create"]], "remove": []}
    (staging / "journal.json").write_text(json.dumps(journal), encoding="utf-8")
    message = recover(docs)
    assert message is not None and message.startswith("finished")
    assert (docs / "articles" / "e.md").read_text(encoding="utf-8") == "E\n"
    assert "articles/e.md" in json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["generated"]
    assert not staging.exists()
    # a staging folder without a journal is an unfinished stage step: thrown away
    (staging / "new").mkdir(parents=True)
    (staging / "new" / "index.md").write_text("half", encoding="utf-8")
    message = recover(docs)
    assert message is not None and message.startswith("discarded")
    assert (docs / "index.md").read_text(encoding="utf-8") == "old home\n"


def test_write_outputs_refuses_paths_outside_docs(tmp_path: Path) -> None:
    for bad in ("../escape.md", "/etc/x.md", "a/../../b.md", MANIFEST, f"{STAGING}/x.md", ""):
        with pytest.raises(ValueError):
            write_outputs(tmp_path / "docs", {bad: "x"})


# --- the real CLI, killed -----------------------------------------------------------------------

KILLS = 9


def start_build(seeds: Path, topics: Path, docs: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--seeds", str(seeds)]
        + ["--topics", str(topics), "--docs", str(docs)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill reaches pool workers too
    )


def wait_for(path: Path, process: subprocess.Popen, limit: float = 60) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if path.exists():
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.0005)
    return False


def test_cli_killed_at_random_moments_leaves_docs_old_or_new(tmp_path: Path) -> None:
    from bench.corpus import make_corpus

    make_corpus(tmp_path / "seeds-old", 80, seed=1)
    make_corpus(tmp_path / "seeds-new", 80, seed=2)
    topics = tmp_path / "topics"
    topics.mkdir()
    old_docs = fresh_docs(tmp_path / "old")
    assert start_build(tmp_path / "seeds-old", topics, old_docs).wait() == 0
    old_state = snapshot(old_docs)
    docs = tmp_path / "docs"  # the same folder every time: later builds use the cache
    shutil.copytree(old_docs, docs)
    assert start_build(tmp_path / "seeds-new", topics, docs).wait() == 0
    new_state = snapshot(docs)
    shutil.rmtree(docs)
    shutil.copytree(old_docs, docs)
    started = time.monotonic()  # the same build again, as every kill below runs it: cached
    assert start_build(tmp_path / "seeds-new", topics, docs).wait() == 0
    cached = time.monotonic() - started
    assert snapshot(docs) == new_state
    changed = {rel for rel in old_state.keys() | new_state.keys() if old_state.get(rel) != new_state.get(rel)}  # fmt: skip
    assert len(old_state) > 150 and len(changed) > 300  # a few hundred pages change
    rng = random.Random(20250304)
    seen = []
    for k in range(KILLS):
        shutil.rmtree(docs, ignore_errors=True)
        shutil.copytree(old_docs, docs)
        process = start_build(tmp_path / "seeds-new", topics, docs)
        mode = ("anytime", "staging", "journal")[k % 3]
        if mode == "anytime":
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=rng.uniform(0, cached * 1.1))
        elif mode == "staging":
            wait_for(docs / STAGING, process)
            time.sleep(rng.choice([0, rng.uniform(0, 0.05)]))
        else:
            wait_for(docs / STAGING / "journal.json", process)
            time.sleep(rng.choice([0, rng.uniform(0, 0.01)]))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        interrupted = (docs / STAGING).exists()
        recover(docs)
        state = snapshot(docs)
        assert state in (old_state, new_state), (
            f"kill {k} ({mode}) left docs/ half-written: "
            f"{sorted(r for r in state if old_state.get(r) != state[r] != new_state.get(r))[:5]}"
        )
        for rel, text in HAND_WRITTEN.items():
            assert (docs / rel).read_text(encoding="utf-8") == text
        seen.append((mode, "new" if state == new_state else "old", interrupted))
    # the kills did land inside the write, on both sides of the commit point
    assert any(s[2] and s[1] == "old" for s in seen), seen
    assert any(s[2] and s[1] == "new" for s in seen), seen


def test_hand_made_things_in_the_way_are_conflicts_not_failures(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "articles").write_text("a file where the generator wants a folder\n", encoding="utf-8")
    (docs / "index.md").mkdir()  # a folder where it wants a file
    result = write_outputs(docs, {"articles/a.md": "A\n", "index.md": "home\n", "b.md": "B\n"})
    assert result.written == ["b.md"]
    assert result.conflicts == ["articles/a.md", "index.md"]
    assert json.loads((docs / MANIFEST).read_text(encoding="utf-8")) == {"generated": ["b.md"]}
    assert (docs / "articles").read_text(encoding="utf-8").startswith("a file")
    assert not (docs / STAGING).exists()
