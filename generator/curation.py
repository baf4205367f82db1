"""Curation files: the editors' topic and company YAML, loaded and validated.

The schema is declared once, one field per line (like mkdocs'
`config/defaults.py`). Validation collects every problem before giving up and
reports each as `file:line: key: what is wrong, expected …`, taking the line
from the YAML node marks, so an editor can jump straight to the mistake.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .text import slugify

COMPANIES_FILE = "companies.yml"
STORIES_FILE = "stories.yml"
TOPIC_SUFFIXES = (".yml", ".yaml")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.key}: {self.message}"


@dataclass(frozen=True)
class Rules:
    keywords: tuple[str, ...]
    required: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    min_hits: int = 2


@dataclass(frozen=True)
class Topic:
    id: str
    file: str
    title: str
    description: str = ""
    order: int = 100
    rules: Rules = Rules(())
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    pinned: tuple[str, ...] = ()
    #: line of each override id in the file, to point at ids that match no article
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Company:
    id: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Correction:
    """An editor's fix of one story, by id (`stories.yml`): it survives every rebuild."""

    id: str
    line: int
    title: str | None = None
    summary: str | None = None
    date: str | None = None
    #: the story is junk: no page, its address says it was removed
    hide: bool = False
    #: the story is the same as this one: its sources join it, its address redirects there
    merge_into: str | None = None
    #: the seed files whose copies were merged into the story wrongly: they make another
    apart: tuple[str, ...] = ()
    #: stories that report the same event as this one (related coverage), and stories
    #: that do not, whatever the event stage decides
    same_event: tuple[str, ...] = ()
    other_event: tuple[str, ...] = ()


@dataclass(frozen=True)
class Override:
    """An article id a topic file names under `include`, `exclude` or `pinned`, where."""

    file: str
    key: str
    article_id: str
    line: int


@dataclass
class Curation:
    topics: list[Topic] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: every override id of every topic file, a file with problems too: `check` names the
    #: ids that match no article alongside the file's other problems, in one pass
    overrides: list[Override] = field(default_factory=list)
    #: the editors' fixes of single stories (`stories.yml`)
    corrections: list[Correction] = field(default_factory=list)


# name: (type, required, description) — the whole schema of a topic file
TOPIC_SCHEMA: dict[str, tuple[type, bool, str]] = {
    "title": (str, True, "the topic's name as readers see it"),
    "description": (str, False, "Markdown shown at the top of the topic page"),
    "order": (int, False, "position in the navigation, smaller first (default 100)"),
    "rules": (dict, False, "how articles are matched (see RULES_SCHEMA)"),
    "include": (list, False, "article ids always filed here"),
    "exclude": (list, False, "article ids never filed here"),
    "pinned": (list, False, "article ids shown first on the topic page"),
}
RULES_SCHEMA: dict[str, tuple[type, bool, str]] = {
    "keywords": (list, True, "words or phrases; each occurrence is a hit (title hits count twice)"),
    "required": (list, False, "terms of which every one must appear"),
    "excluded": (list, False, "terms of which none may appear"),
    "min_hits": (int, False, "hits needed to file an article (default 2)"),
}
STORY_SCHEMA: dict[str, tuple[type, bool, str]] = {
    "id": (str, True, "the story's id (front-matter `id` of docs/articles/*.md)"),
    "title": (str, False, "the title readers see instead of the extracted one"),
    "summary": (str, False, "the summary under the title in lists and feeds"),
    "date": (str, False, "the date the story was published, YYYY-MM-DD"),
    "hide": (bool, False, "true: the story is junk, it gets no page"),
    "merge_into": (str, False, "the id of the story this one is the same as"),
    "apart": (list, False, "the seed files among its sources that carry another story"),
    "same_event": (list, False, "ids of stories about the same event (related coverage)"),
    "other_event": (list, False, "ids of stories about another event, never linked to it"),
}
COMPANY_SCHEMA: dict[str, tuple[type, bool, str]] = {
    "name": (str, True, "the company's name"),
    "aliases": (list, False, "other names it appears under, e.g. VW"),
}
_TYPE_NAMES = {
    str: "a string", int: "an integer", list: "a list", dict: "a mapping", bool: "true or false",
}  # fmt: skip


