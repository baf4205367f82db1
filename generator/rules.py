"""Line-shape rules shared by segmentation and cleaning.

Every rule is about the *shape* of a line (its length, case, punctuation and
the chrome words sites print around articles), never about one page's wording,
so it holds on sites the code has not seen. Each boilerplate rule has a name;
the build report records that name next to every line it drops.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .dates import CAPTURE_NOTE, MONTH_NAMES
from .text import canonical, normalize, word_count

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
#: English month first ("Dec. 2, 2022"); the day first in any language `dates` reads
#: ("2 December 2022", "14 maart 2023": the long alternation tried only after a day)
DATE_TEXT = (
    rf"(?i:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?:{MONTH_NAMES})\.?,?\s+(?:de\s+)?\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}[-.]\d{1,2}[-.]\d{4}|\d{4}[./]\d{1,2}[./]\d{1,2})"
)
#: a name in a byline: capitalised words, with the particles of names ("Sanne de Vries")
_BYLINE_NAME = (
    r"[A-Z][\w.'’-]*(?:\s+(?:(?:de|van|von|der|den|da|di|du|le|la|del|dos|bin|al|el)\s+)?"
    r"[A-Z][\w.'’-]*){0,3}"
)
#: a photo essay's or a gallery's byline: "Photos by Mara Lindqvist" (one picture's credit
#: says "Photo:" or "Photo by")
_GALLERY_BY = r"(?:[Pp]hotos|[Pp]hotographs|[Pp]hotography|[Pp]ictures)"
GALLERY_BYLINE = re.compile(rf"^{_GALLERY_BY} by\b")
#: a live blog's: "Live reporting by Saskia Brandvold and Emil Thorsrud"
_LIVE_BY = r"(?:[Ll]ive (?:[Rr]eporting|[Cc]overage|[Uu]pdates)|[Rr]eporting)"
#: a forum thread's byline and the member who started it: "Thread starter quietwatt · …"
_THREAD_STARTER = re.compile(
    r"^(?:thread starter|original poster|started by) (\S{2,40}) [·•|]", re.I
)
#: a byline printing the name in capitals, then the writer's post at the outlet
_CAPITAL_NAME_AND_POST = re.compile(
    r"^(?P<writer>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){1,3}), [^,]{0,60}\b(?i:staff writer|staff "
    r"reporter|senior writer|correspondent|reporter|editor|writer|contributor|columnist)$"
)
#: "by" in the languages sites print bylines in
_BY = r"(?:[Bb]y|BY|[Dd]oor|[Vv]on|[Pp]ar|[Pp]or|[Dd]i|[Aa]v|[Aa]f|[Rr]eporter)"
#: a byline that names a newsroom, not a person: "By Show Daily staff", "By the Ohm desk"
_STAFF = r"(?:\s+(?i:staff(?:\s+(?:writers?|reporters?))?|team|desk|editors|newsroom|reporters))?"
#: where the reporter filed from, after the names: "By Imogen Hartley in London"
_FILED_FROM = r"\s+in\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"
#: a photo essay's writer who took its pictures too: "Words and photographs by Anneli Voss"
_AND_PICTURES = r"(?: and (?:[Pp]hotos|[Pp]hotographs|[Pp]ictures|[Ii]mages))?"
#: who the reporter is, after the name: "By Priya Venkataraman, a senior reporter covering …"
_WHO_THEY_ARE = r",\s+(?:a|an|the|our)\s[^.]{3,100}\.?"
#: the outlet the reporter wrote for: "By Kerry Ashdown For The Daily Blaze"
_FOR_OUTLET = r"\s+(?:[Ff]or|FOR)\s+[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}"

#: a rule a scraper draws around the text: "----- TEXT -----", "--- END ARTICLE TEXT ---"
#: a rule drawn with characters ("-----", "- - - - -", "== BRIEFING ==")
SEPARATOR_LINE = re.compile(
    r"^(?:[-=*_#~]{3,}|(?:[-=*_#~] ){2,}[-=*_#~]|\+[-=]{3,}\+)(?:\s*[A-Z][A-Z ]{0,38}[A-Z]\s*[-=*_#~]{3,})?$"
    # a box's edge drawn with box-drawing characters: "┌────┐", "╰────╯", "════"
    r"|^[┌┏╔╭└┗╚╰├╠]?[─━═]{3,}[┐┓╗╮┘┛╝╯┤╣]?$"
)

#: Whole lines that are page chrome wherever they appear (compared lower-case,
#: without trailing punctuation).
CHROME_LINES = {
    "advertisement": "ad",
    "advertisement · scroll to continue": "ad",
    "scroll to continue": "ad",
    "ad feedback": "ad",  # (a site's button under its ads)
    "suggested topics": "tags",
    "share full article": "share-bar",
    "related topics": "tags",
    # a sign-up box's answers: "Thank you for subscribing!", "Something went wrong, …"
    "thank you for subscribing": "newsletter",
    "thanks for subscribing": "newsletter",
    "something went wrong, please try again later": "newsletter",
    # a press release's end: "-ENDS-"
    "ends": "separator",
    "video ad feedback": "ad",
    "advertisements": "ad",
    "classifieds": "ad",
    "place an ad": "ad",
    "place a classified ad": "ad",
    "ad": "ad",
    "sponsored": "ad",
    "sponsored content": "ad",
    "anzeige": "ad",  # (the label in the languages sites print it in)
    "artikel teilen": "share-bar",
    "merken": "share-bar",
    "abonnieren": "newsletter",
    "anmelden": "navigation",
    "zum kommentieren bitte anmelden": "comments",
    "werbung": "ad",
    "publicité": "ad",
    "publicidad": "ad",
    "pubblicità": "ad",
    "advertentie": "ad",
    "annonce": "ad",
    "reklame": "ad",
    "story continues below": "ad",
    "story continues": "ad",
    "article continues": "ad",
    "add to watchlist": "share-bar",
    "view details": "navigation",  # a shop's or a dealer's card: its button
    "see details": "navigation",
    "cite this report": "citation",
    "cite this article": "citation",
    "cite this page": "citation",
    "cite this paper": "citation",
    "how to cite": "citation",
    # a video page's player and its transcript's buttons
    "swipe for more": "caption",
    "download high-res": "caption",
    "license this image": "caption",
    "licence this image": "caption",
    "view gallery": "caption",  # (a gallery's buttons)
    "open gallery": "caption",
    "see all photos": "caption",
    "view all photos": "caption",
    "expand": "caption",  # (a picture's button to see it bigger)
    "expand image": "caption",
    "enlarge": "caption",
    "enlarge image": "caption",
    "click to enlarge": "caption",
    "link copied": "share-bar",
    "autoplay is on. videos will play automatically. turn off autoplay": "video-player",
    "play video": "video-player",
    "play": "video-player",  # (a player's buttons)
    "pause": "video-player",
    "mute": "video-player",
    "unmute": "video-player",
    "full screen": "video-player",
    "fullscreen": "video-player",
    "closed captions": "video-player",
    "watch video": "video-player",
    "autoplay": "related-block",
    "show transcript": "video-player",
    "hide transcript": "video-player",
    "follow along using the transcript": "video-player",
    "show less": "navigation",
    "show more": "navigation",
    "hot comments": "comments",
    "add your comments": "comments",
    "be the first to comment": "comments",
    "be the first one to comment": "comments",
    "reuse this content": "syndication",
    "text size": "navigation",
    "font size": "navigation",
    "read more on": "related-block",
    "top comments": "comments",
    "latest comments": "comments",
    "hot recommendations": "related-block",
    "see less": "navigation",  # (and "…see less": the key loses its dots)
    "see more": "navigation",
    "activate to view larger image": "caption",
    "activate to view larger image,": "caption",
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
    "gift article": "share-bar",
    "give": "share-bar",  # (a subscriber's button: give this article to a friend)
    "gift": "share-bar",
    "about sharing": "share-bar",
    "what we're reading": "related-block",
    "what we’re reading": "related-block",
    "gift this article": "share-bar",
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
    # (what follows is another story's headline: a teaser, or an article appended in full)
    "previous article": "related-block",
    "next article": "related-block",
    "previous post": "related-block",
    "next post": "related-block",
    "next story": "related-block",
    "previous story": "related-block",
    "related": "related-block",
    "related posts": "related-block",
    "related articles": "related-block",
    "related stories": "related-block",
    "related recalls": "related-block",
    "related links": "related-block",
    "top": "navigation",
    "back to top": "navigation",
    "to top": "navigation",
    "you may also like": "related-block",
    "also worth your time": "related-block",
    "links from this episode": "related-block",
    "show notes": "related-block",
    "worth your time": "related-block",
    "elsewhere on the web": "related-block",
    "also worth reading": "related-block",
    "comments are closed": "comments",
    "comments are closed for this article": "comments",
    "comments are closed for this story": "comments",
    "comments are closed for this post": "comments",
    "related reviews": "related-block",
    "feed post": "social-post",  # (a professional network's label over a post)
    "related videos": "related-block",
    "related galleries": "related-block",
    "also interesting": "related-block",
    "you might also be interested in": "related-block",
    # a feed reader's and a forum's own chrome
    "username or email": "navigation",
    "log in register": "navigation",
    "log in or register": "navigation",
    "sign in register": "navigation",
    "login register": "navigation",
    "log in sign up": "navigation",
    "sign in sign up": "navigation",
    "username": "navigation",
    "password": "navigation",
    "forgot your password": "navigation",
    "forgot password": "navigation",
    "member login": "navigation",
    "remember me": "navigation",
    "more from": "related-block",
    "more for you": "related-block",
    "read next": "related-block",
    "up next": "related-block",
    "most popular": "related-block",
    "most read": "related-block",
    "most read news": "related-block",
    "most read stories": "related-block",
    "most popular news": "related-block",
    "trending": "related-block",
    "recommended": "related-block",
    "related coverage": "related-block",
    "recommended for you": "related-block",
    "more stories": "related-block",
    "more news": "related-block",
    "more headlines": "related-block",
    "other headlines": "related-block",
    "top headlines": "related-block",
    "editor's picks": "related-block",
    "editors' picks": "related-block",
    "trending now": "related-block",
    "related content": "related-block",
    "related reading": "related-block",
    "further reading": "related-block",
    "around the web": "related-block",
    "from our partners": "related-block",
    "sponsored links": "related-block",
    "popular now": "related-block",
    "what to read next": "related-block",
    "you might also like": "related-block",
    "author": "author-bio",
    "about the author": "author-bio",
    "about the authors": "author-bio",
    "media contact": "contact-line",
    "media contacts": "contact-line",
    "press contact": "contact-line",
    "press contacts": "contact-line",
    "our mailing address is": "newsletter",
    "credits": "author-bio",
    "auto-refresh: on": "live-blog",
    "auto-refresh: off": "live-blog",
    "send tip": "contact-line",
    "send a tip": "contact-line",
    "listen to this article": "audio-player",
    "listen to this story": "audio-player",
    "listen to article": "audio-player",
    "listen to story": "audio-player",
    "listen": "audio-player",
    "next": "pagination",
    "previous": "pagination",
    "prev": "pagination",
    "older posts": "pagination",
    "newer posts": "pagination",
    "load more": "pagination",
    "view all comments": "comments",
    "show all comments": "comments",
    "load comments": "comments",
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
    "post navigation": "navigation",
    "sections": "navigation",
    "open in app": "navigation",
    "sign in": "navigation",
    "log in": "navigation",
    "sign in to comment": "comments",
    "watch live": "navigation",
    "navigation menu": "navigation",
    "skip navigation": "navigation",
    "email": "share-bar",
    "print": "share-bar",
    "follow": "share-bar",
    "bookmark": "share-bar",
    "save": "share-bar",
    "more videos": "related-block",
    "in other news": "related-block",
    "top stories": "related-block",
    "similar threads": "related-block",
    "more like this": "related-block",
    "story continues below advertisement": "ad",
    "article continues below advertisement": "ad",
    "continue reading below": "ad",
    "accept": "cookie-notice",
    "accept all": "cookie-notice",
    "accept cookies": "cookie-notice",
    "reject all": "cookie-notice",
    "manage preferences": "cookie-notice",
    "cookie settings": "cookie-notice",
    "i accept": "cookie-notice",
    "i do not accept": "cookie-notice",
    "disagree": "cookie-notice",
    "more options": "cookie-notice",
    "we value your privacy": "cookie-notice",
    "we care about your privacy": "cookie-notice",
    "post comment": "comments",
    "discussion about this post": "comments",
    "like reply": "comments",
    "lees ook": "related-block",
    "lees meer": "related-block",
    "lesen sie auch": "related-block",
    "mehr zum thema": "related-block",
    "lire aussi": "related-block",
    "à lire aussi": "related-block",
    "leia também": "related-block",
    "leia mais": "related-block",
    "lee también": "related-block",
    "ver también": "related-block",
    "leggi anche": "related-block",
    "läs också": "related-block",
    "les også": "related-block",
}

_SOCIAL_WORDS = {
    "facebook",
    "twitter",
    "x",
    "instagram",
    "youtube",
    "tiktok",
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
    # (a thread's buttons under each post: "Reply Share Report Save Follow")
    "reply",
    "report",
    "save",
    "follow",
    "award",
    "permalink",
    "embed",
    "download",
    # (a fediverse post's: "Reply Boost Favourite")
    "boost",
    "favourite",
    "favorite",
    "bookmark",
    "pin",  # (Pinterest's button)
    "clip",  # (a video page's: "3.1K Share Download Clip Save")
    "parent",  # (a thread's, under a reply: "permalink embed save parent report reply")
    "hide",
    "context",
    # (a feed reader's, under each item: "☆ Star ✉ Email ↗ Open")
    "star",
    "open",
}
#: a count printed with a post's or a video's buttons: "3.1K", "212"
_BUTTON_COUNT = re.compile(r"^\d[\d.,]*[km]?$")
#: a quote's price or an index's level, alone on its line (a count has no cents):
#: "$14.86", "38,914.07", "1.0927"
_PRICE = re.compile(r"^[$€£¥]?\d{1,3}(?:,\d{3})*\.\d{2,4}$")

#: a person or agency name before a date ("Jane Doe", "Reuters" glued to "March 4, 2025")
_NAME_WORDS = r"(?:[A-Z][\w.'’-]*?(?:\s+[A-Z][\w.'’-]*?){0,3})"
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|"
    r"fri|sat|sun)\.?,?"
)
#: a writer's handle after the name in a byline: "Nadia Brandt @nbrandt / …"
_HANDLE = r"(?:\s+@[\w.]{1,30})?"
#: a byline's time of day: "3:14 PM", "10:42 AM"
_BYLINE_CLOCK = r"\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?"
#: a time of day before the date in a byline: "3:14 PM UTC • "
_CLOCK_FIRST = rf"{_BYLINE_CLOCK}(?:\s+[A-Z]{{2,4}})?\s*[|/·•,]\s*"
#: what may follow a byline date: a time, a zone, a read time
_TIME_TAIL = (
    rf"(?:\s*(?:,|·|•|-|–|—|at)?\s*{_BYLINE_CLOCK}(?:\s+[A-Z]{{2,4}}(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?)?)?"
    r"(?:\s*[·•|]?\s*\d+\s*min(?:ute)?s?\s+read)?"
    r"(?:\s*[·•|]?\s*(?i:updated|modified)\b.{0,30})?"
)

#: a link's site under its title, in a link aggregator: "(nipponmobility.jp)"
LINKED_SITE = re.compile(r"^\((?:[a-z0-9-]+\.)+[a-z]{2,6}\)$")
#: a link aggregator's comment header: "sulfide_sam 6 hours ago | parent | next [–]" (the
#: "forum" pattern takes the whole line; a thread's comments start under it), not a
#: story's age: "Published 2 days ago"
_COMMENT_HEADER_TEXT = r"(?:\[[–-]\] )?(?!(?:published|posted|updated)\b)@?[a-z0-9_-]{2,30}(?: \[s\])?(?: \d+ points?)? \d+ (?:minutes?|hours?|days?|months?|years?) ago"
_COMMENT_HEADER = re.compile(rf"^{_COMMENT_HEADER_TEXT}\b", re.I)
#: a thread of comments has at least this many headers
_THREAD_COMMENTS = 3

#: a magazine's credits for a feature's words and pictures, often in capitals:
#: "TEXT PAVLA HORÁKOVÁ · PHOTOS JAN STRNAD", "WORDS CALLUM BRIGHT | PICTURES ANNA KEMP"
_CREDIT_NAME = r"[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){1,3}"
CREDITS = re.compile(
    rf"^(?i:text|words|story|reporting)(?: (?i:by))? (?P<name>{_CREDIT_NAME})\s*[·|/•,]\s*"
    rf"(?i:photos?|pictures?|images?|photography|illustrations?)(?: (?i:by))? {_CREDIT_NAME}$"
)

#: a picture agency's credit alone on a line ("Getty Images", "AFP via Getty Images")
_AGENCY_CREDIT = re.compile(
    r"^(?:[A-Z][\w&.'’-]*\s+){1,3}(?:via\s+(?:[A-Z][\w&.'’-]*\s+){1,2})?(?:Images|Photography)$"
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [  # checked on lines of at most 70 words
    (
        "forum",  # a member's card ("Joined Nov 20, 2021") before any byline pattern takes it
        re.compile(
            r"^(?:location|joined|messages|posts|reaction score|trophy points|member since)\b:?\s*\S.{0,40}$"
            # a forum's robot, a link aggregator's comment header and its lower-case menu
            r"|^i am a bot\b.{0,200}$"
            rf"|^{_COMMENT_HEADER_TEXT}"
            r"(?:\s*\|\s*(?:next|prev|parent|root|context|flag|favorite)(?:\s*\[[–-]\])?)*$"
            r"|^(?:[a-z]+ \| ){4,}[a-z]+$",
            re.I,
        ),
    ),
    (
        "byline",
        re.compile(
            rf"^(?:published|posted|updated|last updated|modified)\b.*(?:{DATE_TEXT}|\bago\b)", re.I
        ),
    ),
    ("byline", re.compile(r"^(?:published|posted|updated)(?: on)?:?\s*$", re.I)),
    ("byline", re.compile(r"^news provided by\b.{1,120}$", re.I)),  # a release wire's
    ("byline", CREDITS),  # a magazine's: "TEXT PAVLA HORÁKOVÁ · PHOTOS JAN STRNAD"
    # a show's credits: "Hosted by Cass Moreland and Deon Pryce. Produced by Juniper Audio. …"
    (
        "byline",
        re.compile(
            r"^(?i:hosted|presented) by [A-Z].{0,120}\. (?i:produced|edited|mixed) by\b.{0,200}$"
        ),
    ),
    (
        "audio-player",
        re.compile(
            r"^listen(?: to this (?:article|story))?\s*\(?\s*\d+(?::\d{2})?\s*(?:min(?:ute)?s?)?\s*\)?$"
            r"|^\d{1,2}:\d{2}(?::\d{2})? / \d{1,2}:\d{2}(?::\d{2})?$|^tap to unmute$",  # a player's
            re.I,
        ),
    ),
    # a listing's title: "More from Driveline Daily", "Latest on batteries"
    (
        "related-block",
        re.compile(
            r"^(?:more|latest|also) (?:from|on|in|about)(?: the)?(?:\s+[\w&'’.-]+){1,4}:?$", re.I
        ),
    ),
    (
        "byline",  # "By: Jane Doe", "Author: Jane Doe (WKPL)"
        re.compile(
            r"^(?:By|BY|by|Authors?|AUTHORS?) ?:\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*\([^()]{1,40}\))?"
            # a report's list of authors: "Authors : Amara Quist, Tomas Vell"
            r"(?:(?:,|\s+and|\s+&)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}){0,5}$"
        ),
    ),
    (
        "byline",  # "Jane Doe | Jun 12 2025 - 9:30 am PT", "ReutersMarch 4, 2025 · 10:42 AM",
        # "Jane Doe @jdoe / 3:14 PM UTC • March 11, 2026" (a handle, the time before the day)
        re.compile(
            rf"^(?:{_NAME_WORDS}{_HANDLE}\s*[|/·•,–—-]?\s*)?(?:{_CLOCK_FIRST})?"
            rf"(?:(?i:{_WEEKDAY})\s+)?(?:{DATE_TEXT}){_TIME_TAIL}$"
        ),
    ),
    (
        "byline",
        re.compile(
            rf"^(?:(?:[Ww]ritten|[Ww]ords|[Ss]tory|[Rr]eported|[Tt]ext|{_GALLERY_BY}|{_LIVE_BY}){_AND_PICTURES} by|{_BY})\s+{_BYLINE_NAME}(?:\s*(?:,|and|&)\s*{_BYLINE_NAME})*{_STAFF}(?:{_FILED_FROM}|{_FOR_OUTLET})?(?:\s*[,|·•–—-]?\s*(?:{DATE_TEXT}.{{0,40}}|[,|·•–—-]\s*.{{0,40}})|{_WHO_THEY_ARE})?$"
        ),
    ),
    (
        "byline",
        re.compile(
            rf"^(?:·|•)?\s*(?:\d+\s+(?:min(?:ute)?s?|hours?|days?|weeks?)\s+(?:read|ago)|{DATE_TEXT}|date\s+{DATE_TEXT}(?:\s+[A-Z][A-Za-z&]{{7,}})?)\s*(?:·.*)?$",
            re.I,
        ),
    ),
    ("byline", re.compile(r"^(?:·|•)\s*\d+\s*min(?:ute)?s?\s+read$", re.I)),
    (
        "navigation",  # a feed reader's own lines, over and under its items
        re.compile(
            r"^(?:keyboard(?: shortcuts)?:.{0,120}|mark all (?:as )?read\b.{0,80}"
            r"|last (?:fetched|updated|refreshed|checked) .{0,40}\d.{0,60}"
            r"|\W{0,2}(?:older|newer|earlier|more) items\b.{0,60}"
            # menu items with their counts: "All items (212)   Unread (37)   Starred (5)"
            r"|(?!(?:comments?|replies|responses|reviews)\b)"
            r"(?:[A-Z][\w&'’-]*(?: [\w&'’-]+){0,3} \((?!(?:19|20)\d\d\))\d{1,4}\)\s*){2,6})$",
            re.I,
        ),
    ),
    (
        "ticker",  # quotes: "NRVK+7.21%CLDR-0.82%", "S&P 500 5,912.40 +0.62%Dow 43,118.22 +0.41%…"
        re.compile(
            r"^(?:[A-Z][\w&.]*(?: [\w&.]+){0,2}\s*(?:\d[\d,]*\.\d+\s*)?[+\-−]\d+(?:\.\d+)?%\s*)+$"
        ),
    ),
    (
        "byline",  # a member's role on a professional network: "CEO at Voltara | Building …"
        re.compile(
            r"^(?:[A-Z][\w&.-]*\s){0,3}(?i:ceo|cto|cfo|coo|founder|co-founder|director|manager|"
            r"engineer|analyst|editor|reporter|partner|president|vice president|vp|head of [\w ]{2,30}|"
            r"lead|consultant|advisor|adviser|specialist|officer|owner|tester|driver|student)"
            r" (?:at|@) [A-Z][\w&.'’ -]{1,40}(?:\s*[|·•]\s*.{1,100})?$"
        ),
    ),
    (
        "byline",  # a name in capitals and the writer's post: "KENJI ARAKAWA, Nippon Mobility staff writer"
        _CAPITAL_NAME_AND_POST,
    ),
    (
        "ad",  # an upsell in a site's menu: "Try Premium for €0", "Try Plus free for 30 days"
        re.compile(r"^(?i:try) (?:[A-Z][\w+]*) (?i:for|free)\b.{0,30}$"),
    ),
    (
        "provided-by",  # a portal's credit for a story it carries: "Provided by Meridian Wire"
        re.compile(r"^(?i:provided|supplied|distributed) by [A-Z][\w&.'’ -]{1,50}$"),
    ),
    (
        "legal",
        re.compile(
            # a sign-up's consent: "By submitting your email, you agree to our Terms and …"
            r"^by (?:submitting|entering|providing|signing up|subscribing|clicking|registering|continuing"
            r"|creating)\b.{0,80}\byou (?:agree|consent|accept|acknowledge)\b.{0,200}$"
            # a publisher's disclaimer: "X accepts no liability for trading decisions made …",
            # "X does not accept any responsibility for the accuracy or completeness of …"
            r"|^(?=.{0,400}\b(?:accuracy|completeness|errors?|omissions|decisions?|reliance|loss|"
            r"damages?)\b).{0,300}\b(?:accepts? no|(?:does|do|will) not accept(?: any)?|cannot accept"
            r"(?: any)?|assumes? no|bears? no) (?:liability|responsibility)\b.{0,300}$"
            r"|^(?=(?:\S+\s+){0,40}\S+$).{0,200}\bfor information(?:al purposes)? only\b"
            # a shop's: "Prices and availability subject to change. Images for illustration only."
            r"|^(?:prices?|specifications?|availability|offers?|features?)\b.{0,40}\bsubject to change\b.{0,160}$"
            r"|^images? (?:are )?(?:for illustration(?: purposes)?|illustrative) only\b.{0,60}$"
            # "All content is available under the Open Government Licence v3.0, …"
            r"|^(?:all )?(?:content|text|material|this (?:text|work|page|article|content|story))\b.{0,40}\b"
            r"(?:available|licen[cs]ed|published|reproduced) under\b.{0,80}\blicen[cs]e\b.{0,60}$",
            re.I,
        ),
    ),
    (
        "legal",  # a finance page's: "Quotes delayed at least 15 minutes. Market data provided by …"
        re.compile(
            r"^(?:(?:stock )?(?:quotes|prices) (?:are )?delayed\b|"
            r"market data (?:provided|powered|supplied) by\b).{0,400}$",
            re.I,
        ),
    ),
    (
        "byline",  # a forum thread's: "Thread starter quietwatt · Start date 3 days ago · Tags …"
        re.compile(rf"{_THREAD_STARTER.pattern} .{{0,40}}\b(?:date|ago)\b.{{0,80}}$", re.I),
    ),
    (
        "mail-signature",  # an app's or a phone's: "Sent from my iPhone", "Shared from X on Android"
        re.compile(
            r"^(?:sent|shared) (?:from|via) (?:my (?:iphone|ipad|android|phone|mobile|samsung|galaxy)\b"
            r".{0,30}|[\w&.'’ -]{1,40} (?:for|on) (?:iphone|ipad|android|ios|mac|windows|mobile)\b.{0,20})$",
            re.I,
        ),
    ),
    (
        "byline",  # a video's: "48,310 views  Jun 15, 2024  #corvane #evbatteries"
        re.compile(
            rf"^[\d.,]+\s*[KkMm]?\s+views?\s*[·•|]?\s*(?:{DATE_TEXT}|\d+\s+\w+\s+ago)(?:\s+#\w+)*$",
            re.I,
        ),
    ),
    (
        "byline",  # an aggregator's "Source · 21h" / "Site | 3 hours ago"
        re.compile(
            r"^(?:via\s+)?(?:[A-Z][\w.'’&-]*\s*){1,4}(?:via\s+(?:[A-Z][\w.'’&-]*\s*){1,4})?[·•|–—-]\s*"
            rf"(?:\d{{1,3}}\s*(?:[smhdw]|mins?|minutes?|hrs?|hours?|days?|weeks?)(?:\s+ago)?|{DATE_TEXT})$"
        ),
    ),
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
            # (not a line of particulars: "Source: X Net    Author: Y    2026-11-27 09:15")
            r"^(?!.*\b(?:author|editor|reporter)\s*:)"
            r"\(?\s*(?:image|photo|picture|video|header image|featured image)?\s*(?:credits?|courtesy|source|via)\s*[:\-–—]",
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
    ("caption", re.compile(r"^(?:foto|bild)s?\s*:\s*\S.{0,60}$", re.I)),  # "Foto: Kai Brendel/npa"
    ("caption", re.compile(r"^(?:view|see) all \d{1,3} (?:photos|images|pictures)$", re.I)),
    # "Photograph: Neil Ashworth/The Daily Courier", "Photographer: Colm Reddan/Ledgerline"
    ("caption", re.compile(r"^photograph(?:er|y|s)?\s*(?:by\b|:)\s*\S.{0,80}$", re.I)),
    # a broadcaster's: "Image source, Getty Images", "Image caption,"
    (
        "caption",
        re.compile(r"^(?:image|photo|video|media) (?:source|caption|credit)s?\s*[,:]", re.I),
    ),
    (
        "caption",  # "Caption text. Image credits- Tesla", "… REUTERS/File Photo"
        # (unanchored: each alternative starts with a lookahead at its first letters,
        # which lets the engine pass over most places at once, twice as fast)
        re.compile(
            r"(?=(?i:[ipv]))(?i:image|photo|picture|video)\s+(?i:credits?|courtesy|source)\s*[:\-–—]\s*[^.]{1,60}$"
            r"|(?=[A-Z]{3})\b[A-Z]{3,}/(?:File )?Photo\b.{0,60}$"
        ),
    ),
    ("caption", re.compile(r"^(?:gallery|slideshow|photos)\s*:", re.I)),
    # a picture described, its credit in brackets: "… plant in Tatabanya. (Hanseong Energy)"
    (
        "caption",
        re.compile(r"^(?=(?:\S+\s+){2,40}\S+$).*[.!]\s+\([A-Z][\w&.'’-]*(?:\s[\w&.'’-]+){0,4}\)$"),
    ),
    (
        "caption",  # "(Pictures of this article are from the official)"
        re.compile(
            r"^\(?(?:the )?(?:pictures?|photos?|images?) (?:of|in) this (?:article|story|post)\b.{0,80}$",
            re.I,
        ),
    ),
    (
        "caption",  # "Lucid Air Touring. Photo: Lucid"
        re.compile(
            r"^(?=(?:\S+\s+){0,30}\S+$).*[.,;]\s+(?:photos?|images?|pictures?|credits?)(?:\s+by)?\s*:\s*[^.]{1,60}\.?$",
            re.I,
        ),
    ),
    (
        "caption",  # "Polestar 3 (Image: Polestar)"
        re.compile(
            r"^(?:\S+\s+){0,20}\S*\s*\((?:image|photo|picture|pic|video|credit|credits|courtesy|source)\s*:[^()]{1,80}\)\s*$",
            re.I,
        ),
    ),
    ("caption", re.compile(r"^©\s*(?:provided by|photo|image)\b", re.I)),
    ("caption", _AGENCY_CREDIT),
    # a paper's classified ads: "YARD SALE Sat 8-2, 114 Mill St.", "HELP WANTED: Part-time …"
    (
        "ad",
        re.compile(
            r"^(?:FOR SALE|FOR RENT|YARD SALE|GARAGE SALE|ESTATE SALE|HELP WANTED|LEGAL NOTICE|"
            r"PUBLIC NOTICE|WANTED|LOST|FOUND)\b:?\s+\S.{0,200}$"
        ),
    ),
    # a tabloid's shout over its headline, a quote in capitals: "'WE COULD HAVE ALL DIED'"
    ("kicker", re.compile(r"^['‘\"“](?=[^a-z]*$)(?:[A-Z0-9,’'!?.&-]+\s*){1,8}['’\"”]$")),
    (
        # "… in a photo released by the company. Orrin Motors": the credit run on, a name
        # of two or three words (one capitalised word is a wrapped line's next sentence)
        "caption",
        re.compile(
            r"^(?=(?:\S+\s+){5,40}\S+$).*\s[a-z][a-z'’-]+\.\s+[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){1,2}$"
        ),
    ),
    (
        "caption",
        re.compile(r"\s©\s*(?:provided by|photo|image)\b", re.I),
    ),
    (
        "photo-credit",  # "… photographed in January. (Rust Belt Wheels/Tom Kessler)"
        re.compile(
            r"\((?:[A-Z][\w.'’&-]*\s?){1,5}(?:\s?file photo)?\s?/\s?(?:[A-Z][\w.'’-]*\s?){1,4}\)$"
        ),
    ),
    # a gallery's counter before its caption: "Photo 3 of 12: …", "Item 1 of 2 A Kestrel
    # Talon …", "[1/2]A Kestrel Talon …"
    (
        "caption",
        re.compile(
            r"^(?:\[?(?:image|photo|gallery|item|slide|picture)\s*\d+\s*(?:of|/)\s*\d+\]?"
            r"|\[\d+\s*/\s*\d+\]\s*\S)",  # (a bare "[1/3]" counts a briefing's items)
            re.I,
        ),
    ),
    ("inline-image", re.compile(r"^!\[.*\]\(.*\)$|^data:image/|^\[?image\]?$", re.I)),
    ("pagination", re.compile(r"^(?:\d{1,4}|…|\.{3})$")),
    # a print edition's page ("A1", "Page A6") and its jump lines, where a story goes on
    # and comes back ("Continued on A6", "PLANT from A1", "See MILL, Page B3")
    (
        "pagination",
        re.compile(
            r"^(?:page )?[A-H]\d{1,2}$"
            # its index: "Obituaries A4", "Weather: Cloudy, high 44. Page A2"
            r"|^(?-i:[A-Z])[\w&]+(?: [\w&]+)? (?-i:[A-H])\d{1,2}$|^.{2,60}\bpage (?-i:[A-H])\d{1,2}$"
            r"|^(?:continued|cont(?:['’]d|\.)) (?:on|from) (?:page )?[A-Z]?\d{1,3}\.?$"
            r"|^(?-i:[A-Z][A-Z'’ ]{1,30}) (?:from|on) (?:page )?[A-Z]?\d{1,3}$"
            r"|^see (?-i:[A-Z][A-Z'’ ]{1,30}),? (?:on )?page [A-Z]?\d{1,3}\.?$",
            re.I,
        ),
    ),
    ("copyright", re.compile(r"^(?:copyright\s*)?(?:©|\(c\))|^copyright\s+(?:©\s*)?\d{4}\b", re.I)),
    (
        "pagination",
        re.compile(
            r"^(?:page \d+ of \d+|(?:next|previous|prev|older|newer)(?: (?:page|posts|articles|stories))?\s*[»›→]"
            r"|[«‹←]\s*(?:next|previous|prev|older|newer)(?: (?:page|posts|articles|stories))?)$",
            re.I,
        ),
    ),
    (
        "author-bio",  # a job title on its own line, printed under the author's name, and
        # maybe the outlet: "Transport correspondent, WBC News"
        re.compile(
            r"^(?:[A-Z][\w&'’.-]*\s+){0,3}(?:(?:senior|staff|contributing|managing|deputy|associate|executive|chief|lead|freelance|guest|news|features?|tech(?:nology)?|auto(?:motive)?|ev|energy|business)\s+)*"
            r"(?:reporter|writer|editor|correspondent|contributor|columnist|journalist|editor-in-chief|editor at large|analyst)s?"
            r"(?:,\s+[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})?$",  # (", WBC News": the outlet)
            re.I,
        ),
    ),
    (
        "author-note",  # a writer's line about themself: "Former engineer. I write about …"
        re.compile(
            r"^(?:[^.]{0,80}\.\s+)?I (?:write|cover|report|blog|post) (?:about|on)\b(?=(?:\s*\S+){0,40}\s*$)"
        ),
    ),
    ("press-release", re.compile(r"^SOURCE [A-Z][\w.&'’ -]{1,60}$")),  # a release's last line
    (
        "related-block",  # "More from StreetVolt", "More by Jane Doe", "More in Batteries:"
        re.compile(
            r"^more (?:from|by|in|on|stories from|news from) [A-Z][\w.&'’ -]{0,40}:?$"
            # a label over links: "Read also:", "Mehr zum Thema / More on this topic:"
            r"|^(?:[^/:]{1,30}/\s*)?(?:read also|see also|also read|more on (?:this|the) (?:topic|story|subject)"
            r"|related(?: (?:stories|articles|coverage|reading|announcements|news|posts|links))?"
            r"|more (?:stories|articles|news|explainers|coverage|reading|videos))\s*:?$",
            re.I,
        ),
    ),
    (
        "wire-credit",  # "(Reporting by A in Berlin; Editing by B)"
        re.compile(
            r"^\(?\s*(?:(?:additional )?reporting|writing|editing|compiled|translated) by\b[^()]{0,200}\)?\.?$"
            # a wire's rate for the figures: "($1 = 0.9187 euros)"
            r"|^\(\s*[$€£¥]?\s?\d+(?:\.\d+)?\s?(?:[a-z]{3} )?= [$€£¥]?\s?[\d.,]+ [a-z .]{3,30}\)$"
            # an agency's desk initials under the story: "npa jk/fs", "dpa-AFX ab/cd"
            r"|^[a-z][\w-]{1,8} [a-z]{2,3}/[a-z]{2,3}$",
            re.I,
        ),
    ),
    (
        "syndication",
        re.compile(
            r"^(?:this (?:article|story|post) (?:was |is )?(?:originally|first) (?:appeared|published|posted|ran)\b"
            r"|(?:originally|first) (?:published|posted|appeared) (?:on|in|at|by) (?:the )?[A-Z]"
            r"|read the original (?:article|story|post)\b|this (?:article|story) is republished\b"
            # a partner's story run under its credit: "From our news partners at KRT9"
            r"|(?:from|via|courtesy of) (?:our )?(?:news |media |content )?partners? (?:at|from)\s+\S.{0,40}$"
            r"|(?:this (?:article|story) )?(?:is )?republished (?:here )?(?:with permission|from|under)\b"
            r"|[(\[]?this (?:article|story|post|piece) (?:was|has been) (?:machine[- ])?translated\b"
            r"|[(\[]?translated from (?:the )?[A-Z]\w+\b(?=(?:\s+\S+){0,12}\s*$)"
            r"|the post .{3,200} appeared first on [A-Z]"
            r"|(?:this (?:article|story) )?appear(?:s|ed) in the .{0,40}\bprint edition\b.{0,160}"
            r"|a version of this (?:article|story) (?:appears|appeared) in print\b.{0,250}"
            r"|for reprint (?:rights|permissions?)\b.{0,80}"
            # a print view's own lines: "[Print this page] [Close Window]", "Article URL: https://…"
            r"|\[?print this (?:page|article|story|bulletin)\]?(?:\s+\[?close (?:this )?window\]?)?$"
            r"|(?:article|story|original|archive(?:d)?) (?:url|link|copy)\s*:\s*\S+$"
            # a read-later export's: "View Original: https://…"
            r"|view (?:the )?original(?: article| story| page)?\s*:\s*https?://\S+$)",
            re.I,
        ),
    ),
    (
        "disclaimer",
        re.compile(
            r"^(?:ftc:|(?:\S+ ){0,3}(?:uses|use) (?:income[- ]earning )?(?:\w+ )?affiliate links|we (?:may )?earn (?:a )?(?:small )?commission|"
            r"(?:\S+ ){0,3}may earn (?:a )?(?:small )?commission (?:from|on|when|if) (?:purchases|links|products|qualifying)|"
            r"(?:as an amazon associate|this (?:post|article|page) (?:contains|may contain) affiliate)|"
            r"our standards\s*:|editorial standards\s*:|advertisement\s*[-–—:]\s*scroll|"
            r"(?:\S+ ){0,3}(?:is|are) reader[- ]supported\b|prices? and availability (?:are|is) (?:accurate|correct)\b|"
            r"(?:\S+ ){0,4}may (?:earn|receive) (?:an? )?(?:\w+ )?(?:commission|compensation)\b|"
            # a press trip's: "Marlow provided travel and accommodation for this first drive"
            r"(?:\S+ ){1,5}(?:provided|paid for|covered) (?:the )?(?:travel|flights?|accommodation|hotel)\b"
            r".{0,80}\bfor (?:this|the) (?:\w+ ){0,2}(?:drive|event|launch|review|story|article|trip|test)\b.{0,40}$|"
            # a market data vendor's: "Most stock quote data provided by BATS. …"
            r"(?:\S+ ){0,3}(?:stock )?quote data (?:is )?provided by\b.{0,300}$)",
            re.I,
        ),
    ),
    (
        "legal",
        re.compile(
            r"^(?=(?:\S+\s+){0,25}\S+$)(?:.*\b(?:our|read|see|view|accept|agree to)\b.{0,40}\b(?:privacy policy|terms of (?:use|service)|cookie policy)\b|.*\ball rights reserved\b)"
            r"|^(?=(?:\S+\s+){0,40}\S+$).*\b(?:(?:is )?authori[sz]ed and regulated by|registered in (?:england|scotland|ireland)"
            r"(?: and wales)?|company (?:registration )?(?:no|number)\.?:? ?\d)"
            r"|^(?=(?:\S+\s+){0,12}\S+$)(?:(?:unauthori[sz]ed|any) )?(?:reproduction|republication|"
            r"redistribution|copying|use)\b.{0,60}\b(?:prohibited|forbidden|not permitted)\.?$"
            # a site's own small print: "Text (c) Ewan Corrie, CC BY-NC.", "… | powered by …"
            r"|^(?=(?:\S+\s+){0,20}\S+$).*(?:\((?:c)\)|©).{0,60}\bcc[ -]by\b"
            r"|^(?=(?:\S+\s+){0,12}\S+$)\S.{0,60}\s[|·•]\s+(?:proudly )?powered by\b.{0,60}$",
            re.I,
        ),
    ),
    (
        "script-notice",
        re.compile(
            r"^(?:please )?(?:enable|turn on|activate) javascript\b|^javascript (?:is )?(?:required|disabled)"
            r"|^loading(?: (?:the )?next (?:story|article|post))?\s*(?:…|\.{3})?$"
            r"|^(?:you are|you're) (?:using|on) an? (?:outdated|unsupported) browser",
            re.I,
        ),
    ),
    (
        "social-follow",
        re.compile(
            r"^(?=(?:\S+\s+){0,25}\S+$)(?:subscribe to|follow)\b.{0,60}\bon (?:youtube|x|twitter|facebook|instagram|tiktok|linkedin|threads|bluesky|mastodon|spotify|apple podcasts)\b"
            r"|^follow (?:\S+ ){0,3}on:?$",
            re.I,
        ),
    ),
    (
        "google-news",
        re.compile(
            r"^(?:add|follow) (?:\S+ ){0,3}(?:to your |on )?google news\b",
            re.I,
        ),
    ),
    (
        "contact-line",
        re.compile(  # (the lookahead: the first letters of the alternatives, as above)
            r"\b(?=[cdefghnrsty])(?:got a tip|have a tip|news tips?|send (?:us|me) (?:a|your) (?:tip|message|note|email)|don[’']?t hesitate to (?:contact|reach)|contact (?:me|us) at|reach (?:out to )?(?:me|us) at|reach (?:him|her|them) (?:at|on|via) (?:\S+@|@|x\b|twitter\b)|send (?:your |news )?tips to|have an? (?:\w+ ){0,2}(?:story|tip|scoop)(?= (?:\w+ ){0,3}\w+\?)|(?:tips?|news|newsdesk|editors?)@[\w-]+(?:\.[\w-]+)+|email (?:me|us) at|contact (?:[\w.'’-]+ ){1,3}at [\w.+-]+@|shoot (?:me|us) an? (?:email|message|note)|drop (?:me|us) a line|you can (?:also )?reach (?:me|us)|follow (?:me|him|her) on|can be reached at \S+@)\b",
            re.I,
        ),
    ),
    (
        "newsletter",
        re.compile(
            r"^(?:sign up|subscribe)\b.{0,120}(?:newsletter|inbox|updates|daily|weekly|alerts?)|^(?:get|join) (?:our|the) .{0,40}(?:newsletter|digest|briefing|daily|bulletin)\b|^enter your email"
            r"|^(?=(?:\S+\s+){0,30}\S+$).*\b(?:subscribe (?:for free|now|today|to (?:get|receive))|get an? e-?mail (?:whenever|when|every))\b|^your (?:work |business )?e-?mail(?: address)?$"
            r"|^(?=(?:\S+\s+){0,30}\S+$).*\b(?:delivered (?:straight |right |directly )?to your inbox|in your inbox every\b|newsletter\b.{0,60}\bsign up)"
            r"|^(?=(?:\S+\s+){0,20}\S+$).*\b(?:get|want) (?:the|our) .{0,40}newsletter\b"
            # a newsletter's tagline: "The news that moves the sector, delivered every weekday."
            r"|^(?=(?:\S+\s+){0,20}\S+$)(?:.*,\s*)?delivered (?:free )?(?:every|each) (?:day|weekday|week|morning|evening|\w+day)(?: (?:at|by|from) [^,]{1,20})?\.?$"
            r"|^(?=(?:\S+\s+){0,25}\S+$).*\b(?:no spam\b|unsubscribe (?:at )?any ?time\b)"
            # a sign-up box's small print and a newsletter's plug: "We use your sign-up to
            # provide content …", "The Auto File newsletter is your weekly guide … Sign up here."
            r"|^we use your sign-?up to\b.{0,300}$"
            r"|^(?:privacy notice:\s*)?newsletters? may contain\b.{0,200}$"
            r"|^sign up to receive\b.{0,120}\b(?:by e-?mail|notifications?|alerts?)\.?$"
            r"|^(?=(?:\S+\s+){0,40}\S+$)(?=.*\bnewsletter\b).*\bsign up here\.?$"
            # a mailed newsletter's own lines: "View this post on the web at https://…"
            r"|^(?:view|read|open) (?:this|it|the) (?:post|e-?mail|newsletter|issue|story)(?: online)?"
            r" (?:on the web|in (?:your|a|the) browser|online)\b|^forwarded this (?:e-?mail|newsletter)\?"
            r"|^(?:having )?trouble (?:viewing|reading) this (?:e-?mail|newsletter)"
            r"|^get (?:free )?(?:e-?mail|news|text) alerts\b"
            # a sign-up box's title: "Stay informed with free updates", "Never miss a story"
            r"|^(?:stay (?:informed|up to date|in the know)|never miss an? (?:story|update|thing))"
            r"(?: (?:with|on|about) (?:(?:our|free|the latest|daily|weekly) ){0,2}(?:updates|news|alerts|stories))?\.?$"
            # a newsletter's pitch and sign-off: "… every Sunday.", "That's it for this week."
            r"|^(?=(?:\S+\s+){0,25}\S+$)(?=.*\b(?:newsletter|brief(?:ing)?|digest|inbox|e-?mail|bulletin|"
            r"round-?up|edition|letter)\b).*\bevery (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
            r"weekday|morning|evening)\.?$|^that[’']s (?:it|all) for (?:today|tonight|now|(?:this|the) (?:week|issue|edition|day|morning))\b"
            # a briefing's greeting: "Good morning. … Here's what you need to know."
            r"|^(?=(?:\S+\s+){0,80}\S+$)(?:good (?:morning|afternoon|evening)|happy (?:monday|tuesday|"
            r"wednesday|thursday|friday|weekend))\b.*\b(?:here[’']s|here is) what (?:you need to know|"
            r"(?:we[’']re|we are) (?:watching|reading|following))\b"
            # a sponsor's name over its box
            r"|^(?=(?:\S+\s+){0,6}\S+$)(?:sponsored|presented|brought to you) by\b"
            r"|^\[? ?(?-i:SPONSOR(?:ED)?|ADVERTISEMENT|PARTNER CONTENT)\b ?\]?"
            r"|^you(?:[’']re| are) receiving this (?:e-?mail|newsletter|because)\b"
            r"|\bforward (?:this )?to a (?:friend|colleague)\b|\bwas this forwarded to you\b"
            r"|^(?=(?:\S+\s+){0,20}\S+$).{0,40}\bis read by [\d,.]+[km]? .{0,60}\bevery (?:day|weekday|week|morning)\b"
            r"|^(?:manage|update) (?:your )?(?:e-?mail )?(?:preferences|subscription)\b"
            r"|\bhow you receive (?:these|our) e-?mails\b"
            r"|^(?=(?:\S+\s+){0,5}\S+$)subscribe to (?-i:[A-Z])[\w&.'’ -]{1,40}$"
            # a sponsor's line: "This issue is brought to you by GridNest, …"
            r"|^(?=(?:\S+\s+){0,30}\S+$).{0,60}\bis an? (?:reader|listener|subscriber|member)-(?:supported|"
            r"funded) (?:newsletter|publication|podcast|site|magazine)\b"
            # "The Charge Cycle is independent and listener-supported. Become a member at …"
            r"|^(?=(?:\S+\s+){0,40}\S+$).{0,60}\bis (?:independent(?:ly owned)? and |entirely |fully |"
            r"100% )?(?:reader|listener|viewer|subscriber|member)-(?:supported|funded)\.\s"
            r"|^(?=(?:\S+\s+){0,30}\S+$)become a (?:member|supporter|patron|paid subscriber)\b"
            # a donation ask: "If you value this reporting, please consider a monthly donation."
            r"|^(?=(?:\S+\s+){0,40}\S+$)(?=.{0,160}\b(?:value|support|reader-funded|reader-supported|"
            r"nonprofit|non-profit|independent)\b).{0,120}\bplease consider (?:a |making a )?(?:monthly |one-time |"
            r"small )?(?:donation|contribution|gift)\b"
            r"|^this (?:issue|edition|episode|newsletter|briefing|email) is (?:brought to you|"
            r"sponsored|supported|presented|made possible) by\b"
            # a sign-up box's pitch: "Subscribe for the industry's biggest tech news", "Every
            # weekday and Sunday, you can get the best of ChargeCrunch's coverage."
            r"|^(?=(?:\S+\s+){0,13}\S+$)subscribe (?:for|to get|and get)\b"
            r"|^(?=(?:\S+\s+){0,12}\S+$).{0,60}\b(?:in|to|into) your inbox\b.{0,30}$"
            r"|^(?=(?:\S+\s+){0,30}\S+$)every (?:day|weekday|week|morning|evening|\w+day)\b.{0,60}"
            r"\byou(?:[’']ll| can| will)? (?:get|receive)\b",
            re.I,
        ),
    ),
    (
        "paywall",
        re.compile(
            r"^(?:this (?:article|story|content) is (?:only )?(?:for|available to) (?:[\w+&.'’-]+ ){0,3}(?:subscribers|members)|subscribe to (?:read|continue|unlock)|already a (?:subscriber|member)\?|log ?in to (?:read|continue))"
            # a metered paywall's offer: "Keep reading for $1", "Then $75 per month. …"
            r"|^(?:keep reading|continue reading|read on|start (?:your|a) (?:free )?trial)\b.{0,40}?[$€£]\s?\d"
            r"|^then [$€£]\s?\d[\d.,]*\s*(?:per|a|/)\s*(?:month|week|year|mo|yr)\b"
            # a metered paywall's wall: "Continue reading with a … subscription", "You have
            # reached your limit of free articles this month."
            r"|^(?:continue|keep) reading with (?:an? )?.{1,60}\b(?:subscription|membership|account)\.?$"
            # … or with the subscription's name: "Keep reading with NewsStack+"
            r"|^(?:continue|keep) reading with (?-i:[A-Z])[\w&.'’+ -]{0,40}$"
            r"|^you(?:'ve| have) (?:reached|used up|run out of) (?:your|the)\b.{0,40}\b(?:free )?(?:articles?|stories|story|reads)\b.{0,40}$"
            # the meter itself: "You have 2 free articles remaining this month."
            r"|^you(?:'ve| have) (?:\d+|one|two|three) (?:free )?(?:articles?|stories|reads) (?:left|remaining)\b.{0,40}$",
            re.I,
        ),
    ),
    (
        "reader-ask",  # a reader-funding ask: "… we have a small favour to ask.", "Support
        # the Post from as little as £1", "Remind me in April"
        re.compile(
            r"^(?=(?:\S+\s+){0,80}\S+$).*\bwe have a (?:small )?fav(?:ou|o)r to ask\b"
            r"|^support (?:the |us )?.{0,40}\bfrom (?:as little as|just) [$€£]\s?\d"
            r"|^remind me (?:in|on|later)\b.{0,20}$",
            re.I,
        ),
    ),
    (
        "share-bar",
        re.compile(
            r"^(?:share (?:this|on|via)\b.{0,60}|\d+\s+shares?|click to (?:share|email|print|tweet)\b.{0,60}"
            # a button's words glued to the network's name: "Share toLinkedIn", "Share toEmail"
            r"|share to ?(?:e-?mail|linkedin|facebook|x|twitter|whatsapp|reddit|telegram|threads|bluesky|pinterest))$",
            re.I,
        ),
    ),
    (
        "comments",
        re.compile(
            r"^(?:(?:sign|log) in\b.{0,60}\bto (?:join|comment|post|reply)\b.{0,40}|"
            r"(?:(?:view|show|read|see|load)\s+(?:all\s+)?)?\d+\s+comments?|(?:view|show|read|see|hide)\s+comments|comments?\s*(?:\(\d+\)|\d+)|\d+ comments? / \d+ new|join the (?:conversation|discussion)|top comments?(?: by .{1,40})?|\d+ (?:thoughts|responses|replies) on\b.{0,200}|what do you think\?? (?:let us know|share your thoughts).{0,80})$",
            re.I,
        ),
    ),
    (
        "contact-line",  # an opinion page's ask: "Have a response to this column? Write a letter …"
        re.compile(
            r"^(?=(?:\S+\s+){0,30}\S+$)(?:have a (?:response|reply|view|thought)|want to respond|agree or disagree)\b"
            r".{0,60}\b(?:write|send|submit) (?:us )?a letter\b.{0,60}$",
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
    # a shop's or a dealer's card: "MSRP $47,265", "Internet Price $36,990", "Stock #U24870 |
    # 6,120 miles", and the link to the rest: "See all 23 Sol models in stock"
    (
        "price-box",
        re.compile(
            r"^(?:msrp|internet price|our price|sale price|price|starting at|lease from)\s*:?\s*"
            r"[$€£]\s?[\d,.]+\*?(?:\s*(?:/\s?mo(?:nth)?|per month))?$"
            r"|^stock\s*(?:#|no\.?|number)\s*:?\s*\w+(?:\s*[|·•]\s*.{1,60}){0,4}$",
            re.I,
        ),
    ),
    (
        "navigation",
        re.compile(
            r"^(?:see|view|shop|browse) all (?:\d+ )?.{0,40}\b(?:in stock|inventory|models|vehicles|"
            r"listings|deals|offers)\b.{0,20}$",
            re.I,
        ),
    ),
    (
        "byline",  # a blog's: "Posted by Rick Tamayo in New Models"
        re.compile(
            rf"^(?i:posted|written) by {_BYLINE_NAME}(?:,? (?i:and|&) {_BYLINE_NAME})?"
            r"(?: (?i:in) [A-Z][\w&'’ -]{0,40})?$"
        ),
    ),
    # a periodical's imprint: "Current & Coil is published monthly by … ISSN 2755-0000."
    (
        "copyright",
        re.compile(r"^(?=(?:\S+\s+){0,30}\S+$).{0,200}\bISSN:?\s*\d{4}-?\d{3}[\dX]\b.{0,40}$"),
    ),
    # "Cover illustration: Ilse Brandvold", "Illustrations by Tomas Rey"
    (
        "illustration-credit",
        re.compile(
            r"^(?:cover )?(?:illustrations?|artwork|cover (?:photo|image|art))(?: by|:)\s*"
            r"(?-i:[A-Z])[\w.'’-]*(?: (?-i:[A-Z])[\w.'’-]*){0,3}\.?$",
            re.I,
        ),
    ),
    (
        "transcript-note",  # "This transcript was generated automatically and may contain errors."
        re.compile(
            r"^this transcript (?:was|has been|is) (?:generated|produced|created|made) (?:automatically|"
            r"by (?:a )?(?:machine|computer|software|ai|speech recognition))\b.{0,160}$"
            r"|^(?:this is an? )?(?:automatic|automated|machine|computer|ai)[- ]generated transcript\b.{0,160}$",
            re.I,
        ),
    ),
    (
        "citation",  # how to cite a report: "Quist, A. and Vell, T. (2026). Mind the Gaps: …"
        re.compile(
            r"^[A-Z][\w'’-]+, [A-Z]\.(?: ?[A-Z]\.)?(?:,? (?:and|&) [A-Z][\w'’-]+, [A-Z]\.(?: ?[A-Z]\.)?)*,?"
            r" \((?:19|20)\d{2}[a-z]?\)\.? \S.{4,300}$"
        ),
    ),
    (
        "login-prompt",  # "Log in to follow profiles or hashtags, favourite, share and reply …"
        re.compile(
            r"^(?:log ?in|sign ?in|sign up|create an account|register) to (?:follow|comment|reply|like|"
            r"post|join|vote|react|bookmark|save)\b.{0,200}$",
            re.I,
        ),
    ),
    (
        "qa-site",  # a Q&A site's: "Improve this question", "answered 6 days ago user 14.2k"
        re.compile(
            r"^(?:improve this (?:question|answer)|accepted answer|add a comment(?:…|\.{3})?|share improve this\b.{0,40}"
            r"|sorted by:.{0,40}"
            r"|(?:answered|edited)\s+(?:\d{1,3} \w+ ago|[A-Z][a-z]{2}\.? \d{1,2}(?:, \d{4})?"
            r"(?: at \d{1,2}:\d{2})?)\b.{0,40}|not the answer you[’']re looking for\?.{0,200})$",
            re.I,
        ),
    ),
    (
        "live-blog",  # what a live page leaves: "This live blog is now closed. …", "Key events"
        re.compile(
            r"^(?:this live (?:blog|page|coverage) (?:is|has) (?:now )?(?:closed|ended)\b.{0,200}"
            r"|(?:show|hide) key events(?: only)?|key events|live feed"
            r"|(?:newest|oldest|latest|earliest) first|newest|oldest)$",
            re.I,
        ),
    ),
    (
        "pagination",  # a listing's pages: "Older stories", "Next page"
        re.compile(
            r"^(?:older|newer|previous|next|more) (?:stories|posts|articles|entries|page)\s*[>»›]?$"
            r"|^(?:[\d,]+ (?:articles|stories|posts|results|entries)\s*[|·•]\s*)?page \d+ of \d+$"
            r"|^(?=(?:\S+\s+){0,9}\S+$)(?:[←‹].*|.*[→›])$",  # "← Issue #106 Issue #108 →"
            re.I,
        ),
    ),
    (
        "site-notice",  # "You are reading the text-only edition of …", "This site is managed by …"
        re.compile(
            r"^(?=(?:\S+\s+){0,40}\S+$)(?:you are (?:reading|viewing|using) (?:the|a) (?:text-only|lite|light|"
            r"mobile|amp|print|low-bandwidth) (?:edition|version|site)\b|(?:text-only|lite|low-bandwidth) (?:edition|version)"
            r"(?:\s*[|·•]\s*switch to (?:the )?full (?:site|version))?$"
            r"|.*\bthis (?:site|website|page) is (?:managed|maintained|operated|run|owned|published) by\b"
            # a government site's banner: "An official website of the United States
            # government", "Here's how you know", "Official websites use .gov …"
            r"|an official website of (?:the )?.{1,60}$|here[’']s how you know$"
            r"|(?:official|secure) (?:\.\w+ )?websites use (?:\.\w+|https)\b.{0,160}"
            # a browser's or the site's machine translation of the page
            r"|\W*this (?:page|article|site) (?:was|has been|is) (?:automatically |machine[- ])translated\b.{0,80}"
            r"|translated from [A-Z][a-z]+\.\s.{0,200}"
            r"|[A-Z][\w.&'’ -]{1,40} is (?:published|produced) by [A-Z][\w.&'’ -]{1,60}(?:LLC|Ltd|Inc|GmbH|Media|Group)\b)",
            re.I,
        ),  # (gated by its needles: the second form is looked for anywhere in the line)
    ),
    (
        "site-notice",  # what the site says of the copy it prints: where it comes from, on
        # what terms, who may read it ("Great Lakes Business Daily republishes wire copy from
        # Lakeshore Wire under license.", "This summary was prepared by … for convenience.")
        re.compile(
            r"^(?=(?:\S+\s+){0,60}\S+$)(?:.{0,80}\b(?:republishes|reprints|syndicates|carries) (?:\S+ ){0,3}"
            r"(?:copy|content|stories|articles|news) (?:from|of|by) .{1,60}\bunder (?:a )?licen[cs]e\b"
            r"|this (?:summary|content|article|story|page|translation|bulletin|newsletter) (?:was|is|has been) "
            r"(?:prepared|provided|aggregated|syndicated|republished|reproduced|generated|intended|sent)\b"
            r"|.*\b(?:to request (?:its )?removal|forwarding is (?:not )?(?:permitted|allowed)|does not edit "
            r"(?:aggregated|syndicated|partner) (?:articles|content|stories))\b"
            # "(With inputs from agencies. This story has been published from a syndicated feed …)"
            r"|\W*with inputs from (?:agencies|wire services|[A-Z]{2,5})\b"
            r"|.*\b(?:published|generated) from an? (?:syndicated|agency|wire|news) feed\b"
            # "X publishes press releases as supplied by the issuing company. Content has not
            # been edited or verified by our newsroom."
            r"|.*\b(?:press releases?|content|announcements?) (?:is |are )?(?:published |posted )?as "
            r"(?:supplied|provided|received)\b"
            r"|(?:.*\.\s+)?(?:the |this |its )?(?:content|release|press release|text|article)s? "
            r"(?:has|have) not been (?:edited|verified|checked|reviewed)(?: or (?:edited|verified|"
            r"checked|reviewed))? by (?:our|the|its) (?:newsroom|editors|editorial)\b"
            # a dealer's or a partner's: "… is not owned or operated by Lumetra Motors, Inc."
            r"|.*\bis not (?:owned|operated|affiliated|endorsed)(?: or (?:owned|operated|affiliated|"
            r"endorsed))? (?:by|with)\b"
            # "Statement: This article is reproduced for the purpose of conveying more information."
            r"|.*\b(?:reproduced|reprinted|republished) (?:for the purpose of|in order to|to) (?:convey|"
            r"conveying|pass(?:ing)? on|shar(?:e|ing)) (?:more )?information\b)",
            re.I,
        ),
    ),
    (
        "download-link",  # "Download PDF (312KB)"
        re.compile(
            r"^download (?:the )?(?:pdf|file|document|report|attachment|full release)\b.{0,30}$",
            re.I,
        ),
    ),
    (
        "tags",
        re.compile(
            r"^(?:tags?|tagged|topics|filed under|categories|more on)\s*:\s*\S.{0,200}$", re.I
        ),
    ),
    ("teaser-end", re.compile(r"(?:\[(?:…|\.\.\.)\]|\[?read more\]?)\s*$", re.I)),
    # a listing's link to the story: "Read more: https://…/r/412-1"
    (
        "continue-reading",
        re.compile(
            r"^(?:read (?:more|on)(?: (?:at|on|from|in) [^:]{1,40})?|full (?:story|article))"
            r"\s*:\s*<?https?://\S+$",
            re.I,
        ),
    ),
    # a blog's links to its neighbouring posts: "<- Previous post: Shore power at …"
    (
        "pagination",
        re.compile(
            r"^(?:<-|←|«)\s*(?:previous|next|older|newer)\b.{0,150}$"
            r"|^(?:previous|next|older|newer)(?: (?:post|article|story|entry))?\s*:\s+\S.{0,140}?\s*(?:->|→|»)$"
            r"|^(?:previous|next|older|newer) (?:post|article|story|entry)\s*:\s+\S.{0,140}$",
            re.I,
        ),
    ),
    # a numbered list's counter over each item: "[2/5]"
    ("pagination", re.compile(r"^\[\d{1,3}/\d{1,3}\]$")),
    (  # a link to the story elsewhere: "Read more at Great Lakes Business Daily →"
        "continue-reading",
        re.compile(
            r"^(?:read (?:more|on|the (?:full )?(?:story|article))|continue reading|full (?:story|"
            r"article)) (?:at|on|from|in) \S.{0,50}?[→›»]?$",
            re.I,
        ),
    ),
    ("capture-note", CAPTURE_NOTE),
    ("separator", SEPARATOR_LINE),
    ("feed-field", re.compile(r"^(?:enclosure|guid|media:content|media:thumbnail):\s", re.I)),
    # a link printed on its own line, or pointed at: "-> https://…"
    ("bare-link", re.compile(r"^(?:(?:->|→|=>|»|>>)\s*)?<?https?://\S+>?$")),
    ("bare-link", LINKED_SITE),
    # a form's text field and button as a text browser prints them: "____________ [ Subscribe ]"
    ("form-field", re.compile(r"^_{4,}(?:\s*\[[^\]]{0,30}\])*$")),
    # a field with its blank and buttons: "Email: [______________]  [Subscribe]"
    ("form-field", re.compile(r"^[\w ]{1,30}:?\s*\[[_ .]{3,}\](?:\s*\[[^\]]{1,30}\])*$")),
    # the editor who handled the copy, not its author: "(Editor in charge: Wang Lei)"
    (
        "editor-credit",
        re.compile(
            r"^\(?(?:editor in charge|responsible editor|duty editor)\s*:\s*[^()]{2,40}\)?$", re.I
        ),
    ),
    # -- page furniture every kind of site prints, in its own words --------------------------
    ("markup", re.compile(r"^<[A-Za-z!/][^>]{0,300}>")),  # raw HTML left in a text dump
    ("data-uri", re.compile(r"data:(?:image|application|font)/[\w.+-]+[;,]", re.I)),
    # a scraper's mark for a picture, with its caption: "[photo] Velora's dispenser on Stand 4"
    (
        "caption",
        re.compile(
            r"^\[(?:photo|image|picture|video|graphic|chart|map|illustration)\]\s*\S.{0,200}$", re.I
        ),
    ),
    ("icon-label", re.compile(r"^(?:[A-Za-z][\w-]*\s+){0,4}icon$", re.I)),
    # a carousel's arrows, by the names of their pictures: "Chevron Left", "Arrow Right"
    (
        "icon-label",
        re.compile(
            r"^(?:chevron|arrow|caret|angle)[ -]?(?:left|right|up|down|back|forward)$", re.I
        ),
    ),
    # icons' names run together: "Star IconStar IconStar Outline Icon Rating: 4 out of 5"
    (
        "icon-label",
        re.compile(r"^(?:[A-Z][a-z]+ ){1,2}Icon(?:[A-Z][a-z]+ (?:[A-Z][a-z]+ )?Icon){1,}"),
    ),
    (
        "reading-time",  # "5–7 minutes" (reader view), "4 min", "Listen · 6 min"
        re.compile(
            r"^(?:listen\s*[·•|]?\s*|(?:(?:estimated )?reading time|lesezeit|temps de lecture|tiempo de lectura"
            r"|tempo di lettura|leestijd):?\s*)?\d{1,3}\s*(?:[–—-]\s*\d{1,3}\s*)?"
            r"min(?:ute)?s?\.?(?: read)?$",
            re.I,
        ),
    ),
    (
        "site-name",  # the address a reader view prints above the headline
        re.compile(
            r"^(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,12}/?$", re.I
        ),
    ),
    (
        "site-motto",  # a masthead's motto: "The magazine of electric industry"
        re.compile(
            r"^(?:the|your) (?:\w+ )?(?:magazine|newsletter|journal|voice|home|weekly|daily) (?:of|for) "
            r"[\w'’ &-]{2,40}$"
            # a local paper's masthead: "Serving Calder Falls and Harlan County since 1887"
            r"|^serving (?-i:[A-Z])[\w'’ &,.-]{2,80}\bsince (?:1[6-9]|20)\d\d\.?$",
            re.I,
        ),
    ),
    (
        "site-motto",  # the site's name and motto: "EV Bharat Wire | Clean mobility news from India"
        re.compile(
            r"^(?-i:[A-Z])[\w&.'’ -]{1,40}\s+[|–—]\s+(?:the |your )?(?:[\w'’-]+,? |& ){0,5}(?:news|updates|"
            r"magazine|journal|insights|intelligence|coverage|reporting)"
            r"(?: (?:from|for|on|about|in|of|since) [\w'’ -]{1,30})?$",
            re.I,
        ),
    ),
    (
        "social-post",  # a channel's or a network's marks around a post: "Forwarded from EV Chat",
        # "edited 19:52", "3d • Edited • Visible to anyone …", a line of hashtags
        re.compile(
            r"^(?:pinned message|forwarded from .{1,60}|edited \d{1,2}:\d{2}"
            r"|(?:\d{1,2}[smhdw]\s*[•·]\s*)?edited\s*[•·]?(?:\s*visible to .{1,60})?"
            r"|(?:#[^\W\d][\w-]*\s*){1,15}"
            # a channel's own asks and polls: "📌 Join our discussion group: t.me/…",
            # "📊 Poll: Which corridor needs fast chargers first?", "Anonymous Poll"
            r"|\W*join (?:our|the) (?:\S+ ){0,3}(?:group|channel|chat|community|discord|server)\b.{0,60}"
            r"|\W*(?:anonymous |quiz )?poll(?::.{1,120})?"
            # a post's pointer to what follows: "📰 Details + what operators are saying 👇"
            r"|\W*.{1,80}\s*👇)$",
            re.I,
        ),
    ),
    (
        "social-count",  # "1.2K Followers", "23 Likes", "412 claps", "1.1K", "subscribe 18,402 readers"
        re.compile(
            r"^(?:👁\s*)?(?:(?:subscribe|join|follow)\s+)?[\d.,]+\s*[KkMm]?(?:\s+(?:followers?|following|likes?|claps?|comments?|shares?|"
            r"views?|subscribers?|restacks?|replies|reactions?|responses?|upvotes?|points?|votes?|"
            r"readers|members))?$",
            re.I,
        ),
    ),
    (
        # a quotation in a post: "Meridian Wire said:" … "Click to expand..." (the post goes
        # on after it: no reply starts here)
        "forum-quote",
        re.compile(r"^(?:\S{1,40} said:|click to expand\.{0,3})$", re.I),
    ),
    (
        "forum",  # thread furniture of forum software
        re.compile(
            r"^(?:#\d{1,5}|well-known member|new member|active member|senior member|reactions?:\s.{1,120}"
            # a post's age and number: "3 days ago #1"
            r"|(?:\d{1,3} \w+ ago|.{3,30}\d{4}(?:,? (?:at )?\d{1,2}:\d{2}(?: ?[ap]m)?)?)\s+#\d{1,5}"
            # "Yesterday at 9:12 PM · #3"
            r"|(?:today|yesterday)(?: at)? \d{1,2}:\d{2}(?: ?[ap]m)?\s*[·•|]?\s*#\d{1,5}"
            r"|started by \S+.{0,60}|you must (?:log in|sign in|register)\b.{0,60}|community platform by\b.{0,80}"
            # a link aggregator's: "want to join? login or register in seconds", "submitted
            # 2 days ago by brennmark_built", "load more comments (21 replies)"
            r"|(?:want to join\?\s*)?(?:log ?in|sign in) or (?:register|sign up)\b.{0,60}"
            r"|submitted \d+ \w+ ago by \S+.{0,40}"
            # a community's sidebar: its rules, and what it says it is not
            r"|(?:community |subreddit |forum )?rules:\s*1[.)].{0,300}"
            r"|.{0,120}\bnot affiliated with\b.{0,80})$",
            re.I,
        ),
    ),
    (
        "comment-form",  # field labels, counters and notices of a comment form
        re.compile(
            r"^(?:(?:title|name|e-?mail|website|comment|subject|your (?:name|e-?mail(?: address)?|comment|message))\s*[:*]?\s*\*?(?:\((?:required|optional)\))?"
            r"|title:\s.{1,300}|you have \d+ characters? left\.?|(?:post|submit|add) (?:a )?comment|cancel reply|leave a reply(?: cancel reply)?"
            r"|click to comment)$",
            re.I,
        ),
    ),
    (
        "comment-notice",
        re.compile(
            r"\b(?:please (?:enter|write|use|provide) (?:a |your )?(?:valid|correct|real|full) (?:name|e-?mail)|your e-?mail address will not be published"
            r"|required fields are marked|comments are moderated|save my name,? e-?mail|notify me of (?:new|follow-up) (?:comments|posts)"
            r"|comments? (?:with|using) (?:a )?fake name|we will not publish your e-?mail"
            # "Do you want to automatically post your Daily Blaze comments to your Facebook Timeline?"
            r"|^do you want to automatically post your (?:\S+\s+){0,4}comments\b.{0,60}$)",
            re.I,
        ),
    ),
    (
        "cookie-notice",  # in any language: "cookie" is everybody's word for it, and a
        # banner speaks to the reader about the site: "we", "you", "this site", …
        re.compile(
            r"^(?=(?:\S+\s+){0,60}\S+$)(?=.*\bcookies?\b)(?=.*\b(?:we|our|you|your|this (?:site|website)|by continuing|"
            r"wij|onze|u|este site|nuestro|ce site|nous|vous|wir|diese|unsere|sie|questo sito|noi)\b)",
            re.I,
        ),
    ),
    (
        "cookie-notice",  # a consent wall's other paragraphs: "With your permission we and our
        # partners may use precise geolocation data …", "You can … withdraw your consent at any time"
        re.compile(
            r"^(?=(?:\S+\s+){0,80}\S+$)(?:.*\bwe and our (?:\d+ )?(?:vendors and )?partners\b"
            r"|.*\bwithdraw your consent\b.*\bany ?time\b"
            # "Please note that some processing of your personal data may not require your consent …"
            r"|.*\byour personal data\b.{0,80}\byour consent\b)",
            re.I,
        ),
    ),
    (
        "contact-line",  # a press contact: "Lucie Marchetti, Spokesperson, +32 2 299 41 87, press@…"
        re.compile(
            r"^(?=(?:\S+\s+){0,25}\S+$)(?=.*\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+)(?=.*(?<![\w.])\+?\d[\d ()./-]{7,}\d)"
            # a writer's address alone, or "Write to Dana Whitfield at dana@…", or a wire's
            # "Priya Castellanos in Detroit at pcastellanos@…;"
            r"|^(?:write to .{2,60}\bat\s+|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3}(?: in [A-Z][\w .'’-]{1,30})? at\s+)?"
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+[.;,]?$"
            # the labels over those: "To contact the reporters on this story:"
            r"|^to contact the (?:reporters?|editors?|authors?|writers?)\b.{0,60}:$",
            re.I,
        ),
    ),
    (
        "editor-note",  # "Update October 26th, 5:40PM ET: Added …", "Correction: An earlier …"
        re.compile(
            r"^[*_(\[]*(?:(?:programming note|note to readers)\b.{0,60}?:[*_]*\s+\S.{20,}"
            r"|(?:update|updated|correction|clarification|editor[’']?s? note)\b.{0,60}?:[*_]*\s+"
            # (what it says is of the story itself: "An earlier version …", "Added …"; an
            # update that reports more news, "UPDATE: A scheduler … told WPRN …", is text)
            r"(?=.{0,200}?\b(?:this|the|our) (?:story|article|post|report|piece|headline|page|"
            r"issue|newsletter|edition|episode)\b"
            r"|(?:an )?earlier version|added|adds|corrected|corrects|clarified|clarifies|amended"
            r"|(?:was|were|has been|have been) (?:updated|corrected|changed|amended|revised))"
            r"\S.{20,}"
            # the note without its label: "This story has been updated to correct the spelling …"
            r"|this (?:story|article|post|report) (?:has been|was) (?:updated|corrected|amended)\b.{0,200}"
            # a story still moving: "This is a developing story and will be updated."
            r"|this (?:is a )?(?:developing|breaking)(?: news)? (?:story|article|report)\b.{0,80}"
            r"|this (?:story|article|report) (?:will|may) be updated\b.{0,80}"
            r"|check back (?:later )?for (?:more )?updates\.?$)",
            re.I,
        ),
    ),
    (
        "notice",  # investment, press-release and reprint notices
        re.compile(
            r"\b(?:not (?:a )?registered investment advis[eo]r|(?:does not|do not|nothing [^.]{0,40}) constitutes? (?:investment|financial|legal) advice"
            r"|past performance is not (?:indicative|a guarantee)|(?:contains|include) forward-looking statements|^forward-looking statements?(?:$|\s*[:.])"
            r"|for (?:general )?informational purposes only|did not (?:write|edit|write or edit) (?:it|this)|not responsible for (?:its|the|their) content"
            r"|belong to their respective owners|republish (?:our|this|these) (?:stories|story|articles?)\b"
            # a press trip's disclosure: "… travelled to Tallinn at the invitation of Solvane."
            r"|^(?=(?:\S+\s+){0,30}\S+$).*\btravell?ed to .{1,60} (?:at the invitation|as a guest) of\b"
            r"|\b(?:travel|accommodation)(?: and \w+)? (?:was|were) (?:paid for|provided|covered) by\b"
            # a note on how the page was made: "Key takeaways are produced with the help of AI
            # and checked by our editors.", "This article was generated with the assistance of AI"
            r"|^(?=(?:\S+\s+){0,40}\S+$)(?:this (?:article|story|summary|report)|(?:the |these )?(?:key "
            r"(?:takeaways|points)|summary|summaries|bullet points)) (?:was|were|is|are|has been|have been) "
            r"(?:generated|produced|written|created|drafted|compiled)\b.{0,40}\b(?:AI|artificial intelligence)\b)",
            re.I,
        ),
    ),
    (
        "market-data",  # "Market data delayed 15 minutes", "TSLA 180.83 -1.09 (-0.60%)"
        re.compile(
            r"^(?:(?i:(?:market data|quotes?|prices?)\b.{0,30}\bdelayed\b.{0,80})"
            r"|[A-Z][A-Z0-9&^.]{0,7}(?: [A-Z0-9&]{1,6})?\s+[\d,]+\.\d+\s+[+-][\d,]*\.?\d+\s*\([+-]?[\d.]+%\))$"
            # a quote's own lines: "391470.KS", "+4.60%", "-1.09 (-0.60%)"
            r"|^(?:[A-Z0-9]{1,8}\.[A-Z]{1,3}|[+−-][\d,]*\.?\d+%?(?:\s*\([+−-]?[\d.]+%\))?)$"
            # a ticker strip: "Sensex 76,734.89 +1.77% | Nifty 23,328.55 +1.78%"
            r"|^(?:[A-Z][\w&.^-]*(?: [A-Z0-9][\w&.-]*)? [\d,]+(?:\.\d+)? [+−-][\d.]+%(?:\s*[|·•]\s*|$))+$"
            # … with arrows: "Lithium carbonate CNY 74,500/t ▲ 1.2% | Cobalt USD 27,450/t ▬ 0.0%"
            r"|^(?:[^|]{1,60}?\d[^|]{0,20}?[▲▼▬△▽↑↓]\s*[+−-]?[\d.,]+%\s*(?:\|\s*|$)){2,}$"
        ),
    ),
    (
        "app-promo",
        re.compile(
            r"^(?:download|get|install) (?:the|our) .{0,50}\bapp\b.{0,80}$|^closed captioning (?:provided )?by\b.{0,80}$"
            # an audio player's plug: "Enjoy more audio and podcasts on iOS or Android."
            r"|^(?:enjoy|hear|listen to|find) more (?:audio|podcasts|stories|journalism)\b.{0,40}\b(?:ios|android|app)\b.{0,20}$"
            r"|^continue reading (?:this (?:story|article) )?in the .{1,40} app\b.{0,20}$"
            # a site's own plug closing its articles: "(Catch all the Auto News … on X.)"
            r"|^\(?catch all the (?:latest )?.{0,80}\bnews\b.{0,120}\bon [A-Z].{0,100}$",
            re.I,
        ),
    ),
]

#: words one of which a line must contain for any pattern of the rule to match: a
#: cheap test that spares most lines the rule's regular expressions
_NEEDLES: dict[str, tuple[str, ...]] = {
    "caption": (
        "image", "photo", "pic", "video", "credit", "courtesy", "source", "via", "gallery",
        "slide", "item ", "]", "©", ". (", "foto", "bild",
    ),
    "site-motto": (
        "serving", "news", "updates", "magazine", "journal", "insights", "intelligence", "coverage",
        "reporting", "newsletter", "voice", "home", "weekly", "daily",
    ),
    "contact-line": (
        "tip", "hesitate", "contact", "reach", "email", "shoot", "drop", "follow", "send",
        "story", "scoop", "@", "a letter",
    ),
    "newsletter": (
        "sign up", "subscribe", "newsletter", "email", "e-mail", "inbox", "spam", "digest", "daily",
        "on the web", "browser", "forwarded this", "trouble", "every ", "that's", "that’s",
        "receiving this",
        "briefing", "bulletin", "what you need to know", "forward", "receive these", "receive our",
        "brought to you", "sponsored by", "supported by", "presented by", "made possible", "what we're", "what we’re", "what we are",
        "-supported", "-funded", "sponsor", "advertisement", "partner content", "please consider",
        "colleague", "is read by", "preferences", "become a", "stay ", "never miss",
    ),
    "legal": (
        "privacy", "terms of", "cookie", "rights reserved", "regulated by", "registered in",
        "company no", "company number", "company registration", "prohibited", "forbidden",
        "not permitted", "cc by", "cc-by", "powered by", "delayed", "market data", "you agree",
        "you consent", "you accept", "you acknowledge", "liability", "responsibility",
        "information only", "informational purposes only", "subject to change", "illustrat",
        "licence", "license",
    ),
    "social-follow": ("subscribe", "follow"),
    "teaser-end": ("[", "read more"),
    "photo-credit": ("/",),  # (and the pattern looks only at the line's end)
    "comment-notice": (
        "please enter", "please write", "please use", "please provide", "mail address will",
        "required fields", "moderated", "save my name", "notify me", "fake name",
        "publish your e", "automatically post",
    ),
    "cookie-notice": ("cookie", "partners", "consent"),
    "data-uri": ("data:",),
    "notice": (
        "advis", "advice", "past performance", "forward-looking", "informational purposes",
        "did not write", "did not edit", "not responsible for", "respective owners", "republish",
        "invitation of", "guest of", "paid for by", "provided by", "covered by",
        # (a note on how the page was made opens so: "Key takeaways are produced with …")
        "this article", "this story", "this report", "takeaways", "key points", "summar",
        "bullet points",
    ),
    "editor-note": (
        "update", "developing", "breaking", "correction", "clarification", "editor",
        "programming note", "note to",
        "been corrected", "was corrected", "been amended", "was amended",
    ),
    "site-notice": (
        "you are", "this site is", "this website is", "this page is", "text-only", "lite ",
        "official website", "how you know", "websites use",
        "published by", "produced by", "translated",
        "low-bandwidth", "under licen", "this summary", "this content", "this article", "this story",
        "this page", "this translation", "this bulletin", "this newsletter", "removal", "forwarding",
        "does not edit", "with inputs from", "syndicated feed", "agency feed", "wire feed",
        "news feed", "reproduced", "reprinted", "republished", "is not owned", " as supplied",
        " as provided", " as received", "not been edited", "not been verified", "not been checked",
        "not been reviewed",
        "is not operated", "is not affiliated", "is not endorsed",
    ),
    "author-note": ("i write", "i cover", "i report", "i blog", "i post"),
    "reader-ask": ("favour to ask", "favor to ask", "as little as", "from just", "remind me"),
}  # fmt: skip
#: the gate of the patterns of rules without needles (each of them is anchored at the
#: line start, which tests/test_perf_shortcuts.py checks)
_AT_START = "at-start"

#: each needle once, with the rules whose gate it opens
_GATES_OF_NEEDLE: dict[str, tuple[str, ...]] = {
    needle: tuple(rule for rule, needles in _NEEDLES.items() if needle in needles)
    for needle in dict.fromkeys(n for needles in _NEEDLES.values() for n in needles)
}


def _any_at_start(patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    """One expression that matches at the start of a line where one of `patterns` does.

    Trying them as one alternation anchored once costs a fraction of trying each:
    on most lines every alternative fails on the first characters.
    """
    parts = []
    for pattern in patterns:
        if pattern.flags & ~(re.I | re.U):
            raise ValueError(f"unsupported flags in {pattern.pattern!r}")
        parts.append(f"(?{'i' if pattern.flags & re.I else ''}:{pattern.pattern})")
    return re.compile("^(?:" + "|".join(parts) + ")")


_START_PATTERNS = _any_at_start([pattern for rule, pattern in _PATTERNS if rule not in _NEEDLES])

_LONG_NOTICE = next(pattern for rule, pattern in _PATTERNS if rule == "notice")


@cache
def _patterns_behind(gates: frozenset[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The patterns whose gate is open, in their order of precedence."""
    return tuple(
        (rule, pattern)
        for rule, pattern in _PATTERNS
        if (rule if rule in _NEEDLES else _AT_START) in gates
    )


