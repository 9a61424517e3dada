"""``cmplanner import-analytics``, ``cmplanner report`` and ``cmplanner cadence``.

Thin shells over ``services/analytics_import.py``, ``services/report.py`` and the metrics
service: what goes wrong is a ``KnownError`` the main CLI prints with its hint.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cmplanner.domain.enums import Network
from cmplanner.domain.errors import InvalidInput
from cmplanner.services.analytics_formats import ExportFormat
from cmplanner.services.workspace import Workspace


def add_parsers(sub: Any, common: Any) -> None:
    """The CLI extension hook (see ``cmplanner.cli._EXTENSION_MODULES``)."""
    imp = sub.add_parser(
        "import-analytics",
        help="import a CSV analytics export (Meta Business Suite, LinkedIn, X)",
        description="Read a post-level analytics export and store its counts. The whole "
        "file is checked first: one bad row and nothing is imported.",
    )
    imp.add_argument("file", metavar="FILE", type=Path)
    imp.add_argument(
        "--format",
        choices=[f.value for f in ExportFormat],
        help="the export's format (default: recognised from its columns)",
    )
    imp.add_argument("--brand", help="the brand the posts belong to (for posts not planned here)")
    common(imp)
    imp.set_defaults(handler=_import)

    rep = sub.add_parser("report", help="write a brand's monthly client report (PDF)")
    rep.add_argument("--brand", required=True)
    rep.add_argument("--month", required=True, metavar="YYYY-MM")
    rep.add_argument("-o", "--output", required=True, metavar="FILE.pdf", type=Path)
    common(rep)
    rep.set_defaults(handler=_report)

    cad = sub.add_parser(
        "cadence", help="show or set a brand's posting goal (posts per week per network)"
    )
    cad.add_argument("--brand", required=True)
    cad.add_argument("--network", choices=[n.value for n in Network])
    cad.add_argument("--per-week", type=int, metavar="N", help="0 removes the goal")
    common(cad)
    cad.set_defaults(handler=_cadence)


def _import(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.analytics_import import AnalyticsImporter

    importer = AnalyticsImporter(ws.sessions, ws.metrics, ws.clock)
    result = importer.import_file(
        args.file,
        format=ExportFormat(args.format) if args.format else None,
        brand_name=args.brand,
    )
    print(
        f"{args.file.name}: {result.format.label}, {result.rows} post(s): "
        f"{result.matched} matched planned posts, {result.external_added} new and "
        f"{result.external_updated} updated external post(s)"
        + (f" for {result.brand_name}" if result.brand_name else "")
        + "."
    )
    return 0


def parse_month(raw: str) -> tuple[int, int]:
    try:
        year, month = (int(p) for p in raw.strip().split("-"))
        if not (1 <= month <= 12 and 2000 <= year <= 2100):
            raise ValueError
    except ValueError:
        raise InvalidInput(
            f"'{raw}' is not a month.", "Write it as YYYY-MM, for example 2026-11."
        ) from None
    return year, month


def _report(ws: Workspace, args: argparse.Namespace) -> int:
    from cmplanner.services.report import build_report
    from cmplanner.services.report_pdf import write_pdf
    from cmplanner.ui.charts_texts import report_texts  # QtCore only: the translated texts

    year, month = parse_month(args.month)
    brand = ws.brands.by_name(args.brand)
    data = build_report(ws, brand.id, year, month)
    pages = write_pdf(data, args.output, report_texts())
    print(f"{args.output}: {pages} page(s), {brand.name}, {year}-{month:02d}.")
    return 0


def _cadence(ws: Workspace, args: argparse.Namespace) -> int:
    brand = ws.brands.by_name(args.brand)
    if (args.network is None) != (args.per_week is None):
        raise InvalidInput(
            "Give both --network and --per-week to set a goal.",
            "For example: cmplanner cadence --brand NAME --network bluesky --per-week 3",
        )
    if args.network is not None:
        ws.metrics.set_cadence_goal(brand.id, Network(args.network), args.per_week)
    goals = ws.metrics.cadence_goals(brand.id)
    if not goals:
        print(f"{brand.name}: no posting goal set.")
    for network, per_week in sorted(goals.items()):
        print(f"{brand.name}: {network.label}: {per_week} post(s) a week")
    return 0
