"""Import analytics exports (CSV) for networks whose APIs a freelancer may not reach.

One file is read whole, every row checked, and only then stored in one transaction: a
file with one bad row imports nothing, and each bad row is named by its line number.
Rows are matched to planned posts by remote id, then by URL
(``post_target.remote_id``/``remote_url``); a row that matches nothing is kept as an
external post (``external_post`` + ``metric_snapshot.external_ref``) so the brand's
charts still count it. The formats and their sources: ``analytics_formats.py``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.clock import Clock
from cmplanner.domain.enums import Network
from cmplanner.domain.errors import InvalidInput, NotFound
from cmplanner.domain.timezones import NonexistentLocalTime, to_utc, zone
from cmplanner.services.analytics_formats import (
    SPEC_BY_FORMAT,
    SPECS,
    ExportFormat,
    FormatSpec,
    detect,
    foreign_language,
    norm,
)
from cmplanner.services.metrics import Counts, MetricsService
from cmplanner.storage.tables import AccountRow, BrandRow, ExternalPostRow, PostTargetRow

MAX_BYTES = 50 * 1024 * 1024
MAX_LISTED_ERRORS = 12
_DELIMITERS = (",", ";", "\t")
_TIME_FORMATS = (
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y",
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
)
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE]\+?\d+$")
_GROUPED = re.compile(r"^\d{1,3}(?:[,\u00a0\u202f ]\d{3})+$")
_X_STATUS = re.compile(r"/status(?:es)?/(\d+)")
_LINKEDIN_URN = re.compile(r"(urn:li:(?:share|ugcPost|activity):\d+)")


class ImportRefused(InvalidInput):
    """The file cannot be imported as a whole; nothing of it was stored."""

    def __init__(self, message: str, hint: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message, hint)
        self.problems = problems


@dataclass(frozen=True)
class ExportRow:
    line: int
    remote_id: str
    url: str
    published: datetime | None  # naive: wall time in the brand's zone; aware: with offset
    text: str
    counts: Counts


@dataclass(frozen=True)
class ImportResult:
    format: ExportFormat
    rows: int
    matched: int
    external_added: int
    external_updated: int
    brand_name: str


# ---- reading -----------------------------------------------------------------------------


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportRefused(
            f"{path.name} is not a text file cmplanner can read.",
            "Export the report as CSV again, and import the file as downloaded.",
        ) from None


def _delimiter(text: str) -> str:
    """The separator of the header-ish first lines: the one that splits them most."""
    head = "\n".join(text.splitlines()[:6])
    best, most = ",", 0
    for d in _DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(head), delimiter=d)]
        except csv.Error:
            continue
        if widths and max(widths) > most:
            best, most = d, max(widths)
    return best


def _records(text: str, delimiter: str, name: str) -> list[tuple[int, list[str]]]:
    """(first line number, fields) per record; quoted fields may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    out: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for fields in reader:
            out.append((line, fields))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ImportRefused(
            f"{name} is damaged at line {line}: {exc}.",
            "The file may be cut short (an unclosed quote). Download the export again.",
            (f"line {line}: {exc}",),
        ) from None
    return out


def _find_header(
    records: list[tuple[int, list[str]]], forced: ExportFormat | None, name: str
) -> tuple[int, FormatSpec]:
    for i, (_line, fields) in enumerate(records[:6]):
        spec = detect(fields)
        if spec is not None and (forced is None or spec.format == forced):
            return i, spec
        if spec is not None and forced is not None:
            raise ImportRefused(
                f"{name} looks like a {spec.format.label} export, not {forced.label}.",
                f"Import it with --format {spec.format.value}, or without --format.",
            )
    first = records[0][1] if records else []
    language = foreign_language([f for _l, r in records[:6] for f in r])
    if language:
        raise ImportRefused(
            f"{name} has {language} column names; cmplanner reads the English exports.",
            "Switch the network's interface to English, export the report again, and "
            "import that file.",
        )
    shown = ", ".join(f for f in first[:8] if f.strip()) or "none"
    known = "; ".join(s.format.label for s in SPECS)
    raise ImportRefused(
        f"{name} is not an analytics export cmplanner knows (its columns: {shown}).",
        f"cmplanner reads CSV exports of: {known}. Export the post-level report as CSV "
        "and import the file unchanged.",
    )


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    normed = [norm(h) for h in header]
    for n in names:
        if n in normed:
            return normed.index(n)
    return None


def _count(raw: str) -> int | None:
    value = raw.strip().replace("\u200e", "")
    if value in ("", "-", "--", "n/a", "N/A"):
        return None
    if _GROUPED.match(value):
        value = re.sub(r"[,\u00a0\u202f ]", "", value)
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"'{raw}' is not a number") from None
    if number < 0:
        raise ValueError(f"{raw} is negative; a count cannot be")
    if number != int(number):
        raise ValueError(f"'{raw}' is not a whole number")
    return int(number)


def _time(raw: str) -> datetime | None:
    value = raw.strip()
    if not value or value.casefold() == "lifetime":
        return None
    for fmt in _TIME_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"'{raw}' is not a date and time") from None


