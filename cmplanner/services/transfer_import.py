"""Bulk import of posts from a CSV file: every row checked first, then all or nothing.

``plan`` turns each row into a ``PlannedPost`` or a line-numbered ``RowProblem`` (unknown
brand, date that does not read, a past date, a DST gap, a missing file, an account that is
not the brand's, a text a network refuses); one problem and nothing is imported.
``run`` creates the posts; should one still fail, the ones made are removed again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cmplanner.domain.clock import Clock
from cmplanner.domain.enums import PostState
from cmplanner.domain.errors import KnownError
from cmplanner.domain.models import Account, Brand
from cmplanner.domain.timezones import NonexistentLocalTime, parse_iso, to_utc
from cmplanner.services.accounts import AccountService
from cmplanner.services.brands import BrandService
from cmplanner.services.post_checks import blocking_summary, check_targets, overall
from cmplanner.services.posts import MAX_TEXT, MediaInput, PostService
from cmplanner.services.transfer_csv import (
    CsvTable,
    ImportRejected,
    Layout,
    RowProblem,
    guess_layout,
    guess_mapping,
)

_LIST_SPLIT = re.compile(r"[|;\n]")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})[ T]+(\d{1,2}):(\d{2})(?::\d{2})?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::\d{2})?$")


@dataclass(frozen=True)
class ImportOptions:
    layout: Layout | None = None
    #: field -> column index; None: from the header names
    mapping: Mapping[str, int] | None = None
    #: the brand for rows that name none (Hootsuite and Buffer files never do)
    brand: str | None = None
    #: accounts every imported post goes to when its row names none
    account_ids: tuple[int, ...] = ()
    #: Hootsuite dates: DD/MM/YYYY (True) or MM/DD/YYYY
    day_first: bool = True


@dataclass(frozen=True)
class PlannedPost:
    line: int
    brand: Brand
    text: str
    local_at: datetime | None
    state: PostState
    account_ids: tuple[int, ...] = ()
    media: tuple[Path, ...] = ()
    tags: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class ImportResult:
    post_ids: tuple[int, ...]
    layout: Layout
    notes: tuple[str, ...] = field(default_factory=tuple)


class PostImporter:
    def __init__(
        self, brands: BrandService, accounts: AccountService, posts: PostService, clock: Clock
    ) -> None:
        self._brands = brands
        self._accounts = accounts
        self._posts = posts
        self._clock = clock

    def plan(self, table: CsvTable, options: ImportOptions) -> list[PlannedPost]:
        """Every row as a post to make, or ImportRejected naming every bad line."""
        layout = options.layout or guess_layout(table)
        mapping = dict(options.mapping or guess_mapping(table, layout))
        problems: list[RowProblem] = []
        if "text" not in mapping:
            problems.append(RowProblem(0, "no column is mapped to the post text"))
        if "brand" not in mapping and not options.brand:
            problems.append(
                RowProblem(0, "the file names no brand: choose the brand to import into")
            )
        if problems:
            raise ImportRejected(table.name, problems)
        brands = {b.name.casefold(): b for b in self._brands.all(include_archived=True)}
        accounts: dict[int, list[Account]] = {}
        planned: list[PlannedPost] = []
        for line, cells in table.rows:
            try:
                planned.append(
                    self._row(table, layout, mapping, options, line, cells, brands, accounts)
                )
            except _Bad as bad:
                problems.append(RowProblem(line, bad.reason))
        if not planned and not problems:
            problems.append(RowProblem(0, "the file has no rows of posts"))
        if problems:
            raise ImportRejected(table.name, problems)
        return planned

    def run(self, table: CsvTable, options: ImportOptions) -> ImportResult:
        planned = self.plan(table, options)
        made: list[int] = []
        for p in planned:
            try:
                post = self._posts.create(
                    p.brand.id,
                    p.text,
                    local_at=p.local_at,
                    state=p.state,
                    tags=p.tags,
                    notes=p.notes,
                    media=[MediaInput(m) for m in p.media],
                    account_ids=p.account_ids,
                )
            except KnownError as exc:
                if made:
                    self._posts.delete(made)
                raise ImportRejected(table.name, [RowProblem(p.line, str(exc))]) from None
            made.append(post.id)
        layout = options.layout or guess_layout(table)
        return ImportResult(tuple(made), layout)

    # ---- one row ----------------------------------------------------------------------

    def _row(
        self,
        table: CsvTable,
        layout: Layout,
        mapping: Mapping[str, int],
        options: ImportOptions,
        line: int,
        cells: Sequence[str],
        brands: dict[str, Brand],
        accounts: dict[int, list[Account]],
    ) -> PlannedPost:
        def cell(name: str) -> str:
            i = mapping.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        brand_name = cell("brand") or options.brand or ""
        brand = brands.get(" ".join(brand_name.split()).casefold())
        if brand is None:
            known = ", ".join(sorted(b.name for b in brands.values())) or "none yet"
            raise _Bad(f"unknown brand “{brand_name}” (known: {known})")
        text = cell("text")
        if cell("link"):
            text = f"{text} {cell('link')}".strip()
        if not text:
            raise _Bad("the post text is empty")
        if len(text) > MAX_TEXT:
            raise _Bad(f"the text is {len(text):,} characters; {MAX_TEXT:,} at most")
        wall = self._when(cell("datetime"), layout, options, brand)
        mine = accounts.setdefault(brand.id, self._accounts.all(brand.id))
        targets = self._targets(cell("targets"), mine) or tuple(
            a for a in options.account_ids if any(m.id == a for m in mine)
        )
        notes, media = self._media(cell("media"), table.folder)
        tags = tuple(t.strip() for t in re.split(r"[|,]", cell("tags")) if t.strip())
        state = self._state(cell("state"), wall)
        if state in (PostState.READY, PostState.SCHEDULED) and targets:
            checks = check_targets(text, [a for a in mine if a.id in targets])
            if overall(checks).value == "error":
                raise _Bad(blocking_summary(checks))
        return PlannedPost(line, brand, text, wall, state, targets, media, tags, notes)

    def _when(
        self, raw: str, layout: Layout, options: ImportOptions, brand: Brand
    ) -> datetime | None:
        if not raw:
            if layout == Layout.CMPLANNER:
                return None
            raise _Bad("the date and time are missing")
        wall = _parse_when(raw, layout, options.day_first, brand.timezone)
        try:
            utc = to_utc(wall, brand.timezone).utc
        except NonexistentLocalTime as gap:
            raise _Bad(f"{gap.message} {gap.hint}") from None
        if utc < self._clock.now():
            raise _Bad(f"{wall:%Y-%m-%d %H:%M} ({brand.timezone}) is in the past")
        return wall

    @staticmethod
    def _targets(raw: str, accounts: Sequence[Account]) -> tuple[int, ...]:
        out: list[int] = []
        for item in (x.strip() for x in re.split(r"[|;,\s]+", raw) if x.strip()):
            found = [
                a
                for a in accounts
                if item == str(a.id)
                or item.lstrip("@").casefold() == a.handle.lstrip("@").casefold()
                or item.casefold() == a.network.value
            ]
            if not found:
                have = ", ".join(f"{a.id} {a.handle}" for a in accounts) or "none"
                raise _Bad(f"no account “{item}” in this brand (its accounts: {have})")
            out.extend(a.id for a in found)
        return tuple(dict.fromkeys(out))

    @staticmethod
    def _media(raw: str, folder: Path) -> tuple[str, tuple[Path, ...]]:
        notes: list[str] = []
        files: list[Path] = []
        for item in (x.strip() for x in _LIST_SPLIT.split(raw) if x.strip()):
            if item.lower().startswith(("http://", "https://")):
                notes.append(f"Image to attach: {item}")
                continue
            path = Path(item).expanduser()
            path = path if path.is_absolute() else folder / path
            if not path.is_file():
                raise _Bad(f"the media file {item} does not exist (looked for {path})")
            files.append(path)
        return "\n".join(notes), tuple(files)

    @staticmethod
    def _state(raw: str, wall: datetime | None) -> PostState:
        if not raw:
            return PostState.SCHEDULED if wall is not None else PostState.DRAFT
        try:
            state = PostState(raw.strip().lower())
        except ValueError:
            raise _Bad(f"unknown state “{raw}” (idea, draft, ready or scheduled)") from None
        if state not in (PostState.IDEA, PostState.DRAFT, PostState.READY, PostState.SCHEDULED):
            raise _Bad(f"a post cannot be imported as {state.value}")
        if state == PostState.SCHEDULED and wall is None:
            raise _Bad("a scheduled post needs a date and time")
        return state


class _Bad(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _parse_when(raw: str, layout: Layout, day_first: bool, tz: str) -> datetime:
    text = " ".join(raw.split())
    m = _DMY.match(text)
    if m:
        a, b, year, hour, minute = (int(x) for x in m.groups())
        day, month = (a, b) if day_first else (b, a)
        try:
            return datetime(year, month, day, hour, minute)
        except ValueError:
            order = "DD/MM/YYYY" if day_first else "MM/DD/YYYY"
            raise _Bad(f"“{raw}” is not a date in {order} HH:MM") from None
    m = _YMD.match(text)
    if m:
        try:
            y, mo, d, h, mi = (int(x) for x in m.groups())
            return datetime(y, mo, d, h, mi)
        except ValueError:
            raise _Bad(f"“{raw}” is not a date") from None
    try:
        return parse_iso(text, tz)
    except KnownError:
        hint = {
            Layout.HOOTSUITE: "DD/MM/YYYY HH:MM",
            Layout.BUFFER: "YYYY-MM-DD HH:MM",
            Layout.CMPLANNER: "ISO 8601, e.g. 2026-12-03T09:30 or 2026-12-03T09:30+01:00",
        }[layout]
        raise _Bad(f"“{raw}” is not a date and time (write {hint})") from None
