"""Line-shape rules shared by segmentation and cleaning.

Every rule is about the *shape* of a line (its length, case, punctuation and
the chrome words sites print around articles), never about one page's wording,
so it holds on sites the code has not seen. Each boilerplate rule has a name;
the build report records that name next to every line it drops.
"""

from __future__ import annotations

import re

from .text import canonical, word_count

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
DATE_TEXT = (
    rf"(?i:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}/\d{1,2}/\d{4})"
)

#: Whole lines that are page chrome wherever they appear (compared lower-case,
#: without trailing punctuation).
CHROME_LINES = {
    "advertisement": "ad",
    "advertisements": "ad",
    "ad": "ad",
    "sponsored": "ad",
    "sponsored content": "ad",
    "story continues below": "ad",
    "article continues below": "ad",
    "comments": "comments",
    "comment": "comments",
    "leave a comment": "comments",
    "leave a reply": "comments",
    "show comments": "comments",
    "view comments": "comments",
    "continue reading": "continue-reading",
    "read more": "continue-reading",
    "read entire article": "continue-reading",
    "read the full story": "continue-reading",
    "keep reading": "continue-reading",
    "connect with us": "share-bar",
    "share": "share-bar",
    "share this": "share-bar",
    "share this article": "share-bar",
    "share this story": "share-bar",
    "share this post": "share-bar",
    "share on facebook": "share-bar",
    "share on twitter": "share-bar",
    "share on x": "share-bar",
    "copy link": "share-bar",
    "follow us": "share-bar",
    "follow us on google news": "share-bar",
    "skip to main content": "navigation",
    "skip to content": "navigation",
    "previous article": "navigation",
    "next article": "navigation",
    "previous post": "navigation",
    "next post": "navigation",
    "related": "related-block",
    "related posts": "related-block",
    "related articles": "related-block",
    "related stories": "related-block",
    "you may also like": "related-block",
    "more from": "related-block",
    "subscribe": "newsletter",
    "sign up": "newsletter",
    "newsletter": "newsletter",
    "menu": "navigation",
    "search": "navigation",
    "home": "navigation",
    "loading": "navigation",
    "close": "navigation",
    "published": "byline",
    "on": "byline",
    "by": "byline",
    "updated": "byline",
    "posted": "byline",
    "photo": "caption",
    "gallery": "caption",
}

