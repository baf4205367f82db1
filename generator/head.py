"""The head of an article: which line is its headline, and where its body starts.

What a site prints above an article's first paragraph varies more than
anything else on a page: menus and icon labels, a section label, an image's
alt text, the headline, a deck, a photo caption, the byline block with the
author, the outlet and the date, share buttons. A rule for each arrangement
only holds on the sites it was written for, so here every line of that zone
is scored on evidence that holds on any site (`line_features`): its shape, its
place relative to the byline block and to the first paragraph, how much of its
vocabulary the body goes on to use (a headline shares its key words with the
lead; an icon label or an outlet name shares none), and whether it agrees
with the page's own metadata. Two logistic models, one for "this is the
headline" and one for "the body starts here", weigh the evidence; their
weights are learned from the labelled corpora (`head_train.py`, `ev-digest
train-head`) and shipped in `head_model.json`. `ev-digest eval` judges them
leaving one site out at a time, so the figure it prints is the one on sites
the weights never saw.

Segmentation still says where articles start; this stage may move an
article's headline within its zone and tells cleaning where its body starts
(`RawArticle.body_start`).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from .dates import parse_date
from .model import Line, PageMeta, RawArticle
from .rules import (
    DATELINE,
    HEADING_CHROME,
    PICTURE_RULES,
    SENTENCE_BREAK,
    SUMMARY_POINTS,
    SUMMARY_TITLE,
    chrome_rule,
    chrome_rules,
    is_tweet_end,
    looks_like_heading,
    looks_like_label,
    looks_like_person_name,
    looks_like_prose,
    split_breadcrumb,
    split_site_suffix,
)
from .text import glued_tails, normalize, word_count

MODEL_FILE = Path(__file__).with_name("head_model.json")
#: the zone never reaches further than this many lines into an article (or under the
#: headline segmentation found)
MAX_ZONE = 40
#: how much of the body the vocabulary of a line is compared with (its opening)
BODY_WORDS = 150
#: what a line glued to its breadcrumb holds: a mark between crumbs, or glued capitals
_CRUMB_HINT = re.compile(r"[›»>/|]|^[A-Z][a-z]+[A-Z][a-z]+[A-Z]|\s[–—-]\s[A-Z]")
#: how much of a line its vocabulary and its shape are read on (a headline is shorter)
_LINE_WORDS = 60
_SHAPE_CHARS = 300

#: rules of lines that carry the byline block: an author, a date, an outlet
_BYLINE_RULES = frozenset(("byline", "author-bio", "reading-time", "social-count"))
_CONTENT_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")
_STOPWORDS = frozenset(
    "the a an and or of to in on at by for with from is are was were be been has have had it "
    "its that this as but not will would can could said says after over into about than more "
    "new its their his her they we you our your what how why who when which there here all "
    "up out off per via amid".split()
)

FEATURES = (
    "bias",
    "words",
    "short",
    "mid_length",
    "long",
    "ends_period",
    "ends_question",
    "ends_colon",
    "ends_quote",
    "sentences",
    "title_case",
    "all_caps",
    "starts_lower",
    "digits",
    "person_name",
    "date",
    "label",
    "heading_shape",
    "level1",
    "level2",
    "dateline",
    "quote_start",
    "first_candidate",
    "candidate_index",
    "after_label",
    "chrome_before",
    "chrome_after",
    "byline_below",
    "byline_above",
    "byline_later",
    "prose_below",
    "body_overlap",
    "next_overlap",
    "meta_overlap",
    "meta_match",
    "proposed",
    "repeated",
    "said_fuller_below",
    "zone_end",
    "to_zone_end",
    "after_headline",
    "byline_since_headline",
    "only_head_lines_before",
    "deck_below",
)


@dataclass(frozen=True)
class HeadModel:
    """The weights of the two line scorers (over `FEATURES`, standardised)."""

    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    headline: tuple[float, ...]
    body: tuple[float, ...]
    headline_threshold: float = 0.5
    body_threshold: float = 0.5
    #: the corpora the weights were learned from (paths from the project's root)
    trained_on: tuple[str, ...] = ()

    def to_json(self) -> str:
        return json.dumps(
            {
                "trained_on": list(self.trained_on),
                "features": list(self.features),
                "means": [round(x, 6) for x in self.means],
                "scales": [round(x, 6) for x in self.scales],
                "headline": [round(x, 6) for x in self.headline],
                "body": [round(x, 6) for x in self.body],
                "headline_threshold": self.headline_threshold,
                "body_threshold": self.body_threshold,
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> HeadModel:
        data = json.loads(text)
        model = cls(
            features=tuple(data["features"]),
            means=tuple(data["means"]),
            scales=tuple(data["scales"]),
            headline=tuple(data["headline"]),
            body=tuple(data["body"]),
            headline_threshold=data.get("headline_threshold", 0.5),
            body_threshold=data.get("body_threshold", 0.5),
            trained_on=tuple(data.get("trained_on", ())),
        )
        if model.features != FEATURES:
            raise ValueError(f"{MODEL_FILE.name} was trained on other features: retrain it")
        return model

    def probability(self, weights: tuple[float, ...], values: list[float]) -> float:
        z = sum(
            w * ((v - m) / s)
            for w, v, m, s in zip(weights, values, self.means, self.scales, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def default_model() -> HeadModel:
    return HeadModel.from_json(MODEL_FILE.read_text(encoding="utf-8"))


def content_words(text: str) -> set[str]:
    """The words that carry meaning, cut to six letters (a crude stem)."""
    return {
        w[:6] for w in _CONTENT_WORD.findall(normalize(text)) if len(w) >= 3 and w not in _STOPWORDS
    }


@dataclass
class Zone:
    """The top of an article: its lines (headline put back in place), their chrome rules,
    and where solid body text begins."""

    lines: list[Line]
    rules: list[str | None]
    #: the breadcrumb printed before the headline on the same line, by the line's index
    crumbs: dict[int, str]
    #: index of the first line of prose followed by more prose: the body has begun (the
    #: number of lines when there is none)
    end: int
    #: index of the headline segmentation proposed, if it is a line of the zone
    proposed: int | None
    #: the first lines of the body, whose vocabulary a headline shares
    body_text: tuple[str, ...]
    meta_title: str | None
    meta_words: set[str]

    _info: _Lines | None = None
    _body_words: set[str] | None = None

    @property
    def body_words(self) -> set[str]:
        if self._body_words is None:
            words = " ".join(self.body_text).split()[:BODY_WORDS]
            self._body_words = content_words(" ".join(words))
        return self._body_words

    def lines_info(self) -> _Lines:
        if self._info is None:
            self._info = _Lines(self)
        return self._info

    def candidates(self, start: int = 0, through_end: bool = False) -> list[int]:
        """The lines that may head the article or start its body: content, not a table's
        row (a fact box under the headline: "| Filing Date | 11/24/2026 |")."""
        stop = self.end + 1 if through_end else self.end
        return [
            i
            for i in range(start, min(stop, len(self.lines)))
            if self.rules[i] is None and not _TABLE_ROW.match(self.lines[i].text)
        ]

    def headline_candidates(self) -> list[int]:
        """The lines that may be the headline: above the body, and above the second line
        of prose or a paragraph's worth of it (a caption or a site's tagline may stand over
        a headline; what comes after a paragraph is the article, and choosing it would
        drop the paragraph)."""
        found, prose = [], 0
        printed = Counter(line.text for line in self.lines)
        candidates = self.candidates()
        for k, i in enumerate(candidates):
            text = self.lines[i].text
            if printed[text] >= _OVER_EACH_POST:
                continue  # (a channel's name printed over each of its posts)
            if looks_like_prose(text):
                prose += 1
                if prose == 2:
                    break
                if word_count(text) >= 25:
                    after = candidates[k + 1] if k + 1 < len(candidates) else None
                    if self._caption_over_headline(after):
                        continue
                    break
            if 3 <= word_count(text) <= 40 and not _GOES_ON.match(text):
                found.append(i)  # (a headline says something, briefly, from its start)
        return found

    def listed(self, i: int) -> bool:
        """Line i is an item of a list marked as one ("* …", "- …", "• …"), another item
        beside it."""
        if not _LIST_ITEM.match(self.lines[i].text):
            return False
        beside = (i - 1, i + 1)
        return any(
            0 <= k < len(self.lines) and _LIST_ITEM.match(self.lines[k].text) for k in beside
        )

    def _caption_over_headline(self, after: int | None) -> bool:
        """The paragraph's worth over `after` (the next candidate) is a picture's long
        caption: a headline comes next, with the byline block still to come under it."""
        if after is None:
            return False
        text = self.lines[after].text
        return (
            word_count(text) >= 4
            and looks_like_heading(text)
            and not looks_like_prose(text)
            and any(self.rules[j] in _BYLINE_RULES for j in range(after + 1, self.end))
        )

    def number(self, i: int) -> int:
        """The page line number of zone line i (past the last line: one more than it)."""
        return self.lines[i].number if i < len(self.lines) else self.lines[-1].number + 1


_TABLE_ROW = re.compile(r"^\|.*\|$")
_LIST_ITEM = re.compile(r"^[*•-]\s+\S")
#: a line that goes on from another, in lower case: "new grid connection was GBP1.1 million
#: and a" (a brand's name in lower case has a capital next: "eActros", "iX3")
_GOES_ON = re.compile(r"^[a-z][a-z]")
#: a line printed this many times in an article's zone names who posts, not what
_OVER_EACH_POST = 3


def article_lines(raw: RawArticle) -> tuple[list[Line], int | None]:
    """The article's lines with its headline put back where the page prints it, and the
    headline's index (None: no headline line)."""
    lines = list(raw.lines)
    if raw.headline is None or raw.headline_line is None:
        return lines, None
    at = next((k for k, line in enumerate(lines) if line.number > raw.headline_line), len(lines))
    lines.insert(at, Line(raw.headline_line, raw.headline, raw.headline_level))
    return lines, at


