"""``cmplanner metrics sync``: fetch the counts of published posts and the accounts'
followers that are due, and keep them as snapshots (a thin shell over ``MetricsSync``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from cmplanner.services.workspace import Workspace


def add_parsers(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    metrics = sub.add_parser(
        "metrics", help="likes, reposts, replies and followers"
    ).add_subparsers(dest="action", required=True, metavar="ACTION")
    sync = metrics.add_parser(
        "sync",
        help="fetch the counts that are due (hourly for new posts, then daily, then weekly)",
    )
    sync.add_argument("--brand", help="only this brand's accounts")
    sync.add_argument("--all", action="store_true", help="measure every post now, due or not")
    sync.add_argument("--json", action="store_true")
    sync.add_argument("--quiet", action="store_true", help="no progress lines")
    common(sync)
    sync.set_defaults(handler=_sync)


def _sync(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.metrics_sync import SyncProgress, metrics_sync_for

    brand_id = ws.brands.by_name(args.brand).id if args.brand else None
    show = not (args.json or args.quiet) and sys.stderr.isatty()

    def progress(p: SyncProgress) -> None:
        if show:
            print(f"\r[{p.done}/{p.total}] {p.message[:60]:<60}", end="", file=sys.stderr)

    report = metrics_sync_for(ws).run(force=args.all, brand_id=brand_id, progress=progress)
    if show:
        print(file=sys.stderr)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        print(
            f"Measured {report.measured} of {report.due} due post(s); {report.fresh} still fresh."
        )
        for a in report.accounts:
            who = f"{a.network.label} {a.handle}"
            if a.followers is not None:
                print(f"  {who}: {a.followers} followers")
            if a.gone:
                print(f"  {who}: {len(a.gone)} post(s) no longer on the network", file=sys.stderr)
            for problem in a.problems:
                print(f"  {who}: {problem}", file=sys.stderr)
            if a.error:
                print(f"  {a.error}", file=sys.stderr)
        if report.next_due_utc is not None:
            print(f"Next counts fall due at {report.next_due_utc:%Y-%m-%d %H:%M} UTC.")
    return 1 if report.failed else 0
