"""Data that moves: ``cmplanner import``, ``export``, ``restore`` and ``backup``.

Thin shells over ``services/transfer_*.py``. An import is all or nothing: every bad line
is printed with its number and reason, and nothing is imported.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cmplanner.services.workspace import Workspace


def add_parsers(sub: Any, common: Any) -> None:
    """The CLI extension hook (see ``cmplanner.cli._EXTENSION_MODULES``)."""
    imp = sub.add_parser(
        "import",
        help="import posts from a CSV file (cmplanner, Hootsuite or Buffer layout)",
        description="Layouts: cmplanner (brand, datetime, text, targets, media, tags[, state]); "
        "Hootsuite bulk (Date DD/MM/YYYY HH:MM, Message, Link); Buffer bulk (Text, Image URL, "
        "Tags, Posting Time). All or nothing: every bad line is reported, nothing imported.",
    )
    imp.add_argument("file", type=Path, metavar="FILE.csv")
    imp.add_argument("--brand", help="brand for rows that name none (Hootsuite, Buffer)")
    imp.add_argument("--layout", choices=("cmplanner", "hootsuite", "buffer"))
    imp.add_argument("--to", action="append", type=int, default=[], metavar="ACCOUNT_ID")
    imp.add_argument("--month-first", action="store_true", help="Hootsuite dates MM/DD/YYYY")
    imp.add_argument("--dry-run", action="store_true", help="check every row, import nothing")
    common(imp)
    imp.set_defaults(handler=_import)

    exp = sub.add_parser("export", help="export posts (CSV), a brand's calendar (ICS) or all")
    kinds = exp.add_subparsers(dest="kind", required=True, metavar="KIND")
    e_csv = kinds.add_parser("posts", help="posts as CSV (the layout import reads)")
    e_csv.add_argument("output", type=Path, metavar="FILE.csv")
    e_csv.add_argument("--brand")
    common(e_csv)
    e_csv.set_defaults(handler=_export_csv)
    e_ics = kinds.add_parser("ics", help="a brand's scheduled posts as an iCalendar file")
    e_ics.add_argument("output", type=Path, metavar="FILE.ics")
    e_ics.add_argument("--brand", required=True)
    common(e_ics)
    e_ics.set_defaults(handler=_export_ics)
    e_all = kinds.add_parser("workspace", help="everything (no secret) with media, as a zip")
    e_all.add_argument("output", type=Path, metavar="FILE.zip")
    common(e_all)
    e_all.set_defaults(handler=_export_workspace)

    res = sub.add_parser("restore", help="bring an exported workspace into an empty one")
    res.add_argument("file", type=Path, metavar="FILE.zip")
    common(res)
    res.set_defaults(handler=_restore)

    bak = sub.add_parser("backup", help="copy the database now, or list the copies")
    bak.add_argument("--list", action="store_true", help="list the copies, newest first")
    common(bak)
    bak.set_defaults(handler=_backup)


def _import(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.transfer_csv import Layout, read_table
    from cmplanner.services.transfer_import import ImportOptions, PostImporter

    table = read_table(args.file)
    options = ImportOptions(
        layout=Layout(args.layout) if args.layout else None,
        brand=args.brand,
        account_ids=tuple(args.to),
        day_first=not args.month_first,
    )
    importer = PostImporter(ws.brands, ws.accounts, ws.posts, ws.clock)
    if args.dry_run:
        planned = importer.plan(table, options)
        print(f"{len(planned)} post(s) would be imported from {table.name}; nothing was changed.")
        return 0
    result = importer.run(table, options)
    print(f"Imported {len(result.post_ids)} post(s) from {table.name} ({result.layout} layout).")
    return 0


def _export_csv(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.transfer_export import posts_csv, write_text

    brand = ws.brands.by_name(args.brand) if args.brand else None
    posts = ws.posts.find(brand.id if brand else None)
    write_text(args.output, posts_csv(posts))
    print(f"{len(posts)} post(s) written to {args.output}")
    return 0


def _export_ics(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.transfer_export import brand_ics

    brand = ws.brands.by_name(args.brand)
    posts = [p for p in ws.posts.find(brand.id) if p.scheduled_utc is not None]
    out = Path(args.output).expanduser()
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(brand_ics(brand, posts, ws.clock.now()))
    tmp.replace(out)
    print(f"{len(posts)} scheduled post(s) of {brand.name} written to {out}")
    return 0


def _export_workspace(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.transfer_archive import export_workspace

    counts = export_workspace(ws.sessions, ws.media.root, args.output, ws.clock.now())
    print(
        f"Workspace written to {args.output}: {counts.get('brand', 0)} brand(s), "
        f"{counts.get('post', 0)} post(s), {counts.get('media', 0)} media file(s). "
        "No password or token is in it: reconnect the accounts after a restore."
    )
    return 0


def _restore(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.transfer_archive import restore_workspace

    counts = restore_workspace(ws.engine, ws.sessions, ws.notifier, ws.media.root, args.file)
    print(
        f"Restored {counts.get('brand', 0)} brand(s), {counts.get('post', 0)} post(s) and "
        f"{counts.get('media', 0)} media file(s) into {ws.paths.home}. "
        "Reconnect the accounts (cmplanner accounts reconnect) to publish again."
    )
    return 0


def _backup(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.transfer_backups import Backups

    backups = Backups(ws.engine, ws.paths.backups)
    if not backups.available:
        print("This workspace is on a database server: back it up with pg_dump.")
        return 0
    if args.list:
        for b in backups.all():
            print(f"{b.made_utc:%Y-%m-%d %H:%M}Z  {b.bytes / 1e6:8.1f} MB  {b.path}")
        return 0
    made = backups.make(ws.clock.now(), daily=False)
    print(f"Database copied to {made}")
    return 0
