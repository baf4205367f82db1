"""Topic curation: schema validation with file:line, rule semantics, pages, CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.curation import Curation, Rules, Topic, load_curation, unknown_ids
from generator.model import Article, Block, BlockKind
from generator.render import render_site
from generator.topics import Classifier

from .conftest import ROOT, SEEDS, run_cli

GOLDEN = Path(__file__).resolve().parent / "golden" / "seeds"


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def problems(folder: Path) -> list[str]:
    return [str(p) for p in load_curation(folder).problems]


def article(title: str, body: str, article_id: str = "a-1", date: str | None = None) -> Article:
    return Article(
        id=article_id, title=title, title_source="headline", section=None, authors=[], date=date,
        summary=None, blocks=[Block(BlockKind.PARAGRAPH, body)], sources=["x.txt"], instances=[],
    )  # fmt: skip


# --- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: T\nrules:\n  keywords: [a]\ncolour: red\n",
            ":4: colour: unknown key, expected one of: title,",
        ),
        ("title: T\nrules:\n  keywords: [a]\n  min_hit: 2\n", ":4: rules.min_hit: unknown key"),
        (
            "title: T\norder: first\nrules:\n  keywords: [a]\n",
            ":2: order: got str, expected an integer",
        ),
        ("title: [x]\nrules:\n  keywords: [a]\n", ":1: title: got list, expected a string"),
        ("title: T\nrules:\n  keywords: battery\n", ":3: rules.keywords: got str, expected a list"),
        (
            "title: T\nrules:\n  keywords: []\n",
            ":3: rules.keywords: empty list, expected at least one keyword",
        ),
        (
            "title: T\nrules:\n  keywords: [a, '']\n",
            ":3: rules.keywords: expected a non-empty string",
        ),
        (
            "title: T\nrules:\n  keywords: [a]\n  min_hits: 0\n",
            ":4: rules.min_hits: got 0, expected 1 or more",
        ),
        ("title: T\n", ":1: rules: missing, expected rules.keywords or an include list"),
        ("rules:\n  keywords: [a]\n", ":1: title: missing, expected the topic's name"),
        ("title: T\nrules:\n  required: [a]\n", ":3: rules.keywords: missing"),
        ("title: T\ntitle: U\nrules:\n  keywords: [a]\n", ":2: title: duplicate key"),
        ("title: T\nrules:\n  keywords: [a\n", ": (file): unreadable YAML"),
        ("- just\n- a list\n", ":1: (file): expected a mapping with keys title"),
        ("", ":1: (file): empty file"),
    ],
)
def test_each_mistake_is_reported_with_file_line_and_key(
    tmp_path: Path, text: str, expected: str
) -> None:
    write(tmp_path, "topic.yml", text)
    found = problems(tmp_path)
    assert any(expected in p for p in found), found
    assert all(p.startswith(f"{tmp_path.as_posix()}/topic.yml:") for p in found)


def test_duplicate_topic_ids_and_bad_file_names(tmp_path: Path) -> None:
    write(tmp_path, "china.yml", "title: China\nrules:\n  keywords: [China]\n")
    write(tmp_path, "china.yaml", "title: China 2\nrules:\n  keywords: [China]\n")
    write(tmp_path, "Bad Name.yml", "title: X\nrules:\n  keywords: [x]\n")
    found = problems(tmp_path)
    assert any("china.yml:1: (file name): duplicate topic id 'china'" in p for p in found), found
    assert any("Bad Name.yml:1: (file name)" in p for p in found)


def test_companies_file_is_validated(tmp_path: Path) -> None:
    write(
        tmp_path,
        "companies.yml",
        "companies:\n  - name: Tesla\n  - {name: VW, alias: [x]}\n  - {name: Tesla}\n",
    )
    found = problems(tmp_path)
    assert any("companies.yml:3: companies[1].alias: unknown key" in p for p in found), found
    assert any(
        "companies.yml:4: companies[2].name: duplicate company 'Tesla'" in p for p in found
    ), found


def test_unknown_override_ids_point_at_their_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        "t.yml",
        "title: T\nrules:\n  keywords: [a]\ninclude:\n  - real-id\n  - ghost-id\npinned: [other-ghost]\n",
    )
    curation = load_curation(tmp_path)
    assert curation.problems == []
    found = [str(p) for p in unknown_ids(curation, {"real-id"})]
    assert found == [
        f"{tmp_path.as_posix()}/t.yml:6: include: 'ghost-id' matches no article, expected an article id from the front-matter of docs/articles/*.md",
        f"{tmp_path.as_posix()}/t.yml:7: pinned: 'other-ghost' matches no article, expected an article id from the front-matter of docs/articles/*.md",
    ]


def test_shipped_curation_files_are_valid() -> None:
    curation = load_curation(ROOT / "topics")
    assert curation.problems == []
    assert len(curation.topics) >= 8 and len(curation.companies) >= 10
    assert [t.order for t in curation.topics] == sorted(t.order for t in curation.topics)


# --- rule semantics -----------------------------------------------------------------------------


def topic(**rules) -> Topic:
    overrides = {k: rules.pop(k) for k in ("include", "exclude", "pinned") if k in rules}
    return Topic(id="t", file="t.yml", title="T", rules=Rules(**rules), **overrides)


def filed(t: Topic, a: Article) -> bool:
    return Classifier(Curation(topics=[t])).decisions(a)[0].filed


def test_word_boundaries_and_case() -> None:
    t = topic(keywords=("AI",), min_hits=1)
    assert not filed(t, article("Shanghai plant", "Tesla said it will maintain the line."))
    assert filed(t, article("x", "The ai team grew."))
    assert filed(
        topic(keywords=("vehicle-to-grid",), min_hits=1), article("x", "A vehicle to grid pilot.")
    )


def test_min_hits_and_title_weight() -> None:
    t = topic(keywords=("battery",), min_hits=2)
    assert not filed(t, article("Rivian news", "It has a battery."))
    assert filed(t, article("Rivian news", "A battery and another battery."))
    assert filed(t, article("New battery plant", "Nothing else here."))  # title hits count twice


def test_required_and_excluded_terms() -> None:
    t = topic(keywords=("plant",), required=("China",), excluded=("power plant",), min_hits=1)
    assert filed(t, article("x", "A plant in China."))
    assert not filed(t, article("x", "A plant in Texas."))
    assert not filed(t, article("x", "A plant in China next to a power plant."))
    decision = Classifier(Curation(topics=[t])).decisions(article("x", "A plant in Texas."))[0]
    assert "missing required: China" in decision.explain()


def test_include_and_exclude_override_rules() -> None:
    matching = article("battery battery", "battery", article_id="m")
    other = article("Nothing", "Unrelated.", article_id="o")
    assert not filed(topic(keywords=("battery",), exclude=("m",)), matching)
    assert filed(topic(keywords=("battery",), include=("o",)), other)


def test_pinned_first_then_newest_and_unsorted_page() -> None:
    t = Topic(
        id="bat",
        file="bat.yml",
        title="Batteries",
        rules=Rules(("battery",), min_hits=1),
        pinned=("old",),
    )
    articles = [
        article("Old battery", "x", "old", "2024-01-01"),
        article("New battery", "x", "new", "2025-06-01"),
        article("Mid battery", "x", "mid", "2025-01-01"),
        article("Unrelated story", "x", "none", "2025-02-01"),
    ]
    curation = Curation(topics=[t])
    Classifier(curation).classify(articles)
    files = render_site(articles, curation).pages
    page = files["topics/bat.md"]
    order = [page.index(f"../articles/{i}.md") for i in ("old", "new", "mid")]
    assert order == sorted(order)
    # the pinned story is marked as such, and only it
    assert page.count('<span class="evd-pinned">Pinned</span>') == 1
    assert '- <span class="evd-pinned">Pinned</span> [Old battery](../articles/old.md)' in page
    assert "**Pinned:** the first story below is pinned by the editors." in page
    assert "../articles/none.md" not in page
    assert "(articles/none.md)" in files["unsorted.md"]
    assert "articles/old.md" not in files["unsorted.md"]


def test_entities_from_names_and_aliases() -> None:
    write_dir = Curation(companies=[])
    from generator.curation import Company

    write_dir.companies = [
        Company("volkswagen-group", "Volkswagen Group", ("VW",)),
        Company("general-motors", "General Motors", ("GM",)),
    ]
    classifier = Classifier(write_dir)
    assert classifier.entities(article("VW and Bosch sign deal", "x")) == ["volkswagen-group"]
    assert classifier.entities(article("x", "The gm of the plant said so.")) == []


# --- pages, golden files and CLI ----------------------------------------------------------------


def test_golden_topic_pages_for_the_seeds(seeds_build: Path) -> None:
    """The seeds' topic pages, compared whole. Regenerate: UPDATE_GOLDEN=1 pytest tests/test_topics.py."""
    import os

    generated = sorted((seeds_build / "docs" / "topics").glob("*.md")) + [
        seeds_build / "docs" / "unsorted.md"
    ]
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        GOLDEN.mkdir(parents=True)
        for path in generated:
            shutil.copy(path, GOLDEN / path.name)
    assert sorted(p.name for p in GOLDEN.glob("*.md")) == sorted(p.name for p in generated)
    for path in generated:
        assert path.read_text(encoding="utf-8") == (GOLDEN / path.name).read_text(
            encoding="utf-8"
        ), path.name


def test_seed_articles_are_filed_sensibly(seeds_build: Path) -> None:
    from .test_e2e_seeds import pages

    topics = {meta["title"]: meta["topics"] for meta, _ in pages(seeds_build).values()}
    assert (
        "charging-and-energy"
        in topics["Tesla launches Cybertruck vehicle-to-grid program in Texas"]
    )
    assert (
        "trucks-and-commercial"
        in topics["Tesla Semi spotted with ground truth validation equipment as launch looms"]
    )
    assert (
        "space-and-musk-ventures"
        in topics[
            "SpaceX is launching a secret spacecraft that could change how things are made in space"
        ]
    )
    assert (
        "china" in topics["Tesla orders 450K heat pumps for Giga Shanghai’s Made-in-China Model 3"]
    )
    assert (
        "autonomy-and-ai"
        in topics["Samsung nears Tesla AI chip ramp with early approval at TX factory"]
    )
    assert all(topics.values()), topics


def test_check_command_reports_and_exits_non_zero(tmp_path: Path) -> None:
    write(tmp_path / "topics", "bad.yml", "title: Bad\nrules:\n  keywords: []\n  colour: 1\n")
    result = run_cli("check", "--seeds", str(SEEDS), "--topics", str(tmp_path / "topics"))
    assert result.returncode == 1
    assert (
        f"{(tmp_path / 'topics').as_posix()}/bad.yml:3: rules.keywords: empty list" in result.stderr
    )
    assert (
        f"{(tmp_path / 'topics').as_posix()}/bad.yml:4: rules.colour: unknown key" in result.stderr
    )
    ok = run_cli("check", "--seeds", str(SEEDS), "--topics", str(ROOT / "topics"))
    assert ok.returncode == 0 and ok.stdout.startswith("OK: 8 topics")


def test_build_refuses_on_curation_errors_and_leaves_docs_alone(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    good = run_cli(
        "build", "--seeds", str(SEEDS), "--topics", str(ROOT / "topics"), "--docs", str(docs)
    )
    assert good.returncode == 0
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    write(
        tmp_path / "topics",
        "t.yml",
        "title: T\nrules:\n  keywords: [a]\ninclude: [no-such-article]\n",
    )
    bad = run_cli(
        "build", "--seeds", str(SEEDS), "--topics", str(tmp_path / "topics"), "--docs", str(docs)
    )
    assert bad.returncode == 1
    assert "t.yml:4: include: 'no-such-article' matches no article" in bad.stderr
    assert "build refused" in bad.stderr
    assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == before


def test_explain_command() -> None:
    result = run_cli("explain", "tesla-launches-cybertruck-vehicle-to-grid-program-in-2af814")
    assert result.returncode == 0, result.stderr
    assert "IN  charging-and-energy:" in result.stdout and "vehicle to grid×4" in result.stdout
    assert "OUT space-and-musk-ventures: 0 hits (need 3)" in result.stdout
    missing = run_cli("explain", "tesla-launches")
    assert missing.returncode == 1 and "did you mean" in missing.stderr


def test_mkdocs_build_refuses_bad_curation_and_keeps_the_site(tmp_path: Path) -> None:
    """A broken topic file stops `mkdocs build` with file:line errors; docs/ and site/ stay as they were."""
    from .sitebuild import copy_project, mkdocs_build

    project = tmp_path / "project"
    copy_project(project)
    assert mkdocs_build(project).returncode == 0

    def snapshot() -> dict[Path, bytes]:
        return {
            p: p.read_bytes()
            for folder in ("docs", "site")
            for p in (project / folder).rglob("*")
            if p.is_file()
        }

    before = snapshot()
    write(project / "topics", "china.yml", "title: China\nrules:\n  keywords: China\n")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "topics/china.yml:3: rules.keywords: got str, expected a list" in result.stderr
    assert snapshot() == before


def test_check_catches_pins_that_cannot_show_twin_titles_and_typos(tmp_path: Path) -> None:
    """Every problem of a file in one pass and in line order: the schema's and the ids'."""
    topics = tmp_path / "topics"
    shutil.copytree(ROOT / "topics", topics)
    cybertruck = "tesla-launches-cybertruck-vehicle-to-grid-program-in-2af814"
    megapod = "tesla-just-trademarked-megapod-here-s-what-it-98b5be"
    write(
        topics,
        "zz-grid.yml",
        "title: Charging and Energy\n"  # (the title of charging-and-energy.yml, in other case)
        "rules:\n  keywords: [grid]\n  min_hit: 2\n"
        f"exclude: [{cybertruck}]\n"
        f"pinned:\n  - {cybertruck}\n  - tesla-launches-cybertruck-vehicle-to-grid-program-in-2af815\n",
    )
    bad = run_cli("check", "--seeds", str(SEEDS), "--topics", str(topics))
    assert bad.returncode == 1
    lines = [line for line in bad.stderr.splitlines() if "zz-grid.yml:" in line]
    assert [line.split("zz-grid.yml:")[1].split(":")[0] for line in lines] == ["1", "4", "7", "8"]
    assert "title: 'Charging and Energy' is also the title of" in lines[0]
    assert "rules.min_hit: unknown key, did you mean 'min_hits'?" in lines[1]
    assert f"pinned: '{cybertruck}' is also in exclude" in lines[2]
    assert f"matches no article (did you mean '{cybertruck}'?)" in lines[3]
    write(topics, "zz-grid.yml", f"title: Grid\nrules:\n  keywords: [grid]\npinned: [{megapod}]\n")
    unfiled = run_cli("check", "--seeds", str(SEEDS), "--topics", str(topics))
    assert unfiled.returncode == 1
    assert f"zz-grid.yml:4: pinned: '{megapod}' is not filed under this topic" in unfiled.stderr
    # (in the same pass as another file's schema problem)
    write(topics, "zz-other.yml", "title: Other\nrules:\n  keywrods: [grid]\n")
    both = run_cli("check", "--seeds", str(SEEDS), "--topics", str(topics))
    assert f"zz-grid.yml:4: pinned: '{megapod}' is not filed under this topic" in both.stderr
    assert "zz-other.yml:3: rules.keywrods: unknown key, did you mean 'keywords'?" in both.stderr
