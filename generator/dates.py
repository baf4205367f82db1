"""Dates a page states: the forms sites print them in, and relative ones ("3 days ago")
on pages that say when they were captured.

A date is never invented: a relative date counts only against the day the page says it
was saved, and a slashed numeric date is read the US way (month first) unless it cannot
be, or the page writes its dates day first (`writes_day_first`).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from datetime import date as Date
from datetime import timedelta

#: month names (and their abbreviations) in English and the languages European and
#: Latin American sites print dates in; a name shared by two languages means one month
_MONTHS_BY_NUMBER = [
    "jan january janvier januar januari enero janeiro gennaio",
    "feb february fevrier février februar februari febrero fevereiro febbraio",
    "mar march mars märz maerz maart marzo março marco",
    "apr april avril abril aprile",
    "may mai mei mayo maio maggio",
    "jun june juin juni junio junho giugno",
    "jul july juillet juli julio julho luglio",
    "aug august aout août augustus agosto",
    "sep sept september septembre septiembre setembro settembre",
    "oct october octobre oktober okt octubre outubro ottobre",
    "nov november novembre noviembre novembro",
    "dec december decembre décembre dezember dez diciembre dezembro dicembre",
]
_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(_MONTHS_BY_NUMBER, start=1)
    for name in names.split()
}
MONTH_NAMES = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_DATE_FORMS = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    # month names only, so that one glued to a word ("ReutersMarch 4, 2025") is still found
    re.compile(
        rf"(?P<mon>{MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})", re.I
    ),
    re.compile(
        rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?P<mon>{MONTH_NAMES})\.?,?\s+(?:de\s+)?(?P<y>\d{{4}})\b",
        re.I,
    ),
    # numbers: with slashes the US order (month first) unless the first cannot be a month;
    # with dashes or dots the order of the rest of the world (day first); a name may be
    # glued before them ("Nordline16.05.2024")
    re.compile(r"(?<!\d)(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})\b"),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})[-.](?P<m>\d{1,2})[-.](?P<y>\d{4})\b"),
    # the year first with dots or slashes, as East Asian sites print it: "2024.03.19 14:20"
    re.compile(r"\b(?P<y>\d{4})[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})\b(?![./]\d)"),
]


def parse_date(text: str, day_first: bool = False) -> str | None:
    """The first calendar date written in `text`, as ISO, or None; with `day_first`, a
    slashed date is read day first (08/03/2023 is 8 March)."""
    for form in _DATE_FORMS:
        for match in form.finditer(text):
            parts = match.groupdict()
            if parts.get("mon"):
                month, day = _MONTH_NUMBERS.get(parts["mon"].lower()), int(parts["d"])
            else:
                month, day = int(parts["m"]), int(parts["d"])
                slashed = "/" in match.group(0)
                if slashed and ((month > 12 and day <= 12) or (day_first and day <= 12)):
                    month, day = day, month  # "25/12/2022": the day came first
            if not month:
                continue
            try:
                return Date(int(parts["y"]), month, day).isoformat()
            except ValueError:
                continue
    return None


_SLASHED = _DATE_FORMS[3]


def writes_day_first(texts: Iterable[str]) -> bool:
    """Whether a page writes its slashed dates day first: it prints one that reads only
    that way (29/01/2023), or one whose day-first reading it also prints in words
    ("8 March 2023" above "08/03/2023"). Otherwise the US order, as `parse_date` reads."""
    texts = list(texts)
    ambiguous: list[tuple[str, str]] = []
    for text in texts:
        for match in _SLASHED.finditer(text) if "/" in text else ():
            first, second, year = (int(match.group(k)) for k in ("m", "d", "y"))
            if first > 12 >= second:
                return True
            if second > 12 >= first:
                return False
            if first != second and min(first, second) >= 1:
                ambiguous.append(
                    (f"{year}-{second:02}-{first:02}", f"{year}-{first:02}-{second:02}")
                )
    if not ambiguous:
        return False
    worded = {
        day
        for text in texts
        if _MONTH_WORD.search(text)
        for form in _DATE_FORMS[1:3]
        for day in _worded(form, text)
    }
    if any(day in worded and month not in worded for day, month in ambiguous):
        return True
    # (or a day the page names in words, its year left out, lies days from the day-first
    # reading and months from the other: "06/11/2024" over "… Nov 5 (Meridian) …")
    named = [
        (_MONTH_NUMBERS[match.group("mon").lower()], int(match.group("d")))
        for text in texts
        if _MONTH_WORD.search(text)
        for form in _YEARLESS
        for match in form.finditer(text)
    ]
    return any(_near(day, named) and not _near(month, named) for day, month in ambiguous)


#: a day named in words without its year: "Nov 5", "5 November"
_YEARLESS = [
    re.compile(rf"\b(?P<mon>{MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})\b(?!:)", re.I),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{MONTH_NAMES})\b", re.I),
]
#: a day named in words this close to a reading of a slashed date confirms that reading
_NEAR_DAYS = 7


def _near(iso: str, named: list[tuple[int, int]]) -> bool:
    """Whether a day named in words (month, day), in the year of `iso`, is close to it."""
    with contextlib.suppress(ValueError):
        when = Date.fromisoformat(iso)
        for month, day in named:
            with contextlib.suppress(ValueError):
                if abs((Date(when.year, month, day) - when).days) <= _NEAR_DAYS:
                    return True
    return False


_MONTH_WORD = re.compile(rf"\b(?:{MONTH_NAMES})\b", re.I)


def _worded(form: re.Pattern[str], text: str) -> Iterator[str]:
    for match in form.finditer(text):
        month = _MONTH_NUMBERS.get(match.group("mon").lower())
        with contextlib.suppress(ValueError, TypeError):
            yield Date(int(match.group("y")), month, int(match.group("d"))).isoformat()


_RELATIVE = re.compile(
    r"\b(?:(?P<n>\d{1,3}|an?|one)\s*(?P<unit>d|days?|w|weeks?|h|hrs?|hours?|m|mins?|minutes?)\s+ago|(?P<yesterday>yesterday))\b",
    re.I,
)
#: a social network's age of a post, alone on its line: "1d", "3h", "2w" ("m" is left out:
#: minutes on one network, months on another)
_POST_AGE = re.compile(r"^[·•]?\s*(?P<n>\d{1,2})(?P<unit>[dhw])$")
_TIME = re.compile(r"(?<![\d:])(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)\b")  # ("…T18:05:11Z")


def relative_date(text: str, captured: str | None) -> str | None:
    """The day a relative date ("3 days ago", "yesterday") names, counted back from the day
    the page was captured (`captured`: "YYYY-MM-DD", with " HH:MM" when the page gives the
    time). Hours and minutes name a day only when the capture time shows they do not
    reach back into the day before."""
    if not captured:
        return None
    match = _RELATIVE.search(text) or _POST_AGE.match(text.strip())
    if not match:
        return None
    day = Date.fromisoformat(captured[:10])
    if match.groupdict().get("yesterday"):
        return (day - timedelta(days=1)).isoformat()
    n = match.group("n").lower()
    count = 1 if n in ("a", "an", "one") else int(n)
    unit = match.group("unit").lower()
    if unit.startswith("d"):
        return (day - timedelta(days=count)).isoformat()
    if unit.startswith("w"):
        return (day - timedelta(weeks=count)).isoformat()
    time = _TIME.search(captured[10:])
    if not time:
        return None
    minutes_into_day = int(time.group("h")) * 60 + int(time.group("min"))
    back = count * 60 if unit.startswith("h") else count
    return day.isoformat() if back <= minutes_into_day else None


#: a note a saver or scraper prints at the top of a page: "Captured 2022-12-06 09:14 UTC
#: from https://…", "Saved from https://… on 2022-12-04 18:40", "Printed from … on …"
#: (a word like "Saved" opens sentences too: a note names the page's address or a date)
CAPTURE_NOTE = re.compile(
    r"^[\[(]?(?:page |file )?(?:captured|saved|printed|scraped|archived|retrieved|fetched|clipped|downloaded|accessed)"
    r"\b(?=(?:\s*\S+){0,30}\s*$)(?:\s+(?:by|with) [\w.-]+(?: [\w.-]+)?)?(?:\s+(?:from|on|at))?\s*"
    r"(?::|\S*https?://|\S*www\.|\d{4}-\d{2}-\d{2}|.{0,200}\b(?:from|on)\s+https?://"
    # a tool's note of day and address: "Page saved with WebSnap · 15 Mar 2023, 08:40 GMT · https://…"
    r"|[·|,-]\s*\d{1,2} [a-z]{3,9}\.? \d{4}\b.{0,120}https?://"
    # the Wayback Machine's footer: "FILE ARCHIVED ON 09:33:17 Feb 10, 2023 AND RETRIEVED …"
    r"|\d{1,2}:\d{2}:\d{2} [a-z]{3} \d{1,2}, \d{4}\b)",
    re.I,
)


def capture_date(text: str) -> str | None:
    """The capture day (and time, when given) a capture note states: "YYYY-MM-DD[ HH:MM]"."""
    if not CAPTURE_NOTE.match(text):
        return None
    return stated_moment(text)


def stated_moment(text: str) -> str | None:
    """The date in `text`, with the time of day when it gives one: "YYYY-MM-DD[ HH:MM]"."""
    found = parse_date(text)
    if found is None:
        return None
    time = _TIME.search(text)
    return f"{found} {time.group(0)}" if time else found