def parse_export(
    path: Path, forced: ExportFormat | None = None
) -> tuple[FormatSpec, list[ExportRow]]:
    """Read and check a whole file; raises ImportRefused listing every bad row."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"There is no file {path}.", "Check the path and try again.") from None
    except OSError as exc:
        raise ImportRefused(f"Cannot read {path}: {exc.strerror}.", "Check the file.") from None
    if len(raw) > MAX_BYTES:
        raise ImportRefused(
            f"{path.name} is larger than {MAX_BYTES // 1024 // 1024} MB.",
            "Export a shorter date range and import the files one by one.",
        )
    text = _decode(raw, path)
    records = _records(text, _delimiter(text), path.name)
    if not records:
        raise ImportRefused(f"{path.name} is empty.", "Export the report again.")
    at, spec = _find_header(records, forced, path.name)
    header = records[at][1]
    rows, problems = _rows(spec, header, records[at + 1 :])
    if problems:
        listed = problems[:MAX_LISTED_ERRORS]
        more = len(problems) - len(listed)
        hint = "\n".join(listed) + (f"\n… and {more} more." if more > 0 else "")
        raise ImportRefused(
            f"{len(problems)} row(s) of {path.name} cannot be imported; nothing was imported.",
            hint + "\nFix these rows (or export the report again) and import the file again.",
            tuple(problems),
        )
    if not rows:
        raise ImportRefused(
            f"{path.name} has a header but no posts.", "Export a date range with posts in it."
        )
    return spec, rows


def _rows(
    spec: FormatSpec, header: list[str], records: list[tuple[int, list[str]]]
) -> tuple[list[ExportRow], list[str]]:
    width = len(header)
    id_col = _column(header, spec.ids)
    url_col = _column(header, spec.urls)
    time_col = _column(header, spec.times)
    text_cols = [c for c in (_column(header, (t,)) for t in spec.texts) if c is not None]
    count_cols = [(f, _column(header, names)) for f, names in spec.counts]
    rows: list[ExportRow] = []
    problems: list[str] = []
    for line, fields in records:
        if not any(f.strip() for f in fields):
            continue
        if len(fields) < width or any(f.strip() for f in fields[width:]):
            problems.append(
                f"line {line}: {len(fields)} fields where the header has {width} "
                "(cut short, or another separator)"
            )
            continue
        try:
            remote_id = fields[id_col].strip() if id_col is not None else ""
            if _SCIENTIFIC.match(remote_id):
                raise ValueError(
                    f"the post id reads {remote_id}: a spreadsheet rounded it "
                    "(import the CSV as downloaded)"
                )
            url = fields[url_col].strip() if url_col is not None else ""
            if not remote_id and not url:
                raise ValueError("no post id and no link")
            published = _time(fields[time_col]) if time_col is not None else None
            counts = {f: _count(fields[c]) for f, c in count_cols if c is not None}
        except ValueError as exc:
            problems.append(f"line {line}: {exc}")
            continue
        text = next((fields[c].strip() for c in text_cols if fields[c].strip()), "")
        rows.append(ExportRow(line, remote_id, url, published, text, Counts(**counts)))
    return rows, problems


# ---- matching and storing ---------------------------------------------------------------


def normalize_url(url: str) -> str:
    """Scheme, host case, www., query, fragment and trailing slash do not matter."""
    parts = urlsplit(url.strip())
    host = parts.netloc.casefold().removeprefix("www.").removeprefix("mobile.")
    if host in ("twitter.com", "x.com"):
        host = "x.com"
    return f"{host}{parts.path.rstrip('/')}"


def _id_keys(network: Network, remote_id: str, url: str) -> list[str]:
    """Every form of a post's id worth looking up."""
    keys = [remote_id] if remote_id else []
    if network == Network.FACEBOOK and "_" in remote_id:
        keys.append(remote_id.split("_", 1)[1])  # page-id_post-id
    if network == Network.X:
        m = _X_STATUS.search(url)
        if m:
            keys.append(m.group(1))
    if network == Network.LINKEDIN:
        m = _LINKEDIN_URN.search(url)
        if m:
            keys.append(m.group(1))
    return keys


