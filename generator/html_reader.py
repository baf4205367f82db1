"""Reading saved HTML pages: metadata from the head, the body as Markdown lines.

The page is parsed by libxml2 (lxml), in C. Scripts, styles and page chrome
(navigation, sharing, newsletter and comment blocks) are dropped from that
tree, each with the rule that dropped it; what is left is handed to
markdownify as a BeautifulSoup tree and read as a text scrape. Parsing with
BeautifulSoup's own parser cost two thirds of reading a page, most of it
spent on the chrome dropped right after (see `_as_soup`). A page nested
deeper than the tree-based reader can take is read as a stream
(`read_html_flat`). `ingest.read_document` imports this module only when it
meets an HTML page: BeautifulSoup takes a tenth of a second to import, which
a build that adds text scrapes to a large digest does not need to pay.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from html.parser import HTMLParser
from typing import Any

from bs4 import BeautifulSoup, Comment, NavigableString, PageElement, Tag
from lxml import etree
from markdownify import MarkdownConverter

from .attribution import web_address
from .dates import stated_moment
from .model import Document, Dropped, Line, PageMeta
from .rules import SUMMARY_TITLE, looks_like_organisation
from .text import canonical, canonical_spaces
from .text_reader import iso_date, site_in_title, text_lines

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
    r"(?:^|[-_ ])(share|sharing|social|newsletter|subscribe|related|recommended|comments?|"
    r"sidebar|widget|menu|preheader|breadcrumbs?|advert|ads?|promo|cookie|banner|popup|modal|"
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


#: what SingleFile and browsers' "save page" write at the top of a saved page
_SAVED_DATE = re.compile(r"\bsaved (?:date|on|at)\s*:?\s*([^\n>]{6,80})", re.I)


def read_html(rel: str, html: str) -> Document:
    root = _parse(html)
    if root is None:  # nothing but blanks and comments
        return Document(rel, "html", (), PageMeta(), ())
    meta = _html_meta(root)
    saved = _SAVED_DATE.search(html[:4096])
    if saved:
        meta = replace(meta, captured=stated_moment(saved.group(1)))
    if _tree_depth(root) > MAX_HTML_DEPTH:
        return read_html_flat(rel, html, meta)
    dropped: list[Dropped] = []
    listed = _listed_stories(root)
    _remove_elements(root, _dropped_element, rel, dropped)
    _remove_elements(root, _chrome_element, rel, dropped)
    top = next(root.iter("main"), None)
    if top is None:
        top = next(root.iter("body"), root)
    articles = [el for el in top.iter("article") if el is not top]
    # (the one article, unless its headline is printed above it: a page header in <main>)
    if len(articles) == 1 and (articles[0].find(".//h1") is not None or top.find(".//h1") is None):
        top = articles[0]
    _head_each_post(top)
    _unwrap_layout_tables(top)
    markdown = _MARKDOWN.convert_soup(_as_soup(top)).strip("\n")
    lines = text_lines(markdown, markdown=True, source=rel, dropped=dropped, page_header=False)
    if meta.title and not any(line.level == 1 for line in lines):
        # the page's title lives only in <head>: put it where a reader would see it
        lines = (Line(0, meta.title, 1), *lines)
    return Document(rel, "html", (*lines, *listed), meta, tuple(dropped))


#: the words of paragraphs that make an <article> a post printed whole, not a card
_POST_WORDS = 120


#: what a table holds when it lays a page out (an e-mail's, an old site's), not data
_LAYOUT_CONTENT = ("h1", "h2", "h3", "h4", "p", "ul", "ol", "blockquote")
_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")


def _unwrap_layout_tables(top: etree._Element) -> None:
    """A table that holds headings, paragraphs or other tables lays the page out (an
    e-mail newsletter's, an old site's): its cells are blocks of the page, read in order,
    not the cells of a one-row Markdown table holding the whole article. A table of data
    inside it stays a table."""

    def owner(el: etree._Element) -> etree._Element | None:  # (a stray cell has none)
        return el if el.tag == "table" else next(el.iterancestors("table"), None)

    layout = {
        table
        for table in top.iter("table")
        if any(el is not table and owner(el) is table for el in table.iter(*_LAYOUT_CONTENT))
        or any(inner is not table for inner in table.iter("table"))
    }
    parts = [el for el in top.iter(*_TABLE_PARTS) if owner(el) in layout]
    for el in parts:
        el.tag = "div"


#: the class of an element holding one post of a blog, a newsroom or a feed
_POST_CLASS = re.compile(r"(?:^|\s)(?:item|post|entry|hentry|story|feed-item)(?:$|\s)", re.I)


def _head_each_post(top: etree._Element) -> None:
    """A blog's or newsroom's index, or a feed's snapshot, that prints its latest posts whole
    (several <article>s or "post"/"item" blocks, each with its heading and paragraphs):
    each post's heading heads an article, as an h1 would, and the index's own h1
    ("Newsroom", "Blog") is the page's name, not a headline."""
    posts = [
        el
        for el in top.iter("article", "div", "section", "li")
        if _holds_a_post(el)
        and el is not top
        and not any(_holds_a_post(parent) for parent in el.iterancestors() if parent is not top)
        and _first_heading(el) is not None
        and sum(len(" ".join(_strings(p)).split()) for p in el.iter("p")) >= _POST_WORDS
    ]
    if len(posts) < 2:
        return
    for post in posts:
        _first_heading(post).tag = "h1"
    for heading in top.iter("h1"):
        if not any(parent in posts for parent in heading.iterancestors()):
            heading.tag = "p"


