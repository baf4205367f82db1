"""Deterministic synthetic scrape corpus for benchmarking EV Digest.

A scraped page is a lead article followed by a few "related" articles, written in one of three
shapes seen in real scrapes:

- ``compact`` (.txt): one line per paragraph, no blank lines, embedded tweets kept as text,
  a contact line ending the lead;
- ``spaced`` (.txt): a blank line between lines, "Published" / "on" / "By", image captions,
  "Advertisement", "Comments", "Continue Reading" and an author bio;
- ``html`` (.html): a full document with head metadata, nav, one ``<article>`` per story,
  share bar, sidebar and footer.

Stories come from a pool; each story appears in 1-4 pages, with copies varying in format,
boilerplate, tweets, captions, headline presence and truncation. ``manifest.json`` records the
ground truth (a copy counts even when cut short or printed without its headline)::

    {"generator": "bench.corpus", "seed": 0, "n_scrapes": N, "n_stories": S,
     "scrapes": {"0000/000000_voltwire.txt": ["s000000", "s000001", ...], ...},  # lead first
     "stories": {"s000000": {"headline": "...", "section": "News", "copies": 2}, ...}}

``make_story(sid, seed)`` rebuilds any story (headline, paragraphs, ...) for finer comparisons.

Everything is derived from ``random.Random`` instances seeded from ``(seed, purpose, index)``,
so the same ``(n_scrapes, seed)`` always gives byte-identical files. Stories are built lazily and
dropped from a cache once their last copy is written, so memory stays small for large corpora.

Usage: ``python -m bench.corpus --scrapes 10000 --out /tmp/corpus [--seed 0]``
"""

from __future__ import annotations

import argparse
import gc
import html
import json
import os
import re
import sys
import time
from bisect import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import accumulate
from pathlib import Path
from random import Random
from typing import NamedTuple

FORMATS = ("compact", "spaced", "html")
FORMAT_WEIGHTS = (45, 40, 15)
COPY_WEIGHTS = ((1, 55), (2, 25), (3, 12), (4, 8))  # copies per story
RELATED_WEIGHTS = ((1, 5), (2, 20), (3, 50), (4, 20), (5, 5))  # related articles per page
FILES_PER_DIR = 1000
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class CorpusStats:
    """What ``make_corpus`` wrote; ``bytes`` counts scrape files only, not the manifest."""

    scrapes: int
    stories: int
    bytes: int
    formats: dict[str, int]


class Block(NamedTuple):
    """One body element: ``kind`` is "p" (paragraph), "h" (subheading) or "tweet"."""

    kind: str
    text: str
    name: str = ""  # tweet author
    handle: str = ""  # tweet handle, without "@"
    when: str = ""  # tweet date, "June 19, 2026"
    pic: str = ""  # tweet picture id, "" for text-only tweets


@dataclass(frozen=True)
class Story:
    """Ground truth for one article; ``blocks`` hold its body in order."""

    id: str
    headline: str
    section: str
    deck: str | None
    author: str
    published: date | None
    image_alt: str
    credit: str
    blocks: tuple[Block, ...]

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "p"]

    @property
    def text(self) -> str:
        """Headline and paragraphs, one per line: the text a perfect extractor would keep."""
        return "\n".join([self.headline, *self.paragraphs])


@dataclass(frozen=True)
class Author:
    name: str
    handle: str
    local: str  # e-mail local part
    bio: int  # bio template index
    contact: int  # contact-line template index


@dataclass(frozen=True)
class Site:
    slug: str
    name: str
    domain: str
    straight_quotes: bool


# --------------------------------------------------------------------------------------------
# Vocabulary

MAKERS: dict[str, tuple[str, ...]] = {
    "Tesla": ("Model 3", "Model Y", "Model S", "Model X", "Cybertruck", "Semi", "Cybercab"),
    "BYD": ("Seal", "Dolphin", "Atto 3", "Han", "Tang", "Seagull", "Sealion 7", "Shark"),
    "Rivian": ("R1S", "R1T", "R2", "R3", "EDV"),
    "Lucid": ("Air", "Gravity", "Earth"),
    "Volkswagen": ("ID.4", "ID.3", "ID.7", "ID. Buzz", "ID.2all"),
    "BMW": ("i4", "iX", "iX3", "i5", "i7", "Neue Klasse"),
    "Mercedes-Benz": ("EQS", "EQE", "EQA", "CLA EV", "G580"),
    "Ford": ("Mustang Mach-E", "F-150 Lightning", "E-Transit", "Explorer EV", "Puma Gen-E"),
    "General Motors": ("Equinox EV", "Blazer EV", "Silverado EV", "Hummer EV", "Bolt"),
    "Hyundai": ("Ioniq 5", "Ioniq 6", "Ioniq 9", "Kona Electric", "Inster"),
    "Kia": ("EV6", "EV9", "EV3", "EV5", "Niro EV", "PV5"),
    "Nio": ("ET5", "ET7", "ES6", "ES8", "EC6", "Firefly"),
    "Xpeng": ("G6", "G9", "P7", "X9", "Mona M03"),
    "Li Auto": ("L6", "L7", "L9", "Mega", "i8"),
    "Polestar": ("Polestar 2", "Polestar 3", "Polestar 4", "Polestar 5"),
    "Volvo": ("EX30", "EX40", "EX90", "ES90"),
    "Toyota": ("bZ4X", "bZ3", "C-HR+", "Urban Cruiser EV"),
    "Nissan": ("Leaf", "Ariya", "Micra EV"),
    "Honda": ("Prologue", "e:Ny1", "0 Series"),
    "Renault": ("Megane E-Tech", "R5 E-Tech", "R4 E-Tech", "Scenic E-Tech", "Twingo E-Tech"),
    "Stellantis": ("Peugeot e-208", "Fiat 500e", "Jeep Avenger", "Ram 1500 REV", "Citroen e-C3"),
    "Porsche": ("Taycan", "Macan Electric", "Cayenne Electric"),
    "Audi": ("Q4 e-tron", "Q6 e-tron", "e-tron GT", "A6 e-tron"),
    "Xiaomi": ("SU7", "YU7"),
    "Zeekr": ("001", "007", "7X", "Mix"),
    "Geely": ("Galaxy E5", "Geometry C", "EX5"),
    "Leapmotor": ("C10", "T03", "B10"),
    "VinFast": ("VF 3", "VF 6", "VF 8", "VF 9"),
    "Lotus": ("Eletre", "Emeya"),
    "Tata": ("Nexon EV", "Punch EV", "Curvv EV"),
    "Mahindra": ("XUV400", "BE 6", "XEV 9e"),
    "Scout Motors": ("Traveler", "Terra"),
    "Cadillac": ("Lyriq", "Optiq", "Escalade IQ", "Celestiq"),
    "Chevrolet": ("Bolt EUV", "Equinox EV", "BrightDrop 600"),
    "Skoda": ("Enyaq", "Elroq", "Epiq"),
    "Cupra": ("Born", "Tavascan", "Raval"),
    "Smart": ("#1", "#3", "#5"),
    "MG": ("MG4", "Cyberster", "ZS EV"),
    "Ora": ("Good Cat", "Lightning Cat"),
}

SUPPLIERS = (
    "CATL", "LG Energy Solution", "Panasonic", "Samsung SDI", "SK On", "Northvolt",
    "QuantumScape", "Solid Power", "Albemarle", "Redwood Materials", "ChargePoint",
    "Electrify America", "Ionity", "EVgo", "Wallbox", "Ionna", "Fastned", "Gotion", "EVE Energy",
    "CALB", "Sila", "Lyten", "Ganfeng Lithium", "Tianqi Lithium", "Piedmont Lithium",
    "Lithium Americas", "Umicore", "Freyr", "Factorial Energy", "ProLogium", "Sunwoda",
    "Envision AESC", "Blink Charging", "Tritium", "ABB E-mobility", "Nidec", "BorgWarner",
    "Bosch", "Continental", "ZF", "Magna", "Aptiv", "Mobileye", "Nvidia", "Qualcomm",
    "Infineon", "Wolfspeed", "SpaceX", "Starlink", "xAI", "Waymo", "Zoox", "Pony.ai",
    "WeRide", "Baidu Apollo", "Aurora", "Kodiak", "Plus", "Einride",
)  # fmt: skip

