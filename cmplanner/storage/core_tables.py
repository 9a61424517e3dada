"""The four tables the calendar reads before the window first paints, as plain Core clauses.

``storage.tables`` declares the ORM classes of all 23 tables; SQLAlchemy's declarative
machinery makes that module the costliest import of the start (~70–110 ms of CPU here),
and nothing before the first paint writes or loads an ORM object: the month, the brand
list and the filter bar read plain tuples. Their selects use these lightweight
``table()``/``column()`` clauses instead, so the ORM tables are imported later, on first
use (``storage.lazy_tables``).

Each clause lists every column of its table with the same type class (the types drive
how SQLite's text comes back: datetimes, booleans); the schema itself, lengths, keys and
indexes stay in ``storage.tables`` and the migrations. ``tests/unit/test_core_tables.py``
holds the two to the same names and types.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, DateTime, Integer, String, Text, column, table
from sqlalchemy.sql.expression import TableClause
from sqlalchemy.types import TypeEngine

_TYPES: dict[str, type[TypeEngine[Any]]] = {
    "int": Integer,
    "str": String,
    "text": Text,
    "bool": Boolean,
    "time": DateTime,
}

#: Each table's columns in order, as ``name:type``.
SPECS: dict[str, str] = {
    "brand": (
        "id:int name:str timezone:str color:str brief:text default_hashtags:text tags:text "
        "archived:bool missed_slot_policy:str missed_slot_minutes:int paused:bool version:int"
    ),
    "post": (
        "id:int brand_id:int text:text state:str tags:text notes:text content_warning:text "
        "local_at:time timezone:str scheduled_utc:time evergreen:bool evergreen_min_days:int "
        "recycled_from_id:int approval:str check_level:str networks:str thread_parent_id:int "
        "thread_index:int created_utc:time updated_utc:time version:int"
    ),
    "account": (
        "id:int brand_id:int network:str handle:str display_name:str server:str remote_id:str "
        "avatar_url:text status:str token_expires_utc:time rate_limited_until_utc:time "
        "media_base_url:text char_limit:int url_cost:int"
    ),
    "post_target": (
        "id:int post_id:int account_id:int variant_text:text state:str idempotency_key:str "
        "record_key:text remote_id:text remote_url:text handoff_id:text claimed_by:str "
        "claimed_utc:time retry_at_utc:time last_error:text tries:int publish_late:bool "
        "handoff_utc:time handoff_digest:str"
    ),
}


def _clause(name: str) -> TableClause:
    cols = (item.split(":") for item in SPECS[name].split())
    return table(name, *(column(col, _TYPES[kind]()) for col, kind in cols))


brand = _clause("brand")
post = _clause("post")
account = _clause("account")
post_target = _clause("post_target")
