"""Slimming Material's search index on a large digest."""

from __future__ import annotations

import json
from pathlib import Path

from generator.search_index import settings, should_slim, slim_search_index


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
