"""Reading what a client sends back: the small decisions JSON the pack's "Save my
decisions" button downloads, or the pack itself saved with the decisions filled in.

The pack keeps its decisions, always up to date, in one ``<script type="application/json"
id="cmp-decisions">`` element (the page's script rewrites it on every change, so the
page saved by the button or by the browser's own "Save page as" both carry them). The
JSON shape, format version 1::

    {"format": "cmplanner-approval-decisions", "format_version": 1,
     "pack_id": "…", "brand_id": 3, "brand": "Northwind", "reviewer": "Ana",
     "saved_at": "2026-11-27T10:02:11.000Z",
     "decisions": [{"post_id": 12, "version": 4, "digest": "…",
                    "decision": "approved" | "changes_requested" | "",
                    "comment": "…", "decided_at": "2026-11-27T10:01:00.000Z" | null}]}
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cmplanner.domain.errors import InvalidInput, NotFound
from cmplanner.services.approvals import Decision, Decisions, PostDecision

FORMAT = "cmplanner-approval-decisions"
FORMAT_VERSION = 1
#: A returned file bigger than this is not a pack or its decisions (a pack embeds small
#: pictures: 40 posts are a few MB).
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_COMMENT = 20_000

_BLOCK = re.compile(
    r'<script[^>]*\bid="cmp-decisions"[^>]*>(.*?)</script>', re.IGNORECASE | re.DOTALL
)

_HINT_FILE = (
    "Import the file the client sent back: the decisions JSON the pack's “Save my "
    "decisions” button made, or the pack's HTML saved with the decisions in it."
)


def read_decisions(path: Path) -> Decisions:
    """The decisions in a returned file (JSON or HTML), checked."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise NotFound(f"{path} does not exist or is not a file.", _HINT_FILE)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InvalidInput(f"{path.name} is too big to be an approval pack.", _HINT_FILE)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{path.name} is not a text file.", _HINT_FILE) from None
    return parse_decisions(text, path.name)


def parse_decisions(text: str, name: str = "the file") -> Decisions:
    stripped = text.lstrip()
    if stripped.startswith("{"):
        raw = _json(stripped, name)
    elif "<html" in stripped[:2000].lower() or stripped.startswith("<!"):
        found = _BLOCK.search(text)
        if found is None:
            raise InvalidInput(
                f"{name} is a web page, but not a cmplanner approval pack.", _HINT_FILE
            )
        body = found.group(1)
        if not body.strip():
            raise InvalidInput(
                f"{name} is the approval pack, but no decision was saved in it.",
                "The client opens it in a browser, chooses for each post, and presses “Save "
                "my decisions”; send back the file that button saves.",
            )
        raw = _json(body.strip(), name)
    else:
        raise InvalidInput(f"{name} is neither a decisions JSON nor an approval pack.", _HINT_FILE)
    return _decisions(raw, name)


def _json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{name} is damaged: its decisions cannot be read ({exc.msg}, line {exc.lineno}).",
            "Ask the client to press “Save my decisions” again and send the new file.",
        ) from None


def _bad(name: str, what: str) -> InvalidInput:
    return InvalidInput(f"{name} does not hold cmplanner approval decisions ({what}).", _HINT_FILE)


def _decisions(raw: Any, name: str) -> Decisions:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise _bad(name, "no cmplanner format mark")
    version = raw.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise InvalidInput(
            f"{name} was made by a newer cmplanner (format {version}).",
            "Update cmplanner, then import it again.",
        )
    items_raw = raw.get("decisions")
    brand_id = raw.get("brand_id")
    if not isinstance(items_raw, list) or not isinstance(brand_id, int):
        raise _bad(name, "no list of decisions")
    items = tuple(_item(x, i, name) for i, x in enumerate(items_raw, 1))
    return Decisions(
        pack_id=str(raw.get("pack_id") or ""),
        brand_id=brand_id,
        brand_name=str(raw.get("brand") or ""),
        reviewer=str(raw.get("reviewer") or "")[:120],
        saved_at=_instant(raw.get("saved_at")),
        items=items,
    )


def _item(raw: Any, n: int, name: str) -> PostDecision:
    if not isinstance(raw, dict):
        raise _bad(name, f"decision {n} is not an object")
    post_id, version = raw.get("post_id"), raw.get("version")
    if not isinstance(post_id, int) or not isinstance(version, int):
        raise _bad(name, f"decision {n} names no post")
    choice = raw.get("decision") or ""
    try:
        decision = Decision(choice)
    except ValueError:
        raise _bad(name, f"decision {n} is {choice!r}") from None
    comment = raw.get("comment") or ""
    if not isinstance(comment, str):
        raise _bad(name, f"comment {n} is not text")
    return PostDecision(
        post_id=post_id,
        version=version,
        digest=str(raw.get("digest") or ""),
        decision=decision,
        comment=comment[:MAX_COMMENT],
        decided_at=_instant(raw.get("decided_at")),
    )


def _instant(raw: Any) -> datetime | None:
    """An ISO 8601 instant from the browser (``Date.toISOString()``), aware; None if not."""
    if not isinstance(raw, str) or not raw:
        return None
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
