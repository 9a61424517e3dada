"""The autosave journal: composer edits in progress, so a crash loses (almost) nothing.

The composer writes its whole state here a moment after each change (debounced well
under the 2-second promise); saving or discarding the edit removes the entry. On the
next start, entries still here are edits that were interrupted, offered for restore.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.clock import Clock
from cmplanner.domain.models import DraftEdit
from cmplanner.domain.timezones import as_aware
from cmplanner.storage.lazy_tables import tables


def _encode(edit: DraftEdit) -> str:
    return json.dumps(
        {
            "brand_id": edit.brand_id,
            "text": edit.text,
            "tags": list(edit.tags),
            "notes": edit.notes,
            "local_at": edit.local_at.isoformat() if edit.local_at else None,
            "media_paths": list(edit.media_paths),
            "extra": edit.extra,
        },
        ensure_ascii=False,
    )


def _decode(row: tables.DraftJournalRow) -> DraftEdit:
    data = json.loads(row.payload)
    return DraftEdit(
        key=row.key,
        post_id=row.post_id,
        brand_id=data.get("brand_id"),
        text=data.get("text", ""),
        tags=tuple(data.get("tags", ())),
        notes=data.get("notes", ""),
        local_at=datetime.fromisoformat(data["local_at"]) if data.get("local_at") else None,
        media_paths=tuple(data.get("media_paths", ())),
        saved_utc=as_aware(row.saved_utc),
        extra=dict(data.get("extra", {})),
    )


class DraftJournal:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def save(self, edit: DraftEdit) -> None:
        """Record the edit's whole state (upsert by key), committed at once."""
        with self._sessions.begin() as s:
            row = s.get(tables.DraftJournalRow, edit.key)
            now = self._clock.now().replace(tzinfo=None)
            if row is None:
                s.add(
                    tables.DraftJournalRow(
                        key=edit.key, post_id=edit.post_id, payload=_encode(edit), saved_utc=now
                    )
                )
            else:
                row.post_id = edit.post_id
                row.payload = _encode(edit)
                row.saved_utc = now

    def discard(self, key: str) -> None:
        with self._sessions.begin() as s:
            s.execute(delete(tables.DraftJournalRow).where(tables.DraftJournalRow.key == key))

    def pending(self) -> list[DraftEdit]:
        """Interrupted edits, oldest first."""
        with self._sessions() as s:
            q = select(tables.DraftJournalRow).order_by(tables.DraftJournalRow.saved_utc)
            return [_decode(r) for r in s.scalars(q)]
