from __future__ import annotations

import os
import time
from functools import partial
from pathlib import Path

import pytest

from generator import output as output_module
from generator.output import LazyPages, write_outputs
from generator.render import escape
from generator.workers import LocalExecutor


def test_writes_only_changes_and_never_touches_hand_written_files(tmp_path: Path) -> None:
    (tmp_path / "about.md").write_text("mine", encoding="utf-8")
    (tmp_path / "index.md").write_text("hand-written home", encoding="utf-8")
    first = write_outputs(
        tmp_path, {"articles/a.md": "A", "articles/b.md": "B", "index.md": "generated"}
    )
    assert first.written == ["articles/a.md", "articles/b.md"]
    assert first.conflicts == ["index.md"]
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == "hand-written home"
    second = write_outputs(tmp_path, {"articles/a.md": "A2"})
    assert second.written == ["articles/a.md"] and second.removed == ["articles/b.md"]
    assert second.unchanged == 0
    third = write_outputs(tmp_path, {"articles/a.md": "A2"})
    assert third.written == [] and third.unchanged == 1
    assert (tmp_path / "about.md").read_text(encoding="utf-8") == "mine"


def test_escape_neutralises_markup() -> None:
    assert escape("<script>alert(1)</script>") == "&lt;script\\>alert(1)&lt;/script\\>"
    assert escape("# not a heading") == "\\# not a heading"
    assert escape("- not a list") == "\\- not a list"
    assert escape("[link](http://x)") == "\\[link\\](http://x)"
    assert escape("AT&T") == "AT&amp;T"


def test_planning_in_other_processes_writes_what_one_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output_module, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(output_module, "PLAN_CHUNK", 4)
    old = {f"articles/{n}.md": f"{n}\n" for n in range(30)} | {"gone.md": "x\n"}
    articles = {f"articles/{n}.md": f"{n}{'!' if n % 3 else ''}\n" for n in range(33)}
    portable = LazyPages({rel: partial(str, text) for rel, text in articles.items()})
    lists = {"index.md": "home\n", "topics/a.md": "A\n"}
    results = []
    for workers in (1, 2):
        docs = tmp_path / str(workers)
        write_outputs(docs, old)
        (docs / "topics").mkdir()
        (docs / "topics" / "a.md").write_text("mine\n", encoding="utf-8")  # a conflict
        (docs / "articles" / "3.md").write_text("edited\n", encoding="utf-8")
        results.append(
            (
                write_outputs(docs, lists, executor=LocalExecutor(workers), portable=portable),
                tree(docs),
            )
        )
    (serial, serial_tree), (pooled, pooled_tree) = results
    assert pooled == serial and pooled_tree == serial_tree
    assert serial.conflicts == ["topics/a.md"] and serial.removed == ["gone.md"]
    assert len(serial.written) == 25  # 20 articles changed, 3 new, 3.md edited, index.md
    assert "articles/3.md" in serial.written


def _page_saying_who_made_it(number: int) -> str:
    return f"{number} {os.getpid()}\n"


def test_portable_pages_are_made_by_other_processes_and_the_rest_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output_module, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(output_module, "PLAN_CHUNK", 1)
    portable = {f"articles/{n}.md": partial(_page_saying_who_made_it, n) for n in range(12)}

    def slow_home() -> str:  # (the workers start meanwhile)
        time.sleep(1)
        return f"home {os.getpid()}\n"

    docs = tmp_path / "docs"
    result = write_outputs(
        docs,
        LazyPages({"index.md": slow_home}),
        executor=LocalExecutor(2),
        portable=LazyPages(portable),
    )
    assert len(result.written) == 13
    makers = {path.read_text(encoding="utf-8").split()[1] for path in docs.glob("articles/*.md")}
    assert (docs / "index.md").read_text(encoding="utf-8") == f"home {os.getpid()}\n"
    assert makers - {str(os.getpid())}


def test_a_page_that_fails_in_another_process_fails_the_write_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output_module, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(output_module, "PLAN_CHUNK", 2)
    docs = tmp_path / "docs"
    write_outputs(docs, {"index.md": "home\n", "articles/1.md": "one\n"})
    before = tree(docs)
    makers = {f"articles/{n}.md": partial(str, f"{n}!\n") for n in range(9)}
    makers["articles/5.md"] = partial(int, "not a number")
    with pytest.raises(ValueError, match="not a number"):
        write_outputs(
            docs, {"index.md": "new\n"}, executor=LocalExecutor(2), portable=LazyPages(makers)
        )
    assert tree(docs) == before


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }
