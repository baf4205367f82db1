"""The built site in a real browser: Debian's Chromium, headless, driven by Playwright.

The seeds site is built with `mkdocs build --strict` (tests/sitebuild.py) and
served from 127.0.0.1. Screenshots of every page visited, light and dark, go to
tests/artifacts/ (git-ignored; CI keeps them as artifacts).

Without /usr/bin/chromium (or Playwright) these tests skip, except under
CI=true, where a missing browser is a failure: CI must run them.
`scripts/install-browser.sh` (run by `make test`) installs Debian's chromium.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

from bench.search import served
from generator.render import newest_first

from .conftest import FIXTURES, SEEDS, read_page
from .sitebuild import build_project, build_site

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
STARFALL = "SpaceX is launching a secret spacecraft that could change how things are made in space"
SCHEMES = ("light", "dark")
TIMEOUT = 10_000  # ms


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI=true, so the browser tests must run", pytrace=False)
    pytest.skip(f"{reason} (run scripts/install-browser.sh, or set CI=true to make this fatal)")


@pytest.fixture(scope="session")
def sync_api():
    if not CHROMIUM.is_file():
        _unavailable(f"no browser: {CHROMIUM} not found")
    try:
        from playwright import sync_api
    except ImportError:
        _unavailable("Playwright for Python is not installed")
    return sync_api


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def base_url(project: Path) -> Iterator[str]:
    with served(project / "site") as url:
        yield url


#: what a scraper might write next to the seeds: where each page ran and when it was saved
#: (example addresses: the seeds' real ones are not known)
SOURCES_CSV = """file,url,outlet,captured
000_8bb8fe3a16987cf8.txt,https://wire.example/2025/02/bmw-battery/,Wire Example,2025-02-10
001_ce56be4b87a4730c.txt,https://www.teslarati.example/heat-pumps/,Teslarati,2025-02-11 09:30
002_fcae5229a781df06.txt,https://volts.example/vw-bosch/,,2025-02-12
"""


@pytest.fixture(scope="session")
def attributed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds site with a `seeds/sources.csv`: outlets, originals, days first seen."""
    base = tmp_path_factory.mktemp("attributed")
    seeds = base / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "sources.csv").write_text(SOURCES_CSV, encoding="utf-8")
    return build_project(base / "project", seeds)


@pytest.fixture(scope="session")
def attributed_url(attributed: Path) -> Iterator[str]:
    with served(attributed / "site") as url:
        yield url


@pytest.fixture(scope="session")
def browser(sync_api) -> Iterator:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Tab:
    """A page in one colour scheme that records console errors and uncaught exceptions."""

    def __init__(self, browser, base_url: str, scheme: str) -> None:
        self.context = browser.new_context(
            color_scheme=scheme, viewport={"width": 1280, "height": 900}, base_url=base_url
        )
        self.context.set_default_timeout(TIMEOUT)
        self.scheme = scheme
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on(
            "console",
            lambda msg: (
                self.errors.append(f"console {msg.type}: {msg.text} ({self.page.url})")
                if msg.type == "error"
                else None
            ),
        )
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.page.on("requestfailed", self._request_failed)

    def _request_failed(self, request) -> None:
        # (a request still in flight when a click opens the next page, the favicon's often,
        # is cancelled by the browser: net::ERR_ABORTED is no fault of the site's)
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"request failed: {request.url} {request.failure}")

    def open(self, path: str) -> None:
        response = self.page.goto(path, wait_until="load")
        assert response is not None and response.ok, f"{path}: {response and response.status}"

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}-{self.scheme}.png"))

    def close(self) -> None:
        self.context.close()


@pytest.fixture(params=SCHEMES)
def tab(request, browser, base_url: str) -> Iterator[Tab]:
    tab = Tab(browser, base_url, request.param)
    yield tab
    try:
        # (4) no console errors, no uncaught exception, no failed request on any page visited
        assert tab.errors == [], "\n".join(tab.errors)
    finally:
        tab.close()


