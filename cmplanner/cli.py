"""The command line: a thin shell over the services, like the window."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cmplanner import __version__
from cmplanner.domain.errors import InvalidInput, KnownError
from cmplanner.domain.models import Brand, Post
from cmplanner.domain.timezones import iso_with_offset, parse_iso, to_utc
from cmplanner.paths import resolve_paths
from cmplanner.services.posts import MediaInput
from cmplanner.services.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from cmplanner.domain.publishing import TargetResult

Handler = Callable[[Workspace, argparse.Namespace], int]


def brand_json(b: Brand) -> dict[str, Any]:
    return {
        "id": b.id,
        "name": b.name,
        "timezone": b.timezone,
        "color": b.color,
        "archived": b.archived,
        "brief": b.brief,
        "default_hashtags": b.default_hashtags,
        "tags": list(b.tags),
    }


def post_json(p: Post, results: Sequence[TargetResult] = ()) -> dict[str, Any]:
    """A post as JSON; with the publisher's ``results``, each target's state and outcome."""
    by_account = {r.account_id: r for r in results}
    return {
        "id": p.id,
        "brand": p.brand_name,
        "brand_id": p.brand_id,
        "state": p.state.value,
        "text": p.text,
        "tags": list(p.tags),
        "notes": p.notes,
        "timezone": p.timezone,
        "scheduled_at": (
            iso_with_offset(p.local_at, p.timezone, p.scheduled_utc)
            if p.local_at and p.scheduled_utc
            else None
        ),
        "scheduled_utc": p.scheduled_utc.isoformat() if p.scheduled_utc else None,
        "media": [
            {
                "sha256": m.sha256,
                "path": m.path,
                "mime": m.mime,
                "bytes": m.bytes,
                "width": m.width,
                "height": m.height,
                "alt_text": m.alt_text,
            }
            for m in p.media
        ],
        "targets": [
            {"account_id": a.id, "network": a.network.value, "handle": a.handle}
            | _outcome_json(by_account.get(a.id))
            for a in p.targets
        ],
        "version": p.version,
    }


def _outcome_json(r: TargetResult | None) -> dict[str, Any]:
    if r is None:
        return {}
    return {"state": r.state.value, "remote_url": r.remote_url, "last_error": r.last_error}


def _common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--home", default=default, help="workspace folder (default: platform data folder)"
    )
    parser.add_argument("--db", default=default, help="SQLAlchemy database URL (overrides --home)")


def build_window_parser() -> argparse.ArgumentParser:
    """The options of ``cmplanner`` without a command (the window): what ``run_window``
    reads. Cheap, unlike ``build_parser``, which imports every subcommand's module."""
    p = argparse.ArgumentParser(
        prog="cmplanner", description="A desktop content planner for community managers."
    )
    p.add_argument("--version", action="version", version=f"cmplanner {__version__}")
    p.add_argument(
        "--self-test", action="store_true", help="open and close the main window, then exit"
    )
    _common(p, top=True)
    return p


def build_parser() -> argparse.ArgumentParser:
    p = build_window_parser()
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="fill an empty workspace with a sample")
    _common(demo)
    demo.set_defaults(handler=_demo)

    brands = sub.add_parser("brands", help="client brands").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    b_add = brands.add_parser("add", help="add a brand")
    b_add.add_argument("name")
    b_add.add_argument("--tz", required=True, help="IANA time zone, e.g. Europe/Madrid")
    b_add.add_argument("--color", help="#RRGGBB")
    b_add.add_argument("--brief", default="")
    _common(b_add)
    b_add.set_defaults(handler=_brands_add)
    b_list = brands.add_parser("list", help="list brands")
    b_list.add_argument("--json", action="store_true")
    b_list.add_argument("--all", action="store_true", help="include archived brands")
    _common(b_list)
    b_list.set_defaults(handler=_brands_list)

    posts = sub.add_parser("posts", help="drafts and scheduled posts").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    p_add = posts.add_parser("add", help="add a post (prints its id)")
    p_add.add_argument("--brand", required=True)
    p_add.add_argument("--text", required=True)
    p_add.add_argument("--at", help="ISO 8601; without an offset it is the brand's wall time")
    p_add.add_argument("--tag", action="append", default=[])
    p_add.add_argument("--media", action="append", default=[], metavar="FILE[:ALT]")
    p_add.add_argument("--note", default="")
    p_add.add_argument("--to", action="append", type=int, default=[], metavar="ACCOUNT_ID")
    p_add.add_argument("--state", choices=("idea", "draft", "ready", "scheduled"))
    _common(p_add)
    p_add.set_defaults(handler=_posts_add)
    p_list = posts.add_parser("list", help="list posts")
    p_list.add_argument("--brand")
    p_list.add_argument("--from", dest="from_", metavar="FROM")
    p_list.add_argument("--to", metavar="TO")
    p_list.add_argument("--json", action="store_true")
    _common(p_list)
    p_list.set_defaults(handler=_posts_list)
    p_move = posts.add_parser("move", help="move a post to another time")
    p_move.add_argument("id", type=int)
    p_move.add_argument("--at", required=True)
    _common(p_move)
    p_move.set_defaults(handler=_posts_move)
    p_show = posts.add_parser("show", help="show one post")
    p_show.add_argument("id", type=int)
    p_show.add_argument("--json", action="store_true")
    _common(p_show)
    p_show.set_defaults(handler=_posts_show)

    for extra in _extensions():
        extra(sub, _common)
    return p