def _holds_a_post(el: etree._Element) -> bool:
    return el.tag == "article" or bool(_POST_CLASS.search(el.get("class") or ""))


def _first_heading(el: etree._Element) -> etree._Element | None:
    return next(el.iter("h1", "h2", "h3"), None)


#: classes and ids of the blocks that list other stories ("Related", "Read next", …)
_LISTING_CLASS = re.compile(
    r"(?:^|[-_ ])(?:related|recommended|read-?next|more(?:-(?:stories|news|from|on))?|popular|"
    r"trending|latest|also-read|you-may-like|post-list|post-navigation|teasers?|cards?)(?:$|[-_ ])",
    re.I,
)
_ITEM_HEADLINE_TAGS = ("h2", "h3", "h4", "h5", "a")


def _listed_stories(root: etree._Element) -> tuple[Line, ...]:
    """The stories a page lists beside its article (related posts, "read next", a sidebar
    of the latest), as lines kept aside: each headline, and the excerpt under it, for
    segmentation to take as teasers. The blocks themselves go as chrome."""
    lines: list[Line] = []
    taken: set[etree._Element] = set()  # (a block inside one taken is not taken again)
    for block in root.iter("aside", "section", "div", "ul", "nav"):
        marker = f"{block.get('class') or ''} {block.get('id') or ''}"
        if block.tag != "aside" and not _LISTING_CLASS.search(marker):
            continue
        if not taken.isdisjoint(block.iterancestors()):
            continue
        taken.add(block)
        lines += _items(block)
    return tuple(lines)


def _items(block: etree._Element) -> list[Line]:
    """The headline of each item a listing block prints, and the excerpt that follows it."""
    lines: list[Line] = []
    headline_seen = False
    for el in block.iter(*_ITEM_HEADLINE_TAGS, "p"):
        text = canonical_spaces(" ".join(_strings(el)))
        words = len(text.split())
        number = el.sourceline or 0
        if el.tag in _ITEM_HEADLINE_TAGS:
            inside_heading = el.tag == "a" and any(
                parent.tag in _ITEM_HEADLINE_TAGS for parent in el.iterancestors()
            )
            if not inside_heading and 4 <= words <= 30 and text[:1].isupper():
                lines.append(Line(number, text, 0, "related-block"))
                headline_seen = True
        elif headline_seen and words >= 5:
            lines.append(Line(number, text, 0, "related-block"))
            headline_seen = False
    return lines


#: libxml2's HTML parser, as lenient as browsers; the text is handed over as UTF-8
#: (a str with an XML declaration naming another encoding is refused otherwise)
_PARSER = etree.HTMLParser(
    encoding="utf-8", remove_comments=False, no_network=True, default_doctype=False, huge_tree=True
)


def _parse(html: str) -> etree._Element | None:
    """The page's element tree, or None if it holds no element (lxml returns None then)."""
    try:
        return etree.fromstring(html.encode("utf-8", "replace"), _PARSER)
    except etree.ParserError:
        return None


def _dropped_element(el: etree._Element) -> str | None:
    if el.tag not in _DROP_TAGS or _article_header(el) or _story_summary(el):
        return None
    return "html-" + el.tag


def _story_summary(el: etree._Element) -> bool:
    """A box in an article's text that sums the story up, under its title ("Key points"):
    the story's own words, though the page sets it aside."""
    if el.tag != "aside" or not _in_the_article(el):
        return False
    title = next(el.iter("h2", "h3", "h4", "strong", "b", "p"), None)
    return title is not None and bool(SUMMARY_TITLE.match(canonical("".join(title.itertext()))))


def _article_header(el: etree._Element) -> bool:
    """An article's own header (its kicker, h1, deck and byline), not the site's: it holds
    the h1 and sits in the article or the main part of the page."""
    if el.tag not in ("header", "div", "section", "hgroup") or el.find(".//h1") is None:
        return False
    return _in_the_article(el)


def _in_the_article(el: etree._Element) -> bool:
    """Inside the page's article or main part, where a box may be the story's own; what
    the site prints around them never is."""
    return any(parent.tag in ("article", "main") for parent in el.iterancestors())


