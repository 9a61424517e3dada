"""Write the sample client report into docs/: ``sample-report.pdf`` and a PNG preview of
its pages, ``sample-report.png`` (run: python scripts/sample_report.py).

The report is the one ``cmplanner report`` writes, for the first brand of the sample
workspace (made-up counts, ``cmplanner demo``) and the month before a fixed "now", so the
files are the same from run to run (the PDF's dates come from SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
os.environ["SOURCE_DATE_EPOCH"] = str(int(NOW.timestamp()))

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from PIL import Image  # noqa: E402

from cmplanner.domain.clock import FixedClock  # noqa: E402
from cmplanner.paths import Paths  # noqa: E402
from cmplanner.services.demo import fill_demo  # noqa: E402
from cmplanner.services.report import build_report  # noqa: E402
from cmplanner.services.report_pdf import report_figures, write_pdf  # noqa: E402
from cmplanner.services.workspace import open_workspace  # noqa: E402

#: Pixels per inch of the preview: an A4 page is ~500 px wide, three side by side.
PREVIEW_DPI = 60
GAP = 16


def preview(pages: list[object], path: Path) -> None:
    """The pages side by side on a light grey ground, as one PNG."""
    images: list[Image.Image] = []
    for fig in pages:
        canvas = FigureCanvasAgg(fig)  # type: ignore[arg-type]
        fig.set_dpi(PREVIEW_DPI)  # type: ignore[attr-defined]
        canvas.draw()
        images.append(Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()))
    width = sum(im.width for im in images) + GAP * (len(images) + 1)
    height = max(im.height for im in images) + 2 * GAP
    sheet = Image.new("RGB", (width, height), "#d0d7de")
    x = GAP
    for im in images:
        sheet.paste(im.convert("RGB"), (x, GAP))
        x += im.width + GAP
    sheet.save(path, optimize=True)


def main() -> int:
    out = ROOT / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        ws = open_workspace(Paths(home=home, logs=home / "logs"), clock=FixedClock(NOW))
        try:
            fill_demo(ws.brands, ws.accounts, ws.posts, ws.metrics)
            brand = ws.brands.all()[0]
            month = 10 if NOW.month == 11 else NOW.month - 1
            data = build_report(ws, brand.id, NOW.year, month)
            pdf = out / "sample-report.pdf"
            pages = write_pdf(data, pdf)
            preview(list(report_figures(data)), out / "sample-report.png")
        finally:
            ws.close()
    print(
        f"{pdf.relative_to(ROOT)}: {pages} pages, {pdf.stat().st_size // 1024} KiB; preview in "
        "docs/sample-report.png"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
