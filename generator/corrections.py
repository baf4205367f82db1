"""Editors' corrections of single stories (`topics/stories.yml`), applied on every build.

Extraction gets a story wrong now and then; a fix an editor makes in `docs/` would be
overwritten by the next build. A correction names the story by its id (which the
story ledger keeps stable) and sets its title, summary or date, hides a junk page,
or merges it into the story it is the same as. A hidden or merged story's address
keeps resolving: it says the story was removed, or leads to the story it joined.
"""

from __future__ import annotations

from dataclasses import replace

from .curation import Correction
from .model import Article


def apply_corrections(
    articles: list[Article], corrections: list[Correction]
) -> tuple[list[Article], dict[str, str | None]]:
    """The articles as corrected (new objects where changed, the list in the same order),
    and the ids that lost their page, each with the id its address leads to (None:
    removed). Corrections naming no article are left to `curation.unknown_ids`."""
    if not corrections:
        return articles, {}
    by_id = {c.id: c for c in corrections}
    present = {a.id for a in articles}
    gone: dict[str, str | None] = {}
    for correction in corrections:
        if correction.id not in present:
            continue
        if correction.hide:
            gone[correction.id] = None
        elif correction.merge_into and correction.merge_into in present:
            gone[correction.id] = correction.merge_into

    def home(article_id: str) -> str | None:
        """Where a story ends up: itself, the story it was merged into, or None (hidden)."""
        seen: set[str] = set()
        while article_id in gone and article_id not in seen:
            seen.add(article_id)
            target = gone[article_id]
            if target is None:
                return None
            article_id = target
        return None if article_id in seen else article_id

    joined: dict[str, list[Article]] = {}
    for article in articles:
        if article.id in gone:
            target = home(article.id)
            gone[article.id] = target
            if target is not None:
                joined.setdefault(target, []).append(article)
    corrected: list[Article] = []
    for article in articles:
        if article.id in gone:
            continue
        correction = by_id.get(article.id)
        extra = joined.get(article.id, [])
        if correction is None and not extra:
            corrected.append(article)
            continue
        changes: dict = {}
        if extra:
            members = [article, *extra]
            changes["sources"] = sorted({s for a in members for s in a.sources})
            changes["instances"] = [i for a in members for i in a.instances]
            origins = {o.file: o for a in members for o in a.origins}
            changes["origins"] = [origins[f] for f in sorted(origins)]
        if correction is not None:
            if correction.title:
                changes |= {"title": correction.title, "title_source": "editor", "doubts": ()}
            if correction.summary:
                changes |= {"summary": correction.summary, "doubts": ()}
            if correction.date:
                changes["date"] = correction.date
        corrected.append(replace(article, **changes))
    return corrected, gone