MAKER_NAMES = tuple(MAKERS)
COMPANIES = MAKER_NAMES + SUPPLIERS


def _model_name(maker: str, model: str) -> str:
    """ "Tesla Model Y", but "Polestar 2" and "Peugeot e-208" as they are."""
    return model if model.startswith(maker) or maker == "Stellantis" else f"{maker} {model}"


MODELS = tuple(_model_name(m, x) for m, xs in MAKERS.items() for x in xs)

PLACES = (
    "Austin", "Berlin", "Shanghai", "Fremont", "Nevada", "Texas", "Bavaria", "Guangdong",
    "Shenzhen", "Norway", "Oslo", "Munich", "Stuttgart", "Georgia", "Tennessee", "Ontario",
    "Quebec", "Monterrey", "Hungary", "Debrecen", "Poland", "Valencia", "Seoul", "Ulsan",
    "Tokyo", "Aichi", "Chennai", "Pune", "Jakarta", "Bangkok", "Melbourne", "Sydney", "Chile",
    "Michigan", "Detroit", "Ohio", "Kentucky", "Arizona", "California", "Sweden", "Skelleftea",
    "the Netherlands", "Sunderland", "Douai", "Turin", "Thailand", "Brazil", "Indonesia",
    "Morocco", "Turkey", "Canada", "India", "Vietnam", "Hefei", "Changzhou", "Ningde", "Wuhan",
    "Chongqing", "Xi'an", "Zwickau", "Emden", "Leipzig", "Gyor", "Zilina", "Kosice", "Setubal",
    "Navarra", "Bursa", "Tangier", "Sao Paulo", "Bahia", "Queretaro", "Saltillo", "Nuevo Leon",
    "Kansas", "Indiana", "North Carolina", "South Carolina", "Alabama", "Illinois", "Normal",
    "Chattanooga", "Spartanburg", "Greer", "Reno", "Sparks", "Buffalo", "Giga Texas",
    "Giga Berlin", "Giga Shanghai", "Starbase", "Hawthorne", "Palo Alto", "Sunnyvale",
)  # fmt: skip

TECH = (
    "heat pump", "battery pack", "4680 cell", "LFP cell", "sodium-ion cell", "solid-state cell",
    "drive unit", "inverter", "charging port", "NACS adapter", "Supercharger stall",
    "megawatt charger", "wall connector", "bidirectional charger", "vehicle-to-grid program",
    "driver-assistance suite", "self-driving software", "robotaxi service", "over-the-air update",
    "infotainment system", "steer-by-wire system", "gigacasting press", "rear underbody casting",
    "battery management system", "thermal loop", "cathode plant", "anode facility",
    "lithium refinery", "recycling line", "cell-to-pack design", "structural battery",
    "silicon anode", "range extender", "800-volt platform", "skateboard platform", "lidar sensor",
    "camera suite", "training cluster", "inference chip", "humanoid robot", "storage system",
    "solar roof", "grid battery", "charging corridor", "wireless charging pad",
    "battery swap station", "tow package", "trim level", "performance variant",
    "long-range variant", "entry-level hatchback", "compact crossover", "pickup truck",
    "delivery van", "electric bus", "electric semi", "e-bike", "electric motorcycle",
    "telematics platform", "insurance product", "financing offer", "lease deal",
    "warranty program", "service center", "showroom", "delivery hub", "test track",
    "wind tunnel", "crash test", "safety rating", "recall notice", "software recall",
    "regenerative braking system", "one-pedal mode", "seat heater", "panoramic roof",
    "head-up display", "digital key", "mobile app", "route planner", "battery warranty",
    "charging curve", "efficiency rating", "EPA range", "WLTP range", "tow rating",
    "payload capacity", "frunk", "ambient lighting", "air suspension", "rear-wheel steering",
    "dual-motor setup", "tri-motor setup", "cabin camera", "parking assist", "summon feature",
    "sentry mode", "dashcam viewer", "charging app", "plug-and-charge feature",
    "fleet management tool", "data center", "chip fab", "wafer line", "launch pad",
)  # fmt: skip

BIZ = (
    "demand", "margins", "pricing", "production capacity", "supply chain", "market share",
    "order backlog", "inventory levels", "delivery volumes", "unit economics",
    "capital spending", "free cash flow", "gross margin", "subsidy policy", "tariff exposure",
    "localization targets", "hiring plans", "labor costs", "raw material costs",
    "lithium prices", "cobalt sourcing", "nickel supply", "warranty costs", "software revenue",
    "regulatory credits", "export volumes", "dealer inventory", "residual values",
    "charger utilization", "network uptime", "fleet sales", "consumer sentiment",
    "brand loyalty", "interest rates", "lease penetration", "registrations", "retail sales",
    "wholesale figures", "quarterly guidance", "annual targets", "cost structure",
    "factory utilization", "shift schedules", "ramp timelines", "launch timing",
    "validation work", "certification", "homologation", "permitting", "grid connections",
    "power contracts", "chip supply", "wafer allocation", "compute capacity", "training data",
    "safety scrutiny", "emissions rules", "efficiency targets", "zero-emission mandates",
    "trade policy", "currency swings", "competition", "the price war", "product cadence",
    "engineering headcount", "its share price", "analyst estimates", "shareholder returns",
    "bond issuance", "its credit rating", "battery costs", "freight costs", "dealer margins",
    "reservation numbers", "waiting lists", "used-car prices", "insurance premiums",
)  # fmt: skip

VPAST = (
    "announced", "confirmed", "unveiled", "revealed", "outlined", "teased", "filed", "delayed",
    "expanded", "trimmed", "doubled", "paused", "resumed", "approved", "rejected", "scrapped",
    "finalized", "previewed", "detailed", "flagged", "disclosed", "upgraded", "downgraded",
    "restructured", "launched", "shelved", "fast-tracked", "quietly updated", "publicly defended",
    "reaffirmed", "revised", "slashed", "raised", "lowered", "extended", "narrowed", "unlocked",
    "secured", "won", "lost", "signed", "renewed", "terminated", "benchmarked", "stress-tested",
    "validated", "certified", "rolled out", "pulled back", "sped up", "scaled back",
)  # fmt: skip

VINF = (
    "expand", "accelerate", "localize", "scale", "retool", "phase out", "streamline", "shore up",
    "double", "stabilize", "rebalance", "protect", "lift", "cut", "restructure", "reprice",
    "overhaul", "simplify", "secure", "diversify", "rethink", "defend", "extend", "unlock",
    "consolidate", "offset", "absorb", "front-load", "stretch", "tighten", "loosen", "audit",
    "benchmark", "retrofit", "automate", "outsource", "insource", "fund", "underwrite", "hedge",
)  # fmt: skip

V3 = (
    "expands", "boosts", "cuts", "delays", "unveils", "confirms", "teases", "launches", "pauses",
    "doubles", "trims", "upgrades", "recalls", "prices", "ships", "tests", "files for",
    "wins", "loses", "secures", "scraps", "revives", "overhauls", "opens", "closes", "buys",
    "sells", "spins off", "reorganizes", "accelerates",
)  # fmt: skip

