from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.html_reader import read_html
from generator.ingest import decode, discover, read_document
from generator.model import Document, Skipped
from generator.rules import chrome_rule

from .conftest import FIXTURES


def test_decode_detects_encodings() -> None:
    assert decode("Tesla’s Model Y".encode("utf-16"))[0] == "Tesla’s Model Y"
    assert decode("\ufeffCafé".encode())[0] == "Café"
    assert decode("Citroën ë-C4 arrives in Zürich showrooms this week".encode("cp1252"))[0] == (
        "Citroën ë-C4 arrives in Zürich showrooms this week"
    )
    assert decode(b"") == (None, "empty file")
    assert decode(b"\x00\x01\x02\x03\xff\xfe\x00\x9c" * 200)[0] is None


def test_discover_skips_unsupported_and_outside_links(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    (seeds / "day1").mkdir(parents=True)
    (seeds / "day1" / "a.txt").write_text("Body text here.\n", encoding="utf-8")
    (seeds / "b.html").write_text("<p>x</p>", encoding="utf-8")
    (seeds / "notes.pdf").write_bytes(b"%PDF")
    outside = tmp_path / "secret.txt"
    outside.write_text("outside", encoding="utf-8")
    os.symlink(outside, seeds / "link.txt")
    paths, skipped = discover(seeds)
    assert [p.relative_to(seeds).as_posix() for p in paths] == ["b.html", "day1/a.txt", "notes.pdf"]
    assert skipped[0].source == "link.txt" and "outside" in skipped[0].reason
    result = read_document(seeds / "notes.pdf", seeds)
    assert isinstance(result, Skipped) and "unsupported file type '.pdf'" in result.reason


def test_html_page_metadata_and_chrome() -> None:
    doc = read_document(FIXTURES / "mixed" / "insideevs.html", FIXTURES / "mixed")
    assert not isinstance(doc, Skipped)
    assert doc.meta.title == "Rivian R2 deliveries slip to summer"
    assert doc.meta.date == "2025-02-11"
    assert doc.meta.authors == ("Tom Rhodes",)
    texts = [line.text for line in doc.lines]
    assert texts[0] == "Rivian R2 deliveries slip to summer" and doc.lines[0].level == 1
    assert "What changes for buyers" in texts
    joined = "\n".join(texts)
    for chrome in (
        "Most read",
        "All rights reserved",
        "Share on Facebook",
        "newsletter",
        "window.ads",
        "font-family",
    ):
        assert chrome not in joined
    assert {d.rule for d in doc.dropped} >= {"html-nav", "html-aside", "html-footer", "html-chrome"}


def test_html_title_only_in_head_becomes_heading() -> None:
    doc = read_html(
        "x.html",
        "<html><head><title>Lucid cuts Air prices</title></head><body><p>Lucid cut prices.</p></body></html>",
    )
    assert doc.lines[0].text == "Lucid cuts Air prices" and doc.lines[0].level == 1


def _post(tag: str, title: str, words: int) -> str:
    body = " ".join(["Charging hubs open along the corridor this year."] * (words // 8))
    name = tag.split()[0]
    return f"<{tag}><div>Press release</div><h2>{title}</h2><p>{body}</p><p>{body}</p></{name}>"


@pytest.mark.parametrize("tag", ["article", 'div class="item"', 'section class="post entry"'])
@pytest.mark.parametrize(
    ("words", "levels"),
    [(80, [("Voltara", 0), ("post one", 1), ("post two", 1)]),  # posts printed whole
     (16, [("Voltara", 1), ("post one", 2), ("post two", 2)])],  # cards of a listing
)  # fmt: skip
def test_an_index_printing_its_posts_whole_heads_an_article_with_each_post(
    tag: str, words: int, levels: list[tuple[str, int]]
) -> None:
    doc = read_html(
        "newsroom.html",
        "<html><body><main><h1>Voltara</h1>"
        + _post(tag, "post one", words)
        + _post(tag, "post two", words)
        + "</main></body></html>",
    )
    named = {text for text, _ in levels}
    assert [(line.text, line.level) for line in doc.lines if line.text in named] == levels


def test_a_text_browser_s_dump_loses_its_link_numbers_and_references(tmp_path: Path) -> None:
    page = tmp_path / "lynx.txt"
    page.write_text(
        "   [1]Skip to main content\n\n   [2]Recalls [3]Investigations\n\n"
        "Voltaro recalls 48,200 Stratus SUVs\n\n   The recall covers 2025 models [4]built in"
        " Kearney.\n\nReferences\n\n   1. https://example.org/#main\n   2. https://example.org/r/\n"
        "   3. https://example.org/i/\n   4. https://example.org/k\n   5. form field = submit button\n",
        encoding="utf-8",
    )
    doc = read_document(page, tmp_path)
    assert [line.text for line in doc.lines] == [
        "Skip to main content",
        "Recalls Investigations",
        "Voltaro recalls 48,200 Stratus SUVs",
        "The recall covers 2025 models built in Kearney.",
    ]
    assert [line.number for line in doc.lines] == [1, 3, 5, 7]
    assert {d.rule for d in doc.dropped} == {"link-references"} and len(doc.dropped) == 6


@pytest.mark.parametrize(
    ("note", "captured"),
    [
        (
            "Captured by PageKeeper on 2026-11-30 07:42 UTC · https://example.org/a",
            "2026-11-30 07:42",
        ),
        (
            "Page saved with WebSnap · 15 Mar 2023, 08:40 GMT · https://example.org/a",
            "2023-03-15 08:40",
        ),
    ],
)
def test_a_capture_note_naming_its_tool_gives_the_capture_day(
    tmp_path: Path, note: str, captured: str
) -> None:
    page = tmp_path / "kept.md"
    page.write_text(f"{note}\n\n# Title\n", encoding="utf-8")
    assert read_document(page, tmp_path).meta.captured == captured


def test_an_e_mail_s_layout_tables_are_blocks_of_the_page_and_a_data_table_stays() -> None:
    doc = read_html(
        "issue.html",
        "<html><body><table><tr><td class='preheader'>A pilot line in Kyushu.</td></tr>"
        "<tr><td><table><tr><td><h1>Toyota's small line is a big tell</h1>"
        "<p>By Nate Calloway, editor</p><p>Good morning. Most weeks the news is a big number.</p>"
        "<table><tr><th>Plant</th><th>GWh</th></tr><tr><td>Kanda</td><td>1</td></tr></table>"
        "</td></tr></table></td></tr></table></body></html>",
    )
    assert [(line.text, line.level) for line in doc.lines] == [
        ("Toyota's small line is a big tell", 1),
        ("By Nate Calloway, editor", 0),
        ("Good morning. Most weeks the news is a big number.", 0),
        ("| Plant | GWh |", 0),
        ("| --- | --- |", 0),
        ("| Kanda | 1 |", 0),
    ]


def test_a_list_of_links_with_their_outlets_gives_headline_lines(tmp_path: Path) -> None:
    page = tmp_path / "notes.md"
    page.write_text(
        "## Links from this episode\n\n"
        "  * [Toyota picks Kyushu site for pilot solid-state battery line](https://a.example/t)"
        " (Nippon Mobility)\n",
        encoding="utf-8",
    )
    (line,) = [line for line in read_document(page, tmp_path).lines if not line.level]
    assert (line.text, line.aside) == (
        "Toyota picks Kyushu site for pilot solid-state battery line",
        "link-list",
    )


def test_a_hard_line_break_ends_the_line_in_html_and_markdown(tmp_path: Path) -> None:
    doc = read_html(
        "links.html",
        "<html><body><p><a href='https://a.example/t'><strong>Tata Group firms up plans for a cell"
        " plant</strong></a><br>AutoBharat Times · India’s biggest EV seller wants its own cells…"
        "</p></body></html>",
    )
    assert [line.text for line in doc.lines] == [
        "Tata Group firms up plans for a cell plant",
        "AutoBharat Times · India’s biggest EV seller wants its own cells…",
    ]
    page = tmp_path / "wrapped.md"
    page.write_text("A paragraph wrapped\nat sixty columns.\n", encoding="utf-8")
    assert [line.text for line in read_document(page, tmp_path).lines] == [
        "A paragraph wrapped at sixty columns."
    ]


def test_markdown_headings_keep_levels(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text(
        "# Title here now\n\nBody text.\n\n## Sub part\n\n* item one\n", encoding="utf-8"
    )
    doc = read_document(page, tmp_path)
    assert [(line.text, line.level) for line in doc.lines] == [
        ("Title here now", 1), ("Body text.", 0), ("Sub part", 2), ("- item one", 0)
    ]  # fmt: skip


def test_markdown_inline_syntax_and_link_lists(tmp_path: Path) -> None:
    page = tmp_path / "capture.md"
    page.write_text(
        "[Skip to content](#main)\n\n"
        "*   [Home](https://example.org/)\n"
        "*   [Reviews](https://example.org/reviews/)\n\n"
        "[Site](https://example.org/) › [Batteries](https://example.org/batteries/)\n\n"
        "Solid-state cells reach a pilot line\n"
        "====================================\n\n"
        "![a cell on a bench](https://example.org/cell.jpg)\n\n"
        "The **pilot line** in [Lyon](https://example.org/lyon) makes *about* 200 cells_a_day.\n\n"
        "Why it matters\n"
        "--------------\n\n"
        "* * *\n\n"
        "Costs fall when \\*yields\\* rise.\n\n"
        "![](https://example.org/line.jpg)\n\n"
        "_The line in Lyon_\n",
        encoding="utf-8",
    )
    doc = read_document(page, tmp_path)
    assert not isinstance(doc, Skipped)
    assert [(line.text, line.level) for line in doc.lines] == [
        ("Solid-state cells reach a pilot line", 1),
        ("The pilot line in Lyon makes about 200 cells_a_day.", 0),
        ("Why it matters", 2),
        ("Costs fall when *yields* rise.", 0),
    ]
    rules = {d.line: d.rule for d in doc.dropped}
    assert rules == {
        1: "link-list", 3: "link-list", 4: "link-list", 6: "link-list", 9: "markdown-syntax",
        11: "inline-image", 16: "markdown-syntax", 18: "markdown-syntax", 22: "inline-image",
        24: "caption",
    }  # fmt: skip


def test_markdown_front_matter_reader_header_and_author_link(tmp_path: Path) -> None:
    clipped = tmp_path / "clip.md"
    clipped.write_text(
        '---\ntitle: Heat pumps get cheaper\nauthor:\n  - "[[Ada Brook]]"\n'
        "published: 2025-02-03\ncreated: 2025-02-09\n---\n# Heat pumps get cheaper\n\nBody.\n",
        encoding="utf-8",
    )
    doc = read_document(clipped, tmp_path)
    assert not isinstance(doc, Skipped)
    assert doc.meta.title == "Heat pumps get cheaper"
    assert doc.meta.date == "2025-02-03" and doc.meta.authors == ("Ada Brook",)
    assert [line.text for line in doc.lines] == ["Heat pumps get cheaper", "Body."]
    assert {d.rule for d in doc.dropped} == {"front-matter"} and len(doc.dropped) == 7

    reader = tmp_path / "reader.md"
    reader.write_text(
        "Title: Ferry goes electric\n\nURL Source: https://example.org/ferry\n\n"
        "Published Time: 2025-04-05T08:00:00Z\n\nMarkdown Content:\n"
        "Ferry goes electric\n===================\n\n"
        "[Lena Ortiz](https://example.org/author/lena-ortiz/)\n\nThe ferry sails today.\n",
        encoding="utf-8",
    )
    doc = read_document(reader, tmp_path)
    assert not isinstance(doc, Skipped)
    assert doc.meta.date == "2025-04-05" and doc.meta.authors == ("Lena Ortiz",)
    assert [line.text for line in doc.lines] == ["Ferry goes electric", "The ferry sails today."]
    assert [d.rule for d in doc.dropped] == ["reader-header"] * 4 + ["markdown-syntax", "byline"]


def _read(folder: Path, name: str, text: str) -> Document:
    (folder / name).write_text(text, encoding="utf-8")
    doc = read_document(folder / name, folder)
    assert not isinstance(doc, Skipped)
    return doc


def test_a_scraper_s_or_a_mailer_s_fields_are_the_page_s_metadata(tmp_path: Path) -> None:
    doc = _read(
        tmp_path,
        "dump.txt",
        "url: https://example.org/2025/04/05/ferry\nretrieved: 2025-04-06 10:12:40 UTC\n"
        "status: 200\nbyline: Lena Ortiz (Harbour Post)\ndate_published: 2025-04-05T08:00:00+02:00\n"
        "title:\n=== ARTICLE TEXT ===\nThe ferry sails today on batteries alone.\n"
        "=== END ARTICLE TEXT ===\n",
    )
    assert doc.meta.date == "2025-04-05" and doc.meta.authors == ("Lena Ortiz",)
    assert doc.meta.title is None and doc.meta.captured == "2025-04-06 10:12"
    assert [line.text for line in doc.lines][0] == "The ferry sails today on batteries alone."
    assert [d.rule for d in doc.dropped] == ["page-header"] * 7
    assert chrome_rule(doc.lines[-1].text) == "separator"

    doc = _read(
        tmp_path,
        "record.txt",
        '{"url": "https://example.org/ferry", "title": "Ferry goes electric | Harbour Post",'
        ' "fetched_at": "2025-04-06T10:12:40Z"}\n----- TEXT -----\nFerry goes electric\n',
    )
    assert doc.meta.title == "Ferry goes electric" and doc.meta.captured == "2025-04-06 10:12"
    assert [line.text for line in doc.lines] == ["Ferry goes electric"]

    doc = _read(
        tmp_path,
        "mail.txt",
        "From: Harbour Post <news@example.org>\nTo: reader@example.net\n"
        "Date: Sat, 5 Apr 2025 08:00:00 +0000\nSubject: Ferry goes electric\n\n"
        "The ferry sails today on batteries alone.\n",
    )
    # (a mail's Date: is when it was sent: the story's date only if the story states none)
    assert doc.meta.title == "Ferry goes electric" and doc.meta.sent == "2025-04-05"
    assert doc.meta.date is None
    assert [line.text for line in doc.lines] == ["The ferry sails today on batteries alone."]


def test_two_or_three_field_like_lines_are_the_page_s_own(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Updated: April 5, 2025\nBy: Lena Ortiz\nThe ferry sails today.\n", encoding="utf-8"
    )
    doc = read_document(page, tmp_path)
    assert not isinstance(doc, Skipped)
    assert len(doc.lines) == 3 and doc.dropped == ()
