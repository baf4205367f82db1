"""Build the same docs/ with Zensical and with MkDocs, and check that readers get the same site.

Material for MkDocs reaches end of life in May 2027 and MkDocs 1 is unmaintained; Zensical,
their successor, reads the same `mkdocs.yml`. This script keeps that road open (issue 21):
in a copy of the project it runs `ev-digest build` once, then `mkdocs build` into
`site-mkdocs/` and `zensical build` into `site-zensical/` (from the configuration
`generator/zensical.py` writes: Zensical runs no hooks, so the navigation is written in),
indexes both sites for search with Pagefind (`ev-digest index`) and compares:

- the pages: every page's URL, by section (articles, topics, companies, archive, the
  rest) and every feed under feeds/;
- on every page: its <title> and <h1>, its tabs, its topic chips (with their links), the
  Open Graph, Twitter card and feed tags of its head, and where its content links to (a
  listing's stories, an article's sources and companies);
- search: the pages Pagefind indexed, their titles and text, and, for each article, one
  word found only in its body (not in its title, deck or summary): the articles whose
  indexed text holds it, which is where Pagefind's index finds it.

It prints every difference and exits 1 when there is one, 0 when none; it also prints each
builder's wall time and peak memory (the largest resident size of its process tree's
largest process). Nothing is fetched from the network.

    python scripts/zensical_parity.py [--seeds DIR] [--project DIR] [--keep DIR] [--no-tags]

`--project DIR` builds in that project folder instead of a copy (one `bench` made, say,
with `mkdocs.yml`, `overrides/`, `topics/`, `seeds/` and `docs/`); `--keep DIR` keeps the
copy there. `--no-tags` builds with Zensical without the tags plugin, whose memory
grows far faster than the pages (over 8 GB at 5,000 articles, `bench/results.md`): the
build of a large digest, which then lacks the topic chips and the tags page's listing
(the check lists that). The zensical command is `$ZENSICAL`, else the one beside this
Python, else the one on PATH.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.curation import load_curation  # noqa: E402
from generator.ledger import LEDGER_FILE  # noqa: E402
from generator.output import read_manifest  # noqa: E402
from generator.search import index_site, indexed_pages  # noqa: E402
from generator.zensical import site_nav, write_zensical_config  # noqa: E402

SECTIONS = ("articles", "topics", "companies", "archive")
#: body-only words checked in the search indexes, one per article, at most
SEARCH_WORDS = 200
#: a base to resolve links against (they are compared from the site's root)
SITE = "http://site/"
WORD = re.compile(r"[A-Za-z][a-z]{5,}")


@dataclass
class Built:
    """A builder's run: where its site is, how long it took and its peak memory (MB)."""

    name: str
    site: Path
    seconds: float
    peak_mb: float


# -- the project and the two builds --------------------------------------------------------


def copy_project(dest: Path, seeds: Path) -> Path:
    """The project's configuration, theme, curation and hand-written pages, over `seeds`."""
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest)
    if seeds.resolve() == (ROOT / "seeds").resolve():  # (the ledger of these seeds)
        shutil.copy(ROOT / LEDGER_FILE, dest)
    generated = read_manifest(ROOT / "docs")

    def skip(folder: str, names: list[str]) -> set[str]:
        rel = Path(folder).relative_to(ROOT / "docs")
        return {n for n in names if n.startswith(".evdigest") or (rel / n).as_posix() in generated}

    shutil.copytree(ROOT / "docs", dest / "docs", ignore=skip)
    for name in ("overrides", "topics"):
        shutil.copytree(ROOT / name, dest / name)
    (dest / "seeds").symlink_to(seeds.resolve(), target_is_directory=True)
    # mkdocs.yml names its hook by the path generator/mkdocs_hook.py
    (dest / "generator").symlink_to(ROOT / "generator", target_is_directory=True)
    return dest


def timed(name: str, cmd: list[str], cwd: Path, site: Path) -> Built:
    """Run a builder; its wall time and the peak resident size of its largest process."""
    # (the hook in mkdocs.yml imports this checkout's generator package)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed:\n{log.read()}")
    return Built(name, site, seconds, usage.ru_maxrss / 1024)


def zensical_command() -> str:
    beside = Path(sys.executable).parent / "zensical"
    found = os.environ.get("ZENSICAL") or (str(beside) if beside.is_file() else None)
    found = found or shutil.which("zensical")
    if not found:
        raise SystemExit(
            "zensical is not installed: pip install -e '.[zensical]' (or set ZENSICAL)"
        )
    return found


