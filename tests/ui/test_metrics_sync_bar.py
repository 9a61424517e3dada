"""The metrics sync in the window: "Sync now" runs it off the GUI thread, shows progress
and the outcome, and the charts hear when new numbers came."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from cmplanner.domain.enums import AccountStatus, Network, PostState, TargetState
from cmplanner.networks.errors import RateLimited
from cmplanner.networks.metrics_base import AccountCounts, CountsPage, PostCounts
from cmplanner.networks.publishing import AccountRef
from cmplanner.services.credentials import CredentialStore
from cmplanner.services.metrics_sync import MetricsSync, SyncProgress
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import AccountRow, PostTargetRow
from cmplanner.ui.metrics_sync import MetricsSyncBar, MetricsSyncController
from tests.support.memory_keyring import MemoryKeyring


class _Reader:
    """The network edge; ``gate`` holds the first batch until the test lets it go."""

    network = Network.BLUESKY
    batch_size = 1

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.threads: set[int] = set()
        self.limited = False

    def post_counts(self, remote_ids: Sequence[str]) -> CountsPage:
        self.threads.add(threading.get_ident())
        assert self.gate.wait(10)
        if self.limited:
            raise RateLimited("slow down", retry_after_s=600)
        return CountsPage({r: PostCounts(likes=4) for r in remote_ids})

    def account_counts(self) -> AccountCounts:
        return AccountCounts(followers=12)


def _setup(ws: Workspace) -> tuple[_Reader, MetricsSync]:
    store = CredentialStore(backend=MemoryKeyring())
    brand = ws.brands.create("Sol", "UTC")
    acc = ws.accounts.add_profile(brand.id, Network.BLUESKY, "sol.bsky.social")
    store.set(acc.id, {"app_password": "x"})
    for i in range(2):
        post = ws.posts.create(
            brand.id,
            f"post {i}",
            local_at=(ws.clock.now() - timedelta(hours=3)).replace(tzinfo=None),
            state=PostState.PUBLISHED,
            account_ids=[acc.id],
            allow_past=True,
        )
        with ws.sessions.begin() as s:
            s.execute(
                update(PostTargetRow)
                .where(PostTargetRow.post_id == post.id)
                .values(state=TargetState.PUBLISHED.value, remote_id=f"at://p{i}")
            )
    with ws.sessions.begin() as s:
        s.execute(
            update(AccountRow).values(status=AccountStatus.CONNECTED.value, remote_id="did:plc:x")
        )
    reader = _Reader()

    def reader_for(account: AccountRef, secret: Mapping[str, str], **_: object) -> _Reader:
        return reader

    return reader, MetricsSync(ws.sessions, ws.metrics, ws.clock, store, reader_for=reader_for)


def _bar(qtbot: QtBot, ws: Workspace, sync: MetricsSync) -> MetricsSyncBar:
    holder = MetricsSyncBar(
        ws,
        controller=MetricsSyncController(ws, sync_factory=lambda: sync, first_ms=3_600_000),
    )
    qtbot.addWidget(holder)
    holder.show()
    return holder


def test_sync_now_runs_off_the_gui_thread_with_progress_and_tells_the_charts(
    qtbot: QtBot, ws: Workspace
) -> None:
    reader, sync = _setup(ws)
    bar = _bar(qtbot, ws, sync)
    seen: list[SyncProgress] = []
    bar.controller.progressed.connect(seen.append)

    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    # the window stays responsive while the network is slow: the button says it is busy
    qtbot.waitUntil(lambda: not bar.button.isEnabled())
    assert bar.label.text().startswith("Syncing metrics")
    with qtbot.waitSignal(bar.synced, timeout=10_000):
        reader.gate.set()

    assert threading.get_ident() not in reader.threads
    assert bar.button.isEnabled()
    assert bar.label.text().startswith("Metrics: 2 post(s) updated at ")
    assert seen and seen[-1].done == seen[-1].total == 3
    # nothing is due a minute later
    with qtbot.waitSignal(bar.controller.finished, timeout=10_000):
        bar.controller.sync_now()
    assert bar.label.text() == "Metrics are up to date."


def test_a_rate_limited_account_is_said_in_the_bar(qtbot: QtBot, ws: Workspace) -> None:
    reader, sync = _setup(ws)
    reader.limited = True
    reader.gate.set()
    bar = _bar(qtbot, ws, sync)

    with qtbot.waitSignal(bar.controller.finished, timeout=10_000):
        assert bar.controller.sync_now()
    assert "asks to wait (rate limit)" in bar.label.text()
    assert not bar.controller.running
