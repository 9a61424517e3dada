"""``cmplanner publish-due [--loop]``: the publisher without a window (cron, systemd).

One run publishes what is due and exits: 0 when nothing failed, 1 when a target failed,
needs reconnecting or is "unknown — check" (the details go to stderr, or to ``--json``).
``--loop`` keeps going until SIGTERM or SIGINT, sleeping until the next post, retry or
rate-limit end, but never longer than ``--interval`` seconds (so posts added meanwhile by
the window or another machine are seen). See docs/publishing.md.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from types import FrameType
from typing import TYPE_CHECKING, Any

from cmplanner.domain.enums import TargetState
from cmplanner.domain.publishing import RunSummary, TargetResult
from cmplanner.services.workspace import Workspace

if TYPE_CHECKING:
    from cmplanner.services.publish_replies import ReplyOutcome

#: Target states worth a line on stderr after a run.
_REPORTED = (TargetState.FAILED, TargetState.NEEDS_RECONNECT, TargetState.UNKNOWN)


def add_parsers(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser(
        "publish-due",
        help="publish the posts that are due, then exit (or keep going with --loop)",
        description="Publish every post whose time has come to its accounts, exactly once.",
    )
    p.add_argument("--loop", action="store_true", help="keep publishing until stopped")
    p.add_argument(
        "--interval",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="with --loop: the longest sleep between two runs (default 60)",
    )
    p.add_argument("--max-posts", type=int, default=None, help="publish at most this many posts")
    p.add_argument("--json", action="store_true", help="print each run's summary as JSON")
    common(p)
    p.set_defaults(handler=_publish_due, prepare=_prepare)


def _prepare(args: argparse.Namespace) -> None:
    """With --loop, a SIGTERM or Ctrl+C from here on stops cleanly (exit 0), even one that
    comes while the workspace and the keyring are still opening."""
    args.stop = threading.Event()
    if args.loop:
        _stop_on_signals(args.stop)


def target_json(t: TargetResult) -> dict[str, Any]:
    return {
        "target_id": t.target_id,
        "account_id": t.account_id,
        "network": t.network.value,
        "handle": t.handle,
        "state": t.state.value,
        "remote_id": t.remote_id,
        "remote_url": t.remote_url,
        "last_error": t.last_error,
        "retry_at_utc": t.retry_at_utc.isoformat() if t.retry_at_utc else None,
        "attempts": t.attempts,
        "waiting_offline": t.waiting_offline,
    }


def _summary_json(summary: RunSummary, targets: list[TargetResult]) -> dict[str, Any]:
    out = asdict(summary)
    out["waiting_offline_post_ids"] = list(summary.waiting_offline_post_ids)
    out["changed_post_ids"] = list(summary.changed_post_ids)
    out["ok"] = summary.ok
    out["targets"] = [target_json(t) for t in targets]
    return out


def _line(summary: RunSummary) -> str:
    parts = [f"published {summary.published}", f"failed {summary.failed}"]
    for label, n in (
        ("retrying", summary.retrying),
        ("rate-limited", summary.rate_limited),
        ("need reconnecting", summary.needs_reconnect),
        ("unknown — check", summary.unknown),
        ("skipped", summary.skipped),
        ("waiting for your decision (missed slot)", summary.waiting_decision),
    ):
        if n:
            parts.append(f"{label} {n}")
    if summary.offline:
        parts.append(f"offline: {summary.waiting_offline} will publish when online")
    return ", ".join(parts)


def _publish_due(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.publisher import publisher_for

    stop: threading.Event = getattr(args, "stop", None) or threading.Event()
    if args.loop and stop.is_set():  # stopped while opening: nothing was started
        return 0
    publisher = publisher_for(ws)
    worst = 0
    while True:
        summary = publisher.publish_due(args.max_posts)
        try:
            publisher.sync_handoffs()
        except Exception as exc:  # a hand-off out of step is retried at the next run
            print(f"cmplanner: server-side schedules not updated: {exc}", file=sys.stderr)
        targets = publisher.targets_of(summary.changed_post_ids)
        _report(summary, targets, as_json=args.json)
        replies_ok = _report_replies(publisher.last_replies, as_json=args.json)
        worst = max(worst, 0 if summary.ok and replies_ok else 1)
        if not args.loop or stop.is_set():
            return worst if not args.loop else 0
        stop.wait(_sleep_s(publisher.next_wake_utc(), publisher.now(), args.interval))
        if stop.is_set():
            return 0


def _sleep_s(wake: datetime | None, now: datetime, interval: float) -> float:
    if wake is None:
        return max(interval, 0.0)
    return min(max((wake - now).total_seconds(), 0.0), max(interval, 0.0))


def _report(summary: RunSummary, targets: list[TargetResult], *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(_summary_json(summary, targets), ensure_ascii=False), flush=True)
    else:
        print(_line(summary), flush=True)
    for t in targets:
        if t.state in _REPORTED:
            what = t.state.value.replace("_", " ")
            print(
                f"cmplanner: post {t.post_id} on {t.network.label} ({t.handle}): {what}: "
                f"{t.last_error}",
                file=sys.stderr,
            )
    if summary.problem:
        print(f"cmplanner: {summary.problem}", file=sys.stderr)


def _report_replies(outcomes: list[ReplyOutcome], *, as_json: bool) -> bool:
    """The inbox replies this run touched; False when one failed or needs the user."""
    from cmplanner.services.publish_replies import FAILED_STATES

    if not outcomes:
        return True
    if as_json:
        rows = [{**asdict(o), "network": o.network.value} for o in outcomes]
        print(json.dumps({"replies": rows}, ensure_ascii=False), flush=True)
    else:
        sent = sum(o.state.value == "sent" for o in outcomes)
        print(f"inbox replies: sent {sent}, waiting or failed {len(outcomes) - sent}", flush=True)
    failed = [o for o in outcomes if o.state in FAILED_STATES]
    for o in failed:
        what = o.state.value.replace("_", " ")
        print(
            f"cmplanner: reply to inbox item {o.item_id} on {o.network.label} ({o.handle}): "
            f"{what}: {o.error}",
            file=sys.stderr,
        )
    return not failed


def _stop_on_signals(stop: threading.Event) -> None:
    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