_SOCIAL_WORDS = {
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "email",
    "e-mail",
    "reddit",
    "whatsapp",
    "pinterest",
    "telegram",
    "flipboard",
    "print",
    "share",
    "tweet",
    "copy",
    "link",
    "mail",
    "threads",
    "bluesky",
    "mastodon",
    "messenger",
    "sms",
}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [  # checked on lines of at most 70 words
    (
        "byline",
        re.compile(
            rf"^(?:published|posted|updated|last updated|modified)\b.*(?:{DATE_TEXT}|\bago\b)", re.I
        ),
    ),
    ("byline", re.compile(r"^(?:published|posted|updated)(?: on)?:?\s*$", re.I)),
    (
        "byline",
        re.compile(
            rf"^(?:By|BY|by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})*(?:\s*[,|·•–—-]?\s*(?:{DATE_TEXT}.{{0,20}}|[,|·•–—-]\s*.{{0,40}}))?$"
        ),
    ),
    (
        "byline",
        re.compile(
            rf"^(?:·|•)?\s*(?:\d+\s+(?:min(?:ute)?s?|hours?|days?)\s+(?:read|ago)|{DATE_TEXT}|date\s+{DATE_TEXT})\s*(?:·.*)?$",
            re.I,
        ),
    ),
    ("byline", re.compile(r"^(?:·|•)\s*\d+\s*min(?:ute)?s?\s+read$", re.I)),
    (
        "byline",
        re.compile(
            rf"^{DATE_TEXT}(?:,?\s+(?:at\s+)?\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?)?$",
            re.I,
        ),
    ),
    (
        "caption",
        re.compile(
            r"^\(?\s*(?:image|photo|picture|video|header image|featured image)?\s*(?:credits?|courtesy|source|via)\s*[:\-–—]",
            re.I,
        ),
    ),
    (
        "caption",
        re.compile(
            r"^(?:\S+\s+){0,20}\S*\((?:image |photo )?(?:credits?|courtesy|source|via)\s*:?[^()]{0,80}\)\s*$",
            re.I,
        ),
    ),
    ("caption", re.compile(r"^(?:image|photo|picture)s?\s*(?:by|from|via|:)", re.I)),
    ("caption", re.compile(r"^\[?(?:image|photo|gallery)\s*\d+\s*(?:of|/)\s*\d+\]?", re.I)),
    ("inline-image", re.compile(r"^!\[.*\]\(.*\)$|^data:image/|^\[?image\]?$", re.I)),
    (
        "contact-line",
        re.compile(
            r"\b(?:got a tip|have a tip|news tips?|send (?:us|me) (?:a|your) (?:tip|message|note|email)|don[’']?t hesitate to (?:contact|reach)|contact (?:me|us) at|reach (?:out to )?(?:me|us) at|email (?:me|us) at|shoot (?:me|us) an? (?:email|message|note)|drop (?:me|us) a line|you can (?:also )?reach (?:me|us)|follow (?:me|him|her) on)\b",
            re.I,
        ),
    ),
    (
        "newsletter",
        re.compile(
            r"^(?:sign up|subscribe)\b.{0,120}(?:newsletter|inbox|updates|daily|weekly)|^(?:get|join) (?:our|the) .{0,40}newsletter|^enter your email",
            re.I,
        ),
    ),
    (
        "paywall",
        re.compile(
            r"^(?:this (?:article|story|content) is (?:for|available to) (?:subscribers|members)|subscribe to (?:read|continue|unlock)|already a (?:subscriber|member)\?|log ?in to (?:read|continue))",
            re.I,
        ),
    ),
    ("share-bar", re.compile(r"^(?:share (?:this|on|via)\b.{0,60}|\d+\s+shares?)$", re.I)),
    (
        "comments",
        re.compile(
            r"^(?:\d+\s+comments?|comments?\s*\(\d+\)|join the (?:conversation|discussion)|what do you think\?? (?:let us know|share your thoughts).{0,80})$",
            re.I,
        ),
    ),
    (
        "embed-credit",
        re.compile(
            r"^(?:you will find more (?:infographics|statistics|charts) at\b|(?:chart|infographic|graphic|data):\s*\w.{0,60}$|embedded content from\b)",
            re.I,
        ),
    ),
    ("disclaimer", re.compile(r"^(?:disclaimer|disclosure)\s*:", re.I)),
    ("teaser-end", re.compile(r"(?:\[(?:…|\.\.\.)\]|\[?read more\]?)\s*$", re.I)),
]

_CONTINUE_SUFFIX = re.compile(
    r"\s*(?:\(?continue reading(?:\s*(?:…|\.{3}))?\)?|read (?:entire|the full|full) (?:article|story)|read more\s*(?:»|›|→)?)\s*$",
    re.I,
)
_TWEET_LINK = re.compile(
    r"pic\.twitter\.com/\w+|https?://t\.co/\w+|\bt\.co/\w+|(?:twitter|x)\.com/\w+/status/\d+",
    re.I,
)
TWEET_ATTRIBUTION = re.compile(
    rf"[—–-]\s*[^()—–]{{0,60}}\(@\w{{1,30}}\)\s*(?:{DATE_TEXT}|{_MONTHS}\.? \d{{1,2}},? \d{{4}})?\s*$",
    re.I,
)
_EMAIL = re.compile(r"\b([A-Za-z][\w.+-]*)@[\w-]+(?:\.[\w-]+)+\b")
_RELATED_PREFIX = re.compile(
    r"^(?:[–—-]\s+|(?:read more|related|also read|see also|more|recommended|don[’']?t miss|read next|watch)\s*[:|»›>-]\s*)",
    re.I,
)
_BIO = re.compile(
    r"^(?P<name>[A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+){0,2}) (?:is|has been|was) (?:an? |the )?"
    r"(?:[\w-]+ ){0,5}(?:reporter|writer|journalist|editor|author|contributor|correspondent|"
    r"blogger|analyst|enthusiast|columnist|freelancer)\b",
)


def chrome_rule(text: str) -> str | None:
    """The boilerplate rule a whole line matches, or None for content."""
    key = canonical(text).lower().strip(" .:!|•·»›-–—()[]")
    if key in CHROME_LINES:
        return CHROME_LINES[key]
    tokens = key.replace("|", " ").replace("/", " ").split()
    if tokens and len(tokens) <= 10 and all(t in _SOCIAL_WORDS for t in tokens) and len(tokens) > 1:
        return "share-bar"
    if word_count(text) <= 70:
        for rule, pattern in _PATTERNS:
            if pattern.search(text):
                return rule
    if looks_like_image_alt(text):
        return "image-alt"
    return None


