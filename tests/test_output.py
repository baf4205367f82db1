from __future__ import annotations

from pathlib import Path

from generator.output import write_outputs
from generator.render import escape


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
