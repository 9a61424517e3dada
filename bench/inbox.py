"""The inbox list with 10,000 items: model reset and scrolling through, vs a bare QListView.

    python bench/inbox.py [--items 10000] [--runs 5] [--work DIR]   (also run by bench/run.py)

Seeds a real workspace (a SQLite file migrated by ``open_workspace``): three brands with a
Mastodon and a Bluesky account each, then ``--items`` inbox items over the last 60 days
(mentions, replies, quotes, follows and search hits; texts of 40-280 characters in English,
Spanish and Punjabi; tone, urgency and reasons as the sync stores them; every answerable
item with a stored thread of 6 posts, as a sync leaves it), inserted with one Core
``insert``.

Then, in one process under Qt's offscreen platform, a shown inbox tab (1280 × 800):

- **reset**: ``InboxTab.reload()`` (the first page of the list, the counts, the crisis
  check, the model reset) plus a repaint of the list's viewport; vs the floor: a bare
  ``QListView`` over a ``QStringListModel`` given the same 10,000 message strings
  (``setStringList`` + repaint).
- **scroll**: the whole list page by page (the vertical scroll bar moved by one page — the
  list reads its next 200 items and lays them out when its end comes in sight — then the
  viewport repainted), time per page; the floor scrolls its list the same way.

Medians over ``--runs`` resets and every page of every run; ratios app/floor.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from sqlalchemy import insert, update  # noqa: E402

from cmplanner.domain.clock import FixedClock  # noqa: E402
from cmplanner.domain.enums import AccountStatus, InboxKind, Network  # noqa: E402
from cmplanner.paths import Paths  # noqa: E402
from cmplanner.services.workspace import Workspace, open_workspace  # noqa: E402
from cmplanner.storage.tables import AccountRow, InboxItemRow  # noqa: E402

NOW = datetime(2026, 11, 10, 10, 0, tzinfo=UTC)
ITEMS = 10_000
#: A page scrolled and painted in one 60 Hz frame; reset within 10 frames.
TARGET_PAGE_MS = 16.0
TARGET_RESET_MS = 160.0

_WORDS = {
    "en": [
        "order",
        "never",
        "arrived",
        "refund",
        "scam",
        "love",
        "the",
        "new",
        "coffee",
        "thanks",
        "great",
        "service",
        "when",
        "open",
        "today",
        "delivery",
        "late",
        "broken",
        "product",
        "amazing",
        "help",
        "please",
    ],
    "es": [
        "pedido",
        "nunca",
        "llegó",
        "reembolso",
        "estafa",
        "me",
        "encanta",
        "el",
        "café",
        "nuevo",
        "gracias",
        "servicio",
        "cuándo",
        "abren",
        "hoy",
        "entrega",
        "tarde",
        "roto",
        "producto",
        "increíble",
        "ayuda",
    ],
    "pa": [
        "ਆਰਡਰ",
        "ਕਦੇ",
        "ਨਹੀਂ",
        "ਆਇਆ",
        "ਰਿਫੰਡ",
        "ਧੋਖਾ",
        "ਬਹੁਤ",
        "ਵਧੀਆ",
        "ਕੌਫੀ",
        "ਧੰਨਵਾਦ",
        "ਸੇਵਾ",
        "ਦੇਰ",
        "ਨਾਲ",
        "ਮਦਦ",
    ],
}
_KINDS = [
    (InboxKind.MENTION, 40),
    (InboxKind.REPLY, 30),
    (InboxKind.QUOTE, 5),
    (InboxKind.FOLLOW, 10),
    (InboxKind.SEARCH_HIT, 15),
]


def open_inbox_workspace(home: Path) -> Workspace:
    return open_workspace(Paths(home=home, logs=home / "logs"), clock=FixedClock(NOW))


def _text(rng: random.Random) -> tuple[str, str]:
    lang = rng.choice(("en", "en", "es", "pa"))
    words: list[str] = []
    target = rng.randint(40, 280)
    while sum(len(w) + 1 for w in words) < target:
        words.append(rng.choice(_WORDS[lang]))
    return "@brand " + " ".join(words), lang


def seed(home: Path, items: int = ITEMS, rng_seed: int = 7) -> int:
    """Three brands, six connected accounts and ``items`` inbox items; their count."""
    rng = random.Random(rng_seed)
    ws = open_inbox_workspace(home)
    try:
        accounts: list[tuple[int, int]] = []
        for name, zone in (
            ("Café Sol", "Europe/Madrid"),
            ("Dhaba", "Asia/Kolkata"),
            ("Bolt", "UTC"),
        ):
            brand = ws.brands.create(name, zone)
            for network, handle in (
                (Network.MASTODON, f"{name.split()[0].lower()}@example.social"),
                (Network.BLUESKY, f"{name.split()[0].lower()}.bsky.social"),
            ):
                acc = ws.accounts.add_profile(brand.id, network, handle)
                accounts.append((acc.id, brand.id))
        with ws.sessions.begin() as s:
            s.execute(update(AccountRow).values(status=AccountStatus.CONNECTED.value))
        kinds = [k for k, w in _KINDS for _ in range(w)]
        rows = []
        for i in range(items):
            account_id, brand_id = rng.choice(accounts)
            kind = rng.choice(kinds)
            text, lang = ("", "") if kind is InboxKind.FOLLOW else _text(rng)
            negative = any(w in text for w in ("refund", "scam", "reembolso", "estafa", "ਧੋਖਾ"))
            created = NOW - timedelta(seconds=rng.randint(0, 60 * 86400))
            thread = ""
            if kind in (InboxKind.MENTION, InboxKind.REPLY, InboxKind.QUOTE):
                thread = json.dumps(
                    [
                        {
                            "remote_id": f"p{i}-{j}",
                            "author_handle": f"user{j}",
                            "text": _text(rng)[0],
                        }
                        for j in range(6)
                    ]
                )
            rows.append(
                {
                    "account_id": account_id,
                    "brand_id": brand_id,
                    "kind": kind.value,
                    "remote_id": f"https://example.social/@user{i}/{100000 + i}",
                    "remote_url": f"https://example.social/@user{i}/{100000 + i}",
                    "author_handle": f"user{i % 3000}@example.social",
                    "author_name": f"User {i % 3000}",
                    "text": text,
                    "created_utc": created.replace(tzinfo=None),
                    "tone": "negative" if negative else rng.choice(("neutral", "positive")),
                    "urgency": 0.8 if negative else rng.random() * 0.3,
                    "tone_reasons": "“refund”: complaint word (brand keyword)" if negative else "",
                    "flagged": negative,
                    "read": rng.random() < 0.6,
                    "done": rng.random() < 0.3,
                    "language": lang,
                    "thread": thread,
                    "fetched_utc": created.replace(tzinfo=None),
                }
            )
        with ws.sessions.begin() as s:
            s.execute(insert(InboxItemRow), rows)
    finally:
        ws.close()
    return items


@dataclass
class InboxFigures:
    reset_ms: list[float] = field(default_factory=list)
    floor_reset_ms: list[float] = field(default_factory=list)
    page_ms: list[float] = field(default_factory=list)
    floor_page_ms: list[float] = field(default_factory=list)
    #: The same pages' CPU time (the process's), less swayed by other processes' load.
    page_cpu_ms: list[float] = field(default_factory=list)
    floor_page_cpu_ms: list[float] = field(default_factory=list)
    rows: int = 0
    pages: int = 0

    @property
    def reset(self) -> float:
        return statistics.median(self.reset_ms)

    @property
    def floor_reset(self) -> float:
        return statistics.median(self.floor_reset_ms)

    @property
    def page(self) -> float:
        return statistics.median(self.page_ms)

    @property
    def floor_page(self) -> float:
        return statistics.median(self.floor_page_ms)

    @property
    def page_cpu(self) -> float:
        return statistics.median(self.page_cpu_ms)

    @property
    def floor_page_cpu(self) -> float:
        return statistics.median(self.floor_page_cpu_ms)

    @property
    def page_p95(self) -> float:
        return sorted(self.page_ms)[int(len(self.page_ms) * 0.95)]


def _scroll(view: object, out: list[float], cpu: list[float]) -> int:
    """Scroll ``view`` through page by page, painting each; milliseconds into ``out``
    (wall) and ``cpu`` (the process's CPU time).

    A model read in pages inserts its next page when the view reaches its end
    (``fetchMore``); the view would lay the new rows out on its next turn of the event
    loop, so that page also times the layout (``doItemsLayout``) a user's scroll waits for.
    """
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QAbstractItemView

    assert isinstance(view, QAbstractItemView)
    bar = view.verticalScrollBar()
    bar.setValue(0)
    model = view.model()
    pages = 0
    while True:
        start = time.perf_counter()
        start_cpu = time.process_time()
        rows = model.rowCount()
        bar.setValue(bar.value() + bar.pageStep())
        if model.rowCount() != rows:
            view.doItemsLayout()
        view.viewport().repaint()
        out.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        pages += 1
        if bar.value() >= bar.maximum() and not model.canFetchMore(QModelIndex()):
            return pages


def measure(home: Path, runs: int) -> InboxFigures:
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QApplication, QListView

    from cmplanner.ui.inbox_tab import InboxTab

    app = QApplication.instance() or QApplication([])
    ws = open_inbox_workspace(home)
    figs = InboxFigures()
    try:
        tab = InboxTab(ws)
        tab.resize(1280, 800)
        tab.show()
        floor = QListView()
        floor.resize(tab.view.viewport().size())
        floor.setUniformItemSizes(True)
        floor_model = QStringListModel()
        floor.setModel(floor_model)
        floor.show()
        app.processEvents()
        strings = [e.text for e in tab.inbox.list(tab.current_filter())]
        for _ in range(runs):
            start = time.perf_counter()
            tab.reload()
            tab.view.viewport().repaint()
            figs.reset_ms.append((time.perf_counter() - start) * 1000)
            floor_model.setStringList([])
            start = time.perf_counter()
            floor_model.setStringList(strings)
            floor.viewport().repaint()
            figs.floor_reset_ms.append((time.perf_counter() - start) * 1000)
            figs.pages = _scroll(tab.view, figs.page_ms, figs.page_cpu_ms)
            _scroll(floor, figs.floor_page_ms, figs.floor_page_cpu_ms)
        figs.rows = tab.model.rowCount()  # every page read by the scroll
        tab.close()
        floor.close()
    finally:
        ws.close()
    return figs


def report(figs: InboxFigures) -> str:
    return "\n".join(
        [
            f"inbox list, {figs.rows:,} items, {figs.pages} pages:",
            f"  reset: {figs.reset:.1f} ms (floor {figs.floor_reset:.1f} ms, "
            f"{figs.reset / figs.floor_reset:.1f}x; target <= {TARGET_RESET_MS:.0f} ms)",
            f"  page scrolled + painted: {figs.page:.2f} ms, p95 {figs.page_p95:.2f} ms "
            f"(floor {figs.floor_page:.2f} ms, {figs.page / figs.floor_page:.1f}x; "
            f"target <= {TARGET_PAGE_MS:.0f} ms)",
            f"  page CPU: {figs.page_cpu:.2f} ms (floor {figs.floor_page_cpu:.2f} ms, "
            f"{figs.page_cpu / figs.floor_page_cpu:.1f}x)",
        ]
    )


def run(home: Path, runs: int, items: int = ITEMS) -> InboxFigures:
    """Seed ``home`` (unless it holds a workspace already) and measure."""
    if not (home / "cmplanner.db").exists():
        seed(home, items)
    return measure(home, runs)


def fresh(items: int = ITEMS, runs: int = 5) -> InboxFigures:
    """Seed a temporary workspace with ``items`` items and measure (bench/run.py)."""
    with tempfile.TemporaryDirectory(prefix="cmplanner-inbox-", dir="/tmp") as tmp:
        return run(Path(tmp) / "inbox", runs, items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="cmplanner inbox bench (see bench/README.md)")
    parser.add_argument("--items", type=int, default=ITEMS)
    parser.add_argument("--runs", type=int, default=5, help="timed resets (and scrolls)")
    parser.add_argument("--work", type=Path, help="keep the workspace in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cmplanner-inbox-", dir="/tmp") as tmp:
        home = args.work or Path(tmp) / "inbox"
        started = time.perf_counter()
        if not (home / "cmplanner.db").exists():
            seed(home, args.items)
            print(f"seeded {args.items:,} inbox items in {time.perf_counter() - started:.1f} s")
        figs = measure(home, args.runs)
    print(report(figs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
