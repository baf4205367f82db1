"""Ingest: find seed files and turn each into a `Document` of text lines.

A file is decoded here, then read by its kind's reader: text scrapes by
`text_reader`, HTML pages by `html_reader`, which
strips scripts, styles and page chrome, reads the metadata from the head and
converts the rest to Markdown with markdownify. Files that cannot be read are
returned as `Skipped` with a reason; nothing here raises on bad input.

What "bad input" covers (tests/test_robustness.py makes each case): empty
files, binary files (by signature or control characters), any encoding with
or without a byte-order mark (UTF-8/16/32, cp1252 and latin-1, others through
charset-normalizer), mojibake (repaired with ftfy), NUL bytes, files over
MAX_FILE_BYTES, lines over `text_reader.MAX_LINE_CHARS` (cut into pieces, nothing lost),
HTML nested deeper than the tree-based reader can take (read as a stream),
folders of any depth, and links that leave the seeds folder, loop, dangle or
point at a file read anyway.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import replace
from pathlib import Path

from .dates import writes_day_first
from .model import Document, Skipped
from .text_reader import read_text

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
#: larger files are skipped: a scraped page is well under a megabyte, and 16 MiB of text
#: takes about half a minute to read
MAX_FILE_BYTES = 16 * 1024 * 1024


def discover(root: Path) -> tuple[list[Path], list[Skipped]]:
    """Every seed file under `root`, sorted by relative path, and what was left out and why.

    The walk uses a stack, not recursion, so folder depth is unlimited, and it
    never follows a link into a folder: a folder link that leaves `root` is
    skipped, and one that stays inside it is skipped too (the folder is read
    where it really is, and a link to a folder above it would loop). A file
    link is read only when its target is inside `root` and not found on its
    own. Hidden files and folders (".git", editor swap files) are ignored.
    """
    real_root = os.path.realpath(root)
    files: list[tuple[str, Path, str, bool]] = []  # (relative path, path, real path, is a link)
    skipped: list[Skipped] = []
    stack = [Path(root)]
    while stack:
        folder = stack.pop()
        folder_rel = _rel(folder, root)
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            skipped.append(
                Skipped((folder_rel or ".") + "/", f"cannot read folder: {_os_reason(error)}")
            )
            continue
        real_folder = os.path.realpath(folder)  # once per folder, not once per file
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            rel = f"{folder_rel}/{entry.name}" if folder_rel else entry.name  # = _rel(path, root)
            if _UNSAFE_NAME.search(entry.name):
                skipped.append(Skipped(repr(rel)[1:-1], "file name has control characters"))
                continue
            try:
                if entry.is_symlink():
                    problem = _link_problem(path, folder, real_root)
                    if problem:
                        slash = "/" if os.path.isdir(path) else ""
                        skipped.append(Skipped(rel + slash, problem))
                    else:
                        files.append((rel, path, os.path.realpath(path), True))
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(path)
                elif entry.is_file(follow_symlinks=False):
                    files.append((rel, path, os.path.join(real_folder, entry.name), False))
                else:
                    skipped.append(Skipped(rel, "not a regular file (a pipe, socket or device)"))
            except OSError as error:
                skipped.append(Skipped(rel, f"cannot read: {_os_reason(error)}"))
    found, duplicates = _one_per_file(files)
    skipped += duplicates
    skipped.sort(key=lambda s: s.source)
    return found, skipped


#: control characters in a file name would break the report lines and the pages' source lists
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _rel(path: Path, root: Path) -> str:
    rel = path.relative_to(root).as_posix()
    return "" if rel == "." else rel


def _os_reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _link_problem(path: Path, folder: Path, real_root: str) -> str | None:
    """Why the link at `path` is not read, or None for a link to a file inside the seeds."""
    target = os.path.realpath(path)
    if not os.path.exists(target):
        return "broken link (its target does not exist, or links loop)"
    if not _inside(target, real_root):
        return "link points outside the seeds folder"
    if os.path.isdir(target):
        if _inside(os.path.realpath(folder), target):
            return "link loop (points to a folder that contains it)"
        where = _rel(Path(target), Path(real_root)) or "."
        return f"link to the folder {where}/ inside the seeds folder (read there)"
    if not os.path.isfile(target):
        return "not a regular file (a pipe, socket or device)"
    return None


def _one_per_file(files: list[tuple[str, Path, str, bool]]) -> tuple[list[Path], list[Skipped]]:
    """Each real file once: found under its own name if it is, else under its first link."""
    first: dict[str, str] = {}
    for rel, _, real, _link in sorted(files, key=lambda f: (f[3], f[0])):
        first.setdefault(real, rel)
    found = [(rel, path) for rel, path, real, _ in files if first[real] == rel]
    duplicates = [
        Skipped(rel, f"same file as {first[real]} (a link to it)")
        for rel, _, real, _ in files
        if first[real] != rel
    ]
    return [path for _, path in sorted(found)], duplicates


def _inside(path: str, root: str | Path) -> bool:
    root = str(root)
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def read_document(path: Path, root: Path) -> Document | Skipped:
    rel = path.relative_to(root).as_posix()
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES and suffix not in HTML_SUFFIXES:
        return Skipped(rel, f"unsupported file type {suffix or '(no extension)'!r}")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return Skipped(rel, "not a regular file (a pipe, socket or device)")
        if info.st_size > MAX_FILE_BYTES:
            return Skipped(rel, _too_large(info.st_size))
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:  # it grew while we looked
            return Skipped(rel, _too_large(len(data)))
    except OSError as error:
        return Skipped(rel, f"cannot read file: {error.strerror or error}")
    text, problem = decode(data)
    if text is None:
        return Skipped(rel, problem or "unreadable")
    if suffix in HTML_SUFFIXES:
        from .html_reader import read_html, read_html_flat  # bs4 only when a page needs it

        try:
            doc = read_html(rel, text)
        except RecursionError:
            doc = read_html_flat(rel, text)
    else:
        doc = read_text(rel, text, markdown=TEXT_SUFFIXES[suffix] == "markdown")
    if writes_day_first(line.text for line in doc.lines):
        doc = replace(doc, meta=replace(doc.meta, day_first=True))
    return doc


def _too_large(size: int) -> str:
    return f"file too large ({size / 2**20:.1f} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB)"


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: file signatures of formats that are never text, for a clearer skip reason
_MAGIC = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
#: a decoding is accepted when at most this share of its characters are replacement characters
MAX_REPLACED = 0.01
#: a text is binary when more than this share of it is control characters
MAX_CONTROLS = 0.05
#: control characters removed from text (tab, line feed, form feed and carriage return stay)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
#: what a binary file is full of: C0 controls other than whitespace
_BINARY = re.compile(r"[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_WORD = re.compile(r"\w+")


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Decode bytes to text, detecting the encoding; (None, reason) when it is not text.

    In order: a byte-order mark; UTF-16 without one (every other byte NUL);
    UTF-8; UTF-8 whose stray bytes are cp1252 (Western legacy text and
    mixed files, by far the most common non-UTF-8 scrapes), kept only when it
    reads like Western text; else charset-normalizer's guess. NUL bytes and
    other control characters are removed, mojibake (UTF-8 read as cp1252,
    "Teslaâ€™s") is repaired, and line ends become "\\n".
    """
    if not data.strip(b" \t\r\n\f\v\x00"):
        return None, "empty file" if not data.strip() else "empty file (only NUL bytes)"
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return None, f"binary file ({kind})"
    text = _decode_bytes(data)
    if text is None:
        return None, "binary file (no text encoding fits)"
    text = text.replace("\x00", "")
    sample = text[:100_000]
    if len(_BINARY.findall(sample)) > len(sample) * MAX_CONTROLS:
        return None, "binary file (mostly control characters)"
    text = _clean_text(text)
    if not text.strip():
        return None, "empty file (no visible text)"
    return text, None