class _File:
    """One YAML file's node tree with helpers that record problems."""

    def __init__(self, path: Path, display: str, problems: list[Problem]):
        self.display = display
        self.problems = problems
        self.root: yaml.Node | None = None
        try:
            self.root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark else 1
            self.problem(line, "(file)", f"unreadable YAML: {error.problem or error}")
        except (OSError, UnicodeDecodeError) as error:
            self.problem(1, "(file)", f"cannot read file: {error}")

    def problem(self, line: int, key: str, message: str) -> None:
        self.problems.append(Problem(self.display, line, key, message))

    def mapping(self, node: yaml.Node | None, schema: dict, where: str) -> dict[str, yaml.Node]:
        """The keys of a mapping node checked against `schema`."""
        if not isinstance(node, yaml.MappingNode):
            line = node.start_mark.line + 1 if node is not None else 1
            self.problem(
                line, where or "(file)", f"expected a mapping with keys {', '.join(schema)}"
            )
            return {}
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            full = f"{where}.{key}" if where else key
            line = key_node.start_mark.line + 1
            if key in found:
                self.problem(line, full, "duplicate key (the earlier value would be silently lost)")
            elif key not in schema:
                close = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}? " if close else ""
                self.problem(line, full, f"unknown key, {hint}expected one of: {', '.join(schema)}")
            else:
                found[key] = value_node
        for key, (_, required, description) in schema.items():
            if required and key not in found:
                full = f"{where}.{key}" if where else key
                self.problem(node.start_mark.line + 1, full, f"missing, expected {description}")
        return found

    def value(self, node: yaml.Node, expected: type, key: str) -> Any:
        """The Python value of a node, or None (with a problem) if it has the wrong type."""
        data = yaml.safe_load(yaml.serialize(node)) if node is not None else None
        ok = isinstance(data, expected) and not (expected is int and isinstance(data, bool))
        if not ok:
            got = "nothing" if data is None else type(data).__name__
            self.problem(
                node.start_mark.line + 1, key, f"got {got}, expected {_TYPE_NAMES[expected]}"
            )
            return None
        return data

    def entries(self, key: str, what: str) -> list[yaml.Node]:
        """The items of a file holding one key, a list (`companies:`, `stories:`)."""
        if self.root is None:
            return []
        keys = self.mapping(self.root, {key: (list, True, f"a list of {what}")}, "")
        if key not in keys or self.value(keys[key], list, key) is None:
            return []
        return list(keys[key].value)

    def strings(self, node: yaml.Node, key: str) -> tuple[tuple[str, int], ...]:
        """A list of non-empty strings, each with its line."""
        if self.value(node, list, key) is None:
            return ()
        items: list[tuple[str, int]] = []
        for item in node.value:
            line = item.start_mark.line + 1
            if (
                not isinstance(item, yaml.ScalarNode)
                or not str(item.value).strip()
                or item.tag.endswith(":null")
            ):
                self.problem(line, key, "expected a non-empty string in the list")
            else:
                items.append((str(item.value).strip(), line))
        return tuple(items)


def load_curation(folder: Path) -> Curation:
    """Every topic file and the company list in `folder`, with all problems found."""
    curation = Curation()
    if not folder.is_dir():
        return curation
    seen: dict[str, str] = {}
    titles: dict[str, str] = {}  # a topic title, case-folded -> the file that gives it
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix not in TOPIC_SUFFIXES or not path.is_file():
            continue
        display = path.as_posix()
        if path.name == COMPANIES_FILE:
            curation.companies = _load_companies(path, display, curation.problems)
            continue
        if path.name == STORIES_FILE:
            curation.corrections = _load_corrections(path, display, curation)
            continue
        topic_id = path.stem
        if not _ID.match(topic_id):
            curation.problems.append(
                Problem(
                    display,
                    1,
                    "(file name)",
                    "topic id from the file name must be lower-case letters, digits and dashes",
                )
            )
            continue
        if topic_id in seen:
            curation.problems.append(
                Problem(
                    display,
                    1,
                    "(file name)",
                    f"duplicate topic id {topic_id!r}, also defined by {seen[topic_id]}",
                )
            )
            continue
        seen[topic_id] = display
        topic = _load_topic(path, display, topic_id, curation, titles)
        if topic:
            curation.topics.append(topic)
    curation.topics.sort(key=lambda t: (t.order, t.id))
    return curation