def _zone_rules(raw: RawArticle, lines: list[Line], headline: int | None) -> list[str | None]:
    """The chrome rule of each zone line: as segmentation read them on the page, when it
    says (the headline's is none), else read again."""
    if raw.rules is None:
        return chrome_rules([line.text for line in lines])
    rules = list(raw.rules[: len(lines)])
    if headline is not None:
        rules.insert(headline, None)
    return rules[: len(lines)]


def make_zone(raw: RawArticle, meta: PageMeta | None) -> Zone:
    lines, proposed = article_lines(raw)
    # (a site's menu of fifty sections may stand over the headline segmentation found:
    # the zone reaches as far under it as it would from the top)
    reach = MAX_ZONE if proposed is None else max(MAX_ZONE, proposed + MAX_ZONE // 2)
    lines = lines[: reach + 20]
    crumbs: dict[int, str] = {}
    as_printed = [line.text for line in lines]
    printed: set[str] | None = None  # (those lines normalised, when a line looks glued)
    for i, line in enumerate(lines):
        hint = not line.aside and word_count(line.text) <= 40 and _CRUMB_HINT.search(line.text)
        if not hint:
            continue
        if printed is None:
            printed = {normalize(text) for text in as_printed}
        split = (
            _glued_to_a_line(line.text, printed)
            or split_breadcrumb(line.text)
            or split_site_suffix(line.text, printed)
        )
        if split is not None:  # a headline glued to its breadcrumb (site) is scored without it
            crumbs[i], text = split
            lines[i] = replace(line, text=text)
    texts = [line.text for line in lines]
    rules = [
        line.aside
        or (
            None
            if line.level and rule not in HEADING_CHROME
            else "embedded-tweet"
            if is_tweet_end(line.text)
            else rule
        )
        for line, rule in zip(lines, _zone_rules(raw, lines, proposed), strict=False)
    ]
    kept = [i for i in range(len(texts)) if rules[i] is None]
    end = len(texts)  # (no body in sight: every line may head the article)
    seen_prose = False

    def byline_after(k: int) -> bool:
        """The byline block follows kept line k: a byline line, or an author's name."""
        stop = kept[k + 1] if k + 1 < len(kept) else len(texts)
        return any(rules[j] in _BYLINE_RULES for j in range(kept[k] + 1, stop)) or (
            stop < len(texts) and looks_like_person_name(texts[stop])
        )

    for k, i in enumerate(kept):
        if i >= reach:
            end = i
            break
        if not looks_like_prose(texts[i]) or lines[i].level:
            continue
        following = kept[k + 1] if k + 1 < len(kept) else None
        if byline_after(k):
            seen_prose = True
            continue  # a deck or a caption: the byline block comes after it
        if (
            not seen_prose
            and word_count(texts[i]) < 25
            and not SENTENCE_BREAK.search(texts[i])
            and following is not None
            and (not looks_like_prose(texts[following]) or byline_after(k + 1))
        ):
            seen_prose = True
            continue  # one sentence over a deck or a byline: a headline with a full stop
        if not seen_prose and _deck_and_caption_over_byline(texts, rules, kept, k, byline_after):
            seen_prose = True
            continue  # a deck, then a caption (under its credit or not), then the byline
        if following is None or looks_like_prose(texts[following]) or word_count(texts[i]) >= 60:
            end = i
            break
    meta_title = meta.title if meta is not None and raw.position == 0 else None
    return Zone(
        lines=lines,
        rules=rules,
        crumbs=crumbs,
        end=end,
        proposed=proposed,
        body_text=tuple(texts[end : end + 12]),
        meta_title=meta_title,
        meta_words=content_words(meta_title) if meta_title else set(),
    )


def _deck_and_caption_over_byline(
    texts: list[str],
    rules: list[str | None],
    kept: list[int],
    k: int,
    byline_after: Callable[[int], bool],
) -> bool:
    """Kept line k and the next are a deck and a caption (two sentences short of a
    paragraph each) with the byline block under them: the caption's credit left out, and
    no byline over the deck (a post's lines under its byline are its text); or a picture's
    credit between them, and the body going on below."""
    if k + 1 >= len(kept) or not byline_after(k + 1):
        return False
    deck, caption = texts[kept[k]], texts[kept[k + 1]]
    if word_count(deck) >= _DECK_WORDS or word_count(caption) >= _DECK_WORDS:
        return False
    if looks_like_prose(caption) and "byline" not in rules[: kept[k]]:
        return True
    return (
        k + 2 < len(kept)
        and any(rules[j] in PICTURE_RULES for j in range(kept[k] + 1, kept[k + 1]))
        and looks_like_prose(texts[kept[k + 2]])
    )


def _glued_to_a_line(text: str, printed: set[str]) -> tuple[str, str] | None:
    """(breadcrumb, headline) when the line ends, glued to its crumbs, with a line the page
    prints on its own: "HomeNewsroomPress ReleasesOffice of Clean Mobility Awards …"."""
    for rest in glued_tails(text):
        if normalize(rest) in printed:
            return text[: len(text) - len(rest)], rest
    return None


def _title_case(text: str) -> float:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if w.lower() not in _STOPWORDS]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def _overlap(words: set[str], other: set[str]) -> float:
    return len(words & other) / len(words) if words else 0.0


