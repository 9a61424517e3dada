"""The client report prints what the translation gives: every sentence of it goes
through ``QCoreApplication.translate`` (context ``ClientReport``; its charts' axes and
legends, context ``Charts``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields
from datetime import UTC, datetime

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from cmplanner.domain.enums import Network, PostState
from cmplanner.services.chart_texts import ChartTexts
from cmplanner.services.metrics import Counts
from cmplanner.services.report import ReportTexts, build_report
from cmplanner.services.report_pdf import report_figures
from cmplanner.services.workspace import Workspace
from cmplanner.ui.charts_texts import report_texts


class _Marking(QTranslator):
    """A translation that wraps every report and chart text in « » (so an untranslated
    one shows); other contexts stay untranslated (None: Qt takes "" as a translation)."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return f"«{source}»" if context in ("ClientReport", "Charts") else None


@pytest.fixture
def marking(qapp: QApplication) -> Iterator[None]:
    translator = _Marking()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def _unmarked(text: str) -> str:
    """The text without what the translation gave (« » pairs, innermost first)."""
    while True:
        shorter = re.sub("«[^«»]*»", "", text)
        if shorter == text:
            return text
        text = shorter


def _texts(figures: list[Figure]) -> list[str]:
    return [
        t.get_text()
        for fig in figures
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text()
    ]


def test_every_report_text_goes_through_the_translation(ws: Workspace, marking: None) -> None:
    b = ws.brands.create("Northwind", "UTC")
    acc = ws.accounts.add_profile(b.id, Network.BLUESKY, "northwind.bsky.social")
    post = ws.posts.create(
        b.id,
        "Trail tip",
        local_at=datetime(2026, 11, 3, 9, 0),
        state=PostState.PUBLISHED,
        account_ids=[acc.id],
        allow_past=True,
    )
    ((target, _a, _n),) = ws.metrics.published_targets(post.id)
    ws.metrics.record_post_metrics(target, Counts(likes=4), datetime(2026, 11, 5, tzinfo=UTC))
    ws.posts.create(b.id, "Winter gear launch", local_at=datetime(2026, 12, 4, 10, 0))

    texts = report_texts()
    for f in fields(ReportTexts):
        value = getattr(texts, f.name)
        if isinstance(value, str):
            assert value.startswith("«") and value.endswith("»"), f.name
    assert texts.months[10] == "«November»"
    for f in fields(ChartTexts):
        value = getattr(texts.charts, f.name)
        if isinstance(value, str):
            assert value.startswith("«") and value.endswith("»"), f.name
    assert texts.charts.weekdays_short[0] == "«Mon»"
    assert texts.planned_count(1).startswith("«")

    printed = _texts(report_figures(build_report(ws, b.id, 2026, 11), texts))
    joined = "\n".join(printed)
    assert "«Social media report · %1»".replace("%1", "«November» 2026") in joined
    assert "«The month in figures»" in joined
    assert "«Top posts of the month»" in joined
    assert "«Mon»" in printed  # the plan's weekday heads
    assert "«%1 engagement»".replace("%1", "4") in joined
    # The charts' date axes name their months through the charts' texts.
    assert "«%1 %2»".replace("%1", "02").replace("%2", "«Nov»") in printed
    # No sentence of the report is left in English outside the translation's marks.
    unmarked = [_unmarked(text) for text in printed]
    english = ReportTexts()
    for f in fields(ReportTexts):
        value = getattr(english, f.name)
        if isinstance(value, str) and "%" not in value and len(value) > 4:
            for text in unmarked:
                assert value not in text, (f.name, text)
