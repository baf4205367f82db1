"""Text scrapes (plain text and Markdown) read into a `Document` of lines, and the line and
metadata helpers the HTML reader shares.

`ingest` decodes a seed file and hands its text here (or, for HTML, to
`html_reader`, which converts the page to Markdown lines with `text_lines`).
Markdown inline syntax is reduced to its text; front-matter, a reader
service's header or a scraper's fields give the page's metadata
(`page_meta`); lines that are only page syntax or links are dropped with
their rule. Lines over MAX_LINE_CHARS are cut into pieces, nothing lost.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace

import yaml

from .attribution import web_address
from .dates import capture_date, parse_date, stated_moment
from .model import Document, Dropped, Line, PageMeta
from .rules import SEPARATOR_LINE, chrome_rule
from .text import canonical, canonical_spaces
from .unwrap import unwrapped

#: longer lines are cut into pieces of at most this many characters (nothing is dropped)
MAX_LINE_CHARS = 20_000


def read_text(rel: str, text: str, markdown: bool) -> Document:
    dropped: list[Dropped] = []
    if not markdown:
        text = _without_link_numbers(rel, text, dropped)
    lines = text_lines(text, markdown=markdown, source=rel, dropped=dropped)
    if not markdown:
        lines = unwrapped(lines, text.split("\n"), rel, dropped)
    meta = page_meta(text, markdown)
    if meta.captured is None:
        meta = replace(meta, captured=captured_in(lines))
    return Document(rel, "markdown" if markdown else "text", lines, meta, tuple(dropped))


#: a text browser's dump (`lynx -dump`) numbers each link in the text, "[12]Recalls", and
#: lists their addresses under "References" at the end: "12. https://…", "21. form field = …"
_LINK_NUMBER = re.compile(r"\[\d{1,4}\]")
_REFERENCE = re.compile(r"^\s*\d{1,4}\.\s+(?:[a-z][\w+.-]*:\S*|form field = .+)$")
_REFERENCES_MIN = 3


def _without_link_numbers(rel: str, text: str, dropped: list[Dropped]) -> str:
    """A text browser's dump without its link numbers and its list of references (blanked,
    so the lines keep their numbers); any other text as it is."""
    if "References" not in text:
        return text
    lines = text.split("\n")
    start = next(
        (i for i in range(len(lines) - 1, -1, -1) if lines[i].strip() == "References"), None
    )
    if start is None:
        return text
    listed = [line for line in lines[start + 1 :] if line.strip()]
    if len(listed) < _REFERENCES_MIN or not all(map(_REFERENCE.match, listed)):
        return text
    for number in range(start, len(lines)):
        if lines[number].strip():
            dropped.append(Dropped(rel, number + 1, lines[number].strip(), "link-references"))
        lines[number] = ""
    return "\n".join(_LINK_NUMBER.sub("", line) for line in lines)


#: a saver's or scraper's note on when it captured the page sits at its top or bottom
CAPTURE_NOTE_LINES = 5


def captured_in(lines: tuple[Line, ...]) -> str | None:
    """When the page says it was captured, from a note at its top or bottom."""
    ends = lines[:CAPTURE_NOTE_LINES] + lines[-CAPTURE_NOTE_LINES:]
    return next((found for line in ends if (found := capture_date(line.text))), None)


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^(?:=+|-+)$")
_MD_RULE = re.compile(r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_MD_BULLET = re.compile(r"^[*+-]\s+")
_MD_EMPHASIZED = re.compile(r"^(?:\*[^*].{0,300}[^*]\*|_[^_].{0,300}[^_]_)$")
#: a backslash escapes any ASCII punctuation (CommonMark); markdownify escapes these too
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# No pattern here may scan to the end of the line from every start: "[[[[…" or "*a *a …"
# 20,000 characters long would take seconds (tests/test_robustness.py times them). So
# bracketed text stops at the next bracket, and emphasis spans at most 500 characters.
_MD_ALT = re.compile(r"!\[([^\[\]]*)\]")
_MD_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)|!\[[^\[\]]*\]\[[^\[\]]*\]")
_MD_LINK = re.compile(
    r"\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)|\[([^\[\]]+)\]\[[^\[\]]*\]"
)
#: (the marker, emphasis with it): most lines have no marker and skip the expressions
_MD_EMPHASIS = (
    ("*", re.compile(r"(?<![\w*])\*\*(?=\S)(.{1,500}?)(?<=\S)\*\*(?![\w*])")),
    ("_", re.compile(r"(?<![\w_])__(?=\S)(.{1,500}?)(?<=\S)__(?![\w_])")),
    ("*", re.compile(r"(?<![\w*])\*(?=[^\s*])(.{1,500}?)(?<=[^\s*])\*(?![\w*])")),
    ("_", re.compile(r"(?<![\w_])_(?=[^\s_])(.{1,500}?)(?<=[^\s_])_(?![\w_])")),
)
#: what may sit between the links of a navigation line ("[News](/) › [EVs](/evs/)")
_LINK_GLUE = re.compile(r"^[\s|/›»>·•,;:–—-]*$")
#: a link to an author page ("[Jane Doe](https://site.com/author/jane-doe/)")
_AUTHOR_URL = re.compile(
    r"/(?:author|authors|writer|writers|staff|people|profile|contributors?)/|/@\w", re.I
)
_AUTHOR_LINK = re.compile(r"^\[([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\]\(([^)\s]+)\)$")
#: the boxes a page may print over the article, paragraphs long: a consent wall's
_WALLS = frozenset(("cookie-notice", "paywall", "site-notice"))
#: reader services (r.jina.ai and the like) put these before the page's Markdown
_READER_HEADER = re.compile(
    r"^(?:Title|URL Source|Published Time|Markdown Content|Warning):(?:\s|$)"
)
#: lines of a Markdown page that are page syntax, not text: (rule, …)
MARKDOWN_RULES = ("front-matter", "reader-header", "markdown-syntax", "inline-image", "link-list")


def _header_end(raw: list[str], markdown: bool = True) -> tuple[int, str | None]:
    """Where a page's header ends (0 if it has none): a Markdown page's YAML front-matter,
    a reader service's header, or (in any text page) a scraper's or mailer's fields
    (`_field_header_end`)."""
    first = next((i for i, line in enumerate(raw) if line.strip()), None)
    if first is None:
        return 0, None
    if markdown and raw[first].strip() == "---":
        for i in range(first + 1, min(len(raw), first + 200)):
            if raw[i].strip() in ("---", "..."):
                return i + 1, "front-matter"
        return 0, None
    end = 0
    for i in range(first, min(len(raw), first + 20)):
        line = raw[i].strip()
        if not line:
            continue
        if not _READER_HEADER.match(line):
            break
        end = i + 1
        if line.startswith("Markdown Content:"):
            break
    if end:
        return end, "reader-header"
    end = _field_header_end(raw, first)
    return end, ("page-header" if end else None)


#: a field a scraper or a mailer prints above the page: "fetched_at: 2022-11-23 19:47",
#: "Subject: …", "content_type: text/html" (a key of one to three words, a colon, a value)
_FIELD_LINE = re.compile(r"^([A-Za-z][\w.-]*(?:[ :][A-Za-z][\w.-]*){0,2}):(?:\s+(.*))?$")
#: fewer fields in a row than this are a page's own lines ("Updated: …", "By: …")
MIN_HEADER_FIELDS = 3
#: the line a mailbox file opens each message with: "From jo@example.com Tue Mar 03 21:47:12 2026"
_MBOX_ENVELOPE = re.compile(
    r"^From \S+@\S+\s+[A-Z][a-z]{2} [A-Z][a-z]{2}\s+\d{1,2} [\d:]{8} \d{4}$"
)
#: the fields only a mail's header has (its "Date:" is when it was sent) ...
_MAIL_HEADS = frozenset(("from", "to", "subject", "message-id", "return-path"))
#: ... and all the fields of a mail's header, by which a run of fields in a page is a mail's
_MAIL_FIELDS = _MAIL_HEADS | frozenset(
    "cc bcc date mime-version content-type reply-to received content-transfer-encoding".split()
)
#: a page holds a mail's header only if a line starts with one of its fields (one search
#: spares every other page the line-by-line look)
_MAIL_FIELD_START = re.compile(
    rf"^\s*(?:{'|'.join(re.escape(name) for name in sorted(_MAIL_FIELDS))}):", re.M | re.I
)


def _mail_header_lines(raw: list[str]) -> set[int]:
    """The numbers of the lines of the mail headers inside a page (a mailbox file of several
    messages, a forwarded mail): a run of fields, at least MIN_HEADER_FIELDS of a mail's,
    with the mailbox's "From …" line over it."""
    found: set[int] = set()
    i = 0
    while i < len(raw):
        start = i
        if _MBOX_ENVELOPE.match(raw[i].strip()):
            i += 1
        mail = 0
        while i < len(raw) and (
            (match := _FIELD_LINE.match(raw[i].strip()))
            or (i > start and raw[i][:1] in (" ", "\t") and raw[i].strip())
        ):
            mail += bool(match and match.group(1).lower() in _MAIL_FIELDS)
            i += 1
        if mail >= MIN_HEADER_FIELDS:
            found.update(range(start + 1, i + 1))
        i = max(i, start + 1)
    return found


