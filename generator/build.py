"""The build, top to bottom: read pages, segment, clean, deduplicate, classify, write.

Like mkdocs' own build, everything is computed first and written last, so a
build that fails part-way leaves `docs/` as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .clean import clean, drop_known_headlines
from .dedup import deduplicate
from .ingest import discover, read_document
from .model import Article, Dropped, Instance, Merge, PageResult, Skipped
from .output import WriteResult, write_atomic, write_outputs
from .render import render_site
from .segment import segment

Progress = Callable[[str, int, int], None]


@dataclass
class BuildOptions:
    seeds: Path
    topics: Path
    docs: Path
    report: Path | None = None
    progress: Progress | None = None


@dataclass
class BuildResult:
    files: int = 0
    pages: list[PageResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    written: WriteResult = field(default_factory=WriteResult)

    @property
    def instances(self) -> list[Instance]:
        return [inst for page in self.pages for inst in page.instances]

    @property
    def empty_pages(self) -> list[PageResult]:
        return [page for page in self.pages if page.empty_reason]


def process_file(path: Path, root: Path) -> PageResult:
    """Everything that depends on one file only: read, segment, clean."""
    doc = read_document(path, root)
    if isinstance(doc, Skipped):
        return PageResult(doc.source, (), (), skipped=doc)
    instances: list[Instance] = []
    dropped: list[Dropped] = list(doc.dropped)
    for raw in segment(doc):
        instance, lines = clean(raw, doc.meta)
        dropped += lines
        if instance.blocks:
            instances.append(instance)
        else:
            title = instance.headline or instance.deck or "(untitled)"
            dropped.append(Dropped(doc.source, raw.start_line, title, "article-without-body"))
    empty_reason = None
    if not instances:
        empty_reason = (
            "no text lines"
            if not doc.lines
            else "no article with body text (only boilerplate or teasers)"
        )
    return PageResult(doc.source, tuple(instances), tuple(dropped), empty_reason=empty_reason)


def build(options: BuildOptions) -> BuildResult:
    result = BuildResult()
    paths, result.skipped = discover(options.seeds)
    result.files = len(paths)
    for done, path in enumerate(paths, start=1):
        page = process_file(path, options.seeds)
        result.pages.append(page)
        if page.skipped:
            result.skipped.append(page.skipped)
        if options.progress:
            options.progress("read", done, len(paths))
    instances, known_drops = drop_known_headlines(result.instances)
    result.dropped = [d for page in result.pages for d in page.dropped] + known_drops
    result.articles, result.merges = deduplicate(instances)
    files = render_site(result.articles)
    result.written = write_outputs(options.docs, files)
    if options.report:
        write_atomic(
            options.report, json.dumps(report(result), indent=1, ensure_ascii=False) + "\n"
        )
    return result


def report(result: BuildResult) -> dict:
    """Everything found, merged, dropped and skipped: nothing is unaccounted for."""
    return {
        "summary": summary(result),
        "skipped": [asdict(s) for s in result.skipped],
        "empty_pages": [{"source": p.source, "reason": p.empty_reason} for p in result.empty_pages],
        "instances": [
            {
                "source": inst.source,
                "position": inst.position,
                "line": inst.start_line,
                "title": inst.headline,
                "section": inst.section,
                "article": _article_of(result.articles).get(inst.key),
            }
            for inst in result.instances
        ],
        "merges": [asdict(m) for m in result.merges],
        "dropped": [asdict(d) for d in result.dropped],
        "written": result.written.written,
        "removed": result.written.removed,
        "conflicts": result.written.conflicts,
    }


def _article_of(articles: list[Article]) -> dict[str, str]:
    return {key: article.id for article in articles for key in article.instances}


def summary(result: BuildResult) -> dict:
    instances = result.instances
    return {
        "files": result.files,
        "skipped_files": len(result.skipped),
        "empty_pages": len(result.empty_pages),
        "instances": len(instances),
        "articles": len(result.articles),
        "duplicates_merged": len(instances) - len(result.articles),
        "dropped_lines": len(result.dropped),
        "files_written": len(result.written.written),
        "files_unchanged": result.written.unchanged,
        "files_removed": len(result.written.removed),
        "conflicts": len(result.written.conflicts),
    }
