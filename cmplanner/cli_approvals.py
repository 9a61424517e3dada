"""``cmplanner approvals export`` and ``cmplanner approvals import``: client approval packs.

Thin shells over ``services/approvals*.py`` (and ``ui/approval_pdf.py`` for ``--pdf``,
which lays the pack out with Qt on the offscreen platform: no display needed).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from cmplanner.domain.errors import InvalidInput
from cmplanner.services.workspace import Workspace


def add_parsers(sub: Any, common: Any) -> None:
    """The CLI extension hook (see ``cmplanner.cli._EXTENSION_MODULES``)."""
    top = sub.add_parser(
        "approvals", help="client approval packs: export one, import the client's decisions"
    ).add_subparsers(dest="action", required=True, metavar="ACTION")
    exp = top.add_parser(
        "export",
        help="write a brand's posts of a period as one HTML page (and a PDF) for the client",
        description="The pack shows each post as each network will show it, with dates in "
        "the brand's time zone; the client approves, requests changes or comments in any "
        "browser, offline, and sends back the file its 'Save my decisions' button saves. "
        "The posts in the pack are marked 'pending' until then.",
    )
    exp.add_argument("--brand", required=True)
    exp.add_argument("--from", dest="first", required=True, metavar="DATE", help="YYYY-MM-DD")
    exp.add_argument(
        "--to", dest="last", required=True, metavar="DATE", help="YYYY-MM-DD, included"
    )
    exp.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.html")
    exp.add_argument("--pdf", type=Path, metavar="FILE.pdf", help="also print the pack to a PDF")
    common(exp)
    exp.set_defaults(handler=_export)

    imp = top.add_parser(
        "import",
        help="apply a client's decisions (the decisions JSON, or the pack saved with them)",
        description="Approved ideas and drafts become ready (scheduled posts stay scheduled), "
        "all are marked approved; change requests and comments come back as comments on "
        "the post. A post changed since the pack was made is flagged, never approved.",
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    common(imp)
    imp.set_defaults(handler=_import)


def _date(raw: str, flag: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidInput(
            f"{flag} '{raw}' is not a date.", "Write it as YYYY-MM-DD, for example 2026-12-01."
        ) from None


def _export(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.approvals import build_pack, mark_pending
    from cmplanner.services.approvals_html import write_pack

    brand = ws.brands.by_name(args.brand)
    pack = build_pack(ws, brand.id, _date(args.first, "--from"), _date(args.last, "--to"))
    size = write_pack(pack, args.output)
    pages = None
    if args.pdf is not None:
        from cmplanner.ui.approval_pdf import write_pack_pdf

        pages = write_pack_pdf(pack, args.pdf)
    mark_pending(ws, pack)
    print(
        f"{args.output}: {len(pack.posts)} post(s) of {brand.name}, {pack.first} to "
        f"{pack.last}, times in {brand.timezone} ({size / 1024:.0f} KiB)."
    )
    if pages is not None:
        print(f"{args.pdf}: {pages} page(s).")
    return 0


def _import(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.approvals import apply_decisions
    from cmplanner.services.approvals_decisions import read_decisions

    report = apply_decisions(ws, read_decisions(args.file))
    if args.json:
        print(
            json.dumps(
                {
                    "reviewer": report.reviewer,
                    "brand": report.brand_name,
                    "items": [
                        {
                            "post_id": i.post_id,
                            "decision": i.decision.value,
                            "outcome": i.outcome.value,
                            "flagged": i.flagged,
                            "detail": i.detail,
                        }
                        for i in report.items
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(report.summary())
        for item in report.items:
            mark = "!" if item.flagged else " "
            detail = f" ({item.detail})" if item.detail else ""
            print(f"{mark} {item.post_id:>5}  {item.outcome.value:<18} {item.head}{detail}")
    return 1 if report.flagged else 0