class _Lines:
    """What the features read of every line of a zone, worked out once per zone."""

    def __init__(self, zone: Zone):
        texts = [line.text for line in zone.lines]
        self.norms = [normalize(text) for text in texts]
        self.candidates = zone.candidates(0, through_end=True)
        # (the words of the lines that may be scored, and the neighbours they read)
        self.words: dict[int, set[str]] = {
            i: content_words(" ".join(texts[i].split()[:_LINE_WORDS])) for i in self.candidates
        }
        counts = Counter(self.norms)
        self.repeated = [counts[norm] > 1 for norm in self.norms]
        self.person = [
            zone.rules[i] is None and looks_like_person_name(text) for i, text in enumerate(texts)
        ]
        #: a line of the byline block: a byline rule, or an author's name on its own
        self.byline = [
            rule in _BYLINE_RULES or person
            for rule, person in zip(zone.rules, self.person, strict=True)
        ]
        self.rank = {i: k for k, i in enumerate(self.candidates)}
        stop = min(zone.end, len(texts))
        #: a byline rule after line i, before the body
        self.byline_later = [False] * (len(texts) + 1)
        for i in range(stop - 2, -1, -1):
            self.byline_later[i] = self.byline_later[i + 1] or zone.rules[i + 1] in _BYLINE_RULES
        #: the line's words are all in a longer candidate line below it (before the body)
        self.said_fuller_below = [False] * len(texts)
        for i in self.candidates:
            words = self.words[i]
            self.said_fuller_below[i] = len(words) >= 2 and any(
                j > i and len(self.words[j]) > len(words) and words <= self.words[j]
                for j in self.candidates
                if j < zone.end
            )

    def neighbours(self, i: int) -> tuple[int | None, int | None]:
        """The candidate lines right before and after line i."""
        k = self.rank.get(i)
        if k is None:
            before = [j for j in self.candidates if j < i]
            after = [j for j in self.candidates if j > i]
            return (before[-1] if before else None), (after[0] if after else None)
        return (
            self.candidates[k - 1] if k else None,
            self.candidates[k + 1] if k + 1 < len(self.candidates) else None,
        )