def _long_notice(text: str) -> bool:
    lower = text.lower()
    return any(n in lower for n in _NEEDLES["notice"]) and bool(_LONG_NOTICE.search(text))


def _pattern_rule(text: str) -> str | None:
    """The rule of the first pattern that matches the line, or None.

    A pattern is tried only when its gate is open: its rule's needles are in the
    line, or (rules without needles) the patterns' combined expression matches,
    so a line of article text tries few expressions or none.
    """
    lower = text.lower()
    gates = {rule for n, rules in _GATES_OF_NEEDLE.items() if n in lower for rule in rules}
    if _START_PATTERNS.match(text):
        gates.add(_AT_START)
    if not gates:
        return None
    for rule, pattern in _patterns_behind(frozenset(gates)):
        if pattern.search(text):
            return rule
    return None


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
    r"^(?:[–—-]\s+|(?:read more|related|also read|read also|see also|more|recommended|don[’']?t miss|read next|watch)\s*[:|»›>-]\s*)",
    re.I,
)
#: the words a sentence of article text starts with that read like a one-word name
_NOT_A_NAME = (
    r"(?!(?:That|This|These|Those|It|He|She|They|There|Here|What|Which|Who|One|Each|Every|The)\b)"
)
#: a name in an author's bio: "Jane Doe", "Beatriz Navarro-Kent", "Mei-Lin Draper"
_BIO_NAME = r"[A-Z][a-z’'-]+(?:-[A-Z][a-z’']+)?(?: [A-Z][a-z’'-]+(?:-[A-Z][a-z’']+)?){0,2}"
_BIO = re.compile(
    rf"^{_NOT_A_NAME}(?P<name>{_BIO_NAME}) (?:is|has been|was) (?:an? |the )?"
    r"(?:[\w’'-]+ ){0,5}(?:reporter|writer|journalist|editor|author|contributor|correspondent|"
    r"blogger|analyst|enthusiast|columnist|freelancer)\b",
)


