"""Schema 0004 (publisher bookkeeping): an older file upgrades with its targets intact."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from cmplanner.storage.engine import make_engine, sqlite_url
from cmplanner.storage.migrate import HEAD_REVISION, current_revision, ensure_schema, upgrade_to


def test_targets_keep_their_keys_and_get_the_publisher_columns(tmp_path: Path) -> None:
    eng = make_engine(sqlite_url(str(tmp_path / "old.db")))
    try:
        upgrade_to(eng, "0003")
        with eng.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO brand (id, name, timezone, color, brief, default_hashtags, tags,"
                " archived, missed_slot_policy, missed_slot_minutes, paused, version)"
                " VALUES (1, 'Sol', 'Europe/Madrid', '#d9822b', '', '', '', 0, 'ask', 60, 0, 1)"
            )
            conn.exec_driver_sql(
                "INSERT INTO account (id, brand_id, network, handle, display_name, server,"
                " remote_id, avatar_url, status, media_base_url)"
                " VALUES (1, 1, 'bluesky', 'sol.test', '', '', '', '', 'connected', '')"
            )
            conn.exec_driver_sql(
                "INSERT INTO post (id, brand_id, text, state, tags, notes, content_warning,"
                " timezone, evergreen, evergreen_min_days, approval, thread_index, created_utc,"
                " updated_utc, version, check_level, networks) VALUES (1, 1, 'Hola', 'scheduled',"
                " '', '', '', 'Europe/Madrid', 0, 30, '', 0, '2026-01-01', '2026-01-01', 1, '',"
                " 'bluesky')"
            )
            conn.exec_driver_sql(
                "INSERT INTO post_target (id, post_id, account_id, state, idempotency_key,"
                " record_key, remote_id, remote_url, handoff_id, claimed_by, last_error)"
                " VALUES (1, 1, 1, 'claimed', 'k1', '3l2abcdefgh22', '', '', '', 'w', '')"
            )

        ensure_schema(eng, tmp_path / "backups")

        assert current_revision(eng) == HEAD_REVISION
        columns = {c["name"] for c in inspect(eng).get_columns("post_target")}
        assert {"tries", "publish_late", "handoff_utc", "handoff_digest"} <= columns
        with eng.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT state, record_key, tries, publish_late, handoff_digest FROM post_target"
            ).one()
        assert tuple(row) == ("claimed", "3l2abcdefgh22", 0, 0, "")
    finally:
        eng.dispose()
