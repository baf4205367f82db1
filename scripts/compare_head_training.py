"""Which corpora should the head scorers learn from? Each set of training corpora is
judged leaving one site out: for a corpus in the set, each of its sites is built with
scorers trained on every other site of the set (`evaluate.evaluate_unseen_sites`); a
corpus outside the set is built with scorers trained on the whole set. The development
corpora are judged, and their figures summed; no test corpus (fresh-b, fresh-d, fresh-f, fresh-j,
events-b, events-c) is read here.

Usage: ``python scripts/compare_head_training.py corpus,unseen,sites corpus,unseen,sites,holdout,fresh-a``
(one comma-separated set per argument; names are folders of tests/corpus, ``corpus`` is
tests/corpus itself).
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.evaluate import Evaluation, evaluate_unseen_sites, extract, load_labels, score
from generator.head_train import examples, fit

CORPORA = Path(__file__).resolve().parent.parent / "tests" / "corpus"
JUDGED = [
    "corpus", "unseen", "sites", "events-a", "holdout", "fresh-a", "fresh-c", "fresh-e", "fresh-g",
    "fresh-h", "fresh-i", "fresh-k", "fresh-l",
]  # fmt: skip


def folder(name: str) -> Path:
    return CORPORA if name == "corpus" else CORPORA / name


def compare(names: list[str]) -> None:
    training = [folder(name) for name in names]
    whole = fit([example for corpus in training for example in examples(corpus)])
    print(f"== trained on {', '.join(names)}")
    total = Evaluation()
    for name in JUDGED:
        if name in names:
            how, figures = "site left out", evaluate_unseen_sites(folder(name), training)
        else:
            labels = load_labels(folder(name))
            how, figures = "unseen corpus", score(labels, extract(folder(name), labels, whole))
        total.add(figures)
        show(name, how, figures)
    show("all", "summed", total)


def show(name: str, how: str, figures: Evaluation) -> None:
    f = figures.figures()
    print(
        f"{name:9} {how:13} titles {f['title_f1']:.3f}  body starts "
        f"{f['body_start_accuracy']:.3f}  junk {f['junk_articles']}  leaks "
        f"{f['boilerplate_leaks']}  dropped {f['body_lines_wrongly_dropped']}",
        flush=True,
    )


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        compare(argument.split(","))
