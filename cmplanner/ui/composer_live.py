"""The composer's live checks: counters, overflow highlight, previews, problems, ready gate.

Counters and the overflow highlight follow every keystroke (the network's own counting,
nothing debounced). The full checks and the visible preview follow on the next turn of
the event loop when they are cheap, or once typing pauses when the text is long enough
that they are not (thread splitting of a 3,000-character text costs far more than a
keystroke); a hidden tab's preview is drawn when the tab is shown.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from cmplanner.domain.enums import Network
from cmplanner.domain.models import Account, Brand
from cmplanner.networks.base import (
    FitSuggestion,
    LengthReport,
    MediaInfo,
    NetworkRules,
    ProblemLevel,
)
from cmplanner.networks.graphemes import utf16_offset
from cmplanner.networks.preview import render_preview
from cmplanner.services.post_checks import TargetCheck, check_targets, rules_for_account
from cmplanner.ui.composer_fields import MessageBanner
from cmplanner.ui.composer_media import FitOption, MediaPanel
from cmplanner.ui.composer_targets import TargetTab, TargetTabs
from cmplanner.ui.counter_badge import CounterRow
from cmplanner.ui.problems_list import ProblemsList, problem_rows

#: A full refresh this fast runs right after the keystroke; slower ones wait for a pause.
FAST_MS = 12.0
PAUSE_MS = 250
LENGTH_CODES = frozenset({"too_long", "too_many_bytes"})
OVERFLOW_BG = QColor(255, 95, 95, 90)


def overflow_of(report: LengthReport) -> int | None:
    """Where the text stops fitting, counting characters or bytes, whichever comes first."""
    starts = [s for s in (report.overflow_start, report.byte_overflow_start) if s is not None]
    return min(starts) if starts else None


def highlight_overflow(editor: QPlainTextEdit, text: str, start: int | None) -> None:
    """A light red background from ``start`` (a code point offset) to the end."""
    if start is None:
        if editor.extraSelections():
            editor.setExtraSelections([])
        return
    begin = utf16_offset(text, start)
    end = editor.document().characterCount() - 1
    shown = editor.extraSelections()
    if len(shown) == 1:
        # The highlight's cursor follows edits: typing on at the end of a text already too
        # long leaves it right, and setting it again would repaint all it covers.
        now = shown[0].cursor
        if now.selectionStart() == begin and now.selectionEnd() == end:
            return
    sel = QTextEdit.ExtraSelection()
    cursor = QTextCursor(editor.document())
    cursor.setPosition(begin)
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    fmt = QTextCharFormat()
    fmt.setBackground(OVERFLOW_BG)
    sel.cursor, sel.format = cursor, fmt
    editor.setExtraSelections([sel])


class LiveChecks(QObject):
    """Keeps counters, highlights, previews, problems and the ready gate in step with the text.

    Signals:
        gate_changed(str): why the post cannot be ready ("" when it can).
    """

    gate_changed = Signal(str)

    def __init__(
        self,
        editor: QPlainTextEdit,
        counters: CounterRow,
        tabs: TargetTabs,
        problems: ProblemsList,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor, self.counters, self.tabs, self.problems = editor, counters, tabs, problems
        self.accounts: list[Account] = []
        self.brand: Brand | None = None
        self.content_warning = ""
        self.media: list[MediaInfo] = []
        self.images: list[QImage] = []
        self.checks: list[TargetCheck] = []
        self.reports: dict[int, LengthReport] = {}
        self.gate = ""
        self.last_full_ms = 0.0
        self._rules: dict[int, NetworkRules] = {}
        #: Per attached file, the chosen networks that want a fitted copy of it.
        self.fits: dict[Path, list[FitOption]] = {}
        self._media_panel: MediaPanel | None = None
        self._banner: MessageBanner | None = None
        self._base_overflow: int | None = None
        #: The counters' tooltip texts, translated once (they are filled on every keystroke).
        self._tip_texts = (self.tr("{count} {unit} of {limit}"), self.tr("({over} over)"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        editor.textChanged.connect(self._on_editor_text_changed)
        tabs.variant_edited.connect(self._on_tabs_variant_edited)
        tabs.currentChanged.connect(self._on_tabs_current_changed)
        problems.fit_requested.connect(self._on_problems_fit_requested)

    # ---- inputs ----------------------------------------------------------------------

    def set_targets(
        self,
        brand: Brand | None,
        accounts: Sequence[Account],
        variants: dict[int, str] | None = None,
    ) -> None:
        self.brand = brand
        self.accounts = list(accounts)
        self._rules = {a.id: rules_for_account(a) for a in self.accounts}
        self.tabs.set_targets(self.accounts, variants)
        self.counters.set_accounts([(a.id, a.network, a.handle) for a in self.accounts])
        for tab in self.tabs.tabs.values():
            tab.preview_stale = True
            if brand is not None:
                tab.preview.set_identity(brand.color, brand.name[:1].upper() or "?")
        self._refresh_fits()
        self.refresh_counts()
        self.flush()

    def set_media(self, media: Sequence[MediaInfo], images: Sequence[QImage]) -> None:
        self.media, self.images = list(media), list(images)
        self._refresh_fits()
        self._schedule()

    # ---- media fitting ---------------------------------------------------------------

    def attach(self, panel: MediaPanel, banner: MessageBanner) -> None:
        """Wire the composer's attachments and banner: fit notices go to the banner, the
        problems list's fit requests to the attachments."""
        self._media_panel = panel
        self._banner = banner
        panel.notice.connect(self._on_media_notice)

    def media_panel(self) -> MediaPanel | None:
        return self._media_panel

    def _refresh_fits(self) -> None:
        """Ask each chosen network's rules what each image would need (cheap arithmetic)."""
        fits: dict[Path, list[FitOption]] = {}
        networks = {a.network: self._rules[a.id] for a in self.accounts}
        for info in self.media:
            if not info.mime.startswith("image/"):
                continue
            for net, rules in networks.items():
                fit: FitSuggestion | None = rules.suggest_fit(info)
                if fit is not None:
                    fits.setdefault(info.path, []).append((net, fit))
        self.fits = fits
        panel = self.media_panel()
        if panel is not None:
            panel.show_fits(fits)

    def _fit_path(self, network: Network, media_index: int) -> Path | None:
        if not 0 <= media_index < len(self.media):
            return None
        path = self.media[media_index].path
        return path if any(n == network for n, _ in self.fits.get(path, [])) else None

    def set_content_warning(self, text: str) -> None:
        self.content_warning = text
        self.refresh_counts()
        self._schedule()

    # ---- the keystroke path ----------------------------------------------------------

    def refresh_counts(self) -> None:
        """Count every target's text the network's way; colour counters, mark overflow."""
        text = self.editor.toPlainText()
        variants = self.tabs.variants()
        base_overflow: list[int] = []
        self.reports = {}
        for acc in self.accounts:
            variant = variants.get(acc.id)
            body = text if variant is None else variant
            report = self._rules[acc.id].count(body, self.content_warning)
            self.reports[acc.id] = report
            label = acc.network.label
            self.counters.badges[acc.id].show_report(
                label, report, f"{label} · {acc.handle}: {self.count_tooltip(report)}"
            )
            self.tabs.show_count(acc.id, report)
            start = overflow_of(report)
            if variant is None:
                if start is not None:
                    base_overflow.append(start)
            else:
                tab = self.tabs.tabs[acc.id]
                tab.show_count(report)
                highlight_overflow(tab.variant_edit, body, start)
        if not self.accounts:
            self.counters.show_fallback(
                self.tr("{count} characters · tick accounts to see each network's count").format(
                    count=len(text)
                )
            )
        start = min(base_overflow) if base_overflow else None
        if start is not None or self._base_overflow is not None:
            highlight_overflow(self.editor, text, start)
        self._base_overflow = start
        self._update_gate()

    def count_tooltip(self, report: LengthReport) -> str:
        """ "2,920 characters of 300 (2,620 over) · 3,464 bytes of 3,000 (464 over)": what
        a counter's tooltip adds to it (the problems list's messages name only limits)."""
        parts = [(report.length, report.limit, report.unit)]
        if report.bytes is not None and report.byte_limit is not None:
            parts.append((report.bytes, report.byte_limit, "bytes"))
        of, over = self._tip_texts
        texts = []
        for count, limit, unit in parts:
            text = of.format(count=f"{count:,}", unit=unit, limit=f"{limit:,}")
            if count > limit:
                text += " " + over.format(over=f"{count - limit:,}")
            texts.append(text)
        return " · ".join(texts)

    def _threads(self, account: Account) -> bool:
        return bool(self._rules[account.id].supports_threads)

    def _update_gate(self) -> None:
        """Length errors from the counts just made, other errors from the last full check."""
        reasons = []
        for acc in self.accounts:
            report = self.reports.get(acc.id)
            # Too long on a network with threads is fine: it goes out as the thread previewed.
            # The limit, not the count: a reason that changed on every keystroke would set
            # the buttons' tooltips again on every keystroke (the counter has the count).
            if report is not None and not report.fits and not self._threads(acc):
                over_bytes = report.length <= report.limit and report.byte_limit is not None
                limit, unit = (
                    (report.byte_limit, "bytes") if over_bytes else (report.limit, report.unit)
                )
                reasons.append(
                    self.tr("{account}: longer than the {limit} {unit} it allows").format(
                        account=f"{acc.network.label} ({acc.handle})",
                        limit=f"{limit:,}",
                        unit=unit,
                    )
                )
        for check in self.checks:
            for p in check.problems:
                if p.level == ProblemLevel.ERROR and p.code not in LENGTH_CODES:
                    acc = check.account
                    if acc.id in self.reports:
                        reasons.append(f"{acc.network.label} ({acc.handle}): {p.message}")
                    break
        gate = "; ".join(reasons)
        if gate != self.gate:
            self.gate = gate
            self.gate_changed.emit(gate)

    # ---- the full path ---------------------------------------------------------------

    def _schedule(self) -> None:
        self._timer.start(0 if self.last_full_ms < FAST_MS else PAUSE_MS)

    def flush(self) -> None:
        """Run the full checks and redraw the visible preview now."""
        self._timer.stop()
        t0 = time.perf_counter()
        variants = {a: v for a, v in self.tabs.variants().items() if v is not None}
        self.checks = check_targets(
            self.editor.toPlainText(),
            self.accounts,
            variants=variants,
            media=self.media,
            content_warning=self.content_warning,
        )
        self.problems.show_rows(problem_rows(self.checks, self._fit_path))
        self._update_gate()
        for tab in self.tabs.tabs.values():
            tab.preview_stale = True
        self.render_current()
        self.last_full_ms = (time.perf_counter() - t0) * 1000

    def render_current(self) -> None:
        tab = self.tabs.current_tab()
        if tab is not None and tab.preview_stale:
            self.render(tab)

    def render(self, tab: TargetTab) -> None:
        acc = tab.account
        variant = tab.variant()
        body = self.editor.toPlainText() if variant is None else variant
        brand_name = self.brand.name if self.brand else ""
        preview = render_preview(
            self._rules[acc.id],
            body,
            display_name=acc.display_name or brand_name,
            handle=acc.handle,
            media=self.media,
            content_warning=self.content_warning,
        )
        tab.preview.show_preview(preview, self.images)
        tab.preview_stale = False

    def check_for(self, account_id: int) -> TargetCheck | None:
        return next((c for c in self.checks if c.account.id == account_id), None)

    # ---- slots -----------------------------------------------------------------------

    @Slot()
    def _on_editor_text_changed(self) -> None:
        self.refresh_counts()
        self._schedule()

    @Slot(int)
    def _on_tabs_variant_edited(self, _account_id: int) -> None:
        self.refresh_counts()
        self._schedule()

    @Slot(int)
    def _on_tabs_current_changed(self, _index: int) -> None:
        self.render_current()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.flush()

    @Slot(str, str)
    def _on_problems_fit_requested(self, path: str, network: str) -> None:
        panel = self.media_panel()
        if panel is not None:
            panel.fit(Path(path), Network(network))

    @Slot(str, str)
    def _on_media_notice(self, message: str, hint: str) -> None:
        if self._banner is not None:
            self._banner.show_message(message, hint, error=False)