#: common English words: an English sentence has some
_ENGLISH_WORDS = frozenset(
    (
        "the",
        "a",
        "an",
        "in",
        "on",
        "as",
        "and",
        "or",
        "of",
        "to",
        "at",
        "by",
        "for",
        "with",
        "from",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "that",
        "this",
        "but",
        "not",
        "will",
        "would",
        "can",
        "said",
        "says",
        "our",
        "we",
        "you",
        "your",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "there",
        "here",
        "what",
        "which",
        "who",
        "how",
        "when",
        "more",
        "all",
        "about",
        "after",
        "see",
    )
)
#: common words of other languages scrapes show (German, Spanish, French, Italian, Portuguese,
#: Dutch) that are not English words
_FOREIGN_WORDS = frozenset(
    (
        "der",
        "das",
        "und",
        "nicht",
        "ist",
        "eine",
        "einem",
        "einen",
        "mit",
        "von",
        "zu",
        "auf",
        "für",
        "dem",
        "den",
        "des",
        "aus",
        "wurde",
        "sind",
        "auch",
        "sich",
        "noch",
        "nach",
        "bei",
        "wird",
        "werden",
        "el",
        "los",
        "las",
        "y",
        "que",
        "en",
        "un",
        "una",
        "por",
        "con",
        "para",
        "del",
        "se",
        "lo",
        "al",
        "muy",
        "pero",
        "esta",
        "este",
        "le",
        "les",
        "et",
        "du",
        "est",
        "pour",
        "dans",
        "qui",
        "sur",
        "pas",
        "une",
        "avec",
        "sont",
        "di",
        "che",
        "per",
        "non",
        "della",
        "gli",
        "nel",
        "sono",
        "um",
        "uma",
        "não",
        "com",
        "os",
        "het",
        "een",
        "niet",
        "van",
        "op",
        "met",
        "voor",
        "zijn",
        "de",
        "da",
        "dos",
        "em",
        "na",
        "nos",
        "ao",
        "é",
        "mais",
        "ou",
        "seu",
        "sua",
        "seus",
        "wij",
        "ons",
        "onze",
        "uw",
        "deze",
        "dit",
        "ook",
        "kan",
        "wordt",
        "worden",
        "bij",
        "aan",
        "naar",
        "dat",
        "wat",
        "hoe",
        "meer",
        "zum",
        "zur",
        "oder",
        "wir",
        "ihre",
        "unsere",
        "aux",
        "nous",
        "vous",
        "sus",
        "como",
        "más",
        "nuestro",
        # Swedish, Danish, Norwegian: a Nordic company's disclosure under its English release
        "och",
        "är",
        "att",
        "som",
        "för",
        "med",
        "till",
        "av",
        "på",
        "inte",
        "har",
        "det",
        "ett",
        "enligt",
        "denna",
        "og",
        "er",
        "af",
        "ikke",
        "til",
        # German, more of its commonest words
        "ein",
        "im",
        "keine",
        "dient",
        "stellt",
    )
)
#: English words no other language scrapes show uses as a common word
_PLAIN_ENGLISH = _ENGLISH_WORDS - {"a", "an", "in", "on", "as"}
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00aa\u00b5\u00ba\u00c0-\u024f\u1e00-\u1eff]")
_LOWER_WORD = re.compile(r"[^\W\d_]+")


