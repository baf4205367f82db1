"""Related coverage: different articles about one event are linked, other events are not,
editors can link or part two stories, and readers see the event once with its coverage."""

from __future__ import annotations

import shutil
from array import array
from pathlib import Path

from generator.build import BuildOptions, build
from generator.curation import Correction
from generator.dedup import id_base
from generator.events import editor_pairs, link_events, link_stories, set_events
from generator.feeds import feed_files
from generator.model import Article, Block, BlockKind, Origin
from generator.render import article_page, home_page, related_stories
from generator.text import TERM_FIGURE, TERM_NAME, TERM_TITLE, TERM_WORD, content_terms, term_code

from .conftest import ROOT, read_page, run_cli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "events"

RECALL = (
    "Volterra Motors is recalling 18,240 Strata electric SUVs built at its Dunmore plant "
    "because a rear seat-belt anchor bolt may have been torqued incorrectly, quality chief "
    "Dana Okafor said. Dealers will inspect the anchor bolts from April 18."
)
RECALL_AGAIN = (
    "Volterra has recalled 18,240 Strata SUVs: an anchor bolt of a rear seat belt at the "
    "Dunmore plant may not be tight. Dana Okafor says dealers inspect every bolt for free, "
    "and owners get a letter from April 18."
)
HIRING = (
    "Volterra Motors will hire 1,150 workers and add a second shift at its Dunmore plant, "
    "chief executive Leon Marsh said, lifting capacity to 96,000 vehicles a year as "
    "Strata orders climb."
)


def story(title: str, text: str, date: str | None = "2025-03-04", **changes) -> Article:
    blocks = [Block(BlockKind.PARAGRAPH, text)]
    fields = dict(
        id=id_base(title),
        title=title,
        title_source="headline",
        section=None,
        authors=[],
        date=date,
        summary=text[:80],
        blocks=blocks,
        sources=[f"{id_base(title)}.txt"],
        instances=[],
        entities=["volterra"],
        terms=content_terms(title, [text]),
    )
    fields.update(changes)
    return Article(**fields)


def three() -> list[Article]:
    return [
        story("Volterra recalls 18,240 Strata SUVs over seat-belt bolts", RECALL),
        story("What Strata owners need to know about the bolt recall", RECALL_AGAIN, "2025-03-05"),
        story("Volterra adds a second shift at Dunmore", HIRING, "2025-03-06"),
    ]


def test_content_terms_weigh_the_title_and_keep_names_and_model_names_apart() -> None:
    codes = array("Q", content_terms("Tesla cuts Model Y prices", ["Tesla said the cut is 5%."]))
    assert term_code("tesla", TERM_NAME, 4) in codes  # (the body capitalises it; title: 3)
    assert term_code("model_y", TERM_NAME, 3) in codes  # (the model, not only "model")
    assert term_code("model", TERM_WORD, 3) in codes
    assert term_code("cut", TERM_WORD, 4) in codes  # ("cuts" and "cut" are one term)
    assert term_code("5%", TERM_FIGURE, 1) in codes
    assert term_code("cut", TERM_TITLE, 1) in codes and term_code("5%", TERM_TITLE, 1) not in codes
    assert not {term_code(w, TERM_WORD, n) for w in ("the", "said") for n in (1, 3)} & set(codes)


def test_content_terms_take_any_printed_token() -> None:
    tokens = "% %% '' -- ... 5%% $ (—) 'a' 10,000, e-mobility’s <b>&amp;</b> ½ ² ٣"
    codes = array("Q", content_terms(tokens, [tokens, ""]))
    assert term_code("10,000", TERM_FIGURE, 4) in codes
    assert content_terms("", []) == b""


def test_articles_about_one_event_are_linked_and_another_event_of_the_company_is_not() -> None:
    recall, again, hiring = three()
    events = link_events([recall, again, hiring])
    assert events.event_of == {recall.id: recall.id, again.id: recall.id}
    assert events.related == {recall.id: [again.id], again.id: [recall.id]}


def test_stories_weeks_apart_are_never_one_event() -> None:
    recall, again, _ = three()
    later = story(again.title, RECALL_AGAIN, "2025-04-20")
    assert link_events([recall, later]).event_of == {}


def test_the_event_keeps_the_id_of_its_first_story_when_others_join() -> None:
    recall, again, _ = three()
    recall.first_seen, again.first_seen = "2025-03-04", "2025-03-09"
    # (the later story has more sources: it leads the event, but the id stays)
    again.sources = ["a.txt", "b.txt"]
    events = link_events([again, recall])
    assert set(events.event_of.values()) == {recall.id}


def test_editors_link_and_part_stories_whatever_the_decision() -> None:
    recall, again, hiring = three()
    same, apart = editor_pairs(
        [
            Correction(recall.id, 2, same_event=(hiring.id,)),
            Correction(again.id, 4, other_event=(recall.id,)),
        ]
    )
    events = link_events([recall, again, hiring], same=same, apart=apart)
    assert events.event_of.get(hiring.id) == events.event_of[recall.id]
    assert events.event_of.get(again.id) != events.event_of[recall.id]


def test_the_build_s_event_stage_takes_the_editors_pairs_as_theirs() -> None:
    # (link_stories once handed the pairs to link_events by position, where the model
    # goes: a story kept apart was linked, and a linked one crashed the stage)
    recall, again, hiring = three()
    link_stories([recall, again, hiring], [Correction(again.id, 4, other_event=(recall.id,))])
    assert again.event is None or again.event != recall.event
    recall, again, hiring = three()
    link_stories([recall, again, hiring], [Correction(recall.id, 2, same_event=(hiring.id,))])
    assert hiring.event is not None and hiring.event == recall.event