def articles(project: Path) -> list:
    """The built articles, as front-matter dicts, in the site's newest-first order."""
    from generator.model import Article

    metas = [read_page(p)[0] for p in sorted((project / "docs" / "articles").glob("*.md"))]
    by_id = {m["id"]: m for m in metas}
    stubs = [
        Article(
            m["id"],
            m["title"],
            "",
            None,
            [],
            m["date"],
            None,
            [],
            [],
            [],
            first_seen=m["first_seen"],
        )
        for m in metas
    ]
    return [by_id[a.id] for a in newest_first(stubs)]


def test_home_page_shows_the_latest_articles(tab: Tab, project: Path) -> None:
    tab.open("")
    page = tab.page
    assert page.title() == "EV Digest"
    # (the seeds state no date: one day, the day the committed ledger first saw them)
    day = page.locator("article h2").first.inner_text().strip(" ¶\n")
    assert day == "First seen Monday, 7 December 2026 (no date stated)"
    latest = page.locator("article.md-content__inner h2:not(#topics) + ul > li > a:first-child")
    expected = [a["title"] for a in articles(project)]
    shown = [text.strip() for text in latest.all_inner_texts()]
    assert shown[:5] == expected[:5]
    assert len(shown) == min(len(expected), 30)
    # the palette follows the reader's system setting
    scheme = page.get_attribute("body", "data-md-color-scheme")
    assert scheme == ("slate" if tab.scheme == "dark" else "default")
    tab.shot("home")


#: a word of the fourth body paragraph of the Starfall article, in no title, deck or
#: summary and in no other article: only a full-text index finds it
BODY_ONLY = "pharmaceuticals"


def _search(tab: Tab, query: str):
    """Focus the header's search box with `/`, type `query`; the results (a locator)."""
    page = tab.page
    page.keyboard.press("/")
    box = page.locator("input.evd-search__input")
    assert box.evaluate("box => box === document.activeElement"), "/ did not focus the box"
    page.keyboard.type(query)
    return page.locator(".evd-search__result")


def _opened_starfall(tab: Tab) -> None:
    page = tab.page
    # instant loading swaps the page in place (history.pushState): no "load" event
    page.wait_for_url(re.compile(r"/articles/spacex-is-launching-[^/]+/"), wait_until="commit")
    heading = page.locator("article h1", has_text=STARFALL)
    heading.wait_for(state="visible")
    assert "Found in 2 scrapes" in page.locator("article").inner_text()


def test_search_finds_starfall_and_opens_the_article(tab: Tab) -> None:
    tab.open("")
    result = _search(tab, "Starfall").filter(has_text=STARFALL).first
    result.wait_for(state="visible")
    # title, date (the seeds state none), topic chips, the word marked in an excerpt
    assert result.locator(".evd-search__date").inner_text() == "Undated"
    chips = result.locator(".evd-search__chip").all_inner_texts()
    assert chips == ["Manufacturing and supply chain", "Space and Musk ventures"]
    assert "Starfall" in result.locator(".evd-search__excerpt mark").all_inner_texts()
    tab.shot("search")
    result.click()
    _opened_starfall(tab)
    tab.shot("article")


def test_search_finds_a_word_only_in_a_body_paragraph_and_enter_opens_it(
    tab: Tab, project: Path
) -> None:
    for meta in articles(project):
        for field in ("title", "summary"):
            assert BODY_ONLY not in (meta.get(field) or "").lower(), (meta["id"], field)
    tab.open("archive/")
    results = _search(tab, BODY_ONLY)
    results.first.wait_for(state="visible")
    assert results.count() == 1
    assert results.first.locator(".evd-search__title").inner_text() == STARFALL
    marked = results.first.locator(".evd-search__excerpt mark").all_inner_texts()
    assert [word.lower().strip(",.") for word in marked] == [BODY_ONLY]
    tab.shot("search-body-word")
    tab.page.keyboard.press("Enter")
    _opened_starfall(tab)
    assert BODY_ONLY in tab.page.locator("article").inner_text()