def _decode_bytes(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_mostly(data[len(bom) :], encoding)
    utf16 = _utf16_without_bom(data)
    if utf16:
        text = _decode_mostly(data, utf16)
        if text is not None:
            return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="cp1252-fallback")
    if _reads_as_western(text):
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        return None
    return _decode_mostly(data, best.encoding)


def _decode_mostly(data: bytes, encoding: str) -> str | None:
    """`data` in `encoding`, tolerating a few undecodable bytes (a truncated last character)."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        pass
    except LookupError:
        return None
    text = data.decode(encoding, errors="replace")
    return text if text.count("\ufffd") <= max(1, len(text) * MAX_REPLACED) else None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 little- or big-endian when most odd (or even) bytes are NUL and the others are not."""
    sample = data[:65_536]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0 : 2 * pairs : 2].count(0) / pairs
    odd = sample[1 : 2 * pairs : 2].count(0) / pairs
    if odd >= 0.4 and even <= 0.05:
        return "utf-16-le"
    if even >= 0.4 and odd <= 0.05:
        return "utf-16-be"
    return None


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as cp1252 (latin-1 where undefined)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return "".join(_cp1252_char(byte) for byte in chunk), error.end


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: as latin-1 does


codecs.register_error("cp1252-fallback", _cp1252_fallback)


def _reads_as_western(text: str) -> bool:
    """True when non-ASCII letters are few and sit inside mostly-ASCII words ("Zürich").

    Cyrillic, Greek or CJK bytes read as cp1252 give words made only of
    accented letters ("Ïðèâåò"), which this rejects.
    """
    sample = text[:200_000]
    letters = sum(1 for ch in sample if ch.isalpha())
    foreign = [word for word in _WORD.findall(sample) if not word.isascii()]
    accented = sum(1 for word in foreign for ch in word if ord(ch) > 127)
    if not accented:
        return True
    in_words = sum(len(word) for word in foreign)
    return accented <= 0.25 * letters and accented <= 0.5 * in_words


#: a UTF-8 lead byte read as cp1252 followed by a continuation byte read as cp1252: lines
#: with it ("â€™", "Ã©", "Â£") may be mojibake, and ftfy repairs those that are
_MOJIBAKE_HINT = re.compile(
    r"[\u00c2-\u00df\u00e2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    r"\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def _clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _MOJIBAKE_HINT.search(text):
        text = "\n".join(_fix_mojibake(line) for line in text.split("\n"))
    return _CONTROLS.sub("", text)


def _fix_mojibake(line: str) -> str:
    if not _MOJIBAKE_HINT.search(line):
        return line
    import ftfy

    # "”" is E2 80 9D; cp1252 has no 0x9D, so a decoder that replaced it left "â€\ufffd"
    return ftfy.fix_encoding(line.replace("\u00e2\u20ac\ufffd", "\u00e2\u20ac\u009d"))


__all__ = ["decode", "discover", "read_document"]
