"""Bad seed files never stop a build: each is read where it can be, else skipped with a reason.

Every bad file is made here, at test time, in a temporary folder: nothing
binary or huge is committed.
"""

from __future__ import annotations

import codecs
import html
import json
import os
import random
import shutil
import time
import tracemalloc
from html.parser import HTMLParser
from pathlib import Path

import pytest

import generator.build as build_module
from generator.build import BuildOptions, build, process_file
from generator.html_reader import read_html
from generator.ingest import MAX_FILE_BYTES, decode, discover, read_document
from generator.model import Document, Skipped

from .conftest import read_page, run_cli

PARAGRAPHS = [
    "The carmaker said on Tuesday that it would add a third shift at the plant, raising output "
    "of the compact crossover to about 5,000 vehicles a week by the end of the year.",
    "Analysts expect the move to lift margins, although the company warned that battery costs "
    "remain high and that suppliers are still struggling to keep up with demand.",
    "The plant employs about 11,000 people and is the company's largest outside its home "
    "market, according to a filing with the local regulator published last month.",
]


VOCABULARY = (
    "battery plant shift output margin supplier demand cell charger network fleet lease "
    "price factory engineer robot software update recall range motor inverter cathode "
    "lithium nickel grid storage truck van sedan crossover dealer order quarter target"
).split()


def story(n: int, words: str = "") -> str:
    """A plain-text scrape of one article with its own headline and a body no other story shares."""
    rng = random.Random(n)
    body = [
        " ".join([f"Paragraph {k} of story {n}:", *rng.choices(VOCABULARY, k=30)]).capitalize()
        + f" {words}".rstrip()
        + "."
        for k in range(3)
    ]
    return "\n".join([f"Automaker number {n} expands production at its main plant", *body]) + "\n"


def body_text(result) -> str:
    return "\n".join(block.text for inst in result.instances for block in inst.blocks)


def read(path: Path, root: Path) -> Document:
    doc = read_document(path, root)
    assert isinstance(doc, Document), doc
    return doc


def text_of(doc: Document) -> str:
    return "\n".join(line.text for line in doc.lines)


# --- encodings -----------------------------------------------------------------------

WESTERN = "Citroën’s ë-C4 “arrives” in Zürich — from €30,000; Señor Müller in Köln."


LATIN = "Café Señor Müller, Köln: große Nachfrage."
CYRILLIC = "Тесла объявила о новом заводе в Берлине."
JAPANESE = "テスラは新しい工場を発表しました。"


@pytest.mark.parametrize(
    "data,expected",
    [
        (WESTERN.encode(), WESTERN),
        (codecs.BOM_UTF8 + WESTERN.encode(), WESTERN),
        (codecs.BOM_UTF16_LE + WESTERN.encode("utf-16-le"), WESTERN),
        (codecs.BOM_UTF16_BE + WESTERN.encode("utf-16-be"), WESTERN),
        (WESTERN.encode("utf-16-le"), WESTERN),  # no byte-order mark
        (WESTERN.encode("utf-16-be"), WESTERN),
        (WESTERN.encode("utf-32"), WESTERN),
        (WESTERN.encode("cp1252"), WESTERN),
        (LATIN.encode("latin-1"), LATIN),
        (CYRILLIC.encode("cp1251"), CYRILLIC),
        (JAPANESE.encode("shift_jis"), JAPANESE),
        (WESTERN.encode() + " and caf\xe9".encode("cp1252"), WESTERN + " and café"),  # mixed
        (WESTERN.encode() + "€".encode()[:2], WESTERN),  # cut in the middle of a character
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf16le",
        "utf16be",
        "utf32",
        "cp1252",
        "latin1",
        "cp1251",
        "shift-jis",
        "utf8-with-cp1252",
        "truncated",
    ],  # fmt: skip
)
def test_encodings_are_detected(data: bytes, expected: str) -> None:
    text, problem = decode(data)
    assert problem is None and text is not None
    assert text.rstrip("\ufffd€â‚¬") == expected


def test_mojibake_is_repaired() -> None:
    broken = "Tesla’s Model Y — “best seller” in São Paulo, café".encode().decode(
        "cp1252", "replace"
    )
    assert "â€" in broken
    text, _ = decode(broken.encode("utf-8"))
    assert text == "Tesla’s Model Y — “best seller” in São Paulo, café"
    # text that only looks a little like mojibake is left alone
    assert decode("Ã la carte: 2 × 3 â la mode".encode())[0] == "Ã la carte: 2 × 3 â la mode"


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty file"),
        (b" \n\t\r\n  ", "empty file"),
        (b"\x00" * 4096, "empty file (only NUL bytes)"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary file (PNG image)"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 8, "binary file (PDF document)"),
        (random.Random(1).randbytes(20_000), "binary file"),
        (bytes(range(1, 32)) * 400, "binary file"),
    ],
)
def test_unreadable_bytes_give_a_reason(data: bytes, reason: str) -> None:
    text, problem = decode(data)
    assert text is None and problem is not None and problem.startswith(reason)