class AnalyticsImporter:
    def __init__(
        self, sessions: sessionmaker[Session], metrics: MetricsService, clock: Clock
    ) -> None:
        self._sessions = sessions
        self._metrics = metrics
        self._clock = clock

    def import_file(
        self, path: Path, *, format: ExportFormat | None = None, brand_name: str | None = None
    ) -> ImportResult:
        spec, rows = parse_export(path, format)
        now = self._clock.now()
        with self._sessions.begin() as s:
            brand = self._brand(s, brand_name) if brand_name else None
            by_id, by_url = self._targets(s, spec.network, brand)
            matched: list[tuple[ExportRow, int]] = []
            unmatched: list[ExportRow] = []
            for row in rows:
                target = next(
                    (
                        by_id[k]
                        for k in _id_keys(spec.network, row.remote_id, row.url)
                        if k in by_id
                    ),
                    None,
                )
                if target is None and row.url:
                    target = by_url.get(normalize_url(row.url))
                if target is None:
                    unmatched.append(row)
                else:
                    matched.append((row, target[0]))
            if unmatched and brand is None:
                brand = self._brand_of_matches(s, [t for _r, t in matched], path.name)
            added, updated = (0, 0)
            if unmatched and brand is not None:
                added, updated = self._store_external(s, spec, brand, unmatched, now)
            self._metrics.add_snapshots(s, ((t, "", r.counts) for r, t in matched), now)
        return ImportResult(
            spec.format, len(rows), len(matched), added, updated, brand.name if brand else ""
        )

    @staticmethod
    def _brand(s: Session, name: str) -> BrandRow:
        want = " ".join(name.split()).casefold()
        for row in s.scalars(select(BrandRow)):
            if row.name.casefold() == want:
                return row
        raise NotFound(f"No brand called '{name}'.", "Check the name with: cmplanner brands list")

    @staticmethod
    def _targets(
        s: Session, network: Network, brand: BrandRow | None
    ) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
        """Every target on this network: by remote id and by URL -> (target id, brand id)."""
        q = (
            select(
                PostTargetRow.id,
                PostTargetRow.remote_id,
                PostTargetRow.remote_url,
                AccountRow.brand_id,
            )
            .join(AccountRow, AccountRow.id == PostTargetRow.account_id)
            .where(AccountRow.network == network.value)
            .where((PostTargetRow.remote_id != "") | (PostTargetRow.remote_url != ""))
        )
        if brand is not None:
            q = q.where(AccountRow.brand_id == brand.id)
        by_id: dict[str, tuple[int, int]] = {}
        by_url: dict[str, tuple[int, int]] = {}
        for target_id, remote_id, remote_url, brand_id in s.execute(q):
            for key in _id_keys(network, remote_id, remote_url):
                by_id.setdefault(key, (target_id, brand_id))
            if remote_url:
                by_url.setdefault(normalize_url(remote_url), (target_id, brand_id))
        return by_id, by_url

    @staticmethod
    def _brand_of_matches(s: Session, target_ids: list[int], name: str) -> BrandRow:
        brand_ids = set(
            s.scalars(
                select(AccountRow.brand_id)
                .join(PostTargetRow, PostTargetRow.account_id == AccountRow.id)
                .where(PostTargetRow.id.in_(target_ids))
            )
        )
        if len(brand_ids) == 1:
            row = s.get(BrandRow, brand_ids.pop())
            if row is not None:
                return row
        raise ImportRefused(
            f"Some posts in {name} match no planned post, and cmplanner cannot tell which "
            "brand they belong to; nothing was imported.",
            "Say which brand the export is for: cmplanner import-analytics FILE --brand NAME",
        )

    def _store_external(
        self,
        s: Session,
        spec: FormatSpec,
        brand: BrandRow,
        rows: list[ExportRow],
        now: datetime,
    ) -> tuple[int, int]:
        accounts = list(
            s.scalars(
                select(AccountRow.id).where(
                    AccountRow.brand_id == brand.id, AccountRow.network == spec.network.value
                )
            )
        )
        account_id = accounts[0] if len(accounts) == 1 else None
        added = updated = 0
        snapshots: list[tuple[int | None, str, Counts]] = []
        for row in rows:
            key = row.remote_id or normalize_url(row.url)
            ref = f"{spec.network.value}:{key}"
            published = _utc(row.published, brand.timezone)
            existing = s.scalar(select(ExternalPostRow).where(ExternalPostRow.ref == ref))
            if existing is None:
                s.add(
                    ExternalPostRow(
                        brand_id=brand.id,
                        account_id=account_id,
                        network=spec.network.value,
                        ref=ref,
                        remote_id=row.remote_id,
                        remote_url=row.url,
                        published_utc=published,
                        text=row.text,
                        source=spec.format.value,
                        imported_utc=now.replace(tzinfo=None),
                    )
                )
                added += 1
            else:
                if existing.brand_id != brand.id:
                    raise ImportRefused(
                        f"Line {row.line}: this post was imported before for another brand; "
                        "nothing was imported.",
                        "Import the file for the brand it was first imported for.",
                    )
                existing.text = row.text or existing.text
                existing.published_utc = published or existing.published_utc
                updated += 1
            snapshots.append((None, ref, row.counts))
        s.flush()
        self._metrics.add_snapshots(s, snapshots, now)
        return added, updated


def _utc(published: datetime | None, tz: str) -> datetime | None:
    if published is None:
        return None
    if published.tzinfo is not None:
        return published.astimezone(UTC).replace(tzinfo=None)
    try:
        return to_utc(published, tz).utc.replace(tzinfo=None)
    except NonexistentLocalTime:  # inside a DST gap: the offset before it
        return published.replace(tzinfo=zone(tz)).astimezone(UTC).replace(tzinfo=None)


def format_names() -> list[str]:
    return [f.value for f in SPEC_BY_FORMAT]