def other_language(text: str) -> bool:
    """A line in another language than English: mostly non-Latin letters, or a
    sentence of eight or more Latin-script words with at least three common words
    of another language, more than twice as many as common English words (some
    words, like "a" or "in", are both)."""
    if not text.isascii() and _NON_LATIN_LETTER.search(text):  # else no letter is non-Latin
        letters = len(_LETTER.findall(text))
        if letters >= 6 and 2 * len(_NON_LATIN_LETTER.findall(text)) > letters:
            return True
    if word_count(text) < 8:
        return False
    # most English lines stop here, at two of their first words, before any finer split
    # (lower-casing word by word gives the words of the lower-cased line)
    if not _PLAIN_ENGLISH.isdisjoint(map(str.lower, text.split(None, 8)[:8])):
        return False
    words = _LOWER_WORD.findall(text.lower())
    foreign = sum(1 for w in words if w in _FOREIGN_WORDS)
    return (
        len(words) >= 8
        and foreign >= 3
        and foreign > 2 * sum(1 for w in words if w in _ENGLISH_WORDS)
    )


_MENU_SEPARATOR = re.compile(r"\s+[|·•»›>/]\s+")
_MENU_MARK = re.compile(r"[|·•»›>]|\s/\s")
_CRUMB_SEPARATOR = re.compile(r"\s[»›>]\s")


