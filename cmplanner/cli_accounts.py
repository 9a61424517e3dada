"""``cmplanner accounts add | list | test | reconnect | remove``: a thin shell over the
accounts service.

A secret is read from standard input only (``--secret-stdin``), never from the command line
(where ``ps`` and the shell history would show it): a JSON object is the whole credential
dict, anything else the bare app password or token. Nothing here prints a secret.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from cmplanner.domain.accounts import AccountHealth
from cmplanner.domain.enums import Network
from cmplanner.domain.errors import InvalidInput
from cmplanner.services.workspace import Workspace

_NETWORKS = ", ".join(n.value for n in Network)


def add_parsers(sub: Any, common: Any) -> None:
    """The CLI extension hook (see ``cmplanner.cli._EXTENSION_MODULES``)."""
    accounts = sub.add_parser("accounts", help="connected accounts").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    add = accounts.add_parser(
        "add",
        help="connect an account (tests it; prints its id)",
        description="Check the credentials with the network, then save the account "
        "(its secret goes to the system password store). Prints the new account's id.",
    )
    add.add_argument("network", metavar="NETWORK", help=f"one of: {_NETWORKS}")
    add.add_argument("--brand", required=True, help="the brand's name")
    add.add_argument("--server", default="", help="server address (Mastodon; a Bluesky PDS)")
    add.add_argument("--handle", default="", help="the account's handle (Bluesky logs in with it)")
    add.add_argument(
        "--media-base-url",
        default="",
        metavar="URL",
        help="public address where this account's media is hosted (Instagram, Threads)",
    )
    _secret_flag(add)
    common(add)
    add.set_defaults(handler=_add)

    lst = accounts.add_parser("list", help="list accounts and their health")
    lst.add_argument("--brand", help="only this brand's accounts")
    lst.add_argument("--json", action="store_true")
    lst.add_argument("--all", action="store_true", help="include removed accounts")
    common(lst)
    lst.set_defaults(handler=_list)

    test = accounts.add_parser("test", help="check an account's saved credentials again")
    test.add_argument("id", type=int, metavar="ID")
    common(test)
    test.set_defaults(handler=_test)

    rec = accounts.add_parser("reconnect", help="give an account a new secret (tests it)")
    rec.add_argument("id", type=int, metavar="ID")
    _secret_flag(rec)
    common(rec)
    rec.set_defaults(handler=_reconnect)

    rm = accounts.add_parser(
        "remove",
        help="forget an account and its secret",
        description="Deletes the secret from the password store. An account that posts "
        "refer to is kept as 'removed' so their history stays; others are deleted.",
    )
    rm.add_argument("id", type=int, metavar="ID")
    common(rm)
    rm.set_defaults(handler=_remove)


def _secret_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--secret-stdin",
        action="store_true",
        help="read the app password or token (or a JSON object of credential fields) "
        "from standard input",
    )


def read_secret(args: argparse.Namespace) -> dict[str, str] | str:
    """The secret from standard input (a prompt without echo at a terminal)."""
    if not args.secret_stdin:
        raise InvalidInput(
            "The secret is read from standard input only, never from the command line.",
            "Add --secret-stdin and pipe it in, e.g.: pass show bluesky | cmplanner accounts "
            "add bluesky --brand NAME --handle H --secret-stdin",
        )
    try:
        if sys.stdin is None:
            raw = ""
        elif sys.stdin.isatty():
            raw = getpass.getpass("App password or token (not shown): ")
        else:
            raw = sys.stdin.read()
    except (OSError, UnicodeDecodeError, EOFError):
        raise InvalidInput(
            "The secret could not be read from standard input.",
            "Pipe it in as UTF-8 text.",
        ) from None
    raw = raw.strip()
    if not raw:
        raise InvalidInput(
            "Standard input held no secret.", "Pipe the app password or token in with it."
        )
    if not raw.startswith("{"):
        return raw
    try:
        fields = json.loads(raw)
    except ValueError:
        fields = None  # never chain the decode error: it quotes the input
    if not isinstance(fields, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in fields.items()
    ):
        raise InvalidInput(
            "Standard input starts like JSON but is not an object of text fields.",
            'Give either the bare secret or e.g. {"access_token": "..."}.',
        )
    return fields


def _network(raw: str) -> Network:
    try:
        return Network(raw.strip().lower())
    except ValueError:
        raise InvalidInput(f"Unknown network '{raw}'.", f"Use one of: {_NETWORKS}.") from None


def _add(ws: Workspace, args: argparse.Namespace) -> int:
    network = _network(args.network)
    brand = ws.brands.by_name(args.brand)
    secret = read_secret(args)
    account = ws.accounts.connect(
        brand.id,
        network,
        handle=args.handle,
        server=args.server,
        secret=secret,
        media_base_url=args.media_base_url,
    )
    print(account.id)
    return 0


def health_json(h: AccountHealth, brand: str) -> dict[str, Any]:
    a = h.account
    return {
        "id": a.id,
        "brand": brand,
        "brand_id": a.brand_id,
        "network": a.network.value,
        "handle": a.handle,
        "display_name": a.display_name,
        "server": a.server,
        "remote_id": a.remote_id,
        "avatar_url": a.avatar_url,
        "media_base_url": a.media_base_url,
        "status": a.status.value,
        "health": {
            "level": str(h.level),
            "state": h.state.value,
            "label": h.label,
            "can_reconnect": h.can_reconnect,
            "expires_in_days": h.expires_in_days,
            "rate_limited_until_utc": (
                h.rate_limited_until_utc.isoformat() if h.rate_limited_until_utc else None
            ),
        },
        "token_expires_utc": a.token_expires_utc.isoformat() if a.token_expires_utc else None,
    }


def _list(ws: Workspace, args: argparse.Namespace) -> int:
    brand_id = ws.brands.by_name(args.brand).id if args.brand else None
    names = {b.id: b.name for b in ws.brands.all(include_archived=True)}
    healths = ws.accounts.health(brand_id, include_removed=args.all)
    if args.json:
        data = [health_json(h, names.get(h.account.brand_id, "")) for h in healths]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for h in healths:
        a = h.account
        who = a.handle + (f" ({a.display_name})" if a.display_name else "")
        brand = names.get(a.brand_id, "")
        print(f"{a.id:>4}  {a.network.value:<9} {brand:<20} {who:<40} {h.label}")
    return 0


def _test(ws: Workspace, args: argparse.Namespace) -> int:
    profile = ws.accounts.test(args.id)
    account = ws.accounts.get(args.id)
    name = f" ({profile.display_name})" if profile.display_name else ""
    print(f"Connected: {profile.handle}{name} on {account.network.label}", end="")
    print(f" at {account.server}" if account.server else "")
    return 0


def _reconnect(ws: Workspace, args: argparse.Namespace) -> int:
    ws.accounts.get(args.id)  # an unknown id is said before the secret is asked for
    account = ws.accounts.reconnect(args.id, read_secret(args))
    print(f"Reconnected: {account.handle} on {account.network.label}")
    return 0


def _remove(ws: Workspace, args: argparse.Namespace) -> int:
    account = ws.accounts.get(args.id)
    if ws.accounts.remove(args.id):
        print(f"Removed account {args.id} ({account.handle}) and its saved secret.")
    else:
        print(
            f"Removed account {args.id} ({account.handle}) and its saved secret; "
            "kept as 'removed' because posts refer to it."
        )
    return 0