#: Modules that add subcommands: each has ``add_parsers(sub, common)`` (its handlers take
#: ``(workspace, args)`` like the ones here). One module per capability keeps this file small.
_EXTENSION_MODULES = (
    "cmplanner.cli_check",
    "cmplanner.cli_accounts",
    "cmplanner.cli_publish",
    "cmplanner.cli_analytics",
    "cmplanner.cli_inbox",
    "cmplanner.cli_metrics",
    "cmplanner.cli_approvals",
    "cmplanner.cli_queue",
    "cmplanner.cli_transfer",
)


def _extensions() -> list[Callable[..., None]]:
    """Subcommands contributed by other modules (network rules and later issues)."""
    import importlib

    out: list[Callable[..., None]] = []
    for name in _EXTENSION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        out.append(module.add_parsers)
    return out


def _open(args: argparse.Namespace) -> Workspace:
    paths = resolve_paths(getattr(args, "home", None))
    return open_workspace(paths, getattr(args, "db", None))


def _demo(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.demo import fill_demo

    n = fill_demo(ws.brands, ws.accounts, ws.posts, ws.metrics)
    print(f"Sample workspace ready: 3 brands, {n} posts in {ws.paths.home}")
    return 0


def _brands_add(ws: Workspace, args: argparse.Namespace) -> int:
    b = ws.brands.create(args.name, args.tz, color=args.color, brief=args.brief)
    print(b.id)
    return 0


def _brands_list(ws: Workspace, args: argparse.Namespace) -> int:
    brands = ws.brands.all(include_archived=args.all)
    if args.json:
        print(json.dumps([brand_json(b) for b in brands], ensure_ascii=False, indent=2))
    else:
        for b in brands:
            print(f"{b.id:>4}  {b.color}  {b.timezone:<22} {b.name}")
    return 0


def _media_arg(raw: str) -> MediaInput:
    path, alt = raw, ""
    if not Path(raw).exists() and ":" in raw:
        path, alt = raw.split(":", 1)
    return MediaInput(Path(path), alt)


def _posts_add(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.domain.enums import PostState

    brand = ws.brands.by_name(args.brand)
    wall = parse_iso(args.at, brand.timezone) if args.at else None
    post = ws.posts.create(
        brand.id,
        args.text,
        local_at=wall,
        state=PostState(args.state) if args.state else None,
        tags=args.tag,
        notes=args.note,
        media=[_media_arg(m) for m in args.media],
        account_ids=args.to,
    )
    print(post.id)
    return 0


def _bound(raw: str | None, tz: str, *, end: bool = False) -> datetime | None:
    """A --from/--to bound; a bare date means the whole day, so --to DAY includes it."""
    if raw is None:
        return None
    if len(raw.strip()) > 10:
        return to_utc(parse_iso(raw, tz), tz).utc
    day = parse_iso(raw, tz).date() + timedelta(days=1 if end else 0)
    return _day_start(day.isoformat(), tz)


def _day_start(raw: str, tz: str) -> datetime:
    day = parse_iso(raw, tz).replace(hour=0, minute=0)
    return to_utc(day, tz).utc


def _posts_list(ws: Workspace, args: argparse.Namespace) -> int:
    brand = ws.brands.by_name(args.brand) if args.brand else None
    tz = brand.timezone if brand else "UTC"
    posts = ws.posts.find(
        brand.id if brand else None, _bound(args.from_, tz), _bound(args.to, tz, end=True)
    )
    if args.json:
        print(json.dumps([post_json(p) for p in posts], ensure_ascii=False, indent=2))
    else:
        for p in posts:
            when = f"{p.local_at:%Y-%m-%d %H:%M}" if p.local_at else "unscheduled     "
            head = " ".join(p.text.split())[:60]
            print(f"{p.id:>5}  {when}  {p.state.value:<10} {p.brand_name}: {head}")
    return 0


def _posts_move(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.planning import MovePosts, Target

    post = ws.posts.get(args.id)
    wall = parse_iso(args.at, post.timezone)
    changes = ws.planning.plan_move([post.id], post.id, Target(wall.date(), wall.time()))
    MovePosts(ws.planning, changes).do()
    moved = ws.posts.get(post.id)
    print(json.dumps(post_json(moved), ensure_ascii=False))
    return 0


def _posts_show(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.publisher import publisher_for

    post = ws.posts.get(args.id)
    results = publisher_for(ws).targets(post.id)
    print(json.dumps(post_json(post, results), ensure_ascii=False, indent=2))
    return 0


def opens_window(argv: Sequence[str]) -> bool:
    """True when ``argv`` names no command (and asks for no help): the window opens."""
    if {"-h", "--help"} & set(argv):
        return False
    _args, rest = build_window_parser().parse_known_args(list(argv))
    return not rest


def run(argv: Sequence[str]) -> int:
    """Run a command; -1 when ``argv`` names none (the caller opens the window)."""
    if opens_window(argv):  # the window's start skips building every command's parser
        return -1
    parser = build_parser()
    args = parser.parse_args(list(argv))
    handler: Handler | None = getattr(args, "handler", None)
    func = getattr(args, "func", None)
    if func is not None:  # commands that need no workspace (e.g. `check`)
        return int(func(args))
    if handler is None:
        return -1  # the window
    prepare = getattr(args, "prepare", None)
    if prepare is not None:  # before the workspace opens (e.g. signal handlers)
        prepare(args)
    try:
        ws = _open(args)
    except KnownError as exc:
        return _fail(exc)
    try:
        return handler(ws, args)
    except KnownError as exc:
        return _fail(exc)
    finally:
        ws.close()


def _fail(exc: KnownError) -> int:
    print(f"cmplanner: {exc.message}", file=sys.stderr)
    if exc.hint:
        print(f"  {exc.hint}", file=sys.stderr)
    return 2 if isinstance(exc, InvalidInput) else 1