def _field_header_end(raw: list[str], first: int) -> int:
    """The end of the fields at the top of a page (a scraper's `key: value` lines or its
    one JSON object, a mail's headers), with the rule under them; 0 if there are none."""
    if _header_json(raw[first]) is not None:
        end = first + 1
    else:
        end, fields = first, 0
        if _MBOX_ENVELOPE.match(raw[first].strip()):
            end, fields = first + 1, 1  # (a mailbox file's line opening each message)
        for i in range(end, min(len(raw), first + 30)):
            line = raw[i].strip()
            if not line and fields:
                continue
            if fields and raw[i][:1] in (" ", "\t") and i == end:
                end = i + 1  # a mail header folded onto the next line goes on
                continue
            if not _FIELD_LINE.match(line):
                break
            end, fields = i + 1, fields + 1
        if fields < MIN_HEADER_FIELDS:
            return 0
    following = next((i for i in range(end, len(raw)) if raw[i].strip()), None)
    if following is not None and SEPARATOR_LINE.match(raw[following].strip()):
        end = following + 1
    return end


def _header_json(line: str) -> dict | None:
    """A scraper's record of the page as one JSON object, or None."""
    line = line.strip()
    if not (line.startswith("{") and line.endswith("}")):
        return None
    try:
        found = json.loads(line)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


