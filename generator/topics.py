"""Topics and companies: file every article under the editors' topics and tag the companies it names.

Rules are matched case-insensitively on word boundaries. A topic needs a
minimum number of keyword hits (title hits count twice), every required term
and none of the excluded ones; include/exclude lists override the rules. Each
decision can be explained, because editors tune rules by asking "why is this
article (not) here?".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .curation import Company, Curation, Topic
from .model import Article

TITLE_WEIGHT = 2


def _term_pattern(
    terms: tuple[str, ...], *, acronyms_exact: bool = False
) -> re.Pattern[str] | None:
    if not terms:
        return None
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        body = r"[\s\-]+".join(re.escape(word) for word in re.split(r"[\s\-]+", term.strip()))
        body = body.replace("'", "['’]").replace("’", "['’]")
        if acronyms_exact and term.isupper() and len(term) <= 5:
            body = f"(?-i:{body})"
        parts.append(body)
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


def _key(term: str) -> str:
    return " ".join(re.split(r"[\s\-]+", term.lower().replace("’", "'")))


@dataclass
class Decision:
    """Why an article is or is not in a topic."""

    topic: str
    filed: bool
    hits: Counter = field(default_factory=Counter)
    missing_required: list[str] = field(default_factory=list)
    excluded_found: list[str] = field(default_factory=list)
    override: str | None = None
    min_hits: int = 0

    def explain(self) -> str:
        verdict = "IN " if self.filed else "OUT"
        if self.override:
            return f"{verdict} {self.topic}: {self.override}"
        total = sum(self.hits.values())
        parts = [f"{total} hit{'s' if total != 1 else ''} (need {self.min_hits})"]
        if self.hits:
            parts.append(", ".join(f"{term}×{n}" for term, n in sorted(self.hits.items())))
        if self.missing_required:
            parts.append("missing required: " + ", ".join(self.missing_required))
        if self.excluded_found:
            parts.append("excluded term found: " + ", ".join(self.excluded_found))
        return f"{verdict} {self.topic}: " + "; ".join(parts)


class _CompiledTopic:
    def __init__(self, topic: Topic):
        self.topic = topic
        self.keywords = _term_pattern(topic.rules.keywords)
        self.required = [(term, _term_pattern((term,))) for term in topic.rules.required]
        self.excluded = _term_pattern(topic.rules.excluded)

    def decide(self, article: Article, title: str, body: str) -> Decision:
        topic = self.topic
        decision = Decision(topic.id, False, min_hits=topic.rules.min_hits)
        if article.id in topic.exclude:
            decision.override = "excluded by id in " + topic.file
            return decision
        if article.id in topic.include:
            decision.filed, decision.override = True, "included by id in " + topic.file
            return decision
        if self.keywords is None:
            return decision
        for weight, text in ((TITLE_WEIGHT, title), (1, body)):
            for match in self.keywords.finditer(text):
                decision.hits[_key(match.group(0))] += weight
        decision.missing_required = [
            t for t, p in self.required if p and not p.search(title + "\n" + body)
        ]
        if self.excluded:
            decision.excluded_found = sorted(
                {_key(m.group(0)) for m in self.excluded.finditer(title + "\n" + body)}
            )
        decision.filed = (
            sum(decision.hits.values()) >= topic.rules.min_hits
            and not decision.missing_required
            and not decision.excluded_found
        )
        return decision


def _texts(article: Article) -> tuple[str, str]:
    body = "\n".join([article.deck or ""] + [block.text for block in article.blocks])
    return article.title, body


class Classifier:
    """Topics and company patterns compiled once for a whole build."""

    def __init__(self, curation: Curation):
        self.topics = [_CompiledTopic(topic) for topic in curation.topics]
        self.companies = [
            (company, _term_pattern((company.name, *company.aliases), acronyms_exact=True))
            for company in curation.companies
        ]

    def decisions(self, article: Article) -> list[Decision]:
        title, body = _texts(article)
        return [compiled.decide(article, title, body) for compiled in self.topics]

    def entities(self, article: Article) -> list[str]:
        title, body = _texts(article)
        text = title + "\n" + body
        return [
            company.id for company, pattern in self.companies if pattern and pattern.search(text)
        ]

    def classify(self, articles: list[Article]) -> None:
        """Fill `topics` (in topic order) and `entities` on every article."""
        for article in articles:
            article.topics = [d.topic for d in self.decisions(article) if d.filed]
            article.entities = self.entities(article)


def company_by_id(curation: Curation) -> dict[str, Company]:
    return {company.id: company for company in curation.companies}