ADJ = (
    "ambitious", "aggressive", "cautious", "modest", "sweeping", "incremental", "long-awaited",
    "surprising", "controversial", "closely watched", "expensive", "cheap", "fast",
    "slow", "strong", "weak", "record", "unprecedented", "temporary", "permanent",
    "regional", "global", "domestic", "experimental", "mature", "fragile", "resilient",
    "volatile", "steady", "sluggish", "brisk", "tight", "loose", "generous", "strict",
    "lenient", "opaque", "transparent", "bold", "quiet", "noisy", "crowded", "lean", "bloated",
    "nimble", "outdated", "refreshed", "redesigned", "upgraded", "simplified", "complex",
    "modular", "proprietary", "open", "shared", "dedicated", "flexible", "rigid", "early",
    "late", "overdue", "premature", "seasonal", "structural", "cyclical", "lucrative",
    "unprofitable", "capital-intensive", "software-defined", "vertically integrated",
)  # fmt: skip

ADV = (
    "quickly", "slowly", "steadily", "sharply", "gradually", "aggressively", "cautiously",
    "quietly", "publicly", "repeatedly", "briefly", "largely", "partly", "fully", "mostly",
    "reportedly", "reluctantly", "eagerly", "abruptly", "smoothly", "unevenly", "notably",
    "clearly", "barely", "roughly", "modestly", "dramatically", "consistently", "temporarily",
    "permanently", "already", "still", "finally", "once again", "for now", "this year",
    "next quarter", "within months", "over time", "ahead of schedule", "behind schedule",
)  # fmt: skip

SOURCES = (
    "local media", "a regulatory filing", "people familiar with the matter", "a supplier memo",
    "an internal email", "registration data", "customs records", "insurance data",
    "an investor presentation", "the company's earnings call", "a job listing",
    "a court document", "a permit application", "trade publication reports",
    "a patent application", "an analyst note", "industry trackers", "a union statement",
    "a government notice", "a trademark filing", "satellite imagery", "drone footage",
    "owners on social media", "a leaked roadmap", "a procurement tender", "a city council agenda",
    "an environmental review", "an export database", "a shareholder letter",
    "a dealer bulletin", "a service manual", "a software teardown", "a recall report",
    "a state incentive notice", "an energy regulator", "a port authority schedule",
)  # fmt: skip

ROLES = (
    "chief executive", "chief financial officer", "head of powertrain", "head of software",
    "vice president of manufacturing", "head of charging", "chief technology officer",
    "analyst", "senior analyst", "spokesperson", "head of sales", "plant manager",
    "head of battery development", "chief operating officer", "head of design",
    "regional director", "policy director", "head of investor relations", "lead engineer",
    "research director", "board member", "union representative", "economist",
    "fund manager", "portfolio manager", "industry consultant", "former executive",
)  # fmt: skip

FIRST = (
    "Anna", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kira",
    "Liam", "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera",
    "Wes", "Xin", "Yara", "Zane", "Amir", "Bianca", "Chen", "Dana", "Emil", "Fiona", "Goran",
    "Hana", "Ivan", "Julia", "Kofi", "Lena", "Marco", "Nadia", "Oscar", "Priya", "Rafael",
    "Sofia", "Tomas", "Uma", "Viktor", "Wen", "Yusuf", "Zoe", "Aiko", "Bruno", "Cyrus",
    "Daria", "Eitan", "Freya", "Gil", "Hugo", "Isla", "Jae", "Kai", "Luca", "Mila", "Nico",
)  # fmt: skip

LAST = (
    "Alvarez", "Becker", "Castro", "Dubois", "Eriksen", "Fischer", "Garcia", "Hoffmann",
    "Ito", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov",
    "Quinlan", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Yilmaz",
    "Zhang", "Abbott", "Brennan", "Choi", "Delgado", "Engel", "Falk", "Gupta", "Haas",
    "Iqbal", "Jovanovic", "Klein", "Larsen", "Mendes", "Novak", "Ortiz", "Park", "Ramos",
    "Sato", "Torres", "Ulrich", "Vogel", "Wagner", "Young", "Zielinski", "Arendt", "Baptiste",
    "Cole", "Dahl", "Ekstrom", "Ferreira", "Gallo", "Horvat", "Ibarra", "Kaur", "Lund",
)  # fmt: skip

SYLLABLES = (
    "ao", "te", "car", "vel", "tra", "nor", "zen", "qui", "lum", "dex", "ra", "vo", "ti", "ka",
    "mar", "sol", "ion", "gri", "pha", "ox", "ber", "lyn", "sy", "nex", "tor", "ma", "ri", "dal",
)  # fmt: skip

SECTIONS = (
    ("News", 30), ("Elon Musk", 10), ("Investor's Corner", 10), ("Energy", 8), ("SpaceX", 5),
    ("Policy", 7), ("Charging", 7), ("Batteries", 7), ("Reviews", 5), ("Latest News", 6),
    ("Autonomy", 5),
)  # fmt: skip

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
QUARTERS = ("the first quarter", "the second quarter", "the third quarter", "the fourth quarter")
YEARS = tuple(str(y) for y in range(2019, 2033))
UNITS = (
    "units", "vehicles", "cells", "chargers", "kilowatt-hours", "tons of lithium", "packs",
    "orders", "reservations", "stalls", "jobs", "robots", "motors", "modules", "wafers",
    "trucks", "buses", "registrations", "deliveries", "miles of testing",
)  # fmt: skip
UPDOWN = ("up", "down")
SAY = (
    "said", "confirmed", "argued", "insisted", "suggested", "warned", "hinted", "acknowledged",
    "claimed", "stressed", "predicted", "conceded", "explained", "told investors",
)  # fmt: skip
MOVE = (
    "climbed", "slipped", "stalled", "recovered", "softened", "tightened", "improved",
    "deteriorated", "surged", "plateaued", "rebounded", "cooled", "swung", "firmed up",
    "weakened", "picked up", "dipped", "held steady", "spiked", "eased",
)  # fmt: skip
HASHTAGS = (
    "EV", "Tesla", "electricvehicles", "cleanenergy", "FSD", "batteries", "charging",
    "autonomy", "sustainability", "evnews", "gigafactory", "roadtrip", "robotaxi",
)  # fmt: skip
CREDITS = (
    "Tesla", "BYD", "Rivian", "Ford", "Hyundai", "Volkswagen", "company handout", "Getty Images",
    "Reuters", "X", "YouTube", "press kit", "staff photo",
)  # fmt: skip

SITES = (
    Site("voltwire", "VoltWire", "voltwire.com", False),
    Site("chargeline", "ChargeLine", "chargeline.net", True),
    Site("gridpost", "GridPost", "gridpost.news", False),
    Site("amperedaily", "Ampere Daily", "amperedaily.com", True),
    Site("evcurrent", "EV Current", "evcurrent.io", False),
    Site("plugreport", "PlugReport", "plugreport.com", False),
    Site("kilowattjournal", "Kilowatt Journal", "kilowattjournal.com", True),
    Site("cellandroad", "Cell & Road", "cellandroad.com", False),
    Site("electrotimes", "Electro Times", "electrotimes.org", True),
    Site("drivetrainhq", "Drivetrain HQ", "drivetrainhq.com", False),
    Site("roadvolt", "RoadVolt", "roadvolt.com", False),
    Site("sparkledger", "Spark Ledger", "sparkledger.com", True),
)


