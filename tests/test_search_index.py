"""Slimming Material's search index on a large digest."""

from __future__ import annotations

import json
from pathlib import Path

from generator.search_index import (
    complete_search_index,
    entries_by_page,
    settings,
    should_slim,
    slim_search_index,
)


def test_articles_keep_title_summary_and_headings_listings_their_titles(tmp_path: Path) -> None:
    index = tmp_path / "search_index.json"
    docs = [
        {"location": "", "title": "EV Digest", "text": "<p>The latest stories</p>"},
        {"location": "articles/a/", "title": "Tesla opens a plant", "text": "long body " * 500},
        {"location": "articles/a/#output", "title": "Output", "text": "more body " * 200},
        {"location": "topics/charging/", "title": "Charging", "text": "titles " * 300},
        {"location": "about/", "title": "About", "text": "hand-written text"},
    ]
    index.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": docs}), encoding="utf-8")
    before, after = slim_search_index(index, {"articles/a/": "Tesla opens <a> plant & more."})
    assert after < before / 5
    slim = {d["location"]: d for d in json.loads(index.read_text(encoding="utf-8"))["docs"]}
    assert slim["articles/a/"]["title"] == "Tesla opens a plant"
    assert slim["articles/a/"]["text"] == "Tesla opens &lt;a&gt; plant &amp; more."
    assert slim["articles/a/#output"] == {
        "location": "articles/a/#output",
        "title": "Output",
        "text": "",
    }
    assert (
        slim["topics/charging/"]["text"] == "" and slim["topics/charging/"]["title"] == "Charging"
    )
    assert slim["about/"]["text"] == "hand-written text"


def test_settings_and_when_to_slim(tmp_path: Path) -> None:
    assert settings(None) == ("auto", 5.0)
    assert settings({"evdigest": {"search": "full"}}) == ("full", 5.0)
    assert settings({"evdigest": {"search": "nonsense", "search_limit_mb": "x"}}) == ("auto", 5.0)
    assert settings({"evdigest": {"search_limit_mb": 0.5}}) == ("auto", 0.5)
    index = tmp_path / "search_index.json"
    assert not should_slim(index, "summary", 5)  # no index at all
    index.write_text("{}" + " " * 2000, encoding="utf-8")
    assert not should_slim(index, "auto", 5)
    assert should_slim(index, "auto", 0.001)
    assert should_slim(index, "summary", 5)
    assert not should_slim(index, "full", 0.001)


def test_a_dirty_build_gets_back_the_entries_of_the_pages_it_did_not_render(
    tmp_path: Path,
) -> None:
    home, about = {"location": "", "title": "EV Digest", "text": "old"}, {"location": "about/"}
    a, a_section = {"location": "articles/a/", "text": "old"}, {"location": "articles/a/#sub"}
    b = {"location": "articles/b/", "title": "B"}
    previous = {"": [home], "about/": [about], "articles/a/": [a, a_section], "articles/b/": [b]}
    # the dirty build rendered the home page, article a (its subheading gone) and a new article c;
    # article b was removed
    new_home, new_a = {**home, "text": "new"}, {**a, "text": "new"}
    c = {"location": "articles/c/", "title": "C", "tags": ["Charging"]}
    config = {"lang": ["en"], "separator": "[\\s]+"}
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({"config": config, "docs": [new_home, new_a, c]}), encoding="utf-8")
    pages = ["", "about/", "articles/a/", "articles/c/"]
    result = complete_search_index(index, previous, {"", "articles/a/", "articles/c/"}, pages)
    expected = {"config": config, "docs": [new_home, about, new_a, c]}
    # in page order and in the search plugin's own format, as a full build writes it
    assert index.read_text(encoding="utf-8") == json.dumps(expected, separators=(",", ":"))
    assert result == {"": [new_home], "about/": [about], "articles/a/": [new_a], "articles/c/": [c]}
    assert entries_by_page(index) == result