def _load_topic(
    path: Path, display: str, topic_id: str, curation: Curation, titles: dict[str, str]
) -> Topic | None:
    problems = curation.problems
    file = _File(path, display, problems)
    if file.root is None:
        if not any(p.file == display for p in problems):
            file.problem(1, "(file)", "empty file, expected a mapping with title and rules")
        return None
    before = len(problems)
    keys = file.mapping(file.root, TOPIC_SCHEMA, "")
    title = file.value(keys["title"], str, "title") if "title" in keys else None
    if title:
        earlier = titles.setdefault(title.strip().casefold(), display)
        if earlier != display:
            file.problem(
                keys["title"].start_mark.line + 1,
                "title",
                f"{title!r} is also the title of {earlier}, expected a title of its own "
                "(readers could not tell the two topics apart)",
            )
    description = (
        file.value(keys["description"], str, "description") if "description" in keys else ""
    )
    order = file.value(keys["order"], int, "order") if "order" in keys else 100
    lists = {
        name: file.strings(keys[name], name) if name in keys else ()
        for name in ("include", "exclude", "pinned")
    }
    curation.overrides += [
        Override(display, name, article_id, line)
        for name, items in lists.items()
        for article_id, line in items
    ]
    excluded = {article_id for article_id, _ in lists["exclude"]}
    for article_id, line in lists["pinned"]:
        if article_id in excluded:
            file.problem(
                line,
                "pinned",
                f"{article_id!r} is also in exclude, expected it in one of the two "
                "(a story the topic never files cannot be pinned to it)",
            )
    rules = Rules(())
    if "rules" in keys:
        rule_keys = file.mapping(keys["rules"], RULES_SCHEMA, "rules")
        keywords = (
            file.strings(rule_keys["keywords"], "rules.keywords") if "keywords" in rule_keys else ()
        )
        min_hits = (
            file.value(rule_keys["min_hits"], int, "rules.min_hits")
            if "min_hits" in rule_keys
            else 2
        )
        if isinstance(min_hits, int) and min_hits < 1:
            file.problem(
                rule_keys["min_hits"].start_mark.line + 1,
                "rules.min_hits",
                f"got {min_hits}, expected 1 or more",
            )
        if "keywords" in rule_keys and not keywords and rule_keys["keywords"].value == []:
            file.problem(
                rule_keys["keywords"].start_mark.line + 1,
                "rules.keywords",
                "empty list, expected at least one keyword",
            )
        rules = Rules(
            keywords=tuple(k for k, _ in keywords),
            required=tuple(k for k, _ in file.strings(rule_keys["required"], "rules.required"))
            if "required" in rule_keys
            else (),
            excluded=tuple(k for k, _ in file.strings(rule_keys["excluded"], "rules.excluded"))
            if "excluded" in rule_keys
            else (),
            min_hits=min_hits if isinstance(min_hits, int) else 2,
        )
    elif not lists["include"]:
        file.problem(
            file.root.start_mark.line + 1,
            "rules",
            "missing, expected rules.keywords or an include list (otherwise no article can be filed here)",
        )
    if len(problems) > before:
        return None
    return Topic(
        id=topic_id,
        file=display,
        title=title or topic_id,
        description=description or "",
        order=order if isinstance(order, int) else 100,
        rules=rules,
        include=tuple(i for i, _ in lists["include"]),
        exclude=tuple(i for i, _ in lists["exclude"]),
        pinned=tuple(i for i, _ in lists["pinned"]),
        lines={f"{name}:{i}": line for name, items in lists.items() for i, line in items},
    )


def _load_companies(path: Path, display: str, problems: list[Problem]) -> list[Company]:
    file = _File(path, display, problems)
    companies: list[Company] = []
    ids: dict[str, int] = {}
    for index, node in enumerate(file.entries("companies", "companies with name and aliases")):
        where = f"companies[{index}]"
        entry = file.mapping(node, COMPANY_SCHEMA, where)
        name = file.value(entry["name"], str, f"{where}.name") if "name" in entry else None
        aliases = file.strings(entry["aliases"], f"{where}.aliases") if "aliases" in entry else ()
        if not name:
            continue
        company_id = slugify(name)
        line = node.start_mark.line + 1
        if company_id in ids:
            file.problem(
                line,
                f"{where}.name",
                f"duplicate company {name!r}, also listed on line {ids[company_id]}",
            )
            continue
        ids[company_id] = line
        companies.append(Company(company_id, name.strip(), tuple(a for a, _ in aliases)))
    return companies


