"""Reading saved HTML pages: metadata from the head, the body as Markdown lines.

Scripts, styles and page chrome (navigation, sharing, newsletter and comment
blocks) are dropped, each with the rule that dropped it; what is left is
converted with markdownify and read as a text scrape. A page nested deeper
than the tree-based reader can take is read as a stream (`read_html_flat`).
`ingest.read_document` imports this module only when it meets an HTML page:
BeautifulSoup takes a tenth of a second to import, which a build that adds
text scrapes to a large digest does not need to pay.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

from bs4 import BeautifulSoup, Tag
from markdownify import MarkdownConverter

from .ingest import canonical_spaces, iso_date, text_lines
from .model import Document, Dropped, Line, PageMeta
from .text import canonical

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


class _Tag(Tag):
    """bs4's element, with a quick `find_parent` for a bare tag name.

    markdownify asks every element `find_parent("pre")`; bs4 answers through its
    general search machinery, which cost a quarter of the conversion. The answer
    is the same: the nearest enclosing element of that name.
    """

    def find_parent(self, name: Any = None, attrs: Any = None, **kwargs: Any) -> Tag | None:
        if not isinstance(name, str) or attrs or kwargs or ":" in name:
            return super().find_parent(name, attrs, **kwargs)
        parent = self.parent
        while parent is not None and parent.name != name:
            parent = parent.parent
        return parent


#: the characters markdownify's escaping acts on (escape_misc, asterisks, underscores)
_ESCAPED = re.compile(r"[\]\\&<`\[>~=+|\-#*_]|[0-9][.)]")


class _Converter(MarkdownConverter):
    """markdownify, skipping its escaping on text that holds nothing to escape.

    Escaping runs six substitutions over every text node, and most paragraphs
    need none of them; tests/test_perf_shortcuts.py checks the shortcut against
    markdownify's own escaping.
    """

    def escape(self, text: str, parent_tags: set[str]) -> str:
        if text and not _ESCAPED.search(text):
            return text
        return super().escape(text, parent_tags)


_MARKDOWN = _Converter(
    heading_style="ATX",
    # text that looks like Markdown ("# 1", "- a", "[a](b)") stays text, not a heading or link
    escape_misc=True,
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


def read_html(rel: str, html: str) -> Document:
    # class="a b" stays one string: bs4 splitting every element's multi-valued attributes
    # into lists costs a tenth of the parse, and only the chrome test reads one
    soup = BeautifulSoup(
        html, "html.parser", element_classes={Tag: _Tag}, multi_valued_attributes=None
    )
    meta = _html_meta(soup)
    if _tree_depth(soup) > MAX_HTML_DEPTH:
        return read_html_flat(rel, html, meta)
    dropped: list[Dropped] = []
    _remove_tags(soup, _dropped_element, rel, dropped)
    _remove_tags(soup, _chrome_element, rel, dropped)
    root = soup.find("main") or soup.find("body") or soup
    articles = root.find_all("article") if isinstance(root, Tag) else []
    if len(articles) == 1:
        root = articles[0]
    # convert the parsed tree itself (serialising it for markdownify to parse again cost as
    # much as the first parse); smooth() joins the text nodes the removals left side by side
    # and strip() trims the ends, as markdownify() on the serialised tree would
    if isinstance(root, Tag):
        root.smooth()
    markdown = _MARKDOWN.convert_soup(root).strip("\n")
    lines = text_lines(markdown, markdown=True, source=rel, dropped=dropped, page_header=False)
    if meta.title and not any(line.level == 1 for line in lines):
        # the page's title lives only in <head>: put it where a reader would see it
        lines = (Line(0, meta.title, 1), *lines)
    return Document(rel, "html", lines, meta, tuple(dropped))


def _dropped_element(tag: Tag) -> str | None:
    return "html-" + tag.name if tag.name in _DROP_TAGS else None


_CHROME_ROLES = ("navigation", "banner", "contentinfo", "complementary")


def _chrome_element(tag: Tag) -> str | None:
    """Page chrome marked by class name, id or ARIA role."""
    marker = " ".join((tag.get("class") or "").split()) + " " + (tag.get("id") or "")
    named = _CHROME_CLASS.search(marker) and tag.name not in ("body", "html", "article", "main")
    return "html-chrome" if named or (tag.get("role") or "") in _CHROME_ROLES else None


def _remove_tags(
    soup: BeautifulSoup, rule_of: Callable[[Tag], str | None], rel: str, dropped: list[Dropped]
) -> None:
    """Remove, with all they hold, the elements `rule_of` gives a rule, recording each.

    One walk in document order that does not enter what it removed. (Searching the
    page first and then asking each element found whether it went with an earlier
    one costs much more: bs4's `decomposed` searches the element's whole subtree.)
    """
    stack = [child for child in reversed(soup.contents) if isinstance(child, Tag)]
    while stack:
        tag = stack.pop()
        rule = rule_of(tag)
        if rule:
            _record(dropped, rel, tag, rule)
            tag.decompose()
        else:
            stack.extend(child for child in reversed(tag.contents) if isinstance(child, Tag))


def _record(dropped: list[Dropped], rel: str, tag: Tag, rule: str) -> None:
    if tag.name in ("script", "style", "template", "svg", "link", "meta"):
        return
    text = canonical_spaces(tag.get_text(" "))
    if text:
        dropped.append(Dropped(rel, getattr(tag, "sourceline", 0) or 0, text[:300], rule))


class _HeadTags:
    """The elements page metadata comes from, found in one walk over the page."""

    def __init__(self, soup: BeautifulSoup):
        self.meta_by_property: dict[str, Tag] = {}
        self.meta_by_name: dict[str, Tag] = {}
        self.json_ld: list[Tag] = []
        self.time: Tag | None = None  # the first <time datetime=…>
        self.title: Tag | None = None  # the first <title>
        for tag in soup.descendants:  # (bs4's find_all costs several times more per element)
            if not isinstance(tag, Tag):
                continue
            if tag.name == "meta":
                prop, name = tag.get("property"), tag.get("name")
                if isinstance(prop, str):
                    self.meta_by_property.setdefault(prop, tag)
                if isinstance(name, str):
                    self.meta_by_name.setdefault(name, tag)
            elif tag.name == "script":
                if tag.get("type") == "application/ld+json":
                    self.json_ld.append(tag)
            elif tag.name == "time":
                if self.time is None and tag.get("datetime") is not None:
                    self.time = tag
            elif tag.name == "title" and self.title is None:
                self.title = tag

    def meta_content(self, *keys: str) -> str | None:
        """The content of the first <meta> with one of `keys` as property or name."""
        for key in keys:
            tag = self.meta_by_property.get(key) or self.meta_by_name.get(key)
            if isinstance(tag, Tag) and tag.get("content"):
                return canonical_spaces(str(tag["content"]))
        return None


def _html_meta(soup: BeautifulSoup) -> PageMeta:
    head = _HeadTags(soup)
    ld = _json_ld(head.json_ld)
    title = head.meta_content("og:title", "twitter:title") or ld.get("headline")
    if not title and head.title and head.title.string:
        title = canonical_spaces(head.title.string)
    date = iso_date(
        head.meta_content(
            "article:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "date",
            "dc.date",
        )
        or ld.get("datePublished")
    )
    if not date and head.time is not None:
        date = iso_date(str(head.time["datetime"]))
    authors = _ld_authors(ld.get("author"))
    if not authors:
        author = head.meta_content("author", "article:author", "dc.creator")
        if author and not author.startswith("http"):
            authors = [a.strip() for a in re.split(r",| and ", author) if a.strip()]
    section = head.meta_content("article:section") or ld.get("articleSection")
    if isinstance(section, list):
        section = section[0] if section else None
    return PageMeta(
        title=canonical(title) if isinstance(title, str) else None,
        date=date,
        authors=tuple(dict.fromkeys(authors)),
        section=section if isinstance(section, str) else None,
    )


def _json_ld(scripts: list[Tag]) -> dict:
    """The first article described in the page's JSON-LD scripts."""
    for script in scripts:
        try:
            data = json.loads(script.string or "")
            items = _ld_items(data)
        except (ValueError, TypeError, RecursionError):  # RecursionError: absurdly nested
            continue
        for item in items:
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