_CHROME_ROLES = ("navigation", "banner", "contentinfo", "complementary")


def _chrome_element(el: etree._Element) -> str | None:
    """Page chrome marked by class name, id or ARIA role."""
    marker = " ".join((el.get("class") or "").split()) + " " + (el.get("id") or "")
    found = _CHROME_CLASS.search(marker)
    named = found is not None and el.tag not in ("body", "html", "article", "main")
    if named and _article_header(el):
        return None
    if (
        named
        and found.group(1).lower() == "header"
        and any(map(_article_header, el.iterancestors()))
    ):
        return None  # a part of the article's header ("page-header__title", "…__meta")
    return "html-chrome" if named or (el.get("role") or "") in _CHROME_ROLES else None


def _remove_elements(
    root: etree._Element,
    rule_of: Callable[[etree._Element], str | None],
    rel: str,
    dropped: list[Dropped],
) -> None:
    """Remove, with all they hold, the elements `rule_of` gives a rule, recording each.

    One walk in document order that does not enter what it removed. A removed
    element is emptied and renamed `_REMOVED` rather than taken out: the text
    that follows it (its tail) stays where it was without being written back
    through lxml, which refuses control characters the parser let in.
    """
    stack = [child for child in reversed(root) if isinstance(child.tag, str)]
    while stack:
        el = stack.pop()
        if el.tag == _REMOVED:
            continue
        rule = rule_of(el)
        if rule:
            if el.tag not in ("script", "style", "template", "svg", "link", "meta"):
                text = canonical_spaces(" ".join(_strings(el)))
                if text:
                    dropped.append(Dropped(rel, el.sourceline or 0, text[:300], rule))
            el.clear(keep_tail=True)
            el.tag = _REMOVED
        else:
            stack.extend(child for child in reversed(el) if isinstance(child.tag, str))


#: the name a removed element is left with: no parsed element has it (a tag name
#: starts with a letter)
_REMOVED = "_removed"
#: elements whose text is code or markup, not words a reader sees
_NOT_TEXT = ("script", "style", "template")


def _strings(el: etree._Element) -> Iterator[str]:
    """The text pieces inside `el`, in order (comments and scripts left out)."""
    if el.text and el.tag not in _NOT_TEXT:
        yield el.text
    for child in el:
        if isinstance(child.tag, str):
            yield from _strings(child)
        if child.tail:
            yield child.tail


#: what BeautifulSoup takes for blank text (a blank string outside <pre> is one space or newline)
_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
_PRESERVE_SPACE = ("pre", "textarea")


def _as_soup(top: etree._Element) -> Tag:
    """The element as the BeautifulSoup tree markdownify converts.

    Built directly from libxml2's tree: parsing in C takes a fraction of the
    time BeautifulSoup's parser does, and only what is left after the page
    chrome went is built. Strings are made as BeautifulSoup makes them: a
    blank one outside <pre> becomes one space or newline, and those a removed
    element separated are joined (as `Tag.smooth` joins them).
    """
    soup = BeautifulSoup(
        "", "html.parser", element_classes={Tag: _Tag}, multi_valued_attributes=None
    )
    builder = soup.builder
    last: PageElement = soup

    def attach(node: PageElement, parent: Tag) -> None:
        nonlocal last
        node.setup(parent, last)
        parent.contents.append(node)
        last = node

    def flush(pieces: list[str], parent: Tag, preserve: bool) -> None:
        if pieces:
            text = "".join(pieces if preserve else map(_blank_as_bs4, pieces))
            attach(NavigableString(text), parent)
            pieces.clear()

    def add_element(el: etree._Element, parent: Tag, preserve: bool) -> None:
        nonlocal last
        tag = _Tag(soup, builder, el.tag, None, None, dict(el.attrib), parent, last)
        parent.contents.append(tag)
        last = tag
        preserve = preserve or el.tag in _PRESERVE_SPACE
        pieces = [el.text] if el.text else []
        for child in el:
            if isinstance(child.tag, str) and child.tag != _REMOVED:
                flush(pieces, tag, preserve)
                add_element(child, tag, preserve)
            elif child.tag is etree.Comment:
                flush(pieces, tag, preserve)
                attach(Comment(child.text or ""), tag)
            if child.tail:
                pieces.append(child.tail)
        flush(pieces, tag, preserve)

    inside_pre = any(el.tag in _PRESERVE_SPACE for el in top.iterancestors())
    add_element(top, soup, inside_pre)
    return soup.contents[0]


def _blank_as_bs4(text: str) -> str:
    if text.strip(_ASCII_SPACES):
        return text
    return "\n" if "\n" in text else " "


