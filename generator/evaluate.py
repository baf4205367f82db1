"""Evaluation: measure segmentation, cleaning, metadata and dedup against labelled pages.

A corpus folder holds scraped pages and, for each, a `<stem>.labels.yaml`
(format in tests/corpus/README.md). The figures printed by `ev-digest eval`
are the ones the evaluation gate in the test suite holds to its targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import yaml

from .build import process_file
from .clean import drop_known_headlines, drop_recurring_boilerplate
from .dedup import group_instances
from .fingerprint import fingerprint
from .model import Instance
from .text import normalize

TARGETS = {
    "title_f1": 0.97,
    "boilerplate_leaks": 0,
    "dup_pair_precision": 0.99,
    "dup_pair_recall": 0.98,
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


@dataclass
class Evaluation:
    pages: int = 0
    articles: int = 0
    title_tp: int = 0
    title_fp: int = 0
    title_fn: int = 0
    untitled_leads: int = 0
    untitled_leads_found: int = 0
    leaks: list[str] = field(default_factory=list)
    wrongly_dropped: list[str] = field(default_factory=list)
    dup_tp: int = 0
    dup_fp: int = 0
    dup_fn: int = 0
    dates_right: int = 0
    dates_total: int = 0
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

    @property
    def title_f1(self) -> float:
        p, r = self.title_precision, self.title_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def dup_pair_precision(self) -> float:
        return self._ratio(self.dup_tp, self.dup_tp + self.dup_fp)

    @property
    def dup_pair_recall(self) -> float:
        return self._ratio(self.dup_tp, self.dup_tp + self.dup_fn)

    def figures(self) -> dict[str, float | int]:
        return {
            "pages": self.pages,
            "articles": self.articles,
            "title_precision": round(self.title_precision, 4),
            "title_recall": round(self.title_recall, 4),
            "title_f1": round(self.title_f1, 4),
            "untitled_leads_found": self.untitled_leads_found,
            "untitled_leads": self.untitled_leads,
            "boilerplate_leaks": len(self.leaks),
            "body_lines_wrongly_dropped": len(self.wrongly_dropped),
            "dup_pair_precision": round(self.dup_pair_precision, 4),
            "dup_pair_recall": round(self.dup_pair_recall, 4),
            "date_accuracy": round(self._ratio(self.dates_right, self.dates_total), 4),
            "dates_labelled": self.dates_total,
            "author_accuracy": round(self._ratio(self.authors_right, self.authors_total), 4),
            "authors_labelled": self.authors_total,
        }

    def failures(self) -> list[str]:
        figures = self.figures()
        failed = []
        for name, target in TARGETS.items():
            value = figures[name]
            ok = value <= target if name == "boilerplate_leaks" else value >= target
            if not ok:
                failed.append(
                    f"{name} = {value}, target {'≤' if name == 'boilerplate_leaks' else '≥'} {target}"
                )
        return failed


def load_labels(folder: Path) -> dict[str, tuple[list[LabelledArticle], list[str], list[str]]]:
    """page -> (articles, boilerplate lines, lines to keep)."""
    labels = {}
    for path in sorted(folder.rglob("*.labels.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        page = (path.parent / data["page"]).relative_to(folder).as_posix()
        articles = [
            LabelledArticle(
                page=page,
                index=i,
                title=a.get("title"),
                section=a.get("section"),
                first_words=a.get("first_words") or "",
                date=a.get("date"),
                has_date="date" in a,
                authors=a.get("authors"),
                story=a.get("story"),
            )
            for i, a in enumerate(data.get("articles") or [])
        ]
        labels[page] = (articles, data.get("boilerplate") or [], data.get("keep") or [])
    return labels


def _body(instance: Instance) -> str:
    return normalize(" ".join(block.text for block in instance.blocks))


def _match(label: LabelledArticle, instances: list[Instance], used: set[int]) -> int | None:
    """The instance that carries a labelled article: same title, else same opening words."""
    title = normalize(label.title) if label.title else None
    opening = normalize(label.first_words)
    for k, inst in enumerate(instances):
        if k not in used and title and inst.headline and normalize(inst.headline) == title:
            return k
    for k, inst in enumerate(instances):
        if k not in used and opening and opening in _body(inst)[: len(opening) + 400]:
            return k
    return None


def evaluate(folder: Path) -> Evaluation:
    labels = load_labels(folder)
    result = Evaluation(pages=len(labels))
    page_instances: dict[str, list[Instance]] = {}
    for page in labels:
        page_instances[page] = list(process_file(folder / page, folder).instances)
    all_instances = [inst for page in labels for inst in page_instances[page]]
    cleaned, _ = drop_known_headlines(drop_recurring_boilerplate(all_instances)[0])
    by_key = {inst.key: inst for inst in cleaned}
    mapping: dict[tuple[str, int], str] = {}
    for page, (articles, boilerplate, keep) in labels.items():
        instances = [by_key[inst.key] for inst in page_instances[page]]
        result.articles += len(articles)
        _score_titles(result, page, articles, instances)
        used: set[int] = set()
        for label in articles:
            k = _match(label, instances, used)
            if k is None:
                result.misses.append(
                    f"{page}: article not found: {label.title or label.first_words!r}"
                )
                continue
            used.add(k)
            mapping[(page, label.index)] = instances[k].key
            _score_metadata(result, label, instances[k])
        bodies = [block.text for inst in instances for block in inst.blocks]
        normalized_bodies = [normalize(text) for text in bodies]
        joined = " \n ".join(normalized_bodies)
        for line in boilerplate:
            key = normalize(line)
            leaked = key and (key in normalized_bodies if len(key.split()) < 5 else key in joined)
            if leaked:
                result.leaks.append(f"{page}: {line}")
        for line in keep:
            if normalize(line) not in joined:
                result.wrongly_dropped.append(f"{page}: {line}")
    _score_duplicates(result, labels, mapping, cleaned)
    return result


def _score_titles(
    result: Evaluation, page: str, articles: list[LabelledArticle], instances: list[Instance]
) -> None:
    expected = [normalize(a.title) for a in articles if a.title]
    found = [normalize(i.headline) for i in instances if i.headline]
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


def _score_metadata(result: Evaluation, label: LabelledArticle, inst: Instance) -> None:
    if label.has_date:
        result.dates_total += 1
        if (inst.date or None) == (str(label.date) if label.date else None):
            result.dates_right += 1
        else:
            result.misses.append(f"{label.page}: date {inst.date!r}, expected {label.date!r}")
    if label.authors is not None:
        result.authors_total += 1
        if sorted(inst.authors) == sorted(label.authors):
            result.authors_right += 1
        else:
            result.misses.append(
                f"{label.page}: authors {list(inst.authors)}, expected {label.authors}"
            )


def _score_duplicates(
    result: Evaluation,
    labels: dict,
    mapping: dict[tuple[str, int], str],
    instances: list[Instance],
) -> None:
    story_of = {
        mapping[(page, a.index)]: a.story or f"{page}#{a.index}"
        for page, (articles, _, _) in labels.items()
        for a in articles
        if (page, a.index) in mapping
    }
    ordered = sorted(instances, key=lambda i: (i.source, i.position))
    groups, _ = group_instances(ordered, [fingerprint(inst) for inst in ordered])
    predicted = {
        tuple(sorted((ordered[a].key, ordered[b].key)))
        for members in groups
        for a, b in combinations(members, 2)
        if ordered[a].key in story_of and ordered[b].key in story_of
    }
    truth = {
        tuple(sorted((x, y)))
        for x, y in combinations(sorted(story_of), 2)
        if story_of[x] == story_of[y]
    }
    result.dup_tp = len(predicted & truth)
    result.dup_fp = len(predicted - truth)
    result.dup_fn = len(truth - predicted)
    result.misses += [f"false merge: {a} + {b}" for a, b in sorted(predicted - truth)]
    result.misses += [f"missed duplicate: {a} + {b}" for a, b in sorted(truth - predicted)]


def format_report(evaluation: Evaluation, verbose: bool = False) -> str:
    f = evaluation.figures()
    lines = [
        f"pages: {f['pages']}, labelled articles: {f['articles']}",
        f"titles: precision {f['title_precision']:.3f}, recall {f['title_recall']:.3f}, F1 {f['title_f1']:.3f}",
        f"lead articles without a headline detected: {f['untitled_leads_found']}/{f['untitled_leads']}",
        f"boilerplate lines leaked into bodies: {f['boilerplate_leaks']}",
        f"body lines wrongly dropped: {f['body_lines_wrongly_dropped']}",
        f"duplicate pairs: precision {f['dup_pair_precision']:.3f}, recall {f['dup_pair_recall']:.3f}",
        f"dates: {f['date_accuracy']:.3f} of {f['dates_labelled']} labelled; "
        f"authors: {f['author_accuracy']:.3f} of {f['authors_labelled']} labelled",
    ]
    failures = evaluation.failures()
    lines.append("targets: " + ("all met" if not failures else "MISSED: " + "; ".join(failures)))
    if verbose:
        lines += ["", *evaluation.leaks, *evaluation.wrongly_dropped, *evaluation.misses]
    return "\n".join(lines)
