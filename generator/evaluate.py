"""Evaluation: run the build's own stages on labelled pages and score what a reader would see.

A corpus folder holds scraped pages and, for each, a `<stem>.labels.yaml`
(format in tests/corpus/README.md and tests/corpus/unseen/README.md). The
pages are built exactly as `ev-digest build` builds seeds (`build.collect`:
read, segment, clean, the build-wide passes, dedup), and the figures are
taken from its instances and merged articles. A sub-folder is another corpus,
scored on its own.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import yaml

from .build import BuildOptions, classify, collect
from .curation import load_curation
from .events import link_events, set_events
from .head import HeadModel
from .model import Article, Instance
from .text import normalize

#: the issue's targets (printed by `ev-digest eval`); the CI gate pins its own floors
TARGETS = {
    "title_f1": 0.97,
    "boilerplate_leaks": 0,
    "dup_pair_precision": 0.99,
    "dup_pair_recall": 0.98,
}
#: figures where lower is better
COUNTS = {
    "boilerplate_leaks",
    "body_lines_wrongly_dropped",
    "junk_articles",
    "teaser_pages",
    "teasers_misattached",
    "truncated_headlines",
    "dates_wrong",
    "event_merges",
}


@dataclass
class LabelledArticle:
    page: str
    index: int
    title: str | None
    section: str | None
    first_words: str
    date: str | None = None
    has_date: bool = False
    authors: list[str] | None = None
    story: str | None = None
    event: str | None = None


@dataclass
class LabelledTeaser:
    page: str
    title: str | None
    first_words: str | None
    story: str | None


@dataclass
class PageLabels:
    page: str
    site: str
    articles: list[LabelledArticle]
    teasers: list[LabelledTeaser]
    boilerplate: list[str]
    keep: list[str]


@dataclass
class Evaluation:
    pages: int = 0
    articles: int = 0
    title_tp: int = 0
    title_fp: int = 0
    title_fn: int = 0
    truncated_headlines: int = 0
    body_starts_right: int = 0
    untitled_leads: int = 0
    untitled_leads_found: int = 0
    junk: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    wrongly_dropped: list[str] = field(default_factory=list)
    dup_tp: int = 0
    dup_fp: int = 0
    dup_fn: int = 0
    event_merges: int = 0
    #: pairs of different labelled articles (not copies of one), linked as one event or
    #: not, against their labels; BCubed sums over the labelled articles
    event_tp: int = 0
    event_fp: int = 0
    event_fn: int = 0
    bcubed_precision_sum: float = 0.0
    bcubed_recall_sum: float = 0.0
    bcubed_items: int = 0
    #: copies of one article (one `story` label) made two stories linked as one event: the
    #: merge tier's miss, shown as related coverage
    copies_linked: int = 0
    teasers_known: int = 0
    teasers_attached: int = 0
    teasers_misattached: int = 0
    teaser_pages: int = 0
    dates_total: int = 0
    dates_right: int = 0
    dates_stated: int = 0
    dates_found: int = 0
    dates_wrong: int = 0
    authors_right: int = 0
    authors_total: int = 0
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def title_precision(self) -> float:
        return self._ratio(self.title_tp, self.title_tp + self.title_fp)

    @property
    def title_recall(self) -> float:
        return self._ratio(self.title_tp, self.title_tp + self.title_fn)

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def title_f1(self) -> float:
        return self._f1(self.title_precision, self.title_recall)

    @property
    def event_precision(self) -> float:
        return self._ratio(self.event_tp, self.event_tp + self.event_fp)

    @property
    def event_recall(self) -> float:
        return self._ratio(self.event_tp, self.event_tp + self.event_fn)

    @property
    def event_f1(self) -> float:
        return self._f1(self.event_precision, self.event_recall)

    @property
    def bcubed_f1(self) -> float:
        return self._f1(
            self._ratio(self.bcubed_precision_sum, self.bcubed_items),
            self._ratio(self.bcubed_recall_sum, self.bcubed_items),
        )

    @property
    def dup_pair_precision(self) -> float:
        return self._ratio(self.dup_tp, self.dup_tp + self.dup_fp)

    @property
    def dup_pair_recall(self) -> float:
        return self._ratio(self.dup_tp, self.dup_tp + self.dup_fn)

    def add(self, other: Evaluation) -> None:
        """Add another evaluation's counts to this one (leave-one-site-out sums its runs)."""
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    def figures(self) -> dict[str, float | int]:
        return {
            "pages": self.pages,
            "articles": self.articles,
            "title_precision": round(self.title_precision, 4),
            "title_recall": round(self.title_recall, 4),
            "title_f1": round(self.title_f1, 4),
            "truncated_headlines": self.truncated_headlines,
            "body_start_accuracy": round(self._ratio(self.body_starts_right, self.articles), 4),
            "untitled_leads_found": self.untitled_leads_found,
            "untitled_leads": self.untitled_leads,
            "headless_leads_found": round(
                self._ratio(self.untitled_leads_found, self.untitled_leads), 4
            ),
            "junk_articles": len(self.junk),
            "boilerplate_leaks": len(self.leaks),
            "body_lines_wrongly_dropped": len(self.wrongly_dropped),
            "dup_pair_precision": round(self.dup_pair_precision, 4),
            "dup_pair_recall": round(self.dup_pair_recall, 4),
            "event_merges": self.event_merges,
            "event_pairs": self.event_tp + self.event_fn,
            "event_precision": round(self.event_precision, 4),
            "event_recall": round(self.event_recall, 4),
            "event_f1": round(self.event_f1, 4),
            "event_bcubed_f1": round(self.bcubed_f1, 4),
            "copies_linked": self.copies_linked,
            "teasers_known": self.teasers_known,
            "teasers_attached": round(self._ratio(self.teasers_attached, self.teasers_known), 4),
            "teasers_misattached": self.teasers_misattached,
            "teaser_pages": self.teaser_pages,
            "date_accuracy": round(self._ratio(self.dates_right, self.dates_total), 4),
            "dates_labelled": self.dates_total,
            "dates_found": round(self._ratio(self.dates_found, self.dates_stated), 4),
            "dates_stated": self.dates_stated,
            "dates_wrong": self.dates_wrong,
            "author_accuracy": round(self._ratio(self.authors_right, self.authors_total), 4),
            "authors_labelled": self.authors_total,
        }

    def failures(self) -> list[str]:
        figures = self.figures()
        failed = []
        for name, target in TARGETS.items():
            value = figures[name]
            lower = name in COUNTS
            if not (value <= target if lower else value >= target):
                failed.append(f"{name} = {value}, target {'≤' if lower else '≥'} {target}")
        return failed


