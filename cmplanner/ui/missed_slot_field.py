"""The brand form's "when a post's time passed unattended" choice: ask, late up to N min, skip."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from cmplanner.domain.enums import MissedSlotPolicy

#: The longest lateness the form offers (the service checks the same bound).
MAX_MINUTES = 24 * 60


class MissedSlotField(QWidget):
    """A policy combo and, for "publish late", the minutes it may be late.

    Signals:
        edited(): the user changed the policy or the minutes.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.policy_combo = QComboBox(self)
        self.policy_combo.setObjectName("brand_missed_policy")
        self.policy_combo.addItem(self.tr("Ask me"), MissedSlotPolicy.ASK.value)
        self.policy_combo.addItem(self.tr("Publish late, up to"), MissedSlotPolicy.LATE.value)
        self.policy_combo.addItem(self.tr("Skip it"), MissedSlotPolicy.SKIP.value)
        self.policy_combo.setToolTip(
            self.tr(
                "What happens to a post whose time passed while this computer slept, was "
                "off or offline (more than 15 minutes late)."
            )
        )
        self.minutes = QSpinBox(self)
        self.minutes.setObjectName("brand_missed_minutes")
        self.minutes.setRange(1, MAX_MINUTES)
        self.minutes.setSuffix(self.tr(" min late"))
        self.minutes.setAccessibleName(self.tr("Minutes a post may be late"))
        self.note = QLabel(self)
        self.note.setEnabled(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.policy_combo)
        row.addWidget(self.minutes)
        row.addWidget(self.note, 1)
        self.policy_combo.currentIndexChanged.connect(self._on_policy_combo_changed)
        self.minutes.valueChanged.connect(self._on_minutes_value_changed)
        self.set_value(MissedSlotPolicy.ASK, 60)

    def set_value(self, policy: MissedSlotPolicy, minutes: int) -> None:
        self.policy_combo.blockSignals(True)
        self.minutes.blockSignals(True)
        self.policy_combo.setCurrentIndex(max(0, self.policy_combo.findData(policy.value)))
        self.minutes.setValue(min(max(minutes, 1), MAX_MINUTES))
        self.policy_combo.blockSignals(False)
        self.minutes.blockSignals(False)
        self._show_policy()

    def policy(self) -> MissedSlotPolicy:
        return MissedSlotPolicy(str(self.policy_combo.currentData()))

    def value(self) -> tuple[MissedSlotPolicy, int]:
        return self.policy(), self.minutes.value()

    def _show_policy(self) -> None:
        policy = self.policy()
        self.minutes.setVisible(policy is MissedSlotPolicy.LATE)
        self.note.setText(
            {
                MissedSlotPolicy.ASK: self.tr("the window lists it with Publish now / Skip"),
                MissedSlotPolicy.LATE: self.tr("later than that: ask me"),
                MissedSlotPolicy.SKIP: self.tr("it goes back to Ready with a note"),
            }[policy]
        )

    @Slot(int)
    def _on_policy_combo_changed(self, _index: int) -> None:
        self._show_policy()
        self.edited.emit()

    @Slot(int)
    def _on_minutes_value_changed(self, _value: int) -> None:
        self.edited.emit()