class _HeadTags:
    """The elements page metadata comes from, found in one walk over the page."""

    def __init__(self, root: etree._Element):
        self.meta_by_property: dict[str, etree._Element] = {}
        self.meta_by_name: dict[str, etree._Element] = {}
        self.json_ld: list[str] = []  # the text of each JSON-LD script
        self.time: str | None = None  # the first <time datetime=…>'s datetime
        self.title: str | None = None  # the text of the first <title>, if it is all text
        self.canonical: str | None = None  # the first <link rel=canonical>'s address
        seen_title = False
        for el in root.iter("meta", "script", "time", "title", "link"):
            if el.tag == "link":
                if self.canonical is None and "canonical" in (el.get("rel") or "").lower().split():
                    self.canonical = el.get("href")
            elif el.tag == "meta":
                prop, name = el.get("property"), el.get("name")
                # (names in any case: "DC.date.issued", "dcterms.issued")
                if prop is not None:
                    self.meta_by_property.setdefault(prop.lower(), el)
                if name is not None:
                    self.meta_by_name.setdefault(name.lower(), el)
            elif el.tag == "script":
                if el.get("type") == "application/ld+json":
                    self.json_ld.append(el.text or "")
            elif el.tag == "time":
                if self.time is None and el.get("datetime") is not None:
                    self.time = el.get("datetime")
            elif not seen_title:
                seen_title = True
                self.title = el.text if len(el) == 0 else None

    def meta_content(self, *keys: str) -> str | None:
        """The content of the first <meta> with one of `keys` as property or name."""
        for key in map(str.lower, keys):
            el = self.meta_by_property.get(key)
            if el is None:
                el = self.meta_by_name.get(key)
            if el is not None and el.get("content"):
                return canonical_spaces(el.get("content") or "")
        return None


def _html_meta(root: etree._Element) -> PageMeta:
    head = _HeadTags(root)
    ld = _json_ld(head.json_ld)
    title = head.meta_content("og:title", "twitter:title") or ld.get("headline")
    if not title and head.title:
        title = canonical_spaces(head.title)
    date = iso_date(
        head.meta_content(
            "article:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "date",
            "dc.date",
            # (Dublin Core's, as public bodies' and libraries' pages print it)
            "dcterms.issued",
            "dcterms.created",
            "dc.date.issued",
            "dcterms.date",
            "citation_publication_date",
        )
        or ld.get("datePublished")
    )
    if not date and head.time is not None:
        date = iso_date(head.time)
    authors = _ld_authors(ld.get("author"))
    if not authors:
        author = head.meta_content("author", "article:author", "dc.creator")
        if author and not author.startswith("http"):
            authors = [a.strip() for a in re.split(r",| and ", author) if a.strip()]
    authors = [a for a in authors if not looks_like_organisation(a)]
    section = head.meta_content("article:section") or ld.get("articleSection")
    if isinstance(section, list):
        section = section[0] if section else None
    publisher = ld.get("publisher")
    outlet = head.meta_content("og:site_name", "application-name") or (
        publisher.get("name") if isinstance(publisher, dict) else None
    )
    if not outlet and head.title:
        outlet = site_in_title(canonical_spaces(head.title))
    return PageMeta(
        title=canonical(title) if isinstance(title, str) else None,
        date=date,
        authors=tuple(dict.fromkeys(authors)),
        section=section if isinstance(section, str) else None,
        url=web_address(head.canonical) or web_address(head.meta_content("og:url")),
        outlet=canonical(outlet) if isinstance(outlet, str) and outlet.strip() else None,
    )


def _json_ld(scripts: list[str]) -> dict:
    """The first article described in the page's JSON-LD scripts."""
    for script in scripts:
        try:
            data = json.loads(script)
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
        kind = value.get("@type")
        person = kind is None or kind == "Person" or (isinstance(kind, list) and "Person" in kind)
        return [name] if isinstance(name, str) and person else []  # (not an Organization)
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


def _tree_depth(root: etree._Element) -> int:
    """How deep the element tree goes, the root element being 1 (stops counting past
    MAX_HTML_DEPTH); no recursion."""
    deepest = 0
    stack: list[tuple[etree._Element, int]] = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_HTML_DEPTH:
            break
        stack.extend((child, depth + 1) for child in el)
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
        head = _parse(re.split(r"<body", html[:1_000_000], maxsplit=1, flags=re.I)[0])
        meta = _html_meta(head) if head is not None else PageMeta()
    reader = _FlatText(rel)
    reader.feed(html)
    reader.close()
    dropped = reader.dropped
    text = "".join(reader.parts)
    lines = text_lines(text, markdown=True, source=rel, dropped=dropped, page_header=False)
    if meta.title and not any(line.level == 1 for line in lines):
        lines = (Line(0, meta.title, 1), *lines)
    return Document(rel, "html", lines, meta, tuple(dropped))
