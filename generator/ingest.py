"""Ingest: find seed files and turn each into a `Document` of text lines.

Text scrapes are read as they are; HTML pages are stripped of scripts, styles
and page chrome, their metadata is read from the head, and the rest is
converted to Markdown with markdownify. Files that cannot be read are returned
as `Skipped` with a reason; nothing here raises on bad input.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from markdownify import markdownify

from .model import Document, Dropped, Line, PageMeta, Skipped
from .rules import DATE_TEXT
from .text import canonical

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_LINE_CHARS = 20_000


def discover(root: Path) -> tuple[list[Path], list[Skipped]]:
    """Every regular file under `root`, sorted; links that leave `root` or loop are skipped."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    real_root = root.resolve()
    seen_dirs: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        real_dir = os.path.realpath(dirpath)
        if real_dir in seen_dirs or not _inside(real_dir, real_root):
            rel = Path(dirpath).relative_to(root).as_posix()
            reason = (
                "symlink loop"
                if real_dir in seen_dirs
                else "symlink points outside the seeds folder"
            )
            skipped.append(Skipped(rel + "/", reason))
            dirnames[:] = []
            continue
        seen_dirs.add(real_dir)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            real = os.path.realpath(path)
            if not _inside(real, real_root):
                skipped.append(Skipped(rel, "symlink points outside the seeds folder"))
            elif not os.path.isfile(real):
                skipped.append(Skipped(rel, "not a regular file (broken link or special file)"))
            else:
                found.append(path)
    found.sort(key=lambda p: p.relative_to(root).as_posix())
    return found, skipped


def _inside(path: str, root: Path) -> bool:
    return path == str(root) or path.startswith(str(root) + os.sep)


