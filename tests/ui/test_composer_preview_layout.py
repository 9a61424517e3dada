"""The thread preview's own shortcuts give Qt's answers: a part's height for a width is
QLabel's, its minimum width is that of its widest unbreakable piece, and a part whose
new text takes the lines it took keeps its place without a new layout."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea
from pytestqt.qtbot import QtBot

from cmplanner.domain.enums import Network
from cmplanner.networks.preview import render_preview
from cmplanner.networks.registry import rules_for
from cmplanner.ui.preview_parts import PartLabel, widest_unbreakable
from cmplanner.ui.preview_widget import PreviewWidget, is_dark, part_html, part_runs

_CHUNK = (
    "Fresh rye every Thursday at 7 🍞 Come early, bring a friend and tell us what you "
    "think! Menu at https://panaderiasol.com/menu/winter #panaderiasol @sol.bsky.social "
    "ਤਾਜ਼ੀ ਰੋਟੀ · خبز طازج\n\n"
)


def _label_and_qlabel(qtbot: QtBot) -> tuple[PartLabel, QLabel]:
    """A part's label and a QLabel set up as a preview's parts are (rich text, wrapped)."""
    label = PartLabel()
    qtbot.addWidget(label)
    reference = QLabel()
    qtbot.addWidget(reference)
    for widget in (label, reference):
        widget.setTextFormat(Qt.TextFormat.RichText)
        widget.setWordWrap(True)
        widget.setAlignment(label.alignment())
    return label, reference


def test_part_height_for_width_is_qlabels(qtbot: QtBot) -> None:
    rules = rules_for(Network.X)
    parts = render_preview(rules, _CHUNK * 6, display_name="Sol", handle="sol").parts
    assert len(parts) > 2
    label, reference = _label_and_qlabel(qtbot)
    for part in parts:
        markup = part_html(part, Network.X, dark=False)
        label.set_part(markup, "".join(span.text for span in part.spans))
        reference.setText(markup)
        for width in (40, 90, 160, 214, 333, 520):
            assert label.heightForWidth(width) == reference.heightForWidth(width)


@pytest.mark.parametrize("network", list(Network), ids=lambda n: n.value)
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_part_height_from_its_runs_is_qlabels(qtbot: QtBot, network: Network, dark: bool) -> None:
    """Measured from the runs (one text layout, no markup parsed) as QLabel measures the
    markup: every network's highlighting, Instagram's bold username, folded text."""
    rules = rules_for(network)
    texts = [
        _CHUNK * 6,
        "Short: ਤਾਜ਼ੀ ਰੋਟੀ 👩‍👩‍👧 خبز طازج #tag @sol.bsky.social https://sol.es/a_(b)",
        "A line\n\nand a paragraph 🇪🇸 after it, then a word longer than any column: " + "x" * 60,
    ]
    label, reference = _label_and_qlabel(qtbot)
    measured = 0
    for text in texts:
        preview = render_preview(rules, text, display_name="Sol", handle="@sol_bakery")
        for i, part in enumerate(preview.parts):
            lead = "sol_bakery" if network == Network.INSTAGRAM and i == 0 else None
            markup = part_html(
                part, network, dark=dark, lead="<b>sol_bakery</b> " if lead is not None else ""
            )
            runs = part_runs(part, network, dark=dark, lead=lead)
            label.set_part(markup, "".join(span.text for span in part.spans), runs)
            reference.setText(markup)
            measured += label._runs is not None
            for width in (40, 90, 160, 214, 333, 520):
                assert label.heightForWidth(width) == reference.heightForWidth(width)
    assert measured > 0


def test_widest_piece_is_found_line_by_line_as_in_the_whole(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    metrics = label.fontMetrics()
    text = _CHUNK * 3 + "https://panaderiasol.com/a/very/long/path/that/does/not/break\nok"
    lines = text.split("\n")
    whole = max(widest_unbreakable(line, metrics, "one-line") for line in lines)
    assert widest_unbreakable(text, metrics, "by-lines") == whole
    assert whole > 0


def test_typing_in_the_last_part_updates_it_in_place(qtbot: QtBot) -> None:
    rules = rules_for(Network.X)
    widget = PreviewWidget()
    scroll = QScrollArea()
    qtbot.addWidget(scroll)
    scroll.setWidgetResizable(True)
    scroll.setWidget(widget)
    scroll.resize(420, 600)
    scroll.show()
    text = _CHUNK * 6
    widget.show_preview(render_preview(rules, text, display_name="Sol", handle="sol"))
    rows = [r for r in widget.rows if not r.isHidden()]

    def laid_out() -> bool:
        return all(
            r.label.height() == r.label.heightForWidth(r.label.width()) and r.label.width() > 0
            for r in rows
        )

    qtbot.waitUntil(laid_out)
    for word in ("and", " fresh", " bread", " for everyone, every Thursday at seven"):
        text += word
        preview = render_preview(rules, text, display_name="Sol", handle="sol")
        widget.show_preview(preview)
        rows = [r for r in widget.rows if not r.isHidden()]
        assert len(rows) == len(preview.parts)
        dark = is_dark(widget.palette())
        assert rows[-1].label.text() == part_html(preview.parts[-1], Network.X, dark=dark)
        qtbot.waitUntil(laid_out)
    assert "every Thursday at seven" in widget.visible_text()
