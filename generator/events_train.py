"""Learning the event decision's weights from labelled corpora (`ev-digest train-events`).

Each corpus is built as `ev-digest eval` builds it (classified with the project's
companies); every pair of different labelled stories that the event stage would
consider (sharing uncommon terms, dated within the window) is an example, positive
when their labels name one event. scikit-learn fits a logistic regression; only the
weights and the threshold are shipped (`event_model.json`), so a build needs no
scikit-learn. The two thresholds (the closest story, the event on average) are
those whose events score the best F1 on the corpora with a precision of at least
PRECISION: a wrong link shows a reader a story that is not related, a missed one
only leaves it in the list. Deterministic: the same corpora give the same file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from .evaluate import Evaluation, Extraction, PageLabels, extract, load_labels, matched, score
from .events import FEATURES, EventModel, Similarities, link_events, set_events

#: the precision of links the thresholds are chosen for, on the training corpora
PRECISION = 0.9
REGULARISATION = 1.0
#: the thresholds tried
GRID = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


@dataclass(frozen=True)
class Example:
    pair: str
    values: tuple[float, ...]
    positive: bool


def examples(labels: dict[str, PageLabels], extraction: Extraction) -> list[Example]:
    """Every candidate pair of labelled stories of one built corpus (see the docstring)."""
    article_of = extraction.article_of()
    event_of: dict[str, str] = {}  # article id -> labelled event
    for (page, index), key in matched(labels, extraction).items():
        event = labels[page].articles[index].event
        if event is not None and key in article_of:
            event_of.setdefault(article_of[key].id, event)
    articles = extraction.articles
    sims = Similarities(articles)
    pairs = [
        (i, j)
        for i, j in sims.candidates()
        if articles[i].id in event_of and articles[j].id in event_of
    ]
    return [
        Example(
            f"{articles[i].id} + {articles[j].id}",
            tuple(row.tolist()),
            event_of[articles[i].id] == event_of[articles[j].id],
        )
        for (i, j), row in zip(pairs, sims.features_of(pairs), strict=True)
    ]


def fit(found: list[Example]) -> tuple[list[float], float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=REGULARISATION, class_weight="balanced", max_iter=1000)
    model.fit([e.values for e in found], [e.positive for e in found])
    return [round(float(w), 4) for w in model.coef_[0]], round(float(model.intercept_[0]), 4)


def choose(built: list[tuple[dict[str, PageLabels], Extraction]], model: EventModel) -> dict:
    """The thresholds whose events score best on the corpora: the highest pairwise F1
    among those with precision of at least PRECISION (the most precise, if none)."""
    scored = []
    for threshold in GRID:
        for join in (j for j in GRID if j <= threshold):
            total = Evaluation()
            for labels, extraction in built:
                set_events(
                    extraction.articles,
                    link_events(
                        extraction.articles, replace(model, threshold=threshold, join=join)
                    ),
                )
                total.add(score(labels, extraction))
            scored.append(
                (total.event_precision >= PRECISION, total.event_f1, total.event_precision,
                 threshold, join)
            )  # fmt: skip
    _, f1, precision, threshold, join = max(scored)
    return {
        "threshold": threshold,
        "join": join,
        "f1": round(f1, 4),
        "precision": round(precision, 4),
    }


def train(folders: list[Path], topics: Path) -> dict:
    built = []
    for folder in folders:
        labels = load_labels(folder)
        built.append((labels, extract(folder, labels, topics=topics, link=False)))
    found = [example for labels, extraction in built for example in examples(labels, extraction)]
    weights, bias = fit(found)
    chosen = choose(built, EventModel(tuple(weights), bias, 1.0, 1.0))
    return {
        "features": list(FEATURES),
        "weights": weights,
        "bias": bias,
        "threshold": chosen["threshold"],
        "join": chosen["join"],
        "trained_on": [str(folder) for folder in folders],
        "examples": len(found),
        "positives": sum(e.positive for e in found),
        "training_f1": chosen["f1"],
        "training_precision": chosen["precision"],
    }


def write(data: dict, path: Path) -> None:
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
