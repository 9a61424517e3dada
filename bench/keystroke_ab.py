"""A keystroke in the composer, an earlier commit's code against the checkout's, in ONE process.

    python bench/keystroke_ab.py --before REV [--keys 60] [--cpu]

On this 2-core VM, which switches between a fast and a slow mode and is shared with other
engineers' benches, two runs of ``keystroke.py`` a few seconds apart differ by more than
a change worth making (the same code: 6.6 then 16.6 ms). This script compares two versions
of the code under the same conditions: it exports ``cmplanner/`` at REV into a temporary
folder as a package named ``cmplanner_before`` (its own imports renamed), opens one
composer from each package as ``keystroke.py`` does (7 accounts, the same 3,000-character
text, the same window size), and types the same characters into both in turn, the order
swapped every keystroke. Each package has its own per-text caches, so neither counts for
the other. Figures, medians of each: the Bluesky tab and the X tab typing at the end, and
the X tab typing mid-text, each keystroke followed by ``LiveChecks.flush`` and
``processEvents`` as in ``keystroke.py``'s "full" figure.

Both composers are shown at once, so the absolute figures are not ``keystroke.py``'s;
the ratio after / before is what this measures.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench_common import median
from bench_common import qapp as _qapp

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(ROOT))

import keystroke as ks  # noqa: E402

#: Imports of the package, to be renamed in the exported copy.
_IMPORT = re.compile(r"\bcmplanner(?=[.\s])")


def export_before(rev: str, into: Path) -> None:
    """``cmplanner/`` at ``rev`` as the package ``cmplanner_before`` under ``into``."""
    archive = subprocess.run(
        ["git", "archive", rev, "cmplanner"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    package = into / "cmplanner_before"
    (into / "cmplanner").rename(package)
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        renamed = "\n".join(
            _IMPORT.sub("cmplanner_before", line)
            if line.lstrip().startswith(("from cmplanner", "import cmplanner"))
            else line
            for line in text.split("\n")
        )
        source.write_text(renamed, encoding="utf-8")


def _composer(package: str, home: Path) -> tuple[Any, dict[str, Any]]:
    """A shown composer of ``package`` with 7 accounts and the bench's text; its tabs."""

    def module(name: str) -> Any:
        return __import__(f"{package}.{name}", fromlist=["_"])

    network = module("domain.enums").Network
    clock = module("domain.clock").FixedClock(datetime(2026, 11, 26, 10, 0, tzinfo=UTC))
    paths = module("paths").Paths(home=home, logs=home / "logs")
    ws = module("services.workspace").open_workspace(paths, clock=clock)
    brand = ws.brands.create("Panadería Sol", "Europe/Madrid")
    accounts = [ws.accounts.add_profile(brand.id, n, f"sol-{n.value}") for n in network]
    dialog = module("ui.composer").ComposerDialog(ws, brand_id=brand.id)
    dialog.resize(1240, 800)
    dialog.show()
    for acc in accounts:
        dialog.form.targets.boxes[acc.id].setChecked(True)
    dialog.editor.setPlainText(ks.sample_text())
    dialog.live.flush()
    tabs = {t.account.network.value: t for t in dialog.tabs.tabs.values()}
    return dialog, tabs


def measure(rev: str, keys: int = 60, *, cpu: bool = False) -> dict[str, tuple[float, float]]:
    """(before, after) median ms of each figure."""
    from PySide6.QtGui import QTextCursor

    app = _qapp()
    timer: Callable[[], float] = time.process_time if cpu else time.perf_counter
    with tempfile.TemporaryDirectory(prefix="cmplanner-keystroke-ab-") as tmp:
        root = Path(tmp)
        export_before(rev, root)
        sys.path.insert(0, str(root))
        (root / "before").mkdir()
        (root / "after").mkdir()
        before, before_tabs = _composer("cmplanner_before", root / "before")
        after, after_tabs = _composer("cmplanner", root / "after")
        for _ in range(5):
            app.processEvents()
        typed = 0
        figures: dict[str, tuple[float, float]] = {}
        runs = (("Bluesky tab", "bluesky", False), ("X tab", "x", False), ("X mid-text", "x", True))
        for label, tab, middle in runs:
            for dialog, tabs in ((before, before_tabs), (after, after_tabs)):
                dialog.tabs.setCurrentWidget(tabs[tab])
                dialog.live.flush()
            app.processEvents()
            times: dict[str, list[float]] = {"before": [], "after": []}
            for i in range(keys if not middle else max(1, keys // 3)):
                char = ks.TYPED[typed % len(ks.TYPED)]
                at = ks.TEXT_CHARS // 2 + typed if middle else None
                typed += 1
                pair = [("before", before), ("after", after)]
                for name, dialog in pair if i % 2 == 0 else pair[::-1]:
                    t0 = timer()
                    cursor = dialog.editor.textCursor()
                    if at is None:
                        cursor.movePosition(QTextCursor.MoveOperation.End)
                    else:
                        cursor.setPosition(at)
                    cursor.insertText(char)
                    dialog.live.flush()
                    app.processEvents()
                    times[name].append((timer() - t0) * 1000)
            figures[label] = (median(times["before"]), median(times["after"]))
        for dialog in (before, after):
            dialog.discard()
            dialog.deleteLater()
        app.processEvents()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="composer keystroke, two versions, one process")
    parser.add_argument("--before", required=True, help="the commit to compare with")
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--cpu", action="store_true", help="time in CPU time of the process")
    args = parser.parse_args(argv)
    figures = measure(args.before, args.keys, cpu=args.cpu)
    print(
        f"keystroke, {args.before} against the checkout, one process"
        + (", CPU time" if args.cpu else "")
    )
    for label, (b, a) in figures.items():
        print(f"  {label:12s} before {b:6.2f} ms  after {a:6.2f} ms  after/before {a / b:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
