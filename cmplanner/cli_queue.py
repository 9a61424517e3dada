"""``cmplanner slots …`` and ``cmplanner queue …``: posting slots, add to queue, evergreen.

Thin shells over ``services/slots.py``, ``services/queue.py`` and
``services/evergreen.py``.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from cmplanner.domain.slots import WEEKDAYS, format_slot_time, parse_slot_time, parse_weekday
from cmplanner.services.workspace import Workspace


def add_parsers(sub: Any, common: Any) -> None:
    """The CLI extension hook (see ``cmplanner.cli._EXTENSION_MODULES``)."""
    slots = sub.add_parser("slots", help="a brand's weekly posting slots").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    s_list = slots.add_parser("list", help="list a brand's slots")
    s_list.add_argument("--brand", required=True)
    s_list.add_argument("--json", action="store_true")
    common(s_list)
    s_list.set_defaults(handler=_slots_list)
    s_add = slots.add_parser("add", help="add a weekly slot (prints its id)")
    s_add.add_argument("--brand", required=True)
    s_add.add_argument("--day", required=True, help="mon … sun")
    s_add.add_argument("--at", required=True, metavar="HH:MM", help="in the brand's zone")
    s_add.add_argument("--account", type=int, metavar="ACCOUNT_ID", help="only this account")
    common(s_add)
    s_add.set_defaults(handler=_slots_add)
    s_rm = slots.add_parser("remove", help="remove a slot")
    s_rm.add_argument("id", type=int)
    common(s_rm)
    s_rm.set_defaults(handler=_slots_remove)

    queue = sub.add_parser("queue", help="the posting queue").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    q_add = queue.add_parser("add", help="put ready posts in their brand's next free slots")
    q_add.add_argument("ids", type=int, nargs="+", metavar="POST_ID")
    common(q_add)
    q_add.set_defaults(handler=_queue_add)
    q_fill = queue.add_parser(
        "fill",
        help="fill free slots with copies of evergreen posts",
        description="Each free slot of the next weeks gets a copy of the evergreen post used "
        "longest ago, no more often than its minimum interval and never twice in a row on "
        "the same account.",
    )
    q_fill.add_argument("--brand", required=True)
    q_fill.add_argument("--weeks", type=int, default=4, metavar="N", help="default: 4")
    common(q_fill)
    q_fill.set_defaults(handler=_queue_fill)
    q_ev = queue.add_parser("evergreen", help="mark a post evergreen (or not)")
    q_ev.add_argument("id", type=int, metavar="POST_ID")
    q_ev.add_argument("--off", action="store_true", help="no longer evergreen")
    q_ev.add_argument("--min-days", type=int, metavar="N", help="at least N days between uses")
    common(q_ev)
    q_ev.set_defaults(handler=_queue_evergreen)


def _slots(ws: Workspace) -> Any:
    from cmplanner.services.slots import SlotService

    return SlotService(ws.sessions, ws.notifier, ws.clock)


def _slots_list(ws: Workspace, args: argparse.Namespace) -> int:
    brand = ws.brands.by_name(args.brand)
    rows = [
        {
            "id": s.id,
            "day": WEEKDAYS[s.weekday],
            "at": format_slot_time(s.at),
            "account_id": s.account_id,
        }
        for s in _slots(ws).for_brand(brand.id)
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for r in rows:
            who = f"account {r['account_id']}" if r["account_id"] else "every account"
            print(f"{r['id']:>4}  {r['day']} {r['at']}  {who}")
    return 0


def _slots_add(ws: Workspace, args: argparse.Namespace) -> int:
    brand = ws.brands.by_name(args.brand)
    slot = _slots(ws).add(brand.id, parse_weekday(args.day), parse_slot_time(args.at), args.account)
    print(slot.id)
    return 0


def _slots_remove(ws: Workspace, args: argparse.Namespace) -> int:
    _slots(ws).remove(args.id)
    return 0


def _queue_add(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.queue import add_to_queue

    cmd = add_to_queue(_slots(ws), ws.planning, args.ids)
    for c in cmd.changes:
        post = ws.posts.get(c.post_id)
        print(f"{post.id:>5}  {post.local_at:%Y-%m-%d %H:%M}  {post.timezone}")
    return 0


def _queue_fill(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.evergreen import EvergreenService

    brand = ws.brands.by_name(args.brand)
    made = EvergreenService(ws.sessions, ws.notifier, ws.clock, _slots(ws)).fill(
        brand.id, args.weeks
    )
    for post in ws.posts.get_many(made):
        head = " ".join(post.text.split())[:60]
        print(f"{post.id:>5}  {post.local_at:%Y-%m-%d %H:%M}  {head}")
    print(f"{len(made)} evergreen post(s) queued for {brand.name}.")
    return 0


def _queue_evergreen(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.evergreen import EvergreenService

    EvergreenService(ws.sessions, ws.notifier, ws.clock, _slots(ws)).set_evergreen(
        args.id, not args.off, args.min_days
    )
    return 0
