"""The benchmark's own helpers: the file server that serves as GitHub Pages does, the real
pages it adds to a synthetic corpus, and how it reads a build's summary."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

from bench.run import ROOT, parse_summary, real_pages
from bench.search import served

SUMMARY = """Built 12 article pages from 9 files (20 article instances) in 1.0s
  duplicates merged: 8 (5 stories found more than once)
{line}
  docs: 3 written, 40 unchanged, 0 removed
"""


def _get(url: str, encoding: str) -> tuple[bytes, str | None]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request) as response:
        return response.read(), response.headers.get("Content-Encoding")


def test_text_files_are_gzipped_for_a_browser_that_accepts_it(tmp_path: Path) -> None:
    script = "const answer = 42;\n" * 200
    (tmp_path / "index.html").write_text("<p>home</p>" * 50, encoding="utf-8")
    (tmp_path / "app.js").write_text(script, encoding="utf-8")
    index = bytes(range(256)) * 4  # Pagefind's files come gzipped already: sent as they are
    (tmp_path / "words.pf_index").write_bytes(index)
    with served(tmp_path) as base:
        body, encoding = _get(base + "app.js", "gzip, deflate")
        assert encoding == "gzip" and len(body) < len(script) / 10
        assert gzip.decompress(body).decode() == script
        assert _get(base + "app.js", "identity") == (script.encode(), None)
        home, encoding = _get(base, "gzip")
        assert encoding == "gzip" and gzip.decompress(home).startswith(b"<p>home</p>")
        assert _get(base + "words.pf_index", "gzip") == (index, None)


def test_real_pages_are_the_seeds_then_labelled_pages_of_several_corpora() -> None:
    pages = real_pages(8)
    seeds = sorted(p for p in (ROOT / "seeds").iterdir() if p.is_file())
    assert pages[: len(seeds)] == seeds and len(pages) == 8
    labelled = pages[len(seeds) :]
    assert all(p.with_name(p.name.rsplit(".", 1)[0] + ".labels.yaml").is_file() for p in labelled)
    assert len({p.parent for p in labelled}) >= 3
    assert real_pages(2) == seeds[:2]


def test_the_summary_says_whether_and_why_a_build_ran_in_full() -> None:
    full = parse_summary(SUMMARY.format(line="  not incremental: a.txt went away (a build adds)"))
    assert not full["incremental"] and full["full_because"] == "a.txt went away (a build adds)"
    added = parse_summary(SUMMARY.format(line="  incremental: 1 new file added to the last build"))
    assert added["incremental"]
