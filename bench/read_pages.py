"""What reading pages costs: `process_file` (read, segment, head, clean) over synthetic
scrapes, in one process, the second pass timed (the first fills the rules' caches as a
build's workers fill theirs). A change to the rules shows here before it shows in a
whole build.

    python -m bench.read_pages [--pages 600] [--seed 0]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from generator.build import process_file

from .corpus import make_corpus


def read_time(root: Path, pages: int) -> tuple[int, float]:
    """How many pages were read, and the seconds the second pass over them took."""
    files = sorted(p for p in root.rglob("*") if p.suffix in (".txt", ".html", ".md"))[:pages]
    for path in files:
        process_file(path, root)
    start = time.perf_counter()
    for path in files:
        process_file(path, root)
    return len(files), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        make_corpus(root, args.pages, seed=args.seed)
        count, seconds = read_time(root, args.pages)
    print(f"{count} pages read, second pass {seconds:.2f} s")


if __name__ == "__main__":
    main()