def test_archive_lists_every_article(tab: Tab, project: Path) -> None:
    tab.open("archive/")
    page = tab.page
    assert page.locator("article h1").first.inner_text().strip().startswith("Archive")
    shown = page.locator("article.md-content__inner li a").all_inner_texts()
    for article in articles(project):
        assert article["title"] in shown
    if not any(a["date"] for a in articles(project)):
        assert page.locator("h2#undated").is_visible()
    tab.shot("archive")


def _topic_with_most_articles(project: Path) -> tuple[str, list[str]] | None:
    topics: dict[str, list[str]] = {}
    for article in articles(project):
        for topic in article["topics"]:
            topics.setdefault(topic, []).append(article["title"])
    pages = project / "docs" / "topics"
    candidates = [(t, titles) for t, titles in topics.items() if (pages / f"{t}.md").is_file()]
    return max(candidates, key=lambda c: (len(c[1]), c[0])) if candidates else None


def test_topic_page_lists_its_articles(tab: Tab, project: Path) -> None:
    found = _topic_with_most_articles(project)
    if found is None:
        pytest.skip("no topic pages generated")
    topic, titles = found
    tab.open(f"topics/{topic}/")
    shown = tab.page.locator("article.md-content__inner li a").all_inner_texts()
    for title in titles:
        assert title in shown, f"{title!r} missing from the {topic} page"
    tab.shot("topic")


def test_article_links_to_its_topics_and_feed(tab: Tab, project: Path) -> None:
    tab.open("articles/spacex-is-launching-a-secret-spacecraft-that-could-352ed8/")
    page = tab.page
    feed = page.locator("link[rel='alternate'][type='application/rss+xml']").first
    href = feed.get_attribute("href")
    assert href and href.endswith("feeds/all.xml")
    response = page.request.get(urljoin(page.url, href))
    assert response.ok and b"<rss" in response.body()
    meta = read_page(
        project
        / "docs"
        / "articles"
        / "spacex-is-launching-a-secret-spacecraft-that-could-352ed8.md"
    )[0]
    if meta["topics"]:
        # the topics are the tags above the title, listed once (no second "Topics:" line)
        assert "Topics:" not in page.locator("article").inner_text()
        link = page.locator("a.md-tag").first
        link.click()
        page.wait_for_url(re.compile(r"/tags/"), wait_until="commit")
        page.locator("article h1").first.wait_for(state="visible")


def test_article_names_and_links_its_outlets(
    browser, attributed_url: str, attributed: Path
) -> None:
    for scheme in SCHEMES:
        tab = Tab(browser, attributed_url, scheme)
        try:
            tab.open("articles/tesla-orders-450k-heat-pumps-for-giga-shanghai-ad2b6c/")
            reported = tab.page.locator("p.evd-reported")
            assert reported.inner_text().strip() == "Reported by Teslarati"
            link = reported.locator("a")
            assert link.get_attribute("href") == "https://www.teslarati.example/heat-pumps/"
            og = tab.page.locator("meta[name='twitter:data1']").get_attribute("content")
            assert og == "Teslarati"
            tab.shot("article-attributed")
            assert tab.errors == [], "\n".join(tab.errors)
        finally:
            tab.close()
    merged = next(
        read_page(p)[0]
        for p in sorted((attributed / "docs" / "articles").glob("*.md"))
        if len(read_page(p)[0]["sources"]) == 2
    )
    tab = Tab(browser, attributed_url, "light")
    try:
        tab.open(f"articles/{merged['id']}/")
        reported = tab.page.locator("p.evd-reported")
        # the earliest saved first; not linked: each page's address is its lead story's,
        # and this story is the second one both pages carry
        assert reported.inner_text().strip() == "Reported by Wire Example and Teslarati"
        assert reported.locator("a").count() == 0
    finally:
        tab.close()


