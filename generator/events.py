"""Related coverage: different articles about one event, linked as one event.

The digest has three tiers, never confused: copies of one article are merged into
one story (`dedup`); different articles about one event (five outlets on one
recall) stay stories of their own and are linked here as one event, the lead
story with its related coverage; different events are not linked, even when they
share a company and a week (a Model Y price cut in China and a Model 3 price cut
in the US).

The method is the cheap, explainable one of Miranda et al. (2018, multilingual
news stream clustering): TF-IDF similarity of the stories' content words and
figures (`text.content_terms`, kept with each story so a build that adds one
scrape needs no bodies) and of their titles, the companies they name (the
curation's company list), the days between their dates, and a learned decision
"this existing event, or a new one?": a logistic regression over those features
(`events_train`, weights in `event_model.json`, so a build needs no
scikit-learn). Stories are taken in time order; each joins the event of the
closest earlier story it is linked to, or starts one. Editors link or part two
stories with `same_event` and `other_event` in `topics/stories.yml`.

An event's id is the id of the story it started with (the first seen, then the
earliest dated): a story that joins later never changes it, so feed GUIDs stay.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from .curation import Correction
from .model import Article

#: the decision's inputs, in the order of the model's weights
FEATURES = (
    "similarity",  # TF-IDF cosine of the content terms and companies
    "title_similarity",  # TF-IDF cosine of the titles' terms
    "word_similarity",  # TF-IDF cosine of the words that are no name or figure: what happened
    "name_similarity",  # TF-IDF cosine of the names (people, places, firms, products): who, where
    "shared_figures",  # uncommon figures both print (up to 3): "4,000 jobs", "14%"
    "shared_companies",  # companies both name (up to 2)
    "other_companies",  # 1 when both name companies, none the same
    "days_apart",  # days between their dates, in weeks (up to 2)
    "undated",  # 1 when either states no date
)
MODEL_FILE = Path(__file__).with_name("event_model.json")
#: stories further apart than this (both dated) are never one event
WINDOW_DAYS = 10
#: a term printed by more stories than this is too common to find candidates by
#: (it still counts in the similarity)
RARE_SHARE = 0.02
RARE_MIN = 30
#: a figure printed by more stories than this is a year or a round number, not the event's
FIGURE_SHARE = 0.01
FIGURE_MIN = 4


@dataclass(frozen=True)
class EventModel:
    weights: tuple[float, ...]
    bias: float
    #: a story joins an event when its closest story there is this likely the same event…
    threshold: float
    #: …and the event's stories on average this likely
    join: float

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> EventModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path}: trained on other features; run `ev-digest train-events`")
        return cls(tuple(data["weights"]), data["bias"], data["threshold"], data["join"])

    def probability(self, values: Iterable[float]) -> float:
        return float(self.probabilities(np.array([list(values)]))[0])

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """The probability of each row of inputs (`Similarities.features_of`)."""
        if not len(rows):
            return np.zeros(0)
        return 1.0 / (1.0 + np.exp(-(rows @ np.array(self.weights) + self.bias)))


@dataclass
class Events:
    """Each linked story's event and related stories (the closest first)."""

    event_of: dict[str, str] = field(default_factory=dict)
    related: dict[str, list[str]] = field(default_factory=dict)

    def groups(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for story, event in self.event_of.items():
            found.setdefault(event, []).append(story)
        return found


def _day(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return None


class Similarities:
    """The stories as TF-IDF vectors, and the decision's inputs for any pair of them."""

    def __init__(self, articles: list[Article]):
        from scipy import sparse  # (only builds that link stories pay for the import)

        self.articles = articles
        self.days = np.array([_day(a.date) or np.nan for a in articles], dtype=np.float64)
        self.companies = [frozenset(a.entities) for a in articles]
        bags = [[*a.terms, *((f"@{company}", 2) for company in a.entities)] for a in articles]
        vocabulary: dict[str, int] = {}
        rows, cols, counts, words = [], [], [], []
        for row, bag in enumerate(bags):
            for term, count in bag:
                rows.append(row)
                cols.append(vocabulary.setdefault(term.lower(), len(vocabulary)))
                counts.append(count)
                words.append(term[0].islower())
        shape = (len(articles), max(len(vocabulary), 1))
        counts_matrix = sparse.csr_matrix(
            (np.array(counts, dtype=np.float64), (rows, cols)), shape=shape
        )
        counts_matrix.sum_duplicates()
        df = np.bincount(counts_matrix.indices, minlength=shape[1])
        idf = np.log((1 + shape[0]) / (1 + df)) + 1.0
        self.vectors = _normalized(counts_matrix.copy(), idf, sparse)
        kinds = np.array(words)
        self.words = self._part(sparse, rows, cols, counts, kinds, idf, shape)
        self.names = self._part(sparse, rows, cols, counts, ~kinds, idf, shape)
        title_rows, title_cols = [], []
        for row, article in enumerate(articles):
            for term, _ in _title_terms(article.title):
                if term.lower() in vocabulary:
                    title_rows.append(row)
                    title_cols.append(vocabulary[term.lower()])
        titles = sparse.csr_matrix(
            (np.ones(len(title_rows)), (title_rows, title_cols)), shape=shape
        )
        titles.sum_duplicates()
        self.titles = _normalized(titles, idf, sparse)
        rare = df <= max(RARE_MIN, int(RARE_SHARE * shape[0]))
        marks = counts_matrix[:, np.flatnonzero(rare)]
        marks.data[:] = 1.0
        self._marks = marks
        # (a year or a figure every other story prints says nothing of the event)
        few = max(FIGURE_MIN, int(FIGURE_SHARE * shape[0]))
        uncommon = {term for term, k in vocabulary.items() if 1 < df[k] <= few}
        self.figures = [
            frozenset(t for t, _ in a.terms if t[0].isdigit() and t in uncommon) for a in articles
        ]

    @staticmethod
    def _part(sparse, rows, cols, counts, chosen, idf, shape):
        """The TF-IDF rows of the `chosen` entries only."""
        keep = np.flatnonzero(chosen)
        matrix = sparse.csr_matrix(
            (
                np.array(counts, dtype=np.float64)[keep],
                (np.array(rows)[keep], np.array(cols)[keep]),
            ),
            shape=shape,
        )
        matrix.sum_duplicates()
        return _normalized(matrix, idf, sparse)

    def candidates(self) -> list[tuple[int, int]]:
        """The pairs sharing two or more uncommon terms, dated within the window."""
        shared = (self._marks @ self._marks.T).tocoo()
        keep = (shared.row < shared.col) & (shared.data >= 2)
        first, second = shared.row[keep], shared.col[keep]
        keep = self._within_window(first, second)
        first, second = first[keep], second[keep]
        order = np.lexsort((second, first))
        return list(zip(first[order].tolist(), second[order].tolist(), strict=True))

    def _within_window(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        a, b = self.days[first], self.days[second]
        return np.isnan(a) | np.isnan(b) | (np.abs(a - b) <= WINDOW_DAYS)

    def within_window(self, i: int, j: int) -> bool:
        return bool(self._within_window(np.array([i]), np.array([j]))[0])

    def features_of(self, pairs: list[tuple[int, int]]) -> np.ndarray:
        """The decision's inputs (FEATURES) of each pair, a row each, rounded so that the
        same stories give the same decision on any machine."""
        first = np.array([i for i, _ in pairs], dtype=np.int64)
        second = np.array([j for _, j in pairs], dtype=np.int64)
        if not pairs:
            return np.zeros((0, len(FEATURES)))
        cosines = [
            _rowwise(m, first, second) for m in (self.vectors, self.titles, self.words, self.names)
        ]
        figures = [min(len(self.figures[i] & self.figures[j]), 3) for i, j in pairs]
        shared = [len(self.companies[i] & self.companies[j]) for i, j in pairs]
        other = [
            1.0 if self.companies[i] and self.companies[j] and not n else 0.0
            for (i, j), n in zip(pairs, shared, strict=True)
        ]
        a, b = self.days[first], self.days[second]
        undated = np.isnan(a) | np.isnan(b)
        apart = np.where(undated, 0.0, np.minimum(np.abs(a - b) / 7, 2.0))
        values = np.column_stack(
            [*cosines, figures, np.minimum(shared, 2), other, apart, undated.astype(float)]
        )
        return np.round(values.astype(np.float64), 4)

    def features(self, i: int, j: int) -> tuple[float, ...]:
        return tuple(float(v) for v in self.features_of([(min(i, j), max(i, j))])[0])


def _rowwise(matrix, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The dot product of row first[k] and row second[k] of a sparse matrix, for every k."""
    return np.asarray(matrix[first].multiply(matrix[second]).sum(axis=1)).ravel()


def _title_terms(title: str) -> tuple[tuple[str, int], ...]:
    from .text import content_terms

    return content_terms(title, [])


def _normalized(matrix, idf: np.ndarray, sparse):
    """Rows of sublinear TF-IDF weights with unit length."""
    matrix.data = (1.0 + np.log(matrix.data)) * idf[matrix.indices]
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix


def link_events(
    articles: list[Article],
    model: EventModel | None = None,
    same: Iterable[tuple[str, str]] = (),
    apart: Iterable[tuple[str, str]] = (),
) -> Events:
    """Group the stories into events (see the module's docstring); `same` and `apart` are
    editors' pairs of ids, which the decision never overrules."""
    events = Events()
    if len(articles) < 2:
        return events
    model = model or EventModel.load()
    sims = Similarities(articles)
    index = {a.id: i for i, a in enumerate(articles)}
    kept_apart = {frozenset((index[a], index[b])) for a, b in apart if a in index and b in index}
    probability: dict[tuple[int, int], float] = {}
    pairs = [pair for pair in sims.candidates() if frozenset(pair) not in kept_apart]
    for (i, j), p in zip(pairs, model.probabilities(sims.features_of(pairs)).tolist(), strict=True):
        if p >= model.threshold:
            probability[(i, j)] = probability[(j, i)] = p
    for a, b in same:
        if a in index and b in index and a != b:
            i, j = index[a], index[b]
            probability[(i, j)] = probability[(j, i)] = 1.0
    neighbours: dict[int, list[int]] = {}
    for i, j in probability:
        neighbours.setdefault(i, []).append(j)
    order = sorted(range(len(articles)), key=lambda i: _age(articles[i]))
    placed: set[int] = set()
    cluster_of: dict[int, int] = {}
    members: dict[int, list[int]] = {}

    def p(i: int, j: int) -> float:
        if (i, j) not in probability:
            if not sims.within_window(i, j) or frozenset((i, j)) in kept_apart:
                probability[(i, j)] = probability[(j, i)] = 0.0
            else:
                value = model.probability(sims.features(min(i, j), max(i, j)))
                probability[(i, j)] = probability[(j, i)] = value
        return probability[(i, j)]

    for i in order:
        best = None
        for cluster in {cluster_of[j] for j in neighbours.get(i, ()) if j in placed}:
            # and on average: a story joins an event it is close to as a whole, not through
            # one member (a chain of pairwise links drifts from one event to the next)
            score = sum(p(i, m) for m in members[cluster]) / len(members[cluster])
            if score >= model.join and (best is None or score > best[0]):
                best = (score, cluster)
        cluster = best[1] if best else i
        cluster_of[i] = cluster
        members.setdefault(cluster, []).append(i)
        placed.add(i)
    for a, b in same:  # (an editor's link joins two events the order kept apart)
        if a in index and b in index:
            _join(members, cluster_of, cluster_of[index[a]], cluster_of[index[b]])
    for group in members.values():
        if len(group) < 2:
            continue
        event_id = articles[min(group, key=lambda i: _age(articles[i]))].id
        for i in group:
            others = [m for m in group if m != i]
            others.sort(
                key=lambda m: (
                    -probability.get((i, m), 0.0),
                    -len(articles[m].sources),
                    articles[m].id,
                )
            )
            events.event_of[articles[i].id] = event_id
            events.related[articles[i].id] = [articles[m].id for m in others]
    return events


def _join(members: dict[int, list[int]], cluster_of: dict[int, int], a: int, b: int) -> None:
    if a == b:
        return
    for i in members.pop(b):
        cluster_of[i] = a
        members[a].append(i)


def _age(article: Article) -> tuple[str, str, str]:
    """Which story of an event came first: first seen, then dated, then by id."""
    return (article.first_seen or "9999", article.date or "9999", article.id)


def explain_links(
    articles: list[Article], article_id: str, others: Iterable[str] = (), shown: int = 3
) -> list[str]:
    """Why a story is or is not linked to others (`ev-digest explain`): for each of `others`
    (by default its related stories, else the `shown` closest ones), the decision's
    probability and inputs. The articles carry the build's events (`set_events`)."""
    model = EventModel.load()
    index = {a.id: i for i, a in enumerate(articles)}
    i = index[article_id]
    me = articles[i]
    sims = Similarities(articles)
    chosen = [o for o in others if o in index and o != article_id] or list(me.related)
    if not chosen:
        near = [j if k == i else k for k, j in sims.candidates() if i in (k, j)]
        near.sort(key=lambda j: -model.probability(sims.features(min(i, j), max(i, j))))
        chosen = [articles[j].id for j in near[:shown]]
    lines = [
        f"event {me.event}: {len(me.related) + 1} stories"
        if me.event
        else "no related coverage: no story is likely enough the same event"
    ]
    for other in chosen:
        j = index[other]
        values = sims.features(min(i, j), max(i, j))
        linked = me.event is not None and articles[j].event == me.event
        inputs = ", ".join(
            f"{name.replace('_', ' ')} {value:g}"
            for name, value in zip(FEATURES, values, strict=True)
        )
        window = "" if sims.within_window(i, j) else f", more than {WINDOW_DAYS} days apart"
        lines.append(
            f"{'linked' if linked else 'not linked'} to {other}: p={model.probability(values):.2f} "
            f"(needs {model.threshold} to the closest story, {model.join} on average"
            f"{window}): {inputs}"
        )
    return lines


def lead_story(group: list[Article]) -> Article:
    """The story an event is shown by: the one with most sources, then the earliest."""
    return min(group, key=lambda a: (-len(a.sources), a.date or "9999", _age(a)))


def set_events(articles: list[Article], events: Events) -> None:
    for article in articles:
        article.event = events.event_of.get(article.id)
        article.related = events.related.get(article.id, [])


def event_state(articles: list[Article]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each linked story's event and related stories: what a build that adds scrapes
    compares its own links with (a story whose links change needs its page again)."""
    return {a.id: (a.event, tuple(a.related)) for a in articles if a.event}


def editor_pairs(
    corrections: list[Correction],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The pairs of stories editors linked (`same_event`) and parted (`other_event`)."""
    same = [(c.id, other) for c in corrections for other in c.same_event]
    apart = [(c.id, other) for c in corrections for other in c.other_event]
    return same, apart


def link_stories(articles: list[Article], corrections: list[Correction]) -> None:
    """The event stage of a build: link the stories, with the editors' corrections."""
    set_events(articles, link_events(articles, *editor_pairs(corrections)))