def _numbers() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Fixed pools of counts, money amounts and percentages (same for every seed)."""
    r = Random(20260619)
    counts = []
    for _ in range(600):
        k = r.random()
        if k < 0.4:
            counts.append(f"{r.randrange(2, 999) * 50:,}")
        elif k < 0.7:
            counts.append(f"{r.randrange(12, 990)}")
        else:
            counts.append(f"{r.randrange(11, 99) / 10:.1f} million")
    money = []
    for _ in range(600):
        cur = r.choice(("$", "$", "$", "€", "¥", "£"))
        if r.random() < 0.5:
            money.append(f"{cur}{r.randrange(11, 250) / 10:.1f} billion")
        else:
            money.append(f"{cur}{r.randrange(5, 990)} million")
    pct = [f"{r.randrange(1, 95)}%" for _ in range(200)]
    pct += [f"{r.randrange(5, 400) / 10:.1f} percent" for _ in range(200)]
    return tuple(counts), tuple(money), tuple(pct)


COUNTS, MONEY, PERCENTS = _numbers()

# Slots whose lists a story overrides with its own topic-heavy lists.
TOPIC_SLOTS = ("C", "M", "P", "T", "PER", "X")
CAPITALIZED_SLOTS = ("C", "M", "PER", "X")  # names: "xAI" may open a sentence as it is
GLOBAL_SLOTS: dict[str, tuple[str, ...]] = {
    "C2": COMPANIES,
    "M2": MODELS,
    "P2": PLACES,
    "T2": TECH,
    "B": BIZ,
    "B2": BIZ,
    "VP": VPAST,
    "VI": VINF,
    "V3": V3,
    "A": ADJ,
    "A2": ADJ,
    "ADV": ADV,
    "SRC": SOURCES,
    "ROLE": ROLES,
    "N": COUNTS,
    "U": UNITS,
    "MON": MONEY,
    "PCT": PERCENTS,
    "YR": YEARS,
    "MO": MONTHS,
    "DAY": WEEKDAYS,
    "Q": QUARTERS,
    "UD": UPDOWN,
    "SAY": SAY,
    "MV": MOVE,
}

# Sentence templates: literal runs are kept short so that two stories rarely share a 5-gram.
SENTENCES = (
    "{C} {VP} {A} plans for its {T} in {P} on {DAY}, according to {SRC}.",
    "The {T} will reportedly {VI} {B} at the {P} site by {Q} of {YR}.",
    "According to {SRC}, {C} {VP} roughly {N} {U} of {T2} during {MO}.",
    "{PER}, {ROLE} at {C}, {SAY} that the {M} would {VI} {B} {ADV}.",
    "That figure is {PCT} {UD} from {YR}, when {C2} still led {B} in {P2}.",
    "Analysts expect {B} to {VI} {ADV} as {C2} {V3} its {T2}.",
    "It is unclear how {C} will {VI} the {MON} budget, but {B} remains {A}.",
    "{X} {VP} a {MON} contract to supply the {T} for the {M}.",
    "Owners in {P} {VP} the {T} {ADV}, citing {A} {B} and {A2} {B2}.",
    "The {M} now starts at {MON} in {P2}, {PCT} {UD} on last {MO}.",
    "{C} did not respond to a request for comment on {B}.",
    "Production of the {M} in {P} {MV} {ADV} after {C2} {VP} its {T2}.",
    "Shipments reached {N} {U} in {Q}, a {A} result for {B}.",
    "The {A} {T} uses a {T2} sourced from {X} in {P2}.",
    "{PER} {VP} the {T} during a livestream on {DAY}, calling {B} {A}.",
    "Regulators in {P2} {VP} new rules on {B} that could {VI} the {T}.",
    "{C} {V3} the {T} while {C2} {V3} its own {T2}.",
    "Earlier this {MO}, {X} said {B} would {VI} {ADV} through {YR}.",
    "Data from {SRC} shows {N} {U} registered in {P} since {MO}.",
    "Critics argue the {M} is too {A} for buyers focused on {B}.",
    "Meanwhile, {C2} is betting on {A} {T2} to {VI} {B2}.",
    "The move follows {A} {B} and a {A2} {T2} rollout in {P2}.",
    "Investors sent shares {UD} {PCT} after {C} {VP} the {T}.",
    "{C}'s {T} team in {P} now counts {N} engineers, per {SRC}.",
    "Deliveries of the {M} are set to begin in {P2} during {Q}.",
    "The {T} promises {PCT} better {B} than the outgoing {T2}.",
    "{PER} noted that {B} in {P} had {MV} {ADV} since {YR}.",
    "A {A} {T} for the {M} appeared in {SRC} on {DAY}.",
    "For {C}, {B} and {B2} remain {A} priorities heading into {YR}.",
    "Some buyers in {P2} waited {N} days for a {T} appointment.",
    "{X} expects to {VI} output to {N} {U} per month by {MO}.",
    "The plant in {P} cost {MON} and employs {N} people.",
    "{C} {VP} {N} {U} worth of {T} orders from {C2} fleets.",
    "Whether {C} can {VI} {B} without hurting {B2} is {A}.",
    "Earlier {T2} versions {MV} {ADV} in cold {P2} winters.",
    "{C2} and {X} {VP} a {A} partnership covering {T2} and {B}.",
    "Tests in {P} showed the {M} reaching {N} {U} on one {T2}.",
    "Prices for the {T} fell {PCT} in {MO} as {B} {MV} {ADV}.",
    "In {P2}, {C} faces {A} {B} from {C2} and {X}.",
    "{PER} {SAY} the {T} was {A} and {A2} at the same time.",
    "Few expected {C} to {VI} the {M} this {ADV}, given {B}.",
    "The {A} {M} trim adds a {T2} and a {T}.",
    "Suppliers such as {X} have {VP} {B} {ADV} since {MO}.",
    "{C} is targeting {N} {U} annually once the {T} line in {P} is {A}.",
    "Those numbers put {C} {UD} {PCT} against {C2} in {P2}.",
    "Some {P} dealers say {B} {MV} {ADV} after the {T} debut.",
    "Still, {C2} argues {B} will {VI} {ADV} by {YR}.",
    "The {T2} program was {VP} on {DAY} after {A} {B}.",
    "Engineers from {X} {VP} the {T} at a {P2} test site.",
    "Most of the {MON} will go toward {B} and the {T2} in {P}.",
)
QUOTES = (
    "“We {VP} the {T} because {B} in {P} is {A},” {PER} said.",
    "“The {M} is {A}, and {B} will {VI} {ADV},” {PER}, {ROLE} at {C}, said.",
    "“{B} remains {A}, but the {T} helps us {VI} {B2},” {PER} told reporters in {P2}.",
    "“Our {T} team {VP} {N} {U} this {MO},” {PER} wrote on X.",
    "“Nobody expected {B} to {VI} this {ADV},” said {PER} of {C2}.",
    "“If {C2} can {VI} {B}, so can we,” {PER} added.",
    "“This {T} changes {B} for {P},” {PER} said in a statement.",
    "“We will {VI} the {M} and {VI} {B2} {ADV},” {PER} said on {DAY}.",
)
HEADLINES = (
    "{C} {V3} {T} for {M} in {P}",
    "{C}'s {M} gets {A} {T} as {B} shifts",
    "{PER} says {C} will {VI} {B} by {YR}",
    "{M} spotted with {A} {T} near {P}",
    "{C} to invest {MON} in {P} {T} plant",
    "{C} {V3} {N} {U} for {P} {T} program",
    "{X} lands {C} {T} deal worth {MON}",
    "{C} {M} {T} update {V3} {B} in {P}",
    "Why {C}'s {A} {T} matters for {B}",
    "{C} {V3} {M} price in {P} by {PCT}",
    "{P} regulators {VP} {C}'s {T} plans",
    "{C} and {C2} {VP} {A} {T} partnership",
    "{M} {T} {VP} after {A} {B} review",
    "{C} shares move {UD} on {A} {B} outlook",
    "{C} {V3} {T} at {P} as {B} {MV}",
    "{C} {M} hits {N} {U} in {P}",
    "{C} quietly {V3} {T} in {P}: here's what changed",
    "{C} {V3} {A} {T} for the {M}",
)
DECKS = (
    "The {T} could {VI} {B} for {C} in {P} through {YR}.",
    "{C} says the {A} {T} will {VI} {B} {ADV}.",
    "It marks a {A} step for the {M} as {B} {MV}.",
    "The change affects {N} {U} across {P} and {P2}.",
)
SUBHEADS = (
    "{C}'s {T} push",
    "What the {M} means for {P}",
    "{B} in focus",
    "A {A} {YR} for {C}",
    "The {T} question",
    "{P}'s {A} {B}",
    "How {X} fits in",
    "{C} vs. {C2}",
    "What comes next for the {T}",
)
TWEETS = (
    "Just {VP} the {T} on my {M} in {P}, {A} so far",
    "{C} {V3} {T} today, {B} looks {A}",
    "Spotted a {M} with a {T} near {P}!",
    "{N} {U} in {MO}?? {C} is {A}",
    "The new {T} is here, {A} and {A2}.",
)
_B62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"  # tweet picture ids
IMAGE_ALTS = (
    "{m} {t}",
    "{c} showroom",
    "{c} factory",
    "{m}",
    "{c} {t} reveal",
    "{m} charging",
)


def _article(phrase: str) -> str:
    """ "a" or "an" for ``phrase``, by its sound: "an EPA range", "a one-pedal mode"."""
    low = phrase.lower()
    if low.startswith(("one", "uni", "use", "eu")):
        return "a"
    return "an" if low[0] in "aeiou8" or low.startswith(("11 ", "18")) else "a"


def _root(name: str) -> str:
    """The vocabulary slot behind a derived slot: "^a_T" -> "T"."""
    name = name.lstrip("^")
    return name[2:] if name[:2] in ("a_", "A_") else name


def _compile(template: str) -> tuple[str, tuple[str, ...], float]:
    """Turn a template into a %-format string, its slot names and its expected word count.

    Derived slots: "a {T}" becomes "a_T" (T with its article, "A_T" capitalized) and a slot
    opening the sentence gets "^" (capitalized), so filling never post-processes the text.
    """
    template = re.sub(r"\b([Aa]) \{(\w+)\}", r"{\1_\2}", template)
    template = re.sub(r"^(“?)\{", r"\1{^", template)
    names = tuple(re.findall(r"\{([\w^]+)\}", template))
    fmt = re.sub(r"\{[\w^]+\}", "%s", template.replace("%", "%%"))
    words = len(re.sub(r"\{[\w^]+\}", " ", template).split())
    words += sum(SLOT_WORDS[_root(n)] + (n.lstrip("^")[:2] in ("a_", "A_")) for n in names)
    return fmt, names, words


def _derive(name: str, slots: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Add derived slot ``name`` (and what it derives from) to ``slots``."""
    seq = slots.get(name)
    if seq is None:
        if name[0] == "^":
            seq = _derive(name[1:], slots)
            if name[1:] not in CAPITALIZED_SLOTS:
                seq = tuple(map(_capitalized, seq))
        else:
            seq = tuple(
                map(_capital_articled if name[0] == "A" else _articled, _derive(name[2:], slots))
            )
        slots[name] = seq
    return seq