def test_home_shows_an_event_once_with_its_coverage_and_articles_list_it() -> None:
    recall, again, hiring = three()
    recall.origins = [Origin(recall.sources[0], "https://wire.example/r", "Wire Today")]
    again.origins = [Origin(again.sources[0], None, "Strata Owners Blog")]
    set_events([recall, again, hiring], link_events([recall, again, hiring]))
    home = home_page([hiring, again, recall])
    assert home.count(f"(articles/{again.id}.md)") == 1  # (only under its event's lead)
    assert "Related coverage from 2 outlets: [What Strata owners need to know" in home
    assert "(Strata Owners Blog)</span>" in home
    page = article_page(again, related=related_stories([recall, again, hiring])[again.id])
    assert f"## Related coverage\n\n- [{recall.title}]({recall.id}.md) — Wire Today" in page
    assert f'event: "{recall.id}"' in page
    assert "event:" not in article_page(hiring)


def test_a_build_links_the_fixture_event_and_checks_editors_links(tmp_path: Path) -> None:
    topics = tmp_path / "topics"
    shutil.copytree(ROOT / "topics", topics)
    options = BuildOptions(
        seeds=FIXTURES, topics=topics, docs=tmp_path / "docs", use_cache=False, ledger=None
    )
    build(options)
    pages = {p.stem: read_page(p) for p in (options.docs / "articles").glob("*.md")}
    linked = {stem for stem, (meta, _) in pages.items() if meta.get("event")}
    assert linked == {stem for stem in pages if "recall" in stem or "strata-owners" in stem}
    hiring = next(stem for stem in pages if "second-shift" in stem)
    recall = next(stem for stem in linked if "recalls" in stem)
    explained = run_cli(
        "explain", hiring, "--seeds", str(FIXTURES), "--topics", str(topics),
        "--docs", str(options.docs), "--ledger", "", "--linked-to", recall,
    )  # fmt: skip
    assert "no related coverage: no story is likely enough the same event" in explained.stdout
    assert f"not linked to {recall}: p=0." in explained.stdout
    assert "shared companies" in explained.stdout and "days apart 0.2857" in explained.stdout
    (topics / "stories.yml").write_text(
        f"stories:\n  - id: {hiring}\n    same_event: [no-such-story, {hiring}]\n",
        encoding="utf-8",
    )
    check = run_cli(
        "check", "--seeds", str(FIXTURES), "--topics", str(topics), "--docs", str(options.docs),
        "--ledger", "",
    )  # fmt: skip
    assert check.returncode == 1
    assert "stories.yml:3: same_event: 'no-such-story' matches no article" in check.stderr
    assert "stories.yml:3: stories[0].same_event: a story is its own event" in check.stderr


def test_a_feed_has_one_item_per_event_with_its_related_links() -> None:
    recall, again, hiring = three()
    recall.first_seen = "2025-03-04"
    again.first_seen = "2025-03-05"
    again.sources = ["a.txt", "b.txt"]  # (it leads the event now: more sources)
    set_events([recall, again, hiring], link_events([recall, again, hiring]))
    settings = {"site_url": "https://d.example/", "use_directory_urls": True}
    settings |= {"site_name": "EV Digest", "site_description": "EV news"}
    feed = feed_files([recall, again, hiring], settings=settings)["feeds/all.xml"]
    assert feed.count("<item>") == 2
    # the lead's link, the event's first story's GUID (which was that story's item)
    assert f"<link>https://d.example/articles/{again.id}/</link>" in feed
    assert f'<guid isPermaLink="false">https://d.example/articles/{recall.id}/</guid>' in feed
    assert f'Related coverage: &lt;a href="https://d.example/articles/{recall.id}/"' in feed


def test_a_scrape_joining_an_event_is_added_incrementally_as_a_full_build_would(
    tmp_path: Path,
) -> None:
    """The new story's page lists the old one, and the old story's page (rendered again
    from its cached scrapes) lists the new one: what a full build writes."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("a_wire_recall.txt", "c_plant_expansion.txt"):
        shutil.copy(FIXTURES / name, seeds / name)
    (tmp_path / "site").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "site" / "mkdocs.yml")

    def options(docs: Path, cache: bool) -> BuildOptions:
        return BuildOptions(
            seeds=seeds, topics=ROOT / "topics", docs=docs, use_cache=cache,
            cache_dir=tmp_path / "cache", ledger=None,
        )  # fmt: skip

    docs = tmp_path / "site" / "docs"
    build(options(docs, True))
    recall = next((docs / "articles").glob("volterra-recalls-*.md"))
    assert "Related coverage" not in recall.read_text(encoding="utf-8")
    shutil.copy(FIXTURES / "b_blog_recall.txt", seeds / "b_blog_recall.txt")
    result = build(options(docs, True))
    assert result.added_pages == ["b_blog_recall.txt"]
    assert "## Related coverage\n\n- [What Strata owners" in recall.read_text(encoding="utf-8")
    (tmp_path / "full" / "site").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "full" / "site" / "mkdocs.yml")
    full = tmp_path / "full" / "site" / "docs"
    build(options(full, False))

    def tree(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.*")}

    assert tree(docs) == tree(full)