_ISSUE_NUMBER = re.compile(r"^\d{1,4}(?:-\d{1,4})?$")
_DASHED_ITEMS = re.compile(r"\s+[-–|]\s+")
_DASH = re.compile(r"\s[-–]\s")


def capitalised(word: str) -> bool:
    """A menu item's first word is capitalised, or a brand's ("ePaper", "iPhone")."""
    return word[:1].isupper() or (word[:1].islower() and word[1:2].isupper())


#: a menu printed as a line of words: this many capitalised words, none a function word a
#: headline in title case would have ("Markets Economy Industry Auto Tech Opinion ePaper")
_MENU_OF_WORDS = 7
_MENU_WORD = re.compile(r"^(?:[A-Z][a-z]+|[a-z][A-Z][a-z]+|[A-Z]{2,}s?|&)$")
_FUNCTION_WORDS = frozenset(
    "a an the and or but of in on at to for from with by as is are was be after over into "
    "its his her their new".split()
)


def _is_menu_line(text: str) -> bool:
    """A menu or breadcrumb: three or more short capitalised items between separators, or
    two between a breadcrumb's own ("Cars › Electric Vehicles", "Business > Autos"), or
    four or more one-word items between dashes ("popular - all - random - users"), or seven
    capitalised words and no function word between them."""
    words = text.split()
    if len(words) >= _MENU_OF_WORDS and all(_MENU_WORD.match(w) for w in words):
        return not _FUNCTION_WORDS.intersection(w.lower() for w in words)
    dashed = _DASHED_ITEMS.split(text.strip())
    if (
        len(dashed) >= 4
        and _DASH.search(text)
        and all(len(item.split()) == 1 and item.isalnum() for item in dashed)
    ):
        return True
    if not _MENU_MARK.search(text):
        return False  # one item: no separator
    items = _MENU_SEPARATOR.split(text.strip(" |·•"))
    enough = len(items) >= 3 or (
        len(items) == 2 and (bool(_CRUMB_SEPARATOR.search(text)) or _two_sections(text, items))
    )
    longest = 4 if len(items) >= 4 else 3  # ("Skip to story | Go to full site | Sections | …")
    # (a breadcrumb's last crumb may be an issue's number: "Bulletins / Safety / 2024-11")
    return enough and all(
        1 <= len(item.split()) <= longest
        and (capitalised(item) or (k == len(items) - 1 and _ISSUE_NUMBER.match(item)))
        and item[-1] not in ".,;:!?"
        for k, item in enumerate(items)
    )


