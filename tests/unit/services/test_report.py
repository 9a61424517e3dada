"""The client report: its figures, its PDF (pages, text), its pages rendered to PNG."""

from __future__ import annotations

import re
import zlib
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from cmplanner import cli
from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.errors import InvalidInput
from cmplanner.services.metrics import Counts
from cmplanner.services.report import build_report
from cmplanner.services.report_pdf import report_figures, write_pdf
from cmplanner.services.workspace import Workspace


def _pdf_text(raw: bytes) -> str:
    """The text a PDF viewer would find: every TJ/Tj string of the page streams."""
    out: list[str] = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S):
        try:
            data = zlib.decompress(m.group(1))
        except zlib.error:
            continue
        for op in re.finditer(rb"\[(.*?)\]\s*TJ|\((.*?)(?<!\\)\)\s*Tj", data, re.S):
            body = op.group(1) if op.group(1) is not None else b"(" + op.group(2) + b")"
            for s in re.finditer(rb"\(((?:[^()\\]|\\.)*)\)", body):
                text = re.sub(rb"\\([()\\])", rb"\1", s.group(1))
                out.append(text.decode("latin-1"))
            out.append(" ")
    return "".join(out)


@pytest.fixture
def brand_id(ws: Workspace) -> int:
    b = ws.brands.create("Northwind Outdoor", "America/New_York", color="#2f7d5b")
    acc = ws.accounts.add_profile(b.id, Network.BLUESKY, "northwind.bsky.social")
    for month, likes in ((10, (5, 7)), (11, (9, 12, 30))):
        for i, n in enumerate(likes):
            post = ws.posts.create(
                b.id,
                f"Trail tip {month}-{i} 👀",
                local_at=datetime(2026, month, 3 + 5 * i, 9, 0),
                state=PostState.PUBLISHED,
                account_ids=[acc.id],
                allow_past=True,
            )
            ((target, _a, _n),) = ws.metrics.published_targets(post.id)
            ws.metrics.record_post_metrics(
                target, Counts(likes=n, views=10 * n), datetime(2026, 11, 25, tzinfo=UTC)
            )
    ws.metrics.record_followers(acc.id, 500, taken_utc=datetime(2026, 10, 1, tzinfo=UTC))
    ws.metrics.record_followers(acc.id, 520, taken_utc=datetime(2026, 11, 1, tzinfo=UTC))
    ws.metrics.record_followers(acc.id, 560, taken_utc=datetime(2026, 11, 25, tzinfo=UTC))
    ws.posts.create(b.id, "Winter gear launch", local_at=datetime(2026, 12, 4, 10, 0))
    return b.id


def test_report_figures_against_last_month(ws: Workspace, brand_id: int) -> None:
    data = build_report(ws, brand_id, 2026, 11)
    assert (data.figures.posts, data.figures.engagement) == (3, 51)
    assert (data.previous.posts, data.previous.engagement) == (2, 12)
    assert data.figures.follower_change == 560 - 520
    assert [t.post.engagement for t in data.top] == [30, 12, 9]
    assert [p.head for p in data.planned] == ["Winter gear launch"]


def test_report_pdf_has_pages_with_the_brand_and_they_are_not_blank(
    ws: Workspace, brand_id: int, tmp_path: Path
) -> None:
    data = build_report(ws, brand_id, 2026, 11)
    out = tmp_path / "northwind.pdf"
    assert write_pdf(data, out) == 3
    raw = out.read_bytes()
    assert raw.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page\b", raw)) == 3
    text = _pdf_text(raw)
    assert "Northwind Outdoor" in text
    assert "November 2026" in text
    assert "Winter gear" in text  # next month's plan
    for i, fig in enumerate(report_figures(data), start=1):
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        pixels = np.asarray(canvas.buffer_rgba())[:, :, :3]
        # not blank: a real share of the page is drawn on, in more than a few colours
        assert (pixels.min(axis=2) < 240).mean() > 0.03, i
        assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 50, i
        fig.savefig(f"/tmp/H_report_test_{i}.png", dpi=60)


def test_report_refuses_a_bad_path_and_month(
    ws: Workspace, brand_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = build_report(ws, brand_id, 2026, 11)
    with pytest.raises(InvalidInput):
        write_pdf(data, tmp_path / "report.txt")
    with pytest.raises(InvalidInput):
        write_pdf(data, tmp_path / "missing" / "report.pdf")
    home = str(ws.paths.home)
    ws.close()
    argv = ["report", "--brand", "northwind outdoor", "--home", home]
    assert cli.run([*argv, "--month", "2026-13", "-o", str(tmp_path / "r.pdf")]) == 2
    assert "YYYY-MM" in capsys.readouterr().err
    assert cli.run([*argv, "--month", "2026-11", "-o", str(tmp_path / "r.pdf")]) == 0
    assert "3 page(s), Northwind Outdoor, 2026-11" in capsys.readouterr().out
    assert (tmp_path / "r.pdf").stat().st_size > 10_000