def is_corpus(folder: Path) -> bool:
    return any(folder.glob("*.labels.yaml"))


def load_labels(folder: Path) -> dict[str, PageLabels]:
    """page (relative to `folder`) -> its labels; sub-folders are corpora of their own."""
    labels: dict[str, PageLabels] = {}
    for path in sorted(folder.glob("*.labels.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        page = str(data["page"])
        articles = [
            LabelledArticle(
                page=page,
                index=i,
                title=a.get("title"),
                section=a.get("section"),
                first_words=a.get("first_words") or "",
                date=str(a["date"]) if a.get("date") else None,
                has_date="date" in a,
                authors=a.get("authors"),
                story=a.get("story"),
                event=a.get("event"),
            )
            for i, a in enumerate(data.get("articles") or [])
        ]
        teasers = [
            LabelledTeaser(page, t.get("title"), t.get("first_words"), t.get("story"))
            for t in data.get("teasers") or []
        ]
        labels[page] = PageLabels(
            page=page,
            site=str(data.get("site") or _site_from_name(Path(page).name)),
            articles=articles,
            teasers=teasers,
            boilerplate=data.get("boilerplate") or [],
            keep=data.get("keep") or [],
        )
    return labels


#: tools whose name a page's file name gives before the site's ("043_jina_insideevs_…")
_CAPTURE_TOOLS = {"jina", "markdownify", "clipper", "html2text"}


def _site_from_name(name: str) -> str:
    """The site a page of the first corpus imitates: "004_teslarati_compact_…" -> teslarati."""
    parts = name.split("_")
    if len(parts) > 2 and parts[1] in _CAPTURE_TOOLS:
        return parts[2]
    return parts[1] if len(parts) > 1 else name


@dataclass
class Extraction:
    """What the build made of a corpus: each page's instances (after the build-wide passes)
    and the merged articles."""

    instances: dict[str, list[Instance]]
    articles: list[Article]

    def article_of(self) -> dict[str, Article]:
        return {key: article for article in self.articles for key in article.instances}


def extract(
    folder: Path,
    pages: Iterable[str],
    head_model: HeadModel | None = None,
    topics: Path | None = None,
    link: bool = True,
) -> Extraction:
    """Build the labelled pages (only them: a corpus folder also holds labels and notes)
    with the build's own stages, in a scratch seeds folder; with `topics` (a curation
    folder: its companies are what the event stage reads), the stories are classified
    and (unless not `link`) linked into events too."""
    pages = list(pages)
    with tempfile.TemporaryDirectory(prefix="evdigest-eval-") as scratch:
        seeds = Path(scratch) / "seeds"
        for page in pages:
            target = seeds / page
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / page, target)
        options = BuildOptions(
            seeds=seeds,
            topics=Path(scratch) / "topics",
            docs=Path(scratch) / "docs",
            use_cache=False,
            workers=1,
            head_model=head_model,
        )
        result = collect(options)
    if topics is not None:
        classify(result.articles, load_curation(topics))
        if link:
            set_events(result.articles, link_events(result.articles))
    instances: dict[str, list[Instance]] = {page: [] for page in pages}
    for inst in result.instances:
        instances[inst.source].append(inst)
    return Extraction(instances, result.articles)


def evaluate(folder: Path, topics: Path | None = None) -> Evaluation:
    labels = load_labels(folder)
    return score(labels, extract(folder, labels, topics=topics))


def evaluate_unseen_sites(
    folder: Path, training: list[Path], topics: Path | None = None
) -> Evaluation | None:
    """The figures leaving one site out: for each site of the corpus, the head scorers are
    trained on every other site of the `training` corpora, the corpus is built with them
    (its stories linked into events with `topics`' companies, as `evaluate` does), and
    only that site's pages are scored. None when no site of the corpus is in the
    training corpora (the plain figures are then already on unseen sites)."""
    from .head_train import examples, fit

    labels = load_labels(folder)
    pool = [example for corpus in training for example in examples(corpus)]
    trained_on = {example.site for example in pool}
    sites = sorted({page.site for page in labels.values()})
    if trained_on.isdisjoint(sites):
        return None
    total = Evaluation()
    for site in sites:
        model = fit([example for example in pool if example.site != site])
        pages = {page for page, page_labels in labels.items() if page_labels.site == site}
        total.add(score(labels, extract(folder, labels, model, topics), pages))
    return total


def score(
    labels: dict[str, PageLabels], extraction: Extraction, pages: set[str] | None = None
) -> Evaluation:
    """The figures of the labelled `pages` (all by default); the other labelled pages are
    matched too, as the pairs of copies and the teasers of a story cross pages."""
    result = Evaluation(pages=len(pages) if pages is not None else len(labels))
    article_of = extraction.article_of()
    mapping = matched(labels, extraction)
    teaser_of: dict[str, LabelledTeaser] = {}  # instance key -> the teaser it is
    for page, page_labels in labels.items():
        # (the other pages' figures go to a scratch evaluation)
        page_result = result if pages is None or page in pages else Evaluation()
        instances = extraction.instances[page]
        position = {inst.key: k for k, inst in enumerate(instances)}
        page_result.articles += len(page_labels.articles)
        used: set[int] = set()
        for label in page_labels.articles:
            key = mapping.get((page, label.index))
            if key is None:
                page_result.misses.append(
                    f"{page}: article not found: {label.title or label.first_words!r}"
                )
                continue
            used.add(position[key])
            _score_article(page_result, label, instances[position[key]], article_of.get(key))
        found = _score_teasers(page_result, page_labels, instances, used, article_of)
        teaser_of.update(found)
        _score_titles(page_result, page, page_labels.articles, instances, set(found))
        for k, inst in enumerate(instances):
            shown = not inst.teaser or _heads_page(inst, article_of)
            if k not in used and inst.key not in found and shown:
                page_result.junk.append(f"{page}: {inst.headline or _opening(inst)!r}")
        _score_lines(page_result, page_labels, instances)
    _score_duplicates(result, labels, mapping, extraction, pages, teaser_of)
    _score_events(result, labels, mapping, extraction, pages)
    result.misses += [f"junk article: {junk}" for junk in result.junk]
    return result


def matched(labels: dict[str, PageLabels], extraction: Extraction) -> dict[tuple[str, int], str]:
    """(page, index of a labelled article) -> the key of the instance the build made of it,
    for the articles it made."""
    mapping: dict[tuple[str, int], str] = {}
    for page, page_labels in labels.items():
        instances = extraction.instances[page]
        used = {k for k, inst in enumerate(instances) if inst.teaser}  # (never an article)
        for label in page_labels.articles:
            k = _match(label.title, label.first_words, instances, used)
            if k is not None:
                used.add(k)
                mapping[(page, label.index)] = instances[k].key
    return mapping


def _body(instance: Instance) -> str:
    return normalize(" ".join(block.text for block in instance.blocks))


def _opening(instance: Instance) -> str:
    return " ".join(_body(instance).split()[:12])


def _match(
    title: str | None, first_words: str | None, instances: list[Instance], used
) -> int | None:
    """The instance that carries a labelled article or teaser: same title, else same opening."""
    key = normalize(title) if title else None
    for k, inst in enumerate(instances):
        if k not in used and key and inst.headline and normalize(inst.headline) == key:
            return k
    opening = normalize(first_words or "")
    for k, inst in enumerate(instances):
        if k not in used and opening and opening in _body(inst)[: len(opening) + 400]:
            return k
    return None


def _score_article(
    result: Evaluation, label: LabelledArticle, inst: Instance, article: Article | None
) -> None:
    opening = normalize(label.first_words)
    if opening and _body(inst).startswith(opening):
        result.body_starts_right += 1
    else:
        result.misses.append(
            f"{label.page}: body starts {_opening(inst)!r}, expected {label.first_words!r}"
        )
    if label.title and article is not None and article.title != label.title:
        shown = normalize(article.title.rstrip("…"))
        if article.title_source == "derived" and normalize(label.title).startswith(shown):
            result.truncated_headlines += 1
            result.misses.append(f"{label.page}: printed headline cut: {article.title!r}")
    if label.has_date:
        result.dates_total += 1
        found = inst.date or None
        if found == label.date:
            result.dates_right += 1
        else:
            result.misses.append(f"{label.page}: date {found!r}, expected {label.date!r}")
        if label.date:
            result.dates_stated += 1
            result.dates_found += found == label.date
        if found and found != label.date:
            result.dates_wrong += 1
    if label.authors is not None:
        result.authors_total += 1
        if sorted(inst.authors) == sorted(label.authors):
            result.authors_right += 1
        else:
            result.misses.append(
                f"{label.page}: authors {list(inst.authors)}, expected {label.authors}"
            )


def _heads_page(inst: Instance, article_of: dict[str, Article]) -> bool:
    article = article_of.get(inst.key)
    return article is not None and article.instances[0] == inst.key


def _score_teasers(
    result: Evaluation,
    page_labels: PageLabels,
    instances: list[Instance],
    used: set[int],
    article_of: dict[str, Article],
) -> dict[str, LabelledTeaser]:
    """The page's labelled teasers found (instance key -> label), the build's teasers first;
    a teaser that heads a page counts."""
    found: dict[str, LabelledTeaser] = {}
    taken = set(used)
    order = sorted(range(len(instances)), key=lambda k: not instances[k].teaser)
    for teaser in page_labels.teasers:
        ranked = [instances[k] for k in order]
        taken_ranked = {order.index(k) for k in taken}
        r = _match(teaser.title, teaser.first_words, ranked, taken_ranked)
        if r is None:
            continue
        k = order[r]
        taken.add(k)
        found[instances[k].key] = teaser
        if _heads_page(instances[k], article_of):
            result.teaser_pages += 1
            result.misses.append(
                f"{page_labels.page}: teaser made a page: {teaser.title or teaser.first_words!r}"
            )
    return found


def _score_titles(
    result: Evaluation,
    page: str,
    articles: list[LabelledArticle],
    instances: list[Instance],
    teaser_keys: set[str],
) -> None:
    expected = [normalize(a.title) for a in articles if a.title]
    found = [
        normalize(i.headline)
        for i in instances
        if i.headline and not i.teaser and i.key not in teaser_keys
    ]
    remaining = list(found)
    for title in expected:
        if title in remaining:
            remaining.remove(title)
            result.title_tp += 1
        else:
            result.title_fn += 1
            result.misses.append(f"{page}: title missed: {title}")
    result.title_fp += len(remaining)
    result.misses += [f"{page}: spurious title: {title}" for title in remaining]
    for label in articles:
        if label.title is None and label.index == 0:
            result.untitled_leads += 1
            lead = instances[0] if instances else None
            if lead and lead.position == 0 and lead.headline is None:
                result.untitled_leads_found += 1


def _score_lines(result: Evaluation, page_labels: PageLabels, instances: list[Instance]) -> None:
    page = page_labels.page
    normalized_bodies = [
        normalize(block.text) for inst in instances if not inst.teaser for block in inst.blocks
    ]
    joined = " \n ".join(normalized_bodies)
    for line in page_labels.boilerplate:
        key = normalize(line)
        leaked = key and (key in normalized_bodies if len(key.split()) < 5 else key in joined)
        if leaked:
            result.leaks.append(f"{page}: {line}")
    for line in page_labels.keep:
        if normalize(line) not in joined:
            result.wrongly_dropped.append(f"{page}: {line}")


def _score_duplicates(
    result: Evaluation,
    labels: dict[str, PageLabels],
    mapping: dict[tuple[str, int], str],
    extraction: Extraction,
    pages: set[str] | None,
    teaser_of: dict[str, LabelledTeaser],
) -> None:
    """Pairs of labelled articles the build merged, against the labelled stories; teasers of
    known stories must have joined their story. A pair counts with its first page."""
    article_of = extraction.article_of()
    label_of = {
        mapping[(page, a.index)]: a
        for page, page_labels in labels.items()
        for a in page_labels.articles
        if (page, a.index) in mapping
    }

    def story(key: str) -> str:
        label = label_of[key]
        return label.story or f"{label.page}#{label.index}"

    pairs = [
        (x, y)
        for x, y in combinations(sorted(label_of), 2)
        if pages is None or label_of[x].page in pages
    ]
    merged = {(x, y) for x, y in pairs if x in article_of and article_of[x] is article_of.get(y)}
    truth = {(x, y) for x, y in pairs if story(x) == story(y)}
    result.dup_tp = len(merged & truth)
    result.dup_fp = len(merged - truth)
    result.dup_fn = len(truth - merged)
    result.misses += [f"false merge: {a} + {b}" for a, b in sorted(merged - truth)]
    result.misses += [f"missed duplicate: {a} + {b}" for a, b in sorted(truth - merged)]
    for a, b in sorted(merged - truth):
        if label_of[a].event and label_of[a].event == label_of[b].event:
            result.event_merges += 1
    stories: dict[str, list[str]] = {}
    for key, label in label_of.items():
        if label.story:
            stories.setdefault(label.story, []).append(key)
    for key, teaser in teaser_of.items():
        home = article_of.get(key)
        if pages is not None and teaser.page not in pages or home is None:
            continue
        right = teaser.story in stories and any(k in home.instances for k in stories[teaser.story])
        if not right:
            result.teasers_misattached += 1
            result.misses.append(
                f"{teaser.page}: teaser joined another story ({home.id}): "
                f"{teaser.title or teaser.first_words!r}"
            )
    for page_labels in labels.values():
        if pages is not None and page_labels.page not in pages:
            continue
        for teaser in page_labels.teasers:
            if not teaser.story or teaser.story not in stories:
                continue
            result.teasers_known += 1
            homes = {
                id(article_of[k]): article_of[k] for k in stories[teaser.story] if k in article_of
            }
            if any(page_labels.page in article.sources for article in homes.values()):
                result.teasers_attached += 1
            else:
                result.misses.append(
                    f"{page_labels.page}: teaser not attached to its story: "
                    f"{teaser.title or teaser.first_words!r}"
                )


def _score_events(
    result: Evaluation,
    labels: dict[str, PageLabels],
    mapping: dict[tuple[str, int], str],
    extraction: Extraction,
    pages: set[str] | None,
) -> None:
    """Same-event links between different labelled articles, against their `event` labels.

    One item per labelled article (copies of one, by `story`, are one item: merging them is
    the merge tier's work, scored with the duplicates); an article the build did not find
    is an item alone. A pair counts with its first page."""
    article_of = extraction.article_of()
    items: dict[str, tuple[str, LabelledArticle]] = {}  # story -> (instance key, label)
    for page, page_labels in labels.items():
        for a in page_labels.articles:
            key = mapping.get((page, a.index))
            if a.event is None or key is None:
                continue
            story = a.story or f"{page}#{a.index}"
            if story in items:
                other = article_of.get(items[story][0])
                mine = article_of.get(key)
                if (
                    mine is not other
                    and mine
                    and other
                    and mine.event
                    and mine.event == other.event
                ):
                    result.copies_linked += 1
                    result.misses.append(f"copies linked, not merged: {story}")
                continue
            items[story] = (key, a)

    def predicted(key: str) -> str:
        article = article_of.get(key)
        if article is None:
            return key
        return article.event or article.id

    stories = sorted(items)
    cluster = {s: predicted(items[s][0]) for s in stories}
    truth = {s: items[s][1].event for s in stories}
    for x, y in combinations(stories, 2):
        first = min(items[x][1].page, items[y][1].page)
        if pages is not None and first not in pages:
            continue
        linked, same = cluster[x] == cluster[y], truth[x] == truth[y]
        if linked and same:
            result.event_tp += 1
        elif linked:
            result.event_fp += 1
            result.misses.append(f"linked, different events: {x} + {y}")
        elif same:
            result.event_fn += 1
            result.misses.append(f"not linked, one event: {x} + {y}")
    for s in stories:
        if pages is not None and items[s][1].page not in pages:
            continue
        mine = {o for o in stories if cluster[o] == cluster[s]}
        gold = {o for o in stories if truth[o] == truth[s]}
        result.bcubed_precision_sum += len(mine & gold) / len(mine)
        result.bcubed_recall_sum += len(mine & gold) / len(gold)
        result.bcubed_items += 1


def format_report(evaluation: Evaluation, verbose: bool = False) -> str:
    f = evaluation.figures()
    lines = [
        f"pages: {f['pages']}, labelled articles: {f['articles']}",
        f"titles: precision {f['title_precision']:.3f}, recall {f['title_recall']:.3f}, "
        f"F1 {f['title_f1']:.3f}; printed headlines cut: {f['truncated_headlines']}",
        f"body starts right: {f['body_start_accuracy']:.3f}; lead articles without a headline "
        f"detected: {f['untitled_leads_found']}/{f['untitled_leads']}",
        f"junk articles: {f['junk_articles']}; boilerplate lines leaked into bodies: "
        f"{f['boilerplate_leaks']}; body lines wrongly dropped: {f['body_lines_wrongly_dropped']}",
        f"duplicate pairs: precision {f['dup_pair_precision']:.3f}, recall "
        f"{f['dup_pair_recall']:.3f}; same-event articles merged: {f['event_merges']}",
        f"same-event links: precision {f['event_precision']:.3f}, recall "
        f"{f['event_recall']:.3f}, F1 {f['event_f1']:.3f} over {f['event_pairs']} labelled "
        f"pairs; BCubed F1 {f['event_bcubed_f1']:.3f}; copies linked instead of merged: "
        f"{f['copies_linked']}",
        f"teasers of known stories attached: {f['teasers_attached']:.3f} of "
        f"{f['teasers_known']}; joined to another story: {f['teasers_misattached']}; "
        f"made a page: {f['teaser_pages']}",
        f"dates: {f['date_accuracy']:.3f} of {f['dates_labelled']} labelled right; stated dates "
        f"found {f['dates_found']:.3f} of {f['dates_stated']}, {f['dates_wrong']} wrong",
        f"authors: {f['author_accuracy']:.3f} of {f['authors_labelled']} labelled",
    ]
    failures = evaluation.failures()
    lines.append("targets: " + ("all met" if not failures else "MISSED: " + "; ".join(failures)))
    if verbose:
        lines += ["", *evaluation.leaks, *evaluation.wrongly_dropped, *evaluation.misses]
    return "\n".join(lines)
