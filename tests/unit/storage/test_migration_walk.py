"""Every earlier schema, filled with data, upgrades to head with nothing lost (both engines).

The revisions come from the code's ``KNOWN_REVISIONS`` (checked against Alembic's chain), so
a new migration is covered as soon as it is known. Each table of the old schema gets rows
with a value in every column (found by reflection, so the test needs no update per
revision); after the upgrade every one of those values is still there, and the upgraded
database takes new brands and posts through the services (on PostgreSQL: its id sequences
still work after the rows the old schema held).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    inspect,
    select,
)

from cmplanner.domain.clock import FixedClock
from cmplanner.paths import Paths
from cmplanner.services.workspace import open_workspace
from cmplanner.storage.engine import make_engine
from cmplanner.storage.migrate import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    MIGRATIONS_DIR,
    current_revision,
    ensure_schema,
    upgrade_to,
)
from tests.conftest import NOW

ROWS_PER_TABLE = 3


def _chain() -> list[str]:
    """Alembic's revisions, oldest first."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return [s.revision for s in reversed(list(ScriptDirectory.from_config(cfg).walk_revisions()))]


EARLIER = sorted(KNOWN_REVISIONS - {HEAD_REVISION})


def test_the_known_revisions_are_alembics_chain() -> None:
    assert _chain() == sorted(KNOWN_REVISIONS)
    assert _chain()[-1] == HEAD_REVISION


@pytest.fixture
def blank(blank_db_url: str) -> Iterator[Engine]:
    engine = make_engine(blank_db_url)
    yield engine
    engine.dispose()


def _value(table: Table, column: Any, i: int) -> Any:
    kind = column.type
    if isinstance(kind, Boolean):
        return i % 2 == 0
    if isinstance(kind, Integer):
        return 40 + i
    if isinstance(kind, Float | Numeric):
        return 0.5 + i
    if isinstance(kind, DateTime):
        return datetime(2026, 3, 29, 1, 30) + timedelta(days=i, minutes=7 * i)
    if isinstance(kind, Date):
        return (datetime(2026, 3, 29) + timedelta(days=i)).date()
    if isinstance(kind, String | Text):
        text = f"{table.name}.{column.name} #{i} ñ €"
        length = getattr(kind, "length", None)
        return text[-length:] if length else text
    raise AssertionError(f"no sample value for {table.name}.{column.name} of type {kind!r}")


def _fill(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Rows with every column set, in foreign-key order; returns them as read back."""
    meta = MetaData()
    meta.reflect(engine)
    filled: dict[str, list[dict[str, Any]]] = {}
    with engine.begin() as conn:
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            parents = {
                fk.parent.name: fk.column.table.name
                for fk in table.foreign_keys
                if fk.column.table.name != table.name
            }
            for i in range(ROWS_PER_TABLE):
                row: dict[str, Any] = {}
                for col in table.columns:
                    if col.primary_key and isinstance(col.type, Integer):
                        continue  # the database numbers rows (PostgreSQL: its sequence)
                    if col.name in parents:
                        parent = meta.tables[parents[col.name]]
                        ids = conn.scalars(select(parent.c.id).order_by(parent.c.id)).all()
                        row[col.name] = ids[i % len(ids)]
                    elif any(fk.column.table is table for fk in col.foreign_keys):
                        row[col.name] = None  # a self-reference (thread parent): none
                    else:
                        row[col.name] = _value(table, col, i)
                conn.execute(table.insert().values(**row))
            filled[table.name] = [dict(r._mapping) for r in conn.execute(select(table))]
            assert len(filled[table.name]) == ROWS_PER_TABLE, table.name
    return filled


def _key(table: Table, row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[c.name] for c in table.primary_key.columns)


@pytest.mark.parametrize("revision", EARLIER)
def test_a_filled_database_at_an_earlier_revision_upgrades_with_nothing_lost(
    blank: Engine, revision: str, tmp_path: Path
) -> None:
    upgrade_to(blank, revision)
    assert current_revision(blank) == revision
    before = _fill(blank)

    ensure_schema(blank, tmp_path / "backups")

    assert current_revision(blank) == HEAD_REVISION
    meta = MetaData()
    meta.reflect(blank)
    with blank.connect() as conn:
        for name, rows in before.items():
            assert name in meta.tables, f"table {name} was dropped by the upgrade"
            table = meta.tables[name]
            after = {_key(table, dict(r._mapping)): dict(r._mapping) for r in conn.execute(
                select(table))}  # fmt: skip
            assert len(after) == len(rows), f"{name}: {len(rows)} rows before, {len(after)} after"
            for row in rows:
                now = after[_key(table, row)]
                for column, value in row.items():
                    assert column in now, f"{name}.{column} was dropped by the upgrade"
                    assert now[column] == value, f"{name}.{column}: {value!r} -> {now[column]!r}"


@pytest.mark.parametrize("revision", EARLIER)
def test_an_upgraded_database_takes_new_posts_and_edits(
    blank: Engine, revision: str, tmp_path: Path
) -> None:
    upgrade_to(blank, revision)
    before = _fill(blank)
    blank.dispose()
    home = tmp_path / "home"
    ws = open_workspace(
        Paths(home=home, logs=home / "logs"), db_url=_url(blank), clock=FixedClock(NOW)
    )
    try:
        brand = ws.brands.create("Brand after the upgrade", "Europe/Madrid")
        post = ws.posts.create(brand.id, "Written after the upgrade")
        edited = ws.posts.update(post.id, text="Edited after the upgrade")

        assert brand.id not in {r["id"] for r in before["brand"]}
        assert post.id not in {r["id"] for r in before["post"]}
        assert edited.text == "Edited after the upgrade"
        assert edited.version == post.version + 1
        assert len(ws.brands.all(include_archived=True)) == len(before["brand"]) + 1
    finally:
        ws.close()


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_the_schema_at_head_has_every_table_the_walk_filled(blank: Engine) -> None:
    upgrade_to(blank, HEAD_REVISION)
    names = set(inspect(blank).get_table_names())
    assert {"brand", "post", "post_target", "account"} <= names
