"""Stress: 2,000 synthetic scrapes, a tenth of them corrupted; every good article comes through.

Not timed (bench/ measures speed), but kept to about a minute so it runs in
`make test`; `-m "not stress"` leaves it out of a quick run, and
EVDIGEST_STRESS_SCRAPES sets the size.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from generator.build import BuildOptions, build, report
from generator.text import normalize

SCRAPES = int(os.environ.get("EVDIGEST_STRESS_SCRAPES", "2000"))
CORRUPTED = 0.10
SEED = 11

pytestmark = pytest.mark.stress


def corrupt(path: Path, how: str, rng: random.Random) -> None:
    data = path.read_bytes()
    if how == "empty":
        path.write_bytes(b"")
    elif how == "binary":
        path.write_bytes(rng.randbytes(len(data)))
    elif how == "nul":
        path.write_bytes(b"\x00" * len(data))
    elif how == "truncated":
        path.write_bytes(data[: rng.randrange(len(data) // 3)])
    elif how == "bit-rot":  # a few hundred random bytes overwritten
        spoiled = bytearray(data)
        for _ in range(300):
            spoiled[rng.randrange(len(spoiled))] = rng.randrange(256)
        path.write_bytes(bytes(spoiled))
    elif how == "control-characters":
        path.write_bytes(bytes(b if rng.random() > 0.3 else rng.randrange(1, 9) for b in data))
    elif how == "mojibake":
        path.write_bytes(data.decode("utf-8").encode("utf-8").decode("cp1252", "replace").encode())
    else:  # "huge": past the size limit
        with path.open("ab") as handle:
            handle.truncate(17 * 2**20)


KINDS = ["empty", "binary", "nul", "truncated", "bit-rot", "control-characters", "mojibake", "huge"]
UNREADABLE = {"empty", "binary", "nul", "control-characters", "huge"}


class Stress:
    """The stress build and the ground truth around it."""

    def __init__(self, folder: Path):
        from bench.corpus import make_corpus, make_story

        seeds = folder / "seeds"
        make_corpus(seeds, SCRAPES, seed=SEED)
        self.manifest = json.loads((seeds / "manifest.json").read_text(encoding="utf-8"))
        (seeds / "manifest.json").rename(folder / "manifest.json")
        rng = random.Random(SEED)
        scrapes = sorted(self.manifest["scrapes"])
        chosen = rng.sample(scrapes, k=int(len(scrapes) * CORRUPTED))
        self.bad = {rel: KINDS[k % len(KINDS)] for k, rel in enumerate(chosen)}
        for rel, how in self.bad.items():
            corrupt(seeds / rel, how, rng)
        self.docs = folder / "docs"
        self.result = build(
            BuildOptions(
                seeds=seeds,
                topics=folder / "topics",
                docs=self.docs,
                report=folder / "report.json",
                use_cache=False,
            )
        )
        self.good = {sid for rel in scrapes if rel not in self.bad for sid in self.manifest["scrapes"][rel]}  # fmt: skip
        titles = {normalize(a.title) for a in self.result.articles}
        bodies = "\n".join(
            normalize(" ".join(b.text for b in a.blocks)) for a in self.result.articles
        )
        #: good stories that are no article: neither by headline nor by opening words (a
        #: copy printed without its headline gets a derived title)
        self.missing: dict[str, tuple[str, str]] = {}
        for sid in sorted(self.good):
            if normalize(self.manifest["stories"][sid]["headline"]) in titles:
                continue
            story = make_story(int(sid[1:]), SEED)
            opening = " ".join(normalize(story.paragraphs[0]).split()[:12])
            if opening not in bodies:
                self.missing[sid] = (story.headline, opening)


@pytest.fixture(scope="module")
def stress(tmp_path_factory: pytest.TempPathFactory) -> Stress:
    return Stress(tmp_path_factory.mktemp("stress"))


def test_stress_build_skips_each_unreadable_file_and_nothing_else(stress: Stress) -> None:
    skipped = {s.source: s.reason for s in stress.result.skipped}
    for rel, how in stress.bad.items():
        if how in UNREADABLE:
            assert rel in skipped, (rel, how)
    assert set(skipped) <= set(stress.bad), {r: skipped[r] for r in set(skipped) - set(stress.bad)}
    assert not any(r.startswith("could not process") for r in skipped.values()), skipped
    pages = list((stress.docs / "articles").glob("*.md"))
    assert len(pages) == len(stress.result.articles) >= len(stress.good)
    assert json.dumps(report(stress.result), ensure_ascii=False)  # the report can be written


def test_stress_build_loses_no_good_story_silently(stress: Stress) -> None:
    """A good story that is no article was dropped with a rule the report gives."""
    dropped = "\n".join(normalize(d.text) for d in stress.result.dropped)
    silent = {
        sid: headline
        for sid, (headline, opening) in stress.missing.items()
        if normalize(headline) not in dropped and opening not in dropped
    }
    assert not silent, (
        f"{len(silent)} good stories lost without a trace: {list(silent.items())[:5]}"
    )


def test_stress_build_keeps_every_good_story(stress: Stress) -> None:
    missing = stress.missing
    assert not missing, f"{len(missing)} of {len(stress.good)} good stories missing: " + str(
        [headline for headline, _ in missing.values()][:5]
    )