#: private-use blocks `_md_inline` can hide escaped characters in: the first one the
#: text does not use itself (icon fonts put glyphs at U+E000…), so none is mistaken
_PLACEHOLDER_BASES = (0xE000, 0xF0000, 0x100000)
#: the private-use characters `_md_inline` hides escaped characters in, for each block
_PROTECTED = {base: re.compile(f"[{chr(base)}-{chr(base + 0xFF)}]") for base in _PLACEHOLDER_BASES}
#: characters at or above the first private-use block
_HIGH_CHAR = re.compile("[\ue000-\U0010ffff]")


def _md_inline(text: str) -> str:
    """Markdown inline syntax to plain text: images go, links keep their text, emphasis goes.

    An expression runs only on a line holding the character it needs.
    """
    base = _placeholder_base(text) if "\\" in text else None
    protected = text
    if base is not None:
        protected = _MD_ESCAPE.sub(lambda m: chr(base + ord(m.group(1))), text)
    if "[" in protected:
        if "![" in protected:
            protected = _MD_IMAGE.sub("", protected)
        protected = _MD_LINK.sub(
            lambda m: m.group(1) if m.group(1) is not None else m.group(2), protected
        )
    for marker, pattern in _MD_EMPHASIS:
        if marker in protected:
            protected = pattern.sub(r"\1", protected)
    if base is not None:
        protected = _PROTECTED[base].sub(lambda m: chr(ord(m.group()) - base), protected)
    return canonical_spaces(protected)


def _placeholder_base(text: str) -> int | None:
    used = {ord(ch) & ~0xFF for ch in _HIGH_CHAR.findall(text)}
    return next((base for base in _PLACEHOLDER_BASES if base not in used), None)


def _link_only(text: str) -> bool:
    """A line made of nothing but links (and separators between them)."""
    return (
        "[" in text
        and bool(_MD_LINK.search(text))
        and bool(_LINK_GLUE.match(_MD_LINK.sub("", text)))
    )


