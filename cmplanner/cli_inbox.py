"""``cmplanner inbox sync | list | reply | done`` and ``cmplanner brands pause | resume``:
a thin shell over the inbox and community services."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from cmplanner.domain.enums import InboxKind, Network
from cmplanner.domain.inbox import InboxEntry, InboxFilter, SyncReport
from cmplanner.services.workspace import Workspace


def add_parsers(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    inbox = sub.add_parser("inbox", help="mentions, replies and searches").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    sync = inbox.add_parser("sync", help="read every connected account's notifications")
    sync.add_argument("--brand", help="only this brand's accounts")
    sync.add_argument("--json", action="store_true")
    common(sync)
    sync.set_defaults(handler=_sync)

    lst = inbox.add_parser("list", help="list inbox items, newest first")
    lst.add_argument("--brand")
    lst.add_argument("--network", choices=[n.value for n in Network])
    lst.add_argument("--kind", choices=[k.value for k in InboxKind])
    lst.add_argument("--unread", action="store_true")
    lst.add_argument("--needs-reply", action="store_true")
    lst.add_argument("--flagged", action="store_true")
    lst.add_argument("--limit", type=int, default=None)
    lst.add_argument("--json", action="store_true")
    common(lst)
    lst.set_defaults(handler=_list)

    rep = inbox.add_parser("reply", help="answer an item (checked by the network's rules)")
    rep.add_argument("id", type=int, metavar="ITEM_ID")
    rep.add_argument("--text", required=True)
    common(rep)
    rep.set_defaults(handler=_reply)

    done = inbox.add_parser("done", help="mark items done")
    done.add_argument("ids", type=int, nargs="+", metavar="ITEM_ID")
    common(done)
    done.set_defaults(handler=_done)

    brands = _brands_group(sub)
    if brands is not None:
        for name, paused in (("pause", True), ("resume", False)):
            p = brands.add_parser(
                name,
                help=f"{name} the brand's publishing (the publisher skips a paused brand)",
            )
            p.add_argument("name")
            common(p)
            p.set_defaults(handler=_pause if paused else _resume)


def _brands_group(sub: Any) -> Any:
    """The ``brands`` subcommands' group made by cli.py, to add pause/resume to it."""
    parser = getattr(sub, "choices", {}).get("brands")
    for action in getattr(parser, "_actions", ()):
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def entry_json(e: InboxEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "brand": e.brand_name,
        "network": e.network.value,
        "account": e.account_handle,
        "kind": e.kind.value,
        "author": e.author_handle,
        "author_name": e.author_name,
        "text": e.text,
        "created_utc": e.created_utc.isoformat(),
        "url": e.remote_url,
        "tone": e.tone.value,
        "urgency": e.urgency,
        "why": list(e.reasons),
        "read": e.read,
        "done": e.done,
        "flagged": e.flagged,
        "needs_reply": e.needs_reply,
        "reply_url": e.reply_url,
        "reply_error": e.reply_error,
    }


def _inbox(ws: Workspace) -> Any:
    from cmplanner.services.inbox import inbox_for

    return inbox_for(ws)


def _sync(ws: Workspace, args: argparse.Namespace) -> int:
    brand_id = ws.brands.by_name(args.brand).id if args.brand else None
    report: SyncReport = _inbox(ws).sync(brand_id)
    if args.json:
        print(
            json.dumps(
                {
                    "new": report.new,
                    "accounts": [
                        {
                            "account_id": a.account_id,
                            "network": a.network.value,
                            "handle": a.handle,
                            "new": a.new,
                            "problems": list(a.problems),
                            "error": a.error,
                        }
                        for a in report.accounts
                    ],
                    "unreadable": list(report.unreadable),
                    "crisis": [
                        {"brand": c.brand_name, "last_hour": c.last_hour, "paused": c.paused}
                        for c in report.alerts
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(f"{report.new} new item(s) from {len(report.accounts)} account(s).")
        for a in report.accounts:
            for problem in a.problems:
                print(f"  {a.network.label} {a.handle}: {problem}", file=sys.stderr)
            if a.error:
                print(f"  {a.network.label} {a.handle}: not read: {a.error}", file=sys.stderr)
        for line in report.unreadable:
            print(f"  not readable: {line}", file=sys.stderr)
        for c in report.alerts:
            print(
                f"CRISIS? {c.brand_name}: {c.last_hour} negative item(s) in the last hour "
                f"(usually {c.baseline_per_hour:g}/h). Pause with: "
                f"cmplanner brands pause {c.brand_name!r}",
                file=sys.stderr,
            )
    return 1 if report.failed else 0


def _list(ws: Workspace, args: argparse.Namespace) -> int:
    f = InboxFilter(
        brand_id=ws.brands.by_name(args.brand).id if args.brand else None,
        network=Network(args.network) if args.network else None,
        kind=InboxKind(args.kind) if args.kind else None,
        unread=args.unread,
        needs_reply=args.needs_reply,
        flagged=args.flagged,
        limit=args.limit,
    )
    entries = _inbox(ws).list(f)
    if args.json:
        print(json.dumps([entry_json(e) for e in entries], ensure_ascii=False, indent=2))
        return 0
    for e in entries:
        marks = ("•" if not e.read else " ") + ("!" if e.flagged else " ")
        text = " ".join(e.text.split())[:70]
        print(
            f"{e.id:>6} {marks} {e.created_utc:%Y-%m-%d %H:%M} {e.brand_name} "
            f"{e.network.label} {e.kind.value} @{e.author_handle} [{e.tone.value}] {text}"
        )
    return 0


def _reply(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.inbox_actions import reply

    entry = reply(_inbox(ws), args.id, args.text)
    print(entry.reply_url or f"Reply sent to item {entry.id}.")
    return 0


def _done(ws: Workspace, args: argparse.Namespace) -> int:
    _inbox(ws).mark(args.ids, done=True)
    return 0


def _pause(ws: Workspace, args: argparse.Namespace) -> int:
    return _set_paused(ws, args.name, True)


def _resume(ws: Workspace, args: argparse.Namespace) -> int:
    return _set_paused(ws, args.name, False)


def _set_paused(ws: Workspace, name: str, paused: bool) -> int:
    from cmplanner.services.community import CommunityService

    brand = ws.brands.by_name(name)
    CommunityService(ws.sessions, ws.notifier, ws.clock).set_paused(brand.id, paused)
    if paused:
        print(f"{brand.name}: publishing paused (resume with: cmplanner brands resume NAME).")
    else:
        print(f"{brand.name}: publishing resumed.")
    return 0
