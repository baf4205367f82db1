"""Related coverage: different articles about one event, linked as one event.

The digest has three tiers, never confused: copies of one article are merged into
one story (`dedup`); different articles about one event (five outlets on one
recall) stay stories of their own and are linked here as one event, the lead
story with its related coverage; different events are not linked, even when they
share a company and a week (a Model Y price cut in China and a Model 3 price cut
in the US).

The method is the cheap, explainable one of Miranda et al. (2018, multilingual
news stream clustering): TF-IDF similarity of the stories' content words and
figures (`text.content_terms`, made with the classification, in its pool, and
kept with each story so a build that adds one scrape needs no bodies) and of
their titles, the companies they name (the curation's company list), the days
between their dates, and a learned decision
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
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from .cache import release_free_memory
from .curation import Correction
from .model import Article
from .text import TERM_COMPANY, TERM_FIGURE, TERM_NAME, TERM_TITLE, TERM_WORD, term_code

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
RARE_SHARE = 0.01
RARE_MIN = 30
#: how many candidates a story gets decided against, the closest first (an event has a few
#: stories; a corpus of templated scrapes gives each story thousands of look-alikes)
NEIGHBOURS = 12
#: stories whose candidates are found at once (bounds the memory the search takes: at 50k
#: scrapes the products of 2,000 stories held 4 million pairs, 200 MB)
CHUNK = 250
#: stories whose terms are read at once while the frequencies and the rare terms' matrix
#: are made (bounds the memory of their arrays)
STORIES_AT_ONCE = 2048
#: pairs whose inputs are worked out at once (bounds the memory of the rows gathered)
PAIRS_AT_ONCE = 4096
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


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, in order (by sorting: numpy's unique hashes them, which took
    seconds at 50k scrapes)."""
    ordered = np.sort(values)
    if not len(ordered):
        return ordered
    return ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])]