@cache  # phrases come from the fixed vocabulary and the story's invented names
def _capitalized(phrase: str) -> str:
    return phrase[0].upper() + phrase[1:]


@cache
def _articled(phrase: str) -> str:
    return f"{_article(phrase)} {phrase}"


@cache
def _capital_articled(phrase: str) -> str:
    return f"{_article(phrase).capitalize()} {phrase}"


def _mean_words(seq) -> float:
    return sum(x.count(" ") + 1 for x in seq) / len(seq)


SLOT_WORDS = {k: _mean_words(v) for k, v in GLOBAL_SLOTS.items()}
SLOT_WORDS.update(
    C=_mean_words(COMPANIES), M=_mean_words(MODELS), P=_mean_words(PLACES),
    T=_mean_words(TECH), PER=2.0, X=1.3,
)  # fmt: skip
C_SENTENCES = tuple(_compile(t) for t in SENTENCES)
C_QUOTES = tuple(_compile(t) for t in QUOTES)
C_BODY = C_SENTENCES + C_QUOTES
C_HEADLINES = tuple(_compile(t) for t in HEADLINES)
C_DECKS = tuple(_compile(t) for t in DECKS)
C_SUBHEADS = tuple(_compile(t) for t in SUBHEADS)
C_TWEETS = tuple(_compile(t) for t in TWEETS)
_USED = sorted(
    {
        name
        for group in (C_BODY, C_HEADLINES, C_DECKS, C_SUBHEADS, C_TWEETS)
        for _, names, _ in group
        for name in names
    }
)
TOPIC_DERIVED = [n for n in _USED if n != _root(n) and _root(n) in TOPIC_SLOTS]
for _name in _USED:
    if _root(_name) in GLOBAL_SLOTS:
        _derive(_name, GLOBAL_SLOTS)

BIOS = (
    "{first} is an experienced automotive reporter with a passion for electric cars and clean "
    "energy. {first} has covered {beat} since {since}. For stories or tips, send a message to "
    "{email} or find {first} on X at @{handle}.",
    "{first} {last} writes about {beat} for {site}. Before that, {first} spent years covering "
    "factories and supply chains. Reach out at {email}.",
    "{first} covers {beat} and the wider EV industry. Got a tip? Email {email} or DM @{handle}.",
    "{first} {last} is a staff writer at {site} focused on {beat}. Contact: {email}.",
)
CONTACTS = (
    "What do you think of the article? Do you have any comments, questions, or concerns? Shoot "
    "me an email at {email}. You can also reach me on Twitter @{handle}. If you have news tips, "
    "email us at tips@{domain}!",
    "The {site} team would appreciate hearing from you. If you have any tips, reach out to me at "
    "{email} or via Twitter @{handle}.",
    "Don't hesitate to contact us with news tips. Just send a message to {email} to give us a "
    "heads up.",
    "Got a tip? Contact me at {email} or on X @{handle}.",
)
BEATS = (
    "Tesla", "battery supply chains", "charging infrastructure", "autonomy", "EV policy",
    "Chinese automakers", "energy storage", "SpaceX", "EV markets in Europe", "trucks and vans",
)  # fmt: skip


# --------------------------------------------------------------------------------------------
# Stories


def _pick(r: Random, seq):
    return seq[int(r.random() * len(seq))]


def _weighted(r: Random, pairs) -> object:
    values, cum = _cumulative(pairs)
    return values[bisect(cum, r.random() * cum[-1])]


@cache
def _cumulative(pairs) -> tuple[tuple, tuple[float, ...]]:
    return tuple(v for v, _ in pairs), tuple(accumulate(w for _, w in pairs))


def _fill(r: Random, compiled, slots: dict[str, tuple[str, ...]]) -> str:
    fmt, names, _ = compiled
    rnd = r.random
    return fmt % tuple([seq[int(rnd() * len(seq))] for seq in map(slots.__getitem__, names)])


def _invented(r: Random) -> str:
    name = "".join(_pick(r, SYLLABLES) for _ in range(2 + (r.random() < 0.4)))
    return name.capitalize() + _pick(r, ("", "", "", " Tech", " Energy", " Motors", " Systems"))


def _person(r: Random) -> str:
    return f"{_pick(r, FIRST)} {_pick(r, LAST)}"


@lru_cache(maxsize=8)
def _authors(seed: int) -> tuple[Author, ...]:
    r = Random(f"{seed}/authors")
    out = []
    for _ in range(40):
        first, last = _pick(r, FIRST), _pick(r, LAST)
        handle = _pick(r, (first + last, first + "Writes", first[0] + last, last + "EV"))
        handle += _pick(r, ("", "", str(r.randrange(1, 99)), "_"))
        out.append(Author(f"{first} {last}", handle, first.lower(), r.randrange(4), r.randrange(4)))
    return tuple(out)


