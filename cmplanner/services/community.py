"""What a community manager keeps per brand beside the inbox: saved replies (holding
statements among them), notes about community members, saved searches, the brand's own
tone keywords; and the crisis watch with its one action, pausing the brand's publishing.

Pausing sets ``brand.paused`` (the publisher claims nothing of a paused brand) without
touching the brand's version, so an edit of the brand open elsewhere is not refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.clock import Clock
from cmplanner.domain.enums import InboxKind, Network
from cmplanner.domain.errors import InvalidInput, NotFound
from cmplanner.domain.inbox import BrandKeyword, CrisisStatus, SavedReply, SavedSearch, Tone
from cmplanner.services.inbox_rows import naive_utc
from cmplanner.services.notifier import ChangeNotifier, Topic
from cmplanner.services.tone import words
from cmplanner.storage.tables import (
    BrandKeywordRow,
    BrandRow,
    CommunityNoteRow,
    InboxItemRow,
    SavedReplyRow,
    SavedSearchRow,
)

_VARIABLE_RE = re.compile(r"\{(name|handle)\}")


@dataclass(frozen=True)
class CrisisRule:
    """Alert when the last ``window`` has at least ``min_items`` negative items and at least
    ``factor`` times the brand's usual rate over the ``baseline`` before it."""

    window: timedelta = timedelta(hours=1)
    baseline: timedelta = timedelta(days=7)
    factor: float = 3.0
    min_items: int = 5


def fill_variables(body: str, *, name: str, handle: str) -> str:
    """A saved reply for one person: ``{name}`` (their display name, else their handle)
    and ``{handle}`` (with its @) filled in; other braces are left as they are."""
    at = handle if handle.startswith("@") or not handle else f"@{handle}"
    values = {"name": name.strip() or handle.lstrip("@"), "handle": at}
    return _VARIABLE_RE.sub(lambda m: values[m.group(1)], body)


