"""Reading a CSV of posts: encoding, separator, row size, layout and column mapping.

Three layouts are recognised from the header (or chosen):

- **cmplanner** (what ``cmplanner export posts`` writes): ``brand, datetime, text,
  targets, media, tags`` (+ optional ``state``). ``datetime`` is ISO 8601; without an
  offset it is the brand's wall time, empty for an unscheduled draft. ``targets`` are
  account ids, handles or network names; ``media`` file paths (relative to the CSV's
  folder) and ``tags`` are separated by ``|``.
- **Hootsuite** bulk composer: ``Date`` (``DD/MM/YYYY HH:MM``, or month first when
  asked), ``Message``, optional ``Link`` (appended to the text, as Hootsuite does). The
  header row may be missing: a first cell that reads as a date starts the data.
- **Buffer** bulk upload: ``Text``, ``Image URL``, ``Tags``, ``Posting Time``
  (``YYYY-MM-DD HH:MM``). A local image path is attached; a web address is kept in the
  post's notes (cmplanner fetches nothing from the web).

Hootsuite and Buffer files name no brand: the brand is given with the import.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from cmplanner.domain.errors import InvalidInput

#: A row longer than this is refused (a post's text is at most 100,000 characters).
MAX_ROW_BYTES = 1_000_000
SEPARATORS = (",", ";", "\t")
FIELDS = ("brand", "datetime", "text", "targets", "media", "tags", "state", "link")


class Layout(StrEnum):
    CMPLANNER = "cmplanner"
    HOOTSUITE = "hootsuite"
    BUFFER = "buffer"


#: Header names (lower-cased) per field, per layout.
HEADER_NAMES: dict[Layout, dict[str, tuple[str, ...]]] = {
    Layout.CMPLANNER: {
        "brand": ("brand",),
        "datetime": ("datetime", "date", "scheduled_at"),
        "text": ("text",),
        "targets": ("targets", "accounts"),
        "media": ("media",),
        "tags": ("tags",),
        "state": ("state",),
    },
    Layout.HOOTSUITE: {
        "datetime": ("date", "date and time", "date/time", "datetime"),
        "text": ("message", "post text", "text"),
        "link": ("link", "url", "link url"),
    },
    Layout.BUFFER: {
        "text": ("text",),
        "media": ("image url", "image", "media"),
        "tags": ("tags",),
        "datetime": ("posting time", "scheduled at", "date"),
    },
}


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" if self.line else self.reason


class ImportRejected(InvalidInput):
    """The file was refused as a whole; ``problems`` says which lines and why."""

    def __init__(self, name: str, problems: list[RowProblem]) -> None:
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(
            f"{name} was not imported: {len(problems)} problem(s); nothing was imported.",
            f"{shown}{more}\nFix these lines (or the column mapping) and import it again.",
        )
        self.problems = problems


@dataclass(frozen=True)
class CsvTable:
    """The file's cells, each data row with the line it starts on."""

    name: str
    header: tuple[str, ...] | None
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    separator: str
    folder: Path = field(default_factory=Path)

    @property
    def columns(self) -> tuple[str, ...]:
        if self.header is not None:
            return self.header
        width = max((len(c) for _, c in self.rows), default=0)
        return tuple(f"column {i + 1}" for i in range(width))


def _decode(name: str, raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRejected(
            name,
            [RowProblem(1, "the file is UTF-16 text; save it as CSV UTF-8 (comma delimited)")],
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start : exc.start + 1].hex().upper()
        raise ImportRejected(
            name,
            [
                RowProblem(
                    line,
                    f"not UTF-8 text (byte 0x{byte}; the file looks like Windows-1252 or "
                    "Latin-1): save it as CSV UTF-8",
                )
            ],
        ) from None


def _separator(first_line: str) -> str:
    counts = {s: first_line.count(s) for s in SEPARATORS}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] else ","


def read_table(path: Path, *, has_header: bool | None = None) -> CsvTable:
    """Read and split a CSV file, refusing (ImportRejected) what cannot be read whole."""
    path = Path(path).expanduser()
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            f"Cannot read {path}: {exc.strerror or exc}.", "Check the file name and that it exists."
        ) from None
    problems = [
        RowProblem(i + 1, f"the row is {len(line) / 1e6:.1f} MB long; a row may be 1 MB at most")
        for i, line in enumerate(raw.split(b"\n"))
        if len(line) > MAX_ROW_BYTES
    ]
    if problems:
        raise ImportRejected(name, problems)
    text = _decode(name, raw)
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip()), "")
    if not first:
        raise ImportRejected(name, [RowProblem(0, "the file is empty")])
    sep = _separator(first)
    csv.field_size_limit(MAX_ROW_BYTES * 2)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    rows: list[tuple[int, tuple[str, ...]]] = []
    start = 1
    try:
        for record in reader:
            if any(c.strip() for c in record):
                rows.append((start, tuple(c.strip() for c in record)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportRejected(name, [RowProblem(start, f"cannot be read as CSV ({exc})")]) from None
    header: tuple[str, ...] | None = None
    if rows and (has_header if has_header is not None else _looks_like_header(rows[0][1])):
        header = rows[0][1]
        rows = rows[1:]
    width = len(header) if header is not None else (len(rows[0][1]) if rows else 0)
    problems = []
    for line, cells in rows:
        if len(cells) == width:
            continue
        other = [s for s in SEPARATORS if s != sep and s in lines[line - 1]]
        if len(cells) == 1 and other:
            shown = "a tab" if other[0] == "\t" else f"“{other[0]}”"
            problems.append(
                RowProblem(line, f"separated by {shown} while the rest of the file uses “{sep}”")
            )
        else:
            problems.append(RowProblem(line, f"has {len(cells)} columns; the header has {width}"))
    if problems:
        raise ImportRejected(name, problems)
    return CsvTable(name, header, tuple(rows), sep, path.parent)


def _looks_like_header(cells: tuple[str, ...]) -> bool:
    names = {c.strip().lower() for c in cells}
    known = {n for lay in HEADER_NAMES.values() for group in lay.values() for n in group}
    return bool(names & known)


def guess_layout(table: CsvTable) -> Layout:
    """The layout whose required columns the header names (Hootsuite when headerless)."""
    if table.header is None:
        return Layout.HOOTSUITE
    names = {h.lower() for h in table.header}
    if "brand" in names:
        return Layout.CMPLANNER
    if names & {"posting time", "image url"}:
        return Layout.BUFFER
    if names & {"message", "post text"}:
        return Layout.HOOTSUITE
    return Layout.CMPLANNER


def guess_mapping(table: CsvTable, layout: Layout) -> dict[str, int]:
    """Field -> column index, from the header names (by position when headerless)."""
    if table.header is None:
        order = ("datetime", "text", "link") if layout == Layout.HOOTSUITE else FIELDS
        width = len(table.columns)
        return {f: i for i, f in enumerate(order) if i < width}
    lower = [h.lower() for h in table.header]
    mapping: dict[str, int] = {}
    for fld, names in HEADER_NAMES[layout].items():
        for n in names:
            if n in lower:
                mapping[fld] = lower.index(n)
                break
    return mapping
