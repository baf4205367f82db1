"""Learning the head scorers' weights from labelled corpora (`ev-digest train-head`).

Every labelled article gives examples: each candidate line of its zone (see
`head.make_zone`) is a positive or negative example of "this is the headline"
(the line that is the labelled title) and of "the body starts here" (the line
that opens with the labelled first words). scikit-learn fits a logistic
regression for each; only the weights are shipped (`head_model.json`), so a
build needs no scikit-learn. Training is deterministic: the same corpora give
the same file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .evaluate import PageLabels, load_labels
from .head import FEATURES, HeadModel, Zone, line_features, make_zone
from .ingest import read_document
from .model import Skipped
from .segment import segment
from .text import normalize

#: L2 regularisation of both models (scikit-learn's C: larger fits the corpora closer)
REGULARISATION = 0.3
#: the best line is the headline when its probability reaches this: below one half, as the
#: corpora's leave-one-site-out runs choose it best (104 of 110 zones right at 0.1 to 0.25,
#: 101 at 0.5): on a site it has not seen, the scorer is less sure of a right headline
HEADLINE_THRESHOLD = 0.25


@dataclass(frozen=True)
class Example:
    site: str
    zone: str  # "<page>#<article>": the candidates of one decision
    task: str  # "headline" or "body"
    values: tuple[float, ...]
    positive: bool


def examples(folder: Path, labels: dict[str, PageLabels] | None = None) -> list[Example]:
    """The training examples of every labelled article of a corpus folder."""
    labels = labels if labels is not None else load_labels(folder)
    found: list[Example] = []
    for page, page_labels in labels.items():
        doc = read_document(folder / page, folder)
        if isinstance(doc, Skipped):
            continue
        for raw in segment(doc):
            zone = make_zone(raw, doc.meta)
            found += _zone_examples(zone, f"{page}#{raw.position}", page_labels)
    return found


def _zone_examples(zone: Zone, key: str, page_labels: PageLabels) -> Iterable[Example]:
    texts = [normalize(line.text) for line in zone.lines]
    candidates = zone.headline_candidates()
    for label in page_labels.articles:
        title = normalize(label.title) if label.title else None
        opening = normalize(label.first_words)
        heads = [i for i in candidates if title and texts[i] == title]
        starts = [
            i
            for i in zone.candidates(0, through_end=True)
            if opening and texts[i].startswith(opening)
        ]
        if not heads and not starts:
            continue  # another article's zone
        site = page_labels.site
        headline = heads[0] if heads else None
        if title is None or headline is not None:
            for i in candidates:
                values = tuple(line_features(zone, i, None))
                yield Example(site, key, "headline", values, i == headline)
        if starts and starts[0] <= zone.end:
            for i in zone.candidates(0 if headline is None else headline + 1, through_end=True):
                values = tuple(line_features(zone, i, headline))
                yield Example(site, key, "body", values, i == starts[0])
        return


def fit(found: list[Example]) -> HeadModel:
    """Both scorers fitted on `found` (standardised features, balanced classes)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    values = np.array([e.values for e in found], dtype=float)
    means = values.mean(axis=0)
    scales = values.std(axis=0)
    means[0], scales[0] = 0.0, 1.0  # the bias column stays a constant 1
    scales[scales == 0] = 1.0
    weights = {}
    for task in ("headline", "body"):
        rows = [k for k, e in enumerate(found) if e.task == task]
        x = (values[rows] - means) / scales
        y = np.array([found[k].positive for k in rows])
        model = LogisticRegression(
            C=REGULARISATION, class_weight="balanced", fit_intercept=False, max_iter=5000
        )
        model.fit(x, y)
        weights[task] = tuple(float(w) for w in model.coef_[0])
    return HeadModel(
        features=FEATURES,
        means=tuple(float(m) for m in means),
        scales=tuple(float(s) for s in scales),
        headline=weights["headline"],
        body=weights["body"],
        headline_threshold=HEADLINE_THRESHOLD,
    )


def train(folders: list[Path]) -> tuple[HeadModel, list[Example]]:
    found = [e for folder in folders for e in examples(folder)]
    model = replace(fit(found), trained_on=tuple(folder.as_posix() for folder in folders))
    return model, found