def build_both(project: Path, tags: bool) -> tuple[Built, Built]:
    """`ev-digest build`, then each builder on the docs/ it made, then `ev-digest index` on
    each site: `make site`'s steps, with the builder swapped."""
    docs = project / "docs"
    generated = subprocess.run(
        [sys.executable, "-m", "generator", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if generated.returncode != 0:
        raise SystemExit(f"ev-digest build failed:\n{generated.stdout}{generated.stderr}")
    print(f"ev-digest build: {generated.stdout.splitlines()[0]}", flush=True)
    config = write_zensical_config(
        project / "mkdocs.yml",
        site_nav(load_curation(project / "topics").topics, docs),
        "site-zensical",
        project / "zensical.yml",
        tags=tags,
    )
    mkdocs = Path(sys.executable).parent / "mkdocs"
    built_mkdocs = timed(
        "MkDocs",
        [str(mkdocs), "build", "--quiet", "--site-dir", "site-mkdocs"],
        project,
        project / "site-mkdocs",
    )
    built_zensical = timed(
        "Zensical",
        [zensical_command(), "build", "--clean", "--config-file", config.name],
        project,
        project / "site-zensical",
    )
    for built in (built_mkdocs, built_zensical):
        index_site(built.site)
    return built_mkdocs, built_zensical


# -- what a reader gets ----------------------------------------------------------------------


def pages(site: Path) -> dict[str, set[str]]:
    """Page URLs ("articles/x/") by section, and the feeds ("feeds/all.xml")."""
    found: dict[str, set[str]] = {}
    for page in site.rglob("index.html"):
        url = page.parent.relative_to(site).as_posix()
        if url.split("/")[0] in ("pagefind", "assets"):
            continue
        url = "" if url == "." else url + "/"
        section = url.split("/")[0] if url.split("/")[0] in SECTIONS else "other pages"
        found.setdefault(section, set()).add(url)
    found["feeds"] = {p.relative_to(site).as_posix() for p in (site / "feeds").rglob("*.xml")}
    found["feeds"] -= {f for f in found["feeds"] if f.endswith("sitemap.xml")}
    return found


class _Heads(HTMLParser):
    """What a page shows of itself: the text of its <title>, of its first <h1> (its
    permalink left out), its tabs and topic chips; the Open Graph, Twitter card and
    article tags and the feeds its head links."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.text: dict[str, str] = {"title": "", "h1": ""}
        self.tabs: list[str] = []
        self.chips: list[str] = []
        self.head: list[str] = []
        self._in: list[str] = []  # the elements whose text is being read
        self._seen: set[str] = set()
        self.chips_above = 0  # how many topic chips come before the <h1>
        self.links: set[str] = set()  # where the page's content links to
        self._article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if tag == "article":
            self._article = True
        elif tag == "a" and self._article and "headerlink" not in classes and found.get("href"):
            self.links.add(self.link(found["href"]))
        if tag in ("title", "h1") and tag not in self._seen:  # (an SVG chart has titles)
            self._seen.add(tag)
            self.chips_above = len(self.chips)
            self._in.append(tag)
        elif tag == "a" and "headerlink" in classes:
            self._in.append("")
        elif tag == "a" and ("md-tabs__link" in classes or "md-tag" in classes):
            listed = self.tabs if "md-tabs__link" in classes else self.chips
            listed.append(f" -> {self.link(found.get('href'))}")
            self._in.append("tab" if listed is self.tabs else "chip")
        elif tag == "meta" and (found.get("property") or found.get("name") or "").startswith(
            ("og:", "twitter:", "article:")
        ):
            self.head.append(f"{found.get('property') or found.get('name')}={found.get('content')}")
        elif tag == "link" and found.get("rel") == "alternate":
            self.head.append(f"feed {found.get('title')} -> {self.link(found.get('href'))}")
        elif self._in and tag not in ("br", "img", "meta", "link", "input"):
            self._in.append(self._in[-1])

    def link(self, href: str | None) -> str:
        """Where a link leads, from the site's root: builders spell one link differently
        ("./.." and ".." from /about/)."""
        return urljoin(f"{SITE}{self.url}", href or "").removeprefix(SITE)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._article = False
        if self._in:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        kind = self._in[-1] if self._in else ""
        if kind in self.text:
            self.text[kind] += data
        elif kind in ("tab", "chip"):
            listed = self.tabs if kind == "tab" else self.chips
            listed[-1] = data + listed[-1]

    def shown(self) -> dict[str, object]:
        """The parts to compare, whitespace squeezed."""
        return {
            "<title>": squeeze(self.text["title"]),
            "<h1>": squeeze(self.text["h1"]),
            "tabs": [squeeze(tab) for tab in self.tabs],
            "topic chips": [squeeze(chip) for chip in self.chips],
            "topic chips above the <h1>": self.chips_above,
            "head tags": self.head,
            "links in the content": sorted(self.links),
        }


def shown(site: Path, url: str) -> dict[str, object]:
    parser = _Heads(url)
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return parser.shown()


def squeeze(text: str) -> str:
    return " ".join(text.split())


def body_only_words(docs: Path) -> dict[str, str]:
    """For each article (by URL, at most SEARCH_WORDS of them): a word of its body's last
    paragraph that its title, deck and summary do not hold."""
    words: dict[str, str] = {}
    for path in sorted((docs / "articles").glob("*.md")):
        _, meta, body = path.read_text(encoding="utf-8").split("---\n", 2)
        head = meta + body.split("\n\n", 3)[0]  # front-matter (title, summary), the h1
        paragraphs = [p for p in body.split("\n\n") if p.strip() and not p.startswith(" ")]
        seen = {w.lower() for w in WORD.findall(head)}
        found = [w for w in WORD.findall(paragraphs[-1]) if w.lower() not in seen]
        if found:
            words[f"/articles/{path.stem}/"] = found[-1].lower()
        if len(words) == SEARCH_WORDS:
            break
    return words


def searchable(site: Path) -> dict[str, tuple[str, str, set[str]]]:
    """Each indexed page's URL: its title, its indexed text and that text's words."""
    found = {}
    for page in indexed_pages(site / "pagefind"):
        content = squeeze(page["content"])
        found[page["url"]] = (
            page["meta"].get("title", ""),
            content,
            set(re.findall(r"[a-z]+", content.lower())),
        )
    return found


# -- the comparison ------------------------------------------------------------------------


#: a difference: what kind it is (for the tally), and the line that says it exactly
Difference = tuple[str, str]


def compare(docs: Path, mkdocs: Path, zensical: Path) -> list[Difference]:
    """Every difference a reader would meet (empty: the sites agree)."""
    differences: list[Difference] = []
    ours, theirs = pages(mkdocs), pages(zensical)
    for section in sorted(set(ours) | set(theirs)):
        a, b = ours.get(section, set()), theirs.get(section, set())
        for url in sorted(a - b):
            differences.append(
                (f"{section} only in MkDocs", f"{section}: /{url} only in the MkDocs site")
            )
        for url in sorted(b - a):
            differences.append(
                (f"{section} only in Zensical", f"{section}: /{url} only in the Zensical site")
            )
    common = set().union(*ours.values()) & set().union(*theirs.values())
    for url in sorted(u for u in common if u.endswith("/") or u == ""):
        a, b = shown(mkdocs, url), shown(zensical, url)
        for what in a:
            if a[what] != b[what]:
                line = f"/{url}: {what} {a[what]!r} (MkDocs) != {b[what]!r} (Zensical)"
                differences.append((what, line))
    return differences + compare_search(docs, searchable(mkdocs), searchable(zensical))


def compare_search(docs: Path, ours: dict, theirs: dict) -> list[Difference]:
    differences: list[Difference] = []
    for url in sorted(set(ours) - set(theirs)):
        differences.append(
            ("search: indexed only in MkDocs", f"search: {url} indexed only in the MkDocs site")
        )
    for url in sorted(set(theirs) - set(ours)):
        differences.append(
            ("search: indexed only in Zensical", f"search: {url} indexed only in the Zensical site")
        )
    for url in sorted(set(ours) & set(theirs)):
        (title, text, _), (other_title, other_text, _) = ours[url], theirs[url]
        if title != other_title:
            line = f"search: {url} titled {title!r} (MkDocs) != {other_title!r} (Zensical)"
            differences.append(("search: title", line))
        if text != other_text:
            at = len(os.path.commonprefix([text, other_text]))
            line = (
                f"search: {url} indexed text differs at character {at}:"
                f" {text[max(0, at - 30) : at + 40]!r} (MkDocs)"
                f" != {other_text[max(0, at - 30) : at + 40]!r} (Zensical)"
            )
            differences.append(("search: indexed text", line))
    words = body_only_words(docs)
    if not words:
        differences.append(
            ("search: body-only word", "search: no article has a body-only word to look for")
        )
    for url, word in words.items():
        a = {u for u, (_, _, found) in ours.items() if word in found}
        b = {u for u, (_, _, found) in theirs.items() if word in found}
        if url not in a or a != b:
            line = (
                f"search: {word!r} (only in the body of {url}) finds {sorted(a)} (MkDocs)"
                f" != {sorted(b)} (Zensical)"
            )
            differences.append(("search: body-only word", line))
    return differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="the scrapes")
    parser.add_argument("--project", type=Path, help="build in this project folder, not a copy")
    parser.add_argument("--keep", type=Path, help="make the copy here and keep it")
    parser.add_argument(
        "--no-tags",
        action="store_true",
        help="Zensical without the tags plugin (which a site of thousands of pages needs)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="zensical-parity-") as temp:
        if args.project:
            project = args.project.resolve()
        else:
            project = copy_project(args.keep or Path(temp) / "project", args.seeds)
        built = build_both(project, tags=not args.no_tags)
        for run in built:
            print(
                f"{run.name}: {run.seconds:.1f} s, peak memory {run.peak_mb:,.0f} MB ({run.site})"
            )
        articles = len(pages(built[0].site).get("articles", ()))
        differences = compare(project / "docs", built[0].site, built[1].site)
    for _, line in differences:
        print(line)
    if differences:
        print(f"parity: {len(differences)} differences between the MkDocs and Zensical sites:")
        for kind, count in Counter(kind for kind, _ in differences).most_common():
            print(f"  {kind}: {count}")
        return 1
    print(f"parity: the MkDocs and Zensical sites agree ({articles} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