@lru_cache(maxsize=4096)  # (a line is scored as a headline, then as the body's start)
def _shape(text: str, level: int) -> tuple[float, ...]:
    """The features of a line's own shape (the first of `FEATURES`, after "bias")."""
    n = word_count(text)
    last = text.rstrip()[-1:]
    start = text[:_SHAPE_CHARS]  # (the shares of capitals and figures: a long line's start)
    letters = [c for c in start if c.isalpha()]
    return (
        min(n, 60) / 60,
        float(n <= 3),
        float(4 <= n <= 20),
        float(n > 30),
        float(last == "." and not text.endswith("...")),
        float(last in "?!"),
        float(last == ":"),
        float(last in '"”’'),
        min(len(SENTENCE_BREAK.findall(text)), 3) / 3,
        _title_case(text),
        float(len(letters) >= 4 and sum(map(str.isupper, letters)) > 0.8 * len(letters)),
        float(text[:1].islower()),
        sum(map(str.isdigit, start)) / max(1, len(start)),
        float(looks_like_person_name(text)),
        float(n <= 12 and (parse_date(text) is not None or " ago" in text)),
        float(looks_like_label(text)),
        float(looks_like_heading(text)),
        float(level == 1),
        float(level in (2, 3)),
        float(bool(DATELINE.match(text))),
        float(text[:1] in "\"“‘'"),
    )


