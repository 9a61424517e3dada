"""``cmplanner check``: count and check a post for one network, print JSON.

Exit status: 0 when the post is fine (warnings allowed), 1 when it has errors,
2 on bad arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from cmplanner.domain.enums import Network

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def add_parsers(subparsers: Any, common: Any = None) -> None:
    """The CLI extension hook (see ``cmplanner.cli._EXTENSION_MODULES``)."""
    add_check_parser(subparsers)


def add_check_parser(subparsers: Any) -> None:
    """Register ``check`` on an ``argparse`` subparsers object."""
    p = subparsers.add_parser(
        "check",
        help="count and check a post for one network (prints JSON)",
        description="Count TEXT the network's way and list what the network would refuse.",
    )
    p.add_argument(
        "--network",
        required=True,
        metavar="NAME",
        help="one of: " + ", ".join(n.value for n in Network),
    )
    p.add_argument(
        "--instance-limit",
        type=int,
        metavar="N",
        help="the Mastodon server's max_characters (default 500)",
    )
    p.add_argument(
        "--media", action="append", default=[], metavar="FILE", help="an image (repeatable)"
    )
    p.add_argument("--content-warning", default="", metavar="TEXT", help="Mastodon CW")
    p.add_argument("text", metavar="TEXT", help="the post text, or - to read standard input")
    p.set_defaults(func=run_check)


def _usage(message: str) -> int:
    print(f"cmplanner check: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_check(args: argparse.Namespace) -> int:
    try:
        network = Network(str(args.network).strip().lower())
    except ValueError:
        names = ", ".join(n.value for n in Network)
        return _usage(f"unknown network {args.network!r}; use one of: {names}")
    limit = args.instance_limit
    if limit is not None:
        if network is not Network.MASTODON:
            return _usage("--instance-limit applies to mastodon only")
        if limit <= 0:
            return _usage("--instance-limit must be a positive number")
    if args.text == "-":
        try:
            text = sys.stdin.read()
        except (OSError, UnicodeDecodeError) as exc:
            return _usage(f"cannot read the text from standard input ({exc})")
    else:
        text = args.text
    from cmplanner.services.rules import check_post, report_to_json  # the rules load lazily

    report = check_post(
        network,
        text,
        media_paths=[Path(m) for m in args.media],
        instance_limit=limit,
        content_warning=getattr(args, "content_warning", "") or "",
    )
    data = report_to_json(report)
    payload = json.dumps(data, ensure_ascii=False, indent=2)
    try:
        payload.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        # A broken character in the text, or a terminal that cannot show the script.
        payload = json.dumps(data, ensure_ascii=True, indent=2)
    sys.stdout.write(payload + "\n")
    return EXIT_OK if report.ok else EXIT_PROBLEMS