_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}$")


def chrome_rules(texts: list[str]) -> list[str | None]:
    """`chrome_rule` for each line, plus the author name printed under a lone "By"."""
    rules = [chrome_rule(text) for text in texts]
    for i in range(1, len(texts)):
        if texts[i - 1].strip().lower() == "by" and rules[i] is None and _NAME.match(texts[i]):
            rules[i] = "byline"
    return rules


def byline_name(previous: str, text: str) -> list[str]:
    """Author names a byline line states ("By Jane Doe and John Roe", or a name under "By")."""
    if previous.strip().lower() == "by" and _NAME.match(text):
        return [text.strip()]
    match = re.match(r"^by\s+(.+)$", re.sub(DATE_TEXT, "", text, flags=re.I).strip(), re.I)
    if not match:
        return []
    names = re.split(r"\s+(?:and|&)\s+", re.split(r"\s+[|·•-]\s+", match.group(1))[0])
    names = [name.split(",")[0].strip() for name in names]
    return [name for name in names if _NAME.match(name)][:4]


def looks_like_image_alt(text: str) -> bool:
    """Lower-case tag lines and alt texts printed twice ("X Y X Y")."""
    words = text.split()
    if 1 <= len(words) <= 8 and text == text.lower() and re.fullmatch(r"[a-z0-9 '’&-]+", text):
        return True
    half = len(words) // 2
    return len(words) >= 4 and len(words) % 2 == 0 and words[:half] == words[half:]


def strip_continue_suffix(text: str) -> tuple[str, str | None]:
    """Split a "…sentence. Continue reading" line into the sentence and the glued chrome."""
    match = _CONTINUE_SUFFIX.search(text)
    if not match or match.start() == 0:
        return text, None
    return text[: match.start()].rstrip(), text[match.start() :].strip()


def has_tweet_link(text: str) -> bool:
    return bool(_TWEET_LINK.search(text))


def is_tweet_end(text: str) -> bool:
    """The line that closes an embedded tweet: its attribution or its media link."""
    return bool(TWEET_ATTRIBUTION.search(text)) or has_tweet_link(text)


def related_prefix(text: str) -> bool:
    return bool(_RELATED_PREFIX.match(text))


def bio_author(text: str) -> str | None:
    match = _BIO.match(text)
    return match.group("name") if match else None


_NOT_PERSON_MAILBOXES = {
    "tips",
    "tip",
    "news",
    "info",
    "contact",
    "editor",
    "editors",
    "press",
    "hello",
    "team",
    "admin",
    "support",
    "newsroom",
    "desk",
    "media",
    "office",
    "mail",
    "letters",
}


def contact_author(text: str) -> str | None:
    """A first name from a first-person contact line's personal mailbox."""
    if not re.search(r"\b(?:me|my|I)\b", text):
        return None
    for match in _EMAIL.finditer(text):
        local = match.group(1).split(".")[0].split("+")[0]
        if local.isalpha() and 2 <= len(local) <= 15 and local.lower() not in _NOT_PERSON_MAILBOXES:
            return local.capitalize()
    return None


def has_email(text: str) -> bool:
    return bool(_EMAIL.search(text))


_LABEL_WORD = re.compile(r"^(?:[A-Z0-9][\w'’.&+-]*|&|and|of|the|in|on|for|to|a)$")


def looks_like_label(text: str) -> bool:
    """A section label: one to four capitalised words, no sentence punctuation."""
    words = text.split()
    if not 1 <= len(words) <= 4 or len(text) > 32 or text[-1] in '.,;:!?"”':
        return False
    return all(_LABEL_WORD.match(w) for w in words) and words[0][0].isupper()


_HEADING_START = re.compile(r"^[\"“‘'(\[]?[A-Z0-9$£€]")


def looks_like_heading(text: str, max_words: int = 25) -> bool:
    """A headline or subheading: capitalised, short, not a sentence ending in a period."""
    n = word_count(text)
    if not 1 <= n <= max_words or len(text) > 220:
        return False
    if text[-1] in ".,;:" and not text.endswith("..."):
        return False
    if has_email(text) or "http" in text or text.endswith("…"):
        return False
    return bool(_HEADING_START.match(text))


def looks_like_period_headline(text: str) -> bool:
    """A headline some sites print with a final period: short, one sentence."""
    return (
        text.endswith(".")
        and 4 <= word_count(text) <= 16
        and bool(_HEADING_START.match(text))
        and text[:-1].count(". ") == 0
    )