def _story_slots(r: Random) -> dict[str, tuple[str, ...]]:
    """Slot lists for one story: global lists, plus topic lists weighted toward its subject."""
    choices = r.choices
    maker = _pick(r, MAKER_NAMES)
    m1, m2 = choices(MAKERS[maker], k=2)
    c = choices(COMPANIES, k=5)
    m = choices(MODELS, k=3)
    p = choices(PLACES, k=6)
    t = choices(TECH, k=8)
    first, last = choices(FIRST, k=3), choices(LAST, k=3)
    slots = dict(GLOBAL_SLOTS)
    slots["C"] = (maker,) * 5 + (c[0],) * 2 + tuple(c[1:])
    slots["M"] = (_model_name(maker, m1),) * 5 + (_model_name(maker, m2),) * 2 + tuple(m)
    slots["P"] = (p[0],) * 3 + tuple(p)
    slots["T"] = (t[0],) * 3 + tuple(t)
    slots["PER"] = tuple(f"{a} {b}" for a, b in zip(first, last, strict=True))[
        : 2 + (r.random() < 0.5)
    ]
    slots["X"] = (_invented(r),)
    for n in TOPIC_DERIVED:
        _derive(n, slots)
    return slots


def _date(r: Random) -> date:
    return date(2020, 1, 1) + timedelta(days=r.randrange(2373))  # up to mid-2026


def _fmt_date(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def make_story(sid: int, seed: int = 0) -> Story:
    """Build story ``sid`` of the pool for ``seed``; the same arguments give the same story."""
    r = Random(f"{seed}/story/{sid}")
    slots = _story_slots(r)
    headline = _fill(r, _pick(r, C_HEADLINES), slots)
    if r.random() < 0.08:
        headline += _pick(r, (" (Op-Ed)", " (Update)", ".", " [Video]"))
    section = _weighted(r, SECTIONS)
    deck = (_fill(r, _pick(r, C_DECKS), slots)) if r.random() < 0.5 else None
    author = _pick(r, _authors(seed)).name
    published = _date(r) if r.random() < 0.85 else None
    alt_slots = {
        "m": slots["M"][0],
        "c": slots["C"][0].lower(),
        "t": slots["T"][0],
    }
    image_alt = _pick(r, IMAGE_ALTS).format(**alt_slots)
    credit = _pick(r, CREDITS + (slots["C"][0], f"{_person(r)}/YouTube"))

    n_par = _weighted(r, ((3, 34), (4, 28), (5, 15), (6, 9), (7, 6), (8, 3), (9, 2), (10, 1)))
    if r.random() < 0.05:
        n_par += r.randrange(1, 3)  # a few long ones, up to 12
    blocks: list[Block] = []
    rnd = r.random
    get = slots.__getitem__
    n_body = len(C_BODY)
    for i in range(n_par):
        if i >= 2 and r.random() < 0.12:
            blocks.append(Block("h", _fill(r, _pick(r, C_SUBHEADS), slots)))
        target = 40 + int(80 * r.random() ** 2)  # 40-120 words, mostly short
        opening = i == 0 and deck is not None and r.random() < 0.25  # deck as first sentence
        words = deck.count(" ") + 1 if opening else 0
        # The whole paragraph is filled at once: this loop makes most of the corpus text.
        fmts: list[str] = []
        names: list[str] = []
        while words < target:
            fmt, slot_names, n_words = C_BODY[int(rnd() * n_body)]
            fmts.append(fmt)
            names += slot_names
            words += n_words
        text = " ".join(fmts) % tuple([seq[int(rnd() * len(seq))] for seq in map(get, names)])
        blocks.append(Block("p", f"{deck} {text}" if opening else text))
        if i < n_par - 1 and r.random() < 0.07:
            name = _person(r)
            handle = name.split()[0].lower() + _pick(r, ("", "_ev", "x", str(r.randrange(10, 99))))
            text = _fill(r, _pick(r, C_TWEETS), slots)
            if r.random() < 0.4:
                text += " #" + _pick(r, HASHTAGS)
            pic = "".join(_pick(r, _B62) for _ in range(10)) if r.random() < 0.6 else ""
            when = _fmt_date(published or _date(r))
            blocks.append(Block("tweet", text, name, handle, when, pic))
    return Story(
        id=f"s{sid:06d}",
        headline=headline,
        section=section,
        deck=deck,
        author=author,
        published=published,
        image_alt=image_alt,
        credit=credit,
        blocks=tuple(blocks),
    )


# --------------------------------------------------------------------------------------------
# Plan: which stories go on which page


def _plan(n_scrapes: int, seed: int) -> tuple[list[list[int]], int]:
    """Return the story ids of each page (lead first) and the pool size.

    Copies of a story land near each other in page order (as related-article blocks of one
    week), with a few far-away re-scrapes, which keeps the story cache small.
    """
    r = Random(f"{seed}/plan")
    sizes = [1 + _weighted(r, RELATED_WEIGHTS) for _ in range(n_scrapes)]
    total = sum(sizes)
    copies: list[int] = []
    filled = 0
    while filled < total:
        c = min(_weighted(r, COPY_WEIGHTS), total - filled)
        copies.append(c)
        filled += c
    n_stories = len(copies)
    window = max(8.0, min(total * 0.5, 3000.0))
    step = total / n_stories
    keyed: list[tuple[float, int]] = []
    for sid, c in enumerate(copies):
        t = sid * step
        keyed.append((t, sid))
        for _ in range(c - 1):
            far = r.random() < 0.06
            keyed.append((r.random() * total if far else t + r.random() * window, sid))
    keyed.sort()
    seq = [sid for _, sid in keyed]

    pages: list[list[int]] = []
    i = 0
    for size in sizes:
        page: list[int] = []
        while len(page) < size and i < len(seq):
            if seq[i] in page:  # swap in the nearest later story not yet on this page
                j = i + 1
                while j < len(seq) and seq[j] in page:
                    j += 1
                if j == len(seq):
                    i += 1  # drop the duplicate copy; the story is already on this page
                    continue
                seq[i], seq[j] = seq[j], seq[i]
            page.append(seq[i])
            i += 1
        pages.append(page or [0])
    return pages, n_stories


# --------------------------------------------------------------------------------------------
# Rendering


@dataclass(frozen=True)
class _Copy:
    """How one copy of a story is shown on a page."""

    story: Story
    lead: bool
    headline: bool
    tweets: bool
    caption: bool
    cut: int  # number of blocks kept
    midword: bool  # cut the last kept paragraph mid-word (only for the page's last article)
    inline: tuple[tuple[int, str], ...]  # (after block index, related headline line)
    ad_after: int  # block index after which "Advertisement" appears, -1 for none


_STRAIGHT = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'))


def _make_copy(
    r: Random, story: Story, fmt: str, lead: bool, last: bool, others: list[str]
) -> _Copy:
    n = len(story.blocks)
    cut = n
    midword = False
    if r.random() < (0.35 if last else 0.1):
        n_p = len(story.paragraphs)
        keep_p = max(1, round(n_p * (0.4 + 0.5 * r.random())))
        seen = 0
        for k, b in enumerate(story.blocks):
            seen += b.kind == "p"
            if seen == keep_p:
                cut = k + 1
                break
        midword = last and r.random() < 0.5
    inline: list[tuple[int, str]] = []
    if others and r.random() < 0.4:
        for _ in range(1 + (r.random() < 0.3)):
            h = _pick(r, others)
            line = _pick(r, ("", "", "", "– ", "Read more: ", "Related: ")) + h
            inline.append((r.randrange(1, max(2, cut - 1)), line))
            if r.random() < 0.05:
                inline.append((inline[-1][0], line))  # doubled on consecutive lines
    # compact scrapes usually start at the lead's first paragraph
    headline = not lead or r.random() < {"compact": 0.35, "spaced": 0.9, "html": 1.0}[fmt]
    tweet_p = {"compact": 0.8, "spaced": 0.25, "html": 0.9}[fmt]
    caption_p = {"compact": 0.1, "spaced": 0.8, "html": 0.8}[fmt]
    return _Copy(
        story=story,
        lead=lead,
        headline=headline,
        tweets=r.random() < tweet_p,
        caption=r.random() < caption_p,
        cut=cut,
        midword=midword,
        inline=tuple(sorted(inline, key=lambda x: x[0])),
        ad_after=min(2 + r.randrange(3), cut - 2) if cut > 2 and r.random() < 0.6 else -1,
    )


def _cut_midword(r: Random, text: str) -> str:
    return text[: max(1, int(len(text) * (0.2 + 0.7 * r.random())))]


def _tweet_lines(r: Random, b: Block) -> list[str]:
    pic = f" pic.twitter.com/{b.pic}" if b.pic else ""
    attribution = f"— {b.name} (@{b.handle}) {b.when}"
    style = r.random()
    if style < 0.6:
        return [f"{b.text}{pic}{attribution}"]  # no space before the dash
    if style < 0.85:
        return [f"{b.text}{pic}", attribution]
    return [f"{b.text} https://t.co/{b.pic or 'x1y2z3'} — {b.name} (@{b.handle}) {b.when}"]


def _body_lines(r: Random, c: _Copy, ad: bool) -> list[str]:
    """Body of a text copy as lines: paragraphs, subheads, tweets, inline headlines, ads."""
    lines: list[str] = []
    inline = list(c.inline)
    blocks = c.story.blocks[: c.cut]
    for k, b in enumerate(blocks):
        if b.kind == "tweet":
            if c.tweets:
                lines.extend(_tweet_lines(r, b))
        elif b.kind == "p" and c.midword and k == len(blocks) - 1:
            lines.append(_cut_midword(r, b.text))
            return lines
        else:
            lines.append(b.text)
        while inline and inline[0][0] == k:
            lines.append(inline.pop(0)[1])
        if ad and k == c.ad_after:
            lines.append("Advertisement")
    return lines


def _contact(author: Author, site: Site) -> str:
    email = f"{author.local}@{site.domain}"
    return CONTACTS[author.contact].format(
        email=email, handle=author.handle, domain=site.domain, site=site.name
    )


def _bio(author: Author, site: Site) -> str:
    first, last = author.name.split(" ", 1)
    beat = BEATS[(author.bio * 7 + len(author.handle)) % len(BEATS)]
    return BIOS[author.bio].format(
        first=first,
        last=last,
        beat=beat,
        since=2014 + len(last) % 8,
        email=f"{author.local}@{site.domain}",
        handle=author.handle,
        site=site.name,
    )


def _author(seed: int, name: str) -> Author:
    for a in _authors(seed):
        if a.name == name:
            return a
    raise KeyError(name)


def _render_compact(r: Random, copies: list[_Copy], site: Site, seed: int) -> str:
    lines: list[str] = []
    for c in copies:
        s = c.story
        if not c.lead:
            lines.append(s.section)
        if c.headline:
            lines.append(s.headline)
            if c.lead and r.random() < 0.05:
                lines.append(s.headline)  # printed twice
        if s.deck and c.headline and r.random() < 0.85:
            lines.append(s.deck)
        if c.caption:
            lines.append(f"{s.image_alt} (Credit: {s.credit})")
        lines.extend(_body_lines(r, c, ad=False))
        if c.lead and c.cut == len(s.blocks) and r.random() < 0.85:
            lines.append(_contact(_author(seed, s.author), site))
    return "\n".join(lines)


def _render_spaced(r: Random, copies: list[_Copy], site: Site, seed: int) -> str:
    chunks: list[str] = ["Connect with us"] if r.random() < 0.8 else []
    for c in copies:
        s = c.story
        if c.lead and r.random() < 0.7:
            chunks.append(f"{s.image_alt} {s.image_alt}")
        if c.headline:
            chunks.append(s.section)
            chunks.append(s.headline)
            if s.deck and r.random() < 0.85:
                chunks.append(s.deck)
        if c.caption and c.lead:
            chunks.append(f"{s.image_alt} (Credit: {s.credit})")
        chunks += ["Published", "on"]
        by = r.random()
        if by < 0.35:
            chunks.append("By")
        elif by < 0.5:
            chunks.append(f"By {s.author}")
        if s.published and r.random() < 0.2:
            chunks.append(
                _pick(r, ("Updated: {}", "{}", "Published {}")).format(_fmt_date(s.published))
            )
        if c.caption and not c.lead:
            credit = _pick(r, ("(Credit: {})", "Credit: {}", "Image Credit: {}")).format(s.credit)
            chunks.append(f"{s.image_alt.lower()}\n{credit}" if r.random() < 0.6 else credit)
        if r.random() < 0.1:
            chunks.append("Share on X Share on Facebook Share on LinkedIn Copy link")
        chunks.extend(_body_lines(r, c, ad=True))
        if c.midword:
            break
        if c.lead:
            if r.random() < 0.8:
                chunks.append(_bio(_author(seed, s.author), site))
            chunks.append("Advertisement\nComments")
        else:
            chunks.append("Continue Reading")
    return "\n\n".join(chunks)


def _e(s: str) -> str:
    return html.escape(s, quote=True)


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:80]