def _pair_arrays(pairs: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """The first story of each pair, and the second."""
    return (
        np.array([i for i, _ in pairs], dtype=np.int64),
        np.array([j for _, j in pairs], dtype=np.int64),
    )


def _day(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return None


class Similarities:
    """The stories as TF-IDF vectors, and the decision's inputs for any pair of them.

    Every pairwise input is a dot product of two rows of one of six sparse matrices
    (the TF-IDF of all terms, of the title's, of the words, of the names; marks of the
    uncommon figures and of the companies): a batch of pairs costs a gather and a
    product a matrix, however many pairs there are.

    The matrices are never held whole. A row depends only on its story's terms and on
    each term's document frequency: the rows a batch of pairs needs are made from the
    stories' terms when it needs them (`_vectors`), and only the frequencies are kept
    (at 50k scrapes the six matrices of 10 million terms, and the arrays they were made
    from, took 550 MB in the build's one process)."""

    def __init__(self, articles: list[Article]):
        self.articles = articles
        size = len(articles)
        self.days = np.array([_day(a.date) or np.nan for a in articles], dtype=np.float64)
        self.has_company = np.array([bool(a.entities) for a in articles], dtype=bool)
        # the terms of the companies the stories name, a story's from _company_start[i] on
        companies = [term_code(f"@{c}", TERM_COMPANY, 2) for a in articles for c in a.entities]
        self._company_codes = np.frombuffer(array("Q", companies), dtype=np.uint64)
        del companies
        self._company_start = np.zeros(size + 1, dtype=np.int64)
        np.cumsum([len(a.entities) for a in articles], out=self._company_start[1:])
        # the terms' distinct hashes (a term's column is its hash's place among them), and
        # the names'
        hashes, names = [], []
        for stories in self._batches():
            codes = self._terms(stories)[1]
            hashes.append(_distinct((codes >> np.uint64(32)).astype(np.uint32)))
            name = ((codes >> np.uint64(24)) & np.uint64(0xFF)) == TERM_NAME
            names.append(_distinct((codes[name] >> np.uint64(32)).astype(np.uint32)))
        self._hashes = _distinct(np.concatenate(hashes))
        del hashes
        width = max(len(self._hashes), 1)
        # (a hash's column is found from the first column of its top bits: a binary search
        # among all the hashes took a third of the stage's time)
        bits = width.bit_length()
        self._shift = np.uint32(32 - bits)
        tops = np.arange(2**bits + 1, dtype=np.uint64) << np.uint64(32 - bits)
        self._first_of_top = np.searchsorted(self._hashes, tops).astype(np.int32)
        # how many stories hold each term (a story holding a term twice, in its title and
        # its body, counts once)
        df = np.zeros(width, dtype=np.int64)
        for stories in self._batches():
            rows, codes = self._terms(stories)
            cols = self._columns((codes >> np.uint64(32)).astype(np.uint32))
            held = _distinct((rows.astype(np.int64) << np.int64(32)) | cols)
            df += np.bincount(held & np.int64(0xFFFFFFFF), minlength=width)
        #: for each column: its IDF, whether it is a name, an uncommon figure, a rare term
        self._idf = (np.log((1 + size) / (1 + df)) + 1.0).astype(np.float32)
        self._named = np.zeros(width, dtype=bool)
        self._named[self._columns(np.concatenate(names))] = True
        few = max(FIGURE_MIN, int(FIGURE_SHARE * size))
        self._uncommon = (df > 1) & (df <= few)
        self._rare = df <= max(RARE_MIN, int(RARE_SHARE * size))
        release_free_memory()  # (what the arrays of each batch of stories took)

    def _batches(self) -> Iterator[np.ndarray]:
        """The stories, STORIES_AT_ONCE at a time."""
        size = len(self.articles)
        for start in range(0, size, STORIES_AT_ONCE):
            yield np.arange(start, min(start + STORIES_AT_ONCE, size))

    def _terms(self, stories: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The term codes of these stories and of the companies they name, with the row
        of each (its story's place in `stories`)."""
        picked = [self.articles[i] for i in stories.tolist()]
        start, end = self._company_start[stories], self._company_start[stories + 1]
        many = end - start
        company = np.repeat(start - np.cumsum(many) + many, many) + np.arange(many.sum())
        codes = np.concatenate(
            [
                np.frombuffer(b"".join(a.terms for a in picked), dtype=np.uint64),
                self._company_codes[company],
            ]
        )
        rows = np.concatenate(
            [
                np.repeat(
                    np.arange(len(picked), dtype=np.int32), [len(a.terms) // 8 for a in picked]
                ),
                np.repeat(np.arange(len(picked), dtype=np.int32), many),
            ]
        )
        return rows, codes

    def _columns(self, hashes: np.ndarray) -> np.ndarray:
        """The column of each of these hashes (each one of `_hashes`)."""
        cols = self._first_of_top[hashes >> self._shift]
        todo = np.flatnonzero(self._hashes[cols] != hashes)
        while len(todo):  # (the hashes of one top are in order: the next, until it is found)
            cols[todo] += 1
            todo = todo[self._hashes[cols[todo]] != hashes[todo]]
        return cols

    def _vectors(self, stories: np.ndarray, which: Sequence[int] = range(6)) -> Iterator:
        """The rows of these stories in the matrices numbered in `which` (FEATURES' order:
        the similarities', then the figures' and the companies')."""
        from scipy import sparse  # (only builds that link stories pay for the import)

        size, width = len(stories), len(self._idf)
        rows, codes = self._terms(stories)
        kinds = ((codes >> np.uint64(24)) & np.uint64(0xFF)).astype(np.uint8)
        counts = (codes & np.uint64(0xFFFFFF)).astype(np.float32)
        cols = self._columns((codes >> np.uint64(32)).astype(np.uint32))
        del codes
        idf = self._idf[cols]
        spoken = (kinds == TERM_WORD) | (kinds == TERM_NAME)
        chosen = {
            0: lambda: kinds != TERM_TITLE,  # similarity
            1: lambda: kinds == TERM_TITLE,  # title similarity
            2: lambda: spoken & ~self._named[cols],  # word similarity
            3: lambda: spoken & self._named[cols],  # name similarity
            4: lambda: (kinds == TERM_FIGURE) & self._uncommon[cols],  # shared figures
            5: lambda: kinds == TERM_COMPANY,  # shared companies
        }

        def block(chosen: np.ndarray, weighted: bool):
            """The rows of sublinear TF-IDF weights (unit length) of the chosen entries, or
            1 where a row has one."""
            values = (1.0 + np.log(counts[chosen])) * idf[chosen] if weighted else 1.0
            matrix = sparse.csr_matrix(
                (np.broadcast_to(values, (int(chosen.sum()),)).astype(np.float32),
                 (rows[chosen], cols[chosen])),
                shape=(size, width),
            )  # fmt: skip
            matrix.sum_duplicates()
            if not weighted:
                matrix.data[:] = 1.0
                return matrix
            # (rows scaled to unit length in place: a scaled copy of each matrix was most of
            # the stage's memory at 50k scrapes)
            row_of = np.repeat(np.arange(size, dtype=np.int32), np.diff(matrix.indptr))
            norms = np.sqrt(np.bincount(row_of, weights=matrix.data**2, minlength=size))
            norms[norms == 0] = 1.0
            matrix.data /= norms[row_of].astype(np.float32)
            return matrix

        for k in which:  # (one at a time: each is let go before the next is made)
            yield block(chosen[k](), weighted=k < 4)

    def candidates(self) -> list[tuple[int, int]]:
        """The pairs worth deciding (`candidate_pairs`), as (i, j) with i < j."""
        first, second = self.candidate_pairs()
        return list(zip(first.tolist(), second.tolist(), strict=True))

    def candidate_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """The pairs worth deciding: each story's NEIGHBOURS closest by the uncommon terms
        they share (two or more), dated within the window; the first story of each pair
        and the second, in order. Taken CHUNK stories at a time: the products of a
        templated corpus hold tens of millions of pairs."""
        from scipy import sparse

        size = len(self.articles)
        if not size:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        # the part of the similarity the uncommon terms make: what candidates are found by
        only_rare = sparse.diags(self._rare.astype(float))
        parts = []
        for stories in self._batches():
            part = next(self._vectors(stories, [0])) @ only_rare
            part.eliminate_zeros()
            parts.append(part)
        rare = sparse.vstack(parts, format="csr")
        del parts
        rare_t = rare.T.tocsr()
        # (the marks' transpose shares the weights' indices: one pattern)
        marks_t = sparse.csr_matrix(
            (np.ones(rare_t.nnz), rare_t.indices, rare_t.indptr), shape=rare_t.shape
        )
        found = []
        for start in range(0, size, CHUNK):
            closeness = rare[start : start + CHUNK]
            marks = closeness.copy()
            marks.data[:] = 1.0
            # (one pattern: the products of the marks and of the weights have the same entries)
            shared = (marks @ marks_t).tocoo()
            closeness = (closeness @ rare_t).tocoo()
            if not (
                np.array_equal(shared.row, closeness.row)
                and np.array_equal(shared.col, closeness.col)
            ):
                raise AssertionError("the products of the marks and of the weights differ")
            first = shared.row.astype(np.int64) + start
            keep = (first != shared.col) & (shared.data >= 2)
            first, second, value = first[keep], shared.col[keep], closeness.data[keep]
            del shared, closeness
            keep = self._within_window(first, second)
            first, second, value = first[keep], second[keep], value[keep]
            order = np.lexsort((second, -value, first))
            first, second = first[order], second[order]
            rank = np.arange(len(first)) - np.searchsorted(first, first)
            first, second = first[rank < NEIGHBOURS], second[rank < NEIGHBOURS]
            found.append(np.minimum(first, second) * size + np.maximum(first, second))
        pairs = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
        del found, rare, rare_t, marks_t
        release_free_memory()  # (what the products took)
        return pairs // size, pairs % size

    def _within_window(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        a, b = self.days[first], self.days[second]
        return np.isnan(a) | np.isnan(b) | (np.abs(a - b) <= WINDOW_DAYS)

    def within_window_of(self, pairs: list[tuple[int, int]]) -> np.ndarray:
        return self._within_window(*_pair_arrays(pairs))

    def features_of(self, pairs: list[tuple[int, int]]) -> np.ndarray:
        """The decision's inputs (FEATURES) of each pair, a row each (`pair_features`)."""
        return self.pair_features(*_pair_arrays(pairs))

    def pair_features(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """The decision's inputs (FEATURES) of the pairs of stories `first[k]` and
        `second[k]`, a row each, rounded so that the same stories give the same decision
        on any machine. Worked out PAIRS_AT_ONCE pairs at a time (the rows they need are
        made for each batch)."""
        values = np.zeros((len(first), len(FEATURES)))
        for start in range(0, len(first), PAIRS_AT_ONCE):
            end = start + PAIRS_AT_ONCE
            values[start:end] = self._features(first[start:end], second[start:end])
        return values

    def _features(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        stories, places = np.unique(np.concatenate([first, second]), return_inverse=True)
        one, other = places[: len(first)], places[len(first) :]
        dots = np.zeros((len(first), 6))
        for k, block in enumerate(self._vectors(stories)):
            product = block[one].multiply(block[other]).sum(axis=1)
            dots[:, k] = np.asarray(product, dtype=np.float64).ravel()
            del block
        figures = np.minimum(np.rint(dots[:, 4]), 3)
        shared = np.rint(dots[:, 5])
        other = self.has_company[first] & self.has_company[second] & (shared == 0)
        a, b = self.days[first], self.days[second]
        undated = np.isnan(a) | np.isnan(b)
        apart = np.where(undated, 0.0, np.minimum(np.abs(a - b) / 7, 2.0))
        values = np.column_stack(
            [dots[:, :4], figures, np.minimum(shared, 2), other, apart, undated]
        )
        return np.round(values.astype(np.float64), 4)

    def features(self, i: int, j: int) -> tuple[float, ...]:
        return tuple(float(v) for v in self.features_of([(min(i, j), max(i, j))])[0])


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
    # (the candidates as arrays: at 50k scrapes, 600,000 pairs as tuples took 80 MB)
    first, second = sims.candidate_pairs()
    size = len(articles)
    parted = [min(pair) * size + max(pair) for pair in kept_apart]
    kept = ~np.isin(first * size + second, np.array(parted, dtype=np.int64))
    first, second = first[kept], second[kept]
    likely = model.probabilities(sims.pair_features(first, second))
    release_free_memory()  # (what the pairs' inputs took)
    for k in np.flatnonzero(likely >= model.threshold).tolist():
        i, j = int(first[k]), int(second[k])
        probability[(i, j)] = probability[(j, i)] = float(likely[k])
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

    def decide(i: int, others: list[int]) -> None:
        """The decisions about story i and those of `others` not decided yet, at once."""
        todo = [m for m in others if (i, m) not in probability]
        if not todo:
            return
        pairs = [(min(i, m), max(i, m)) for m in todo]
        values = model.probabilities(sims.features_of(pairs)).tolist()
        window = sims.within_window_of(pairs).tolist()
        for m, pair, value, near in zip(todo, pairs, values, window, strict=True):
            kept = near and frozenset(pair) not in kept_apart
            probability[(i, m)] = probability[(m, i)] = value if kept else 0.0

    for i in order:
        best = None
        clusters = sorted({cluster_of[j] for j in neighbours.get(i, ()) if j in placed})
        decide(i, [m for cluster in clusters for m in members[cluster]])
        for cluster in clusters:
            # and on average: a story joins an event it is close to as a whole, not through
            # one member (a chain of pairwise links drifts from one event to the next)
            score = sum(probability[(i, m)] for m in members[cluster]) / len(members[cluster])
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
        near.sort(key=lambda j: -model.probability(sims.features(i, j)))
        chosen = [articles[j].id for j in near[:shown]]
    lines = [
        f"event {me.event}: {len(me.related) + 1} stories"
        if me.event
        else "no related coverage: no story is likely enough the same event"
    ]
    for other in chosen:
        j = index[other]
        values = sims.features(i, j)
        linked = me.event is not None and articles[j].event == me.event
        inputs = ", ".join(
            f"{name.replace('_', ' ')} {value:g}"
            for name, value in zip(FEATURES, values, strict=True)
        )
        window = (
            ""
            if bool(sims.within_window_of([(i, j)])[0])
            else f", more than {WINDOW_DAYS} days apart"
        )
        lines.append(
            f"{'linked' if linked else 'not linked'} to {other}: p={model.probability(values):.2f} "
            f"(needs {model.threshold} to the closest story, {model.join} on average"
            f"{window}): {inputs}"
        )
    return lines


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
    same, apart = editor_pairs(corrections)
    set_events(articles, link_events(articles, same=same, apart=apart))