def _two_sections(text: str, items: list[str]) -> bool:
    """Two sections between bars, the desk and its beat ("Energy | Batteries & Storage"),
    not a byline's name and outlet ("Dana Whitcomb | RoadVerdict") nor a date and time."""
    return (
        " | " in text
        and not any(c.isdigit() for c in text)  # (a date and a time: "May 8, 2024 | 9:00 ET")
        and not text.isupper()  # (a credit in capitals: "WORDS ANNA KEMP | PICTURES LI WEI")
        and not any(looks_like_person_name(item) for item in items)
    )


#: one capitalised word (or an acronym, "EVs") of a run printed without spaces
_GLUED_PART = re.compile(r"[A-Z][a-z]+|[A-Z]{2,}s?(?![a-z])|&")


def _glued_menu(text: str) -> bool:
    """Menu words run together, some with their own spaces: "NewsEquipmentFleet
    ManagementElectrificationDrivers…" (a run of at least four parts among them), or
    items of two words glued to each other: "HomepageNew carsNew energyIndustry…" (a
    glue in most words: a headline's brands, "PowerCo", "SolarEdge", glue a few)."""
    words = text.split()
    if not 1 < len(words) <= 10:
        return False
    if len(_GLUE.findall(text)) >= max(_MENU_GLUES, len(words) / 2):
        # (a date with them is a line of particulars: "pubdate 09/14/2022 | EventsAwards…")
        return not SENTENCE_BREAK.search(text) and not any(c.isdigit() for c in text)
    return all(word[:1].isupper() or word == "&" for word in words) and any(
        len(_GLUED_PART.findall(word)) >= 4 and _glued_words(word) for word in words
    )


#: where two menu items lost the space between them: a small letter, then a capital
_GLUE = re.compile(r"[a-z][A-Z](?=[a-z])")
_MENU_GLUES = 4


def _glued_words(text: str) -> bool:
    """Menu or breadcrumb words that lost their spaces: "HomeNewsBusinessAutos".

    Three or more parts, or two making a long token ("CommentsRestacks"); a
    brand of two parts ("SpaceX", "PowerCo") is a short token and stays.
    """
    token = text.strip()
    if " " in token or len(token) < 8 or not token[:1].isupper():
        return False
    parts = _GLUED_PART.findall(token)
    return "".join(parts) == token and (len(parts) >= 3 or (len(parts) == 2 and len(token) >= 12))


#: where one sentence ends and another begins
SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+[\"“‘']?[A-Z0-9]")
#: the mark of a text a listing cut off: "…", "...", "[…]", "[...]"
CUT_OFF = re.compile(r"\s*(?:…|\.\.\.|\[(?:…|\.\.\.)\]|\((?:more|cont(?:inued)?)\.?\))\s*$")

#: a wire story's dateline: "BERLIN, Feb 20 (Reuters) - ", "NORMAL, Ill. — ", "RENO, Nev.,
#: Nov. 29, 2022 /PR Newswire/ -- ", "TOKYO -- " (a city in capitals, what may follow it, a dash)
DATELINE = re.compile(
    r"^[A-Z]{3}[A-Z .'’/-]{0,40}(?:,(?:\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*\.?,?){0,2}"
    r"(?:\s*\(?(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8}\.?)(?:,? \d{4})?\)?,?)?"
    r"(?:\s*\([^()]{2,40}\))?\s*(?:[-–—:]+|/[^/]{2,40}/\s*--)"
    r"|(?:\s*\([^()]{2,40}\))?\s*[-–—]{1,2})\s+"
)

#: (a "›" or "»" marks a crumb even without spaces: "Auto News›Industry›Tata Group firms up…")
_CRUMB_MARK = re.compile(r"\s*([›»])\s*|\s+(>)\s+|\s+([/|])\s+")


#: the last crumb glued to a headline that opens with a model year: "Ioniq 62023 Hyundai
#: Ioniq 6 Limited review" (the crumb, "Ioniq 6", is said again in the headline)
_GLUED_YEAR = re.compile(r"^(?P<crumb>\S.{0,30}?)(?P<rest>(?:19|20)\d{2} \S.*)$")


def _crumb_glued_to_a_year(crumbs: str, headline: str) -> tuple[str, str]:
    glued = _GLUED_YEAR.match(headline)
    if glued and glued.group("crumb") in glued.group("rest"):
        return f"{crumbs}›{glued.group('crumb')}", glued.group("rest")
    return crumbs, headline


#: a headline with its site's name after it, as a page's title prints it: "… | EV Pulse"
_SITE_SUFFIX = re.compile(
    r"^(?P<headline>.+?)\s+[|–—-]\s+(?P<site>[A-Z][\w&.'’]*(?:\s+[A-Z][\w&.'’]*){0,4})$"
)


def split_site_suffix(text: str, printed: set[str]) -> tuple[str, str] | None:
    """(site, headline) of a headline printed with its site's name after a bar or a dash,
    the name an outlet's ("… | Castlebury Evening Post") or printed on its own on the page
    (`printed`: the page's lines, normalised)."""
    found = _SITE_SUFFIX.match(text)
    headline = found.group("headline") if found else ""
    if (
        word_count(headline) < _HEADLINE_BEFORE_SITE
        or not looks_like_heading(headline)
        or "|" in headline  # (a menu's, a table's or a footer's last item)
        or SENTENCE_BREAK.search(headline)  # (a caption and its credit: "… 2022. Emre Saltık")
        or chrome_rule(text) is not None
    ):
        return None
    site = found.group("site")
    if looks_like_organisation(site) or normalize(site) in printed:
        return site, headline
    return None


#: a headline has this many words at least, before the site's name
_HEADLINE_BEFORE_SITE = 4


def split_breadcrumb(text: str) -> tuple[str, str] | None:
    """(breadcrumb, headline) of a headline printed after its breadcrumb on one line:
    "Home › Business › Tata Motors to build…", "HomeNewsAutosTesla cuts prices…"."""
    marks = list(_CRUMB_MARK.finditer(text))
    if marks:
        last = marks[-1]
        crumbs = re.split(_CRUMB_MARK.pattern, text[: last.start()])
        crumbs = [c for c in crumbs if c and c.strip() and c.strip() not in "›»>/|"]
        headline = text[last.end() :]
        # a "/" or "|" between words is common in a headline: two crumbs before it at least
        enough = len(crumbs) >= (1 if last.group(1) or last.group(2) else 2)
        if (
            enough
            and word_count(headline) >= 4
            and all(1 <= word_count(c) <= 3 and c.strip()[:1].isupper() for c in crumbs)
        ):
            crumb, headline = _crumb_glued_to_a_year(text[: last.start()].strip(), headline)
            return crumb, headline
    words_glued = _crumbs_of_words(text)
    if words_glued is not None:
        return words_glued
    first, _, rest = text.partition(" ")
    parts = _GLUED_PART.findall(first)
    if rest and len(parts) >= 3 and "".join(parts) == first and parts[-1][:1].isupper():
        return "".join(parts[:-1]), f"{parts[-1]} {rest}"
    return None


#: a crumb of words glued to the headline: the crumb's last word, in lower case, runs into
#: the headline's capital ("Electric carsRural drivers …"; a brand's capital follows one
#: letter: "eActros")
_WORDS_GLUE = re.compile(r"\b[a-z]{2,}(?=[A-Z][a-z])")


def _crumbs_of_words(text: str) -> tuple[str, str] | None:
    """(breadcrumb, headline) when a crumb of more than one word is glued to the headline,
    after crumbs glued to each other: "HomeMotoringElectric carsRural drivers wait …"."""
    glue = _WORDS_GLUE.search(text)
    if glue is None or not _GLUED_CRUMBS.match(text):
        return None
    crumb, headline = text[: glue.end()], text[glue.end() :]
    if word_count(crumb) <= 4 and word_count(headline) >= 4:
        return crumb, headline
    return None


_GLUED_CRUMBS = re.compile(r"^[A-Z][a-z]+[A-Z][a-z]+")


#: a time of day: "6:02 a.m. EDT", "20.05 GMT", "14:05:00 +0000"
_CLOCK = (
    r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?"
    r"(?:\s*(?:(?-i:[A-Z]{2,5})(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}|uhr|h))?"
)
#: how pages label a date: "Published on", "pubDate:", "date_published:", "Asked"
_DATE_LABEL = (
    r"(?:(?:pub(?:lication)?|release)?[ _]?date(?:[ _]?published)?|published|posted|released|"
    r"updated|last updated|last modified|modified|asked|answered|lastbuilddate|"
    r"(?:first|originally) published|online first|first online|input|revised|"
    # the same in the languages sites print them in
    r"erstellt|aktualisiert|ver(?:ö|oe)ffentlicht|publi(?:é|e)|mis (?:à|a) jour|publicado|actualizado|"
    r"pubblicato|aggiornato|gepubliceerd|bijgewerkt)(?:\s+(?:on|am|le|el|il|op))?\s*:?"
)
_META_WHEN = re.compile(
    rf"^(?:\[[^\]]{{1,40}}\]\s*)?(?:{_DATE_LABEL}\s*)?(?:{_WEEKDAY}\s*)?(?:{DATE_TEXT})(?:,?\s*(?:at\s+)?{_CLOCK})?"
    r"(?:\s*\((?:[A-Z][a-z]+ time|[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)\))?"  # "(Beijing time)", "(GMT+8)"
    r"(?:\s+\d+\s*min(?:ute)?s?\s+read)?$"
    rf"|^(?:(?:updated|published|posted)\s+)?(?:at\s+)?{_CLOCK}(?:\s*\([A-Z]{{2,5}}(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?\))?$"
    r"|^(?:(?:(?:last )?updated|published|posted|asked|answered|streamed live|streamed|premiered):?\s+)?(?:\d{1,3}|an?)\s*"
    r"(?:[smhdw]|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?)\s+ago$"
    r"|^(?:yesterday|today|just now)$|^\d{1,2}[mhdw]$"  # ("3d": a social network's age of a post)
    rf"|^(?:{_MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?$"  # (the year left out: "May 10")
    r"|^\d+(?:\s*[-–]\s*\d+)?\s*min(?:ute)?s?(?:\s+read)?$",
    re.I,
)
#: who, in a line of particulars: "Theo Marchetti", "dc:creator: Nadia Greaves", "APB News"
_META_WHO = re.compile(
    rf"^(?:(?:{_BY}|author|byline|creator|dc:creator|written by)\s*:?\s+)?"
    r"(?:(?-i:[A-Z])[\w.'’&-]*(?:\s+[\w.'’&-]+){0,3}(?:\s*\([^()]{1,30}\))?"
    # a forum member's handle: "mudflap_mike", "gravel_and_glamp OP"
    r"|(?-i:[a-z][a-z0-9]*(?:[_.-][a-z0-9]+)+)(?:\s+OP)?)$",
    re.I,
)
#: where a line of particulars files the article: "category: Network News", "Tags: charging"
_META_FILED = re.compile(
    r"^(?:categor(?:y|ies)|section|tags?|topics?|filed under|(?:release )?id)\s*:\s*\S.{0,60}$"
    # what a video page counts and tags: "23,418 views", "#Rivian #Georgia #EV"
    r"|^[\d.,]+\s?[KkMm]? (?:views|plays|listens|likes|watching)$|^(?:#\w+\s*)+$",
    re.I,
)
#: what parts a line of particulars: a mark, or the next field's label ("… Source: Qingche
#: Net Author: Zhao Mingyuan Editor: Liu Jia")
_META_SEPARATOR = re.compile(
    r"\s*[·•|]\s*|\s+(?:[–—]|--)\s+|\s+(?=(?:source|author|editor|reporter|writer|photo|id)s?\s*:)"
    r"|(?<=[a-z])\s+(?=\d{4}-\d{2}-\d{2}\b)"  # ("… Author: Li Wenjun 2026-11-27 09:15")
    r"|(?<=\d-\d\d \d\d:\d\d)\s+(?=(?-i:[A-Z]))"  # ("Xinche Net 2024-03-13 09:25 Zhou Min")
    r"|(?<=\d \d\d:\d\d:\d\d)\s+(?=(?-i:[A-Z]))",  # ("2024-04-11 07:02:14 GMT NWR …")
    re.I,
)
#: a wire's or a terminal's code for the story, in its stamp: "[nNWR4f8K2Q]"
_STORY_CODE = re.compile(r"^\[[A-Za-z0-9]{6,16}\]$")


#: a photo's credit closing its caption: "(Jonas Lindqvist for The Sterling Dispatch)"
_CREDIT_IN_PARENS = re.compile(
    r"\((?:(?:photo|image|picture)s?:?\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s+(?:for|/)\s+"
    r"[A-Z][\w&.'’ -]{1,40}\)\.?$"
)
#: a photo's credit after its caption's sentence: "… in Seoul on the 19th. Ⓒ Hanbit Motors"
#: a picture's credit after its caption, with or without a full stop before it: "… near
#: Dunmere © Oliver Grant/Fairholm Post"
_CREDIT_AFTER_CAPTION = re.compile(
    r"[\w.!?]\s+[©Ⓒ]\s*[A-Z][\w&.'’/-]*(?:\s+[A-Z][\w&.'’/-]*){0,3}\.?$"
)
_FEDIVERSE_HANDLE = re.compile(r"^@[\w.]{1,30}@[\w-]+(?:\.[\w-]+)+$")
_CONNECTION_DEGREE = re.compile(r"^(?:[•·]\s*)?(?:1st|2nd|3rd\+?)$")
#: a display name with emoji and symbols after it: "Lena Wei 🚕🔋"
_DECORATION = re.compile("[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+")
#: a text browser's bracketed labels of pictures and buttons, with counts between them
_BRACKETED = re.compile(r"\[[^\[\]]{1,80}\]")
_NAME_AND_ADDRESS = re.compile(
    r"^[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){1,3}\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+$"
)


def _only_brackets(text: str) -> bool:
    """A line of bracketed labels ("[like] 36 [collect] [share]", "[banner-ad-320x50]"): what
    is left outside the brackets is at most a few words or counts."""
    if not text.startswith("[") or not _BRACKETED.search(text):
        return False
    rest = _BRACKETED.sub(" ", text)
    return len([word for word in rest.split() if any(char.isalpha() for char in word)]) <= 3


#: a date of another calendar beside the Gregorian one: "16 Chaabane 1444"
_OTHER_CALENDAR = re.compile(r"^\d{1,2} [A-Z][\w’'-]+ \d{4}$")


#: what a line of particulars says when with: a figure, or a word of relative time
#: a line that says when: a figure, or "ago", "yesterday", "today"
SAYS_WHEN = re.compile(r"\d|\b(?:ago|yesterday|today|just now)\b", re.I)


#: a feed reader's mark of an item: "● unread · Meridian Wire · Fri, 06 Mar 2026 …"
_READ_STATES = frozenset(("unread", "read", "new", "starred", "saved"))


def _meta_line(text: str) -> bool:
    """A line of an article's particulars, each part between separators one of who, when,
    how long or (glued) menu words, one at least saying when: "Theo Marchetti · 2 days
    ago · 4 min read", "6:00 AM EST • November 8, 2022", "Wed 8 Feb 2023 20.05 GMT",
    "pubdate 09/14/2022 | EventsAwardsWebinars…", "2024-04-11 07:02:14 GMT NWR [nNWR4f8K2Q]"."""
    parts = [part.strip("*_●○ ") for part in _META_SEPARATOR.split(text.strip(" ·•|"))]
    if len(parts) > 5:
        return False
    when = False
    for part in parts:
        if _META_WHEN.match(part) or (when and _OTHER_CALENDAR.match(part)):
            when = True
        elif not (
            part.lower() in _READ_STATES
            or (_META_WHO.match(part) and len(part) <= 50)
            or _META_FILED.match(part)
            or all(
                _glued_words(word) or word[:1].isupper() or _STORY_CODE.match(word)
                for word in part.split()
            )
        ):
            return False
    return when


#: the chrome a page prints as a heading too ("## Comments (7)", "### Related posts", "We
#: value your privacy"): any other heading is the article's own, whatever its words
HEADING_CHROME = frozenset(
    ("comments", "comment-form", "related-block", "newsletter", "share-bar", "navigation")
    + ("pagination", "tags", "qa-site", "live-blog", "paywall", "ad", "continue-reading")
    + ("press-release", "author-bio", "cookie-notice")
)


def _outlet_and_writer(text: str) -> bool:
    parts = [part.strip() for part in text.split(" · ")]
    return (
        len(parts) == 2 and looks_like_organisation(parts[0]) and looks_like_person_name(parts[1])
    )