def _render_html(r: Random, copies: list[_Copy], site: Site, seed: int, trending: list[str]) -> str:
    lead = copies[0].story
    when = lead.published or date(2026, 6, 1)
    iso = f"{when.isoformat()}T{r.randrange(6, 22):02d}:{r.randrange(60):02d}:00+00:00"
    sections = [s for s, _ in SECTIONS]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(lead.headline)} - {_e(site.name)}</title>",
        f'<meta property="og:title" content="{_e(lead.headline)}">',
        f'<meta property="og:site_name" content="{_e(site.name)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:url" content="https://{site.domain}/{_slug(lead.headline)}/">',
        f'<meta property="article:published_time" content="{iso}">',
        f'<meta property="article:section" content="{_e(lead.section)}">',
        f'<meta name="author" content="{_e(lead.author)}">',
        f'<link rel="stylesheet" href="https://{site.domain}/wp-content/themes/news/style.css">',
        '<script async src="https://ads.example.net/tag.js"></script>',
        "</head>",
        '<body class="single-post">',
        '<a class="skip-link" href="#main">Skip to main content</a>',
        '<header class="site-header">',
        f'<a class="logo" href="https://{site.domain}/">{_e(site.name)}</a>',
        '<nav class="main-menu"><ul>',
        '<li><a href="/">Home</a></li>',
        *(f'<li><a href="/category/{_slug(s)}/">{_e(s)}</a></li>' for s in sections[:7]),
        "</ul></nav>",
        "</header>",
        '<main id="main">',
    ]
    for c in copies:
        s = c.story
        cls = "post" if c.lead else "post related-post"
        out.append(f'<article class="{cls}">')
        if c.lead:
            out.append(
                f'<div class="breadcrumbs"><a href="/">Home</a> » '
                f'<a href="/category/{_slug(s.section)}/">{_e(s.section)}</a></div>'
            )
        out.append(f'<span class="cat-label">{_e(s.section)}</span>')
        out.append(f'<h1 class="entry-title">{_e(s.headline)}</h1>')
        if s.deck and r.random() < 0.85:
            out.append(f'<p class="deck">{_e(s.deck)}</p>')
        byline = f'By <a rel="author" href="/author/{_slug(s.author)}/">{_e(s.author)}</a>'
        if s.published:
            byline += f' <time datetime="{s.published.isoformat()}">{_fmt_date(s.published)}</time>'
        out.append(f'<div class="byline">{byline}</div>')
        if c.caption:
            out.append(
                f'<figure><img src="/img/{_slug(s.image_alt)}.jpg" alt="{_e(s.image_alt)}">'
                f"<figcaption>(Credit: {_e(s.credit)})</figcaption></figure>"
            )
        if c.lead:
            out.append(
                '<div class="share-bar"><a href="#">Share on X</a> <a href="#">Share on '
                'Facebook</a> <a href="#">Share on LinkedIn</a> <a href="#">Copy link</a></div>'
            )
        out.append('<div class="entry-content">')
        inline = list(c.inline)
        blocks = s.blocks[: c.cut]
        for k, b in enumerate(blocks):
            if b.kind == "p":
                text = b.text
                if c.midword and k == len(blocks) - 1:
                    text = _cut_midword(r, text)
                out.append(f"<p>{_e(text)}</p>")
            elif b.kind == "h":
                out.append(f"<h2>{_e(b.text)}</h2>")
            elif c.tweets:
                pic = (
                    f' <a href="https://t.co/{b.pic}">pic.twitter.com/{b.pic}</a>' if b.pic else ""
                )
                out.append(
                    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">'
                    f"{_e(b.text)}{pic}</p>&mdash; {_e(b.name)} (@{b.handle}) "
                    f'<a href="https://twitter.com/{b.handle}/status/1">{b.when}</a></blockquote>'
                )
            while inline and inline[0][0] == k:
                line = inline.pop(0)[1]
                out.append(
                    f'<p class="inline-related"><a href="/{_slug(line)}/">{_e(line)}</a></p>'
                )
            if k == c.ad_after:
                out.append('<div class="ad-slot">Advertisement</div>')
        out.append("</div>")
        if c.lead:
            a = _author(seed, s.author)
            out.append(f'<div class="author-bio"><p>{_e(_bio(a, site))}</p></div>')
            out.append(
                '<div class="comments"><h3>Leave a comment</h3><form><textarea name="comment">'
                "</textarea><button>Post Comment</button></form></div>"
            )
        out.append("</article>")
    out.append("</main>")
    out.append('<aside class="sidebar">')
    out.append("<h3>Trending</h3><ul>")
    out.extend(f'<li><a href="/{_slug(h)}/">{_e(h)}</a></li>' for h in trending)
    out.append("</ul>")
    out.append(
        '<div class="newsletter"><h3>Subscribe to our newsletter</h3><p>Get the latest EV '
        'news in your inbox every morning.</p><input type="email"><button>Sign up</button></div>'
    )
    out.append("</aside>")
    out.append(
        f'<footer class="site-footer"><p>© 2026 {_e(site.name)}. All rights reserved.</p>'
        '<a href="/privacy/">Privacy Policy</a> <a href="/terms/">Terms of Use</a> '
        '<a href="/about/">About</a> <a href="/contact/">Contact</a></footer>'
    )
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"