#: the story corrections' keys that are lists of strings
_LISTS = ("apart", "same_event", "other_event")


def _load_corrections(path: Path, display: str, curation: Curation) -> list[Correction]:
    file = _File(path, display, curation.problems)
    corrections: list[Correction] = []
    lines: dict[str, int] = {}
    for index, node in enumerate(file.entries("stories", "story corrections, each with an id")):
        where = f"stories[{index}]"
        entry = file.mapping(node, STORY_SCHEMA, where)
        fields = {
            name: file.value(entry[name], kind, f"{where}.{name}")
            for name, (kind, _, _) in STORY_SCHEMA.items()
            if name in entry and name not in _LISTS + ("date",)
        }
        listed: dict[str, list[tuple[str, int]]] = {
            name: list(file.strings(entry[name], f"{where}.{name}"))
            for name in _LISTS
            if name in entry
        }
        fields |= {name: tuple(text for text, _ in items) for name, items in listed.items()}
        line = node.start_mark.line + 1
        if "date" in entry:
            raw = entry["date"].value
            try:
                fields["date"] = datetime.date.fromisoformat(str(raw)).isoformat()
            except ValueError:
                file.problem(
                    entry["date"].start_mark.line + 1,
                    f"{where}.date",
                    f"got {raw!r}, expected YYYY-MM-DD",
                )
        story_id = fields.pop("id", None)
        if not story_id:
            continue
        if story_id in lines:
            file.problem(
                line, f"{where}.id", f"{story_id!r} is corrected on line {lines[story_id]} too"
            )
            continue
        lines[story_id] = line
        if fields.get("merge_into") == story_id:
            file.problem(line, f"{where}.merge_into", "a story cannot be merged into itself")
            continue
        curation.overrides.append(Override(display, "stories", story_id, line))
        if fields.get("merge_into"):
            target_line = entry["merge_into"].start_mark.line + 1
            curation.overrides.append(
                Override(display, "merge_into", fields["merge_into"], target_line)
            )
        for name in ("same_event", "other_event"):
            for other, other_line in listed.get(name, []):
                if other == story_id:
                    file.problem(other_line, f"{where}.{name}", "a story is its own event")
                else:
                    curation.overrides.append(Override(display, name, other, other_line))
        corrections.append(
            Correction(story_id, line, **{k: v for k, v in fields.items() if v is not None})
        )
    return corrections


def unknown_ids(curation: Curation, article_ids: set[str]) -> list[Problem]:
    """Override ids (include/exclude/pinned) that match no article in the build."""
    problems: list[Problem] = []
    for ref in curation.overrides:
        if ref.article_id not in article_ids:
            close = difflib.get_close_matches(ref.article_id, article_ids, n=1, cutoff=0.8)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(
                Problem(
                    ref.file,
                    ref.line,
                    ref.key,
                    f"{ref.article_id!r} matches no article{hint}, expected an article id "
                    "from the front-matter of docs/articles/*.md",
                )
            )
    return problems


def unfiled_pins(curation: Curation, filed: dict[str, list[str]]) -> list[Problem]:
    """Pinned ids of stories the topic does not file (`filed`: each article id's topics):
    the pin would show nowhere."""
    problems: list[Problem] = []
    for topic in curation.topics:
        for article_id in topic.pinned:
            if article_id in filed and topic.id not in filed[article_id]:
                problems.append(
                    Problem(
                        topic.file,
                        topic.lines.get(f"pinned:{article_id}", 1),
                        "pinned",
                        f"{article_id!r} is not filed under this topic, expected it in "
                        "include too (or a story the rules file)",
                    )
                )
    return problems


def in_line_order(problems: list[Problem]) -> list[Problem]:
    """Problems by file, then line: an editor reads a file's problems top to bottom."""
    return sorted(problems, key=lambda p: (p.file, p.line))