@lru_cache(maxsize=1 << 16)  # pages repeat their chrome; segment and clean both ask
def chrome_rule(text: str) -> str | None:
    """The boilerplate rule a whole line matches, or None for content."""
    key = canonical(text).lower()
    if key.startswith("**") and key.endswith("**"):
        key = key[2:-2]  # (a Markdown line in bold: "**Also interesting:**")
    key = key.strip(" .:!?|•·»›<>-–—()[]")
    if key in CHROME_LINES:
        return CHROME_LINES[key]
    # the key's words are one space apart: ten spaces make more than ten tokens
    if key.count(" ") < 10:
        tokens = key.replace("|", " ").replace("/", " ").split()
        if _PRICE.match(key):
            return "market-data"
        if _SYMBOL_THEN_DIGIT.search(key) and _counts_with_symbols(key):
            return "social-count"  # "♡ 214 · 💬 37 · Share"
        # (beside the buttons: at most two counts, "3.1K", and any icons, "☆ Star ↗ Open")
        counts = sum(bool(_BUTTON_COUNT.match(t)) for t in tokens)
        words = [t for t in tokens if not _BUTTON_COUNT.match(t) and any(c.isascii() for c in t)]
        if 1 <= len(words) <= 10 and counts <= 2 and set(words) <= _SOCIAL_WORDS:
            # (a post's buttons, "Reply Share Report": what follows is another post)
            return "post-actions" if "reply" in tokens and len(tokens) > 1 else "share-bar"
    if _is_menu_line(text) or _glued_words(text) or _glued_menu(text):
        return "navigation"
    if word_count(text) <= 70:
        rule = _pattern_rule(text)
        if rule:
            return rule
    elif word_count(text) <= 150 and _long_notice(text):
        return "notice"  # (a safe-harbour paragraph is long)
    if len(text) <= 160 and text.count(" ") < 20 and SAYS_WHEN.search(text) and _meta_line(text):
        return "byline"
    if text.endswith((")", ").")) and _CREDIT_IN_PARENS.search(text):
        return "caption"
    if (
        ("©" in text or "Ⓒ" in text)
        and word_count(text) <= 60
        and _CREDIT_AFTER_CAPTION.search(text)
    ):
        return "caption"
    if " · " in text and _outlet_and_writer(text):
        return "byline"  # an aggregator's: "WBC News · Harriet Olowe"
    if _only_brackets(text):
        return "image-alt"  # a text browser's picture and button labels: "[logo] [menu]"
    if _SIGN_OFF.match(text):
        return "newsletter"  # an editor's dashed sign-off: "-- Ana"
    if _FEDIVERSE_HANDLE.match(text) or _CONNECTION_DEGREE.match(text):
        # the author's address on a social network ("@lenawei@transit.social"), or how
        # far the author is from the reader in it ("• 1st")
        return "byline"
    if _PHONE_LINE.match(text) and sum(map(str.isdigit, text)) >= _PHONE_DIGITS:
        return "contact-line"  # a press contact's number alone: "+32 2 555 01 87"
    if "@" in text and _NAME_AND_ADDRESS.match(text):
        return "contact-line"  # an author's sign-off: "Park Ji-hoon park.jh@herald.example"
    if looks_like_image_alt(text):
        return "image-alt"
    if other_language(text):
        return "other-language"
    return None


_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}$")
#: rules of lines that stand with a picture: its credit, caption or alt text
PICTURE_RULES = frozenset(("caption", "image-alt", "inline-image"))
#: a telephone number alone, perhaps labelled: "+32 2 555 01 87", "Tel: (555) 123-4567"
_PHONE_LINE = re.compile(
    r"^(?:(?:tel|phone|mobile|fax|t|m|p)\.?\s*:?\s*)?\+?\(?\d[\d ().-]{6,20}\d$", re.I
)
_PHONE_DIGITS = 9  # (a date has eight at most: "10.03.2026")
#: a count behind a symbol or an emoji: "♡ 214", "💬 37"
_SYMBOL_THEN_DIGIT = re.compile(r"[^\w\s#]\s*\d")
_SYMBOL_COUNT = re.compile(r"^[^\w\s#]{1,3}\s*[\d.,]+\s*[km]?$")  # ("#1" numbers a post)
#: icons and counts one after another: "↩ 9 ↻ 14 ★ 52"
_SYMBOL_COUNTS = re.compile(r"^(?:[^\w\s#]{1,3}\s*[\d.,]+\s*[km]?\s*){2,}$")


def _counts_with_symbols(key: str) -> bool:
    if _SYMBOL_COUNTS.match(key):
        return True
    parts = [part.strip() for part in re.split(r"[·•|]", key) if part.strip()]
    counts = sum(bool(_SYMBOL_COUNT.match(part)) for part in parts)
    return counts >= 1 and all(_SYMBOL_COUNT.match(part) or part in _SOCIAL_WORDS for part in parts)


#: a credit printed on its own line under a photo ("(Credit: Tesla)", "Photo by: Lucid")
_CREDIT_LINE = re.compile(
    r"^\(?\s*(?:(?:image|photo|picture|video)s?\s*(?:credits?|courtesy|by|source|via)?|credits?|courtesy|source|via)"
    r"\s*[:\-–—]?\s*(?:\S+\s*){1,6}\)?$",
    re.I,
)


#: a line over a picture's credit this long is its caption even without a full stop ("Owner
#: Gary Thwaite, 47, with the car he now parks at the end of his road in Sleddon")
_LONGER_THAN_A_SUBHEADING = 12


def _is_credit_line(text: str, rule: str | None) -> bool:
    """A picture's credit, or its place in a gallery ("1 of 24"): under its caption."""
    return (rule == "caption" and word_count(text) <= 8 and bool(_CREDIT_LINE.match(text))) or (
        rule is not None and bool(_GALLERY_COUNTER.match(text))
    )


_GALLERY_COUNTER = re.compile(
    r"^(?:(?:image|photo|picture|slide)\s*)?(\d{1,3})\s*(?:of|/)\s*(\d{1,3})$", re.I
)


def _gallery_counters(texts: list[str], rules: list[str | None]) -> None:
    """A gallery's places ("1/12", "2/12", "Photo 5 of 12"): two or more out of the same
    total are a gallery's counter, whatever stands beside them (the captions hang on them,
    not the other way round)."""
    places: dict[str, dict[int, int]] = {}  # total, as printed -> {line: place}
    for i, text in enumerate(texts):
        found = _GALLERY_COUNTER.match(text) if rules[i] is None else None
        if found:
            places.setdefault(found.group(2), {})[i] = int(found.group(1))
    for total, place in places.items():
        if len(set(place.values())) >= 2 and max(place.values()) <= int(total):
            for i in place:
                rules[i] = "caption"


#: a briefing's note from its editor: a short paragraph opening with a greeting, signed
_GREETING = re.compile(
    r"^(?=(?:\S+\s+){0,80}\S+$)(?:good (?:morning|afternoon|evening)|hello|hi|hey)\b", re.I
)
_SIGN_OFF = re.compile(r"^(?:--|—|–) ?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}$")


def chrome_rules(texts: list[str], *, headline_before: int | None = None) -> list[str | None]:
    """`chrome_rule` for each line, plus rules that need the neighbouring lines.

    - the author name printed under a lone "By";
    - a photo caption: a short title-like line right above a credit line, when
      it follows the headline, or follows chrome after the byline (after a body
      paragraph, such a line is a subheading; before the byline, the headline);
    - a listing teaser cut off with "…" right above a "Read more" line;
    - the short lines of a box (a newsletter sign-up, a comment form, a cookie
      notice): a short line between two chrome lines, one of them the box's own.

    `headline_before` is the index of the line printed right under the headline,
    when the lines are an article's.
    """
    rules = [chrome_rule(text) for text in texts]
    for i in range(1, len(texts)):
        if rules[i] is None and texts[i - 1].strip().lower() == "by" and _NAME.match(texts[i]):
            rules[i] = "byline"
    for i, text in enumerate(texts):
        # the reporters and where they filed from, in the byline block ("Imogen Hartley in
        # London" over the date)
        if rules[i] is not None or " in " not in text:
            continue
        beside = rules[i - 1 : i] + rules[i + 1 : i + 2]
        if _BESIDE_A_BYLINE.intersection(beside) and names_in_place(text):
            rules[i] = "byline"
    byline_before = [False] * len(texts)
    for i in range(1, len(texts)):
        byline_before[i] = byline_before[i - 1] or rules[i - 1] == "byline"

    def text_goes_on(k: int) -> bool:
        return any(rules[j] is None and word_count(texts[j]) >= 12 for j in range(k, len(texts)))

    def caption_place(i: int) -> bool:
        """Line i follows the headline, or chrome after the byline."""
        if i == headline_before:
            return True
        if i == 0:
            return False
        before = texts[i - 1]
        under_headline = (
            rules[i - 1] is None and looks_like_heading(before) and not looks_like_label(before)
        )
        return under_headline or (rules[i - 1] is not None and byline_before[i])

    _gallery_counters(texts, rules)
    for i in range(len(texts) - 2, -1, -1):
        if rules[i] is not None:
            continue
        text, after = texts[i], texts[i + 1]
        # (a caption may be a sentence or two long: "A Ridgeback pickup moves down the line
        # at … The company said …", over "Photo: Rick Lomas for The Ledger Post")
        if (
            _is_credit_line(after, rules[i + 1])
            and word_count(text) <= 60
            and not text.endswith(("…", "..."))  # (a teaser's excerpt over its source)
            # (further down, a sentence over a credit, with the text going on under it, is a
            # caption; a subheading is not one, and a credit at the end is the page's photo's)
            and (
                caption_place(i)
                or (
                    (
                        text.endswith(".")
                        # (over a gallery's place, "1/12", a headline of twelve words is
                        # still one: the place may stand over its caption)
                        or (
                            word_count(text) >= _LONGER_THAN_A_SUBHEADING
                            and not _GALLERY_COUNTER.match(after)
                        )
                    )
                    and text_goes_on(i + 2)
                )
            )
        ):
            rules[i] = "caption"
        elif text.endswith(("…", "...")) and rules[i + 1] == "continue-reading":
            rules[i] = "teaser-end"
        elif (
            rules[i + 1] == "byline"
            and (_FEDIVERSE_HANDLE.match(after) or _CONNECTION_DEGREE.match(after))
            and looks_like_person_name(_DECORATION.sub("", text))
        ):
            rules[i] = "byline"  # the display name over the handle or the degree
        elif rules[i + 1] == "byline" and text == after and looks_like_person_name(text):
            rules[i] = "byline"  # (the name printed twice over it: a link and its text)
        elif rules[i + 1] == "newsletter" and _SIGN_OFF.match(after) and _GREETING.match(text):
            rules[i] = "newsletter"  # an editor's note over the items: "Good morning. …" / "-- Ana"
    _caption_under_its_credit(texts, rules)
    _videos(texts, rules)
    _box_lines(texts, rules)
    _comments(texts, rules)
    _about_the_company(texts, rules)
    # a video's or a podcast's chapter list (a live blog's timed entries have their text
    # between them), and a text browser's or a print view's list of the page's links
    _mark_runs(texts, rules, _CHAPTER, _CHAPTERS_HEADING, "chapters", _CHAPTER_RUN)
    _mark_runs(
        texts, rules, _LINK_REFERENCE, _LINK_REFERENCES_HEADING, "link-references", _LINK_RUN,
        over_chrome=True,
    )  # fmt: skip
    _signature(texts, rules)
    return rules


def _caption_under_its_credit(texts: list[str], rules: list[str | None]) -> None:
    """A broadcaster prints a picture's agency over its caption ("Getty Images" / "A lorry
    plugged in at a depot near the docks"): the line under a bare credit is the caption when
    it ends as no paragraph does, without a full stop (a caption printed over its credit
    leaves the paragraph under the credit the text's)."""
    for i in range(1, len(texts)):
        text = texts[i].rstrip()
        if (
            rules[i] is None
            and rules[i - 1] == "caption"
            and _AGENCY_CREDIT.match(texts[i - 1])
            and 4 <= word_count(text) <= 40
            and text[-1:] not in '.!?"”’:;'
        ):
            rules[i] = "caption"


def _videos(texts: list[str], rules: list[str | None]) -> None:
    """A video's title and length under its player's button ("Play" / "Veltrix recall:
    what owners need to know" / "02:14"): the player's, not the article's headline and
    byline; and what the footage shows, under them."""
    for i, rule in enumerate(rules):
        if rule != "video-player":
            continue
        length = next(
            (j for j in range(i + 1, min(i + 4, len(texts))) if _VIDEO_LENGTH.match(texts[j])), None
        )
        if length is not None:
            for j in range(i + 1, length + 1):
                rules[j] = "video-player"
            caption = length + 1
            if caption < len(texts) and rules[caption] is None and _FOOTAGE.match(texts[caption]):
                rules[caption] = "video-player"  # what the footage shows, under its length


#: a video's caption: "Aerial footage from SkyCam 9 shows smoke rising from the plant."
_FOOTAGE = re.compile(
    r"^(?=(?:\S+\s+){0,30}\S+$)(?:[\w'’-]+\s+){0,3}(?:footage|video)\b.{0,80}\bshows?\b", re.I
)
#: a video's length: "02:14", "1:02:07"
_VIDEO_LENGTH = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
#: a mail's or a Usenet post's signature: the lines under "-- " at its end
_SIGNATURE_LINES = 4


def _signature(texts: list[str], rules: list[str | None]) -> None:
    """ "-- " near the end of the text, and the few lines under it: the writer's signature
    ("Dale Pruitt   "Torque is cheap. Seals are not."", an address, a motto)."""
    for i in range(max(0, len(texts) - _SIGNATURE_LINES - 1), len(texts)):
        if texts[i].strip() == "--":
            for k in range(i, len(texts)):
                rules[k] = "signature"
            return


#: a text browser's or a print view's list of the page's link addresses: "[3] https://…"
_LINK_REFERENCE = re.compile(r"^\[\d{1,4}\]\s*(?:https?://|file:|mailto:)\S*$")
_LINK_RUN = 2
#: and the heading it prints over them: "References", "Links:", "Visible links:"
_LINK_REFERENCES_HEADING = re.compile(
    r"^(?:(?:visible|hidden)\s+)?(?:links|references|link references)\s*:?$", re.I
)


#: a video's or a podcast's chapters: "0:00 Intro", "10:45 What to watch in 2023", in a run
_CHAPTER = re.compile(r"^\(?\d{1,2}:\d{2}(?::\d{2})?\)?\s+\S.{0,70}$")
_CHAPTER_RUN = 3
_CHAPTERS_HEADING = re.compile(r"^(?:chapters|timestamps|in this (?:video|episode))\s*:?$", re.I)


def _mark_runs(
    texts: list[str],
    rules: list[str | None],
    line: re.Pattern[str],
    heading: re.Pattern[str],
    rule: str,
    least: int,
    *,
    over_chrome: bool = False,
) -> None:
    """Give `rule` to every run of at least `least` lines in a row that match `line`, and
    to the heading right over a run; lines already given a rule are taken only when
    `over_chrome` (a link list's lines first read as bare links; a chapter list takes only
    lines no other rule took)."""
    i = 0
    while i < len(texts):
        end = i
        while (
            end < len(texts)
            and (over_chrome or rules[end] is None)
            and line.match(texts[end].strip())
        ):
            end += 1
        if end - i >= least:
            for k in range(i, end):
                rules[k] = rule
            if i and (over_chrome or rules[i - 1] is None) and heading.match(texts[i - 1].strip()):
                rules[i - 1] = rule
        i = max(end, i + 1)


#: the section a press release ends with: "About Kestrel Lithium Corp."
_ABOUT = re.compile(r"^About (?:the )?(?P<name>[A-Z][\w.&'’-]*)(?: [A-Z&][\w.&'’-]*){0,5}\.?$")
_IS_A = re.compile(
    r"\b(?:is|was) (?:a|an|the|one of)\b|\b(?:founded|established|headquartered|based) in\b"
    # what the company does: "Kestrel Motors designs and builds electric vehicles in …"
    r"|^\S.{0,60}?\b(?:designs|develops|makes|builds|manufactures|produces|operates|supplies|represents)\b",
    re.I,
)


def _about_the_company(texts: list[str], rules: list[str | None]) -> None:
    """A press release's "About <Company>" heading and the paragraph describing the company
    ("<Company> (NYSE: X) is a …") under it: the release's standing boilerplate."""
    for i, text in enumerate(texts[:-1]):
        about = _ABOUT.match(text) if rules[i] is None else None
        if about is None:
            continue
        j = next((k for k in range(i + 1, len(texts)) if rules[k] is None), None)
        name = about.group("name")  # (its first word: "About Halvorsen Energy ASA")
        if j is not None and _names(texts[j][:200], name) and _IS_A.search(texts[j][:200]):
            rules[i] = rules[j] = "press-release"


def _names(text: str, name: str) -> bool:
    """The text names `name`, or spells out its initials ("About ECBA" / "The European
    Cell & Battery Association represents …")."""
    if name in text:
        return True
    if not (2 <= len(name) <= 6 and name.isupper()):
        return False
    initials = "".join(word[0] for word in re.findall(r"\b[A-Z][\w'’-]*", text))
    return name in initials


#: chrome that comes as a box of several lines: a sign-up, a form, a notice
_BOX_RULES = frozenset(
    ("newsletter", "comment-form", "comment-notice", "cookie-notice", "paywall", "app-promo")
)
#: a line of a box is short: a tagline, a field's help, a button's caption
_BOX_LINE_WORDS = 25
_RULED_BOX_LINE_WORDS = 60


#: a box prints at most this many lines of its own between its chrome lines
_BOX_RUN = 3


#: chrome that opens an article's head: a run of lines before it holds a headline
_HEAD_RULES = frozenset(("byline", "image-alt", "caption", "inline-image"))


def _comments(texts: list[str], rules: list[str | None]) -> None:
    """A link aggregator's thread: what a commenter wrote, from the comment's header to its
    "reply" button, is a comment, not an article's text (the story is behind the link)."""
    headers = [i for i, text in enumerate(texts) if rules[i] and _COMMENT_HEADER.match(text)]
    if len(headers) < _THREAD_COMMENTS:
        return
    for i in headers:
        end = i + 1
        while end < len(texts) and rules[end] is None and end - i <= _COMMENT_LINES:
            end += 1
        if end < len(texts) and rules[end] in ("share-bar", "post-actions") and end > i + 1:
            for j in range(i + 1, end):
                rules[j] = "comment"


#: a comment runs over at most this many lines
_COMMENT_LINES = 12