def _render_page(
    r: Random, stories: list[Story], fmt: str, site: Site, seed: int, others: list[str]
) -> str:
    n = len(stories)
    copies = [_make_copy(r, s, fmt, k == 0, k == n - 1, others) for k, s in enumerate(stories)]
    if fmt == "compact":
        text = _render_compact(r, copies, site, seed)
    elif fmt == "spaced":
        text = _render_spaced(r, copies, site, seed)
    else:
        trending = r.sample(others, min(5, len(others)))
        text = _render_html(r, copies, site, seed, trending)
    if site.straight_quotes:
        for curly, straight in _STRAIGHT:
            text = text.replace(curly, straight)
    return text


# --------------------------------------------------------------------------------------------
# Corpus


def make_corpus(out_dir: Path, n_scrapes: int, seed: int = 0) -> CorpusStats:
    """Write ``n_scrapes`` pages and ``manifest.json`` under ``out_dir`` (new or empty).

    Pages go to ``out_dir/DDDD/NNNNNN_<site>.txt|.html`` with at most 1000 files per folder.
    The manifest maps each file (relative path) to its story ids in page order and each story
    id to its headline, section and number of copies.
    """
    if not isinstance(n_scrapes, int) or n_scrapes < 1:
        raise ValueError(f"n_scrapes must be a positive integer, got {n_scrapes!r}")
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"output directory is not empty: {out_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    # The generator makes no reference cycles, and the cyclic collector would otherwise keep
    # rescanning the story cache: pause it (about 25% faster), as before if it was off.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _write_corpus(out_dir, n_scrapes, seed)
    finally:
        if gc_was_enabled:
            gc.enable()


def _write_corpus(out_dir: Path, n_scrapes: int, seed: int) -> CorpusStats:
    pages, n_stories = _plan(n_scrapes, seed)
    copies = [0] * n_stories  # every story of the pool is on at least one page
    for page in pages:
        for sid in page:
            copies[sid] += 1
    remaining = copies.copy()  # copies still to write; a story leaves the cache at 0
    cache: dict[int, Story] = {}
    headlines: list[str] = [""] * n_stories
    sections: list[str] = [""] * n_stories
    recent: list[str] = []  # headlines of stories already built, for inline links and sidebars
    formats = dict.fromkeys(FORMATS, 0)
    total_bytes = 0
    made_dir = -1

    with (out_dir / MANIFEST).open("w", encoding="utf-8") as mf:
        mf.write(
            f'{{"generator": "bench.corpus", "seed": {seed}, "n_scrapes": {n_scrapes}, '
            f'"n_stories": {n_stories},\n"scrapes": {{'
        )
        for p, page in enumerate(pages):
            stories = []
            for sid in page:
                st = cache.get(sid)
                if st is None:
                    st = make_story(sid, seed)
                    headlines[sid] = st.headline
                    sections[sid] = st.section
                    recent.append(st.headline)
                    if len(recent) > 400:
                        del recent[:200]
                    if remaining[sid] > 1:
                        cache[sid] = st
                stories.append(st)
            r = Random(f"{seed}/page/{p}")
            fmt = _weighted(r, tuple(zip(FORMATS, FORMAT_WEIGHTS, strict=True)))
            site = _pick(r, SITES)
            own = {s.headline for s in stories}
            others = [h for h in recent[-60:] if h not in own]
            text = _render_page(r, stories, fmt, site, seed, others)
            data = text.encode("utf-8")
            folder = p // FILES_PER_DIR
            if folder != made_dir:
                (out_dir / f"{folder:04d}").mkdir(exist_ok=True)
                made_dir = folder
            rel = f"{folder:04d}/{p:06d}_{site.slug}.{'html' if fmt == 'html' else 'txt'}"
            with open(os.path.join(out_dir, rel), "wb") as f:
                f.write(data)
            total_bytes += len(data)
            formats[fmt] += 1
            ids = ", ".join(f'"s{sid:06d}"' for sid in page)  # JSON by hand: plain ASCII names
            mf.write(f'{"," if p else ""}\n"{rel}": [{ids}]')
            for sid in page:
                remaining[sid] -= 1
                if remaining[sid] == 0:
                    cache.pop(sid, None)
        mf.write('\n},\n"stories": {')
        for sid in range(n_stories):
            entry = {"headline": headlines[sid], "section": sections[sid], "copies": copies[sid]}
            mf.write(f'{"," if sid else ""}\n"s{sid:06d}": {json.dumps(entry)}')
        mf.write("\n}}\n")
    return CorpusStats(scrapes=n_scrapes, stories=n_stories, bytes=total_bytes, formats=formats)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.corpus", description="Write a synthetic EV-news scrape corpus."
    )
    ap.add_argument("--scrapes", type=int, required=True, help="number of scraped pages")
    ap.add_argument("--out", type=Path, required=True, help="new or empty output directory")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        stats = make_corpus(args.out, args.scrapes, args.seed)
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    fmts = " ".join(f"{k}={v}" for k, v in stats.formats.items())
    print(f"scrapes: {stats.scrapes}")
    print(f"stories: {stats.stories}")
    print(f"bytes: {stats.bytes}")
    print(f"formats: {fmts}")
    print(f"seconds: {time.perf_counter() - t0:.1f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