def _headline_link(line: str) -> bool:
    """A Markdown line that is one link whose text reads like a headline."""
    text = _md_inline(_MD_BULLET.sub("", line))
    return len(_MD_LINK.findall(line)) == 1 and 4 <= len(text.split()) <= 30 and text[:1].isupper()


_LINK_AND_SOURCE = re.compile(r"^(?P<link>\[[^\[\]]+\]\([^()\s]+\))\s*\((?P<source>[^()]{2,40})\)$")


def _markdown_line(stripped: str) -> tuple[str, int, str | None]:
    """(text, heading level, rule) for one Markdown line; a rule means it is page chrome."""
    if _MD_RULE.match(stripped):
        return stripped, 0, "markdown-syntax"
    heading = _MD_HEADING.match(stripped)
    if heading:
        return _md_inline(heading.group(2)), len(heading.group(1)), None
    bullet = _MD_BULLET.match(stripped)
    item = stripped[bullet.end() :] if bullet else stripped
    has_image = "![" in item and bool(_MD_IMAGE.search(item))
    without_images = _MD_IMAGE.sub("", item) if has_image else item
    if not without_images.strip(" |·•"):
        return stripped, 0, "inline-image" if has_image else "markdown-syntax"
    sourced = _LINK_AND_SOURCE.match(without_images) if bullet else None
    if sourced and _link_only(sourced.group("link")):
        # a list of links each with its outlet: "* [Headline](https://…) (WPRN NewsChannel 19)"
        return bullet.group(0) + sourced.group("link"), 0, "link-list"
    if _link_only(without_images):
        if bullet:
            return stripped, 0, "link-list"
        author = _AUTHOR_LINK.match(item)
        if author and _AUTHOR_URL.search(author.group(2)):
            return author.group(1), 0, "byline"
        return stripped, 0, "link-list"
    text = _md_inline(item)
    if not text:
        return stripped, 0, "markdown-syntax"
    return ("- " + text if bullet else text), 0, None


def text_lines(
    text: str,
    *,
    markdown: bool,
    source: str = "",
    dropped: list[Dropped] | None = None,
    page_header: bool = True,
) -> tuple[Line, ...]:
    """Non-blank lines, stripped; Markdown headings keep their level.

    In Markdown, inline syntax is reduced to its text, setext underlines make
    the line above a heading, and lines that are only page syntax or links
    (front-matter, reader-service headers, images, rules, link lists) are not
    returned: they go to `dropped` with their rule.
    """
    raw_lines = text.split("\n")
    header_end, header_rule = _header_end(raw_lines, markdown) if page_header else (0, None)
    mail_headers = (
        _mail_header_lines(raw_lines) if not markdown and _MAIL_FIELD_START.search(text) else set()
    )
    lines: list[Line] = []
    previous_blank = True
    after_image = False
    alts: set[str] = set()  # the alt texts of the picture right above
    last_number = 0  # the raw line the last line returned ends on
    for number, raw in _numbered(raw_lines):
        stripped = canonical_spaces(raw)
        if not stripped:
            previous_blank = True
            continue
        level = 0
        if number <= header_end or number in mail_headers:
            rule = header_rule if number <= header_end else "mail-header"
            if dropped is not None and rule is not None:
                dropped.append(Dropped(source, number, raw.strip(), rule))
            continue
        if markdown:
            rule: str | None = None
            if (
                _MD_SETEXT.match(stripped)
                and not previous_blank
                and lines
                and lines[-1].number == number - 1
                and not lines[-1].level
                and not lines[-1].text.startswith("- ")
            ):
                heading = lines.pop()
                lines.append(Line(heading.number, heading.text, 1 if stripped[0] == "=" else 2))
                rule = "markdown-syntax"
            else:
                original = stripped
                stripped, level, rule = _markdown_line(stripped)
                if rule is None and after_image and _MD_EMPHASIZED.match(original):
                    rule = "caption"  # an italic line under a picture
                elif rule is None and not level and canonical(stripped) in alts:
                    rule = "caption"  # the line under a picture that repeats its alt text
            after_image = rule == "inline-image" or (after_image and rule == "markdown-syntax")
            if rule == "inline-image":
                alts = {canonical(alt) for alt in _MD_ALT.findall(original)} - {""}
            elif not after_image:
                alts = set()
            previous_blank = False
            if rule == "link-list" and _headline_link(stripped):
                # a link to a story by its headline: perhaps a teaser (segmentation decides)
                lines.append(Line(number, _md_inline(_MD_BULLET.sub("", stripped)), 0, rule))
                last_number = number
                continue
            if rule is not None or not stripped:
                if dropped is not None and rule is not None:
                    dropped.append(Dropped(source, number, raw.strip(), rule))
                continue
            if (
                lines
                and last_number == number - 1
                and not raw_lines[number - 2].endswith(("  ", "\\"))  # (a hard line break)
                and _continues(lines[-1], raw, level, stripped)
            ):
                # a soft line break: the paragraph goes on (HTML and wrapped Markdown)
                lines[-1] = Line(lines[-1].number, f"{lines[-1].text} {stripped}", 0)
                last_number = number
                continue
        if not markdown and _BOXED.match(stripped):
            stripped = stripped[1:-1].strip()  # a line inside a box drawn with characters
        lines.append(Line(number, stripped, level))
        last_number = number
    return tuple(lines)


