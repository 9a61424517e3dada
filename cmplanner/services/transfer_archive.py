"""A whole workspace as one zip (``workspace.json`` + ``media/``) and back.

The JSON holds every table's rows (brands, accounts, posts and their targets, media,
slots, comments, metrics, inbox…) with their ids, so links survive. It holds no secret:
cmplanner keeps secrets in the OS keyring only, and the composer's journal of unsaved
edits (``draft_journal``) is left out. ``restore`` refuses a database that already holds
brands or posts: it is for an empty (new) workspace. Reconnect the accounts afterwards
(their passwords and tokens are not in the file).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, func, insert, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.errors import InvalidInput
from cmplanner.services.notifier import ChangeNotifier, Topic
from cmplanner.storage.migrate import HEAD_REVISION, KNOWN_REVISIONS
from cmplanner.storage.tables import Base, BrandRow, MediaRow, PostRecord

FORMAT = "cmplanner-workspace"
VERSION = 1
SKIPPED_TABLES = frozenset({"draft_journal"})
#: Columns pointing at a row of their own table: restored in a second pass.
SELF_LINKS = {"post": ("thread_parent_id",)}


def _json_value(v: Any) -> Any:
    return v.isoformat() if isinstance(v, datetime) else v


def export_workspace(
    sessions: sessionmaker[Session], media_root: Path, dest: Path, now: datetime
) -> dict[str, int]:
    """Write the zip; returns how many rows each table gave."""
    dest = Path(dest).expanduser()
    tables: dict[str, list[dict[str, Any]]] = {}
    with sessions() as s:
        for table in Base.metadata.sorted_tables:
            if table.name in SKIPPED_TABLES:
                continue
            pk = list(table.primary_key.columns)
            rows = s.execute(select(table).order_by(*pk)).mappings()
            tables[table.name] = [{k: _json_value(v) for k, v in r.items()} for r in rows]
        media = [(r.rel_path, r.sha256) for r in s.scalars(select(MediaRow))]
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "schema": HEAD_REVISION,
        "exported_utc": now.astimezone(UTC).isoformat(),
        "tables": tables,
    }
    tmp = dest.with_name(dest.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("workspace.json", json.dumps(doc, ensure_ascii=False, indent=1))
        for rel, _sha in media:
            src = media_root / rel
            if src.is_file():
                z.write(src, f"media/{rel}", compress_type=zipfile.ZIP_STORED)
    tmp.replace(dest)
    return {name: len(rows) for name, rows in tables.items()}


def restore_workspace(
    engine: Engine,
    sessions: sessionmaker[Session],
    notifier: ChangeNotifier,
    media_root: Path,
    source: Path,
) -> dict[str, int]:
    """Bring an exported workspace back into an empty database, media included."""
    source = Path(source).expanduser()
    doc, z = _open(source)
    with z:
        with sessions() as s:
            if s.scalar(select(func.count(BrandRow.id))) or s.scalar(
                select(func.count(PostRecord.id))
            ):
                raise InvalidInput(
                    "This workspace is not empty: a restore would mix two workspaces.",
                    "Restore into a new, empty workspace: cmplanner --home NEW_FOLDER restore "
                    "FILE (or open an empty database with --db).",
                )
        _copy_media(z, media_root, doc["tables"].get("media", []))  # checked before any row
        counts = _insert_rows(engine, doc["tables"])
    notifier.changed(Topic.BRANDS, ())
    notifier.changed(Topic.ACCOUNTS, ())
    notifier.changed(Topic.POSTS, ())
    return counts


def _open(source: Path) -> tuple[dict[str, Any], zipfile.ZipFile]:
    try:
        z = zipfile.ZipFile(source)
        doc = json.loads(z.read("workspace.json"))
    except FileNotFoundError:
        raise InvalidInput(f"{source} does not exist.", "Check the file name.") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InvalidInput(
            f"{source.name} is not a cmplanner workspace export.",
            "Pick a .zip made by cmplanner export workspace.",
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        z.close()
        raise InvalidInput(
            f"{source.name} is not a cmplanner workspace export.",
            "Pick a .zip made by cmplanner export workspace.",
        )
    if doc.get("schema") not in KNOWN_REVISIONS or int(doc.get("version", 0)) > VERSION:
        z.close()
        raise InvalidInput(
            f"{source.name} was made by a newer cmplanner (schema {doc.get('schema')}).",
            "Update cmplanner, then restore it again.",
        )
    return doc, z


def _insert_rows(engine: Engine, tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        for table in Base.metadata.sorted_tables:
            rows = tables.get(table.name) or []
            if not rows:
                continue
            known = {c.name: c for c in table.columns}
            links = SELF_LINKS.get(table.name, ())
            clean = []
            for row in rows:
                item: dict[str, Any] = {}
                for k, v in row.items():
                    col = known.get(k)
                    if col is None:
                        continue
                    if v is not None and isinstance(col.type, DateTime):
                        v = datetime.fromisoformat(v).replace(tzinfo=None)
                    item[k] = None if k in links else v
                clean.append(item)
            conn.execute(insert(table), clean)
            for k in links:
                for row in rows:
                    if row.get(k) is not None:
                        conn.execute(
                            update(table).where(table.c.id == row["id"]).values({k: row[k]})
                        )
            counts[table.name] = len(clean)
            if conn.dialect.name == "postgresql" and "id" in known:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT max(id) FROM {table.name}))"
                    )
                )
    return counts


def _copy_media(z: zipfile.ZipFile, root: Path, rows: list[dict[str, Any]]) -> None:
    names = set(z.namelist())
    for row in rows:
        rel = str(row["rel_path"])
        member = f"media/{rel}"
        if member not in names or ".." in Path(rel).parts or Path(rel).is_absolute():
            continue
        dest = root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        data = z.read(member)
        if hashlib.sha256(data).hexdigest() != row["sha256"]:
            raise InvalidInput(
                f"The media file {rel} in the export is damaged (its checksum differs).",
                "Export the workspace again from the original computer.",
            )
        tmp = dest.with_name(dest.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(dest)