def test_home_page_groups_stories_by_day_with_charts(browser, attributed_url: str) -> None:
    for scheme in SCHEMES:
        tab = Tab(browser, attributed_url, scheme)
        try:
            tab.open("")
            days = [d.strip(" ¶\n") for d in tab.page.locator("article h2").all_inner_texts()]
            assert days[:3] == [
                "First seen Wednesday, 12 February 2025 (no date stated)",
                "First seen Tuesday, 11 February 2025 (no date stated)",
                "First seen Monday, 10 February 2025 (no date stated)",
            ]
            assert days[-1] == "Topics"
            first = tab.page.locator("article h2 + ul > li").first
            assert "volts.example" in first.inner_text()  # (no outlet named: the host)
            assert first.locator("a.evd-chip").count() >= 1
            sparks = tab.page.locator("svg.evd-spark")
            assert sparks.count() == tab.page.locator("h2#topics + ul > li").count()
            assert sparks.first.locator("rect").count() == 26
            tab.shot("home-attributed")
            tab.open("topics/manufacturing-and-supply-chain/")
            chart = tab.page.locator("figure.evd-activity svg.evd-chart")
            assert chart.is_visible()
            label = chart.get_attribute("aria-label") or ""
            assert "stories in the 26 weeks from" in label and "2025-02-12" in label
            tab.shot("topic-attributed")
            assert tab.errors == [], "\n".join(tab.errors)
        finally:
            tab.close()


@pytest.fixture(scope="session")
def with_event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds site with three more scrapes: two outlets on one recall, and another
    story of the same company (tests/fixtures/events)."""
    base = tmp_path_factory.mktemp("events")
    seeds = base / "seeds"
    shutil.copytree(SEEDS, seeds)
    shutil.copytree(FIXTURES / "events", seeds / "events")
    return build_project(base / "project", seeds)


def test_an_event_shows_once_with_its_related_coverage(browser, with_event: Path) -> None:
    with served(with_event / "site") as url:
        for scheme in SCHEMES:
            tab = Tab(browser, url, scheme)
            try:
                tab.open("")
                entries = tab.page.locator("article h2 + ul > li")
                recalls = [t for t in entries.all_inner_texts() if "seat-belt" in t]
                assert len(recalls) == 1  # (the other article of the event is under it)
                line = tab.page.locator("span.evd-related")
                assert line.count() == 1 and line.is_visible()
                assert line.inner_text().startswith("Related coverage from 2 sources:")
                tab.shot("home-event")
                line.locator("a").first.click()
                tab.page.wait_for_load_state("load")
                section = tab.page.locator("h2#related-coverage")
                assert section.is_visible()
                back = tab.page.locator("h2#related-coverage + ul a")
                assert back.count() == 1
                back.click()
                tab.page.wait_for_load_state("load")
                assert tab.page.locator("h2#related-coverage").is_visible()
                tab.shot("article-event")
                assert tab.errors == [], "\n".join(tab.errors)
            finally:
                tab.close()


def test_missing_browser_skips_outside_ci_and_fails_under_ci(monkeypatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no browser"):
        _unavailable("no browser: /usr/bin/chromium not found")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        _unavailable("no browser: /usr/bin/chromium not found")


def test_serve_shows_curation_errors_in_the_page(browser, tmp_path: Path) -> None:
    """Under `mkdocs serve` a topic file's mistake is shown on the page, file:line."""
    from .test_serve import fetch, make_project, served, wait_for

    project = make_project(tmp_path)
    topic = project / "topics" / "china.yml"
    topic.write_text(
        topic.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8"
    )
    with served(project, tmp_path / "serve.log") as base:
        assert wait_for(lambda: fetch(f"{base}/") is not None), "site not served"
        tab = Tab(browser, base + "/", "light")
        try:
            tab.open("")
            box = tab.page.locator("article .admonition.failure")
            assert box.is_visible()
            text = box.inner_text()
            assert "The curation files have problems" in text
            assert re.search(r"china\.yml:\d+: titel: unknown key, did you mean 'title'\?", text)
            tab.shot("serve-curation-error")
        finally:
            tab.close()