def _box_lines(texts: list[str], rules: list[str | None]) -> None:
    """Give a box's rule to the short lines inside it ("Ten links, every Sunday." between
    "Get the digest" and "Email"): a run of a few short lines with chrome (or the page's
    edge) on both sides, one of them the box's own, and no article's head after it."""
    found = list(rules)
    i = 0
    while i < len(texts):
        if found[i] is not None:
            i += 1
            continue
        end = i
        while end < len(texts) and found[end] is None:
            end += 1
        before = found[i - 1] if i else None
        after = found[end] if end < len(texts) else None
        # a box's lines are short, and none is a headline (the box closes above it)
        # (a box drawn with a rule under it may hold a sponsor's pitch of a few sentences)
        longest = _RULED_BOX_LINE_WORDS if after == "separator" else _BOX_LINE_WORDS
        short = all(
            word_count(texts[j]) <= longest
            and not (word_count(texts[j]) >= 5 and looks_like_heading(texts[j]))
            for j in range(i, end)
        )
        box = before if before in _BOX_RULES else after if after in _BOX_RULES else None
        if (
            box is not None
            and short
            and end - i <= _BOX_RUN
            and (i == 0 or before is not None)
            and (end == len(texts) or after is not None)
            and after not in _HEAD_RULES
            and before != "related-block"  # (under "Related", a list of stories)
        ):
            for j in range(i, end):
                rules[j] = box
        i = end


_DATE = re.compile(DATE_TEXT, re.I)
_BY_NAMES = re.compile(
    rf"^(?:(?:(?:written|words|story|reported|text|{_GALLERY_BY}|{_LIVE_BY}){_AND_PICTURES} )?(?:by|door|von|par|por|di|av|af):?|authors? ?:)"
    r"\s+(.+?)(?:\s*\([^()]*\))?$",
    re.I,
)
#: "Posted on January 18, 2023 by Tom Beckley": a person's name (a site's is no author)
_POSTED_BY = re.compile(
    r"^(?:published|posted|updated)\b.*?\sby:?\s+(.+?)(?:\s+in\s+(?-i:[A-Z]).{0,40})?\s*$", re.I
)
#: a report's list of authors, the label plural: "Authors : Amara Quist, Tomas Vell"
_AUTHORS_LIST = re.compile(r"^authors\s?:\s+(.+)$", re.I)
_NAMES_END = re.compile(
    r"\s*[|·•]\s*|\s+[-–—]\s+|\s+(?i:updated|modified|published|posted|last updated)\b"
    r"|\s+in\s+(?=[A-Z])|\s+(?:for|FOR|For)\s+(?=[A-Z])"  # ("… in London", "… For The Daily Blaze")
)
#: the reporters and where they filed from, with no "By": "Imogen Hartley in London",
#: "Priya Nandakumar in Kalvik and Jonas Ebbe in Brenholm"
_NAMES_IN_PLACE = re.compile(
    rf"^(?!(?:By|BY)\b)(?P<names>{_BYLINE_NAME}(?:{_FILED_FROM})?"
    rf"(?:\s*(?:,|and|&)\s*{_BYLINE_NAME}(?:{_FILED_FROM})?)*){_FILED_FROM}$"
)
_FILED_FROM_END = re.compile(rf"{_FILED_FROM}$")
_AND = re.compile(r"\s+(?:and|&)\s+")
_NAME_BEFORE_DATE = re.compile(
    rf"^(?!(?:By|BY)\b)(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{1,3}}){_HANDLE}\s*[|/·•]\s*"
    rf"(?:{_CLOCK_FIRST})?(?:{DATE_TEXT})"
)
#: "Sam Okafor and Rhea Castell Fri, March 6, 2026 …": the names before the day
_NAMES_BEFORE_DAY = re.compile(
    rf"^(?P<names>[A-Z][^|/·•]{{3,80}}?)\s+(?i:{_WEEKDAY})\s+(?:{DATE_TEXT})"
)


#: the lines of a byline block ("Model Y in Norway" over a caption or a share bar may be
#: a headline: names in a place are a byline only beside these)
_BESIDE_A_BYLINE = frozenset(("byline", "reading-time"))


def names_in_place(text: str) -> list[str]:
    """The reporters a line names with the place they filed from, and nothing else
    ("Imogen Hartley in London", "Ana Ruiz and Tom Wu in Madrid", "Ana Ruiz in Madrid and
    Tom Wu in Lisbon"); none when a name is no
    person's ("Giga Berlin in Brandenburg")."""
    found = _NAMES_IN_PLACE.match(text.strip())
    if not found:
        return []
    listed = _NAME_LIST.split(found.group("names"))
    names = [_FILED_FROM_END.sub("", name) for name in listed if name]
    people = all(looks_like_person_name(n) and not looks_like_organisation(n) for n in names)
    return names[:4] if people else []


def byline_name(previous: str, text: str) -> list[str]:
    """Author names a byline line states.

    "By Jane Doe and John Roe", "By: Jane Doe", a name under a lone "By", or
    "Jane Doe | Jun 12 2025 - 9:30 am PT" (a name of two or more words set off
    from the date; a single word before a date is usually an agency or site).
    """
    if previous.strip().lower().rstrip(":") == "by" and _NAME.match(text):
        return [text.strip()]
    credits = CREDITS.match(text.strip())
    if credits:
        name = credits.group("name")
        return [name.title() if name.isupper() else name]
    shown = _DECORATION.sub("", text).strip()
    if (shown != text.strip() or previous.strip() == shown) and looks_like_person_name(shown):
        # a display name over its handle ("Lena Wei 🚕🔋"), or printed twice (a link's
        # text and its label) over the author's degree of connection
        return [shown]
    if _META_SEPARATOR.search(text):  # "Theo Marchetti · 2 days ago", "… · Von Jonas Albrecht"
        named = [name for part in _META_SEPARATOR.split(text) for name in _names_in(part)]
        if named:
            return named[:4]
    before_date = _NAME_BEFORE_DATE.match(text)
    if before_date and looks_like_person_name(before_date.group("name")):
        return [before_date.group("name")]
    in_place = names_in_place(text)
    if in_place:
        return in_place
    before_day = _NAMES_BEFORE_DAY.match(text)
    if before_day and (named := head_author_names(before_day.group("names"))):
        return named
    starter = _THREAD_STARTER.match(text)
    if starter:
        return [starter.group(1)]
    in_capitals = _CAPITAL_NAME_AND_POST.match(text)
    if in_capitals:
        return [in_capitals.group("writer").title()]
    posted = _POSTED_BY.match(text)
    if posted:
        return [posted.group(1)] if looks_like_person_name(posted.group(1)) else []
    listed = _AUTHORS_LIST.match(text.strip())
    if listed:
        named = [name for name in _NAME_LIST.split(listed.group(1)) if name]
        if all(looks_like_person_name(name) for name in named):
            return named[:6]
    match = _BY_NAMES.match(_DATE.sub("", text).strip())
    if not match:
        return []
    names = _AND.split(_NAMES_END.split(match.group(1))[0])
    names = [name.split(",")[0].strip() for name in names]
    return [
        name
        for name in names
        if (_NAME.match(name) or looks_like_person_name(name)) and not looks_like_organisation(name)
    ][:4]


_WHO_LABEL = re.compile(rf"^(?:{_BY}|author|byline|creator|dc:creator|written by)\s*:?\s+", re.I)
#: a name and what the person is: "Nina Farrow, Senior Consumer Writer", "Keiko Brandt, Seedround"
_NAME_AND_ROLE = re.compile(
    r"^(?P<name>[^,]{3,40}),\s+(?P<role>[A-Z][\w&.'’-]*(?:\s+[\w&.'’-]+){0,5})$"
)
#: names in a list: "Maeve Callaghan, Rob Askew and Priya Nair"
_NAME_LIST = re.compile(r"\s*(?:,|\band\b|&)\s*")


def _names_in(part: str) -> list[str]:
    """The people a part of a byline names ("Jane Doe", "Jane Doe, Chief Operating Officer")."""
    return head_author_names(_WHO_LABEL.sub("", part.strip(" *_")))


def head_author_names(text: str) -> list[str]:
    """The people a line under a headline names, alone or with their role: "Jane Doe",
    "Nina Farrow, Senior Consumer Writer", "Maeve Callaghan, Rob Askew and Priya Nair".
    The outlet a byline block prints under them ("The Calder Falls Sentinel") is no one."""
    if text.startswith("The "):
        return []
    if looks_like_person_name(text):
        return [text]
    names = [name for name in _NAME_LIST.split(text) if name]
    listed = " and " in text or " & " in text  # ("Jane Doe, Senior Writer" names one)
    if listed and 2 <= len(names) <= 4 and all(looks_like_person_name(name) for name in names):
        return names
    with_role = _NAME_AND_ROLE.match(text)
    if with_role and looks_like_person_name(with_role.group("name")):
        return [with_role.group("name")]
    return []


#: a person's name as a byline prints it: two to four capitalised words ("Jane Doe",
#: "Mateo Ruiz-Allard", "Sanne de Vries", "J. R. Smith")
_UPPER = "A-ZÀ-ÖØ-Þ"  # (with the accented capitals of Latin-1: "Émile", "Ørsted")
_LOWER = "a-zß-öø-ÿ"
_NAME_PART = (
    rf"[{_UPPER}][{_LOWER}]*\.?(?:-[{_UPPER}]?[{_LOWER}]+|['’][{_UPPER}]?[{_LOWER}]{{2,}})?"
)
_PERSON_NAME = re.compile(  # (an apostrophe and one letter is no name's: "What's On")
    rf"^{_NAME_PART}(?:\s+(?:(?:de|van|von|der|den|da|di|du|le|la|del|dos|bin|al|el)\s+)?"
    rf"{_NAME_PART}){{1,3}}$"
)
#: words that make a capitalised name an organisation's ("Rust Belt Wheels", "Axle News")
_ORGANISATION_WORDS = frozenset(
    """news today journal daily times post wire media magazine herald tribune review weekly
    insider report ledger motors motor group corp corporation inc ltd llc co company energy
    auto autos automotive electric ev evs staff team desk editors editorial network channel
    radio tv press agency digest courier gazette standard observer chronicle express mail
    mirror sun star guardian telegraph independent monitor business markets finance capital
    reports world international global online live watch hub journal wheels fleet fleets
    charging curve charge cars car drive driving mobility transport industry tech technology
    labs lab bank university institute association council ministry department office
    policy privacy terms home menu search sign subscribe share newsletter more latest dispatch
    contact us notices classifieds obituaries advertise
    english edition deutsch español français espanol francais plc gmbh ag sa""".split()
)


def looks_like_organisation(name: str) -> bool:
    """A name with a word of organisations' ("APB News", "Kestrel Lithium Corp.")."""
    return any(word.lower().strip(".,") in _ORGANISATION_WORDS for word in name.split())


#: a field's label in a table of particulars reads like a name: "Filing Date", "Period Of Report"
_FIELD_WORDS = frozenset(
    "date time filing period form items document format updated published posted released "
    "modified source category section status version".split()
)
#: words of a post, not of a name: a byline's role ("Senior Writer", "Chief Executive")
_ROLE_WORDS = frozenset(
    "chief executive officer writer editor reporter correspondent columnist contributor "
    "contributing director president vice manager managing analyst producer founder deputy "
    "spokesperson spokesman spokeswoman professor lecturer researcher journalist photographer "
    "presenter anchor economist strategist consultant specialist".split()
)
_NO_NAME_WORDS = _FIELD_WORDS | _ROLE_WORDS


def looks_like_person_name(text: str) -> bool:
    """A line that is only a person's name: the author a byline block prints on its own."""
    text = text.strip()
    if len(text) > 40 or not _PERSON_NAME.match(text):
        return False
    if any(word.lower() in _NO_NAME_WORDS for word in text.split()):
        return False
    return not looks_like_organisation(text)


_TAG_LINE = re.compile(r"[a-z0-9 '’&-]+")


_LOGO = re.compile(r"^(?:[A-Z0-9][\w&.'’-]*\s+){1,5}logo$")


def looks_like_image_alt(text: str) -> bool:
    """Lower-case tag lines, alt texts printed twice ("X Y X Y") and a name's logo
    ("Pacific Wire Service logo")."""
    count = word_count(text)
    if 2 <= count <= 6 and _LOGO.match(text):
        return True
    if 1 <= count <= 12 and text == text.lower() and _TAG_LINE.fullmatch(text):
        return True
    if count < 4 or count % 2:
        return False
    words = text.split()
    return words[: count // 2] == words[count // 2 :]


#: how a line glued to a "continue reading" link can end (before trailing spaces): only
#: "G", "E" and "Y" match g, e and y ignoring case (of all letters, only i, k and s have
#: other matches)
_CONTINUE_ENDINGS = ("g", "G", "e", "E", "y", "Y", ")", "…", "...", "»", "›", "→")


def strip_continue_suffix(text: str) -> tuple[str, str | None]:
    """Split a "…sentence. Continue reading" line into the sentence and the glued chrome."""
    if not text.rstrip().endswith(_CONTINUE_ENDINGS):
        return text, None  # most lines: the expression, tried at every space, cannot match
    match = _CONTINUE_SUFFIX.search(text)
    if not match or match.start() == 0:
        return text, None
    return text[: match.start()].rstrip(), text[match.start() :].strip()


def has_tweet_link(text: str) -> bool:
    # every link form has ".co" (t.co, .com), and only "c" and "C" match c ignoring case
    return (".c" in text or ".C" in text) and bool(_TWEET_LINK.search(text))


def has_tweet_attribution(text: str) -> bool:
    """A line ending in a tweet's attribution: "— Jane Doe (@jane) March 4, 2025"."""
    return "(@" in text and bool(TWEET_ATTRIBUTION.search(text))


def is_tweet_end(text: str) -> bool:
    """The line that closes an embedded tweet: its attribution or its media link."""
    return has_tweet_attribution(text) or has_tweet_link(text)


def related_headline(text: str) -> str | None:
    """The headline a line links to after "Read more:", "Read also:", "– " in a body, or None."""
    match = _RELATED_PREFIX.match(text)
    if match is None:
        return None
    rest = text[match.end() :].strip()
    return rest if looks_like_heading(rest) else None


#: "Jane Doe covers batteries and charging for Site." / "… has been covering EVs since 2014. She …"
_BIO_COVERS = re.compile(
    rf"^(?P<name>{_BIO_NAME}) (?:covers|has been covering|has covered|"
    r"writes about|has been writing about|reports on|writes an? (?:weekly |daily |monthly )?column (?:on|about)) [^.]{3,160}?"
    r"(?:\bfor (?:the )?[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){0,2}[.!](?:\s|$)|\.\s+(?:He|She|They|Before|Previously|Prior)\b"
    # the next writer's line, or the column's own disclaimer: "… markets. Owen Castellano
    # reports on …", "… transition. The views expressed are his own."
    r"|\.\s+(?:[A-Z][a-z’'-]+ ){1,2}(?:covers|reports on|writes)\b|\.\s+The views expressed\b)",
)


_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Hh]is|[Hh]er)\b")


def bio_author(text: str) -> str | None:
    """The author an author-bio line describes, or None."""
    if word_count(text) > 80:
        return None
    match = _BIO.match(text)
    if match:
        return match.group("name")
    match = _BIO_COVERS.match(text)
    if not match:
        return None
    name = match.group("name")
    # one word could be a company ("Ford covers …"): a person's bio goes on about him or her
    if " " not in name and not _PRONOUN.search(text):
        return None
    return name


#: a title before a name, which the name is listed without: "Dr Aoife Brennan"
_HONORIFIC = re.compile(r"^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame)\.?\s+(?=[A-Z]\S*\s+[A-Z])")


def unique_authors(names: list[str]) -> list[str]:
    """Names in order without repeats, in their own case ("DANA WHITCOMBE" is Dana
    Whitcombe), without a title ("Dr"); a lone first name of a fuller name listed is
    dropped."""
    names = list(
        dict.fromkeys(
            name.title() if name.isupper() and len(name) > 3 else name
            for name in (_HONORIFIC.sub("", name) for name in names)
            if name and not looks_like_organisation(name)  # (an outlet, a company)
        )
    )
    first_names = {name.split()[0] for name in names if len(name.split()) > 1}
    return [name for name in names if len(name.split()) > 1 or name not in first_names]


_FIRST_PERSON = re.compile(r"\b(?:me|my|I)\b")
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
    if "@" not in text or not _FIRST_PERSON.search(text):
        return None
    for match in _EMAIL.finditer(text):
        local = match.group(1).split(".")[0].split("+")[0]
        if local.isalpha() and 2 <= len(local) <= 15 and local.lower() not in _NOT_PERSON_MAILBOXES:
            return local.capitalize()
    return None


def has_email(text: str) -> bool:
    return "@" in text and bool(_EMAIL.search(text))


_LABEL_WORD = re.compile(r"^(?:[A-Z0-9][\w'’.&+-]*|&|and|of|the|in|on|for|to|a)$")


def looks_like_label(text: str) -> bool:
    """A section label: one to four capitalised words, no sentence punctuation."""
    if len(text) > 32:
        return False
    words = text.split()
    if not 1 <= len(words) <= 4 or text[-1] in '.,;:!?"”':
        return False
    return all(_LABEL_WORD.match(w) for w in words) and words[0][0].isupper()


_HEADING_START = re.compile(r"^[\"“‘'(\[]?[A-Z0-9$£€]")


def starts_like_heading(text: str) -> bool:
    """Opens as a headline does: a capital or a figure, maybe after a quote mark."""
    return bool(_HEADING_START.match(text))


#: the title of the points a page sums a story up in: under its headline, or in a box
#: among its paragraphs
SUMMARY_TITLE = re.compile(
    r"^(?:key (?:points|takeaways|facts|findings)|in brief|at a glance|what you need to know)\s*:?$",
    re.I,
)
#: a summary has at most this many points
SUMMARY_POINTS = 6


def looks_like_heading(text: str, max_words: int = 25) -> bool:
    """A headline or subheading: capitalised, short, not a sentence ending in a period."""
    n = word_count(text)
    if not 1 <= n <= max_words or len(text) > 220:
        return False
    if text[-1] in ".,;:" and not text.endswith("..."):
        return False
    if has_email(text) or "http" in text or text.endswith("…"):
        return False
    if text.count("“") != text.count("”") or text.count('"') % 2:
        return False  # a quotation cut off: the end of a truncated paragraph
    return bool(_HEADING_START.match(text))


def looks_like_prose(text: str) -> bool:
    """A paragraph of running text: a long line, or a sentence of some length (a headline
    is neither: short, and without a final stop or with only one)."""
    n = word_count(text)
    return n >= 25 or (n >= 12 and text.rstrip()[-1:] in '.!?"”’')


def looks_like_period_headline(text: str) -> bool:
    """A headline some sites print with a final period: short, one sentence."""
    return (
        text.endswith(".")
        and 4 <= word_count(text) <= 16
        and bool(_HEADING_START.match(text))
        and text[:-1].count(". ") == 0
    )