#: a line of a text box: "| SPONSOR  Charge your fleet … |", "│ GET IT IN YOUR INBOX │"
_BOXED = re.compile(r"^[|│┃║]\s.*\S\s+[|│┃║]$")


#: a Markdown line that starts a block of its own, never a paragraph's next line
_MD_BLOCK_START = re.compile(r"^\s*(?:[*+-]\s|\d{1,3}[.)]\s|#|>|\||```|~~~)")


def _continues(last: Line, raw: str, level: int, text: str) -> bool:
    """A Markdown line right under `last` carries on its paragraph."""
    if level or last.level or last.aside or text.startswith("- ") or last.text.startswith("- "):
        return False
    return not _MD_BLOCK_START.match(raw)


def _numbered(raw_lines: list[str]) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line; a line longer than MAX_LINE_CHARS comes in pieces.

    The pieces share the line's number and are cut after a sentence or at a
    space, so a 1 MB one-line scrape keeps all its text in paragraph-sized lines.
    """
    for number, raw in enumerate(raw_lines, start=1):
        while len(raw) > MAX_LINE_CHARS:
            window = raw[:MAX_LINE_CHARS]
            cut = window.rfind(". ", MAX_LINE_CHARS // 2) + 1
            if cut <= 0:
                cut = window.rfind(" ", MAX_LINE_CHARS // 2)
            if cut <= 0:
                cut = MAX_LINE_CHARS
            yield number, raw[:cut]
            raw = raw[cut:]
        yield number, raw


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader without aliases: nested `*a` of `&a` make a few lines billions of items."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases are not allowed in front-matter", event.start_mark
            )
        return super().compose_node(parent, index)


#: the names pages' headers give their fields, by what they say (lower-case)
_TITLE_FIELDS = ("title", "page_title", "headline", "subject", "og:title")
_DATE_FIELDS = (
    "published time", "published", "date_published", "datepublished", "published_at",
    "publication_date", "pubdate", "date",
)  # fmt: skip
_AUTHOR_FIELDS = ("author", "authors", "byline", "creator", "dc:creator")
_SAVED_FIELDS = (
    "captured", "clipped", "saved", "created", "fetched_at", "scraped_at", "crawled_at",
    "retrieved", "fetched", "scraped", "archived",
)  # fmt: skip
_URL_FIELDS = (
    "url source", "url", "source_url", "canonical", "canonical_url", "og:url", "original_url",
    "link", "source",
)  # fmt: skip
_OUTLET_FIELDS = (
    "site", "site_name", "og:site_name", "publisher", "outlet", "source_name", "publication",
)  # fmt: skip
#: what follows a name in a header's byline: "Jonas Albrecht (Stromlinie)"
_AFTER_NAME = re.compile(r"\s*\([^()]*\)$")
#: a site's name after a page title: "Headline | Kilowatt Daily", "Headline - Site"
_SITE_SUFFIX = re.compile(r"\s+(?:\||–|—|-)\s+(?P<site>[^|–—]{1,40})$")
#: a site's name as a title's last part: a few capitalised words or a host name
_SITE_NAME = re.compile(
    r"^(?:[A-Z0-9][\w&'.]*(?:\s+[A-Z0-9&][\w&'.]*){0,3}|[\w-]+(?:\.[a-z]{2,})+)$"
)


def site_in_title(title: str) -> str | None:
    """The site a page title names after its headline ("Headline | Kilowatt Daily"), if
    the last part reads as a name."""
    match = _SITE_SUFFIX.search(title)
    if match is None or match.start() == 0:
        return None
    site = match.group("site").strip()
    return site if _SITE_NAME.match(site) else None


def page_meta(text: str, markdown: bool) -> PageMeta:
    """What a page states about itself in its header (front-matter, a reader service's or a
    scraper's fields, a mail's headers) and, in Markdown, its author links."""
    raw_lines = text.split("\n")
    end, kind = _header_end(raw_lines, markdown)
    fields: dict = {}
    if kind == "front-matter":
        body = "\n".join(line for line in raw_lines[:end] if line.strip() not in ("---", "..."))
        try:
            loaded = yaml.load(body, Loader=_FrontMatterLoader)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
            loaded = None  # bad front-matter: the page is read without it
        fields = {str(k).lower(): v for k, v in loaded.items()} if isinstance(loaded, dict) else {}
    elif kind is not None:
        first = next(i for i, line in enumerate(raw_lines) if line.strip())
        record = _header_json(raw_lines[first])
        if record is not None:
            fields = {str(k).lower(): v for k, v in record.items()}
        for line in raw_lines[:end] if record is None else ():
            match = _FIELD_LINE.match(line.strip())
            if match:
                fields.setdefault(match.group(1).lower(), (match.group(2) or "").strip())
    title = _first_field(fields, _TITLE_FIELDS)
    outlet = _first_field(fields, _OUTLET_FIELDS)
    if title and kind != "front-matter":  # (a scraper's title is the page's <title>)
        outlet = outlet or site_in_title(str(title))
    if title and kind == "page-header":
        title = _SITE_SUFFIX.sub("", title) if _SITE_SUFFIX.search(title) else title
    url = next(
        (found for name in _URL_FIELDS if (found := web_address(str(fields.get(name) or "")))),
        None,
    )
    published = _first_field(fields, _DATE_FIELDS)
    saved = _first_field(fields, _SAVED_FIELDS)
    sent = None
    if kind == "page-header" and len(_MAIL_HEADS & fields.keys()) >= 2 and "date" in fields:
        # (a mail's Date: says when it was sent, not when its story was published)
        sent = published if published == fields["date"] else None
        published = None if sent else published
    authors = [
        _AFTER_NAME.sub("", re.sub(r"^\[\[|\]\]$", "", str(a)).strip())
        for key in _AUTHOR_FIELDS
        for a in _as_list(fields.get(key))
    ]
    site = outlet or (site_in_title(str(title)) if title else None)
    if site:  # (a clipper names the site where a writer goes: "author: [[Plugboard]]")
        authors = [a for a in authors if a.casefold() != str(site).casefold()]
    long_lines = 0
    for line in raw_lines[end:] if markdown else ():
        # author links printed above the article's first paragraph (a deck may be as long
        # as one; a consent wall's paragraphs come before the article and are not its text)
        stripped = line.strip()
        if len(stripped.split()) >= 25 and chrome_rule(stripped) not in _WALLS:
            long_lines += 1
            if long_lines == 2:
                break
        match = _AUTHOR_LINK.match(_MD_BULLET.sub("", stripped))
        if match and _AUTHOR_URL.search(match.group(2)):
            authors.append(match.group(1))
    return PageMeta(
        title=canonical(str(title)) if title else None,
        date=iso_date(str(published)) if published else None,
        authors=tuple(dict.fromkeys(a for a in authors if a)),
        captured=stated_moment(str(saved)) if saved else None,
        url=url,
        outlet=canonical(str(outlet)) if outlet and not web_address(str(outlet)) else None,
        sent=iso_date(str(sent)) if sent else None,
    )


def _first_field(fields: dict, names: tuple[str, ...]) -> object:
    return next((fields[name] for name in names if fields.get(name)), None)


def _as_list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: str | None) -> str | None:
    """The ISO date in a metadata value ("2025-03-04T10:00:00Z" -> "2025-03-04")."""
    if not value:
        return None
    match = _ISO_DATE.search(value)
    if match:
        return match.group(0)
    return parse_date(value)