class CommunityService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        notifier: ChangeNotifier,
        clock: Clock,
        rule: CrisisRule | None = None,
    ) -> None:
        self._sessions = sessions
        self._notifier = notifier
        self._clock = clock
        self.rule = rule or CrisisRule()

    # -- saved replies ----------------------------------------------------------------------

    def saved_replies(self, brand_id: int, *, holding_only: bool = False) -> list[SavedReply]:
        with self._sessions() as s:
            q = select(SavedReplyRow).where(SavedReplyRow.brand_id == brand_id)
            if holding_only:
                q = q.where(SavedReplyRow.holding.is_(True))
            rows = s.scalars(q.order_by(SavedReplyRow.holding.desc(), SavedReplyRow.name))
            return [_reply(r) for r in rows]

    def save_reply(
        self,
        brand_id: int,
        name: str,
        body: str,
        *,
        holding: bool = False,
        reply_id: int | None = None,
    ) -> SavedReply:
        name, body = name.strip(), body.strip()
        if not name or not body:
            raise InvalidInput(
                "A saved reply needs a name and a text.",
                "Type both; {name} and {handle} are filled in for each person.",
            )
        with self._sessions.begin() as s:
            _brand(s, brand_id)
            row = s.get(SavedReplyRow, reply_id) if reply_id else None
            if row is None:
                row = SavedReplyRow(brand_id=brand_id)
                s.add(row)
            row.name, row.body, row.holding = name, body, holding
            s.flush()
            return _reply(row)

    def delete_reply(self, reply_id: int) -> None:
        with self._sessions.begin() as s:
            s.execute(delete(SavedReplyRow).where(SavedReplyRow.id == reply_id))

    # -- member notes -----------------------------------------------------------------------

    def note(self, brand_id: int, network: Network, handle: str) -> str:
        with self._sessions() as s:
            row = _note_row(s, brand_id, network, handle)
            return row.note if row is not None else ""

    def notes(self, brand_id: int, network: Network) -> Mapping[str, str]:
        with self._sessions() as s:
            rows = s.execute(
                select(CommunityNoteRow.handle, CommunityNoteRow.note).where(
                    CommunityNoteRow.brand_id == brand_id, CommunityNoteRow.network == network.value
                )
            )
            return {h: n for h, n in rows}

    def set_note(self, brand_id: int, network: Network, handle: str, note: str) -> None:
        """Keep (or, with an empty text, forget) the note about one community member."""
        handle = handle.strip().lstrip("@")
        with self._sessions.begin() as s:
            row = _note_row(s, brand_id, network, handle)
            if not note.strip():
                if row is not None:
                    s.delete(row)
                return
            if row is None:
                _brand(s, brand_id)
                row = CommunityNoteRow(brand_id=brand_id, network=network.value, handle=handle)
                s.add(row)
            row.note = note.strip()
            row.updated_utc = naive_utc(self._clock.now())

    # -- saved searches ---------------------------------------------------------------------

    def searches(self, brand_id: int | None = None) -> list[SavedSearch]:
        with self._sessions() as s:
            q = select(SavedSearchRow).order_by(SavedSearchRow.brand_id, SavedSearchRow.id)
            if brand_id is not None:
                q = q.where(SavedSearchRow.brand_id == brand_id)
            return [SavedSearch(r.id, r.brand_id, r.query, r.network) for r in s.scalars(q)]

    def add_search(self, brand_id: int, query: str, network: Network | None = None) -> SavedSearch:
        query = " ".join(query.split())
        if not query or query == "#":
            raise InvalidInput(
                "A saved search needs words or a #hashtag.",
                "Try the brand's name, a product or a #hashtag.",
            )
        with self._sessions.begin() as s:
            _brand(s, brand_id)
            row = SavedSearchRow(
                brand_id=brand_id, query=query, network=network.value if network else ""
            )
            s.add(row)
            s.flush()
            return SavedSearch(row.id, row.brand_id, row.query, row.network)

    def remove_search(self, search_id: int) -> None:
        with self._sessions.begin() as s:
            s.execute(delete(SavedSearchRow).where(SavedSearchRow.id == search_id))

    # -- tone keywords ----------------------------------------------------------------------

    def keywords(self, brand_id: int) -> list[BrandKeyword]:
        with self._sessions() as s:
            rows = s.scalars(
                select(BrandKeywordRow)
                .where(BrandKeywordRow.brand_id == brand_id)
                .order_by(BrandKeywordRow.term)
            )
            return [_keyword(r) for r in rows]

    def set_keyword(
        self, brand_id: int, term: str, tone: Tone, *, urgent: bool = False
    ) -> BrandKeyword:
        """Add or change one of the brand's words (a correction is one too)."""
        clean = " ".join(term.split())
        if not words(clean):
            raise InvalidInput(
                "A keyword needs at least one word.", "Type a word or a short phrase."
            )
        with self._sessions.begin() as s:
            _brand(s, brand_id)
            row = s.scalar(
                select(BrandKeywordRow).where(
                    BrandKeywordRow.brand_id == brand_id,
                    func.lower(BrandKeywordRow.term) == clean.lower(),
                )
            )
            if row is None:
                row = BrandKeywordRow(brand_id=brand_id, term=clean)
                s.add(row)
            row.tone, row.urgent = tone.value, urgent
            s.flush()
            return _keyword(row)

    def remove_keyword(self, keyword_id: int) -> None:
        with self._sessions.begin() as s:
            s.execute(delete(BrandKeywordRow).where(BrandKeywordRow.id == keyword_id))

    # -- crisis -----------------------------------------------------------------------------

    def crisis(self, brand_id: int) -> CrisisStatus:
        """Negative items in the last hour against the brand's trailing hourly rate."""
        rule = self.rule
        now = naive_utc(self._clock.now())
        start = now - rule.window
        base_start = start - rule.baseline
        with self._sessions() as s:
            brand = _brand(s, brand_id)
            negative = select(func.count(InboxItemRow.id)).where(
                InboxItemRow.brand_id == brand_id,
                InboxItemRow.tone == Tone.NEGATIVE.value,
                InboxItemRow.kind != InboxKind.FOLLOW.value,
            )
            last = s.scalar(
                negative.where(InboxItemRow.created_utc > start, InboxItemRow.created_utc <= now)
            )
            before = s.scalar(
                negative.where(
                    InboxItemRow.created_utc > base_start, InboxItemRow.created_utc <= start
                )
            )
            name, paused = brand.name, brand.paused
        hours = rule.baseline / rule.window
        baseline = (before or 0) / hours
        count = last or 0
        alert = count >= rule.min_items and count >= rule.factor * baseline
        holding = tuple(self.saved_replies(brand_id, holding_only=True)) if alert or paused else ()
        return CrisisStatus(brand_id, name, count, round(baseline, 2), alert, paused, holding)

    def alerts(self) -> list[CrisisStatus]:
        """Brands in alert now, and paused brands (so "resume" stays at hand)."""
        with self._sessions() as s:
            ids = list(s.scalars(select(BrandRow.id).where(BrandRow.archived.is_(False))))
        out = [self.crisis(i) for i in ids]
        return [c for c in out if c.alert or c.paused]

    def set_paused(self, brand_id: int, paused: bool) -> CrisisStatus:
        """Pause (or resume) every post of the brand: the publisher skips a paused brand."""
        with self._sessions.begin() as s:
            _brand(s, brand_id)
            s.execute(update(BrandRow).where(BrandRow.id == brand_id).values(paused=paused))
        self._notifier.changed(Topic.BRANDS, (brand_id,))
        self._notifier.changed(Topic.POSTS, ())
        return self.crisis(brand_id)


def _brand(s: Session, brand_id: int) -> BrandRow:
    row = s.get(BrandRow, brand_id)
    if row is None:
        raise NotFound(f"Brand {brand_id} does not exist.", "Pick an existing brand.")
    return row


def _reply(r: SavedReplyRow) -> SavedReply:
    return SavedReply(r.id, r.brand_id, r.name, r.body, r.holding)


def _keyword(r: BrandKeywordRow) -> BrandKeyword:
    try:
        tone = Tone(r.tone)
    except ValueError:
        tone = Tone.NEUTRAL
    return BrandKeyword(r.id, r.brand_id, r.term, tone, r.urgent)


def _note_row(s: Session, brand_id: int, network: Network, handle: str) -> CommunityNoteRow | None:
    return s.scalar(
        select(CommunityNoteRow).where(
            CommunityNoteRow.brand_id == brand_id,
            CommunityNoteRow.network == network.value,
            CommunityNoteRow.handle == handle.strip().lstrip("@"),
        )
    )