#: deeper than this, the tree-based reader (bs4 + markdownify, both recursive) is not used
MAX_HTML_DEPTH = 150
_BLOCK_TAGS = {
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}  # fmt: skip


def _tree_depth(soup: BeautifulSoup) -> int:
    """How deep the element tree goes (stops counting past MAX_HTML_DEPTH); no recursion."""
    deepest = 0
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    while stack:
        tag, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_HTML_DEPTH:
            break
        stack.extend((child, depth + 1) for child in tag.contents if isinstance(child, Tag))
    return deepest


_SPACE_RUN = re.compile(r"\s+")


class _FlatText(HTMLParser):
    """The text of an HTML page, read as a stream of tags: for pages nested too deep for a tree."""

    def __init__(self, rel: str):
        super().__init__(convert_charrefs=True)
        self.rel = rel
        self.parts: list[str] = []
        self.dropping: list[str] = []  # open elements whose content is not text (script, nav, …)
        self.dropped_text: list[str] = []
        self.dropped: list[Dropped] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.dropping or tag in _DROP_TAGS:
            if tag not in _VOID_TAGS:
                self.dropping.append(tag)
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.parts.append("#" * int(tag[1]) + " ")
        elif tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag in self.dropping:  # an end tag closes what it encloses, even unclosed tags
                outer = self.dropping[0]
                del self.dropping[len(self.dropping) - 1 - self.dropping[::-1].index(tag) :]
                if not self.dropping:
                    self._record(outer)
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.dropping:
            self.dropped_text.append(data)
        else:
            self.parts.append(_SPACE_RUN.sub(" ", data))  # HTML whitespace, newlines too

    def _record(self, tag: str) -> None:
        text = canonical_spaces(" ".join(self.dropped_text))
        self.dropped_text = []
        if text and tag not in ("script", "style", "template", "svg"):
            self.dropped.append(Dropped(self.rel, self.getpos()[0], text[:300], "html-" + tag))


def read_html_flat(rel: str, html: str, meta: PageMeta | None = None) -> Document:
    """An HTML page read without a tree: block elements become lines, headings keep their level.

    Used when elements nest deeper than MAX_HTML_DEPTH (unclosed tags add up),
    which the tree-based reader cannot convert. Scripts, styles and page chrome
    elements are still left out; chrome marked only by class names is not.
    """
    if meta is None:
        head = re.split(r"<body", html[:1_000_000], maxsplit=1, flags=re.I)[0]
        try:
            meta = _html_meta(BeautifulSoup(head, "html.parser"))
        except RecursionError:
            meta = PageMeta()
    reader = _FlatText(rel)
    reader.feed(html)
    reader.close()
    dropped = reader.dropped
    text = "".join(reader.parts)
    lines = text_lines(text, markdown=True, source=rel, dropped=dropped, page_header=False)
    if meta.title and not any(line.level == 1 for line in lines):
        lines = (Line(0, meta.title, 1), *lines)
    return Document(rel, "html", lines, meta, tuple(dropped))