def line_features(zone: Zone, i: int, headline: int | None) -> list[float]:
    """The evidence on line i of the zone; `headline` is the headline's index, when the
    question is where the body starts (None while the headline is being chosen)."""
    info = zone.lines_info()
    line = zone.lines[i]
    words = info.words[i]
    k = info.rank.get(i, len(info.candidates))
    prev_kept, next_kept = info.neighbours(i)
    rules = zone.rules
    normalized = info.norms[i]
    meta = normalize(zone.meta_title) if zone.meta_title else ""
    after_headline = headline is not None and i > headline
    between = range(headline + 1, i) if after_headline else range(0)
    return [
        1.0,
        *_shape(line.text, line.level),
        float(k == 0),
        min(k, 6) / 6,
        float(
            prev_kept is not None
            and prev_kept >= i - 2
            and looks_like_label(zone.lines[prev_kept].text)
        ),
        float(i > 0 and rules[i - 1] is not None),
        float(i + 1 < len(rules) and rules[i + 1] is not None),
        float(any(info.byline[i + 1 : i + 4])),
        float(any(info.byline[max(0, i - 3) : i])),
        float(info.byline_later[i]),
        float(next_kept is not None and looks_like_prose(zone.lines[next_kept].text)),
        _overlap(words, zone.body_words),
        _overlap(words, info.words[next_kept]) if next_kept is not None else 0.0,
        _overlap(words, zone.meta_words),
        # (the metadata's title, or most of it: "<headline> | <site>"; its first words
        # alone, an agency's name, are no match)
        float(
            bool(meta)
            and (
                normalized == meta
                or (len(normalized) > max(10, len(meta) // 2) and meta.startswith(normalized))
            )
        ),
        float(i == zone.proposed),
        float(info.repeated[i]),
        float(info.said_fuller_below[i]),
        float(i == zone.end),
        min(sum(1 for j in info.candidates if i < j <= zone.end), 6) / 6,
        float(after_headline and (prev_kept is None or prev_kept <= headline)),
        float(any(info.byline[j] for j in between)),
        float(after_headline and all(rules[j] is not None or info.person[j] for j in between)),
        # a sentence, then the byline, under this line: it is the headline over its deck
        float(
            next_kept is not None
            and zone.lines[next_kept].text.rstrip().endswith((".", "!", "?"))
            and any(info.byline[next_kept + 1 : next_kept + 4])
        ),
    ]


@dataclass(frozen=True)
class Head:
    """What was chosen: the headline's and the body's first line (indexes into the zone)."""

    headline: int | None
    body: int


def deck_then_byline(zone: Zone) -> bool:
    """Under the headline segmentation found, one line, then the byline block, then the body:
    the scorers put the body after the block every time (tests/test_head.py checks it on
    the corpora), so a build spares them the question: the commonest head of all."""
    candidates = zone.candidates(through_end=True)
    if zone.proposed is None or candidates[:1] != [zone.proposed] or len(candidates) != 3:
        return False
    deck, body = candidates[1:]
    if _printed_whole_below(zone, zone.proposed) == deck:
        return False  # (not a deck: the headline printed whole)
    return body == zone.end and any(zone.rules[j] in _BYLINE_RULES for j in range(deck + 1, body))


def choose(zone: Zone, model: HeadModel, headline_fixed: bool = False) -> Head:
    """The headline (unless `headline_fixed`: the one segmentation found) and the body's
    first line."""
    headline: int | None = zone.proposed if headline_fixed else None
    best = model.headline_threshold
    likely: list[int] = []  # the candidates the scorer finds likely headlines
    plausible: list[int] = []  # and those it does not rule out
    scores: dict[int, float] = {}
    for i in zone.headline_candidates() if not headline_fixed else ():
        if zone.listed(i):
            continue  # (a summary's point: "* Q1 deliveries 41,200 vs 29,850")
        p = scores[i] = model.probability(model.headline, line_features(zone, i, None))
        if p >= model.headline_threshold:
            likely.append(i)
        if p >= PLAUSIBLE:
            plausible.append(i)
        if p >= best:
            headline, best = i, p
    if headline_fixed and headline is not None:
        headline = _printed_whole_below(zone, headline)
    if headline is None and not headline_fixed:
        headline = _right_over_its_author(zone)
    if headline is None and not headline_fixed:
        headline = _over_the_byline(zone, plausible)
    if headline is not None and not headline_fixed:
        headline = _said_fuller(
            zone, _printed_again_over_its_byline(zone, headline, scores), likely
        )
        headline = _shortened_over_its_headline(zone, headline, likely)
        headline = _above_its_byline(zone, _over_its_deck(zone, headline, scores), likely)
        headline = _over_its_deck(zone, headline, scores)  # (the line over the byline: a deck?)
        headline = _one_the_body_explains(zone, headline, likely, plausible)
        headline = _above_its_summary(zone, headline, scores)
        headline = _under_an_issues_title(zone, headline)
    body = zone.end
    below = zone.candidates(0 if headline is None else headline + 1, through_end=True)
    for i in below:
        p = model.probability(model.body, line_features(zone, i, headline))
        if p >= model.body_threshold:
            body = i
            break
    else:
        # no paragraphs in sight (a cut page): a paragraph's worth under the headline is
        # the body's start, not a deck over nothing
        cut = zone.end >= len(zone.lines) and bool(below)
        if cut and word_count(zone.lines[below[0]].text) >= _PARAGRAPH_WORDS:
            body = below[0]
    # what the head drops is furniture: past the deck's place, the first line that is
    # not (a name, a label, a few words, a second headline) is body, whatever the score
    past_deck = below[1:] if headline is not None else below
    text = next((i for i in past_deck if i < body and not _furniture(zone.lines[i].text)), body)
    body = _past_a_menu(zone, _after_the_byline(zone, min(body, text)))
    return Head(headline, _at_the_dateline(zone, _past_the_summary(zone, body)))


def _past_a_menu(zone: Zone, body: int) -> int:
    """The body's start moved past a run of a menu's items (a few words a line, two or
    more) to the paragraph under them: a body starts with text, and a page without a
    headline may print its text right under its menu ("Jobs" / "Announcements" / "Every
    motorway service area …")."""
    items = 0
    for i in range(body, len(zone.lines)):
        if zone.rules[i] is not None:
            continue
        text = zone.lines[i].text
        if looks_like_prose(text):
            return i if items >= _MENU_ITEMS else body
        if word_count(text) > _MENU_ITEM_WORDS:
            return body
        items += 1
    return body


#: a menu's item says this many words at most, and a menu has this many items at least
_MENU_ITEM_WORDS = 3
_MENU_ITEMS = 2


def _at_the_dateline(zone: Zone, body: int) -> int:
    """A wire story's body starts at its dateline ("RENO, Nev., Nov. 29, 2022 /PR
    Wirelink/ -- …"): a line of a deck's length right over it, not closed by a full stop
    as a paragraph is, is the deck."""
    if body >= len(zone.lines) or DATELINE.match(zone.lines[body].text):
        return body
    after = next((j for j in range(body + 1, len(zone.lines)) if zone.rules[j] is None), None)
    if (
        after is not None
        and DATELINE.match(zone.lines[after].text)
        and word_count(zone.lines[body].text) <= _DECK_WORDS
        and not zone.lines[body].text.rstrip().endswith((".", "!", "?", '"', "”"))
    ):
        return after
    return body


def _after_the_byline(zone: Zone, body: int) -> int:
    """The body's start, moved past the byline block when that block comes right after
    it (one line of text above it) and before the solid body: a line a page prints over
    its byline is a deck or a caption. (Further down, a date or a name is the body's:
    a quoted post's, a related story's.)"""
    info = zone.lines_info()
    seen = {normalize(zone.lines[k].text) for k in range(body) if info.byline[k]}
    block: list[int] = []
    for k in range(body + 1, min(zone.end, len(zone.lines))):
        if info.byline[k] and _says_who_or_when(zone.lines[k].text):  # (not a post's time)
            text = normalize(zone.lines[k].text)
            if text in seen:
                break  # the same byline again: a thread's next post
            seen.add(text)
            block.append(k)
    if not block or not _byline_under(zone, body):
        return body
    if word_count(zone.lines[body].text) > _DECK_WORDS:
        return body
    return next((i for i in zone.candidates(block[-1] + 1, through_end=True)), body)


#: a deck or a caption is a sentence or two, never a paragraph
_DECK_WORDS = 60
#: what a deck hardly ever reaches, and a paragraph usually does
_PARAGRAPH_WORDS = 35


#: a headline this long, and a line under it saying as much, are a headline and its deck
_HEADLINE_WORDS = 8
#: a line the headline scorer gives this much may still be the headline over a deck: on
#: a site it has not seen, a deck (a sentence over the byline) takes the headline's score
PLAUSIBLE = 0.1


def _over_its_deck(zone: Zone, headline: int, scores: dict[int, float]) -> int:
    """The plausible headline right above the chosen one, when the chosen one reads as a
    deck and that one does not: a deck scores like a headline, and sits under it. The
    chosen line reads as a deck when it is a sentence, or when it says as much as the
    line right over it, which scores nearly as well (two title-like lines of one weight
    stacked over the byline: a headline and its deck, in that order, on any site)."""
    above = [i for i, p in scores.items() if i < headline and p >= PLAUSIBLE]
    if not above:
        return headline
    i = max(above)
    upper, chosen = zone.lines[i].text, zone.lines[headline].text
    stacked = (
        i == headline - 1
        and word_count(upper) >= _HEADLINE_WORDS
        and word_count(chosen) >= word_count(upper)
        and scores[i] >= scores[headline] / 2
    )
    if not (_sentence(chosen) or stacked):
        return headline
    if not _byline_under(zone, headline):
        return headline  # (a deck stands right over the byline; a headline over its deck)
    if looks_like_label(upper):
        return headline
    between = range(i + 1, headline)
    if (_sentence(upper) and not stacked) or any(
        zone.rules[k] is None and word_count(zone.lines[k].text) > 2 for k in between
    ):
        # (a sentence over a deck is a caption, unless the two stand stacked: a headline
        # may end with a full stop; between them only chrome, or a label: "Video")
        return headline
    return i


def _byline_under(zone: Zone, i: int) -> bool:
    """The byline block comes right under line i: in the next two lines, or past chrome
    and a name or a label (a video's player and its channel's name)."""
    info = zone.lines_info()
    if any(info.byline[i + 1 : i + 3]):
        return True
    for k in range(i + 1, len(zone.lines)):
        if info.byline[k]:
            return True
        if zone.rules[k] is None and word_count(zone.lines[k].text) > 3:
            return False
    return False


def _over_the_byline(zone: Zone, plausible: list[int]) -> int | None:
    """When no line is a likely headline, the plausible one the byline block stands under
    (a caption, the outlet's name, a place may come between): on a site the scorer has
    not seen, a headline of an unusual shape ("…, but suppliers say the real test is who
    gets hired.") scores low, and what stands over a byline is the headline."""
    info = zone.lines_info()
    over = [
        i
        for i in plausible
        if any(
            info.person[j] or (zone.rules[j] == "byline" and _says_who_or_when(zone.lines[j].text))
            for j in range(i + 1, min(i + _BYLINE_REACH, len(zone.lines)))
        )
    ]
    return over[-1] if over else None


def _under_an_issues_title(zone: Zone, headline: int) -> int:
    """The first story of a newsletter issue under the issue's title: the page's title (its
    level-one heading) over an introduction of a paragraph or two ("Issue #142 · …" /
    "Good morning. This week: …"), then a subheading with "By …" right under it and the
    story's text. The title is the issue's; the subheading is the story's headline."""
    line = zone.lines[headline]
    if line.level != 1 or _byline_under(zone, headline):
        return headline
    paragraphs = 0
    for j in range(headline + 1, min(zone.end + 1, len(zone.lines) - 1)):
        if zone.rules[j] is not None:
            continue
        below = zone.lines[j + 1]
        if (
            zone.lines[j].level > 1
            and zone.rules[j + 1] == "byline"
            and _BY_AUTHOR.match(below.text)
        ):
            return j
        paragraphs += looks_like_prose(zone.lines[j].text)
        if paragraphs > _ISSUE_INTRO_PARAGRAPHS or zone.lines[j].level:
            break
    return headline


#: an issue's introduction under its title: a greeting and a sponsor's line at most
_ISSUE_INTRO_PARAGRAPHS = 2


def _right_over_its_author(zone: Zone) -> int | None:
    """When no line is a likely headline, the one right over "By …": a headline of a shape
    the scorer has not seen ("KORVEN MOTORS Q1 EV DELIVERIES JUMP 38%, BATTERY
    COSTS SQUEEZE MARGIN") still stands over its author."""
    over = [
        i
        for i in zone.headline_candidates()
        if i + 1 < len(zone.lines)
        and zone.rules[i + 1] == "byline"
        and _BY_AUTHOR.match(zone.lines[i + 1].text)
        and word_count(zone.lines[i].text) >= _SAYS_SOMETHING
    ]
    return over[0] if over else None


_BY_AUTHOR = re.compile(r"^(?:By|BY|by):?\s+[A-Z]")
#: a headline says this many words at least
_SAYS_SOMETHING = 4


def _says_who_or_when(text: str) -> bool:
    """A byline line names someone or a day (a time alone, "16:04", is a post's, a chat's)."""
    return any(c.isalpha() for c in text) or parse_date(text) is not None


#: how far under a headline its byline block may start (past a caption, a name, a place)
_BYLINE_REACH = 6


def _printed_again_over_its_byline(zone: Zone, headline: int, scores: dict[int, float]) -> int:
    """The same headline printed again further down, over the byline block: the page's
    title (glued to its breadcrumb, or in a bar at the top) repeats the headline, and the
    article's head (deck, byline, date) is under the second one."""
    info = zone.lines_info()
    again = [
        j
        for j in info.candidates
        if headline < j < zone.end and info.norms[j] == info.norms[headline]
    ]
    if not again or not _byline_under(zone, again[-1]):
        return headline
    scores.setdefault(again[-1], scores[headline])  # (the same line, scored once)
    return again[-1]


def _said_fuller(zone: Zone, headline: int, likely: list[int]) -> int:
    """The likely line below the chosen one that says all it says and more: a page title,
    an image's alt text or a breadcrumb repeats the headline shortened, above it."""
    info = zone.lines_info()
    text = zone.lines[headline].text
    if text.endswith(("…", "...")):  # a headline cut short: the line that prints it whole
        stem = normalize(text.rstrip(".… "))
        whole = [
            j
            for j in zone.headline_candidates()
            if j > headline and normalize(zone.lines[j].text).startswith(stem + " ")
        ]
        if whole:
            return whole[0]
    if not info.said_fuller_below[headline]:
        return headline
    words = info.words[headline]
    fuller = [j for j in likely if j > headline and words <= info.words[j]]
    return fuller[0] if fuller else headline


def _shortened_over_its_headline(zone: Zone, headline: int, likely: list[int]) -> int:
    """A likely line under the chosen one, right over the byline block, that says most of
    what the chosen says and more ("Tessaly opens Port Selwick plant" over "In pictures:
    Tessaly Cells opens its sodium-ion gigafactory in Port Selwick" / "Photos by …"): the
    chosen is the headline shortened (a page title, an alt text, a teaser's), the line over
    the byline the headline."""
    info = zone.lines_info()
    words = info.words[headline]
    if len(words) < _SHORTENED_WORDS or any(info.byline[headline + 1 : headline + 2]):
        return headline  # (the chosen one is over the byline itself)
    for j in likely:
        said = words & info.words[j]
        if (
            j > headline
            and any(info.byline[j + 1 : j + 3])
            and len(info.words[j]) > len(words)
            and len(said) * _SHORTENED_SHARE >= len(words)
        ):
            return j
    return headline


#: a shortened headline says this many content words at least, and most of them again
#: (this share's inverse: two in three)
_SHORTENED_WORDS = 3
_SHORTENED_SHARE = 1.5


def _printed_whole_below(zone: Zone, headline: int) -> int:
    """The line right under the headline segmentation found, when it starts with the whole
    of it and says more: the page printed a short title (an image's alt text, a teaser's)
    over the headline."""
    below = headline + 1
    if below >= len(zone.lines) or zone.rules[below] is not None:
        return headline
    stem = normalize(zone.lines[headline].text)
    fuller = normalize(zone.lines[below].text)
    return (
        below
        if stem and fuller.startswith(stem + " ") and len(fuller) < 2 * len(stem) + 40
        else headline
    )


def _above_its_byline(zone: Zone, headline: int, likely: list[int]) -> int:
    """A likely headline with the byline block right under it, when the chosen one comes
    after that block: an article's headline stands over its byline, and what the page
    prints between the byline and the body is a caption or a deck."""
    info = zone.lines_info()
    over = [
        i
        for i in likely
        if i < headline
        and any(info.byline[i + 1 : i + 3])
        and any(zone.rules[k] in _BYLINE_RULES for k in range(i + 1, headline))
    ]
    return over[-1] if over else headline


def _one_the_body_explains(
    zone: Zone, headline: int, likely: list[int], plausible: list[int]
) -> int:
    """A likely headline with the byline block under it whose words the body goes on to
    use, when the chosen one shares not a word with the body: a site's tagline ("The
    world's news, verified twice"), an icon's label or an outlet's name says nothing of
    the story. Under such a line, a plausible one will do: a headline of a shape the
    scorer seldom saw ("$3.2 BILLION BET ON THE OLD MILL") may score under the likely
    ones' line."""
    info = zone.lines_info()
    if len(info.words[headline]) < 2 or info.words[headline] & zone.body_words:
        return headline
    explained = [
        i
        for i in sorted(set(likely) | {i for i in plausible if i > headline})
        if i != headline
        and _overlap(info.words[i], zone.body_words) >= _EXPLAINED
        and _byline_under(zone, i)
    ]
    return explained[0] if explained else headline


#: the share of a headline's words the opening of its body uses, at least
_EXPLAINED = 0.3


def _above_its_summary(zone: Zone, headline: int, scores: dict[int, float]) -> int:
    """The plausible headline over the title of a story's summary ("Key points", "In
    brief"), when the chosen line is one of the points under it: a summary's point reads
    like a headline, and the headline stands over it."""
    titles = [k for k in range(headline) if SUMMARY_TITLE.match(zone.lines[k].text)]
    if not titles:
        return headline
    above = [i for i, p in scores.items() if i < titles[-1] and p >= PLAUSIBLE]
    return max(above) if above else headline


def _past_the_summary(zone: Zone, body: int) -> int:
    """The body's start, moved past a summary's points (marked "- " or not) and the byline
    block or the note under them ("Key takeaways are produced with the help of AI …"), when
    it was put at the first point ("Key points" / three points / "By …" / the date)."""
    before = [k for k in range(body) if zone.rules[k] is None]
    if not before or not SUMMARY_TITLE.match(zone.lines[before[-1]].text):
        return body
    items = body
    while items < len(zone.lines) and zone.lines[items].text.startswith("- "):
        items += 1  # (points marked as a list's items: the text goes on under the last)
    if (
        body < items <= body + SUMMARY_POINTS
        and items < len(zone.lines)
        and zone.rules[items] is None
        and looks_like_prose(zone.lines[items].text)
    ):
        return items
    info = zone.lines_info()
    for k in range(body + 1, min(body + SUMMARY_POINTS + 1, len(zone.lines))):
        if info.byline[k] or zone.rules[k] == "notice":  # (or the note the points end with)
            after = k
            while after < len(zone.lines) and (info.byline[after] or zone.rules[after]):
                after += 1
            return after if after < len(zone.lines) else body
    return body


def _sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!"))


def _furniture(text: str) -> bool:
    """A line the head of an article prints besides its headline and deck."""
    n = word_count(text)
    return (
        n <= 3
        or looks_like_label(text)
        or looks_like_person_name(text)
        or (n <= 16 and looks_like_heading(text))
    )


def apply_head(
    raw: RawArticle, meta: PageMeta | None, model: HeadModel | None = None
) -> RawArticle:
    """The article with the headline the scorers chose and the line its body starts at."""
    if raw.teaser:
        return raw
    zone = make_zone(raw, meta)
    if not zone.lines:
        return raw
    if zone.proposed is not None and zone.candidates() == [zone.proposed]:
        # the headline segmentation found and, right under it, the body: nothing to choose
        if zone.proposed not in zone.crumbs:
            return replace(raw, body_start=zone.number(zone.end))
        head = Head(zone.proposed, zone.end)  # (its crumbs or its site come off it below)
    elif raw.position > 0 and deck_then_byline(zone):
        return replace(raw, body_start=zone.number(zone.end))
    else:
        # an appended article was found by its headline (a label or a byline with it): the
        # scorers say only where its body starts
        fixed = raw.position > 0 and zone.proposed is not None
        head = choose(zone, model or default_model(), fixed)
    lines, proposed = article_lines(raw)
    if head.headline is None:
        # (the page's title, unless it is the site's name and motto: "Harborline | Markets News")
        titled = meta is not None and raw.position == 0 and meta.title
        headline = meta.title if titled and chrome_rule(meta.title) is None else None
        headline_line, level = None, 0
        if proposed is not None and raw.position > 0:
            # an appended article keeps the headline it was found by
            return replace(raw, body_start=zone.number(head.body))
    else:
        chosen = zone.lines[head.headline]
        headline, headline_line, level = chosen.text, chosen.number, chosen.level
        crumb = zone.crumbs.get(head.headline)
        lines = [
            line if k != head.headline else Line(line.number, crumb or "", 0, "navigation")
            for k, line in enumerate(lines)
            if k != head.headline or crumb
        ]
    return replace(
        raw,
        headline=headline,
        headline_line=headline_line,
        headline_level=level,
        lines=tuple(lines),
        body_start=zone.number(head.body),
        rules=None,  # (the lines changed)
    )
