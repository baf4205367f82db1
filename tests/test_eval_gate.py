"""Evaluation gate: extraction and dedup on the labelled corpora may not get worse.

Each corpus has pinned figures (like trafilatura's eval baseline); raise them when a
change improves a figure, never lower them to let a change through. The corpora:

- `tests/corpus`: the first corpus, which the rules grew up on;
- `tests/corpus/unseen`: pages from other kinds of site, written blind;
- `tests/corpus/sites`: 75 pages from 30 more kinds of site, written blind (scored
  before they trained anything: see its README);
- the head scorers learn from those three, so their figures there are also taken
  leaving each site out of that training (`evaluate_unseen_sites`), the number to trust;
- `tests/corpus/holdout`: written blind and never read by whoever changes the
  extraction; nothing learns from it.
- `tests/corpus/fresh-a|b`, `fresh-c|d` and `fresh-e|f`: three times 36 pages of new kinds
  of site written blind for issue 17, `fresh-a`, `fresh-c` and `fresh-e` to fix classes of
  page on (read), `fresh-b`, `fresh-d` and `fresh-f` to test them on (never read);
  `fresh-g`: 12 hard-wrapped text pages (lynx, w3m, pdftotext, plain-text mail), written
  blind to develop reading wrapped text on (read); `fresh-h|i|j`: three times 16 pages
  more, `fresh-h` and `fresh-i` read, `fresh-j` their test (never read); `fresh-k|l`:
  two times 16 pages of kinds of site not seen before (podcasts, press offices, exchange
  filings, read-later exports, press kits, print contents pages, …), read; `fresh-m|n`:
  two times 16 pages of big, chrome-heavy sites (tickers, icon labels, glued breadcrumbs,
  aggregators), `fresh-m` read, `fresh-n` its test (never read); `fresh-o`: 16 more pages
  of that kind, scored blind as a test of the fixes made on fresh-m, then read; `fresh-p|q`:
  two times 16 more (broadcasters, release wires, stock sites, web archives, portals, AMP
  copies, consumer tests, newsletters), `fresh-q` read, `fresh-p` its test (never read);
  `fresh-r`: 16 more, written after the fixes made on fresh-q and scored blind (never read);
  `fresh-s`: 12 pages of copies in their hard forms (cut, headless, pasted into a forum
  post, AMP, a release reprinted), scored blind, then read; `fresh-t|u`: two times 16 pages
  of mainstream sites (tabloids, broadcasters, local papers, newsletters, blogs, a
  regulator), `fresh-u` read, `fresh-t` its test (never read); `fresh-v|w`: two times 16
  more, `fresh-v` on which line heads a story (read), `fresh-w` a test written after the
  fixes made on fresh-u (never read); `fresh-x|y`: two times 16 more, `fresh-y` on which
  line heads a story on big chrome-heavy sites (read), `fresh-x` kinds of site a scraper
  meets less often (investor pages, newsletter platforms, a terminal's wire, a live blog),
  its test (never read); `fresh-z`: 16 more of the kinds fresh-y is made of, written after
  the fixes made on it (never read);
- `tests/corpus/events-a|b|c`: the event corpora (related coverage), written blind,
  every article labelled with its event; the event decision (`event_model.json`) learns
  from `events-a` (with `sites` and `unseen`), `events-b` and `events-c` are its test.
  The events figures (`event_*`) of every corpus are taken with the project's companies.

The issue's targets are in generator.evaluate.TARGETS and printed by `ev-digest eval`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.evaluate import evaluate, evaluate_unseen_sites, load_labels

CORPORA = Path(__file__).resolve().parent / "corpus"
TOPICS = CORPORA.parent.parent / "topics"
TRAINING = [CORPORA, CORPORA / "unseen", CORPORA / "sites"]

#: (corpus, leave one site out?) -> floors of figures where higher is better
FLOORS = {
    ("corpus", False): {
        "title_f1": 1.0,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "date_accuracy": 1.0,
        "author_accuracy": 0.95,
        "body_start_accuracy": 1.0,
        "headless_leads_found": 1.0,
    },
    ("corpus", True): {
        "title_f1": 1.0,
        "body_start_accuracy": 1.0,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "date_accuracy": 1.0,
        "headless_leads_found": 1.0,
    },
    ("unseen", False): {
        "event_precision": 1.0,
        "event_f1": 0.93,
        "title_f1": 1.0,
        "body_start_accuracy": 1.0,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 1.0,
        "dates_found": 1.0,
        "author_accuracy": 1.0,
    },
    # (with `sites` in TRAINING these are other runs: one teaser fewer, 0.971 before, as a
    # press-release site left out loses its results headline)
    # (the leave-one-site-out runs link events as the plain runs do; they once did not,
    # and printed a same-event recall of 0)
    ("unseen", True): {
        "event_precision": 1.0,
        "event_f1": 0.93,
        "title_f1": 0.97,
        "body_start_accuracy": 1.0,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.97,
        "dates_found": 0.97,
    },
    ("sites", False): {
        "event_precision": 0.9,
        "event_f1": 0.81,
        "title_f1": 0.94,
        "body_start_accuracy": 0.91,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.77,
        "dates_found": 0.89,
        "author_accuracy": 0.94,
        "headless_leads_found": 1.0,
    },
    ("sites", True): {
        "event_precision": 0.9,
        "event_f1": 0.81,
        "title_f1": 0.91,
        "body_start_accuracy": 0.91,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.77,
        "dates_found": 0.91,
    },
    # (lowered once, from 0.61 and 0.52: the scorers trained on `sites` as well get one
    # holdout title and two teasers' stories wrong that they get right trained without it,
    # 0.600 and 0.522; leaving each site out, `unseen` gains with it, titles 0.907 -> 0.919)
    # (a development corpus from 2026-12-07 on: tests/corpus/holdout/README.md)
    ("holdout", False): {
        "event_precision": 1.0,
        "event_f1": 0.87,
        "title_f1": 1.0,
        "body_start_accuracy": 1.0,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.82,
        "dates_found": 0.95,
    },
    # (first scored before the event decision learnt from events-a, at 0.714, 0.462 and
    # 0.520 F1 with precision 1.0: tests/corpus/events-*/README.md)
    ("events-a", False): {
        "event_precision": 1.0,
        "event_f1": 0.95,
        "event_bcubed_f1": 0.97,
        "title_f1": 0.99,
        "body_start_accuracy": 0.98,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "dates_found": 1.0,
        "teasers_attached": 0.93,
    },
    ("events-b", False): {
        "event_precision": 1.0,
        "event_f1": 0.96,
        "event_bcubed_f1": 0.98,
        "title_f1": 0.92,
        "body_start_accuracy": 0.92,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "dates_found": 0.97,
    },
    ("events-c", False): {
        "event_precision": 1.0,
        "event_f1": 0.95,
        "event_bcubed_f1": 0.96,
        "title_f1": 0.97,
        "body_start_accuracy": 0.96,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "dates_found": 0.97,
        "teasers_attached": 0.73,
    },
    # (first scored at b0dc696, before the fixes made on fresh-a: titles 0.647 and 0.849,
    # stated dates 0.733 and 0.857: tests/corpus/fresh-*/README.md)
    ("fresh-a", False): {
        "title_f1": 1.0,
        "body_start_accuracy": 0.94,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 1.0,
        "dates_found": 1.0,
        "event_precision": 1.0,
    },
    ("fresh-b", False): {
        "title_f1": 0.84,
        "body_start_accuracy": 0.83,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.9,
        "dates_found": 0.92,
        "event_f1": 0.75,
    },
    # (first scored at ff75676, before the fixes made on fresh-c: titles 0.882 and 0.703,
    # body starts 0.833 and 0.667: tests/corpus/fresh-c|d/README.md; fresh-c's event
    # precision was 1.000 then, when a copy of one story was linked to it, not merged)
    ("fresh-c", False): {
        "title_f1": 1.0,
        "body_start_accuracy": 1.0,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 1.0,
        "dates_found": 1.0,
        "author_accuracy": 1.0,
        "event_f1": 0.85,
    },
    ("fresh-d", False): {
        "title_f1": 0.72,
        "body_start_accuracy": 0.8,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.87,
        "dates_found": 0.6,
        "event_precision": 1.0,
    },
    # (first scored at f17af10, before the fixes made on fresh-e: titles 0.750 and 0.824,
    # body starts 0.706 and 0.765: tests/corpus/fresh-e|f/README.md)
    ("fresh-e", False): {
        "title_f1": 1.0,
        "body_start_accuracy": 1.0,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "event_f1": 1.0,
        "teasers_attached": 1.0,
        "dates_found": 1.0,
        "headless_leads_found": 1.0,
    },
    ("fresh-f", False): {
        "title_f1": 0.84,
        "body_start_accuracy": 0.82,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.7,
        "dates_found": 0.6,
        "event_precision": 1.0,
    },
    # (first scored at f17af10, before reading wrapped text: titles 0.333, body starts
    # 0.000, junk 8: tests/corpus/fresh-g/README.md)
    ("fresh-g", False): {
        "title_f1": 1.0,
        "body_start_accuracy": 1.0,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.84,
        "dates_found": 1.0,
    },
    # (fresh-h|i|j first scored at 1079ac7, before any fix made on fresh-h and fresh-i:
    # tests/corpus/fresh-h|i|j/README.md)
    ("fresh-h", False): {
        "title_f1": 0.88,
        "body_start_accuracy": 0.8,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.92,
        "dates_found": 1.0,
        "event_precision": 1.0,
        "event_f1": 0.9,
    },
    ("fresh-i", False): {
        "title_f1": 1.0,
        "body_start_accuracy": 1.0,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 1.0,
        "dates_found": 1.0,
        "event_precision": 1.0,
        "event_f1": 1.0,
        "headless_leads_found": 1.0,
    },
    # (fresh-k|l first scored at f967a50, before any fix made on them:
    # tests/corpus/fresh-k|l/README.md)
    # (fresh-k's two show-daily staff stories are found since their "By Show Daily staff"
    # reads as a byline: they add two labelled dates that only the masthead states,
    # which no rule reads, and two same-event pairs the event stage does not link; so the
    # ratios of dates found and of event links fell while nothing found before was lost)
    ("fresh-k", False): {
        "title_f1": 1.0,
        "body_start_accuracy": 0.82,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.57,
        "dates_found": 0.85,
        "event_precision": 1.0,
        "event_f1": 0.6,
        "headless_leads_found": 1.0,
    },
    ("fresh-l", False): {
        "title_f1": 0.93,
        "body_start_accuracy": 0.88,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.5,
        "dates_found": 0.93,
        "event_precision": 1.0,
        "event_f1": 0.82,
        "headless_leads_found": 1.0,
    },
    # (fresh-m|n first scored at 067c6e7, before any fix made on them:
    # tests/corpus/fresh-m|n/README.md)
    ("fresh-m", False): {
        "title_f1": 0.92,
        "body_start_accuracy": 1.0,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 1.0,
        "dates_found": 1.0,
        "event_precision": 1.0,
        "event_f1": 1.0,
        "headless_leads_found": 1.0,
    },
    ("fresh-n", False): {
        "title_f1": 0.86,
        "body_start_accuracy": 0.85,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.6,
        "dates_found": 0.75,
        "event_precision": 1.0,
        "event_f1": 1.0,
    },
    # (fresh-o scored blind at 067c6e7 and at 7da838f: tests/corpus/fresh-o/README.md)
    ("fresh-o", False): {
        "title_f1": 0.96,
        "body_start_accuracy": 0.93,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.5,
        "dates_found": 0.91,
        "event_precision": 1.0,
        "event_f1": 1.0,
        "headless_leads_found": 1.0,
        "author_accuracy": 1.0,
    },
    # (fresh-p and fresh-q scored blind at 3bb0b1c: tests/corpus/fresh-p|q/README.md)
    ("fresh-p", False): {
        "title_f1": 0.89,
        "body_start_accuracy": 0.86,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.5,
        "dates_found": 0.91,
        "event_precision": 1.0,
        "event_f1": 1.0,
    },
    # (fresh-s, copies in their hard forms, scored blind at 86638e1: its README)
    ("fresh-s", False): {
        "title_f1": 1.0,
        "body_start_accuracy": 0.92,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.5,
        "dates_found": 0.9,
        "event_precision": 1.0,
        "event_f1": 0.8,
        "headless_leads_found": 1.0,
    },
    # (fresh-r scored blind at 5d72693: tests/corpus/fresh-r/README.md)
    ("fresh-r", False): {
        "title_f1": 0.92,
        "body_start_accuracy": 0.78,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 0.5,
        "teasers_attached": 0.75,
        "dates_found": 0.9,
        "event_precision": 1.0,
        "event_f1": 1.0,
        "headless_leads_found": 1.0,
    },
    # (fresh-t and fresh-u scored blind at 2028edb and 1659388: tests/corpus/fresh-t|u/README.md)
    ("fresh-t", False): {
        "title_f1": 0.72,
        "body_start_accuracy": 0.77,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.33,
        "dates_found": 0.84,
        "event_precision": 1.0,
        "event_f1": 0.88,
        "author_accuracy": 0.62,
    },
    ("fresh-u", False): {
        "title_f1": 1.0,
        "body_start_accuracy": 1.0,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 0.75,
        "teasers_attached": 1.0,
        "dates_found": 0.93,
        "event_precision": 1.0,
        "headless_leads_found": 1.0,
        "author_accuracy": 0.95,
    },
    # (fresh-v scored blind at 1d8fb0c, fresh-w at db1b2c0: tests/corpus/fresh-v|w/README.md)
    ("fresh-v", False): {
        "title_f1": 0.93,
        "body_start_accuracy": 0.88,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 1.0,
        "dates_found": 0.92,
        "event_precision": 1.0,
        "event_f1": 0.85,
        "headless_leads_found": 1.0,
        "author_accuracy": 0.93,
    },
    ("fresh-w", False): {
        "title_f1": 0.93,
        "body_start_accuracy": 0.93,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.85,
        "dates_found": 0.84,
        "event_precision": 1.0,
        "event_f1": 0.9,
        "author_accuracy": 0.87,
    },
    # (fresh-x and fresh-y scored blind at 5572afe: tests/corpus/fresh-x|y/README.md)
    ("fresh-x", False): {
        "title_f1": 0.77,
        "body_start_accuracy": 0.87,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.58,
        "dates_found": 1.0,
        "event_precision": 1.0,
        "event_f1": 0.8,
        "author_accuracy": 0.93,
    },
    # (fresh-z written after the fixes made on fresh-y, scored at 3304c9d:
    # tests/corpus/fresh-z/README.md)
    ("fresh-z", False): {
        "title_f1": 0.82,
        "body_start_accuracy": 0.88,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 0.5,
        "dates_found": 0.76,
        "event_precision": 1.0,
        "event_f1": 0.85,
        "headless_leads_found": 1.0,
        "author_accuracy": 0.81,
    },
    ("fresh-y", False): {
        "title_f1": 0.85,
        "body_start_accuracy": 0.86,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 1.0,
        "dates_found": 1.0,
        "event_precision": 1.0,
        "event_f1": 1.0,
        "headless_leads_found": 1.0,
        "author_accuracy": 1.0,
    },
    ("fresh-q", False): {
        "title_f1": 0.96,
        "body_start_accuracy": 0.86,
        "dup_pair_precision": 1.0,
        "dup_pair_recall": 1.0,
        "teasers_attached": 1.0,
        "dates_found": 1.0,
        "event_precision": 1.0,
        "event_f1": 1.0,
        "headless_leads_found": 1.0,
    },
    ("fresh-j", False): {
        "title_f1": 0.8,
        "body_start_accuracy": 0.58,
        "dup_pair_precision": 0.75,
        "dup_pair_recall": 0.6,
        "teasers_attached": 0.44,
        "dates_found": 0.84,
        "event_precision": 0.5,
    },
}
_EVENTS = {"event_merges": 0, "copies_linked": 0, "dates_wrong": 0, "junk_articles": 0}
#: ceilings of counts (lower is better)
_NONE_OF = {"junk_articles": 0, "truncated_headlines": 0, "teaser_pages": 0, "event_merges": 0}
CEILINGS = {
    ("corpus", False): _NONE_OF
    | {"boilerplate_leaks": 0, "body_lines_wrongly_dropped": 0, "dates_wrong": 0},
    ("corpus", True): _NONE_OF | {"dates_wrong": 0},
    ("unseen", False): _NONE_OF
    | {"boilerplate_leaks": 3, "body_lines_wrongly_dropped": 1, "teasers_misattached": 0}
    | {"dates_wrong": 0},
    ("unseen", True): _NONE_OF | {"teasers_misattached": 0, "dates_wrong": 0},
    ("sites", False): {
        "junk_articles": 3,
        "boilerplate_leaks": 9,
        "body_lines_wrongly_dropped": 5,
        "teaser_pages": 1,
        "teasers_misattached": 1,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
    },
    ("sites", True): {
        "junk_articles": 3,
        "boilerplate_leaks": 10,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
    },
    ("holdout", False): {
        "junk_articles": 0,
        "boilerplate_leaks": 1,
        "body_lines_wrongly_dropped": 3,
        "teaser_pages": 0,
        "teasers_misattached": 0,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
    },
    ("fresh-a", False): _NONE_OF | {"boilerplate_leaks": 1, "dates_wrong": 0, "copies_linked": 0},
    ("fresh-b", False): {
        "junk_articles": 1,
        "boilerplate_leaks": 5,
        "teaser_pages": 0,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
    },
    ("fresh-c", False): _NONE_OF
    | {"boilerplate_leaks": 1, "body_lines_wrongly_dropped": 0, "dates_wrong": 0},
    ("fresh-d", False): _NONE_OF | {"boilerplate_leaks": 12, "dates_wrong": 2},
    ("fresh-e", False): _NONE_OF
    | {"boilerplate_leaks": 2, "body_lines_wrongly_dropped": 2, "dates_wrong": 0},
    ("fresh-f", False): {
        "junk_articles": 0,
        "boilerplate_leaks": 19,
        "body_lines_wrongly_dropped": 3,
        "teaser_pages": 0,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
    },
    ("fresh-g", False): _NONE_OF | {"boilerplate_leaks": 2, "dates_wrong": 0},
    ("fresh-h", False): {
        "junk_articles": 1,
        "boilerplate_leaks": 0,
        "body_lines_wrongly_dropped": 1,
        "teaser_pages": 0,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
    },
    ("fresh-i", False): {
        "junk_articles": 0,
        "boilerplate_leaks": 0,
        "body_lines_wrongly_dropped": 0,
        "teaser_pages": 0,
        "teasers_misattached": 0,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
    },
    ("fresh-k", False): {
        "junk_articles": 0,
        "boilerplate_leaks": 5,
        "body_lines_wrongly_dropped": 6,
        "teaser_pages": 0,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
        "copies_linked": 0,
    },
    ("fresh-l", False): {
        "junk_articles": 0,
        "boilerplate_leaks": 10,
        "body_lines_wrongly_dropped": 0,
        "teaser_pages": 0,
        "teasers_misattached": 0,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
        "copies_linked": 0,
    },
    ("fresh-m", False): {
        "junk_articles": 0,
        "boilerplate_leaks": 4,
        "body_lines_wrongly_dropped": 7,
        "teaser_pages": 0,
        "teasers_misattached": 0,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
        "copies_linked": 0,
    },
    ("fresh-n", False): {
        "junk_articles": 0,
        "boilerplate_leaks": 27,
        "body_lines_wrongly_dropped": 7,
        "teaser_pages": 1,
        "teasers_misattached": 1,
        "dates_wrong": 1,
        "event_merges": 0,
        "truncated_headlines": 0,
        "copies_linked": 0,
    },
    ("fresh-o", False): {
        "junk_articles": 0,
        "boilerplate_leaks": 5,
        "body_lines_wrongly_dropped": 4,
        "teaser_pages": 1,
        "teasers_misattached": 1,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
        "copies_linked": 0,
    },
    ("fresh-p", False): {
        "junk_articles": 1,
        "boilerplate_leaks": 19,
        "body_lines_wrongly_dropped": 7,
        "teaser_pages": 0,
        "teasers_misattached": 0,
        "dates_wrong": 1,
        "event_merges": 0,
        "truncated_headlines": 0,
        "copies_linked": 0,
    },
    ("fresh-s", False): _NONE_OF
    | {
        "boilerplate_leaks": 4,
        "body_lines_wrongly_dropped": 3,
        "teasers_misattached": 0,
        "dates_wrong": 0,
        "copies_linked": 0,
    },
    ("fresh-r", False): {
        "junk_articles": 2,
        "boilerplate_leaks": 25,
        "body_lines_wrongly_dropped": 8,
        "teaser_pages": 0,
        "teasers_misattached": 0,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
        "copies_linked": 2,
    },
    ("fresh-t", False): {
        "junk_articles": 1,
        "boilerplate_leaks": 20,
        "body_lines_wrongly_dropped": 24,
        "teaser_pages": 0,
        "teasers_misattached": 0,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
        "copies_linked": 0,
    },
    ("fresh-u", False): _NONE_OF
    | {
        "boilerplate_leaks": 4,
        # (37, not 36: once its byline "Words and photographs by …" names the author, the
        # photo essay's last caption is dropped as its other eleven are; its labels keep them)
        "body_lines_wrongly_dropped": 37,
        "teasers_misattached": 0,
        "dates_wrong": 0,
        "copies_linked": 1,
    },
    ("fresh-v", False): _NONE_OF
    | {
        "boilerplate_leaks": 2,
        "body_lines_wrongly_dropped": 6,
        "teasers_misattached": 0,
        "dates_wrong": 1,
        "copies_linked": 0,
    },
    ("fresh-w", False): _NONE_OF
    | {
        "boilerplate_leaks": 4,
        "body_lines_wrongly_dropped": 11,
        "teasers_misattached": 0,
        "dates_wrong": 0,
        "copies_linked": 0,
    },
    ("fresh-x", False): _NONE_OF
    | {
        "boilerplate_leaks": 18,
        "body_lines_wrongly_dropped": 25,
        "teasers_misattached": 0,
        "dates_wrong": 0,
        "copies_linked": 0,
    },
    ("fresh-z", False): {
        "junk_articles": 3,
        "boilerplate_leaks": 7,
        "body_lines_wrongly_dropped": 12,
        "teaser_pages": 0,
        "teasers_misattached": 0,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
        "copies_linked": 0,
    },
    ("fresh-y", False): _NONE_OF
    | {
        "boilerplate_leaks": 10,
        "body_lines_wrongly_dropped": 4,
        "teasers_misattached": 0,
        "dates_wrong": 0,
        "copies_linked": 0,
    },
    ("fresh-q", False): {
        "junk_articles": 0,
        "boilerplate_leaks": 4,
        "body_lines_wrongly_dropped": 2,
        "teaser_pages": 0,
        "teasers_misattached": 0,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
        "copies_linked": 0,
    },
    ("fresh-j", False): {
        "junk_articles": 1,
        "boilerplate_leaks": 11,
        "teaser_pages": 0,
        "dates_wrong": 0,
        "event_merges": 0,
        "truncated_headlines": 0,
        "copies_linked": 1,
    },
    ("events-a", False): _EVENTS | {"boilerplate_leaks": 3},
    ("events-b", False): _EVENTS | {"boilerplate_leaks": 6},
    ("events-c", False): _EVENTS | {"boilerplate_leaks": 2, "teaser_pages": 1},
}


def _folder(name: str) -> Path:
    return CORPORA if name == "corpus" else CORPORA / name


@pytest.fixture(scope="module")
def figures() -> dict[tuple[str, bool], dict]:
    found = {}
    for name, unseen_sites in FLOORS:
        folder = _folder(name)
        if unseen_sites:
            evaluation = evaluate_unseen_sites(folder, TRAINING, TOPICS)
            assert evaluation is not None
        else:
            evaluation = evaluate(folder, TOPICS)
        found[(name, unseen_sites)] = evaluation.figures()
    return found


def test_corpora_are_large_enough(figures: dict) -> None:
    assert figures[("corpus", False)]["pages"] >= 40
    assert figures[("unseen", False)]["pages"] >= 40
    assert figures[("sites", False)]["pages"] >= 75
    stories: dict[str, set[str]] = {}  # event -> its different articles
    for corpus in ("events-a", "events-b", "events-c"):
        for page in load_labels(CORPORA / corpus).values():
            for a in page.articles:
                stories.setdefault(a.event or "", set()).add(a.story or f"{page.page}#{a.index}")
    assert sum(2 <= len(group) <= 6 for group in stories.values()) >= 25


@pytest.mark.parametrize(
    ("corpus", "name", "floor"),
    [(key, name, floor) for key, floors in FLOORS.items() for name, floor in floors.items()],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_figure_does_not_drop(figures: dict, corpus: tuple, name: str, floor: float) -> None:
    value = figures[corpus][name]
    assert value >= floor, f"{corpus}: {name} fell to {value} (floor {floor})"


@pytest.mark.parametrize(
    ("corpus", "name", "ceiling"),
    [(key, name, top) for key, ceilings in CEILINGS.items() for name, top in ceilings.items()],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_count_does_not_grow(figures: dict, corpus: tuple, name: str, ceiling: int) -> None:
    value = figures[corpus][name]
    assert value <= ceiling, f"{corpus}: {name} rose to {value} (ceiling {ceiling})"