def read_document(path: Path, root: Path) -> Document | Skipped:
    rel = path.relative_to(root).as_posix()
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES and suffix not in HTML_SUFFIXES:
        return Skipped(rel, f"unsupported file type {suffix or '(no extension)'!r}")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Skipped(rel, f"file too large ({size} bytes, limit {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except OSError as error:
        return Skipped(rel, f"cannot read file: {error.strerror or error}")
    text, problem = decode(data)
    if text is None:
        return Skipped(rel, problem or "unreadable")
    if suffix in HTML_SUFFIXES:
        return read_html(rel, text)
    return Document(rel, TEXT_SUFFIXES[suffix], text_lines(text, markdown=suffix != ".txt"))


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Decode bytes to text, detecting the encoding; (None, reason) when it is not text."""
    if not data.strip():
        return None, "empty file"
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _clean_text(data[len(bom) :].decode(encoding)), None
            except UnicodeDecodeError:
                return None, f"invalid {encoding} text after a byte-order mark"
    try:
        return _clean_text(data.decode("utf-8")), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        return None, "binary file (no text encoding fits)"
    text = data.decode(best.encoding, errors="replace")
    if _looks_binary(text):
        return None, "binary file (mostly control characters)"
    return _clean_text(text), None


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > len(sample) * 0.05


def _clean_text(text: str) -> str:
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def text_lines(text: str, *, markdown: bool) -> tuple[Line, ...]:
    """Non-blank lines, stripped; Markdown headings keep their level."""
    lines: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = canonical_spaces(raw)
        if not stripped:
            continue
        if len(stripped) > MAX_LINE_CHARS:
            stripped = stripped[:MAX_LINE_CHARS]
        level = 0
        if markdown:
            heading = _MD_HEADING.match(stripped)
            if heading:
                level, stripped = len(heading.group(1)), heading.group(2)
            elif stripped.startswith(("* ", "+ ")):
                stripped = "- " + stripped[2:]
            if not stripped:
                continue
        lines.append(Line(number, stripped, level))
    return tuple(lines)


def canonical_spaces(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


# Elements that never hold article text.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "input",
    "figure",
    "figcaption",
    "picture",
    "video",
    "audio",
    "canvas",
    "object",
    "embed",
    "link",
    "meta",
)
_CHROME_CLASS = re.compile(
    r"(?:^|[-_ ])(?:share|sharing|social|newsletter|subscribe|related|recommended|comments?|"
    r"sidebar|widget|menu|breadcrumbs?|advert|ads?|promo|cookie|banner|popup|modal|"
    r"author-bio|bio|tags|pagination|paywall|signup|footer|header|nav)(?:$|[-_ ])",
    re.I,
)


def read_html(rel: str, html: str) -> Document:
    soup = BeautifulSoup(html, "html.parser")
    meta = _html_meta(soup)
    dropped: list[Dropped] = []
    for tag in soup.find_all(_DROP_TAGS):
        if isinstance(tag, Tag) and not tag.decomposed:
            _record(dropped, rel, tag, "html-" + tag.name)
            tag.decompose()
    for tag in soup.find_all(True):
        if isinstance(tag, Tag) and not tag.decomposed and tag.attrs is not None:
            marker = " ".join(tag.get("class") or []) + " " + (tag.get("id") or "")
            role = tag.get("role") or ""
            if (
                _CHROME_CLASS.search(marker) and tag.name not in ("body", "html", "article", "main")
            ) or role in (
                "navigation",
                "banner",
                "contentinfo",
                "complementary",
            ):
                _record(dropped, rel, tag, "html-chrome")
                tag.decompose()
    root = soup.find("main") or soup.find("body") or soup
    articles = root.find_all("article") if isinstance(root, Tag) else []
    if len(articles) == 1:
        root = articles[0]
    markdown = markdownify(
        str(root),
        heading_style="ATX",
        strip=[
            "a",
            "img",
            "span",
            "em",
            "strong",
            "b",
            "i",
            "u",
            "small",
            "time",
            "abbr",
            "sup",
            "sub",
            "mark",
            "cite",
        ],
        bullets="-",
    )
    lines = text_lines(markdown, markdown=True)
    if meta.title and not any(line.level == 1 for line in lines):
        # the page's title lives only in <head>: put it where a reader would see it
        lines = (Line(0, meta.title, 1), *lines)
    return Document(rel, "html", lines, meta, tuple(dropped))


def _record(dropped: list[Dropped], rel: str, tag: Tag, rule: str) -> None:
    if tag.name in ("script", "style", "template", "svg", "link", "meta"):
        return
    text = canonical_spaces(tag.get_text(" "))
    if text:
        dropped.append(Dropped(rel, getattr(tag, "sourceline", 0) or 0, text[:300], rule))


def _meta_content(soup: BeautifulSoup, *keys: str) -> str | None:
    for key in keys:
        tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
        if isinstance(tag, Tag) and tag.get("content"):
            return canonical_spaces(str(tag["content"]))
    return None


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: str | None) -> str | None:
    """The ISO date in a metadata value ("2025-03-04T10:00:00Z" -> "2025-03-04")."""
    if not value:
        return None
    match = _ISO_DATE.search(value)
    if match:
        return match.group(0)
    from .clean import parse_date

    return parse_date(value)


def _html_meta(soup: BeautifulSoup) -> PageMeta:
    ld = _json_ld(soup)
    title = _meta_content(soup, "og:title", "twitter:title") or ld.get("headline")
    if not title and soup.title and soup.title.string:
        title = canonical_spaces(soup.title.string)
    date = iso_date(
        _meta_content(
            soup,
            "article:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "date",
            "dc.date",
        )
        or ld.get("datePublished")
    )
    if not date:
        time_tag = soup.find("time", attrs={"datetime": True})
        if isinstance(time_tag, Tag):
            date = iso_date(str(time_tag["datetime"]))
    authors = _ld_authors(ld.get("author"))
    if not authors:
        author = _meta_content(soup, "author", "article:author", "dc.creator")
        if author and not author.startswith("http"):
            authors = [a.strip() for a in re.split(r",| and ", author) if a.strip()]
    section = _meta_content(soup, "article:section") or ld.get("articleSection")
    if isinstance(section, list):
        section = section[0] if section else None
    return PageMeta(
        title=canonical(title) if isinstance(title, str) else None,
        date=date,
        authors=tuple(dict.fromkeys(authors)),
        section=section if isinstance(section, str) else None,
    )


def _json_ld(soup: BeautifulSoup) -> dict:
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
            continue
        for item in _ld_items(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(
                k in ("NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle")
                for k in kinds
            ):
                return item
    return {}


def _ld_items(data: object) -> list[dict]:
    if isinstance(data, list):
        return [item for entry in data for item in _ld_items(entry)]
    if isinstance(data, dict):
        return [data, *_ld_items(data.get("@graph", []))]
    return []


def _ld_authors(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [name for entry in value for name in _ld_authors(entry)]
    return []


__all__ = ["DATE_TEXT", "decode", "discover", "read_document", "read_html", "text_lines"]