def test_nul_bytes_and_control_characters_are_removed() -> None:
    text, _ = decode(b"Tesla\x00 ships\x07 the\x1b Semi\x00\x00.\r\nNext line\rthird")
    assert text == "Tesla ships the Semi.\nNext line\nthird"


# --- size and shape --------------------------------------------------------------------


def test_a_50_mb_file_is_skipped_quickly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = (PARAGRAPHS[0] + "\n").encode()
    with big.open("wb") as handle:
        handle.write(line * (50 * 2**20 // len(line) + 1))
    assert big.stat().st_size > 50 * 2**20 > MAX_FILE_BYTES
    start = time.process_time()  # CPU time: the machine's load does not change it much
    result = process_file(big, tmp_path)
    assert time.process_time() - start < 2  # reading and cleaning 50 MB takes minutes
    assert result.skipped is not None
    assert result.skipped.source == "big.txt"
    assert result.skipped.reason.startswith("file too large (50.0 MiB")


def test_a_single_1_mb_line_is_read_whole(tmp_path: Path) -> None:
    sentences = [
        f"Sentence {i} says the plant builds cars in shift {i % 3}." for i in range(20_000)
    ]
    line = " ".join(sentences)[: 2**20]
    (tmp_path / "one-line.txt").write_text(line, encoding="utf-8")
    doc = read(tmp_path / "one-line.txt", tmp_path)
    assert len(doc.lines) > 40 and all(len(x.text) <= 20_000 for x in doc.lines)
    assert {x.number for x in doc.lines} == {1}
    assert " ".join(x.text for x in doc.lines) == line.strip()
    result = process_file(tmp_path / "one-line.txt", tmp_path)
    assert result.skipped is None and result.instances
    kept = body_text(result)
    assert "Sentence 0 says" in kept and sentences[15_000] in kept


def test_a_long_line_without_spaces_is_cut_not_lost(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("Intro line here.\n" + "x" * 45_000 + "\n", encoding="utf-8")
    doc = read(tmp_path / "x.txt", tmp_path)
    assert "".join(x.text for x in doc.lines[1:]) == "x" * 45_000


@pytest.mark.parametrize(
    "html,reason",
    [
        ("<html><head><title>Only a title</title></head></html>", "no article"),
        ("<script>var a = 1;</script><style>p { color: red }</style>", "no text lines"),
        ("<html><body><nav>Home News</nav><footer>(c) 2025</footer></body></html>", "no text"),
        ("<!-- nothing but a comment -->", "no text lines"),
    ],
)
def test_html_without_text_is_an_empty_page_with_a_reason(
    tmp_path: Path, html: str, reason: str
) -> None:
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    result = process_file(tmp_path / "page.html", tmp_path)
    assert result.skipped is None and not result.instances
    assert result.empty_reason is not None and result.empty_reason.startswith(reason)


@pytest.mark.parametrize(
    "shape",
    ["<div>" * 20_000 + "{body}" + "</div>" * 20_000, "<div><b>" * 3_000 + "{body}"],
)
def test_deeply_nested_html_is_read(tmp_path: Path, shape: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = f"<html><head><title>Automaker expands production at its main plant</title></head><body>{shape.format(body=body)}</body></html>"
    (tmp_path / "deep.html").write_text(html, encoding="utf-8")
    result = process_file(tmp_path / "deep.html", tmp_path)
    assert result.skipped is None
    assert [i.headline for i in result.instances] == [
        "Automaker expands production at its main plant"
    ]
    assert [b.text for b in result.instances[0].blocks] == PARAGRAPHS


def test_thousands_of_unclosed_paragraphs_are_read(tmp_path: Path) -> None:
    html = "<body><h1>Automaker expands production</h1>" + "".join(
        f"<p>{p} Part {i}." for i in range(1_000) for p in PARAGRAPHS[:1]
    )
    (tmp_path / "sloppy.html").write_text(html, encoding="utf-8")
    doc = read(tmp_path / "sloppy.html", tmp_path)
    assert len(doc.lines) == 1_001 and doc.lines[-1].text.endswith("Part 999.")


PATHOLOGICAL_LINES = {
    "brackets": "[" * 19_000,
    "images": "![" * 9_000,
    "links": "[a](" * 4_000,
    "emphasis": "*a " * 6_000,
    "strong": "**a " * 5_000,
    "underscores": "_a " * 6_000,
    "markup": "*_[](){}!#<>&" * 1_400,
    "credit": "(" * 9_000 + "Credit:",
    "byline": "By " + "Abc " * 4_000,
    "no-spaces": "a" * 19_999,
}


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_pathological_lines_are_read_in_linear_time(tmp_path: Path, suffix: str) -> None:
    """Regexes that rescan the rest of the line from every position would take minutes here."""
    for name, line in PATHOLOGICAL_LINES.items():
        path = tmp_path / f"{name}{suffix}"
        path.write_text(f"Headline of a test page here\n{line}\nThe end.\n", encoding="utf-8")
        start = time.process_time()  # CPU time: the machine's load does not change it much
        result = process_file(path, tmp_path)
        assert time.process_time() - start < 5, name
        assert result.skipped is None, (name, result.skipped)


def test_private_use_characters_survive_markdown_unescaping(tmp_path: Path) -> None:
    # icon fonts put glyphs at U+E000…, where escaped characters were once hidden
    html = "<p>Range \ue000 and \ue02a icons, 5* rating</p>"  # markdownify escapes the *
    assert [x.text for x in read_html("x.html", html).lines] == [
        "Range \ue000 and \ue02a icons, 5* rating"
    ]
    (tmp_path / "x.md").write_text("Glyph \ue02a then \\*stars\\*\n", encoding="utf-8")
    assert [x.text for x in read(tmp_path / "x.md", tmp_path).lines] == [
        "Glyph \ue02a then *stars*"
    ]


def test_control_characters_beside_removed_chrome_stay_text() -> None:
    # libxml2 lets control characters into text that lxml would refuse to have written
    # back: the text after a removed element must stay where it is without that
    html = "<p>a\x1fb</p><nav>Menu</nav>\x1fafter the menu<div class='share'>x</div>\x0bend"
    doc = read_html("x.html", html)
    text = " ".join(line.text for line in doc.lines)
    assert "a" in text and "after the menu" in text and "end" in text
    assert [d.rule for d in doc.dropped] == ["html-nav", "html-chrome"]


def test_absurd_json_ld_is_ignored() -> None:
    for data in ("[" * 100_000 + "]" * 100_000, '{"@graph":' * 5_000 + "{}" + "}" * 5_000):
        html = f'<head><script type="application/ld+json">{data}</script></head><p>Body text.</p>'
        doc = read_html("x.html", html)
        assert [line.text for line in doc.lines] == ["Body text."]


def test_front_matter_bombs_and_bad_values_are_ignored(tmp_path: Path) -> None:
    bomb = ["---", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for k in range(1, 9):  # 9**9 items once expanded
        bomb.append(f"b{k}: &b{k} [" + ", ".join([f"*{'a' if k == 1 else f'b{k - 1}'}"] * 9) + "]")
    bomb += ["title: *b8", "---"]
    for header in (bomb, ["---", "date: 2025-13-45", "---"], ["---", "t: " + "[" * 5000, "---"]):
        (tmp_path / "page.md").write_text("\n".join([*header, story(1)]), encoding="utf-8")
        # expanding the bomb would take gigabytes; memory, unlike time, does not
        # depend on how busy the machine is
        tracemalloc.start()
        try:
            result = process_file(tmp_path / "page.md", tmp_path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 64 * 2**20
        assert result.skipped is None and result.instances


# --- folders and links ----------------------------------------------------------------------


def test_deeply_nested_folders_are_walked(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    folder = seeds
    for _ in range(400):  # deeper than Python's recursion limit allows a recursive walk
        folder = folder / "d"
    folder.mkdir(parents=True)
    (folder / "deep.txt").write_text(story(1), encoding="utf-8")
    paths, skipped = discover(seeds)
    assert [p.name for p in paths] == ["deep.txt"] and skipped == []


def test_links_pipes_and_odd_names(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    (seeds / "day1").mkdir(parents=True)
    (seeds / "day1" / "a.txt").write_text(story(1), encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "secret.txt", seeds / "outside.txt")
    os.symlink(tmp_path / "elsewhere", seeds / "outside-folder")
    os.symlink(seeds, seeds / "day1" / "loop")
    os.symlink(seeds / "day1", seeds / "alias")
    os.symlink(seeds / "day1" / "a.txt", seeds / "same.txt")
    os.symlink(seeds / "missing.txt", seeds / "broken.txt")
    os.symlink(seeds / "ping.txt", seeds / "pong.txt")
    os.symlink(seeds / "pong.txt", seeds / "ping.txt")
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "bad\nname.txt").write_text(story(2), encoding="utf-8")
    (seeds / ".hidden.txt").write_text(story(3), encoding="utf-8")
    paths, skipped = discover(seeds)
    assert [p.relative_to(seeds).as_posix() for p in paths] == ["day1/a.txt"]
    reasons = {s.source: s.reason for s in skipped}
    assert reasons == {
        "alias/": "link to the folder day1/ inside the seeds folder (read there)",
        "bad\\nname.txt": "file name has control characters",
        "broken.txt": "broken link (its target does not exist, or links loop)",
        "day1/loop/": "link loop (points to a folder that contains it)",
        "outside-folder/": "link points outside the seeds folder",
        "outside.txt": "link points outside the seeds folder",
        "ping.txt": "broken link (its target does not exist, or links loop)",
        "pipe.txt": "not a regular file (a pipe, socket or device)",
        "pong.txt": "broken link (its target does not exist, or links loop)",
        "same.txt": "same file as day1/a.txt (a link to it)",
    }


def test_a_link_to_a_file_inside_the_seeds_is_read(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    (seeds / ".archive").mkdir(parents=True)
    (seeds / ".archive" / "old.txt").write_text(story(1), encoding="utf-8")
    os.symlink(seeds / ".archive" / "old.txt", seeds / "old.txt")
    paths, skipped = discover(seeds)
    assert paths == [seeds / "old.txt"] and skipped == []
    assert process_file(paths[0], seeds).instances


# --- a stage that fails ----------------------------------------------------------------------


def test_a_stage_that_raises_skips_only_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for n in range(3):
        (seeds / f"{n}.txt").write_text(story(n, "trigger" if n == 1 else ""), encoding="utf-8")
    real_segment = build_module.segment

    def failing_segment(doc):
        if doc.source == "1.txt":
            raise ValueError("boom\nsecond line")
        return real_segment(doc)

    monkeypatch.setattr(build_module, "segment", failing_segment)
    result = process_file(seeds / "1.txt", seeds)
    assert result.skipped is not None and result.skipped.source == "1.txt"
    assert result.skipped.reason.startswith("could not process: ValueError: boom second line (at ")
    assert "in failing_segment)" in result.skipped.reason
    built = build(
        BuildOptions(
            seeds=seeds, topics=tmp_path / "topics", docs=tmp_path / "docs", use_cache=False
        )
    )
    assert [s.source for s in built.skipped] == ["1.txt"]
    assert len(built.articles) == 2


# --- the whole build -----------------------------------------------------------------------------


def make_bad_seeds(seeds: Path) -> dict[str, str]:
    """A seeds folder with good stories and every kind of bad file; returns {bad file: reason}."""
    seeds.mkdir(parents=True)
    for n in range(3):
        (seeds / f"good-{n}.txt").write_text(story(n), encoding="utf-8")
    (seeds / "good-cp1252.txt").write_bytes(story(10, "Zürich café €").encode("cp1252"))
    (seeds / "good-utf16.txt").write_bytes(story(11, "Köln").encode("utf-16"))
    (seeds / "good-nul.txt").write_bytes(story(12).encode().replace(b" ", b" \x00", 5))
    deep = seeds.joinpath(*["nest"] * 60)
    deep.mkdir(parents=True)
    (deep / "good-deep.txt").write_text(story(13), encoding="utf-8")
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "binary.txt").write_bytes(random.Random(7).randbytes(4096))
    (seeds / "nul.txt").write_bytes(b"\x00" * 100)
    (seeds / "notes.pdf").write_bytes(b"%PDF-1.4")
    (seeds / "only-scripts.html").write_text("<script>x()</script>", encoding="utf-8")
    with (seeds / "huge.txt").open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    (tmp := seeds.parent / "outside.txt").write_text("secret", encoding="utf-8")
    os.symlink(tmp, seeds / "outside.txt")
    os.symlink(seeds, seeds / "loop")
    return {
        "empty.txt": "empty file",
        "binary.txt": "binary file",
        "nul.txt": "empty file",
        "notes.pdf": "unsupported file type",
        "huge.txt": "file too large",
        "outside.txt": "link points outside",
        "loop/": "link loop",
        "only-scripts.html": "no text lines",
    }


def test_cli_build_with_bad_seeds_succeeds_and_reports_each(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    bad = make_bad_seeds(seeds)
    args = ["build", "--seeds", str(seeds), "--topics", str(tmp_path / "topics")]
    args += ["--docs", str(tmp_path / "docs"), "--report", str(tmp_path / "report.json")]
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr + done.stdout
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    reasons = {s["source"]: s["reason"] for s in report["skipped"]}
    reasons |= {p["source"]: p["reason"] for p in report["empty_pages"]}
    for source, reason in bad.items():
        assert reasons.get(source, "").startswith(reason), (source, reasons.get(source))
        assert "\n" not in reasons[source]
        assert source in done.stdout  # the summary names every file it skipped
    assert report["summary"]["articles"] == 7
    titles = {read_page(p)[0]["title"] for p in (tmp_path / "docs" / "articles").glob("*.md")}
    assert titles == {f"Automaker number {n} expands production at its main plant" for n in (0, 1, 2, 10, 11, 12, 13)}  # fmt: skip
    cp1252 = next((tmp_path / "docs" / "articles").glob("automaker-number-10-*.md"))
    assert "Zürich café €" in cp1252.read_text(encoding="utf-8")
    strict = run_cli(*args, "--strict")
    assert strict.returncode == 1
    assert "--strict" in strict.stderr


def test_skip_reasons_name_the_file_on_one_line(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    make_bad_seeds(seeds)
    paths, skipped = discover(seeds)
    results = [process_file(path, seeds) for path in paths]
    everything: list[Skipped] = skipped + [r.skipped for r in results if r.skipped]
    assert len(everything) >= 6
    for entry in everything:
        assert entry.source and entry.reason and "\n" not in entry.reason


# --- markup in scraped text ---------------------------------------------------------------------

EVIL_TITLE = (
    'Tesla <script>alert("title")</script> --- title: {{ config.site_name }} {% raw %} & co'
)
EVIL_BODY = [
    'The company said <script>alert("body")</script> and <img src=x onerror=alert(2)> happened '
    'in {{ config }} and {% include "x" %}, plus | pipes |, "quotes" and &amp; entities today.',
    '!!! note "Injected admonition"',
    "1. Not a list: the plant will build 5,000 cars a week from next year, the company said.",
    '{: onclick="alert(4)" } The attribute list syntax shows as text in this paragraph here.',
    "--- key: value # a YAML-looking line that is not front-matter, in the middle of the body",
]


class _Page(HTMLParser):
    """Scripts, attributes and visible text of a built page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs += [(tag, name, value or "") for name, value in attrs]
        if tag in ("script", "style"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and tag == self._in[-1]:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script":
            self.scripts.append(data)
        elif not self._in:
            self.text.append(data)


def test_markup_in_scraped_text_renders_as_text_in_the_site(tmp_path: Path) -> None:
    from .sitebuild import copy_project, mkdocs_build

    project = tmp_path / "project"
    copy_project(project)
    (project / "stories.lock").unlink()  # (the seeds' ledger: the seeds are replaced)
    for folder in ("seeds", "topics"):  # only the hostile pages; no curation ids to match
        shutil.rmtree(project / folder)
        (project / folder).mkdir()
    page = f"<html><head><title>{html.escape(EVIL_TITLE)}</title></head><body><article>"
    page += f"<h1>{html.escape(EVIL_TITLE)}</h1>"
    page += "".join(f"<p>{html.escape(p)}</p>" for p in EVIL_BODY) + "</article></body></html>"
    (project / "seeds" / "evil.html").write_text(page, encoding="utf-8")
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    articles = list((project / "site" / "articles").glob("*/index.html"))
    assert len(articles) == 1
    for built in [*articles, project / "site" / "index.html"]:
        parsed = _Page()
        parsed.feed(built.read_text(encoding="utf-8"))
        assert not any("alert(" in script for script in parsed.scripts), built
        for tag, name, value in parsed.attrs:
            assert not (name.startswith("on") and "alert" in value), (built, tag, name)
            assert not value.strip().lower().startswith("javascript:"), (built, tag, name)
        assert not any(tag == "img" and value == "x" for tag, _, value in parsed.attrs)
    parsed = _Page()
    parsed.feed(articles[0].read_text(encoding="utf-8"))
    text = " ".join("".join(parsed.text).split())
    assert EVIL_TITLE in text
    for paragraph in EVIL_BODY:
        assert " ".join(paragraph.split()) in text, paragraph
    assert not any(name == "class" and "admonition" in value for _, name, value in parsed.attrs)
    assert not any(name == "onclick" for _, name, _ in parsed.attrs)
