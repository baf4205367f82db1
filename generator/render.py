"""Rendering: articles and indexes to Markdown pages for MkDocs.

Every string that came from a scrape is escaped, so a title or paragraph shows
as the text it is and can never turn into markup, a link or a script.
"""

from __future__ import annotations

import re

import yaml

from .model import Article, BlockKind

ARTICLES_DIR = "articles"
HOME_LATEST = 30

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])(\s|$)")


def escape(text: str) -> str:
    """Markdown/HTML-safe inline text."""
    text = text.replace("&", "&amp;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) + m.group(3), text)


def front_matter(data: dict) -> str:
    body = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=1000, default_flow_style=False
    )
    return f"---\n{body}---\n"


def article_path(article: Article) -> str:
    return f"{ARTICLES_DIR}/{article.id}.md"


def article_page(article: Article) -> str:
    meta = {
        "id": article.id,
        "title": article.title,
        "title_source": article.title_source,
        "section": article.section,
        "authors": list(article.authors),
        "date": article.date,
        "summary": article.summary,
        "topics": list(article.topics),
        "entities": list(article.entities),
        "sources": list(article.sources),
    }
    out = [front_matter(meta), f"# {escape(article.title)}", ""]
    facts = [escape(article.section)] if article.section else []
    facts.append(article.date or "Undated")
    if article.authors:
        facts.append("By " + ", ".join(escape(a) for a in article.authors))
    out += [" · ".join(facts), ""]
    if article.deck:
        out += [f"*{escape(article.deck)}*", ""]
    for block in article.blocks:
        if block.kind is BlockKind.HEADING:
            out += [f"## {escape(block.text)}", ""]
        elif block.kind is BlockKind.ITEM:
            out += [f"- {escape(block.text)}", ""]
        else:
            out += [escape(block.text), ""]
    n = len(article.sources)
    out += ["---", "", f"Found in {n} scrape{'s' if n != 1 else ''}:", ""]
    out += [f"- `{source.replace('`', '')}`" for source in article.sources]
    return "\n".join(out) + "\n"


def newest_first(articles: list[Article]) -> list[Article]:
    """Dated articles newest first, then undated ones, ties by title: a stable order."""
    dated = sorted(
        (a for a in articles if a.date), key=lambda a: (a.date or "", a.title), reverse=True
    )
    undated = sorted((a for a in articles if not a.date), key=lambda a: (a.title.lower(), a.id))
    return dated + undated


def entry(article: Article, link_prefix: str = "") -> list[str]:
    facts = [article.date or "undated"]
    if article.section:
        facts.append(escape(article.section))
    n = len(article.sources)
    facts.append(f"{n} source{'s' if n != 1 else ''}")
    lines = [
        f"- [{escape(article.title)}]({link_prefix}{article_path(article)}) — {' · '.join(facts)}"
    ]
    if article.summary:
        lines.append(f"    {escape(article.summary)}")
    return lines


def home_page(articles: list[Article], site_name: str = "EV Digest") -> str:
    out = [front_matter({"title": site_name}), f"# {site_name}", ""]
    out += [
        f"The latest of {len(articles)} stories from EV-industry news scrapes, one page per story.",
        "",
    ]
    out += ["## Latest", ""]
    for article in newest_first(articles)[:HOME_LATEST]:
        out += entry(article)
    return "\n".join(out) + "\n"


def render_site(articles: list[Article]) -> dict[str, str]:
    files = {article_path(article): article_page(article) for article in articles}
    files["index.md"] = home_page(articles)
    return files
