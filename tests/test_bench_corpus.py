"""Tests for the synthetic scrape-corpus generator (bench/corpus.py)."""

import html
import itertools
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from bench.corpus import CorpusStats, main, make_corpus, make_story

N = 30
SEED = 7


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, CorpusStats]:
    out = tmp_path_factory.mktemp("corpus")
    return out, make_corpus(out, N, seed=SEED)


def scrape_files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }


def shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def plain(text: str) -> str:
    """File text with HTML entities decoded and quotes straightened, for substring checks."""
    text = html.unescape(text)
    for curly, straight in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(curly, straight)
    return text


def test_same_seed_gives_identical_bytes(corpus, tmp_path):
    out, stats = corpus
    again = make_corpus(tmp_path / "again", N, seed=SEED)
    assert again == stats
    assert scrape_files(tmp_path / "again") == scrape_files(out)
    manifest = "manifest.json"
    assert (tmp_path / "again" / manifest).read_bytes() == (out / manifest).read_bytes()


def test_other_seed_gives_other_corpus(corpus, tmp_path):
    out, _ = corpus
    make_corpus(tmp_path / "other", N, seed=SEED + 1)
    assert scrape_files(tmp_path / "other") != scrape_files(out)


def test_counts_and_layout(corpus):
    out, stats = corpus
    files = scrape_files(out)
    assert stats.scrapes == N == len(files)
    assert stats.bytes == sum(len(b) for b in files.values())
    assert sum(stats.formats.values()) == N
    assert all(stats.formats[f] > 0 for f in ("compact", "spaced", "html")), stats.formats
    for rel in files:
        assert re.fullmatch(r"\d{4}/\d{6}_[a-z]+\.(txt|html)", rel), rel
    assert sum(rel.endswith(".html") for rel in files) == stats.formats["html"]
    for rel, data in files.items():
        text = data.decode("utf-8")
        if rel.endswith(".html"):
            for tag in ("<title>", 'property="og:title"', "article:published_time", "<h1"):
                assert tag in text, (rel, tag)
            assert "<aside" in text and "<footer" in text and "<nav" in text
        else:
            assert "<p>" not in text


def test_manifest_matches_files(corpus):
    out, stats = corpus
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = scrape_files(out)
    assert set(manifest["scrapes"]) == set(files)
    assert manifest["n_scrapes"] == N and manifest["seed"] == SEED
    assert len(manifest["stories"]) == manifest["n_stories"] == stats.stories
    counts = Counter(sid for ids in manifest["scrapes"].values() for sid in ids)
    assert set(counts) == set(manifest["stories"])
    for sid, entry in manifest["stories"].items():
        assert entry["copies"] == counts[sid]
        assert entry["headline"] == make_story(int(sid[1:]), SEED).headline
    for rel, ids in manifest["scrapes"].items():
        assert len(ids) == len(set(ids)) >= 2, rel
        text = plain(files[rel].decode("utf-8"))
        positions = []
        for sid in ids:  # the start of each story's first paragraph, in manifest order
            probe = plain(make_story(int(sid[1:]), SEED).paragraphs[0][:40])
            positions.append(text.find(probe))
        assert -1 not in positions, (rel, ids, positions)
        assert positions == sorted(positions), (rel, ids, positions)


def test_stories_are_reused_across_scrapes(corpus):
    out, stats = corpus
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert max(e["copies"] for e in manifest["stories"].values()) > 1
    # on average a page carries a lead and about three related articles
    assert 3.0 <= sum(e["copies"] for e in manifest["stories"].values()) / N <= 5.0
    assert stats.stories < 4 * N


def test_different_stories_share_few_5grams():
    sets = [shingles(make_story(i, SEED).text) for i in range(20)]
    worst = max(len(a & b) / len(a | b) for a, b in itertools.combinations(sets, 2))
    assert worst < 0.2


def test_story_shape():
    for i in range(20):
        s = make_story(i, SEED)
        assert 3 <= len(s.paragraphs) <= 12
        assert s.headline and not s.headline.endswith(" ")
        for p in s.paragraphs:
            assert 35 <= len(p.split()) <= 160, p


def test_rejects_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="n_scrapes must be a positive integer"):
        make_corpus(tmp_path / "x", 0)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x")
    with pytest.raises(FileExistsError, match="not empty"):
        make_corpus(tmp_path / "full", 3)


def test_cli(tmp_path, capsys):
    out = tmp_path / "cli"
    assert main(["--scrapes", "5", "--out", str(out), "--seed", "3"]) == 0
    stats = make_corpus(tmp_path / "lib", 5, seed=3)
    fmts = " ".join(f"{k}={v}" for k, v in stats.formats.items())
    expected = f"scrapes: 5\nstories: {stats.stories}\nbytes: {stats.bytes}\nformats: {fmts}\n"
    assert capsys.readouterr().out == expected
    assert main(["--scrapes", "5", "--out", str(out)]) == 2
    assert capsys.readouterr().err.startswith("error: output directory is not empty")
