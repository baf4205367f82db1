"""The benchmark's search figures: indexing a built site, and first queries in a real browser.

For a site `bench.run` has built (`ev-digest build`, `mkdocs build`), this times
`ev-digest index` on it and measures the index on disk, then opens the home page in
headless Chromium (Debian's /usr/bin/chromium through Playwright: never a downloaded
browser), served from 127.0.0.1 as GitHub Pages serves the deployed site (text files —
HTML, CSS, JavaScript, JSON — gzipped for a browser that accepts it; Pagefind's index
files, gzipped by Pagefind itself, and its WebAssembly as they are), and enters three
queries into the header's search box, each in a new browser context (an empty cache: a
reader's first query): `/`, then the whole word at once, as a paste (so Pagefind, which
starts loading when the box is focused, gets no typing time to load). For each it records
every byte the browser received from pressing `/` to the first result on screen (the
search code and the index fragments; the page itself was loaded before) and the time from
the box's `input` event to the results in the page, measured inside the page
(`performance.now()`), so it includes the box's debounce and Pagefind's start-up. Each
query is entered `ROUNDS` times, each time in a new context: the figures are the median
time (and the slowest) and the most bytes.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import re
import statistics
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
#: a company of the synthetic corpus's suppliers (bench/corpus.py SUPPLIERS)
COMPANY = "QuantumScape"
#: first queries per word, each in a new browser context (an empty cache)
ROUNDS = 3
#: waits in the page for a result, ms (a failure, not a figure, when it runs out)
TIMEOUT_MS = 60_000

#: run in the page before typing: the time of the box's first `input` event and of the
#: first result added to the list
_CLOCK = """() => {
  const box = document.querySelector(".evd-search__input");
  const list = document.querySelector(".evd-search__results");
  window.__typed = null;
  window.__shown = null;
  box.addEventListener("input", () => { window.__typed ??= performance.now(); }, true);
  new MutationObserver(() => {
    if (list.querySelector(".evd-search__result")) window.__shown ??= performance.now();
  }).observe(list, { childList: true });
}"""


@dataclass
class Query:
    kind: str
    word: str
    #: articles whose title, or whose text, holds the word (from the generated Markdown)
    in_titles: int
    in_texts: int
    status: str  # what the search box says ("123 stories match; the first 10:")
    bytes: int
    requests: int
    first_result_ms: float  # the median of the rounds
    slowest_ms: float


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z'-]{3,}", text.lower()))


def pick_queries(docs: Path) -> list[tuple[str, str, int, int]]:
    """A headline word, a word only in body paragraphs, a company name, with how many
    articles hold each in their title and in their text.

    The headline word is the longest word of the first article's title (by file name);
    the body-only word the longest word of the first article's last paragraph that no
    title, deck or summary on the site holds.
    """
    pages = []
    for path in sorted((docs / "articles").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        pages.append((str(meta["title"]), str(meta.get("summary") or ""), body))
    not_body = set()
    for title, summary, body in pages:
        not_body |= _words(title) | _words(summary)
        deck = re.search(r"\n([^\n]+)\n\{: \.evd-deck \}", body)
        if deck:
            not_body |= _words(deck.group(1))
    headline = max(_words(pages[0][0]), key=lambda w: (len(w), w))
    body_only = next(
        max(candidates, key=lambda w: (len(w), w))
        for _, _, body in pages
        if (candidates := _words(body.strip().split("\n\n")[-1]) - not_body)
    )
    picked = []
    for kind, word in (("headline word", headline), ("body-only word", body_only)):
        picked.append((kind, word, *_holding(pages, word)))
    picked.append(("company", COMPANY, *_holding(pages, COMPANY.lower())))
    return picked


def _holding(pages: list[tuple[str, str, str]], word: str) -> tuple[int, int]:
    titles = sum(word in _words(title) for title, _, _ in pages)
    texts = sum(word in _words(body) for _, _, body in pages)
    return titles, texts


#: the files GitHub Pages compresses (its CDN gzips text types; binary files go as they are)
GZIPPED = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt"}


class _LikeGitHubPages(http.server.SimpleHTTPRequestHandler):
    """A file server that gzips text files for a browser that accepts it, as the CDN in
    front of GitHub Pages does, so the bytes a reader receives are the deployed site's."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.endswith("/"):
            path = path / "index.html"
        if (
            path.suffix not in GZIPPED
            or not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


@functools.lru_cache(maxsize=256)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


@contextmanager
def served(site: Path) -> Iterator[str]:
    """`site` on a file server on 127.0.0.1 (also the browser tests' server); its base URL."""
    handler = functools.partial(_LikeGitHubPages, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def first_queries(site: Path, docs: Path) -> list[Query]:
    """Each query typed into the home page's search box by a reader with an empty cache."""
    from playwright.sync_api import sync_playwright

    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            return [_rounds(browser, base, *picked) for picked in pick_queries(docs)]
        finally:
            browser.close()


def _rounds(browser, base: str, kind: str, word: str, in_titles: int, in_texts: int) -> Query:
    runs = [_first_query(browser, base, kind, word, in_titles, in_texts) for _ in range(ROUNDS)]
    times = sorted(run.first_result_ms for run in runs)
    most = max(runs, key=lambda run: run.bytes)
    return replace(most, first_result_ms=statistics.median(times), slowest_ms=times[-1])


def _first_query(browser, base: str, kind: str, word: str, in_titles: int, in_texts: int) -> Query:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        # (Material fetches the sitemap after the page loads, 1 MB at 5k articles: the
        # page's own, not search's, so the query waits for the page to settle)
        page.goto(base, wait_until="networkidle")
        page.evaluate(_CLOCK)
        started, finished = [], set()
        page.on("request", lambda request: started.append(request))
        page.on("requestfinished", lambda request: finished.add(id(request)))
        page.keyboard.press("/")
        page.keyboard.insert_text(word)
        page.wait_for_function("() => window.__shown !== null", timeout=TIMEOUT_MS)
        requests = [request for request in started if id(request) in finished]
        sizes = [request.sizes() for request in requests]
        return Query(
            kind,
            word,
            in_titles,
            in_texts,
            page.locator(".evd-search__status").inner_text(),
            sum(max(0, s["responseBodySize"]) + max(0, s["responseHeadersSize"]) for s in sizes),
            len(requests),
            shown := page.evaluate("() => window.__shown - window.__typed"),
            shown,
        )
    finally:
        context.close()


def query_table(sites: list[tuple[int, list[Query]]]) -> list[str]:
    """The first queries of sites of so many articles, as results.md prints them."""
    lines = [
        "First queries in headless Chromium (each in a new browser context: an empty cache),"
        " typed into the home page's search box, the site served as GitHub Pages serves it"
        " (text files gzipped): bytes received from pressing `/` to the first result on"
        " screen (the page itself loaded before), and the time from the box's `input` event"
        " to the first result in the page (its 50 ms pause for typing included), the median"
        f" and the slowest of {ROUNDS} rounds:",
        "",
        "| articles | query | word | articles with it in the title / the text | the box says"
        " | received before the first result (kB) | requests"
        " | time to first result, median / slowest (ms) |",
        "|---:|---|---|---:|---|---:|---:|---:|",
    ]
    for articles, queries in sites:
        for q in queries:
            lines.append(
                f"| {articles:,} | {q.kind} | `{q.word}` | {q.in_titles:,} / {q.in_texts:,} |"
                f" {q.status} | {q.bytes / 1e3:.0f} | {q.requests} |"
                f" {q.first_result_ms:.0f} / {q.slowest_ms:.0f} |"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.search PROJECT`: the first queries again on a site the benchmark
    built (bench/work/site-N), without building it again: for a change to the search box."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.search", description=main.__doc__)
    parser.add_argument("project", type=Path, help="a built site's project, bench/work/site-N")
    args = parser.parse_args(argv)
    articles = len(list((args.project / "docs" / "articles").glob("*.md")))
    queries = first_queries(args.project / "site", args.project / "docs")
    print("\n".join(query_table([(articles, queries)])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
